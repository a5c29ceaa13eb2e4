#include "notify/channelrepository.h"

#include "notify/channeltypes.h"
#include "notify/transaction.h"
#include "storage/database.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QUuid>

namespace stackscope::notify {

namespace {

constexpr char kSelect[] = "SELECT id, uuid, name, type, settings, enabled, created_ms FROM channels ";

ChannelConfig readChannel(const storage::Statement &st)
{
    ChannelConfig config;
    config.id = st.int64(0);
    config.uuid = st.text(1);
    config.name = st.text(2);
    config.type = st.text(3);
    config.settings = QJsonDocument::fromJson(st.text(4).toUtf8()).object();
    config.enabled = st.int64(5) != 0;
    config.createdMs = st.int64(6);
    return config;
}

QString settingsJson(const QJsonObject &settings)
{
    return QString::fromUtf8(QJsonDocument(settings).toJson(QJsonDocument::Compact));
}

Error notFound(const QString &what)
{
    return Error::make(Error::Code::NotFound, QStringLiteral("There is no channel %1.").arg(what));
}

Result<ChannelConfig> readOne(storage::Statement &query, const QString &what)
{
    if (!query.step()) {
        if (!query.ok())
            return query.error(QStringLiteral("reading a channel"));
        return notFound(what);
    }
    ChannelConfig config = readChannel(query);
    query.reset();
    return config;
}

} // namespace

ChannelRepository::ChannelRepository(storage::Database &db) : m_db(db) {}

Result<QList<ChannelConfig>> ChannelRepository::list(bool includeRemoved)
{
    static const QByteArray active = QByteArray(kSelect) + "WHERE deleted_ms IS NULL ORDER BY id;";
    static const QByteArray all = QByteArray(kSelect) + "ORDER BY id;";
    storage::Statement &query = m_db.prepare(includeRemoved ? all.constData() : active.constData());
    QList<ChannelConfig> channels;
    while (query.step())
        channels.append(readChannel(query));
    if (!query.ok())
        return query.error(QStringLiteral("listing channels"));
    return channels;
}

Status ChannelRepository::checkNameFree(const QString &name, qint64 exceptId)
{
    storage::Statement &query = m_db.prepare(
        "SELECT count(*) FROM channels WHERE lower(name) = lower(?1) AND id != ?2 AND deleted_ms IS NULL;");
    query.bind(1, name.trimmed()).bind(2, exceptId);
    if (!query.step())
        return query.error(QStringLiteral("checking a channel name"));
    const bool taken = query.int64(0) > 0;
    query.reset();
    if (taken)
        return Error::make(Error::Code::Config, QStringLiteral("There is already a channel named \"%1\".").arg(name.trimmed()));
    return {};
}

Result<ChannelConfig> ChannelRepository::add(ChannelConfig config)
{
    config.name = config.name.trimmed();
    if (Status st = validateChannel(config); !st)
        return st.error();
    config.uuid = QUuid::createUuid().toString(QUuid::WithoutBraces);
    if (config.createdMs == 0)
        config.createdMs = QDateTime::currentMSecsSinceEpoch();
    Status done = runInTransaction(m_db, [&]() -> Status {
        if (Status st = checkNameFree(config.name, 0); !st)
            return st;
        storage::Statement &insert = m_db.prepare(
            "INSERT INTO channels(uuid, name, type, settings, enabled, created_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6);");
        if (Status st = insert.bind(1, config.uuid)
                            .bind(2, config.name)
                            .bind(3, config.type)
                            .bind(4, settingsJson(config.settings))
                            .bind(5, config.enabled ? 1 : 0)
                            .bind(6, config.createdMs)
                            .run();
            !st)
            return st;
        auto id = m_db.queryInt("SELECT last_insert_rowid();");
        if (!id)
            return id.error();
        config.id = id.value();
        return {};
    });
    if (!done)
        return done.error();
    return config;
}

Status ChannelRepository::update(const ChannelConfig &config)
{
    ChannelConfig checked = config;
    checked.name = config.name.trimmed();
    auto existing = get(config.id);
    if (!existing)
        return existing.error();
    checked.type = existing->type;
    if (Status st = validateChannel(checked); !st)
        return st;
    return runInTransaction(m_db, [&]() -> Status {
        if (Status st = checkNameFree(checked.name, checked.id); !st)
            return st;
        storage::Statement &update = m_db.prepare(
            "UPDATE channels SET name = ?2, settings = ?3, enabled = ?4 WHERE id = ?1 AND deleted_ms IS NULL;");
        if (Status st = update.bind(1, checked.id)
                            .bind(2, checked.name)
                            .bind(3, settingsJson(checked.settings))
                            .bind(4, checked.enabled ? 1 : 0)
                            .run();
            !st)
            return st;
        if (m_db.changes() == 0)
            return notFound(QString::number(checked.id));
        return {};
    });
}

Result<ChannelConfig> ChannelRepository::get(qint64 id)
{
    static const QByteArray sql = QByteArray(kSelect) + "WHERE id = ?1 AND deleted_ms IS NULL;";
    storage::Statement &query = m_db.prepare(sql.constData());
    query.bind(1, id);
    return readOne(query, QString::number(id));
}

Result<ChannelConfig> ChannelRepository::byName(const QString &name)
{
    static const QByteArray sql = QByteArray(kSelect) + "WHERE lower(name) = lower(?1) AND deleted_ms IS NULL;";
    storage::Statement &query = m_db.prepare(sql.constData());
    query.bind(1, name.trimmed());
    return readOne(query, QStringLiteral("named \"%1\"").arg(name.trimmed()));
}

Status ChannelRepository::remove(qint64 id, qint64 nowMs)
{
    return runInTransaction(m_db, [&]() -> Status {
        storage::Statement &update = m_db.prepare(
            "UPDATE channels SET deleted_ms = ?2, enabled = 0 WHERE id = ?1 AND deleted_ms IS NULL;");
        if (Status st = update.bind(1, id).bind(2, nowMs).run(); !st)
            return st;
        if (m_db.changes() == 0)
            return notFound(QString::number(id));
        storage::Statement &abandon = m_db.prepare(
            "UPDATE outbox SET status = 2, last_error = 'The channel was removed.' WHERE channel_id = ?1 AND status = 0;");
        return abandon.bind(1, id).run();
    });
}

} // namespace stackscope::notify
