// The OneSignal connector against a local OneSignal stand-in, through the real HttpClient: the requests it sends
// (Authorization scheme, app_id/limit/offset paging), its pacing, how it walks, pauses and resumes the message
// list, and how it reports what OneSignal answers.
#include "onesignalconnector.h"
#include "onesignalmapper.h"

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

#include <algorithm>
#include <map>
#include <memory>
#include <optional>

using namespace stackscope;
using namespace stackscope::connectors::onesignal;
using namespace stackscope::test;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

const QString kAppId = u"11111111-2222-4333-8444-555555555555"_s;
const QByteArray kApiKey = "os_v2_app_PLANTEDfixturekey0123456789abcdefghijklmnop";
constexpr qint64 kNow = 1772539200000; // 2026-03-03T12:00:00Z
constexpr qint64 kHour = 3'600'000;
constexpr qint64 kDay = 86'400'000;

QStringList g_logged;
QtMessageHandler g_previousHandler = nullptr;

void collect(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    g_logged << message;
    if (type != QtDebugMsg && g_previousHandler)
        g_previousHandler(type, context, message);
}

// One message of the stand-in's list.
struct Fake
{
    QString id;
    QString name;
    qint64 queuedMs = 0;
    qint64 sendAfterMs = 0;
    int successful = 0;
    int remaining = 0;
};

QJsonObject toJson(const Fake &m)
{
    const int failed = m.successful / 10, errored = m.successful / 20, converted = m.successful / 4;
    QJsonObject stats{{u"ios"_s, QJsonObject{{u"successful"_s, m.successful / 2}, {u"failed"_s, failed},
                                             {u"errored"_s, errored}, {u"converted"_s, converted / 2},
                                             {u"received"_s, m.successful / 2}}},
                      {u"android"_s, QJsonObject{{u"successful"_s, m.successful - m.successful / 2},
                                                 {u"failed"_s, 0}, {u"errored"_s, 0},
                                                 {u"converted"_s, converted - converted / 2},
                                                 {u"received"_s, m.successful - m.successful / 2}}}};
    return QJsonObject{{u"id"_s, m.id},
                       {u"app_id"_s, kAppId},
                       {u"name"_s, m.name},
                       {u"template_id"_s, QString()},
                       {u"contents"_s, QJsonObject{{u"en"_s, u"fixture"_s}}},
                       {u"successful"_s, m.successful},
                       {u"failed"_s, failed},
                       {u"errored"_s, errored},
                       {u"converted"_s, converted},
                       {u"received"_s, m.successful},
                       {u"remaining"_s, m.remaining},
                       {u"queued_at"_s, double(m.queuedMs / 1000)},
                       {u"send_after"_s, double((m.sendAfterMs ? m.sendAfterMs : m.queuedMs) / 1000)},
                       {u"completed_at"_s, m.remaining ? QJsonValue(QJsonValue::Null) : QJsonValue(double(m.queuedMs / 1000 + 60))},
                       {u"canceled"_s, false},
                       {u"platform_delivery_stats"_s, stats}};
}

// The stand-in: the messages newest queued first, served by limit and offset.
class FakeOneSignal
{
public:
    QList<Fake> messages;
    QByteArray expectedAuth = "Key " + kApiKey;
    int maxPage = 50; // a server may answer with fewer than `limit`

    // `count` messages, one every `everyMs`, the newest at kNow - 10 min; names cycle through three campaigns.
    void fill(int count, qint64 everyMs)
    {
        messages.clear();
        for (int i = 0; i < count; ++i) {
            Fake m;
            m.id = u"a0000000-0000-4000-8000-%1"_s.arg(i, 12, 10, QLatin1Char('0'));
            m.name = i % 3 == 0 ? u"promo"_s : i % 3 == 1 ? u"welcome"_s : QString();
            m.queuedMs = kNow - 600'000 - qint64(i) * everyMs;
            m.successful = 100 + i;
            messages.append(m);
        }
    }
    void prepend(const Fake &m) { messages.prepend(m); }

