#pragma once

#include "connector/connector.h"
#include "connector/requestbudget.h"
#include "secrets/securebytes.h"

#include <map>
#include <memory>

namespace stackscope::connector {

using CredentialMap = std::map<QString, std::shared_ptr<const secrets::SecureBytes>>;

// The FetchSession of one service: its configuration, credentials, HTTP client and request budget. Shared with
// a run's callbacks, so it outlives a run the scheduler abandons while the connector still holds it.
class ServiceSession final : public FetchSession
{
public:
    ServiceSession(ServiceConfig config, CredentialMap credentials, QUrl baseUrl, net::HttpClient &http,
                   const Clock &clock, std::shared_ptr<RequestBudgetTracker> budget);

    const ServiceConfig &service() const override { return m_config; }
    QUrl baseUrl() const override { return m_baseUrl; }
    const secrets::SecureBytes *credential(const QString &field) const override;
    net::HttpClient &http() override { return m_http; }
    const Clock &clock() const override { return m_clock; }
    bool spendRequest() override;

private:
    ServiceConfig m_config;
    CredentialMap m_credentials;
    QUrl m_baseUrl;
    net::HttpClient &m_http;
    const Clock &m_clock;
    std::shared_ptr<RequestBudgetTracker> m_budget;
};

} // namespace stackscope::connector
