// The main window as people use it: the navigation tree and its model, the pages it opens, project and service
// management, dashboards that persist, the time range, window state and the tray.
#include "dashboard/dashboardview.h"
#include "dashboardpage.h"
#include "explorerpage.h"
#include "fakesecretstore.h"
#include "localhttpserver.h"
#include "mainwindow.h"
#include "navigation/navigationmodel.h"
#include "navigation/navigationpane.h"
#include "navigation/newdashboarddialog.h"
#include "navigation/projectdialog.h"
#include "navigation/trashdialog.h"
#include "connectorpickerdialog.h"
#include "overviewpage.h"
#include "projectpage.h"
#include "projecttile.h"
#include "serviceeditdialog.h"
#include "servicepage.h"
#include "tempworkspace.h"
#include "testdata.h"
#include "timerangebar.h"
#include "traycontroller.h"

#include "dashboard/dashboardrepository.h"
#include "secrets/keyfile.h"
#include "storage/projectrepository.h"
#include "storage/servicerepository.h"
#include "storage/storeservice.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLineEdit>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QMessageBox>
#include <QUndoStack>
#include <QDateTime>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QSplitter>
#include <QStandardPaths>
#include <QStyleFactory>
#include <QTest>
#include <QToolButton>
#include <QTreeView>

using namespace stackscope;
using namespace stackscope::app;
using Kind = NavigationTarget::Kind;

namespace {

const QByteArray kGoodKey = "SG.planted-good-key.c0ffee4242";

// A workspace with two projects: "Shop" (SendGrid ok, Twilio failing) and "Ops" (no services yet).
struct Workspace
{
    test::TempWorkspace temp;
    QString keyFile;
    qint64 sendgridId = 0;
    qint64 twilioId = 0;
    qint64 shopId = 0;
    qint64 opsId = 0;

    bool create()
    {
        auto store = temp.create();
        if (!store)
            return false;
        keyFile = temp.path() + QStringLiteral(".key");
        if (!secrets::createKeyFile(keyFile, temp.key()))
            return false;
        storage::Project shop;
        shop.name = QStringLiteral("Shop");
        shop.color = QStringLiteral("#4c78db");
        auto addedShop = store->projects().add(shop, 1);
        storage::Project ops;
        ops.name = QStringLiteral("Ops");
        ops.environment = QStringLiteral("staging");
        auto addedOps = store->projects().add(ops, 1);
        if (!addedShop || !addedOps)
            return false;
        shopId = addedShop->id;
        opsId = addedOps->id;
        ServiceConfig sendgrid;
        sendgrid.project = QStringLiteral("Shop");
        sendgrid.type = QStringLiteral("sendgrid");
        sendgrid.name = QStringLiteral("Mail");
        ServiceConfig twilio = sendgrid;
        twilio.type = QStringLiteral("twilio");
        twilio.name = QStringLiteral("SMS");
        auto a = store->services().add(sendgrid);
        auto b = store->services().add(twilio);
        if (!a || !b)
            return false;
        sendgridId = a->id;
        twilioId = b->id;
        ServiceHealth ok;
        ok.state = ServiceHealth::State::Ok;
        ok.lastSuccessMs = 1;
        ServiceHealth failing;
        failing.state = ServiceHealth::State::Failing;
        failing.consecutiveFailures = 1;
        failing.lastError = QStringLiteral("Twilio answered 503");
        return store->services().saveHealth(sendgridId, ok, {}) && store->services().saveHealth(twilioId, failing, {});
    }
    OpenRequest request() const { return {temp.path(), keyFile}; }
};

bool openIn(MainWindow &window, const OpenRequest &request)
{
    QSignalSpy loaded(&window, &MainWindow::contentReloaded);
    window.openWorkspace(request);
    return loaded.wait(20'000);
}

void clickTree(MainWindow &window, const NavigationTarget &target)
{
    QTreeView *tree = window.navigation()->view();
    auto *proxy = qobject_cast<QSortFilterProxyModel *>(tree->model());
    const QModelIndex index = proxy->mapFromSource(window.navigation()->model()->indexOf(target));
    QVERIFY(index.isValid());
    tree->scrollTo(index);
    QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, tree->visualRect(index).center());
}

} // namespace