    ScriptedResponse answer(const RecordedRequest &request) const
    {
        if (request.header("Authorization") != expectedAuth)
            return ScriptedResponse::fromFile(403, u"onesignal/error_403.json"_s);
        if (request.query.queryItemValue(u"app_id"_s) != kAppId)
            return ScriptedResponse::fromFile(400, u"onesignal/error_400.json"_s);
        const int limit = std::clamp(request.query.queryItemValue(u"limit"_s).toInt(), 1, maxPage);
        const int offset = std::max(0, request.query.queryItemValue(u"offset"_s).toInt());
        QJsonArray page;
        for (int i = offset; i < messages.size() && i < offset + limit; ++i)
            page.append(toJson(messages.at(i)));
        const QJsonObject body{{u"total_count"_s, int(messages.size())},
                               {u"offset"_s, offset},
                               {u"limit"_s, limit},
                               {u"notifications"_s, page}};
        return ScriptedResponse::json(200, QJsonDocument(body).toJson(QJsonDocument::Compact));
    }
};

// "metric{k=v,...}@ts" -> value: one entry per series point.
std::map<QString, double> keyed(const SampleBatch &samples)
{
    std::map<QString, double> out;
    for (const MetricSample &sample : samples) {
        QStringList labels;
        for (auto it = sample.labels.cbegin(); it != sample.labels.cend(); ++it)
            labels << it.key() + u'=' + it.value();
        out[sample.metric + u'{' + labels.join(u',') + u"}@"_s + QString::number(sample.ts)] = sample.value;
    }
    return out;
}

double valueOf(const SampleBatch &samples, const char *metric, qint64 ts, const Labels &labels)
{
    for (const MetricSample &sample : samples) {
        if (sample.metric == QLatin1String(metric) && sample.ts == ts && sample.labels == labels)
            return sample.value;
    }
    return -1;
}

} // namespace

class tst_OneSignalConnector : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void cleanupTestCase();

    void catalogue();
    void backfillPagesBackToTheWindow();
    void pollRereadsRefreshHours();
    void shortPagesFollowTotalCount();
    void requestsAreSpaced();
    void unsettledMessagesAreReadAgain();
    void budgetStopsAndResumesExactly();
    void settingsShapeTheRequest();
    void retryAfter429IsHonoured();
    void long429IsReported();
    void serverErrorsThenSuccess();
    void timeout();
    void malformedJson();
    void wrongCredentials();
    void emptyResults();
    void testConnection_data();
    void testConnection();
    void keyNeverLogged();

private:
    std::shared_ptr<connector::ServiceSession> makeSession(QMap<QString, QString> settings = {}, int budget = 200,
                                                           const QByteArray &key = kApiKey);
    Result<connector::FetchResult> runFetch(connector::FetchSession &session, const connector::FetchWindow &window);
    Status runTest(connector::FetchSession &session);

    std::unique_ptr<LocalHttpServer> m_server;
    std::unique_ptr<net::HttpClient> m_http;
    FakeClock m_clock{kNow};
    FakeOneSignal m_fake;
    std::unique_ptr<OneSignalConnector> m_connector;
};

void tst_OneSignalConnector::initTestCase()
{
    QVERIFY(secrets::initSodium());
    g_previousHandler = qInstallMessageHandler(collect);
    QLoggingCategory::setFilterRules(u"stackscope.*.debug=true"_s);
}

void tst_OneSignalConnector::init()
{
    m_fake = FakeOneSignal();
    m_fake.fill(120, 6 * kHour); // 30 days, one message every 6 hours
    m_server = std::make_unique<LocalHttpServer>();
    QVERIFY(m_server->listen());
    m_server->route("GET", u"/notifications"_s, [this](const RecordedRequest &request) { return m_fake.answer(request); });
    m_http = std::make_unique<net::HttpClient>();
    m_http->setBackoffScale(0.01);
    m_clock.set(kNow);
    m_connector = std::make_unique<OneSignalConnector>();
    m_connector->setRequestSpacing(10ms);
}

void tst_OneSignalConnector::cleanup()
{
    m_connector.reset();
    m_http.reset();
    m_server.reset();
}

void tst_OneSignalConnector::cleanupTestCase()
{
    qInstallMessageHandler(g_previousHandler);
}

