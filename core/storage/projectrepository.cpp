#include "storage/projectrepository.h"

#include "storage/database.h"
#include "storage/seriescatalog.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace stackscope::storage {

namespace {

const QString kProjectLabel = QStringLiteral("project");
constexpr int kMaxNameLength = 100;

constexpr char kSelect[] = "SELECT id, name, IFNULL(color, ''), icon, environment, created_ms, IFNULL(deleted_ms, 0) "
                           "FROM projects ";

Project readProject(const Statement &st)
{
    Project project;
    project.id = st.int64(0);
    project.name = st.text(1);
    project.color = st.text(2);
    project.icon = st.text(3);
    project.environment = st.text(4);
    project.createdMs = st.int64(5);
    project.deletedMs = st.int64(6);
    return project;
}

Error invalid(const QString &message)
{
    return Error::make(Error::Code::Config, message);
}

Status checkProject(const Project &project)
{
    if (project.name.trimmed().isEmpty())
        return invalid(QStringLiteral("A project needs a name."));
    if (project.name != project.name.trimmed())
        return invalid(QStringLiteral("A project name cannot start or end with spaces."));
    if (project.name.size() > kMaxNameLength)
        return invalid(QStringLiteral("A project name can be at most %1 characters long.").arg(kMaxNameLength));
    static const QStringList environments{QStringLiteral("production"), QStringLiteral("staging"),
                                          QStringLiteral("development")};
    if (!environments.contains(project.environment))
        return invalid(QStringLiteral("\"%1\" is not an environment; use production, staging or development.")
                           .arg(project.environment));
    static const QRegularExpression colour(QStringLiteral("^#[0-9A-Fa-f]{6}$"));
    if (!project.color.isEmpty() && !colour.match(project.color).hasMatch())
        return invalid(QStringLiteral("\"%1\" is not a colour; write it as #RRGGBB, e.g. #3366CC.").arg(project.color));
    return {};
}

// Refuses a name another project (active or in the trash) already has: names identify projects in labels.
Status checkNameFree(Database &db, const QString &name, qint64 exceptId)
{
    Statement &query = db.prepare("SELECT id, deleted_ms IS NOT NULL FROM projects WHERE name = ?1;");
    query.bind(1, name);
    if (!query.step()) {
        if (!query.ok())
            return query.error(QStringLiteral("looking up a project name"));
        return {};
    }
    const qint64 id = query.int64(0);
    const bool inTrash = query.int64(1) != 0;
    query.reset();
    if (id == exceptId)
        return {};
    if (inTrash)
        return invalid(QStringLiteral("A project named \"%1\" is in the trash. Restore it, or choose another name.").arg(name));
    return invalid(QStringLiteral("There is already a project named \"%1\".").arg(name));
}

// A canonical label set (SeriesCatalog::canonicalLabels) with "project" renamed; empty when nothing changes.
QString relabelled(const QString &labelsJson, const QString &oldName, const QString &newName)
{
    const Labels labels = SeriesCatalog::parseLabels(labelsJson);
    if (labels.value(kProjectLabel) != oldName || !labels.contains(kProjectLabel))
        return {};
    Labels renamed = labels;
    renamed.insert(kProjectLabel, newName);
    return SeriesCatalog::canonicalLabels(renamed);
}

Status relabelSeries(Database &db, qint64 projectId, const QString &oldName, const QString &newName)
{
    QList<QPair<qint64, QString>> changes;
    Statement &select = db.prepare("SELECT id, labels FROM series WHERE project_id = ?1;");
    select.bind(1, projectId);
    while (select.step()) {
        if (QString labels = relabelled(select.text(1), oldName, newName); !labels.isEmpty())
            changes.append({select.int64(0), labels});
    }
    if (!select.ok())
        return select.error(QStringLiteral("reading the project's series"));
    Statement &update = db.prepare("UPDATE series SET labels = ?2 WHERE id = ?1;");
    for (const auto &[id, labels] : changes) {
        if (Status st = update.bind(1, id).bind(2, labels).run(); !st)
            return st;
    }
    return {};
}

// Dashboards store JSON specs (core/dashboard); queries narrowed to the project follow the rename. Read as
// plain JSON so that storage does not depend on the dashboard module.
Status relabelDashboards(Database &db, const QString &oldName, const QString &newName)
{
    QList<QPair<qint64, QString>> changes;
    Statement &select = db.prepare("SELECT id, spec FROM dashboards;");
    while (select.step()) {
        QJsonObject spec = QJsonDocument::fromJson(select.text(1).toUtf8()).object();
        QJsonArray panels = spec.value(QStringLiteral("panels")).toArray();
        bool changed = false;
        for (QJsonValueRef panelRef : panels) {
            QJsonObject panel = panelRef.toObject();
            QJsonArray queries = panel.value(QStringLiteral("queries")).toArray();
            for (QJsonValueRef queryRef : queries) {
                QJsonObject query = queryRef.toObject();
                QJsonObject labels = query.value(QStringLiteral("labels")).toObject();
                if (labels.value(kProjectLabel).toString() == oldName && labels.contains(kProjectLabel)) {
                    labels.insert(kProjectLabel, newName);
                    query.insert(QStringLiteral("labels"), labels);
                    queryRef = query;
                    changed = true;
                }
            }
            panel.insert(QStringLiteral("queries"), queries);
            panelRef = panel;
        }
        if (changed) {
            spec.insert(QStringLiteral("panels"), panels);
            changes.append({select.int64(0), QString::fromUtf8(QJsonDocument(spec).toJson(QJsonDocument::Compact))});
        }
    }
    if (!select.ok())
        return select.error(QStringLiteral("reading dashboards"));
    Statement &update = db.prepare("UPDATE dashboards SET spec = ?2 WHERE id = ?1;");
    for (const auto &[id, spec] : changes) {
        if (Status st = update.bind(1, id).bind(2, spec).run(); !st)
            return st;
    }
    return {};
}

// Alerts and mute windows name the project in plain columns; open alerts and the evaluator's state also key
// instances by the series' canonical labels, which carry the project name.
Status relabelAlerts(Database &db, const QString &oldName, const QString &newName)
{
    for (const char *sql : {"UPDATE alerts SET project = ?2 WHERE project = ?1;",
                            "UPDATE mute_windows SET project = ?2 WHERE project = ?1;"}) {
        if (Status st = db.prepare(sql).bind(1, oldName).bind(2, newName).run(); !st)
            return st;
    }
    QList<std::tuple<qint64, QString, QString>> alerts;
    Statement &select = db.prepare("SELECT id, instance, labels FROM alerts WHERE project = ?1;");
    select.bind(1, newName);
    while (select.step())
        alerts.append({select.int64(0), select.text(1), select.text(2)});
    if (!select.ok())
        return select.error(QStringLiteral("reading alerts"));
    Statement &update = db.prepare("UPDATE alerts SET instance = ?2, labels = ?3 WHERE id = ?1;");
    for (const auto &[id, instance, labels] : alerts) {
        const QString newInstance = relabelled(instance, oldName, newName);
        const QString newLabels = relabelled(labels, oldName, newName);
        if (Status st = update.bind(1, id).bind(2, newInstance.isEmpty() ? instance : newInstance)
                            .bind(3, newLabels.isEmpty() ? labels : newLabels).run();
            !st)
            return st;
    }
    QList<QPair<QString, QString>> states;
    Statement &selectState = db.prepare("SELECT rule_key, instance FROM alert_eval_state WHERE instance <> '';");
    while (selectState.step())
        states.append({selectState.text(0), selectState.text(1)});
    if (!selectState.ok())
        return selectState.error(QStringLiteral("reading alert state"));
    Statement &updateState = db.prepare("UPDATE alert_eval_state SET instance = ?3 WHERE rule_key = ?1 AND instance = ?2;");
    for (const auto &[ruleKey, instance] : states) {
        if (const QString renamed = relabelled(instance, oldName, newName); !renamed.isEmpty()) {
            if (Status st = updateState.bind(1, ruleKey).bind(2, instance).bind(3, renamed).run(); !st)
                return st;
        }
    }
    return {};
}

} // namespace

