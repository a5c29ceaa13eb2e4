#include "servicepoller.h"

#include "servicecredentials.h"
#include "storejob.h"
#include "uilogging.h"

#include "connector/connectorregistry.h"
#include "connector/pollingengine.h"
#include "storage/servicerepository.h"
#include "util/clock.h"

namespace stackscope::app {

ServicePoller::ServicePoller(storage::StoreService &store, secrets::SecretStore &secrets,
                             const connector::ConnectorRegistry &registry, QObject *parent)
    : QObject(parent), m_store(store), m_secrets(secrets), m_registry(registry),
      m_engine(std::make_unique<connector::PollingEngine>(registry, store, Clock::system()))
{
    connect(m_engine.get(), &connector::PollingEngine::samplesStored, this, &ServicePoller::samplesStored);
}

ServicePoller::~ServicePoller() = default;

void ServicePoller::pollNow()
{
    m_engine->pollNow();
}

void ServicePoller::reload()
{
    const quint64 generation = ++m_generation;
    using Scheduled = QList<connector::ScheduledService>;
    runStoreJob<Scheduled>(
        m_store, this,
        [](storage::MetricStore &store) -> Result<Scheduled> {
            auto services = store.services().list();
            if (!services)
                return services.error();
            Scheduled scheduled;
            for (const ServiceConfig &config : services.value()) {
                if (!config.enabled)
                    continue;
                connector::ScheduledService service;
                service.config = config;
                if (auto health = store.services().health(config.id))
                    service.health = health.value();
                scheduled.append(service);
            }
            return scheduled;
        },
        [this, generation](Result<Scheduled> result) {
            if (!result) {
                qCWarning(lcUi) << "cannot read the services to poll:" << result.error().userMessage;
                return;
            }
            // Credentials one service after the other; the engine gets the whole set at once.
            auto pending = std::make_shared<Scheduled>(std::move(result).value());
            auto ready = std::make_shared<Scheduled>();
            auto step = std::make_shared<std::function<void()>>();
            std::weak_ptr<std::function<void()>> weakStep = step;
            *step = [this, generation, pending, ready, weakStep]() {
                if (generation != m_generation)
                    return; // superseded
                if (pending->isEmpty()) {
                    m_engine->setServices(*ready);
                    return;
                }
                connector::ScheduledService service = pending->takeFirst();
                QStringList fields;
                if (const connector::ConnectorInfo *info = m_registry.info(service.config.type)) {
                    for (const connector::FieldSpec &field : info->credentials)
                        fields.append(field.key);
                }
                loadCredentials(m_secrets, service.config.uuid, fields, this,
                                [ready, service, next = weakStep.lock()](Result<connector::CredentialMap> found) mutable {
                                    if (found)
                                        service.credentials = std::move(found).value();
                                    else
                                        qCWarning(lcUi) << "credentials of service" << service.config.id
                                                        << "unavailable:" << found.error().userMessage;
                                    // Without them the scheduler marks the service "credential missing".
                                    ready->append(std::move(service));
                                    (*next)();
                                });
            };
            (*step)();
        });
}

} // namespace stackscope::app
