// TwilioConnector driving the real HttpClient against LocalHttpServer: the exact requests (Basic credentials,
// date filters, PageSize, next_page_uri), pagination, pausing and resuming through the cursor, 429/5xx/timeouts,
// Twilio's error bodies in plain words, and no secret in any log line.
#include "fakeclock.h"
#include "localhttpserver.h"
#include "twilioconnector.h"
#include "twiliomapper.h"

#include "connector/requestbudget.h"
#include "connector/servicesession.h"
#include "net/httpclient.h"
#include "secrets/securebytes.h"

#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QTest>
#include <QtNumeric>

#include <memory>
#include <optional>

using namespace stackscope;
using namespace stackscope::connectors::twilio;
using namespace stackscope::test;
using namespace std::chrono_literals;

namespace {

const QString kAccount = QStringLiteral("AC00000000000000000000000000000001");
const QString kOtherAccount = QStringLiteral("AC00000000000000000000000000000002");
const QString kKeySid = QStringLiteral("SK00000000000000000000000000000009");
const QByteArray kSecret = "tw-secret-7f3a9c1e5b2d4f60";
const QString kBase = QStringLiteral("/2010-04-01/Accounts/AC00000000000000000000000000000001");
const qint64 kNow = 1772452800000;     // 2026-03-02T12:00:00Z
const qint64 kDay1Ms = 1772323200000;  // 2026-03-01T00:00:00Z
const qint64 kDay2Ms = 1772409600000;  // 2026-03-02T00:00:00Z

QStringList g_logged;
QtMessageHandler g_previousHandler = nullptr;
QLoggingCategory::CategoryFilter g_previousFilter = nullptr;

void collect(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    g_logged << message;
    if (type != QtDebugMsg && g_previousHandler)
        g_previousHandler(type, context, message);
}

void enableDebug(QLoggingCategory *category)
{
    if (g_previousFilter)
        g_previousFilter(category);
    if (qstrncmp(category->categoryName(), "stackscope.", 11) == 0)
        category->setEnabled(QtDebugMsg, true);
}

QString file(const char *name)
{
    return QStringLiteral("twilio/") + QLatin1String(name);
}

double valueOf(const SampleBatch &samples, QLatin1String metric, const Labels &labels, qint64 ts)
{
    for (const MetricSample &s : samples) {
        if (s.metric == QString(metric) && s.labels == labels && s.ts == ts)
            return s.value;
    }
    return qQNaN();
}

QByteArray basicFor(const QString &user)
{
    return "Basic " + QByteArray(user.toLatin1() + ':' + kSecret).toBase64();
}

Labels country(const char *code)
{
    return {{QStringLiteral("country"), QString::fromLatin1(code)}};
}

} // namespace

class tst_TwilioConnector : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup();

    void catalogue();
    void happyPathWithPagination();
    void apiKeyIsTheBasicUser();
    void resourcesSettingLimitsTheRequests();
    void emptyResults();
    void budgetPausesAndTheCursorResumes();
    void endlessPaginationStopsAtThePageCap();
    void slowTwilioPausesBeforeTheRunDeadline();
    void backfillGoesNewestFirstAndIsBounded();
    void expiredPageTokenRestartsTheDay();
    void cursorOfAnotherAccountIsIgnored();
    void shortRetryAfterIsWaitedFor();
    void longRetryAfterIsReported();
    void serverErrorThenSuccess();
    void persistentServerErrorInPlainWords();
    void timeout();
    void malformedJson();
    void wrongCredentials();
    void nextPageToAnotherAccountIsRefused();
    void badSettingsSendNothing_data();
    void badSettingsSendNothing();
    void testConnection_data();
    void testConnection();
    void testConnectionWithApiKey();
    void secretsNeverLogged();

private:
    std::shared_ptr<connector::ServiceSession> session(QMap<QString, QString> settings = {},
                                                       std::shared_ptr<connector::RequestBudgetTracker> budget = {});
    Result<connector::FetchResult> fetch(TwilioConnector &connector, const connector::FetchWindow &window,
                                         connector::FetchSession &session);
    Result<connector::FetchResult> fetch(const connector::FetchWindow &window, QMap<QString, QString> settings = {});
    static connector::FetchWindow regularWindow(QJsonObject cursor = {});
    void routeRecorded();

    std::unique_ptr<LocalHttpServer> m_server;
    std::unique_ptr<net::HttpClient> m_http;
    FakeClock m_clock{kNow};
};

