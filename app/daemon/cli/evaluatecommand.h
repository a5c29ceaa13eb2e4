#pragma once

#include "cli/command.h"
#include "cli/keyresolver.h"

#include <QTimer>

#include <memory>

namespace stackscope::alerts { class AlertEngine; }
namespace stackscope::notify {
class ChannelCredentials;
class OutboxDispatcher;
}
namespace stackscope::secrets { class KeychainSecretStore; }
namespace stackscope::storage {
class MetricStore;
class StoreService;
}

namespace stackscope::daemon {

// `stackscoped evaluate [--once] [--interval DURATION]`: evaluates the alert rules and built-in checks and
// delivers the notifications they cause, once or until SIGINT/SIGTERM.
class EvaluateCommand final : public Command
{
public:
    EvaluateCommand();
    ~EvaluateCommand() override;

protected:
    void addOptions(QCommandLineParser &parser) override;
    void run() override;

private:
    void runOnce(storage::MetricStore &store);
    void runContinuously(std::unique_ptr<storage::MetricStore> store, qint64 intervalMs);
    void stop();

    KeyResolver m_keys;
    std::unique_ptr<storage::MetricStore> m_openStore;
    std::unique_ptr<secrets::KeychainSecretStore> m_keychain;
    std::unique_ptr<notify::ChannelCredentials> m_credentials;
    // Declared before what uses it, so it is destroyed last (and commits what they queued).
    std::unique_ptr<storage::StoreService> m_service;
    std::unique_ptr<alerts::AlertEngine> m_engine;
    std::unique_ptr<notify::OutboxDispatcher> m_dispatcher;
    QTimer m_signalWatch;
};

} // namespace stackscope::daemon
