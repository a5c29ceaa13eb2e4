#include "storage/samplewriter.h"

#include "storage/aggregate.h"
#include "storage/minutetier.h"
#include "storage/rawtier.h"
#include "storage/retentionbook.h"
#include "storage/rolluptables.h"
#include "storage/seriescatalog.h"
#include "storage/tier.h"
#include "util/clock.h"

#include <QHash>
#include <QSet>

#include <algorithm>
#include <map>

namespace stackscope::storage {

namespace {

struct BucketKey
{
    qint64 seriesId;
    qint64 bucket;
    friend bool operator==(const BucketKey &, const BucketKey &) = default;
    friend size_t qHash(const BucketKey &key, size_t seed = 0) { return qHashMulti(seed, key.seriesId, key.bucket); }
};

// A re-sent sample that changed an existing value.
struct Replacement
{
    const SeriesEntry *series;
    qint64 ts;
    double oldValue;
    double newValue;
    bool compactedBlock; // its block has stored minute rows
};

struct PendingSeries
{
    SeriesEntry *entry = nullptr;
    QList<TimedValue> samples; // batch order until normalised
};

// Sorts by time and keeps the last of several samples with the same timestamp (last write wins within a batch).
void normalise(QList<TimedValue> &samples)
{
    std::stable_sort(samples.begin(), samples.end(),
                     [](const TimedValue &a, const TimedValue &b) { return a.ts < b.ts; });
    QList<TimedValue> unique;
    unique.reserve(samples.size());
    for (const TimedValue &sample : samples) {
        if (!unique.isEmpty() && unique.last().ts == sample.ts)
            unique.last() = sample;
        else
            unique.append(sample);
    }
    samples = std::move(unique);
}

Tier finerTier(Tier tier)
{
    return tier == Tier::Day ? Tier::Hour : tier == Tier::Hour ? Tier::Minute : Tier::Raw;
}

std::size_t tierIndex(Tier tier)
{
    return std::size_t(int(tier) - 1);
}

} // namespace

SampleWriter::SampleWriter(Database &db, SeriesCatalog &catalog, RawTier &raw, RollupTables &rollups,
                           MinuteTier &minutes, const RetentionBook &retention, const Clock &clock)
    : m_db(db), m_catalog(catalog), m_raw(raw), m_rollups(rollups), m_minutes(minutes), m_retention(retention),
      m_clock(clock)
{
}

Result<IngestReport> SampleWriter::write(const SampleBatch &batch)
{
    IngestReport report;

    // 1. Group by series.
    QHash<qint64, PendingSeries> bySeries;
    for (const MetricSample &sample : batch) {
        auto entry = m_catalog.resolve(sample.metric, sample.labels);
        if (!entry)
            return entry.error();
        PendingSeries &pending = bySeries[entry.value()->id];
        pending.entry = entry.value();
        pending.samples.append({sample.ts, sample.value});
    }

    // 2. Raw tier. Appends skip every lookup; older timestamps are checked against rows and chunks.
    std::array<QHash<BucketKey, Aggregate>, 3> deltas;
    // Minute rows exist only for compacted blocks (see MinuteTier); open blocks compute their minutes from raw.
    auto addDelta = [&](qint64 seriesId, const TimedValue &sample, bool compactedBlock) {
        for (Tier tier : kRollupTiers) {
            if (tier == Tier::Minute && !compactedBlock)
                continue;
            deltas[tierIndex(tier)][{seriesId, bucketStart(sample.ts, bucketWidthMs(tier))}].add(sample.ts, sample.value);
        }
    };
    // Appends are sorted: fold each run of samples in one bucket first, so the hash is touched once per bucket.
    auto addRunDeltas = [&](qint64 seriesId, const QList<TimedValue> &sorted) {
        for (Tier tier : {Tier::Hour, Tier::Day}) {
            const qint64 width = bucketWidthMs(tier);
            auto &tierDeltas = deltas[tierIndex(tier)];
            Aggregate run;
            qint64 runBucket = 0;
            for (const TimedValue &sample : sorted) {
                const qint64 bucket = bucketStart(sample.ts, width);
                if (!run.isEmpty() && bucket != runBucket) {
                    tierDeltas[{seriesId, runBucket}].merge(run);
                    run = Aggregate{};
                }
                runBucket = bucket;
                run.add(sample.ts, sample.value);
            }
            if (!run.isEmpty())
                tierDeltas[{seriesId, runBucket}].merge(run);
        }
    };
    QList<Replacement> replacements;

    for (PendingSeries &pending : bySeries) {
        SeriesEntry &series = *pending.entry;
        normalise(pending.samples);
        if (!series.maxTsKnown) {
            auto maxTs = m_raw.maxTimestamp(series.id);
            if (!maxTs)
                return maxTs.error();
            series.maxTs = maxTs.value();
            series.maxTsKnown = true;
        }

        // Appends go into one new segment (per block); older samples are grouped by block, so a chunk or a
        // segment is rewritten at most once per batch.
        QList<TimedValue> appends;
        std::map<qint64, QList<TimedValue>> lateByBlock;
        for (const TimedValue &sample : std::as_const(pending.samples)) {
            if (sample.ts > series.maxTs)
                appends.append(sample);
            else
                lateByBlock[bucketStart(sample.ts, RawTier::kBlockMs)].append(sample);
        }
        if (!appends.isEmpty()) {
            if (Status st = m_raw.appendSegments(series.id, appends); !st)
                return st.error();
            addRunDeltas(series.id, appends);
            report.inserted += appends.size();
        }

        // Applies one late sample to an encoded list (chunk or segment); true when the list changed.
        auto applyTo = [&](QList<TimedValue> &samples, const TimedValue &sample, bool inChunk) -> std::optional<bool> {
            auto it = std::lower_bound(samples.begin(), samples.end(), sample.ts,
                                       [](const TimedValue &a, qint64 ts) { return a.ts < ts; });
            if (it != samples.end() && it->ts == sample.ts) {
                if (it->value == sample.value) {
                    ++report.unchanged;
                    return false;
                }
                replacements.append({&series, sample.ts, it->value, sample.value, inChunk});
                it->value = sample.value;
                ++report.replaced;
                return true;
            }
            if (!inChunk)
                return std::nullopt; // not in this segment: the caller stores it elsewhere
            samples.insert(it, sample);
            addDelta(series.id, sample, true);
            ++report.inserted;
            return true;
        };

        for (const auto &[block, late] : lateByBlock) {
            auto chunk = m_raw.loadChunk(series.id, block);
            if (!chunk)
                return chunk.error();
            if (chunk.value()) {
                // The block is compacted: everything of it lives in the chunk.
                QList<TimedValue> merged = std::move(*chunk.value());
                bool changed = false;
                for (const TimedValue &sample : late)
                    changed = *applyTo(merged, sample, true) || changed;
                if (changed) {
                    if (Status st = m_raw.storeChunk(series.id, block, merged); !st)
                        return st.error();
                }
                continue;
            }
            for (const TimedValue &sample : late) {
                auto segment = m_raw.segmentAt(series.id, sample.ts);
                if (!segment)
                    return segment.error();
                if (segment.value()) {
                    RawSegment &found = *segment.value();
                    const std::optional<bool> changed = applyTo(found.samples, sample, false);
                    if (changed) {
                        if (*changed) {
                            if (Status st = m_raw.rewriteSegment(series.id, found); !st)
                                return st.error();
                        }
                        continue;
                    }
                }
                auto existing = m_raw.rowValue(series.id, sample.ts);
                if (!existing)
                    return existing.error();
                if (!existing.value()) {
                    if (Status st = m_raw.insertRow(series.id, sample.ts, sample.value); !st)
                        return st.error();
                    addDelta(series.id, sample, false);
                    ++report.inserted;
                } else if (*existing.value() == sample.value) {
                    ++report.unchanged;
                } else {
                    if (Status st = m_raw.updateRow(series.id, sample.ts, sample.value); !st)
                        return st.error();
                    replacements.append({&series, sample.ts, *existing.value(), sample.value, false});
                    ++report.replaced;
                }
            }
        }
        series.maxTs = std::max(series.maxTs, pending.samples.last().ts);
    }

    // 3. Rollups. Buckets touched by a replacement are rebuilt from the finer tier when it is complete there;
    //    every other bucket takes the merged delta of its new samples.
    const qint64 now = m_clock.nowMs();
    std::array<QHash<BucketKey, const SeriesEntry *>, 3> rebuild;
    std::array<QList<Replacement>, 3> corrections;
    for (const Replacement &r : std::as_const(replacements)) {
        for (Tier tier : kRollupTiers) {
            if (tier == Tier::Minute && !r.compactedBlock)
                continue; // an open block's minutes are computed from raw, which already holds the new value
            const BucketKey key{r.series->id, bucketStart(r.ts, bucketWidthMs(tier))};
            const bool sourceComplete = key.bucket >= m_retention.cutoff(finerTier(tier), r.series->projectId, now);
            if (sourceComplete)
                rebuild[tierIndex(tier)].insert(key, r.series);
            else
                corrections[tierIndex(tier)].append(r);
        }
    }

    for (Tier tier : kRollupTiers) {
        const std::size_t t = tierIndex(tier);
        for (auto it = deltas[t].cbegin(); it != deltas[t].cend(); ++it) {
            if (rebuild[t].contains(it.key()))
                continue;
            if (Status st = m_rollups.merge(tier, it.key().seriesId, it.key().bucket, it.value()); !st)
                return st.error();
        }
        for (auto it = rebuild[t].cbegin(); it != rebuild[t].cend(); ++it) {
            const BucketKey &key = it.key();
            const qint64 end = key.bucket + bucketWidthMs(tier);
            Aggregate rebuilt;
            if (tier == Tier::Minute) {
                auto samples = m_raw.read(key.seriesId, key.bucket, end);
                if (!samples)
                    return samples.error();
                for (const TimedValue &sample : samples.value())
                    rebuilt.add(sample.ts, sample.value);
            } else if (tier == Tier::Hour) {
                auto combined = m_minutes.combine(key.seriesId, key.bucket, end);
                if (!combined)
                    return combined.error();
                rebuilt = combined.value();
            } else {
                auto combined = m_rollups.combine(finerTier(tier), key.seriesId, key.bucket, end);
                if (!combined)
                    return combined.error();
                rebuilt = combined.value();
            }
            if (Status st = m_rollups.store(tier, key.seriesId, key.bucket, rebuilt); !st)
                return st.error();
        }
        for (const Replacement &r : std::as_const(corrections[t])) {
            const qint64 bucket = bucketStart(r.ts, bucketWidthMs(tier));
            auto existing = m_rollups.load(tier, r.series->id, bucket);
            if (!existing)
                return existing.error();
            if (!existing.value())
                continue; // the bucket itself has expired
            Aggregate a = *existing.value();
            a.sum += r.newValue - r.oldValue;
            a.min = std::min(a.min, r.newValue);
            a.max = std::max(a.max, r.newValue);
            if (a.lastTs == r.ts)
                a.last = r.newValue;
            if (Status st = m_rollups.store(tier, r.series->id, bucket, a); !st)
                return st.error();
        }
    }
    return report;
}

} // namespace stackscope::storage
