#pragma once

#include "connector/connector.h"

#include <chrono>

namespace stackscope::connectors::twilio {

// Twilio (C1, C2): message and call outcomes from the 2010-04-01 Messages and Calls lists, read one UTC day at a
// time, and cost and usage per category from Usage Records. docs/connectors/twilio.md says what each metric
// means and what the API cannot give.
//
// A fetch works through a plan: [first day, last day] of the window (always including the previous day, whose
// late delivery receipts and usage keep settling), then usage records for the range, then each day's messages
// and calls, newest day first. It stops after kMaxPagesPerFetch requests or kMaxFetchDuration, or when the
// request budget runs out, and says where in the cursor: the stage, the day, Twilio's next_page_uri and the counts
// of the day so far, so a day's samples are written once, complete, whatever the number of fetches it takes.
class TwilioConnector final : public connector::Connector
{
public:
    static constexpr int kPageSize = 1000;        // the API's maximum
    static constexpr int kMaxPagesPerFetch = 50;  // then complete=false and the scheduler resumes
    static constexpr int kMaxBackfillDays = 30;
    static constexpr std::chrono::milliseconds kRequestTimeout{30'000};
    // A fetch starts no request after this long (the scheduler abandons a run after 5 minutes).
    static constexpr std::chrono::seconds kMaxFetchDuration{150};

    TwilioConnector();
    ~TwilioConnector() override;

    const connector::ConnectorInfo &info() const override;
    void testConnection(connector::FetchSession &session, TestDone done) override;
    void fetch(connector::FetchSession &session, const connector::FetchWindow &window, FetchDone done) override;
    // Twilio limits concurrency per account: services on one account SID take turns.
    QString accountKey(const ServiceConfig &config) const override
    {
        return config.settings.value(QStringLiteral("account_sid"), config.uuid);
    }

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

} // namespace stackscope::connectors::twilio
