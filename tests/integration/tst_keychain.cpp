// KeychainSecretStore against a real Secret Service: gnome-keyring in a private D-Bus session, started and
// unlocked by tests/with-desktop.sh (WITH_DESKTOP_NO_X=1). Without that session the test skips, or fails when
// STACKSCOPE_REQUIRE_REAL=1 (CI), so a missing keyring can never pass unnoticed.

#include "secrets/keychainsecretstore.h"

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QProcess>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QStandardPaths>
#include <QTest>
#include <QUuid>

#include <optional>

#include <csignal>
#include <sys/stat.h>
#include <sys/types.h>

using namespace stackscope;
using namespace stackscope::secrets;
using namespace std::chrono_literals;

Q_LOGGING_CATEGORY(lcTest, "stackscope.tests.keychain", QtInfoMsg)

namespace {

bool realKeychainRequired()
{
    return qEnvironmentVariable("STACKSCOPE_REQUIRE_REAL") == QStringLiteral("1");
}

QString newKeyName()
{
    return QStringLiteral("workspace/%1/database-key").arg(QUuid::createUuid().toString(QUuid::WithoutBraces));
}

QString describe(const Error &error)
{
    return QStringLiteral("%1: %2 [%3]").arg(toString(error.code), error.userMessage, error.detail);
}

} // namespace

// No real keychain here: skip, or fail when the caller insists on real components.
#define SKIP_OR_FAIL(why)                                                                                    \
    do {                                                                                                       \
        const QString reason = (why);                                                                          \
        if (realKeychainRequired())                                                                            \
            QFAIL(qPrintable(reason + QStringLiteral(" (STACKSCOPE_REQUIRE_REAL=1)")));                        \
        QSKIP(qPrintable(reason));                                                                             \
    } while (false)

class tst_Keychain : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void writeThenReadBack();
    void storedInTheKeyringItself();
    void noPlaintextCopyOnDisk();
    void readMissingIsKeyMissing();
    void removeThenReadIsKeyMissing();
    void hungKeyringTimesOut();
    void cleanupTestCase();

private:
    Result<SecureBytes> readNow(KeychainSecretStore &store, const QString &key);
    Status writeNow(const QString &key, const SecureBytes &secret);
    Status removeNow(const QString &key);

    KeychainSecretStore m_store;
    QString m_tmp;
    QString m_key;
    SecureBytes m_secret;
};

Result<SecureBytes> tst_Keychain::readNow(KeychainSecretStore &store, const QString &key)
{
    std::optional<Result<SecureBytes>> outcome;
    store.read(key, this, [&outcome](Result<SecureBytes> result) { outcome.emplace(std::move(result)); });
    if (!QTest::qWaitFor([&outcome] { return outcome.has_value(); }, 30000))
        return Error::make(Error::Code::Timeout, QStringLiteral("test: no answer in 30 s"));
    return std::move(*outcome);
}

Status tst_Keychain::writeNow(const QString &key, const SecureBytes &secret)
{
    std::optional<Status> outcome;
    m_store.write(key, secret, this, [&outcome](Status status) { outcome = std::move(status); });
    if (!QTest::qWaitFor([&outcome] { return outcome.has_value(); }, 30000))
        return Error::make(Error::Code::Timeout, QStringLiteral("test: no answer in 30 s"));
    return std::move(*outcome);
}

Status tst_Keychain::removeNow(const QString &key)
{
    std::optional<Status> outcome;
    m_store.remove(key, this, [&outcome](Status status) { outcome = std::move(status); });
    if (!QTest::qWaitFor([&outcome] { return outcome.has_value(); }, 30000))
        return Error::make(Error::Code::Timeout, QStringLiteral("test: no answer in 30 s"));
    return std::move(*outcome);
}

