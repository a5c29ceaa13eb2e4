#pragma once

#include "connector/connector.h"

#include <chrono>

namespace stackscope::connectors::generichttp {

// A JSON endpoint Stackscope does not know, configured without code (docs/connectors/generic-http.md): one
// URL, optional headers and credentials, and extraction rules — a path to one number (stored at the poll
// time) or to an array of points (stored at their own times, optionally over several pages). No backfill:
// whatever history the endpoint returns is simply stored.
class GenericHttpConnector final : public connector::Connector
{
public:
    static constexpr std::chrono::milliseconds kRequestTimeout{30'000};
    // Samples one fetch collects over all its pages; pagination stops (and says so) when it is reached.
    static constexpr qsizetype kMaxSamplesPerFetch = 200'000;

    GenericHttpConnector();

    const connector::ConnectorInfo &info() const override;
    // One request (the first page) and the extraction; the log says what was found ("value 1234 at
    // $.data.count", "36 points in $.series").
    void testConnection(connector::FetchSession &session, TestDone done) override;
    void fetch(connector::FetchSession &session, const connector::FetchWindow &window, FetchDone done) override;

    // The service's settings (url, rules, headers, pagination) checked without a request: `service add` refuses
    // a service whose settings cannot work, the scheduler disables it, and fetch/test make the same checks first.
    Status checkConfiguration(const ServiceConfig &config) const override;
    // Services that poll the same origin (scheme, host, port) share one request budget: the endpoint's limits
    // are the same whichever of them asks.
    QString accountKey(const ServiceConfig &config) const override;
    QList<connector::MetricSpec> metricsFor(const ServiceConfig &config) const override;

    // Tests shorten it to exercise timeouts quickly.
    void setRequestTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }

    static connector::ConnectorInfo makeInfo();

private:
    connector::ConnectorInfo m_info;
    std::chrono::milliseconds m_timeout = kRequestTimeout;
};

} // namespace stackscope::connectors::generichttp