class tst_Navigation : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void modelStructure();
    void clickingTreeItemsSwitchesPages();
    void createProjectThroughDialog();
    void addServiceWithFakeServer();
    void dashboardFromTemplatePersistsAcrossRestart();
    void timeRangeReachesPageAndZoom();
    void windowAndSplitterStateRestored();
    void trayFollowsServiceHealth();
    void trashRestoresProject();
};

void tst_Navigation::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationDomain(QStringLiteral("stackscope.io"));
    QCoreApplication::setApplicationName(QStringLiteral("stackscope-tests"));
    QVERIFY(secrets::initSodium());
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
}

void tst_Navigation::init()
{
    QSettings().clear();
}

void tst_Navigation::modelStructure()
{
    NavigationModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 4); // Overview, Dashboards, Explorer, Alerts
    WorkspaceContent content;
    storage::Project shop;
    shop.id = 1;
    shop.name = QStringLiteral("Shop");
    content.projects = {shop};
    ServiceEntry mail;
    mail.config.id = 7;
    mail.config.project = QStringLiteral("Shop");
    mail.config.name = QStringLiteral("Mail");
    mail.health.state = ServiceHealth::State::Failing;
    mail.health.consecutiveFailures = 5;
    mail.health.lastError = QStringLiteral("boom");
    content.services = {mail};
    dashboard::Dashboard mine;
    mine.id = 3;
    mine.name = QStringLiteral("Mine");
    dashboard::Dashboard shopBoard;
    shopBoard.id = 4;
    shopBoard.name = QStringLiteral("Shop board");
    shopBoard.project = QStringLiteral("Shop");
    content.dashboards = {mine, shopBoard};
    model.setContent(content);

    const QModelIndex project = model.indexOf(NavigationTarget::projectTarget(1, QStringLiteral("Shop")));
    QVERIFY(project.isValid());
    QCOMPARE(project.parent(), model.indexOf(NavigationTarget::overview()));
    QCOMPARE(project.data().toString(), QStringLiteral("Shop"));
    QCOMPARE(project.data(NavigationModel::HealthRole).toInt(), int(HealthLevel::Critical));
    const QModelIndex service = model.index(0, 0, project);
    QCOMPARE(model.targetAt(service).kind, Kind::Service);
    QCOMPARE(model.targetAt(service).id, qint64(7));
    QVERIFY(service.data(Qt::ToolTipRole).toString().contains(QStringLiteral("boom")));
    // Dashboards: the workspace-wide one first, then a folder per project.
    const QModelIndex dashboards = model.indexOf(NavigationTarget::dashboards());
    QCOMPARE(model.rowCount(dashboards), 2);
    QCOMPARE(model.targetAt(model.index(0, 0, dashboards)).id, qint64(3));
    const QModelIndex folder = model.index(1, 0, dashboards);
    QCOMPARE(model.targetAt(folder).kind, Kind::DashboardFolder);
    QCOMPARE(model.targetAt(model.index(0, 0, folder)).id, qint64(4));
    // Open alerts show next to "Alerts".
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setOpenAlerts(2);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(model.indexOf(NavigationTarget::alerts()).data().toString(), QStringLiteral("Alerts (2)"));
    model.clear();
    QCOMPARE(model.rowCount(model.indexOf(NavigationTarget::overview())), 0);
}

