#pragma once

#include "model/sample.h"
#include "storage/metricstore.h"
#include "util/result.h"

namespace stackscope {
class Clock;
}

namespace stackscope::storage {

class Database;
class MinuteTier;
class RawTier;
class RetentionBook;
class RollupTables;
class SeriesCatalog;

// Writes one batch of samples: raw tier plus every rollup tier, in the caller's transaction.
//
// New samples (the common case: appends) go into one encoded raw segment per series and only add to the hour and
// day rollups, merged in memory per bucket first: a batch costs about three row writes per series, however many
// samples it carries. Minute rows belong to compacted blocks only (MinuteTier). A re-sent sample whose value changed replaces the
// old one (last write wins) and its buckets are rebuilt from the next finer tier: the minute from raw samples,
// the hour from minutes, the day from hours. When that finer tier has already expired for the bucket, the
// bucket is corrected arithmetically instead (sum, count and last exact; min/max can only widen).
class SampleWriter
{
public:
    SampleWriter(Database &db, SeriesCatalog &catalog, RawTier &raw, RollupTables &rollups, MinuteTier &minutes,
                 const RetentionBook &retention, const Clock &clock);

    Result<IngestReport> write(const SampleBatch &batch);

private:
    Database &m_db;
    SeriesCatalog &m_catalog;
    RawTier &m_raw;
    RollupTables &m_rollups;
    MinuteTier &m_minutes;
    const RetentionBook &m_retention;
    const Clock &m_clock;
};

} // namespace stackscope::storage
