#include "alertworld.h"

#include "alerts/alertcycle.h"
#include "alerts/alertrepository.h"
#include "alerts/alertrulerepository.h"
#include "storage/database.h"
#include "storage/metricstore.h"

#include <QJsonDocument>
#include <QUuid>

namespace stackscope::test {

AlertWorld::AlertWorld()
{
    m_store = m_ws.create();
    if (m_store)
        m_store->setClock(m_clock);
}

bool AlertWorld::setLevel(const QString &host, double value, const QString &metric)
{
    SampleBatch batch;
    const Labels labels{{QStringLiteral("project"), QStringLiteral("shop")},
                        {QStringLiteral("service"), QStringLiteral("api")},
                        {QStringLiteral("host"), host}};
    const qint64 lastMinute = now() / kMin * kMin;
    for (int i = 6; i >= 0; --i) {
        const qint64 ts = lastMinute - i * kMin;
        if (ts < now())
            batch.append({metric, labels, ts, value});
    }
    auto report = m_store->ingest(batch);
    if (!report)
        qWarning() << "ingest failed:" << report.error().userMessage << report.error().detail;
    return report.ok();
}

rules::AlertRule AlertWorld::errorRule(const QString &name)
{
    rules::AlertRule rule;
    rule.name = name;
    rule.metric = QStringLiteral("api.errors");
    rule.project = QStringLiteral("shop");
    rule.severity = rules::Severity::Critical;
    rule.condition = rules::ConditionKind::Threshold;
    rule.comparison = rules::Comparison::Above;
    rule.threshold = 10;
    rule.aggregation = storage::Aggregation::Avg;
    rule.windowMs = 5 * kMin;
    return rule;
}

qint64 AlertWorld::addRule(rules::AlertRule rule)
{
    auto added = alerts::AlertRuleRepository(m_store->database()).add(std::move(rule), now());
    if (!added) {
        qWarning() << "adding a rule failed:" << added.error().userMessage << added.error().detail;
        return 0;
    }
    return added->id;
}

qint64 AlertWorld::addChannel(const QString &name, bool isDefault)
{
    storage::Database &db = m_store->database();
    storage::Statement &insert = db.prepare(
        "INSERT INTO channels(uuid, name, type, settings, enabled, created_ms) VALUES (?1, ?2, 'webhook', ?3, 1, ?4);");
    insert.bind(1, QUuid::createUuid().toString(QUuid::WithoutBraces))
        .bind(2, name)
        .bind(3, isDefault ? QStringLiteral("{\"default\":true}") : QStringLiteral("{}"))
        .bind(4, now());
    if (Status st = insert.run(); !st) {
        qWarning() << "adding a channel failed:" << st.error().detail;
        return 0;
    }
    return db.queryInt("SELECT last_insert_rowid();").value();
}

Result<alerts::CycleReport> AlertWorld::cycle(const alerts::CycleSettings &settings)
{
    return alerts::AlertCycle(*m_store, m_clock, settings).runOnce();
}

QList<AlertWorld::OutboxRow> AlertWorld::outbox()
{
    QList<OutboxRow> rows;
    storage::Statement &query = m_store->database().prepare("SELECT channel_id, dedup_key, payload FROM outbox ORDER BY id;");
    while (query.step()) {
        OutboxRow row;
        row.channelId = query.int64(0);
        row.dedupKey = query.text(1);
        auto notification = notify::notificationFromJson(QJsonDocument::fromJson(query.text(2).toUtf8()).object());
        if (notification)
            row.notification = notification.value();
        else
            qWarning() << "outbox payload unreadable:" << notification.error().userMessage;
        rows.append(std::move(row));
    }
    return rows;
}

QList<alerts::Alert> AlertWorld::alerts()
{
    alerts::AlertFilter all;
    all.limit = 1000;
    auto page = alerts::AlertRepository(m_store->database()).query(all);
    return page ? page->alerts : QList<alerts::Alert>{};
}

qint64 AlertWorld::count(const char *sql)
{
    auto value = m_store->database().queryInt(sql);
    return value ? value.value() : -1;
}

} // namespace stackscope::test
