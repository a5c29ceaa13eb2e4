// The alerts panel (D6) and the AlertingHost: the table model, filters and paging, actions with comments and
// history, the engine end to end, the demo workspace's alerts, and review screenshots.
#include "alerts/alertdetailpane.h"
#include "alerts/alertfilterbar.h"
#include "alerts/alertinghost.h"
#include "alerts/alertlistpanel.h"
#include "alerts/alertsformat.h"
#include "alerts/alertspage.h"
#include "alerts/alerttablemodel.h"
#include "alerts/commentdialog.h"
#include "alerts/outboxpanel.h"
#include "alerts/rulelistpanel.h"
#include "darkpalette.h"
#include "fakeclock.h"
#include "fakesecretstore.h"
#include "tempworkspace.h"

#include "alerts/alertrepository.h"
#include "alerts/alertrulerepository.h"
#include "demo/demodata.h"
#include "storage/storeservice.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QTreeWidget>

#include <atomic>
#include <memory>

using namespace stackscope;
using namespace stackscope::app;
using alerts::AlertStatus;
using rules::Severity;

namespace {

constexpr qint64 kMinute = 60 * 1000;
constexpr qint64 kNow = 1767225600000; // 2026-01-01T00:00:00Z

// A real encrypted workspace behind a StoreService, a fake keychain and clock, and the host.
struct Fixture
{
    test::TempWorkspace workspace;
    test::FakeClock clock{kNow};
    secrets::FakeSecretStore keychain;
    std::unique_ptr<storage::StoreService> store;
    std::unique_ptr<AlertingHost> host;

    bool open(bool demo = false)
    {
        auto metrics = workspace.create();
        if (!metrics)
            return false;
        store = std::make_unique<storage::StoreService>(std::move(metrics));
        host = std::make_unique<AlertingHost>(store.get(), &keychain, clock, demo);
        return true;
    }
    ~Fixture()
    {
        host.reset(); // before the store
        store.reset();
    }

    // Runs `job` on the store thread and waits for it.
    template<typename Fn>
    bool onStore(Fn job)
    {
        std::atomic<bool> done{false};
        std::atomic<bool> ok{false};
        store->run([&](storage::MetricStore &metrics) {
            ok = job(metrics);
            done = true;
        });
        return QTest::qWaitFor([&] { return done.load(); }, 20000) && ok.load();
    }
};

alerts::Alert makeAlert(int n, Severity severity, AlertStatus status, const QString &project, const QString &service)
{
    alerts::Alert alert;
    alert.ruleKey = QStringLiteral("rule-%1").arg(n % 3);
    alert.instance = QStringLiteral("n=%1").arg(n);
    alert.ruleName = QStringLiteral("Rule %1").arg(n % 3);
    alert.severity = severity;
    alert.status = status;
    alert.project = project;
    alert.service = service;
    alert.metric = QStringLiteral("shop.errors");
    alert.labels = {{QStringLiteral("n"), QString::number(n)}};
    alert.summary = QStringLiteral("shop.errors %1 > 10 (alert %2)").arg(20 + n).arg(n);
    alert.value = 20 + n;
    alert.threshold = 10;
    alert.openedMs = kNow - (n + 1) * kMinute;
    alert.updatedMs = alert.openedMs;
    alert.lastFiredMs = alert.openedMs;
    if (status == AlertStatus::Resolved)
        alert.resolvedMs = alert.openedMs + 30 * 1000;
    return alert;
}

// 60 critical open alerts in "shop", 5 warnings in "shop" acknowledged, 4 info alerts in "blog" resolved.
bool seedAlerts(Fixture &f)
{
    return f.onStore([](storage::MetricStore &metrics) {
        alerts::AlertRepository repo(metrics.database());
        int n = 0;
        const auto add = [&](int count, Severity severity, AlertStatus status, const QString &project, const QString &service) {
            for (int i = 0; i < count; ++i, ++n) {
                auto id = repo.insert(makeAlert(n, severity, status, project, service));
                if (!id)
                    return false;
                if (!repo.addEvent({0, id.value(), kNow - (n + 1) * kMinute, std::nullopt, AlertStatus::Open,
                                    alerts::engineActor(), {}, 1.0}))
                    return false;
            }
            return true;
        };
        return add(60, Severity::Critical, AlertStatus::Open, QStringLiteral("shop"), QStringLiteral("Twilio"))
               && add(5, Severity::Warning, AlertStatus::Acknowledged, QStringLiteral("shop"), QStringLiteral("SendGrid"))
               && add(4, Severity::Info, AlertStatus::Resolved, QStringLiteral("blog"), QStringLiteral("Ghost"));
    });
}

bool waitLoaded(AlertListPanel &panel, std::function<void()> trigger)
{
    QSignalSpy loaded(&panel, &AlertListPanel::loaded);
    trigger();
    return loaded.wait(20000);
}

QString screenshotDir()
{
    return qEnvironmentVariable("STACKSCOPE_SCREENSHOT_DIR");
}


} // namespace

