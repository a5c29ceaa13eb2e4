#pragma once

#include <QString>
#include <QtGlobal>

namespace stackscope::app {

// A place in the main window: what a navigation tree item opens.
struct NavigationTarget
{
    enum class Kind { None, Overview, Project, Service, Dashboards, DashboardFolder, Dashboard, Explorer, Alerts };
    Kind kind = Kind::None;
    qint64 id = 0;       // project, service or dashboard id
    QString project;     // the project's name (projects, services, dashboard folders and project dashboards)

    bool isValid() const { return kind != Kind::None; }
    friend bool operator==(const NavigationTarget &a, const NavigationTarget &b)
    {
        // Folders have no id: their project names them.
        return a.kind == b.kind && a.id == b.id && (a.kind != Kind::DashboardFolder || a.project == b.project);
    }

    static NavigationTarget overview() { return {Kind::Overview, 0, {}}; }
    static NavigationTarget explorer() { return {Kind::Explorer, 0, {}}; }
    static NavigationTarget alerts() { return {Kind::Alerts, 0, {}}; }
    static NavigationTarget dashboards() { return {Kind::Dashboards, 0, {}}; }
    static NavigationTarget projectTarget(qint64 id, const QString &name) { return {Kind::Project, id, name}; }
    static NavigationTarget serviceTarget(qint64 id, const QString &project) { return {Kind::Service, id, project}; }
    static NavigationTarget dashboardTarget(qint64 id, const QString &project) { return {Kind::Dashboard, id, project}; }
};

} // namespace stackscope::app
