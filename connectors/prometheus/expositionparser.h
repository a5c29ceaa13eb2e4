#pragma once

#include "model/sample.h"
#include "util/result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

#include <optional>
#include <vector>

// A pure, defensive parser for the Prometheus text exposition format 0.0.4 and the OpenMetrics text format
// 1.0. Untrusted input: a malformed line gives Error::Code::Parse naming the line, never an exception, a crash
// or a silently dropped sample. See docs/connectors/prometheus.md for what is accepted.
namespace stackscope::connectors::prometheus {

enum class ExpositionFormat {
    PrometheusText, // text/plain; version=0.0.4: timestamps in milliseconds
    OpenMetrics,    // application/openmetrics-text; version=1.0.0: timestamps in seconds, ends with "# EOF"
};

enum class MetricType { Untyped, Counter, Gauge, Histogram, GaugeHistogram, Summary, Info, StateSet, Unknown };

QString typeName(MetricType type);

// A metric family as its "# TYPE" / "# HELP" / "# UNIT" lines describe it.
struct MetricFamily
{
    QString name;
    MetricType type = MetricType::Untyped;
    QString help;
    QString unit;
};

struct ParsedSample
{
    QString name;                      // as exposed: "http_requests_total", "rpc_seconds_bucket"
    Labels labels;                     // as exposed (unescaped)
    double value = 0.0;                // always finite
    std::optional<qint64> timestampMs; // the sample's own timestamp, when it has one
    MetricKind kind = MetricKind::Gauge;
    int family = -1;                   // index into Exposition::families; -1 when no # TYPE/# HELP names it
    int line = 0;
};

struct ParseOptions
{
    QByteArray metricPrefix;        // keep only samples whose metric name starts with it; empty keeps all
    qsizetype maxSamples = 100'000; // more kept samples than this is an error (Error::Code::Config)
};

struct Exposition
{
    ExpositionFormat format = ExpositionFormat::PrometheusText;
    QList<MetricFamily> families;
    std::vector<ParsedSample> samples; // kept, finite samples in exposition order
    qsizetype lines = 0;
    qsizetype nonFinite = 0;           // NaN / +Inf / -Inf samples skipped (the store only holds finite values)
    qsizetype filteredOut = 0;         // samples outside ParseOptions::metricPrefix
    bool sawEof = false;               // "# EOF" (OpenMetrics)
};

Result<Exposition> parseExposition(QByteArrayView text, ExpositionFormat format, const ParseOptions &options = {});

// Counter for counter samples and the cumulative parts of histograms and summaries (_bucket, _count, _sum);
// Gauge for everything else (gauges, quantiles, _created timestamps, info, stateset, untyped, unknown).
MetricKind kindOf(MetricType type, QByteArrayView suffix);

} // namespace stackscope::connectors::prometheus
