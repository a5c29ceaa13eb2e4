// The generic HTTP/JSON connector against a local JSON endpoint, through the real HttpClient: the requests it
// sends (auth schemes, headers, pagination), what it stores, and how every failure reads.
#include "generichttpconnector.h"
#include "generichttpmapper.h"

#include "fakeclock.h"
#include "localhttpserver.h"

#include "connector/requestbudget.h"
#include "connector/servicesession.h"
#include "net/httpclient.h"
#include "secrets/securebytes.h"

#include <QElapsedTimer>
#include <QFile>
#include <QLoggingCategory>
#include <QTest>

#include <memory>
#include <optional>

using namespace stackscope;
using namespace stackscope::connectors::generichttp;
using namespace stackscope::test;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

using SettingMap = QMap<QString, QString>;
using SecretMap = QMap<QString, QByteArray>;

const QByteArray kToken = "ghttp-bearer-4c7d1e9a0b3f5e21";
const QByteArray kPassword = "ghttp-basic-pass-Qx7!r2";
const QByteArray kApiKey = "ghttp-apikey-8e2f6a1c9d7b3e45";
constexpr qint64 kNow = 1767225600123; // 2026-01-01T00:00:00.123Z

QStringList g_logged;
QtMessageHandler g_previousHandler = nullptr;

void collect(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    g_logged << message;
    if (type != QtDebugMsg && g_previousHandler)
        g_previousHandler(type, context, message);
}

QByteArray recorded(const QString &name)
{
    QFile file(LocalHttpServer::dataPath(u"generichttp/"_s + name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing test data %s", qPrintable(file.fileName()));
    return file.readAll();
}

ScriptedResponse answer(const QString &file, int status = 200)
{
    return ScriptedResponse::json(status, recorded(file));
}

QString labelsOf(const MetricSample &sample)
{
    QStringList parts;
    for (auto it = sample.labels.cbegin(); it != sample.labels.cend(); ++it)
        parts << it.key() + u'=' + it.value();
    return parts.join(u',');
}

} // namespace

class tst_GenericHttpConnector : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void cleanupTestCase();

    void catalogue();
    void valueWithBearerAndHeaders();
    void rePollWithinASecondIsIdempotent();
    void seriesWithBasicAuth();
    void apiKeyHeader();
    void postWithBody();
    void relativeUrlAgainstBaseUrl();
    void paginationByUrl();
    void paginationByCursor();
    void maxPagesStops();
    void paginationLoopStops();
    void nextPageOnAnotherHostIsRefused();
    void budgetInterruptsAndResumes();
    void retryAfter429IsHonoured();
    void long429IsReported();
    void serverErrorThenSuccess();
    void serverErrorsExhausted();
    void timeout();
    void malformedJson();
    void htmlAnswer();
    void wrongCredentials();
    void echoedSecretIsScrubbed();
    void emptyArray();
    void missingPath();
    void invalidSettingsSendNothing();
    void conflictingCredentials();
    void testConnection_data();
    void testConnection();
    void testConnectionSaysWhatItFound();
    void secretsNeverLogged();

private:
    std::shared_ptr<connector::ServiceSession> makeSession(const SettingMap &settings, const SecretMap &secrets = {},
                                                           int budget = 60, const QUrl &baseUrl = {});
    Result<connector::FetchResult> runFetch(connector::FetchSession &session, const QJsonObject &cursor = {});
    Status runTest(connector::FetchSession &session);
    SettingMap valueRules(const SettingMap &extra = {}) const;

    std::unique_ptr<LocalHttpServer> m_server;
    std::unique_ptr<net::HttpClient> m_http;
    FakeClock m_clock{kNow};
    std::unique_ptr<GenericHttpConnector> m_connector;
};

void tst_GenericHttpConnector::initTestCase()
{
    QVERIFY(secrets::initSodium());
    g_previousHandler = qInstallMessageHandler(collect);
    QLoggingCategory::setFilterRules(u"stackscope.*.debug=true"_s);
}

void tst_GenericHttpConnector::init()
{
    m_server = std::make_unique<LocalHttpServer>();
    QVERIFY(m_server->listen());
    m_server->route("GET", u"/v1/stats"_s, answer(u"stats_value.json"_s));
    m_server->route("GET", u"/v1/series"_s, answer(u"series_seconds.json"_s));
    m_http = std::make_unique<net::HttpClient>();
    m_http->setBackoffScale(0.01);
    m_clock.set(kNow);
    m_connector = std::make_unique<GenericHttpConnector>();
}

void tst_GenericHttpConnector::cleanup()
{
    m_connector.reset();
    m_http.reset();
    m_server.reset();
}

void tst_GenericHttpConnector::cleanupTestCase()
{
    qInstallMessageHandler(g_previousHandler);
}

SettingMap tst_GenericHttpConnector::valueRules(const SettingMap &extra) const
{
    SettingMap settings{{u"url"_s, m_server->url(u"/v1/stats"_s).toString()},
                        {u"metric"_s, u"example.active_users"_s},
                        {u"value_path"_s, u"$.data.stats.active_users"_s}};
    for (auto it = extra.cbegin(); it != extra.cend(); ++it)
        settings.insert(it.key(), it.value());
    return settings;
}

