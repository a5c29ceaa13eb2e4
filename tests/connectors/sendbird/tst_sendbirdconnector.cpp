// The Sendbird connector against a local Sendbird stand-in, through the real HttpClient: the requests it sends
// (Api-Token header, analytics parameters, page tokens), how it walks and resumes its plan, how it counts and
// rides out Sendbird's throttling, and how it reports what Sendbird answers.
#include "sendbirdconnector.h"
#include "sendbirdmapper.h"

#include "fakeclock.h"
#include "localhttpserver.h"

#include "connector/requestbudget.h"
#include "connector/servicesession.h"
#include "net/httpclient.h"
#include "secrets/securebytes.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QTest>

#include <memory>
#include <optional>

using namespace stackscope;
using namespace stackscope::connectors::sendbird;
using namespace stackscope::test;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

const QByteArray kApiToken = "f1xturef1xturef1xture0123456789abcdef00";
const QString kAppId = u"00000000-0000-0000-0000-000000000001"_s;
constexpr qint64 kNow = 1772539200000; // 2026-03-03T12:00:00Z
constexpr qint64 kDayMs = 86'400'000;
constexpr int kServerPageSize = 10;    // the stand-in pages analytics by 10 items

QStringList g_logged;
QtMessageHandler g_previousHandler = nullptr;

void collect(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    g_logged << message;
    if (type != QtDebugMsg && g_previousHandler)
        g_previousHandler(type, context, message);
}

int intParam(const RecordedRequest &request, const QString &name)
{
    return request.query.queryItemValue(name).toInt();
}

double dauFor(QDate day)
{
    return 1000 + day.day();
}

double analyticsFor(QDate day, const QString &metric)
{
    return day.month() * 10000 + day.day() * 100 + (metric == u"active_channels"_s ? 1 : 0);
}

// What Sendbird would answer for the request's own parameters, paged by kServerPageSize with "next" tokens
// ("page-N").
ScriptedResponse answer(const RecordedRequest &request)
{
    if (request.header("Api-Token") != kApiToken)
        return ScriptedResponse::fromFile(401, u"sendbird/error_401.json"_s);
    if (request.path == u"/v3/applications/dau"_s) {
        const QDate day = QDate::fromString(request.query.queryItemValue(u"date"_s), Qt::ISODate);
        return ScriptedResponse::json(200, QByteArray(R"({"dau": )") + QByteArray::number(day.isValid() ? dauFor(day) : 7) + "}");
    }
    if (request.path == u"/v3/applications/mau"_s) {
        const QDate day = QDate::fromString(request.query.queryItemValue(u"date"_s), Qt::ISODate);
        return ScriptedResponse::json(200, QByteArray(R"({"mau": )") + QByteArray::number(day.month() * 1000) + "}");
    }
    const QDate first(intParam(request, u"start_year"_s), intParam(request, u"start_month"_s),
                      intParam(request, u"start_day"_s));
    const QDate last(intParam(request, u"end_year"_s), intParam(request, u"end_month"_s), intParam(request, u"end_day"_s));
    if (!first.isValid() || !last.isValid() || first > last || request.query.queryItemValue(u"time_dimension"_s) != u"daily"_s)
        return ScriptedResponse::fromFile(400, u"sendbird/error_400_params.json"_s);
    const QString metric = request.query.queryItemValue(u"metric_type"_s);
    const QString segments = request.query.queryItemValue(u"segments"_s);
    QJsonArray items;
    for (QDate day = first; day <= last; day = day.addDays(1)) {
        if (segments.isEmpty()) {
            items.append(QJsonObject{{u"date"_s, day.toString(Qt::ISODate)}, {u"value"_s, analyticsFor(day, metric)}});
        } else {
            items.append(QJsonObject{{u"date"_s, day.toString(Qt::ISODate)}, {u"value"_s, 7}, {segments, u"file"_s}});
            items.append(QJsonObject{{u"date"_s, day.toString(Qt::ISODate)}, {u"value"_s, 93}, {segments, u""_s}});
        }
    }
    const QString token = request.query.queryItemValue(u"token"_s);
    const int page = token.isEmpty() ? 0 : token.mid(5).toInt();
    QJsonArray slice;
    for (qsizetype i = page * kServerPageSize; i < items.size() && i < (page + 1) * kServerPageSize; ++i)
        slice.append(items[i]);
    const bool more = (page + 1) * kServerPageSize < items.size();
    const QJsonObject body{{u"segments"_s, slice}, {u"next"_s, more ? u"page-%1"_s.arg(page + 1) : u""_s}};
    return ScriptedResponse::json(200, QJsonDocument(body).toJson(QJsonDocument::Compact));
}

