// The Stytch connector against a local Stytch stand-in, through the real HttpClient: the requests it sends
// (Basic auth, search bodies), how it plans, pauses and resumes a window, and how it reports what Stytch answers.
#include "stytchconnector.h"
#include "stytchmapper.h"

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
using namespace stackscope::connectors::stytch;
using namespace stackscope::test;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

const QString kProject = u"project-live-0000aaaa-fixture-0001"_s;
const QByteArray kSecret = "secret-live-PLANTED-ZmFrZV9zZWNyZXRfZm9yX3Rlc3Rz";
constexpr qint64 kNow = 1772539200000; // 2026-03-03T12:00:00Z
constexpr qint64 kDayMs = 86'400'000;
constexpr int kFactorCount = 6;
constexpr int kStatusCount = 2;
constexpr int kSnapshotRequests = 1 + kFactorCount + kStatusCount;

QStringList g_logged;
QtMessageHandler g_previousHandler = nullptr;

void collect(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    g_logged << message;
    if (type != QtDebugMsg && g_previousHandler)
        g_previousHandler(type, context, message);
}

QByteArray basicAuth(const QString &project, const QByteArray &secret)
{
    return "Basic " + QByteArray(project.toLatin1() + ':' + secret).toBase64();
}

// The number a search answers with: distinct per filter and per day, so a test can tell them apart.
qint64 totalFor(const QJsonObject &body)
{
    const QJsonArray operands = body.value(u"query"_s).toObject().value(u"operands"_s).toArray();
    if (operands.isEmpty())
        return 48213;
    const QJsonObject operand = operands.at(0).toObject();
    const QString filter = operand.value(u"filter_name"_s).toString();
    if (filter == u"created_at_between"_s) {
        const QDate day = QDateTime::fromString(operand[u"filter_value"_s][u"greater_than"_s].toString(), Qt::ISODate)
                              .date();
        return day.month() * 100 + day.day();
    }
    static const QMap<QString, qint64> factors{{u"totp_verified"_s, 11}, {u"phone_verified"_s, 12},
                                               {u"webauthn_registration_verified"_s, 13}, {u"email_verified"_s, 14},
                                               {u"crypto_wallet_verified"_s, 15}, {u"password_exists"_s, 16}};
    if (factors.contains(filter))
        return factors.value(filter);
    if (filter == u"status"_s)
        return operand.value(u"filter_value"_s).toString() == u"active"_s ? 100 : 7;
    return -2; // unknown filter: makes the mapper fail loudly
}

ScriptedResponse unauthorized()
{
    return ScriptedResponse::fromFile(401, u"stytch/error_401.json"_s);
}

ScriptedResponse answerSearch(const RecordedRequest &request)
{
    if (request.header("Authorization") != basicAuth(kProject, kSecret))
        return unauthorized();
    const QJsonObject body = QJsonDocument::fromJson(request.body).object();
    const QJsonObject answer{{u"request_id"_s, u"request-id-live-fixture"_s},
                             {u"results"_s, QJsonArray()},
                             {u"results_metadata"_s, QJsonObject{{u"total"_s, totalFor(body)},
                                                                 {u"next_cursor"_s, QJsonValue::Null}}},
                             {u"status_code"_s, 200}};
    return ScriptedResponse::json(200, QJsonDocument(answer).toJson(QJsonDocument::Compact));
}

ScriptedResponse answerMetrics(const RecordedRequest &request)
{
    if (request.header("Authorization") != basicAuth(kProject, kSecret))
        return unauthorized();
    return ScriptedResponse::fromFile(200, u"stytch/project_metrics.json"_s);
}

