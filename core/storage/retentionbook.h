#pragma once

#include "storage/metricstore.h"
#include "storage/tier.h"

#include <QHash>

namespace stackscope::storage {

class Database;

// Retention policies per project (projects table) with the workspace defaults (meta table) for series that
// belong to no project. Answers "from when on is tier T of project P complete?", which the rollup corrections
// and the query tier fallback rely on.
class RetentionBook
{
public:
    explicit RetentionBook(Database &db);
    Status load();

    RetentionPolicy policy(qint64 projectId) const;     // 0: workspace default
    Status setPolicy(qint64 projectId, const RetentionPolicy &policy);
    // Oldest timestamp the tier still keeps for that project at `nowMs`; INT64_MIN when kept forever.
    qint64 cutoff(Tier tier, qint64 projectId, qint64 nowMs) const;

    static std::optional<int> days(const RetentionPolicy &policy, Tier tier);

private:
    Database &m_db;
    RetentionPolicy m_default;
    QHash<qint64, RetentionPolicy> m_projects;
};

} // namespace stackscope::storage
