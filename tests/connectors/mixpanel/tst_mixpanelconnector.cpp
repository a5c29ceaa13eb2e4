// The Mixpanel connector against a local Mixpanel stand-in, through the real HttpClient: the queries it sends
// (Basic auth, project_id, event arrays, segmentation expressions, funnel and retention parameters), how it
// spends and resumes within 60 queries an hour, how it reports what Mixpanel answers, and how the scheduler
// refuses a service whose plan cannot fit Mixpanel's limit.
#include "fixturesecrets.h"
#include "mixpanelconnector.h"
#include "mixpanelmapper.h"

#include "fakeclock.h"
#include "localhttpserver.h"

#include "connector/connectorregistry.h"
#include "connector/pollscheduler.h"
#include "connector/requestbudget.h"
#include "connector/servicesession.h"
#include "net/httpclient.h"
#include "secrets/securebytes.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QSignalSpy>
#include <QTest>

#include <memory>
#include <optional>

using namespace stackscope;
using namespace stackscope::connectors::mixpanel;
using namespace stackscope::test;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

const QByteArray kSecret = stackscope::test::fixtureSecret(QStringLiteral("mixpanel/credentials.json"), QStringLiteral("fixture_secret"));
const QString kUser = u"stackscope.fixture.mp-service-account"_s;
const QString kProject = u"1000001"_s;
constexpr qint64 kNow = 1772539200000; // 2026-03-03T12:00:00Z
constexpr qint64 kDayMs = 86'400'000;

QStringList g_logged;
QtMessageHandler g_previousHandler = nullptr;

void collect(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    g_logged << message;
    if (type != QtDebugMsg && g_previousHandler)
        g_previousHandler(type, context, message);
}

QByteArray basic()
{
    return "Basic " + QByteArray(kUser.toUtf8() + ':' + kSecret).toBase64();
}

QDate dateParam(const RecordedRequest &request, const char *name)
{
    return QDate::fromString(request.query.queryItemValue(QString::fromLatin1(name)), Qt::ISODate);
}

