// Noise control (A4) and built-in alerts (A5) as pure functions: cooldowns, mute windows, channel routing,
// grouping and digests, dedup keys, and the three checks about the monitoring itself.
#include "alerts/builtinalerts.h"
#include "alerts/noisecontrol.h"

#include <QTest>

using namespace stackscope;
using namespace stackscope::alerts;

namespace {

constexpr qint64 kT0 = 1767225600000;   // 2026-01-01T00:00:00Z, a Thursday
constexpr qint64 kMin = 60 * 1000;
constexpr qint64 kHour = 60 * kMin;
constexpr qint64 kDay = 24 * kHour;

Alert alert(qint64 id, rules::Severity severity, AlertStatus status = AlertStatus::Open)
{
    Alert a;
    a.id = id;
    a.ruleKey = QStringLiteral("rule-%1").arg(id);
    a.ruleName = QStringLiteral("Rule %1").arg(id);
    a.severity = severity;
    a.status = status;
    a.project = QStringLiteral("shop");
    a.service = QStringLiteral("api");
    a.metric = QStringLiteral("api.errors");
    a.labels = {{QStringLiteral("host"), QStringLiteral("a")}};
    a.summary = QStringLiteral("avg 42 > 10 over 5 min");
    a.value = 42;
    a.threshold = 10;
    return a;
}

notify::ChannelConfig channel(qint64 id, const QString &name, bool isDefault, bool enabled = true)
{
    notify::ChannelConfig c;
    c.id = id;
    c.name = name;
    c.type = QStringLiteral("webhook");
    c.enabled = enabled;
    if (isDefault)
        c.settings.insert(QStringLiteral("default"), true);
    return c;
}

ServiceStatus service(ServiceHealth::State state)
{
    ServiceStatus s;
    s.config.id = 1;
    s.config.uuid = QStringLiteral("0b1c");
    s.config.project = QStringLiteral("shop");
    s.config.name = QStringLiteral("SendGrid");
    s.config.interval = std::chrono::seconds(300);
    s.health.state = state;
    return s;
}

const BuiltinVerdict &find(const QList<BuiltinVerdict> &verdicts, const QString &kind)
{
    for (const BuiltinVerdict &v : verdicts) {
        if (v.ruleKey == QStringLiteral("builtin:%1:0b1c").arg(kind))
            return v;
    }
    qFatal("no verdict of kind %s", qPrintable(kind));
}

} // namespace

class tst_AlertNoise : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cooldownBeforeRenotifying();
    void acknowledgedAlertsAreNotReminded();
    void resolutionIsAnnouncedOnlyAfterAFiringWas();
    void muteWindowOnce();
    void muteWindowDaily();
    void muteWindowWeekly();
    void muteWindowScope();
    void routesToNamedOrDefaultChannels();
    void oneAlertIsOneNotification();
    void severalAlertsAreOneGroup();
    void moreThanNAreADigestOfTheMostSevere();
    void dedupKeysAreStable();
    void itemsCarryTheFacts();
    void builtinPollingFailing();
    void builtinPollingNeverSucceededUsesForDuration();
    void builtinCredentials_data();
    void builtinCredentials();
    void builtinNoData();
    void builtinNoDataToleratesDailyData();
    void pausedServiceFiresNothing();
};

void tst_AlertNoise::cooldownBeforeRenotifying()
{
    Alert a = alert(1, rules::Severity::Warning);
    QVERIFY(deservesNotification(Change::Opened, a, 30 * kMin, kT0));   // never notified
    a.lastNotifiedMs = kT0;
    a.notifiedStatus = AlertStatus::Open;
    QVERIFY(!deservesNotification(Change::StillFiring, a, 30 * kMin, kT0 + 29 * kMin));
    QVERIFY(deservesNotification(Change::StillFiring, a, 30 * kMin, kT0 + 30 * kMin));   // reminder
    a.status = AlertStatus::Reopened;
    QVERIFY(!deservesNotification(Change::Reopened, a, 30 * kMin, kT0 + 10 * kMin));     // flapping: quiet
    QVERIFY(deservesNotification(Change::Reopened, a, 30 * kMin, kT0 + 31 * kMin));
    QVERIFY(!deservesNotification(Change::None, a, 0, kT0 + kDay));
}

void tst_AlertNoise::acknowledgedAlertsAreNotReminded()
{
    Alert a = alert(1, rules::Severity::Critical, AlertStatus::Acknowledged);
    a.lastNotifiedMs = kT0;
    a.notifiedStatus = AlertStatus::Open;
    QVERIFY(!deservesNotification(Change::StillFiring, a, 30 * kMin, kT0 + kDay));
}

