#include "alerts/alertengine.h"

#include "alerts/cycleapply.h"
#include "alerts/cycleinput.h"
#include "alerts/cycleplan.h"
#include "storage/storeservice.h"
#include "util/clock.h"
#include "util/logging.h"

#include <QThread>
#include <QTimer>

#include <atomic>
#include <functional>
#include <mutex>

namespace stackscope::alerts {

// The way back from store jobs to the worker. Store jobs hold only this (never the engine), and the engine
// closes it before stopping its thread, so a job that finishes late finds it closed and posts nothing.
struct AlertEngine::Gate
{
    std::mutex mutex;
    Worker *worker = nullptr;

    void post(std::function<void(Worker &)> step);
    void close()
    {
        std::lock_guard lock(mutex);
        worker = nullptr;
    }
};

// Lives on the engine's thread: the timer, the cycle in flight, and the pure evaluation work.
class AlertEngine::Worker : public QObject
{
public:
    Worker(storage::StoreService &store, const Clock &clock, CycleSettings settings, AlertEngine *engine,
           std::shared_ptr<Gate> gate)
        : m_store(store), m_clock(clock), m_settings(std::move(settings)), m_engine(engine), m_gate(std::move(gate)),
          m_timer(this)
    {
        m_timer.setInterval(kDefaultIntervalMs);
        connect(&m_timer, &QTimer::timeout, this, &Worker::startCycle);
    }

    void setInterval(int intervalMs) { m_timer.setInterval(std::max(1000, intervalMs)); }
    void start()
    {
        m_timer.start();
        startCycle();
    }
    void stop() { m_timer.stop(); }
    void stopForGood()
    {
        m_stopped = true;
        m_timer.stop();
    }

    void startCycle()
    {
        if (m_stopped)
            return;
        if (m_busy) {
            m_again = true;
            return;
        }
        m_busy = true;
        const qint64 nowMs = m_clock.nowMs();
        m_store.run([gate = m_gate, nowMs, settings = m_settings](storage::MetricStore &store) {
            auto input = gatherCycleInput(store, nowMs, settings);
            gate->post([input = std::move(input)](Worker &worker) { worker.plan(input); });
        });
    }

private:
    void plan(const Result<CycleInput> &input)
    {
        if (m_stopped)
            return;
        if (!input) {
            finish(input.error());
            return;
        }
        CyclePlan plan = planCycle(input.value(), m_settings);
        m_store.run([gate = m_gate, plan = std::move(plan)](storage::MetricStore &store) {
            auto report = applyCyclePlan(store, plan);
            gate->post([report = std::move(report)](Worker &worker) { worker.finish(report); });
        });
    }

    void finish(const Result<CycleReport> &report)
    {
        m_busy = false;
        if (m_stopped)
            return;
        QMetaObject::invokeMethod(m_engine, [engine = m_engine, report] { engine->deliver(report); });
        if (m_again) {
            m_again = false;
            startCycle();
        }
    }

    storage::StoreService &m_store;
    const Clock &m_clock;
    const CycleSettings m_settings;
    AlertEngine *m_engine;
    std::shared_ptr<Gate> m_gate;
    QTimer m_timer;
    bool m_busy = false;
    bool m_again = false;
    bool m_stopped = false;
};

void AlertEngine::Gate::post(std::function<void(Worker &)> step)
{
    std::lock_guard lock(mutex);
    if (!worker)
        return;
    QMetaObject::invokeMethod(worker, [worker = worker, step = std::move(step)] { step(*worker); }, Qt::QueuedConnection);
}

AlertEngine::AlertEngine(storage::StoreService &store, const Clock &clock, CycleSettings settings, QObject *parent)
    : QObject(parent), m_thread(new QThread), m_gate(std::make_shared<Gate>())
{
    qRegisterMetaType<CycleReport>();
    m_worker = new Worker(store, clock, std::move(settings), this, m_gate);
    m_gate->worker = m_worker;
    m_thread->setObjectName(QStringLiteral("stackscope-alerts"));
    m_worker->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread->start();
}

AlertEngine::~AlertEngine()
{
    // Close the way back first: a store job finishing from now on posts nothing. Then stop the worker on its
    // thread (no new store jobs after that) and the thread itself; events still queued to the worker are
    // dropped with it.
    m_gate->close();
    QMetaObject::invokeMethod(m_worker, [worker = m_worker, thread = m_thread] {
        worker->stopForGood();
        thread->quit();
    });
    m_thread->wait();
    delete m_thread;
}

void AlertEngine::setInterval(int intervalMs)
{
    QMetaObject::invokeMethod(m_worker, [worker = m_worker, intervalMs] { worker->setInterval(intervalMs); });
}

void AlertEngine::start()
{
    QMetaObject::invokeMethod(m_worker, [worker = m_worker] { worker->start(); });
}

void AlertEngine::stop()
{
    QMetaObject::invokeMethod(m_worker, [worker = m_worker] { worker->stop(); });
}

void AlertEngine::evaluateNow()
{
    QMetaObject::invokeMethod(m_worker, [worker = m_worker] { worker->startCycle(); });
}

void AlertEngine::deliver(const Result<CycleReport> &report)
{
    if (!report) {
        qCWarning(lcAlerts) << "alert cycle failed:" << report.error().userMessage << report.error().detail;
        Q_EMIT cycleFailed(report.error().userMessage);
        return;
    }
    for (const RuleProblem &problem : report->problems)
        qCInfo(lcAlerts) << "rule" << problem.ruleName << "was not evaluated:" << problem.message;
    Q_EMIT cycleFinished(report.value());
    if (report->changedAlerts())
        Q_EMIT alertsChanged();
    if (report->notificationsQueued > 0)
        Q_EMIT notificationsQueued(report->notificationsQueued);
}

} // namespace stackscope::alerts
