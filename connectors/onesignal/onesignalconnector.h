#pragma once

#include "connector/connector.h"

#include <chrono>
#include <memory>

namespace stackscope::connectors::onesignal {

// OneSignal (C1, C2): delivery, click, open and unsubscribe counts of the app's messages from
// GET /notifications (View messages), summed per UTC hour of the message's queued_at and per campaign (the
// message's name, else its template_id), per platform, and per message. docs/connectors/onesignal.md says what
// each metric means and what the API cannot give.
//
// A fetch pages through the list (limit 50, offset; newest queued first) back to the start of the hour the
// window begins in (reaching at least refresh_hours back, and back to any message still being sent or scheduled,
// whose numbers still change), at most one request every kRequestSpacing: OneSignal allows view requests at
// 1 per second per app. When the budget or kMaxFetchDuration runs out it hands back the hours it has read
// whole, and a cursor to go on from.
class OneSignalConnector final : public connector::Connector
{
public:
    static constexpr std::chrono::milliseconds kRequestTimeout{30'000};
    static constexpr std::chrono::milliseconds kRequestSpacing{1'100};
    static constexpr std::chrono::seconds kMaxFetchDuration{150}; // the scheduler abandons a run at 5 min
    static constexpr int kMaxPagesPerFetch = 120;

    OneSignalConnector();
    ~OneSignalConnector() override;

    const connector::ConnectorInfo &info() const override;
    void testConnection(connector::FetchSession &session, TestDone done) override;
    void fetch(connector::FetchSession &session, const connector::FetchWindow &window, FetchDone done) override;

    // Tests shorten these.
    void setRequestTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }
    void setRequestSpacing(std::chrono::milliseconds spacing) { m_spacing = spacing; }
    void setMaxRetries(int retries) { m_maxRetries = retries; }
    void setMaxPagesPerFetch(int pages) { m_maxPages = pages; }

    static connector::ConnectorInfo makeInfo();

private:
    struct Run;
    static void step(const std::shared_ptr<Run> &run);
    static void send(const std::shared_ptr<Run> &run);

    connector::ConnectorInfo m_info;
    std::chrono::milliseconds m_timeout = kRequestTimeout;
    std::chrono::milliseconds m_spacing = kRequestSpacing;
    int m_maxRetries = 2;
    int m_maxPages = kMaxPagesPerFetch;
};

} // namespace stackscope::connectors::onesignal
