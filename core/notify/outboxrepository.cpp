#include "notify/outboxrepository.h"

#include "notify/transaction.h"
#include "storage/database.h"

#include <QJsonDocument>
#include <QRandomGenerator>

namespace stackscope::notify {

namespace {

constexpr int kMaxErrorChars = 500;

constexpr char kSelect[] =
    "SELECT o.id, o.channel_id, c.name, c.uuid, c.type, (c.deleted_ms IS NULL AND c.enabled = 1), o.dedup_key, "
    "o.payload, o.status, o.attempts, o.created_ms, o.next_attempt_ms, o.sent_ms, o.last_error "
    "FROM outbox o LEFT JOIN channels c ON c.id = o.channel_id ";

OutboxItem readItem(const storage::Statement &st)
{
    OutboxItem item;
    item.id = st.int64(0);
    item.channelId = st.int64(1);
    item.channelName = st.text(2);
    item.channelUuid = st.text(3);
    item.channelType = st.text(4);
    item.channelUsable = !st.isNull(5) && st.int64(5) != 0;
    item.dedupKey = st.text(6);
    QJsonParseError parseError;
    const QJsonDocument payload = QJsonDocument::fromJson(st.text(7).toUtf8(), &parseError);
    if (!payload.isObject()) {
        item.payloadError = QStringLiteral("The stored notification is not readable JSON.");
    } else if (auto notification = notificationFromJson(payload.object()); notification) {
        item.notification = std::move(notification).value();
    } else {
        item.payloadError = notification.error().userMessage;
    }
    item.state = OutboxItem::State(st.int64(8));
    item.attempts = int(st.int64(9));
    item.createdMs = st.int64(10);
    item.nextAttemptMs = st.int64(11);
    item.sentMs = st.isNull(12) ? 0 : st.int64(12);
    item.lastError = st.text(13);
    return item;
}

Result<QList<OutboxItem>> readAll(storage::Statement &query, const QString &what)
{
    QList<OutboxItem> items;
    while (query.step())
        items.append(readItem(query));
    if (!query.ok())
        return query.error(what);
    return items;
}

Error noSuchItem(qint64 id)
{
    return Error::make(Error::Code::NotFound, QStringLiteral("There is no outbox item %1.").arg(id));
}

} // namespace

OutboxRepository::OutboxRepository(storage::Database &db)
    : m_db(db), m_jitter([] { return QRandomGenerator::global()->generateDouble(); })
{
}

void OutboxRepository::setJitterSource(std::function<double()> jitter)
{
    m_jitter = std::move(jitter);
}

Status OutboxRepository::enqueue(qint64 channelId, const Notification &notification, qint64 nowMs)
{
    if (notification.dedupKey.isEmpty())
        return Error::make(Error::Code::Config, QStringLiteral("A notification needs a deduplication key."));
    // One statement, so it is atomic on its own and simply part of the caller's transaction when there is one.
    storage::Statement &insert = m_db.prepare(
        "INSERT OR IGNORE INTO outbox(channel_id, dedup_key, payload, status, attempts, created_ms, next_attempt_ms) "
        "VALUES (?1, ?2, ?3, 0, 0, ?4, ?4);");
    return insert.bind(1, channelId)
        .bind(2, notification.dedupKey)
        .bind(3, QString::fromUtf8(QJsonDocument(toJson(notification)).toJson(QJsonDocument::Compact)))
        .bind(4, nowMs)
        .run();
}

Result<QList<OutboxItem>> OutboxRepository::claimDue(qint64 nowMs, int limit, const QSet<qint64> &inFlight)
{
    static const QByteArray sql =
        QByteArray(kSelect) + "WHERE o.status = 0 AND o.next_attempt_ms <= ?1 ORDER BY o.created_ms, o.id LIMIT ?2;";
    storage::Statement &query = m_db.prepare(sql.constData());
    query.bind(1, nowMs).bind(2, qint64(limit) + inFlight.size());
    auto items = readAll(query, QStringLiteral("reading the outbox"));
    if (!items)
        return items;
    QList<OutboxItem> due;
    for (OutboxItem &item : items.value()) {
        if (!inFlight.contains(item.id) && due.size() < limit)
            due.append(std::move(item));
    }
    return due;
}

Status OutboxRepository::markSent(qint64 id, qint64 nowMs)
{
    storage::Statement &update = m_db.prepare(
        "UPDATE outbox SET status = 1, sent_ms = ?2, attempts = attempts + 1, last_error = '' WHERE id = ?1;");
    if (Status st = update.bind(1, id).bind(2, nowMs).run(); !st)
        return st;
    if (m_db.changes() == 0)
        return noSuchItem(id);
    return {};
}

Result<FailureOutcome> OutboxRepository::markFailed(qint64 id, const QString &error, bool retryable, qint64 nowMs,
                                                    std::optional<qint64> retryAfterMs)
{
    FailureOutcome outcome;
    Status done = runInTransaction(m_db, [&]() -> Status {
        storage::Statement &read = m_db.prepare("SELECT attempts, created_ms FROM outbox WHERE id = ?1 AND status = 0;");
        read.bind(1, id);
        if (!read.step())
            return read.ok() ? Status(noSuchItem(id)) : Status(read.error(QStringLiteral("reading an outbox item")));
        outcome.attempts = int(read.int64(0)) + 1;
        const qint64 createdMs = read.int64(1);
        read.reset();

        outcome.gaveUp = !retryable || m_policy.givesUp(outcome.attempts, nowMs - createdMs);
        qint64 delay = m_policy.delayMs(outcome.attempts, m_jitter ? m_jitter() : 1.0);
        if (retryAfterMs)
            delay = std::max(delay, std::min(*retryAfterMs, m_policy.maxDelayMs));
        outcome.nextAttemptMs = outcome.gaveUp ? nowMs : nowMs + delay;
        storage::Statement &update = m_db.prepare(
            "UPDATE outbox SET status = ?2, attempts = ?3, next_attempt_ms = ?4, last_error = ?5 WHERE id = ?1;");
        return update.bind(1, id)
            .bind(2, outcome.gaveUp ? 2 : 0)
            .bind(3, outcome.attempts)
            .bind(4, outcome.nextAttemptMs)
            .bind(5, error.left(kMaxErrorChars))
            .run();
    });
    if (!done)
        return done.error();
    return outcome;
}

Status OutboxRepository::postpone(qint64 id, qint64 untilMs)
{
    storage::Statement &update = m_db.prepare(
        "UPDATE outbox SET next_attempt_ms = max(next_attempt_ms, ?2) WHERE id = ?1 AND status = 0;");
    return update.bind(1, id).bind(2, untilMs).run();
}

Status OutboxRepository::retry(qint64 id, qint64 nowMs)
{
    storage::Statement &update = m_db.prepare(
        "UPDATE outbox SET status = 0, next_attempt_ms = ?2 WHERE id = ?1 AND status = 2 "
        "AND channel_id IN (SELECT id FROM channels WHERE deleted_ms IS NULL);");
    if (Status st = update.bind(1, id).bind(2, nowMs).run(); !st)
        return st;
    if (m_db.changes() == 0)
        return Error::make(Error::Code::NotFound,
                           QStringLiteral("Outbox item %1 has not failed, or its channel was removed.").arg(id));
    return {};
}

Result<QList<OutboxItem>> OutboxRepository::list(Filter filter, int limit)
{
    static const QByteArray pending = QByteArray(kSelect) + "WHERE o.status = 0 ORDER BY o.id DESC LIMIT ?1;";
    static const QByteArray failed = QByteArray(kSelect) + "WHERE o.status = 2 ORDER BY o.id DESC LIMIT ?1;";
    static const QByteArray sent = QByteArray(kSelect) + "WHERE o.status = 1 ORDER BY o.id DESC LIMIT ?1;";
    static const QByteArray all = QByteArray(kSelect) + "ORDER BY o.id DESC LIMIT ?1;";
    const QByteArray &sql = filter == Filter::Pending ? pending
                          : filter == Filter::Failed  ? failed
                          : filter == Filter::Sent    ? sent
                                                      : all;
    storage::Statement &query = m_db.prepare(sql.constData());
    query.bind(1, qint64(limit));
    return readAll(query, QStringLiteral("listing the outbox"));
}

Result<OutboxItem> OutboxRepository::get(qint64 id)
{
    static const QByteArray sql = QByteArray(kSelect) + "WHERE o.id = ?1;";
    storage::Statement &query = m_db.prepare(sql.constData());
    query.bind(1, id);
    auto items = readAll(query, QStringLiteral("reading an outbox item"));
    if (!items)
        return items.error();
    if (items->isEmpty())
        return noSuchItem(id);
    return items->first();
}

Result<std::optional<qint64>> OutboxRepository::nextDueMs()
{
    storage::Statement &query = m_db.prepare("SELECT min(next_attempt_ms) FROM outbox WHERE status = 0;");
    if (!query.step())
        return query.error(QStringLiteral("reading the outbox"));
    std::optional<qint64> due;
    if (!query.isNull(0))
        due = query.int64(0);
    query.reset();
    return due;
}

Result<OutboxRepository::Counts> OutboxRepository::counts()
{
    storage::Statement &query = m_db.prepare(
        "SELECT (SELECT count(*) FROM outbox WHERE status = 0), (SELECT count(*) FROM outbox WHERE status = 2);");
    if (!query.step())
        return query.error(QStringLiteral("counting the outbox"));
    Counts counts{query.int64(0), query.int64(1)};
    query.reset();
    return counts;
}

} // namespace stackscope::notify
