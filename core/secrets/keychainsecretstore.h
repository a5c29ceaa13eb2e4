#pragma once

#include "secrets/secretstore.h"

#include <QByteArray>
#include <QObject>
#include <QString>

#include <chrono>
#include <functional>

namespace QKeychain {
class Job;
}

namespace stackscope::secrets {

// SecretStore over the OS keychain through QtKeychain's asynchronous jobs (Secret Service via libsecret on
// Linux, Keychain on macOS, Credential Manager on Windows). All entries live under one service name,
// "Stackscope"; the plaintext fallback of QtKeychain is never enabled (style guide G.2).
//
// Threading: the store lives on the thread that created it (usually the GUI or main thread, which runs the
// event loop libsecret's callbacks need). Calls from other threads are forwarded to it. Each callback runs on
// the thread of its `context`, always later (queued), and is dropped if `context` was destroyed meanwhile; a
// store destroyed with jobs pending drops their callbacks too. Create every store on the same thread:
// QtKeychain's job queue is process-wide and not thread-aware.
//
// Outcomes: EntryNotFound -> KeyMissing; NoBackendAvailable, AccessDenied(ByUser) -> KeychainUnavailable;
// anything else -> Keychain, except that on Linux an OtherError is reported as KeychainUnavailable when the
// D-Bus session bus is unreachable or nothing owns org.freedesktop.secrets (QtKeychain's libsecret backend
// does not tell those cases apart itself). Removing an entry that does not exist succeeds.
//
// Timeout: a job that does not answer within timeout() (a keyring prompt with no display can hang forever)
// ends as Error::Code::KeychainUnavailable; a later answer of that job is ignored (so a write or remove that
// timed out may still take effect later). QtKeychain runs its jobs one at a time, so while a hung job is
// pending every later job also runs into the timeout. The hung job itself is not deleted (the libsecret
// callback still points at it); it deletes itself if it ever finishes.
class KeychainSecretStore final : public QObject, public SecretStore
{
    Q_OBJECT

public:
    static constexpr std::chrono::milliseconds defaultTimeout{std::chrono::seconds(20)};

    explicit KeychainSecretStore(QObject *parent = nullptr);
    ~KeychainSecretStore() override;

    static QString serviceName(); // "Stackscope"

    std::chrono::milliseconds timeout() const { return m_timeout; }
    void setTimeout(std::chrono::milliseconds timeout);

    void read(const QString &key, QObject *context, ReadCallback done) override;
    void write(const QString &key, const SecureBytes &secret, QObject *context, WriteCallback done) override;
    void remove(const QString &key, QObject *context, WriteCallback done) override;

private:
    void startRead(const QString &key, QObject *context, ReadCallback done);
    void startWrite(const QString &key, QByteArray data, QObject *context, WriteCallback done);
    void startRemove(const QString &key, QObject *context, WriteCallback done);

    // Starts `job`, arms the timeout and calls exactly one of onFinished/onTimeout, on this object's thread.
    void runJob(QKeychain::Job *job, std::function<void(QKeychain::Job *)> onFinished,
                std::function<void()> onTimeout);

    std::chrono::milliseconds m_timeout = defaultTimeout;
};

} // namespace stackscope::secrets
