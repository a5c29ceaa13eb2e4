// The outbox dispatcher against local HTTP receivers (Slack and generic webhooks): delivery, signatures checked
// independently, retries with backoff, isolation between channels, and at-least-once delivery across a restart.
#include "fakeclock.h"
#include "fakesecretstore.h"
#include "localhttpserver.h"
#include "tempworkspace.h"

#include "notify/channelcredentials.h"
#include "notify/channelrepository.h"
#include "notify/outboxdispatcher.h"
#include "notify/outboxrepository.h"
#include "storage/database.h"
#include "storage/metricstore.h"
#include "storage/storeservice.h"
#include "util/clock.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QMessageAuthenticationCode>
#include <QSignalSpy>
#include <QTest>

using namespace stackscope;
using namespace stackscope::notify;
using namespace stackscope::test;

namespace {

QStringList g_logged;
QtMessageHandler g_previousHandler = nullptr;
QLoggingCategory::CategoryFilter g_previousFilter = nullptr;

// ctest turns stackscope debug output off; this test wants every line the code can write.
void enableStackscopeDebug(QLoggingCategory *category)
{
    if (g_previousFilter)
        g_previousFilter(category);
    if (qstrncmp(category->categoryName(), "stackscope.", 11) == 0)
        category->setEnabled(QtDebugMsg, true);
}

void collect(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    g_logged << message;
    if (type != QtDebugMsg && g_previousHandler)
        g_previousHandler(type, context, message);
}

const QByteArray kSigningSecret = "whsec_c3RhY2tzY29wZS10ZXN0LXNpZ25pbmcta2V5LTEyMzQ=";

Notification alert(const QString &dedupKey, qint64 alertId = 17)
{
    NotificationItem item;
    item.alertId = alertId;
    item.ruleName = QStringLiteral("Twilio failures high");
    item.severity = QStringLiteral("critical");
    item.status = QStringLiteral("open");
    item.project = QStringLiteral("shop");
    item.service = QStringLiteral("Twilio");
    item.value = 42;
    item.threshold = 10;
    item.summary = QStringLiteral("twilio.sms.failed 42 > 10 for 5 min");
    item.link = QStringLiteral("stackscope://alert/%1").arg(alertId);
    Notification n;
    n.dedupKey = dedupKey;
    n.title = QStringLiteral("[critical] Twilio failures high");
    n.severity = QStringLiteral("critical");
    n.items = {item};
    n.createdMs = 1767225600000;
    return n;
}

// What a receiver following the Standard Webhooks spec checks, written without the code under test.
bool signatureValid(const RecordedRequest &request, const QByteArray &secret)
{
    const QByteArray key = QByteArray::fromBase64(secret.mid(6));
    const QByteArray content = request.header("webhook-id") + '.' + request.header("webhook-timestamp") + '.' + request.body;
    const QByteArray expected = "v1," + QMessageAuthenticationCode::hash(content, key, QCryptographicHash::Sha256).toBase64();
    for (const QByteArray &candidate : request.header("webhook-signature").split(' ')) {
        if (candidate == expected)
            return true;
    }
    return false;
}

} // namespace

class tst_NotifyDispatch : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void webhookIsDeliveredAndSigned();
    void slackGetsBlocks();
    void failuresAreRetriedWithBackoffThenDeliveredOnce_data();
    void failuresAreRetriedWithBackoffThenDeliveredOnce();
    void permanentFailureIsVisible();
    void aFailingChannelPostponesOnlyItsOwnItems();
    void aSlowChannelDoesNotHoldUpAnother();
    void missingSecretFailsInPlainWords();
    void disabledChannelItemsFail();
    void claimedButUnsentIsDeliveredAfterRestart();
    void storeThreadAndSealedSecrets();
    void sendTestReportsTheOutcome();
    void secretsNeverReachTheLog();

private:
    ChannelConfig addWebhook(const QString &name, const QString &path, int timeoutS = 0, bool sign = true);
    ChannelConfig addSlack(const QString &name, const QString &path);
    std::unique_ptr<OutboxDispatcher> makeDispatcher();
    OutboxItem item(qint64 id) { return OutboxRepository(m_store->database()).get(id).value(); }
    qint64 enqueue(const ChannelConfig &channel, const Notification &n);

    std::unique_ptr<TempWorkspace> m_ws;
    std::unique_ptr<storage::MetricStore> m_store;
    std::unique_ptr<secrets::FakeSecretStore> m_keychain;
    std::unique_ptr<LocalHttpServer> m_server;
    FakeClock m_clock;
    RetryPolicy m_policy;
};

