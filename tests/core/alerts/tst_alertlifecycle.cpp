// The alert lifecycle (A2) as a pure function: "for" durations, opening on the rising edge, reopening within
// the grace period, auto-resolve, acknowledged alerts, learning instances.
#include "alerts/lifecycle.h"

#include <QTest>

using namespace stackscope;
using namespace stackscope::alerts;

namespace {

constexpr qint64 kT0 = 1767225600000;   // 2026-01-01T00:00:00Z
constexpr qint64 kMin = 60 * 1000;

rules::AlertRule rule(qint64 forMs = 0)
{
    rules::AlertRule r;
    r.uuid = QStringLiteral("rule-1");
    r.name = QStringLiteral("Errors high");
    r.severity = rules::Severity::Critical;
    r.metric = QStringLiteral("api.errors");
    r.forMs = forMs;
    r.reopenGraceMs = 60 * kMin;
    return r;
}

rules::InstanceResult verdict(bool firing, double value = 42)
{
    rules::InstanceResult v;
    v.instance = QStringLiteral("host=a");
    v.labels = {{QStringLiteral("host"), QStringLiteral("a")}};
    v.project = QStringLiteral("shop");
    v.firing = firing;
    v.value = value;
    v.threshold = 10;
    v.summary = QStringLiteral("avg %1 > 10 over 5 min").arg(value);
    return v;
}

// Applies a step to the caller's memory the way the cycle does (the store gives the alert an id).
void remember(const LifecycleStep &step, EvalState &state, std::optional<Alert> &latest)
{
    state = step.state;
    if (step.alert) {
        latest = step.alert;
        if (latest->id == 0)
            latest->id = 7;
    }
}

} // namespace

class tst_AlertLifecycle : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void opensAtOnceWithoutForDuration();
    void forDurationIsPendingThenFires();
    void interruptedPendingStartsOver();
    void stillFiringOnlyMovesTheValue();
    void autoResolvesWhenTheConditionClears();
    void staysOpenWithoutAutoResolve();
    void reopensWithinGrace();
    void opensNewAlertAfterGrace();
    void acknowledgedStaysAcknowledgedWhileFiring();
    void acknowledgedResolvesWhenItClears();
    void learningNeverFires();
    void personResolvedStaysResolvedUntilItClearsAndFiresAgain();
    void personReopenedIsNotResolvedWithoutAFallingEdge();
};

void tst_AlertLifecycle::opensAtOnceWithoutForDuration()
{
    const LifecycleStep step = advance(rule(), QStringLiteral("rule-1"), verdict(true), {}, std::nullopt, kT0);
    QCOMPARE(step.change, Change::Opened);
    QVERIFY(step.alert);
    QCOMPARE(step.alert->status, AlertStatus::Open);
    QCOMPARE(step.alert->ruleKey, QStringLiteral("rule-1"));
    QCOMPARE(step.alert->instance, QStringLiteral("host=a"));
    QCOMPARE(step.alert->severity, rules::Severity::Critical);
    QCOMPARE(step.alert->project, QStringLiteral("shop"));
    QCOMPARE(step.alert->value, 42.0);
    QCOMPARE(step.alert->openedMs, kT0);
    QVERIFY(step.event);
    QVERIFY(!step.event->fromStatus);
    QCOMPARE(step.event->toStatus, AlertStatus::Open);
    QCOMPARE(step.event->actor, engineActor());
    QVERIFY(step.state.fired);
    QCOMPARE(step.state.pendingSinceMs, kT0);
}

void tst_AlertLifecycle::forDurationIsPendingThenFires()
{
    const rules::AlertRule r = rule(5 * kMin);
    EvalState state;
    std::optional<Alert> latest;
    for (qint64 t = kT0; t < kT0 + 5 * kMin; t += kMin) {
        const LifecycleStep step = advance(r, r.uuid, verdict(true), state, latest, t);
        QCOMPARE(step.change, Change::None);
        QCOMPARE(step.state.pendingSinceMs, kT0);
        QVERIFY(!step.state.fired);
        remember(step, state, latest);
    }
    const LifecycleStep step = advance(r, r.uuid, verdict(true), state, latest, kT0 + 5 * kMin);
    QCOMPARE(step.change, Change::Opened);
    QCOMPARE(step.alert->openedMs, kT0 + 5 * kMin);
}

