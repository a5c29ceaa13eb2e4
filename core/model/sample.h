#pragma once

#include <QList>
#include <QMap>
#include <QString>

namespace stackscope {

// Label sets are kept sorted by key so that one set has one canonical form.
using Labels = QMap<QString, QString>;

enum class MetricKind { Gauge, Counter };

struct MetricInfo
{
    QString name;
    QString unit;
    MetricKind kind = MetricKind::Gauge;
    QString description;
};

struct TimedValue
{
    qint64 ts = 0; // Unix epoch milliseconds
    double value = 0.0;
    friend bool operator==(const TimedValue &, const TimedValue &) = default;
};

// One observation of one series, as it enters the store.
struct MetricSample
{
    QString metric;
    Labels labels;
    qint64 ts = 0;
    double value = 0.0;
};

using SampleBatch = QList<MetricSample>;

} // namespace stackscope
