#include "alerts/evalstaterepository.h"

#include "storage/database.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace stackscope::alerts {

namespace {

// The state column is JSON so the engine can remember more later without a schema step.
QString stateJson(const EvalState &state)
{
    QJsonObject object;
    if (state.fired)
        object.insert(QStringLiteral("fired"), true);
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

} // namespace

EvalStateRepository::EvalStateRepository(storage::Database &db) : m_db(db) {}

Result<QHash<InstanceKey, EvalState>> EvalStateRepository::all()
{
    storage::Statement &query = m_db.prepare("SELECT rule_key, instance, pending_since_ms, state FROM alert_eval_state;");
    QHash<InstanceKey, EvalState> states;
    while (query.step()) {
        EvalState state;
        if (!query.isNull(2))
            state.pendingSinceMs = query.int64(2);
        state.fired = QJsonDocument::fromJson(query.text(3).toUtf8()).object().value(QStringLiteral("fired")).toBool();
        states.insert({query.text(0), query.text(1)}, state);
    }
    if (!query.ok())
        return query.error(QStringLiteral("reading alert evaluation state"));
    return states;
}

Status EvalStateRepository::save(const InstanceKey &key, const EvalState &state)
{
    if (state.isEmpty()) {
        storage::Statement &remove = m_db.prepare("DELETE FROM alert_eval_state WHERE rule_key = ?1 AND instance = ?2;");
        return remove.bind(1, key.ruleKey).bind(2, key.instance).run();
    }
    // No UPSERT in SQLite 3.15: update, and insert when there was nothing to update.
    storage::Statement &update = m_db.prepare(
        "UPDATE alert_eval_state SET pending_since_ms = ?3, state = ?4 WHERE rule_key = ?1 AND instance = ?2;");
    update.bind(1, key.ruleKey).bind(2, key.instance);
    if (state.pendingSinceMs)
        update.bind(3, *state.pendingSinceMs);
    else
        update.bindNull(3);
    update.bind(4, stateJson(state));
    if (Status st = update.run(); !st)
        return st;
    if (m_db.changes() > 0)
        return {};
    storage::Statement &insert = m_db.prepare(
        "INSERT INTO alert_eval_state(rule_key, instance, pending_since_ms, state) VALUES (?1, ?2, ?3, ?4);");
    insert.bind(1, key.ruleKey).bind(2, key.instance);
    if (state.pendingSinceMs)
        insert.bind(3, *state.pendingSinceMs);
    else
        insert.bindNull(3);
    insert.bind(4, stateJson(state));
    return insert.run();
}

Status EvalStateRepository::forgetRule(const QString &ruleKey)
{
    storage::Statement &remove = m_db.prepare("DELETE FROM alert_eval_state WHERE rule_key = ?1;");
    return remove.bind(1, ruleKey).run();
}

} // namespace stackscope::alerts
