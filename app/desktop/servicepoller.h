#pragma once

#include <QObject>

#include <memory>

namespace stackscope::connector {
class ConnectorRegistry;
class PollingEngine;
}
namespace stackscope::secrets {
class SecretStore;
}
namespace stackscope::storage {
class StoreService;
}

namespace stackscope::app {

// Keeps the desktop app polling the workspace's services: reads the enabled services (store thread) and their
// credentials (keychain), and hands them to a PollingEngine, which polls on its own network thread (N1).
// reload() after any change to the services or their credentials.
class ServicePoller : public QObject
{
    Q_OBJECT
public:
    ServicePoller(storage::StoreService &store, secrets::SecretStore &secrets,
                  const connector::ConnectorRegistry &registry, QObject *parent = nullptr);
    ~ServicePoller() override;

    void reload();
    void pollNow();

Q_SIGNALS:
    void samplesStored();

private:
    storage::StoreService &m_store;
    secrets::SecretStore &m_secrets;
    const connector::ConnectorRegistry &m_registry;
    std::unique_ptr<connector::PollingEngine> m_engine;
    quint64 m_generation = 0; // a newer reload() supersedes one still reading credentials
};

} // namespace stackscope::app