const MetricSample *find(const SampleBatch &samples, const QString &metric, qint64 ts)
{
    for (const MetricSample &sample : samples) {
        if (sample.metric == metric && sample.ts == ts && sample.labels.isEmpty())
            return &sample;
    }
    return nullptr;
}

double usage(const connector::FetchResult &result, const char *metric)
{
    const MetricSample *sample = find(result.samples, QString::fromLatin1(metric), dayStartMs(QDate(2026, 3, 3)));
    return sample ? sample->value : -1;
}

} // namespace

class tst_SendbirdConnector : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void cleanupTestCase();

    void catalogue();
    void backfillWithPagination();
    void pollRereadsYesterday();
    void segmentsAddLabelledCounts();
    void throttledThenSuccessIsCounted();
    void throttledWithoutRetryAfter();
    void persistentThrottlingStopsAndResumes();
    void budgetStopsAndResumes();
    void serverErrorsThenSuccess();
    void timeout();
    void malformedJson();
    void wrongCredentials_data();
    void wrongCredentials();
    void emptyResults();
    void endlessPageTokensAreCutOff();
    void badSettingsFailWithoutRequest();
    void testConnection_data();
    void testConnection();
    void tokenNeverLogged();

private:
    std::shared_ptr<connector::ServiceSession> makeSession(const QMap<QString, QString> &extra = {}, int budget = 1000);
    Result<connector::FetchResult> runFetch(connector::FetchSession &session, const connector::FetchWindow &window);
    Status runTest(connector::FetchSession &session);
    QList<RecordedRequest> requestsTo(const QString &path) const;

    std::unique_ptr<LocalHttpServer> m_server;
    std::unique_ptr<net::HttpClient> m_http;
    FakeClock m_clock{kNow};
    std::unique_ptr<SendbirdConnector> m_connector;
};

void tst_SendbirdConnector::initTestCase()
{
    QVERIFY(secrets::initSodium());
    g_previousHandler = qInstallMessageHandler(collect);
    QLoggingCategory::setFilterRules(u"stackscope.*.debug=true"_s);
}

void tst_SendbirdConnector::init()
{
    m_server = std::make_unique<LocalHttpServer>();
    QVERIFY(m_server->listen());
    m_server->route("GET", u"/v3/*"_s, answer);
    m_http = std::make_unique<net::HttpClient>();
    m_http->setBackoffScale(0.01);
    m_clock.set(kNow);
    m_connector = std::make_unique<SendbirdConnector>();
    m_connector->setRetryScale(0.01);
}

void tst_SendbirdConnector::cleanup()
{
    m_connector.reset();
    m_http.reset();
    m_server.reset();
}

void tst_SendbirdConnector::cleanupTestCase()
{
    qInstallMessageHandler(g_previousHandler);
}

std::shared_ptr<connector::ServiceSession> tst_SendbirdConnector::makeSession(const QMap<QString, QString> &extra,
                                                                              int budget)
{
    ServiceConfig config;
    config.id = 3;
    config.type = u"sendbird"_s;
    config.project = u"chat"_s;
    config.name = u"sb"_s;
    config.settings = extra;
    if (!config.settings.contains(u"app_id"_s))
        config.settings.insert(u"app_id"_s, kAppId);
    config.baseUrl = m_server->url();
    connector::CredentialMap credentials;
    credentials.emplace(u"api_token"_s, std::make_shared<const secrets::SecureBytes>(QByteArrayView(kApiToken)));
    auto tracker = std::make_shared<connector::RequestBudgetTracker>(
        connector::RequestBudget{budget, std::chrono::seconds(60), 1});
    return std::make_shared<connector::ServiceSession>(config, credentials, config.baseUrl, *m_http, m_clock, tracker);
}

Result<connector::FetchResult> tst_SendbirdConnector::runFetch(connector::FetchSession &session,
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
    QTest::qWait(20); // a second call of `done` would show up here
    if (calls != 1)
        return Error::make(Error::Code::Storage, u"done was called %1 times"_s.arg(calls));
    return std::move(*outcome);
}

