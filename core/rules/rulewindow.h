#pragma once

#include "rules/alertrule.h"
#include "storage/query.h"
#include "storage/tier.h"

// What gatherRuleData reads and evaluateRuleData expects: shared so the two cannot drift apart.
namespace stackscope::rules::detail {

inline constexpr qint64 kMinuteMs = 60'000;
inline constexpr qint64 kHourMs = 3'600'000;
inline constexpr qint64 kWeekMs = 7 * 24 * kHourMs;

struct WindowPlan
{
    qint64 startMs = 0;  // first minute of the window
    qint64 readFromMs = 0; // rates: one minute earlier, for the value before the window
    qint64 endMs = 0;    // exclusive: now
};

inline WindowPlan planWindow(const AlertRule &rule, qint64 nowMs)
{
    WindowPlan plan;
    plan.startMs = storage::bucketStart(nowMs - rule.windowMs, kMinuteMs);
    plan.readFromMs = rule.condition == ConditionKind::RateOfChange ? plan.startMs - kMinuteMs : plan.startMs;
    plan.endMs = nowMs;
    return plan;
}

// The aggregation the store is asked for: sums (plus counts) for averages, counts for no-data rules.
inline storage::Aggregation readAggregation(const AlertRule &rule)
{
    if (rule.condition == ConditionKind::NoData)
        return storage::Aggregation::Count;
    return rule.aggregation == storage::Aggregation::Avg ? storage::Aggregation::Sum : rule.aggregation;
}

inline bool readsCounts(const AlertRule &rule)
{
    return rule.condition != ConditionKind::NoData && rule.aggregation == storage::Aggregation::Avg;
}

// The hours whose history a band compares with: the hour of `nowMs` in each past week, newest first.
inline qint64 bandHourStart(qint64 nowMs, int weeksAgo)
{
    return storage::bucketStart(nowMs, kHourMs) - weeksAgo * kWeekMs;
}

} // namespace stackscope::rules::detail
