#pragma once

#include "notify/notification.h"
#include "util/result.h"

namespace stackscope::storage { class Database; }

namespace stackscope::notify {

// The persistent outbox (A6), over the `outbox` table. The alert engine enqueues inside the transaction that
// records the alert change, so a notification exists exactly when its cause does; the dispatcher delivers
// at least once. (The notify helper extends this class; enqueue's contract is fixed.)
class OutboxRepository
{
public:
    explicit OutboxRepository(storage::Database &db);

    // Joins the caller's open transaction, if any. A (channel, dedupKey) already queued is left as it is.
    Status enqueue(qint64 channelId, const Notification &notification, qint64 nowMs);

private:
    storage::Database &m_db;
};

} // namespace stackscope::notify
