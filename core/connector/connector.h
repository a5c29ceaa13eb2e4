#pragma once

#include "connector/connectorinfo.h"
#include "model/serviceconfig.h"
#include "model/sample.h"
#include "util/result.h"

#include <QJsonObject>

#include <functional>
#include <memory>

namespace stackscope {
class Clock;
}
namespace stackscope::net {
class HttpClient;
}
namespace stackscope::secrets {
class SecureBytes;
}

namespace stackscope::connector {

// Everything a connector may use during one fetch or connection test. The scheduler owns it; it lives on the
// network thread. Credentials are looked up by field key and handed out only as SecureBytes.
class FetchSession
{
public:
    virtual ~FetchSession() = default;
    virtual const ServiceConfig &service() const = 0;
    virtual QUrl baseUrl() const = 0;                       // the service's override or the connector default
    virtual const secrets::SecureBytes *credential(const QString &field) const = 0; // nullptr when not set
    virtual net::HttpClient &http() = 0;
    virtual const Clock &clock() const = 0;
    // Counts one request against the type's RequestBudget; false means "over budget: stop and resume later".
    virtual bool spendRequest() = 0;
};

struct FetchWindow
{
    qint64 fromMs = 0;
    qint64 toMs = 0;
    bool backfill = false;       // first poll: reaching back up to maxBackfillDays
    QJsonObject cursor;          // what the previous fetch asked to remember (pagination resume, watermarks)
};

struct FetchResult
{
    SampleBatch samples;         // labels include "project" and "service" (added by the scheduler)
    QJsonObject cursor;          // persisted and handed back in the next FetchWindow
    bool complete = true;        // false: stopped early (budget, page limit); the scheduler resumes soon
};

// One service type. Implementations keep the HTTP choreography here and the response mapping in pure
// functions (tested against recorded responses without a network). A connector object is stateless between
// calls; state that must survive goes into FetchResult::cursor.
class Connector
{
public:
    using FetchDone = std::function<void(Result<FetchResult>)>;
    using TestDone = std::function<void(Status)>;

    virtual ~Connector() = default;
    virtual const ConnectorInfo &info() const = 0;
    // A cheap authenticated call; the Status says in plain words what the vendor answered.
    virtual void testConnection(FetchSession &session, TestDone done) = 0;
    // Fetches the samples of `window`. Must call `done` exactly once, on the session's thread.
    virtual void fetch(FetchSession &session, const FetchWindow &window, FetchDone done) = 0;
    // Whether `config` (settings, interval) can work within the vendor's limits at all, e.g. the queries one
    // poll needs times the polls an hour against an hourly quota. No network. The error says in plain words
    // what to change; `service add` refuses such a service and the scheduler disables it.
    virtual Status checkConfiguration(const ServiceConfig &config) const
    {
        (void)config;
        return {};
    }
    // Which vendor account's limits this service draws on. Services with the same key share one request budget
    // and one concurrency limit (RequestBudget); by default each service is its own account. Connectors whose
    // vendor counts per account override it (e.g. Twilio by account SID), so two services on one account take
    // turns while services on different accounts never wait for each other.
    virtual QString accountKey(const ServiceConfig &config) const { return config.uuid; }
    // The metrics a service of this configuration delivers, for the metric catalogue (units, kinds,
    // descriptions). Default: the type's catalogue; a user-configured connector names its own.
    virtual QList<MetricSpec> metricsFor(const ServiceConfig &config) const
    {
        (void)config;
        return info().metrics;
    }
};

using ConnectorFactory = std::function<std::unique_ptr<Connector>()>;

} // namespace stackscope::connector
