#pragma once

#include "connector/connector.h"

#include <chrono>

namespace stackscope::connectors::mixpanel {

// Mixpanel Query API (docs/connectors/mixpanel.md): daily counts of chosen events (all in one query), one
// event segmented by a property, saved funnels (conversion by step) and birth retention cohorts. Mixpanel allows
// 60 queries an hour and 5 at a time per project: the request budget is 60 an hour, one at a time, every query
// sent (retries included) is spent from it, and checkConfiguration() refuses a service whose queries per poll
// times polls per hour would not fit. A fetch that runs out of budget stops (complete = false) and resumes at the
// query it stopped at.
class MixpanelConnector final : public connector::Connector
{
public:
    static constexpr std::chrono::milliseconds kRequestTimeout{60'000}; // report queries can be slow
    static constexpr int kMaxAttempts = 2;                               // per query, transient failures only
    static constexpr std::chrono::milliseconds kMaxInlineWait{30'000};
    static constexpr std::chrono::milliseconds kRateLimitedPause{10 * 60'000}; // a 429 without Retry-After

    MixpanelConnector();

    const connector::ConnectorInfo &info() const override;
    void testConnection(connector::FetchSession &session, TestDone done) override;
    void fetch(connector::FetchSession &session, const connector::FetchWindow &window, FetchDone done) override;
    Status checkConfiguration(const ServiceConfig &config) const override;
    // The 60 queries an hour are per project: services on one project share them.
    QString accountKey(const ServiceConfig &config) const override
    {
        return config.settings.value(QStringLiteral("project_id"), config.uuid);
    }

    // Tests shorten these. The scale applies to our own backoff, never to a Retry-After Mixpanel gave.
    void setRequestTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }
    void setRetryScale(double factor) { m_retryScale = factor; }

    static connector::ConnectorInfo makeInfo();

private:
    connector::ConnectorInfo m_info;
    std::chrono::milliseconds m_timeout = kRequestTimeout;
    double m_retryScale = 1.0;
};

} // namespace stackscope::connectors::mixpanel
