#pragma once

#include "connector/pollscheduler.h"
#include "secrets/securebytes.h"
#include "util/result.h"

#include <QObject>
#include <QStringList>

#include <functional>
#include <map>
#include <memory>

namespace stackscope::storage {
class MetricStore;
}
namespace stackscope::secrets {
class KeychainSecretStore;
}

namespace stackscope::daemon {

using connector::CredentialMap;

// Where a workspace keeps connector credentials: sealed in its database when it is opened with a key file
// (headless), in the OS keychain when its key is there (desktop-style). Never both, never plain text.
class CredentialAccess : public QObject
{
    Q_OBJECT
public:
    enum class Backend { Sealed, Keychain };

    CredentialAccess(storage::MetricStore &store, Backend backend, QObject *parent = nullptr);
    Backend backend() const { return m_backend; }

    void store(const QString &uuid, std::map<QString, secrets::SecureBytes> secrets, std::function<void(Status)> done);
    // Reads the given fields; absent ones are simply not in the map.
    void load(const QString &uuid, const QStringList &fields, std::function<void(Result<CredentialMap>)> done);

private:
    secrets::KeychainSecretStore *keychain();

    storage::MetricStore &m_store;
    secrets::KeychainSecretStore *m_keychain = nullptr;
    Backend m_backend;
};

// Reads `@FILE` (or `@-` for standard input) as a secret, trimming one trailing newline. Literal values are
// refused: a secret on the command line ends up in shell history and in `ps`.
Result<secrets::SecureBytes> readSecretArgument(const QString &field, const QString &value);

} // namespace stackscope::daemon
