// Rules, alerts, history, evaluation memory and mute windows in a real encrypted workspace.
#include "tempworkspace.h"

#include "alerts/alertrepository.h"
#include "alerts/alertrulerepository.h"
#include "alerts/evalstaterepository.h"
#include "alerts/mutewindowrepository.h"
#include "storage/database.h"
#include "storage/metricstore.h"

#include <QTest>

using namespace stackscope;
using namespace stackscope::alerts;

namespace {

constexpr qint64 kT0 = 1767225600000;
constexpr qint64 kMin = 60 * 1000;

rules::AlertRule rule(const QString &name)
{
    rules::AlertRule r;
    r.name = name;
    r.metric = QStringLiteral("api.errors");
    r.threshold = 10;
    r.windowMs = 5 * kMin;
    return r;
}

Alert alertAt(int i)
{
    Alert a;
    a.ruleKey = QStringLiteral("rule-%1").arg(i % 3);
    a.instance = QStringLiteral("host=h%1").arg(i);
    a.ruleName = i % 3 == 0 ? QStringLiteral("Checkout errors") : QStringLiteral("Latency");
    a.severity = rules::Severity(i % 3);                       // info, warning, critical in turn
    a.status = i % 4 == 3 ? AlertStatus::Resolved : AlertStatus::Open;
    a.project = i % 2 ? QStringLiteral("shop") : QStringLiteral("blog");
    a.service = i % 5 == 0 ? QStringLiteral("stripe") : QStringLiteral("api");
    a.metric = QStringLiteral("api.errors");
    a.labels = {{QStringLiteral("host"), QStringLiteral("h%1").arg(i)}};
    a.summary = QStringLiteral("avg %1 > 10").arg(i);
    a.value = i;
    a.openedMs = kT0 + i * kMin;
    a.updatedMs = a.openedMs;
    a.lastFiredMs = a.openedMs;
    if (a.status == AlertStatus::Resolved)
        a.resolvedMs = a.openedMs + 2 * kMin;
    return a;
}

QList<qint64> idsOf(const AlertPage &page)
{
    QList<qint64> ids;
    for (const Alert &a : page.alerts)
        ids.append(a.id);
    return ids;
}

} // namespace

class tst_AlertRepository : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void rulesRoundTrip();
    void ruleNamesAreUniqueAmongLiveRules();
    void ruleFindUpdateEnableRemove();
    void unreadableRuleIsListedWithItsProblem();
    void alertsRoundTripWithNulls();
    void filtersAndPaging();
    void acknowledgeResolveReopenWithHistory();
    void refusedTransitionsSayWhy_data();
    void refusedTransitionsSayWhy();
    void currentAndUnhandledCounts();
    void updateIfUnchangedDetectsAPersonsAction();
    void evalStateSaveLoadDelete();
    void muteWindows();

private:
    test::TempWorkspace *m_ws = nullptr;
    std::unique_ptr<storage::MetricStore> m_store;
    storage::Database &db() { return m_store->database(); }
};

void tst_AlertRepository::init()
{
    m_ws = new test::TempWorkspace;
    m_store = m_ws->create();
    QVERIFY(m_store);
}

void tst_AlertRepository::cleanup()
{
    m_store.reset();
    delete m_ws;
    m_ws = nullptr;
}

void tst_AlertRepository::rulesRoundTrip()
{
    AlertRuleRepository repo(db());
    rules::AlertRule r = rule(QStringLiteral("Errors high"));
    r.severity = rules::Severity::Critical;
    r.forMs = 3 * kMin;
    r.channels = {QStringLiteral("ops")};
    auto added = repo.add(r, kT0);
    QVERIFY2(added, added ? "" : qPrintable(added.error().userMessage));
    QVERIFY(added->id > 0);
    QVERIFY(!added->uuid.isEmpty());
    auto stored = repo.get(added->id);
    QVERIFY(stored);
    QVERIFY(!stored->problem);
    QCOMPARE(stored->rule, added.value());
    QCOMPARE(stored->createdMs, kT0);
}

void tst_AlertRepository::ruleNamesAreUniqueAmongLiveRules()
{
    AlertRuleRepository repo(db());
    auto first = repo.add(rule(QStringLiteral("Errors high")), kT0);
    QVERIFY(first);
    auto again = repo.add(rule(QStringLiteral("Errors high")), kT0);
    QVERIFY(!again);
    QVERIFY(again.error().code == Error::Code::Config);
    QVERIFY(again.error().userMessage.contains(QStringLiteral("already an alert rule named")));
    auto other = repo.add(rule(QStringLiteral("Latency")), kT0);
    QVERIFY(other);
    rules::AlertRule renamed = other.value();
    renamed.name = QStringLiteral("Errors high");
    QVERIFY(!repo.update(renamed, kT0));
    QVERIFY(repo.remove(first->id, kT0 + 1));
    QVERIFY(repo.add(rule(QStringLiteral("Errors high")), kT0 + 2));   // the name is free again
}