void tst_AlertLifecycle::interruptedPendingStartsOver()
{
    const rules::AlertRule r = rule(5 * kMin);
    EvalState state;
    std::optional<Alert> latest;
    remember(advance(r, r.uuid, verdict(true), state, latest, kT0), state, latest);
    remember(advance(r, r.uuid, verdict(true), state, latest, kT0 + 3 * kMin), state, latest);
    const LifecycleStep cleared = advance(r, r.uuid, verdict(false), state, latest, kT0 + 4 * kMin);
    QCOMPARE(cleared.change, Change::None);
    QVERIFY(cleared.state.isEmpty());
    remember(cleared, state, latest);
    // Holding again: the five minutes count from here, not from kT0.
    remember(advance(r, r.uuid, verdict(true), state, latest, kT0 + 5 * kMin), state, latest);
    QCOMPARE(advance(r, r.uuid, verdict(true), state, latest, kT0 + 9 * kMin).change, Change::None);
    QCOMPARE(advance(r, r.uuid, verdict(true), state, latest, kT0 + 10 * kMin).change, Change::Opened);
}

void tst_AlertLifecycle::stillFiringOnlyMovesTheValue()
{
    const rules::AlertRule r = rule();
    EvalState state;
    std::optional<Alert> latest;
    remember(advance(r, r.uuid, verdict(true, 42), state, latest, kT0), state, latest);
    const LifecycleStep step = advance(r, r.uuid, verdict(true, 50), state, latest, kT0 + kMin);
    QCOMPARE(step.change, Change::StillFiring);
    QCOMPARE(step.alert->id, 7);
    QCOMPARE(step.alert->status, AlertStatus::Open);
    QCOMPARE(step.alert->value, 50.0);
    QCOMPARE(step.alert->lastFiredMs, kT0 + kMin);
    QCOMPARE(step.alert->openedMs, kT0);
    QVERIFY(!step.event);   // no status change, no history row
}

void tst_AlertLifecycle::autoResolvesWhenTheConditionClears()
{
    const rules::AlertRule r = rule();
    EvalState state;
    std::optional<Alert> latest;
    remember(advance(r, r.uuid, verdict(true), state, latest, kT0), state, latest);
    const LifecycleStep step = advance(r, r.uuid, verdict(false, 3), state, latest, kT0 + kMin);
    QCOMPARE(step.change, Change::Resolved);
    QCOMPARE(step.alert->status, AlertStatus::Resolved);
    QCOMPARE(step.alert->resolvedMs, kT0 + kMin);
    QCOMPARE(step.alert->value, 3.0);
    QCOMPARE(step.event->fromStatus, AlertStatus::Open);
    QCOMPARE(step.event->toStatus, AlertStatus::Resolved);
    QCOMPARE(step.event->alertId, 7);
    QVERIFY(step.state.isEmpty());
}

void tst_AlertLifecycle::staysOpenWithoutAutoResolve()
{
    rules::AlertRule r = rule();
    r.autoResolve = false;
    EvalState state;
    std::optional<Alert> latest;
    remember(advance(r, r.uuid, verdict(true), state, latest, kT0), state, latest);
    const LifecycleStep step = advance(r, r.uuid, verdict(false), state, latest, kT0 + kMin);
    QCOMPARE(step.change, Change::None);
    QVERIFY(step.state.isEmpty());
    remember(step, state, latest);
    // Firing again while still open: the same alert carries on, no second alert.
    QCOMPARE(advance(r, r.uuid, verdict(true), state, latest, kT0 + 2 * kMin).change, Change::StillFiring);
}

void tst_AlertLifecycle::reopensWithinGrace()
{
    const rules::AlertRule r = rule();
    EvalState state;
    std::optional<Alert> latest;
    remember(advance(r, r.uuid, verdict(true), state, latest, kT0), state, latest);
    remember(advance(r, r.uuid, verdict(false), state, latest, kT0 + kMin), state, latest);
    const LifecycleStep step = advance(r, r.uuid, verdict(true), state, latest, kT0 + kMin + r.reopenGraceMs);
    QCOMPARE(step.change, Change::Reopened);
    QCOMPARE(step.alert->id, 7);
    QCOMPARE(step.alert->status, AlertStatus::Reopened);
    QVERIFY(!step.alert->resolvedMs);
    QCOMPARE(step.alert->openedMs, kT0);
    QCOMPARE(step.event->fromStatus, AlertStatus::Resolved);
    QCOMPARE(step.event->toStatus, AlertStatus::Reopened);
}