std::shared_ptr<connector::ServiceSession> tst_OneSignalConnector::makeSession(QMap<QString, QString> settings,
                                                                               int budget, const QByteArray &key)
{
    ServiceConfig config;
    config.id = 21;
    config.type = u"onesignal"_s;
    config.project = u"shop"_s;
    config.name = u"push"_s;
    if (!settings.contains(u"app_id"_s))
        settings.insert(u"app_id"_s, kAppId);
    config.settings = settings;
    config.baseUrl = m_server->url();
    connector::CredentialMap credentials;
    credentials.emplace(u"rest_api_key"_s, std::make_shared<const secrets::SecureBytes>(QByteArrayView(key)));
    auto tracker = std::make_shared<connector::RequestBudgetTracker>(
        connector::RequestBudget{budget, std::chrono::seconds(60), 1});
    return std::make_shared<connector::ServiceSession>(config, credentials, config.baseUrl, *m_http, m_clock, tracker);
}

Result<connector::FetchResult> tst_OneSignalConnector::runFetch(connector::FetchSession &session,
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

Status tst_OneSignalConnector::runTest(connector::FetchSession &session)
{
    std::optional<Status> outcome;
    m_connector->testConnection(session, [&](Status status) { outcome.emplace(std::move(status)); });
    if (!QTest::qWaitFor([&] { return outcome.has_value(); }, 20'000))
        return Error::make(Error::Code::Timeout, u"the test never finished"_s);
    return std::move(*outcome);
}

void tst_OneSignalConnector::catalogue()
{
    const connector::ConnectorInfo &info = m_connector->info();
    QCOMPARE(info.typeId, u"onesignal"_s);
    QCOMPARE(info.defaultBaseUrl, u"https://api.onesignal.com"_s);
    QCOMPARE(info.credentials.size(), 1);
    QCOMPARE(info.credentials.first().key, u"rest_api_key"_s);
    QVERIFY(info.credentials.first().secret);
    QCOMPARE(info.settings.first().key, u"app_id"_s);
    QVERIFY(!info.settings.first().secret);
    // OneSignal's view limit: 1 request per second per app.
    QCOMPARE(info.budget.requests, 60);
    QCOMPARE(info.budget.per, std::chrono::seconds(60));
    QCOMPARE(info.budget.maxConcurrent, 1);
    QVERIFY(OneSignalConnector::kRequestSpacing >= 1000ms);
    QCOMPARE(info.maxBackfillDays.value_or(0), kMaxBackfillDays);
    for (const connector::MetricSpec &metric : info.metrics) {
        QVERIFY(metric.name.startsWith(u"onesignal."_s));
        QVERIFY(metric.dimensions.contains(u"campaign"_s));
        QVERIFY(!metric.unit.isEmpty());
        QVERIFY(!metric.description.isEmpty());
    }
}

void tst_OneSignalConnector::backfillPagesBackToTheWindow()
{
    m_fake.fill(130, 6 * kHour); // the last 10 are older than 30 days
    auto session = makeSession();
    const auto result = runFetch(*session, {kNow - 30 * kDay, kNow, true, {}});
    QVERIFY2(result, result ? "" : qPrintable(result.error().userMessage));
    QVERIFY(result->complete);

    const QList<RecordedRequest> requests = m_server->requests();
    QCOMPARE(requests.size(), 3); // offsets 0, 50, 100: the third page reaches past the range
    for (int i = 0; i < requests.size(); ++i) {
        const RecordedRequest &request = requests[i];
        QCOMPARE(request.method, QByteArray("GET"));
        QCOMPARE(request.path, u"/notifications"_s);
        QCOMPARE(request.header("Authorization"), "Key " + kApiKey);
        QCOMPARE(request.header("Accept"), QByteArray("application/json"));
        QCOMPARE(request.query.queryItemValue(u"app_id"_s), kAppId);
        QCOMPARE(request.query.queryItemValue(u"limit"_s), u"50"_s);
        QCOMPARE(request.query.queryItemValue(u"offset"_s), QString::number(i * 50));
        QVERIFY(!request.query.hasQueryItem(u"kind"_s));
    }

    // The range starts at the hour of kNow - 30 days: messages 0..119 (the 120th is 30 days and 10 min old).
    const qint64 rangeStart = hourStartMs(kNow - 30 * kDay);
    int messages = 0;
    for (const MetricSample &sample : result->samples) {
        QVERIFY(sample.ts >= rangeStart);
        QCOMPARE(sample.ts % kHour, 0);
        if (sample.metric == QLatin1String(kMessages))
            messages += int(sample.value);
    }
    int expected = 0;
    for (const Fake &m : std::as_const(m_fake.messages))
        expected += m.queuedMs >= rangeStart;
    QCOMPARE(messages, expected);

    // Message 3 ("promo", 100 + 3 sent), queued at kNow - 10 min - 18 h.
    const qint64 hour = hourStartMs(kNow - 600'000 - 18 * kHour);
    const Labels promo{{u"campaign"_s, u"promo"_s}};
    QCOMPARE(valueOf(result->samples, kSent, hour, promo), 103.0);
    QCOMPARE(valueOf(result->samples, kMessages, hour, promo), 1.0);
    QCOMPARE(valueOf(result->samples, kDeliveryRate, hour, promo), 100.0 * 103 / (103 + 10 + 5));
    Labels ios = promo;
    ios.insert(u"platform"_s, u"ios"_s);
    QCOMPARE(valueOf(result->samples, kPlatformErrored, hour, ios), 5.0);
    const Labels unnamed{{u"campaign"_s, u"unnamed"_s}};
    QCOMPARE(valueOf(result->samples, kSent, hourStartMs(kNow - 600'000 - 12 * kHour), unnamed), 102.0);
    Labels single = promo;
    single.insert(u"message_id"_s, m_fake.messages.at(3).id);
    QCOMPARE(valueOf(result->samples, kMessageSent, hour, single), 103.0);

    // Nothing still changes 48 hours on... but the newest messages do: the next read starts no later than them.
    QVERIFY(result->cursor.isEmpty() || result->cursor.value(u"pending_since"_s).toDouble() >= double(kNow - 49 * kHour));
}

void tst_OneSignalConnector::pollRereadsRefreshHours()
{
    auto session = makeSession({{u"refresh_hours"_s, u"24"_s}});
    const auto result = runFetch(*session, {kNow - kHour, kNow, false, {}});
    QVERIFY(result);
    QVERIFY(result->complete);
    QCOMPARE(m_server->requestCount(), 1);
    const qint64 rangeStart = hourStartMs(kNow - 24 * kHour);
    int messages = 0;
    for (const MetricSample &sample : result->samples) {
        QVERIFY(sample.ts >= rangeStart);
        if (sample.metric == QLatin1String(kMessages))
            messages += int(sample.value);
    }
    QCOMPARE(messages, 4); // 10 min, 6 h 10 min, 12 h 10 min and 18 h 10 min old
}

void tst_OneSignalConnector::shortPagesFollowTotalCount()
{
    m_fake.fill(30, 6 * kHour);
    m_fake.maxPage = 10;
    auto session = makeSession();
    const auto result = runFetch(*session, {kNow - 30 * kDay, kNow, true, {}});
    QVERIFY(result);
    QVERIFY(result->complete);
    const QList<RecordedRequest> requests = m_server->requests();
    QCOMPARE(requests.size(), 3);
    QCOMPARE(requests[1].query.queryItemValue(u"offset"_s), u"10"_s);
    QCOMPARE(requests[2].query.queryItemValue(u"offset"_s), u"20"_s);
    int messages = 0;
    for (const MetricSample &sample : result->samples)
        messages += sample.metric == QLatin1String(kMessages) ? int(sample.value) : 0;
    QCOMPARE(messages, 30);
}

void tst_OneSignalConnector::requestsAreSpaced()
{
    m_connector->setRequestSpacing(300ms);
    auto session = makeSession();
    QElapsedTimer elapsed;
    elapsed.start();
    const auto result = runFetch(*session, {kNow - 30 * kDay, kNow, true, {}});
    QVERIFY(result);
    QCOMPARE(m_server->requestCount(), 3);
    QVERIFY2(elapsed.elapsed() >= 2 * 300 - 20, qPrintable(QString::number(elapsed.elapsed())));
}

void tst_OneSignalConnector::unsettledMessagesAreReadAgain()
{
    // A message queued 5 days ago for delivery tomorrow: its numbers are still to come.
    Fake scheduled;
    scheduled.id = u"b0000000-0000-4000-8000-000000000001"_s;
    scheduled.name = u"scheduled"_s;
    scheduled.queuedMs = kNow - 5 * kDay - 1'000;
    scheduled.sendAfterMs = kNow + kDay;
    scheduled.remaining = 5000;
    m_fake.messages.insert(20, scheduled); // keep the list in queued_at order (message 19 is 4 d 18 h old)
    auto session = makeSession({{u"refresh_hours"_s, u"24"_s}});
    const auto first = runFetch(*session, {kNow - 30 * kDay, kNow, true, {}});
    QVERIFY(first);
    QCOMPARE(qint64(first->cursor.value(u"pending_since"_s).toDouble()), scheduled.queuedMs);

    // The next poll reads back to it (not only the last 24 hours), so its bucket is complete when it is sent.
    m_server->clearRequests();
    m_clock.advance(kHour);
    const auto second = runFetch(*session, {kNow, m_clock.nowMs(), false, first->cursor});
    QVERIFY(second);
    const Labels labels{{u"campaign"_s, u"scheduled"_s}};
    QCOMPARE(valueOf(second->samples, kMessages, hourStartMs(scheduled.queuedMs), labels), 1.0);
    for (const MetricSample &sample : second->samples)
        QVERIFY(sample.ts >= hourStartMs(scheduled.queuedMs));

    // Once it is sent and settled, the reads shrink back to refresh_hours.
    m_fake.messages[20].remaining = 0;
    m_fake.messages[20].sendAfterMs = kNow - 3 * kDay;
    m_server->clearRequests();
    const auto third = runFetch(*session, {kNow, m_clock.nowMs(), false, second->cursor});
    QVERIFY(third);
    QVERIFY(third->cursor.value(u"pending_since"_s).toDouble() > double(kNow - 25 * kHour));
}

void tst_OneSignalConnector::budgetStopsAndResumesExactly()
{
    auto whole = makeSession();
    const connector::FetchWindow window{kNow - 30 * kDay, kNow, true, {}};
    const auto reference = runFetch(*whole, window);
    QVERIFY(reference);
    QVERIFY(reference->complete);

    m_server->clearRequests();
    auto session = makeSession({}, 1);
    const auto first = runFetch(*session, window);
    QVERIFY2(first, first ? "" : qPrintable(first.error().userMessage));
    QVERIFY(!first->complete);
    QCOMPARE(m_server->requestCount(), 1);
    QVERIFY(first->cursor.contains(u"offset"_s));
    QVERIFY(first->cursor.contains(u"skip_from"_s));
    // Only whole hours are handed in: the oldest hour of the page is left for the next run.
    const qint64 skipFrom = qint64(first->cursor.value(u"skip_from"_s).toDouble());
    for (const MetricSample &sample : first->samples)
        QVERIFY(sample.ts >= skipFrom);

    // Meanwhile a new message arrives at the head of the list (every offset moves by one).
    Fake fresh;
    fresh.id = u"c0000000-0000-4000-8000-000000000001"_s;
    fresh.name = u"fresh"_s;
    fresh.queuedMs = kNow - 60'000;
    fresh.successful = 7;
    m_fake.prepend(fresh);

    SampleBatch all = first->samples;
    QJsonObject cursor = first->cursor;
    int runs = 1;
    bool complete = false;
    while (!complete && runs < 10) {
        m_clock.advance(61'000);
        const auto next = runFetch(*session, {window.fromMs, window.toMs, true, cursor});
        QVERIFY2(next, next ? "" : qPrintable(next.error().userMessage));
        all += next->samples;
        cursor = next->cursor;
        complete = next->complete;
        ++runs;
    }
    QVERIFY(complete);
    QCOMPARE(runs, 3);
    // Everything of the reference, each value as in one go; the fresh message is not in the resumed range.
    const auto expected = keyed(reference->samples);
    const auto got = keyed(all);
    QCOMPARE(got.size(), expected.size());
    for (const auto &[key, value] : expected) {
        const auto it = got.find(key);
        QVERIFY2(it != got.end(), qPrintable(key));
        QCOMPARE(it->second, value);
    }
}

void tst_OneSignalConnector::settingsShapeTheRequest()
{
    m_fake.expectedAuth = "Basic " + kApiKey;
    auto session = makeSession({{u"auth_scheme"_s, u"basic"_s}, {u"kind"_s, u"api"_s}, {u"per_message"_s, u"off"_s}});
    const auto result = runFetch(*session, {kNow - kHour, kNow, false, {}});
    QVERIFY2(result, result ? "" : qPrintable(result.error().userMessage));
    const RecordedRequest &request = m_server->requests().first();
    QCOMPARE(request.header("Authorization"), "Basic " + kApiKey);
    QCOMPARE(request.query.queryItemValue(u"kind"_s), u"1"_s);
    QVERIFY(!result->samples.isEmpty());
    for (const MetricSample &sample : result->samples)
        QVERIFY(!sample.labels.contains(u"message_id"_s));
}

void tst_OneSignalConnector::retryAfter429IsHonoured()
{
    m_server->queue("GET", u"/notifications"_s,
                    {ScriptedResponse::fromFile(429, u"onesignal/error_429.json"_s).withHeader("Retry-After", "1")});
    auto session = makeSession();
    QElapsedTimer elapsed;
    elapsed.start();
    const auto result = runFetch(*session, {kNow - kHour, kNow, false, {}});
    QVERIFY2(result, result ? "" : qPrintable(result.error().userMessage));
    QVERIFY(elapsed.elapsed() >= 900);
    QCOMPARE(m_server->requestCount(), 2);
    QVERIFY(!result->samples.isEmpty());
}

void tst_OneSignalConnector::long429IsReported()
{
    m_server->route("GET", u"/notifications"_s,
                    ScriptedResponse::fromFile(429, u"onesignal/error_429.json"_s).withHeader("Retry-After", "120"));
    auto session = makeSession();
    const auto result = runFetch(*session, {kNow - kHour, kNow, false, {}});
    QVERIFY(!result);
    QCOMPARE(toString(result.error().code), toString(Error::Code::RateLimited));
    QVERIFY(result.error().retryAfter.has_value());
    QVERIFY(result.error().retryAfter->count() > 100'000);
    QVERIFY2(result.error().userMessage.startsWith(u"OneSignal is limiting requests: API rate limit exceeded"_s),
             qPrintable(result.error().userMessage));
}

void tst_OneSignalConnector::serverErrorsThenSuccess()
{
    m_server->queue("GET", u"/notifications"_s,
                    {ScriptedResponse::json(500, R"({"errors":["Internal server error"]})"),
                     ScriptedResponse::text(502, "bad gateway")});
    auto session = makeSession();
    const auto result = runFetch(*session, {kNow - kHour, kNow, false, {}});
    QVERIFY2(result, result ? "" : qPrintable(result.error().userMessage));
    QCOMPARE(m_server->requestCount(), 3);
    QVERIFY(!result->samples.isEmpty());
}

void tst_OneSignalConnector::timeout()
{
    m_connector->setRequestTimeout(300ms);
    m_connector->setMaxRetries(0);
    m_server->route("GET", u"/notifications"_s,
                    ScriptedResponse::fromFile(200, u"onesignal/notifications_empty.json"_s).withDelay(3'000));
    auto session = makeSession();
    QElapsedTimer elapsed;
    elapsed.start();
    const auto result = runFetch(*session, {kNow - kHour, kNow, false, {}});
    QVERIFY(!result);
    QCOMPARE(toString(result.error().code), toString(Error::Code::Timeout));
    QVERIFY2(result.error().userMessage.startsWith(u"OneSignal"_s), qPrintable(result.error().userMessage));
    QVERIFY(elapsed.elapsed() < 3'000);
}

void tst_OneSignalConnector::malformedJson()
{
    m_server->route("GET", u"/notifications"_s, ScriptedResponse::fromFile(200, u"onesignal/malformed.json"_s));
    auto session = makeSession();
    const auto result = runFetch(*session, {kNow - kHour, kNow, false, {}});
    QVERIFY(!result);
    QCOMPARE(toString(result.error().code), toString(Error::Code::Parse));
    QVERIFY2(result.error().userMessage.contains(u"not valid JSON"_s), qPrintable(result.error().userMessage));
}

void tst_OneSignalConnector::wrongCredentials()
{
    auto session = makeSession({}, 200, "os_v2_app_wrong");
    const auto result = runFetch(*session, {kNow - kHour, kNow, false, {}});
    QVERIFY(!result);
    QCOMPARE(toString(result.error().code), toString(Error::Code::Auth));
    QVERIFY2(result.error().userMessage.startsWith(u"OneSignal rejected the API key: Access denied"_s),
             qPrintable(result.error().userMessage));
    QVERIFY2(result.error().userMessage.contains(u"auth_scheme=basic"_s), qPrintable(result.error().userMessage));
    QCOMPARE(m_server->requestCount(), 1);
}

void tst_OneSignalConnector::emptyResults()
{
    m_fake.messages.clear();
    auto session = makeSession();
    const auto result = runFetch(*session, {kNow - 30 * kDay, kNow, true, {}});
    QVERIFY(result);
    QVERIFY(result->complete);
    QVERIFY(result->samples.isEmpty());
    QVERIFY(result->cursor.isEmpty());
    QCOMPARE(m_server->requestCount(), 1);
}

void tst_OneSignalConnector::testConnection_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("code"); // -1: OK
    QTest::addColumn<QString>("messagePart");

    QTest::addRow("ok") << 200 << u"onesignal/notifications_push.json"_s << -1 << QString();
    QTest::addRow("ok, no messages yet") << 200 << u"onesignal/notifications_empty.json"_s << -1 << QString();
    QTest::addRow("rejected") << 403 << u"onesignal/error_403.json"_s << int(Error::Code::Auth)
                              << u"OneSignal rejected the API key: Access denied."_s;
    QTest::addRow("unauthorized") << 401 << u"onesignal/error_403.json"_s << int(Error::Code::Auth) << u"HTTP 401"_s;
    QTest::addRow("bad app") << 400 << u"onesignal/error_400.json"_s << int(Error::Code::Config)
                             << u"OneSignal refused the request (HTTP 400): app_id is not a valid UUID."_s;
    QTest::addRow("garbage") << 200 << u"onesignal/malformed.json"_s << int(Error::Code::Parse) << u"OneSignal"_s;
}

void tst_OneSignalConnector::testConnection()
{
    QFETCH(int, status);
    QFETCH(QString, file);
    QFETCH(int, code);
    QFETCH(QString, messagePart);
    m_server->route("GET", u"/notifications"_s, ScriptedResponse::fromFile(status, file));
    auto session = makeSession();
    const Status result = runTest(*session);
    QCOMPARE(m_server->requestCount(), 1);
    const RecordedRequest &request = m_server->requests().first();
    QCOMPARE(request.header("Authorization"), "Key " + kApiKey);
    QCOMPARE(request.query.queryItemValue(u"app_id"_s), kAppId);
    QCOMPARE(request.query.queryItemValue(u"limit"_s), u"1"_s);
    if (code < 0) {
        QVERIFY2(result, result ? "" : qPrintable(result.error().userMessage));
        return;
    }
    QVERIFY(!result);
    QCOMPARE(int(result.error().code), code);
    QVERIFY2(result.error().userMessage.contains(messagePart), qPrintable(result.error().userMessage));
}

void tst_OneSignalConnector::keyNeverLogged()
{
    g_logged.clear();
    m_server->route("GET", u"/notifications"_s, ScriptedResponse::fromFile(403, u"onesignal/error_403.json"_s));
    auto session = makeSession();
    const auto result = runFetch(*session, {kNow - kHour, kNow, false, {}});
    QVERIFY(!result);
    QVERIFY(!g_logged.isEmpty());
    const QString all = g_logged.join(u'\n') + result.error().userMessage + result.error().detail;
    QVERIFY(!all.contains(QString::fromLatin1(kApiKey)));
    QVERIFY(!all.contains(QString::fromLatin1(kApiKey.mid(10, 20))));
}

QTEST_GUILESS_MAIN(tst_OneSignalConnector)
#include "tst_onesignalconnector.moc"
