#pragma once

#include "notify/notification.h"
#include "notify/retrypolicy.h"
#include "util/result.h"

#include <QList>
#include <QSet>

#include <functional>
#include <optional>

namespace stackscope::storage { class Database; }

namespace stackscope::notify {

// One row of the outbox.
struct OutboxItem
{
    enum class State { Pending = 0, Sent = 1, Failed = 2 };

    qint64 id = 0;
    qint64 channelId = 0;
    QString channelName;
    QString channelUuid;
    QString channelType;
    bool channelUsable = true;      // false once the channel is removed or turned off
    QString dedupKey;
    Notification notification;
    QString payloadError;           // non-empty when the stored payload could not be read
    State state = State::Pending;
    int attempts = 0;
    qint64 createdMs = 0;
    qint64 nextAttemptMs = 0;
    qint64 sentMs = 0;
    QString lastError;
};

// What markFailed decided.
struct FailureOutcome
{
    bool gaveUp = false;            // status is now Failed for good
    int attempts = 0;
    qint64 nextAttemptMs = 0;       // when pending: the next try
};

// The persistent outbox (A6), over the `outbox` table. The alert engine enqueues inside the transaction that
// records the alert change, so a notification exists exactly when its cause does; the dispatcher delivers
// at least once. Nothing marks an item "in flight" in the table: an item being sent when the process dies is
// still pending and due, and is sent again after a restart (receivers dedupe by webhook-id / Message-ID).
// Use on the store's thread.
class OutboxRepository
{
public:
    explicit OutboxRepository(storage::Database &db);

    // Joins the caller's open transaction, if any. A (channel, dedupKey) already queued is left as it is.
    Status enqueue(qint64 channelId, const Notification &notification, qint64 nowMs);

    // Tests pin the jitter (0..1); by default it is random.
    void setJitterSource(std::function<double()> jitter);
    void setRetryPolicy(const RetryPolicy &policy) { m_policy = policy; }
    const RetryPolicy &retryPolicy() const { return m_policy; }

    // Pending items due at `nowMs`, oldest first, at most `limit`, leaving out `inFlight` (being sent now).
    Result<QList<OutboxItem>> claimDue(qint64 nowMs, int limit, const QSet<qint64> &inFlight = {});
    Status markSent(qint64 id, qint64 nowMs);
    // Counts the attempt; schedules the next one (never sooner than `retryAfterMs` from now, when given) or, for
    // an error that is not worth retrying or past the policy's limits, fails the item for good.
    Result<FailureOutcome> markFailed(qint64 id, const QString &error, bool retryable, qint64 nowMs,
                                      std::optional<qint64> retryAfterMs = std::nullopt);
    // Moves a pending item's next attempt without counting one (its channel just failed on another item).
    Status postpone(qint64 id, qint64 untilMs);
    // A failed item becomes pending and due now (UI "Retry", `stackscoped channels outbox --retry`).
    Status retry(qint64 id, qint64 nowMs);

    enum class Filter { Pending, Failed, Sent, All };
    // Newest first.
    Result<QList<OutboxItem>> list(Filter filter, int limit = 200);
    Result<OutboxItem> get(qint64 id);
    // The earliest next attempt among pending items; nullopt when nothing is pending.
    Result<std::optional<qint64>> nextDueMs();
    struct Counts
    {
        qint64 pending = 0;
        qint64 failed = 0;
    };
    Result<Counts> counts();

private:
    storage::Database &m_db;
    RetryPolicy m_policy;
    std::function<double()> m_jitter;
};

} // namespace stackscope::notify
