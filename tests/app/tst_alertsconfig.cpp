// Configuring alerting in the app: the rule editor (round trip, plain-words refusals, "Alert on this…"), the rule
// list with rule files, the channels dialog (secrets in the keychain, never in the database; Send test against a
// local webhook server), mute windows, and review screenshots.
#include "alerts/alertinghost.h"
#include "alerts/channeleditdialog.h"
#include "alerts/channelsdialog.h"
#include "alerts/mutewindowsdialog.h"
#include "alerts/ruleeditordialog.h"
#include "alerts/rulefile.h"
#include "alerts/rulefrompanel.h"
#include "alerts/rulelistpanel.h"
#include "fakeclock.h"
#include "fakesecretstore.h"
#include "localhttpserver.h"
#include "tempworkspace.h"

#include "alerts/alertrulerepository.h"
#include "alerts/mutewindowrepository.h"
#include "notify/channelrepository.h"
#include "notify/outboxrepository.h"
#include "storage/database.h"
#include "storage/storeservice.h"

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTest>
#include <QTreeWidget>

#include <atomic>
#include <memory>

using namespace stackscope;
using namespace stackscope::app;
using rules::Severity;

namespace {

constexpr qint64 kMinute = 60 * 1000;
constexpr qint64 kNow = 1767225600000;

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
        host.reset();
        store.reset();
    }
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
    QList<alerts::StoredRule> rules()
    {
        QList<alerts::StoredRule> list;
        onStore([&](storage::MetricStore &metrics) {
            auto stored = alerts::AlertRuleRepository(metrics.database()).list();
            if (stored)
                list = stored.value();
            return stored.ok();
        });
        return list;
    }
};

rules::AlertRule fullRule()
{
    rules::AlertRule rule;
    rule.id = 12;
    rule.uuid = QStringLiteral("5a3c0e1e-7d1b-4c1e-9a51-1b2f3c4d5e6f");
    rule.name = QStringLiteral("SMS failures high");
    rule.description = QStringLiteral("Carrier trouble");
    rule.enabled = false;
    rule.severity = Severity::Critical;
    rule.metric = QStringLiteral("twilio.sms.failed");
    rule.labelFilter = {{QStringLiteral("country"), QStringLiteral("DE")}, {QStringLiteral("status"), QStringLiteral("failed")}};
    rule.project = QStringLiteral("shop");
    rule.service = QStringLiteral("Twilio");
    rule.aggregateAcrossSeries = true;
    rule.condition = rules::ConditionKind::RateOfChange;
    rule.comparison = rules::Comparison::Below;
    rule.threshold = -40;
    rule.percent = true;
    rule.aggregation = storage::Aggregation::Sum;
    rule.windowMs = 45 * kMinute;            // custom
    rule.forMs = 10 * kMinute;
    rule.cooldownMs = 20 * kMinute;
    rule.autoResolve = false;
    rule.reopenGraceMs = 90 * kMinute;
    rule.channels = {QStringLiteral("On-call Slack")};
    rule.panelRef = QStringLiteral("dash/panel");
    return rule;
}

QString screenshotDir()
{
    return qEnvironmentVariable("STACKSCOPE_SCREENSHOT_DIR");
}

} // namespace

class tst_AlertsConfig : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void ruleEditorRoundTrips();
    void ruleEditorRefusesBadRules();
    void prefillFromPanel();
    void ruleListSavesDuplicatesAndTogglesRules();
    void ruleFilesImportAndExport();
    void channelSecretsGoToTheKeychain();
    void sendTestHitsTheLocalServer();
    void muteWindowsAddAndRemove();
    void screenshots();
};

