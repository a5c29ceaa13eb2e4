#include "workspacecontent.h"

#include "alerts/alertrepository.h"
#include "dashboard/dashboardrepository.h"
#include "storage/database.h"
#include "storage/metricstore.h"
#include "storage/servicerepository.h"
#include "uilogging.h"

#include <QHash>
#include <QSet>

#include <algorithm>

namespace stackscope::app {

const storage::Project *WorkspaceContent::project(qint64 id) const
{
    for (const storage::Project &p : projects)
        if (p.id == id)
            return &p;
    return nullptr;
}

const storage::Project *WorkspaceContent::projectNamed(const QString &name) const
{
    for (const storage::Project &p : projects)
        if (p.name == name)
            return &p;
    return nullptr;
}

const ServiceEntry *WorkspaceContent::service(qint64 id) const
{
    for (const ServiceEntry &s : services)
        if (s.config.id == id)
            return &s;
    return nullptr;
}

const dashboard::Dashboard *WorkspaceContent::dashboard(qint64 id) const
{
    for (const dashboard::Dashboard &d : dashboards)
        if (d.id == id)
            return &d;
    return nullptr;
}

QList<ServiceEntry> WorkspaceContent::servicesOf(const QString &projectName) const
{
    QList<ServiceEntry> result;
    for (const ServiceEntry &s : services)
        if (s.config.project == projectName)
            result.append(s);
    return result;
}

HealthLevel WorkspaceContent::projectLevel(const QString &projectName) const
{
    QList<HealthLevel> levels;
    for (const ServiceEntry &s : services)
        if (s.config.project == projectName)
            levels.append(s.level());
    const QList<qint64> alerts = openAlerts.value(projectName);
    if (alerts.size() == 3) {
        if (alerts.at(2) > 0)
            levels.append(HealthLevel::Critical);
        else if (alerts.at(1) > 0)
            levels.append(HealthLevel::Warning);
    }
    return Health::worst(levels);
}

qint64 WorkspaceContent::openAlertCount(const QString &projectName) const
{
    qint64 total = 0;
    for (qint64 n : openAlerts.value(projectName))
        total += n;
    return total;
}

HealthLevel WorkspaceContent::overallLevel() const
{
    QList<HealthLevel> levels;
    for (const ServiceEntry &s : services)
        levels.append(s.level());
    return Health::worst(levels);
}

Result<WorkspaceContent> loadWorkspaceContent(storage::MetricStore &store)
{
    WorkspaceContent content;
    auto projects = store.projects().list();
    if (!projects)
        return projects.error();
    content.projects = std::move(projects).value();
    auto services = store.services().list();
    if (!services)
        return services.error();
    QSet<QString> known;
    for (const storage::Project &p : std::as_const(content.projects))
        known.insert(p.name);
    for (ServiceConfig &config : *services) {
        ServiceEntry entry;
        if (auto health = store.services().health(config.id))
            entry.health = *health;
        if (!config.project.isEmpty() && !known.contains(config.project)) {
            // A service whose project row is missing (older workspaces): show the project anyway.
            storage::Project orphan;
            orphan.name = config.project;
            content.projects.append(orphan);
            known.insert(config.project);
        }
        entry.config = std::move(config);
        content.services.append(std::move(entry));
    }
    std::sort(content.projects.begin(), content.projects.end(),
              [](const storage::Project &a, const storage::Project &b) {
                  return a.name.localeAwareCompare(b.name) < 0;
              });
    if (auto series = store.listSeries())
        content.series = std::move(series).value();
    QSet<QString> metrics;
    for (const storage::SeriesInfo &s : std::as_const(content.series))
        metrics.insert(s.metric);
    for (const QString &metric : std::as_const(metrics))
        if (auto info = store.metricInfo(metric); info && info->has_value())
            content.metricInfos.append(**info);
    alerts::AlertRepository alertRepository(store.database());
    if (auto open = alertRepository.unhandledCountsByProject())
        content.openAlerts = std::move(open).value();
    else
        qCWarning(lcUi).noquote() << "open alerts could not be counted:" << open.error().detail;
    dashboard::DashboardRepository dashboards(store.database());
    if (auto list = dashboards.list())
        content.dashboards = std::move(list).value();
    else
        qCWarning(lcUi).noquote() << "dashboards could not be listed:" << list.error().detail;
    std::stable_sort(content.dashboards.begin(), content.dashboards.end(),
                     [](const dashboard::Dashboard &a, const dashboard::Dashboard &b) {
                         return a.position != b.position ? a.position < b.position
                                                         : a.name.localeAwareCompare(b.name) < 0;
                     });
    return content;
}

Result<QList<TrashItem>> loadTrash(storage::MetricStore &store)
{
    QList<TrashItem> items;
    auto projects = store.projects().list(true);
    if (!projects)
        return projects.error();
    for (const storage::Project &p : *projects)
        if (p.deletedMs > 0)
            items.append({TrashItem::Kind::Project, p.id, p.name, p.name, p.deletedMs});

    // ServiceConfig carries no deletion time: read it next to the repository's list.
    QHash<qint64, qint64> deletedAt;
    storage::Statement &query =
        store.database().prepare("SELECT id, deleted_ms FROM services WHERE deleted_ms IS NOT NULL;");
    while (query.step())
        deletedAt.insert(query.int64(0), query.int64(1));
    auto services = store.services().list(true);
    if (!services)
        return services.error();
    QSet<QString> trashedProjects;
    for (const TrashItem &item : std::as_const(items))
        trashedProjects.insert(item.name);
    for (const ServiceConfig &s : *services) {
        // The services of a trashed project come back with it; listing them again would only confuse.
        if (deletedAt.contains(s.id) && !trashedProjects.contains(s.project))
            items.append({TrashItem::Kind::Service, s.id, s.name, s.project, deletedAt.value(s.id)});
    }
    dashboard::DashboardRepository dashboards(store.database());
    if (auto list = dashboards.list(true)) {
        for (const dashboard::Dashboard &d : *list)
            if (d.deletedMs > 0)
                items.append({TrashItem::Kind::Dashboard, d.id, d.name, d.project, d.deletedMs});
    }
    std::sort(items.begin(), items.end(), [](const TrashItem &a, const TrashItem &b) { return a.deletedMs > b.deletedMs; });
    return items;
}

} // namespace stackscope::app
