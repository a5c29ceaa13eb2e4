#include "connector/servicesession.h"

#include "util/clock.h"

namespace stackscope::connector {

ServiceSession::ServiceSession(ServiceConfig config, CredentialMap credentials, QUrl baseUrl, net::HttpClient &http,
                               const Clock &clock, std::shared_ptr<RequestBudgetTracker> budget)
    : m_config(std::move(config)), m_credentials(std::move(credentials)), m_baseUrl(std::move(baseUrl)), m_http(http),
      m_clock(clock), m_budget(std::move(budget))
{
}

const secrets::SecureBytes *ServiceSession::credential(const QString &field) const
{
    const auto it = m_credentials.find(field);
    return it == m_credentials.end() ? nullptr : it->second.get();
}

bool ServiceSession::spendRequest()
{
    return !m_budget || m_budget->trySpend(m_clock.nowMs());
}

} // namespace stackscope::connector