ScriptedResponse answerSessions(const RecordedRequest &request)
{
    if (request.header("Authorization") != basicAuth(kProject, kSecret))
        return unauthorized();
    const QString user = request.query.queryItemValue(u"user_id"_s);
    if (user == u"user-live-fixture-0001"_s)
        return ScriptedResponse::fromFile(200, u"stytch/sessions_two.json"_s);
    if (user == u"user-live-fixture-0002"_s)
        return ScriptedResponse::fromFile(200, u"stytch/sessions_empty.json"_s);
    return ScriptedResponse::fromFile(404, u"stytch/error_404_user.json"_s);
}

const MetricSample *find(const SampleBatch &samples, const QString &metric, qint64 ts = -1,
                         const QString &labelKey = {}, const QString &labelValue = {})
{
    for (const MetricSample &sample : samples) {
        if (sample.metric == metric && (ts < 0 || sample.ts == ts)
            && (labelKey.isEmpty() || sample.labels.value(labelKey) == labelValue))
            return &sample;
    }
    return nullptr;
}

int countOf(const SampleBatch &samples, const QString &metric)
{
    return int(std::count_if(samples.begin(), samples.end(), [&](const MetricSample &s) { return s.metric == metric; }));
}

} // namespace

class tst_StytchConnector : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void cleanupTestCase();

    void catalogue();
    void backfillReadsEveryDay();
    void pollRereadsTodayAndYesterday();
    void budgetStopsAndResumes();
    void resumeFromAnotherProjectStartsOver();
    void sessionsOfListedUsers();
    void factorsSetting();
    void retryAfter429IsHonoured();
    void long429IsReported();
    void bare429WaitsForTheNextMinute();
    void serverErrorsThenSuccess();
    void timeout();
    void malformedJson();
    void wrongCredentials();
    void emptyResults();
    void totalsDisabled();
    void badSettingsFailWithoutRequest();
    void testConnection_data();
    void testConnection();
    void secretNeverLogged();

private:
    std::shared_ptr<connector::ServiceSession> makeSession(QMap<QString, QString> settings = {}, int budget = 200,
                                                           const QByteArray &secret = kSecret);
    Result<connector::FetchResult> runFetch(connector::FetchSession &session, const connector::FetchWindow &window);
    Status runTest(connector::FetchSession &session);
    QList<RecordedRequest> requestsTo(const QString &path) const;

    std::unique_ptr<LocalHttpServer> m_server;
    std::unique_ptr<net::HttpClient> m_http;
    FakeClock m_clock{kNow};
    std::unique_ptr<StytchConnector> m_connector;
};

void tst_StytchConnector::initTestCase()
{
    QVERIFY(secrets::initSodium());
    g_previousHandler = qInstallMessageHandler(collect);
    QLoggingCategory::setFilterRules(u"stackscope.*.debug=true"_s);
}

void tst_StytchConnector::init()
{
    m_server = std::make_unique<LocalHttpServer>();
    QVERIFY(m_server->listen());
    m_server->route("GET", u"/v1/projects/metrics"_s, answerMetrics);
    m_server->route("POST", u"/v1/users/search"_s, answerSearch);
    m_server->route("GET", u"/v1/sessions"_s, answerSessions);
    m_http = std::make_unique<net::HttpClient>();
    m_http->setBackoffScale(0.01);
    m_clock.set(kNow);
    m_connector = std::make_unique<StytchConnector>();
}

void tst_StytchConnector::cleanup()
{
    m_connector.reset();
    m_http.reset();
    m_server.reset();
}

void tst_StytchConnector::cleanupTestCase()
{
    qInstallMessageHandler(g_previousHandler);
}

std::shared_ptr<connector::ServiceSession> tst_StytchConnector::makeSession(QMap<QString, QString> settings,
                                                                            int budget, const QByteArray &secret)
{
    ServiceConfig config;
    config.id = 11;
    config.type = u"stytch"_s;
    config.project = u"shop"_s;
    config.name = u"auth"_s;
    if (!settings.contains(u"project_id"_s))
        settings.insert(u"project_id"_s, kProject);
    config.settings = settings;
    config.baseUrl = m_server->url();
    connector::CredentialMap credentials;
    credentials.emplace(u"secret"_s, std::make_shared<const secrets::SecureBytes>(QByteArrayView(secret)));
    auto tracker = std::make_shared<connector::RequestBudgetTracker>(
        connector::RequestBudget{budget, std::chrono::seconds(60), 1});
    return std::make_shared<connector::ServiceSession>(config, credentials, config.baseUrl, *m_http, m_clock, tracker);
}

