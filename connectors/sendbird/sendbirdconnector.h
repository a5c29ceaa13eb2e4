#pragma once

#include "connector/connector.h"

#include <chrono>

namespace stackscope::connectors::sendbird {

// Sendbird Chat Platform API statistics (docs/connectors/sendbird.md): DAU and MAU, and from advanced
// analytics the messages and active channels per day; plus a per-day tally of our own calls to Sendbird and of
// how many of them Sendbird throttled (HTTP 429 / error 500910). A fetch walks its plan one request at a time;
// it stops early (complete = false, cursor = where to go on) when the request budget runs out or Sendbird keeps
// throttling, and the tally travels in the cursor from one fetch to the next.
class SendbirdConnector final : public connector::Connector
{
public:
    static constexpr std::chrono::milliseconds kRequestTimeout{30'000};
    static constexpr int kMaxAttempts = 3;                        // per request, throttled or transient failures
    static constexpr std::chrono::milliseconds kMaxInlineWait{30'000}; // a longer Retry-After ends the fetch
    static constexpr std::chrono::milliseconds kThrottleWait{1'000};   // when a 429 names no time (limits are per second)
    static constexpr std::chrono::milliseconds kThrottledPause{60'000}; // after a fetch gave up on throttling

    SendbirdConnector();

    const connector::ConnectorInfo &info() const override;
    void testConnection(connector::FetchSession &session, TestDone done) override;
    void fetch(connector::FetchSession &session, const connector::FetchWindow &window, FetchDone done) override;
    Status checkConfiguration(const ServiceConfig &config) const override;

    // Tests shorten these to exercise timeouts and retries quickly. The scale applies to our own waits, never
    // to a Retry-After that Sendbird gave.
    void setRequestTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }
    void setRetryScale(double factor) { m_retryScale = factor; }

    static connector::ConnectorInfo makeInfo();

private:
    connector::ConnectorInfo m_info;
    std::chrono::milliseconds m_timeout = kRequestTimeout;
    double m_retryScale = 1.0;
};

} // namespace stackscope::connectors::sendbird
