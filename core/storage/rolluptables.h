#pragma once

#include "storage/aggregate.h"
#include "storage/tier.h"
#include "util/result.h"

#include <QList>

#include <optional>

namespace stackscope::storage {

class Database;

struct Bucket
{
    qint64 start = 0;
    Aggregate aggregate;
};

// Reads and writes the rollup tables (rollup_1m, rollup_1h, rollup_1d). One row per series and bucket.
class RollupTables
{
public:
    explicit RollupTables(Database &db);

    Result<std::optional<Aggregate>> load(Tier tier, qint64 seriesId, qint64 bucket);
    Status store(Tier tier, qint64 seriesId, qint64 bucket, const Aggregate &aggregate); // empty: delete
    Status merge(Tier tier, qint64 seriesId, qint64 bucket, const Aggregate &delta);
    Result<QList<Bucket>> read(Tier tier, qint64 seriesId, qint64 fromMs, qint64 toMs);
    // The aggregate of all rows of `tier` in [fromMs, toMs): how a coarser bucket is rebuilt from a finer tier.
    Result<Aggregate> combine(Tier tier, qint64 seriesId, qint64 fromMs, qint64 toMs);
    Result<qint64> deleteBefore(Tier tier, qint64 seriesId, qint64 cutoffMs);

private:
    Database &m_db;
};

} // namespace stackscope::storage
