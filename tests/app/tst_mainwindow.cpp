#include "fakesecretstore.h"
#include "mainwindow.h"
#include "serieslistmodel.h"
#include "timeserieschartview.h"

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

void clickRow(QListView *list, int row)
{
    const QModelIndex index = list->model()->index(row, 0);
    list->scrollTo(index);
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualRect(index).center());
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
    window.openWorkspace({dir, keyFile});
    QVERIFY(opened.wait(20'000));
    QCOMPARE(window.windowTitle(), QStringLiteral("Test workspace"));
    QVERIFY(!window.findChild<QLabel *>(QStringLiteral("demoBanner"))->isVisible());

    QTRY_COMPARE_WITH_TIMEOUT(window.seriesModel()->rowCount(), 2, 20'000);
    auto *list = window.findChild<QListView *>(QStringLiteral("seriesList"));
    QVERIFY(list);
    // The first series is selected (and charted) without any click.
    QTRY_VERIFY_WITH_TIMEOUT(window.chartView()->pointCount() > 0, 20'000);

    // Select the other series by mouse; the chart follows.
    const int other = list->currentIndex().row() == 0 ? 1 : 0;
    clickRow(list, other);
    QCOMPARE(list->currentIndex().row(), other);
    QTRY_VERIFY_WITH_TIMEOUT(window.chartView()->pointCount() > 0, 20'000);
    QVERIFY(!window.chartView()->isShowingEmptyText());
    QVERIFY(window.findChild<QLabel *>(QStringLiteral("tierLabel"))->text().contains(QStringLiteral("Tier")));
    QVERIFY(window.findChild<QLabel *>(QStringLiteral("pointsLabel"))->text().contains(QStringLiteral("Points")));

    // Ranges re-query: 1h has about 12 five-minute points, 7d all two days of them (maybe in a coarser tier).
    QSignalSpy updated(&window, &MainWindow::chartUpdated);
    window.setRange(3'600'000);
    QVERIFY(updated.wait(20'000));
    QVERIFY(window.chartView()->pointCount() >= 10 && window.chartView()->pointCount() <= 14);
    window.setRange(7 * 86'400'000LL);
    QVERIFY(updated.wait(20'000));
    QVERIFY(window.chartView()->pointCount() > 0);
    QCOMPARE(window.chartView()->toMs() - window.chartView()->fromMs(), 7 * 86'400'000LL);

    // Window state is saved on close and restored by the next window.
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
    window.openWorkspace({dir, keyFile});
    QTRY_COMPARE_WITH_TIMEOUT(window.seriesModel()->rowCount(), 2, 20'000);

    auto *search = window.findChild<QLineEdit *>(QStringLiteral("searchField"));
    auto *list = window.findChild<QListView *>(QStringLiteral("seriesList"));
    QVERIFY(search && list);
    QVERIFY(!search->accessibleName().isEmpty());
    QVERIFY(!list->accessibleName().isEmpty());
    QTest::keyClick(&window, Qt::Key_F, Qt::ControlModifier);
    QTRY_VERIFY(search->hasFocus());
    QTest::keyClicks(search, QStringLiteral("requ"));
    QCOMPARE(list->model()->rowCount(), 1);
    QVERIFY(list->model()->index(0, 0).data().toString().startsWith(QStringLiteral("requests")));

    QSignalSpy updated(&window, &MainWindow::chartUpdated);
    QTest::keyClick(&window, Qt::Key_F5);
    QVERIFY(updated.wait(20'000));
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
    QTRY_COMPARE_WITH_TIMEOUT(window.seriesModel()->rowCount(), 2, 20'000);
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
    QCOMPARE(banner->text(), QStringLiteral("DEMO WORKSPACE — simulated data"));
    QVERIFY(window.isDemoFillRunning());
    QVERIFY(filled.wait(request.demoDays * 5'000 + 30'000));

    // The key file is private, and the workspace holds every demo series.
    QFile::Permissions perms = QFileInfo(QDir(dir).filePath(QStringLiteral("demo.key"))).permissions();
    QVERIFY(!(perms & (QFileDevice::ReadGroup | QFileDevice::ReadOther)));
    QTRY_COMPARE_WITH_TIMEOUT(window.seriesModel()->rowCount(), demo::demoSeriesCount(), 20'000);
    for (int row = 0; row < window.seriesModel()->rowCount(); ++row)
        QVERIFY(window.seriesModel()->index(row).data(SeriesListModel::ProjectRole).toString().startsWith(
            QStringLiteral("Demo – ")));
    QTRY_VERIFY_WITH_TIMEOUT(window.chartView()->pointCount() > 0, 20'000);

    if (!screenshotDir.isEmpty()) {
        QDir().mkpath(screenshotDir);
        const auto findKey = [&](const QString &metric, const QString &label, const QString &value) {
            for (int row = 0; row < window.seriesModel()->rowCount(); ++row) {
                const QModelIndex index = window.seriesModel()->index(row);
                if (index.data(SeriesListModel::MetricRole).toString() == metric
                    && index.data(SeriesListModel::LabelsRole).toMap().value(label).toString() == value)
                    return index.data(SeriesListModel::KeyRole).toString();
            }
            return QString();
        };
        QSignalSpy updated(&window, &MainWindow::chartUpdated);
        QVERIFY(window.selectSeries(findKey(QStringLiteral("twilio.sms.delivered"), QStringLiteral("country"),
                                            QStringLiteral("US"))));
        window.setRange(7 * 86'400'000LL);
        QTRY_VERIFY_WITH_TIMEOUT(!updated.isEmpty() && window.chartView()->pointCount() > 0, 20'000);
        QTest::qWait(400); // let the chart settle (resize re-decimation)
        QVERIFY(window.grab().save(QDir(screenshotDir).filePath(QStringLiteral("foundation-main.png"))));

        const QPalette light = QApplication::palette();
        QPalette dark;
        dark.setColor(QPalette::Window, QColor(0x2b, 0x2d, 0x31));
        dark.setColor(QPalette::WindowText, QColor(0xe8, 0xe8, 0xea));
        dark.setColor(QPalette::Base, QColor(0x1f, 0x21, 0x24));
        dark.setColor(QPalette::AlternateBase, QColor(0x2b, 0x2d, 0x31));
        dark.setColor(QPalette::Text, QColor(0xe8, 0xe8, 0xea));
        dark.setColor(QPalette::Button, QColor(0x35, 0x37, 0x3c));
        dark.setColor(QPalette::ButtonText, QColor(0xe8, 0xe8, 0xea));
        dark.setColor(QPalette::Highlight, QColor(0x3d, 0x7a, 0xd6));
        dark.setColor(QPalette::HighlightedText, Qt::white);
        dark.setColor(QPalette::ToolTipBase, QColor(0x35, 0x37, 0x3c));
        dark.setColor(QPalette::ToolTipText, QColor(0xe8, 0xe8, 0xea));
        dark.setColor(QPalette::PlaceholderText, QColor(0x9a, 0x9c, 0xa3));
        dark.setColor(QPalette::Mid, QColor(0x45, 0x47, 0x4c));
        dark.setColor(QPalette::Dark, QColor(0x18, 0x19, 0x1b));
        dark.setColor(QPalette::Light, QColor(0x4a, 0x4c, 0x52));
        dark.setColor(QPalette::Midlight, QColor(0x3e, 0x40, 0x45));
        dark.setColor(QPalette::Shadow, Qt::black);
        QApplication::setPalette(dark);
        updated.clear();
        QVERIFY(window.selectSeries(findKey(QStringLiteral("http_request_duration_seconds"),
                                            QStringLiteral("quantile"), QStringLiteral("0.95"))));
        window.setRange(30 * 86'400'000LL);
        QTRY_VERIFY_WITH_TIMEOUT(!updated.isEmpty() && window.chartView()->pointCount() > 0, 20'000);
        QTest::qWait(400);
        QVERIFY(window.grab().save(QDir(screenshotDir).filePath(QStringLiteral("foundation-main-dark.png"))));
        QApplication::setPalette(light);
    }

    // Opening the demo again does not generate the history a second time.
    window.close();
    MainWindow again;
    again.show();
    QSignalSpy againOpened(&again, &MainWindow::workspaceOpened);
    again.openWorkspace(request);
    QVERIFY(againOpened.wait(30'000));
    QTRY_COMPARE_WITH_TIMEOUT(again.seriesModel()->rowCount(), demo::demoSeriesCount(), 20'000);
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
