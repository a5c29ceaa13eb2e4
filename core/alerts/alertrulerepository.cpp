#include "alerts/alertrulerepository.h"

#include "storage/database.h"

#include <QJsonDocument>
#include <QUuid>

namespace stackscope::alerts {

namespace {

constexpr char kSelect[] = "SELECT id, uuid, name, spec, enabled, created_ms, updated_ms FROM alert_rules ";

QString specText(const rules::AlertRule &rule)
{
    return QString::fromUtf8(QJsonDocument(rules::toJson(rule)).toJson(QJsonDocument::Indented));
}

StoredRule readRule(const storage::Statement &st)
{
    StoredRule stored;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(st.text(3).toUtf8(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        stored.problem = Error::make(Error::Code::Parse, QStringLiteral("The stored rule is not valid JSON."),
                                     parseError.errorString());
    } else if (auto rule = rules::ruleFromJson(doc.object()); rule) {
        stored.rule = std::move(rule).value();
    } else {
        stored.problem = rule.error();
    }
    // The columns are the truth for identity and switches; the spec may predate a rename.
    stored.rule.id = st.int64(0);
    stored.rule.uuid = st.text(1);
    stored.rule.name = st.text(2);
    stored.rule.enabled = st.int64(4) != 0;
    stored.createdMs = st.int64(5);
    stored.updatedMs = st.int64(6);
    return stored;
}

Error notFound(const QString &what)
{
    return Error::make(Error::Code::NotFound, QStringLiteral("There is no alert rule %1.").arg(what));
}

} // namespace

AlertRuleRepository::AlertRuleRepository(storage::Database &db) : m_db(db) {}

Status AlertRuleRepository::checkNameFree(const QString &name, qint64 exceptId)
{
    storage::Statement &query =
        m_db.prepare("SELECT count(*) FROM alert_rules WHERE name = ?1 AND id != ?2 AND deleted_ms IS NULL;");
    query.bind(1, name).bind(2, exceptId);
    const bool stepped = query.step();
    if (!stepped && !query.ok())
        return query.error(QStringLiteral("checking a rule name"));
    const qint64 count = stepped ? query.int64(0) : 0;
    query.reset();
    if (count > 0)
        return Error::make(Error::Code::Config, QStringLiteral("There is already an alert rule named \"%1\".").arg(name));
    return {};
}

Result<rules::AlertRule> AlertRuleRepository::add(rules::AlertRule rule, qint64 nowMs)
{
    rule.name = rule.name.trimmed();
    if (rule.name.isEmpty())
        return Error::make(Error::Code::Config, QStringLiteral("An alert rule needs a name."));
    if (Status free = checkNameFree(rule.name, 0); !free)
        return free.error();
    if (rule.uuid.isEmpty())
        rule.uuid = QUuid::createUuid().toString(QUuid::WithoutBraces);
    rule.id = 0;
    // A rule file exported before its rule was deleted brings the rule back under its old identity, so its
    // alerts' history stays attached to it.
    storage::Statement &existing = m_db.prepare("SELECT id, deleted_ms IS NOT NULL, name FROM alert_rules WHERE uuid = ?1;");
    existing.bind(1, rule.uuid);
    if (existing.step()) {
        const qint64 id = existing.int64(0);
        const bool deleted = existing.int64(1) != 0;
        const QString name = existing.text(2);
        existing.reset();
        if (!deleted)
            return Error::make(Error::Code::Config,
                               QStringLiteral("The rule \"%1\" already has this uuid (%2); remove the uuid to add a copy.")
                                   .arg(name, rule.uuid));
        storage::Statement &revive = m_db.prepare("UPDATE alert_rules SET name = ?2, spec = ?3, enabled = ?4, updated_ms = ?5, "
                                                  "deleted_ms = NULL WHERE id = ?1;");
        rule.id = id;
        if (Status revived = revive.bind(1, id).bind(2, rule.name).bind(3, specText(rule)).bind(4, rule.enabled ? 1 : 0)
                                 .bind(5, nowMs).run();
            !revived)
            return revived.error();
        return rule;
    }
    if (!existing.ok())
        return existing.error(QStringLiteral("looking up an alert rule"));
    existing.reset();
    storage::Statement &insert = m_db.prepare("INSERT INTO alert_rules(uuid, name, spec, enabled, created_ms, updated_ms) "
                                              "VALUES (?1, ?2, ?3, ?4, ?5, ?5);");
    Status inserted =
        insert.bind(1, rule.uuid).bind(2, rule.name).bind(3, specText(rule)).bind(4, rule.enabled ? 1 : 0).bind(5, nowMs).run();
    if (!inserted) {
        if (inserted.error().detail.contains(QStringLiteral("UNIQUE")))
            return Error::make(Error::Code::Config, QStringLiteral("There is already an alert rule with id %1.").arg(rule.uuid));
        return inserted.error();
    }
    auto id = m_db.queryInt("SELECT last_insert_rowid();");
    if (!id)
        return id.error();
    rule.id = id.value();
    return rule;
}

Status AlertRuleRepository::update(const rules::AlertRule &rule, qint64 nowMs)
{
    const QString name = rule.name.trimmed();
    if (name.isEmpty())
        return Error::make(Error::Code::Config, QStringLiteral("An alert rule needs a name."));
    if (Status free = checkNameFree(name, rule.id); !free)
        return free;
    auto current = get(rule.id);
    if (!current)
        return current.error();
    rules::AlertRule stored = rule;
    stored.uuid = current->rule.uuid;   // identity never changes: alerts refer to it
    stored.name = name;
    storage::Statement &update = m_db.prepare("UPDATE alert_rules SET name = ?2, spec = ?3, enabled = ?4, updated_ms = ?5 "
                                              "WHERE id = ?1 AND deleted_ms IS NULL;");
    return update.bind(1, rule.id).bind(2, name).bind(3, specText(stored)).bind(4, rule.enabled ? 1 : 0).bind(5, nowMs).run();
}

Status AlertRuleRepository::setEnabled(qint64 id, bool enabled, qint64 nowMs)
{
    storage::Statement &update =
        m_db.prepare("UPDATE alert_rules SET enabled = ?2, updated_ms = ?3 WHERE id = ?1 AND deleted_ms IS NULL;");
    if (Status st = update.bind(1, id).bind(2, enabled ? 1 : 0).bind(3, nowMs).run(); !st)
        return st;
    if (m_db.changes() == 0)
        return notFound(QString::number(id));
    return {};
}

Status AlertRuleRepository::remove(qint64 id, qint64 nowMs)
{
    storage::Statement &update = m_db.prepare(
        "UPDATE alert_rules SET deleted_ms = ?2, enabled = 0, updated_ms = ?2 WHERE id = ?1 AND deleted_ms IS NULL;");
    if (Status st = update.bind(1, id).bind(2, nowMs).run(); !st)
        return st;
    if (m_db.changes() == 0)
        return notFound(QString::number(id));
    return {};
}

Result<StoredRule> AlertRuleRepository::get(qint64 id)
{
    static const QByteArray sql = QByteArray(kSelect) + "WHERE id = ?1 AND deleted_ms IS NULL;";
    storage::Statement &query = m_db.prepare(sql.constData());
    query.bind(1, id);
    if (!query.step()) {
        if (!query.ok())
            return query.error(QStringLiteral("reading an alert rule"));
        return notFound(QString::number(id));
    }
    StoredRule stored = readRule(query);
    query.reset();
    return stored;
}

Result<StoredRule> AlertRuleRepository::find(const QString &idUuidOrName)
{
    bool isNumber = false;
    const qint64 id = idUuidOrName.toLongLong(&isNumber);
    if (isNumber)
        return get(id);
    static const QByteArray sql = QByteArray(kSelect) + "WHERE (uuid = ?1 OR name = ?1) AND deleted_ms IS NULL;";
    storage::Statement &query = m_db.prepare(sql.constData());
    query.bind(1, idUuidOrName);
    if (!query.step()) {
        if (!query.ok())
            return query.error(QStringLiteral("reading an alert rule"));
        return notFound(QStringLiteral("\"%1\"").arg(idUuidOrName));
    }
    StoredRule stored = readRule(query);
    query.reset();
    return stored;
}

Result<QList<StoredRule>> AlertRuleRepository::list(bool enabledOnly)
{
    static const QByteArray all = QByteArray(kSelect) + "WHERE deleted_ms IS NULL ORDER BY id;";
    static const QByteArray enabled = QByteArray(kSelect) + "WHERE deleted_ms IS NULL AND enabled = 1 ORDER BY id;";
    storage::Statement &query = m_db.prepare(enabledOnly ? enabled.constData() : all.constData());
    QList<StoredRule> rules;
    while (query.step())
        rules.append(readRule(query));
    if (!query.ok())
        return query.error(QStringLiteral("listing alert rules"));
    return rules;
}

} // namespace stackscope::alerts
