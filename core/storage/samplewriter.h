#pragma once

#include "model/sample.h"
#include "storage/metricstore.h"
#include "util/result.h"

namespace stackscope {
class Clock;
}

namespace stackscope::storage {

class Database;
class RawTier;
class RetentionBook;
class RollupTables;
class SeriesCatalog;

// Writes one batch of samples: raw tier plus every rollup tier, in the caller's transaction.
//
// New samples (the common case: appends) only add to rollups, merged in memory per bucket first, so a batch of
// N samples touches about N/4 minute rows for 15-second data. A re-sent sample whose value changed replaces the
// old one (last write wins) and its buckets are rebuilt from the next finer tier: the minute from raw samples,
// the hour from minutes, the day from hours. When that finer tier has already expired for the bucket, the
// bucket is corrected arithmetically instead (sum, count and last exact; min/max can only widen).
class SampleWriter
{
public:
    SampleWriter(Database &db, SeriesCatalog &catalog, RawTier &raw, RollupTables &rollups,
                 const RetentionBook &retention, const Clock &clock);

    Result<IngestReport> write(const SampleBatch &batch);

private:
    Database &m_db;
    SeriesCatalog &m_catalog;
    RawTier &m_raw;
    RollupTables &m_rollups;
    const RetentionBook &m_retention;
    const Clock &m_clock;
};

} // namespace stackscope::storage
