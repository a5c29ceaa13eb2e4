#include "storage/minutetier.h"

#include "storage/rawtier.h"
#include "storage/tier.h"

#include <algorithm>

namespace stackscope::storage {

MinuteTier::MinuteTier(RawTier &raw, RollupTables &rollups) : m_raw(raw), m_rollups(rollups) {}

QList<Bucket> MinuteTier::aggregate(const QList<TimedValue> &samples, qint64 width)
{
    QList<Bucket> buckets;
    for (const TimedValue &sample : samples) {
        const qint64 start = bucketStart(sample.ts, width);
        if (buckets.isEmpty() || buckets.last().start != start)
            buckets.append({start, Aggregate{}});
        buckets.last().aggregate.add(sample.ts, sample.value);
    }
    return buckets;
}

Result<bool> MinuteTier::isMaterialized(qint64 seriesId, qint64 blockStart)
{
    auto chunk = m_raw.loadChunk(seriesId, blockStart);
    if (!chunk)
        return chunk.error();
    if (chunk.value())
        return true;
    // Raw already expired but minutes kept (their retention is longer): the stored rows are all there is.
    auto rows = m_rollups.read(Tier::Minute, seriesId, blockStart, blockStart + RawTier::kBlockMs);
    if (!rows)
        return rows.error();
    return !rows->isEmpty();
}

Result<QList<Bucket>> MinuteTier::read(qint64 seriesId, qint64 fromMs, qint64 toMs)
{
    auto stored = m_rollups.read(Tier::Minute, seriesId, bucketStart(fromMs, bucketWidthMs(Tier::Minute)), toMs);
    if (!stored)
        return stored.error();

    QList<Bucket> out;
    qsizetype next = 0;
    for (qint64 block = bucketStart(fromMs, RawTier::kBlockMs); block < toMs; block += RawTier::kBlockMs) {
        const qint64 blockEnd = block + RawTier::kBlockMs;
        const qsizetype first = next;
        while (next < stored->size() && stored->at(next).start < blockEnd)
            ++next;
        if (next > first) {
            out += stored->mid(first, next - first);
            continue;
        }
        // Nothing stored for this block: it is open (or empty). Compute its minutes from raw samples.
        auto samples = m_raw.uncompactedInBlock(seriesId, block);
        if (!samples)
            return samples.error();
        for (const Bucket &bucket : aggregate(samples.value(), bucketWidthMs(Tier::Minute))) {
            if (bucket.start + bucketWidthMs(Tier::Minute) > fromMs && bucket.start < toMs)
                out.append(bucket);
        }
    }
    return out;
}

Result<Aggregate> MinuteTier::combine(qint64 seriesId, qint64 fromMs, qint64 toMs)
{
    auto buckets = read(seriesId, fromMs, toMs);
    if (!buckets)
        return buckets.error();
    Aggregate total;
    for (const Bucket &bucket : buckets.value())
        total.merge(bucket.aggregate);
    return total;
}

Status MinuteTier::materialize(qint64 seriesId, qint64 blockStart, const QList<TimedValue> &samples)
{
    if (Status st = m_rollups.deleteRange(Tier::Minute, seriesId, blockStart, blockStart + RawTier::kBlockMs); !st)
        return st;
    for (const Bucket &bucket : aggregate(samples, bucketWidthMs(Tier::Minute))) {
        if (Status st = m_rollups.insert(Tier::Minute, seriesId, bucket.start, bucket.aggregate); !st)
            return st;
    }
    return {};
}

} // namespace stackscope::storage