void tst_AlertsConfig::ruleEditorRoundTrips()
{
    RuleEditorDialog dialog;
    dialog.setChannels({QStringLiteral("Desktop"), QStringLiteral("On-call Slack")});
    const rules::AlertRule original = fullRule();
    dialog.setRule(original);
    auto read = dialog.rule();
    QVERIFY2(read.ok(), qPrintable(read ? QString() : read.error().userMessage));
    QCOMPARE(read.value(), original);

    // Every condition kind reads back.
    rules::AlertRule band = original;
    band.condition = rules::ConditionKind::LearnedBand;
    band.comparison = rules::Comparison::Outside;
    band.percent = false;
    band.sensitivity = 2.5;
    band.minHistoryWeeks = 3;
    band.windowMs = 15 * kMinute;
    dialog.setRule(band);
    QCOMPARE(dialog.rule().value(), band);
    QVERIFY(dialog.summaryText().contains(QStringLiteral("usual band")));
    rules::AlertRule nodata = original;
    nodata.condition = rules::ConditionKind::NoData;
    nodata.comparison = rules::Comparison::Above;
    nodata.percent = false;
    nodata.windowMs = 60 * kMinute;
    dialog.setRule(nodata);
    QCOMPARE(dialog.rule().value(), nodata);
    QCOMPARE(dialog.summaryText(), QStringLiteral("Fires when twilio.sms.failed sends no data for 1 h for at least 10 min."));
}

void tst_AlertsConfig::ruleEditorRefusesBadRules()
{
    RuleEditorDialog dialog;
    QSignalSpy save(&dialog, &RuleEditorDialog::saveRequested);
    rules::AlertRule rule = fullRule();
    rule.name.clear();
    dialog.setRule(rule);
    dialog.accept();
    QCOMPARE(save.count(), 0);
    QVERIFY2(dialog.errorText().contains(QStringLiteral("name")), qPrintable(dialog.errorText()));

    rule.name = QStringLiteral("ok");
    rule.metric = QStringLiteral("twilio sms failed");
    dialog.setRule(rule);
    QVERIFY(dialog.errorText().isEmpty()); // a new rule clears the old message
    dialog.accept();
    QCOMPARE(save.count(), 0);
    QVERIFY2(dialog.errorText().contains(QStringLiteral("metric")), qPrintable(dialog.errorText()));

    rule.metric = QStringLiteral("twilio.sms.failed");
    dialog.setRule(rule);
    dialog.findChild<QLineEdit *>(QStringLiteral("ruleLabels"))->setText(QStringLiteral("country"));
    dialog.accept();
    QCOMPARE(save.count(), 0);
    QVERIFY2(dialog.errorText().contains(QStringLiteral("name=value")), qPrintable(dialog.errorText()));

    dialog.findChild<QLineEdit *>(QStringLiteral("ruleLabels"))->setText(QStringLiteral("country=DE"));
    dialog.accept();
    QCOMPARE(save.count(), 1);
    // The store refuses (e.g. a duplicate name): the dialog stays open and says why.
    dialog.saveFinished(Error::make(Error::Code::Config, QStringLiteral("There is already a rule named \"ok\".")));
    QCOMPARE(dialog.errorText(), QStringLiteral("There is already a rule named \"ok\"."));
}

void tst_AlertsConfig::prefillFromPanel()
{
    dashboard::PanelSpec panel;
    panel.id = QStringLiteral("p1");
    panel.title = QStringLiteral("Failed SMS by country");
    dashboard::PanelQuery query;
    query.metric = QStringLiteral("twilio.sms.failed");
    query.labelFilter = {{QStringLiteral("project"), QStringLiteral("shop")},
                         {QStringLiteral("service"), QStringLiteral("Twilio")},
                         {QStringLiteral("country"), QStringLiteral("DE")}};
    query.aggregation = storage::Aggregation::Sum;
    panel.queries = {query};
    panel.thresholds = {{25.0, QStringLiteral("#e0a100")}, {80.0, QStringLiteral("#d63b3b")}};

    const rules::AlertRule rule = ruleFromPanel(panel, QStringLiteral("dash-uuid"));
    QCOMPARE(rule.name, QStringLiteral("Failed SMS by country"));
    QCOMPARE(rule.metric, QStringLiteral("twilio.sms.failed"));
    QCOMPARE(rule.labelFilter, (Labels{{QStringLiteral("country"), QStringLiteral("DE")}}));
    QCOMPARE(rule.project, QStringLiteral("shop"));
    QCOMPARE(rule.service, QStringLiteral("Twilio"));
    QCOMPARE(rule.aggregation, storage::Aggregation::Sum);
    QCOMPARE(rule.condition, rules::ConditionKind::Threshold);
    QCOMPARE(rule.comparison, rules::Comparison::Above);
    QCOMPARE(rule.threshold, 25.0);
    QCOMPARE(rule.panelRef, QStringLiteral("dash-uuid/p1"));

    // The editor takes it as it is and it is a valid rule.
    RuleEditorDialog dialog;
    dialog.setRule(rule);
    auto read = dialog.rule();
    QVERIFY(read.ok());
    QCOMPARE(read->threshold, 25.0);
    QCOMPARE(read->panelRef, QStringLiteral("dash-uuid/p1"));

    // A panel without thresholds still gives a rule to finish.
    panel.thresholds.clear();
    QCOMPARE(ruleFromPanel(panel).threshold, 0.0);
    QCOMPARE(ruleFromPanel(panel).panelRef, QStringLiteral("p1"));
}

