#include "secrets/keychainsecretstore.h"

#include "util/logging.h"

#include <qt6keychain/keychain.h>

#include <QMetaObject>
#include <QPointer>
#include <QThread>
#include <QTimer>

#include <sodium.h>

// QtKeychain links QtDBus on Linux, so it is in the link graph whenever the libsecret backend is.
#if defined(QT_DBUS_LIB) && defined(Q_OS_UNIX) && !defined(Q_OS_DARWIN) && !defined(Q_OS_ANDROID)
#define STACKSCOPE_SECRET_SERVICE_PROBE 1
#include <QDBusConnection>
#include <QDBusMessage>
#endif

#include <memory>
#include <utility>

namespace stackscope::secrets {

namespace {

enum class Operation { Read, Write, Remove };

const char *verb(Operation operation)
{
    switch (operation) {
    case Operation::Read: return "read";
    case Operation::Write: return "write";
    case Operation::Remove: return "remove";
    }
    return "access";
}

// QtKeychain's libsecret backend reports "no session bus" ("Could not connect: ...", "Cannot autolaunch D-Bus
// without X11 $DISPLAY") and "no Secret Service on the bus" ("The name org.freedesktop.secrets was not provided
// by any .service files") as OtherError, with GLib's possibly translated text. After such a failure, ask the
// bus directly instead of parsing that text. Runs only on the error path; the question goes to the bus daemon
// itself, which answers at once, and is capped at one second.
bool secretServiceMissing()
{
#ifdef STACKSCOPE_SECRET_SERVICE_PROBE
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected())
        return true;
    QDBusMessage question = QDBusMessage::createMethodCall(QStringLiteral("org.freedesktop.DBus"),
                                                           QStringLiteral("/org/freedesktop/DBus"),
                                                           QStringLiteral("org.freedesktop.DBus"),
                                                           QStringLiteral("NameHasOwner"));
    question << QStringLiteral("org.freedesktop.secrets");
    const QDBusMessage answer = bus.call(question, QDBus::Block, 1000);
    // If the bus cannot even answer this, do not claim to know more than QtKeychain did.
    if (answer.type() != QDBusMessage::ReplyMessage || answer.arguments().isEmpty())
        return false;
    // Had the service been activatable, QtKeychain's call would have started it and it would own the name now.
    return !answer.arguments().constFirst().toBool();
#else
    return false;
#endif
}

// Maps a finished job's outcome to our three states (style guide G.3). The backend's own text goes to
// `detail` only: it never contains the secret, but it is not written for users either.
Error errorFromJob(Operation operation, const QString &key, QKeychain::Error code, const QString &backendText)
{
    const QString detail = QStringLiteral("keychain %1 of \"%2\" failed: QKeychain error %3: %4")
                               .arg(QLatin1String(verb(operation)), key)
                               .arg(int(code))
                               .arg(backendText);
    switch (code) {
    case QKeychain::EntryNotFound:
        return Error::make(Error::Code::KeyMissing,
                           KeychainSecretStore::tr("No secret named \"%1\" is stored in the OS keychain.").arg(key),
                           detail);
    case QKeychain::NoBackendAvailable:
        return Error::make(Error::Code::KeychainUnavailable,
                           KeychainSecretStore::tr("The OS keychain is not available (no Secret Service running?)."),
                           detail);
    case QKeychain::AccessDenied:
        return Error::make(Error::Code::KeychainUnavailable,
                           KeychainSecretStore::tr("Access to the OS keychain was denied (is the keyring locked?)."),
                           detail);
    case QKeychain::AccessDeniedByUser:
        return Error::make(Error::Code::KeychainUnavailable,
                           KeychainSecretStore::tr("Access to the OS keychain was refused at the prompt."), detail);
    case QKeychain::OtherError:
        if (secretServiceMissing()) {
            return Error::make(Error::Code::KeychainUnavailable,
                               KeychainSecretStore::tr("The OS keychain is not available (no Secret Service "
                                                       "running?)."),
                               detail + QStringLiteral(" (no D-Bus session bus, or no org.freedesktop.secrets on it)"));
        }
        break;
    case QKeychain::NoError:
    case QKeychain::CouldNotDeleteEntry:
    case QKeychain::NotImplemented:
        break;
    }
    return Error::make(Error::Code::Keychain,
                       KeychainSecretStore::tr("The OS keychain could not %1 the secret \"%2\": %3")
                           .arg(QLatin1String(verb(operation)), key, backendText),
                       detail);
}

Error timeoutError(Operation operation, const QString &key, std::chrono::milliseconds timeout)
{
    const auto seconds = std::chrono::duration_cast<std::chrono::duration<double>>(timeout).count();
    return Error::make(Error::Code::KeychainUnavailable,
                       KeychainSecretStore::tr("The OS keychain did not answer within %1 s (is it waiting for an "
                                               "unlock prompt, or is no Secret Service running?).")
                           .arg(seconds, 0, 'g', 3),
                       QStringLiteral("keychain %1 of \"%2\" timed out after %3 ms")
                           .arg(QLatin1String(verb(operation)), key)
                           .arg(qint64(timeout.count())));
}

// Copies the job's data into secure memory and wipes the job's buffer. The job holds the only other
// reference to that buffer and is deleted right after finished(); writing through data() would detach and
// wipe a fresh copy instead, so the shared buffer is wiped in place.
SecureBytes takeSecret(const QByteArray &shared)
{
    SecureBytes secret{QByteArrayView(shared)};
    if (!shared.isEmpty())
        sodium_memzero(const_cast<char *>(shared.constData()), std::size_t(shared.size()));
    return secret;
}

// Runs `call` on the thread of `context`, later, unless `context` is gone by then.
void deliver(const QPointer<QObject> &context, std::function<void()> call)
{
    if (!context) {
        qCInfo(lcSecrets) << "keychain result dropped: its receiver was destroyed";
        return;
    }
    QMetaObject::invokeMethod(context.data(), std::move(call), Qt::QueuedConnection);
}

void deliverRead(const QPointer<QObject> &context, const SecretStore::ReadCallback &done, Result<SecureBytes> result)
{
    auto shared = std::make_shared<Result<SecureBytes>>(std::move(result));
    deliver(context, [done, shared] { done(std::move(*shared)); });
}

void deliverStatus(const QPointer<QObject> &context, const SecretStore::WriteCallback &done, Status status)
{
    deliver(context, [done, status = std::move(status)] { done(status); });
}

void logFailure(const Error &error)
{
    if (error.code == Error::Code::KeyMissing)
        qCInfo(lcSecrets).noquote() << error.detail;
    else
        qCWarning(lcSecrets).noquote() << error.detail;
}

} // namespace