std::shared_ptr<connector::ServiceSession> tst_GenericHttpConnector::makeSession(const SettingMap &settings,
                                                                                 const SecretMap &secrets, int budget,
                                                                                 const QUrl &baseUrl)
{
    ServiceConfig config;
    config.id = 7;
    config.type = u"http_json"_s;
    config.project = u"shop"_s;
    config.name = u"custom"_s;
    config.settings = settings;
    config.baseUrl = baseUrl;
    connector::CredentialMap map;
    for (auto it = secrets.cbegin(); it != secrets.cend(); ++it)
        map.emplace(it.key(), std::make_shared<const secrets::SecureBytes>(QByteArrayView(it.value())));
    auto tracker = std::make_shared<connector::RequestBudgetTracker>(
        connector::RequestBudget{budget, std::chrono::seconds(60), 2});
    return std::make_shared<connector::ServiceSession>(config, map, baseUrl, *m_http, m_clock, tracker);
}

Result<connector::FetchResult> tst_GenericHttpConnector::runFetch(connector::FetchSession &session,
                                                                   const QJsonObject &cursor)
{
    std::optional<Result<connector::FetchResult>> outcome;
    int calls = 0;
    m_connector->fetch(session, {kNow - 300'000, kNow, false, cursor}, [&](Result<connector::FetchResult> result) {
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

Status tst_GenericHttpConnector::runTest(connector::FetchSession &session)
{
    std::optional<Status> outcome;
    m_connector->testConnection(session, [&](Status status) { outcome.emplace(std::move(status)); });
    if (!QTest::qWaitFor([&] { return outcome.has_value(); }, 20'000))
        return Error::make(Error::Code::Timeout, u"the test never finished"_s);
    return std::move(*outcome);
}

void tst_GenericHttpConnector::catalogue()
{
    const connector::ConnectorInfo &info = m_connector->info();
    QCOMPARE(info.typeId, u"http_json"_s);
    QVERIFY(!info.maxBackfillDays);
    QCOMPARE(info.minInterval, std::chrono::seconds(60));
    QCOMPARE(info.defaultInterval, std::chrono::seconds(300));
    QCOMPARE(info.budget.requests, 60);
    QCOMPARE(info.budget.per, std::chrono::seconds(60));
    QVERIFY(info.metrics.isEmpty());
    QStringList secret, plain;
    for (const connector::FieldSpec &field : info.credentials) {
        QVERIFY(!field.required);
        (field.secret ? secret : plain) << field.key;
    }
    QCOMPARE(secret, (QStringList{u"bearer_token"_s, u"basic_password"_s, u"header_value"_s}));
    QCOMPARE(plain, QStringList{u"basic_username"_s});
    QStringList required;
    for (const connector::FieldSpec &field : info.settings) {
        if (field.required)
            required << field.key;
    }
    QCOMPARE(required, (QStringList{u"url"_s, u"metric"_s}));
}

void tst_GenericHttpConnector::valueWithBearerAndHeaders()
{
    auto session = makeSession(valueRules({{u"headers"_s, u"Accept: application/json; X-Tenant: a"_s}}),
                               {{u"bearer_token"_s, kToken}});
    const auto result = runFetch(*session);
    QVERIFY2(result, result ? "" : qPrintable(result.error().userMessage));
    QVERIFY(result->complete);
    QVERIFY(result->cursor.isEmpty());
    QCOMPARE(result->samples.size(), 1);
    const MetricSample &sample = result->samples.first();
    QCOMPARE(sample.metric, u"example.active_users"_s);
    QCOMPARE(sample.value, 1234.0);
    QCOMPARE(sample.ts, 1767225600000); // the poll time, to the whole second
    QVERIFY(sample.labels.isEmpty());   // "project" and "service" come from the scheduler

    QCOMPARE(m_server->requestCount(), 1);
    const RecordedRequest &request = m_server->requests().first();
    QCOMPARE(request.method, QByteArray("GET"));
    QCOMPARE(request.path, u"/v1/stats"_s);
    QCOMPARE(request.header("Authorization"), QByteArray("Bearer ") + kToken);
    QCOMPARE(request.header("Accept"), QByteArray("application/json"));
    QCOMPARE(request.header("X-Tenant"), QByteArray("a"));
    QVERIFY(request.body.isEmpty());
}

void tst_GenericHttpConnector::rePollWithinASecondIsIdempotent()
{
    auto session = makeSession(valueRules());
    const auto first = runFetch(*session);
    m_clock.advance(800);
    const auto second = runFetch(*session);
    QVERIFY(first && second);
    QCOMPARE(first->samples.first().ts, second->samples.first().ts);
    m_clock.advance(100);
    const auto third = runFetch(*session);
    QVERIFY(third);
    QCOMPARE(third->samples.first().ts, 1767225601000);
    // No credentials set: no Authorization header at all.
    QVERIFY(!m_server->requests().first().hasHeader("Authorization"));
}

void tst_GenericHttpConnector::seriesWithBasicAuth()
{
    auto session = makeSession({{u"url"_s, m_server->url(u"/v1/series?range=1h"_s).toString()},
                                {u"metric"_s, u"example.requests"_s},
                                {u"series_path"_s, u"$.series"_s},
                                {u"label_fields"_s, u"region, tier"_s},
                                {u"kind"_s, u"counter"_s}},
                               {{u"basic_username"_s, "monitor"}, {u"basic_password"_s, kPassword}});
    const auto result = runFetch(*session);
    QVERIFY2(result, result ? "" : qPrintable(result.error().userMessage));
    QCOMPARE(result->samples.size(), 4);
    QCOMPARE(result->samples.at(1).ts, 1767229200000);
    QCOMPARE(result->samples.at(1).value, 15.5);
    QCOMPARE(labelsOf(result->samples.at(2)), u"region=us,tier=2"_s);
    const RecordedRequest &request = m_server->requests().first();
    QCOMPARE(request.header("Authorization"), QByteArray("Basic ") + QByteArray("monitor:" + kPassword).toBase64());
    QCOMPARE(request.query.queryItemValue(u"range"_s), u"1h"_s);
}

void tst_GenericHttpConnector::apiKeyHeader()
{
    auto session = makeSession(valueRules({{u"header_name"_s, u"X-Api-Key"_s}}), {{u"header_value"_s, kApiKey}});
    const auto result = runFetch(*session);
    QVERIFY2(result, result ? "" : qPrintable(result.error().userMessage));
    const RecordedRequest &request = m_server->requests().first();
    QCOMPARE(request.header("X-Api-Key"), kApiKey);
    QVERIFY(!request.hasHeader("Authorization"));

    // With a bearer token as well (some APIs want both), and a scheme in the value.
    m_server->clearRequests();
    auto both = makeSession(valueRules({{u"header_name"_s, u"X-Api-Key"_s}}),
                            {{u"header_value"_s, "Key " + kApiKey}, {u"bearer_token"_s, kToken}});
    QVERIFY(runFetch(*both));
    QCOMPARE(m_server->requests().first().header("X-Api-Key"), "Key " + kApiKey);
    QCOMPARE(m_server->requests().first().header("Authorization"), "Bearer " + kToken);
}

void tst_GenericHttpConnector::postWithBody()
{
    m_server->route("POST", u"/graphql"_s, answer(u"repo_like.json"_s));
    auto session = makeSession({{u"url"_s, m_server->url(u"/graphql"_s).toString()},
                                {u"metric"_s, u"example.stars"_s},
                                {u"method"_s, u"POST"_s},
                                {u"body"_s, u"{\"query\":\"{ repository { stargazers_count } }\"}"_s},
                                {u"value_path"_s, u"stargazers_count"_s}},
                               {{u"bearer_token"_s, kToken}});
    const auto result = runFetch(*session);
    QVERIFY2(result, result ? "" : qPrintable(result.error().userMessage));
    QCOMPARE(result->samples.first().value, 4821.0);
    const RecordedRequest &request = m_server->requests().first();
    QCOMPARE(request.method, QByteArray("POST"));
    QCOMPARE(request.body, QByteArray("{\"query\":\"{ repository { stargazers_count } }\"}"));
    QCOMPARE(request.header("Content-Type"), QByteArray("application/json"));
}

void tst_GenericHttpConnector::relativeUrlAgainstBaseUrl()
{
    auto session = makeSession(valueRules({{u"url"_s, u"/v1/stats?tenant=a"_s}}), {}, 60, m_server->url(u"/"_s));
    const auto result = runFetch(*session);
    QVERIFY2(result, result ? "" : qPrintable(result.error().userMessage));
    QCOMPARE(m_server->requests().first().target, QByteArray("/v1/stats?tenant=a"));
}

void tst_GenericHttpConnector::paginationByUrl()
{
    const QByteArray page2 = recorded(u"page_2.json"_s).replace("PAGE3URL", m_server->url(u"/v1/events?page=3"_s).toEncoded());
    m_server->route("GET", u"/v1/events"_s, [page2](const RecordedRequest &request) {
        const QString page = request.query.queryItemValue(u"page"_s);
        if (page.isEmpty())
            return answer(u"page_1.json"_s);
        if (page == u"2"_s)
            return ScriptedResponse::json(200, page2);
        if (page == u"3"_s)
            return answer(u"page_3.json"_s);
        return ScriptedResponse::json(404, R"({"message":"no such page"})");
    });
    auto session = makeSession({{u"url"_s, m_server->url(u"/v1/events"_s).toString()},
                                {u"metric"_s, u"example.events"_s},
                                {u"series_path"_s, u"results"_s},
                                {u"timestamp_field"_s, u"ts"_s},
                                {u"value_field"_s, u"count"_s},
                                {u"label_fields"_s, u"kind"_s},
                                {u"next_path"_s, u"links.next"_s}},
                               {{u"bearer_token"_s, kToken}});
    const auto result = runFetch(*session);
    QVERIFY2(result, result ? "" : qPrintable(result.error().userMessage));
    QVERIFY(result->complete);
    QCOMPARE(result->samples.size(), 4);
    QCOMPARE(result->samples.at(3).value, 13.0);
    QCOMPARE(result->samples.at(3).ts, 1767236400000); // 03:00Z
    QCOMPARE(labelsOf(result->samples.at(3)), u"kind=b"_s);

    QCOMPARE(m_server->requestCount(), 3);
    const QList<QByteArray> targets{"/v1/events", "/v1/events?page=2", "/v1/events?page=3"};
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(m_server->requests().at(i).target, targets.at(i));
        QCOMPARE(m_server->requests().at(i).header("Authorization"), QByteArray("Bearer ") + kToken);
    }
    QVERIFY(std::any_of(g_logged.cbegin(), g_logged.cend(),
                        [](const QString &line) { return line.contains(u"4 points in $.results over 3 pages"_s); }));
}

void tst_GenericHttpConnector::paginationByCursor()
{
    m_server->route("GET", u"/v1/data"_s, [](const RecordedRequest &request) {
        const QString cursor = request.query.queryItemValue(u"cursor"_s, QUrl::FullyDecoded);
        if (cursor.isEmpty())
            return answer(u"cursor_1.json"_s);
        if (cursor == u"c2+/=&x"_s)
            return answer(u"cursor_2.json"_s);
        if (cursor == u"987654"_s)
            return answer(u"cursor_3.json"_s);
        return ScriptedResponse::json(400, R"({"message":"bad cursor"})");
    });
    auto session = makeSession({{u"url"_s, m_server->url(u"/v1/data?limit=2&cursor=stale"_s).toString()},
                                {u"metric"_s, u"example.n"_s},
                                {u"series_path"_s, u"data"_s},
                                {u"timestamp_field"_s, u"time"_s},
                                {u"timestamp_unit"_s, u"ms"_s},
                                {u"value_field"_s, u"n"_s},
                                {u"next_path"_s, u"next_cursor"_s},
                                {u"cursor_param"_s, u"cursor"_s}});
    // The first page is asked with the stale cursor of the URL; the server treats it as the start here.
    m_server->queue("GET", u"/v1/data"_s, {answer(u"cursor_1.json"_s)});
    const auto result = runFetch(*session);
    QVERIFY2(result, result ? "" : qPrintable(result.error().userMessage));
    QCOMPARE(result->samples.size(), 4);
    QCOMPARE(m_server->requestCount(), 3);
    const RecordedRequest &second = m_server->requests().at(1);
    QCOMPARE(second.query.queryItemValue(u"cursor"_s, QUrl::FullyDecoded), u"c2+/=&x"_s);
    QCOMPARE(second.query.queryItemValue(u"limit"_s), u"2"_s);
    QCOMPARE(second.query.allQueryItemValues(u"cursor"_s).size(), 1);
    QCOMPARE(m_server->requests().at(2).query.queryItemValue(u"cursor"_s), u"987654"_s);
}

void tst_GenericHttpConnector::maxPagesStops()
{
    int served = 0;
    m_server->route("GET", u"/v1/endless"_s, [&served](const RecordedRequest &) {
        ++served;
        return ScriptedResponse::json(200, QByteArray("{\"data\":[{\"timestamp\":") + QByteArray::number(1767225600 + served)
                                               + ",\"value\":" + QByteArray::number(served)
                                               + "}],\"next\":\"/v1/endless?p=" + QByteArray::number(served + 1) + "\"}");
    });
    auto session = makeSession({{u"url"_s, m_server->url(u"/v1/endless"_s).toString()},
                                {u"metric"_s, u"example.n"_s},
                                {u"series_path"_s, u"data"_s},
                                {u"next_path"_s, u"next"_s},
                                {u"max_pages"_s, u"3"_s}});
    const auto result = runFetch(*session);
    QVERIFY2(result, result ? "" : qPrintable(result.error().userMessage));
    QVERIFY(result->complete);
    QCOMPARE(result->samples.size(), 3);
    QCOMPARE(served, 3);
    QVERIFY(std::any_of(g_logged.cbegin(), g_logged.cend(), [](const QString &line) {
        return line.contains(u"stopped after max_pages=3 while more pages were announced"_s);
    }));
}

void tst_GenericHttpConnector::paginationLoopStops()
{
    m_server->route("GET", u"/v1/loop"_s,
                    ScriptedResponse::json(200, R"({"data":[{"timestamp":1767225600,"value":1}],"next":"/v1/loop"})"));
    auto session = makeSession({{u"url"_s, m_server->url(u"/v1/loop"_s).toString()},
                                {u"metric"_s, u"example.n"_s},
                                {u"series_path"_s, u"data"_s},
                                {u"next_path"_s, u"next"_s}});
    const auto result = runFetch(*session);
    QVERIFY2(result, result ? "" : qPrintable(result.error().userMessage));
    QCOMPARE(result->samples.size(), 1);
    QCOMPARE(m_server->requestCount(), 1);
}

void tst_GenericHttpConnector::nextPageOnAnotherHostIsRefused()
{
    m_server->route("GET", u"/v1/evil"_s,
                    ScriptedResponse::json(200, R"({"data":[],"next":"https://collector.example.net/steal"})"));
    auto session = makeSession({{u"url"_s, m_server->url(u"/v1/evil"_s).toString()},
                                {u"metric"_s, u"example.n"_s},
                                {u"series_path"_s, u"data"_s},
                                {u"next_path"_s, u"next"_s}},
                               {{u"bearer_token"_s, kToken}});
    const auto result = runFetch(*session);
    QVERIFY(!result);
    QCOMPARE(toString(result.error().code), toString(Error::Code::Parse));
    QVERIFY2(result.error().userMessage.contains(u"only follows next pages on the same host"_s),
             qPrintable(result.error().userMessage));
    QCOMPARE(m_server->requestCount(), 1);
}

void tst_GenericHttpConnector::budgetInterruptsAndResumes()
{
    m_server->route("GET", u"/v1/pages"_s, [](const RecordedRequest &request) {
        const int page = std::max(1, request.query.queryItemValue(u"page"_s).toInt());
        QByteArray body = "{\"data\":[{\"timestamp\":" + QByteArray::number(1767225600 + page) + ",\"value\":"
                          + QByteArray::number(page) + "}]";
        if (page < 3)
            body += ",\"next\":\"/v1/pages?page=" + QByteArray::number(page + 1) + "\"";
        return ScriptedResponse::json(200, body + "}");
    });
    const SettingMap rules{{u"url"_s, m_server->url(u"/v1/pages"_s).toString()},
                           {u"metric"_s, u"example.n"_s},
                           {u"series_path"_s, u"data"_s},
                           {u"next_path"_s, u"next"_s}};
    auto session = makeSession(rules, {}, 2);
    const auto first = runFetch(*session);
    QVERIFY2(first, first ? "" : qPrintable(first.error().userMessage));
    QVERIFY(!first->complete);
    QCOMPARE(first->samples.size(), 2);
    QCOMPARE(first->cursor.value(u"pages"_s).toInt(), 2);
    QVERIFY(first->cursor.value(u"next_url"_s).toString().endsWith(u"/v1/pages?page=3"_s));
    QCOMPARE(m_server->requestCount(), 2);

    // The next run (the budget has room again) goes on at page 3 and finishes.
    auto later = makeSession(rules, {}, 2);
    const auto second = runFetch(*later, first->cursor);
    QVERIFY2(second, second ? "" : qPrintable(second.error().userMessage));
    QVERIFY(second->complete);
    QVERIFY(second->cursor.isEmpty());
    QCOMPARE(second->samples.size(), 1);
    QCOMPARE(second->samples.first().value, 3.0);
    QCOMPARE(m_server->requests().last().target, QByteArray("/v1/pages?page=3"));

    // A cursor for another URL (the settings changed) is ignored: the fetch starts at the first page.
    QJsonObject stale = first->cursor;
    stale.insert(u"url"_s, u"https://elsewhere.example.com/v1/pages"_s);
    m_server->clearRequests();
    auto fresh = makeSession(rules, {}, 10);
    QVERIFY(runFetch(*fresh, stale));
    QCOMPARE(m_server->requests().first().target, QByteArray("/v1/pages"));

    // Used up before the first request: nothing fetched, resume soon, no cursor.
    auto none = makeSession(rules, {}, 0);
    const auto empty = runFetch(*none);
    QVERIFY(empty);
    QVERIFY(!empty->complete);
    QVERIFY(empty->samples.isEmpty());
}

void tst_GenericHttpConnector::retryAfter429IsHonoured()
{
    m_server->queue("GET", u"/v1/stats"_s,
                    {ScriptedResponse::json(429, R"({"message":"slow down"})").withHeader("Retry-After", "1")});
    auto session = makeSession(valueRules());
    QElapsedTimer elapsed;
    elapsed.start();
    const auto result = runFetch(*session);
    QVERIFY2(result, result ? "" : qPrintable(result.error().userMessage));
    QVERIFY(elapsed.elapsed() >= 900);
    QCOMPARE(m_server->requestCount(), 2);
}

void tst_GenericHttpConnector::long429IsReported()
{
    m_server->route("GET", u"/v1/stats"_s,
                    ScriptedResponse::json(429, R"({"message":"quota exceeded"})").withHeader("Retry-After", "90"));
    auto session = makeSession(valueRules());
    const auto result = runFetch(*session);
    QVERIFY(!result);
    QCOMPARE(toString(result.error().code), toString(Error::Code::RateLimited));
    QVERIFY(result.error().retryAfter && result.error().retryAfter->count() > 80'000);
    QVERIFY2(result.error().userMessage.contains(u"failed: the endpoint is limiting requests (HTTP 429"_s),
             qPrintable(result.error().userMessage));
    QCOMPARE(m_server->requestCount(), 1);
}

void tst_GenericHttpConnector::serverErrorThenSuccess()
{
    m_server->queue("GET", u"/v1/stats"_s, {ScriptedResponse::json(503, R"({"message":"warming up"})")});
    auto session = makeSession(valueRules());
    const auto result = runFetch(*session);
    QVERIFY2(result, result ? "" : qPrintable(result.error().userMessage));
    QCOMPARE(m_server->requestCount(), 2);
    QCOMPARE(result->samples.first().value, 1234.0);
}

void tst_GenericHttpConnector::serverErrorsExhausted()
{
    m_server->route("GET", u"/v1/stats"_s, ScriptedResponse::json(500, R"({"message":"database down"})"));
    auto session = makeSession(valueRules());
    const auto result = runFetch(*session);
    QVERIFY(!result);
    QCOMPARE(toString(result.error().code), toString(Error::Code::Network));
    QVERIFY2(result.error().userMessage.contains(u"had a server error (HTTP 500): database down"_s),
             qPrintable(result.error().userMessage));
    QCOMPARE(m_server->requestCount(), 3); // the first try and two retries
}

void tst_GenericHttpConnector::timeout()
{
    m_connector->setRequestTimeout(300ms);
    m_server->route("GET", u"/v1/stats"_s, answer(u"stats_value.json"_s).withDelay(3'000));
    auto session = makeSession(valueRules());
    QElapsedTimer elapsed;
    elapsed.start();
    const auto result = runFetch(*session);
    QVERIFY(!result);
    QCOMPARE(toString(result.error().code), toString(Error::Code::Timeout));
    QVERIFY2(result.error().userMessage.startsWith(u"Fetching http://127.0.0.1:"_s), qPrintable(result.error().userMessage));
    QVERIFY2(result.error().userMessage.contains(u"did not answer within 0.3 s"_s), qPrintable(result.error().userMessage));
    QVERIFY(elapsed.elapsed() < 3'000);
}

void tst_GenericHttpConnector::malformedJson()
{
    m_server->route("GET", u"/v1/stats"_s, answer(u"malformed.json"_s));
    auto session = makeSession(valueRules());
    const auto result = runFetch(*session);
    QVERIFY(!result);
    QCOMPARE(toString(result.error().code), toString(Error::Code::Parse));
    QVERIFY2(result.error().userMessage.contains(u"/v1/stats could not be used: the answer is not valid JSON"_s),
             qPrintable(result.error().userMessage));
}

void tst_GenericHttpConnector::htmlAnswer()
{
    ScriptedResponse html = ScriptedResponse::text(200, "<!DOCTYPE html><html><body>Sign in</body></html>");
    html.headers.clear();
    html.withHeader("Content-Type", "text/html; charset=utf-8");
    m_server->route("GET", u"/v1/stats"_s, html);
    auto session = makeSession(valueRules());
    const auto result = runFetch(*session);
    QVERIFY(!result);
    QCOMPARE(toString(result.error().code), toString(Error::Code::Parse));
    QVERIFY2(result.error().userMessage.contains(u"not valid JSON (it starts with \"<!DOCTYPE html>"_s),
             qPrintable(result.error().userMessage));
}

void tst_GenericHttpConnector::wrongCredentials()
{
    m_server->route("GET", u"/v1/stats"_s, answer(u"error_401.json"_s, 401));
    auto session = makeSession(valueRules(), {{u"bearer_token"_s, kToken}});
    const auto result = runFetch(*session);
    QVERIFY(!result);
    QCOMPARE(toString(result.error().code), toString(Error::Code::Auth));
    QVERIFY2(result.error().userMessage.contains(
                 u"/v1/stats failed: the endpoint rejected the credentials (HTTP 401): Invalid API token."_s),
             qPrintable(result.error().userMessage));
    QCOMPARE(m_server->requestCount(), 1);
}

void tst_GenericHttpConnector::echoedSecretIsScrubbed()
{
    m_server->route("GET", u"/v1/stats"_s,
                    ScriptedResponse::json(403, R"({"message":"key )" + kApiKey + R"( may not read stats"})"));
    auto session = makeSession(valueRules({{u"header_name"_s, u"X-Api-Key"_s}}), {{u"header_value"_s, kApiKey}});
    const auto result = runFetch(*session);
    QVERIFY(!result);
    QCOMPARE(toString(result.error().code), toString(Error::Code::Auth));
    QVERIFY2(!result.error().userMessage.contains(QString::fromLatin1(kApiKey)), qPrintable(result.error().userMessage));
    QVERIFY(!result.error().detail.contains(QString::fromLatin1(kApiKey)));
    QVERIFY(!result.error().vendorBody.contains(kApiKey));
    QVERIFY2(result.error().userMessage.contains(u"may not read stats"_s), qPrintable(result.error().userMessage));
}

void tst_GenericHttpConnector::emptyArray()
{
    m_server->route("GET", u"/v1/series"_s, answer(u"series_empty.json"_s));
    auto session = makeSession({{u"url"_s, m_server->url(u"/v1/series"_s).toString()},
                                {u"metric"_s, u"example.n"_s},
                                {u"series_path"_s, u"series"_s},
                                {u"next_path"_s, u"next"_s}});
    const auto result = runFetch(*session);
    QVERIFY2(result, result ? "" : qPrintable(result.error().userMessage));
    QVERIFY(result->complete);
    QVERIFY(result->samples.isEmpty());
    QCOMPARE(m_server->requestCount(), 1);
}

void tst_GenericHttpConnector::missingPath()
{
    auto session = makeSession(valueRules({{u"value_path"_s, u"$.data.stats.active"_s}}));
    const auto result = runFetch(*session);
    QVERIFY(!result);
    QCOMPARE(toString(result.error().code), toString(Error::Code::Parse));
    QVERIFY2(result.error().userMessage.endsWith(
                 u"/v1/stats could not be used: $.data.stats has no field \"active\" (it has \"active_users\", "
                 "\"error_rate\", \"healthy\", \"label\", \"queue\" and 1 more)."_s),
             qPrintable(result.error().userMessage));
}

void tst_GenericHttpConnector::invalidSettingsSendNothing()
{
    auto session = makeSession(valueRules({{u"value_path"_s, u"$.data[oops]"_s}}));
    const auto result = runFetch(*session);
    QVERIFY(!result);
    QCOMPARE(toString(result.error().code), toString(Error::Code::Config));
    QVERIFY2(result.error().userMessage.contains(u"The value_path setting \"$.data[oops]\" is not a path"_s),
             qPrintable(result.error().userMessage));
    QCOMPARE(m_server->requestCount(), 0);

    ServiceConfig config;
    config.settings = valueRules({{u"url"_s, u"http://example.com/plain"_s}});
    const Status checked = m_connector->checkConfiguration(config);
    QVERIFY(!checked);
    QVERIFY(checked.error().userMessage.contains(u"plain http:// is only allowed to this computer"_s));
    config.settings = valueRules();
    QVERIFY(m_connector->checkConfiguration(config));

    // Services on one origin share a budget; another port, host or a broken configuration does not.
    config.uuid = u"uuid-1"_s;
    config.settings = valueRules({{u"url"_s, u"https://API.example.com/v1/stats"_s}});
    QCOMPARE(m_connector->accountKey(config), u"https://api.example.com:443"_s);
    config.settings = valueRules({{u"url"_s, u"https://api.example.com:443/v2/other?x=1"_s}});
    QCOMPARE(m_connector->accountKey(config), u"https://api.example.com:443"_s);
    config.settings = valueRules({{u"url"_s, u"https://api.example.com:8443/v1/stats"_s}});
    QCOMPARE(m_connector->accountKey(config), u"https://api.example.com:8443"_s);
    config.settings = valueRules({{u"url"_s, u"ftp://api.example.com/"_s}});
    QCOMPARE(m_connector->accountKey(config), u"uuid-1"_s);
}

void tst_GenericHttpConnector::conflictingCredentials()
{
    auto both = makeSession(valueRules(), {{u"bearer_token"_s, kToken}, {u"basic_username"_s, "u"}});
    const auto mixed = runFetch(*both);
    QVERIFY(!mixed);
    QCOMPARE(toString(mixed.error().code), toString(Error::Code::Config));
    QVERIFY(mixed.error().userMessage.contains(u"not both"_s));

    auto orphan = makeSession(valueRules(), {{u"basic_password"_s, kPassword}});
    const auto noUser = runFetch(*orphan);
    QVERIFY(!noUser);
    QVERIFY(noUser.error().userMessage.contains(u"store basic_username too"_s));

    auto unnamed = makeSession(valueRules(), {{u"header_value"_s, kApiKey}});
    const auto noName = runFetch(*unnamed);
    QVERIFY(!noName);
    QVERIFY(noName.error().userMessage.contains(u"header_name setting does not say which header"_s));

    auto unset = makeSession(valueRules({{u"header_name"_s, u"X-Api-Key"_s}}));
    const auto noValue = runFetch(*unset);
    QVERIFY(!noValue);
    QCOMPARE(toString(noValue.error().code), toString(Error::Code::Auth));
    QVERIFY(noValue.error().userMessage.contains(u"its secret header_value is not stored"_s));

    auto twice = makeSession(valueRules({{u"header_name"_s, u"authorization"_s}}),
                             {{u"header_value"_s, "Token abc"}, {u"bearer_token"_s, kToken}});
    const auto doubled = runFetch(*twice);
    QVERIFY(!doubled);
    QVERIFY(doubled.error().userMessage.contains(u"Authorization header would be set twice"_s));

    auto spaced = makeSession(valueRules(), {{u"bearer_token"_s, "two words"}});
    const auto badToken = runFetch(*spaced);
    QVERIFY(!badToken);
    QVERIFY(badToken.error().userMessage.contains(u"bearer token contains spaces"_s));

    auto newline = makeSession(valueRules({{u"header_name"_s, u"X-Api-Key"_s}}), {{u"header_value"_s, "a\r\nX-Evil: 1"}});
    const auto injected = runFetch(*newline);
    QVERIFY(!injected);
    QVERIFY(injected.error().userMessage.contains(u"header_value contains control"_s));
    QCOMPARE(m_server->requestCount(), 0);
}

void tst_GenericHttpConnector::testConnection_data()
{
    QTest::addColumn<SettingMap>("rules");
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("code"); // -1: OK
    QTest::addColumn<QString>("messagePart");

    const SettingMap value{{u"value_path"_s, u"$.data.stats.active_users"_s}};
    const SettingMap series{{u"value_path"_s, QString()}, {u"series_path"_s, u"series"_s}, {u"next_path"_s, u"next"_s}};
    QTest::addRow("value") << value << u"stats_value.json"_s << 200 << -1 << QString();
    QTest::addRow("series") << series << u"series_seconds.json"_s << 200 << -1 << QString();
    QTest::addRow("empty series") << series << u"series_empty.json"_s << 200 << -1 << QString();
    QTest::addRow("missing path") << SettingMap{{u"value_path"_s, u"$.data.count"_s}} << u"stats_value.json"_s << 200
                                  << int(Error::Code::Parse) << u"$.data has no field \"count\""_s;
    QTest::addRow("wrong type") << SettingMap{{u"value_path"_s, u"$.data.stats.label"_s}} << u"stats_value.json"_s << 200
                                << int(Error::Code::Parse) << u"is the string \"n/a\", not a number"_s;
    QTest::addRow("unauthorized") << value << u"error_401.json"_s << 401 << int(Error::Code::Auth)
                                  << u"rejected the credentials (HTTP 401): Invalid API token"_s;
    QTest::addRow("not found") << value << u"error_401.json"_s << 404 << int(Error::Code::Config) << u"HTTP 404"_s;
    QTest::addRow("malformed") << value << u"malformed.json"_s << 200 << int(Error::Code::Parse) << u"not valid JSON"_s;
    QTest::addRow("bad settings") << SettingMap{{u"kind"_s, u"rate"_s}} << u"stats_value.json"_s << 200
                                  << int(Error::Code::Config) << u"The kind must be gauge or counter"_s;
}

void tst_GenericHttpConnector::testConnection()
{
    QFETCH(SettingMap, rules);
    QFETCH(QString, file);
    QFETCH(int, status);
    QFETCH(int, code);
    QFETCH(QString, messagePart);
    m_server->route("GET", u"/v1/stats"_s, answer(file, status));
    SettingMap settings = valueRules(rules);
    if (settings.value(u"value_path"_s).isEmpty())
        settings.remove(u"value_path"_s);
    auto session = makeSession(settings, {}, 0); // a connection test does not spend the polling budget
    const Status result = runTest(*session);
    QCOMPARE(m_server->requestCount(), code == int(Error::Code::Config) && status == 200 ? 0 : 1);
    if (code < 0) {
        QVERIFY2(result, result ? "" : qPrintable(result.error().userMessage));
        return;
    }
    QVERIFY(!result);
    QCOMPARE(int(result.error().code), code);
    QVERIFY2(result.error().userMessage.contains(messagePart), qPrintable(result.error().userMessage));
}

void tst_GenericHttpConnector::testConnectionSaysWhatItFound()
{
    auto value = makeSession(valueRules());
    QVERIFY(runTest(*value));
    m_server->route("GET", u"/v1/series"_s,
                    ScriptedResponse::json(200, R"({"series":[{"timestamp":1767225600,"value":null},
                                                              {"timestamp":1767225660,"value":2}],"next":"/v1/series?p=2"})"));
    auto series = makeSession({{u"url"_s, m_server->url(u"/v1/series"_s).toString()},
                               {u"metric"_s, u"example.n"_s},
                               {u"series_path"_s, u"$.series"_s},
                               {u"next_path"_s, u"next"_s}});
    QVERIFY(runTest(*series));
    QCOMPARE(m_server->requestCount(), 2); // one each: the test does not follow the next page
    const QString all = g_logged.join(u'\n');
    QVERIFY2(all.contains(u"connection test passed: value 1234 at $.data.stats.active_users"_s), qPrintable(all));
    QVERIFY2(all.contains(u"connection test passed: 2 points in $.series (1 null value skipped); next page announced at $.next"_s),
             qPrintable(all));
}

void tst_GenericHttpConnector::secretsNeverLogged()
{
    QVERIFY(!g_logged.isEmpty());
    for (const QString &line : std::as_const(g_logged)) {
        for (const QByteArray &secret : {kToken, kPassword, kApiKey})
            QVERIFY2(!line.contains(QString::fromLatin1(secret)), qPrintable(line));
    }
}

QTEST_GUILESS_MAIN(tst_GenericHttpConnector)
#include "tst_generichttpconnector.moc"
