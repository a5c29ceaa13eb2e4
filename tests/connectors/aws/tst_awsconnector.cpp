// The AWS connector against a scripted CloudWatch (LocalHttpServer) through the real HttpClient: signing,
// pagination, discovery caching, resumable backfill, throttling, retries, timeouts, bad answers and credentials.

#include "fixturesecrets.h"
#include "awsconnector.h"
#include "awsmapper.h"
#include "sigv4signer.h"

#include "connector/servicesession.h"
#include "fakeclock.h"
#include "localhttpserver.h"
#include "net/httpclient.h"
#include "secrets/securebytes.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTest>

#include <memory>
#include <optional>

using namespace stackscope;
using namespace stackscope::connectors::aws;
using stackscope::test::LocalHttpServer;
using stackscope::test::RecordedRequest;
using stackscope::test::ScriptedResponse;

Q_DECLARE_METATYPE(stackscope::test::ScriptedResponse)

namespace {

constexpr qint64 kJan1 = 1767225600000; // 2026-01-01T00:00:00Z, FakeClock's default
constexpr qint64 kMinute = 60'000;
constexpr qint64 kDay = 86'400'000;
const QByteArray kKeyId = "AKIDFIXTURE0000000001";
const QByteArray kSecret = stackscope::test::fixtureSecret(QStringLiteral("aws/credentials.json"), QStringLiteral("fixture_secret"));
const QByteArray kToken = "FwoGZXIvYXdzEFixtureSessionToken000000000000";

// CloudWatch as the test scripts it: one endpoint (POST /), answers chosen by X-Amz-Target.
class FakeCloudWatch
{
public:
    explicit FakeCloudWatch(LocalHttpServer &server)
    {
        server.route("POST", QStringLiteral("/"), [this](const RecordedRequest &request) { return answer(request); });
    }

    void queue(const QString &operation, QList<ScriptedResponse> responses) { m_queues[operation].append(responses); }
    void setDefault(const QString &operation, ScriptedResponse response) { m_defaults.insert(operation, response); }
    void setHandler(const QString &operation, LocalHttpServer::Handler handler) { m_handlers.insert(operation, handler); }

    static QString operationOf(const RecordedRequest &request)
    {
        const QByteArray target = request.header("X-Amz-Target");
        return QString::fromLatin1(target.mid(target.indexOf('.') + 1));
    }

private:
    ScriptedResponse answer(const RecordedRequest &request)
    {
        const QString operation = operationOf(request);
        if (!m_queues.value(operation).isEmpty())
            return m_queues[operation].takeFirst();
        if (m_handlers.contains(operation))
            return m_handlers.value(operation)(request);
        if (m_defaults.contains(operation))
            return m_defaults.value(operation);
        return ScriptedResponse::json(400, R"({"__type":"com.amazon.coral.service#UnknownOperationException"})");
    }

    QHash<QString, QList<ScriptedResponse>> m_queues;
    QHash<QString, ScriptedResponse> m_defaults;
    QHash<QString, LocalHttpServer::Handler> m_handlers;
};

ScriptedResponse file(const char *name, int status = 200)
{
    ScriptedResponse response = ScriptedResponse::fromFile(status, QStringLiteral("aws/") + QLatin1String(name));
    response.withHeader("Content-Type", "application/x-amz-json-1.0");
    return response;
}

// One datapoint per query, at StartTime, value = query index: whatever the batch, a well-formed answer.
ScriptedResponse echoMetricData(const RecordedRequest &request)
{
    const QJsonObject body = QJsonDocument::fromJson(request.body).object();
    QJsonArray results;
    for (const QJsonValue &query : body.value(QStringLiteral("MetricDataQueries")).toArray()) {
        const QString id = query.toObject().value(QStringLiteral("Id")).toString();
        results.append(QJsonObject{{QStringLiteral("Id"), id},
                                   {QStringLiteral("Timestamps"), QJsonArray{body.value(QStringLiteral("StartTime"))}},
                                   {QStringLiteral("Values"), QJsonArray{id.mid(1).toDouble()}},
                                   {QStringLiteral("StatusCode"), QStringLiteral("Complete")}});
    }
    return ScriptedResponse::json(200, QJsonDocument(QJsonObject{{QStringLiteral("MetricDataResults"), results}}).toJson(QJsonDocument::Compact));
}

QJsonObject bodyOf(const RecordedRequest &request)
{
    return QJsonDocument::fromJson(request.body).object();
}

QStringList operations(const QList<RecordedRequest> &requests)
{
    QStringList out;
    for (const RecordedRequest &request : requests)
        out << FakeCloudWatch::operationOf(request);
    return out;
}

} // namespace

class tst_AwsConnector : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void info();
    void happyPathWithPagination();
    void requestsAreSignedAsReceived();
    void inventoryIsCachedInTheCursor();
    void backfillResumesWhereItStopped();
    void throttlingAfterProgressKeepsTheProgress();
    void errors_data();
    void errors();
    void retryAfterShortIsRetriedInline();
    void serverErrorThenSuccess();
    void timeout();
    void emptyAccount();
    void budgetExhaustedStopsEarly();
    void testConnection_data();
    void testConnection();
    void badRegionNeverReachesTheNetwork();

private:
    struct Outcome
    {
        std::optional<Result<connector::FetchResult>> result;
    };

