#include "storage/servicerepository.h"

#include "storage/database.h"
#include "storage/seriescatalog.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QUuid>

namespace stackscope::storage {

namespace {

QString settingsToJson(const QMap<QString, QString> &settings)
{
    QJsonObject object;
    for (auto it = settings.cbegin(); it != settings.cend(); ++it)
        object.insert(it.key(), it.value());
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QMap<QString, QString> settingsFromJson(const QString &json)
{
    QMap<QString, QString> settings;
    const QJsonObject object = QJsonDocument::fromJson(json.toUtf8()).object();
    for (auto it = object.constBegin(); it != object.constEnd(); ++it)
        settings.insert(it.key(), it.value().toString());
    return settings;
}

QJsonObject objectFromJson(const QString &json)
{
    return QJsonDocument::fromJson(json.toUtf8()).object();
}

constexpr char kSelect[] =
    "SELECT s.id, s.uuid, p.name, s.type, s.name, s.settings, s.base_url, s.interval_s, s.enabled, s.cursor "
    "FROM services s JOIN projects p ON p.id = s.project_id ";

ServiceConfig readConfig(const Statement &st)
{
    ServiceConfig config;
    config.id = st.int64(0);
    config.uuid = st.text(1);
    config.project = st.text(2);
    config.type = st.text(3);
    config.name = st.text(4);
    config.settings = settingsFromJson(st.text(5));
    config.baseUrl = QUrl(st.text(6));
    config.interval = std::chrono::seconds(st.int64(7));
    config.enabled = st.int64(8) != 0;
    config.cursor = objectFromJson(st.text(9));
    return config;
}

} // namespace

ServiceRepository::ServiceRepository(Database &db, SeriesCatalog &catalog) : m_db(db), m_catalog(catalog) {}

Result<ServiceConfig> ServiceRepository::add(ServiceConfig config)
{
    if (config.project.isEmpty() || config.type.isEmpty() || config.name.isEmpty())
        return Error::make(Error::Code::Config, QStringLiteral("A service needs a project, a type and a name."));
    if (Status st = m_db.begin(); !st)
        return st.error();
    auto project = m_catalog.projectId(config.project, true);
    if (!project) {
        m_db.rollback();
        m_catalog.reload();
        return project.error();
    }
    config.uuid = QUuid::createUuid().toString(QUuid::WithoutBraces);
    Statement &insert = m_db.prepare(
        "INSERT INTO services(project_id, name, type, created_ms, uuid, settings, base_url, interval_s, enabled) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9);");
    insert.bind(1, project.value())
        .bind(2, config.name)
        .bind(3, config.type)
        .bind(4, QDateTime::currentMSecsSinceEpoch())
        .bind(5, config.uuid)
        .bind(6, settingsToJson(config.settings))
        .bind(7, config.baseUrl.toString())
        .bind(8, qint64(config.interval.count()))
        .bind(9, config.enabled ? 1 : 0);
    Status inserted = insert.run();
    if (inserted)
        config.id = m_db.queryInt("SELECT last_insert_rowid();").value();
    if (inserted)
        inserted = m_db.commit();
    if (!inserted) {
        m_db.rollback();
        m_catalog.reload();
        Error error = inserted.error();
        if (error.detail.contains(QStringLiteral("UNIQUE")))
            error = Error::make(Error::Code::Config,
                                QStringLiteral("Project \"%1\" already has a service named \"%2\".").arg(config.project, config.name));
        return error;
    }
    return config;
}

Status ServiceRepository::update(const ServiceConfig &config)
{
    Statement &update = m_db.prepare("UPDATE services SET name = ?2, settings = ?3, base_url = ?4, interval_s = ?5, "
                                     "enabled = ?6 WHERE id = ?1 AND deleted_ms IS NULL;");
    if (Status st = update.bind(1, config.id)
                        .bind(2, config.name)
                        .bind(3, settingsToJson(config.settings))
                        .bind(4, config.baseUrl.toString())
                        .bind(5, qint64(config.interval.count()))
                        .bind(6, config.enabled ? 1 : 0)
                        .run();
        !st)
        return st;
    if (m_db.changes() == 0)
        return Error::make(Error::Code::NotFound, QStringLiteral("There is no service %1.").arg(config.id));
    return {};
}

Result<QList<ServiceConfig>> ServiceRepository::list(bool includeRemoved)
{
    static const QByteArray active = QByteArray(kSelect) + "WHERE s.deleted_ms IS NULL ORDER BY s.id;";
    static const QByteArray all = QByteArray(kSelect) + "ORDER BY s.id;";
    Statement &query = m_db.prepare(includeRemoved ? all.constData() : active.constData());
    QList<ServiceConfig> services;
    while (query.step())
        services.append(readConfig(query));
    if (!query.ok())
        return query.error(QStringLiteral("listing services"));
    return services;
}

Result<ServiceConfig> ServiceRepository::get(qint64 id)
{
    static const QByteArray sql = QByteArray(kSelect) + "WHERE s.id = ?1 AND s.deleted_ms IS NULL;";
    Statement &query = m_db.prepare(sql.constData());
    query.bind(1, id);
    if (!query.step()) {
        if (!query.ok())
            return query.error(QStringLiteral("reading a service"));
        return Error::make(Error::Code::NotFound, QStringLiteral("There is no service %1.").arg(id));
    }
    ServiceConfig config = readConfig(query);
    query.reset();
    return config;
}

Status ServiceRepository::remove(qint64 id, qint64 nowMs)
{
    Statement &update = m_db.prepare("UPDATE services SET deleted_ms = ?2, enabled = 0 WHERE id = ?1 AND deleted_ms IS NULL;");
    if (Status st = update.bind(1, id).bind(2, nowMs).run(); !st)
        return st;
    if (m_db.changes() == 0)
        return Error::make(Error::Code::NotFound, QStringLiteral("There is no service %1.").arg(id));
    return {};
}

Status ServiceRepository::restore(qint64 id)
{
    Statement &update = m_db.prepare("UPDATE services SET deleted_ms = NULL, enabled = 1 WHERE id = ?1 AND deleted_ms IS NOT NULL;");
    if (Status st = update.bind(1, id).run(); !st)
        return st;
    if (m_db.changes() == 0)
        return Error::make(Error::Code::NotFound, QStringLiteral("Service %1 is not in the trash.").arg(id));
    return {};
}

Result<ServiceHealth> ServiceRepository::health(qint64 id)
{
    Statement &query = m_db.prepare("SELECT health_state, last_success_ms, last_attempt_ms, last_error, next_run_ms, "
                                    "consecutive_failures FROM services WHERE id = ?1;");
    query.bind(1, id);
    if (!query.step()) {
        if (!query.ok())
            return query.error(QStringLiteral("reading service health"));
        return Error::make(Error::Code::NotFound, QStringLiteral("There is no service %1.").arg(id));
    }
    ServiceHealth health;
    health.state = ServiceHealth::State(query.int64(0));
    health.lastSuccessMs = query.int64(1);
    health.lastAttemptMs = query.int64(2);
    health.lastError = query.text(3);
    health.nextRunMs = query.int64(4);
    health.consecutiveFailures = int(query.int64(5));
    query.reset();
    return health;
}

Status ServiceRepository::saveHealth(qint64 id, const ServiceHealth &health, const QJsonObject &cursor)
{
    Statement &update = m_db.prepare("UPDATE services SET health_state = ?2, last_success_ms = ?3, last_attempt_ms = ?4, "
                                     "last_error = ?5, next_run_ms = ?6, consecutive_failures = ?7, cursor = ?8 "
                                     "WHERE id = ?1;");
    return update.bind(1, id)
        .bind(2, int(health.state))
        .bind(3, health.lastSuccessMs)
        .bind(4, health.lastAttemptMs)
        .bind(5, health.lastError)
        .bind(6, health.nextRunMs)
        .bind(7, health.consecutiveFailures)
        .bind(8, QString::fromUtf8(QJsonDocument(cursor).toJson(QJsonDocument::Compact)))
        .run();
}

Status ServiceRepository::saveHealth(const QList<HealthUpdate> &updates)
{
    if (updates.isEmpty())
        return {};
    if (Status st = m_db.begin(); !st)
        return st;
    for (const HealthUpdate &update : updates) {
        if (Status st = saveHealth(update.id, update.health, update.cursor); !st) {
            m_db.rollback();
            return st;
        }
    }
    Status committed = m_db.commit();
    if (!committed)
        m_db.rollback();
    return committed;
}

} // namespace stackscope::storage
