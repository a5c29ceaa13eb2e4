#pragma once

#include "alerts/cyclesettings.h"
#include "notify/channelcredentials.h"

#include <QList>
#include <QObject>

#include <memory>

namespace stackscope {
class Clock;
}
namespace stackscope::storage { class StoreService; }
namespace stackscope::secrets { class SecretStore; }
namespace stackscope::alerts { class AlertEngine; }
namespace stackscope::notify { class OutboxDispatcher; }

namespace stackscope::app {

// Alerting for one open workspace in the desktop app: owns the alert engine (evaluates rules on its timer) and
// the outbox dispatcher (delivers notifications), wires one to the other, and tells the window what changed
// (the alerts panel refreshes, the tray and the navigation badge show the unhandled counts, a clicked desktop
// notification opens its alert).
//
// Demo workspaces: the host seeds demo rules and a history of alerts (seedDemoAlerts) and runs the engine on the
// simulated data without built-in alerts (demo services are never polled, so "polling failing" would be noise);
// it creates no dispatcher, so nothing is delivered anywhere, and the channels dialog refuses new channels.
//
// Lifetime: destroy the host before the StoreService (the engine's last store job must find the store).
class AlertingHost : public QObject
{
    Q_OBJECT

public:
    // `store`, `keychain` and `clock` must outlive the host. `keychain` holds the channels' secrets.
    AlertingHost(storage::StoreService *store, secrets::SecretStore *keychain, const Clock &clock, bool demo,
                 QObject *parent = nullptr);
    ~AlertingHost() override;

    // Demo: seeds first. Then the engine's first cycle, the dispatcher's first look at the outbox, the counts.
    void start();
    void evaluateNow();
    // People acted on alerts (the panel): the counts and the other views refresh.
    void noteAlertsChangedByUser();
    void refreshCounts();

    bool isDemo() const { return m_demo; }
    storage::StoreService *store() const { return m_store; }
    secrets::SecretStore *keychain() const { return m_keychain; }
    const Clock &clock() const { return m_clock; }
    notify::ChannelCredentials credentials() const;
    alerts::AlertEngine *engine() const { return m_engine.get(); }
    notify::OutboxDispatcher *dispatcher() const { return m_dispatcher.get(); } // null in demo workspaces
    // Unhandled (open or reopened) alerts: [info, warning, critical]; zeros until the first count.
    QList<qint64> unhandledCounts() const { return m_counts; }

Q_SIGNALS:
    void started();                               // after the demo seed, when the engine runs
    void alertsChanged();
    void unhandledCountsChanged(qint64 info, qint64 warning, qint64 critical);
    void cycleFinished(const stackscope::alerts::CycleReport &report);
    void cycleFailed(const QString &message);
    void deliveryFailed(qint64 outboxId, const QString &error, bool willRetry);
    void deliveryChanged();                       // delivered or failed: the outbox views refresh
    void alertActivated(qint64 alertId);          // a desktop notification was clicked (0: open the panel)

private:
    void startEngine();

    storage::StoreService *m_store;
    secrets::SecretStore *m_keychain;
    const Clock &m_clock;
    bool m_demo;
    std::unique_ptr<alerts::AlertEngine> m_engine;
    std::unique_ptr<notify::OutboxDispatcher> m_dispatcher;
    QList<qint64> m_counts{0, 0, 0};
    bool m_countsKnown = false;
};

} // namespace stackscope::app