Result<connector::FetchResult> tst_StytchConnector::runFetch(connector::FetchSession &session,
                                                             const connector::FetchWindow &window)
{
    std::optional<Result<connector::FetchResult>> outcome;
    int calls = 0;
    m_connector->fetch(session, window, [&](Result<connector::FetchResult> result) {
        ++calls;
        outcome.emplace(std::move(result));
    });
    if (!QTest::qWaitFor([&] { return outcome.has_value(); }, 30'000))
        return Error::make(Error::Code::Timeout, u"the fetch never finished"_s);
    QTest::qWait(20); // a second call of `done` would show up here
    if (calls != 1)
        return Error::make(Error::Code::Storage, u"done was called %1 times"_s.arg(calls));
    return std::move(*outcome);
}

Status tst_StytchConnector::runTest(connector::FetchSession &session)
{
    std::optional<Status> outcome;
    m_connector->testConnection(session, [&](Status status) { outcome.emplace(std::move(status)); });
    if (!QTest::qWaitFor([&] { return outcome.has_value(); }, 20'000))
        return Error::make(Error::Code::Timeout, u"the test never finished"_s);
    return std::move(*outcome);
}

QList<RecordedRequest> tst_StytchConnector::requestsTo(const QString &path) const
{
    QList<RecordedRequest> out;
    for (const RecordedRequest &request : m_server->requests()) {
        if (request.path == path)
            out.append(request);
    }
    return out;
}

void tst_StytchConnector::catalogue()
{
    const connector::ConnectorInfo &info = m_connector->info();
    QCOMPARE(info.typeId, u"stytch"_s);
    QCOMPARE(info.defaultBaseUrl, u"https://api.stytch.com"_s);
    QCOMPARE(info.credentials.size(), 1);
    QCOMPARE(info.credentials.first().key, u"secret"_s);
    QVERIFY(info.credentials.first().secret);
    QCOMPARE(info.settings.first().key, u"project_id"_s);
    QVERIFY(!info.settings.first().secret);
    QCOMPARE(info.maxBackfillDays.value_or(0), kMaxBackfillDays);
    QVERIFY(info.budget.requests <= 150);     // Stytch's user search limit per minute
    QCOMPARE(info.budget.per, std::chrono::seconds(60));
    QCOMPARE(info.budget.maxConcurrent, 1);
    QStringList names;
    for (const connector::MetricSpec &metric : info.metrics) {
        QVERIFY(!metric.unit.isEmpty());
        QVERIFY(!metric.description.isEmpty());
        QVERIFY(!metric.endpoint.isEmpty());
        names << metric.name;
    }
    for (const char *name : {kUsersTotal, kSignups, kUsersWithFactor, kUsersByStatus, kSessionsActive,
                             kSessionsDurationAvg, kSessionsWithFactor, kSessionsMultiFactor})
        QVERIFY2(names.contains(QString::fromLatin1(name)), name);
}

void tst_StytchConnector::backfillReadsEveryDay()
{
    auto session = makeSession();
    const auto result = runFetch(*session, {kNow - 30 * kDayMs, kNow, true, {}});
    QVERIFY2(result, result ? "" : qPrintable(result.error().userMessage));
    QVERIFY(result->complete);
    QVERIFY(result->cursor.isEmpty());

    const QList<RecordedRequest> all = m_server->requests();
    QCOMPARE(all.size(), kSnapshotRequests + 31);
    for (const RecordedRequest &request : all) {
        QCOMPARE(request.header("Authorization"), basicAuth(kProject, kSecret));
        QCOMPARE(request.header("Accept"), QByteArray("application/json"));
    }
    QCOMPARE(all.first().method, QByteArray("GET"));
    QCOMPARE(all.first().path, u"/v1/projects/metrics"_s);

    const QList<RecordedRequest> searches = requestsTo(u"/v1/users/search"_s);
    QCOMPARE(searches.size(), kFactorCount + kStatusCount + 31);
    QStringList filters;
    for (const RecordedRequest &search : searches) {
        QCOMPARE(search.method, QByteArray("POST"));
        QCOMPARE(search.header("Content-Type"), QByteArray("application/json"));
        const QJsonObject body = QJsonDocument::fromJson(search.body).object();
        QCOMPARE(body.value(u"limit"_s).toInt(), 1);
        filters << body[u"query"_s][u"operands"_s].toArray().at(0)[u"filter_name"_s].toString();
    }
    QCOMPARE(filters.mid(0, kFactorCount + kStatusCount),
             (QStringList{u"totp_verified"_s, u"phone_verified"_s, u"webauthn_registration_verified"_s,
                          u"email_verified"_s, u"crypto_wallet_verified"_s, u"password_exists"_s, u"status"_s,
                          u"status"_s}));
    // Then the days, newest first: 2026-03-03 back to 2026-02-01.
    const QDate today(2026, 3, 3);
    for (int i = 0; i < 31; ++i) {
        const QJsonObject body = QJsonDocument::fromJson(searches[kFactorCount + kStatusCount + i].body).object();
        const QJsonObject between = body[u"query"_s][u"operands"_s].toArray().at(0)[u"filter_value"_s].toObject();
        QCOMPARE(between.value(u"greater_than"_s).toString(), rfc3339(dayStartMs(today.addDays(-i))));
        QCOMPARE(between.value(u"less_than"_s).toString(), rfc3339(dayStartMs(today.addDays(-i + 1))));
    }

    const SampleBatch &samples = result->samples;
    QCOMPARE(countOf(samples, QString::fromLatin1(kSignups)), 31);
    const MetricSample *feb14 = find(samples, QString::fromLatin1(kSignups), dayStartMs(QDate(2026, 2, 14)));
    QVERIFY(feb14);
    QCOMPARE(feb14->value, 214.0);
    QVERIFY(feb14->labels.isEmpty());
    const qint64 snapshot = kNow; // kNow is on a whole minute
    QCOMPARE(find(samples, QString::fromLatin1(kUsersTotal), snapshot)->value, 48213.0);
    QCOMPARE(find(samples, QString::fromLatin1(kUsersWithFactor), snapshot, u"factor"_s, u"webauthn"_s)->value, 13.0);
    QCOMPARE(find(samples, QString::fromLatin1(kUsersWithFactor), snapshot, u"factor"_s, u"password"_s)->value, 16.0);
    QCOMPARE(find(samples, QString::fromLatin1(kUsersByStatus), snapshot, u"status"_s, u"pending"_s)->value, 7.0);
    QCOMPARE(countOf(samples, QString::fromLatin1(kSessionsActive)), 0); // not asked for
}

void tst_StytchConnector::pollRereadsTodayAndYesterday()
{
    auto session = makeSession();
    const auto result = runFetch(*session, {kNow - 3'600'000, kNow, false, {}});
    QVERIFY(result);
    QVERIFY(result->complete);
    QCOMPARE(m_server->requestCount(), kSnapshotRequests + 2);
    QCOMPARE(countOf(result->samples, QString::fromLatin1(kSignups)), 2);
    QVERIFY(find(result->samples, QString::fromLatin1(kSignups), dayStartMs(QDate(2026, 3, 2))));
    QVERIFY(find(result->samples, QString::fromLatin1(kSignups), dayStartMs(QDate(2026, 3, 3))));
}

void tst_StytchConnector::budgetStopsAndResumes()
{
    auto session = makeSession({}, 15);
    const connector::FetchWindow window{kNow - 30 * kDayMs, kNow, true, {}};
    const auto first = runFetch(*session, window);
    QVERIFY2(first, first ? "" : qPrintable(first.error().userMessage));
    QVERIFY(!first->complete);
    QCOMPARE(m_server->requestCount(), 15);
    QCOMPARE(first->cursor.value(u"kind"_s).toString(), u"signups"_s);
    QCOMPARE(first->cursor.value(u"day"_s).toString(), u"2026-02-25"_s); // 03-03 .. 02-26 done
    QCOMPARE(first->cursor.value(u"project"_s).toString(), kProject);
    QCOMPARE(countOf(first->samples, QString::fromLatin1(kSignups)), 15 - kSnapshotRequests);
    QVERIFY(find(first->samples, QString::fromLatin1(kUsersTotal))); // what arrived is kept

    // A minute later the budget is back: it goes on with the 25th, and asks nothing twice.
    m_clock.advance(61'000);
    m_server->clearRequests();
    const auto second = runFetch(*session, {window.fromMs, m_clock.nowMs(), true, first->cursor});
    QVERIFY2(second, second ? "" : qPrintable(second.error().userMessage));
    QVERIFY(!second->complete);
    QCOMPARE(m_server->requestCount(), 15);
    QVERIFY(requestsTo(u"/v1/projects/metrics"_s).isEmpty());
    const QJsonObject firstBody = QJsonDocument::fromJson(m_server->requests().first().body).object();
    QCOMPARE(firstBody[u"query"_s][u"operands"_s].toArray().at(0)[u"filter_value"_s][u"greater_than"_s].toString(),
             u"2026-02-25T00:00:00Z"_s);

    m_clock.advance(61'000);
    m_server->clearRequests();
    const auto third = runFetch(*session, {window.fromMs, m_clock.nowMs(), true, second->cursor});
    QVERIFY(third);
    QVERIFY(third->complete);
    QVERIFY(third->cursor.isEmpty());
    QCOMPARE(m_server->requestCount(), 31 - 6 - 15);
    QCOMPARE(countOf(first->samples, QString::fromLatin1(kSignups)) + countOf(second->samples, QString::fromLatin1(kSignups))
                 + countOf(third->samples, QString::fromLatin1(kSignups)),
             31);
    QVERIFY(find(third->samples, QString::fromLatin1(kSignups), dayStartMs(QDate(2026, 2, 1))));
}

void tst_StytchConnector::resumeFromAnotherProjectStartsOver()
{
    auto session = makeSession();
    const QJsonObject foreign{{u"v"_s, 1}, {u"project"_s, u"project-live-other"_s}, {u"kind"_s, u"signups"_s},
                              {u"day"_s, u"2026-02-10"_s}};
    const auto result = runFetch(*session, {kNow - 3'600'000, kNow, false, foreign});
    QVERIFY(result);
    QCOMPARE(m_server->requestCount(), kSnapshotRequests + 2);
}

void tst_StytchConnector::sessionsOfListedUsers()
{
    auto session = makeSession({{u"factors"_s, u"none"_s},
                                {u"session_user_ids"_s,
                                 u"user-live-fixture-0001,user-live-fixture-0002,user-live-fixture-gone"_s}});
    const auto result = runFetch(*session, {kNow - 3'600'000, kNow, false, {}});
    QVERIFY2(result, result ? "" : qPrintable(result.error().userMessage));
    const QList<RecordedRequest> sessions = requestsTo(u"/v1/sessions"_s);
    QCOMPARE(sessions.size(), 3);
    QCOMPARE(sessions[0].method, QByteArray("GET"));
    QCOMPARE(sessions[0].query.queryItemValue(u"user_id"_s), u"user-live-fixture-0001"_s);
    QCOMPARE(sessions[2].query.queryItemValue(u"user_id"_s), u"user-live-fixture-gone"_s); // 404: skipped
    const SampleBatch &samples = result->samples;
    QCOMPARE(find(samples, QString::fromLatin1(kSessionsActive), kNow)->value, 2.0);
    QCOMPARE(find(samples, QString::fromLatin1(kSessionsMultiFactor), kNow)->value, 1.0);
    QCOMPARE(find(samples, QString::fromLatin1(kSessionsDurationAvg), kNow)->value, 3000.0);
    QCOMPARE(find(samples, QString::fromLatin1(kSessionsWithFactor), kNow, u"factor"_s, u"totp"_s)->value, 1.0);
    QCOMPARE(countOf(samples, QString::fromLatin1(kUsersWithFactor)), 0);
}

void tst_StytchConnector::factorsSetting()
{
    auto session = makeSession({{u"factors"_s, u"totp"_s}});
    const auto result = runFetch(*session, {kNow - 3'600'000, kNow, false, {}});
    QVERIFY(result);
    QCOMPARE(m_server->requestCount(), 1 + 1 + kStatusCount + 2);
    QCOMPARE(countOf(result->samples, QString::fromLatin1(kUsersWithFactor)), 1);
}

void tst_StytchConnector::retryAfter429IsHonoured()
{
    m_server->queue("GET", u"/v1/projects/metrics"_s,
                    {ScriptedResponse::fromFile(429, u"stytch/error_429.json"_s).withHeader("Retry-After", "1")});
    auto session = makeSession();
    QElapsedTimer elapsed;
    elapsed.start();
    const auto result = runFetch(*session, {kNow - 3'600'000, kNow, false, {}});
    QVERIFY2(result, result ? "" : qPrintable(result.error().userMessage));
    QVERIFY(elapsed.elapsed() >= 900);
    QCOMPARE(requestsTo(u"/v1/projects/metrics"_s).size(), 2);
    QVERIFY(find(result->samples, QString::fromLatin1(kUsersTotal)));
}

void tst_StytchConnector::long429IsReported()
{
    m_server->route("POST", u"/v1/users/search"_s,
                    ScriptedResponse::fromFile(429, u"stytch/error_429.json"_s).withHeader("Retry-After", "120"));
    auto session = makeSession();
    const auto result = runFetch(*session, {kNow - 3'600'000, kNow, false, {}});
    QVERIFY(!result);
    QCOMPARE(toString(result.error().code), toString(Error::Code::RateLimited));
    QVERIFY(result.error().retryAfter.has_value());
    QVERIFY(result.error().retryAfter->count() > 100'000);
    QVERIFY2(result.error().userMessage.startsWith(u"Stytch is limiting requests: too_many_requests"_s),
             qPrintable(result.error().userMessage));
}

void tst_StytchConnector::bare429WaitsForTheNextMinute()
{
    m_connector->setMaxRetries(0);
    m_clock.set(kNow + 45'000); // 45 s into a minute
    m_server->route("GET", u"/v1/projects/metrics"_s, ScriptedResponse::fromFile(429, u"stytch/error_429.json"_s));
    auto session = makeSession();
    const auto result = runFetch(*session, {kNow - 3'600'000, m_clock.nowMs(), false, {}});
    QVERIFY(!result);
    QCOMPARE(toString(result.error().code), toString(Error::Code::RateLimited));
    QVERIFY(result.error().retryAfter.has_value());
    QCOMPARE(result.error().retryAfter->count(), 16'000);
}

void tst_StytchConnector::serverErrorsThenSuccess()
{
    m_server->queue("POST", u"/v1/users/search"_s,
                    {ScriptedResponse::json(503, R"({"status_code":503,"error_type":"internal_server_error"})"),
                     ScriptedResponse::json(502, "<html>bad gateway</html>")});
    auto session = makeSession();
    const auto result = runFetch(*session, {kNow - 3'600'000, kNow, false, {}});
    QVERIFY2(result, result ? "" : qPrintable(result.error().userMessage));
    QCOMPARE(requestsTo(u"/v1/users/search"_s).size(), kFactorCount + kStatusCount + 2 + 2);
    QCOMPARE(find(result->samples, QString::fromLatin1(kUsersWithFactor), kNow, u"factor"_s, u"totp"_s)->value, 11.0);
}

void tst_StytchConnector::timeout()
{
    m_connector->setRequestTimeout(300ms);
    m_connector->setMaxRetries(0);
    m_server->route("GET", u"/v1/projects/metrics"_s,
                    ScriptedResponse::fromFile(200, u"stytch/project_metrics.json"_s).withDelay(3'000));
    auto session = makeSession();
    QElapsedTimer elapsed;
    elapsed.start();
    const auto result = runFetch(*session, {kNow - 3'600'000, kNow, false, {}});
    QVERIFY(!result);
    QCOMPARE(toString(result.error().code), toString(Error::Code::Timeout));
    QVERIFY2(result.error().userMessage.startsWith(u"Stytch"_s), qPrintable(result.error().userMessage));
    QVERIFY(elapsed.elapsed() < 3'000);
}

void tst_StytchConnector::malformedJson()
{
    m_server->route("POST", u"/v1/users/search"_s, ScriptedResponse::fromFile(200, u"stytch/malformed.json"_s));
    auto session = makeSession();
    const auto result = runFetch(*session, {kNow - 3'600'000, kNow, false, {}});
    QVERIFY(!result);
    QCOMPARE(toString(result.error().code), toString(Error::Code::Parse));
    QVERIFY2(result.error().userMessage.contains(u"not valid JSON"_s), qPrintable(result.error().userMessage));
}

void tst_StytchConnector::wrongCredentials()
{
    auto session = makeSession({}, 200, "secret-live-wrong");
    const auto result = runFetch(*session, {kNow - 3'600'000, kNow, false, {}});
    QVERIFY(!result);
    QCOMPARE(toString(result.error().code), toString(Error::Code::Auth));
    QVERIFY2(result.error().userMessage.startsWith(
                 u"Stytch rejected the credentials: unauthorized_credentials — Unauthorized credentials (HTTP 401)"_s),
             qPrintable(result.error().userMessage));
    QCOMPARE(m_server->requestCount(), 1); // an auth failure is not retried, and the fetch stops there
}

void tst_StytchConnector::emptyResults()
{
    m_server->route("POST", u"/v1/users/search"_s, ScriptedResponse::fromFile(200, u"stytch/search_empty.json"_s));
    auto session = makeSession();
    const auto result = runFetch(*session, {kNow - 3'600'000, kNow, false, {}});
    QVERIFY(result);
    QVERIFY(result->complete);
    QCOMPARE(countOf(result->samples, QString::fromLatin1(kSignups)), 2);
    for (const MetricSample &sample : result->samples) {
        if (sample.metric != QString::fromLatin1(kUsersTotal) && sample.metric != QString::fromLatin1(kM2mClientsTotal))
            QCOMPARE(sample.value, 0.0);
    }
}

void tst_StytchConnector::totalsDisabled()
{
    m_server->route("POST", u"/v1/users/search"_s,
                    ScriptedResponse::fromFile(200, u"stytch/search_totals_disabled.json"_s));
    auto session = makeSession();
    g_logged.clear();
    const auto result = runFetch(*session, {kNow - 3'600'000, kNow, false, {}});
    QVERIFY(result);
    QVERIFY(result->complete);
    // Only the project totals: a -1 is not a count.
    QCOMPARE(result->samples.size(), 2);
    QVERIFY(find(result->samples, QString::fromLatin1(kUsersTotal)));
    QVERIFY(g_logged.join(u'\n').contains(u"results_metadata.total = -1"_s));

    const Status test = runTest(*session);
    QVERIFY(!test);
    QCOMPARE(toString(test.error().code), toString(Error::Code::Config));
    QVERIFY2(test.error().userMessage.contains(u"totals are disabled"_s), qPrintable(test.error().userMessage));
}

void tst_StytchConnector::badSettingsFailWithoutRequest()
{
    auto session = makeSession({{u"project_id"_s, u"my project"_s}});
    const auto result = runFetch(*session, {kNow - 3'600'000, kNow, false, {}});
    QVERIFY(!result);
    QCOMPARE(toString(result.error().code), toString(Error::Code::Config));
    QVERIFY(result.error().userMessage.contains(u"project-live-"_s));
    QCOMPARE(m_server->requestCount(), 0);
}

void tst_StytchConnector::testConnection_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("code"); // -1: OK
    QTest::addColumn<QString>("messagePart");

    QTest::addRow("ok") << 200 << u"stytch/project_metrics.json"_s << -1 << QString();
    QTest::addRow("rejected") << 401 << u"stytch/error_401.json"_s << int(Error::Code::Auth)
                              << u"Stytch rejected the credentials: unauthorized_credentials — Unauthorized credentials (HTTP 401)"_s;
    QTest::addRow("forbidden") << 403 << u"stytch/error_401.json"_s << int(Error::Code::Auth) << u"HTTP 403"_s;
    QTest::addRow("bad request") << 400 << u"stytch/error_400.json"_s << int(Error::Code::Config)
                                 << u"Stytch refused the request (HTTP 400): invalid_search_query — The search query is invalid."_s;
    QTest::addRow("garbage") << 200 << u"stytch/malformed.json"_s << int(Error::Code::Parse) << u"Stytch"_s;
}

void tst_StytchConnector::testConnection()
{
    QFETCH(int, status);
    QFETCH(QString, file);
    QFETCH(int, code);
    QFETCH(QString, messagePart);
    m_connector->setMaxRetries(0);
    m_server->route("GET", u"/v1/projects/metrics"_s, ScriptedResponse::fromFile(status, file));
    auto session = makeSession();
    const Status result = runTest(*session);
    const RecordedRequest &request = m_server->requests().first();
    QCOMPARE(request.path, u"/v1/projects/metrics"_s);
    QCOMPARE(request.header("Authorization"), basicAuth(kProject, kSecret));
    if (code < 0) {
        QVERIFY2(result, result ? "" : qPrintable(result.error().userMessage));
        QCOMPARE(m_server->requestCount(), 2); // and one search, to see that totals are given
        QVERIFY(!QJsonDocument::fromJson(m_server->requests().last().body).object().contains(u"query"_s));
        return;
    }
    QCOMPARE(m_server->requestCount(), 1);
    QVERIFY(!result);
    QCOMPARE(int(result.error().code), code);
    QVERIFY2(result.error().userMessage.contains(messagePart), qPrintable(result.error().userMessage));
}

void tst_StytchConnector::secretNeverLogged()
{
    g_logged.clear();
    m_server->route("POST", u"/v1/users/search"_s, ScriptedResponse::fromFile(401, u"stytch/error_401.json"_s));
    auto session = makeSession();
    const auto result = runFetch(*session, {kNow - 3'600'000, kNow, false, {}});
    QVERIFY(!result);
    QVERIFY(!g_logged.isEmpty());
    const QString all = g_logged.join(u'\n') + result.error().userMessage + result.error().detail;
    QVERIFY(!all.contains(QString::fromLatin1(kSecret)));
    QVERIFY(!all.contains(QString::fromLatin1(basicAuth(kProject, kSecret).mid(6))));
}

QTEST_GUILESS_MAIN(tst_StytchConnector)
#include "tst_stytchconnector.moc"