ProjectRepository::ProjectRepository(Database &db, SeriesCatalog &catalog) : m_db(db), m_catalog(catalog) {}

Result<Project> ProjectRepository::add(Project project, qint64 nowMs)
{
    if (Status st = checkProject(project); !st)
        return st.error();
    if (Status st = checkNameFree(m_db, project.name, 0); !st)
        return st.error();
    if (Status st = m_db.begin(); !st)
        return st.error();
    // Through the catalogue, which caches project names and would otherwise create the row a second time.
    auto id = m_catalog.projectId(project.name, true);
    Status written = id ? Status() : Status(id.error());
    if (written) {
        Statement &update = m_db.prepare("UPDATE projects SET color = ?2, icon = ?3, environment = ?4, created_ms = ?5 "
                                         "WHERE id = ?1;");
        update.bind(1, id.value()).bind(3, project.icon).bind(4, project.environment).bind(5, nowMs);
        if (project.color.isEmpty())
            update.bindNull(2);
        else
            update.bind(2, project.color);
        written = update.run();
    }
    if (written)
        written = m_db.commit();
    if (!written) {
        m_db.rollback();
        m_catalog.reload();
        return written.error();
    }
    project.id = id.value();
    project.createdMs = nowMs;
    project.deletedMs = 0;
    return project;
}