KeychainSecretStore::KeychainSecretStore(QObject *parent) : QObject(parent) {}

KeychainSecretStore::~KeychainSecretStore() = default;

QString KeychainSecretStore::serviceName()
{
    return QStringLiteral("Stackscope");
}

void KeychainSecretStore::setTimeout(std::chrono::milliseconds timeout)
{
    m_timeout = timeout;
}

void KeychainSecretStore::read(const QString &key, QObject *context, ReadCallback done)
{
    Q_ASSERT(context && done);
    if (QThread::currentThread() == thread()) {
        startRead(key, context, std::move(done));
        return;
    }
    QPointer<QObject> guard(context);
    QMetaObject::invokeMethod(this, [this, key, guard, done = std::move(done)] {
        if (guard)
            startRead(key, guard.data(), done);
    }, Qt::QueuedConnection);
}

void KeychainSecretStore::write(const QString &key, const SecureBytes &secret, QObject *context, WriteCallback done)
{
    Q_ASSERT(context && done);
    // QtKeychain takes a QByteArray; this is the one unprotected copy we make, handed straight to the job.
    QByteArray data(secret.constChar(), qsizetype(secret.size()));
    if (QThread::currentThread() == thread()) {
        startWrite(key, std::move(data), context, std::move(done));
        return;
    }
    QPointer<QObject> guard(context);
    QMetaObject::invokeMethod(this, [this, key, data = std::move(data), guard, done = std::move(done)]() mutable {
        if (guard)
            startWrite(key, std::move(data), guard.data(), done);
    }, Qt::QueuedConnection);
}

void KeychainSecretStore::remove(const QString &key, QObject *context, WriteCallback done)
{
    Q_ASSERT(context && done);
    if (QThread::currentThread() == thread()) {
        startRemove(key, context, std::move(done));
        return;
    }
    QPointer<QObject> guard(context);
    QMetaObject::invokeMethod(this, [this, key, guard, done = std::move(done)] {
        if (guard)
            startRemove(key, guard.data(), done);
    }, Qt::QueuedConnection);
}

