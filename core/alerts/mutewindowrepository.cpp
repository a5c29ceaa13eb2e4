#include "alerts/mutewindowrepository.h"

#include "storage/database.h"

namespace stackscope::alerts {

namespace {

MuteWindow::Recurrence recurrenceFromText(const QString &text)
{
    if (text == QLatin1String("daily"))
        return MuteWindow::Recurrence::Daily;
    if (text == QLatin1String("weekly"))
        return MuteWindow::Recurrence::Weekly;
    return MuteWindow::Recurrence::Once;
}

} // namespace

MuteWindowRepository::MuteWindowRepository(storage::Database &db) : m_db(db) {}

Result<MuteWindow> MuteWindowRepository::add(MuteWindow window, qint64 nowMs)
{
    if (window.endsMs <= window.startsMs)
        return Error::make(Error::Code::Config, QStringLiteral("A mute window must end after it starts."));
    storage::Statement &insert = m_db.prepare("INSERT INTO mute_windows(project, service, rule_key, starts_ms, ends_ms, "
                                              "recurrence, reason, created_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8);");
    insert.bind(1, window.project)
        .bind(2, window.service)
        .bind(3, window.ruleKey)
        .bind(4, window.startsMs)
        .bind(5, window.endsMs)
        .bind(6, recurrenceName(window.recurrence))
        .bind(7, window.reason)
        .bind(8, nowMs);
    if (Status st = insert.run(); !st)
        return st.error();
    auto id = m_db.queryInt("SELECT last_insert_rowid();");
    if (!id)
        return id.error();
    window.id = id.value();
    window.createdMs = nowMs;
    return window;
}

Status MuteWindowRepository::remove(qint64 id, qint64 nowMs)
{
    storage::Statement &update = m_db.prepare("UPDATE mute_windows SET deleted_ms = ?2 WHERE id = ?1 AND deleted_ms IS NULL;");
    if (Status st = update.bind(1, id).bind(2, nowMs).run(); !st)
        return st;
    if (m_db.changes() == 0)
        return Error::make(Error::Code::NotFound, QStringLiteral("There is no mute window %1.").arg(id));
    return {};
}

Result<QList<MuteWindow>> MuteWindowRepository::list(qint64 fromMs)
{
    storage::Statement &query =
        m_db.prepare("SELECT id, project, service, rule_key, starts_ms, ends_ms, recurrence, reason, created_ms "
                     "FROM mute_windows WHERE deleted_ms IS NULL AND (recurrence != '' OR ends_ms > ?1) ORDER BY id;");
    query.bind(1, fromMs);
    QList<MuteWindow> windows;
    while (query.step()) {
        MuteWindow window;
        window.id = query.int64(0);
        window.project = query.text(1);
        window.service = query.text(2);
        window.ruleKey = query.text(3);
        window.startsMs = query.int64(4);
        window.endsMs = query.int64(5);
        window.recurrence = recurrenceFromText(query.text(6));
        window.reason = query.text(7);
        window.createdMs = query.int64(8);
        windows.append(std::move(window));
    }
    if (!query.ok())
        return query.error(QStringLiteral("reading mute windows"));
    return windows;
}

} // namespace stackscope::alerts