void tst_AlertsConfig::ruleListSavesDuplicatesAndTogglesRules()
{
    Fixture f;
    QVERIFY(f.open());
    RuleListPanel panel(f.host.get());
    QSignalSpy loaded(&panel, &RuleListPanel::loaded);
    panel.reload();
    QVERIFY(loaded.wait(20000));
    QCOMPARE(panel.tree()->topLevelItemCount(), 0);

    rules::AlertRule rule = fullRule();
    rule.id = 0;
    rule.uuid.clear();
    RuleEditorDialog *editor = panel.newRule(rule);
    QVERIFY(editor);
    QSignalSpy closed(editor, &QDialog::accepted);
    editor->accept();
    QVERIFY(closed.wait(20000));
    QTRY_COMPARE_WITH_TIMEOUT(panel.tree()->topLevelItemCount(), 1, 20000);
    QList<alerts::StoredRule> stored = f.rules();
    QCOMPARE(stored.size(), 1);
    QCOMPARE(stored.first().rule.name, rule.name);
    QCOMPARE(stored.first().rule.windowMs, 45 * kMinute);
    QVERIFY(!stored.first().rule.enabled);

    // A second rule with the same name is refused by the store, in the dialog.
    editor = panel.newRule(rule);
    QSignalSpy failed(editor, &QDialog::accepted);
    editor->accept();
    QTRY_VERIFY_WITH_TIMEOUT(!editor->errorText().isEmpty(), 20000);
    QCOMPARE(failed.count(), 0);
    editor->reject();

    QSignalSpy changed(&panel, &RuleListPanel::changed);
    panel.duplicate(stored.first().rule.id);
    QVERIFY(changed.wait(20000));
    QCOMPARE(changed.last().at(0).toString(), QString());
    stored = f.rules();
    QCOMPARE(stored.size(), 2);
    QCOMPARE(stored.last().rule.name, QStringLiteral("SMS failures high (copy)"));
    QVERIFY(stored.last().rule.uuid != stored.first().rule.uuid);

    // The on/off box in the list switches the rule.
    QTRY_COMPARE_WITH_TIMEOUT(panel.tree()->topLevelItemCount(), 2, 20000);
    panel.tree()->topLevelItem(0)->setCheckState(RuleListPanel::EnabledColumn, Qt::Checked);
    QVERIFY(changed.wait(20000));
    QVERIFY(f.rules().first().rule.enabled);

    // Edit from the list: the editor holds the stored rule.
    editor = panel.editRule(stored.first().rule.uuid);
    QVERIFY(editor);
    QCOMPARE(editor->rule()->uuid, stored.first().rule.uuid);
    editor->reject();

    panel.removeConfirmed(stored.last().rule.id);
    QVERIFY(changed.wait(20000));
    QCOMPARE(f.rules().size(), 1);
}