Status tst_SendbirdConnector::runTest(connector::FetchSession &session)
{
    std::optional<Status> outcome;
    m_connector->testConnection(session, [&](Status status) { outcome.emplace(std::move(status)); });
    if (!QTest::qWaitFor([&] { return outcome.has_value(); }, 20'000))
        return Error::make(Error::Code::Timeout, u"the test never finished"_s);
    return std::move(*outcome);
}

QList<RecordedRequest> tst_SendbirdConnector::requestsTo(const QString &path) const
{
    QList<RecordedRequest> out;
    for (const RecordedRequest &request : m_server->requests()) {
        if (request.path == path)
            out.append(request);
    }
    return out;
}

void tst_SendbirdConnector::catalogue()
{
    const connector::ConnectorInfo &info = m_connector->info();
    QCOMPARE(info.typeId, u"sendbird"_s);
    QCOMPARE(info.credentials.size(), 1);
    QCOMPARE(info.credentials.first().key, u"api_token"_s);
    QVERIFY(info.credentials.first().secret);
    QCOMPARE(info.settings.first().key, u"app_id"_s);
    QVERIFY(!info.settings.first().secret);
    QCOMPARE(info.metrics.size(), 6);
    QStringList names;
    for (const connector::MetricSpec &metric : info.metrics) {
        names << metric.name;
        QVERIFY(!metric.unit.isEmpty());
        QVERIFY(!metric.description.isEmpty());
        QVERIFY(!metric.endpoint.isEmpty());
    }
    QCOMPARE(names, (QStringList{u"sendbird.dau"_s, u"sendbird.mau"_s, u"sendbird.messages"_s,
                                 u"sendbird.active_channels"_s, u"sendbird.api.requests"_s, u"sendbird.api.throttled"_s}));
    QCOMPARE(info.maxBackfillDays.value_or(0), 31);
    QCOMPARE(info.budget.maxConcurrent, 1);
}

void tst_SendbirdConnector::backfillWithPagination()
{
    auto session = makeSession();
    const auto result = runFetch(*session, {kNow - 31 * kDayMs, kNow, true, {}});
    QVERIFY2(result, result ? "" : qPrintable(result.error().userMessage));
    QVERIFY(result->complete);
    QVERIFY(!result->cursor.contains(u"next_step"_s));

    // 2026-01-31 .. 2026-03-03: 32 days in three months.
    const QList<RecordedRequest> analytics = requestsTo(u"/v3/statistics/metric"_s);
    QCOMPARE(analytics.size(), 2 * (1 + 3 + 1)); // February is 28 items: three pages of 10
    for (const RecordedRequest &request : analytics) {
        QCOMPARE(request.method, QByteArray("GET"));
        QCOMPARE(request.header("Api-Token"), kApiToken);
        QCOMPARE(request.header("Accept"), QByteArray("application/json"));
        QVERIFY(!request.hasHeader("Authorization"));
        QCOMPARE(request.query.queryItemValue(u"time_dimension"_s), u"daily"_s);
        QCOMPARE(request.query.queryItemValue(u"limit"_s), u"1000"_s);
        QVERIFY(!request.query.hasQueryItem(u"segments"_s));
    }
    const RecordedRequest &febFirst = analytics[1];
    QCOMPARE(febFirst.query.queryItemValue(u"metric_type"_s), u"messages"_s);
    QCOMPARE(febFirst.query.queryItemValue(u"start_year"_s), u"2026"_s);
    QCOMPARE(febFirst.query.queryItemValue(u"start_month"_s), u"2"_s);
    QCOMPARE(febFirst.query.queryItemValue(u"start_day"_s), u"1"_s);
    QCOMPARE(febFirst.query.queryItemValue(u"end_month"_s), u"2"_s);
    QCOMPARE(febFirst.query.queryItemValue(u"end_day"_s), u"28"_s);
    QVERIFY(!febFirst.query.hasQueryItem(u"token"_s));
    QCOMPARE(analytics[2].query.queryItemValue(u"token"_s), u"page-1"_s);
    QCOMPARE(analytics[3].query.queryItemValue(u"token"_s), u"page-2"_s);
    QCOMPARE(analytics[5].query.queryItemValue(u"metric_type"_s), u"active_channels"_s);

    const QList<RecordedRequest> mau = requestsTo(u"/v3/applications/mau"_s);
    QCOMPARE(mau.size(), 3);
    QCOMPARE(mau[0].query.queryItemValue(u"date"_s), u"2026-01-01"_s);
    const QList<RecordedRequest> dau = requestsTo(u"/v3/applications/dau"_s);
    QCOMPARE(dau.size(), 32);
    QCOMPARE(dau.first().query.queryItemValue(u"date"_s), u"2026-01-31"_s);
    QCOMPARE(dau.last().query.queryItemValue(u"date"_s), u"2026-03-03"_s);

    QCOMPARE(result->samples.size(), 32 + 32 + 3 + 32 + 2);
    const qint64 feb14 = dayStartMs(QDate(2026, 2, 14));
    QCOMPARE(find(result->samples, u"sendbird.messages"_s, feb14)->value, analyticsFor(QDate(2026, 2, 14), u"messages"_s));
    QCOMPARE(find(result->samples, u"sendbird.active_channels"_s, feb14)->value,
             analyticsFor(QDate(2026, 2, 14), u"active_channels"_s));
    QCOMPARE(find(result->samples, u"sendbird.dau"_s, feb14)->value, dauFor(QDate(2026, 2, 14)));
    QCOMPARE(find(result->samples, u"sendbird.mau"_s, dayStartMs(QDate(2026, 2, 1)))->value, 2000.0);
    QCOMPARE(usage(*result, kApiRequests), double(m_server->requestCount()));
    QCOMPARE(usage(*result, kApiThrottled), 0.0);
    QCOMPARE(result->cursor.value(u"api_requests"_s).toInt(), m_server->requestCount());
}

void tst_SendbirdConnector::pollRereadsYesterday()
{
    auto session = makeSession();
    QJsonObject cursor{{u"api_day"_s, u"2026-03-03"_s}, {u"api_requests"_s, 40}, {u"api_throttled"_s, 1}};
    const auto result = runFetch(*session, {kNow - 3'600'000, kNow, false, cursor});
    QVERIFY(result);
    QVERIFY(result->complete);
    QCOMPARE(m_server->requestCount(), 5);
    const QList<RecordedRequest> dau = requestsTo(u"/v3/applications/dau"_s);
    QCOMPARE(dau.size(), 2);
    QCOMPARE(dau[0].query.queryItemValue(u"date"_s), u"2026-03-02"_s);
    const RecordedRequest messages = requestsTo(u"/v3/statistics/metric"_s).first();
    QCOMPARE(messages.query.queryItemValue(u"start_day"_s), u"2"_s);
    QCOMPARE(messages.query.queryItemValue(u"end_day"_s), u"3"_s);
    // The tally goes on from the cursor's.
    QCOMPARE(usage(*result, kApiRequests), 45.0);
    QCOMPARE(usage(*result, kApiThrottled), 1.0);
}

void tst_SendbirdConnector::segmentsAddLabelledCounts()
{
    auto session = makeSession({{u"segments"_s, u"custom_message_type"_s}});
    const auto result = runFetch(*session, {kNow - 3'600'000, kNow, false, {}});
    QVERIFY(result);
    const QList<RecordedRequest> analytics = requestsTo(u"/v3/statistics/metric"_s);
    QCOMPARE(analytics.size(), 3);
    QCOMPARE(analytics[2].query.queryItemValue(u"segments"_s), u"custom_message_type"_s);
    QCOMPARE(analytics[2].query.queryItemValue(u"metric_type"_s), u"messages"_s);
    int files = 0, unlabelled = 0, total = 0;
    for (const MetricSample &sample : result->samples) {
        if (sample.metric != u"sendbird.messages"_s)
            continue;
        const QString segment = sample.labels.value(u"custom_message_type"_s);
        files += segment == u"file"_s;
        unlabelled += segment == u"(none)"_s;
        total += sample.labels.isEmpty();
    }
    QCOMPARE(files, 2);
    QCOMPARE(unlabelled, 2);
    QCOMPARE(total, 2);
}

void tst_SendbirdConnector::throttledThenSuccessIsCounted()
{
    m_server->queue("GET", u"/v3/applications/mau"_s,
                    {ScriptedResponse::fromFile(429, u"sendbird/error_429.json"_s).withHeader("Retry-After", "1")});
    auto session = makeSession();
    QElapsedTimer elapsed;
    elapsed.start();
    const auto result = runFetch(*session, {kNow - 3'600'000, kNow, false, {}});
    QVERIFY2(result, result ? "" : qPrintable(result.error().userMessage));
    QVERIFY(result->complete);
    QVERIFY(elapsed.elapsed() >= 900); // Sendbird's Retry-After is honoured as given
    QCOMPARE(requestsTo(u"/v3/applications/mau"_s).size(), 2);
    QCOMPARE(usage(*result, kApiRequests), 6.0);
    QCOMPARE(usage(*result, kApiThrottled), 1.0);
    QVERIFY(find(result->samples, u"sendbird.mau"_s, dayStartMs(QDate(2026, 3, 1))));
}

void tst_SendbirdConnector::throttledWithoutRetryAfter()
{
    // Error 500910 on a 429 without Retry-After (Sendbird names the wait in X-RateLimit-RetryAfter, which a
    // failed call does not expose): a short pause of our own, then on.
    m_server->queue("GET", u"/v3/applications/dau"_s,
                    {ScriptedResponse::fromFile(429, u"sendbird/error_429.json"_s),
                     ScriptedResponse::fromFile(429, u"sendbird/error_429.json"_s)});
    auto session = makeSession();
    const auto result = runFetch(*session, {kNow - 3'600'000, kNow, false, {}});
    QVERIFY2(result, result ? "" : qPrintable(result.error().userMessage));
    QVERIFY(result->complete);
    QCOMPARE(usage(*result, kApiThrottled), 2.0);
    QCOMPARE(usage(*result, kApiRequests), 7.0);
}

void tst_SendbirdConnector::persistentThrottlingStopsAndResumes()
{
    m_server->route("GET", u"/v3/applications/dau"_s,
                    ScriptedResponse::fromFile(429, u"sendbird/error_429.json"_s).withHeader("Retry-After", "120"));
    auto session = makeSession();
    const connector::FetchWindow window{kNow - 3'600'000, kNow, false, {}};
    const auto first = runFetch(*session, window);
    QVERIFY2(first, first ? "" : qPrintable(first.error().userMessage));
    QVERIFY(!first->complete);
    QCOMPARE(first->cursor.value(u"next_step"_s).toString(), u"dau:2026-03-02"_s);
    QCOMPARE(qint64(first->cursor.value(u"not_before_ms"_s).toDouble()), kNow + 120'000);
    QCOMPARE(usage(*first, kApiRequests), 4.0);
    QCOMPARE(usage(*first, kApiThrottled), 1.0);
    QVERIFY(find(first->samples, u"sendbird.messages"_s, dayStartMs(QDate(2026, 3, 2)))); // what arrived is kept

    // Too early: no request, a RateLimited error that says when.
    connector::FetchWindow resumed = window;
    resumed.cursor = first->cursor;
    m_clock.advance(20'000);
    const auto early = runFetch(*session, resumed);
    QVERIFY(!early);
    QCOMPARE(toString(early.error().code), toString(Error::Code::RateLimited));
    QCOMPARE(early.error().retryAfter.value_or(0ms).count(), 100'000);
    QVERIFY2(early.error().userMessage.contains(u"throttled"_s), qPrintable(early.error().userMessage));
    QCOMPARE(m_server->requestCount(), 4);

    // Later, Sendbird relents: the fetch goes on at the DAU step, and the tally goes on too.
    m_server->route("GET", u"/v3/applications/dau"_s, answer);
    m_clock.advance(101'000);
    resumed.toMs = m_clock.nowMs();
    const auto rest = runFetch(*session, resumed);
    QVERIFY2(rest, rest ? "" : qPrintable(rest.error().userMessage));
    QVERIFY(rest->complete);
    QCOMPARE(m_server->requestCount(), 6);
    QCOMPARE(requestsTo(u"/v3/applications/dau"_s).last().query.queryItemValue(u"date"_s), u"2026-03-03"_s);
    QCOMPARE(usage(*rest, kApiRequests), 6.0);
    QCOMPARE(usage(*rest, kApiThrottled), 1.0);
    QVERIFY(!rest->cursor.contains(u"not_before_ms"_s));
}

void tst_SendbirdConnector::budgetStopsAndResumes()
{
    auto session = makeSession({}, 3);
    const connector::FetchWindow window{kNow - 3'600'000, kNow, false, {}};
    const auto first = runFetch(*session, window);
    QVERIFY(first);
    QVERIFY(!first->complete);
    QCOMPARE(m_server->requestCount(), 3);
    QCOMPARE(first->cursor.value(u"next_step"_s).toString(), u"dau:2026-03-02"_s);
    QVERIFY(!first->cursor.contains(u"not_before_ms"_s));

    m_clock.advance(61'000);
    const auto second = runFetch(*session, {window.fromMs, m_clock.nowMs(), false, first->cursor});
    QVERIFY(second);
    QVERIFY(second->complete);
    QCOMPARE(m_server->requestCount(), 5);
    QCOMPARE(requestsTo(u"/v3/applications/dau"_s).size(), 2);
    QCOMPARE(usage(*second, kApiRequests), 5.0);
}

void tst_SendbirdConnector::serverErrorsThenSuccess()
{
    m_server->queue("GET", u"/v3/applications/mau"_s,
                    {ScriptedResponse::json(503, R"({"error": true, "code": 500901, "message": "unavailable"})"),
                     ScriptedResponse::json(502, "{}")});
    auto session = makeSession();
    const auto result = runFetch(*session, {kNow - 3'600'000, kNow, false, {}});
    QVERIFY2(result, result ? "" : qPrintable(result.error().userMessage));
    QCOMPARE(requestsTo(u"/v3/applications/mau"_s).size(), 3);
    QCOMPARE(usage(*result, kApiRequests), 7.0);
    QCOMPARE(usage(*result, kApiThrottled), 0.0);
}

void tst_SendbirdConnector::timeout()
{
    m_connector->setRequestTimeout(300ms);
    m_server->route("GET", u"/v3/statistics/metric"_s, ScriptedResponse::fromFile(200, u"sendbird/analytics_empty.json"_s).withDelay(3'000));
    auto session = makeSession();
    QElapsedTimer elapsed;
    elapsed.start();
    const auto result = runFetch(*session, {kNow - 3'600'000, kNow, false, {}});
    QVERIFY(!result);
    QCOMPARE(toString(result.error().code), toString(Error::Code::Timeout));
    QVERIFY2(result.error().userMessage.startsWith(u"Sendbird"_s), qPrintable(result.error().userMessage));
    QCOMPARE(requestsTo(u"/v3/statistics/metric"_s).size(), SendbirdConnector::kMaxAttempts);
    QVERIFY(elapsed.elapsed() < 3'000);
}

void tst_SendbirdConnector::malformedJson()
{
    m_server->route("GET", u"/v3/statistics/metric"_s, ScriptedResponse::fromFile(200, u"sendbird/analytics_truncated.json"_s));
    auto session = makeSession();
    const auto result = runFetch(*session, {kNow - 3'600'000, kNow, false, {}});
    QVERIFY(!result);
    QCOMPARE(toString(result.error().code), toString(Error::Code::Parse));
    QVERIFY2(result.error().userMessage.contains(u"not valid JSON"_s), qPrintable(result.error().userMessage));
    QCOMPARE(m_server->requestCount(), 1);
}

void tst_SendbirdConnector::wrongCredentials_data()
{
    QTest::addColumn<int>("status");
    QTest::addRow("401") << 401;
    QTest::addRow("400 with 400108") << 400;
}

void tst_SendbirdConnector::wrongCredentials()
{
    QFETCH(int, status);
    m_server->route("GET", u"/v3/*"_s, ScriptedResponse::fromFile(status, u"sendbird/error_401.json"_s));
    auto session = makeSession();
    const auto result = runFetch(*session, {kNow - 3'600'000, kNow, false, {}});
    QVERIFY(!result);
    QCOMPARE(toString(result.error().code), toString(Error::Code::Auth));
    QVERIFY2(result.error().userMessage.startsWith(u"Sendbird rejected the API token"_s),
             qPrintable(result.error().userMessage));
    QVERIFY2(result.error().userMessage.contains(u"400108"_s), qPrintable(result.error().userMessage));
    QCOMPARE(m_server->requestCount(), 1); // never retried
}

void tst_SendbirdConnector::emptyResults()
{
    m_server->route("GET", u"/v3/statistics/metric"_s, ScriptedResponse::fromFile(200, u"sendbird/analytics_empty.json"_s));
    auto session = makeSession();
    const auto result = runFetch(*session, {kNow - 3'600'000, kNow, false, {}});
    QVERIFY(result);
    QVERIFY(result->complete);
    int analytics = 0;
    for (const MetricSample &sample : result->samples)
        analytics += sample.metric == u"sendbird.messages"_s || sample.metric == u"sendbird.active_channels"_s;
    QCOMPARE(analytics, 0);
    QCOMPARE(result->samples.size(), 1 + 2 + 2); // MAU, two DAU, the tally
}

void tst_SendbirdConnector::endlessPageTokensAreCutOff()
{
    m_server->route("GET", u"/v3/statistics/metric"_s,
                    ScriptedResponse::json(200, R"({"segments": [], "next": "same-token-forever"})"));
    auto session = makeSession();
    const auto result = runFetch(*session, {kNow - 3'600'000, kNow, false, {}});
    QVERIFY(!result);
    QCOMPARE(toString(result.error().code), toString(Error::Code::Parse));
    QVERIFY2(result.error().userMessage.contains(u"page tokens"_s), qPrintable(result.error().userMessage));
    QCOMPARE(m_server->requestCount(), 2);
}

void tst_SendbirdConnector::badSettingsFailWithoutRequest()
{
    auto session = makeSession({{u"app_id"_s, u"bad/id"_s}});
    const auto result = runFetch(*session, {kNow - 3'600'000, kNow, false, {}});
    QVERIFY(!result);
    QCOMPARE(toString(result.error().code), toString(Error::Code::Config));
    QCOMPARE(m_server->requestCount(), 0);

    ServiceConfig config = session->service();
    QVERIFY(!m_connector->checkConfiguration(config));
    config.settings.insert(u"app_id"_s, kAppId);
    QVERIFY(m_connector->checkConfiguration(config));
    config.settings.insert(u"segments"_s, u"colour"_s);
    QVERIFY(!m_connector->checkConfiguration(config));
}

void tst_SendbirdConnector::testConnection_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("code"); // -1: OK
    QTest::addColumn<QString>("messagePart");

    QTest::addRow("ok") << 200 << u"sendbird/dau.json"_s << -1 << QString();
    QTest::addRow("rejected token") << 401 << u"sendbird/error_401.json"_s << int(Error::Code::Auth)
                                    << u"Sendbird rejected the API token (HTTP 401, error 400108): Unauthorized request."_s;
    QTest::addRow("400108") << 400 << u"sendbird/error_401.json"_s << int(Error::Code::Auth) << u"error 400108"_s;
    QTest::addRow("throttled") << 429 << u"sendbird/error_429.json"_s << int(Error::Code::RateLimited)
                               << u"error 500910"_s;
    QTest::addRow("garbage") << 200 << u"sendbird/analytics_truncated.json"_s << int(Error::Code::Parse)
                             << u"Sendbird's DAU answer is not valid JSON"_s;
}

void tst_SendbirdConnector::testConnection()
{
    QFETCH(int, status);
    QFETCH(QString, file);
    QFETCH(int, code);
    QFETCH(QString, messagePart);
    m_server->route("GET", u"/v3/applications/dau"_s, ScriptedResponse::fromFile(status, file));
    auto session = makeSession();
    const Status result = runTest(*session);
    QVERIFY(m_server->requestCount() >= 1);
    const RecordedRequest &request = m_server->requests().first();
    QCOMPARE(request.path, u"/v3/applications/dau"_s);
    QCOMPARE(request.header("Api-Token"), kApiToken);
    if (code < 0) {
        QVERIFY2(result, result ? "" : qPrintable(result.error().userMessage));
        return;
    }
    QVERIFY(!result);
    QCOMPARE(int(result.error().code), code);
    QVERIFY2(result.error().userMessage.contains(messagePart), qPrintable(result.error().userMessage));
}

void tst_SendbirdConnector::tokenNeverLogged()
{
    // Runs last: everything the tests above logged is in g_logged.
    QVERIFY(!g_logged.isEmpty());
    for (const QString &line : std::as_const(g_logged))
        QVERIFY2(!line.contains(QString::fromLatin1(kApiToken)), qPrintable(line));
}

QTEST_GUILESS_MAIN(tst_SendbirdConnector)
#include "tst_sendbirdconnector.moc"
