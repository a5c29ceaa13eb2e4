#include "alerts/serviceactivityreader.h"

#include "storage/database.h"
#include "storage/metricstore.h"
#include "storage/servicerepository.h"

#include <QHash>

#include <algorithm>

namespace stackscope::alerts {

namespace {

struct Newest
{
    qint64 lastTs = 0;
    qint64 spacingMs = 0;
};

// The newest sample of one series and the gap between its two newest hourly buckets; none without data.
Result<std::optional<Newest>> newestOf(storage::Database &db, qint64 seriesId)
{
    storage::Statement &query =
        db.prepare("SELECT bucket, last_ts FROM rollup_1h WHERE series_id = ?1 ORDER BY bucket DESC LIMIT 2;");
    query.bind(1, seriesId);
    std::optional<Newest> newest;
    qint64 firstBucket = 0;
    while (query.step()) {
        if (!newest) {
            newest = Newest{query.int64(1), 0};
            firstBucket = query.int64(0);
        } else {
            newest->spacingMs = firstBucket - query.int64(0);
        }
    }
    if (!query.ok())
        return query.error(QStringLiteral("reading a series' newest sample"));
    return newest;
}

QString serviceKey(const QString &project, const QString &service)
{
    return project + QLatin1Char('\x1f') + service;
}

} // namespace

Result<QList<ServiceStatus>> readServiceStatuses(storage::MetricStore &store)
{
    auto configs = store.services().list();
    if (!configs)
        return configs.error();
    QList<ServiceStatus> statuses;
    if (configs->isEmpty())
        return statuses;

    QHash<QString, int> byKey;
    for (const ServiceConfig &config : configs.value()) {
        ServiceStatus status;
        status.config = config;
        auto health = store.services().health(config.id);
        if (!health)
            return health.error();
        status.health = health.value();
        byKey.insert(serviceKey(config.project, config.name), int(statuses.size()));
        statuses.append(std::move(status));
    }

    auto series = store.listSeries();
    if (!series)
        return series.error();
    const QString serviceLabel = QStringLiteral("service");
    const QString projectLabel = QStringLiteral("project");
    for (const storage::SeriesInfo &info : series.value()) {
        const auto serviceIt = info.labels.constFind(serviceLabel);
        if (serviceIt == info.labels.cend())
            continue;
        const QString project = info.project.isEmpty() ? info.labels.value(projectLabel) : info.project;
        const auto it = byKey.constFind(serviceKey(project, serviceIt.value()));
        if (it == byKey.cend())
            continue;
        auto newest = newestOf(store.database(), info.id);
        if (!newest)
            return newest.error();
        if (!newest.value())
            continue;
        ServiceActivity &activity = statuses[it.value()].activity;
        if (!activity.newestSampleMs || newest.value()->lastTs > *activity.newestSampleMs) {
            activity.newestSampleMs = newest.value()->lastTs;
            activity.sampleSpacingMs = newest.value()->spacingMs;
        }
    }
    return statuses;
}

} // namespace stackscope::alerts