void tst_AlertsConfig::ruleFilesImportAndExport()
{
    rules::AlertRule a = fullRule();
    a.id = 0;
    rules::AlertRule b = a;
    b.uuid.clear();
    b.name = QStringLiteral("Second");
    b.condition = rules::ConditionKind::Threshold;
    b.comparison = rules::Comparison::Above;
    b.percent = false;
    const QByteArray file = writeRuleFile({a, b});
    QVERIFY(file.contains("\"rules\""));
    auto read = readRuleFile(file);
    QVERIFY(read.ok());
    QCOMPARE(read->size(), 2);
    QCOMPARE(read->at(0), a);

    auto bad = readRuleFile(R"({"rules":[{"name":"x","metric":"m","condition":"threshold","threshold":5,"window":"90s"}]})");
    QVERIFY(!bad.ok());
    QVERIFY2(bad.error().userMessage.startsWith(QStringLiteral("Rule 1 (x): ")), qPrintable(bad.error().userMessage));
    QVERIFY(bad.error().userMessage.contains(QStringLiteral("window")));
    QVERIFY(!readRuleFile("not json").ok());

    Fixture f;
    QVERIFY(f.open());
    RuleListPanel panel(f.host.get());
    QSignalSpy changed(&panel, &RuleListPanel::changed);
    panel.importRules(file);
    QVERIFY(changed.wait(20000));
    QCOMPARE(changed.last().at(0).toString(), QString());
    QCOMPARE(f.rules().size(), 2);
    // Importing the same file again replaces the rule with the uuid and refuses the duplicate name: nothing changes.
    panel.importRules(file);
    QVERIFY(changed.wait(20000));
    QVERIFY(changed.last().at(0).toString().startsWith(QStringLiteral("Nothing was imported.")));
    QCOMPARE(f.rules().size(), 2);

    QSignalSpy loaded(&panel, &RuleListPanel::loaded);
    panel.reload();
    QVERIFY(loaded.wait(20000));
    auto exported = readRuleFile(panel.exportRules());
    QVERIFY(exported.ok());
    QCOMPARE(exported->size(), 2);
    QCOMPARE(exported->at(0).uuid, a.uuid);
}

void tst_AlertsConfig::channelSecretsGoToTheKeychain()
{
    Fixture f;
    QVERIFY(f.open());
    ChannelsDialog channels(f.host.get());
    ChannelEditDialog *dialog = channels.addChannel();
    QVERIFY(dialog);
    dialog->setType(QStringLiteral("webhook"));
    dialog->setName(QStringLiteral("Ops webhook"));
    dialog->setDefault(true);
    const QString url = QStringLiteral("https://hooks.example.com/T000/secret-path-token");
    dialog->setFieldText(QStringLiteral("url"), url);
    QSignalSpy saved(dialog, &ChannelEditDialog::saved);
    dialog->save();
    QVERIFY(saved.wait(20000));
    const auto channel = saved.first().at(0).value<notify::ChannelConfig>();
    QVERIFY(!channel.uuid.isEmpty());
    QVERIFY(channel.isDefault());

    // Secrets in the keychain, the generated signing secret shown once.
    QTRY_VERIFY_WITH_TIMEOUT(f.keychain.contains(notify::ChannelConfig::secretKey(channel.uuid, QStringLiteral("url"))), 20000);
    QVERIFY(f.keychain.contains(notify::ChannelConfig::secretKey(channel.uuid, QStringLiteral("signing_secret"))));
    const QString signing = dialog->shownSigningSecret();
    QVERIFY2(signing.startsWith(QStringLiteral("whsec_")), qPrintable(signing));

    // ... and nowhere in the database's channels row.
    QByteArray settings;
    QVERIFY(f.onStore([&](storage::MetricStore &metrics) {
        storage::Statement &stmt = metrics.database().prepare("SELECT settings || name || type FROM channels");
        const bool row = stmt.step();
        if (row)
            settings = stmt.text(0).toUtf8();
        stmt.reset();
        return row;
    }));
    QVERIFY(!settings.isEmpty());
    QVERIFY(!settings.contains("secret-path-token"));
    QVERIFY(!settings.contains("whsec_"));
    QVERIFY(!settings.contains(signing.toUtf8()));

    QTRY_COMPARE_WITH_TIMEOUT(channels.tree()->topLevelItemCount(), 1, 20000);
    QCOMPARE(channels.tree()->topLevelItem(0)->text(ChannelsDialog::DefaultColumn), QStringLiteral("✔ default"));

    // Removing the channel removes its secrets too.
    QSignalSpy removed(&channels, &ChannelsDialog::removed);
    channels.removeConfirmed(channel.id);
    QVERIFY(removed.wait(20000));
    QCOMPARE(removed.first().at(0).toString(), QString());
    QVERIFY(!f.keychain.contains(notify::ChannelConfig::secretKey(channel.uuid, QStringLiteral("url"))));
    QVERIFY(!f.keychain.contains(notify::ChannelConfig::secretKey(channel.uuid, QStringLiteral("signing_secret"))));
}