QByteArray json(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// What Mixpanel would answer for the request's own parameters.
ScriptedResponse answer(const RecordedRequest &request)
{
    if (request.header("Authorization") != basic())
        return ScriptedResponse::fromFile(401, u"mixpanel/error_401.json"_s);
    if (request.query.queryItemValue(u"project_id"_s) != kProject)
        return ScriptedResponse::fromFile(400, u"mixpanel/error_400.json"_s);
    if (request.path == u"/api/query/funnels/list"_s)
        return ScriptedResponse::fromFile(200, u"mixpanel/funnel_list.json"_s);
    const QDate from = dateParam(request, "from_date");
    const QDate to = dateParam(request, "to_date");
    if (!from.isValid() || !to.isValid() || from > to)
        return ScriptedResponse::fromFile(400, u"mixpanel/error_400.json"_s);
    if (request.path == u"/api/query/events"_s || request.path == u"/api/query/segmentation"_s) {
        QStringList names;
        if (request.path == u"/api/query/events"_s) {
            const QJsonArray events = QJsonDocument::fromJson(request.query.queryItemValue(u"event"_s, QUrl::FullyDecoded).toUtf8()).array();
            for (const QJsonValue &event : events)
                names << event.toString();
        } else {
            names = {u"pro"_s, u"free"_s};
        }
        QJsonObject values;
        QJsonArray series;
        for (QDate day = from; day <= to; day = day.addDays(1))
            series.append(day.toString(Qt::ISODate));
        for (qsizetype i = 0; i < names.size(); ++i) {
            QJsonObject perDay;
            for (QDate day = from; day <= to; day = day.addDays(1))
                perDay.insert(day.toString(Qt::ISODate), day.day() * 10 + int(i));
            values.insert(names[i], perDay);
        }
        return ScriptedResponse::json(200, json({{u"data"_s, QJsonObject{{u"series"_s, series}, {u"values"_s, values}}},
                                                 {u"legend_size"_s, int(names.size())}}));
    }
    if (request.path == u"/api/query/funnels"_s) {
        QJsonObject data;
        for (QDate day = from; day <= to; day = day.addDays(1)) {
            QJsonArray steps;
            const int start = 1000 + day.day();
            steps.append(QJsonObject{{u"count"_s, start}, {u"step_conv_ratio"_s, 1}, {u"overall_conv_ratio"_s, 1},
                                     {u"goal"_s, u"Signup Started"_s}, {u"event"_s, u"Signup Started"_s}});
            steps.append(QJsonObject{{u"count"_s, start / 2}, {u"step_conv_ratio"_s, 0.5}, {u"overall_conv_ratio"_s, 0.5},
                                     {u"goal"_s, u"Signup Completed"_s}, {u"event"_s, u"Signup Completed"_s}});
            data.insert(day.toString(Qt::ISODate), QJsonObject{{u"steps"_s, steps}});
        }
        return ScriptedResponse::json(200, json({{u"meta"_s, QJsonObject{}}, {u"data"_s, data}}));
    }
    if (request.path == u"/api/query/retention"_s) {
        QJsonObject cohorts;
        const int buckets = request.query.queryItemValue(u"interval_count"_s).toInt() + 1;
        for (QDate day = from; day <= to; day = day.addDays(1)) {
            QJsonArray counts;
            for (int i = 0; i < std::min<qint64>(buckets, day.daysTo(to) + 1); ++i)
                counts.append(100 - i * 10);
            cohorts.insert(day.toString(Qt::ISODate), QJsonObject{{u"counts"_s, counts}, {u"first"_s, 200}});
        }
        return ScriptedResponse::json(200, json(cohorts));
    }
    return ScriptedResponse::json(404, R"({"error": "no such endpoint"})");
}

QMap<QString, QString> allReports()
{
    return {{u"username"_s, kUser},
            {u"project_id"_s, kProject},
            {u"workspace_id"_s, u"42"_s},
            {u"events"_s, u"Signup Completed, Export Clicked,Say \"hi\" & bye"_s},
            {u"segment_property"_s, u"plan"_s},
            {u"funnel_ids"_s, u"7509,9070"_s},
            {u"retention"_s, u"Signup Completed"_s},
            {u"retention_event"_s, u"Login"_s},
            {u"retention_days"_s, u"7"_s}};
}

} // namespace

class tst_MixpanelConnector : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void cleanupTestCase();

    void catalogue();
    void everyReportIsOneQuery();
    void backfillReachesBackInTheSameQueries();
    void budgetStopsAndResumes();
    void shortRetryAfterIsHonoured();
    void rateLimitWithoutRetryAfterWaitsLong();
    void rateLimitAfterSomeReportsKeepsThem();
    void serverErrorThenSuccess();
    void timeout();
    void malformedJson();
    void wrongCredentials();
    void emptyResults();
    void checkConfigurationCountsQueries();
    void schedulerDisablesAServiceOverBudget();
    void testConnection_data();
    void testConnection();
    void secretNeverLogged();

private:
    ServiceConfig makeConfig(const QMap<QString, QString> &settings) const;
    std::shared_ptr<connector::ServiceSession> makeSession(const QMap<QString, QString> &settings, int budget = 60);
    Result<connector::FetchResult> runFetch(connector::FetchSession &session, const connector::FetchWindow &window);
    Status runTest(connector::FetchSession &session);
    QList<RecordedRequest> requestsTo(const QString &path) const;

    std::unique_ptr<LocalHttpServer> m_server;
    std::unique_ptr<net::HttpClient> m_http;
    FakeClock m_clock{kNow};
    std::unique_ptr<MixpanelConnector> m_connector;
};

void tst_MixpanelConnector::initTestCase()
{
    QVERIFY(secrets::initSodium());
    g_previousHandler = qInstallMessageHandler(collect);
    QLoggingCategory::setFilterRules(u"stackscope.*.debug=true"_s);
}

void tst_MixpanelConnector::init()
{
    m_server = std::make_unique<LocalHttpServer>();
    QVERIFY(m_server->listen());
    m_server->route("GET", u"/api/query/*"_s, answer);
    m_http = std::make_unique<net::HttpClient>();
    m_http->setBackoffScale(0.01);
    m_clock.set(kNow);
    m_connector = std::make_unique<MixpanelConnector>();
    m_connector->setRetryScale(0.01);
}

