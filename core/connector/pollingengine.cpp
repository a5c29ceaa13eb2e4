#include "connector/pollingengine.h"

#include "connector/connectorregistry.h"
#include "connector/healthrecorder.h"
#include "net/httpclient.h"
#include "storage/metricstore.h"
#include "storage/servicerepository.h"
#include "storage/storeservice.h"

#include <QPointer>
#include <QThread>

namespace stackscope::connector {

// Lives on the network thread: owns the HttpClient and the scheduler there.
class PollingEngine::Worker : public QObject
{
public:
    Worker(const ConnectorRegistry &registry, storage::StoreService &store, const Clock &clock, PollingEngine *engine)
        : m_registry(registry), m_store(store), m_clock(clock), m_engine(engine)
    {
    }

    void setUp()
    {
        m_http = std::make_unique<net::HttpClient>();
        m_health = std::make_unique<HealthRecorder>(m_store);
        m_scheduler = std::make_unique<PollScheduler>(m_registry, *m_http, m_clock);
        connect(m_scheduler.get(), &PollScheduler::samplesFetched, this,
                [this](qint64 serviceId, const SampleBatch &samples) {
                    const qint64 count = samples.size();
                    m_store.ingest(samples); // queued to the store thread
                    QPointer<PollingEngine> engine(m_engine);
                    QMetaObject::invokeMethod(m_engine, [engine, serviceId, count] {
                        if (engine)
                            Q_EMIT engine->samplesStored(serviceId, count);
                    });
                });
        connect(m_scheduler.get(), &PollScheduler::healthChanged, this,
                [this](qint64 serviceId, const ServiceHealth &health, const QJsonObject &cursor) {
                    m_health->record(serviceId, health, cursor);
                    QMetaObject::invokeMethod(m_engine, [engine = m_engine, serviceId, health] {
                        Q_EMIT engine->healthChanged(serviceId, health);
                    });
                });
    }

    void tearDown()
    {
        m_scheduler.reset();
        m_health.reset(); // flushes what is still pending
        m_http.reset();
    }

    PollScheduler *scheduler() { return m_scheduler.get(); }

private:
    const ConnectorRegistry &m_registry;
    storage::StoreService &m_store;
    const Clock &m_clock;
    PollingEngine *m_engine;
    std::unique_ptr<net::HttpClient> m_http;
    std::unique_ptr<HealthRecorder> m_health;
    std::unique_ptr<PollScheduler> m_scheduler;
};

PollingEngine::PollingEngine(const ConnectorRegistry &registry, storage::StoreService &store, const Clock &clock,
                             QObject *parent)
    : QObject(parent), m_thread(new QThread), m_worker(new Worker(registry, store, clock, this))
{
    m_thread->setObjectName(QStringLiteral("stackscope-net"));
    m_worker->moveToThread(m_thread);
    m_thread->start();
    QMetaObject::invokeMethod(m_worker, [worker = m_worker] { worker->setUp(); });
}

PollingEngine::~PollingEngine()
{
    // Tear down on the network thread (its QNetworkAccessManager lives there), then stop it. Signals the worker
    // queued to us before this point are dropped with this object.
    QMetaObject::invokeMethod(m_worker, [worker = m_worker, thread = m_thread] {
        worker->tearDown();
        thread->quit();
    });
    m_thread->wait();
    delete m_worker;
    delete m_thread;
}

void PollingEngine::setServices(QList<ScheduledService> services)
{
    QMetaObject::invokeMethod(m_worker, [worker = m_worker, services = std::move(services)]() mutable {
        worker->scheduler()->setServices(std::move(services));
        worker->scheduler()->start();
    });
}

void PollingEngine::pollNow(std::optional<qint64> serviceId)
{
    QMetaObject::invokeMethod(m_worker, [worker = m_worker, serviceId] { worker->scheduler()->runNow(serviceId); });
}

} // namespace stackscope::connector