void tst_AlertsConfig::sendTestHitsTheLocalServer()
{
    Fixture f;
    QVERIFY(f.open());
    test::LocalHttpServer server;
    QVERIFY(server.listen());
    server.route("POST", QStringLiteral("/hook"), test::ScriptedResponse::json(200, "{}"));
    server.route("POST", QStringLiteral("/broken"), test::ScriptedResponse::json(500, "{\"error\":\"boom\"}"));

    ChannelEditDialog dialog(f.host.get(), std::nullopt);
    dialog.setType(QStringLiteral("webhook"));
    dialog.setName(QStringLiteral("Local"));
    dialog.setFieldText(QStringLiteral("url"), server.url(QStringLiteral("/hook")).toString());
    QSignalSpy tested(&dialog, &ChannelEditDialog::testFinished);
    dialog.sendTest();
    QVERIFY(tested.wait(30000));
    QVERIFY2(tested.first().at(0).toBool(), qPrintable(tested.first().at(1).toString()));
    QCOMPARE(server.requestCount(), 1);
    QCOMPARE(server.requests().first().path, QStringLiteral("/hook"));
    QVERIFY(server.requests().first().hasHeader("webhook-signature"));
    QVERIFY(dialog.testResultText().contains(QStringLiteral("sent")));
    // Nothing was saved by testing.
    QCOMPARE(f.keychain.count(), 0);

    dialog.setFieldText(QStringLiteral("url"), server.url(QStringLiteral("/broken")).toString());
    tested.clear();
    dialog.sendTest();
    QVERIFY(tested.wait(30000));
    QVERIFY(!tested.first().at(0).toBool());
    QVERIFY(dialog.testResultText().startsWith(QStringLiteral("✘ The test failed: ")));

    // A form that cannot work is refused before sending, in plain words.
    dialog.setFieldText(QStringLiteral("url"), QStringLiteral("http://example.com/hook"));
    const qsizetype before = server.requestCount();
    dialog.sendTest();
    QVERIFY(dialog.errorText().contains(QStringLiteral("https://")) || !dialog.errorText().isEmpty());
    QCOMPARE(server.requestCount(), before);
}

void tst_AlertsConfig::muteWindowsAddAndRemove()
{
    Fixture f;
    QVERIFY(f.open());
    MuteWindowsDialog dialog(f.host.get(), {{QStringLiteral("shop"), {QStringLiteral("Twilio")}}}, {});
    QSignalSpy loaded(&dialog, &MuteWindowsDialog::loaded);
    QVERIFY(loaded.wait(20000));
    QCOMPARE(dialog.tree()->topLevelItemCount(), 0);

    dialog.projectCombo()->setCurrentIndex(dialog.projectCombo()->findData(QStringLiteral("shop")));
    dialog.recurrenceCombo()->setCurrentIndex(dialog.recurrenceCombo()->findData(int(alerts::MuteWindow::Recurrence::Weekly)));
    dialog.reasonEdit()->setText(QStringLiteral("Sunday maintenance"));
    QSignalSpy changed(&dialog, &MuteWindowsDialog::changed);
    dialog.addFromForm();
    QVERIFY(changed.wait(20000));
    QCOMPARE(changed.first().at(0).toString(), QString());
    QTRY_COMPARE_WITH_TIMEOUT(dialog.windows().size(), 1, 20000);
    const alerts::MuteWindow window = dialog.windows().first();
    QCOMPARE(window.project, QStringLiteral("shop"));
    QCOMPARE(window.recurrence, alerts::MuteWindow::Recurrence::Weekly);
    QCOMPARE(window.reason, QStringLiteral("Sunday maintenance"));
    QCOMPARE(window.endsMs - window.startsMs, 2 * 3600 * 1000LL);
    QCOMPARE(dialog.tree()->topLevelItem(0)->text(3), QStringLiteral("every week"));

    dialog.remove(window.id);
    QVERIFY(changed.wait(20000));
    QTRY_COMPARE_WITH_TIMEOUT(dialog.windows().size(), 0, 20000);
}