void tst_AlertRepository::ruleFindUpdateEnableRemove()
{
    AlertRuleRepository repo(db());
    auto added = repo.add(rule(QStringLiteral("Errors high")), kT0);
    QVERIFY(added);
    QCOMPARE(repo.find(QStringLiteral("Errors high"))->rule.id, added->id);
    QCOMPARE(repo.find(added->uuid)->rule.id, added->id);
    QCOMPARE(repo.find(QString::number(added->id))->rule.id, added->id);
    QVERIFY(repo.find(QStringLiteral("nope")).error().code == Error::Code::NotFound);

    rules::AlertRule changed = added.value();
    changed.threshold = 25;
    changed.uuid = QStringLiteral("ignored");
    QVERIFY(repo.update(changed, kT0 + 1));
    auto stored = repo.get(added->id);
    QCOMPARE(stored->rule.threshold, 25.0);
    QCOMPARE(stored->rule.uuid, added->uuid);   // identity never changes
    QCOMPARE(stored->updatedMs, kT0 + 1);

    QVERIFY(repo.setEnabled(added->id, false, kT0 + 2));
    QCOMPARE(repo.list(true)->size(), 0);
    QCOMPARE(repo.list(false)->size(), 1);
    QVERIFY(!repo.get(added->id)->rule.enabled);

    QVERIFY(repo.remove(added->id, kT0 + 3));
    QCOMPARE(repo.list()->size(), 0);
    QVERIFY(repo.get(added->id).error().code == Error::Code::NotFound);
    QVERIFY(repo.remove(added->id, kT0 + 4).error().code == Error::Code::NotFound);
}

void tst_AlertRepository::unreadableRuleIsListedWithItsProblem()
{
    QVERIFY(db().exec("INSERT INTO alert_rules(uuid, name, spec, enabled, created_ms, updated_ms) "
                      "VALUES ('u-1', 'Hand edited', '{\"metric\": 5}', 1, 0, 0);"));
    auto rules = AlertRuleRepository(db()).list();
    QVERIFY(rules);
    QCOMPARE(rules->size(), 1);
    QVERIFY(rules->at(0).problem);
    QCOMPARE(rules->at(0).rule.name, QStringLiteral("Hand edited"));
    QVERIFY(!rules->at(0).problem->userMessage.isEmpty());
}

void tst_AlertRepository::alertsRoundTripWithNulls()
{
    AlertRepository repo(db());
    Alert a = alertAt(1);
    a.value.reset();
    a.threshold.reset();
    auto id = repo.insert(a);
    QVERIFY(id);
    a.id = id.value();
    QCOMPARE(repo.get(a.id).value(), a);
    a.lastNotifiedMs = kT0;
    a.notifiedStatus = AlertStatus::Open;
    a.value = 3.5;
    QVERIFY(repo.updateIfUnchanged(a, a).value());
    QCOMPARE(repo.get(a.id).value(), a);
    QVERIFY(repo.get(999).error().code == Error::Code::NotFound);
}

void tst_AlertRepository::filtersAndPaging()
{
    AlertRepository repo(db());
    for (int i = 0; i < 30; ++i)
        QVERIFY(repo.insert(alertAt(i)));

    AlertFilter all;
    all.limit = 10;
    auto page = repo.query(all);
    QVERIFY(page);
    QCOMPARE(page->total, 30);
    QCOMPARE(page->alerts.size(), 10);
    QCOMPARE(page->alerts.first().openedMs, kT0 + 29 * kMin);   // newest first
    all.offset = 25;
    page = repo.query(all);
    QCOMPARE(page->alerts.size(), 5);
    QCOMPARE(page->total, 30);
    QCOMPARE(page->alerts.last().openedMs, kT0);

    auto count = [&](const AlertFilter &filter) {
        auto result = repo.query(filter);
        return result ? result->total : -1;
    };
    AlertFilter critical;
    critical.severities = {rules::Severity::Critical};
    QCOMPARE(count(critical), 10);
    AlertFilter warnOrInfo;
    warnOrInfo.severities = {rules::Severity::Info, rules::Severity::Warning};
    QCOMPARE(count(warnOrInfo), 20);
    AlertFilter resolved;
    resolved.statuses = {AlertStatus::Resolved};
    QCOMPARE(count(resolved), 7);   // i % 4 == 3
    AlertFilter shop;
    shop.project = QStringLiteral("shop");
    QCOMPARE(count(shop), 15);
    shop.service = QStringLiteral("stripe");
    QCOMPARE(count(shop), 3);       // odd multiples of 5: 5, 15, 25
    AlertFilter text;
    text.text = QStringLiteral("  CHECKOUT ");
    QCOMPARE(count(text), 10);
    text.text = QStringLiteral("h17");   // in the labels
    QCOMPARE(count(text), 1);
    AlertFilter oneRule;
    oneRule.ruleKey = QStringLiteral("rule-1");
    QCOMPARE(count(oneRule), 10);

    // Alive during [kT0 + 10 min, kT0 + 12 min): opened before the end and not resolved before the start.
    AlertFilter range;
    range.fromMs = kT0 + 10 * kMin;
    range.toMs = kT0 + 12 * kMin;
    range.limit = 100;
    auto inRange = repo.query(range);
    QVERIFY(inRange);
    for (const Alert &a : inRange->alerts) {
        QVERIFY(a.openedMs < range.toMs);
        QVERIFY(!a.resolvedMs || *a.resolvedMs >= range.fromMs);
    }
    // Opened 0..11 (12 alerts), minus those resolved before minute 10: i = 3 and 7 (resolved at 5 and 9).
    QCOMPARE(inRange->total, 10);

    AlertFilter combined;
    combined.severities = {rules::Severity::Critical};
    combined.statuses = {AlertStatus::Open};
    combined.project = QStringLiteral("blog");
    combined.limit = 2;
    auto first = repo.query(combined);
    combined.offset = 2;
    auto second = repo.query(combined);
    QVERIFY(first && second);
    QCOMPARE(first->total, second->total);
    for (qint64 id : idsOf(second.value()))
        QVERIFY(!idsOf(first.value()).contains(id));   // pages do not overlap
}