void tst_NotifyDispatch::init()
{
    m_ws = std::make_unique<TempWorkspace>();
    m_store = m_ws->create();
    QVERIFY(m_store);
    m_keychain = std::make_unique<secrets::FakeSecretStore>();
    m_server = std::make_unique<LocalHttpServer>();
    QVERIFY(m_server->listen());
    m_clock.set(1767225600000);
    m_policy = RetryPolicy{};
    m_policy.firstDelayMs = 200;
    m_policy.maxDelayMs = 800;
}

void tst_NotifyDispatch::cleanup()
{
    m_server.reset();
    m_store.reset();
    m_keychain.reset();
    m_ws.reset();
}

ChannelConfig tst_NotifyDispatch::addWebhook(const QString &name, const QString &path, int timeoutS, bool sign)
{
    ChannelConfig config;
    config.name = name;
    config.type = QStringLiteral("webhook");
    if (timeoutS > 0)
        config.settings.insert(QStringLiteral("timeout_s"), timeoutS);
    auto added = ChannelRepository(m_store->database()).add(config);
    if (!added)
        qFatal("adding a channel failed");
    m_keychain->insert(ChannelConfig::secretKey(added->uuid, QStringLiteral("url")),
                       secrets::SecureBytes(QByteArrayView(m_server->url(path).toString().toUtf8())));
    if (sign)
        m_keychain->insert(ChannelConfig::secretKey(added->uuid, QStringLiteral("signing_secret")),
                           secrets::SecureBytes(QByteArrayView(kSigningSecret)));
    return added.value();
}

ChannelConfig tst_NotifyDispatch::addSlack(const QString &name, const QString &path)
{
    ChannelConfig config;
    config.name = name;
    config.type = QStringLiteral("slack");
    auto added = ChannelRepository(m_store->database()).add(config);
    if (!added)
        qFatal("adding a channel failed");
    m_keychain->insert(ChannelConfig::secretKey(added->uuid, QStringLiteral("webhook_url")),
                       secrets::SecureBytes(QByteArrayView(m_server->url(path).toString().toUtf8())));
    return added.value();
}

std::unique_ptr<OutboxDispatcher> tst_NotifyDispatch::makeDispatcher()
{
    auto dispatcher = std::make_unique<OutboxDispatcher>(StoreGateway::direct(*m_store),
                                                         ChannelCredentials::keychain(*m_keychain), m_clock);
    dispatcher->setRetryPolicy(m_policy);
    dispatcher->setJitterSource([] { return 1.0; });
    return dispatcher;
}

qint64 tst_NotifyDispatch::enqueue(const ChannelConfig &channel, const Notification &n)
{
    OutboxRepository outbox(m_store->database());
    if (!outbox.enqueue(channel.id, n, m_clock.nowMs()))
        qFatal("enqueue failed");
    return m_store->database().queryInt("SELECT max(id) FROM outbox;").value();
}

