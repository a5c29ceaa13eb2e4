#include "democatalogue.h"

#include "connector/connectorregistry.h"
#include "dashboard/dashboardrepository.h"
#include "dashboard/templates.h"
#include "demo/demodata.h"
#include "storage/metricstore.h"
#include "storage/projectrepository.h"
#include "storage/servicerepository.h"

#include <QCoreApplication>
#include <QHash>
#include <QSet>

namespace stackscope::app {

namespace {

// Dashboards a first-time user finds under "Dashboards": two scenario templates across the demo's projects.
void addScenarioDashboards(storage::MetricStore &store, qint64 nowMs, const connector::ConnectorRegistry &registry)
{
    QList<dashboard::ServiceRef> refs;
    for (const demo::DemoService &s : demo::demoServices()) {
        dashboard::ServiceRef ref;
        ref.project = s.project;
        ref.name = s.name;
        ref.type = s.type;
        if (const connector::ConnectorInfo *info = registry.info(s.type))
            ref.metrics = info->metrics;
        refs.append(ref);
    }
    dashboard::DashboardRepository dashboards(store.database());
    int position = 0;
    for (dashboard::Scenario scenario : {dashboard::Scenario::BusinessKpis, dashboard::Scenario::MessagingDelivery}) {
        if (!dashboard::scenarioApplies(scenario, refs))
            continue;
        dashboard::Dashboard d;
        d.name = dashboard::scenarioTitle(scenario);
        d.position = position++;
        d.spec = dashboard::scenarioTemplate(scenario, refs);
        (void)dashboards.add(d, nowMs); // a demo nicety: the catalogue is complete without it
    }
}

} // namespace

Status ensureDemoCatalogue(storage::MetricStore &store, qint64 nowMs, const connector::ConnectorRegistry &registry)
{
    auto projects = store.projects().list(true);
    if (!projects)
        return projects.error();
    QSet<QString> existingProjects;
    for (const storage::Project &p : *projects)
        existingProjects.insert(p.name);
    bool created = false;
    for (const demo::DemoProject &p : demo::demoProjects()) {
        if (existingProjects.contains(p.name))
            continue;
        storage::Project project;
        project.name = p.name;
        project.color = p.color;
        project.environment = p.environment;
        if (auto added = store.projects().add(project, nowMs); !added)
            return added.error();
        created = true;
    }

    // The metric catalogue: units and kinds for the charts, descriptions that end in "(demo data)" so no
    // demo series passes for a real connector's output.
    for (const MetricInfo &info : demo::demoMetrics()) {
        if (Status described = store.describeMetric(info); !described)
            return described;
    }

    auto services = store.services().list(true);
    if (!services)
        return services.error();
    QHash<QString, qint64> ids;
    for (const ServiceConfig &s : *services)
        ids.insert(s.project + QLatin1Char('/') + s.name, s.id);
    QList<storage::ServiceRepository::HealthUpdate> health;
    for (const demo::DemoService &d : demo::demoServices()) {
        qint64 id = ids.value(d.project + QLatin1Char('/') + d.name);
        if (id == 0) {
            ServiceConfig config;
            config.type = d.type;
            config.name = d.name;
            config.project = d.project;
            config.settings = d.settings;
            config.interval = std::chrono::seconds(d.intervalS);
            auto added = store.services().add(config);
            if (!added)
                return added.error();
            id = added->id;
        }
        storage::ServiceRepository::HealthUpdate update;
        update.id = id;
        update.health = demo::demoHealth(d, nowMs);
        health.append(update);
    }
    if (Status status = store.services().saveHealth(health); !status)
        return status;

    if (created) {
        auto existing = dashboard::DashboardRepository(store.database()).list(true);
        if (existing && existing->isEmpty())
            addScenarioDashboards(store, nowMs, registry);
    }
    return {};
}

} // namespace stackscope::app
