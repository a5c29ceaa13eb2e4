#pragma once

#include "notify/channelconfig.h"
#include "notify/channeltypes.h"
#include "notify/storegateway.h"
#include "util/result.h"

#include <QStringList>

#include <functional>
#include <optional>

class QObject;

namespace stackscope::secrets { class SecretStore; }

namespace stackscope::notify {

// Where a workspace keeps its channels' secrets, under ChannelConfig::secretKey(uuid, field): in a SecretStore
// (the OS keychain in the app and for keychain workspaces of stackscoped), or sealed in the workspace database
// for headless key-file workspaces (storage::SealedSecrets, reached through the store's thread). Never both,
// never in settings. Used by the dispatcher, `stackscoped channels` and the desktop channels dialog.
//
// Every callback runs on the thread of `context` and is dropped if `context` is destroyed first. A value object:
// the SecretStore (or the store behind the gateway) must outlive the calls.
class ChannelCredentials
{
public:
    enum class Backend { Keychain, Sealed };

    static ChannelCredentials keychain(secrets::SecretStore &store);
    static ChannelCredentials sealed(StoreGateway gateway);

    Backend backend() const { return m_sealed ? Backend::Sealed : Backend::Keychain; }

    // Reads the secret fields of the channel's type; a field that is not stored is simply not in the map
    // (validateSecrets says whether that matters). Any other failure (keychain unavailable, ...) ends the read.
    void load(const ChannelConfig &channel, QObject *context, std::function<void(Result<ChannelSecrets>)> done) const;
    // Writes the entries one after the other and stops at the first failure; `done` gets the outcome and the
    // fields written before it (so a caller can take them back).
    void store(const QString &uuid, ChannelSecrets secrets, QObject *context,
               std::function<void(Status, QStringList written)> done) const;
    // Removes the entries (missing ones are fine); the first failure is reported after trying all.
    void remove(const QString &uuid, const QStringList &fields, QObject *context, std::function<void(Status)> done) const;

private:
    ChannelCredentials(secrets::SecretStore *store, std::optional<StoreGateway> sealed)
        : m_store(store), m_sealed(std::move(sealed))
    {
    }

    secrets::SecretStore *m_store = nullptr;
    std::optional<StoreGateway> m_sealed;
};

// The UTF-8 bytes of `text` in secure memory (the temporary copy is wiped): for forms and command lines.
std::shared_ptr<const secrets::SecureBytes> secretFromText(const QString &text);

} // namespace stackscope::notify
