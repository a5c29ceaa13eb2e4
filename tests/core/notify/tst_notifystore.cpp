// Channels, channel secrets and the outbox over a real encrypted workspace.
#include "fakeclock.h"
#include "fakesecretstore.h"
#include "tempworkspace.h"

#include "notify/channelcredentials.h"
#include "notify/channelrepository.h"
#include "notify/channeltypes.h"
#include "notify/outboxrepository.h"
#include "notify/storegateway.h"
#include "storage/database.h"
#include "storage/metricstore.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

using namespace stackscope;
using namespace stackscope::notify;
using namespace stackscope::test;

namespace {

ChannelConfig webhookChannel(const QString &name)
{
    ChannelConfig config;
    config.name = name;
    config.type = QStringLiteral("webhook");
    config.settings = QJsonObject{{QStringLiteral("default"), true}};
    return config;
}

ChannelConfig emailChannel(const QString &name, const QString &host, const QString &security)
{
    ChannelConfig config;
    config.name = name;
    config.type = QStringLiteral("email");
    config.settings = QJsonObject{{QStringLiteral("host"), host},
                                  {QStringLiteral("security"), security},
                                  {QStringLiteral("from"), QStringLiteral("alerts@example.com")},
                                  {QStringLiteral("to"), QStringLiteral("ops@example.com, dev@example.com")}};
    return config;
}

Notification alertNotification(const QString &dedupKey, qint64 alertId = 17)
{
    NotificationItem item;
    item.alertId = alertId;
    item.ruleName = QStringLiteral("Twilio failures high");
    item.severity = QStringLiteral("critical");
    item.status = QStringLiteral("open");
    item.project = QStringLiteral("shop");
    item.service = QStringLiteral("Twilio");
    item.metric = QStringLiteral("twilio.sms.failed");
    item.labels = QStringLiteral("country=US");
    item.value = 42;
    item.threshold = 10;
    item.summary = QStringLiteral("twilio.sms.failed 42 > 10 for 5 min");
    item.link = QStringLiteral("stackscope://alert/%1").arg(alertId);
    item.atMs = 1767225600000;
    Notification n;
    n.kind = Notification::Kind::Alert;
    n.dedupKey = dedupKey;
    n.title = QStringLiteral("[critical] Twilio failures high — shop");
    n.severity = QStringLiteral("critical");
    n.items = {item};
    n.createdMs = 1767225600000;
    return n;
}

} // namespace

class tst_NotifyStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void notificationJsonRoundTrip();
    void notificationFromJsonRejectsGarbage();
    void channelAddGetListUpdate();
    void channelNamesAreUniqueAmongActiveChannels();
    void channelValidation_data();
    void channelValidation();
    void secretValidation();
    void removeIsSoftAndAbandonsPendingItems();
    void enqueueTwiceKeepsOneRow();
    void enqueueJoinsTheCallersTransaction();
    void claimDueOldestFirstWithLimitAndExclusions();
    void failuresBackOffExponentiallyWithJitter();
    void failuresGiveUpAfterTheLimits();
    void nonRetryableFailsAtOnce();
    void retryAfterIsHonoured();
    void retryMakesAFailedItemDueAgain();
    void listsAndCounts();
    void retryPolicyShape();
    void credentialsInSecretStore();
    void credentialsSealedInTheWorkspace();
    void signingSecretsAreGenerated();

private:
    TempWorkspace *m_ws = nullptr;
    std::unique_ptr<storage::MetricStore> m_store;
    std::unique_ptr<ChannelRepository> m_channels;
    std::unique_ptr<OutboxRepository> m_outbox;
};

void tst_NotifyStore::init()
{
    m_ws = new TempWorkspace;
    m_store = m_ws->create();
    QVERIFY(m_store);
    m_channels = std::make_unique<ChannelRepository>(m_store->database());
    m_outbox = std::make_unique<OutboxRepository>(m_store->database());
    m_outbox->setJitterSource([] { return 1.0; });
}

void tst_NotifyStore::cleanup()
{
    m_outbox.reset();
    m_channels.reset();
    m_store.reset();
    delete m_ws;
    m_ws = nullptr;
}

