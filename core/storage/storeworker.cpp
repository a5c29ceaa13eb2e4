#include "storage/storeworker.h"

#include "util/logging.h"

#include <QTimer>

namespace stackscope::storage {

StoreWorker::StoreWorker(std::unique_ptr<MetricStore> store) : m_store(std::move(store)) {}

StoreWorker::~StoreWorker()
{
    if (!m_pending.isEmpty())
        drainIngest(); // never drop samples a caller handed us
}

void StoreWorker::run(const std::function<void(MetricStore &)> &job)
{
    // Writes queued before this job must be visible to it.
    if (!m_pending.isEmpty())
        drainIngest();
    job(*m_store);
}

void StoreWorker::queueIngest(SampleBatch batch, IngestDone done)
{
    m_pending += std::move(batch);
    m_pendingCallbacks.append(std::move(done));
    if (!m_drainScheduled) {
        m_drainScheduled = true;
        // Let other queued ingest calls arrive first, so they share the transaction.
        QMetaObject::invokeMethod(this, &StoreWorker::drainIngest, Qt::QueuedConnection);
    }
}

void StoreWorker::drainIngest()
{
    m_drainScheduled = false;
    if (m_pending.isEmpty())
        return;
    const SampleBatch batch = std::exchange(m_pending, {});
    const QList<IngestDone> callbacks = std::exchange(m_pendingCallbacks, {});
    const Result<IngestReport> report = m_store->ingest(batch);
    if (report)
        Q_EMIT samplesStored(report->inserted + report->replaced);
    else
        qCWarning(lcStore) << "ingest failed:" << report.error().userMessage << report.error().detail;
    for (const IngestDone &done : callbacks) {
        if (done)
            done(report);
    }
}

void StoreWorker::startMaintenanceTimer(int intervalMs)
{
    if (!m_maintenanceTimer) {
        m_maintenanceTimer = new QTimer(this);
        connect(m_maintenanceTimer, &QTimer::timeout, this, &StoreWorker::onMaintenanceDue);
    }
    m_maintenanceTimer->start(intervalMs);
}

void StoreWorker::onMaintenanceDue()
{
    run([](MetricStore &store) {
        auto report = store.maintain();
        if (!report)
            qCWarning(lcStore) << "maintenance failed:" << report.error().userMessage << report.error().detail;
    });
}

} // namespace stackscope::storage