void tst_AlertNoise::resolutionIsAnnouncedOnlyAfterAFiringWas()
{
    Alert a = alert(1, rules::Severity::Warning, AlertStatus::Resolved);
    QVERIFY(!deservesNotification(Change::Resolved, a, 30 * kMin, kT0));   // nobody was told it fired (muted)
    a.notifiedStatus = AlertStatus::Open;
    a.lastNotifiedMs = kT0;
    QVERIFY(deservesNotification(Change::Resolved, a, 30 * kMin, kT0 + kMin));   // no cooldown for good news
    a.notifiedStatus = AlertStatus::Resolved;
    QVERIFY(!deservesNotification(Change::Resolved, a, 30 * kMin, kT0 + kHour));
}

void tst_AlertNoise::muteWindowOnce()
{
    MuteWindow w;
    w.startsMs = kT0;
    w.endsMs = kT0 + 2 * kHour;
    QVERIFY(!w.coversTime(kT0 - 1));
    QVERIFY(w.coversTime(kT0));
    QVERIFY(w.coversTime(kT0 + 2 * kHour - 1));
    QVERIFY(!w.coversTime(kT0 + 2 * kHour));
    QVERIFY(!w.coversTime(kT0 + kDay + kHour));
}

void tst_AlertNoise::muteWindowDaily()
{
    MuteWindow w;
    w.startsMs = kT0 + 2 * kHour;   // 02:00-03:00 UTC every day
    w.endsMs = kT0 + 3 * kHour;
    w.recurrence = MuteWindow::Recurrence::Daily;
    QVERIFY(!w.coversTime(kT0 + 2 * kHour - 1));
    QVERIFY(w.coversTime(kT0 + 2 * kHour + 30 * kMin));
    QVERIFY(!w.coversTime(kT0 + 3 * kHour));
    QVERIFY(w.coversTime(kT0 + 10 * kDay + 2 * kHour + 59 * kMin));
    QVERIFY(!w.coversTime(kT0 + 10 * kDay + 4 * kHour));
    QVERIFY(!w.coversTime(kT0 - kDay + 2 * kHour + kMin));   // before the first occurrence
}

void tst_AlertNoise::muteWindowWeekly()
{
    MuteWindow w;
    w.startsMs = kT0;   // Thursdays 00:00-06:00 UTC
    w.endsMs = kT0 + 6 * kHour;
    w.recurrence = MuteWindow::Recurrence::Weekly;
    QVERIFY(w.coversTime(kT0 + 7 * kDay + kHour));
    QVERIFY(!w.coversTime(kT0 + kDay + kHour));
    QVERIFY(w.coversTime(kT0 + 21 * kDay + 5 * kHour));
    QVERIFY(!w.coversTime(kT0 + 21 * kDay + 6 * kHour));
}

void tst_AlertNoise::muteWindowScope()
{
    MuteWindow w;
    w.startsMs = kT0;
    w.endsMs = kT0 + kHour;
    w.project = QStringLiteral("shop");
    w.service = QStringLiteral("api");
    const Alert a = alert(1, rules::Severity::Critical);
    QVERIFY(isMuted({w}, a, kT0 + kMin));
    Alert other = a;
    other.service = QStringLiteral("billing");
    QVERIFY(!isMuted({w}, other, kT0 + kMin));
    MuteWindow ruleOnly;
    ruleOnly.startsMs = kT0;
    ruleOnly.endsMs = kT0 + kHour;
    ruleOnly.ruleKey = QStringLiteral("rule-2");
    QVERIFY(!isMuted({ruleOnly}, a, kT0 + kMin));
    QVERIFY(isMuted({ruleOnly}, alert(2, rules::Severity::Info), kT0 + kMin));
    QVERIFY(!isMuted({}, a, kT0));
}

void tst_AlertNoise::routesToNamedOrDefaultChannels()
{
    const QList<notify::ChannelConfig> channels{channel(1, QStringLiteral("ops-slack"), true),
                                                channel(2, QStringLiteral("mail"), false),
                                                channel(3, QStringLiteral("tray"), true, false)};
    QCOMPARE(routeToChannels({}, channels), QList<qint64>{1});   // enabled defaults only
    QStringList unknown;
    QCOMPARE(routeToChannels({QStringLiteral("Mail"), QStringLiteral("pager"), QStringLiteral("tray")}, channels, &unknown),
             QList<qint64>{2});
    QCOMPARE(unknown, (QStringList{QStringLiteral("pager"), QStringLiteral("tray")}));
}

void tst_AlertNoise::oneAlertIsOneNotification()
{
    const QList<Alert> alerts{alert(5, rules::Severity::Critical)};
    const NotificationShape shape = shapeFor({0}, alerts, {});
    QCOMPARE(shape.kind, notify::Notification::Kind::Alert);
    const notify::Notification n = compose(shape, alerts, kT0);
    QCOMPARE(n.items.size(), 1);
    QCOMPARE(n.severity, QStringLiteral("critical"));
    QCOMPARE(n.title, QStringLiteral("[critical] Rule 5 — shop/api"));
    QCOMPARE(n.dedupKey, QStringLiteral("alert:5:open:%1").arg(kT0));
}

