#pragma once

#include "connector/connector.h"

#include <chrono>
#include <memory>

namespace stackscope::connectors::stytch {

// Stytch (C1, C2) for consumer projects: project totals from GET /v1/projects/metrics, new signups per UTC day
// and users per enrolled factor and status from POST /v1/users/search (results_metadata.total with limit 1),
// and, opt-in, session statistics of a few listed users from GET /v1/sessions. docs/connectors/stytch.md says
// what each metric means and why Stytch's API cannot give DAU/MAU or login outcomes.
//
// A fetch works through a plan: project metrics, one search per factor and per status, the listed users'
// sessions, then one search per day of the window, newest day first. User search is limited by Stytch to 150
// requests a minute; the type's budget plans 60. When the budget runs out, or after kMaxFetchDuration, the fetch
// stops with complete = false and a cursor naming the next request, and the scheduler resumes it there.
class StytchConnector final : public connector::Connector
{
public:
    static constexpr std::chrono::milliseconds kRequestTimeout{30'000}; // searches can take ~9 s at Stytch
    static constexpr std::chrono::seconds kMaxFetchDuration{150};      // the scheduler abandons a run at 5 min

    StytchConnector();
    ~StytchConnector() override;

    const connector::ConnectorInfo &info() const override;
    void testConnection(connector::FetchSession &session, TestDone done) override;
    void fetch(connector::FetchSession &session, const connector::FetchWindow &window, FetchDone done) override;

    // Tests shorten these.
    void setRequestTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }
    void setMaxRetries(int retries) { m_maxRetries = retries; }

    static connector::ConnectorInfo makeInfo();

private:
    struct Run;
    static void step(const std::shared_ptr<Run> &run);

    connector::ConnectorInfo m_info;
    std::chrono::milliseconds m_timeout = kRequestTimeout;
    int m_maxRetries = 2;
};

} // namespace stackscope::connectors::stytch
