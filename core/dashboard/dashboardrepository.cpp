#include "dashboard/dashboardrepository.h"

#include "storage/database.h"

#include <QJsonDocument>
#include <QUuid>

namespace stackscope::dashboard {

using storage::Statement;

namespace {

constexpr qint64 kDayMs = 24 * 3600 * 1000LL;

constexpr char kSelect[] =
    "SELECT d.id, d.uuid, d.name, IFNULL(p.name, ''), d.position, d.spec, d.created_ms, d.updated_ms, "
    "IFNULL(d.deleted_ms, 0) FROM dashboards d LEFT JOIN projects p ON p.id = d.project_id ";

QString specText(const DashboardSpec &spec)
{
    return QString::fromUtf8(QJsonDocument(toJson(spec)).toJson(QJsonDocument::Compact));
}

Result<Dashboard> readDashboard(const Statement &st)
{
    Dashboard dashboard;
    dashboard.id = st.int64(0);
    dashboard.uuid = st.text(1);
    dashboard.name = st.text(2);
    dashboard.project = st.text(3);
    dashboard.position = int(st.int64(4));
    dashboard.createdMs = st.int64(6);
    dashboard.updatedMs = st.int64(7);
    dashboard.deletedMs = st.int64(8);
    auto spec = dashboardFromJson(QJsonDocument::fromJson(st.text(5).toUtf8()).object());
    if (!spec) {
        Error error = spec.error();
        error.code = Error::Code::Storage;
        error.userMessage = QStringLiteral("The stored dashboard \"%1\" is damaged: %2").arg(dashboard.name, error.userMessage);
        return error;
    }
    dashboard.spec = std::move(spec).value();
    return dashboard;
}

Error notFound(qint64 id)
{
    return Error::make(Error::Code::NotFound, QStringLiteral("There is no dashboard %1.").arg(id));
}

// The project's row id, or 0 for a workspace-wide dashboard. A project in the trash takes no new dashboards.
Result<qint64> projectRow(storage::Database &db, const QString &project)
{
    if (project.isEmpty())
        return qint64(0);
    Statement &query = db.prepare("SELECT id FROM projects WHERE name = ?1 AND deleted_ms IS NULL;");
    query.bind(1, project);
    if (!query.step()) {
        if (!query.ok())
            return query.error(QStringLiteral("looking up a project"));
        return Error::make(Error::Code::NotFound, QStringLiteral("There is no project named \"%1\".").arg(project));
    }
    const qint64 id = query.int64(0);
    query.reset();
    return id;
}

Status checkDashboard(const Dashboard &dashboard)
{
    if (dashboard.name.trimmed().isEmpty())
        return Error::make(Error::Code::Config, QStringLiteral("A dashboard needs a name."));
    return validateDashboard(dashboard.spec);
}

} // namespace

DashboardRepository::DashboardRepository(storage::Database &db) : m_db(db) {}

Result<Dashboard> DashboardRepository::add(Dashboard dashboard, qint64 nowMs)
{
    if (Status st = checkDashboard(dashboard); !st)
        return st.error();
    auto project = projectRow(m_db, dashboard.project);
    if (!project)
        return project.error();
    if (dashboard.uuid.isEmpty())
        dashboard.uuid = QUuid::createUuid().toString(QUuid::WithoutBraces);
    Statement &insert = m_db.prepare("INSERT INTO dashboards(uuid, name, project_id, spec, position, created_ms, "
                                     "updated_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6);");
    insert.bind(1, dashboard.uuid).bind(2, dashboard.name).bind(4, specText(dashboard.spec)).bind(5, dashboard.position).bind(6, nowMs);
    if (project.value())
        insert.bind(3, project.value());
    else
        insert.bindNull(3);
    if (Status st = insert.run(); !st) {
        if (st.error().detail.contains(QStringLiteral("UNIQUE")))
            return Error::make(Error::Code::Config, QStringLiteral("A dashboard with this identity (%1) already exists.").arg(dashboard.uuid));
        return st.error();
    }
    dashboard.id = m_db.queryInt("SELECT last_insert_rowid();").value();
    dashboard.createdMs = nowMs;
    dashboard.updatedMs = nowMs;
    dashboard.deletedMs = 0;
    return dashboard;
}

Status DashboardRepository::update(const Dashboard &dashboard, qint64 nowMs)
{
    if (Status st = checkDashboard(dashboard); !st)
        return st;
    auto project = projectRow(m_db, dashboard.project);
    if (!project)
        return project.error();
    Statement &update = m_db.prepare("UPDATE dashboards SET name = ?2, project_id = ?3, position = ?4, spec = ?5, "
                                     "updated_ms = ?6 WHERE id = ?1 AND deleted_ms IS NULL;");
    update.bind(1, dashboard.id).bind(2, dashboard.name).bind(4, dashboard.position).bind(5, specText(dashboard.spec)).bind(6, nowMs);
    if (project.value())
        update.bind(3, project.value());
    else
        update.bindNull(3);
    if (Status st = update.run(); !st)
        return st;
    if (m_db.changes() == 0)
        return notFound(dashboard.id);
    return {};
}

Result<QList<Dashboard>> DashboardRepository::list(bool includeRemoved)
{
    // Dashboards of a project in the trash are hidden with it (they went to the trash together).
    static const QByteArray active = QByteArray(kSelect)
        + "WHERE d.deleted_ms IS NULL AND (p.id IS NULL OR p.deleted_ms IS NULL) ORDER BY d.position, d.id;";
    static const QByteArray all = QByteArray(kSelect) + "ORDER BY d.position, d.id;";
    Statement &query = m_db.prepare(includeRemoved ? all.constData() : active.constData());
    QList<Dashboard> dashboards;
    while (query.step()) {
        auto dashboard = readDashboard(query);
        if (!dashboard) {
            query.reset();
            return dashboard.error();
        }
        dashboards.append(std::move(dashboard).value());
    }
    if (!query.ok())
        return query.error(QStringLiteral("listing dashboards"));
    return dashboards;
}

Result<Dashboard> DashboardRepository::get(qint64 id)
{
    static const QByteArray sql = QByteArray(kSelect) + "WHERE d.id = ?1 AND d.deleted_ms IS NULL;";
    Statement &query = m_db.prepare(sql.constData());
    query.bind(1, id);
    if (!query.step()) {
        if (!query.ok())
            return query.error(QStringLiteral("reading a dashboard"));
        return notFound(id);
    }
    auto dashboard = readDashboard(query);
    query.reset();
    return dashboard;
}

Status DashboardRepository::remove(qint64 id, qint64 nowMs)
{
    Statement &update = m_db.prepare("UPDATE dashboards SET deleted_ms = ?2 WHERE id = ?1 AND deleted_ms IS NULL;");
    if (Status st = update.bind(1, id).bind(2, nowMs).run(); !st)
        return st;
    if (m_db.changes() == 0)
        return notFound(id);
    return {};
}

Status DashboardRepository::restore(qint64 id)
{
    Statement &update = m_db.prepare("UPDATE dashboards SET deleted_ms = NULL WHERE id = ?1 AND deleted_ms IS NOT NULL;");
    if (Status st = update.bind(1, id).run(); !st)
        return st;
    if (m_db.changes() == 0)
        return Error::make(Error::Code::NotFound, QStringLiteral("Dashboard %1 is not in the trash.").arg(id));
    return {};
}

Status DashboardRepository::purgeExpired(qint64 nowMs)
{
    Statement &purge = m_db.prepare("DELETE FROM dashboards WHERE deleted_ms IS NOT NULL AND deleted_ms <= ?1;");
    return purge.bind(1, nowMs - kTrashDays * kDayMs).run();
}

} // namespace stackscope::dashboard
