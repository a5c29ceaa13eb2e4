#pragma once

#include "alerts/alert.h"
#include "rules/ruleevaluator.h"

#include <optional>

namespace stackscope::alerts {

// What happened to one rule instance in one cycle.
enum class Change {
    None,         // nothing to write to the alert (the state may still change: pending, cleared)
    Opened,       // a new alert
    Reopened,     // fired again within the reopen grace after it was resolved
    StillFiring,  // an active alert's value and last-fired time move on; its status stays (acknowledged too)
    Resolved,     // the condition cleared and the rule resolves automatically
};

struct LifecycleStep
{
    EvalState state;                   // to remember for the next cycle
    Change change = Change::None;
    std::optional<Alert> alert;        // the alert after the change (id 0 when Opened)
    std::optional<AlertEvent> event;   // the status change to record (alertId 0 when Opened)
};

// The alert lifecycle (A2) as one pure function of (rule, verdict, memory, latest alert, now):
// - the condition must hold for rule.forMs before the instance fires ("pending" until then);
// - an alert opens on the rising edge of firing; if the instance's latest alert was resolved less than
//   rule.reopenGraceMs ago it is reopened instead;
// - while firing, an active alert (acknowledged too) keeps its status and only its value moves;
// - when the condition clears after firing, an active alert resolves if rule.autoResolve;
// - learning instances (learned bands without enough history) never fire;
// - an alert a person resolved while the condition still holds stays resolved until it clears and fires again.
// `latest` is the newest alert of this (rule key, instance), if any.
LifecycleStep advance(const rules::AlertRule &rule, const QString &ruleKey, const rules::InstanceResult &verdict,
                      const EvalState &state, const std::optional<Alert> &latest, qint64 nowMs);

} // namespace stackscope::alerts
