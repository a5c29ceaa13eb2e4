#pragma once

#include "navigation/workspacecontent.h"

#include "dashboard/dashboardspec.h"
#include "dashboard/templates.h"
#include "storage/query.h"

#include <QList>
#include <QString>

namespace stackscope::connector { class ConnectorRegistry; }

namespace stackscope::app {

// The built-in dashboards the main window shows — the project view, the service view of each connector type and
// the scenario templates of "New Dashboard…" — built by dashcore's templates (core/dashboard/templates.h) from
// the workspace's services. A service's catalogue is what it has stored (when it has stored anything: the demo
// and scraped services), else its connector's catalogue.
namespace ViewTemplates {

dashboard::ServiceRef serviceRef(const ServiceConfig &service, const WorkspaceContent &content,
                                 const connector::ConnectorRegistry &registry);
QList<dashboard::ServiceRef> serviceRefs(const QList<ServiceEntry> &services, const WorkspaceContent &content,
                                         const connector::ConnectorRegistry &registry);

dashboard::Dashboard projectDashboard(const storage::Project &project, const WorkspaceContent &content,
                                      const connector::ConnectorRegistry &registry);
dashboard::Dashboard serviceDashboard(const ServiceConfig &service, const WorkspaceContent &content,
                                      const connector::ConnectorRegistry &registry);

struct Scenario
{
    QString id;
    QString name;
    QString description;
};
QList<Scenario> scenarios();
// A new dashboard from a scenario template (empty id: a blank dashboard) over the workspace's services, or
// only the project's when `project` is set.
dashboard::Dashboard fromScenario(const QString &id, const QString &name, const QString &project,
                                  const WorkspaceContent &content, const connector::ConnectorRegistry &registry);

// The key numbers of a project's overview tile: the first stat panels of its services' templates.
struct Headline
{
    QString title;
    QString metric;
    Labels labelFilter;
    storage::Aggregation aggregation = storage::Aggregation::Sum;
    bool total = true;   // the tile shows the range's total (sums) or the latest value (averages, gauges)
    QString unit;
};
QList<Headline> headlines(const QString &project, const WorkspaceContent &content,
                          const connector::ConnectorRegistry &registry, int max = 3);

} // namespace ViewTemplates

} // namespace stackscope::app
