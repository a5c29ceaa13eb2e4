#pragma once

#include "model/sample.h"
#include "storage/rolluptables.h"
#include "util/result.h"

#include <QList>

namespace stackscope::storage {

class RawTier;

// The 1-minute tier. Its rows are written when a block (a UTC day) is compacted, not on every ingest: while a
// block is open, its minutes are computed from the block's raw samples when asked for (a day of 15-second data
// is 5,760 samples, decoded in well under a millisecond). That keeps ingest to one raw segment, one hour row and
// one day row per series and batch, instead of a row for every minute touched.
//
// Rule: a block whose minutes are stored (it was compacted) is read from rollup_1m; any other block is computed
// from its uncompacted raw samples. A late sample into a compacted block goes into its chunk and its minute row.
class MinuteTier
{
public:
    MinuteTier(RawTier &raw, RollupTables &rollups);

    Result<QList<Bucket>> read(qint64 seriesId, qint64 fromMs, qint64 toMs);
    Result<Aggregate> combine(qint64 seriesId, qint64 fromMs, qint64 toMs);

    // Writes the minute rows of one block from all its samples (at compaction), replacing what was there.
    Status materialize(qint64 seriesId, qint64 blockStart, const QList<TimedValue> &samples);
    Result<bool> isMaterialized(qint64 seriesId, qint64 blockStart);

    static QList<Bucket> aggregate(const QList<TimedValue> &samples, qint64 width);

private:
    RawTier &m_raw;
    RollupTables &m_rollups;
};

} // namespace stackscope::storage
