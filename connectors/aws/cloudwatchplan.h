#pragma once

#include "awsmapper.h"

#include <QJsonObject>
#include <QMap>
#include <QUrl>

// What to ask CloudWatch for: the service's settings, the resources found with ListMetrics (the "inventory",
// kept in the fetch cursor), the GetMetricData queries they give, and how a fetch window is cut into calls.
// Pure functions; docs/connectors/aws.md explains the choices.
namespace stackscope::connectors::aws {

struct Settings
{
    QString region;
    QStringList ec2Instances;
    QStringList lambdaFunctions;
    QStringList rdsInstances;
    QStringList s3Buckets;
    QStringList apis;       // API Gateway: ApiName (REST) or ApiId (HTTP API), optionally "<api>/<stage>"
    QString s3RequestFilterId;
    int period = 300;       // seconds, for every metric but the daily S3 storage ones

    static Result<Settings> fromMap(const QMap<QString, QString> &settings);
    // Changes when a setting that decides discovery changes (the cached inventory is then stale).
    QString discoveryKey() const;
};

// https://monitoring.<region>.amazonaws.com (.amazonaws.com.cn for the China regions).
QUrl endpointForRegion(const QString &region);

// One ListMetrics query of the discovery, under a stable key.
struct DiscoveryCall
{
    QString key;   // "ec2", "cwagent", "lambda", "rds", "s3", "s3requests", "apigateway"
    QString ns;
    QString metricName;
    Dimensions filters;
};

// Who publishes what, as ListMetrics last said.
struct Inventory
{
    qint64 discoveredAtMs = 0;
    QString key;                              // Settings::discoveryKey() it was made for
    QMap<QString, QList<CloudWatchMetric>> found; // DiscoveryCall::key → metrics seen

    QJsonObject toJson() const;
    static Inventory fromJson(const QJsonObject &object);
};

namespace plan {

inline constexpr qint64 kDayMs = 86'400'000;
inline constexpr int kDailyPeriod = 86'400;
inline constexpr qint64 kInventoryMaxAgeMs = 60 * 60 * 1000;
inline constexpr int kMaxBackfillDays = 14;
inline constexpr qint64 kReReadMs = 15 * 60 * 1000; // every fetch reads at least the last 15 minutes

// The ListMetrics calls a service needs: resources the settings do not list are discovered.
QList<DiscoveryCall> discoveryCalls(const Settings &settings);
bool inventoryIsFresh(const Inventory &inventory, const Settings &settings, qint64 nowMs);
// Adds what one discovery call's ListMetrics page found, keeping only the dimension sets Stackscope reads.
void addFound(Inventory &inventory, const QString &key, const QList<CloudWatchMetric> &metrics);

// Every GetMetricData query, from the settings' lists or else the inventory. Daily queries (period 86400) and
// the others come back in one list; split them with isDaily().
QList<SeriesQuery> queries(const Settings &settings, const Inventory &inventory);
inline bool isDaily(const SeriesQuery &query) { return query.period == kDailyPeriod; }

// CloudWatch's rule for how old data may be asked for at which period: StartTime under 15 days ago any
// multiple of 60; 15–63 days a multiple of 300; older a multiple of 3600 (else no data comes back).
int effectivePeriod(int period, qint64 startMs, qint64 nowMs);

struct TimeRange
{
    qint64 fromMs = 0;
    qint64 toMs = 0;
    friend bool operator==(const TimeRange &, const TimeRange &) = default;
};

// [fromMs, toMs) cut at UTC midnights, oldest first.
QList<TimeRange> slices(qint64 fromMs, qint64 toMs);
// StartTime/EndTime (seconds) covering [range.fromMs, range.toMs) with whole periods: both ends on period
// boundaries, so that a re-read gives the same timestamps.
QPair<qint64, qint64> alignedSeconds(const TimeRange &range, int period);

} // namespace plan

} // namespace stackscope::connectors::aws
