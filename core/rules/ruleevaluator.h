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
struct RuleData
{
    QList<storage::SeriesPoints> window;
    QList<storage::SeriesPoints> history;
    qint64 stepMs = 0;
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

Result<RuleData> gatherRuleData(storage::MetricStore &store, const AlertRule &rule, qint64 nowMs);
QList<InstanceResult> evaluateRuleData(const AlertRule &rule, const RuleData &data, qint64 nowMs);

} // namespace stackscope::rules
