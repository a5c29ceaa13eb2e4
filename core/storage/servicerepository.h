#pragma once

#include "model/serviceconfig.h"
#include "util/result.h"

#include <QList>

namespace stackscope::storage {

class Database;
class SeriesCatalog;

// Configured services (P2) and their polling health (C4), in the workspace database. Removal is soft: a removed
// service stays recoverable for kTrashDays (P4) and is then purged by maintenance.
class ServiceRepository
{
public:
    static constexpr int kTrashDays = 7;

    ServiceRepository(Database &db, SeriesCatalog &catalog);

    Result<ServiceConfig> add(ServiceConfig config);   // fills id and uuid; creates the project if needed
    Status update(const ServiceConfig &config);        // name, settings, base URL, interval, enabled
    Result<QList<ServiceConfig>> list(bool includeRemoved = false);
    Result<ServiceConfig> get(qint64 id);
    Status remove(qint64 id, qint64 nowMs);
    Status restore(qint64 id);

    Result<ServiceHealth> health(qint64 id);
    Status saveHealth(qint64 id, const ServiceHealth &health, const QJsonObject &cursor);

    struct HealthUpdate
    {
        qint64 id = 0;
        ServiceHealth health;
        QJsonObject cursor;
    };
    // Several services' health in one transaction (one fsync, however many services just ran).
    Status saveHealth(const QList<HealthUpdate> &updates);

private:
    Database &m_db;
    SeriesCatalog &m_catalog;
};

} // namespace stackscope::storage