    std::shared_ptr<connector::ServiceSession> session(QMap<QString, QString> settings = {}, bool withToken = false,
                                                       std::shared_ptr<connector::RequestBudgetTracker> budget = nullptr);
    Result<connector::FetchResult> fetch(AwsConnector &connector, connector::FetchSession &session,
                                         const connector::FetchWindow &window);
    connector::FetchWindow regularWindow(qint64 minutes = 10) const;
    void scriptDiscoveryEmpty();

    std::unique_ptr<LocalHttpServer> m_server;
    std::unique_ptr<FakeCloudWatch> m_aws;
    std::unique_ptr<net::HttpClient> m_http;
    test::FakeClock m_clock;
};

void tst_AwsConnector::initTestCase()
{
    QVERIFY(secrets::initSodium());
}

void tst_AwsConnector::init()
{
    m_server = std::make_unique<LocalHttpServer>();
    QVERIFY(m_server->listen());
    m_aws = std::make_unique<FakeCloudWatch>(*m_server);
    m_http = std::make_unique<net::HttpClient>();
    m_http->setBackoffScale(0.01);
    m_clock.set(kJan1);
}

void tst_AwsConnector::cleanup()
{
    m_http.reset();
    m_aws.reset();
    m_server.reset();
}

std::shared_ptr<connector::ServiceSession> tst_AwsConnector::session(QMap<QString, QString> settings, bool withToken,
                                                                      std::shared_ptr<connector::RequestBudgetTracker> budget)
{
    ServiceConfig config;
    config.id = 7;
    config.uuid = QStringLiteral("00000000-0000-4000-8000-00000000aws1");
    config.project = QStringLiteral("shop");
    config.type = QStringLiteral("aws");
    config.name = QStringLiteral("prod");
    if (!settings.contains(QStringLiteral("region")))
        settings.insert(QStringLiteral("region"), QStringLiteral("eu-west-1"));
    config.settings = settings;
    config.baseUrl = m_server->url();
    connector::CredentialMap credentials;
    credentials[QStringLiteral("access_key_id")] = std::make_shared<const secrets::SecureBytes>(kKeyId);
    credentials[QStringLiteral("secret_access_key")] = std::make_shared<const secrets::SecureBytes>(kSecret);
    if (withToken)
        credentials[QStringLiteral("session_token")] = std::make_shared<const secrets::SecureBytes>(kToken);
    return std::make_shared<connector::ServiceSession>(config, credentials, config.baseUrl, *m_http, m_clock,
                                                       std::move(budget));
}

