// The SendGrid connector against a local SendGrid stand-in, through the real HttpClient: the requests it sends,
// how it walks and resumes a window, and how it reports what SendGrid answers.
#include "sendgridconnector.h"
#include "sendgridmapper.h"

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
using namespace stackscope::connectors::sendgrid;
using namespace stackscope::test;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

const QByteArray kApiKey = "SG.test-key_0123456789.abcdefghijklmnop";
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

// A day's numbers, different for every day and category, so a test can tell any two apart.
QJsonObject metricsFor(QDate day, int salt)
{
    QJsonObject metrics;
    int i = 0;
    for (const QString &field : statFields())
        metrics.insert(field, day.day() * 1000 + salt * 100 + i++);
    return metrics;
}

QByteArray statsBody(QDate first, QDate last, const QStringList &categories)
{
    QJsonArray days;
    for (QDate day = first; day <= last; day = day.addDays(1)) {
        QJsonArray stats;
        if (categories.isEmpty()) {
            stats.append(QJsonObject{{u"metrics"_s, metricsFor(day, 0)}});
        } else {
            for (qsizetype c = 0; c < categories.size(); ++c)
                stats.append(QJsonObject{{u"type"_s, u"category"_s},
                                         {u"name"_s, categories[c]},
                                         {u"metrics"_s, metricsFor(day, int(c) + 1)}});
        }
        days.append(QJsonObject{{u"date"_s, day.toString(Qt::ISODate)}, {u"stats"_s, stats}});
    }
    return QJsonDocument(days).toJson(QJsonDocument::Compact);
}

// What SendGrid would answer for the request's own date range (and categories).
ScriptedResponse answerStats(const RecordedRequest &request)
{
    const QDate first = QDate::fromString(request.query.queryItemValue(u"start_date"_s), Qt::ISODate);
    const QDate last = QDate::fromString(request.query.queryItemValue(u"end_date"_s), Qt::ISODate);
    if (!first.isValid() || !last.isValid() || first > last)
        return ScriptedResponse::fromFile(400, u"sendgrid/error_400_date.json"_s);
    return ScriptedResponse::json(200, statsBody(first, last,
                                                 request.query.allQueryItemValues(u"categories"_s, QUrl::FullyDecoded)));
}

QDate dateParam(const RecordedRequest &request, const QString &name)
{
    return QDate::fromString(request.query.queryItemValue(name), Qt::ISODate);
}

} // namespace

class tst_SendGridConnector : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void cleanupTestCase();

    void catalogue();
    void backfillWalksTheWindowInChunks();
    void pollRereadsTheLastDays();
    void rateLimitHeaderStopsAndResumes();
    void budgetStopsAndResumes();
    void retryAfter429IsHonoured();
    void long429IsReported();
    void serverErrorsThenSuccess();
    void timeout();
    void malformedJson();
    void wrongCredentials();
    void emptyResults();
    void categoryNamesAreEncoded();
    void badSettingsFailWithoutRequest();
    void testConnection_data();
    void testConnection();
    void keyNeverLogged();

private:
    std::shared_ptr<connector::ServiceSession> makeSession(const QMap<QString, QString> &settings = {},
                                                           int budget = 100);
    Result<connector::FetchResult> runFetch(connector::FetchSession &session, const connector::FetchWindow &window);
    Status runTest(connector::FetchSession &session);
    QList<RecordedRequest> statsRequests() const;

    std::unique_ptr<LocalHttpServer> m_server;
    std::unique_ptr<net::HttpClient> m_http;
    FakeClock m_clock{kNow};
    std::unique_ptr<SendGridConnector> m_connector;
};

void tst_SendGridConnector::initTestCase()
{
    QVERIFY(secrets::initSodium());
    g_previousHandler = qInstallMessageHandler(collect);
    QLoggingCategory::setFilterRules(u"stackscope.*.debug=true"_s);
}