void tst_NotifyStore::notificationJsonRoundTrip()
{
    Notification n = alertNotification(QStringLiteral("alert/17/open/1"));
    NotificationItem unknownValue = n.items.first();
    unknownValue.value.reset();
    unknownValue.threshold.reset();
    n.items.append(unknownValue);
    n.kind = Notification::Kind::Digest;
    n.omitted = 3;
    auto back = notificationFromJson(toJson(n));
    QVERIFY(back);
    QCOMPARE(back.value(), n);
    QVERIFY(!back->items.at(1).value.has_value());
}

void tst_NotifyStore::notificationFromJsonRejectsGarbage()
{
    QVERIFY(!notificationFromJson(QJsonObject{{QStringLiteral("kind"), QStringLiteral("party")}}));
    QVERIFY(!notificationFromJson(QJsonObject{{QStringLiteral("kind"), QStringLiteral("alert")},
                                              {QStringLiteral("items"), QStringLiteral("nope")}}));
    QVERIFY(!notificationFromJson(QJsonObject{{QStringLiteral("kind"), QStringLiteral("alert")},
                                              {QStringLiteral("items"), QJsonArray{1, 2}}}));
}

void tst_NotifyStore::channelAddGetListUpdate()
{
    auto added = m_channels->add(emailChannel(QStringLiteral("Ops mail"), QStringLiteral("smtp.example.com"),
                                              QStringLiteral("starttls")));
    QVERIFY2(added, qPrintable(added ? QString() : added.error().userMessage));
    QVERIFY(added->id > 0);
    QVERIFY(!added->uuid.isEmpty());
    QVERIFY(added->createdMs > 0);

    auto got = m_channels->get(added->id);
    QVERIFY(got);
    QCOMPARE(got->name, QStringLiteral("Ops mail"));
    QCOMPARE(got->settings.value(QStringLiteral("host")).toString(), QStringLiteral("smtp.example.com"));
    auto byName = m_channels->byName(QStringLiteral("ops MAIL"));
    QVERIFY(byName);
    QCOMPARE(byName->id, added->id);

    ChannelConfig changed = got.value();
    changed.name = QStringLiteral("Ops e-mail");
    changed.enabled = false;
    changed.type = QStringLiteral("slack"); // ignored: the type never changes
    QVERIFY(m_channels->update(changed));
    auto after = m_channels->get(added->id);
    QCOMPARE(after->name, QStringLiteral("Ops e-mail"));
    QCOMPARE(after->enabled, false);
    QCOMPARE(after->type, QStringLiteral("email"));

    auto list = m_channels->list();
    QVERIFY(list);
    QCOMPARE(list->size(), 1);
    QCOMPARE(toString(m_channels->get(9999).error().code), toString(Error::Code::NotFound));
}

void tst_NotifyStore::channelNamesAreUniqueAmongActiveChannels()
{
    auto first = m_channels->add(webhookChannel(QStringLiteral("Hooks")));
    QVERIFY(first);
    auto clash = m_channels->add(webhookChannel(QStringLiteral("hooks")));
    QVERIFY(!clash);
    QCOMPARE(toString(clash.error().code), toString(Error::Code::Config));
    QVERIFY(clash.error().userMessage.contains(QStringLiteral("already a channel")));

    auto second = m_channels->add(webhookChannel(QStringLiteral("Other")));
    QVERIFY(second);
    ChannelConfig renamed = second.value();
    renamed.name = QStringLiteral("HOOKS");
    QVERIFY(!m_channels->update(renamed));

    QVERIFY(m_channels->remove(first->id, 1000));
    QVERIFY(m_channels->add(webhookChannel(QStringLiteral("Hooks")))); // free again once removed
}

