#include "awsconnector.h"

#include "awsmapper.h"
#include "cloudwatchplan.h"
#include "sigv4signer.h"

#include "net/httpclient.h"
#include "secrets/securebytes.h"
#include "util/clock.h"

#include <QLoggingCategory>

#include <algorithm>
#include <memory>

namespace stackscope::connectors::aws {

Q_LOGGING_CATEGORY(lcAws, "stackscope.connector.aws", QtInfoMsg)

namespace {

using connector::FetchResult;
using connector::FetchSession;
using connector::FetchWindow;

constexpr char kService[] = "monitoring";

QByteArray trimmedCopy(const secrets::SecureBytes *secret)
{
    return secret ? secret->view().trimmed().toByteArray() : QByteArray();
}

// Where the calls go and how they are signed: the region's endpoint, or the service's base URL override
// (a proxy, a VPC endpoint, a test server), always signed for the configured region.
struct Endpoint
{
    QUrl url;
    QByteArray host;
    SigV4Signer signer;
};

Endpoint endpointFor(const FetchSession &session, const Settings &settings)
{
    QUrl url = session.baseUrl();
    if (url.isEmpty() || !url.isValid())
        url = endpointForRegion(settings.region);
    if (url.path().isEmpty())
        url.setPath(QStringLiteral("/"));
    url.setQuery(QString());
    url.setFragment(QString());
    return Endpoint{url, url.authority(QUrl::FullyEncoded | QUrl::RemoveUserInfo).toLatin1(),
                    SigV4Signer(settings.region.toLatin1(), kService)};
}

using CallDone = std::function<void(Result<QByteArray>)>;

// Signs and sends one CloudWatch operation; `done` gets the 200 body or an Error in plain words.
void sendCall(FetchSession &session, const Endpoint &endpoint, const AwsConnector::Options &options,
              const QString &operation, QByteArray body, CallDone done)
{
    const secrets::SecureBytes *keyIdSecret = session.credential(QStringLiteral("access_key_id"));
    const secrets::SecureBytes *secret = session.credential(QStringLiteral("secret_access_key"));
    if (!keyIdSecret || keyIdSecret->isEmpty() || !secret || secret->isEmpty()) {
        done(Error::make(Error::Code::Auth, QStringLiteral("The AWS access key ID or secret access key is not set.")));
        return;
    }

    SigV4Request signing;
    signing.method = "POST";
    signing.path = endpoint.url.path(QUrl::FullyDecoded).toUtf8();
    signing.body = body;
    QByteArray token = trimmedCopy(session.credential(QStringLiteral("session_token")));
    net::HeaderList headers{
        {"Host", endpoint.host},
        {"Content-Type", wire::kContentType},
        {"X-Amz-Date", SigV4Signer::amzDate(session.clock().nowMs())},
        {"X-Amz-Target", QByteArray(wire::kTargetPrefix) + operation.toLatin1()},
        {"x-amzn-query-mode", "true"},
    };
    if (!token.isEmpty())
        headers.append({"X-Amz-Security-Token", token});
    signing.headers = headers;

    QByteArray keyId = trimmedCopy(keyIdSecret);
    const secrets::SecureBytes secretKey(secret->view().trimmed());
    const QByteArray authorization = endpoint.signer.authorization(keyId, secretKey, signing);
    secrets::wipe(keyId);

    net::HttpRequest request;
    request.method = "POST";
    request.url = endpoint.url;
    request.headers = headers;
    request.headers.append({"Authorization", authorization});
    request.body = std::move(body);
    request.timeout = options.requestTimeout;
    request.maxRetries = options.maxRetries;
    // From here on the request holds the only references to the token and the signature (byte arrays are
    // shared, so wiping these would only wipe copies).
    signing = {};
    headers.clear();
    token.clear();

    session.http().send(std::move(request), nullptr, [operation, done = std::move(done)](Result<net::HttpResponse> result) {
        if (!result) {
            const Error &error = result.error();
            // AWS says why it refused (throttling, which credential check failed) in the body of its 4xx answers,
            // e.g. {"__type": "…#ThrottlingException", "message": "Rate exceeded"} with HTTP 400.
            if (error.httpStatus >= 400 && error.httpStatus < 500 && error.httpStatus != 429) {
                Error mapped = wire::errorFromResponse(error.httpStatus, {}, error.vendorBody, operation);
                mapped.detail += QStringLiteral(" (") + error.detail + QLatin1Char(')');
                done(std::move(mapped));
                return;
            }
            done(error);
            return;
        }
        const net::HttpResponse &response = result.value();
        if (response.status != 200) {
            done(wire::errorFromResponse(response.status, response.headers, response.body, operation));
            return;
        }
        done(response.body);
    });
}

// One fetch, from start to `done`. Held by the callbacks of its own requests.
class FetchRun : public std::enable_shared_from_this<FetchRun>
{
public:
    FetchRun(FetchSession &session, AwsConnector::Options options, Settings settings, const FetchWindow &window,
             connector::Connector::FetchDone done)
        : m_session(session), m_options(options), m_settings(std::move(settings)),
          m_endpoint(endpointFor(session, m_settings)), m_window(window), m_done(std::move(done))
    {
        m_now = session.clock().nowMs();
        m_inventory = Inventory::fromJson(window.cursor.value(QStringLiteral("inventory")).toObject());
    }