void tst_SendGridConnector::init()
{
    m_server = std::make_unique<LocalHttpServer>();
    QVERIFY(m_server->listen());
    m_server->route("GET", u"/v3/stats"_s, answerStats);
    m_server->route("GET", u"/v3/categories/stats"_s, answerStats);
    m_server->route("GET", u"/v3/scopes"_s, ScriptedResponse::fromFile(200, u"sendgrid/scopes.json"_s));
    m_http = std::make_unique<net::HttpClient>();
    m_http->setBackoffScale(0.01);
    m_clock.set(kNow);
    m_connector = std::make_unique<SendGridConnector>();
}

void tst_SendGridConnector::cleanup()
{
    m_connector.reset();
    m_http.reset();
    m_server.reset();
}

void tst_SendGridConnector::cleanupTestCase()
{
    qInstallMessageHandler(g_previousHandler);
}

std::shared_ptr<connector::ServiceSession> tst_SendGridConnector::makeSession(const QMap<QString, QString> &settings,
                                                                              int budget)
{
    ServiceConfig config;
    config.id = 7;
    config.type = u"sendgrid"_s;
    config.project = u"shop"_s;
    config.name = u"mail"_s;
    config.settings = settings;
    config.baseUrl = m_server->url();
    connector::CredentialMap credentials;
    credentials.emplace(u"api_key"_s, std::make_shared<const secrets::SecureBytes>(QByteArrayView(kApiKey)));
    auto tracker = std::make_shared<connector::RequestBudgetTracker>(
        connector::RequestBudget{budget, std::chrono::seconds(60), 1});
    return std::make_shared<connector::ServiceSession>(config, credentials, config.baseUrl, *m_http, m_clock, tracker);
}