void tst_NotifyStore::channelValidation_data()
{
    QTest::addColumn<ChannelConfig>("config");
    QTest::addColumn<QString>("expected"); // empty: valid

    QTest::addRow("starttls to a remote host") << emailChannel(QStringLiteral("a"), QStringLiteral("smtp.example.com"), QStringLiteral("starttls")) << QString();
    QTest::addRow("none to loopback") << emailChannel(QStringLiteral("a"), QStringLiteral("127.0.0.1"), QStringLiteral("none")) << QString();
    QTest::addRow("none to localhost") << emailChannel(QStringLiteral("a"), QStringLiteral("localhost"), QStringLiteral("none")) << QString();
    QTest::addRow("none to a remote host") << emailChannel(QStringLiteral("a"), QStringLiteral("smtp.example.com"), QStringLiteral("none"))
                                           << QStringLiteral("only allowed to this computer");
    QTest::addRow("unknown security") << emailChannel(QStringLiteral("a"), QStringLiteral("smtp.example.com"), QStringLiteral("ssl3"))
                                      << QStringLiteral("Security must be");
    ChannelConfig badTo = emailChannel(QStringLiteral("a"), QStringLiteral("smtp.example.com"), QStringLiteral("tls"));
    badTo.settings.insert(QStringLiteral("to"), QStringLiteral("ops@example.com\r\nBcc: evil@example.com"));
    QTest::addRow("header injection in to") << badTo << QStringLiteral("not an e-mail address");
    ChannelConfig secretInSettings = emailChannel(QStringLiteral("a"), QStringLiteral("smtp.example.com"), QStringLiteral("tls"));
    secretInSettings.settings.insert(QStringLiteral("password"), QStringLiteral("hunter2"));
    QTest::addRow("password in settings") << secretInSettings << QStringLiteral("is a secret");
    ChannelConfig slackUrlInSettings = webhookChannel(QStringLiteral("s"));
    slackUrlInSettings.type = QStringLiteral("slack");
    slackUrlInSettings.settings.insert(QStringLiteral("webhook_url"), QStringLiteral("https://hooks.slack.com/x"));
    QTest::addRow("webhook URL in settings") << slackUrlInSettings << QStringLiteral("is a secret");
    ChannelConfig unknown = webhookChannel(QStringLiteral("u"));
    unknown.type = QStringLiteral("pager");
    QTest::addRow("unknown type") << unknown << QStringLiteral("no channel type");
}

void tst_NotifyStore::channelValidation()
{
    QFETCH(ChannelConfig, config);
    QFETCH(QString, expected);
    auto added = m_channels->add(config);
    if (expected.isEmpty()) {
        QVERIFY2(added, qPrintable(added ? QString() : added.error().userMessage));
        return;
    }
    QVERIFY(!added);
    QVERIFY2(added.error().userMessage.contains(expected), qPrintable(added.error().userMessage));
    QVERIFY(!added.error().userMessage.contains(QStringLiteral("hunter2")));
}

void tst_NotifyStore::secretValidation()
{
    ChannelSecrets secrets;
    QCOMPARE(toString(validateSecrets(QStringLiteral("slack"), secrets).error().code), toString(Error::Code::KeyMissing));
    secrets[QStringLiteral("webhook_url")] = secretFromText(QStringLiteral("http://hooks.slack.com/services/x"));
    QVERIFY(!validateSecrets(QStringLiteral("slack"), secrets)); // plain http off loopback
    secrets[QStringLiteral("webhook_url")] = secretFromText(QStringLiteral("https://hooks.slack.com/services/x"));
    QVERIFY(validateSecrets(QStringLiteral("slack"), secrets));

    ChannelSecrets hook{{QStringLiteral("url"), secretFromText(QStringLiteral("http://127.0.0.1:9/hook"))}};
    QVERIFY(validateSecrets(QStringLiteral("webhook"), hook));
    hook[QStringLiteral("signing_secret")] = secretFromText(QStringLiteral("not-a-secret"));
    QVERIFY(!validateSecrets(QStringLiteral("webhook"), hook));
    hook[QStringLiteral("signing_secret")] = secretFromText(QStringLiteral("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"));
    QVERIFY(validateSecrets(QStringLiteral("webhook"), hook));
    QCOMPARE(secretFields(QStringLiteral("email")), QStringList{QStringLiteral("password")});
    QCOMPARE(secretFields(QStringLiteral("webhook")), (QStringList{QStringLiteral("url"), QStringLiteral("signing_secret")}));
    QVERIFY(secretFields(QStringLiteral("desktop")).isEmpty());
}

void tst_NotifyStore::removeIsSoftAndAbandonsPendingItems()
{
    auto channel = m_channels->add(webhookChannel(QStringLiteral("Hooks")));
    QVERIFY(channel);
    QVERIFY(m_outbox->enqueue(channel->id, alertNotification(QStringLiteral("a")), 1000));
    QVERIFY(m_channels->remove(channel->id, 2000));
    QCOMPARE(toString(m_channels->get(channel->id).error().code), toString(Error::Code::NotFound));
    QCOMPARE(m_channels->list()->size(), 0);
    QCOMPARE(m_channels->list(true)->size(), 1);
    QCOMPARE(toString(m_channels->remove(channel->id, 3000).error().code), toString(Error::Code::NotFound));

    auto failed = m_outbox->list(OutboxRepository::Filter::Failed);
    QVERIFY(failed);
    QCOMPARE(failed->size(), 1);
    QCOMPARE(failed->first().lastError, QStringLiteral("The channel was removed."));
    QVERIFY(!m_outbox->retry(failed->first().id, 4000)); // its channel is gone
}

