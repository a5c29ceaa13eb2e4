#include "alerts/cycleplan.h"

#include "alerts/noisecontrol.h"

#include <QSet>

namespace stackscope::alerts {

namespace {

// Walks every instance of the cycle through the lifecycle and noise control, collecting the plan.
class Planner
{
public:
    Planner(const CycleInput &input, const CycleSettings &settings) : m_input(input), m_settings(settings)
    {
        m_plan.nowMs = input.nowMs;
        m_plan.noise = settings.noise;
        m_plan.report.nowMs = input.nowMs;
        for (const Alert &alert : input.alerts) {
            const InstanceKey key{alert.ruleKey, alert.instance};
            const auto it = m_latest.constFind(key);
            if (it == m_latest.cend() || it->id < alert.id)
                m_latest.insert(key, alert);
        }
    }

    void planRule(const RuleInput &input)
    {
        const QString ruleKey = input.rule.uuid;
        m_liveRuleKeys.insert(ruleKey);
        if (input.problem) {
            m_plan.report.problems.append({ruleKey, input.rule.name, input.problem->userMessage});
            return;   // its memory and alerts stay as they are until it evaluates again
        }
        if (!input.unit.isEmpty())
            m_plan.units.insert(input.rule.metric, input.unit);
        ++m_plan.report.rulesEvaluated;
        for (const rules::InstanceResult &verdict : rules::evaluateRuleData(input.rule, input.data, m_input.nowMs))
            planInstance(input.rule, ruleKey, verdict);
        clearAbsent(ruleKey, [&](const InstanceKey &) { return input.rule; });
    }

    void planBuiltins()
    {
        if (!m_settings.builtinAlerts)
            return;
        for (const BuiltinVerdict &builtin : evaluateBuiltins(m_input.services, m_settings.builtins, m_input.nowMs)) {
            ++m_plan.report.builtinChecks;
            m_liveRuleKeys.insert(builtin.ruleKey);
            planInstance(builtin.rule, builtin.ruleKey, builtin.verdict);
        }
        // Built-in alerts of services that were removed: the condition is gone with them.
        QSet<QString> orphans;
        for (auto it = m_latest.cbegin(); it != m_latest.cend(); ++it) {
            if (isBuiltinRuleKey(it.key().ruleKey) && !m_liveRuleKeys.contains(it.key().ruleKey))
                orphans.insert(it.key().ruleKey);
        }
        for (const QString &ruleKey : std::as_const(orphans)) {
            m_liveRuleKeys.insert(ruleKey);
            clearAbsent(ruleKey, [&](const InstanceKey &key) { return builtinRule(ruleKey, m_latest.value(key).service); });
        }
    }

    // Memory of rules that are gone (deleted or disabled) is dropped, so a rule enabled again starts afresh.
    void forgetDeadState()
    {
        for (auto it = m_input.states.cbegin(); it != m_input.states.cend(); ++it) {
            if (!m_liveRuleKeys.contains(it.key().ruleKey) && !m_seen.contains(it.key()))
                m_plan.stateWrites.append({it.key(), EvalState{}});
        }
    }

    CyclePlan take() { return std::move(m_plan); }

private:
    template<typename RuleFor>
    void clearAbsent(const QString &ruleKey, RuleFor ruleFor)
    {
        // Instances remembered or alerting that no longer show up (series gone, filter changed) have cleared.
        QList<InstanceKey> absent;
        for (auto it = m_input.states.cbegin(); it != m_input.states.cend(); ++it) {
            if (it.key().ruleKey == ruleKey && !m_seen.contains(it.key()))
                absent.append(it.key());
        }
        for (auto it = m_latest.cbegin(); it != m_latest.cend(); ++it) {
            if (it.key().ruleKey == ruleKey && !m_seen.contains(it.key()) && isActive(it->status) && !absent.contains(it.key()))
                absent.append(it.key());
        }
        for (const InstanceKey &key : std::as_const(absent)) {
            rules::InstanceResult cleared;
            cleared.instance = key.instance;
            const auto latest = m_latest.constFind(key);
            if (latest != m_latest.cend())
                cleared.labels = latest->labels;
            planInstance(ruleFor(key), ruleKey, cleared);
        }
    }

    void planInstance(const rules::AlertRule &rule, const QString &ruleKey, const rules::InstanceResult &verdict)
    {
        const InstanceKey key{ruleKey, verdict.instance};
        if (m_seen.contains(key))
            return;   // one verdict per instance and cycle
        m_seen.insert(key);
        ++m_plan.report.instances;
        const EvalState state = m_input.states.value(key);
        const auto latestIt = m_latest.constFind(key);
        const std::optional<Alert> latest = latestIt == m_latest.cend() ? std::nullopt : std::optional<Alert>(*latestIt);

        LifecycleStep step = advance(rule, ruleKey, verdict, state, latest, m_input.nowMs);
        if (!(step.state == state))
            m_plan.stateWrites.append({key, step.state});
        if (step.state.pendingSinceMs && !step.state.fired)
            ++m_plan.report.pending;
        if (step.change == Change::None || !step.alert)
            return;

        PlannedChange change;
        change.key = key;
        change.change = step.change;
        change.after = std::move(*step.alert);
        change.event = std::move(step.event);
        if (change.after.id != 0)
            change.before = latest;
        if (deservesNotification(change.change, change.after, rule.cooldownMs, m_input.nowMs)) {
            if (isMuted(m_input.muteWindows, change.after, m_input.nowMs)) {
                ++m_plan.report.muted;
            } else {
                QStringList unknown;
                change.channelIds = routeToChannels(rule.channels, m_input.channels, &unknown);
                if (!unknown.isEmpty() && !m_reportedUnknown.contains(ruleKey)) {
                    m_reportedUnknown.insert(ruleKey);
                    m_plan.report.problems.append(
                        {ruleKey, rule.name,
                         QStringLiteral("No enabled notification channel is named %1.").arg(unknown.join(QLatin1String(", ")))});
                }
                if (!change.channelIds.isEmpty()) {
                    change.after.lastNotifiedMs = m_input.nowMs;
                    change.after.notifiedStatus = change.after.status;
                }
            }
        }
        m_plan.changes.append(std::move(change));
    }

    const CycleInput &m_input;
    const CycleSettings &m_settings;
    CyclePlan m_plan;
    QHash<InstanceKey, Alert> m_latest;
    QSet<InstanceKey> m_seen;
    QSet<QString> m_liveRuleKeys;
    QSet<QString> m_reportedUnknown;
};

} // namespace

CyclePlan planCycle(const CycleInput &input, const CycleSettings &settings)
{
    Planner planner(input, settings);
    for (const RuleInput &rule : input.rules)
        planner.planRule(rule);
    planner.planBuiltins();
    planner.forgetDeadState();
    return planner.take();
}

} // namespace stackscope::alerts