void tst_AlertLifecycle::opensNewAlertAfterGrace()
{
    const rules::AlertRule r = rule();
    EvalState state;
    std::optional<Alert> latest;
    remember(advance(r, r.uuid, verdict(true), state, latest, kT0), state, latest);
    remember(advance(r, r.uuid, verdict(false), state, latest, kT0 + kMin), state, latest);
    const LifecycleStep step = advance(r, r.uuid, verdict(true), state, latest, kT0 + kMin + r.reopenGraceMs + 1);
    QCOMPARE(step.change, Change::Opened);
    QCOMPARE(step.alert->id, 0);   // a new row
    QCOMPARE(step.alert->status, AlertStatus::Open);
}

void tst_AlertLifecycle::acknowledgedStaysAcknowledgedWhileFiring()
{
    const rules::AlertRule r = rule();
    EvalState state;
    std::optional<Alert> latest;
    remember(advance(r, r.uuid, verdict(true), state, latest, kT0), state, latest);
    latest->status = AlertStatus::Acknowledged;
    const LifecycleStep step = advance(r, r.uuid, verdict(true, 99), state, latest, kT0 + kMin);
    QCOMPARE(step.change, Change::StillFiring);
    QCOMPARE(step.alert->status, AlertStatus::Acknowledged);
    QCOMPARE(step.alert->value, 99.0);
}

void tst_AlertLifecycle::acknowledgedResolvesWhenItClears()
{
    const rules::AlertRule r = rule();
    EvalState state;
    std::optional<Alert> latest;
    remember(advance(r, r.uuid, verdict(true), state, latest, kT0), state, latest);
    latest->status = AlertStatus::Acknowledged;
    const LifecycleStep step = advance(r, r.uuid, verdict(false), state, latest, kT0 + kMin);
    QCOMPARE(step.change, Change::Resolved);
    QCOMPARE(step.event->fromStatus, AlertStatus::Acknowledged);
    QCOMPARE(step.alert->status, AlertStatus::Resolved);
}

void tst_AlertLifecycle::learningNeverFires()
{
    rules::InstanceResult learning = verdict(true);
    learning.learning = true;
    const LifecycleStep step = advance(rule(), QStringLiteral("rule-1"), learning, {}, std::nullopt, kT0);
    QCOMPARE(step.change, Change::None);
    QVERIFY(step.state.isEmpty());
}

void tst_AlertLifecycle::personResolvedStaysResolvedUntilItClearsAndFiresAgain()
{
    const rules::AlertRule r = rule();
    EvalState state;
    std::optional<Alert> latest;
    remember(advance(r, r.uuid, verdict(true), state, latest, kT0), state, latest);
    latest->status = AlertStatus::Resolved;   // a person resolved it while it still fires
    latest->resolvedMs = kT0 + kMin;
    LifecycleStep step = advance(r, r.uuid, verdict(true), state, latest, kT0 + 2 * kMin);
    QCOMPARE(step.change, Change::None);
    remember(step, state, latest);
    remember(advance(r, r.uuid, verdict(false), state, latest, kT0 + 3 * kMin), state, latest);
    step = advance(r, r.uuid, verdict(true), state, latest, kT0 + 4 * kMin);
    QCOMPARE(step.change, Change::Reopened);
}

void tst_AlertLifecycle::personReopenedIsNotResolvedWithoutAFallingEdge()
{
    const rules::AlertRule r = rule();
    Alert reopened;
    reopened.id = 3;
    reopened.ruleKey = r.uuid;
    reopened.instance = QStringLiteral("host=a");
    reopened.status = AlertStatus::Reopened;   // a person reopened a resolved alert; the condition is clear
    const LifecycleStep step = advance(r, r.uuid, verdict(false), {}, reopened, kT0);
    QCOMPARE(step.change, Change::None);
}

QTEST_GUILESS_MAIN(tst_AlertLifecycle)
#include "tst_alertlifecycle.moc"
