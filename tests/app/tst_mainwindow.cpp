#include "fakesecretstore.h"
#include "darkpalette.h"
#include "mainwindow.h"
#include "navigation/navigationpane.h"
#include "overviewpage.h"
#include "projecttile.h"
#include "shortcutsdialog.h"
#include "explorerpage.h"
#include "alerts/alertinghost.h"
#include "alerts/alertspage.h"
#include "healthlevel.h"
#include "traycontroller.h"
#include "workspacepage.h"

#include "demo/demodata.h"
#include "secrets/keyfile.h"
#include "secrets/securebytes.h"
#include "storage/metricstore.h"
#include "storage/workspace.h"

#include <QApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QSet>
#include <QTreeView>
#include <QMessageBox>
#include <QPainter>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStyleFactory>
#include <QTemporaryDir>
#include <QTest>

using namespace stackscope;
using namespace stackscope::app;

class tst_MainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void opensWorkspaceAndChartsSelection();
    void searchAndShortcuts();
    void wrongKeyShowsErrorAndChangesNothing();
    void corruptDatabaseShowsError();
    void missingWorkspaceOffersDemo();
    void keychainKeyOpens();
    void keychainUnavailableShowsError();
    void demoWorkspace();
    void closingDuringDemoFill();
    void laterOpenRequestWins();

private:
    // A workspace with two series of five-minute samples over the last two days; returns its key.
    secrets::SecureBytes makeWorkspace(const QString &dir);
    QTemporaryDir m_tmp;
};

namespace {

constexpr qint64 kStep = 300'000;

QByteArray hashOf(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&file);
    return hash.result();
}

QStringList filesIn(const QString &dir)
{
    QStringList files;
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext())
        files.append(it.next());
    files.sort();
    return files;
}

// Review screenshots, written only when STACKSCOPE_SCREENSHOT_DIR is set.
void saveScreenshot(QWidget &window, const QString &name)
{
    const QString dir = qEnvironmentVariable("STACKSCOPE_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    QDir().mkpath(dir);
    window.resize(1280, 800);
    QTest::qWait(100);
    QPixmap shot = window.grab();
    // Window-modal dialogs are separate top-level windows; paint them where a window manager would put them.
    const auto boxes = window.findChildren<QMessageBox *>();
    for (QMessageBox *box : boxes) {
        if (!box->isVisible())
            continue;
        QPainter painter(&shot);
        const QPixmap dialog = box->grab();
        painter.drawPixmap((shot.width() - dialog.width()) / 2, (shot.height() - dialog.height()) / 3, dialog);
    }
    QVERIFY(shot.save(QDir(dir).filePath(name)));
}

QMessageBox *visibleErrorDialog(const QWidget &window)
{
    const auto boxes = window.findChildren<QMessageBox *>(QStringLiteral("errorDialog"));
    for (QMessageBox *box : boxes)
        if (box->isVisible())
            return box;
    return nullptr;
}

} // namespace

void tst_MainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationDomain(QStringLiteral("stackscope.io"));
    QCoreApplication::setApplicationName(QStringLiteral("stackscope-tests"));
    QVERIFY(m_tmp.isValid());
    QVERIFY(secrets::initSodium());
}

void tst_MainWindow::init()
{
    QSettings().clear(); // every test starts with default window state
}

secrets::SecureBytes tst_MainWindow::makeWorkspace(const QString &dir)
{
    secrets::SecureBytes key = secrets::SecureBytes::random(32);
    storage::WorkspaceInfo info;
    info.name = QStringLiteral("Test workspace");
    auto store = storage::Workspace::create(dir, key, info);
    if (!store) {
        qWarning() << store.error().userMessage << store.error().detail;
        return {};
    }
    const qint64 now = QDateTime::currentMSecsSinceEpoch() / kStep * kStep;
    SampleBatch batch;
    for (qint64 ts = now - 2 * 86'400'000LL; ts <= now; ts += kStep) {
        const double phase = double(ts % 86'400'000LL) / 86'400'000.0;
        batch.append({QStringLiteral("cpu"), {{QStringLiteral("project"), QStringLiteral("Test")},
                                              {QStringLiteral("host"), QStringLiteral("a")}}, ts, 40.0 + 20.0 * phase});
        batch.append({QStringLiteral("requests"), {{QStringLiteral("project"), QStringLiteral("Test")}}, ts, 100.0});
    }
    if (auto report = store.value()->ingest(batch); !report)
        qWarning() << report.error().userMessage;
    return key;
}