Status ProjectRepository::update(const Project &project)
{
    if (Status st = checkProject(project); !st)
        return st;
    auto current = get(project.id);
    if (!current)
        return current.error();
    const QString oldName = current->name;
    const bool renamed = oldName != project.name;
    if (renamed) {
        if (Status st = checkNameFree(m_db, project.name, project.id); !st)
            return st;
    }
    if (Status st = m_db.begin(); !st)
        return st;
    Statement &update = m_db.prepare("UPDATE projects SET name = ?2, color = ?3, icon = ?4, environment = ?5 "
                                     "WHERE id = ?1 AND deleted_ms IS NULL;");
    update.bind(1, project.id).bind(2, project.name).bind(4, project.icon).bind(5, project.environment);
    if (project.color.isEmpty())
        update.bindNull(3);
    else
        update.bind(3, project.color);
    Status written = update.run();
    if (written && renamed)
        written = relabelSeries(m_db, project.id, oldName, project.name);
    if (written && renamed)
        written = relabelDashboards(m_db, oldName, project.name);
    if (written && renamed)
        written = relabelAlerts(m_db, oldName, project.name);
    if (written)
        written = m_db.commit();
    if (!written) {
        m_db.rollback();
        return written;
    }
    if (renamed)
        m_catalog.renameProject(project.id, project.name);
    return {};
}

Result<QList<Project>> ProjectRepository::list(bool includeRemoved)
{
    static const QByteArray active = QByteArray(kSelect) + "WHERE deleted_ms IS NULL ORDER BY name COLLATE NOCASE, id;";
    static const QByteArray all = QByteArray(kSelect) + "ORDER BY name COLLATE NOCASE, id;";
    Statement &query = m_db.prepare(includeRemoved ? all.constData() : active.constData());
    QList<Project> projects;
    while (query.step())
        projects.append(readProject(query));
    if (!query.ok())
        return query.error(QStringLiteral("listing projects"));
    return projects;
}

Result<Project> ProjectRepository::get(qint64 id)
{
    static const QByteArray sql = QByteArray(kSelect) + "WHERE id = ?1 AND deleted_ms IS NULL;";
    Statement &query = m_db.prepare(sql.constData());
    query.bind(1, id);
    if (!query.step()) {
        if (!query.ok())
            return query.error(QStringLiteral("reading a project"));
        return Error::make(Error::Code::NotFound, QStringLiteral("There is no project %1.").arg(id));
    }
    Project project = readProject(query);
    query.reset();
    return project;
}

Status ProjectRepository::remove(qint64 id, qint64 nowMs)
{
    if (Status st = m_db.begin(); !st)
        return st;
    Statement &project = m_db.prepare("UPDATE projects SET deleted_ms = ?2 WHERE id = ?1 AND deleted_ms IS NULL;");
    Status written = project.bind(1, id).bind(2, nowMs).run();
    const bool found = written && m_db.changes() > 0;
    // The services and dashboards go with it, stamped with the same time so restore() brings back exactly
    // these (not ones removed on their own earlier).
    if (found)
        written = m_db.prepare("UPDATE services SET deleted_ms = ?2, enabled = 0 WHERE project_id = ?1 AND deleted_ms IS NULL;")
                      .bind(1, id).bind(2, nowMs).run();
    if (found && written)
        written = m_db.prepare("UPDATE dashboards SET deleted_ms = ?2 WHERE project_id = ?1 AND deleted_ms IS NULL;")
                      .bind(1, id).bind(2, nowMs).run();
    if (written && found)
        written = m_db.commit();
    if (!written || !found) {
        m_db.rollback();
        return written ? Status(Error::make(Error::Code::NotFound, QStringLiteral("There is no project %1.").arg(id))) : written;
    }
    return {};
}

Status ProjectRepository::restore(qint64 id)
{
    Statement &query = m_db.prepare("SELECT deleted_ms FROM projects WHERE id = ?1 AND deleted_ms IS NOT NULL;");
    query.bind(1, id);
    if (!query.step()) {
        if (!query.ok())
            return query.error(QStringLiteral("reading a project"));
        return Error::make(Error::Code::NotFound, QStringLiteral("Project %1 is not in the trash.").arg(id));
    }
    const qint64 deletedMs = query.int64(0);
    query.reset();
    if (Status st = m_db.begin(); !st)
        return st;
    Status written = m_db.prepare("UPDATE projects SET deleted_ms = NULL WHERE id = ?1;").bind(1, id).run();
    if (written)
        written = m_db.prepare("UPDATE services SET deleted_ms = NULL, enabled = 1 WHERE project_id = ?1 AND deleted_ms = ?2;")
                      .bind(1, id).bind(2, deletedMs).run();
    if (written)
        written = m_db.prepare("UPDATE dashboards SET deleted_ms = NULL WHERE project_id = ?1 AND deleted_ms = ?2;")
                      .bind(1, id).bind(2, deletedMs).run();
    if (written)
        written = m_db.commit();
    if (!written)
        m_db.rollback();
    return written;
}

} // namespace stackscope::storage
