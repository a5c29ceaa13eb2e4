// KeychainSecretStore where no Secret Service exists. CTest runs this twice (tests/integration/CMakeLists.txt):
//   tst_keychain_nobackend            DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent (no session bus at all)
//   tst_keychain_nobackend_noservice  a private bus with no activatable services (nothing owns
//                                     org.freedesktop.secrets, and nothing can be started for it)
// Both with DISPLAY unset. Every operation must end as KeychainUnavailable, quickly, exactly once: never a
// hang, never "not configured", never a plaintext fallback.

#include "secrets/keychainsecretstore.h"

#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QScopeGuard>
#include <QTest>
#include <QThread>
#include <QUuid>

#include <atomic>
#include <optional>

using namespace stackscope;
using namespace stackscope::secrets;
using namespace std::chrono_literals;

Q_LOGGING_CATEGORY(lcTest, "stackscope.tests.keychain", QtInfoMsg)

namespace {

QString newKeyName()
{
    return QStringLiteral("stackscope-test/%1/database-key").arg(QUuid::createUuid().toString(QUuid::WithoutBraces));
}

constexpr auto storeTimeout = 5000ms;

} // namespace

class tst_KeychainNoBackend : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void unavailableWithinTimeout_data();
    void unavailableWithinTimeout();
    void resultDroppedWhenContextDies();
    void callbackRunsOnTheContextThread();
};

void tst_KeychainNoBackend::initTestCase()
{
    // CMake sets this together with the no-backend environment; anywhere else this test could reach a real
    // keychain and would prove nothing.
    if (qEnvironmentVariable("STACKSCOPE_EXPECT_NO_KEYCHAIN") != QStringLiteral("1"))
        QSKIP("run through CTest (tst_keychain_nobackend*), which provides an environment without a keychain");
    QVERIFY2(qEnvironmentVariableIsEmpty("DISPLAY"), "DISPLAY must be unset (a keyring prompt could appear)");
    qCInfo(lcTest) << "DBUS_SESSION_BUS_ADDRESS =" << qEnvironmentVariable("DBUS_SESSION_BUS_ADDRESS");
}

void tst_KeychainNoBackend::unavailableWithinTimeout_data()
{
    QTest::addColumn<QString>("operation");
    QTest::addRow("read") << QStringLiteral("read");
    QTest::addRow("write") << QStringLiteral("write");
    QTest::addRow("remove") << QStringLiteral("remove");
}

void tst_KeychainNoBackend::unavailableWithinTimeout()
{
    QFETCH(QString, operation);
    KeychainSecretStore store;
    store.setTimeout(storeTimeout);

    int calls = 0;
    std::optional<Error> error;
    const auto onResult = [&](bool ok, const Error *failure) {
        ++calls;
        if (!ok)
            error = *failure;
    };
    QElapsedTimer clock;
    clock.start();
    const QString key = newKeyName();
    if (operation == QStringLiteral("read")) {
        store.read(key, this, [&](Result<SecureBytes> r) { onResult(r.ok(), r.ok() ? nullptr : &r.error()); });
    } else if (operation == QStringLiteral("write")) {
        store.write(key, SecureBytes::random(32), this,
                    [&](Status s) { onResult(s.ok(), s.ok() ? nullptr : &s.error()); });
    } else {
        store.remove(key, this, [&](Status s) { onResult(s.ok(), s.ok() ? nullptr : &s.error()); });
    }

    // Generous wait: a hang would show up as the 20 s limit being reached, not as a crash of the test.
    QVERIFY2(QTest::qWaitFor([&calls] { return calls > 0; }, 20000), "no answer at all: the store hangs");
    const qint64 elapsed = clock.elapsed();
    qCInfo(lcTest).noquote() << operation << "answered after" << elapsed << "ms:"
                             << (error ? toString(error->code) + QStringLiteral(" / ") + error->detail
                                       : QStringLiteral("success"));
    QVERIFY2(error.has_value(), "succeeded without a keychain");
    QCOMPARE(toString(error->code), toString(Error::Code::KeychainUnavailable));
    QVERIFY(!error->userMessage.isEmpty());
    QVERIFY2(elapsed <= storeTimeout.count() + 2000, qPrintable(QString::number(elapsed)));

    QTest::qWait(100); // nothing else may arrive
    QCOMPARE(calls, 1);
}

void tst_KeychainNoBackend::resultDroppedWhenContextDies()
{
    KeychainSecretStore store;
    store.setTimeout(storeTimeout);

    int droppedCalls = 0;
    auto *context = new QObject;
    store.read(newKeyName(), context, [&droppedCalls](Result<SecureBytes>) { ++droppedCalls; });
    delete context;

    // QtKeychain runs jobs in order: once this second read has answered, the first one has finished too.
    bool answered = false;
    store.read(newKeyName(), this, [&answered](Result<SecureBytes>) { answered = true; });
    QVERIFY(QTest::qWaitFor([&answered] { return answered; }, 20000));
    QTest::qWait(100);
    QCOMPARE(droppedCalls, 0);
}

void tst_KeychainNoBackend::callbackRunsOnTheContextThread()
{
    KeychainSecretStore store; // lives on this (the main) thread
    store.setTimeout(storeTimeout);

    QThread worker;
    worker.start();
    auto *context = new QObject;
    context->moveToThread(&worker);
    auto stop = qScopeGuard([&] {
        context->deleteLater();
        worker.quit();
        worker.wait();
    });

    std::atomic<QThread *> callbackThread = nullptr;
    std::atomic<int> code = -1;
    // Called from the worker thread, answered on the worker thread.
    QMetaObject::invokeMethod(context, [&store, context, &callbackThread, &code] {
        store.read(newKeyName(), context, [&callbackThread, &code](Result<SecureBytes> result) {
            code = result.ok() ? -2 : int(result.error().code);
            callbackThread = QThread::currentThread();
        });
    });
    QVERIFY(QTest::qWaitFor([&callbackThread] { return callbackThread.load() != nullptr; }, 20000));
    QCOMPARE(callbackThread.load(), &worker);
    QCOMPARE(code.load(), int(Error::Code::KeychainUnavailable));
}

QTEST_GUILESS_MAIN(tst_KeychainNoBackend)
#include "tst_keychain_nobackend.moc"