void tst_AlertRepository::acknowledgeResolveReopenWithHistory()
{
    AlertRepository repo(db());
    Alert a = alertAt(1);
    const qint64 id = repo.insert(a).value();
    QVERIFY(repo.addEvent({0, id, a.openedMs, std::nullopt, AlertStatus::Open, engineActor(), {}, 1.0}));

    auto acked = repo.acknowledge(id, QStringLiteral("ana"), QStringLiteral("on it"), kT0 + 10 * kMin);
    QVERIFY(acked);
    QCOMPARE(acked->status, AlertStatus::Acknowledged);
    QCOMPARE(acked->updatedMs, kT0 + 10 * kMin);
    auto resolved = repo.resolve(id, QStringLiteral("ana"), QStringLiteral("fixed the deploy"), kT0 + 20 * kMin);
    QVERIFY(resolved);
    QCOMPARE(resolved->resolvedMs, kT0 + 20 * kMin);
    auto reopened = repo.reopen(id, QStringLiteral("bo"), QStringLiteral("not fixed"), kT0 + 30 * kMin);
    QVERIFY(reopened);
    QCOMPARE(reopened->status, AlertStatus::Reopened);
    QVERIFY(!reopened->resolvedMs);
    QCOMPARE(repo.get(id).value(), reopened.value());

    auto history = repo.history(id);
    QVERIFY(history);
    QCOMPARE(history->size(), 4);
    const AlertEvent &ack = history->at(1);
    QCOMPARE(ack.fromStatus, AlertStatus::Open);
    QCOMPARE(ack.toStatus, AlertStatus::Acknowledged);
    QCOMPARE(ack.actor, QStringLiteral("ana"));
    QCOMPARE(ack.comment, QStringLiteral("on it"));
    QCOMPARE(ack.atMs, kT0 + 10 * kMin);
    QCOMPARE(ack.value, 1.0);
    QCOMPARE(history->at(2).comment, QStringLiteral("fixed the deploy"));
    QCOMPARE(history->at(3).actor, QStringLiteral("bo"));
    QCOMPARE(history->at(3).toStatus, AlertStatus::Reopened);
}

void tst_AlertRepository::refusedTransitionsSayWhy_data()
{
    QTest::addColumn<int>("from");
    QTest::addColumn<int>("action");   // 0 acknowledge, 1 resolve, 2 reopen
    QTest::addColumn<QString>("words");
    QTest::addRow("acknowledge acknowledged") << int(AlertStatus::Acknowledged) << 0 << QStringLiteral("already acknowledged");
    QTest::addRow("acknowledge resolved") << int(AlertStatus::Resolved) << 0 << QStringLiteral("reopen it first");
    QTest::addRow("resolve resolved") << int(AlertStatus::Resolved) << 1 << QStringLiteral("already resolved");
    QTest::addRow("reopen open") << int(AlertStatus::Open) << 2 << QStringLiteral("only a resolved alert can be reopened");
    QTest::addRow("reopen acknowledged") << int(AlertStatus::Acknowledged) << 2 << QStringLiteral("is acknowledged, not resolved");
}

