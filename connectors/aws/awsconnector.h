#pragma once

#include "connector/connector.h"

#include <chrono>

namespace stackscope::connectors::aws {

// AWS CloudWatch (docs/connectors/aws.md): EC2, CWAgent memory, Lambda, S3, RDS and API Gateway metrics through
// GetMetricData, resources found with ListMetrics, alarm states from DescribeAlarms. AWS JSON 1.0 over
// POST https://monitoring.<region>.amazonaws.com/, signed with SigV4 (service "monitoring").
//
// A fetch: (1) refreshes the inventory (ListMetrics, cached in the cursor for an hour), (2) reads the alarm
// states, (3) reads the daily S3 storage metrics over the whole window, then (4) walks the window one UTC day at
// a time, oldest first, with up to 500 queries per GetMetricData call and NextToken pagination. It stops early
// (complete = false, cursor "resume_from" = the first day not yet read) when the request budget or the per-run
// request cap runs out, or when AWS throttles after some days were read.
class AwsConnector final : public connector::Connector
{
public:
    struct Options
    {
        std::chrono::milliseconds requestTimeout{30'000};
        int maxRetries = 2;          // transient failures (5xx, timeouts) per request, inside HttpClient
        int maxRequestsPerRun = 40;  // then stop early and resume
        int maxPagesPerCall = 50;    // NextToken pages of one call before giving up on it
    };

    AwsConnector();
    explicit AwsConnector(Options options);

    const connector::ConnectorInfo &info() const override;
    void testConnection(connector::FetchSession &session, TestDone done) override;
    void fetch(connector::FetchSession &session, const connector::FetchWindow &window, FetchDone done) override;

    static connector::ConnectorInfo makeInfo();

private:
    connector::ConnectorInfo m_info;
    Options m_options;
};

} // namespace stackscope::connectors::aws