void tst_AlertNoise::severalAlertsAreOneGroup()
{
    const QList<Alert> alerts{alert(1, rules::Severity::Info), alert(2, rules::Severity::Critical),
                              alert(3, rules::Severity::Warning)};
    const NotificationShape shape = shapeFor({0, 1, 2}, alerts, {});
    QCOMPARE(shape.kind, notify::Notification::Kind::Group);
    const notify::Notification n = compose(shape, alerts, kT0);
    QCOMPARE(n.items.size(), 3);
    QCOMPARE(n.items.at(0).alertId, 2);   // most severe first
    QCOMPARE(n.severity, QStringLiteral("critical"));
    QVERIFY(n.title.contains(QStringLiteral("3 alerts")));
    QCOMPARE(n.omitted, 0);
}

void tst_AlertNoise::moreThanNAreADigestOfTheMostSevere()
{
    QList<Alert> alerts;
    QList<int> indexes;
    for (int i = 0; i < 14; ++i) {
        alerts.append(alert(i + 1, i % 7 == 3 ? rules::Severity::Critical : rules::Severity::Info));
        indexes.append(i);
    }
    NoiseSettings settings;
    settings.digestThreshold = 10;
    settings.digestListed = 5;
    const NotificationShape exactlyN = shapeFor(indexes.mid(0, 10), alerts, settings);
    QCOMPARE(exactlyN.kind, notify::Notification::Kind::Group);
    const NotificationShape shape = shapeFor(indexes, alerts, settings);
    QCOMPARE(shape.kind, notify::Notification::Kind::Digest);
    QCOMPARE(shape.listed.size(), 5);
    QCOMPARE(shape.omitted, 9);
    const notify::Notification n = compose(shape, alerts, kT0);
    QCOMPARE(n.items.at(0).severity, QStringLiteral("critical"));
    QCOMPARE(n.items.at(1).severity, QStringLiteral("critical"));   // both criticals (ids 4 and 11) first
    QCOMPARE(n.items.at(2).severity, QStringLiteral("info"));
    QCOMPARE(n.omitted, 9);
    QVERIFY(n.title.contains(QStringLiteral("14 alerts")));
}

void tst_AlertNoise::dedupKeysAreStable()
{
    const QList<Alert> alerts{alert(1, rules::Severity::Info), alert(2, rules::Severity::Critical)};
    const notify::Notification a = compose(shapeFor({0, 1}, alerts, {}), alerts, kT0);
    const notify::Notification b = compose(shapeFor({1, 0}, alerts, {}), alerts, kT0);
    QCOMPARE(a.dedupKey, b.dedupKey);
    QList<Alert> resolved = alerts;
    resolved[0].status = AlertStatus::Resolved;
    QVERIFY(compose(shapeFor({0, 1}, resolved, {}), resolved, kT0).dedupKey != a.dedupKey);
    QVERIFY(compose(shapeFor({0, 1}, alerts, {}), alerts, kT0 + 1).dedupKey != a.dedupKey);
}

void tst_AlertNoise::itemsCarryTheFacts()
{
    Alert a = alert(9, rules::Severity::Warning);
    a.labels.insert(QStringLiteral("country"), QStringLiteral("US"));
    const notify::NotificationItem item = itemFor(a, kT0, QStringLiteral("req/s"));
    QCOMPARE(item.alertId, 9);
    QCOMPARE(item.link, QStringLiteral("stackscope://alert/9"));
    QCOMPARE(item.severity, QStringLiteral("warning"));
    QCOMPARE(item.status, QStringLiteral("open"));
    QCOMPARE(item.labels, QStringLiteral("country=US, host=a"));
    QCOMPARE(item.value, 42.0);
    QCOMPARE(item.threshold, 10.0);
    QCOMPARE(item.unit, QStringLiteral("req/s"));
    QCOMPARE(item.summary, a.summary);
    QCOMPARE(item.atMs, kT0);
}

void tst_AlertNoise::builtinPollingFailing()
{
    ServiceStatus s = service(ServiceHealth::State::Failing);
    s.health.lastSuccessMs = kT0 - 10 * kMin;
    s.health.consecutiveFailures = 3;
    s.health.lastError = QStringLiteral("The server did not answer.");
    BuiltinSettings settings;
    const BuiltinVerdict early = find(evaluateBuiltins({s}, settings, kT0), QStringLiteral("polling-failing"));
    QVERIFY(!early.verdict.firing);
    const BuiltinVerdict late = find(evaluateBuiltins({s}, settings, kT0 + 6 * kMin), QStringLiteral("polling-failing"));
    QVERIFY(late.verdict.firing);
    QCOMPARE(late.rule.severity, rules::Severity::Warning);
    QVERIFY(late.rule.channels.isEmpty());   // default channels
    QCOMPARE(late.verdict.service, QStringLiteral("SendGrid"));
    QCOMPARE(late.verdict.project, QStringLiteral("shop"));
    QVERIFY(late.verdict.summary.contains(QStringLiteral("16 min")));
    QVERIFY(late.verdict.summary.contains(QStringLiteral("The server did not answer.")));
    QVERIFY(!find(evaluateBuiltins({s}, settings, kT0 + kHour), QStringLiteral("credentials")).verdict.firing);
}