void tst_NotifyDispatch::webhookIsDeliveredAndSigned()
{
    m_server->route("POST", QStringLiteral("/hook"), ScriptedResponse::text(204, {}));
    const ChannelConfig channel = addWebhook(QStringLiteral("Hooks"), QStringLiteral("/hook"));
    const qint64 id = enqueue(channel, alert(QStringLiteral("alert/17/open/1")));
    auto dispatcher = makeDispatcher();
    QSignalSpy delivered(dispatcher.get(), &OutboxDispatcher::delivered);

    const auto report = dispatcher->drain(std::chrono::seconds(30));
    QCOMPARE(report.delivered, 1);
    QCOMPARE(report.pending, 0);
    QVERIFY(!report.timedOut);
    QCOMPARE(delivered.size(), 1);
    QCOMPARE(delivered.first().first().toLongLong(), id);
    QCOMPARE(m_server->requestCount(), 1);

    const RecordedRequest request = m_server->requests().first();
    QCOMPARE(request.header("webhook-id"), OutboxDispatcher::deliveryIdFor(channel.uuid, QStringLiteral("alert/17/open/1")).toUtf8());
    QCOMPARE(request.header("webhook-timestamp"), QByteArray::number(m_clock.nowMs() / 1000));
    QVERIFY(request.header("webhook-signature").startsWith("v1,"));
    QVERIFY(signatureValid(request, kSigningSecret));
    QVERIFY(request.header("content-type").startsWith("application/json"));
    RecordedRequest tampered = request;
    tampered.body.replace("42", "43");
    QVERIFY(!signatureValid(tampered, kSigningSecret));

    const QJsonObject body = QJsonDocument::fromJson(request.body).object();
    QCOMPARE(body.value(QStringLiteral("kind")).toString(), QStringLiteral("alert"));
    QCOMPARE(body.value(QStringLiteral("id")).toString(), QString::fromUtf8(request.header("webhook-id")));
    QCOMPARE(body.value(QStringLiteral("items")).toArray().first()[QStringLiteral("link")].toString(),
             QStringLiteral("stackscope://alert/17"));

    const OutboxItem sent = item(id);
    QCOMPARE(sent.state, OutboxItem::State::Sent);
    QCOMPARE(sent.attempts, 1);
    QCOMPARE(sent.sentMs, m_clock.nowMs());
}

void tst_NotifyDispatch::slackGetsBlocks()
{
    m_server->route("POST", QStringLiteral("/services/T000/B000/XXXXXXXX"), ScriptedResponse::text(200, "ok"));
    const ChannelConfig channel = addSlack(QStringLiteral("Slack"), QStringLiteral("/services/T000/B000/XXXXXXXX"));
    enqueue(channel, alert(QStringLiteral("a")));
    auto dispatcher = makeDispatcher();
    QCOMPARE(dispatcher->drain(std::chrono::seconds(30)).delivered, 1);
    QCOMPARE(m_server->requestCount(), 1);
    const QJsonObject body = QJsonDocument::fromJson(m_server->requests().first().body).object();
    QVERIFY(body.value(QStringLiteral("text")).toString().contains(QStringLiteral("Twilio failures high")));
    const QJsonArray blocks = body.value(QStringLiteral("blocks")).toArray();
    QCOMPARE(blocks.first()[QStringLiteral("type")].toString(), QStringLiteral("header"));
    QVERIFY(QJsonDocument(blocks).toJson().contains("stackscope://alert/17"));
    QVERIFY(!m_server->requests().first().hasHeader("webhook-signature")); // Slack is not signed by us
}

void tst_NotifyDispatch::failuresAreRetriedWithBackoffThenDeliveredOnce_data()
{
    QTest::addColumn<ScriptedResponse>("failure");
    QTest::addColumn<qint64>("expectedWaitMs");
    QTest::addColumn<QString>("words");
    QTest::addRow("HTTP 500") << ScriptedResponse::text(500, "boom") << qint64(200) << QStringLiteral("server error (HTTP 500)");
    QTest::addRow("timeout") << ScriptedResponse::text(200, "late").withDelay(4000) << qint64(200) << QStringLiteral("did not answer");
    QTest::addRow("HTTP 429 with Retry-After") << ScriptedResponse::text(429, "slow down").withHeader("Retry-After", "1")
                                               << qint64(800) << QStringLiteral("limiting requests");
    QTest::addRow("HTTP 502") << ScriptedResponse::text(502, "bad gateway") << qint64(200) << QStringLiteral("server error (HTTP 502)");
}

