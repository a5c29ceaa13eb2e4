#pragma once

#include "expositionparser.h"

#include "model/sample.h"
#include "util/result.h"

#include <QMap>
#include <QString>
#include <QUrl>

// Pure functions for the Prometheus/OpenMetrics scrape connector: settings, content negotiation and one
// scrape's body to samples. No network, no event loop.
namespace stackscope::connectors::prometheus {

inline constexpr qsizetype kMaxBodyBytes = 16LL * 1024 * 1024;
inline constexpr qsizetype kMaxSeries = 100'000;
inline constexpr char kAcceptHeader[] = "application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5";

struct ScrapeSettings
{
    QUrl url;                // the scrape URL
    QByteArray metricPrefix; // empty: keep every family
    QString job;             // empty: no job label
};

// `settings` are the service's (url, metric_prefix, job). A relative `url` ("/metrics") is resolved against
// `baseUrlOverride` when the service has one. Only https://, or http:// to this computer, is accepted.
Result<ScrapeSettings> parseSettings(const QMap<QString, QString> &settings, const QUrl &baseUrlOverride);

// "text/plain; version=0.0.4" (or no Content-Type at all) -> PrometheusText;
// "application/openmetrics-text; version=1.0.0" -> OpenMetrics; anything else is an error in plain words.
Result<ExpositionFormat> formatFromContentType(QByteArrayView contentType);

struct ScrapeResult
{
    SampleBatch samples;
    ExpositionFormat format = ExpositionFormat::PrometheusText;
    qsizetype families = 0;
    qsizetype nonFinite = 0;   // NaN / ±Inf samples skipped
    qsizetype filteredOut = 0; // outside metric_prefix
    qsizetype rejected = 0;    // beyond what the store accepts (name or label too long, too many labels, time)
    QString firstRejection;    // why the first rejected sample was refused, for the log
};

// One scrape's body -> samples. Labels are kept as exposed, plus "job" when configured; exposed labels that
// would collide with labels Stackscope sets ("project", "service", and "job" when configured) are renamed
// "exported_<name>", as Prometheus does. Samples without their own timestamp get `scrapeTimeMs` truncated to
// the whole second, so scraping twice within one second stores the same points.
Result<ScrapeResult> mapScrape(QByteArrayView body, QByteArrayView contentType, qint64 scrapeTimeMs,
                               const ScrapeSettings &settings);

// "1234 series from 56 families (2 NaN/Inf values skipped)" — for the log and the connection test.
QString describe(const ScrapeResult &result);

} // namespace stackscope::connectors::prometheus
