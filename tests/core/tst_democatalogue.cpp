// The demo against the real connectors and screens: every series named, labelled and described as its
// connector does; every sample carries the project and service of a demo service; every query of every built-in
// template (service views, project dashboards, scenarios) finds data; plausible health and alert rules.
#include "demohistory.h"

#include "connector/connectorregistry.h"
#include "dashboard/templates.h"
#include "registration.h"

#include <QJsonObject>
#include <QSet>
#include <QTest>

using namespace stackscope;
using namespace demotest;

class tst_DemoCatalogue : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void projectsAndServices();
    void everySampleBelongsToADemoService();
    void settingsPassTheConnectorsChecks();
    void seriesMatchTheConnectorCatalogues();
    void demoMetricsDescribeEverySeries();
    void serviceViewsHaveNoEmptyPanel();
    void fullCatalogueServiceViewsHaveData();
    void projectAndScenarioDashboardsHaveData();
    void healthHasOneFailingService();
    void alertRulesAreValidAndWatchDemoSeries();

private:
    ServiceConfig config(const demo::DemoService &service) const;
    QList<connector::MetricSpec> catalogue(const demo::DemoService &service) const;
    dashboard::ServiceRef appRef(const demo::DemoService &service) const; // as app/desktop/viewtemplates.cpp builds it
    QStringList emptyQueries(const dashboard::DashboardSpec &spec) const;

    DemoHistory m_h;
    connector::ConnectorRegistry m_registry;
    QList<storage::SeriesInfo> m_seriesInfo;
};

void tst_DemoCatalogue::initTestCase()
{
    connectors::registerBuiltInConnectors(m_registry);
    demo::DemoFill fill;
    fill.endMs = kEnd;
    m_h = DemoHistory::generate(fill);
    for (const DemoSeries &s : std::as_const(m_h.series))
        m_seriesInfo.append({qint64(m_seriesInfo.size() + 1), s.metric, s.labels, s.labels.value(QStringLiteral("project"))});
}

ServiceConfig tst_DemoCatalogue::config(const demo::DemoService &service) const
{
    ServiceConfig c;
    c.uuid = QStringLiteral("5717de00-0000-4000-8000-000000000000");
    c.project = service.project;
    c.name = service.name;
    c.type = service.type;
    c.settings = service.settings;
    c.interval = std::chrono::seconds(service.intervalS);
    return c;
}

QList<connector::MetricSpec> tst_DemoCatalogue::catalogue(const demo::DemoService &service) const
{
    auto connector = m_registry.create(service.type);
    return connector ? connector->metricsFor(config(service)) : QList<connector::MetricSpec>();
}

dashboard::ServiceRef tst_DemoCatalogue::appRef(const demo::DemoService &service) const
{
    dashboard::ServiceRef ref{service.project, service.name, service.type, {}};
    ref.metrics = dashboard::discoveredMetrics(m_seriesInfo, service.project, service.name, demo::demoMetrics());
    const QList<connector::MetricSpec> known = catalogue(service);
    for (connector::MetricSpec &spec : ref.metrics) {
        for (const connector::MetricSpec &k : known) {
            if (k.name != spec.name)
                continue;
            const QStringList seen = spec.dimensions;
            spec = k;
            for (const QString &d : seen)
                if (!spec.dimensions.contains(d))
                    spec.dimensions.append(d);
        }
    }
    return ref;
}

QStringList tst_DemoCatalogue::emptyQueries(const dashboard::DashboardSpec &spec) const
{
    QStringList empty;
    for (const dashboard::PanelSpec &panel : spec.panels) {
        for (const dashboard::PanelQuery &query : panel.queries) {
            bool found = false;
            for (const DemoSeries *s : m_h.matching(query.metric, query.labelFilter)) {
                if (!s->points.isEmpty() && (query.groupBy.isEmpty() || s->labels.contains(query.groupBy)))
                    found = true;
            }
            if (!found)
                empty << QStringLiteral("%1: %2 %3").arg(panel.title, query.metric, seriesKey(QString(), query.labelFilter));
        }
    }
    return empty;
}

void tst_DemoCatalogue::projectsAndServices()
{
    const QList<demo::DemoProject> projects = demo::demoProjects();
    QCOMPARE(projects.size(), 3);
    QSet<QString> projectNames;
    for (const demo::DemoProject &p : projects) {
        QVERIFY(p.name.startsWith(demo::demoProjectPrefix()));
        QVERIFY(p.environment == QLatin1String("production") || p.environment == QLatin1String("staging"));
        projectNames.insert(p.name);
    }
    QSet<QString> types, keys;
    for (const demo::DemoService &s : demo::demoServices()) {
        QVERIFY2(projectNames.contains(s.project), qPrintable(s.project));
        QVERIFY2(m_registry.info(s.type), qPrintable(s.type));
        QVERIFY(s.intervalS >= m_registry.info(s.type)->minInterval.count());
        QVERIFY2(!keys.contains(s.project + s.name), "service names are unique within a project");
        keys.insert(s.project + s.name);
        types.insert(s.type);
    }
    // Every connector type the build has.
    for (const connector::ConnectorInfo *info : m_registry.all())
        QVERIFY2(types.contains(info->typeId), qPrintable(info->typeId));
}