void tst_MixpanelConnector::cleanup()
{
    m_connector.reset();
    m_http.reset();
    m_server.reset();
}

void tst_MixpanelConnector::cleanupTestCase()
{
    qInstallMessageHandler(g_previousHandler);
}

ServiceConfig tst_MixpanelConnector::makeConfig(const QMap<QString, QString> &settings) const
{
    ServiceConfig config;
    config.id = 5;
    config.type = u"mixpanel"_s;
    config.project = u"web"_s;
    config.name = u"mp"_s;
    config.settings = settings;
    config.baseUrl = m_server->url();
    config.interval = std::chrono::hours(1);
    return config;
}

std::shared_ptr<connector::ServiceSession> tst_MixpanelConnector::makeSession(const QMap<QString, QString> &settings,
                                                                              int budget)
{
    const ServiceConfig config = makeConfig(settings);
    connector::CredentialMap credentials;
    credentials.emplace(u"secret"_s, std::make_shared<const secrets::SecureBytes>(QByteArrayView(kSecret)));
    auto tracker = std::make_shared<connector::RequestBudgetTracker>(
        connector::RequestBudget{budget, std::chrono::hours(1), 1});
    return std::make_shared<connector::ServiceSession>(config, credentials, config.baseUrl, *m_http, m_clock, tracker);
}

