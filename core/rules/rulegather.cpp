#include "rules/ruleevaluator.h"

#include "rules/rulewindow.h"
#include "storage/metricstore.h"

#include <QHash>

// gatherRuleData: the store side of rule evaluation (store thread). What it reads is described in
// ruleevaluator.h; the pieces are merged per series so evaluateRuleData sees one time-ordered list each.

namespace stackscope::rules {

namespace {

using storage::Aggregation;
using storage::SeriesPoints;
using namespace detail;

// A window of 2 hours or more: minute rollups for the partial hours at its ends, hour rollups in between.
constexpr qint64 kSplitFromMs = 2 * kHourMs;

struct Piece
{
    qint64 fromMs;
    qint64 toMs;
    qint64 stepMs;
};

QList<Piece> piecesOf(qint64 fromMs, qint64 toMs)
{
    const qint64 firstHour = storage::bucketStart(fromMs + kHourMs - 1, kHourMs);
    const qint64 lastHour = storage::bucketStart(toMs, kHourMs);
    if (lastHour - firstHour < kSplitFromMs)
        return {{fromMs, toMs, kMinuteMs}};
    QList<Piece> pieces;
    if (fromMs < firstHour)
        pieces.append({fromMs, firstHour, kMinuteMs});
    pieces.append({firstHour, lastHour, kHourMs});
    if (lastHour < toMs)
        pieces.append({lastHour, toMs, kMinuteMs});
    return pieces;
}

Labels scopedFilter(const AlertRule &rule)
{
    Labels filter = rule.labelFilter;
    if (!rule.project.isEmpty())
        filter.insert(QStringLiteral("project"), rule.project);
    if (!rule.service.isEmpty())
        filter.insert(QStringLiteral("service"), rule.service);
    return filter;
}

// Runs the queries of `pieces` and appends their points to `into`, one entry per series in catalogue order.
Status readPieces(storage::MetricStore &store, const AlertRule &rule, const QList<Piece> &pieces,
                  Aggregation aggregation, QList<SeriesPoints> &into)
{
    QHash<qint64, qsizetype> indexOf;
    for (qsizetype i = 0; i < into.size(); ++i)
        indexOf.insert(into[i].seriesId, i);
    const Labels filter = scopedFilter(rule);
    for (const Piece &piece : pieces) {
        if (piece.toMs <= piece.fromMs)
            continue;
        storage::QueryRequest request;
        request.metric = rule.metric;
        request.labelFilter = filter;
        request.fromMs = piece.fromMs;
        request.toMs = piece.toMs;
        request.stepMs = piece.stepMs;
        request.aggregation = aggregation;
        auto result = store.query(request);
        if (!result)
            return result.error();
        for (SeriesPoints &series : result->series) {
            auto found = indexOf.constFind(series.seriesId);
            if (found == indexOf.cend()) {
                indexOf.insert(series.seriesId, into.size());
                into.append(std::move(series));
            } else {
                into[*found].points += series.points;
            }
        }
    }
    return {};
}

} // namespace

Result<RuleData> gatherRuleData(storage::MetricStore &store, const AlertRule &rule, qint64 nowMs)
{
    RuleData data;
    const WindowPlan plan = planWindow(rule, nowMs);
    data.stepMs = kMinuteMs;
    data.windowStartMs = plan.startMs;
    data.windowEndMs = plan.endMs;

    const QList<Piece> pieces = piecesOf(plan.readFromMs, plan.endMs);
    if (Status st = readPieces(store, rule, pieces, readAggregation(rule), data.window); !st)
        return st.error();
    if (readsCounts(rule)) {
        if (Status st = readPieces(store, rule, pieces, Aggregation::Count, data.windowCounts); !st)
            return st.error();
    }

    if (rule.condition == ConditionKind::LearnedBand) {
        QList<Piece> hours;
        for (int week = bandHistoryWeeks(rule); week >= 1; --week)   // oldest first: points stay in time order
            hours.append({bandHourStart(nowMs, week), bandHourStart(nowMs, week) + kHourMs, kHourMs});
        if (Status st = readPieces(store, rule, hours, readAggregation(rule), data.history); !st)
            return st.error();
        if (readsCounts(rule)) {
            if (Status st = readPieces(store, rule, hours, Aggregation::Count, data.historyCounts); !st)
                return st.error();
        }
    }

    auto info = store.metricInfo(rule.metric);
    if (!info)
        return info.error();
    if (info.value())
        data.unit = info.value()->unit;
    return data;
}

} // namespace stackscope::rules
