#pragma once

#include "notify/channelcredentials.h"
#include "notify/channelsender.h"
#include "notify/outboxrepository.h"
#include "notify/storegateway.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>
#include <QTimer>

#include <chrono>
#include <functional>

class QThread;

namespace stackscope {
class Clock;
}

namespace stackscope::notify {

class DeliveryWorker;

// Delivers the outbox (A6). Store work goes through the StoreGateway (the store thread in the app, the caller's
// thread in the CLI); network work runs on a thread of the dispatcher's own, where the senders live.
//
// - Wakes on notificationsQueued() (connect the alert engine's signal to it), on its timer for retries, and on
//   wake(). Due items are claimed oldest first in batches; each channel's items go out one after the other,
//   channels side by side, so a slow or failing channel never holds up another.
// - A retryable failure schedules the item with backoff (RetryPolicy) and postpones the channel's other items
//   of this batch to the same time; a final failure leaves the item "failed", listed for the UI and the CLI.
// - Nothing is marked "in flight" in the database: if the process dies mid-send the item is still pending and
//   goes out again after restart (at least once; receivers dedupe by the delivery id, see deliveryIdFor()).
class OutboxDispatcher : public QObject
{
    Q_OBJECT
public:
    static constexpr int kBatchLimit = 50;
    static constexpr qint64 kIdleRecheckMs = 15 * 60 * 1000; // look again even with nothing scheduled

    OutboxDispatcher(StoreGateway store, ChannelCredentials credentials, const Clock &clock, QObject *parent = nullptr);
    ~OutboxDispatcher() override; // stops the network thread; items being sent stay pending

    // Applied to the repository in each store job (tests shorten the backoff and pin the jitter).
    void setRetryPolicy(const RetryPolicy &policy) { m_policy = policy; }
    void setJitterSource(std::function<double()> jitter) { m_jitter = std::move(jitter); }

    // Starts delivering: a first look at the outbox now, then timers.
    void start();

    struct DrainReport
    {
        int delivered = 0;
        int failedAttempts = 0;   // attempts that failed (retryable or not)
        int gaveUp = 0;           // items that failed for good
        qint64 pending = 0;       // still pending afterwards (waiting for a retry, or the deadline came first)
        bool timedOut = false;
    };
    // For command-line tools (`stackscoped evaluate --once`): delivers everything due now and waits for the
    // outcome, or until `timeout`. Items whose retry is scheduled later are left pending. Runs a local event loop.
    DrainReport drain(std::chrono::milliseconds timeout);

    // "Send test": a Notification::Kind::Test straight to the channel (not through the outbox), with the stored
    // secrets or with `secrets` given (a dialog testing before it saves). `done` runs on this object's thread.
    void sendTest(const ChannelConfig &channel, QObject *context, std::function<void(SendResult)> done);
    void sendTest(const ChannelConfig &channel, ChannelSecrets secrets, QObject *context,
                  std::function<void(SendResult)> done);
    // The same, waiting for the answer (command-line tools).
    SendResult sendTestAndWait(const ChannelConfig &channel, std::chrono::milliseconds timeout);

    // Stable per (channel, dedup key): the same for every retry and across restarts. "msg_" + 32 hex digits.
    static QString deliveryIdFor(const QString &channelUuid, const QString &dedupKey);
    static Notification testNotification(const ChannelConfig &channel, qint64 nowMs);

    bool isIdle() const;

public Q_SLOTS:
    void notificationsQueued() { wake(); }
    void wake();

Q_SIGNALS:
    void delivered(qint64 outboxId);
    // Every failed attempt; `willRetry` false when the item has now failed for good.
    void failed(qint64 outboxId, const QString &error, bool willRetry);
    // The user clicked a desktop notification: the alert to open (0: a group or digest, open the alerts panel).
    void activated(qint64 alertId);
    // Nothing in flight and nothing due now.
    void idle();

private:
    struct ChannelRun
    {
        ChannelConfig channel;
        QList<OutboxItem> queue;
        bool running = false;
    };

    void claim();
    void onClaimed(Result<QList<OutboxItem>> items);
    void startChannel(qint64 channelId);
    void deliverNext(qint64 channelId, const ChannelSecrets &secrets);
    void onSent(qint64 channelId, const OutboxItem &item, const ChannelSecrets &secrets, const SendResult &result);
    void failWithoutSending(const OutboxItem &item, const QString &error, bool retryable);
    void finishChannel(qint64 channelId);
    void settle(qint64 itemId);
    void checkIdle();
    void send(SendRequest request, std::function<void(SendResult)> done);

    StoreGateway m_store;
    ChannelCredentials m_credentials;
    const Clock &m_clock;
    RetryPolicy m_policy;
    std::function<double()> m_jitter;
    QThread *m_thread = nullptr;
    DeliveryWorker *m_worker = nullptr;
    QTimer m_timer;
    bool m_claiming = false;
    bool m_claimAgain = false;
    bool m_checkingIdle = false;
    QSet<qint64> m_inFlight;                 // claimed and not yet settled in the store
    QHash<qint64, ChannelRun> m_channels;    // channels with queued or running deliveries
    DrainReport *m_drain = nullptr;
};

} // namespace stackscope::notify
