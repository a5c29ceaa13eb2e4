#include "connectiontester.h"
#include "fakesecretstore.h"
#include "localhttpserver.h"
#include "mainwindow.h"
#include "serviceeditdialog.h"
#include "servicesdialog.h"
#include "servicetablemodel.h"
#include "storejob.h"
#include "tempworkspace.h"

#include "connector/connectorregistry.h"
#include "registration.h"
#include "secrets/keyfile.h"
#include "secrets/securebytes.h"
#include "storage/metricstore.h"
#include "storage/servicerepository.h"
#include "storage/storeservice.h"
#include "storage/workspace.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStyleFactory>
#include <QTableView>
#include <QTest>
#include <QToolButton>

using namespace stackscope;
using namespace stackscope::app;

namespace {

const QByteArray kGoodKey = "SG.planted-good-key.c0ffee4242";
const QByteArray kWrongKey = "SG.revoked-key.0000";

// SendGrid's GET /v3/scopes: the recorded answer for the good key, SendGrid's 401 for any other.
void routeSendGrid(test::LocalHttpServer &server)
{
    server.route("GET", QStringLiteral("/v3/scopes"), [](const test::RecordedRequest &request) {
        if (request.header("Authorization") == "Bearer " + kGoodKey)
            return test::ScriptedResponse::fromFile(200, QStringLiteral("sendgrid/scopes.json"));
        return test::ScriptedResponse::fromFile(401, QStringLiteral("sendgrid/error_401.json"));
    });
}

QString storedSecret(secrets::FakeSecretStore &store, const QString &key)
{
    QObject context;
    std::optional<QString> value;
    store.read(key, &context, [&value](Result<secrets::SecureBytes> secret) {
        value = secret ? QString::fromUtf8(secret->view()) : QStringLiteral("<missing>");
    });
    (void)QTest::qWaitFor([&] { return value.has_value(); }, 5000);
    return value.value_or(QStringLiteral("<no answer>"));
}

QByteArray fileBytes(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void click(QWidget *widget)
{
    QVERIFY(widget);
    QVERIFY(widget->isEnabled());
    QTest::mouseClick(widget, Qt::LeftButton);
}

ServiceEditDialog *openEditor(ServicesDialog &dialog, QPushButton *button)
{
    QSignalSpy opened(&dialog, &ServicesDialog::editorOpened);
    QTest::mouseClick(button, Qt::LeftButton);
    if (opened.isEmpty() && !opened.wait(20'000))
        return nullptr;
    return dialog.editor();
}

void fillSendGrid(ServiceEditDialog *editor, const QString &project, const QString &name, const QUrl &baseUrl,
                  const QByteArray &key)
{
    QVERIFY(editor->setType(QStringLiteral("sendgrid")));
    auto *projectCombo = editor->findChild<QComboBox *>(QStringLiteral("projectCombo"));
    projectCombo->setEditText(project);
    auto *nameEdit = editor->findChild<QLineEdit *>(QStringLiteral("nameEdit"));
    nameEdit->clear();
    QTest::keyClicks(nameEdit, name);
    click(editor->findChild<QToolButton *>(QStringLiteral("advancedToggle")));
    auto *baseUrlEdit = editor->findChild<QLineEdit *>(QStringLiteral("baseUrlEdit"));
    QVERIFY(baseUrlEdit->isVisible());
    baseUrlEdit->setText(baseUrl.toString());
    QLineEdit *keyEdit = editor->fieldEditor(QStringLiteral("api_key"));
    QVERIFY(keyEdit);
    keyEdit->clear();
    QTest::keyClicks(keyEdit, QString::fromLatin1(key));
}

bool runTest(ServiceEditDialog *editor, bool *ok, QString *message)
{
    QSignalSpy finished(editor, &ServiceEditDialog::testFinished);
    auto *button = editor->findChild<QPushButton *>(QStringLiteral("testButton"));
    QTest::mouseClick(button, Qt::LeftButton);
    if (finished.isEmpty()) {
        // While the test runs, the button is disabled and the busy indicator shows.
        if (button->isEnabled() || !editor->findChild<QWidget *>(QStringLiteral("busyIndicator"))->isVisible())
            return false;
        if (!finished.wait(20'000))
            return false;
    }
    *ok = finished.first().at(0).toBool();
    *message = finished.first().at(1).toString();
    return button->isEnabled();
}

// Clicks Save and waits for the outcome; the service as saved, or nothing when saving failed. (The editor
// deletes itself once saved.)
std::optional<ServiceConfig> save(ServiceEditDialog *editor)
{
    QObject context;
    std::optional<ServiceConfig> saved;
    bool failed = false;
    QObject::connect(editor, &ServiceEditDialog::serviceSaved, &context,
                     [&saved](const ServiceConfig &service) { saved = service; });
    QObject::connect(editor, &ServiceEditDialog::saveFailed, &context, [&failed] { failed = true; });
    QTest::mouseClick(editor->findChild<QDialogButtonBox *>(QStringLiteral("dialogButtons"))
                          ->button(QDialogButtonBox::Save),
                      Qt::LeftButton);
    (void)QTest::qWaitFor([&] { return saved || failed; }, 20'000);
    return failed ? std::nullopt : saved;
}

} // namespace

class tst_ServicesDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void addTestEditRemove();
    void keychainFailureTakesTheServiceOut();
    void validation();
    void testIsCappedInTime();
    void menuOpensServicesAndSecretsStayOut();
    void screenshots();

private:
    struct Fixture
    {
        test::TempWorkspace workspace;
        std::unique_ptr<storage::StoreService> store;
        secrets::FakeSecretStore secrets;
        connector::ConnectorRegistry registry;
        test::LocalHttpServer server;
    };
    std::unique_ptr<Fixture> makeFixture();
};

void tst_ServicesDialog::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationDomain(QStringLiteral("stackscope.io"));
    QCoreApplication::setApplicationName(QStringLiteral("stackscope-tests"));
    QVERIFY(secrets::initSodium());
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
}

std::unique_ptr<tst_ServicesDialog::Fixture> tst_ServicesDialog::makeFixture()
{
    auto fixture = std::make_unique<Fixture>();
    auto store = fixture->workspace.create();
    if (!store)
        return {};
    fixture->store = std::make_unique<storage::StoreService>(std::move(store));
    connectors::registerBuiltInConnectors(fixture->registry);
    if (!fixture->server.listen())
        return {};
    routeSendGrid(fixture->server);
    return fixture;
}

void tst_ServicesDialog::addTestEditRemove()
{
    auto f = makeFixture();
    QVERIFY(f);
    ServicesDialog dialog(*f->store, f->secrets, f->registry);
    QAbstractItemModelTester tester(dialog.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy reloaded(&dialog, &ServicesDialog::servicesReloaded);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QTRY_VERIFY_WITH_TIMEOUT(!reloaded.isEmpty(), 20'000);
    QCOMPARE(dialog.model()->rowCount(), 0);
    QVERIFY(dialog.findChild<QLabel *>(QStringLiteral("emptyText"))->isVisible());
    QVERIFY(!dialog.findChild<QPushButton *>(QStringLiteral("editButton"))->isEnabled());

    // Add: the connection test passes with the right key and shows SendGrid's own reason with a wrong one.
    ServiceEditDialog *editor = openEditor(dialog, dialog.findChild<QPushButton *>(QStringLiteral("addButton")));
    QVERIFY(editor);
    QVERIFY(!editor->isEditing());
    fillSendGrid(editor, QStringLiteral("Shop"), QStringLiteral("Transactional mail"), f->server.url(), kGoodKey);
    QCOMPARE(editor->fieldEditor(QStringLiteral("api_key"))->echoMode(), QLineEdit::Password);
    QCOMPARE(editor->fieldEditor(QStringLiteral("region"))->text(), QStringLiteral("global")); // the default
    QVERIFY(!editor->fieldEditor(QStringLiteral("region"))->toolTip().isEmpty());              // the help
    bool ok = false;
    QString message;
    QVERIFY(runTest(editor, &ok, &message));
    QVERIFY2(ok, qPrintable(message));
    QVERIFY(editor->feedbackText().contains(QStringLiteral("Connection OK")));
    QCOMPARE(f->server.requests().last().header("Authorization"), "Bearer " + kGoodKey);

    QLineEdit *keyEdit = editor->fieldEditor(QStringLiteral("api_key"));
    keyEdit->clear();
    QTest::keyClicks(keyEdit, QString::fromLatin1(kWrongKey));
    QVERIFY2(editor->feedbackText().isEmpty(), "a result disappears once the values it was made with change");
    QVERIFY(runTest(editor, &ok, &message));
    QVERIFY(!ok);
    QVERIFY2(message.contains(QStringLiteral("authorization required")) && message.contains(QStringLiteral("401")),
             qPrintable(message));
    QCOMPARE(editor->feedbackText(), message);

    keyEdit->clear();
    QTest::keyClicks(keyEdit, QString::fromLatin1(kGoodKey));
    QSignalSpy listedAfterAdd(&dialog, &ServicesDialog::servicesReloaded);
    const std::optional<ServiceConfig> saved = save(editor);
    QVERIFY(saved);
    const ServiceConfig added = *saved;
    QVERIFY(added.id > 0 && !added.uuid.isEmpty());
    QTRY_VERIFY(dialog.editor() == nullptr); // closed and deleted
    QTRY_VERIFY_WITH_TIMEOUT(!listedAfterAdd.isEmpty(), 20'000);
    QCOMPARE(dialog.model()->rowCount(), 1);
    const QModelIndex nameIndex = dialog.model()->index(0, ServiceTableModel::NameColumn);
    QCOMPARE(nameIndex.data().toString(), QStringLiteral("Transactional mail"));
    QCOMPARE(dialog.model()->index(0, ServiceTableModel::ProjectColumn).data().toString(), QStringLiteral("Shop"));
    QCOMPARE(dialog.model()->index(0, ServiceTableModel::TypeColumn).data().toString(), QStringLiteral("SendGrid"));
    QCOMPARE(dialog.model()->index(0, ServiceTableModel::StateColumn).data().toString(), QStringLiteral("New"));
    QCOMPARE(dialog.model()->index(0, ServiceTableModel::LastSuccessColumn).data().toString(), QStringLiteral("never"));
    QVERIFY(dialog.findChild<QTableView *>(QStringLiteral("servicesTable"))->isVisible());
    QVERIFY(dialog.projects().contains(QStringLiteral("Shop")));
    // The key went to the secret store under connector/<uuid>/api_key, and nowhere else.
    QCOMPARE(f->secrets.count(), 1);
    QCOMPARE(storedSecret(f->secrets, ServiceConfig::credentialKey(added.uuid, QStringLiteral("api_key"))),
             QString::fromLatin1(kGoodKey));

    // Test from the list, with the stored key.
    QVERIFY(dialog.selectService(added.id));
    QSignalSpy listTested(&dialog, &ServicesDialog::testFinished);
    click(dialog.findChild<QPushButton *>(QStringLiteral("testButton")));
    QTRY_VERIFY_WITH_TIMEOUT(!listTested.isEmpty(), 20'000);
    QVERIFY2(listTested.first().at(0).toBool(), qPrintable(listTested.first().at(1).toString()));
    QVERIFY(dialog.statusText().contains(QStringLiteral("Connection OK")));

    // Edit: the key is not shown, leaving it empty keeps it, a test uses the stored one.
    editor = openEditor(dialog, dialog.findChild<QPushButton *>(QStringLiteral("editButton")));
    QVERIFY(editor);
    QVERIFY(editor->isEditing());
    QSignalSpy checked(editor, &ServiceEditDialog::credentialsChecked);
    QTRY_VERIFY_WITH_TIMEOUT(!checked.isEmpty(), 20'000);
    keyEdit = editor->fieldEditor(QStringLiteral("api_key"));
    QVERIFY(keyEdit->text().isEmpty());
    QCOMPARE(keyEdit->placeholderText(), QStringLiteral("stored — leave empty to keep"));
    QVERIFY(!editor->findChild<QComboBox *>(QStringLiteral("typeCombo"))->isEnabled());
    QCOMPARE(editor->findChild<QLineEdit *>(QStringLiteral("baseUrlEdit"))->text(), f->server.url().toString());
    QVERIFY(runTest(editor, &ok, &message));
    QVERIFY2(ok, qPrintable(message));
    auto *nameEdit = editor->findChild<QLineEdit *>(QStringLiteral("nameEdit"));
    nameEdit->selectAll();
    QTest::keyClicks(nameEdit, QStringLiteral("Mail"));
    auto *interval = editor->findChild<QSpinBox *>(QStringLiteral("intervalSpin"));
    auto *unit = editor->findChild<QComboBox *>(QStringLiteral("intervalUnit"));
    unit->setCurrentIndex(0); // minutes
    QCOMPARE(interval->minimum(), 5); // SendGrid's minimum interval
    QCOMPARE(interval->maximum(), 1440);
    interval->setValue(30);
    QSignalSpy listedAfterEdit(&dialog, &ServicesDialog::servicesReloaded);
    QVERIFY(save(editor).has_value());
    QTRY_VERIFY_WITH_TIMEOUT(!listedAfterEdit.isEmpty(), 20'000);
    QCOMPARE(dialog.model()->rowCount(), 1);
    QCOMPARE(dialog.model()->index(0, ServiceTableModel::NameColumn).data().toString(), QStringLiteral("Mail"));
    QCOMPARE(dialog.model()->rowAt(0)->config.interval.count(), 30 * 60);
    QCOMPARE(storedSecret(f->secrets, ServiceConfig::credentialKey(added.uuid, QStringLiteral("api_key"))),
             QString::fromLatin1(kGoodKey));
    QCOMPARE(f->secrets.count(), 1);

    // Remove: asks, then moves to the trash (restorable), and the row goes.
    QVERIFY(dialog.selectService(added.id));
    click(dialog.findChild<QPushButton *>(QStringLiteral("removeButton")));
    QMessageBox *confirm = dialog.findChild<QMessageBox *>(QStringLiteral("confirmRemove"));
    QVERIFY(confirm);
    QTRY_VERIFY(confirm->isVisible());
    QVERIFY(confirm->informativeText().contains(QStringLiteral("7 days")));
    QSignalSpy removed(&dialog, &ServicesDialog::serviceRemoved);
    QSignalSpy listedAfterRemove(&dialog, &ServicesDialog::servicesReloaded);
    click(confirm->findChild<QPushButton *>(QStringLiteral("confirmRemoveButton")));
    QTRY_VERIFY_WITH_TIMEOUT(!removed.isEmpty(), 20'000);
    QTRY_VERIFY_WITH_TIMEOUT(!listedAfterRemove.isEmpty(), 20'000);
    QCOMPARE(dialog.model()->rowCount(), 0);
    QVERIFY(dialog.statusText().contains(QStringLiteral("restored for 7 days")));

    // Undo restores it.
    QSignalSpy restored(&dialog, &ServicesDialog::serviceRestored);
    Q_EMIT dialog.findChild<QLabel *>(QStringLiteral("statusLabel"))->linkActivated(QStringLiteral("undo"));
    QTRY_VERIFY_WITH_TIMEOUT(!restored.isEmpty(), 20'000);
    QTRY_COMPARE_WITH_TIMEOUT(dialog.model()->rowCount(), 1, 10'000);

    // The key is not in the database file (nor its WAL).
    const QString db = f->workspace.databasePath();
    f->store.reset(); // commits and closes
    QByteArray bytes = fileBytes(db) + fileBytes(db + QStringLiteral("-wal"));
    QVERIFY(bytes.size() > 0);
    QVERIFY(!bytes.contains(kGoodKey));
    QVERIFY(!bytes.contains(kGoodKey.toBase64()));
    QVERIFY(!bytes.contains(QString::fromLatin1(kGoodKey).toUtf8()));
}

void tst_ServicesDialog::keychainFailureTakesTheServiceOut()
{
    auto f = makeFixture();
    QVERIFY(f);
    ServicesDialog dialog(*f->store, f->secrets, f->registry);
    QAbstractItemModelTester tester(dialog.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy reloaded(&dialog, &ServicesDialog::servicesReloaded);
    dialog.show();
    QTRY_VERIFY_WITH_TIMEOUT(!reloaded.isEmpty(), 20'000);
    ServiceEditDialog *editor = openEditor(dialog, dialog.findChild<QPushButton *>(QStringLiteral("addButton")));
    QVERIFY(editor);
    fillSendGrid(editor, QStringLiteral("Shop"), QStringLiteral("Mail"), f->server.url(), kGoodKey);

    f->secrets.failWith(Error::Code::KeychainUnavailable, QStringLiteral("No keychain is available."));
    QVERIFY(!save(editor).has_value());
    QVERIFY(editor->isVisible());
    QVERIFY2(editor->feedbackText().contains(QStringLiteral("keychain is not available"))
                 && editor->feedbackText().contains(QStringLiteral("was not added")),
             qPrintable(editor->feedbackText()));
    reloaded.clear();
    dialog.reload();
    QTRY_VERIFY_WITH_TIMEOUT(!reloaded.isEmpty(), 20'000);
    QCOMPARE(dialog.model()->rowCount(), 0); // no service left without its credentials

    // Once the keychain is back, saving again under the same name works.
    f->secrets.clearFailure();
    QVERIFY(save(editor).has_value());
    QTRY_COMPARE_WITH_TIMEOUT(dialog.model()->rowCount(), 1, 10'000);
    QCOMPARE(dialog.model()->index(0, ServiceTableModel::NameColumn).data().toString(), QStringLiteral("Mail"));
    QCOMPARE(f->secrets.count(), 1);
}

void tst_ServicesDialog::validation()
{
    auto f = makeFixture();
    QVERIFY(f);
    std::optional<ServiceConfig> none;
    ServiceEditDialog editor(*f->store, f->secrets, f->registry, {QStringLiteral("Shop")}, none);
    editor.show();
    QVERIFY(editor.setType(QStringLiteral("sendgrid")));
    QCOMPARE(editor.findChild<QLineEdit *>(QStringLiteral("nameEdit"))->text(), QStringLiteral("SendGrid"));
    QCOMPARE(editor.findChild<QComboBox *>(QStringLiteral("projectCombo"))->currentText(), QStringLiteral("Shop"));
    // Interval: SendGrid's default (1 h), between its minimum (5 min) and a day.
    QCOMPARE(editor.findChild<QComboBox *>(QStringLiteral("intervalUnit"))->currentIndex(), 1);
    QCOMPARE(editor.findChild<QSpinBox *>(QStringLiteral("intervalSpin"))->value(), 1);
    QCOMPARE(editor.findChild<QSpinBox *>(QStringLiteral("intervalSpin"))->maximum(), 24);

    QSignalSpy saved(&editor, &ServiceEditDialog::serviceSaved);
    editor.accept(); // no API key
    QVERIFY(editor.feedbackText().contains(QStringLiteral("API key")));
    QVERIFY(editor.fieldEditor(QStringLiteral("api_key"))->hasFocus() || !QApplication::activeWindow());

    QTest::keyClicks(editor.fieldEditor(QStringLiteral("api_key")), QString::fromLatin1(kGoodKey));
    editor.findChild<QLineEdit *>(QStringLiteral("baseUrlEdit"))->setText(QStringLiteral("http://example.com"));
    editor.accept(); // plain HTTP to another host
    QVERIFY2(editor.feedbackText().contains(QStringLiteral("base URL")), qPrintable(editor.feedbackText()));
    QVERIFY(editor.findChild<QWidget *>(QStringLiteral("advancedPanel"))->isVisible());

    editor.findChild<QLineEdit *>(QStringLiteral("baseUrlEdit"))->clear();
    editor.fieldEditor(QStringLiteral("region"))->setText(QStringLiteral("mars"));
    bool ok = true;
    QString message;
    QVERIFY(runTest(&editor, &ok, &message)); // the connector's own check, without a request
    QVERIFY(!ok);
    QVERIFY2(message.contains(QStringLiteral("region")), qPrintable(message));
    QCOMPARE(saved.count(), 0);
    QCOMPARE(f->secrets.count(), 0);
}

void tst_ServicesDialog::testIsCappedInTime()
{
    auto f = makeFixture();
    QVERIFY(f);
    f->server.route("GET", QStringLiteral("/slow/v3/scopes"),
                    test::ScriptedResponse::fromFile(200, QStringLiteral("sendgrid/scopes.json")).withDelay(10'000));
    std::optional<ServiceConfig> none;
    ServiceEditDialog editor(*f->store, f->secrets, f->registry, {}, none);
    editor.show();
    editor.tester()->setTimeLimit(std::chrono::milliseconds(1000));
    fillSendGrid(&editor, QStringLiteral("Shop"), QStringLiteral("Mail"), f->server.url(QStringLiteral("/slow")),
                 kGoodKey);
    bool ok = true;
    QString message;
    QElapsedTimer timer;
    timer.start();
    QVERIFY(runTest(&editor, &ok, &message));
    QVERIFY(!ok);
    QVERIFY2(message.contains(QStringLiteral("No answer within 1 s")), qPrintable(message));
    QVERIFY(timer.elapsed() < 8000);
    QVERIFY(!editor.tester()->isRunning());
    QCOMPARE(ConnectionTester::kTimeLimit, std::chrono::milliseconds(30'000));
}

void tst_ServicesDialog::menuOpensServicesAndSecretsStayOut()
{
    QSettings().clear();
    test::TempWorkspace workspace;
    QVERIFY(workspace.create());
    const QString keyFile = QDir::cleanPath(workspace.path() + QStringLiteral("/../ws.key"));
    QVERIFY(secrets::createKeyFile(keyFile, workspace.key()));
    test::LocalHttpServer server;
    QVERIFY(server.listen());
    routeSendGrid(server);
    secrets::FakeSecretStore keychain;

    auto window = std::make_unique<MainWindow>(&keychain);
    window->show();
    QVERIFY(QTest::qWaitForWindowExposed(window.get()));
    auto *action = window->findChild<QAction *>(QStringLiteral("servicesAction"));
    QVERIFY(action);
    QVERIFY(!action->isEnabled()); // no workspace yet
    QSignalSpy opened(window.get(), &MainWindow::workspaceOpened);
    window->openWorkspace({workspace.path(), keyFile});
    QTRY_VERIFY_WITH_TIMEOUT(!opened.isEmpty(), 20'000);
    QVERIFY(action->isEnabled());
    QCOMPARE(action->shortcut(), QKeySequence(QStringLiteral("Ctrl+Shift+S")));
    window->activateWindow();
    QTest::keyClick(window.get(), Qt::Key_S, Qt::ControlModifier | Qt::ShiftModifier);
    if (!window->servicesDialog())
        action->trigger(); // offscreen windows do not always take keyboard focus
    ServicesDialog *dialog = window->servicesDialog();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(dialog->findChild<QLabel *>(QStringLiteral("emptyText"))->isVisible(), 10'000);

    ServiceEditDialog *editor = openEditor(*dialog, dialog->findChild<QPushButton *>(QStringLiteral("addButton")));
    QVERIFY(editor);
    fillSendGrid(editor, QStringLiteral("Shop"), QStringLiteral("Mail"), server.url(), kGoodKey);
    QVERIFY(save(editor).has_value());
    QTRY_COMPARE_WITH_TIMEOUT(dialog->model()->rowCount(), 1, 10'000);
    QCOMPARE(keychain.count(), 1);

    window->close(); // writes the window settings
    window.reset();  // closes the store
    QSettings settings;
    settings.sync();
    const QByteArray settingsBytes = fileBytes(settings.fileName());
    QVERIFY2(!settingsBytes.isEmpty(), qPrintable(settings.fileName()));
    QVERIFY(!settingsBytes.contains(kGoodKey));
    const QByteArray db = fileBytes(workspace.databasePath()) + fileBytes(workspace.databasePath() + QStringLiteral("-wal"));
    QVERIFY(!db.isEmpty());
    QVERIFY(!db.contains(kGoodKey));
}

void tst_ServicesDialog::screenshots()
{
    const QString dir = qEnvironmentVariable("STACKSCOPE_SCREENSHOT_DIR");
    if (dir.isEmpty())
        QSKIP("STACKSCOPE_SCREENSHOT_DIR is not set");
    QDir().mkpath(dir);
    auto f = makeFixture();
    QVERIFY(f);

    // A workspace with a service in every state.
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    bool planted = false;
    runStoreJob<bool>(
        *f->store, this,
        [now](storage::MetricStore &store) -> Result<bool> {
            struct Plant
            {
                const char *project, *type, *name;
                ServiceHealth::State state;
                qint64 lastSuccessAgoMs, nextRunInMs;
                const char *error;
                int failures;
            };
            const Plant plants[] = {
                {"Shop", "sendgrid", "Transactional mail", ServiceHealth::State::Ok, 4 * 60'000, 56 * 60'000, "", 0},
                {"Shop", "twilio", "SMS notifications", ServiceHealth::State::Failing, 3 * 3'600'000, 2 * 60'000,
                 "Twilio is limiting requests (HTTP 429, try again in 120 s): Too many requests.", 3},
                {"Shop", "prometheus", "API server", ServiceHealth::State::Ok, 40'000, 20'000, "", 0},
                {"Internal tools", "aws", "CloudWatch eu-west-1", ServiceHealth::State::New, 0, 0, "", 0},
                {"Internal tools", "sendgrid", "Newsletter", ServiceHealth::State::Disabled, 2 * 86'400'000LL, 0,
                 "SendGrid rejected the credentials (HTTP 401): authorization required.", 1},
            };
            for (const Plant &p : plants) {
                ServiceConfig config;
                config.project = QString::fromUtf8(p.project);
                config.type = QString::fromUtf8(p.type);
                config.name = QString::fromUtf8(p.name);
                auto added = store.services().add(config);
                if (!added)
                    return added.error();
                ServiceHealth health;
                health.state = p.state;
                health.lastSuccessMs = p.lastSuccessAgoMs ? now - p.lastSuccessAgoMs : 0;
                health.nextRunMs = p.nextRunInMs ? now + p.nextRunInMs : 0;
                health.lastError = QString::fromUtf8(p.error);
                health.consecutiveFailures = p.failures;
                if (Status st = store.services().saveHealth(added->id, health, {}); !st)
                    return st.error();
            }
            return true;
        },
        [&planted](Result<bool> result) { planted = result.ok(); });
    QTRY_VERIFY_WITH_TIMEOUT(planted, 10'000);

    ServicesDialog dialog(*f->store, f->secrets, f->registry);
    dialog.model()->setNowForTesting(now);
    QSignalSpy reloaded(&dialog, &ServicesDialog::servicesReloaded);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QTRY_VERIFY_WITH_TIMEOUT(!reloaded.isEmpty(), 20'000);
    QCOMPARE(dialog.model()->rowCount(), 5);
    dialog.selectService(dialog.model()->rowAt(3)->config.id);
    QTest::qWait(200);
    QVERIFY(dialog.grab().save(QDir(dir).filePath(QStringLiteral("services-list.png"))));

    // The add dialog mid-edit, after a connection test.
    ServiceEditDialog *editor = openEditor(dialog, dialog.findChild<QPushButton *>(QStringLiteral("addButton")));
    QVERIFY(editor);
    fillSendGrid(editor, QStringLiteral("Shop"), QStringLiteral("Marketing mail"), f->server.url(), kWrongKey);
    editor->fieldEditor(QStringLiteral("categories"))->setText(QStringLiteral("newsletter, onboarding"));
    bool ok = true;
    QString message;
    QVERIFY(runTest(editor, &ok, &message));
    QVERIFY(!ok);
    click(editor->findChild<QToolButton *>(QStringLiteral("advancedToggle"))); // collapse the test server's URL
    QTest::qWait(200);
    QVERIFY(editor->grab().save(QDir(dir).filePath(QStringLiteral("services-add.png"))));
    auto *keyEdit = editor->fieldEditor(QStringLiteral("api_key"));
    keyEdit->clear();
    QTest::keyClicks(keyEdit, QString::fromLatin1(kGoodKey));
    QVERIFY(runTest(editor, &ok, &message));
    QVERIFY(ok);
    QTest::qWait(200);
    QVERIFY(editor->grab().save(QDir(dir).filePath(QStringLiteral("services-add-ok.png"))));
    editor->reject();
    QTRY_VERIFY(!dialog.editor());

    // Editing: the credentials are not shown; the AWS form is the longest.
    QVERIFY(dialog.selectService(dialog.model()->rowAt(0)->config.id)); // CloudWatch eu-west-1
    editor = openEditor(dialog, dialog.findChild<QPushButton *>(QStringLiteral("editButton")));
    QVERIFY(editor);
    QSignalSpy checked(editor, &ServiceEditDialog::credentialsChecked);
    QTRY_VERIFY(!checked.isEmpty());
    QTest::qWait(200);
    QVERIFY(editor->grab().save(QDir(dir).filePath(QStringLiteral("services-edit.png"))));
}

QTEST_MAIN(tst_ServicesDialog)
#include "tst_servicesdialog.moc"
