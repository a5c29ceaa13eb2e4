// The scrape connector against a local exporter, through the real HttpClient: what it sends, what it stores,
// and how every failure reads.
#include "prometheusconnector.h"
#include "prometheusmapper.h"

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
using namespace stackscope::connectors::prometheus;
using namespace stackscope::test;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

const QByteArray kToken = "prom-bearer-7f3a9c1e5b2d4f60";
const QByteArray kPassword = "basic-pass-Zq81!x";
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
    QFile file(LocalHttpServer::dataPath(u"prometheus/"_s + name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing test data %s", qPrintable(file.fileName()));
    return file.readAll();
}

ScriptedResponse exposition(const QString &file, const QByteArray &contentType = "text/plain; version=0.0.4")
{
    ScriptedResponse response = ScriptedResponse::text(200, recorded(file));
    response.headers.clear();
    response.withHeader("Content-Type", contentType);
    return response;
}

struct Credentials
{
    QByteArray bearer;
    QByteArray user;
    QByteArray password;
};

} // namespace

class tst_PrometheusConnector : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void cleanupTestCase();

    void catalogue();
    void scrapesTextWithBearer();
    void scrapesOpenMetricsWithBasicAuth();
    void rescrapeWithinASecondIsIdempotent();
    void conflictingCredentials();
    void serverErrorThenSuccess();
    void retryAfter429IsHonoured();
    void long429IsReported();
    void timeout();
    void wrongCredentials();
    void garbageBody();
    void htmlPage();
    void emptyExposition();
    void oversizeBody();
    void budgetExhausted();
    void testConnection_data();
    void testConnection();
    void secretsNeverLogged();

private:
    std::shared_ptr<connector::ServiceSession> makeSession(const QMap<QString, QString> &extra = {},
                                                           const Credentials &credentials = {kToken, {}, {}},
                                                           int budget = 120);
    Result<connector::FetchResult> runFetch(connector::FetchSession &session);
    Status runTest(connector::FetchSession &session);

    std::unique_ptr<LocalHttpServer> m_server;
    std::unique_ptr<net::HttpClient> m_http;
    FakeClock m_clock{kNow};
    std::unique_ptr<PrometheusConnector> m_connector;
};

void tst_PrometheusConnector::initTestCase()
{
    QVERIFY(secrets::initSodium());
    g_previousHandler = qInstallMessageHandler(collect);
    QLoggingCategory::setFilterRules(u"stackscope.*.debug=true"_s);
}

void tst_PrometheusConnector::init()
{
    m_server = std::make_unique<LocalHttpServer>();
    QVERIFY(m_server->listen());
    m_server->route("GET", u"/metrics"_s, exposition(u"app_text_0.0.4.txt"_s));
    m_http = std::make_unique<net::HttpClient>();
    m_http->setBackoffScale(0.01);
    m_clock.set(kNow);
    m_connector = std::make_unique<PrometheusConnector>();
}

void tst_PrometheusConnector::cleanup()
{
    m_connector.reset();
    m_http.reset();
    m_server.reset();
}

void tst_PrometheusConnector::cleanupTestCase()
{
    qInstallMessageHandler(g_previousHandler);
}

std::shared_ptr<connector::ServiceSession> tst_PrometheusConnector::makeSession(const QMap<QString, QString> &extra,
                                                                                const Credentials &credentials,
                                                                                int budget)
{
    ServiceConfig config;
    config.id = 3;
    config.type = u"prometheus"_s;
    config.project = u"shop"_s;
    config.name = u"api"_s;
    config.settings = {{u"url"_s, m_server->url(u"/metrics"_s).toString()}};
    for (auto it = extra.cbegin(); it != extra.cend(); ++it)
        config.settings.insert(it.key(), it.value());
    connector::CredentialMap map;
    auto put = [&map](const char *field, const QByteArray &value) {
        if (!value.isEmpty())
            map.emplace(QString::fromLatin1(field), std::make_shared<const secrets::SecureBytes>(QByteArrayView(value)));
    };
    put("bearer_token", credentials.bearer);
    put("basic_username", credentials.user);
    put("basic_password", credentials.password);
    auto tracker = std::make_shared<connector::RequestBudgetTracker>(
        connector::RequestBudget{budget, std::chrono::seconds(60), 4});
    return std::make_shared<connector::ServiceSession>(config, map, QUrl(), *m_http, m_clock, tracker);
}