void tst_AlertNoise::builtinPollingNeverSucceededUsesForDuration()
{
    ServiceStatus s = service(ServiceHealth::State::Failing);
    s.health.consecutiveFailures = 2;
    const BuiltinVerdict v = find(evaluateBuiltins({s}, {}, kT0), QStringLiteral("polling-failing"));
    QVERIFY(v.verdict.firing);
    QCOMPARE(v.rule.forMs, 15 * kMin);   // the lifecycle waits 15 minutes of failing as seen by the engine
}

void tst_AlertNoise::builtinCredentials_data()
{
    QTest::addColumn<QString>("lastError");
    QTest::addColumn<bool>("firing");
    QTest::addRow("rejected") << QStringLiteral("The API key was rejected (401). Polling is paused until the credentials change.") << true;
    QTest::addRow("missing") << QStringLiteral("The credential \"API key\" is missing; set it to resume polling.") << true;
    QTest::addRow("over the vendor's limits") << QStringLiteral("This interval needs more requests than Mixpanel allows.") << false;
}

void tst_AlertNoise::builtinCredentials()
{
    QFETCH(QString, lastError);
    QFETCH(bool, firing);
    ServiceStatus s = service(ServiceHealth::State::Disabled);
    s.health.lastError = lastError;
    const BuiltinVerdict v = find(evaluateBuiltins({s}, {}, kT0), QStringLiteral("credentials"));
    QCOMPARE(v.verdict.firing, firing);
    QCOMPARE(v.rule.severity, rules::Severity::Critical);
    QVERIFY(!find(evaluateBuiltins({s}, {}, kT0), QStringLiteral("no-data")).verdict.firing);
}

void tst_AlertNoise::builtinNoData()
{
    ServiceStatus s = service(ServiceHealth::State::Ok);   // 5 min interval: silence allowed max(15 min, 1 h)
    s.activity.newestSampleMs = kT0;
    s.activity.sampleSpacingMs = kHour;
    QVERIFY(!find(evaluateBuiltins({s}, {}, kT0 + kHour), QStringLiteral("no-data")).verdict.firing);
    const BuiltinVerdict v = find(evaluateBuiltins({s}, {}, kT0 + kHour + kMin), QStringLiteral("no-data"));
    QVERIFY(v.verdict.firing);
    QCOMPARE(v.verdict.threshold, 60.0);
    s.config.interval = std::chrono::seconds(3600);   // hourly polling: three hours
    QVERIFY(!find(evaluateBuiltins({s}, {}, kT0 + 3 * kHour), QStringLiteral("no-data")).verdict.firing);
    QVERIFY(find(evaluateBuiltins({s}, {}, kT0 + 3 * kHour + 1), QStringLiteral("no-data")).verdict.firing);
    s.activity.newestSampleMs.reset();   // never delivered: nothing to miss
    QVERIFY(!find(evaluateBuiltins({s}, {}, kT0 + 30 * kDay), QStringLiteral("no-data")).verdict.firing);
}

void tst_AlertNoise::builtinNoDataToleratesDailyData()
{
    ServiceStatus s = service(ServiceHealth::State::Ok);
    s.activity.newestSampleMs = kT0;
    s.activity.sampleSpacingMs = kDay;   // one sample a day, as a vendor's daily statistics
    QVERIFY(!find(evaluateBuiltins({s}, {}, kT0 + 47 * kHour), QStringLiteral("no-data")).verdict.firing);
    QVERIFY(find(evaluateBuiltins({s}, {}, kT0 + 49 * kHour), QStringLiteral("no-data")).verdict.firing);
}

void tst_AlertNoise::pausedServiceFiresNothing()
{
    ServiceStatus s = service(ServiceHealth::State::Failing);
    s.config.enabled = false;
    s.health.lastSuccessMs = kT0 - kDay;
    s.activity.newestSampleMs = kT0 - kDay;
    for (const BuiltinVerdict &v : evaluateBuiltins({s}, {}, kT0))
        QVERIFY2(!v.verdict.firing, qPrintable(v.ruleKey));
}

QTEST_GUILESS_MAIN(tst_AlertNoise)
#include "tst_alertnoise.moc"
