#pragma once

#include "cli/command.h"
#include "cli/keyresolver.h"
#include "model/serviceconfig.h"

#include <QHash>
#include <QTimer>

#include <memory>

namespace stackscope::alerts {
class AlertEngine;
}
namespace stackscope::notify {
class ChannelCredentials;
class OutboxDispatcher;
}
namespace stackscope::secrets {
class KeychainSecretStore;
}
namespace stackscope::connector {
class HealthRecorder;
class PollScheduler;
}
namespace stackscope::net {
class HttpClient;
}
namespace stackscope::storage {
class StoreService;
}

namespace stackscope::daemon {

class CredentialAccess;

// `stackscoped poll [--once] [--service ID]`: the scheduler in the foreground, writing samples to the store.
// Without --once it runs until SIGINT/SIGTERM, then commits what it has and exits 0.
class PollCommand final : public Command
{
public:
    PollCommand();
    ~PollCommand() override;

protected:
    void addOptions(QCommandLineParser &parser) override;
    void run() override;

private:
    void startPolling(std::unique_ptr<storage::MetricStore> store, QList<ServiceConfig> services);
    void onceCycleFinished();
    void finishOnce();

    // With --once, a fetch stopped by its request budget is resumed if it may go on within this long.
    static constexpr qint64 kMaxOnceResumeWaitMs = 60'000;
    void stop();
    // Alerts are evaluated after every round (--once) or on every finished round and the engine's own timer.
    void channelCredentials();
    void evaluateAlertsOnce();
    void startAlerting();

    KeyResolver m_keys;
    std::unique_ptr<storage::MetricStore> m_openStore; // until the store thread takes it
    std::unique_ptr<CredentialAccess> m_credentials;
    // Declared before what feeds it, so it is destroyed last (and drains what they queued).
    std::unique_ptr<storage::StoreService> m_store;
    std::unique_ptr<net::HttpClient> m_http;
    std::unique_ptr<connector::HealthRecorder> m_health;
    std::unique_ptr<connector::PollScheduler> m_scheduler;
    std::unique_ptr<secrets::KeychainSecretStore> m_keychain;
    std::unique_ptr<notify::ChannelCredentials> m_channelCredentials;
    std::unique_ptr<notify::OutboxDispatcher> m_dispatcher;
    std::unique_ptr<alerts::AlertEngine> m_alerts;
    QHash<qint64, qint64> m_samplesPerService;
    QTimer m_signalWatch;
};

} // namespace stackscope::daemon
