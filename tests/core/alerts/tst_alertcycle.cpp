// The alert cycle on a real encrypted workspace with a fake clock: rules over stored samples, the lifecycle,
// noise control, built-in alerts, and the one-transaction guarantee between an alert change and its outbox row.
#include "alertworld.h"

#include "alerts/alertrepository.h"
#include "alerts/alertrulerepository.h"
#include "alerts/cycleapply.h"
#include "alerts/cycleinput.h"
#include "alerts/cycleplan.h"
#include "alerts/mutewindowrepository.h"
#include "storage/database.h"
#include "storage/metricstore.h"
#include "storage/servicerepository.h"

#include <QRegularExpression>
#include <QTest>

using namespace stackscope;
using namespace stackscope::alerts;
using test::AlertWorld;

namespace {

constexpr qint64 kMin = AlertWorld::kMin;
constexpr qint64 kHour = 60 * kMin;

#define CYCLE(world, report)                                                                                          \
    auto report##Result = (world).cycle();                                                                             \
    QVERIFY2(report##Result.ok(), report##Result.ok() ? "" : qPrintable(report##Result.error().detail));               \
    const CycleReport report = report##Result.value()

#define CYCLE_WITH(world, settings, report)                                                                            \
    auto report##Result = (world).cycle(settings);                                                                     \
    QVERIFY2(report##Result.ok(), report##Result.ok() ? "" : qPrintable(report##Result.error().detail));               \
    const CycleReport report = report##Result.value()

} // namespace

class tst_AlertCycle : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void quietWhenNothingFires();
    void pendingThenFiringWithForDuration();
    void autoResolveAnnouncesTheResolution();
    void reopenWithinGraceAndNewAlertAfterGrace();
    void acknowledgedThenCleared();
    void cooldownBeforeReminding();
    void groupsAlertsOfOneCycleIntoOneNotificationPerChannel();
    void digestWhenMoreThanNFire();
    void runningTheSameCycleTwiceQueuesNothingNew();
    void muteWindowOnceRecordsButDoesNotNotify();
    void recurringMuteWindow();
    void namedChannelsAndUnknownNames();
    void brokenRuleDoesNotStopTheOthers();
    void builtinPollingFailingAndCredentials();
    void builtinNoData();
    void rolledBackApplyLeavesNeitherAlertNorOutboxRow();
    void personActingBetweenReadAndWriteWins();
};

void tst_AlertCycle::quietWhenNothingFires()
{
    AlertWorld world;
    QVERIFY(world.isValid());
    QVERIFY(world.addRule(AlertWorld::errorRule()));
    QVERIFY(world.addChannel(QStringLiteral("ops"), true));
    QVERIFY(world.setLevel(QStringLiteral("a"), 3));
    CYCLE(world, report);
    QCOMPARE(report.rulesEvaluated, 1);
    QCOMPARE(report.instances, 1);
    QCOMPARE(report.fired(), 0);
    QCOMPARE(report.notificationsQueued, 0);
    QVERIFY(report.problems.isEmpty());
    QVERIFY(world.alerts().isEmpty());
    QCOMPARE(world.count("SELECT count(*) FROM alert_eval_state;"), 0);
}

void tst_AlertCycle::pendingThenFiringWithForDuration()
{
    AlertWorld world;
    QVERIFY(world.isValid());
    rules::AlertRule rule = AlertWorld::errorRule();
    rule.forMs = 3 * kMin;
    QVERIFY(world.addRule(rule));
    const qint64 channel = world.addChannel(QStringLiteral("ops"), true);
    QVERIFY(channel);

    for (int minute = 0; minute < 3; ++minute) {
        QVERIFY(world.setLevel(QStringLiteral("a"), 50));
        CYCLE(world, pending);
        QCOMPARE(pending.pending, 1);
        QCOMPARE(pending.opened, 0);
        QVERIFY(world.alerts().isEmpty());
        world.clock().advance(kMin);
    }
    QCOMPARE(world.count("SELECT pending_since_ms FROM alert_eval_state;"), AlertWorld::kT0);

    QVERIFY(world.setLevel(QStringLiteral("a"), 50));
    CYCLE(world, fired);
    QCOMPARE(fired.opened, 1);
    QCOMPARE(fired.pending, 0);
    QCOMPARE(fired.notificationsQueued, 1);
    const QList<Alert> alerts = world.alerts();
    QCOMPARE(alerts.size(), 1);
    QCOMPARE(alerts[0].status, AlertStatus::Open);
    QCOMPARE(alerts[0].ruleName, QStringLiteral("Errors high"));
    QCOMPARE(alerts[0].project, QStringLiteral("shop"));
    QCOMPARE(alerts[0].value, 50.0);
    QCOMPARE(alerts[0].threshold, 10.0);
    QCOMPARE(alerts[0].labels.value(QStringLiteral("host")), QStringLiteral("a"));
    QCOMPARE(alerts[0].lastNotifiedMs, world.now());

    const QList<AlertWorld::OutboxRow> outbox = world.outbox();
    QCOMPARE(outbox.size(), 1);
    QCOMPARE(outbox[0].channelId, channel);
    QCOMPARE(outbox[0].notification.kind, notify::Notification::Kind::Alert);
    QCOMPARE(outbox[0].notification.items.size(), 1);
    QCOMPARE(outbox[0].notification.items[0].link, QStringLiteral("stackscope://alert/%1").arg(alerts[0].id));
    QCOMPARE(outbox[0].notification.items[0].severity, QStringLiteral("critical"));
    QCOMPARE(outbox[0].notification.items[0].value, 50.0);

    auto history = AlertRepository(world.store().database()).history(alerts[0].id);
    QVERIFY(history);
    QCOMPARE(history->size(), 1);
    QCOMPARE(history->at(0).actor, engineActor());
    QVERIFY(!history->at(0).fromStatus);
    QCOMPARE(history->at(0).value, 50.0);
}

void tst_AlertCycle::autoResolveAnnouncesTheResolution()
{
    AlertWorld world;
    QVERIFY(world.isValid());
    QVERIFY(world.addRule(AlertWorld::errorRule()));
    QVERIFY(world.addChannel(QStringLiteral("ops"), true));
    QVERIFY(world.setLevel(QStringLiteral("a"), 50));
    CYCLE(world, fired);
    QCOMPARE(fired.opened, 1);

    world.clock().advance(6 * kMin);
    QVERIFY(world.setLevel(QStringLiteral("a"), 2));
    CYCLE(world, cleared);
    QCOMPARE(cleared.resolved, 1);
    QCOMPARE(cleared.notificationsQueued, 1);
    const Alert alert = world.alerts().at(0);
    QCOMPARE(alert.status, AlertStatus::Resolved);
    QCOMPARE(alert.resolvedMs, world.now());
    const auto outbox = world.outbox();
    QCOMPARE(outbox.size(), 2);
    QCOMPARE(outbox[1].notification.items[0].status, QStringLiteral("resolved"));
    QVERIFY(outbox[1].notification.title.startsWith(QStringLiteral("[resolved]")));
    auto history = AlertRepository(world.store().database()).history(alert.id);
    QCOMPARE(history->size(), 2);
    QCOMPARE(history->at(1).fromStatus, AlertStatus::Open);
    QCOMPARE(history->at(1).toStatus, AlertStatus::Resolved);
    QCOMPARE(world.count("SELECT count(*) FROM alert_eval_state;"), 0);
}

void tst_AlertCycle::reopenWithinGraceAndNewAlertAfterGrace()
{
    AlertWorld world;
    QVERIFY(world.isValid());
    rules::AlertRule rule = AlertWorld::errorRule();
    rule.reopenGraceMs = 30 * kMin;
    QVERIFY(world.addRule(rule));
    QVERIFY(world.setLevel(QStringLiteral("a"), 50));
    CYCLE(world, first);
    QCOMPARE(first.opened, 1);
    const qint64 firstId = world.alerts().at(0).id;

    world.clock().advance(6 * kMin);
    QVERIFY(world.setLevel(QStringLiteral("a"), 1));
    CYCLE(world, cleared);
    QCOMPARE(cleared.resolved, 1);

    world.clock().advance(20 * kMin);   // within the grace
    QVERIFY(world.setLevel(QStringLiteral("a"), 50));
    CYCLE(world, again);
    QCOMPARE(again.reopened, 1);
    QCOMPARE(again.opened, 0);
    QCOMPARE(world.alerts().size(), 1);
    QCOMPARE(world.alerts().at(0).id, firstId);
    QCOMPARE(world.alerts().at(0).status, AlertStatus::Reopened);

    world.clock().advance(6 * kMin);
    QVERIFY(world.setLevel(QStringLiteral("a"), 1));
    CYCLE(world, clearedAgain);
    QCOMPARE(clearedAgain.resolved, 1);

    world.clock().advance(31 * kMin);   // past the grace
    QVERIFY(world.setLevel(QStringLiteral("a"), 50));
    CYCLE(world, fresh);
    QCOMPARE(fresh.opened, 1);
    QCOMPARE(fresh.reopened, 0);
    const QList<Alert> alerts = world.alerts();
    QCOMPARE(alerts.size(), 2);
    QVERIFY(alerts.at(0).id != firstId);
    QCOMPARE(alerts.at(0).status, AlertStatus::Open);
    QCOMPARE(alerts.at(1).status, AlertStatus::Resolved);
    QCOMPARE(AlertRepository(world.store().database()).history(firstId)->size(), 4);   // open, resolve, reopen, resolve
}

void tst_AlertCycle::acknowledgedThenCleared()
{
    AlertWorld world;
    QVERIFY(world.isValid());
    QVERIFY(world.addRule(AlertWorld::errorRule()));
    QVERIFY(world.addChannel(QStringLiteral("ops"), true));
    QVERIFY(world.setLevel(QStringLiteral("a"), 50));
    CYCLE(world, fired);
    QCOMPARE(fired.notificationsQueued, 1);
    const qint64 id = world.alerts().at(0).id;
    AlertRepository repo(world.store().database());
    QVERIFY(repo.acknowledge(id, QStringLiteral("ana"), QStringLiteral("looking"), world.now()));

    world.clock().advance(45 * kMin);   // past the cooldown, still firing: no reminder for an acknowledged alert
    QVERIFY(world.setLevel(QStringLiteral("a"), 60));
    CYCLE(world, still);
    QCOMPARE(still.notificationsQueued, 0);
    QCOMPARE(world.alerts().at(0).status, AlertStatus::Acknowledged);
    QCOMPARE(world.alerts().at(0).value, 60.0);

    world.clock().advance(6 * kMin);
    QVERIFY(world.setLevel(QStringLiteral("a"), 1));
    CYCLE(world, cleared);
    QCOMPARE(cleared.resolved, 1);
    QCOMPARE(cleared.notificationsQueued, 1);   // people were told it fired: they hear it is over
    QCOMPARE(world.alerts().at(0).status, AlertStatus::Resolved);
    auto history = repo.history(id);
    QCOMPARE(history->size(), 3);
    QCOMPARE(history->at(1).actor, QStringLiteral("ana"));
    QCOMPARE(history->at(2).fromStatus, AlertStatus::Acknowledged);
    QCOMPARE(history->at(2).actor, engineActor());
}

void tst_AlertCycle::cooldownBeforeReminding()
{
    AlertWorld world;
    QVERIFY(world.isValid());
    rules::AlertRule rule = AlertWorld::errorRule();
    rule.cooldownMs = 30 * kMin;
    QVERIFY(world.addRule(rule));
    QVERIFY(world.addChannel(QStringLiteral("ops"), true));
    QVERIFY(world.setLevel(QStringLiteral("a"), 50));
    CYCLE(world, fired);
    QCOMPARE(fired.notificationsQueued, 1);
    for (int i = 0; i < 29; ++i) {
        world.clock().advance(kMin);
        QVERIFY(world.setLevel(QStringLiteral("a"), 50));
        CYCLE(world, quiet);
        QCOMPARE(quiet.notificationsQueued, 0);
    }
    world.clock().advance(kMin);
    QVERIFY(world.setLevel(QStringLiteral("a"), 50));
    CYCLE(world, reminder);
    QCOMPARE(reminder.notificationsQueued, 1);
    QCOMPARE(world.outbox().size(), 2);
    QCOMPARE(world.alerts().size(), 1);

    // Flapping: resolved (announced), then firing again within the cooldown: recorded, not announced.
    world.clock().advance(6 * kMin);
    QVERIFY(world.setLevel(QStringLiteral("a"), 1));
    CYCLE(world, cleared);
    QCOMPARE(cleared.notificationsQueued, 1);
    world.clock().advance(6 * kMin);
    QVERIFY(world.setLevel(QStringLiteral("a"), 50));
    CYCLE(world, flap);
    QCOMPARE(flap.reopened, 1);
    QCOMPARE(flap.notificationsQueued, 0);
    QCOMPARE(world.alerts().at(0).status, AlertStatus::Reopened);
}

void tst_AlertCycle::groupsAlertsOfOneCycleIntoOneNotificationPerChannel()
{
    AlertWorld world;
    QVERIFY(world.isValid());
    QVERIFY(world.addRule(AlertWorld::errorRule()));
    const qint64 ops = world.addChannel(QStringLiteral("ops"), true);
    const qint64 mail = world.addChannel(QStringLiteral("mail"), true);
    for (const QString &host : {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")})
        QVERIFY(world.setLevel(host, 50));
    CYCLE(world, report);
    QCOMPARE(report.opened, 3);
    QCOMPARE(report.notificationsQueued, 2);
    const auto outbox = world.outbox();
    QCOMPARE(outbox.size(), 2);
    QCOMPARE(outbox[0].channelId, ops);
    QCOMPARE(outbox[1].channelId, mail);
    for (const AlertWorld::OutboxRow &row : outbox) {
        QCOMPARE(row.notification.kind, notify::Notification::Kind::Group);
        QCOMPARE(row.notification.items.size(), 3);
    }
    QCOMPARE(outbox[0].dedupKey, outbox[1].dedupKey);   // one notification, once per channel

    CycleSettings ungrouped;
    ungrouped.noise.grouping = false;
    AlertWorld other;
    QVERIFY(other.isValid());
    QVERIFY(other.addRule(AlertWorld::errorRule()));
    QVERIFY(other.addChannel(QStringLiteral("ops"), true));
    for (const QString &host : {QStringLiteral("a"), QStringLiteral("b")})
        QVERIFY(other.setLevel(host, 50));
    CYCLE_WITH(other, ungrouped, separate);
    QCOMPARE(separate.notificationsQueued, 2);
}

void tst_AlertCycle::digestWhenMoreThanNFire()
{
    AlertWorld world;
    QVERIFY(world.isValid());
    QVERIFY(world.addRule(AlertWorld::errorRule()));
    QVERIFY(world.addChannel(QStringLiteral("ops"), true));
    for (int host = 0; host < 12; ++host)
        QVERIFY(world.setLevel(QStringLiteral("h%1").arg(host), 50));
    CycleSettings settings;
    settings.noise.digestThreshold = 10;
    settings.noise.digestListed = 4;
    CYCLE_WITH(world, settings, report);
    QCOMPARE(report.opened, 12);
    QCOMPARE(report.notificationsQueued, 1);
    const auto outbox = world.outbox();
    QCOMPARE(outbox.size(), 1);
    QCOMPARE(outbox[0].notification.kind, notify::Notification::Kind::Digest);
    QCOMPARE(outbox[0].notification.items.size(), 4);
    QCOMPARE(outbox[0].notification.omitted, 8);
}

void tst_AlertCycle::runningTheSameCycleTwiceQueuesNothingNew()
{
    AlertWorld world;
    QVERIFY(world.isValid());
    QVERIFY(world.addRule(AlertWorld::errorRule()));
    QVERIFY(world.addChannel(QStringLiteral("ops"), true));
    QVERIFY(world.setLevel(QStringLiteral("a"), 50));
    CYCLE(world, first);
    QCOMPARE(first.opened, 1);
    QCOMPARE(first.notificationsQueued, 1);
    CYCLE(world, second);   // same clock, same data
    QCOMPARE(second.opened, 0);
    QCOMPARE(second.notificationsQueued, 0);
    QCOMPARE(world.alerts().size(), 1);
    QCOMPARE(world.outbox().size(), 1);
    QCOMPARE(world.count("SELECT count(*) FROM alert_events;"), 1);
}

void tst_AlertCycle::muteWindowOnceRecordsButDoesNotNotify()
{
    AlertWorld world;
    QVERIFY(world.isValid());
    QVERIFY(world.addRule(AlertWorld::errorRule()));
    QVERIFY(world.addChannel(QStringLiteral("ops"), true));
    MuteWindow window;
    window.project = QStringLiteral("shop");
    window.startsMs = world.now() - kMin;
    window.endsMs = world.now() + 20 * kMin;
    window.reason = QStringLiteral("deploy");
    QVERIFY(MuteWindowRepository(world.store().database()).add(window, world.now()));

    QVERIFY(world.setLevel(QStringLiteral("a"), 50));
    CYCLE(world, muted);
    QCOMPARE(muted.opened, 1);
    QCOMPARE(muted.muted, 1);
    QCOMPARE(muted.notificationsQueued, 0);
    QCOMPARE(world.alerts().size(), 1);
    QVERIFY(!world.alerts().at(0).lastNotifiedMs);

    world.clock().advance(25 * kMin);   // the window is over and it still fires: now people hear of it
    QVERIFY(world.setLevel(QStringLiteral("a"), 50));
    CYCLE(world, after);
    QCOMPARE(after.muted, 0);
    QCOMPARE(after.notificationsQueued, 1);
    QCOMPARE(world.outbox().size(), 1);
}

void tst_AlertCycle::recurringMuteWindow()
{
    AlertWorld world;
    QVERIFY(world.isValid());
    QVERIFY(world.addRule(AlertWorld::errorRule()));
    QVERIFY(world.addChannel(QStringLiteral("ops"), true));
    MuteWindow nightly;   // 23:30-00:30 UTC every day, starting the day before
    nightly.recurrence = MuteWindow::Recurrence::Daily;
    nightly.startsMs = AlertWorld::kT0 - 24 * kHour - 30 * kMin;
    nightly.endsMs = nightly.startsMs + kHour;
    nightly.service = QStringLiteral("api");
    QVERIFY(MuteWindowRepository(world.store().database()).add(nightly, world.now()));

    QVERIFY(world.setLevel(QStringLiteral("a"), 50));   // 00:00: inside tonight's occurrence
    CYCLE(world, muted);
    QCOMPARE(muted.opened, 1);
    QCOMPARE(muted.muted, 1);
    QCOMPARE(muted.notificationsQueued, 0);

    world.clock().advance(31 * kMin);   // 00:31: outside
    QVERIFY(world.setLevel(QStringLiteral("a"), 50));
    CYCLE(world, after);
    QCOMPARE(after.notificationsQueued, 1);
}

void tst_AlertCycle::namedChannelsAndUnknownNames()
{
    AlertWorld world;
    QVERIFY(world.isValid());
    rules::AlertRule rule = AlertWorld::errorRule();
    rule.channels = {QStringLiteral("pager"), QStringLiteral("nowhere")};
    QVERIFY(world.addRule(rule));
    QVERIFY(world.addChannel(QStringLiteral("ops"), true));
    const qint64 pager = world.addChannel(QStringLiteral("pager"), false);
    QVERIFY(world.setLevel(QStringLiteral("a"), 50));
    CYCLE(world, report);
    QCOMPARE(report.notificationsQueued, 1);
    QCOMPARE(world.outbox().at(0).channelId, pager);
    QCOMPARE(report.problems.size(), 1);
    QVERIFY(report.problems.at(0).message.contains(QStringLiteral("nowhere")));
}

void tst_AlertCycle::brokenRuleDoesNotStopTheOthers()
{
    AlertWorld world;
    QVERIFY(world.isValid());
    storage::Statement &insert = world.store().database().prepare(
        "INSERT INTO alert_rules(uuid, name, spec, enabled, created_ms, updated_ms) VALUES ('broken', 'Broken', '{\"metric\":', 1, 0, 0);");
    QVERIFY(insert.run());
    QVERIFY(world.addRule(AlertWorld::errorRule()));
    QVERIFY(world.setLevel(QStringLiteral("a"), 50));
    CYCLE(world, report);
    QCOMPARE(report.rulesEvaluated, 1);
    QCOMPARE(report.opened, 1);
    QCOMPARE(report.problems.size(), 1);
    QCOMPARE(report.problems.at(0).ruleName, QStringLiteral("Broken"));
}

void tst_AlertCycle::builtinPollingFailingAndCredentials()
{
    AlertWorld world;
    QVERIFY(world.isValid());
    const qint64 ops = world.addChannel(QStringLiteral("ops"), true);
    ServiceConfig config;
    config.project = QStringLiteral("shop");
    config.type = QStringLiteral("sendgrid");
    config.name = QStringLiteral("SendGrid");
    auto added = world.store().services().add(config);
    QVERIFY(added);

    ServiceHealth failing;
    failing.state = ServiceHealth::State::Failing;
    failing.lastSuccessMs = world.now() - 20 * kMin;
    failing.consecutiveFailures = 4;
    failing.lastError = QStringLiteral("The server did not answer.");
    QVERIFY(world.store().services().saveHealth(added->id, failing, {}));
    CYCLE(world, fired);
    QCOMPARE(fired.opened, 1);
    QCOMPARE(fired.builtinChecks, 3);
    Alert alert = world.alerts().at(0);
    QCOMPARE(alert.ruleKey, QStringLiteral("builtin:polling-failing:%1").arg(added->uuid));
    QCOMPARE(alert.severity, rules::Severity::Warning);
    QCOMPARE(alert.service, QStringLiteral("SendGrid"));
    QCOMPARE(world.outbox().size(), 1);
    QCOMPARE(world.outbox().at(0).channelId, ops);

    ServiceHealth rejected = failing;
    rejected.state = ServiceHealth::State::Disabled;
    rejected.lastError = QStringLiteral("The API key was rejected. Polling is paused until the credentials change.");
    QVERIFY(world.store().services().saveHealth(added->id, rejected, {}));
    world.clock().advance(kMin);
    CYCLE(world, paused);
    QCOMPARE(paused.opened, 1);     // credentials
    QCOMPARE(paused.resolved, 1);   // polling failing: it is paused now, not failing
    const QList<Alert> alerts = world.alerts();
    QCOMPARE(alerts.at(0).ruleKey, QStringLiteral("builtin:credentials:%1").arg(added->uuid));
    QCOMPARE(alerts.at(0).severity, rules::Severity::Critical);
    QCOMPARE(alerts.at(1).status, AlertStatus::Resolved);

    // The service is removed: its built-in alerts resolve with it.
    QVERIFY(world.store().services().remove(added->id, world.now()));
    world.clock().advance(kMin);
    CYCLE(world, removed);
    QCOMPARE(removed.resolved, 1);
    for (const Alert &a : world.alerts())
        QCOMPARE(a.status, AlertStatus::Resolved);
}

void tst_AlertCycle::builtinNoData()
{
    AlertWorld world;
    QVERIFY(world.isValid());
    ServiceConfig config;
    config.project = QStringLiteral("shop");
    config.type = QStringLiteral("generichttp");
    config.name = QStringLiteral("api");   // AlertWorld::setLevel labels samples service=api, project=shop
    auto added = world.store().services().add(config);
    QVERIFY(added);
    ServiceHealth ok;
    ok.state = ServiceHealth::State::Ok;
    ok.lastSuccessMs = world.now();
    QVERIFY(world.store().services().saveHealth(added->id, ok, {}));
    QVERIFY(world.setLevel(QStringLiteral("a"), 1));   // newest sample: one minute ago

    world.clock().advance(59 * kMin);
    CYCLE(world, fresh);
    QCOMPARE(fresh.opened, 0);
    world.clock().advance(2 * kMin);
    CYCLE(world, silent);
    QCOMPARE(silent.opened, 1);
    QCOMPARE(world.alerts().at(0).ruleKey, QStringLiteral("builtin:no-data:%1").arg(added->uuid));

    QVERIFY(world.setLevel(QStringLiteral("a"), 1));
    CYCLE(world, back);
    QCOMPARE(back.resolved, 1);
}

void tst_AlertCycle::rolledBackApplyLeavesNeitherAlertNorOutboxRow()
{
    AlertWorld world;
    QVERIFY(world.isValid());
    QVERIFY(world.addRule(AlertWorld::errorRule()));
    QVERIFY(world.addChannel(QStringLiteral("ops"), true));
    QVERIFY(world.setLevel(QStringLiteral("a"), 50));
    // The outbox write fails after the alert row and its event were written in the same transaction.
    QVERIFY(world.store().database().exec("CREATE TEMP TRIGGER outbox_fails BEFORE INSERT ON outbox "
                                          "BEGIN SELECT RAISE(ABORT, 'injected failure'); END;"));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("writing the alert cycle failed")));
    auto failed = world.cycle();
    QVERIFY(!failed);
    QVERIFY(!world.store().database().inTransaction());
    QCOMPARE(world.count("SELECT count(*) FROM alerts;"), 0);
    QCOMPARE(world.count("SELECT count(*) FROM alert_events;"), 0);
    QCOMPARE(world.count("SELECT count(*) FROM alert_eval_state;"), 0);
    QCOMPARE(world.count("SELECT count(*) FROM outbox;"), 0);

    QVERIFY(world.store().database().exec("DROP TRIGGER outbox_fails;"));
    CYCLE(world, retried);   // the next cycle fires it, once
    QCOMPARE(retried.opened, 1);
    QCOMPARE(world.count("SELECT count(*) FROM alerts;"), 1);
    QCOMPARE(world.count("SELECT count(*) FROM outbox;"), 1);
}

void tst_AlertCycle::personActingBetweenReadAndWriteWins()
{
    AlertWorld world;
    QVERIFY(world.isValid());
    QVERIFY(world.addRule(AlertWorld::errorRule()));
    QVERIFY(world.setLevel(QStringLiteral("a"), 50));
    CYCLE(world, fired);
    QCOMPARE(fired.opened, 1);

    world.clock().advance(6 * kMin);
    QVERIFY(world.setLevel(QStringLiteral("a"), 1));
    auto input = gatherCycleInput(world.store(), world.now(), {});
    QVERIFY(input);
    const CyclePlan plan = planCycle(input.value(), {});
    QCOMPARE(plan.changes.size(), 1);
    QCOMPARE(plan.changes.at(0).change, Change::Resolved);
    // Meanwhile (the engine plans on its own thread) a person acknowledges the alert.
    const qint64 id = world.alerts().at(0).id;
    QVERIFY(AlertRepository(world.store().database()).acknowledge(id, QStringLiteral("ana"), {}, world.now()));
    auto report = applyCyclePlan(world.store(), plan);
    QVERIFY(report);
    QCOMPARE(report->skipped, 1);
    QCOMPARE(report->resolved, 0);
    QCOMPARE(world.alerts().at(0).status, AlertStatus::Acknowledged);

    // The dropped change is decided again on fresh data: the condition cleared, so the alert resolves.
    CYCLE(world, next);
    QCOMPARE(next.resolved, 1);
    QCOMPARE(world.alerts().at(0).status, AlertStatus::Resolved);
}

QTEST_GUILESS_MAIN(tst_AlertCycle)
#include "tst_alertcycle.moc"
