#include "storage/queryengine.h"

#include "storage/aggregate.h"
#include "storage/minutetier.h"
#include "storage/rawtier.h"
#include "storage/retentionbook.h"
#include "storage/rolluptables.h"
#include "storage/seriescatalog.h"
#include "util/clock.h"

#include <limits>

namespace stackscope::storage {

namespace {

double pick(const Aggregate &a, Aggregation agg)
{
    switch (agg) {
    case Aggregation::Avg: return a.sum / double(a.count);
    case Aggregation::Min: return a.min;
    case Aggregation::Max: return a.max;
    case Aggregation::Sum: return a.sum;
    case Aggregation::Count: return double(a.count);
    case Aggregation::Last: return a.last;
    }
    return a.last;
}

// Folds time-ordered buckets (or raw samples as one-sample buckets) into output steps aligned to the epoch.
class StepFolder
{
public:
    StepFolder(qint64 stepMs, Aggregation agg, QList<TimedValue> &out) : m_step(stepMs), m_agg(agg), m_out(out) {}
    ~StepFolder() { flush(); }

    void add(qint64 ts, const Aggregate &a)
    {
        const qint64 step = bucketStart(ts, m_step);
        if (step != m_current) {
            flush();
            m_current = step;
        }
        m_acc.merge(a);
    }

    void flush()
    {
        if (!m_acc.isEmpty())
            m_out.append({m_current, pick(m_acc, m_agg)});
        m_acc = Aggregate{};
    }

private:
    qint64 m_step;
    Aggregation m_agg;
    QList<TimedValue> &m_out;
    qint64 m_current = std::numeric_limits<qint64>::min();
    Aggregate m_acc;
};

Tier coarser(Tier tier)
{
    return tier == Tier::Raw ? Tier::Minute : tier == Tier::Minute ? Tier::Hour : Tier::Day;
}

} // namespace

QueryEngine::QueryEngine(const SeriesCatalog &catalog, RawTier &raw, RollupTables &rollups, MinuteTier &minutes,
                         const RetentionBook &retention, const Clock &clock)
    : m_catalog(catalog), m_raw(raw), m_rollups(rollups), m_minutes(minutes), m_retention(retention), m_clock(clock)
{
}

Tier QueryEngine::pickTier(const QueryRequest &request, qint64 stepMs, qint64 projectId) const
{
    if (request.forceTier)
        return *request.forceTier;
    Tier tier = chooseTier(stepMs);
    const qint64 now = m_clock.nowMs();
    while (tier != Tier::Day && m_retention.cutoff(tier, projectId, now) > request.fromMs)
        tier = coarser(tier);
    return tier;
}

Result<QueryResult> QueryEngine::run(const QueryRequest &request)
{
    if (request.metric.isEmpty())
        return Error::make(Error::Code::Config, QStringLiteral("A query needs a metric name."));
    if (request.toMs <= request.fromMs)
        return Error::make(Error::Code::Config, QStringLiteral("The query's end must be after its start."));

    QueryResult result;
    result.stepMs = effectiveStep(request);
    const QList<const SeriesEntry *> matches = m_catalog.match(request.metric, request.labelFilter);
    // One tier for the whole answer, so every series in it has the same resolution.
    result.tier = pickTier(request, result.stepMs, matches.isEmpty() ? 0 : matches.first()->projectId);
    // A step finer than the tier's buckets would only repeat bucket values.
    result.stepMs = std::max(result.stepMs, bucketWidthMs(result.tier));

    for (const SeriesEntry *series : matches) {
        SeriesPoints points;
        points.seriesId = series->id;
        points.metric = series->metric;
        points.labels = series->labels;
        {
            StepFolder folder(result.stepMs, request.aggregation, points.points);
            if (result.tier == Tier::Raw) {
                auto samples = m_raw.read(series->id, request.fromMs, request.toMs);
                if (!samples)
                    return samples.error();
                for (const TimedValue &sample : samples.value()) {
                    Aggregate one;
                    one.add(sample.ts, sample.value);
                    folder.add(sample.ts, one);
                }
            } else {
                const qint64 width = bucketWidthMs(result.tier);
                const qint64 from = bucketStart(request.fromMs, width);
                auto buckets = result.tier == Tier::Minute ? m_minutes.read(series->id, from, request.toMs)
                                                           : m_rollups.readFor(request.aggregation, result.tier,
                                                                               series->id, from, request.toMs);
                if (!buckets)
                    return buckets.error();
                for (const Bucket &bucket : buckets.value())
                    folder.add(bucket.start, bucket.aggregate);
            }
        }
        result.series.append(std::move(points));
    }
    return result;
}

} // namespace stackscope::storage
