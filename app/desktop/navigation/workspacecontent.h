#pragma once

#include "healthlevel.h"

#include "dashboard/dashboardspec.h"
#include "model/serviceconfig.h"
#include "storage/metricstore.h"
#include "storage/projectrepository.h"
#include "util/result.h"

#include <QHash>
#include <QList>

namespace stackscope::storage { class MetricStore; }

namespace stackscope::app {

struct ServiceEntry
{
    ServiceConfig config;
    ServiceHealth health;
    HealthLevel level() const { return Health::ofService(health); }
};

// What the navigation tree and the pages show of a workspace: its projects, services with their health and
// stored dashboards. Read in one store job (loadWorkspaceContent) and handed to the GUI thread as a value.
struct WorkspaceContent
{
    QList<storage::Project> projects;
    QList<ServiceEntry> services;
    QList<dashboard::Dashboard> dashboards;
    QList<storage::SeriesInfo> series;   // what the services have stored (templates of demo and scraped services)
    QList<MetricInfo> metricInfos;       // units and kinds of those series' metrics
    QHash<QString, QList<qint64>> openAlerts; // project -> unhandled alerts [info, warning, critical]

    const storage::Project *project(qint64 id) const;
    const storage::Project *projectNamed(const QString &name) const;
    const ServiceEntry *service(qint64 id) const;
    const dashboard::Dashboard *dashboard(qint64 id) const;
    QList<ServiceEntry> servicesOf(const QString &project) const;
    // The worst of its services' health and its unhandled alerts (a warning alert: Warning, a critical: Critical).
    HealthLevel projectLevel(const QString &project) const;
    qint64 openAlertCount(const QString &project) const;
    HealthLevel overallLevel() const;
};

// Runs on the store thread. Dashboards that cannot be read leave the list empty rather than failing the rest.
Result<WorkspaceContent> loadWorkspaceContent(storage::MetricStore &store);

// Items in the trash (P4), newest first.
struct TrashItem
{
    enum class Kind { Project, Service, Dashboard };
    Kind kind = Kind::Project;
    qint64 id = 0;
    QString name;
    QString project;
    qint64 deletedMs = 0;
};
Result<QList<TrashItem>> loadTrash(storage::MetricStore &store);

} // namespace stackscope::app