void tst_Keychain::initTestCase()
{
    // Only ever the throwaway keyring of with-desktop.sh, never the developer's own.
    m_tmp = qEnvironmentVariable("WITH_DESKTOP_TMP");
    if (m_tmp.isEmpty())
        SKIP_OR_FAIL(QStringLiteral("not inside tests/with-desktop.sh; refusing to touch a real keyring"));
    const QString home = QDir::homePath();
    QVERIFY2(home.startsWith(m_tmp), qPrintable(home));
    QVERIFY2(qEnvironmentVariable("XDG_DATA_HOME").startsWith(m_tmp), "XDG_DATA_HOME is not the temp one");

    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected())
        SKIP_OR_FAIL(QStringLiteral("no D-Bus session bus"));
    if (!bus.interface()->isServiceRegistered(QStringLiteral("org.freedesktop.secrets"))) {
        SKIP_OR_FAIL(QStringLiteral("no Secret Service on the session bus (missing helpers:%1)")
                         .arg(qEnvironmentVariable("WITH_DESKTOP_MISSING")));
    }
    m_key = newKeyName();
    qCInfo(lcTest) << "Secret Service reachable; test entry" << m_key;
}

void tst_Keychain::writeThenReadBack()
{
    m_secret = SecureBytes::random(32);
    const Status written = writeNow(m_key, m_secret);
    QVERIFY2(written.ok(), qPrintable(written.ok() ? QString() : describe(written.error())));

    const Result<SecureBytes> read = readNow(m_store, m_key);
    QVERIFY2(read.ok(), qPrintable(read.ok() ? QString() : describe(read.error())));
    QCOMPARE(read->size(), std::size_t(32));
    QVERIFY(read->constantTimeEquals(m_secret));

    // Overwriting replaces the value.
    SecureBytes other = SecureBytes::random(32);
    QVERIFY(writeNow(m_key, other).ok());
    const Result<SecureBytes> reread = readNow(m_store, m_key);
    QVERIFY(reread.ok());
    QVERIFY(reread->constantTimeEquals(other));
    m_secret = std::move(other);
}

void tst_Keychain::storedInTheKeyringItself()
{
    // Cross-check with another Secret Service client: the entry is in gnome-keyring under our service name.
    const QString secretTool = QStandardPaths::findExecutable(QStringLiteral("secret-tool"));
    if (secretTool.isEmpty())
        QSKIP("secret-tool (libsecret-tools) is not installed");
    QProcess lookup;
    lookup.start(secretTool, {QStringLiteral("lookup"), QStringLiteral("user"), m_key, QStringLiteral("server"),
                              KeychainSecretStore::serviceName()});
    QVERIFY(lookup.waitForFinished(20000));
    QCOMPARE(lookup.exitCode(), 0);
    QByteArray stored = lookup.readAllStandardOutput().trimmed();
    // QtKeychain keeps binary data base64-encoded (attribute type=base64).
    QByteArray decoded = QByteArray::fromBase64(stored);
    const bool same = SecureBytes(decoded).constantTimeEquals(m_secret);
    stored.fill('\0');
    decoded.fill('\0');
    QVERIFY(same);
}

void tst_Keychain::noPlaintextCopyOnDisk()
{
    // While the key is stored, no file in the session's HOME / XDG dirs may hold it in any readable form: this
    // is what QtKeychain's insecure fallback (a QSettings file) would produce.
    QVERIFY(!m_secret.isEmpty());
    const SecureBytes hex = m_secret.toHex();
    const QByteArray raw(m_secret.constChar(), qsizetype(m_secret.size()));
    const QByteArray hexLower(hex.constChar(), qsizetype(hex.size()));
    const QList<QByteArray> needles = {raw, hexLower, hexLower.toUpper(), raw.toBase64(),
                                       raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals)};

    // The wrapper's temp dir holds HOME and every XDG dir; scanning it covers them all.
    for (const char *name : {"HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_RUNTIME_DIR"})
        QVERIFY2(qEnvironmentVariable(name).startsWith(m_tmp), name);

    int scanned = 0;
    bool sawKeyring = false;
    QDirIterator it(m_tmp, QDir::Files | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        struct stat info = {};
        if (::lstat(QFile::encodeName(path).constData(), &info) != 0 || !S_ISREG(info.st_mode))
            continue; // the helpers' sockets and fifos, symlinks
        QFile file(path);
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(path));
        const QByteArray content = file.readAll();
        for (const QByteArray &needle : needles)
            QVERIFY2(!content.contains(needle), qPrintable(QStringLiteral("key found in ") + path));
        ++scanned;
        if (path.contains(QStringLiteral("/keyrings/")) && path.endsWith(QStringLiteral(".keyring")))
            sawKeyring = true;
    }
    qCInfo(lcTest) << "scanned" << scanned << "files under" << m_tmp;
    // The scan covered the place where the keyring does keep the (encrypted) secret.
    QVERIFY2(sawKeyring, "no keyring file found under XDG_DATA_HOME/keyrings");
}

