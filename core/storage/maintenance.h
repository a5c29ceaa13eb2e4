#pragma once

#include "storage/metricstore.h"
#include "util/result.h"

namespace stackscope::storage {

class Database;
class MinuteTier;
class RawTier;
class RetentionBook;
class RollupTables;
class SeriesCatalog;

// The background work of the store: compaction of closed raw blocks into chunks (which also writes the
// block's minute rows), then retention per tier.
// Work is done in small transactions (one block, or one series and tier), so a writer queued behind it never
// waits for more than one of them.
class Maintenance
{
public:
    // A block is compacted once its end is this far in the past: late samples usually arrive within minutes.
    static constexpr qint64 kCompactionGraceMs = 3'600'000;

    Maintenance(Database &db, SeriesCatalog &catalog, RawTier &raw, RollupTables &rollups, MinuteTier &minutes,
                const RetentionBook &retention);

    Result<MaintenanceReport> compact(qint64 nowMs);
    Result<MaintenanceReport> applyRetention(qint64 nowMs);

private:
    Status inTransaction(const std::function<Status()> &work);

    Database &m_db;
    SeriesCatalog &m_catalog;
    RawTier &m_raw;
    RollupTables &m_rollups;
    MinuteTier &m_minutes;
    const RetentionBook &m_retention;
};

} // namespace stackscope::storage
