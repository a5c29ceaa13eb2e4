#include "alerts/alertrepository.h"

#include "storage/database.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace stackscope::alerts {

namespace {

#define ALERT_COLUMNS                                                                                                  \
    "id, rule_key, instance, rule_name, severity, status, project, service, metric, labels, summary, value, "          \
    "threshold, opened_ms, updated_ms, resolved_ms, last_fired_ms, last_notified_ms, notified_status "

// One filter for the page and its count; fixed SQL text (statements are cached per text), the unused parts
// switched off by their parameters: ?1 severity bit mask, ?2 status bit mask, ?3 project, ?4 service,
// ?5 from, ?6 to, ?7 lower-case text, ?8 rule key.
#define ALERT_FILTER                                                                                                   \
    "WHERE ((?1 >> severity) & 1) = 1 AND ((?2 >> status) & 1) = 1 AND (?3 = '' OR project = ?3) "                    \
    "AND (?4 = '' OR service = ?4) AND opened_ms < ?6 AND (resolved_ms IS NULL OR resolved_ms >= ?5) "                 \
    "AND (?7 = '' OR instr(lower(rule_name || ' ' || summary || ' ' || metric || ' ' || labels || ' ' || project "     \
    "|| ' ' || service), ?7) > 0) AND (?8 = '' OR rule_key = ?8) "

QString labelsJson(const Labels &labels)
{
    QJsonObject object;
    for (auto it = labels.cbegin(); it != labels.cend(); ++it)
        object.insert(it.key(), it.value());
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

Labels labelsFromJson(const QString &json)
{
    Labels labels;
    const QJsonObject object = QJsonDocument::fromJson(json.toUtf8()).object();
    for (auto it = object.constBegin(); it != object.constEnd(); ++it)
        labels.insert(it.key(), it.value().toString());
    return labels;
}

std::optional<double> optionalReal(const storage::Statement &st, int column)
{
    return st.isNull(column) ? std::nullopt : std::optional<double>(st.real(column));
}

std::optional<qint64> optionalInt(const storage::Statement &st, int column)
{
    return st.isNull(column) ? std::nullopt : std::optional<qint64>(st.int64(column));
}

storage::Statement &bindOptional(storage::Statement &st, int index, std::optional<double> value)
{
    return value ? st.bind(index, *value) : st.bindNull(index);
}

storage::Statement &bindOptional(storage::Statement &st, int index, std::optional<qint64> value)
{
    return value ? st.bind(index, *value) : st.bindNull(index);
}

Alert readAlert(const storage::Statement &st)
{
    Alert alert;
    alert.id = st.int64(0);
    alert.ruleKey = st.text(1);
    alert.instance = st.text(2);
    alert.ruleName = st.text(3);
    alert.severity = rules::Severity(std::clamp<qint64>(st.int64(4), 0, 2));
    alert.status = AlertStatus(std::clamp<qint64>(st.int64(5), 0, 3));
    alert.project = st.text(6);
    alert.service = st.text(7);
    alert.metric = st.text(8);
    alert.labels = labelsFromJson(st.text(9));
    alert.summary = st.text(10);
    alert.value = optionalReal(st, 11);
    alert.threshold = optionalReal(st, 12);
    alert.openedMs = st.int64(13);
    alert.updatedMs = st.int64(14);
    alert.resolvedMs = optionalInt(st, 15);
    alert.lastFiredMs = st.int64(16);
    alert.lastNotifiedMs = optionalInt(st, 17);
    if (!st.isNull(18))
        alert.notifiedStatus = AlertStatus(std::clamp<qint64>(st.int64(18), 0, 3));
    return alert;
}

// Binds ?2.. with the alert's mutable columns, in the order of the INSERT and UPDATE statements below.
void bindColumns(storage::Statement &st, const Alert &alert)
{
    st.bind(2, alert.ruleKey)
        .bind(3, alert.instance)
        .bind(4, alert.ruleName)
        .bind(5, int(alert.severity))
        .bind(6, int(alert.status))
        .bind(7, alert.project)
        .bind(8, alert.service)
        .bind(9, alert.metric)
        .bind(10, labelsJson(alert.labels))
        .bind(11, alert.summary);
    bindOptional(st, 12, alert.value);
    bindOptional(st, 13, alert.threshold);
    st.bind(14, alert.openedMs).bind(15, alert.updatedMs);
    bindOptional(st, 16, alert.resolvedMs);
    st.bind(17, alert.lastFiredMs);
    bindOptional(st, 18, alert.lastNotifiedMs);
    if (alert.notifiedStatus)
        st.bind(19, int(*alert.notifiedStatus));
    else
        st.bindNull(19);
}

int severityMask(const QList<rules::Severity> &severities)
{
    if (severities.isEmpty())
        return 0b111;
    int mask = 0;
    for (rules::Severity severity : severities)
        mask |= 1 << int(severity);
    return mask;
}

int statusMask(const QList<AlertStatus> &statuses)
{
    if (statuses.isEmpty())
        return 0b1111;
    int mask = 0;
    for (AlertStatus status : statuses)
        mask |= 1 << int(status);
    return mask;
}

void bindFilter(storage::Statement &st, const AlertFilter &filter)
{
    st.bind(1, severityMask(filter.severities))
        .bind(2, statusMask(filter.statuses))
        .bind(3, filter.project)
        .bind(4, filter.service)
        .bind(5, filter.fromMs)
        .bind(6, filter.toMs)
        .bind(7, filter.text.trimmed().toLower())
        .bind(8, filter.ruleKey);
}

// Why a person's action is refused, in plain words; empty when it is allowed.
QString refusal(const Alert &alert, AlertStatus to)
{
    const QString now = statusName(alert.status);
    switch (to) {
    case AlertStatus::Acknowledged:
        if (alert.status == AlertStatus::Acknowledged)
            return QStringLiteral("Alert %1 is already acknowledged.").arg(alert.id);
        if (alert.status == AlertStatus::Resolved)
            return QStringLiteral("Alert %1 is resolved; reopen it first to acknowledge it.").arg(alert.id);
        return {};
    case AlertStatus::Resolved:
        if (alert.status == AlertStatus::Resolved)
            return QStringLiteral("Alert %1 is already resolved.").arg(alert.id);
        return {};
    case AlertStatus::Reopened:
        if (alert.status != AlertStatus::Resolved)
            return QStringLiteral("Alert %1 is %2, not resolved; only a resolved alert can be reopened.").arg(alert.id).arg(now);
        return {};
    case AlertStatus::Open:
        break;
    }
    return QStringLiteral("Alert %1 cannot be set to %2.").arg(alert.id).arg(statusName(to));
}

} // namespace

AlertRepository::AlertRepository(storage::Database &db) : m_db(db) {}

Result<Alert> AlertRepository::get(qint64 id)
{
    storage::Statement &query = m_db.prepare("SELECT " ALERT_COLUMNS "FROM alerts WHERE id = ?1;");
    query.bind(1, id);
    if (!query.step()) {
        if (!query.ok())
            return query.error(QStringLiteral("reading an alert"));
        return Error::make(Error::Code::NotFound, QStringLiteral("There is no alert %1.").arg(id));
    }
    Alert alert = readAlert(query);
    query.reset();
    return alert;
}

Result<AlertPage> AlertRepository::query(const AlertFilter &filter)
{
    AlertPage page;
    storage::Statement &count = m_db.prepare("SELECT count(*) FROM alerts " ALERT_FILTER ";");
    bindFilter(count, filter);
    if (count.step())
        page.total = count.int64(0);
    if (!count.ok())
        return count.error(QStringLiteral("counting alerts"));
    count.reset();

    storage::Statement &select = m_db.prepare("SELECT " ALERT_COLUMNS "FROM alerts " ALERT_FILTER
                                              "ORDER BY opened_ms DESC, id DESC LIMIT ?9 OFFSET ?10;");
    bindFilter(select, filter);
    select.bind(9, qint64(std::max(0, filter.limit))).bind(10, qint64(std::max(0, filter.offset)));
    while (select.step())
        page.alerts.append(readAlert(select));
    if (!select.ok())
        return select.error(QStringLiteral("listing alerts"));
    return page;
}

Result<QList<AlertEvent>> AlertRepository::history(qint64 alertId)
{
    storage::Statement &query = m_db.prepare("SELECT id, alert_id, at_ms, from_status, to_status, actor, comment, value "
                                             "FROM alert_events WHERE alert_id = ?1 ORDER BY at_ms, id;");
    query.bind(1, alertId);
    QList<AlertEvent> events;
    while (query.step()) {
        AlertEvent event;
        event.id = query.int64(0);
        event.alertId = query.int64(1);
        event.atMs = query.int64(2);
        if (!query.isNull(3))
            event.fromStatus = AlertStatus(std::clamp<qint64>(query.int64(3), 0, 3));
        event.toStatus = AlertStatus(std::clamp<qint64>(query.int64(4), 0, 3));
        event.actor = query.text(5);
        event.comment = query.text(6);
        event.value = optionalReal(query, 7);
        events.append(std::move(event));
    }
    if (!query.ok())
        return query.error(QStringLiteral("reading an alert's history"));
    return events;
}

Result<QList<Alert>> AlertRepository::current(qint64 resolvedSinceMs)
{
    storage::Statement &query = m_db.prepare("SELECT " ALERT_COLUMNS "FROM alerts WHERE status != 2 "
                                             "UNION ALL SELECT " ALERT_COLUMNS "FROM alerts WHERE status = 2 "
                                             "AND resolved_ms >= ?1 ORDER BY 1;");
    query.bind(1, resolvedSinceMs);
    QList<Alert> alerts;
    while (query.step())
        alerts.append(readAlert(query));
    if (!query.ok())
        return query.error(QStringLiteral("reading current alerts"));
    return alerts;
}

Result<QList<qint64>> AlertRepository::unhandledCounts()
{
    storage::Statement &query =
        m_db.prepare("SELECT severity, count(*) FROM alerts WHERE status IN (0, 3) GROUP BY severity;");
    QList<qint64> counts{0, 0, 0};
    while (query.step()) {
        const qint64 severity = query.int64(0);
        if (severity >= 0 && severity < 3)
            counts[severity] = query.int64(1);
    }
    if (!query.ok())
        return query.error(QStringLiteral("counting open alerts"));
    return counts;
}

Result<QHash<QString, QList<qint64>>> AlertRepository::unhandledCountsByProject()
{
    storage::Statement &query = m_db.prepare(
        "SELECT project, severity, count(*) FROM alerts WHERE status IN (0, 3) GROUP BY project, severity;");
    QHash<QString, QList<qint64>> counts;
    while (query.step()) {
        const qint64 severity = query.int64(1);
        if (severity < 0 || severity >= 3)
            continue;
        QList<qint64> &project = counts[query.text(0)];
        if (project.isEmpty())
            project = {0, 0, 0};
        project[severity] = query.int64(2);
    }
    if (!query.ok())
        return query.error(QStringLiteral("counting open alerts per project"));
    return counts;
}

Result<Alert> AlertRepository::acknowledge(qint64 id, const QString &actor, const QString &comment, qint64 nowMs)
{
    return act(id, AlertStatus::Acknowledged, actor, comment, nowMs);
}

Result<Alert> AlertRepository::resolve(qint64 id, const QString &actor, const QString &comment, qint64 nowMs)
{
    return act(id, AlertStatus::Resolved, actor, comment, nowMs);
}

Result<Alert> AlertRepository::reopen(qint64 id, const QString &actor, const QString &comment, qint64 nowMs)
{
    return act(id, AlertStatus::Reopened, actor, comment, nowMs);
}

Result<Alert> AlertRepository::act(qint64 id, AlertStatus to, const QString &actor, const QString &comment, qint64 nowMs)
{
    if (actor.trimmed().isEmpty())
        return Error::make(Error::Code::Config, QStringLiteral("Say who is acting on the alert."));
    const bool ownTransaction = !m_db.inTransaction();
    if (ownTransaction) {
        if (Status st = m_db.begin(); !st)
            return st.error();
    }
    auto fail = [&](Error error) -> Result<Alert> {
        if (ownTransaction)
            m_db.rollback();
        return error;
    };
    auto alert = get(id);
    if (!alert)
        return fail(alert.error());
    if (const QString why = refusal(alert.value(), to); !why.isEmpty())
        return fail(Error::make(Error::Code::Config, why));

    Alert changed = alert.value();
    changed.status = to;
    changed.updatedMs = nowMs;
    changed.resolvedMs = to == AlertStatus::Resolved ? std::optional<qint64>(nowMs) : std::nullopt;
    if (Status st = write(changed); !st)
        return fail(st.error());
    AlertEvent event{0, id, nowMs, alert->status, to, actor.trimmed(), comment.trimmed(), alert->value};
    if (auto added = addEvent(event); !added)
        return fail(added.error());
    if (ownTransaction) {
        if (Status st = m_db.commit(); !st)
            return fail(st.error());
    }
    return changed;
}

Result<qint64> AlertRepository::insert(const Alert &alert)
{
    storage::Statement &insert = m_db.prepare(
        "INSERT INTO alerts(rule_key, instance, rule_name, severity, status, project, service, metric, labels, summary, "
        "value, threshold, opened_ms, updated_ms, resolved_ms, last_fired_ms, last_notified_ms, notified_status) "
        "VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19);");
    bindColumns(insert, alert);
    if (Status st = insert.run(); !st)
        return st.error();
    return m_db.queryInt("SELECT last_insert_rowid();");
}

Status AlertRepository::write(const Alert &alert)
{
    storage::Statement &update = m_db.prepare(
        "UPDATE alerts SET rule_key = ?2, instance = ?3, rule_name = ?4, severity = ?5, status = ?6, project = ?7, "
        "service = ?8, metric = ?9, labels = ?10, summary = ?11, value = ?12, threshold = ?13, opened_ms = ?14, "
        "updated_ms = ?15, resolved_ms = ?16, last_fired_ms = ?17, last_notified_ms = ?18, notified_status = ?19 "
        "WHERE id = ?1;");
    update.bind(1, alert.id);
    bindColumns(update, alert);
    return update.run();
}

Result<bool> AlertRepository::updateIfUnchanged(const Alert &alert, const Alert &expected)
{
    storage::Statement &update = m_db.prepare(
        "UPDATE alerts SET rule_key = ?2, instance = ?3, rule_name = ?4, severity = ?5, status = ?6, project = ?7, "
        "service = ?8, metric = ?9, labels = ?10, summary = ?11, value = ?12, threshold = ?13, opened_ms = ?14, "
        "updated_ms = ?15, resolved_ms = ?16, last_fired_ms = ?17, last_notified_ms = ?18, notified_status = ?19 "
        "WHERE id = ?1 AND status = ?20 AND updated_ms = ?21;");
    update.bind(1, alert.id);
    bindColumns(update, alert);
    update.bind(20, int(expected.status)).bind(21, expected.updatedMs);
    if (Status st = update.run(); !st)
        return st.error();
    return m_db.changes() > 0;
}

Result<qint64> AlertRepository::addEvent(const AlertEvent &event)
{
    storage::Statement &insert = m_db.prepare("INSERT INTO alert_events(alert_id, at_ms, from_status, to_status, actor, "
                                              "comment, value) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7);");
    insert.bind(1, event.alertId).bind(2, event.atMs);
    if (event.fromStatus)
        insert.bind(3, int(*event.fromStatus));
    else
        insert.bindNull(3);
    insert.bind(4, int(event.toStatus)).bind(5, event.actor).bind(6, event.comment);
    bindOptional(insert, 7, event.value);
    if (Status st = insert.run(); !st)
        return st.error();
    return m_db.queryInt("SELECT last_insert_rowid();");
}

} // namespace stackscope::alerts