void tst_DemoCatalogue::everySampleBelongsToADemoService()
{
    QSet<QString> services, seen;
    for (const demo::DemoService &s : demo::demoServices())
        services.insert(s.project + QLatin1Char('/') + s.name);
    for (const DemoSeries &s : std::as_const(m_h.series)) {
        const QString key = s.labels.value(QStringLiteral("project")) + QLatin1Char('/') + s.labels.value(QStringLiteral("service"));
        QVERIFY2(services.contains(key), qPrintable(key + QLatin1Char(' ') + s.metric));
        seen.insert(key);
    }
    QCOMPARE(seen, services); // and every demo service has data
}

void tst_DemoCatalogue::settingsPassTheConnectorsChecks()
{
    for (const demo::DemoService &s : demo::demoServices()) {
        auto connector = m_registry.create(s.type);
        QVERIFY(connector);
        const Status fits = connector->checkConfiguration(config(s));
        QVERIFY2(fits, qPrintable(s.name + QStringLiteral(": ") + (fits ? QString() : fits.error().userMessage)));
    }
}

void tst_DemoCatalogue::seriesMatchTheConnectorCatalogues()
{
    for (const demo::DemoService &service : demo::demoServices()) {
        const QList<connector::MetricSpec> known = catalogue(service);
        const Labels filter = serviceFilter(service.project, service.name);
        for (const DemoSeries &s : std::as_const(m_h.series)) {
            if (!matches(s.labels, filter))
                continue;
            if (service.type == QLatin1String("prometheus")) {
                // Named as exposed; the scraper adds the job setting.
                QCOMPARE(s.labels.value(QStringLiteral("job")), service.settings.value(QStringLiteral("job")));
                continue;
            }
            const auto spec = std::find_if(known.cbegin(), known.cend(), [&](const auto &m) { return m.name == s.metric; });
            QVERIFY2(spec != known.cend(), qPrintable(s.metric + QStringLiteral(" is not in the ") + service.type + QStringLiteral(" catalogue")));
            for (const QString &label : s.labels.keys()) {
                if (label == QLatin1String("project") || label == QLatin1String("service"))
                    continue;
                QVERIFY2(spec->dimensions.contains(label), qPrintable(s.metric + QStringLiteral(": label ") + label));
            }
        }
    }
}

void tst_DemoCatalogue::demoMetricsDescribeEverySeries()
{
    QHash<QString, MetricInfo> infos;
    for (const MetricInfo &info : demo::demoMetrics()) {
        QVERIFY2(!infos.contains(info.name), qPrintable(info.name));
        QVERIFY2(info.description.endsWith(QStringLiteral(" (demo data)")), qPrintable(info.name));
        QVERIFY(!info.unit.isEmpty());
        infos.insert(info.name, info);
    }
    QSet<QString> emitted;
    for (const DemoSeries &s : std::as_const(m_h.series))
        emitted.insert(s.metric);
    for (const QString &metric : std::as_const(emitted))
        QVERIFY2(infos.contains(metric), qPrintable(metric));
    for (auto it = infos.cbegin(); it != infos.cend(); ++it)
        QVERIFY2(emitted.contains(it.key()), qPrintable(it.key() + QStringLiteral(" is catalogued but never emitted")));

    // Exactly the connectors' unit, kind and description.
    const QString suffix = QStringLiteral(" (demo data)");
    for (const demo::DemoService &service : demo::demoServices()) {
        for (const connector::MetricSpec &spec : catalogue(service)) {
            if (!infos.contains(spec.name))
                continue;
            const MetricInfo &info = infos.value(spec.name);
            QCOMPARE(info.unit, spec.unit);
            QVERIFY2(info.kind == spec.kind, qPrintable(spec.name));
            QCOMPARE(info.description, spec.description + suffix);
        }
    }
    // Prometheus kinds as the scraper decides them.
    for (const QString &name : {QStringLiteral("http_requests_total"), QStringLiteral("http_request_duration_seconds_bucket"),
                                QStringLiteral("db_query_duration_seconds_sum"), QStringLiteral("process_cpu_seconds_total")})
        QVERIFY(infos.value(name).kind == MetricKind::Counter);
    for (const QString &name : {QStringLiteral("db_query_duration_seconds"), QStringLiteral("go_goroutines")})
        QVERIFY(infos.value(name).kind == MetricKind::Gauge);
}