    void start()
    {
        // CloudWatch data arrives a few minutes late: the last kReReadMs are always read again (the store keeps the
        // last value written for a timestamp), whatever the poll interval.
        m_from = std::min(m_window.fromMs, m_window.toMs - plan::kReReadMs);
        m_from = std::max(m_from, m_window.toMs - qint64(plan::kMaxBackfillDays) * plan::kDayMs);
        const qint64 resume = qint64(m_window.cursor.value(QStringLiteral("resume_from")).toDouble());
        if (resume > m_from && resume <= m_window.toMs)
            m_from = resume;
        m_progress = m_from;
        if (plan::inventoryIsFresh(m_inventory, m_settings, m_now)) {
            readAlarms({}, 0);
            return;
        }
        m_fresh = Inventory{};
        m_fresh.key = m_settings.discoveryKey();
        m_discovery = plan::discoveryCalls(m_settings);
        discover(0, {}, 0);
    }

private:
    // Counts a request against the per-run cap and the type's budget.
    bool spend()
    {
        if (m_requests >= m_options.maxRequestsPerRun || !m_session.spendRequest())
            return false;
        ++m_requests;
        return true;
    }

    void call(const QString &operation, QByteArray body, std::function<void(QByteArray)> onBody)
    {
        auto self = shared_from_this();
        sendCall(m_session, m_endpoint, m_options, operation, std::move(body),
                 [self, onBody = std::move(onBody)](Result<QByteArray> result) {
                     if (!result) {
                         self->failed(result.error());
                         return;
                     }
                     onBody(std::move(result).value());
                 });
    }

    void discover(qsizetype index, const QString &token, int page)
    {
        if (index >= m_discovery.size()) {
            m_fresh.discoveredAtMs = m_now;
            m_inventory = m_fresh;
            readAlarms({}, 0);
            return;
        }
        if (!spend()) {
            finish(false);
            return;
        }
        const DiscoveryCall &discovery = m_discovery.at(index);
        call(QStringLiteral("ListMetrics"), wire::listMetricsBody(discovery.ns, discovery.metricName, discovery.filters, token),
             [this, index, page](QByteArray body) {
                 auto parsed = wire::parseListMetrics(body);
                 if (!parsed) {
                     failed(parsed.error());
                     return;
                 }
                 plan::addFound(m_fresh, m_discovery.at(index).key, parsed->metrics);
                 if (!parsed->nextToken.isEmpty() && page + 1 < m_options.maxPagesPerCall)
                     discover(index, parsed->nextToken, page + 1);
                 else
                     discover(index + 1, {}, 0);
             });
    }