Result<connector::FetchResult> tst_PrometheusConnector::runFetch(connector::FetchSession &session)
{
    std::optional<Result<connector::FetchResult>> outcome;
    int calls = 0;
    m_connector->fetch(session, {kNow - 120'000, kNow, false, {}}, [&](Result<connector::FetchResult> result) {
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

Status tst_PrometheusConnector::runTest(connector::FetchSession &session)
{
    std::optional<Status> outcome;
    m_connector->testConnection(session, [&](Status status) { outcome.emplace(std::move(status)); });
    if (!QTest::qWaitFor([&] { return outcome.has_value(); }, 20'000))
        return Error::make(Error::Code::Timeout, u"the test never finished"_s);
    return std::move(*outcome);
}

void tst_PrometheusConnector::catalogue()
{
    const connector::ConnectorInfo &info = m_connector->info();
    QCOMPARE(info.typeId, u"prometheus"_s);
    QVERIFY(!info.maxBackfillDays);
    QCOMPARE(info.minInterval, std::chrono::seconds(60));
    QCOMPARE(info.budget.requests, 120);
    QCOMPARE(info.credentials.size(), 3);
    for (const connector::FieldSpec &field : info.credentials)
        QVERIFY(!field.required);
    QVERIFY(info.credentials.at(0).secret);   // bearer_token
    QVERIFY(!info.credentials.at(1).secret);  // basic_username
    QVERIFY(info.credentials.at(2).secret);   // basic_password
    QVERIFY(info.settings.at(0).required);    // url
}

void tst_PrometheusConnector::scrapesTextWithBearer()
{
    auto session = makeSession({{u"job"_s, u"myapp"_s}});
    const auto result = runFetch(*session);
    QVERIFY2(result, result ? "" : qPrintable(result.error().userMessage));
    QVERIFY(result->complete);
    QVERIFY(result->cursor.isEmpty());
    QCOMPARE(result->samples.size(), 21);
    for (const MetricSample &sample : result->samples)
        QCOMPARE(sample.labels.value(u"job"_s), u"myapp"_s);

    QCOMPARE(m_server->requestCount(), 1);
    const RecordedRequest &request = m_server->requests().first();
    QCOMPARE(request.method, QByteArray("GET"));
    QCOMPARE(request.path, u"/metrics"_s);
    QCOMPARE(request.header("Accept"),
             QByteArray("application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5"));
    QCOMPARE(request.header("Authorization"), QByteArray("Bearer ") + kToken);
}

void tst_PrometheusConnector::scrapesOpenMetricsWithBasicAuth()
{
    m_server->route("GET", u"/metrics"_s,
                    exposition(u"app_openmetrics_1.0.txt"_s, "application/openmetrics-text; version=1.0.0; charset=utf-8"));
    auto session = makeSession({}, {{}, "scraper", kPassword});
    const auto result = runFetch(*session);
    QVERIFY2(result, result ? "" : qPrintable(result.error().userMessage));
    QCOMPARE(result->samples.size(), 23);
    QCOMPARE(m_server->requests().first().header("Authorization"),
             QByteArray("Basic ") + QByteArray("scraper:" + kPassword).toBase64());
}

void tst_PrometheusConnector::rescrapeWithinASecondIsIdempotent()
{
    auto session = makeSession();
    const auto first = runFetch(*session);
    m_clock.advance(700); // .123 -> .823: the same second
    const auto second = runFetch(*session);
    QVERIFY(first && second);
    QCOMPARE(first->samples.size(), second->samples.size());
    for (qsizetype i = 0; i < first->samples.size(); ++i) {
        QCOMPARE(first->samples[i].ts, second->samples[i].ts);
        QCOMPARE(first->samples[i].labels, second->samples[i].labels);
    }
    m_clock.advance(300); // next second
    const auto third = runFetch(*session);
    QVERIFY(third);
    const auto plain = [](const connector::FetchResult &r) {
        for (const MetricSample &s : r.samples) {
            if (s.metric == u"metric_without_timestamp_and_labels"_s)
                return s.ts;
        }
        return qint64(-1);
    };
    QCOMPARE(plain(first.value()), 1767225600000);
    QCOMPARE(plain(third.value()), 1767225601000);
}

void tst_PrometheusConnector::conflictingCredentials()
{
    auto session = makeSession({}, {kToken, "scraper", kPassword});
    const auto result = runFetch(*session);
    QVERIFY(!result);
    QCOMPARE(toString(result.error().code), toString(Error::Code::Config));
    QVERIFY(result.error().userMessage.contains(u"not both"_s));
    QCOMPARE(m_server->requestCount(), 0);

    auto noUser = makeSession({}, {{}, {}, kPassword});
    const auto orphan = runFetch(*noUser);
    QVERIFY(!orphan);
    QVERIFY(orphan.error().userMessage.contains(u"basic_username"_s));
}

void tst_PrometheusConnector::serverErrorThenSuccess()
{
    m_server->queue("GET", u"/metrics"_s, {ScriptedResponse::text(503, "exporter starting")});
    auto session = makeSession();
    const auto result = runFetch(*session);
    QVERIFY2(result, result ? "" : qPrintable(result.error().userMessage));
    QCOMPARE(m_server->requestCount(), 2);
    QCOMPARE(result->samples.size(), 21);
}

void tst_PrometheusConnector::retryAfter429IsHonoured()
{
    m_server->queue("GET", u"/metrics"_s, {ScriptedResponse::text(429, "slow down").withHeader("Retry-After", "1")});
    auto session = makeSession();
    QElapsedTimer elapsed;
    elapsed.start();
    const auto result = runFetch(*session);
    QVERIFY2(result, result ? "" : qPrintable(result.error().userMessage));
    QVERIFY(elapsed.elapsed() >= 900);
    QCOMPARE(m_server->requestCount(), 2);
}

void tst_PrometheusConnector::long429IsReported()
{
    m_server->route("GET", u"/metrics"_s, ScriptedResponse::text(429, "slow down").withHeader("Retry-After", "90"));
    auto session = makeSession();
    const auto result = runFetch(*session);
    QVERIFY(!result);
    QCOMPARE(toString(result.error().code), toString(Error::Code::RateLimited));
    QVERIFY(result.error().retryAfter && result.error().retryAfter->count() > 80'000);
}

void tst_PrometheusConnector::timeout()
{
    m_connector->setScrapeTimeout(300ms);
    m_server->route("GET", u"/metrics"_s, exposition(u"app_text_0.0.4.txt"_s).withDelay(3'000));
    auto session = makeSession();
    QElapsedTimer elapsed;
    elapsed.start();
    const auto result = runFetch(*session);
    QVERIFY(!result);
    QCOMPARE(toString(result.error().code), toString(Error::Code::Timeout));
    QVERIFY2(result.error().userMessage.startsWith(u"Scraping http://127.0.0.1:"_s),
             qPrintable(result.error().userMessage));
    QVERIFY(elapsed.elapsed() < 3'000);
}

void tst_PrometheusConnector::wrongCredentials()
{
    m_server->route("GET", u"/metrics"_s, ScriptedResponse::text(401, "Unauthorized"));
    auto session = makeSession();
    const auto result = runFetch(*session);
    QVERIFY(!result);
    QCOMPARE(toString(result.error().code), toString(Error::Code::Auth));
    QVERIFY2(result.error().userMessage.contains(u"failed: the endpoint rejected the credentials (HTTP 401)"_s),
             qPrintable(result.error().userMessage));
    QCOMPARE(m_server->requestCount(), 1);
}

void tst_PrometheusConnector::garbageBody()
{
    m_server->route("GET", u"/metrics"_s, exposition(u"garbage_line_5.txt"_s));
    auto session = makeSession();
    const auto result = runFetch(*session);
    QVERIFY(!result);
    QCOMPARE(toString(result.error().code), toString(Error::Code::Parse));
    QVERIFY2(result.error().userMessage.contains(u"could not be read: line 5: expected a metric name"_s),
             qPrintable(result.error().userMessage));
}

void tst_PrometheusConnector::htmlPage()
{
    m_server->route("GET", u"/metrics"_s, exposition(u"garbage_line_5.txt"_s, "text/html; charset=utf-8"));
    auto session = makeSession();
    const auto result = runFetch(*session);
    QVERIFY(!result);
    QCOMPARE(toString(result.error().code), toString(Error::Code::Config));
    QVERIFY2(result.error().userMessage.contains(u"Content-Type \"text/html\""_s), qPrintable(result.error().userMessage));
}

void tst_PrometheusConnector::emptyExposition()
{
    ScriptedResponse empty = ScriptedResponse::text(200, "");
    m_server->route("GET", u"/metrics"_s, empty);
    auto session = makeSession();
    const auto result = runFetch(*session);
    QVERIFY(result);
    QVERIFY(result->complete);
    QVERIFY(result->samples.isEmpty());
}

void tst_PrometheusConnector::oversizeBody()
{
    m_server->route("GET", u"/metrics"_s, ScriptedResponse::text(200, QByteArray(kMaxBodyBytes + 1024, '#')));
    auto session = makeSession();
    const auto result = runFetch(*session);
    QVERIFY(!result);
    QCOMPARE(toString(result.error().code), toString(Error::Code::Config));
    QVERIFY2(result.error().userMessage.contains(u"at most 16 MiB"_s), qPrintable(result.error().userMessage));
}

void tst_PrometheusConnector::budgetExhausted()
{
    auto session = makeSession({}, {kToken, {}, {}}, 1);
    QVERIFY(runFetch(*session));
    const auto second = runFetch(*session);
    QVERIFY(second);
    QVERIFY(!second->complete);
    QVERIFY(second->samples.isEmpty());
    QCOMPARE(m_server->requestCount(), 1);
}

void tst_PrometheusConnector::testConnection_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("prefix");
    QTest::addColumn<int>("code"); // -1: OK
    QTest::addColumn<QString>("messagePart");

    QTest::addRow("ok") << u"app_text_0.0.4.txt"_s << QByteArray("text/plain") << 200 << QString() << -1 << QString();
    QTest::addRow("prefix matches nothing") << u"app_text_0.0.4.txt"_s << QByteArray("text/plain") << 200
                                            << u"nothing_"_s << int(Error::Code::Config) << u"metric prefix"_s;
    QTest::addRow("garbage") << u"garbage_line_5.txt"_s << QByteArray("text/plain") << 200 << QString()
                             << int(Error::Code::Parse) << u"line 5"_s;
    QTest::addRow("forbidden") << u"garbage_line_5.txt"_s << QByteArray("text/plain") << 403 << QString()
                               << int(Error::Code::Auth) << u"HTTP 403"_s;
    QTest::addRow("not found") << u"garbage_line_5.txt"_s << QByteArray("text/plain") << 404 << QString()
                               << int(Error::Code::Config) << u"HTTP 404"_s;
}

void tst_PrometheusConnector::testConnection()
{
    QFETCH(QString, file);
    QFETCH(QByteArray, contentType);
    QFETCH(int, status);
    QFETCH(QString, prefix);
    QFETCH(int, code);
    QFETCH(QString, messagePart);
    ScriptedResponse response = exposition(file, contentType);
    response.status = status;
    m_server->route("GET", u"/metrics"_s, response);
    auto session = makeSession(prefix.isEmpty() ? QMap<QString, QString>()
                                                : QMap<QString, QString>{{u"metric_prefix"_s, prefix}});
    const Status result = runTest(*session);
    if (code < 0) {
        QVERIFY2(result, result ? "" : qPrintable(result.error().userMessage));
        return;
    }
    QVERIFY(!result);
    QCOMPARE(int(result.error().code), code);
    QVERIFY2(result.error().userMessage.contains(messagePart), qPrintable(result.error().userMessage));
}

void tst_PrometheusConnector::secretsNeverLogged()
{
    QVERIFY(!g_logged.isEmpty());
    for (const QString &line : std::as_const(g_logged)) {
        QVERIFY2(!line.contains(QString::fromLatin1(kToken)), qPrintable(line));
        QVERIFY2(!line.contains(QString::fromLatin1(kPassword)), qPrintable(line));
    }
}

QTEST_GUILESS_MAIN(tst_PrometheusConnector)
#include "tst_prometheusconnector.moc"