Result<connector::FetchResult> tst_SendGridConnector::runFetch(connector::FetchSession &session,
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

Status tst_SendGridConnector::runTest(connector::FetchSession &session)
{
    std::optional<Status> outcome;
    m_connector->testConnection(session, [&](Status status) { outcome.emplace(std::move(status)); });
    if (!QTest::qWaitFor([&] { return outcome.has_value(); }, 20'000))
        return Error::make(Error::Code::Timeout, u"the test never finished"_s);
    return std::move(*outcome);
}

QList<RecordedRequest> tst_SendGridConnector::statsRequests() const
{
    QList<RecordedRequest> out;
    for (const RecordedRequest &request : m_server->requests()) {
        if (request.path.endsWith(u"/stats"_s))
            out.append(request);
    }
    return out;
}

void tst_SendGridConnector::catalogue()
{
    const connector::ConnectorInfo &info = m_connector->info();
    QCOMPARE(info.typeId, u"sendgrid"_s);
    QCOMPARE(info.metrics.size(), 16);
    QCOMPARE(info.credentials.size(), 1);
    QVERIFY(info.credentials.first().secret);
    QVERIFY(info.maxBackfillDays.has_value());
    for (const connector::MetricSpec &metric : info.metrics) {
        QCOMPARE(metric.kind, MetricKind::Counter);
        QCOMPARE(metric.unit, u"emails"_s);
        QCOMPARE(metric.dimensions, QStringList{u"category"_s});
    }
}

void tst_SendGridConnector::backfillWalksTheWindowInChunks()
{
    auto session = makeSession({{u"categories"_s, u"welcome, password reset"_s}, {u"on_behalf_of"_s, u"shop-eu"_s}});
    connector::FetchWindow window{kNow - 365 * kDayMs, kNow, true, {}};
    const auto result = runFetch(*session, window);
    QVERIFY2(result, result ? "" : qPrintable(result.error().userMessage));
    QVERIFY(result->complete);
    QVERIFY(result->cursor.isEmpty());

    const QDate first(2025, 3, 3), last(2026, 3, 3);
    const qint64 days = first.daysTo(last) + 1; // 366
    const QList<RecordedRequest> requests = statsRequests();
    const qsizetype chunks = (days + kMaxDaysPerRequest - 1) / kMaxDaysPerRequest;
    QCOMPARE(requests.size(), 2 * chunks);
    for (qsizetype i = 0; i < requests.size(); ++i) {
        const RecordedRequest &request = requests[i];
        const bool category = i >= chunks;
        QCOMPARE(request.method, QByteArray("GET"));
        QCOMPARE(request.path, category ? u"/v3/categories/stats"_s : u"/v3/stats"_s);
        QCOMPARE(request.header("Authorization"), QByteArray("Bearer ") + kApiKey);
        QCOMPARE(request.header("on-behalf-of"), QByteArray("shop-eu"));
        QCOMPARE(request.header("Accept"), QByteArray("application/json"));
        QVERIFY(!request.query.hasQueryItem(u"aggregated_by"_s)); // daily
        const qsizetype chunk = i % chunks;
        QCOMPARE(dateParam(request, u"start_date"_s), first.addDays(chunk * kMaxDaysPerRequest));
        QCOMPARE(dateParam(request, u"end_date"_s),
                 std::min(last, first.addDays((chunk + 1) * kMaxDaysPerRequest - 1)));
        if (category)
            QCOMPARE(request.query.allQueryItemValues(u"categories"_s, QUrl::FullyDecoded),
                     (QStringList{u"welcome"_s, u"password reset"_s}));
        else
            QVERIFY(!request.query.hasQueryItem(u"categories"_s));
    }

    QCOMPARE(result->samples.size(), days * 16 * 3);
    // Spot check: 2026-03-02, delivered (field index 2), global and per category.
    const qint64 ts = dayStartMs(QDate(2026, 3, 2));
    int found = 0;
    for (const MetricSample &sample : result->samples) {
        if (sample.metric != u"sendgrid.delivered"_s || sample.ts != ts)
            continue;
        ++found;
        const QString category = sample.labels.value(u"category"_s);
        const int salt = category.isEmpty() ? 0 : category == u"welcome"_s ? 1 : 2;
        QCOMPARE(sample.value, double(2 * 1000 + salt * 100 + 2));
    }
    QCOMPARE(found, 3);
}

void tst_SendGridConnector::pollRereadsTheLastDays()
{
    auto session = makeSession();
    connector::FetchWindow window{kNow - 3'600'000, kNow, false, {}};
    const auto result = runFetch(*session, window);
    QVERIFY(result);
    QVERIFY(result->complete);
    const QList<RecordedRequest> requests = statsRequests();
    QCOMPARE(requests.size(), 1);
    QCOMPARE(dateParam(requests[0], u"start_date"_s), QDate(2026, 3, 1));
    QCOMPARE(dateParam(requests[0], u"end_date"_s), QDate(2026, 3, 3));
    QCOMPARE(result->samples.size(), 3 * 16);
}

void tst_SendGridConnector::rateLimitHeaderStopsAndResumes()
{
    const qint64 resetS = kNow / 1000 + 60;
    int served = 0;
    m_server->route("GET", u"/v3/stats"_s, [&](const RecordedRequest &request) {
        ScriptedResponse response = answerStats(request);
        ++served;
        response.withHeader("X-RateLimit-Limit", "600");
        response.withHeader("X-RateLimit-Remaining", served == 2 ? "0" : "17");
        response.withHeader("X-RateLimit-Reset", QByteArray::number(resetS));
        return response;
    });
    auto session = makeSession();
    const connector::FetchWindow window{kNow - 100 * kDayMs, kNow, true, {}};
    const auto first = runFetch(*session, window);
    QVERIFY(first);
    QVERIFY(!first->complete);
    QCOMPARE(statsRequests().size(), 2);
    QCOMPARE(first->samples.size(), 2 * 31 * 16); // what arrived is kept
    QCOMPARE(first->cursor.value(u"stage"_s).toString(), u"global"_s);
    const QDate start = utcDay(kNow - 100 * kDayMs);
    QCOMPARE(first->cursor.value(u"next_day"_s).toString(), start.addDays(62).toString(Qt::ISODate));
    QCOMPARE(qint64(first->cursor.value(u"not_before_ms"_s).toDouble()), resetS * 1000);

    // Too early: no request, a RateLimited error that says when.
    connector::FetchWindow resumed = window;
    resumed.cursor = first->cursor;
    m_clock.advance(10'000);
    resumed.toMs = m_clock.nowMs();
    const auto early = runFetch(*session, resumed);
    QVERIFY(!early);
    QCOMPARE(toString(early.error().code), toString(Error::Code::RateLimited));
    QVERIFY(early.error().retryAfter.has_value());
    QCOMPARE(early.error().retryAfter->count(), 50'000);
    QCOMPARE(statsRequests().size(), 2);

    // After the reset it goes on where it stopped.
    m_clock.advance(51'000);
    resumed.toMs = m_clock.nowMs();
    const auto rest = runFetch(*session, resumed);
    QVERIFY2(rest, rest ? "" : qPrintable(rest.error().userMessage));
    QVERIFY(rest->complete);
    const QList<RecordedRequest> requests = statsRequests();
    QCOMPARE(requests.size(), 4);
    QCOMPARE(dateParam(requests[2], u"start_date"_s), start.addDays(62));
    QCOMPARE(dateParam(requests[3], u"end_date"_s), QDate(2026, 3, 3));
}

void tst_SendGridConnector::budgetStopsAndResumes()
{
    auto session = makeSession({{u"categories"_s, u"welcome"_s}}, 3);
    const connector::FetchWindow window{kNow - 100 * kDayMs, kNow, true, {}};
    const auto first = runFetch(*session, window);
    QVERIFY(first);
    QVERIFY(!first->complete);
    QCOMPARE(statsRequests().size(), 3);
    QCOMPARE(first->cursor.value(u"stage"_s).toString(), u"global"_s);
    QVERIFY(!first->cursor.contains(u"not_before_ms"_s));

    // A minute later the budget is back; the run resumes at the fourth global chunk, then does the categories.
    m_clock.advance(61'000);
    connector::FetchWindow resumed{window.fromMs + 61'000, m_clock.nowMs(), true, first->cursor};
    const auto second = runFetch(*session, resumed);
    QVERIFY(second);
    QVERIFY(!second->complete);
    QCOMPARE(second->cursor.value(u"stage"_s).toString(), u"category"_s);
    const QList<RecordedRequest> requests = statsRequests();
    QCOMPARE(requests.size(), 6);
    QCOMPARE(requests[3].path, u"/v3/stats"_s);
    QCOMPARE(dateParam(requests[3], u"start_date"_s), dateParam(requests[2], u"end_date"_s).addDays(1));
    QCOMPARE(dateParam(requests[3], u"end_date"_s), QDate(2026, 3, 3));
    QCOMPARE(requests[4].path, u"/v3/categories/stats"_s);
}

void tst_SendGridConnector::retryAfter429IsHonoured()
{
    m_server->queue("GET", u"/v3/stats"_s,
                    {ScriptedResponse::fromFile(429, u"sendgrid/error_429.json"_s).withHeader("Retry-After", "1")});
    auto session = makeSession();
    QElapsedTimer elapsed;
    elapsed.start();
    const auto result = runFetch(*session, {kNow - 3'600'000, kNow, false, {}});
    QVERIFY2(result, result ? "" : qPrintable(result.error().userMessage));
    QVERIFY(elapsed.elapsed() >= 900);
    QCOMPARE(statsRequests().size(), 2);
    QCOMPARE(result->samples.size(), 3 * 16);
}

void tst_SendGridConnector::long429IsReported()
{
    m_server->route("GET", u"/v3/stats"_s,
                    ScriptedResponse::fromFile(429, u"sendgrid/error_429.json"_s).withHeader("Retry-After", "120"));
    auto session = makeSession();
    const auto result = runFetch(*session, {kNow - 3'600'000, kNow, false, {}});
    QVERIFY(!result);
    QCOMPARE(toString(result.error().code), toString(Error::Code::RateLimited));
    QVERIFY(result.error().retryAfter.has_value());
    QVERIFY(result.error().retryAfter->count() > 100'000);
    QVERIFY2(result.error().userMessage.startsWith(u"SendGrid"_s), qPrintable(result.error().userMessage));
    QVERIFY2(result.error().userMessage.contains(u"too many requests"_s), qPrintable(result.error().userMessage));
}

void tst_SendGridConnector::serverErrorsThenSuccess()
{
    m_server->queue("GET", u"/v3/stats"_s,
                    {ScriptedResponse::json(503, R"({"errors":[{"message":"unavailable"}]})"),
                     ScriptedResponse::json(502, "{}")});
    auto session = makeSession();
    const auto result = runFetch(*session, {kNow - 3'600'000, kNow, false, {}});
    QVERIFY2(result, result ? "" : qPrintable(result.error().userMessage));
    QCOMPARE(statsRequests().size(), 3);
    QCOMPARE(result->samples.size(), 3 * 16);
}

void tst_SendGridConnector::timeout()
{
    m_connector->setRequestTimeout(300ms);
    m_server->route("GET", u"/v3/stats"_s, ScriptedResponse::json(200, "[]").withDelay(3'000));
    auto session = makeSession();
    QElapsedTimer elapsed;
    elapsed.start();
    const auto result = runFetch(*session, {kNow - 3'600'000, kNow, false, {}});
    QVERIFY(!result);
    QCOMPARE(toString(result.error().code), toString(Error::Code::Timeout));
    QVERIFY2(result.error().userMessage.startsWith(u"SendGrid"_s), qPrintable(result.error().userMessage));
    QVERIFY(elapsed.elapsed() < 3'000);
}

void tst_SendGridConnector::malformedJson()
{
    m_server->route("GET", u"/v3/stats"_s, ScriptedResponse::fromFile(200, u"sendgrid/stats_truncated.json"_s));
    auto session = makeSession();
    const auto result = runFetch(*session, {kNow - 3'600'000, kNow, false, {}});
    QVERIFY(!result);
    QCOMPARE(toString(result.error().code), toString(Error::Code::Parse));
    QVERIFY2(result.error().userMessage.contains(u"not valid JSON"_s), qPrintable(result.error().userMessage));
}

void tst_SendGridConnector::wrongCredentials()
{
    m_server->route("GET", u"/v3/stats"_s, ScriptedResponse::fromFile(401, u"sendgrid/error_401.json"_s));
    auto session = makeSession();
    const auto result = runFetch(*session, {kNow - 3'600'000, kNow, false, {}});
    QVERIFY(!result);
    QCOMPARE(toString(result.error().code), toString(Error::Code::Auth));
    QVERIFY2(result.error().userMessage.startsWith(u"SendGrid rejected the credentials"_s),
             qPrintable(result.error().userMessage));
    QVERIFY2(result.error().userMessage.contains(u"authorization required"_s), qPrintable(result.error().userMessage));
    QCOMPARE(statsRequests().size(), 1); // an auth failure is not retried
}

void tst_SendGridConnector::emptyResults()
{
    m_server->route("GET", u"/v3/stats"_s, ScriptedResponse::fromFile(200, u"sendgrid/stats_empty.json"_s));
    auto session = makeSession();
    const auto result = runFetch(*session, {kNow - 40 * kDayMs, kNow, true, {}});
    QVERIFY(result);
    QVERIFY(result->complete);
    QVERIFY(result->samples.isEmpty());
    QCOMPARE(statsRequests().size(), 2);
}

void tst_SendGridConnector::categoryNamesAreEncoded()
{
    const QString tricky = u"a&b=c+d #1 é"_s;
    auto session = makeSession({{u"categories"_s, tricky + u",plain"_s}});
    const auto result = runFetch(*session, {kNow - 3'600'000, kNow, false, {}});
    QVERIFY(result);
    const QList<RecordedRequest> requests = statsRequests();
    QCOMPARE(requests.size(), 2);
    QCOMPARE(requests[1].query.allQueryItemValues(u"categories"_s, QUrl::FullyDecoded),
             (QStringList{tricky, u"plain"_s}));
    int tagged = 0;
    for (const MetricSample &sample : result->samples)
        tagged += sample.labels.value(u"category"_s) == tricky;
    QCOMPARE(tagged, 3 * 16);
}

void tst_SendGridConnector::badSettingsFailWithoutRequest()
{
    auto session = makeSession({{u"categories"_s, u"1,2,3,4,5,6,7,8,9,10,11"_s}});
    const auto result = runFetch(*session, {kNow - 3'600'000, kNow, false, {}});
    QVERIFY(!result);
    QCOMPARE(toString(result.error().code), toString(Error::Code::Config));
    QVERIFY(result.error().userMessage.contains(u"10 categories"_s));
    QCOMPARE(m_server->requestCount(), 0);
}

void tst_SendGridConnector::testConnection_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("categories");
    QTest::addColumn<int>("code"); // -1: OK
    QTest::addColumn<QString>("messagePart");

    QTest::addRow("ok") << 200 << u"sendgrid/scopes.json"_s << QString() << -1 << QString();
    QTest::addRow("ok with categories") << 200 << u"sendgrid/scopes.json"_s << u"welcome"_s << -1 << QString();
    QTest::addRow("key without stats scope") << 200 << u"sendgrid/scopes_mail_only.json"_s << QString()
                                             << int(Error::Code::Auth) << u"stats.read"_s;
    QTest::addRow("rejected key") << 401 << u"sendgrid/error_401.json"_s << QString() << int(Error::Code::Auth)
                                  << u"SendGrid rejected the credentials (HTTP 401): authorization required."_s;
    QTest::addRow("forbidden") << 403 << u"sendgrid/error_401.json"_s << QString() << int(Error::Code::Auth)
                               << u"HTTP 403"_s;
    QTest::addRow("garbage") << 200 << u"sendgrid/stats_truncated.json"_s << QString() << int(Error::Code::Parse)
                             << u"SendGrid"_s;
}

void tst_SendGridConnector::testConnection()
{
    QFETCH(int, status);
    QFETCH(QString, file);
    QFETCH(QString, categories);
    QFETCH(int, code);
    QFETCH(QString, messagePart);
    m_server->route("GET", u"/v3/scopes"_s, ScriptedResponse::fromFile(status, file));
    auto session = makeSession(categories.isEmpty() ? QMap<QString, QString>()
                                                    : QMap<QString, QString>{{u"categories"_s, categories}});
    const Status result = runTest(*session);
    QCOMPARE(m_server->requestCount(), 1);
    const RecordedRequest &request = m_server->requests().first();
    QCOMPARE(request.path, u"/v3/scopes"_s);
    QCOMPARE(request.header("Authorization"), QByteArray("Bearer ") + kApiKey);
    if (code < 0) {
        QVERIFY2(result, result ? "" : qPrintable(result.error().userMessage));
        return;
    }
    QVERIFY(!result);
    QCOMPARE(int(result.error().code), code);
    QVERIFY2(result.error().userMessage.contains(messagePart), qPrintable(result.error().userMessage));
}

void tst_SendGridConnector::keyNeverLogged()
{
    // Runs last: everything the tests above logged, and every message they produced, is in g_logged.
    QVERIFY(!g_logged.isEmpty());
    for (const QString &line : std::as_const(g_logged))
        QVERIFY2(!line.contains(QString::fromLatin1(kApiKey)), qPrintable(line));
}

QTEST_GUILESS_MAIN(tst_SendGridConnector)
#include "tst_sendgridconnector.moc"
