#include "decimationworker.h"

#include <QFuture>
#include <QFutureWatcher>
#include <QPromise>
#include <QThreadPool>

#include <atomic>

namespace stackscope::charts {

// State shared with the pool threads: they only read the newest generation, to skip jobs that went stale while
// they waited in the queue. Everything else stays on the worker's thread.
struct DecimationWorker::Shared
{
    std::atomic<quint64> latest{0};
};

namespace {

// Decimation gets its own small pool so a burst of chart updates never queues behind other work in the global
// pool (or delays it). Two threads: the machine's cores are shared with the store thread and the connectors.
QThreadPool *chartsPool()
{
    static QThreadPool *pool = [] {
        auto *p = new QThreadPool;
        p->setMaxThreadCount(std::max(1, std::min(2, QThread::idealThreadCount())));
        p->setExpiryTimeout(30'000);
        return p;
    }();
    return pool;
}

} // namespace

DecimationWorker::DecimationWorker(QObject *parent)
    : QObject(parent)
    , m_shared(std::make_shared<Shared>())
{
}

DecimationWorker::~DecimationWorker()
{
    // Running jobs finish on their own (they own their input); their watchers die with this object, so nothing is
    // delivered. Marking everything stale lets queued ones skip their work.
    m_shared->latest.store(~quint64(0));
}

quint64 DecimationWorker::submit(Job job)
{
    const quint64 generation = ++m_generation;
    m_shared->latest.store(generation);

    auto promise = std::make_shared<QPromise<DecimatedChart>>();
    auto *watcher = new QFutureWatcher<DecimatedChart>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        const QFuture<DecimatedChart> future = watcher->future();
        if (generation != m_generation || future.isCanceled() || future.resultCount() == 0) {
            ++m_dropped;
            if (generation == m_generation)
                m_newestPending = false;
            return;
        }
        m_newestPending = false;
        Q_EMIT finished(generation, future.result());
    });
    watcher->setFuture(promise->future());
    m_newestPending = true;

    std::shared_ptr<Shared> shared = m_shared;
    chartsPool()->start([promise, shared, generation, job = std::move(job)] {
        promise->start();
        if (shared->latest.load() == generation)
            promise->addResult(job());
        else
            promise->future().cancel(); // overtaken before it started: skip the work
        promise->finish();
    });
    return generation;
}

DecimatedChart DecimationWorker::runInline(const Job &job)
{
    ++m_generation;
    m_shared->latest.store(m_generation);
    m_newestPending = false;
    return job();
}

} // namespace stackscope::charts