void tst_Navigation::clickingTreeItemsSwitchesPages()
{
    Workspace ws;
    QVERIFY(ws.create());
    secrets::FakeSecretStore keychain;
    MainWindow window(&keychain);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(openIn(window, ws.request()));
    QAbstractItemModelTester tester(window.navigation()->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(window.currentPage(), window.overviewPage());
    QCOMPARE(window.overviewPage()->tiles().size(), 2);
    QCOMPARE(window.overviewPage()->tileOf(ws.shopId)->level(), HealthLevel::Warning);

    clickTree(window, NavigationTarget::projectTarget(ws.shopId, QStringLiteral("Shop")));
    QCOMPARE(window.currentPage(), window.projectPage());
    QCOMPARE(window.projectPage()->title(), QStringLiteral("Shop"));
    QCOMPARE(window.projectPage()->serviceButtons().size(), 2);

    clickTree(window, NavigationTarget::serviceTarget(ws.twilioId, QStringLiteral("Shop")));
    QCOMPARE(window.currentPage(), window.servicePage());
    QCOMPARE(window.servicePage()->title(), QStringLiteral("SMS"));
    QVERIFY(window.findChild<QLabel *>(QStringLiteral("serviceDetails"))->text().contains(QStringLiteral("Twilio answered 503")));

    // A service chip on the project page and a tile on the overview navigate too.
    clickTree(window, NavigationTarget::projectTarget(ws.shopId, QStringLiteral("Shop")));
    QToolButton *chip = window.projectPage()->serviceButtons().first();
    const QString chipName = chip->text();
    QTest::mouseClick(chip, Qt::LeftButton);
    QCOMPARE(window.currentPage(), window.servicePage());
    QCOMPARE(window.servicePage()->title(), chipName);
    clickTree(window, NavigationTarget::overview());
    QTest::mouseClick(window.overviewPage()->tileOf(ws.opsId), Qt::LeftButton);
    QCOMPARE(window.currentPage(), window.projectPage());
    QCOMPARE(window.projectPage()->title(), QStringLiteral("Ops"));
    QCOMPARE(window.currentTarget().id, ws.opsId);

    clickTree(window, NavigationTarget::explorer());
    QCOMPARE(window.currentPage(), static_cast<WorkspacePage *>(window.explorerPage()));
    clickTree(window, NavigationTarget::alerts());
    QCOMPARE(window.currentTarget().kind, Kind::Alerts);
    // The alerts panel hook replaces the placeholder in place.
    auto *alerts = new QLabel(QStringLiteral("alerts panel"));
    window.setAlertsPage(alerts);
    QCOMPARE(window.alertsPage(), alerts);
    window.setOpenAlerts(1, 0);
    QCOMPARE(window.navigation()->model()->indexOf(NavigationTarget::alerts()).data().toString(),
             QStringLiteral("Alerts (1)"));

    // The filter narrows the tree; Ctrl+F focuses it outside the explorer.
    clickTree(window, NavigationTarget::overview());
    QTest::keyClick(&window, Qt::Key_F, Qt::ControlModifier);
    QTRY_VERIFY(window.navigation()->filterField()->hasFocus());
    QTest::keyClicks(window.navigation()->filterField(), QStringLiteral("sms"));
    auto *proxy = qobject_cast<QSortFilterProxyModel *>(window.navigation()->view()->model());
    QVERIFY(proxy->mapFromSource(window.navigation()->model()->indexOf(
                                     NavigationTarget::serviceTarget(ws.twilioId, QStringLiteral("Shop"))))
                .isValid());
    QVERIFY(!proxy->mapFromSource(window.navigation()->model()->indexOf(
                                      NavigationTarget::serviceTarget(ws.sendgridId, QStringLiteral("Shop"))))
                 .isValid());
}

void tst_Navigation::createProjectThroughDialog()
{
    Workspace ws;
    QVERIFY(ws.create());
    secrets::FakeSecretStore keychain;
    MainWindow window(&keychain);
    window.show();
    QVERIFY(openIn(window, ws.request()));
    window.newProject();
    ProjectDialog *dialog = window.findChild<ProjectDialog *>();
    QVERIFY(dialog);
    QTRY_VERIFY_WITH_TIMEOUT(dialog->isRetentionLoaded(), 20'000);
    QCOMPARE(dialog->retentionSpin(0)->value(), 30); // the workspace default for raw samples

    // No name: refused in words.
    dialog->accept();
    QVERIFY(dialog->errorText().contains(QStringLiteral("name")));
    QTest::keyClicks(dialog->nameEdit(), QStringLiteral("Billing"));
    dialog->environmentCombo()->setCurrentIndex(dialog->environmentCombo()->findData(QStringLiteral("staging")));
    dialog->setColor(ProjectDialog::swatches().at(2));
    dialog->retentionSpin(0)->setValue(14);
    QSignalSpy reloaded(&window, &MainWindow::contentReloaded);
    QTest::mouseClick(dialog->findChild<QDialogButtonBox *>(QStringLiteral("dialogButtons"))->button(QDialogButtonBox::Save),
                      Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(window.content().projectNamed(QStringLiteral("Billing")), 20'000);
    const storage::Project billing = *window.content().projectNamed(QStringLiteral("Billing"));
    QCOMPARE(billing.environment, QStringLiteral("staging"));
    QCOMPARE(QColor(billing.color), ProjectDialog::swatches().at(2));
    // The new project is opened.
    QTRY_COMPARE(window.currentTarget().id, billing.id);
    QCOMPARE(window.currentPage(), window.projectPage());
    // Duplicate names are refused in plain words.
    window.newProject();
    ProjectDialog *again = nullptr;
    QTRY_VERIFY((again = window.findChild<ProjectDialog *>()) != nullptr);
    QTest::keyClicks(again->nameEdit(), QStringLiteral("Billing"));
    QSignalSpy failed(again, &ProjectDialog::saveFailed);
    again->accept();
    QVERIFY(failed.wait(20'000));
    QVERIFY(!again->errorText().isEmpty());
    again->reject();

    // Editing shows the stored retention.
    window.editProject(billing.id);
    ProjectDialog *edit = nullptr;
    QTRY_VERIFY((edit = window.findChild<ProjectDialog *>()) != nullptr && edit->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(edit->isRetentionLoaded(), 20'000);
    QCOMPARE(edit->retentionSpin(0)->value(), 14);
    QCOMPARE(edit->nameEdit()->text(), QStringLiteral("Billing"));
    edit->reject();
}

void tst_Navigation::addServiceWithFakeServer()
{
    Workspace ws;
    QVERIFY(ws.create());
    test::LocalHttpServer server;
    QVERIFY(server.listen());
    server.route("GET", QStringLiteral("/v3/scopes"), [](const test::RecordedRequest &request) {
        if (request.header("Authorization") == "Bearer " + kGoodKey)
            return test::ScriptedResponse::fromFile(200, test::testDataPath(QStringLiteral("sendgrid/scopes.json")));
        return test::ScriptedResponse::fromFile(401, test::testDataPath(QStringLiteral("sendgrid/error_401.json")));
    });
    secrets::FakeSecretStore keychain;
    MainWindow window(&keychain);
    window.show();
    QVERIFY(openIn(window, ws.request()));

    window.addService(QStringLiteral("Ops"));
    ConnectorPickerDialog *picker = window.findChild<ConnectorPickerDialog *>();
    QVERIFY(picker);
    QVERIFY(picker->list()->count() >= 9); // every connector of the build, as a card
    QVERIFY(picker->choose(QStringLiteral("sendgrid")));
    ServiceEditDialog *editor = nullptr;
    QTRY_VERIFY((editor = window.findChild<ServiceEditDialog *>()) != nullptr);
    QCOMPARE(editor->findChild<QComboBox *>(QStringLiteral("projectCombo"))->currentText(), QStringLiteral("Ops"));
    auto *nameEdit = editor->findChild<QLineEdit *>(QStringLiteral("nameEdit"));
    nameEdit->clear();
    QTest::keyClicks(nameEdit, QStringLiteral("Ops mail"));
    QTest::mouseClick(editor->findChild<QToolButton *>(QStringLiteral("advancedToggle")), Qt::LeftButton);
    editor->findChild<QLineEdit *>(QStringLiteral("baseUrlEdit"))->setText(server.url().toString());
    QLineEdit *key = editor->fieldEditor(QStringLiteral("api_key"));
    QCOMPARE(key->echoMode(), QLineEdit::Password);
    QTest::keyClicks(key, QString::fromLatin1(kGoodKey));
    QSignalSpy tested(editor, &ServiceEditDialog::testFinished);
    QTest::mouseClick(editor->findChild<QPushButton *>(QStringLiteral("testButton")), Qt::LeftButton);
    QVERIFY(tested.wait(20'000));
    QVERIFY2(tested.first().at(0).toBool(), qPrintable(tested.first().at(1).toString()));
    QVERIFY(editor->feedbackText().contains(QStringLiteral("Connection OK")));

    QTest::mouseClick(editor->findChild<QDialogButtonBox *>(QStringLiteral("dialogButtons"))->button(QDialogButtonBox::Save),
                      Qt::LeftButton);
    // Saved, shown in the tree under its project, opened, and the key is in the keychain only.
    QTRY_VERIFY_WITH_TIMEOUT(window.currentTarget().kind == Kind::Service, 20'000);
    const ServiceEntry *added = window.content().service(window.currentTarget().id);
    QVERIFY(added);
    QCOMPARE(added->config.name, QStringLiteral("Ops mail"));
    QCOMPARE(added->config.project, QStringLiteral("Ops"));
    QCOMPARE(window.servicePage()->title(), QStringLiteral("Ops mail"));
    QVERIFY(keychain.contains(ServiceConfig::credentialKey(added->config.uuid, QStringLiteral("api_key"))));

    // Test connection from the service page uses the stored key.
    QSignalSpy pageTest(window.servicePage(), &ServicePage::testFinished);
    QTest::mouseClick(window.findChild<QPushButton *>(QStringLiteral("testServiceButton")), Qt::LeftButton);
    QVERIFY(pageTest.wait(20'000));
    QVERIFY2(pageTest.first().at(0).toBool(), qPrintable(pageTest.first().at(1).toString()));
    QCOMPARE(server.requests().last().header("Authorization"), "Bearer " + kGoodKey);
}

void tst_Navigation::dashboardFromTemplatePersistsAcrossRestart()
{
    Workspace ws;
    QVERIFY(ws.create());
    secrets::FakeSecretStore keychain;
    qint64 createdId = 0;
    {
        MainWindow window(&keychain);
        window.show();
        QVERIFY(openIn(window, ws.request()));
        // Ctrl+N opens the dialog; pick the first scenario template.
        QTest::keyClick(&window, Qt::Key_N, Qt::ControlModifier);
        NewDashboardDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = window.findChild<NewDashboardDialog *>()) != nullptr);
        QVERIFY(dialog->templateList()->count() >= 6); // blank + the five scenarios
        dialog->templateList()->setCurrentRow(2);       // "Messaging delivery" (after blank and auth health)
        QVERIFY(!dialog->scenarioId().isEmpty());
        dialog->nameEdit()->setText(QStringLiteral("Delivery"));
        QSignalSpy created(&window, &MainWindow::dashboardCreated);
        dialog->accept();
        QVERIFY(created.wait(20'000));
        createdId = created.first().first().toLongLong();
        QTRY_COMPARE_WITH_TIMEOUT(window.currentTarget().id, createdId, 20'000);
        QCOMPARE(window.currentPage(), window.dashboardPage());
        QVERIFY(!window.dashboardPage()->dashboardView()->dashboard().spec.panels.isEmpty()); // SMS + mail panels
        // Edit mode (Ctrl+E; a text field keeps Ctrl+E for "end of line") and a panel added through the page:
        // saved by the view.
        window.activateWindow(); // back from the dialog
        QVERIFY(QTest::qWaitForWindowActive(&window));
        window.navigation()->view()->setFocus();
        QTest::keyClick(&window, Qt::Key_E, Qt::ControlModifier);
        QVERIFY(window.dashboardPage()->dashboardView()->isEditing());
        const int panels = int(window.dashboardPage()->dashboardView()->dashboard().spec.panels.size());
        QSignalSpy saved(window.dashboardPage()->dashboardView(), &DashboardView::dashboardSaved);
        dashboard::PanelSpec extra;
        extra.id = QStringLiteral("extra-panel");
        extra.type = dashboard::PanelType::Stat;
        extra.title = QStringLiteral("Extra");
        extra.rect = {0, 0, 6, 4};
        dashboard::PanelQuery query;
        query.metric = QStringLiteral("sendgrid.delivered");
        query.aggregation = storage::Aggregation::Sum;
        extra.queries.append(query);
        QSignalSpy saveFailed(window.dashboardPage()->dashboardView(), &DashboardView::saveFailed);
        window.dashboardPage()->addPanel(extra);
        QVERIFY2(saved.wait(20'000), saveFailed.isEmpty() ? "" : qPrintable(saveFailed.first().first().toString()));
        QCOMPARE(int(window.dashboardPage()->dashboardView()->dashboard().spec.panels.size()), panels + 1);
        // Undo (Ctrl+Z) is wired to the view's stack while editing.
        QVERIFY(window.dashboardPage()->dashboardView()->undoStack()->canUndo());
    }
    // A new window on the same workspace finds it in the tree, with the added panel.
    MainWindow again(&keychain);
    again.show();
    QVERIFY(openIn(again, ws.request()));
    QVERIFY(again.content().dashboard(createdId));
    QCOMPARE(again.content().dashboard(createdId)->name, QStringLiteral("Delivery"));
    clickTree(again, NavigationTarget::dashboardTarget(createdId, {}));
    QCOMPARE(again.currentPage(), again.dashboardPage());
    bool hasExtra = false;
    for (const dashboard::PanelSpec &p : again.dashboardPage()->dashboardView()->dashboard().spec.panels)
        hasExtra = hasExtra || p.id == QStringLiteral("extra-panel");
    QVERIFY(hasExtra);
}

void tst_Navigation::timeRangeReachesPageAndZoom()
{
    Workspace ws;
    QVERIFY(ws.create());
    secrets::FakeSecretStore keychain;
    MainWindow window(&keychain);
    window.show();
    QVERIFY(openIn(window, ws.request()));
    clickTree(window, NavigationTarget::serviceTarget(ws.sendgridId, QStringLiteral("Shop")));
    DashboardView *view = window.servicePage()->dashboardView();

    // Alt+3: the last 7 days, on the page shown.
    QTest::keyClick(&window, Qt::Key_3, Qt::AltModifier);
    QCOMPARE(window.timeRange(), TimeRange::last(7 * 86'400'000LL));
    QCOMPARE(view->timeRange(), TimeRange::last(7 * 86'400'000LL));
    // Compare with the previous period.
    window.findChild<QToolButton *>(QStringLiteral("compareButton"))->click();
    QVERIFY(view->timeRange().compare);

    // Drag-to-zoom on a chart fixes the range; zoom out goes back.
    const qint64 to = QDateTime::currentMSecsSinceEpoch() - 3'600'000;
    Q_EMIT view->zoomRequested(to - 7'200'000, to);
    QVERIFY(!view->timeRange().isRelative());
    QCOMPARE(*view->timeRange().fixedFromMs, to - 7'200'000);
    QCOMPARE(*view->timeRange().fixedToMs, to);
    QVERIFY(view->timeRange().compare);
    QVERIFY(window.timeRangeBar()->canZoomOut());
    window.findChild<QToolButton *>(QStringLiteral("zoomOutButton"))->click();
    QCOMPARE(view->timeRange().spanMs, 7 * 86'400'000LL);
    QVERIFY(view->timeRange().isRelative());

    // Pages not shown get the range too.
    QCOMPARE(window.projectPage()->dashboardView()->timeRange().spanMs, 7 * 86'400'000LL);
    // Auto-refresh interval.
    window.timeRangeBar()->setRefreshSeconds(30);
    QCOMPARE(window.timeRangeBar()->refreshSeconds(), 30);
}

void tst_Navigation::windowAndSplitterStateRestored()
{
    Workspace ws;
    QVERIFY(ws.create());
    secrets::FakeSecretStore keychain;
    QList<int> sizes;
    {
        MainWindow window(&keychain);
        window.resize(1200, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.splitter()->setSizes({333, 867});
        sizes = window.splitter()->sizes();
        window.timeRangeBar()->selectPreset(4);
        window.timeRangeBar()->setRefreshSeconds(60);
        window.close();
    }
    MainWindow again(&keychain);
    again.show();
    QVERIFY(QTest::qWaitForWindowExposed(&again));
    QCOMPARE(again.splitter()->sizes().first(), sizes.first());
    QCOMPARE(again.size(), QSize(1200, 800));
    QCOMPARE(again.timeRange().spanMs, 90 * 86'400'000LL);
    QCOMPARE(again.timeRangeBar()->refreshSeconds(), 60);
}

void tst_Navigation::trayFollowsServiceHealth()
{
    Workspace ws;
    QVERIFY(ws.create());
    secrets::FakeSecretStore keychain;
    MainWindow window(&keychain);
    window.show();
    QVERIFY(openIn(window, ws.request()));
    QCOMPARE(window.tray()->level(), HealthLevel::Warning); // Twilio failed once
    QVERIFY(window.tray()->toolTip().contains(QStringLiteral("1 service failing")));

    // Twilio recovers: all healthy.
    QSignalSpy level(window.tray(), &TrayController::levelChanged);
    const qint64 twilio = ws.twilioId;
    window.storeService()->run([twilio](storage::MetricStore &store) {
        ServiceHealth ok;
        ok.state = ServiceHealth::State::Ok;
        (void)store.services().saveHealth(twilio, ok, {});
    });
    window.reloadContent();
    QVERIFY(level.wait(20'000));
    QCOMPARE(window.tray()->level(), HealthLevel::Ok);
    QVERIFY(window.tray()->toolTip().contains(QStringLiteral("healthy")));
    // An open critical alert (the alerts panel's hook) makes it critical.
    window.setOpenAlerts(1, 0);
    QCOMPARE(window.tray()->level(), HealthLevel::Critical);
    QVERIFY(window.tray()->toolTip().contains(QStringLiteral("critical")));
    window.setOpenAlerts(0, 0);
    QCOMPARE(window.tray()->level(), HealthLevel::Ok);
    QCOMPARE(window.tray()->menu()->actions().size(), 5); // show/hide, refresh, alerts, separator, quit
}

void tst_Navigation::trashRestoresProject()
{
    Workspace ws;
    QVERIFY(ws.create());
    secrets::FakeSecretStore keychain;
    MainWindow window(&keychain);
    window.show();
    QVERIFY(openIn(window, ws.request()));
    window.removeProject(ws.shopId);
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = window.findChild<QMessageBox *>(QStringLiteral("confirmDialog"))) != nullptr);
    QAbstractButton *yes = nullptr;
    for (QAbstractButton *b : box->buttons())
        if (box->buttonRole(b) == QMessageBox::DestructiveRole)
            yes = b;
    QVERIFY(yes);
    yes->click();
    QTRY_VERIFY_WITH_TIMEOUT(!window.content().projectNamed(QStringLiteral("Shop")), 20'000);
    QVERIFY(!window.content().service(ws.twilioId)); // its services went with it

    window.showTrash();
    TrashDialog *trash = window.trashDialog();
    QVERIFY(trash);
    QTRY_COMPARE_WITH_TIMEOUT(trash->itemCount(), 1, 20'000); // the project only, not its services again
    QSignalSpy restored(trash, &TrashDialog::restored);
    QVERIFY(trash->restoreItem(TrashItem::Kind::Project, ws.shopId));
    QVERIFY(restored.wait(20'000));
    QTRY_VERIFY_WITH_TIMEOUT(window.content().projectNamed(QStringLiteral("Shop")) && window.content().service(ws.twilioId),
                             20'000);
}

QTEST_MAIN(tst_Navigation)
#include "tst_navigation.moc"
