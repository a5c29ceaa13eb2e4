#pragma once

#include "storage/servicerepository.h"

#include <QHash>
#include <QObject>
#include <QTimer>

namespace stackscope::storage {
class StoreService;
}

namespace stackscope::connector {

// Saves services' health to the store, coalesced: the updates of a burst of runs (a poll cycle) go into one
// store job and one transaction instead of one each, so they neither force a commit (and fsync) per service
// nor split the ingest batches queued around them. Lives on the scheduler's thread.
class HealthRecorder : public QObject
{
    Q_OBJECT
public:
    static constexpr int kCoalesceMs = 500;

    explicit HealthRecorder(storage::StoreService &store, QObject *parent = nullptr);
    ~HealthRecorder() override; // flushes

    void record(qint64 serviceId, const ServiceHealth &health, const QJsonObject &cursor);
    void flush();

private:
    storage::StoreService &m_store;
    QHash<qint64, storage::ServiceRepository::HealthUpdate> m_pending;
    QTimer m_timer;
};

} // namespace stackscope::connector
