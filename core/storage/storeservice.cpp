#include "storage/storeservice.h"

#include "storage/storeworker.h"

#include <QPointer>
#include <QThread>

namespace stackscope::storage {

namespace {

// Delivers `result` to `done` through `relay` (the StoreService, on its own thread), unless `context` is gone by
// then. The QPointer is only read on the relay's thread, never on the store thread, so callers' contexts must
// live on the thread that owns the StoreService.
template<typename T>
void deliver(QObject *relay, const QPointer<QObject> &context, const std::function<void(Result<T>)> &done,
             Result<T> result)
{
    if (!done)
        return;
    QMetaObject::invokeMethod(
        relay,
        [context, done, result = std::move(result)]() mutable {
            if (context)
                done(std::move(result));
        },
        Qt::QueuedConnection);
}

} // namespace

StoreService::StoreService(std::unique_ptr<MetricStore> store, QObject *parent)
    : QObject(parent), m_thread(new QThread), m_worker(new StoreWorker(std::move(store)))
{
    m_thread->setObjectName(QStringLiteral("stackscope-store"));
    m_worker->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &StoreWorker::samplesStored, this, &StoreService::samplesStored);
    m_thread->start();
    QMetaObject::invokeMethod(m_worker, [worker = m_worker] { worker->startMaintenanceTimer(kMaintenanceIntervalMs); });
}

StoreService::~StoreService()
{
    // quit() is queued behind every job already submitted, so they all run (and every queued sample is
    // committed) before the thread stops; the worker is then deleted on its own thread via deleteLater.
    QMetaObject::invokeMethod(m_worker, [thread = m_thread] { thread->quit(); });
    m_thread->wait();
    delete m_thread;
}

template<typename T>
void StoreService::submit(std::function<Result<T>(MetricStore &)> job, QObject *context, Callback<T> done)
{
    QPointer<QObject> guard(context);
    QMetaObject::invokeMethod(m_worker, [this, worker = m_worker, job = std::move(job), guard, done = std::move(done)] {
        worker->run([&](MetricStore &store) { deliver<T>(this, guard, done, job(store)); });
    });
}

void StoreService::ingest(SampleBatch batch, QObject *context, Callback<IngestReport> done)
{
    QPointer<QObject> guard(context);
    QMetaObject::invokeMethod(m_worker, [this, worker = m_worker, batch = std::move(batch), guard,
                                         done = std::move(done)]() mutable {
        worker->queueIngest(std::move(batch), [this, guard, done](Result<IngestReport> report) {
            deliver<IngestReport>(this, guard, done, std::move(report));
        });
    });
}

void StoreService::query(QueryRequest request, QObject *context, Callback<QueryResult> done)
{
    submit<QueryResult>([request = std::move(request)](MetricStore &store) { return store.query(request); }, context,
                        std::move(done));
}

void StoreService::listSeries(QString metricFilter, QObject *context, Callback<QList<SeriesInfo>> done)
{
    submit<QList<SeriesInfo>>([filter = std::move(metricFilter)](MetricStore &store) { return store.listSeries(filter); },
                              context, std::move(done));
}

void StoreService::stats(QObject *context, Callback<StoreStats> done)
{
    submit<StoreStats>([](MetricStore &store) { return store.stats(); }, context, std::move(done));
}

void StoreService::maintain(QObject *context, Callback<MaintenanceReport> done)
{
    submit<MaintenanceReport>([](MetricStore &store) { return store.maintain(); }, context, std::move(done));
}

} // namespace stackscope::storage

namespace stackscope::storage {

void StoreService::run(std::function<void(MetricStore &)> job)
{
    QMetaObject::invokeMethod(m_worker, [worker = m_worker, job = std::move(job)] { worker->run(job); });
}

} // namespace stackscope::storage
