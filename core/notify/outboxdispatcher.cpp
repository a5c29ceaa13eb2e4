#include "notify/outboxdispatcher.h"

#include "notify/channelrepository.h"
#include "notify/deliveryworker.h"
#include "notify/notifylogging.h"
#include "storage/metricstore.h"
#include "util/clock.h"

#include <QCryptographicHash>
#include <QEventLoop>
#include <QPointer>
#include <QThread>
#include <QUuid>

namespace stackscope::notify {

namespace {

constexpr qint64 kStoreErrorRetryMs = 60'000;

struct Claim
{
    QList<OutboxItem> items;
    QHash<qint64, ChannelConfig> channels;
};

struct Settled
{
    FailureOutcome outcome;
};

OutboxRepository repository(storage::MetricStore &store, const RetryPolicy &policy, const std::function<double()> &jitter)
{
    OutboxRepository repo(store.database());
    repo.setRetryPolicy(policy);
    if (jitter)
        repo.setJitterSource(jitter);
    return repo;
}

} // namespace

OutboxDispatcher::OutboxDispatcher(StoreGateway store, ChannelCredentials credentials, const Clock &clock, QObject *parent)
    : QObject(parent), m_store(std::move(store)), m_credentials(std::move(credentials)), m_clock(clock),
      m_thread(new QThread)
{
    QPointer<OutboxDispatcher> self(this);
    m_worker = new DeliveryWorker(clock, Relay(this), [self](qint64 alertId) {
        if (self)
            Q_EMIT self->activated(alertId);
    });
    m_thread->setObjectName(QStringLiteral("stackscope-notify"));
    m_worker->moveToThread(m_thread);
    m_thread->start();
    QMetaObject::invokeMethod(m_worker, [worker = m_worker] { worker->setUp(); });
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &OutboxDispatcher::wake);
}

OutboxDispatcher::~OutboxDispatcher()
{
    // Senders are torn down on their own thread (SMTP transfers in progress finish first). Results still on
    // their way back are dropped with this object; those items stay pending in the store.
    QMetaObject::invokeMethod(m_worker, [worker = m_worker, thread = m_thread] {
        worker->tearDown();
        thread->quit();
    });
    m_thread->wait();
    delete m_worker;
    delete m_thread;
}

QString OutboxDispatcher::deliveryIdFor(const QString &channelUuid, const QString &dedupKey)
{
    const QByteArray digest = QCryptographicHash::hash((channelUuid + QLatin1Char('\n') + dedupKey).toUtf8(),
                                                       QCryptographicHash::Sha256);
    return QStringLiteral("msg_") + QString::fromLatin1(digest.left(16).toHex());
}

Notification OutboxDispatcher::testNotification(const ChannelConfig &channel, qint64 nowMs)
{
    Notification n;
    n.kind = Notification::Kind::Test;
    n.dedupKey = QStringLiteral("test/") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    n.title = QStringLiteral("Stackscope test notification for \"%1\"").arg(channel.name);
    n.severity = QStringLiteral("info");
    n.createdMs = nowMs;
    return n;
}

bool OutboxDispatcher::isIdle() const
{
    if (m_claiming || !m_inFlight.isEmpty())
        return false;
    for (const ChannelRun &run : m_channels) {
        if (run.running || !run.queue.isEmpty())
            return false;
    }
    return true;
}

void OutboxDispatcher::start()
{
    wake();
}

void OutboxDispatcher::wake()
{
    if (m_claiming) {
        m_claimAgain = true;
        return;
    }
    claim();
}

void OutboxDispatcher::claim()
{
    m_claiming = true;
    m_claimAgain = false;
    m_timer.stop();
    m_store.call<Claim>(
        this,
        [now = m_clock.nowMs(), inFlight = m_inFlight, policy = m_policy, jitter = m_jitter](storage::MetricStore &store) -> Result<Claim> {
            OutboxRepository outbox = repository(store, policy, jitter);
            auto items = outbox.claimDue(now, kBatchLimit, inFlight);
            if (!items)
                return items.error();
            Claim claim;
            claim.items = std::move(items).value();
            ChannelRepository channels(store.database());
            for (const OutboxItem &item : std::as_const(claim.items)) {
                if (!item.channelUsable || claim.channels.contains(item.channelId))
                    continue;
                auto channel = channels.get(item.channelId);
                if (channel)
                    claim.channels.insert(item.channelId, channel.value());
            }
            return claim;
        },
        [this](Result<Claim> claimed) {
            m_claiming = false;
            if (!claimed) {
                qCWarning(lcNotify).noquote() << "could not read the outbox:" << claimed.error().detail;
                m_timer.start(int(kStoreErrorRetryMs));
                return;
            }
            const bool full = claimed->items.size() >= kBatchLimit;
            for (const OutboxItem &item : std::as_const(claimed->items)) {
                m_inFlight.insert(item.id);
                if (!item.payloadError.isEmpty()) {
                    failWithoutSending(item, item.payloadError, false);
                } else if (!item.channelUsable || !claimed->channels.contains(item.channelId)) {
                    failWithoutSending(item, QStringLiteral("The channel was removed or turned off."), false);
                } else {
                    ChannelRun &run = m_channels[item.channelId];
                    run.channel = claimed->channels.value(item.channelId);
                    run.queue.append(item);
                }
            }
            for (auto it = m_channels.begin(); it != m_channels.end(); ++it) {
                if (!it->running && !it->queue.isEmpty())
                    startChannel(it.key());
            }
            if (full || m_claimAgain)
                claim();
            else
                checkIdle();
        });
}

