#pragma once

#include "storage/aggregate.h"
#include "storage/query.h"
#include "storage/tier.h"
#include "util/result.h"

#include <QHash>
#include <QList>

#include <array>

#include <optional>

namespace stackscope::storage {

class Database;

struct Bucket
{
    qint64 start = 0;
    Aggregate aggregate;
};

// Reads and writes the rollup tables (rollup_1m, rollup_1h, rollup_1d). One row per series and bucket.
//
// Ingest mostly touches each series' newest bucket, or opens a newer one. So per tier and series the newest
// stored bucket is known (learnt once from the table, then kept up to date): merging into it costs one UPDATE,
// and a newer bucket is a plain INSERT, with no SELECT on the hot path. The cache only ever holds what this
// connection committed or is about to commit; forget() drops it after a rollback or a bulk delete.
class RollupTables
{
public:
    explicit RollupTables(Database &db);

    Result<std::optional<Aggregate>> load(Tier tier, qint64 seriesId, qint64 bucket);
    Status store(Tier tier, qint64 seriesId, qint64 bucket, const Aggregate &aggregate); // empty: delete
    Status merge(Tier tier, qint64 seriesId, qint64 bucket, const Aggregate &delta);
    Result<QList<Bucket>> read(Tier tier, qint64 seriesId, qint64 fromMs, qint64 toMs);
    // For queries: reads only the columns `aggregation` needs (plus count), which halves the cost of a long
    // range. The other fields of the returned aggregates are left at their neutral values.
    Result<QList<Bucket>> readFor(Aggregation aggregation, Tier tier, qint64 seriesId, qint64 fromMs, qint64 toMs);
    // The aggregate of all rows of `tier` in [fromMs, toMs): how a coarser bucket is rebuilt from a finer tier.
    Result<Aggregate> combine(Tier tier, qint64 seriesId, qint64 fromMs, qint64 toMs);
    Result<qint64> deleteBefore(Tier tier, qint64 seriesId, qint64 cutoffMs);
    Status deleteRange(Tier tier, qint64 seriesId, qint64 fromMs, qint64 toMs);
    Status insert(Tier tier, qint64 seriesId, qint64 bucket, const Aggregate &aggregate); // a bucket known to be new
    void forget();

private:
    struct Latest
    {
        qint64 bucket;
        Aggregate aggregate;
    };
    Status write(Tier tier, qint64 seriesId, qint64 bucket, const Aggregate &aggregate, bool knownToExist);
    void remember(Tier tier, qint64 seriesId, qint64 bucket, const Aggregate &aggregate);

    Database &m_db;
    std::array<QHash<qint64, Latest>, 3> m_latest;
};

} // namespace stackscope::storage
