#include "viewtemplates.h"

#include "connector/connectorregistry.h"

#include <QSet>

namespace stackscope::app::ViewTemplates {

namespace {

dashboard::Dashboard wrap(dashboard::DashboardSpec spec, const QString &name, const QString &project)
{
    dashboard::Dashboard d;
    d.name = name;
    d.project = project;
    if (spec.title.isEmpty())
        spec.title = name;
    d.spec = std::move(spec);
    return d;
}

} // namespace

dashboard::ServiceRef serviceRef(const ServiceConfig &service, const WorkspaceContent &content,
                                 const connector::ConnectorRegistry &registry)
{
    dashboard::ServiceRef ref;
    ref.project = service.project;
    ref.name = service.name;
    ref.type = service.type;
    const connector::ConnectorInfo *info = registry.info(service.type);
    QList<connector::MetricSpec> stored =
        dashboard::discoveredMetrics(content.series, service.project, service.name, content.metricInfos);
    if (stored.isEmpty()) {
        if (info)
            ref.metrics = info->metrics;
        return ref;
    }
    // What it stored, with the connector's description of each metric where it has one.
    for (connector::MetricSpec &spec : stored) {
        if (info)
            for (const connector::MetricSpec &known : info->metrics)
                if (known.name == spec.name) {
                    const QStringList dimensions = spec.dimensions;
                    spec = known;
                    for (const QString &d : dimensions)
                        if (!spec.dimensions.contains(d))
                            spec.dimensions.append(d);
                }
    }
    ref.metrics = stored;
    return ref;
}

QList<dashboard::ServiceRef> serviceRefs(const QList<ServiceEntry> &services, const WorkspaceContent &content,
                                         const connector::ConnectorRegistry &registry)
{
    QList<dashboard::ServiceRef> refs;
    for (const ServiceEntry &s : services)
        refs.append(serviceRef(s.config, content, registry));
    return refs;
}

dashboard::Dashboard serviceDashboard(const ServiceConfig &service, const WorkspaceContent &content,
                                      const connector::ConnectorRegistry &registry)
{
    return wrap(dashboard::serviceTemplate(serviceRef(service, content, registry)), service.name, service.project);
}

dashboard::Dashboard projectDashboard(const storage::Project &project, const WorkspaceContent &content,
                                      const connector::ConnectorRegistry &registry)
{
    const QList<dashboard::ServiceRef> refs = serviceRefs(content.servicesOf(project.name), content, registry);
    return wrap(dashboard::projectTemplate(project.name, refs), project.name, project.name);
}

QList<Scenario> scenarios()
{
    QList<Scenario> result;
    for (dashboard::Scenario s : dashboard::allScenarios())
        result.append({QString::number(int(s)), dashboard::scenarioTitle(s), dashboard::scenarioDescription(s)});
    return result;
}

dashboard::Dashboard fromScenario(const QString &id, const QString &name, const QString &project,
                                  const WorkspaceContent &content, const connector::ConnectorRegistry &registry)
{
    bool ok = false;
    const int value = id.toInt(&ok);
    if (id.isEmpty() || !ok)
        return wrap({}, name, project);
    const QList<ServiceEntry> services = project.isEmpty() ? content.services : content.servicesOf(project);
    dashboard::DashboardSpec spec =
        dashboard::scenarioTemplate(dashboard::Scenario(value), serviceRefs(services, content, registry));
    spec.title = name;
    return wrap(std::move(spec), name, project);
}

QList<Headline> headlines(const QString &project, const WorkspaceContent &content,
                          const connector::ConnectorRegistry &registry, int max)
{
    // One figure per service (its first stat), services in order, so a project of three services shows one
    // number of each.
    QList<Headline> result;
    for (const ServiceEntry &s : content.servicesOf(project)) {
        const dashboard::DashboardSpec spec = dashboard::serviceTemplate(serviceRef(s.config, content, registry));
        for (const dashboard::PanelSpec &panel : spec.panels) {
            if (panel.type != dashboard::PanelType::Stat || panel.queries.isEmpty())
                continue;
            const dashboard::PanelQuery &q = panel.queries.first();
            Headline h;
            h.title = panel.title;
            h.metric = q.metric;
            h.labelFilter = q.labelFilter;
            h.aggregation = q.aggregation;
            // The same figure as the service view's stat panel: a sum over the range unless it averages.
            h.total = q.aggregation == storage::Aggregation::Sum || q.aggregation == storage::Aggregation::Count;
            h.unit = panel.unit;
            result.append(h);
            break;
        }
        if (result.size() == max)
            break;
    }
    return result;
}

} // namespace stackscope::app::ViewTemplates
