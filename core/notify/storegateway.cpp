#include "notify/storegateway.h"

#include "storage/metricstore.h"
#include "storage/storeservice.h"

namespace stackscope::notify {

StoreGateway StoreGateway::direct(storage::MetricStore &store)
{
    return StoreGateway([&store](const Job &job) { job(store); }, true);
}

StoreGateway StoreGateway::service(storage::StoreService &service)
{
    return StoreGateway([&service](Job job) { service.run(std::move(job)); }, false);
}

void StoreGateway::post(QObject *context, Continuing job) const
{
    Relay relay(context);
    m_run([relay, job = std::move(job)](storage::MetricStore &store) { relay.post(job(store)); });
}

} // namespace stackscope::notify