void tst_NotifyDispatch::failuresAreRetriedWithBackoffThenDeliveredOnce()
{
    QFETCH(ScriptedResponse, failure);
    QFETCH(qint64, expectedWaitMs);
    QFETCH(QString, words);
    m_server->queue("POST", QStringLiteral("/hook"), {failure});
    m_server->route("POST", QStringLiteral("/hook"), ScriptedResponse::text(200, "ok"));
    const ChannelConfig channel = addWebhook(QStringLiteral("Hooks"), QStringLiteral("/hook"), 1);
    const qint64 id = enqueue(channel, alert(QStringLiteral("alert/17/open/1")));
    auto dispatcher = makeDispatcher();
    QSignalSpy failed(dispatcher.get(), &OutboxDispatcher::failed);

    const auto first = dispatcher->drain(std::chrono::seconds(30));
    QCOMPARE(first.delivered, 0);
    QCOMPARE(first.failedAttempts, 1);
    QCOMPARE(first.pending, 1);
    QCOMPARE(failed.size(), 1);
    QCOMPARE(failed.first().at(2).toBool(), true); // will retry
    const OutboxItem waiting = item(id);
    QCOMPARE(waiting.state, OutboxItem::State::Pending);
    QCOMPARE(waiting.attempts, 1);
    QCOMPARE(waiting.nextAttemptMs - m_clock.nowMs(), expectedWaitMs);
    QVERIFY2(waiting.lastError.contains(words), qPrintable(waiting.lastError));

    m_clock.advance(expectedWaitMs - 1); // not before its time
    QCOMPARE(dispatcher->drain(std::chrono::seconds(30)).delivered, 0);
    QCOMPARE(m_server->requestCount(), 1);

    m_clock.advance(1);
    const auto second = dispatcher->drain(std::chrono::seconds(30));
    QCOMPARE(second.delivered, 1);
    QCOMPARE(second.pending, 0);
    QCOMPARE(m_server->requestCount(), 2);
    QCOMPARE(item(id).state, OutboxItem::State::Sent);
    QCOMPARE(item(id).attempts, 2);
    // Both attempts carry the same id, so a receiver that saw the first one can drop the second.
    QCOMPARE(m_server->requests().at(0).header("webhook-id"), m_server->requests().at(1).header("webhook-id"));
    QVERIFY(signatureValid(m_server->requests().at(1), kSigningSecret));

    m_clock.advance(3'600'000);
    QCOMPARE(dispatcher->drain(std::chrono::seconds(30)).delivered, 0); // delivered once, never again
    QCOMPARE(m_server->requestCount(), 2);
}

void tst_NotifyDispatch::permanentFailureIsVisible()
{
    m_server->route("POST", QStringLiteral("/hook"), ScriptedResponse::json(400, R"({"error":"unknown event type"})"));
    const ChannelConfig channel = addWebhook(QStringLiteral("Hooks"), QStringLiteral("/hook"));
    const qint64 id = enqueue(channel, alert(QStringLiteral("a")));
    auto dispatcher = makeDispatcher();
    QSignalSpy failed(dispatcher.get(), &OutboxDispatcher::failed);
    const auto report = dispatcher->drain(std::chrono::seconds(30));
    QCOMPARE(report.gaveUp, 1);
    QCOMPARE(failed.size(), 1);
    QCOMPARE(failed.first().at(2).toBool(), false);
    QVERIFY(failed.first().at(1).toString().contains(QStringLiteral("HTTP 400")));
    auto visible = OutboxRepository(m_store->database()).list(OutboxRepository::Filter::Failed);
    QCOMPARE(visible->size(), 1);
    QCOMPARE(visible->first().id, id);
    QCOMPARE(visible->first().channelName, QStringLiteral("Hooks"));

    // "Retry" from the UI: due again, and delivered once the receiver accepts it.
    m_server->route("POST", QStringLiteral("/hook"), ScriptedResponse::text(200, "ok"));
    QVERIFY(OutboxRepository(m_store->database()).retry(id, m_clock.nowMs()));
    QCOMPARE(dispatcher->drain(std::chrono::seconds(30)).delivered, 1);
    QCOMPARE(item(id).state, OutboxItem::State::Sent);
}

