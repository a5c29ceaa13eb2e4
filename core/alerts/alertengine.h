#pragma once

#include "alerts/cyclesettings.h"

#include <QObject>

#include <memory>

class QThread;

namespace stackscope {
class Clock;
}
namespace stackscope::storage {
class StoreService;
}

namespace stackscope::alerts {

// Evaluates alerts on a timer of its own (A6, issue #6 item 3), in the desktop app and a long-running daemon.
// Each cycle: gather on the store thread (StoreService::run), evaluate + lifecycle + noise control on the
// engine's own thread, then write everything in one transaction on the store thread. Cycles never overlap; an
// evaluateNow() during a cycle runs one more right after it. Signals arrive on the engine's (owner's) thread.
//
// Lifetime: destroy the engine before the StoreService. The destructor stops the engine's thread; a store job
// of the last cycle that is already queued still completes (it holds no reference to the engine), so the store
// is never left half-written, and nothing is started after destruction begins.
class AlertEngine : public QObject
{
    Q_OBJECT
public:
    static constexpr int kDefaultIntervalMs = 60 * 1000;

    AlertEngine(storage::StoreService &store, const Clock &clock, CycleSettings settings = {}, QObject *parent = nullptr);
    ~AlertEngine() override;

    void setInterval(int intervalMs);
    // Timer-driven cycles, the first one at once.
    void start();
    void stop();
    // One cycle as soon as possible (after the current one, if one is running).
    void evaluateNow();

Q_SIGNALS:
    void cycleFinished(const stackscope::alerts::CycleReport &report);
    void cycleFailed(const QString &message);
    // An alert was opened, reopened or resolved by the engine: panels and the tray refresh.
    void alertsChanged();
    // Outbox rows were written: the dispatcher has work.
    void notificationsQueued(int count);

private:
    class Worker;
    struct Gate;
    void deliver(const Result<CycleReport> &report);

    QThread *m_thread = nullptr;
    Worker *m_worker = nullptr;
    std::shared_ptr<Gate> m_gate;
};

} // namespace stackscope::alerts

Q_DECLARE_METATYPE(stackscope::alerts::CycleReport)