class tst_Alerts : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void modelShowsAlerts();
    void formatting();
    void filtersAndPagingChangeTheRows();
    void acknowledgeWithCommentWritesHistory();
    void commentDialogActsOnSelection();
    void hostEndToEnd();
    void demoWorkspaceShowsAlertsAndScreenshots();
};

void tst_Alerts::modelShowsAlerts()
{
    AlertTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0);
    alerts::Alert critical = makeAlert(11, Severity::Critical, AlertStatus::Open, QStringLiteral("shop"), QStringLiteral("Twilio"));
    critical.id = 7;
    alerts::Alert resolved = makeAlert(200, Severity::Info, AlertStatus::Resolved, QStringLiteral("blog"), {});
    resolved.id = 8;
    model.setAlerts({critical, resolved}, kNow);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.columnCount(), int(AlertTableModel::ColumnCount));
    QCOMPARE(model.index(0, AlertTableModel::Severity).data().toString(), QStringLiteral("CRITICAL"));
    QCOMPARE(model.index(0, AlertTableModel::Severity).data(AlertTableModel::PillColorRole).value<QColor>(),
             alertsui::severityColor(Severity::Critical));
    QVERIFY(model.index(0, AlertTableModel::Severity).data(AlertTableModel::PillFilledRole).toBool());
    QVERIFY(!model.index(0, AlertTableModel::Status).data(AlertTableModel::PillFilledRole).toBool());
    QCOMPARE(model.index(0, AlertTableModel::Status).data().toString(), QStringLiteral("Open"));
    QCOMPARE(model.index(0, AlertTableModel::Where).data().toString(), QStringLiteral("shop · Twilio"));
    QCOMPARE(model.index(1, AlertTableModel::Where).data().toString(), QStringLiteral("blog"));
    QCOMPARE(model.index(0, AlertTableModel::Value).data().toString(), QStringLiteral("31 > 10"));
    QCOMPARE(model.index(0, AlertTableModel::Opened).data().toString(), QStringLiteral("12 min ago"));
    QVERIFY(model.index(0, AlertTableModel::Opened).data(Qt::ToolTipRole).toString().startsWith(QStringLiteral("Opened 20")));
    QCOMPARE(model.index(0, AlertTableModel::Duration).data().toString(), QStringLiteral("12 min"));
    QCOMPARE(model.index(1, AlertTableModel::Duration).data().toString(), QStringLiteral("30 s"));
    QCOMPARE(model.index(1, AlertTableModel::Opened).data(AlertTableModel::AlertIdRole).toLongLong(), 8);

    model.setNow(kNow + 3 * 3600 * 1000);
    QCOMPARE(model.index(0, AlertTableModel::Opened).data().toString(), QStringLiteral("3 h ago"));
    critical.status = AlertStatus::Acknowledged;
    model.updateAlert(critical);
    QCOMPARE(model.index(0, AlertTableModel::Status).data().toString(), QStringLiteral("Acknowledged"));
    QCOMPARE(model.rowOf(8), 1);
    QCOMPARE(model.rowOf(99), -1);
    model.setAlerts({}, kNow);
    QCOMPARE(model.rowCount(), 0);
}