void tst_AlertsConfig::screenshots()
{
    const QString dir = screenshotDir();
    if (dir.isEmpty())
        QSKIP("STACKSCOPE_SCREENSHOT_DIR is not set");
    Fixture f;
    QVERIFY(f.open());
    // Channels of every type, one with a delivery that failed for good.
    QVERIFY(f.onStore([](storage::MetricStore &metrics) {
        notify::ChannelRepository repo(metrics.database());
        const auto add = [&](const QString &name, const QString &type, QJsonObject settings) -> qint64 {
            auto added = repo.add(notify::ChannelConfig{0, {}, name, type, settings, true, kNow});
            return added ? added->id : 0;
        };
        add(QStringLiteral("Desktop"), QStringLiteral("desktop"), {{QStringLiteral("default"), true}});
        add(QStringLiteral("Ops e-mail"), QStringLiteral("email"),
            {{QStringLiteral("host"), QStringLiteral("smtp.example.com")}, {QStringLiteral("port"), 587},
             {QStringLiteral("from"), QStringLiteral("alerts@example.com")}, {QStringLiteral("to"), QStringLiteral("ops@example.com")},
             {QStringLiteral("default"), true}});
        const qint64 slack = add(QStringLiteral("On-call Slack"), QStringLiteral("slack"), {});
        add(QStringLiteral("Incident webhook"), QStringLiteral("webhook"), {});
        notify::OutboxRepository outbox(metrics.database());
        notify::Notification n;
        n.dedupKey = QStringLiteral("k1");
        n.title = QStringLiteral("[critical] SMS failures high — shop");
        n.severity = QStringLiteral("critical");
        if (!outbox.enqueue(slack, n, kNow))
            return false;
        auto items = outbox.claimDue(kNow, 10);
        if (!items || items->isEmpty())
            return false;
        return outbox.markFailed(items->first().id, QStringLiteral("Slack answered 404: the webhook URL is no longer valid."),
                                 false, kNow).ok();
    }));
    ChannelsDialog channels(f.host.get());
    QSignalSpy loaded(&channels, &ChannelsDialog::loaded);
    channels.show();
    QVERIFY(loaded.wait(20000));
    QVERIFY(QTest::qWaitForWindowExposed(&channels));
    channels.tree()->topLevelItem(2)->setSelected(true);
    QApplication::processEvents();
    QVERIFY(channels.grab().save(QDir(dir).filePath(QStringLiteral("channels.png"))));

    RuleEditorDialog editor;
    editor.setScopes({{QStringLiteral("shop"), {QStringLiteral("Twilio"), QStringLiteral("SendGrid")}}});
    editor.setMetrics({QStringLiteral("twilio.sms.failed"), QStringLiteral("twilio.sms.sent")});
    editor.setChannels({QStringLiteral("Desktop"), QStringLiteral("Ops e-mail"), QStringLiteral("On-call Slack"),
                        QStringLiteral("Incident webhook")});
    rules::AlertRule rule = fullRule();
    rule.id = 0;
    rule.enabled = true;
    rule.condition = rules::ConditionKind::Threshold;
    rule.comparison = rules::Comparison::Above;
    rule.threshold = 25;
    rule.percent = false;
    rule.windowMs = 15 * kMinute;
    rule.forMs = 5 * kMinute;
    rule.autoResolve = true;
    rule.aggregateAcrossSeries = false;
    rule.labelFilter = {{QStringLiteral("country"), QStringLiteral("DE")}};
    editor.setRule(rule);
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));
    QApplication::processEvents();
    QVERIFY(editor.grab().save(QDir(dir).filePath(QStringLiteral("rule-editor.png"))));
}

QTEST_MAIN(tst_AlertsConfig)
#include "tst_alertsconfig.moc"