void OutboxDispatcher::startChannel(qint64 channelId)
{
    ChannelRun &run = m_channels[channelId];
    run.running = true;
    m_credentials.load(run.channel, this, [this, channelId](Result<ChannelSecrets> secrets) {
        if (!secrets) {
            // Unavailable keychain: worth retrying; anything else needs a person.
            const Error &error = secrets.error();
            const bool retryable = error.code == Error::Code::KeychainUnavailable;
            const QList<OutboxItem> queue = std::exchange(m_channels[channelId].queue, {});
            for (const OutboxItem &item : queue)
                failWithoutSending(item, QStringLiteral("The channel's secrets could not be read: ") + error.userMessage, retryable);
            finishChannel(channelId);
            return;
        }
        deliverNext(channelId, secrets.value());
    });
}

void OutboxDispatcher::deliverNext(qint64 channelId, const ChannelSecrets &secrets)
{
    ChannelRun &run = m_channels[channelId];
    if (run.queue.isEmpty()) {
        finishChannel(channelId);
        return;
    }
    const OutboxItem item = run.queue.takeFirst();
    SendRequest request{run.channel, item.notification, deliveryIdFor(run.channel.uuid, item.dedupKey), secrets};
    send(std::move(request), [this, channelId, item, secrets](SendResult result) { onSent(channelId, item, secrets, result); });
}

void OutboxDispatcher::send(SendRequest request, std::function<void(SendResult)> done)
{
    Relay relay(this);
    QMetaObject::invokeMethod(m_worker, [worker = m_worker, request = std::move(request), relay, done = std::move(done)] {
        worker->deliver(request, [relay, done](SendResult result) {
            relay.post([done, result = std::move(result)] { done(result); });
        });
    });
}

void OutboxDispatcher::onSent(qint64 channelId, const OutboxItem &item, const ChannelSecrets &secrets,
                              const SendResult &result)
{
    const qint64 now = m_clock.nowMs();
    if (result.ok()) {
        m_store.call<bool>(
            this,
            [id = item.id, now](storage::MetricStore &store) -> Result<bool> {
                if (Status st = OutboxRepository(store.database()).markSent(id, now); !st)
                    return st.error();
                return true;
            },
            [this, id = item.id](Result<bool> marked) {
                if (!marked)
                    qCWarning(lcNotify).noquote() << "delivered outbox item" << id << "but could not record it:"
                                                  << marked.error().detail;
                if (m_drain)
                    ++m_drain->delivered;
                Q_EMIT delivered(id);
                settle(id);
            });
        deliverNext(channelId, secrets);
        return;
    }

    const QString error = result.message();
    qCInfo(lcNotify).noquote() << "outbox item" << item.id << "to channel" << item.channelName << "failed:" << error;
    // A retryable failure says the channel is in trouble: its other queued items wait for the same retry.
    const QList<OutboxItem> postponed = result.retryable ? std::exchange(m_channels[channelId].queue, {}) : QList<OutboxItem>();
    QList<qint64> postponedIds;
    for (const OutboxItem &other : postponed)
        postponedIds.append(other.id);
    m_store.call<FailureOutcome>(
        this,
        [id = item.id, error, retryable = result.retryable, retryAfter = result.retryAfterMs, now, postponedIds,
         policy = m_policy, jitter = m_jitter](storage::MetricStore &store) -> Result<FailureOutcome> {
            OutboxRepository outbox = repository(store, policy, jitter);
            auto outcome = outbox.markFailed(id, error, retryable, now, retryAfter);
            if (!outcome)
                return outcome;
            for (qint64 other : postponedIds)
                (void)outbox.postpone(other, outcome->nextAttemptMs);
            return outcome;
        },
        [this, id = item.id, error, postponedIds](Result<FailureOutcome> outcome) {
            const bool willRetry = outcome && !outcome->gaveUp;
            if (!outcome)
                qCWarning(lcNotify).noquote() << "could not record the failure of outbox item" << id << ":"
                                              << outcome.error().detail;
            if (m_drain) {
                ++m_drain->failedAttempts;
                if (outcome && outcome->gaveUp)
                    ++m_drain->gaveUp;
            }
            Q_EMIT failed(id, error, willRetry);
            for (qint64 other : postponedIds)
                m_inFlight.remove(other);
            settle(id);
        });
    if (result.retryable)
        finishChannel(channelId);
    else
        deliverNext(channelId, secrets);
}