void tst_Alerts::formatting()
{
    QCOMPARE(alertsui::relativeTime(kNow - 20 * 1000, kNow), QStringLiteral("just now"));
    QCOMPARE(alertsui::relativeTime(kNow - 3 * 86400 * 1000LL, kNow), QStringLiteral("3 d ago"));
    QCOMPARE(alertsui::durationShort(3 * 3600 * 1000 + 10 * kMinute), QStringLiteral("3 h 10 min"));
    QCOMPARE(alertsui::durationShort(52 * 3600 * 1000LL), QStringLiteral("2 d 4 h"));
    alerts::Alert below;
    below.value = 3;
    below.threshold = 5;
    QCOMPARE(alertsui::valueVersusThreshold(below), QStringLiteral("3 < 5"));
    QVERIFY(!alertsui::currentActor().isEmpty());
}

void tst_Alerts::filtersAndPagingChangeTheRows()
{
    Fixture f;
    QVERIFY(f.open());
    QVERIFY(seedAlerts(f));
    AlertListPanel panel(f.host.get());
    QAbstractItemModelTester tester(panel.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    panel.filterBar()->setScopes({{QStringLiteral("shop"), {QStringLiteral("SendGrid"), QStringLiteral("Twilio")}},
                                  {QStringLiteral("blog"), {QStringLiteral("Ghost")}}});
    panel.filterBar()->setPeriod(AlertFilterBar::Period::All);
    QVERIFY(waitLoaded(panel, [&] { panel.reload(); }));

    // Default statuses: open, acknowledged, reopened — the resolved info alerts are not shown.
    QCOMPARE(panel.total(), 65);
    QCOMPARE(panel.model()->rowCount(), AlertListPanel::kPageSize);
    QCOMPARE(panel.pageLabel()->text(), QStringLiteral("1–50 of 65"));
    // Newest first.
    QCOMPARE(panel.model()->alertAt(0)->summary, QStringLiteral("shop.errors 20 > 10 (alert 0)"));

    QVERIFY(waitLoaded(panel, [&] { panel.nextPage(); }));
    QCOMPARE(panel.offset(), 50);
    QCOMPARE(panel.model()->rowCount(), 15);
    QCOMPARE(panel.pageLabel()->text(), QStringLiteral("51–65 of 65"));

    // A filter change starts at the first page again.
    QVERIFY(waitLoaded(panel, [&] { panel.filterBar()->setSeverityShown(Severity::Critical, false); }));
    QCOMPARE(panel.offset(), 0);
    QCOMPARE(panel.total(), 5);
    for (const alerts::Alert &alert : panel.model()->alerts())
        QCOMPARE(alert.severity, Severity::Warning);

    QVERIFY(waitLoaded(panel, [&] { panel.filterBar()->setStatusShown(AlertStatus::Resolved, true); }));
    QCOMPARE(panel.total(), 9);
    QVERIFY(waitLoaded(panel, [&] { panel.filterBar()->setProject(QStringLiteral("blog")); }));
    QCOMPARE(panel.total(), 4);
    QCOMPARE(panel.model()->alertAt(0)->project, QStringLiteral("blog"));

    QVERIFY(waitLoaded(panel, [&] { panel.filterBar()->resetToDefaults(); }));
    QVERIFY(waitLoaded(panel, [&] { panel.filterBar()->setPeriod(AlertFilterBar::Period::All); }));
    QCOMPARE(panel.total(), 65);
    QVERIFY(waitLoaded(panel, [&] { panel.filterBar()->setService(QStringLiteral("SendGrid")); }));
    QCOMPARE(panel.total(), 5);
    QVERIFY(waitLoaded(panel, [&] { panel.filterBar()->setService(QString()); }));
    QVERIFY(waitLoaded(panel, [&] { panel.filterBar()->setSearchText(QStringLiteral("(alert 42)")); }));
    QCOMPARE(panel.total(), 1);
    QCOMPARE(panel.model()->alertAt(0)->summary, QStringLiteral("shop.errors 62 > 10 (alert 42)"));

    // Alive in the last 24 hours: all were opened in the last 70 minutes.
    QVERIFY(waitLoaded(panel, [&] { panel.filterBar()->setSearchText({}); }));
    QVERIFY(waitLoaded(panel, [&] { panel.filterBar()->setPeriod(AlertFilterBar::Period::Last24h); }));
    QCOMPARE(panel.total(), 65);
    // A custom range before any alert opened matches none.
    QVERIFY(waitLoaded(panel, [&] { panel.filterBar()->setCustomRange(kNow - 10 * 86400 * 1000LL, kNow - 9 * 86400 * 1000LL); }));
    QCOMPARE(panel.total(), 0);
    QCOMPARE(panel.pageLabel()->text(), QStringLiteral("No alerts match"));
}

void tst_Alerts::acknowledgeWithCommentWritesHistory()
{
    Fixture f;
    QVERIFY(f.open());
    QVERIFY(seedAlerts(f));
    AlertListPanel panel(f.host.get());
    panel.filterBar()->setPeriod(AlertFilterBar::Period::All);
    QVERIFY(waitLoaded(panel, [&] { panel.reload(); }));
    const qint64 id = panel.model()->alertAt(0)->id;

    QSignalSpy detail(&panel, &AlertListPanel::detailLoaded);
    panel.selectAlerts({id});
    QVERIFY(detail.wait(20000));
    QCOMPARE(panel.detailPane()->historyView()->topLevelItemCount(), 1);

    QSignalSpy counts(f.host.get(), &AlertingHost::unhandledCountsChanged);
    QSignalSpy finished(&panel, &AlertListPanel::actionFinished);
    f.clock.advance(5 * kMinute);
    panel.act(AlertListPanel::Action::Acknowledge, {id}, QStringLiteral("Looking at the carrier"));
    QVERIFY(finished.wait(20000));
    QCOMPARE(finished.first().at(0).toInt(), 1);
    QCOMPARE(finished.first().at(1).toString(), QString());

    // The history in the store: opened by the engine, acknowledged by this user with the comment.
    QList<alerts::AlertEvent> history;
    QVERIFY(f.onStore([&](storage::MetricStore &metrics) {
        auto events = alerts::AlertRepository(metrics.database()).history(id);
        if (events)
            history = events.value();
        return events.ok();
    }));
    QCOMPARE(history.size(), 2);
    QCOMPARE(history.last().toStatus, AlertStatus::Acknowledged);
    QCOMPARE(history.last().fromStatus, std::optional<AlertStatus>(AlertStatus::Open));
    QCOMPARE(history.last().actor, alertsui::currentActor());
    QCOMPARE(history.last().comment, QStringLiteral("Looking at the carrier"));
    QCOMPARE(history.last().atMs, kNow + 5 * kMinute);

    // The detail pane shows it, and the tray counts went down.
    QTRY_COMPARE_WITH_TIMEOUT(panel.detailPane()->historyView()->topLevelItemCount(), 2, 20000);
    const QTreeWidgetItem *step = panel.detailPane()->historyView()->topLevelItem(1);
    QCOMPARE(step->data(1, AlertDetailPane::CommentRole).toString(), QStringLiteral("Looking at the carrier"));
    QCOMPARE(step->data(1, AlertDetailPane::ChangeRole).toString(), QStringLiteral("Open → Acknowledged"));
    QCOMPARE(step->data(1, AlertDetailPane::ActorRole).toString(), alertsui::currentActor());
    QVERIFY(step->text(1).contains(QStringLiteral("“Looking at the carrier”")));
    QTRY_VERIFY_WITH_TIMEOUT(!counts.isEmpty(), 20000);
    QCOMPARE(counts.last().at(2).toLongLong(), 59); // critical open: 60 - 1

    // Acknowledging again is refused with the repository's words; nothing changes.
    finished.clear();
    panel.act(AlertListPanel::Action::Acknowledge, {id}, QString());
    QVERIFY(finished.wait(20000));
    QCOMPARE(finished.first().at(0).toInt(), 0);
    QVERIFY(!finished.first().at(1).toString().isEmpty());
}

void tst_Alerts::commentDialogActsOnSelection()
{
    Fixture f;
    QVERIFY(f.open());
    QVERIFY(seedAlerts(f));
    AlertListPanel panel(f.host.get());
    panel.filterBar()->setPeriod(AlertFilterBar::Period::All);
    QVERIFY(waitLoaded(panel, [&] { panel.reload(); }));
    const QList<qint64> ids{panel.model()->alertAt(0)->id, panel.model()->alertAt(1)->id};
    panel.selectAlerts(ids);
    QCOMPARE(panel.selectedAlertIds().size(), 2);

    panel.requestAction(AlertListPanel::Action::Resolve);
    auto *dialog = panel.findChild<CommentDialog *>();
    QVERIFY(dialog);
    dialog->commentEdit()->setText(QStringLiteral("fixed upstream"));
    QSignalSpy finished(&panel, &AlertListPanel::actionFinished);
    dialog->accept();
    QVERIFY(finished.wait(20000));
    QCOMPARE(finished.first().at(0).toInt(), 2);
    // Resolved alerts leave the default view.
    QTRY_COMPARE_WITH_TIMEOUT(panel.total(), 63, 20000);
}

void tst_Alerts::hostEndToEnd()
{
    Fixture f;
    // The store keeps samples relative to the real time: the engine's clock agrees with it here.
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    f.clock.set(now);
    QVERIFY(f.open());
    // Errors well above 10 in the last minutes.
    SampleBatch batch;
    const Labels labels{{QStringLiteral("project"), QStringLiteral("shop")}, {QStringLiteral("service"), QStringLiteral("API")}};
    for (int i = 1; i <= 10; ++i)
        batch.append(MetricSample{QStringLiteral("shop.errors"), labels, now - i * kMinute, 50.0});
    QSignalSpy ingested(f.store.get(), &storage::StoreService::samplesStored);
    f.store->ingest(batch);
    QVERIFY(ingested.wait(20000));

    rules::AlertRule rule;
    rule.name = QStringLiteral("Errors high");
    rule.metric = QStringLiteral("shop.errors");
    rule.severity = Severity::Critical;
    rule.threshold = 10;
    rule.windowMs = 5 * kMinute;
    QVERIFY(f.onStore([&](storage::MetricStore &metrics) {
        return alerts::AlertRuleRepository(metrics.database()).add(rule, now).ok();
    }));

    QSignalSpy changed(f.host.get(), &AlertingHost::alertsChanged);
    QSignalSpy counts(f.host.get(), &AlertingHost::unhandledCountsChanged);
    QSignalSpy cycles(f.host.get(), &AlertingHost::cycleFinished);
    f.host->start();
    QVERIFY(cycles.wait(30000));
    QTRY_VERIFY_WITH_TIMEOUT(!changed.isEmpty(), 20000);
    QTRY_VERIFY_WITH_TIMEOUT(!counts.isEmpty() && counts.last().at(2).toLongLong() == 1, 20000);
    QCOMPARE(f.host->unhandledCounts(), (QList<qint64>{0, 0, 1}));
    QVERIFY(f.host->dispatcher());

    // The page shows it.
    AlertsPage page(f.host.get());
    QSignalSpy loaded(page.alertList(), &AlertListPanel::loaded);
    page.refresh();
    QVERIFY(loaded.wait(20000));
    QCOMPARE(page.alertList()->total(), 1);
    QCOMPARE(page.alertList()->model()->alertAt(0)->ruleName, QStringLiteral("Errors high"));
    QTRY_VERIFY_WITH_TIMEOUT(page.countsLabel()->text().contains(QStringLiteral("1 critical")), 20000);
}

void tst_Alerts::demoWorkspaceShowsAlertsAndScreenshots()
{
    Fixture f;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    f.clock.set(now);
    QVERIFY(f.open(/*demo=*/true));
    QVERIFY(!f.host->dispatcher()); // nothing is ever sent from a demo workspace

    // Two days of the demo's simulated data, with its ongoing incident.
    std::atomic<int> batches{0};
    int sent = 0;
    demo::generateDemoHistory(now, 2, [&](SampleBatch batch) {
        ++sent;
        f.store->ingest(std::move(batch), f.host.get(), [&](Result<storage::IngestReport>) { ++batches; });
    });
    QTRY_COMPARE_WITH_TIMEOUT(batches.load(), sent, 60000);

    AlertsPage page(f.host.get());
    page.resize(1440, 820);
    QSignalSpy cycles(f.host.get(), &AlertingHost::cycleFinished);
    f.host->start();
    QVERIFY(cycles.wait(60000));
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    const int demoRules = int(demo::demoAlertRules().size());
    QVERIFY(demoRules > 0);
    QTRY_COMPARE_WITH_TIMEOUT(int(page.ruleList()->rules().size()), demoRules, 20000);

    // The ongoing incident fired; the seeded history is there (six past alerts).
    AlertListPanel *list = page.alertList();
    QTRY_VERIFY_WITH_TIMEOUT(list->total() > 0, 20000);
    const qint64 firing = list->model()->alertAt(0)->id;
    QCOMPARE(list->model()->alertAt(0)->status, AlertStatus::Open);
    QSignalSpy acted(list, &AlertListPanel::actionFinished);
    list->act(AlertListPanel::Action::Acknowledge, {firing}, QStringLiteral("Rolling back the 14:05 deploy."));
    QVERIFY(acted.wait(20000));
    QCOMPARE(acted.first().at(0).toInt(), 1);

    list->filterBar()->setStatusShown(AlertStatus::Resolved, true);
    list->filterBar()->setPeriod(AlertFilterBar::Period::Last30d);
    QTRY_VERIFY_WITH_TIMEOUT(list->total() >= 5, 20000);
    QTRY_VERIFY_WITH_TIMEOUT(!page.countsLabel()->text().isEmpty(), 20000);

    // The EC2 alert that was resolved, reopened, acknowledged and resolved again: five steps of history.
    qint64 ec2 = 0;
    for (const alerts::Alert &alert : list->model()->alerts()) {
        if (alert.ruleKey == QLatin1String("demo-rule-ec2-cpu") && alert.status == AlertStatus::Resolved)
            ec2 = alert.id;
    }
    QVERIFY(ec2 != 0);
    QSignalSpy detail(list, &AlertListPanel::detailLoaded);
    list->selectAlerts({ec2});
    QVERIFY(detail.wait(20000));
    QCOMPARE(list->detailPane()->historyView()->topLevelItemCount(), 5);

    const QString dir = screenshotDir();
    if (dir.isEmpty())
        return;
    QApplication::processEvents();
    QVERIFY(page.grab().save(QDir(dir).filePath(QStringLiteral("alerts.png"))));
    const QPalette light = QApplication::palette();
    QApplication::setPalette(test::darkPalette());
    QApplication::processEvents();
    QVERIFY(page.grab().save(QDir(dir).filePath(QStringLiteral("alerts-dark.png"))));
    QApplication::setPalette(light);
}

QTEST_MAIN(tst_Alerts)
#include "tst_alerts.moc"
