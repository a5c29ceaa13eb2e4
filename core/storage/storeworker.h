#pragma once

#include "storage/metricstore.h"

#include <QObject>

#include <functional>
#include <memory>

class QTimer;

namespace stackscope::storage {

// Lives on the store thread and owns the MetricStore. Jobs run one at a time in queue order; ingest jobs that
// are queued together are drained into one transaction (one commit per drained batch, qBittorrent-style).
class StoreWorker : public QObject
{
    Q_OBJECT
public:
    using IngestDone = std::function<void(Result<IngestReport>)>;

    explicit StoreWorker(std::unique_ptr<MetricStore> store);
    ~StoreWorker() override;

    // Store-thread only.
    void run(const std::function<void(MetricStore &)> &job);
    void queueIngest(SampleBatch batch, IngestDone done);
    void startMaintenanceTimer(int intervalMs);

Q_SIGNALS:
    void samplesStored(qint64 count);

private:
    void drainIngest();
    void onMaintenanceDue();

    std::unique_ptr<MetricStore> m_store;
    SampleBatch m_pending;
    QList<IngestDone> m_pendingCallbacks;
    bool m_drainScheduled = false;
    QTimer *m_maintenanceTimer = nullptr;
};

} // namespace stackscope::storage