void tst_MainWindow::opensWorkspaceAndChartsSelection()
{
    const QString dir = m_tmp.filePath(QStringLiteral("ws-open"));
    const secrets::SecureBytes key = makeWorkspace(dir);
    QVERIFY(!key.isEmpty());
    const QString keyFile = m_tmp.filePath(QStringLiteral("ws-open.key"));
    QVERIFY(secrets::createKeyFile(keyFile, key));

    MainWindow window;
    window.resize(1100, 700);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QSignalSpy opened(&window, &MainWindow::workspaceOpened);
    QSignalSpy loaded(&window, &MainWindow::contentReloaded);
    window.openWorkspace({dir, keyFile});
    QVERIFY(opened.wait(20'000));
    QCOMPARE(window.windowTitle(), QStringLiteral("Test workspace"));
    QVERIFY(!window.findChild<QLabel *>(QStringLiteral("demoBanner"))->isVisible());
    // The samples created the project "Test": the tree and the overview show it.
    QVERIFY(loaded.wait(20'000));
    QVERIFY(window.content().projectNamed(QStringLiteral("Test")));
    QCOMPARE(window.currentPage(), window.overviewPage());
    QCOMPARE(window.overviewPage()->tiles().size(), 1);

    // Ranges reach the page; the range is saved on close.
    window.setTimeRange(TimeRange::last(7 * 86'400'000LL));
    window.close();
    QVERIFY(QSettings().contains(QStringLiteral("MainWindow/geometry")));
    QCOMPARE(QSettings().value(QStringLiteral("MainWindow/rangeMs")).toLongLong(), 7 * 86'400'000LL);
}

void tst_MainWindow::searchAndShortcuts()
{
    const QString dir = m_tmp.filePath(QStringLiteral("ws-search"));
    const secrets::SecureBytes key = makeWorkspace(dir);
    const QString keyFile = m_tmp.filePath(QStringLiteral("ws-search.key"));
    QVERIFY(secrets::createKeyFile(keyFile, key));
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.activateWindow();
    QSignalSpy loaded(&window, &MainWindow::contentReloaded);
    window.openWorkspace({dir, keyFile});
    QVERIFY(loaded.wait(20'000));

    // Every control in the window has an accessible name (or a text that serves as one).
    const auto controls = window.findChildren<QAbstractButton *>();
    for (QAbstractButton *button : controls) {
        if (button->objectName().startsWith(QLatin1String("qt_")) || qobject_cast<QLineEdit *>(button->parentWidget())
            || button->inherits("QTableCornerButton"))
            continue; // Qt's own: the menu bar's overflow button, a line edit's clear button, a table's corner
        QVERIFY2(!button->accessibleName().isEmpty() || !button->text().isEmpty() || !button->toolTip().isEmpty(),
                 qPrintable(button->objectName() + QLatin1Char('/') + QString::fromLatin1(button->metaObject()->className()) + QLatin1Char('/') + (button->parentWidget() ? button->parentWidget()->objectName() + QString::fromLatin1(button->parentWidget()->metaObject()->className()) : QString())));
    }
    QVERIFY(!window.navigation()->view()->accessibleName().isEmpty());

    // F5 refreshes the content; Ctrl+2 opens the explorer; Ctrl+/ lists the shortcuts.
    loaded.clear();
    QTest::keyClick(&window, Qt::Key_F5);
    QVERIFY(loaded.wait(20'000));
    QTest::keyClick(&window, Qt::Key_2, Qt::ControlModifier);
    QCOMPARE(window.currentPage(), static_cast<WorkspacePage *>(window.explorerPage()));
    QTest::keyClick(&window, Qt::Key_1, Qt::ControlModifier);
    QCOMPARE(window.currentPage(), window.overviewPage());
    window.showShortcuts();
    auto *shortcuts = window.findChild<ShortcutsDialog *>();
    QVERIFY(shortcuts);
    QVERIFY(shortcuts->rowCount() >= 10);
    shortcuts->close();
}

void tst_MainWindow::wrongKeyShowsErrorAndChangesNothing()
{
    const QString dir = m_tmp.filePath(QStringLiteral("ws-wrongkey"));
    QVERIFY(!makeWorkspace(dir).isEmpty());
    const QString wrongKeyFile = m_tmp.filePath(QStringLiteral("wrong.key"));
    QVERIFY(secrets::createKeyFile(wrongKeyFile, secrets::SecureBytes::random(32)));
    const QStringList filesBefore = filesIn(dir);
    const QByteArray dbBefore = hashOf(storage::Workspace::databasePath(dir));

    MainWindow window;
    window.show();
    QSignalSpy failed(&window, &MainWindow::workspaceOpenFailed);
    window.openWorkspace({dir, wrongKeyFile});
    QVERIFY(failed.wait(20'000));
    QVERIFY(window.lastError());
    QCOMPARE(toString(window.lastError()->code), toString(Error::Code::WrongKey));
    QMessageBox *box = visibleErrorDialog(window);
    QVERIFY2(box, "the error is shown in a dialog");
    QCOMPARE(box->text(), window.lastError()->userMessage);
    QVERIFY(!box->informativeText().isEmpty());
    QCOMPARE(window.findChild<QLabel *>(QStringLiteral("messageTitle"))->text(),
             QStringLiteral("The workspace could not be opened"));
    saveScreenshot(window, QStringLiteral("foundation-wrong-key.png"));
    box->accept();
    QCOMPARE(window.storeService(), nullptr);
    QCOMPARE(filesIn(dir), filesBefore);
    QCOMPARE(hashOf(storage::Workspace::databasePath(dir)), dbBefore);
}

void tst_MainWindow::corruptDatabaseShowsError()
{
    const QString dir = m_tmp.filePath(QStringLiteral("ws-corrupt"));
    const secrets::SecureBytes key = makeWorkspace(dir);
    const QString keyFile = m_tmp.filePath(QStringLiteral("ws-corrupt.key"));
    QVERIFY(secrets::createKeyFile(keyFile, key));
    {
        // Overwrite the database with noise of the same size (a damaged disk, not a truncated copy).
        QFile db(storage::Workspace::databasePath(dir));
        QVERIFY(db.open(QIODevice::ReadWrite));
        const qint64 size = db.size();
        QByteArray noise(size, '\0');
        for (qint64 i = 0; i < size; ++i)
            noise[i] = char((i * 131 + 7) & 0xff);
        db.write(noise);
    }
    QFile::remove(storage::Workspace::databasePath(dir) + QStringLiteral("-wal"));
    QFile::remove(storage::Workspace::databasePath(dir) + QStringLiteral("-shm"));
    const QByteArray before = hashOf(storage::Workspace::databasePath(dir));

    MainWindow window;
    window.show();
    QSignalSpy failed(&window, &MainWindow::workspaceOpenFailed);
    window.openWorkspace({dir, keyFile});
    QVERIFY(failed.wait(20'000));
    QVERIFY(window.lastError());
    QVERIFY2(window.lastError()->code == Error::Code::DatabaseCorrupt
                 || window.lastError()->code == Error::Code::DatabaseTruncated,
             qPrintable(toString(window.lastError()->code)));
    QVERIFY(visibleErrorDialog(window));
    QCOMPARE(hashOf(storage::Workspace::databasePath(dir)), before);
}

void tst_MainWindow::missingWorkspaceOffersDemo()
{
    const QString dir = m_tmp.filePath(QStringLiteral("does-not-exist"));
    MainWindow window;
    window.show();
    QSignalSpy failed(&window, &MainWindow::workspaceOpenFailed);
    window.openWorkspace({dir, QString()});
    QVERIFY(failed.wait(20'000));
    QCOMPARE(toString(window.lastError()->code), toString(Error::Code::NotFound));
    QCOMPARE(visibleErrorDialog(window), nullptr); // a first start is not an error
    QVERIFY(window.findChild<QWidget *>(QStringLiteral("openDemoButton"))->isVisible());
    QVERIFY(!QFileInfo::exists(dir));
    saveScreenshot(window, QStringLiteral("foundation-welcome.png"));
}

void tst_MainWindow::keychainKeyOpens()
{
    const QString dir = m_tmp.filePath(QStringLiteral("ws-keychain"));
    const secrets::SecureBytes key = makeWorkspace(dir);
    auto info = storage::Workspace::readInfo(dir);
    QVERIFY(info);
    secrets::FakeSecretStore keychain;
    keychain.insert(storage::Workspace::keychainEntry(info.value()), key);
    qunsetenv("STACKSCOPE_KEY_FILE");

    MainWindow window(&keychain);
    window.show();
    QSignalSpy opened(&window, &MainWindow::workspaceOpened);
    window.openWorkspace({dir, QString()});
    QVERIFY(opened.wait(20'000));
    QVERIFY(keychain.callCount() >= 1);
    QTRY_VERIFY_WITH_TIMEOUT(window.content().projectNamed(QStringLiteral("Test")), 20'000);
}

void tst_MainWindow::keychainUnavailableShowsError()
{
    const QString dir = m_tmp.filePath(QStringLiteral("ws-nokeychain"));
    QVERIFY(!makeWorkspace(dir).isEmpty());
    secrets::FakeSecretStore keychain;
    keychain.failWith(Error::Code::KeychainUnavailable, QStringLiteral("No keychain is available."));

    MainWindow window(&keychain);
    window.show();
    QSignalSpy failed(&window, &MainWindow::workspaceOpenFailed);
    window.openWorkspace({dir, QString()});
    QVERIFY(failed.wait(20'000));
    QCOMPARE(toString(window.lastError()->code), toString(Error::Code::KeychainUnavailable));
    QMessageBox *box = visibleErrorDialog(window);
    QVERIFY(box);
    QVERIFY(box->informativeText().contains(QStringLiteral("--key-file")));
}

void tst_MainWindow::demoWorkspace()
{
    // With STACKSCOPE_SCREENSHOT_DIR set, the full 90-day demo is generated and screenshots are written there.
    const QString screenshotDir = qEnvironmentVariable("STACKSCOPE_SCREENSHOT_DIR");
    const QString dir = m_tmp.filePath(QStringLiteral("demo"));
    OpenRequest request;
    request.demo = true;
    request.directory = dir;
    request.demoDays = screenshotDir.isEmpty() ? 3 : demo::kDemoDays;

    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    MainWindow window;
    window.resize(1280, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QSignalSpy opened(&window, &MainWindow::workspaceOpened);
    QSignalSpy filled(&window, &MainWindow::demoFillFinished);
    window.openWorkspace(request);
    QVERIFY(opened.wait(30'000));
    QVERIFY(window.workspaceInfo().demo);
    QCOMPARE(window.windowTitle(), QStringLiteral("Demo workspace"));
    auto *banner = window.findChild<QLabel *>(QStringLiteral("demoBanner"));
    QVERIFY(banner->isVisible());
    QVERIFY(banner->text().startsWith(QStringLiteral("DEMO WORKSPACE")));
    QVERIFY(window.isDemoFillRunning());
    QVERIFY(filled.wait(request.demoDays * 5'000 + 30'000));

    // The key file is private; the tree holds both demo projects with a service of each connector type.
    QFile::Permissions perms = QFileInfo(QDir(dir).filePath(QStringLiteral("demo.key"))).permissions();
    QVERIFY(!(perms & (QFileDevice::ReadGroup | QFileDevice::ReadOther)));
    QTRY_COMPARE_WITH_TIMEOUT(window.content().services.size(), demo::demoServices().size(), 20'000);
    QSet<QString> types;
    for (const ServiceEntry &s : window.content().services) {
        types.insert(s.config.type);
        QVERIFY(s.config.project.startsWith(QStringLiteral("Demo – ")));
    }
    QVERIFY(types.size() >= 9); // every connector type
    QCOMPARE(window.content().projects.size(), demo::demoProjects().size());
    QVERIFY(!window.content().dashboards.isEmpty()); // a custom dashboard to show what they are
    QTRY_COMPARE_WITH_TIMEOUT(window.overviewPage()->tiles().size(), int(demo::demoProjects().size()), 20'000);
    window.reloadContent(); // the series the fill stored: the templates are built from them
    QSignalSpy reloaded(&window, &MainWindow::contentReloaded);
    QVERIFY(reloaded.wait(20'000));
    QVERIFY(!window.content().series.isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(window.overviewPage()->isLoaded(), 20'000);
    for (ProjectTile *tile : window.overviewPage()->tiles()) {
        QVERIFY(!tile->figures().isEmpty());
        QVERIFY2(!tile->figures().first().value.isEmpty(), "the key numbers have data");
    }
    // The demo never polls.
    QVERIFY(!window.findChild<QPushButton *>(QStringLiteral("pollNowButton"))->isVisible());

    // Alerting runs on the simulated data: the demo rules fire on the ongoing API incident, and the open
    // alerts reach the alerts page, the tray and its tooltip.
    QVERIFY(window.alertingHost());
    QVERIFY(window.alertingHost()->isDemo());
    QVERIFY(window.alertingHost()->dispatcher() == nullptr); // the demo delivers nothing anywhere
    QVERIFY(qobject_cast<AlertsPage *>(window.alertsPage()));
    const auto openAlerts = [&] {
        qint64 total = 0;
        for (qint64 n : window.alertingHost()->unhandledCounts())
            total += n;
        return total;
    };
    QTRY_VERIFY_WITH_TIMEOUT(openAlerts() > 0, 30'000);
    QTRY_VERIFY_WITH_TIMEOUT(window.tray()->toolTip().contains(QStringLiteral("alert")), 10'000);
    QVERIFY(window.tray()->level() != HealthLevel::Ok);
    // The projects they belong to count them: the tree's and the overview's level is at least the alerts'.
    const auto projectsWithAlerts = [&] {
        QStringList names;
        for (const storage::Project &p : window.content().projects)
            if (window.content().openAlertCount(p.name) > 0)
                names.append(p.name);
        return names;
    };
    QTRY_VERIFY_WITH_TIMEOUT(!projectsWithAlerts().isEmpty(), 20'000);
    for (const QString &name : projectsWithAlerts()) {
        const QList<qint64> counts = window.content().openAlerts.value(name);
        if (counts.value(2) > 0)
            QCOMPARE(window.content().projectLevel(name), HealthLevel::Critical);
        else if (counts.value(1) > 0)
            QVERIFY(window.content().projectLevel(name) != HealthLevel::Ok);
    }

    if (!screenshotDir.isEmpty()) {
        QDir().mkpath(screenshotDir);
        const auto shoot = [&](const QString &name) {
            window.resize(1440, 900);
            QTest::qWait(1500); // let the panels load and draw
            QVERIFY(window.grab().save(QDir(screenshotDir).filePath(name)));
        };
        window.setTimeRange(TimeRange::last(7 * 86'400'000LL));
        window.navigateTo(NavigationTarget::overview());
        QTRY_VERIFY_WITH_TIMEOUT(window.overviewPage()->isLoaded(), 20'000);
        shoot(QStringLiteral("overview.png"));
        const storage::Project *store = window.content().projectNamed(demo::demoStorefrontProject());
        QVERIFY(store);
        window.navigateTo(NavigationTarget::projectTarget(store->id, store->name));
        shoot(QStringLiteral("project-dashboard.png"));
        for (const ServiceEntry &s : window.content().services)
            if (s.config.type == QLatin1String("twilio"))
                window.navigateTo(NavigationTarget::serviceTarget(s.config.id, s.config.project));
        shoot(QStringLiteral("service-view.png"));
        QVERIFY(!window.content().dashboards.isEmpty());
        const dashboard::Dashboard &custom = window.content().dashboards.first();
        window.navigateTo(NavigationTarget::dashboardTarget(custom.id, custom.project));
        shoot(QStringLiteral("custom-dashboard.png"));
        window.navigateTo(NavigationTarget::alerts());
        shoot(QStringLiteral("alerts.png"));
        window.navigateTo(NavigationTarget::explorer());
        QTRY_VERIFY_WITH_TIMEOUT(window.explorerPage()->view()->selectSeries(QStringLiteral("twilio.sms.sent")),
                                 20'000);
        shoot(QStringLiteral("explorer.png"));

        const QPalette light = QApplication::palette();
        const QPalette dark = test::darkPalette();
        QApplication::setPalette(dark);
        window.navigateTo(NavigationTarget::overview());
        shoot(QStringLiteral("dark.png"));
        QApplication::setPalette(light);
    }

    // Opening the demo again does not generate the history a second time, nor the catalogue.
    window.close();
    MainWindow again;
    again.show();
    QSignalSpy againLoaded(&again, &MainWindow::contentReloaded);
    again.openWorkspace(request);
    QVERIFY(againLoaded.wait(30'000));
    QVERIFY(!again.isDemoFillRunning());
    QTRY_COMPARE_WITH_TIMEOUT(again.content().services.size(), demo::demoServices().size(), 20'000);
}

void tst_MainWindow::closingDuringDemoFill()
{
    // Closing the window while the history is generated neither hangs nor crashes; the fill is redone later.
    const QString dir = m_tmp.filePath(QStringLiteral("demo-interrupted"));
    OpenRequest request;
    request.demo = true;
    request.directory = dir;
    request.demoDays = 365; // long enough to be still running when the window goes (the store is fast)
    {
        MainWindow window;
        window.show();
        QSignalSpy opened(&window, &MainWindow::workspaceOpened);
        window.openWorkspace(request);
        QVERIFY(opened.wait(30'000));
        QVERIFY(window.isDemoFillRunning());
        QTest::qWait(50); // let some batches through
    }
    QFile state(QDir(dir).filePath(QStringLiteral("demo-fill.json")));
    QVERIFY(state.open(QIODevice::ReadOnly));
    QVERIFY(state.readAll().contains("\"complete\": false"));
}

void tst_MainWindow::laterOpenRequestWins()
{
    const QString dir = m_tmp.filePath(QStringLiteral("ws-later"));
    const secrets::SecureBytes key = makeWorkspace(dir);
    const QString keyFile = m_tmp.filePath(QStringLiteral("ws-later.key"));
    QVERIFY(secrets::createKeyFile(keyFile, key));
    MainWindow window;
    window.show();
    QSignalSpy opened(&window, &MainWindow::workspaceOpened);
    QSignalSpy failed(&window, &MainWindow::workspaceOpenFailed);
    window.openWorkspace({m_tmp.filePath(QStringLiteral("nowhere")), QString()}); // would fail ...
    window.openWorkspace({dir, keyFile});                                      // ... but this one counts
    QVERIFY(opened.wait(20'000));
    QTest::qWait(200);
    QCOMPARE(failed.count(), 0);
    QCOMPARE(window.workspaceInfo().name, QStringLiteral("Test workspace"));
}

QTEST_MAIN(tst_MainWindow)
#include "tst_mainwindow.moc"