void tst_Keychain::readMissingIsKeyMissing()
{
    const Result<SecureBytes> read = readNow(m_store, newKeyName());
    QVERIFY(!read.ok());
    QCOMPARE(toString(read.error().code), toString(Error::Code::KeyMissing));
}

void tst_Keychain::removeThenReadIsKeyMissing()
{
    const Status removed = removeNow(m_key);
    QVERIFY2(removed.ok(), qPrintable(removed.ok() ? QString() : describe(removed.error())));

    const Result<SecureBytes> read = readNow(m_store, m_key);
    QVERIFY(!read.ok());
    QCOMPARE(toString(read.error().code), toString(Error::Code::KeyMissing));

    // Removing what is not there is not an error (observed: libsecret reports nothing to delete as success).
    const Status again = removeNow(m_key);
    QVERIFY2(again.ok(), qPrintable(again.ok() ? QString() : describe(again.error())));
}

void tst_Keychain::hungKeyringTimesOut()
{
    // A keyring that never answers (as with an unlock prompt on a headless machine): stop the real daemon.
    bool pidOk = false;
    const pid_t keyring = pid_t(qEnvironmentVariableIntValue("WITH_DESKTOP_KEYRING_PID", &pidOk));
    if (!pidOk || keyring <= 0)
        QSKIP("WITH_DESKTOP_KEYRING_PID is not set");

    KeychainSecretStore store;
    store.setTimeout(1500ms);
    QCOMPARE(store.timeout(), 1500ms);

    int calls = 0;
    std::optional<Error> error;
    QVERIFY(::kill(keyring, SIGSTOP) == 0);
    auto resume = qScopeGuard([keyring] { ::kill(keyring, SIGCONT); });

    QElapsedTimer clock;
    clock.start();
    store.read(newKeyName(), this, [&](Result<SecureBytes> result) {
        ++calls;
        if (!result.ok())
            error = result.error();
    });
    QVERIFY(QTest::qWaitFor([&calls] { return calls > 0; }, 20000));
    const qint64 elapsed = clock.elapsed();
    qCInfo(lcTest) << "stopped keyring: answer after" << elapsed << "ms:"
                   << (error ? describe(*error) : QStringLiteral("success?"));
    QVERIFY(error.has_value());
    QCOMPARE(toString(error->code), toString(Error::Code::KeychainUnavailable));
    // QTimer's default coarse timers may fire up to 5 % early.
    QVERIFY2(elapsed >= 1350 && elapsed < 5000, qPrintable(QString::number(elapsed)));

    // Let it answer now: that late answer must be ignored (logged, no second callback), and the store must
    // work again. QtKeychain runs jobs one by one, so the next read ends only after the late one did.
    QTest::ignoreMessage(QtInfoMsg, QRegularExpression(QStringLiteral("late keychain answer ignored")));
    resume.dismiss();
    QVERIFY(::kill(keyring, SIGCONT) == 0);

    const Result<SecureBytes> after = readNow(store, newKeyName());
    QVERIFY(!after.ok());
    QCOMPARE(toString(after.error().code), toString(Error::Code::KeyMissing));
    QCOMPARE(calls, 1);
}

void tst_Keychain::cleanupTestCase()
{
    if (!m_key.isEmpty())
        (void)removeNow(m_key); // best effort when a test failed half-way
}

QTEST_GUILESS_MAIN(tst_Keychain)
#include "tst_keychain.moc"