void KeychainSecretStore::startRead(const QString &key, QObject *context, ReadCallback done)
{
    auto *job = new QKeychain::ReadPasswordJob(serviceName());
    job->setKey(key);
    const QPointer<QObject> guard(context);
    const auto timeout = m_timeout;
    runJob(
        job,
        [key, guard, done](QKeychain::Job *finished) {
            if (finished->error() != QKeychain::NoError) {
                Error error = errorFromJob(Operation::Read, key, finished->error(), finished->errorString());
                logFailure(error);
                deliverRead(guard, done, std::move(error));
                return;
            }
            const auto *readJob = static_cast<QKeychain::ReadPasswordJob *>(finished);
            deliverRead(guard, done, takeSecret(readJob->binaryData()));
        },
        [key, guard, done, timeout] {
            Error error = timeoutError(Operation::Read, key, timeout);
            logFailure(error);
            deliverRead(guard, done, std::move(error));
        });
}

void KeychainSecretStore::startWrite(const QString &key, QByteArray data, QObject *context, WriteCallback done)
{
    auto *job = new QKeychain::WritePasswordJob(serviceName());
    job->setKey(key);
    job->setBinaryData(data);
    const QPointer<QObject> guard(context);
    const auto timeout = m_timeout;
    runJob(
        job,
        [key, guard, done, data](QKeychain::Job *finished) {
            // The job is done with its copy; wipe the buffer it shares with `data` (see takeSecret).
            if (!data.isEmpty())
                sodium_memzero(const_cast<char *>(data.constData()), std::size_t(data.size()));
            if (finished->error() != QKeychain::NoError) {
                Error error = errorFromJob(Operation::Write, key, finished->error(), finished->errorString());
                logFailure(error);
                deliverStatus(guard, done, std::move(error));
                return;
            }
            deliverStatus(guard, done, Status());
        },
        [key, guard, done, timeout] {
            // The job may still run later (it can be queued behind a hung one); its data stays intact for it.
            Error error = timeoutError(Operation::Write, key, timeout);
            logFailure(error);
            deliverStatus(guard, done, std::move(error));
        });
}

void KeychainSecretStore::startRemove(const QString &key, QObject *context, WriteCallback done)
{
    auto *job = new QKeychain::DeletePasswordJob(serviceName());
    job->setKey(key);
    const QPointer<QObject> guard(context);
    const auto timeout = m_timeout;
    runJob(
        job,
        [key, guard, done](QKeychain::Job *finished) {
            // Removing an entry that does not exist succeeds (libsecret reports no error for it).
            if (finished->error() != QKeychain::NoError) {
                Error error = errorFromJob(Operation::Remove, key, finished->error(), finished->errorString());
                logFailure(error);
                deliverStatus(guard, done, std::move(error));
                return;
            }
            deliverStatus(guard, done, Status());
        },
        [key, guard, done, timeout] {
            Error error = timeoutError(Operation::Remove, key, timeout);
            logFailure(error);
            deliverStatus(guard, done, std::move(error));
        });
}

void KeychainSecretStore::runJob(QKeychain::Job *job, std::function<void(QKeychain::Job *)> onFinished,
                                 std::function<void()> onTimeout)
{
    // Jobs have no parent: a job whose backend call is still pending must not be deleted under it (libsecret's
    // callback holds a raw pointer to it). Finished jobs delete themselves.
    job->setAutoDelete(true);
    job->setInsecureFallback(false);

    auto *timer = new QTimer(this);
    timer->setSingleShot(true);
    timer->setInterval(m_timeout);
    auto settled = std::make_shared<bool>(false); // exactly one of the two handlers below wins

    connect(job, &QKeychain::Job::finished, this,
            [timer, settled, onFinished = std::move(onFinished)](QKeychain::Job *finished) {
                if (*settled) {
                    qCInfo(lcSecrets) << "late keychain answer ignored for" << finished->key();
                    return;
                }
                *settled = true;
                timer->stop();
                timer->deleteLater();
                onFinished(finished);
            });
    connect(timer, &QTimer::timeout, this, [timer, settled, onTimeout = std::move(onTimeout)] {
        if (*settled)
            return;
        *settled = true;
        timer->deleteLater();
        onTimeout();
    });

    timer->start();
    job->start();
}

} // namespace stackscope::secrets
