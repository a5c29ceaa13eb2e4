#include "cli/keyresolver.h"

#include "secrets/keychainsecretstore.h"
#include "secrets/keyfile.h"
#include "storage/workspace.h"

namespace stackscope::daemon {

KeyResolver::KeyResolver(QObject *parent) : QObject(parent) {}

void KeyResolver::resolveKey(const QString &workspaceDir, const QString &keyFile, KeyCallback done)
{
    if (!keyFile.isEmpty()) {
        done(secrets::readKeyFile(keyFile));
        return;
    }
    auto info = storage::Workspace::readInfo(workspaceDir);
    if (!info) {
        done(info.error());
        return;
    }
    auto *keychain = new secrets::KeychainSecretStore(this);
    keychain->read(storage::Workspace::keychainEntry(info.value()), this,
                   [keychain, done = std::move(done)](Result<secrets::SecureBytes> key) {
                       keychain->deleteLater();
                       if (!key && key.error().code == Error::Code::KeyMissing) {
                           Error error = key.error();
                           error.userMessage = QStringLiteral("The OS keychain has no key for this workspace. "
                                                              "Pass --key-file if it was created with one.");
                           done(error);
                           return;
                       }
                       done(std::move(key));
                   });
}

void KeyResolver::openWorkspace(const QString &workspaceDir, const QString &keyFile, StoreCallback done)
{
    resolveKey(workspaceDir, keyFile, [workspaceDir, done = std::move(done)](Result<secrets::SecureBytes> key) {
        if (!key) {
            done(key.error());
            return;
        }
        done(storage::Workspace::open(workspaceDir, key.value()));
    });
}

} // namespace stackscope::daemon
