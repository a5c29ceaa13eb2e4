#pragma once

#include "cli/command.h"
#include "cli/keyresolver.h"

#include <memory>
#include <optional>

namespace stackscope::secrets { class KeychainSecretStore; }
namespace stackscope::storage { class MetricStore; }
namespace stackscope::notify { class ChannelCredentials; }

namespace stackscope::daemon {

// `stackscoped channels add|list|test|remove|outbox`: where notifications go (A3), and what waits in the outbox
// (A6). Secrets only from files, kept where the workspace keeps credentials; never printed.
class ChannelsCommand final : public Command
{
public:
    ChannelsCommand();
    ~ChannelsCommand() override;

protected:
    void addOptions(QCommandLineParser &parser) override;
    void run() override;
    bool takesPositionalArguments() const override { return true; }

private:
    void add(storage::MetricStore &store);
    void list(storage::MetricStore &store);
    void test(storage::MetricStore &store, const QString &which);
    void remove(storage::MetricStore &store, const QString &which);
    void outbox(storage::MetricStore &store);

    KeyResolver m_keys;
    std::unique_ptr<storage::MetricStore> m_store;
    std::unique_ptr<secrets::KeychainSecretStore> m_keychain;
    std::unique_ptr<notify::ChannelCredentials> m_credentials;
};

} // namespace stackscope::daemon