void tst_TwilioConnector::initTestCase()
{
    QVERIFY(secrets::initSodium());
    g_previousHandler = qInstallMessageHandler(collect);
    g_previousFilter = QLoggingCategory::installFilter(enableDebug);
}

void tst_TwilioConnector::cleanupTestCase()
{
    QLoggingCategory::installFilter(g_previousFilter);
    qInstallMessageHandler(g_previousHandler);
}

void tst_TwilioConnector::init()
{
    m_server = std::make_unique<LocalHttpServer>();
    QVERIFY(m_server->listen());
    m_http = std::make_unique<net::HttpClient>();
    m_http->setBackoffScale(0.01);
    m_clock.set(kNow);
}

void tst_TwilioConnector::cleanup()
{
    m_http.reset();
    m_server.reset();
}

std::shared_ptr<connector::ServiceSession> tst_TwilioConnector::session(QMap<QString, QString> settings,
                                                                      std::shared_ptr<connector::RequestBudgetTracker> budget)
{
    ServiceConfig config;
    config.id = 1;
    config.uuid = QStringLiteral("00000000-0000-0000-0000-000000000001");
    config.project = QStringLiteral("shop");
    config.type = QStringLiteral("twilio");
    config.name = QStringLiteral("Twilio");
    config.interval = 900s;
    if (!settings.contains(QStringLiteral("account_sid")))
        settings.insert(QStringLiteral("account_sid"), kAccount);
    config.settings = settings;
    connector::CredentialMap credentials;
    credentials.emplace(QStringLiteral("auth_token"), std::make_shared<const secrets::SecureBytes>(kSecret));
    if (!budget)
        budget = std::make_shared<connector::RequestBudgetTracker>(TwilioConnector::makeInfo().budget);
    return std::make_shared<connector::ServiceSession>(config, credentials, m_server->url(), *m_http, m_clock, budget);
}

