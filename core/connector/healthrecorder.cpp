#include "connector/healthrecorder.h"

#include "storage/metricstore.h"
#include "storage/storeservice.h"
#include "util/logging.h"

namespace stackscope::connector {

HealthRecorder::HealthRecorder(storage::StoreService &store, QObject *parent) : QObject(parent), m_store(store)
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(kCoalesceMs);
    connect(&m_timer, &QTimer::timeout, this, &HealthRecorder::flush);
}

HealthRecorder::~HealthRecorder()
{
    flush();
}

void HealthRecorder::record(qint64 serviceId, const ServiceHealth &health, const QJsonObject &cursor)
{
    m_pending.insert(serviceId, {serviceId, health, cursor}); // only the newest state of a service matters
    if (!m_timer.isActive())
        m_timer.start();
}

void HealthRecorder::flush()
{
    m_timer.stop();
    if (m_pending.isEmpty())
        return;
    QList<storage::ServiceRepository::HealthUpdate> updates = m_pending.values();
    m_pending.clear();
    m_store.run([updates = std::move(updates)](storage::MetricStore &store) {
        if (Status st = store.services().saveHealth(updates); !st)
            qCWarning(lcSched) << "saving service health failed:" << st.error().userMessage << st.error().detail;
    });
}

} // namespace stackscope::connector