    void readAlarms(const QString &token, int page)
    {
        if (!spend()) {
            finish(false);
            return;
        }
        call(QStringLiteral("DescribeAlarms"), wire::describeAlarmsBody(100, token), [this, page](QByteArray body) {
            auto parsed = wire::parseDescribeAlarms(body);
            if (!parsed) {
                failed(parsed.error());
                return;
            }
            m_alarms.append(parsed->alarms);
            if (!parsed->nextToken.isEmpty() && page + 1 < m_options.maxPagesPerCall) {
                readAlarms(parsed->nextToken, page + 1);
                return;
            }
            m_result.samples.append(wire::alarmSamples(m_alarms, m_now - m_now % 60'000));
            planMetrics();
            nextJob();
        });
    }

    struct Job
    {
        QList<SeriesQuery> queries;
        qint64 startSeconds = 0;
        qint64 endSeconds = 0;
        qint64 completesSliceAt = 0; // > 0: when this job is done, everything before this time is stored
    };

    void addJobs(const QList<SeriesQuery> &queries, qint64 startSeconds, qint64 endSeconds, qint64 sliceEnd)
    {
        for (qsizetype at = 0; at < queries.size(); at += wire::kMaxQueriesPerCall) {
            Job job{queries.mid(at, wire::kMaxQueriesPerCall), startSeconds, endSeconds, 0};
            if (at + wire::kMaxQueriesPerCall >= queries.size())
                job.completesSliceAt = sliceEnd;
            m_jobs.append(std::move(job));
        }
    }

    void planMetrics()
    {
        const QList<SeriesQuery> all = plan::queries(m_settings, m_inventory);
        QList<SeriesQuery> daily, regular;
        for (const SeriesQuery &query : all)
            (plan::isDaily(query) ? daily : regular).append(query);
        if (m_from >= m_window.toMs || all.isEmpty())
            return;
        if (!daily.isEmpty()) {
            const auto [start, end] = plan::alignedSeconds({m_from, m_window.toMs}, plan::kDailyPeriod);
            addJobs(daily, start, end, 0);
        }
        if (regular.isEmpty())
            return;
        for (const plan::TimeRange &slice : plan::slices(m_from, m_window.toMs)) {
            const int period = plan::effectivePeriod(m_settings.period, slice.fromMs, m_now);
            QList<SeriesQuery> queries = regular;
            for (SeriesQuery &query : queries)
                query.period = period;
            const auto [start, end] = plan::alignedSeconds(slice, period);
            addJobs(queries, start, end, slice.toMs);
        }
    }

    void nextJob()
    {
        if (m_jobIndex >= m_jobs.size()) {
            finish(true);
            return;
        }
        runJob({}, 0);
    }

    void runJob(const QString &token, int page)
    {
        if (!spend()) {
            finish(false);
            return;
        }
        const Job &job = m_jobs.at(m_jobIndex);
        call(QStringLiteral("GetMetricData"), wire::getMetricDataBody(job.queries, job.startSeconds, job.endSeconds, token),
             [this, page](QByteArray body) {
                 const Job &current = m_jobs.at(m_jobIndex);
                 auto parsed = wire::parseGetMetricData(body, current.queries);
                 if (!parsed) {
                     failed(parsed.error());
                     return;
                 }
                 m_result.samples.append(parsed->samples);
                 for (const QString &problem : std::as_const(parsed->problems))
                     qCWarning(lcAws).noquote() << "service" << m_session.service().id << problem;
                 if (!parsed->nextToken.isEmpty()) {
                     if (page + 1 < m_options.maxPagesPerCall) {
                         runJob(parsed->nextToken, page + 1);
                         return;
                     }
                     qCWarning(lcAws) << "service" << m_session.service().id << "GetMetricData still had pages after"
                                      << m_options.maxPagesPerCall << "; the rest of this range is skipped";
                 }
                 if (current.completesSliceAt > 0)
                     m_progress = current.completesSliceAt;
                 ++m_jobIndex;
                 nextJob();
             });
    }

    void failed(const Error &error)
    {
        // Days already read stay read: on throttling or a network failure, hand them over and resume later.
        const bool transient = error.code == Error::Code::RateLimited || error.code == Error::Code::Network
                               || error.code == Error::Code::Timeout;
        if (transient && m_progress > m_from) {
            qCWarning(lcAws).noquote() << "service" << m_session.service().id << "stopped early:" << error.detail;
            finish(false);
            return;
        }
        deliver(error);
    }

    void finish(bool complete)
    {
        QJsonObject cursor;
        cursor.insert(QStringLiteral("inventory"), m_inventory.toJson());
        if (!complete && m_progress > m_window.fromMs)
            cursor.insert(QStringLiteral("resume_from"), double(m_progress));
        else if (!complete && m_window.cursor.contains(QStringLiteral("resume_from")))
            cursor.insert(QStringLiteral("resume_from"), m_window.cursor.value(QStringLiteral("resume_from")));
        m_result.cursor = cursor;
        m_result.complete = complete;
        deliver(std::move(m_result));
    }

    void deliver(Result<FetchResult> result)
    {
        if (!m_done)
            return;
        auto done = std::move(m_done);
        m_done = nullptr;
        done(std::move(result));
    }

    FetchSession &m_session;
    AwsConnector::Options m_options;
    Settings m_settings;
    Endpoint m_endpoint;
    FetchWindow m_window;
    connector::Connector::FetchDone m_done;
    qint64 m_now = 0;
    qint64 m_from = 0;
    qint64 m_progress = 0;
    int m_requests = 0;
    Inventory m_inventory;
    Inventory m_fresh;
    QList<DiscoveryCall> m_discovery;
    QList<AlarmStatus> m_alarms;
    QList<Job> m_jobs;
    qsizetype m_jobIndex = 0;
    FetchResult m_result;
};

connector::MetricSpec spec(const char *name, const char *unit, QStringList dimensions, QString description,
                           QString endpoint)
{
    connector::MetricSpec metric;
    metric.name = QLatin1String(name);
    metric.unit = QLatin1String(unit);
    metric.kind = MetricKind::Gauge;
    metric.dimensions = std::move(dimensions);
    metric.description = std::move(description);
    metric.endpoint = std::move(endpoint);
    return metric;
}

connector::FieldSpec field(const char *key, QString label, QString help, bool secret, bool required,
                           QString defaultValue = {})
{
    return connector::FieldSpec{QLatin1String(key), std::move(label), std::move(help), secret, required,
                                std::move(defaultValue)};
}

} // namespace

AwsConnector::AwsConnector() : AwsConnector(Options{}) {}

AwsConnector::AwsConnector(Options options) : m_info(makeInfo()), m_options(options) {}

const connector::ConnectorInfo &AwsConnector::info() const
{
    return m_info;
}

connector::ConnectorInfo AwsConnector::makeInfo()
{
    connector::ConnectorInfo info;
    info.typeId = QStringLiteral("aws");
    info.displayName = QStringLiteral("AWS CloudWatch");
    // Empty: the endpoint follows the region (https://monitoring.<region>.amazonaws.com/).
    info.defaultBaseUrl = QString();
    info.credentials = {
        field("access_key_id", QStringLiteral("Access key ID"),
              QStringLiteral("IAM console → Users → (a user with only cloudwatch:GetMetricData, cloudwatch:ListMetrics "
                             "and cloudwatch:DescribeAlarms) → Security credentials → Create access key. Starts "
                             "with AKIA (or ASIA for temporary credentials)."),
              false, true),
        field("secret_access_key", QStringLiteral("Secret access key"),
              QStringLiteral("Shown once, next to the access key ID, when the key is created."), true, true),
        field("session_token", QStringLiteral("Session token"),
              QStringLiteral("Only for temporary credentials from AWS STS (ASIA… keys); leave unset for a user's "
                             "access key."),
              true, false),
    };
    info.settings = {
        field("region", QStringLiteral("Region"),
              QStringLiteral("The region code whose CloudWatch to read, e.g. eu-west-1 (top right of the AWS "
                             "console). One service per region."),
              false, true),
        field("ec2_instances", QStringLiteral("EC2 instances"),
              QStringLiteral("Comma-separated instance IDs (i-…); empty: every instance that published "
                             "CPUUtilization in the last two weeks (found with ListMetrics)."),
              false, false),
        field("lambda_functions", QStringLiteral("Lambda functions"),
              QStringLiteral("Comma-separated function names; empty: discovered with ListMetrics."), false, false),
        field("rds_instances", QStringLiteral("RDS instances"),
              QStringLiteral("Comma-separated DB instance identifiers; empty: discovered with ListMetrics."), false, false),
        field("s3_buckets", QStringLiteral("S3 buckets"),
              QStringLiteral("Comma-separated bucket names (read for StandardStorage); empty: every bucket and "
                             "storage class, discovered with ListMetrics."),
              false, false),
        field("apigateway_apis", QStringLiteral("API Gateway APIs"),
              QStringLiteral("Comma-separated REST API names or HTTP API IDs, optionally api/stage; empty: every "
                             "API and stage found with ListMetrics."),
              false, false),
        field("s3_request_filter_id", QStringLiteral("S3 request metrics filter"),
              QStringLiteral("The ID of a bucket request-metrics configuration (S3 console → bucket → Metrics → "
                             "Request metrics); needed for S3 request counts."),
              false, false),
        field("period_seconds", QStringLiteral("Period (seconds)"),
              QStringLiteral("CloudWatch aggregation period for everything but daily S3 storage: 60 or 300."), false,
              false, QStringLiteral("300")),
    };

    const QString gmd = QStringLiteral("GetMetricData %1 %2 (%3)");
    info.metrics = {
        spec("aws.ec2.cpu_utilization", "percent", {QStringLiteral("instance_id")},
             QStringLiteral("EC2 instance CPU utilisation, average per period."),
             gmd.arg(QStringLiteral("AWS/EC2"), QStringLiteral("CPUUtilization"), QStringLiteral("Average"))),
        spec("aws.ec2.memory_used", "percent", {QStringLiteral("instance_id")},
             QStringLiteral("Memory used, where the CloudWatch agent publishes it; EC2 itself does not."),
             gmd.arg(QStringLiteral("CWAgent"), QStringLiteral("mem_used_percent"), QStringLiteral("Average"))),
        spec("aws.lambda.invocations", "invocations", {QStringLiteral("function")},
             QStringLiteral("Lambda invocations per period (throttled requests are not counted)."),
             gmd.arg(QStringLiteral("AWS/Lambda"), QStringLiteral("Invocations"), QStringLiteral("Sum"))),
        spec("aws.lambda.errors", "invocations", {QStringLiteral("function")},
             QStringLiteral("Lambda invocations that ended in an error, per period."),
             gmd.arg(QStringLiteral("AWS/Lambda"), QStringLiteral("Errors"), QStringLiteral("Sum"))),
        spec("aws.lambda.duration", "ms", {QStringLiteral("function")},
             QStringLiteral("Lambda execution time, average per period."),
             gmd.arg(QStringLiteral("AWS/Lambda"), QStringLiteral("Duration"), QStringLiteral("Average"))),
        spec("aws.s3.bucket_size", "bytes", {QStringLiteral("bucket"), QStringLiteral("storage_type")},
             QStringLiteral("Bytes stored in a bucket per storage class, reported once a day."),
             gmd.arg(QStringLiteral("AWS/S3"), QStringLiteral("BucketSizeBytes"), QStringLiteral("Average, 1 day"))),
        spec("aws.s3.objects", "objects", {QStringLiteral("bucket")},
             QStringLiteral("Objects in a bucket (all storage classes), reported once a day."),
             gmd.arg(QStringLiteral("AWS/S3"), QStringLiteral("NumberOfObjects"), QStringLiteral("Average, 1 day"))),
        spec("aws.s3.requests", "requests", {QStringLiteral("bucket"), QStringLiteral("filter_id")},
             QStringLiteral("Requests to a bucket per period; needs a request-metrics configuration."),
             gmd.arg(QStringLiteral("AWS/S3"), QStringLiteral("AllRequests"), QStringLiteral("Sum"))),
        spec("aws.s3.errors_4xx", "requests", {QStringLiteral("bucket"), QStringLiteral("filter_id")},
             QStringLiteral("Bucket requests answered with a 4xx status, per period."),
             gmd.arg(QStringLiteral("AWS/S3"), QStringLiteral("4xxErrors"), QStringLiteral("Sum"))),
        spec("aws.s3.errors_5xx", "requests", {QStringLiteral("bucket"), QStringLiteral("filter_id")},
             QStringLiteral("Bucket requests answered with a 5xx status, per period."),
             gmd.arg(QStringLiteral("AWS/S3"), QStringLiteral("5xxErrors"), QStringLiteral("Sum"))),
        spec("aws.rds.cpu_utilization", "percent", {QStringLiteral("db_instance")},
             QStringLiteral("RDS instance CPU utilisation, average per period."),
             gmd.arg(QStringLiteral("AWS/RDS"), QStringLiteral("CPUUtilization"), QStringLiteral("Average"))),
        spec("aws.rds.connections", "connections", {QStringLiteral("db_instance")},
             QStringLiteral("Database connections in use, average per period."),
             gmd.arg(QStringLiteral("AWS/RDS"), QStringLiteral("DatabaseConnections"), QStringLiteral("Average"))),
        spec("aws.rds.read_latency", "s", {QStringLiteral("db_instance")},
             QStringLiteral("Average time per disk read I/O, in seconds."),
             gmd.arg(QStringLiteral("AWS/RDS"), QStringLiteral("ReadLatency"), QStringLiteral("Average"))),
        spec("aws.rds.write_latency", "s", {QStringLiteral("db_instance")},
             QStringLiteral("Average time per disk write I/O, in seconds."),
             gmd.arg(QStringLiteral("AWS/RDS"), QStringLiteral("WriteLatency"), QStringLiteral("Average"))),
        spec("aws.rds.read_iops", "ops/s", {QStringLiteral("db_instance")},
             QStringLiteral("Disk read operations per second, average per period."),
             gmd.arg(QStringLiteral("AWS/RDS"), QStringLiteral("ReadIOPS"), QStringLiteral("Average"))),
        spec("aws.rds.write_iops", "ops/s", {QStringLiteral("db_instance")},
             QStringLiteral("Disk write operations per second, average per period."),
             gmd.arg(QStringLiteral("AWS/RDS"), QStringLiteral("WriteIOPS"), QStringLiteral("Average"))),
        spec("aws.apigateway.requests", "requests",
             {QStringLiteral("api"), QStringLiteral("stage"), QStringLiteral("api_type")},
             QStringLiteral("API Gateway requests per period (REST: ApiName+Stage; HTTP API: ApiId+Stage)."),
             gmd.arg(QStringLiteral("AWS/ApiGateway"), QStringLiteral("Count"), QStringLiteral("Sum"))),
        spec("aws.apigateway.latency", "ms", {QStringLiteral("api"), QStringLiteral("stage"), QStringLiteral("api_type")},
             QStringLiteral("Time from request to response, average per period."),
             gmd.arg(QStringLiteral("AWS/ApiGateway"), QStringLiteral("Latency"), QStringLiteral("Average"))),
        spec("aws.apigateway.errors_4xx", "requests",
             {QStringLiteral("api"), QStringLiteral("stage"), QStringLiteral("api_type")},
             QStringLiteral("Requests answered with a 4xx status, per period."),
             gmd.arg(QStringLiteral("AWS/ApiGateway"), QStringLiteral("4XXError (REST) / 4xx (HTTP API)"),
                     QStringLiteral("Sum"))),
        spec("aws.apigateway.errors_5xx", "requests",
             {QStringLiteral("api"), QStringLiteral("stage"), QStringLiteral("api_type")},
             QStringLiteral("Requests answered with a 5xx status, per period."),
             gmd.arg(QStringLiteral("AWS/ApiGateway"), QStringLiteral("5XXError (REST) / 5xx (HTTP API)"),
                     QStringLiteral("Sum"))),
        spec("aws.cloudwatch.alarm_state", "state", {QStringLiteral("alarm_name"), QStringLiteral("alarm_type")},
             QStringLiteral("State of each CloudWatch alarm at poll time: 0 OK, 1 ALARM, 2 INSUFFICIENT_DATA."),
             QStringLiteral("DescribeAlarms StateValue (metric and composite alarms)")),
        spec("aws.cloudwatch.alarms", "alarms", {QStringLiteral("state")},
             QStringLiteral("Number of alarms in each state (OK, ALARM, INSUFFICIENT_DATA) at poll time."),
             QStringLiteral("DescribeAlarms StateValue, counted")),
    };
    info.defaultInterval = std::chrono::minutes(5);
    info.minInterval = std::chrono::minutes(1);
    info.maxBackfillDays = plan::kMaxBackfillDays;
    // AWS does not publish fixed per-API rates for every account (Service Quotas shows them per account and
    // region); this stays well below any of them, shared by every AWS service of the workspace.
    info.budget = connector::RequestBudget{60, std::chrono::seconds(60), 2};
    return info;
}

void AwsConnector::testConnection(connector::FetchSession &session, TestDone done)
{
    auto settings = Settings::fromMap(session.service().settings);
    if (!settings) {
        done(settings.error());
        return;
    }
    if (!session.spendRequest()) {
        done(Error::make(Error::Code::RateLimited,
                         QStringLiteral("Stackscope's request budget for AWS is used up; try again in a minute.")));
        return;
    }
    const Endpoint endpoint = endpointFor(session, settings.value());
    sendCall(session, endpoint, m_options, QStringLiteral("DescribeAlarms"), wire::describeAlarmsBody(1),
             [done = std::move(done)](Result<QByteArray> body) {
                 if (!body) {
                     done(body.error());
                     return;
                 }
                 auto parsed = wire::parseDescribeAlarms(body.value());
                 if (!parsed) {
                     done(parsed.error());
                     return;
                 }
                 done(Status());
             });
}

void AwsConnector::fetch(connector::FetchSession &session, const connector::FetchWindow &window, FetchDone done)
{
    auto settings = Settings::fromMap(session.service().settings);
    if (!settings) {
        done(settings.error());
        return;
    }
    auto run = std::make_shared<FetchRun>(session, m_options, std::move(settings).value(), window, std::move(done));
    run->start();
}

} // namespace stackscope::connectors::aws
