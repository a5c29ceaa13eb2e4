#pragma once

#include "connector/pollscheduler.h"

#include <QObject>

#include <memory>

class QThread;

namespace stackscope::storage {
class StoreService;
}

namespace stackscope::connector {

class ConnectorRegistry;

// Runs a PollScheduler and its HttpClient on a network thread of their own (F4, N1), feeding what they fetch
// into the StoreService and saving each service's health there. The desktop app and a long-running daemon use
// it; `stackscoped poll` drives a scheduler on its main thread instead. Only immutable values cross threads.
class PollingEngine : public QObject
{
    Q_OBJECT
public:
    PollingEngine(const ConnectorRegistry &registry, storage::StoreService &store, const Clock &clock,
                  QObject *parent = nullptr);
    ~PollingEngine() override; // stops the network thread; fetches in flight are abandoned, stored data kept

    // Replaces the polled services (credentials included) and starts or continues timer-driven polling.
    void setServices(QList<ScheduledService> services);
    // Polls one service (or all) now, e.g. after the user pressed "refresh now".
    void pollNow(std::optional<qint64> serviceId = std::nullopt);

Q_SIGNALS:
    // On the engine's (the caller's) thread.
    void healthChanged(qint64 serviceId, const stackscope::ServiceHealth &health);
    void samplesStored(qint64 serviceId, qint64 count);

private:
    class Worker;
    QThread *m_thread = nullptr;
    Worker *m_worker = nullptr;
};

} // namespace stackscope::connector
