#pragma once

#include "connector/connector.h"

#include <chrono>

namespace stackscope::connectors::sendgrid {

// Twilio SendGrid email statistics (docs/connectors/sendgrid.md): daily counters from GET /v3/stats and, for
// up to ten configured categories, GET /v3/categories/stats. A fetch walks the window in chunks of at most
// 31 days, oldest first; it stops early (complete = false, cursor = where to go on) when the request budget
// or SendGrid's X-RateLimit-Remaining runs out.
class SendGridConnector final : public connector::Connector
{
public:
    static constexpr std::chrono::milliseconds kRequestTimeout{30'000};

    SendGridConnector();

    const connector::ConnectorInfo &info() const override;
    void testConnection(connector::FetchSession &session, TestDone done) override;
    void fetch(connector::FetchSession &session, const connector::FetchWindow &window, FetchDone done) override;

    // Tests shorten it to exercise timeouts quickly.
    void setRequestTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }

    static connector::ConnectorInfo makeInfo();

private:
    connector::ConnectorInfo m_info;
    std::chrono::milliseconds m_timeout = kRequestTimeout;
};

} // namespace stackscope::connectors::sendgrid
