#pragma once

#include "connector/connector.h"

#include <chrono>

namespace stackscope::connectors::prometheus {

// Scrapes one Prometheus text (0.0.4) or OpenMetrics (1.0) endpoint of the developer's own services
// (docs/connectors/prometheus.md). A scrape is "now": no backfill, no cursor. Every exposed series becomes a
// sample under its own metric name and labels.
class PrometheusConnector final : public connector::Connector
{
public:
    static constexpr std::chrono::milliseconds kScrapeTimeout{15'000};

    PrometheusConnector();

    const connector::ConnectorInfo &info() const override;
    void testConnection(connector::FetchSession &session, TestDone done) override;
    void fetch(connector::FetchSession &session, const connector::FetchWindow &window, FetchDone done) override;

    // Tests shorten it to exercise timeouts quickly.
    void setScrapeTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }

    static connector::ConnectorInfo makeInfo();

private:
    connector::ConnectorInfo m_info;
    std::chrono::milliseconds m_timeout = kScrapeTimeout;
};

} // namespace stackscope::connectors::prometheus
