#pragma once

#include "rules/alertrule.h"
#include "storage/query.h"
#include "util/result.h"

#include <QList>
#include <QString>

#include <optional>

namespace stackscope::storage { class MetricStore; }

namespace stackscope::rules {

// CONTRACT between the rules helper (owner of core/rules) and the alert engine (core/alerts). The owner may
// add members; the ones below keep their meaning.
//
// Evaluation is split so the alert engine can read on the store thread and compute on its own thread:
// gatherRuleData() reads the rollups a rule needs (store thread); evaluateRuleData() is pure and runs anywhere.

// What one rule needs from the store at one moment: the window (and for rates, the step before it) of every
// matching series, and for learned bands the hourly history of past weeks.
//
// How the store is read (gatherRuleData):
// - The window is [nowMs - windowMs, nowMs), at minute resolution: it starts at the beginning of the minute that
//   holds nowMs - windowMs. A window of 2 hours or more is read as minute rollups at both ends and hour rollups
//   between them (a 24h window: at most ~140 rows per series instead of 1,440); the answer is the same.
// - Avg rules read sums into `window` and sample counts into `windowCounts`, so averages are exact over samples
//   (and across series), not averages of minute averages. No-data rules read counts. The others read the rule's
//   aggregation.
// - Rate rules also read the minute before the window: the change is measured from the last value before the
//   window (or the window's first value when there is none) to the window's last value.
// - Band rules read, for each of the past bandHistoryWeeks(rule) weeks, the same hour of the week (UTC).
// - Scope: rule.project and rule.service are matched against the series' "project" and "service" labels (the
//   poll scheduler puts both on every sample; the series table's project comes from the same label), so they
//   act as two more label filters.
struct RuleData
{
    QList<storage::SeriesPoints> window;
    QList<storage::SeriesPoints> history;
    qint64 stepMs = 0;                           // the finest step in `window` (60 s)

    QList<storage::SeriesPoints> windowCounts;   // avg rules: samples per point of `window`, which holds sums
    QList<storage::SeriesPoints> historyCounts;  // avg band rules: the same for `history`
    qint64 windowStartMs = 0;                    // points at or after this are in the window (rates: earlier = start)
    qint64 windowEndMs = 0;                      // exclusive (the gather's nowMs)
    QString unit;                                // the metric's unit from the catalogue, for summaries
};

// The verdict for one instance (series) of a rule at one moment, before "for" durations and lifecycle.
struct InstanceResult
{
    QString instance;                 // canonical "k=v,k2=v2" of the series labels; '' when aggregated
    Labels labels;
    QString project;                  // from the series' project / "service" label, when known
    QString service;
    bool firing = false;              // the condition holds now
    bool learning = false;            // a learned band without enough history: never fires
    bool noData = false;              // nothing in the window
    std::optional<double> value;      // what was observed (aggregate, change, ...)
    std::optional<double> threshold;  // the bound it is compared with (band: the edge nearest the value)
    QString summary;                  // plain words: "avg 42 > 10 over 5 min"
};

// The series label set as an instance key: "k=v,k2=v2", sorted by key; a ',', '=' or backslash in a name
// or value gets a backslash in front.
QString instanceKey(const Labels &labels);

Result<RuleData> gatherRuleData(storage::MetricStore &store, const AlertRule &rule, qint64 nowMs);
QList<InstanceResult> evaluateRuleData(const AlertRule &rule, const RuleData &data, qint64 nowMs);

} // namespace stackscope::rules