Result<connector::FetchResult> tst_MixpanelConnector::runFetch(connector::FetchSession &session,
                                                               const connector::FetchWindow &window)
{
    std::optional<Result<connector::FetchResult>> outcome;
    int calls = 0;
    m_connector->fetch(session, window, [&](Result<connector::FetchResult> result) {
        ++calls;
        outcome.emplace(std::move(result));
    });
    if (!QTest::qWaitFor([&] { return outcome.has_value(); }, 20'000))
        return Error::make(Error::Code::Timeout, u"the fetch never finished"_s);
    QTest::qWait(20);
    if (calls != 1)
        return Error::make(Error::Code::Storage, u"done was called %1 times"_s.arg(calls));
    return std::move(*outcome);
}

Status tst_MixpanelConnector::runTest(connector::FetchSession &session)
{
    std::optional<Status> outcome;
    m_connector->testConnection(session, [&](Status status) { outcome.emplace(std::move(status)); });
    if (!QTest::qWaitFor([&] { return outcome.has_value(); }, 20'000))
        return Error::make(Error::Code::Timeout, u"the test never finished"_s);
    return std::move(*outcome);
}

QList<RecordedRequest> tst_MixpanelConnector::requestsTo(const QString &path) const
{
    QList<RecordedRequest> out;
    for (const RecordedRequest &request : m_server->requests()) {
        if (request.path == path)
            out.append(request);
    }
    return out;
}

void tst_MixpanelConnector::catalogue()
{
    const connector::ConnectorInfo &info = m_connector->info();
    QCOMPARE(info.typeId, u"mixpanel"_s);
    QCOMPARE(info.credentials.size(), 1);
    QCOMPARE(info.credentials.first().key, u"secret"_s);
    QVERIFY(info.credentials.first().secret);
    QCOMPARE(info.budget.requests, 60);
    QCOMPARE(info.budget.per, std::chrono::seconds(3600));
    QCOMPARE(info.budget.maxConcurrent, 1);
    QCOMPARE(info.metrics.size(), 8);
    for (const connector::MetricSpec &metric : info.metrics) {
        QVERIFY(metric.name.startsWith(u"mixpanel."_s));
        QVERIFY(!metric.unit.isEmpty());
        QVERIFY(metric.endpoint.startsWith(u"GET /api/query/"_s));
    }
    // The default interval fits any configuration the settings allow (at most 23 queries a poll).
    QVERIFY(checkQueryBudget(1 + 1 + kMaxFunnels + 1, info.defaultInterval));
}

void tst_MixpanelConnector::everyReportIsOneQuery()
{
    auto session = makeSession(allReports());
    const auto result = runFetch(*session, {kNow - 3'600'000, kNow, false, {}});
    QVERIFY2(result, result ? "" : qPrintable(result.error().userMessage));
    QVERIFY(result->complete);
    QCOMPARE(m_server->requestCount(), 5);
    for (const RecordedRequest &request : m_server->requests()) {
        QCOMPARE(request.method, QByteArray("GET"));
        QCOMPARE(request.header("Authorization"), basic());
        QCOMPARE(request.query.queryItemValue(u"project_id"_s), kProject);
        QCOMPARE(request.query.queryItemValue(u"workspace_id"_s), u"42"_s);
        QCOMPARE(dateParam(request, "to_date"), QDate(2026, 3, 3));
    }
    const RecordedRequest events = requestsTo(u"/api/query/events"_s).value(0);
    QCOMPARE(QJsonDocument::fromJson(events.query.queryItemValue(u"event"_s, QUrl::FullyDecoded).toUtf8()).array(),
             (QJsonArray{u"Signup Completed"_s, u"Export Clicked"_s, u"Say \"hi\" & bye"_s}));
    QCOMPARE(events.query.queryItemValue(u"type"_s), u"general"_s);
    QCOMPARE(events.query.queryItemValue(u"unit"_s), u"day"_s);
    QCOMPARE(dateParam(events, "from_date"), QDate(2026, 3, 2));

    const RecordedRequest segmentation = requestsTo(u"/api/query/segmentation"_s).value(0);
    QCOMPARE(segmentation.query.queryItemValue(u"event"_s, QUrl::FullyDecoded), u"Signup Completed"_s);
    QCOMPARE(segmentation.query.queryItemValue(u"on"_s, QUrl::FullyDecoded), uR"(properties["plan"])"_s);

    const QList<RecordedRequest> funnels = requestsTo(u"/api/query/funnels"_s);
    QCOMPARE(funnels.size(), 2);
    QCOMPARE(funnels[0].query.queryItemValue(u"funnel_id"_s), u"7509"_s);
    QCOMPARE(funnels[1].query.queryItemValue(u"funnel_id"_s), u"9070"_s);
    QCOMPARE(dateParam(funnels[0], "from_date"), QDate(2026, 2, 24)); // conversions settle for a week

    const RecordedRequest retention = requestsTo(u"/api/query/retention"_s).value(0);
    QCOMPARE(retention.query.queryItemValue(u"retention_type"_s), u"birth"_s);
    QCOMPARE(retention.query.queryItemValue(u"born_event"_s, QUrl::FullyDecoded), u"Signup Completed"_s);
    QCOMPARE(retention.query.queryItemValue(u"event"_s), u"Login"_s);
    QCOMPARE(retention.query.queryItemValue(u"interval_count"_s), u"7"_s);
    QCOMPARE(retention.query.queryItemValue(u"unit"_s), u"day"_s);
    QCOMPARE(dateParam(retention, "from_date"), QDate(2026, 2, 23));

    int events_ = 0, segments = 0, funnelSamples = 0, retentionSamples = 0;
    for (const MetricSample &sample : result->samples) {
        events_ += sample.metric == u"mixpanel.events"_s;
        segments += sample.metric == u"mixpanel.segment.events"_s;
        funnelSamples += sample.metric.startsWith(u"mixpanel.funnel."_s);
        retentionSamples += sample.metric.startsWith(u"mixpanel.retention."_s);
    }
    QCOMPARE(events_, 3 * 2);
    QCOMPARE(segments, 2 * 2);
    QCOMPARE(funnelSamples, 2 * 8 * 2 * 3); // funnels × days × steps × values
    QVERIFY(retentionSamples > 9);
    for (const MetricSample &sample : result->samples) {
        if (sample.metric == u"mixpanel.events"_s && sample.labels.value(u"event"_s) == u"Export Clicked"_s
            && sample.ts == dayStartMs(QDate(2026, 3, 3)))
            QCOMPARE(sample.value, 31.0);
    }
}

void tst_MixpanelConnector::backfillReachesBackInTheSameQueries()
{
    auto session = makeSession(allReports());
    const auto result = runFetch(*session, {kNow - 30 * kDayMs, kNow, true, {}});
    QVERIFY(result);
    QCOMPARE(m_server->requestCount(), 5);
    for (const RecordedRequest &request : m_server->requests())
        QCOMPARE(dateParam(request, "from_date"), QDate(2026, 2, 1));
}

void tst_MixpanelConnector::budgetStopsAndResumes()
{
    auto session = makeSession(allReports(), 2);
    const connector::FetchWindow window{kNow - 3'600'000, kNow, false, {}};
    const auto first = runFetch(*session, window);
    QVERIFY(first);
    QVERIFY(!first->complete);
    QCOMPARE(m_server->requestCount(), 2);
    QCOMPARE(first->cursor.value(u"next_query"_s).toString(), u"funnel:7509"_s);
    QVERIFY(!first->samples.isEmpty());

    // Within the hour nothing more is sent.
    m_clock.advance(600'000);
    const auto blocked = runFetch(*session, {window.fromMs, m_clock.nowMs(), false, first->cursor});
    QVERIFY(blocked);
    QVERIFY(!blocked->complete);
    QCOMPARE(m_server->requestCount(), 2);
    QCOMPARE(blocked->cursor.value(u"next_query"_s).toString(), u"funnel:7509"_s);

    m_clock.advance(3'600'000);
    const auto second = runFetch(*session, {window.fromMs, m_clock.nowMs(), false, first->cursor});
    QVERIFY(second);
    QVERIFY(!second->complete);
    QCOMPARE(second->cursor.value(u"next_query"_s).toString(), u"retention"_s);
    QCOMPARE(requestsTo(u"/api/query/funnels"_s).size(), 2);

    m_clock.advance(3'600'000);
    const auto third = runFetch(*session, {window.fromMs, m_clock.nowMs(), false, second->cursor});
    QVERIFY(third);
    QVERIFY(third->complete);
    QVERIFY(third->cursor.isEmpty());
    QCOMPARE(m_server->requestCount(), 5);
}

void tst_MixpanelConnector::shortRetryAfterIsHonoured()
{
    m_server->queue("GET", u"/api/query/events"_s,
                    {ScriptedResponse::fromFile(429, u"mixpanel/error_429.json"_s).withHeader("Retry-After", "1")});
    auto session = makeSession({{u"username"_s, kUser}, {u"project_id"_s, kProject}, {u"events"_s, u"A"_s}}, 60);
    QElapsedTimer elapsed;
    elapsed.start();
    const auto result = runFetch(*session, {kNow - 3'600'000, kNow, false, {}});
    QVERIFY2(result, result ? "" : qPrintable(result.error().userMessage));
    QVERIFY(elapsed.elapsed() >= 900);
    QCOMPARE(m_server->requestCount(), 2);
}

void tst_MixpanelConnector::rateLimitWithoutRetryAfterWaitsLong()
{
    m_server->route("GET", u"/api/query/events"_s, ScriptedResponse::fromFile(429, u"mixpanel/error_429.json"_s));
    auto session = makeSession({{u"username"_s, kUser}, {u"project_id"_s, kProject}, {u"events"_s, u"A"_s}});
    const auto result = runFetch(*session, {kNow - 3'600'000, kNow, false, {}});
    QVERIFY(!result);
    QCOMPARE(toString(result.error().code), toString(Error::Code::RateLimited));
    QCOMPARE(result.error().retryAfter.value_or(0ms), std::chrono::milliseconds(MixpanelConnector::kRateLimitedPause));
    QVERIFY2(result.error().userMessage.startsWith(u"Mixpanel is limiting requests"_s), qPrintable(result.error().userMessage));
    QVERIFY2(result.error().userMessage.contains(u"60 Query API queries an hour"_s), qPrintable(result.error().userMessage));
    QCOMPARE(m_server->requestCount(), 1);
}

void tst_MixpanelConnector::rateLimitAfterSomeReportsKeepsThem()
{
    m_server->route("GET", u"/api/query/funnels"_s,
                    ScriptedResponse::fromFile(429, u"mixpanel/error_429.json"_s).withHeader("Retry-After", "600"));
    auto session = makeSession(allReports());
    const connector::FetchWindow window{kNow - 3'600'000, kNow, false, {}};
    const auto first = runFetch(*session, window);
    QVERIFY(first);
    QVERIFY(!first->complete);
    QCOMPARE(first->cursor.value(u"next_query"_s).toString(), u"funnel:7509"_s);
    QCOMPARE(qint64(first->cursor.value(u"not_before_ms"_s).toDouble()), kNow + 600'000);
    QCOMPARE(m_server->requestCount(), 3);

    m_clock.advance(60'000);
    const auto early = runFetch(*session, {window.fromMs, m_clock.nowMs(), false, first->cursor});
    QVERIFY(!early);
    QCOMPARE(toString(early.error().code), toString(Error::Code::RateLimited));
    QCOMPARE(early.error().retryAfter.value_or(0ms).count(), 540'000);
    QCOMPARE(m_server->requestCount(), 3);
}

void tst_MixpanelConnector::serverErrorThenSuccess()
{
    m_server->queue("GET", u"/api/query/events"_s, {ScriptedResponse::json(503, R"({"error": "unavailable"})")});
    auto session = makeSession({{u"username"_s, kUser}, {u"project_id"_s, kProject}, {u"events"_s, u"A"_s}}, 60);
    const auto result = runFetch(*session, {kNow - 3'600'000, kNow, false, {}});
    QVERIFY2(result, result ? "" : qPrintable(result.error().userMessage));
    QCOMPARE(m_server->requestCount(), 2);
    QCOMPARE(result->samples.size(), 2);

    // Two failures in a row: the fetch fails (the scheduler backs off); both attempts were spent.
    m_server->queue("GET", u"/api/query/events"_s,
                    {ScriptedResponse::json(502, "{}"), ScriptedResponse::json(502, "{}")});
    const auto failed = runFetch(*session, {kNow - 3'600'000, kNow, false, {}});
    QVERIFY(!failed);
    QCOMPARE(toString(failed.error().code), toString(Error::Code::Network));
    QVERIFY2(failed.error().userMessage.startsWith(u"Mixpanel"_s), qPrintable(failed.error().userMessage));
    QCOMPARE(m_server->requestCount(), 4);
}

void tst_MixpanelConnector::timeout()
{
    m_connector->setRequestTimeout(300ms);
    m_server->route("GET", u"/api/query/events"_s, ScriptedResponse::fromFile(200, u"mixpanel/events.json"_s).withDelay(3'000));
    auto session = makeSession({{u"username"_s, kUser}, {u"project_id"_s, kProject}, {u"events"_s, u"A"_s}});
    QElapsedTimer elapsed;
    elapsed.start();
    const auto result = runFetch(*session, {kNow - 3'600'000, kNow, false, {}});
    QVERIFY(!result);
    QCOMPARE(toString(result.error().code), toString(Error::Code::Timeout));
    QVERIFY2(result.error().userMessage.startsWith(u"Mixpanel"_s), qPrintable(result.error().userMessage));
    QCOMPARE(m_server->requestCount(), MixpanelConnector::kMaxAttempts);
    QVERIFY(elapsed.elapsed() < 3'000);
}

void tst_MixpanelConnector::malformedJson()
{
    m_server->route("GET", u"/api/query/funnels"_s, ScriptedResponse::fromFile(200, u"mixpanel/truncated.json"_s));
    auto session = makeSession(allReports());
    const auto result = runFetch(*session, {kNow - 3'600'000, kNow, false, {}});
    QVERIFY(!result);
    QCOMPARE(toString(result.error().code), toString(Error::Code::Parse));
    QVERIFY2(result.error().userMessage.contains(u"funnel 7509 answer is not valid JSON"_s),
             qPrintable(result.error().userMessage));
}

void tst_MixpanelConnector::wrongCredentials()
{
    auto session = makeSession(allReports());
    ServiceConfig config = session->service();
    connector::CredentialMap wrong;
    wrong.emplace(u"secret"_s, std::make_shared<const secrets::SecureBytes>(QByteArrayView("not-the-secret")));
    connector::ServiceSession bad(config, wrong, config.baseUrl, *m_http, m_clock, nullptr);
    const auto result = runFetch(bad, {kNow - 3'600'000, kNow, false, {}});
    QVERIFY(!result);
    QCOMPARE(toString(result.error().code), toString(Error::Code::Auth));
    QVERIFY2(result.error().userMessage.startsWith(u"Mixpanel rejected the credentials (HTTP 401)"_s),
             qPrintable(result.error().userMessage));
    QVERIFY2(result.error().userMessage.contains(u"Invalid service account credentials"_s),
             qPrintable(result.error().userMessage));
    QCOMPARE(m_server->requestCount(), 1);
}

void tst_MixpanelConnector::emptyResults()
{
    m_server->route("GET", u"/api/query/events"_s, ScriptedResponse::fromFile(200, u"mixpanel/events_empty.json"_s));
    m_server->route("GET", u"/api/query/funnels"_s, ScriptedResponse::json(200, R"({"meta": {"dates": []}, "data": {}})"));
    m_server->route("GET", u"/api/query/retention"_s, ScriptedResponse::json(200, "{}"));
    auto session = makeSession({{u"username"_s, kUser}, {u"project_id"_s, kProject}, {u"events"_s, u"A"_s},
                                {u"funnel_ids"_s, u"7509"_s}, {u"retention"_s, u"Signup"_s}});
    const auto result = runFetch(*session, {kNow - 3'600'000, kNow, false, {}});
    QVERIFY(result);
    QVERIFY(result->complete);
    QVERIFY(result->samples.isEmpty());
    QCOMPARE(m_server->requestCount(), 3);
}

void tst_MixpanelConnector::checkConfigurationCountsQueries()
{
    QMap<QString, QString> settings{{u"username"_s, kUser}, {u"project_id"_s, kProject},
                                    {u"funnel_ids"_s, u"1,2,3,4,5,6,7,8,9,10,11,12,13"_s}};
    ServiceConfig config = makeConfig(settings);
    config.interval = std::chrono::minutes(15);
    QVERIFY(m_connector->checkConfiguration(config)); // 13 × 4 = 52
    config.interval = std::chrono::minutes(5);
    const Status refused = m_connector->checkConfiguration(config);
    QVERIFY(!refused);
    QCOMPARE(toString(refused.error().code), toString(Error::Code::Config));
    QVERIFY2(refused.error().userMessage.contains(u"needs 156 queries an hour"_s), qPrintable(refused.error().userMessage));
    QVERIFY2(refused.error().userMessage.contains(u"poll every 13 minutes or more"_s), qPrintable(refused.error().userMessage));

    // Ten events and three funnels are four queries: every 5 minutes is 48 an hour.
    config.settings = {{u"username"_s, kUser}, {u"project_id"_s, kProject},
                       {u"events"_s, u"A,B,C,D,E,F,G,H,I,J"_s}, {u"funnel_ids"_s, u"1,2,3"_s}};
    QVERIFY(m_connector->checkConfiguration(config));
    config.settings.remove(u"project_id"_s);
    QVERIFY(!m_connector->checkConfiguration(config));
}

void tst_MixpanelConnector::schedulerDisablesAServiceOverBudget()
{
    connector::ConnectorRegistry registry;
    registry.add([] { return std::make_unique<MixpanelConnector>(); });
    connector::PollScheduler scheduler(registry, *m_http, m_clock);
    scheduler.setJitter(0);

    auto scheduled = [&](qint64 id, std::chrono::seconds interval) {
        connector::ScheduledService service;
        service.config = makeConfig({{u"username"_s, kUser}, {u"project_id"_s, kProject},
                                     {u"funnel_ids"_s, u"7509,9070,1,2,3,4,5,6,7,8,9,10,11"_s}});
        service.config.id = id;
        service.config.name = u"mp%1"_s.arg(id);
        service.config.interval = interval;
        service.credentials.emplace(u"secret"_s, std::make_shared<const secrets::SecureBytes>(QByteArrayView(kSecret)));
        return service;
    };
    // Alone, the refused service still ends the cycle (poll --once must not wait for it).
    scheduler.setServices({scheduled(1, std::chrono::minutes(5))});
    QSignalSpy finished(&scheduler, &connector::PollScheduler::cycleFinished);
    scheduler.runNow();
    QVERIFY(finished.wait(5'000));
    const auto tooOften = scheduler.health(1);
    QVERIFY(tooOften);
    QCOMPARE(stateName(tooOften->state), u"disabled"_s);
    QVERIFY2(tooOften->lastError.contains(u"needs 156 queries an hour"_s), qPrintable(tooOften->lastError));
    QCOMPARE(m_server->requestCount(), 0);

    scheduler.setServices({scheduled(1, std::chrono::minutes(5)), scheduled(2, std::chrono::minutes(20))});
    finished.clear();
    scheduler.runNow();
    QVERIFY(finished.wait(20'000));
    QTRY_VERIFY_WITH_TIMEOUT(!scheduler.isBusy(), 20'000);
    QCOMPARE(stateName(scheduler.health(1)->state), u"disabled"_s);
    const auto fits = scheduler.health(2);
    QVERIFY(fits);
    QCOMPARE(stateName(fits->state), u"ok"_s);
    // Only the service that fits was polled: its 13 funnels, one query each.
    QCOMPARE(m_server->requestCount(), 13);
}

void tst_MixpanelConnector::testConnection_data()
{
    QTest::addColumn<QString>("funnels");
    QTest::addColumn<bool>("rightSecret");
    QTest::addColumn<int>("code"); // -1: OK
    QTest::addColumn<QString>("messagePart");

    QTest::addRow("ok") << u"7509"_s << true << -1 << QString();
    QTest::addRow("unknown funnel") << u"7509,1234"_s << true << int(Error::Code::Config)
                                    << u"project 1000001 has no saved funnel 1234 (saved funnels: 7509 \"Signup funnel\", "
                                       "9070 \"Funnel tutorial\")"_s;
    QTest::addRow("wrong secret") << u"7509"_s << false << int(Error::Code::Auth)
                                  << u"Mixpanel rejected the credentials (HTTP 401): Invalid service account credentials."_s;
}

void tst_MixpanelConnector::testConnection()
{
    QFETCH(QString, funnels);
    QFETCH(bool, rightSecret);
    QFETCH(int, code);
    QFETCH(QString, messagePart);
    const ServiceConfig config = makeConfig({{u"username"_s, kUser}, {u"project_id"_s, kProject}, {u"funnel_ids"_s, funnels}});
    connector::CredentialMap credentials;
    credentials.emplace(u"secret"_s, std::make_shared<const secrets::SecureBytes>(
                                         QByteArrayView(rightSecret ? kSecret : QByteArray("wrong-secret-value"))));
    connector::ServiceSession session(config, credentials, config.baseUrl, *m_http, m_clock, nullptr);
    const Status result = runTest(session);
    QCOMPARE(m_server->requestCount(), 1);
    QCOMPARE(m_server->requests().first().path, u"/api/query/funnels/list"_s);
    QCOMPARE(m_server->requests().first().query.queryItemValue(u"project_id"_s), kProject);
    if (code < 0) {
        QVERIFY2(result, result ? "" : qPrintable(result.error().userMessage));
        return;
    }
    QVERIFY(!result);
    QCOMPARE(int(result.error().code), code);
    QVERIFY2(result.error().userMessage.contains(messagePart), qPrintable(result.error().userMessage));
}

void tst_MixpanelConnector::secretNeverLogged()
{
    QVERIFY(!g_logged.isEmpty());
    const QString secret = QString::fromLatin1(kSecret);
    const QString header = QString::fromLatin1(basic());
    for (const QString &line : std::as_const(g_logged)) {
        QVERIFY2(!line.contains(secret), qPrintable(line));
        QVERIFY2(!line.contains(header.mid(6)), qPrintable(line));
    }
}

QTEST_GUILESS_MAIN(tst_MixpanelConnector)
#include "tst_mixpanelconnector.moc"