void tst_AlertRepository::refusedTransitionsSayWhy()
{
    QFETCH(int, from);
    QFETCH(int, action);
    QFETCH(QString, words);
    AlertRepository repo(db());
    Alert a = alertAt(1);
    a.status = AlertStatus(from);
    const qint64 id = repo.insert(a).value();
    Result<Alert> result = action == 0 ? repo.acknowledge(id, QStringLiteral("ana"), {}, kT0)
                         : action == 1 ? repo.resolve(id, QStringLiteral("ana"), {}, kT0)
                                       : repo.reopen(id, QStringLiteral("ana"), {}, kT0);
    QVERIFY(!result);
    QVERIFY2(result.error().userMessage.contains(words), qPrintable(result.error().userMessage));
    QVERIFY(!db().inTransaction());
    QCOMPARE(repo.history(id)->size(), 0);
    QCOMPARE(repo.get(id)->status, AlertStatus(from));
    QVERIFY(repo.acknowledge(4242, QStringLiteral("ana"), {}, kT0).error().code == Error::Code::NotFound);
    QVERIFY(!repo.acknowledge(id, QStringLiteral("  "), {}, kT0));   // somebody must act
}

void tst_AlertRepository::currentAndUnhandledCounts()
{
    AlertRepository repo(db());
    for (int i = 0; i < 12; ++i)
        QVERIFY(repo.insert(alertAt(i)));   // resolved: i = 3, 7, 11 at opened + 2 min
    auto current = repo.current(kT0 + 9 * kMin);   // resolved at 9 and 13 min are still reopenable
    QVERIFY(current);
    QCOMPARE(current->size(), 9 + 2);
    auto counts = repo.unhandledCounts();
    QVERIFY(counts);
    QCOMPARE(counts.value(), (QList<qint64>{3, 3, 3}));
}

void tst_AlertRepository::updateIfUnchangedDetectsAPersonsAction()
{
    AlertRepository repo(db());
    Alert a = alertAt(1);
    a.id = repo.insert(a).value();
    const Alert asRead = a;
    QVERIFY(repo.acknowledge(a.id, QStringLiteral("ana"), {}, kT0 + 5 * kMin));
    Alert engineView = asRead;
    engineView.value = 99;
    auto written = repo.updateIfUnchanged(engineView, asRead);
    QVERIFY(written);
    QVERIFY(!written.value());
    QCOMPARE(repo.get(a.id)->status, AlertStatus::Acknowledged);
    QCOMPARE(repo.get(a.id)->value, 1.0);
}

void tst_AlertRepository::evalStateSaveLoadDelete()
{
    EvalStateRepository repo(db());
    const InstanceKey a{QStringLiteral("rule-1"), QStringLiteral("host=a")};
    const InstanceKey b{QStringLiteral("rule-1"), QString()};
    QVERIFY(repo.save(a, {kT0, false}));
    QVERIFY(repo.save(b, {kT0 - kMin, true}));
    QVERIFY(repo.save(a, {kT0, true}));   // update in place
    auto all = repo.all();
    QVERIFY(all);
    QCOMPARE(all->size(), 2);
    QCOMPARE(all->value(a), (EvalState{kT0, true}));
    QCOMPARE(all->value(b), (EvalState{kT0 - kMin, true}));
    QVERIFY(repo.save(a, {}));   // empty: forgotten
    QCOMPARE(repo.all()->size(), 1);
    QVERIFY(repo.forgetRule(QStringLiteral("rule-1")));
    QCOMPARE(repo.all()->size(), 0);
}

void tst_AlertRepository::muteWindows()
{
    MuteWindowRepository repo(db());
    MuteWindow w;
    w.project = QStringLiteral("shop");
    w.startsMs = kT0;
    w.endsMs = kT0 + 60 * kMin;
    w.reason = QStringLiteral("deploy");
    auto once = repo.add(w, kT0);
    QVERIFY(once);
    w.recurrence = MuteWindow::Recurrence::Weekly;
    auto weekly = repo.add(w, kT0);
    QVERIFY(weekly);
    MuteWindow backwards = w;
    backwards.endsMs = backwards.startsMs;
    QVERIFY(repo.add(backwards, kT0).error().code == Error::Code::Config);

    auto now = repo.list(kT0 + 30 * kMin);
    QVERIFY(now);
    QCOMPARE(now->size(), 2);
    QCOMPARE(now->at(0), once.value());
    auto later = repo.list(kT0 + 120 * kMin);   // the one-off is over; the weekly one can still cover
    QCOMPARE(later->size(), 1);
    QCOMPARE(later->at(0).recurrence, MuteWindow::Recurrence::Weekly);
    QVERIFY(repo.remove(weekly->id, kT0));
    QCOMPARE(repo.list(kT0)->size(), 1);
    QVERIFY(repo.remove(weekly->id, kT0).error().code == Error::Code::NotFound);
}

QTEST_GUILESS_MAIN(tst_AlertRepository)
#include "tst_alertrepository.moc"
