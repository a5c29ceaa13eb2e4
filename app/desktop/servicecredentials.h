#pragma once

#include "connector/servicesession.h"
#include "util/result.h"

#include <QString>
#include <QStringList>

#include <functional>

class QObject;

namespace stackscope::secrets {
class SecretStore;
class SecureBytes;
}

namespace stackscope::app {

// A service's credentials in the secret store (the OS keychain in the app), under
// ServiceConfig::credentialKey(uuid, field). Every callback runs on the thread of `context` and is dropped if
// `context` is destroyed first.

// Writes the entries one after the other and stops at the first failure; `done` gets the outcome and the
// fields written before it (so that a caller can take them back).
void storeCredentials(secrets::SecretStore &store, const QString &uuid, connector::CredentialMap credentials,
                      QObject *context, std::function<void(Status, QStringList written)> done);

// Reads `fields`; an entry that does not exist is left out of the map, any other failure ends the read.
void loadCredentials(secrets::SecretStore &store, const QString &uuid, QStringList fields, QObject *context,
                     std::function<void(Result<connector::CredentialMap>)> done);

// Removes the entries, best effort (a rollback has nothing better to do with a failure than log it).
void removeCredentials(secrets::SecretStore &store, const QString &uuid, QStringList fields, QObject *context,
                       std::function<void()> done = {});

// The UTF-8 bytes of `text` in secure memory; the temporary copy is wiped.
secrets::SecureBytes secureFromText(const QString &text);

} // namespace stackscope::app