void tst_NotifyStore::enqueueTwiceKeepsOneRow()
{
    auto channel = m_channels->add(webhookChannel(QStringLiteral("Hooks")));
    QVERIFY(channel);
    Notification first = alertNotification(QStringLiteral("alert/17/open/1"));
    Notification again = first;
    again.title = QStringLiteral("changed title");
    QVERIFY(m_outbox->enqueue(channel->id, first, 1000));
    QVERIFY(m_outbox->enqueue(channel->id, again, 2000));
    auto count = m_store->database().queryInt("SELECT count(*) FROM outbox;");
    QCOMPARE(count.value(), 1);
    auto items = m_outbox->list(OutboxRepository::Filter::All);
    QCOMPARE(items->first().notification, first); // the first one stays as it was
    QCOMPARE(items->first().createdMs, 1000);

    auto other = m_channels->add(webhookChannel(QStringLiteral("Other hooks")));
    QVERIFY(m_outbox->enqueue(other->id, first, 1000)); // the same key on another channel is another delivery
    QCOMPARE(m_store->database().queryInt("SELECT count(*) FROM outbox;").value(), 2);
    QVERIFY(!m_outbox->enqueue(channel->id, alertNotification(QString()), 1000));
}

void tst_NotifyStore::enqueueJoinsTheCallersTransaction()
{
    auto channel = m_channels->add(webhookChannel(QStringLiteral("Hooks")));
    storage::Database &db = m_store->database();
    QVERIFY(db.begin());
    QVERIFY(m_outbox->enqueue(channel->id, alertNotification(QStringLiteral("k1")), 1000));
    QVERIFY(db.inTransaction());
    db.rollback();
    QCOMPARE(db.queryInt("SELECT count(*) FROM outbox;").value(), 0);

    QVERIFY(db.begin());
    QVERIFY(m_outbox->enqueue(channel->id, alertNotification(QStringLiteral("k1")), 1000));
    QVERIFY(db.commit());
    QCOMPARE(db.queryInt("SELECT count(*) FROM outbox;").value(), 1);
}