void tst_NotifyDispatch::aFailingChannelPostponesOnlyItsOwnItems()
{
    m_server->route("POST", QStringLiteral("/down"), ScriptedResponse::text(503, "maintenance"));
    m_server->route("POST", QStringLiteral("/up"), ScriptedResponse::text(200, "ok"));
    const ChannelConfig down = addWebhook(QStringLiteral("Down"), QStringLiteral("/down"));
    const ChannelConfig up = addWebhook(QStringLiteral("Up"), QStringLiteral("/up"));
    const qint64 d1 = enqueue(down, alert(QStringLiteral("1")));
    const qint64 d2 = enqueue(down, alert(QStringLiteral("2")));
    const qint64 d3 = enqueue(down, alert(QStringLiteral("3")));
    const qint64 u1 = enqueue(up, alert(QStringLiteral("1")));
    const qint64 u2 = enqueue(up, alert(QStringLiteral("2")));
    auto dispatcher = makeDispatcher();

    const auto report = dispatcher->drain(std::chrono::seconds(30));
    QCOMPARE(report.delivered, 2);
    QCOMPARE(report.failedAttempts, 1);
    QCOMPARE(item(u1).state, OutboxItem::State::Sent);
    QCOMPARE(item(u2).state, OutboxItem::State::Sent);
    int toDown = 0;
    for (const RecordedRequest &request : m_server->requests())
        toDown += request.path == QLatin1String("/down") ? 1 : 0;
    QCOMPARE(toDown, 1); // the channel's other items were not sent into the outage
    QCOMPARE(item(d1).attempts, 1);
    QCOMPARE(item(d2).attempts, 0);
    QCOMPARE(item(d2).nextAttemptMs, item(d1).nextAttemptMs);
    QCOMPARE(item(d3).nextAttemptMs, item(d1).nextAttemptMs);
}