void OutboxDispatcher::failWithoutSending(const OutboxItem &item, const QString &error, bool retryable)
{
    m_store.call<FailureOutcome>(
        this,
        [id = item.id, error, retryable, now = m_clock.nowMs(), policy = m_policy,
         jitter = m_jitter](storage::MetricStore &store) -> Result<FailureOutcome> {
            return repository(store, policy, jitter).markFailed(id, error, retryable, now);
        },
        [this, id = item.id, error](Result<FailureOutcome> outcome) {
            if (m_drain) {
                ++m_drain->failedAttempts;
                if (outcome && outcome->gaveUp)
                    ++m_drain->gaveUp;
            }
            Q_EMIT failed(id, error, outcome && !outcome->gaveUp);
            settle(id);
        });
}

void OutboxDispatcher::finishChannel(qint64 channelId)
{
    auto it = m_channels.find(channelId);
    if (it == m_channels.end())
        return;
    it->running = false;
    if (!it->queue.isEmpty()) {
        startChannel(channelId); // claimed while the last run was ending
        return;
    }
    m_channels.erase(it);
    checkIdle();
}

void OutboxDispatcher::settle(qint64 itemId)
{
    m_inFlight.remove(itemId);
    checkIdle();
}

void OutboxDispatcher::checkIdle()
{
    if (!isIdle() || m_checkingIdle)
        return;
    m_checkingIdle = true;
    struct Look
    {
        std::optional<qint64> nextDue;
        qint64 pending = 0;
    };
    m_store.call<Look>(
        this,
        [](storage::MetricStore &store) -> Result<Look> {
            OutboxRepository outbox(store.database());
            auto due = outbox.nextDueMs();
            if (!due)
                return due.error();
            auto counts = outbox.counts();
            if (!counts)
                return counts.error();
            return Look{due.value(), counts->pending};
        },
        [this](Result<Look> look) {
            m_checkingIdle = false;
            if (!isIdle())
                return; // work started meanwhile; its end looks again
            if (!look) {
                qCWarning(lcNotify).noquote() << "could not read the outbox:" << look.error().detail;
                m_timer.start(int(kStoreErrorRetryMs));
                return;
            }
            const qint64 now = m_clock.nowMs();
            if (look->nextDue && *look->nextDue <= now) {
                wake(); // enqueued while we were busy
                return;
            }
            const qint64 wait = look->nextDue ? std::min(*look->nextDue - now, kIdleRecheckMs) : kIdleRecheckMs;
            m_timer.start(int(wait));
            if (m_drain)
                m_drain->pending = look->pending;
            Q_EMIT idle();
        });
}

OutboxDispatcher::DrainReport OutboxDispatcher::drain(std::chrono::milliseconds timeout)
{
    DrainReport report;
    m_drain = &report;
    QEventLoop loop;
    QTimer deadline;
    deadline.setSingleShot(true);
    connect(this, &OutboxDispatcher::idle, &loop, &QEventLoop::quit);
    connect(&deadline, &QTimer::timeout, &loop, [&report, &loop] {
        report.timedOut = true;
        loop.quit();
    });
    deadline.start(timeout);
    wake();
    loop.exec();
    m_drain = nullptr;
    if (report.timedOut)
        report.pending = std::max<qint64>(report.pending, m_inFlight.size());
    return report;
}

void OutboxDispatcher::sendTest(const ChannelConfig &channel, QObject *context, std::function<void(SendResult)> done)
{
    QPointer<QObject> guard(context);
    m_credentials.load(channel, this, [this, channel, guard, done = std::move(done)](Result<ChannelSecrets> secrets) {
        if (!guard)
            return;
        if (!secrets) {
            done(SendResult::failure(secrets.error(), secrets.error().code == Error::Code::KeychainUnavailable));
            return;
        }
        sendTest(channel, secrets.value(), guard.data(), done);
    });
}

void OutboxDispatcher::sendTest(const ChannelConfig &channel, ChannelSecrets secrets, QObject *context,
                                std::function<void(SendResult)> done)
{
    const Notification test = testNotification(channel, m_clock.nowMs());
    SendRequest request{channel, test, QStringLiteral("test_") + QUuid::createUuid().toString(QUuid::Id128),
                        std::move(secrets)};
    QPointer<QObject> guard(context);
    send(std::move(request), [guard, done = std::move(done)](SendResult result) {
        if (guard)
            done(result);
    });
}

SendResult OutboxDispatcher::sendTestAndWait(const ChannelConfig &channel, std::chrono::milliseconds timeout)
{
    std::optional<SendResult> outcome;
    QEventLoop loop;
    QTimer deadline;
    deadline.setSingleShot(true);
    connect(&deadline, &QTimer::timeout, &loop, &QEventLoop::quit);
    sendTest(channel, &loop, [&outcome, &loop](SendResult result) {
        outcome = std::move(result);
        loop.quit();
    });
    deadline.start(timeout);
    if (!outcome)
        loop.exec();
    if (!outcome)
        return SendResult::failure(Error::make(Error::Code::Timeout,
                                               QStringLiteral("The test did not finish within %1 s.").arg(timeout.count() / 1000)),
                                   true);
    return *outcome;
}

} // namespace stackscope::notify