Result<connector::FetchResult> tst_TwilioConnector::fetch(TwilioConnector &connector, const connector::FetchWindow &window,
                                                          connector::FetchSession &session)
{
    std::optional<Result<connector::FetchResult>> outcome;
    int calls = 0;
    connector.fetch(session, window, [&](Result<connector::FetchResult> result) {
        ++calls;
        outcome.emplace(std::move(result));
    });
    if (!QTest::qWaitFor([&] { return outcome.has_value(); }, 30'000))
        return Error::make(Error::Code::Timeout, QStringLiteral("test: no answer from the connector"));
    QTest::qWait(20); // a second call of `done` would show up here
    if (calls != 1)
        qWarning("done called %d times", calls);
    return std::move(*outcome);
}

Result<connector::FetchResult> tst_TwilioConnector::fetch(const connector::FetchWindow &window, QMap<QString, QString> settings)
{
    TwilioConnector connector;
    auto s = session(std::move(settings));
    return fetch(connector, window, *s);
}

connector::FetchWindow tst_TwilioConnector::regularWindow(QJsonObject cursor)
{
    connector::FetchWindow window;
    window.toMs = kNow;
    window.fromMs = kNow - 15 * 60'000;
    window.cursor = std::move(cursor);
    return window;
}

// The recorded answers: March 2 has two pages of messages and a page of calls, March 1 one page of messages and no
// calls, usage records come in two pages; any other day is empty.
void tst_TwilioConnector::routeRecorded()
{
    m_server->route("GET", kBase + QStringLiteral("/Usage/Records/Daily.json"), [](const RecordedRequest &r) {
        return ScriptedResponse::fromFile(200, file(r.query.queryItemValue(QStringLiteral("Page")) == QLatin1String("1")
                                                        ? "usage_daily_page1.json" : "usage_daily_page0.json"));
    });
    m_server->route("GET", kBase + QStringLiteral("/Messages.json"), [](const RecordedRequest &r) {
        const QString day = r.query.queryItemValue(QStringLiteral("DateSent>"));
        if (day == QLatin1String("2026-03-02"))
            return ScriptedResponse::fromFile(200, file(r.query.queryItemValue(QStringLiteral("Page")) == QLatin1String("1")
                                                            ? "messages_2026-03-02_page1.json"
                                                            : "messages_2026-03-02_page0.json"));
        if (day == QLatin1String("2026-03-01"))
            return ScriptedResponse::fromFile(200, file("messages_2026-03-01.json"));
        return ScriptedResponse::fromFile(200, file("messages_empty.json"));
    });
    m_server->route("GET", kBase + QStringLiteral("/Calls.json"), [](const RecordedRequest &r) {
        if (r.query.queryItemValue(QStringLiteral("StartTime>")) == QLatin1String("2026-03-02"))
            return ScriptedResponse::fromFile(200, file("calls_2026-03-02.json"));
        return ScriptedResponse::fromFile(200, file("calls_empty.json"));
    });
}

void tst_TwilioConnector::catalogue()
{
    TwilioConnector connector;
    const connector::ConnectorInfo &info = connector.info();
    QCOMPARE(info.typeId, QStringLiteral("twilio"));
    QCOMPARE(info.defaultBaseUrl, QStringLiteral("https://api.twilio.com"));
    QCOMPARE(info.credentials.size(), 1);
    QVERIFY(info.credentials.first().secret);
    QCOMPARE(info.credentials.first().key, QStringLiteral("auth_token"));
    for (const connector::FieldSpec &setting : info.settings)
        QVERIFY(!setting.secret);
    QCOMPARE(info.maxBackfillDays, std::optional<int>(30));
    QCOMPARE(info.budget.maxConcurrent, 1);
    QSet<QString> names;
    for (const connector::MetricSpec &metric : info.metrics) {
        QVERIFY2(!metric.unit.isEmpty() && !metric.description.isEmpty() && !metric.endpoint.isEmpty(), qPrintable(metric.name));
        names.insert(metric.name);
    }
    QCOMPARE(names.size(), info.metrics.size());
    QVERIFY(names.contains(QStringLiteral("twilio.sms.sent")));
    QVERIFY(names.contains(QStringLiteral("twilio.calls.success_rate")));
    QVERIFY(names.contains(QStringLiteral("twilio.usage.cost")));
}

void tst_TwilioConnector::happyPathWithPagination()
{
    routeRecorded();
    auto result = fetch(regularWindow());
    QVERIFY2(result, qPrintable(result ? QString() : result.error().userMessage));
    QVERIFY(result->complete);
    QVERIFY(result->cursor.isEmpty());

    // The exact requests, in order: usage for the range, then each day newest first, following next_page_uri.
    const QList<QByteArray> expected = {
        kBase.toLatin1() + "/Usage/Records/Daily.json?StartDate=2026-03-01&EndDate=2026-03-02&PageSize=1000",
        kBase.toLatin1() + "/Usage/Records/Daily.json?StartDate=2026-03-01&EndDate=2026-03-02&PageSize=1000&Page=1"
                           "&PageToken=PAUR00000000000000000000000000000002",
        kBase.toLatin1() + "/Messages.json?DateSent%3E=2026-03-02&DateSent%3C=2026-03-02&PageSize=1000",
        kBase.toLatin1() + "/Messages.json?DateSent%3E=2026-03-02&DateSent%3C=2026-03-02&PageSize=1000&Page=1"
                           "&PageToken=PASM00000000000000000000000000000003",
        kBase.toLatin1() + "/Calls.json?StartTime%3E=2026-03-02&StartTime%3C=2026-03-02&PageSize=1000",
        kBase.toLatin1() + "/Messages.json?DateSent%3E=2026-03-01&DateSent%3C=2026-03-01&PageSize=1000",
        kBase.toLatin1() + "/Calls.json?StartTime%3E=2026-03-01&StartTime%3C=2026-03-01&PageSize=1000",
    };
    QCOMPARE(m_server->requestCount(), expected.size());
    const QByteArray basic = basicFor(kAccount);
    for (int i = 0; i < expected.size(); ++i) {
        const RecordedRequest &r = m_server->requests().at(i);
        QCOMPARE(r.method, QByteArray("GET"));
        QCOMPARE(r.target, expected.at(i));
        QCOMPARE(r.header("Authorization"), basic);
    }
    QCOMPARE(m_server->requests().at(2).query.queryItemValue(QStringLiteral("DateSent>")), QStringLiteral("2026-03-02"));

    const SampleBatch &samples = result->samples;
    QCOMPARE(valueOf(samples, kSmsSent, country("GB"), kDay2Ms), 1.0);
    QCOMPARE(valueOf(samples, kSmsFailed, country("AU"), kDay2Ms), 1.0);
    QCOMPARE(valueOf(samples, kSmsSent, country("GB"), kDay1Ms), 1.0);
    QCOMPARE(valueOf(samples, kSmsDeliveryRate, {}, kDay2Ms), 50.0);
    QCOMPARE(valueOf(samples, kSmsDeliveryRate, {}, kDay1Ms), 100.0);
    QCOMPARE(valueOf(samples, kCallSuccessRate, {{QStringLiteral("direction"), QStringLiteral("outbound-api")}}, kDay2Ms),
             100.0 / 3.0);
    QCOMPARE(valueOf(samples, kUsageCost, {{QStringLiteral("category"), QStringLiteral("totalprice")}, {QStringLiteral("currency"), QStringLiteral("USD")}},
                     kDay1Ms),
             11.426);
    for (const MetricSample &s : samples) {
        QVERIFY2(s.ts == kDay1Ms || s.ts == kDay2Ms, qPrintable(s.metric));
        QVERIFY(!s.labels.contains(QStringLiteral("project"))); // the scheduler adds those
    }
}

void tst_TwilioConnector::apiKeyIsTheBasicUser()
{
    routeRecorded();
    auto result = fetch(regularWindow(), {{QStringLiteral("api_key_sid"), kKeySid}, {QStringLiteral("resources"), QStringLiteral("usage")}});
    QVERIFY(result);
    QCOMPARE(m_server->requestCount(), 2);
    const QByteArray basic = basicFor(kKeySid);
    for (const RecordedRequest &r : m_server->requests()) {
        QCOMPARE(r.header("Authorization"), basic);
        QVERIFY(r.path.startsWith(kBase)); // the account stays in the path
    }
}

void tst_TwilioConnector::resourcesSettingLimitsTheRequests()
{
    routeRecorded();
    auto result = fetch(regularWindow(), {{QStringLiteral("resources"), QStringLiteral(" Calls ")}});
    QVERIFY(result);
    QCOMPARE(m_server->requestCount(), 2);
    for (const RecordedRequest &r : m_server->requests())
        QCOMPARE(r.path, kBase + QStringLiteral("/Calls.json"));
    for (const MetricSample &s : result->samples)
        QVERIFY(s.metric.startsWith(QLatin1String("twilio.calls.")));
}

void tst_TwilioConnector::emptyResults()
{
    m_server->route("GET", kBase + QStringLiteral("/Usage/Records/Daily.json"), ScriptedResponse::fromFile(200, file("usage_empty.json")));
    m_server->route("GET", kBase + QStringLiteral("/Messages.json"), ScriptedResponse::fromFile(200, file("messages_empty.json")));
    m_server->route("GET", kBase + QStringLiteral("/Calls.json"), ScriptedResponse::fromFile(200, file("calls_empty.json")));
    auto result = fetch(regularWindow());
    QVERIFY(result);
    QVERIFY(result->complete);
    QVERIFY(result->samples.isEmpty());
    QVERIFY(result->cursor.isEmpty());
    QCOMPARE(m_server->requestCount(), 5);
}

void tst_TwilioConnector::budgetPausesAndTheCursorResumes()
{
    routeRecorded();
    TwilioConnector connector;
    auto budget = std::make_shared<connector::RequestBudgetTracker>(connector::RequestBudget{3, 60s, 1});
    auto s = session({}, budget);

    auto first = fetch(connector, regularWindow(), *s);
    QVERIFY(first);
    QVERIFY(!first->complete);
    QCOMPARE(m_server->requestCount(), 3); // usage page 0 and 1, messages of March 2 page 0
    const QJsonObject cursor = first->cursor;
    QCOMPARE(cursor.value(QStringLiteral("stage")).toString(), QStringLiteral("messages"));
    QCOMPARE(cursor.value(QStringLiteral("day")).toString(), QStringLiteral("2026-03-02"));
    QVERIFY(cursor.value(QStringLiteral("next")).toString().contains(QLatin1String("PageToken=PASM")));
    QVERIFY(!cursor.value(QStringLiteral("tally")).toArray().isEmpty());
    for (const MetricSample &s2 : first->samples)
        QVERIFY2(s2.metric.startsWith(QLatin1String("twilio.usage.")), qPrintable(s2.metric)); // no half day

    // Still over budget: nothing is sent, the same position is handed back.
    auto stalled = fetch(connector, regularWindow(cursor), *s);
    QVERIFY(stalled);
    QVERIFY(!stalled->complete);
    QCOMPARE(m_server->requestCount(), 3);
    QCOMPARE(stalled->cursor, cursor);

    // A minute later it goes on from the saved page, with the day's counts so far.
    m_clock.advance(61'000);
    m_server->clearRequests();
    auto second = fetch(connector, regularWindow(cursor), *s);
    QVERIFY(second);
    QVERIFY(!second->complete);
    QCOMPARE(m_server->requests().first().target,
             kBase.toLatin1() + "/Messages.json?DateSent%3E=2026-03-02&DateSent%3C=2026-03-02&PageSize=1000&Page=1"
                                "&PageToken=PASM00000000000000000000000000000003");
    m_clock.advance(61'000);
    auto third = fetch(connector, regularWindow(second->cursor), *s);
    QVERIFY(third);
    QVERIFY(third->complete);
    QVERIFY(third->cursor.isEmpty());

    // Together they give exactly what one uninterrupted fetch gives.
    SampleBatch resumed = first->samples + second->samples + third->samples;
    m_server->clearRequests();
    auto whole = fetch(regularWindow());
    QVERIFY(whole);
    QCOMPARE(resumed.size(), whole->samples.size());
    for (const MetricSample &w : whole->samples)
        QCOMPARE(valueOf(resumed, QLatin1String(w.metric.toLatin1()), w.labels, w.ts), w.value);
}

void tst_TwilioConnector::endlessPaginationStopsAtThePageCap()
{
    int served = 0;
    m_server->route("GET", kBase + QStringLiteral("/Messages.json"), [&served](const RecordedRequest &) {
        ++served;
        const QByteArray next = kBase.toLatin1() + "/Messages.json?PageSize=1000&Page=" + QByteArray::number(served)
                                + "&PageToken=PA" + QByteArray::number(served);
        return ScriptedResponse::json(200, R"({"messages": [], "next_page_uri": ")" + next + R"("})");
    });
    auto budget = std::make_shared<connector::RequestBudgetTracker>(connector::RequestBudget{1000, 60s, 1});
    TwilioConnector connector;
    auto s = session({{QStringLiteral("resources"), QStringLiteral("messages")}}, budget);
    auto result = fetch(connector, regularWindow(), *s);
    QVERIFY(result);
    QVERIFY(!result->complete);
    QCOMPARE(served, TwilioConnector::kMaxPagesPerFetch);
    QVERIFY(result->cursor.value(QStringLiteral("next")).toString().endsWith(QLatin1String("PageToken=PA50")));
}

void tst_TwilioConnector::slowTwilioPausesBeforeTheRunDeadline()
{
    // Each answer takes 100 s of (fake) time: after the second, no third request is started.
    m_server->route("GET", kBase + QStringLiteral("/Messages.json"), [this](const RecordedRequest &) {
        m_clock.advance(100'000);
        return ScriptedResponse::fromFile(200, file("messages_empty.json"));
    });
    connector::FetchWindow window;
    window.toMs = kNow;
    window.fromMs = kNow - 10LL * 86'400'000;
    auto result = fetch(window, {{QStringLiteral("resources"), QStringLiteral("messages")}});
    QVERIFY(result);
    QVERIFY(!result->complete);
    QCOMPARE(m_server->requestCount(), 2);
    QCOMPARE(result->cursor.value(QStringLiteral("day")).toString(), QStringLiteral("2026-02-28"));
    QCOMPARE(result->cursor.value(QStringLiteral("from")).toString(), QStringLiteral("2026-02-20"));
}

void tst_TwilioConnector::backfillGoesNewestFirstAndIsBounded()
{
    routeRecorded();
    connector::FetchWindow window;
    window.toMs = kNow;
    window.fromMs = kNow - 400LL * 86'400'000; // far more than the connector reads back
    window.backfill = true;
    auto budget = std::make_shared<connector::RequestBudgetTracker>(connector::RequestBudget{1000, 60s, 1});
    TwilioConnector connector;
    auto s = session({{QStringLiteral("resources"), QStringLiteral("messages")}}, budget);
    auto result = fetch(connector, window, *s);
    QVERIFY(result);
    QVERIFY(result->complete);
    QCOMPARE(m_server->requestCount(), 1 + 1 + 30); // March 2 (two pages), then 30 more days back
    QCOMPARE(m_server->requests().at(0).query.queryItemValue(QStringLiteral("DateSent>")), QStringLiteral("2026-03-02"));
    QCOMPARE(m_server->requests().at(2).query.queryItemValue(QStringLiteral("DateSent>")), QStringLiteral("2026-03-01"));
    QCOMPARE(m_server->requests().last().query.queryItemValue(QStringLiteral("DateSent<")), QStringLiteral("2026-01-31"));
}

void tst_TwilioConnector::expiredPageTokenRestartsTheDay()
{
    routeRecorded();
    m_server->route("GET", kBase + QStringLiteral("/Messages.json"), [](const RecordedRequest &r) {
        if (r.query.queryItemValue(QStringLiteral("PageToken")) == QLatin1String("EXPIRED"))
            return ScriptedResponse::fromFile(404, file("error_20404.json"));
        if (r.query.queryItemValue(QStringLiteral("DateSent>")) == QLatin1String("2026-03-01"))
            return ScriptedResponse::fromFile(200, file("messages_2026-03-01.json"));
        return ScriptedResponse::fromFile(200, file("messages_empty.json"));
    });
    const QJsonObject cursor{{QStringLiteral("v"), 1},
                             {QStringLiteral("account"), kAccount},
                             {QStringLiteral("from"), QStringLiteral("2026-03-01")},
                             {QStringLiteral("to"), QStringLiteral("2026-03-02")},
                             {QStringLiteral("stage"), QStringLiteral("messages")},
                             {QStringLiteral("day"), QStringLiteral("2026-03-01")},
                             {QStringLiteral("next"), QString(kBase + QStringLiteral("/Messages.json?DateSent%3E=2026-03-01&Page=1&PageToken=EXPIRED"))},
                             {QStringLiteral("tally"), QJsonArray{QJsonValue(QJsonArray{QString(kSmsSent), QJsonObject{{QStringLiteral("country"), QStringLiteral("GB")}}, 7})}}};
    auto result = fetch(regularWindow(cursor), {{QStringLiteral("resources"), QStringLiteral("messages")}});
    QVERIFY2(result, qPrintable(result ? QString() : result.error().userMessage));
    QVERIFY(result->complete);
    QCOMPARE(m_server->requestCount(), 2);
    QVERIFY(m_server->requests().at(0).target.contains("PageToken=EXPIRED"));
    QVERIFY(!m_server->requests().at(1).target.contains("PageToken"));
    // The stale partial count was dropped with the page: the day counts once.
    QCOMPARE(valueOf(result->samples, kSmsSent, country("GB"), kDay1Ms), 1.0);
}

void tst_TwilioConnector::cursorOfAnotherAccountIsIgnored()
{
    routeRecorded();
    const QJsonObject cursor{{QStringLiteral("v"), 1},
                             {QStringLiteral("account"), kOtherAccount},
                             {QStringLiteral("from"), QStringLiteral("2026-03-01")},
                             {QStringLiteral("to"), QStringLiteral("2026-03-02")},
                             {QStringLiteral("stage"), QStringLiteral("calls")},
                             {QStringLiteral("day"), QStringLiteral("2026-03-01")},
                             {QStringLiteral("next"), QStringLiteral("/2010-04-01/Accounts/AC00000000000000000000000000000002/Calls.json?Page=3")}};
    auto result = fetch(regularWindow(cursor));
    QVERIFY(result);
    QVERIFY(result->complete);
    QCOMPARE(m_server->requestCount(), 7);
    for (const RecordedRequest &r : m_server->requests())
        QVERIFY(r.path.startsWith(kBase));
}

void tst_TwilioConnector::shortRetryAfterIsWaitedFor()
{
    m_server->queue("GET", kBase + QStringLiteral("/Usage/Records/Daily.json"),
                    {ScriptedResponse::fromFile(429, file("error_20429.json")).withHeader("Retry-After", "1")});
    m_server->route("GET", kBase + QStringLiteral("/Usage/Records/Daily.json"), ScriptedResponse::fromFile(200, file("usage_empty.json")));
    QElapsedTimer timer;
    timer.start();
    auto result = fetch(regularWindow(), {{QStringLiteral("resources"), QStringLiteral("usage")}});
    QVERIFY(result);
    QVERIFY(result->complete);
    QCOMPARE(m_server->requestCount(), 2);
    QVERIFY2(timer.elapsed() >= 900, qPrintable(QString::number(timer.elapsed())));
}

void tst_TwilioConnector::longRetryAfterIsReported()
{
    m_server->route("GET", kBase + QStringLiteral("/Usage/Records/Daily.json"),
                    ScriptedResponse::fromFile(429, file("error_20429.json")).withHeader("Retry-After", "120"));
    auto result = fetch(regularWindow(), {{QStringLiteral("resources"), QStringLiteral("usage")}});
    QVERIFY(!result);
    QCOMPARE(toString(result.error().code), toString(Error::Code::RateLimited));
    QVERIFY(result.error().retryAfter);
    QCOMPARE(result.error().retryAfter->count(), 120'000);
    QCOMPARE(result.error().userMessage,
             QStringLiteral("Twilio is limiting requests: Too Many Requests (20429). Trying again in 120 s."));
    QCOMPARE(m_server->requestCount(), 1);
}

void tst_TwilioConnector::serverErrorThenSuccess()
{
    m_server->queue("GET", kBase + QStringLiteral("/Usage/Records/Daily.json"),
                    {ScriptedResponse::fromFile(503, file("error_20500.json"))});
    m_server->route("GET", kBase + QStringLiteral("/Usage/Records/Daily.json"), ScriptedResponse::fromFile(200, file("usage_empty.json")));
    auto result = fetch(regularWindow(), {{QStringLiteral("resources"), QStringLiteral("usage")}});
    QVERIFY(result);
    QVERIFY(result->complete);
    QCOMPARE(m_server->requestCount(), 2);
}

void tst_TwilioConnector::persistentServerErrorInPlainWords()
{
    m_server->route("GET", kBase + QStringLiteral("/Usage/Records/Daily.json"), ScriptedResponse::fromFile(500, file("error_20500.json")));
    auto result = fetch(regularWindow(), {{QStringLiteral("resources"), QStringLiteral("usage")}});
    QVERIFY(!result);
    QCOMPARE(toString(result.error().code), toString(Error::Code::Network));
    QCOMPARE(result.error().userMessage,
             QStringLiteral("Twilio answered with an error (HTTP 500): Internal Server Error (20500)."));
    QCOMPARE(m_server->requestCount(), 3); // the client's two retries
}

void tst_TwilioConnector::timeout()
{
    m_server->route("GET", kBase + QStringLiteral("/Usage/Records/Daily.json"),
                    ScriptedResponse::fromFile(200, file("usage_empty.json")).withDelay(3000));
    TwilioConnector connector;
    connector.setRequestTimeout(300ms);
    connector.setMaxRetries(0);
    auto s = session({{QStringLiteral("resources"), QStringLiteral("usage")}});
    QElapsedTimer timer;
    timer.start();
    auto result = fetch(connector, regularWindow(), *s);
    QVERIFY(!result);
    QCOMPARE(toString(result.error().code), toString(Error::Code::Timeout));
    QVERIFY2(timer.elapsed() < 2500, qPrintable(QString::number(timer.elapsed())));
}

void tst_TwilioConnector::malformedJson()
{
    m_server->route("GET", kBase + QStringLiteral("/Messages.json"), ScriptedResponse::fromFile(200, file("malformed.json")));
    auto result = fetch(regularWindow(), {{QStringLiteral("resources"), QStringLiteral("messages")}});
    QVERIFY(!result);
    QCOMPARE(toString(result.error().code), toString(Error::Code::Parse));
    QCOMPARE(result.error().userMessage, QStringLiteral("Twilio's answer could not be read: it is not JSON."));
    QVERIFY(result.error().detail.contains(QLatin1String("/Messages.json")));
}

void tst_TwilioConnector::wrongCredentials()
{
    m_server->route("GET", QStringLiteral("*"), ScriptedResponse::fromFile(401, file("error_20003.json")));
    auto result = fetch(regularWindow());
    QVERIFY(!result);
    QCOMPARE(toString(result.error().code), toString(Error::Code::Auth));
    QCOMPARE(result.error().userMessage,
             QStringLiteral("Twilio rejected the credentials: Authenticate (20003). Check the Account SID and the Auth Token."));
    QCOMPARE(m_server->requestCount(), 1); // never retried
}

void tst_TwilioConnector::nextPageToAnotherAccountIsRefused()
{
    m_server->route("GET", kBase + QStringLiteral("/Messages.json"),
                    ScriptedResponse::json(200, R"({"messages": [], "next_page_uri": "/2010-04-01/Accounts/AC00000000000000000000000000000002/Messages.json?Page=1"})"));
    auto result = fetch(regularWindow(), {{QStringLiteral("resources"), QStringLiteral("messages")}});
    QVERIFY(!result);
    QCOMPARE(toString(result.error().code), toString(Error::Code::Parse));
    QCOMPARE(m_server->requestCount(), 1);
}

void tst_TwilioConnector::badSettingsSendNothing_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("words");
    QTest::addRow("short account SID") << QStringLiteral("account_sid") << QStringLiteral("AC123") << QStringLiteral("Account SID");
    QTest::addRow("path in account SID") << QStringLiteral("account_sid") << QStringLiteral("AC0000000000000000000000000000001/..")
                                         << QStringLiteral("Account SID");
    QTest::addRow("key SID is an account SID") << QStringLiteral("api_key_sid") << kAccount << QStringLiteral("API key SID");
    QTest::addRow("unknown resource") << QStringLiteral("resources") << QStringLiteral("messages,fax") << QStringLiteral("\"fax\"");
}

void tst_TwilioConnector::badSettingsSendNothing()
{
    QFETCH(QString, key);
    QFETCH(QString, value);
    QFETCH(QString, words);
    auto result = fetch(regularWindow(), {{key, value}});
    QVERIFY(!result);
    QCOMPARE(toString(result.error().code), toString(Error::Code::Config));
    QVERIFY2(result.error().userMessage.contains(words), qPrintable(result.error().userMessage));
    QCOMPARE(m_server->requestCount(), 0);
}

void tst_TwilioConnector::testConnection_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("body");
    QTest::addColumn<QString>("message"); // empty: OK
    QTest::addRow("active account") << 200 << file("account.json") << QString();
    QTest::addRow("suspended account") << 200 << file("account_suspended.json")
                                       << QStringLiteral("The Twilio account AC00000000000000000000000000000001 (Stackscope "
                                                         "test account) is suspended; it has no traffic to read.");
    QTest::addRow("wrong token") << 401 << file("error_20003.json")
                                 << QStringLiteral("Twilio rejected the credentials: Authenticate (20003). Check the "
                                                   "Account SID and the Auth Token.");
    QTest::addRow("not found") << 404 << file("error_20404.json")
                               << QStringLiteral("Twilio refused the request (HTTP 404): The requested resource "
                                                 "/2010-04-01/Accounts/AC00000000000000000000000000000001/Messages.json "
                                                 "was not found (20404).");
    QTest::addRow("garbage") << 200 << file("malformed.json") << QStringLiteral("Twilio's answer could not be read: the account is not a JSON object.");
}

void tst_TwilioConnector::testConnection()
{
    QFETCH(int, status);
    QFETCH(QString, body);
    QFETCH(QString, message);
    m_server->route("GET", kBase + QStringLiteral(".json"), ScriptedResponse::fromFile(status, body));
    TwilioConnector connector;
    auto s = session();
    std::optional<Status> outcome;
    connector.testConnection(*s, [&](Status st) { outcome.emplace(std::move(st)); });
    QVERIFY(QTest::qWaitFor([&] { return outcome.has_value(); }, 20'000));
    QCOMPARE(m_server->requestCount(), 1);
    QCOMPARE(m_server->requests().first().target, kBase.toLatin1() + ".json");
    QCOMPARE(m_server->requests().first().header("Authorization"), basicFor(kAccount));
    if (message.isEmpty()) {
        QVERIFY2(outcome->ok(), qPrintable(outcome->ok() ? QString() : outcome->error().userMessage));
    } else {
        QVERIFY(!outcome->ok());
        QCOMPARE(outcome->error().userMessage, message);
    }
}

void tst_TwilioConnector::testConnectionWithApiKey()
{
    m_server->route("GET", kBase + QStringLiteral("/Usage/Records/Today.json"), ScriptedResponse::fromFile(200, file("usage_empty.json")));
    TwilioConnector connector;
    auto s = session({{QStringLiteral("api_key_sid"), kKeySid}});
    std::optional<Status> outcome;
    connector.testConnection(*s, [&](Status st) { outcome.emplace(std::move(st)); });
    QVERIFY(QTest::qWaitFor([&] { return outcome.has_value(); }, 20'000));
    QVERIFY(outcome->ok());
    QCOMPARE(m_server->requests().first().target, kBase.toLatin1() + "/Usage/Records/Today.json?Category=totalprice&PageSize=1");
    QCOMPARE(m_server->requests().first().header("Authorization"), basicFor(kKeySid));
}

void tst_TwilioConnector::secretsNeverLogged()
{
    // Runs last: every line logged by every test above, debug included.
    QVERIFY(!g_logged.isEmpty());
    const QString secret = QString::fromLatin1(kSecret);
    const QString basic = QString::fromLatin1(basicFor(kAccount).mid(6));
    for (const QString &line : std::as_const(g_logged)) {
        QVERIFY2(!line.contains(secret), qPrintable(line));
        QVERIFY2(!line.contains(basic), qPrintable(line));
    }
}

QTEST_GUILESS_MAIN(tst_TwilioConnector)
#include "tst_twilioconnector.moc"