void tst_NotifyDispatch::aSlowChannelDoesNotHoldUpAnother()
{
    // The slow receiver takes the request and sits on it for far longer than the test waits.
    m_server->route("POST", QStringLiteral("/slow"), ScriptedResponse::text(200, "finally").withDelay(120'000));
    m_server->route("POST", QStringLiteral("/fast"), ScriptedResponse::text(200, "ok"));
    const ChannelConfig slow = addWebhook(QStringLiteral("Slow"), QStringLiteral("/slow"), 100);
    const ChannelConfig fast = addWebhook(QStringLiteral("Fast"), QStringLiteral("/fast"));
    const qint64 slowId = enqueue(slow, alert(QStringLiteral("1"))); // older, so claimed first
    const qint64 fastId = enqueue(fast, alert(QStringLiteral("1")));
    auto dispatcher = makeDispatcher();
    QSignalSpy delivered(dispatcher.get(), &OutboxDispatcher::delivered);
    QSignalSpy failed(dispatcher.get(), &OutboxDispatcher::failed);
    dispatcher->start();
    QVERIFY(delivered.wait(60000) || delivered.size() == 1);
    QCOMPARE(delivered.first().first().toLongLong(), fastId);
    // The slow channel's request is out and unanswered: it held nothing up.
    QVERIFY(failed.isEmpty());
    QCOMPARE(item(slowId).state, OutboxItem::State::Pending);
    bool slowAsked = false;
    for (const RecordedRequest &request : m_server->requests())
        slowAsked = slowAsked || request.path == QLatin1String("/slow");
    QVERIFY(slowAsked);
    QVERIFY(!dispatcher->isIdle());
}

void tst_NotifyDispatch::missingSecretFailsInPlainWords()
{
    ChannelConfig config;
    config.name = QStringLiteral("Unconfigured");
    config.type = QStringLiteral("slack");
    const ChannelConfig channel = ChannelRepository(m_store->database()).add(config).value();
    const qint64 id = enqueue(channel, alert(QStringLiteral("a")));
    auto dispatcher = makeDispatcher();
    QCOMPARE(dispatcher->drain(std::chrono::seconds(30)).gaveUp, 1);
    QCOMPARE(item(id).lastError, QStringLiteral("The incoming webhook url of this channel is not set."));

    // An unavailable keychain is worth waiting for.
    const ChannelConfig hook = addWebhook(QStringLiteral("Hooks"), QStringLiteral("/hook"));
    const qint64 later = enqueue(hook, alert(QStringLiteral("b")));
    m_keychain->failWith(Error::Code::KeychainUnavailable, QStringLiteral("The keychain is not available."));
    const auto report = dispatcher->drain(std::chrono::seconds(30));
    QCOMPARE(report.failedAttempts, 1);
    QCOMPARE(report.gaveUp, 0);
    QCOMPARE(item(later).state, OutboxItem::State::Pending);
    QVERIFY(item(later).lastError.contains(QStringLiteral("keychain is not available")));
}

void tst_NotifyDispatch::disabledChannelItemsFail()
{
    ChannelConfig channel = addWebhook(QStringLiteral("Hooks"), QStringLiteral("/hook"));
    const qint64 id = enqueue(channel, alert(QStringLiteral("a")));
    channel.enabled = false;
    QVERIFY(ChannelRepository(m_store->database()).update(channel));
    auto dispatcher = makeDispatcher();
    QCOMPARE(dispatcher->drain(std::chrono::seconds(30)).gaveUp, 1);
    QCOMPARE(m_server->requestCount(), 0);
    QCOMPARE(item(id).lastError, QStringLiteral("The channel was removed or turned off."));
}

void tst_NotifyDispatch::claimedButUnsentIsDeliveredAfterRestart()
{
    // The first run dies while the receiver has the request but has not answered yet.
    m_server->queue("POST", QStringLiteral("/hook"), {ScriptedResponse::text(200, "too late").withDelay(60'000)});
    m_server->route("POST", QStringLiteral("/hook"), ScriptedResponse::text(200, "ok"));
    const ChannelConfig channel = addWebhook(QStringLiteral("Hooks"), QStringLiteral("/hook"), 120);
    const qint64 id = enqueue(channel, alert(QStringLiteral("alert/17/open/1")));
    {
        auto dispatcher = makeDispatcher();
        dispatcher->start();
        QTRY_COMPARE_WITH_TIMEOUT(m_server->requestCount(), qsizetype(1), 30000);
        QCOMPARE(item(id).state, OutboxItem::State::Pending);
    } // the dispatcher goes away mid-send
    m_store.reset(); // and so does the store: a restart
    m_store = m_ws->open();
    QVERIFY(m_store);
    QCOMPARE(item(id).state, OutboxItem::State::Pending);

    auto dispatcher = makeDispatcher();
    const auto report = dispatcher->drain(std::chrono::seconds(30));
    QCOMPARE(report.delivered, 1);
    QCOMPARE(m_server->requestCount(), 2);
    // At least once: the receiver saw the same delivery id twice and acknowledged it once.
    QCOMPARE(m_server->requests().at(0).header("webhook-id"), m_server->requests().at(1).header("webhook-id"));
    QCOMPARE(item(id).state, OutboxItem::State::Sent);

    // Another restart sends nothing more.
    dispatcher.reset();
    m_store.reset();
    m_store = m_ws->open();
    QVERIFY(m_store);
    auto third = makeDispatcher();
    QCOMPARE(third->drain(std::chrono::seconds(30)).delivered, 0);
    QCOMPARE(m_server->requestCount(), 2);
}

void tst_NotifyDispatch::storeThreadAndSealedSecrets()
{
    m_server->route("POST", QStringLiteral("/hook"), ScriptedResponse::text(200, "ok"));
    ChannelConfig config;
    config.name = QStringLiteral("Hooks");
    config.type = QStringLiteral("webhook");
    const ChannelConfig channel = ChannelRepository(m_store->database()).add(config).value();
    const qint64 id = enqueue(channel, alert(QStringLiteral("a")));

    storage::StoreService service(std::move(m_store));
    const ChannelCredentials sealed = ChannelCredentials::sealed(StoreGateway::service(service));
    std::optional<Status> stored;
    sealed.store(channel.uuid,
                 {{QStringLiteral("url"), secretFromText(m_server->url(QStringLiteral("/hook")).toString())},
                  {QStringLiteral("signing_secret"), secretFromText(QString::fromLatin1(kSigningSecret))}},
                 this, [&stored](Status st, const QStringList &) { stored = st; });
    QTRY_VERIFY(stored.has_value());
    QVERIFY(*stored);

    OutboxDispatcher dispatcher(StoreGateway::service(service), sealed, Clock::system());
    QSignalSpy delivered(&dispatcher, &OutboxDispatcher::delivered);
    dispatcher.start();
    QVERIFY(delivered.wait(30000) || delivered.size() == 1);
    QCOMPARE(delivered.first().first().toLongLong(), id);
    QCOMPARE(m_server->requestCount(), 1);
    QVERIFY(signatureValid(m_server->requests().first(), kSigningSecret));

    std::optional<OutboxItem::State> state;
    service.run([&state, id](storage::MetricStore &store) { state = OutboxRepository(store.database()).get(id)->state; });
    QTRY_VERIFY(state.has_value());
    QCOMPARE(*state, OutboxItem::State::Sent);
}

void tst_NotifyDispatch::sendTestReportsTheOutcome()
{
    m_server->queue("POST", QStringLiteral("/hook"), {ScriptedResponse::json(401, R"({"message":"bad token"})")});
    m_server->route("POST", QStringLiteral("/hook"), ScriptedResponse::text(200, "ok"));
    const ChannelConfig channel = addWebhook(QStringLiteral("Hooks"), QStringLiteral("/hook"));
    auto dispatcher = makeDispatcher();

    const SendResult rejected = dispatcher->sendTestAndWait(channel, std::chrono::seconds(30));
    QVERIFY(!rejected.ok());
    QVERIFY(!rejected.retryable);
    QVERIFY2(rejected.message().contains(QStringLiteral("rejected the credentials")), qPrintable(rejected.message()));

    const SendResult ok = dispatcher->sendTestAndWait(channel, std::chrono::seconds(30));
    QVERIFY2(ok.ok(), qPrintable(ok.message()));
    const QJsonObject body = QJsonDocument::fromJson(m_server->requests().last().body).object();
    QCOMPARE(body.value(QStringLiteral("kind")).toString(), QStringLiteral("test"));
    QVERIFY(signatureValid(m_server->requests().last(), kSigningSecret));
    // A test never goes through the outbox.
    QCOMPARE(m_store->database().queryInt("SELECT count(*) FROM outbox;").value(), 0);

    // Testing secrets typed into a form, before they are stored anywhere.
    std::optional<SendResult> typed;
    ChannelSecrets secrets{{QStringLiteral("url"), secretFromText(m_server->url(QStringLiteral("/hook")).toString())}};
    dispatcher->sendTest(channel, secrets, this, [&typed](SendResult result) { typed = result; });
    QTRY_VERIFY_WITH_TIMEOUT(typed.has_value(), 30000);
    QVERIFY(typed->ok());
    QVERIFY(!m_server->requests().last().hasHeader("webhook-signature")); // no signing secret given
}

void tst_NotifyDispatch::secretsNeverReachTheLog()
{
    const QString slackPath = QStringLiteral("/services/T0SECRET/B0SECRET/xoxbSECRETTOKEN");
    m_server->queue("POST", slackPath, {ScriptedResponse::text(500, "boom")});
    m_server->route("POST", slackPath, ScriptedResponse::text(200, "ok"));
    m_server->route("POST", QStringLiteral("/hook"), ScriptedResponse::text(403, "forbidden"));
    const ChannelConfig slack = addSlack(QStringLiteral("Slack"), slackPath);
    const ChannelConfig hook = addWebhook(QStringLiteral("Hooks"), QStringLiteral("/hook"));
    enqueue(slack, alert(QStringLiteral("a")));
    enqueue(hook, alert(QStringLiteral("a")));

    g_previousFilter = QLoggingCategory::installFilter(enableStackscopeDebug);
    g_logged.clear();
    g_previousHandler = qInstallMessageHandler(collect);
    auto dispatcher = makeDispatcher();
    dispatcher->drain(std::chrono::seconds(30));
    m_clock.advance(3'600'000);
    dispatcher->drain(std::chrono::seconds(30));
    dispatcher.reset();
    qInstallMessageHandler(g_previousHandler);
    QLoggingCategory::installFilter(g_previousFilter);

    bool sawDebug = false;
    for (const QString &line : std::as_const(g_logged))
        sawDebug = sawDebug || line.contains(QStringLiteral("-> 200"));
    QVERIFY(sawDebug); // the request log lines were really written

    QVERIFY(!g_logged.isEmpty());
    const QString lines = g_logged.join(QLatin1Char('\n'));
    QVERIFY2(!lines.contains(QStringLiteral("SECRET")), qPrintable(lines));
    QVERIFY(!lines.contains(QString::fromLatin1(kSigningSecret.mid(6))));
    const QList<OutboxItem> all = OutboxRepository(m_store->database()).list(OutboxRepository::Filter::All).value();
    for (const OutboxItem &item : all)
        QVERIFY2(!item.lastError.contains(QStringLiteral("SECRET")), qPrintable(item.lastError));
}

QTEST_GUILESS_MAIN(tst_NotifyDispatch)
#include "tst_notifydispatch.moc"