void tst_DemoCatalogue::serviceViewsHaveNoEmptyPanel()
{
    for (const demo::DemoService &service : demo::demoServices()) {
        const dashboard::DashboardSpec spec = dashboard::serviceTemplate(appRef(service));
        // One metric (the HTTP/JSON check) gives a stat and a chart; every other service a full view.
        QVERIFY2(spec.panels.size() >= (service.type == QLatin1String("http_json") ? 2 : 6), qPrintable(service.name));
        const QStringList empty = emptyQueries(spec);
        QVERIFY2(empty.isEmpty(), qPrintable(service.name + QStringLiteral(": ") + empty.join(QStringLiteral("; "))));
    }
}

void tst_DemoCatalogue::fullCatalogueServiceViewsHaveData()
{
    // The curated layout of each vendor type, built from the connector's whole catalogue, finds data for every
    // query in the production services: the demo covers the whole view. Exceptions: what a consumer Stytch
    // project does not report (B2B counts).
    const QSet<QString> notReported{QStringLiteral("stytch.organizations.total"), QStringLiteral("stytch.members.total")};
    for (const demo::DemoService &service : demo::demoServices()) {
        if (!service.project.endsWith(QLatin1String("Storefront")) && !service.project.endsWith(QLatin1String("Platform")))
            continue;
        if (service.type == QLatin1String("prometheus") || service.type == QLatin1String("http_json"))
            continue; // no static catalogue: their view is built from what they stored (the test above)
        const dashboard::DashboardSpec spec =
            dashboard::serviceTemplate({service.project, service.name, service.type, catalogue(service)});
        QStringList empty;
        for (const QString &e : emptyQueries(spec)) {
            if (!std::any_of(notReported.cbegin(), notReported.cend(), [&](const QString &m) { return e.contains(m); }))
                empty << e;
        }
        QVERIFY2(empty.isEmpty(), qPrintable(service.name + QStringLiteral(": ") + empty.join(QStringLiteral("; "))));
        QVERIFY(spec.panels.size() >= 8);
    }
}

void tst_DemoCatalogue::projectAndScenarioDashboardsHaveData()
{
    QList<dashboard::ServiceRef> all;
    for (const demo::DemoProject &project : demo::demoProjects()) {
        QList<dashboard::ServiceRef> refs;
        for (const demo::DemoService &service : demo::demoServices())
            if (service.project == project.name)
                refs.append(appRef(service));
        const QStringList empty = emptyQueries(dashboard::projectTemplate(project.name, refs));
        QVERIFY2(empty.isEmpty(), qPrintable(project.name + QStringLiteral(": ") + empty.join(QStringLiteral("; "))));
        all += refs;
    }
    for (dashboard::Scenario scenario : dashboard::allScenarios()) {
        QVERIFY2(dashboard::scenarioApplies(scenario, all), qPrintable(dashboard::scenarioTitle(scenario)));
        const QStringList empty = emptyQueries(dashboard::scenarioTemplate(scenario, all));
        QVERIFY2(empty.isEmpty(), qPrintable(dashboard::scenarioTitle(scenario) + QStringLiteral(": ") + empty.join(QStringLiteral("; "))));
    }
}

void tst_DemoCatalogue::healthHasOneFailingService()
{
    int failing = 0;
    for (const demo::DemoService &service : demo::demoServices()) {
        const ServiceHealth health = demo::demoHealth(service, kEnd);
        if (health.state == ServiceHealth::State::Failing) {
            ++failing;
            QVERIFY(health.lastError.endsWith(QStringLiteral("(simulated)")));
            QVERIFY(kEnd - health.lastSuccessMs > 15 * kMinute); // long enough for the built-in alert
            QVERIFY(health.consecutiveFailures > 0);
            continue;
        }
        QVERIFY(health.state == ServiceHealth::State::Ok);
        QVERIFY(health.lastError.isEmpty());
        QVERIFY(health.lastSuccessMs <= kEnd && kEnd - health.lastSuccessMs < service.intervalS * 1000);
        QVERIFY(health.nextRunMs > kEnd);
    }
    QCOMPARE(failing, 1);
}

void tst_DemoCatalogue::alertRulesAreValidAndWatchDemoSeries()
{
    const QList<rules::AlertRule> list = demo::demoAlertRules();
    QVERIFY(list.size() >= 6);
    QSet<QString> uuids;
    for (const rules::AlertRule &rule : list) {
        auto parsed = rules::ruleFromJson(rules::toJson(rule));
        QVERIFY2(parsed, qPrintable(rule.name + QStringLiteral(": ") + (parsed ? QString() : parsed.error().userMessage)));
        QCOMPARE(*parsed, rule);
        QVERIFY(!uuids.contains(rule.uuid));
        uuids.insert(rule.uuid);
        Labels filter = rule.labelFilter;
        filter.insert(QStringLiteral("project"), rule.project);
        filter.insert(QStringLiteral("service"), rule.service);
        QVERIFY2(!m_h.matching(rule.metric, filter).isEmpty(), qPrintable(rule.name));
    }
}

QTEST_GUILESS_MAIN(tst_DemoCatalogue)
#include "tst_democatalogue.moc"