void tst_NotifyStore::claimDueOldestFirstWithLimitAndExclusions()
{
    auto channel = m_channels->add(webhookChannel(QStringLiteral("Hooks")));
    QVERIFY(m_outbox->enqueue(channel->id, alertNotification(QStringLiteral("c")), 3000));
    QVERIFY(m_outbox->enqueue(channel->id, alertNotification(QStringLiteral("a")), 1000));
    QVERIFY(m_outbox->enqueue(channel->id, alertNotification(QStringLiteral("b")), 2000));
    QVERIFY(m_outbox->enqueue(channel->id, alertNotification(QStringLiteral("future")), 9000));

    auto due = m_outbox->claimDue(5000, 10);
    QVERIFY(due);
    QStringList keys;
    for (const OutboxItem &item : due.value())
        keys << item.dedupKey;
    QCOMPARE(keys, (QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")}));
    QCOMPARE(due->first().channelName, QStringLiteral("Hooks"));
    QCOMPARE(due->first().channelType, QStringLiteral("webhook"));
    QVERIFY(due->first().channelUsable);

    auto limited = m_outbox->claimDue(5000, 2, {due->first().id});
    QCOMPARE(limited->size(), 2);
    QCOMPARE(limited->at(0).dedupKey, QStringLiteral("b"));
    QCOMPARE(limited->at(1).dedupKey, QStringLiteral("c"));

    // Claiming marks nothing: after a "crash" the same items are due again.
    QCOMPARE(m_outbox->claimDue(5000, 10)->size(), 3);
    QVERIFY(m_outbox->markSent(due->first().id, 5000));
    QCOMPARE(m_outbox->claimDue(5000, 10)->size(), 2);
}

void tst_NotifyStore::failuresBackOffExponentiallyWithJitter()
{
    auto channel = m_channels->add(webhookChannel(QStringLiteral("Hooks")));
    QVERIFY(m_outbox->enqueue(channel->id, alertNotification(QStringLiteral("a")), 0));
    const qint64 id = m_outbox->claimDue(0, 1)->first().id;

    qint64 now = 0;
    QList<qint64> waits;
    for (int i = 0; i < 9; ++i) {
        auto outcome = m_outbox->markFailed(id, QStringLiteral("server error"), true, now);
        QVERIFY(outcome);
        QVERIFY(!outcome->gaveUp);
        QCOMPARE(outcome->attempts, i + 1);
        waits << outcome->nextAttemptMs - now;
        QVERIFY(m_outbox->claimDue(outcome->nextAttemptMs - 1, 10)->isEmpty()); // not due before its time
        now = outcome->nextAttemptMs;
        QCOMPARE(m_outbox->claimDue(now, 10)->size(), 1);
    }
    // Jitter pinned at 1.0: the nominal schedule, 30 s doubling up to 1 h.
    QCOMPARE(waits, (QList<qint64>{30'000, 60'000, 120'000, 240'000, 480'000, 960'000, 1'920'000, 3'600'000, 3'600'000}));

    m_outbox->setJitterSource([] { return 0.0; }); // the earliest jitter allows: half the nominal delay
    auto early = m_outbox->markFailed(id, QStringLiteral("again"), true, now);
    QCOMPARE(early->nextAttemptMs - now, 1'800'000);
    auto item = m_outbox->get(id);
    QCOMPARE(item->lastError, QStringLiteral("again"));
    QCOMPARE(item->state, OutboxItem::State::Pending);
}

void tst_NotifyStore::failuresGiveUpAfterTheLimits()
{
    auto channel = m_channels->add(webhookChannel(QStringLiteral("Hooks")));
    QVERIFY(m_outbox->enqueue(channel->id, alertNotification(QStringLiteral("old")), 0));
    QVERIFY(m_outbox->enqueue(channel->id, alertNotification(QStringLiteral("many")), 0));
    auto items = m_outbox->claimDue(0, 10);
    const qint64 old = items->at(0).id;
    const qint64 many = items->at(1).id;

    const qint64 dayMs = 24LL * 3'600'000;
    auto before = m_outbox->markFailed(old, QStringLiteral("down"), true, dayMs - 1);
    QVERIFY(!before->gaveUp);
    auto after = m_outbox->markFailed(old, QStringLiteral("still down"), true, dayMs);
    QVERIFY(after->gaveUp);
    QCOMPARE(m_outbox->get(old)->state, OutboxItem::State::Failed);
    QCOMPARE(m_outbox->get(old)->lastError, QStringLiteral("still down"));

    RetryPolicy policy;
    policy.maxAttempts = 3;
    m_outbox->setRetryPolicy(policy);
    QVERIFY(!m_outbox->markFailed(many, QStringLiteral("x"), true, 10)->gaveUp);
    QVERIFY(!m_outbox->markFailed(many, QStringLiteral("x"), true, 20)->gaveUp);
    QVERIFY(m_outbox->markFailed(many, QStringLiteral("x"), true, 30)->gaveUp);
    QVERIFY(m_outbox->claimDue(dayMs * 2, 10)->isEmpty());
    QCOMPARE(toString(m_outbox->markFailed(many, QStringLiteral("x"), true, 40).error().code), toString(Error::Code::NotFound));
}

void tst_NotifyStore::nonRetryableFailsAtOnce()
{
    auto channel = m_channels->add(webhookChannel(QStringLiteral("Hooks")));
    QVERIFY(m_outbox->enqueue(channel->id, alertNotification(QStringLiteral("a")), 0));
    const qint64 id = m_outbox->claimDue(0, 1)->first().id;
    auto outcome = m_outbox->markFailed(id, QStringLiteral("The service rejected the credentials (HTTP 401)"), false, 5);
    QVERIFY(outcome->gaveUp);
    QCOMPARE(outcome->attempts, 1);
    QCOMPARE(m_outbox->get(id)->state, OutboxItem::State::Failed);
}

void tst_NotifyStore::retryAfterIsHonoured()
{
    auto channel = m_channels->add(webhookChannel(QStringLiteral("Hooks")));
    QVERIFY(m_outbox->enqueue(channel->id, alertNotification(QStringLiteral("a")), 0));
    const qint64 id = m_outbox->claimDue(0, 1)->first().id;
    auto outcome = m_outbox->markFailed(id, QStringLiteral("429"), true, 1000, 600'000);
    QCOMPARE(outcome->nextAttemptMs, 601'000); // longer than the 30 s backoff: the receiver's wish wins
    auto capped = m_outbox->markFailed(id, QStringLiteral("429"), true, 1000, 99'000'000);
    QCOMPARE(capped->nextAttemptMs, 1000 + 3'600'000); // but never beyond the policy's longest wait
}

void tst_NotifyStore::retryMakesAFailedItemDueAgain()
{
    auto channel = m_channels->add(webhookChannel(QStringLiteral("Hooks")));
    QVERIFY(m_outbox->enqueue(channel->id, alertNotification(QStringLiteral("a")), 0));
    const qint64 id = m_outbox->claimDue(0, 1)->first().id;
    QVERIFY(!m_outbox->retry(id, 10)); // pending items need no retry
    QVERIFY(m_outbox->markFailed(id, QStringLiteral("bad"), false, 10));
    QVERIFY(m_outbox->claimDue(20, 10)->isEmpty());
    QVERIFY(m_outbox->retry(id, 30));
    auto due = m_outbox->claimDue(30, 10);
    QCOMPARE(due->size(), 1);
    QCOMPARE(due->first().id, id);
}

void tst_NotifyStore::listsAndCounts()
{
    auto channel = m_channels->add(webhookChannel(QStringLiteral("Hooks")));
    for (const QString &key : {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")})
        QVERIFY(m_outbox->enqueue(channel->id, alertNotification(key), 0));
    auto items = m_outbox->claimDue(0, 10).value();
    QVERIFY(m_outbox->markSent(items[0].id, 5));
    QVERIFY(m_outbox->markFailed(items[1].id, QStringLiteral("rejected"), false, 5));
    QVERIFY(m_outbox->markFailed(items[2].id, QStringLiteral("later"), true, 5));

    auto counts = m_outbox->counts();
    QCOMPARE(counts->pending, 1);
    QCOMPARE(counts->failed, 1);
    QCOMPARE(m_outbox->list(OutboxRepository::Filter::Failed)->first().lastError, QStringLiteral("rejected"));
    QCOMPARE(m_outbox->list(OutboxRepository::Filter::Sent)->first().sentMs, 5);
    QCOMPARE(m_outbox->list(OutboxRepository::Filter::Pending)->first().attempts, 1);
    QCOMPARE(m_outbox->list(OutboxRepository::Filter::All)->size(), 3);
    QCOMPARE(m_outbox->nextDueMs()->value(), 5 + 30'000);
    QCOMPARE(toString(m_outbox->get(424242).error().code), toString(Error::Code::NotFound));

    // A payload nobody can read is reported, not a crash.
    QVERIFY(m_store->database().exec("UPDATE outbox SET payload = '{broken' WHERE status = 0;"));
    auto broken = m_outbox->list(OutboxRepository::Filter::Pending);
    QVERIFY(broken);
    QVERIFY(!broken->first().payloadError.isEmpty());
}

void tst_NotifyStore::retryPolicyShape()
{
    RetryPolicy policy;
    QCOMPARE(policy.delayMs(1, 1.0), 30'000);
    QCOMPARE(policy.delayMs(1, 0.0), 15'000);
    QCOMPARE(policy.delayMs(2, 0.5), 45'000);
    QCOMPARE(policy.delayMs(1000, 1.0), 3'600'000); // no overflow however many attempts
    QVERIFY(policy.givesUp(50, 0));
    QVERIFY(!policy.givesUp(49, 0));
}

void tst_NotifyStore::credentialsInSecretStore()
{
    secrets::FakeSecretStore keychain;
    const ChannelCredentials credentials = ChannelCredentials::keychain(keychain);
    QCOMPARE(credentials.backend(), ChannelCredentials::Backend::Keychain);
    auto channel = m_channels->add(webhookChannel(QStringLiteral("Hooks")));
    QObject context;

    ChannelSecrets secrets{{QStringLiteral("url"), secretFromText(QStringLiteral("https://example.com/hook"))},
                           {QStringLiteral("signing_secret"), secretFromText(QStringLiteral("whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0"))}};
    std::optional<Status> stored;
    QStringList written;
    credentials.store(channel->uuid, secrets, &context, [&](Status st, QStringList fields) {
        stored = st;
        written = fields;
    });
    QTRY_VERIFY(stored.has_value());
    QVERIFY(*stored);
    QCOMPARE(written.size(), 2);
    QVERIFY(keychain.contains(ChannelConfig::secretKey(channel->uuid, QStringLiteral("url"))));
    QVERIFY(keychain.contains(QStringLiteral("channel/%1/signing_secret").arg(channel->uuid)));
    // Nothing secret went to the database.
    const QString settings = m_store->database().queryText("SELECT settings FROM channels;").value();
    QVERIFY(!settings.contains(QStringLiteral("example.com/hook")));

    std::optional<Result<ChannelSecrets>> loaded;
    credentials.load(channel.value(), &context, [&](Result<ChannelSecrets> result) { loaded = std::move(result); });
    QTRY_VERIFY(loaded.has_value());
    QVERIFY(loaded->ok());
    QCOMPARE(QString::fromUtf8(loaded->value().at(QStringLiteral("url"))->view()), QStringLiteral("https://example.com/hook"));

    keychain.failWith(Error::Code::KeychainUnavailable);
    loaded.reset();
    credentials.load(channel.value(), &context, [&](Result<ChannelSecrets> result) { loaded = std::move(result); });
    QTRY_VERIFY(loaded.has_value());
    QCOMPARE(toString(loaded->error().code), toString(Error::Code::KeychainUnavailable));
    keychain.clearFailure();

    std::optional<Status> removed;
    credentials.remove(channel->uuid, secretFields(QStringLiteral("webhook")), &context, [&](Status st) { removed = st; });
    QTRY_VERIFY(removed.has_value());
    QVERIFY(*removed);
    QCOMPARE(keychain.count(), 0);
}

void tst_NotifyStore::credentialsSealedInTheWorkspace()
{
    const ChannelCredentials credentials = ChannelCredentials::sealed(StoreGateway::direct(*m_store));
    QCOMPARE(credentials.backend(), ChannelCredentials::Backend::Sealed);
    auto channel = m_channels->add(emailChannel(QStringLiteral("Mail"), QStringLiteral("smtp.example.com"), QStringLiteral("tls")));
    QObject context;
    const QString password = QStringLiteral("correct horse battery staple");
    std::optional<Status> stored;
    credentials.store(channel->uuid, {{QStringLiteral("password"), secretFromText(password)}}, &context,
                      [&](Status st, const QStringList &) { stored = st; });
    QVERIFY(!stored.has_value()); // the answer comes later, never from inside the call
    QTRY_VERIFY(stored.has_value());
    QVERIFY(*stored);

    // Sealed: the password is in the (encrypted) database, but not in readable form.
    const QByteArray dump = m_store->database().queryText("SELECT group_concat(hex(ciphertext)) FROM sealed_secrets;").value().toLatin1();
    QVERIFY(!dump.isEmpty());
    QVERIFY(!QByteArray::fromHex(dump).contains(password.toUtf8()));

    std::optional<Result<ChannelSecrets>> loaded;
    credentials.load(channel.value(), &context, [&](Result<ChannelSecrets> result) { loaded = std::move(result); });
    QTRY_VERIFY(loaded.has_value());
    QVERIFY(loaded->ok());
    QCOMPARE(QString::fromUtf8(loaded->value().at(QStringLiteral("password"))->view()), password);

    std::optional<Status> removed;
    credentials.remove(channel->uuid, {QStringLiteral("password")}, &context, [&](Status st) { removed = st; });
    QTRY_VERIFY(removed.has_value());
    QVERIFY(*removed);
    loaded.reset();
    credentials.load(channel.value(), &context, [&](Result<ChannelSecrets> result) { loaded = std::move(result); });
    QTRY_VERIFY(loaded.has_value());
    QVERIFY(loaded->value().empty());
}

void tst_NotifyStore::signingSecretsAreGenerated()
{
    const secrets::SecureBytes one = generateSigningSecret();
    const secrets::SecureBytes two = generateSigningSecret();
    const QByteArray text(one.constChar(), qsizetype(one.size()));
    QVERIFY(text.startsWith("whsec_"));
    QCOMPARE(QByteArray::fromBase64(text.mid(6)).size(), 32);
    QVERIFY(!one.constantTimeEquals(two));
    ChannelSecrets secrets{{QStringLiteral("url"), secretFromText(QStringLiteral("https://example.com/h"))},
                           {QStringLiteral("signing_secret"), std::make_shared<const secrets::SecureBytes>(QByteArrayView(text))}};
    QVERIFY(validateSecrets(QStringLiteral("webhook"), secrets));
}

QTEST_GUILESS_MAIN(tst_NotifyStore)
#include "tst_notifystore.moc"