Result<connector::FetchResult> tst_AwsConnector::fetch(AwsConnector &connector, connector::FetchSession &session,
                                                       const connector::FetchWindow &window)
{
    auto outcome = std::make_shared<Outcome>();
    int calls = 0;
    connector.fetch(session, window, [outcome, &calls](Result<connector::FetchResult> result) {
        ++calls;
        outcome->result.emplace(std::move(result));
    });
    if (!QTest::qWaitFor([&] { return outcome->result.has_value(); }, 20'000))
        return Error::make(Error::Code::Timeout, QStringLiteral("test: the fetch never finished"));
    QTest::qWait(20); // a second `done` would show up here
    if (calls != 1)
        return Error::make(Error::Code::Storage, QStringLiteral("test: done was called %1 times").arg(calls));
    return std::move(*outcome->result);
}

connector::FetchWindow tst_AwsConnector::regularWindow(qint64 minutes) const
{
    connector::FetchWindow window;
    window.toMs = m_clock.nowMs();
    window.fromMs = window.toMs - minutes * kMinute;
    return window;
}

void tst_AwsConnector::scriptDiscoveryEmpty()
{
    m_aws->setDefault(QStringLiteral("ListMetrics"), file("listmetrics-empty.json"));
    m_aws->setDefault(QStringLiteral("DescribeAlarms"), file("describealarms-empty.json"));
    m_aws->setHandler(QStringLiteral("GetMetricData"), echoMetricData);
}

void tst_AwsConnector::info()
{
    const AwsConnector connector;
    const connector::ConnectorInfo &info = connector.info();
    QCOMPARE(info.typeId, QStringLiteral("aws"));
    QCOMPARE(info.maxBackfillDays, std::optional<int>(14));
    QCOMPARE(info.credentials.size(), 3);
    QCOMPARE(info.credentials.at(0).key, QStringLiteral("access_key_id"));
    QVERIFY(!info.credentials.at(0).secret);
    QVERIFY(info.credentials.at(1).secret && info.credentials.at(1).required);
    QVERIFY(info.credentials.at(2).secret && !info.credentials.at(2).required);
    QCOMPARE(info.settings.at(0).key, QStringLiteral("region"));
    QVERIFY(info.settings.at(0).required);
    QSet<QString> names;
    for (const connector::MetricSpec &metric : info.metrics) {
        QVERIFY2(!metric.unit.isEmpty() && !metric.description.isEmpty() && !metric.endpoint.isEmpty(), qPrintable(metric.name));
        names.insert(metric.name);
    }
    for (const char *name : {"aws.ec2.cpu_utilization", "aws.ec2.memory_used", "aws.lambda.invocations", "aws.lambda.errors",
                             "aws.s3.bucket_size", "aws.s3.requests", "aws.rds.read_latency", "aws.apigateway.latency",
                             "aws.cloudwatch.alarm_state"})
        QVERIFY2(names.contains(QLatin1String(name)), name);
    QVERIFY(info.budget.requests <= 60);
}

void tst_AwsConnector::happyPathWithPagination()
{
    m_aws->queue(QStringLiteral("ListMetrics"), {file("listmetrics-ec2-page1.json"), file("listmetrics-ec2-page2.json"),
                                                 file("listmetrics-empty.json"), file("listmetrics-lambda.json")});
    m_aws->setDefault(QStringLiteral("ListMetrics"), file("listmetrics-empty.json"));
    m_aws->queue(QStringLiteral("DescribeAlarms"), {file("describealarms-page1.json"), file("describealarms-page2.json")});
    m_aws->queue(QStringLiteral("GetMetricData"), {file("getmetricdata-page1.json"), file("getmetricdata-page2.json")});

    AwsConnector connector;
    auto s = session();
    const auto result = fetch(connector, *s, regularWindow());
    QVERIFY2(result, qPrintable(result.ok() ? QString() : result.error().userMessage));

    const QList<RecordedRequest> &requests = m_server->requests();
    QCOMPARE(operations(requests),
             (QStringList{QStringLiteral("ListMetrics"), QStringLiteral("ListMetrics"), QStringLiteral("ListMetrics"),
                          QStringLiteral("ListMetrics"), QStringLiteral("ListMetrics"), QStringLiteral("ListMetrics"),
                          QStringLiteral("ListMetrics"), QStringLiteral("DescribeAlarms"), QStringLiteral("DescribeAlarms"),
                          QStringLiteral("GetMetricData"), QStringLiteral("GetMetricData")}));
    // Discovery: EC2 first, filtered on the InstanceId dimension; its second page asked with the token.
    QCOMPARE(bodyOf(requests.at(0)),
             (QJsonObject{{QStringLiteral("Namespace"), QStringLiteral("AWS/EC2")},
                          {QStringLiteral("MetricName"), QStringLiteral("CPUUtilization")},
                          {QStringLiteral("Dimensions"), QJsonArray{QJsonObject{{QStringLiteral("Name"), QStringLiteral("InstanceId")}}}}}));
    QCOMPARE(bodyOf(requests.at(1)).value(QStringLiteral("NextToken")).toString(), QStringLiteral("fixture-lm-token-2"));
    QCOMPARE(bodyOf(requests.at(2)).value(QStringLiteral("Namespace")).toString(), QStringLiteral("CWAgent"));
    QCOMPARE(bodyOf(requests.at(3)).value(QStringLiteral("Namespace")).toString(), QStringLiteral("AWS/Lambda"));
    QVERIFY(!bodyOf(requests.at(7)).contains(QStringLiteral("NextToken")));
    QCOMPARE(bodyOf(requests.at(8)).value(QStringLiteral("NextToken")).toString(), QStringLiteral("fixture-da-token-2"));

    // GetMetricData: two instances (i-…1, i-…3) and one function, in one call over whole 5-minute periods.
    const QJsonObject first = bodyOf(requests.at(9));
    // Ten minutes asked, fifteen read: late CloudWatch data is picked up by the next polls.
    QCOMPARE(first.value(QStringLiteral("StartTime")).toInteger(), (kJan1 - 15 * kMinute) / 1000);
    QCOMPARE(first.value(QStringLiteral("EndTime")).toInteger(), kJan1 / 1000);
    const QJsonArray queries = first.value(QStringLiteral("MetricDataQueries")).toArray();
    QCOMPARE(queries.size(), 2 + 3);
    QCOMPARE(queries.at(1).toObject().value(QStringLiteral("MetricStat")).toObject().value(QStringLiteral("Metric")).toObject()
                 .value(QStringLiteral("Dimensions")).toArray().at(0).toObject().value(QStringLiteral("Value")).toString(),
             QStringLiteral("i-0fixture0000000003"));
    QVERIFY(!first.contains(QStringLiteral("NextToken")));
    const QJsonObject second = bodyOf(requests.at(10));
    QCOMPARE(second.value(QStringLiteral("NextToken")).toString(), QStringLiteral("fixture-gmd-token-2"));
    QCOMPARE(second.value(QStringLiteral("MetricDataQueries")), first.value(QStringLiteral("MetricDataQueries")));
    QCOMPARE(second.value(QStringLiteral("StartTime")), first.value(QStringLiteral("StartTime")));

    const connector::FetchResult &fetched = result.value();
    QVERIFY(fetched.complete);
    QVERIFY(!fetched.cursor.contains(QStringLiteral("resume_from")));
    QVERIFY(fetched.cursor.value(QStringLiteral("inventory")).toObject().contains(QStringLiteral("found")));
    // 3 + 1 + 2 datapoints, 2 alarm states, 3 alarm counts.
    QCOMPARE(fetched.samples.size(), 6 + 2 + 3);
    int cpu = 0, second3 = 0;
    for (const MetricSample &sample : fetched.samples) {
        QVERIFY2(!sample.labels.contains(QStringLiteral("project")), "the scheduler adds project/service, not the connector");
        if (sample.metric == QLatin1String("aws.ec2.cpu_utilization")) {
            if (sample.labels.value(QStringLiteral("instance_id")) == QLatin1String("i-0fixture0000000001"))
                ++cpu;
            else
                ++second3;
        }
        if (sample.metric == QLatin1String("aws.cloudwatch.alarm_state"))
            QCOMPARE(sample.ts, kJan1);
    }
    QCOMPARE(cpu, 3);
    QCOMPARE(second3, 3); // q1 here is the second instance: ids map to this call's queries, not to labels in the file
}

void tst_AwsConnector::requestsAreSignedAsReceived()
{
    scriptDiscoveryEmpty();
    m_aws->setDefault(QStringLiteral("ListMetrics"), file("listmetrics-lambda.json"));
    AwsConnector connector;
    auto s = session({}, true);
    const auto result = fetch(connector, *s, regularWindow());
    QVERIFY2(result, qPrintable(result.ok() ? QString() : result.error().userMessage));
    QVERIFY(m_server->requestCount() >= 3);

    const SigV4Signer signer("eu-west-1", "monitoring");
    const secrets::SecureBytes secret(kSecret);
    for (const RecordedRequest &request : m_server->requests()) {
        const QByteArray authorization = request.header("Authorization");
        const QByteArray expectedStart = "AWS4-HMAC-SHA256 Credential=" + kKeyId
                                         + "/20260101/eu-west-1/monitoring/aws4_request, SignedHeaders=content-type;host;"
                                           "x-amz-date;x-amz-security-token;x-amz-target;x-amzn-query-mode, Signature=";
        QVERIFY2(authorization.startsWith(expectedStart),
                 authorization.constData());
        QCOMPARE(request.header("X-Amz-Date"), QByteArray("20260101T000000Z"));
        QCOMPARE(request.header("Content-Type"), QByteArray("application/x-amz-json-1.0"));
        QCOMPARE(request.header("x-amzn-query-mode"), QByteArray("true"));
        QCOMPARE(request.header("X-Amz-Security-Token"), kToken);
        QVERIFY(request.header("X-Amz-Target").startsWith("GraniteServiceVersion20100801."));
        QCOMPARE(request.method, QByteArray("POST"));
        QCOMPARE(request.path, QStringLiteral("/"));
        // The signature covers exactly what arrived.
        SigV4Request received;
        received.method = request.method;
        received.path = "/";
        received.body = request.body;
        for (const char *name : {"content-type", "host", "x-amz-date", "x-amz-security-token", "x-amz-target", "x-amzn-query-mode"})
            received.headers.append({QByteArray(name), request.header(name)});
        QCOMPARE(authorization, signer.authorization(kKeyId, secret, received));
        // The secret key itself never travels.
        for (const auto &[name, value] : request.headers)
            QVERIFY(!value.contains(kSecret));
        QVERIFY(!request.body.contains(kSecret));
    }
}

void tst_AwsConnector::inventoryIsCachedInTheCursor()
{
    scriptDiscoveryEmpty();
    m_aws->queue(QStringLiteral("ListMetrics"), {file("listmetrics-ec2-page2.json")});
    AwsConnector connector;
    auto s = session();
    auto first = fetch(connector, *s, regularWindow());
    QVERIFY(first);
    QCOMPARE(operations(m_server->requests()).count(QStringLiteral("ListMetrics")), 6);

    // Five minutes later: no discovery, the instance found before is read again.
    m_server->clearRequests();
    m_clock.advance(30 * kMinute);
    connector::FetchWindow window = regularWindow(5); // read from 00:15 (the last 15 minutes): one day, one call
    window.cursor = first->cursor;
    auto second = fetch(connector, *s, window);
    QVERIFY(second);
    QCOMPARE(operations(m_server->requests()), (QStringList{QStringLiteral("DescribeAlarms"), QStringLiteral("GetMetricData")}));
    QVERIFY(m_server->requests().last().body.contains("i-0fixture0000000003"));

    // An hour after discovery the inventory is refreshed.
    m_server->clearRequests();
    m_clock.advance(31 * kMinute);
    window = regularWindow();
    window.cursor = second->cursor;
    QVERIFY(fetch(connector, *s, window));
    QCOMPARE(operations(m_server->requests()).count(QStringLiteral("ListMetrics")), 6);
}

void tst_AwsConnector::backfillResumesWhereItStopped()
{
    scriptDiscoveryEmpty();
    AwsConnector::Options options;
    options.maxRequestsPerRun = 8;
    AwsConnector connector(options);
    // Everything listed: discovery is only the agent and API Gateway (2 calls).
    auto s = session({{QStringLiteral("ec2_instances"), QStringLiteral("i-0fixture0000000001")},
                      {QStringLiteral("lambda_functions"), QStringLiteral("orders-api")},
                      {QStringLiteral("rds_instances"), QStringLiteral("orders-db-1")},
                      {QStringLiteral("s3_buckets"), QStringLiteral("fixture-assets")}});

    connector::FetchWindow window;
    window.backfill = true;
    window.toMs = m_clock.nowMs() + 123;
    window.fromMs = window.toMs - 14 * kDay;

    QList<qint64> regularStarts;
    qint64 dailyStart = -1;
    int runs = 0;
    std::optional<connector::FetchResult> last;
    qint64 samples = 0;
    while (runs < 10) {
        ++runs;
        m_server->clearRequests();
        auto result = fetch(connector, *s, window);
        QVERIFY2(result, qPrintable(result.ok() ? QString() : result.error().userMessage));
        QVERIFY(m_server->requestCount() <= options.maxRequestsPerRun);
        samples += result->samples.size();
        for (const RecordedRequest &request : m_server->requests()) {
            if (FakeCloudWatch::operationOf(request) != QLatin1String("GetMetricData"))
                continue;
            const QJsonObject body = bodyOf(request);
            const int period = body.value(QStringLiteral("MetricDataQueries")).toArray().at(0).toObject()
                                   .value(QStringLiteral("MetricStat")).toObject().value(QStringLiteral("Period")).toInt();
            const qint64 start = body.value(QStringLiteral("StartTime")).toInteger();
            if (period == 86400) {
                // S3 storage: whole days over the (remaining) window, from a UTC midnight.
                QCOMPARE(start % 86400, 0);
                if (dailyStart < 0)
                    dailyStart = start;
            } else {
                QCOMPARE(period, 300);
                QCOMPARE(start % 300, 0);
                regularStarts << start;
            }
        }
        last = std::move(result).value();
        if (last->complete)
            break;
        const qint64 resume = qint64(last->cursor.value(QStringLiteral("resume_from")).toDouble());
        QVERIFY2(resume > window.fromMs && resume <= window.toMs, qPrintable(QString::number(resume)));
        QCOMPARE(resume % kDay, 0); // a UTC midnight: the days before it are all stored
        window.cursor = last->cursor;
        m_clock.advance(kMinute);
    }
    QVERIFY(last && last->complete);
    QVERIFY(runs >= 3);
    QVERIFY(!last->cursor.contains(QStringLiteral("resume_from")));
    QCOMPARE(dailyStart, (window.fromMs / 1000) / 86400 * 86400);
    // Fifteen day slices (the window starts mid-day), each read once, oldest first, no gaps.
    QCOMPARE(regularStarts.size(), 15);
    for (qsizetype i = 1; i < regularStarts.size(); ++i)
        QCOMPARE(regularStarts.at(i), (window.fromMs / kDay + i) * 86400);
    QVERIFY(samples > 15);
}

void tst_AwsConnector::throttlingAfterProgressKeepsTheProgress()
{
    scriptDiscoveryEmpty();
    AwsConnector connector;
    auto s = session({{QStringLiteral("ec2_instances"), QStringLiteral("i-0fixture0000000001")}});
    // Three day-slices read, then AWS throttles.
    m_aws->queue(QStringLiteral("GetMetricData"),
                 {echoMetricData({}), echoMetricData({}), echoMetricData({}),
                  ScriptedResponse::json(400, R"({"__type":"com.amazon.coral.availability#ThrottlingException","message":"Rate exceeded"})")
                      .withHeader("x-amzn-query-error", "Throttling;Sender")});
    connector::FetchWindow window;
    window.backfill = true;
    window.toMs = m_clock.nowMs();
    window.fromMs = window.toMs - 5 * kDay;
    auto result = fetch(connector, *s, window);
    QVERIFY2(result, qPrintable(result.ok() ? QString() : result.error().userMessage));
    QVERIFY(!result->complete);
    QCOMPARE(qint64(result->cursor.value(QStringLiteral("resume_from")).toDouble()), window.fromMs + 3 * kDay);

    // Throttled before anything was read: the error reaches the scheduler, which backs off.
    m_server->clearRequests();
    m_aws->queue(QStringLiteral("GetMetricData"),
                 {ScriptedResponse::json(400, R"({"__type":"com.amazon.coral.availability#ThrottlingException","message":"Rate exceeded"})")});
    auto throttled = fetch(connector, *s, regularWindow());
    QVERIFY(!throttled);
    QCOMPARE(toString(throttled.error().code), toString(Error::Code::RateLimited));
    QVERIFY2(throttled.error().userMessage.contains(QStringLiteral("throttling")), qPrintable(throttled.error().userMessage));
}

void tst_AwsConnector::errors_data()
{
    QTest::addColumn<ScriptedResponse>("response");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("words");
    QTest::addRow("401") << ScriptedResponse::json(401, R"({"message":"Unauthorized"})") << toString(Error::Code::Auth)
                         << QStringLiteral("AWS rejected the credentials");
    QTest::addRow("403 signature does not match")
        << file("error-signature.json", 403) << toString(Error::Code::Auth)
        << QStringLiteral("AWS rejected the credentials (InvalidSignatureException: The request signature we calculated");
    QTest::addRow("400 unrecognised client") << file("error-unrecognizedclient.json", 400) << toString(Error::Code::Auth)
                                             << QStringLiteral("UnrecognizedClientException: The security token included in the request is invalid");
    QTest::addRow("400 access denied") << file("error-accessdenied.json", 400) << toString(Error::Code::Auth)
                                       << QStringLiteral("cloudwatch:DescribeAlarms");
    QTest::addRow("400 throttling") << file("error-throttling.json", 400) << toString(Error::Code::RateLimited)
                                    << QStringLiteral("Rate exceeded");
    QTest::addRow("429 with a long Retry-After")
        << ScriptedResponse::json(429, R"({"message":"Rate exceeded"})").withHeader("Retry-After", "120")
        << toString(Error::Code::RateLimited) << QStringLiteral("429");
    QTest::addRow("malformed JSON") << file("malformed.json") << toString(Error::Code::Parse) << QStringLiteral("not JSON");
    QTest::addRow("HTML from a proxy") << ScriptedResponse::text(200, "<html>captive portal</html>") << toString(Error::Code::Parse)
                                       << QStringLiteral("DescribeAlarms");
    QTest::addRow("clock skew") << file("error-skew.json", 403) << toString(Error::Code::Config) << QStringLiteral("clock");
}

void tst_AwsConnector::errors()
{
    QFETCH(ScriptedResponse, response);
    QFETCH(QString, code);
    QFETCH(QString, words);
    m_aws->setDefault(QStringLiteral("DescribeAlarms"), response);
    AwsConnector connector;
    auto s = session({{QStringLiteral("ec2_instances"), QStringLiteral("i-1")},
                      {QStringLiteral("lambda_functions"), QStringLiteral("f")},
                      {QStringLiteral("rds_instances"), QStringLiteral("db")},
                      {QStringLiteral("s3_buckets"), QStringLiteral("b")}});
    m_aws->setDefault(QStringLiteral("ListMetrics"), file("listmetrics-empty.json"));
    const auto result = fetch(connector, *s, regularWindow());
    QVERIFY(!result);
    QCOMPARE(toString(result.error().code), code);
    QVERIFY2(result.error().userMessage.contains(words), qPrintable(result.error().userMessage));
    QVERIFY(!result.error().userMessage.contains(QString::fromLatin1(kSecret)));
    QVERIFY(!result.error().detail.contains(QString::fromLatin1(kSecret)));
    if (code == toString(Error::Code::RateLimited) && words == QLatin1String("429")) {
        QVERIFY(result.error().retryAfter);
        QCOMPARE(result.error().retryAfter->count(), 120'000);
    }
}

void tst_AwsConnector::retryAfterShortIsRetriedInline()
{
    scriptDiscoveryEmpty();
    m_aws->queue(QStringLiteral("DescribeAlarms"),
                 {ScriptedResponse::json(429, R"({"message":"slow down"})").withHeader("Retry-After", "1"),
                  file("describealarms.json")});
    AwsConnector connector;
    auto s = session();
    const auto result = fetch(connector, *s, regularWindow());
    QVERIFY2(result, qPrintable(result.ok() ? QString() : result.error().userMessage));
    QCOMPARE(operations(m_server->requests()).count(QStringLiteral("DescribeAlarms")), 2);
    QCOMPARE(result->samples.size(), 4 + 3);
}

void tst_AwsConnector::serverErrorThenSuccess()
{
    scriptDiscoveryEmpty();
    m_aws->queue(QStringLiteral("DescribeAlarms"),
                 {ScriptedResponse::json(503, R"({"__type":"ServiceUnavailable","message":"fixture"})"),
                  ScriptedResponse::json(500, R"({"__type":"InternalServiceError"})"), file("describealarms.json")});
    AwsConnector connector;
    auto s = session();
    const auto result = fetch(connector, *s, regularWindow());
    QVERIFY2(result, qPrintable(result.ok() ? QString() : result.error().userMessage));
    QCOMPARE(operations(m_server->requests()).count(QStringLiteral("DescribeAlarms")), 3);

    // Failing every time: after the retries, a Network error (backoff in the scheduler).
    m_server->clearRequests();
    m_aws->setDefault(QStringLiteral("DescribeAlarms"), ScriptedResponse::json(503, "{}"));
    const auto failed = fetch(connector, *s, regularWindow());
    QVERIFY(!failed);
    QCOMPARE(toString(failed.error().code), toString(Error::Code::Network));
    QCOMPARE(operations(m_server->requests()).count(QStringLiteral("DescribeAlarms")), 1 + AwsConnector::Options{}.maxRetries);
}

void tst_AwsConnector::timeout()
{
    scriptDiscoveryEmpty();
    m_aws->setDefault(QStringLiteral("DescribeAlarms"), file("describealarms.json").withDelay(3000));
    AwsConnector::Options options;
    options.requestTimeout = std::chrono::milliseconds(200);
    options.maxRetries = 0;
    AwsConnector connector(options);
    auto s = session();
    QElapsedTimer elapsed;
    elapsed.start();
    const auto result = fetch(connector, *s, regularWindow());
    QVERIFY(!result);
    QCOMPARE(toString(result.error().code), toString(Error::Code::Timeout));
    QVERIFY2(elapsed.elapsed() < 2500, qPrintable(QString::number(elapsed.elapsed())));
}

void tst_AwsConnector::emptyAccount()
{
    scriptDiscoveryEmpty();
    AwsConnector connector;
    auto s = session();
    const auto result = fetch(connector, *s, regularWindow());
    QVERIFY2(result, qPrintable(result.ok() ? QString() : result.error().userMessage));
    // Nothing publishes metrics, no alarms: no GetMetricData at all, and the three alarm counts at zero.
    QVERIFY(!operations(m_server->requests()).contains(QStringLiteral("GetMetricData")));
    QCOMPARE(result->samples.size(), 3);
    for (const MetricSample &sample : result->samples) {
        QCOMPARE(sample.metric, QStringLiteral("aws.cloudwatch.alarms"));
        QCOMPARE(sample.value, 0.0);
    }
    QVERIFY(result->complete);
}

void tst_AwsConnector::budgetExhaustedStopsEarly()
{
    scriptDiscoveryEmpty();
    auto budget = std::make_shared<connector::RequestBudgetTracker>(connector::RequestBudget{3, std::chrono::seconds(60), 1});
    AwsConnector connector;
    auto s = session({}, false, budget);
    const auto result = fetch(connector, *s, regularWindow());
    QVERIFY2(result, qPrintable(result.ok() ? QString() : result.error().userMessage));
    QVERIFY(!result->complete);
    QCOMPARE(m_server->requestCount(), 3);
}

void tst_AwsConnector::testConnection_data()
{
    QTest::addColumn<ScriptedResponse>("response");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("words");
    QTest::addRow("ok") << file("describealarms-page1.json") << true << QString();
    QTest::addRow("wrong key") << file("error-unrecognizedclient.json", 400) << false
                               << QStringLiteral("AWS rejected the credentials (UnrecognizedClientException: The security token included in the request is invalid).");
    QTest::addRow("no permission") << file("error-accessdenied.json", 400) << false
                                   << QStringLiteral("AWS denied access (AccessDeniedException: User: arn:aws:iam::111122223333:user/stackscope-fixture is not authorized");
    QTest::addRow("Query protocol XML answer") << ScriptedResponse::fromFile(403, QStringLiteral("aws/error-query.xml")) << false
                                               << QStringLiteral("(InvalidClientTokenId: The security token included in the request is invalid)");
}

void tst_AwsConnector::testConnection()
{
    QFETCH(ScriptedResponse, response);
    QFETCH(bool, ok);
    QFETCH(QString, words);
    m_aws->setDefault(QStringLiteral("DescribeAlarms"), response);
    AwsConnector connector;
    auto s = session();
    std::optional<Status> status;
    connector.testConnection(*s, [&status](Status st) { status = st; });
    QVERIFY(QTest::qWaitFor([&] { return status.has_value(); }, 10'000));
    QCOMPARE(status->ok(), ok);
    if (!ok)
        QVERIFY2(status->error().userMessage.contains(words), qPrintable(status->error().userMessage));
    QCOMPARE(m_server->requestCount(), 1);
    const RecordedRequest &request = m_server->requests().first();
    QCOMPARE(request.header("X-Amz-Target"), QByteArray("GraniteServiceVersion20100801.DescribeAlarms"));
    QCOMPARE(bodyOf(request).value(QStringLiteral("MaxRecords")).toInt(), 1);
}

void tst_AwsConnector::badRegionNeverReachesTheNetwork()
{
    AwsConnector connector;
    auto s = session({{QStringLiteral("region"), QStringLiteral("attacker.example/")}});
    std::optional<Status> status;
    connector.testConnection(*s, [&status](Status st) { status = st; });
    QVERIFY(status.has_value());
    QVERIFY(!status->ok());
    QCOMPARE(toString(status->error().code), toString(Error::Code::Config));
    const auto result = fetch(connector, *s, regularWindow());
    QVERIFY(!result);
    QCOMPARE(toString(result.error().code), toString(Error::Code::Config));
    QCOMPARE(m_server->requestCount(), 0);
}

QTEST_GUILESS_MAIN(tst_AwsConnector)
#include "tst_awsconnector.moc"
