#pragma once

#include "dashboard/dashboardspec.h"
#include "util/result.h"

#include <QList>

namespace stackscope::storage { class Database; }

namespace stackscope::dashboard {

// Stored dashboards (D2), over the `dashboards` table. Removal is soft (P4): kTrashDays in the trash, then
// purged. Lives on the store thread like every repository (use StoreService::run).
class DashboardRepository
{
public:
    static constexpr int kTrashDays = 7;

    explicit DashboardRepository(storage::Database &db);

    Result<Dashboard> add(Dashboard dashboard, qint64 nowMs);    // fills id, uuid (if empty), times
    Status update(const Dashboard &dashboard, qint64 nowMs);     // name, project, position, spec
    Result<QList<Dashboard>> list(bool includeRemoved = false);
    Result<Dashboard> get(qint64 id);
    Status remove(qint64 id, qint64 nowMs);
    Status restore(qint64 id);
    Status purgeExpired(qint64 nowMs);

private:
    storage::Database &m_db;
};

} // namespace stackscope::dashboard
