#pragma once

#include "model/sample.h"
#include "util/error.h"
#include "util/result.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

// CloudWatch over AWS JSON 1.0 (docs/connectors/aws.md): request bodies, response parsing and error mapping, as
// pure functions. No network, no clock, no event loop. Field names follow the botocore model
// (botocore/data/cloudwatch/2010-08-01/service-2.json); timestamps are Unix epoch seconds on the wire.
namespace stackscope::connectors::aws {

using ResponseHeaders = QList<QPair<QByteArray, QByteArray>>;

struct Dimension
{
    QString name;
    QString value; // empty in a ListMetrics filter: "has this dimension, any value"
    friend bool operator==(const Dimension &, const Dimension &) = default;
};
using Dimensions = QList<Dimension>;

// A metric as CloudWatch names it.
struct CloudWatchMetric
{
    QString ns;
    QString name;
    Dimensions dimensions;
    friend bool operator==(const CloudWatchMetric &, const CloudWatchMetric &) = default;
};

// One series to read with GetMetricData, and what it becomes in Stackscope.
struct SeriesQuery
{
    CloudWatchMetric source;
    QString stat;       // "Average", "Sum"
    int period = 300;   // seconds
    QString metric;     // "aws.ec2.cpu_utilization"
    Labels labels;
};

struct MetricDataPage
{
    SampleBatch samples;
    QString nextToken;
    QStringList problems; // plain words about results that were not Complete (Forbidden, InternalError, …)
};

struct ListMetricsPage
{
    QList<CloudWatchMetric> metrics;
    QString nextToken;
};

enum class AlarmState { Ok = 0, Alarm = 1, InsufficientData = 2 };

struct AlarmStatus
{
    QString name;
    QString type; // "metric" | "composite"
    AlarmState state = AlarmState::Ok;
};

struct AlarmsPage
{
    QList<AlarmStatus> alarms;
    QString nextToken;
};

namespace wire {

inline constexpr char kContentType[] = "application/x-amz-json-1.0";
inline constexpr char kTargetPrefix[] = "GraniteServiceVersion20100801.";
inline constexpr int kMaxQueriesPerCall = 500;

// GetMetricData: queries get the ids q0, q1, … in order (an Id must start with a lower-case letter).
QByteArray getMetricDataBody(const QList<SeriesQuery> &queries, qint64 startSeconds, qint64 endSeconds,
                             const QString &nextToken = {});
QByteArray listMetricsBody(const QString &ns, const QString &metricName, const Dimensions &filters,
                           const QString &nextToken = {});
// Metric and composite alarms; maxRecords 0 leaves CloudWatch's default.
QByteArray describeAlarmsBody(int maxRecords, const QString &nextToken = {});

// `queries` is the batch the request was built from: result "q<i>" belongs to queries[i].
Result<MetricDataPage> parseGetMetricData(const QByteArray &body, const QList<SeriesQuery> &queries);
Result<ListMetricsPage> parseListMetrics(const QByteArray &body);
Result<AlarmsPage> parseDescribeAlarms(const QByteArray &body);

// aws.cloudwatch.alarm_state (0 OK, 1 ALARM, 2 INSUFFICIENT_DATA) per alarm, and aws.cloudwatch.alarms per state.
SampleBatch alarmSamples(const QList<AlarmStatus> &alarms, qint64 tsMs);

// An AWS error answer (HTTP 4xx with a JSON or XML body) as an Error in plain words: throttling → RateLimited,
// rejected or insufficient credentials → Auth, a wrong clock → Config, the rest → Config with AWS's words.
// The code comes from x-amzn-query-error ("Throttling;Sender"), else the body's __type, else XML <Code>.
Error errorFromResponse(int status, const ResponseHeaders &headers, const QByteArray &body, const QString &operation);
QString errorCode(const ResponseHeaders &headers, const QByteArray &body);

} // namespace wire

} // namespace stackscope::connectors::aws
