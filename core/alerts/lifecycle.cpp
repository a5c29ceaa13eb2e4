#include "alerts/lifecycle.h"

namespace stackscope::alerts {

namespace {

Alert newAlert(const rules::AlertRule &rule, const QString &ruleKey, const rules::InstanceResult &verdict, qint64 nowMs)
{
    Alert alert;
    alert.ruleKey = ruleKey;
    alert.instance = verdict.instance;
    alert.ruleName = rule.name;
    alert.severity = rule.severity;
    alert.status = AlertStatus::Open;
    alert.project = verdict.project.isEmpty() ? rule.project : verdict.project;
    alert.service = verdict.service.isEmpty() ? rule.service : verdict.service;
    alert.metric = rule.metric;
    alert.labels = verdict.labels;
    alert.summary = verdict.summary;
    alert.value = verdict.value;
    alert.threshold = verdict.threshold;
    alert.openedMs = nowMs;
    alert.updatedMs = nowMs;
    alert.lastFiredMs = nowMs;
    return alert;
}

// The newest observation goes onto the alert; identity, status and notification memory stay.
void observe(Alert &alert, const rules::AlertRule &rule, const rules::InstanceResult &verdict, qint64 nowMs)
{
    alert.ruleName = rule.name;
    alert.severity = rule.severity;
    alert.summary = verdict.summary;
    alert.value = verdict.value;
    alert.threshold = verdict.threshold;
    alert.labels = verdict.labels;
    alert.lastFiredMs = nowMs;
}

AlertEvent engineEvent(const Alert &alert, std::optional<AlertStatus> from, const QString &comment, qint64 nowMs)
{
    return AlertEvent{0, alert.id, nowMs, from, alert.status, engineActor(), comment, alert.value};
}

} // namespace

LifecycleStep advance(const rules::AlertRule &rule, const QString &ruleKey, const rules::InstanceResult &verdict,
                      const EvalState &state, const std::optional<Alert> &latest, qint64 nowMs)
{
    LifecycleStep step;
    const bool conditionHolds = verdict.firing && !verdict.learning;

    if (!conditionHolds) {
        // Cleared (or never held): forget the pending time. Resolve only what this instance's firing opened.
        step.state = EvalState{};
        if (state.fired && latest && isActive(latest->status) && rule.autoResolve) {
            Alert alert = *latest;
            const AlertStatus from = alert.status;
            alert.status = AlertStatus::Resolved;
            alert.resolvedMs = nowMs;
            alert.updatedMs = nowMs;
            if (verdict.value)
                alert.value = verdict.value;
            step.change = Change::Resolved;
            step.event = engineEvent(alert, from, QStringLiteral("The condition cleared."), nowMs);
            step.alert = std::move(alert);
        }
        return step;
    }

    const qint64 pendingSince = state.pendingSinceMs.value_or(nowMs);
    step.state.pendingSinceMs = pendingSince;
    if (nowMs - pendingSince < rule.forMs) {
        step.state.fired = false;   // pending: holds, but not for long enough yet
        return step;
    }
    step.state.fired = true;

    if (latest && isActive(latest->status)) {
        // Already alerting (opened earlier, acknowledged, or reopened by a person): the value moves on.
        Alert alert = *latest;
        observe(alert, rule, verdict, nowMs);
        step.change = Change::StillFiring;
        step.alert = std::move(alert);
        return step;
    }
    if (state.fired && latest) {
        // Resolved by a person while the condition still holds: respected until it clears and fires again.
        return step;
    }
    if (latest && latest->resolvedMs && nowMs - *latest->resolvedMs <= rule.reopenGraceMs) {
        Alert alert = *latest;
        observe(alert, rule, verdict, nowMs);
        alert.status = AlertStatus::Reopened;
        alert.resolvedMs.reset();
        alert.updatedMs = nowMs;
        step.change = Change::Reopened;
        step.event = engineEvent(alert, AlertStatus::Resolved, verdict.summary, nowMs);
        step.alert = std::move(alert);
        return step;
    }
    Alert alert = newAlert(rule, ruleKey, verdict, nowMs);
    step.change = Change::Opened;
    step.event = engineEvent(alert, std::nullopt, verdict.summary, nowMs);
    step.alert = std::move(alert);
    return step;
}

} // namespace stackscope::alerts
