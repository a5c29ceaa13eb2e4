// The built-in templates against the connectors' real catalogues (this test links the connectors on purpose: the
// curated layouts name metrics as strings, and this is where a renamed metric shows up) and the demo workspace.
#include "connector/connectorregistry.h"
#include "dashboard/templates.h"
#include "demo/demodata.h"
#include "registration.h"

#include <QSet>
#include <QTest>

using namespace stackscope;
using namespace stackscope::dashboard;

class tst_Templates : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void serviceTemplateForEveryConnectorType_data();
    void serviceTemplateForEveryConnectorType();
    void twilioLayoutReadsWell();
    void partialCatalogueLeavesOutMissingMetrics();
    void unknownTypeGetsAGenericLayout();
    void projectTemplateHasARowPerService();
    void scenariosUseTheRightServices();
    void scenariosKeepSameNamedServicesApart();
    void demoWorkspaceServicesShowData();
    void demoMetricsAgainstConnectorCatalogues();

private:
    ServiceRef ref(const QString &type, const QString &project = QStringLiteral("shop")) const;
    QList<ServiceRef> everyType(const QString &project = QStringLiteral("shop")) const;

    connector::ConnectorRegistry m_registry;
};

namespace {

connector::MetricSpec metric(const QString &name, MetricKind kind, QStringList dimensions = {})
{
    connector::MetricSpec spec;
    spec.name = name;
    spec.kind = kind;
    spec.dimensions = std::move(dimensions);
    return spec;
}

// What a scraped service typically exposes (the catalogue is discovered, not fixed).
QList<connector::MetricSpec> prometheusCatalogue()
{
    return {metric(QStringLiteral("http_requests_total"), MetricKind::Counter, {QStringLiteral("job"), QStringLiteral("code"), QStringLiteral("method")}),
            metric(QStringLiteral("http_request_duration_seconds"), MetricKind::Gauge, {QStringLiteral("job"), QStringLiteral("quantile")}),
            metric(QStringLiteral("http_request_duration_seconds_bucket"), MetricKind::Counter, {QStringLiteral("job"), QStringLiteral("le")}),
            metric(QStringLiteral("process_resident_memory_bytes"), MetricKind::Gauge, {QStringLiteral("job")}),
            metric(QStringLiteral("up"), MetricKind::Gauge, {QStringLiteral("job")})};
}

// Every rule a template must keep: valid (grid, overlaps, thresholds), a lossless JSON round trip, and every
// query narrowed to one of the given services and using a metric (and dimension) of that service's catalogue.
void checkTemplate(const DashboardSpec &spec, const QList<ServiceRef> &services)
{
    const Status valid = validateDashboard(spec);
    QVERIFY2(valid, valid ? "" : qPrintable(valid.error().userMessage));
    auto back = dashboardFromJson(toJson(spec));
    QVERIFY2(back, back ? "" : qPrintable(back.error().userMessage));
    QCOMPARE(back.value(), spec);
    QVERIFY(!spec.title.isEmpty());
    for (const PanelSpec &panel : spec.panels) {
        QVERIFY2(!panel.title.isEmpty(), qPrintable(panel.id));
        QVERIFY(panel.rect.x + panel.rect.w <= DashboardSpec::kGridColumns);
        for (const PanelQuery &query : panel.queries) {
            const QString project = query.labelFilter.value(QStringLiteral("project"));
            const QString serviceName = query.labelFilter.value(QStringLiteral("service"));
            const ServiceRef *owner = nullptr;
            for (const ServiceRef &service : services) {
                if (service.project == project && service.name == serviceName)
                    owner = &service;
            }
            QVERIFY2(owner, qPrintable(QStringLiteral("\"%1\" queries %2 without naming one of the services").arg(panel.title, query.metric)));
            const connector::MetricSpec *known = nullptr;
            for (const connector::MetricSpec &m : owner->metrics) {
                if (m.name == query.metric)
                    known = &m;
            }
            QVERIFY2(known, qPrintable(QStringLiteral("\"%1\" uses %2, which %3 does not deliver").arg(panel.title, query.metric, owner->type)));
            if (!query.groupBy.isEmpty())
                QVERIFY2(known->dimensions.contains(query.groupBy),
                         qPrintable(QStringLiteral("\"%1\" groups %2 by %3").arg(panel.title, query.metric, query.groupBy)));
        }
    }
}

QSet<QString> metricsOf(const DashboardSpec &spec)
{
    QSet<QString> names;
    for (const PanelSpec &panel : spec.panels) {
        for (const PanelQuery &query : panel.queries)
            names.insert(query.metric);
    }
    return names;
}

int count(const DashboardSpec &spec, PanelType type)
{
    return int(std::count_if(spec.panels.cbegin(), spec.panels.cend(), [type](const PanelSpec &p) { return p.type == type; }));
}

// The demo's series, from one day of generated history.
QList<storage::SeriesInfo> demoSeries()
{
    QSet<QString> seen;
    QList<storage::SeriesInfo> series;
    demo::generateDemoHistory(1767225600000, 1, [&](SampleBatch batch) {
        for (const MetricSample &s : batch) {
            const QString key = s.metric + QLatin1Char('|') + QStringList(s.labels.keys()).join(QLatin1Char(','))
                                + QLatin1Char('|') + QStringList(s.labels.values()).join(QLatin1Char(','));
            if (seen.contains(key))
                continue;
            seen.insert(key);
            series.append({qint64(series.size() + 1), s.metric, s.labels, s.labels.value(QStringLiteral("project"))});
        }
    });
    return series;
}

QString demoType(const QString &metricName)
{
    for (const char *type : {"twilio", "sendgrid", "stytch", "onesignal", "sendbird", "mixpanel", "aws"}) {
        if (metricName.startsWith(QLatin1String(type) + QLatin1Char('.')))
            return QLatin1String(type);
    }
    return QStringLiteral("prometheus");
}

} // namespace

void tst_Templates::initTestCase()
{
    connectors::registerBuiltInConnectors(m_registry);
    QVERIFY(m_registry.all().size() >= 9);
}

ServiceRef tst_Templates::ref(const QString &type, const QString &project) const
{
    ServiceRef service;
    service.project = project;
    service.type = type;
    const connector::ConnectorInfo *info = m_registry.info(type);
    service.name = (info ? info->displayName : type) + QStringLiteral(" — production");
    if (type == QLatin1String("prometheus"))
        service.metrics = prometheusCatalogue();
    else if (type == QLatin1String("http_json"))
        service.metrics = {metric(QStringLiteral("orders.open"), MetricKind::Gauge, {QStringLiteral("region")})};
    else if (info)
        service.metrics = info->metrics;
    return service;
}

QList<ServiceRef> tst_Templates::everyType(const QString &project) const
{
    QList<ServiceRef> services;
    for (const connector::ConnectorInfo *info : m_registry.all())
        services.append(ref(info->typeId, project));
    return services;
}

void tst_Templates::serviceTemplateForEveryConnectorType_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<int>("minPanels");
    // Curated layouts have many panels; discovered catalogues as many as they allow.
    const QList<std::pair<const char *, int>> types{{"twilio", 14}, {"aws", 20}, {"sendgrid", 10}, {"stytch", 12},
                                                    {"onesignal", 14}, {"sendbird", 8}, {"mixpanel", 8},
                                                    {"prometheus", 6}, {"http_json", 2}};
    for (const auto &[type, minPanels] : types)
        QTest::addRow("%s", type) << QString::fromLatin1(type) << minPanels;
}

void tst_Templates::serviceTemplateForEveryConnectorType()
{
    QFETCH(QString, type);
    QFETCH(int, minPanels);
    QVERIFY2(m_registry.info(type), "the connector is registered");
    const ServiceRef service = ref(type);
    QVERIFY(!service.metrics.isEmpty());
    const DashboardSpec spec = serviceTemplate(service);
    checkTemplate(spec, {service});
    QVERIFY2(spec.panels.size() >= minPanels, qPrintable(QString::number(spec.panels.size())));
    QCOMPARE(spec.title, service.name);

    // Headline stats (with sparklines) on the top row, then time series below.
    int topRow = 0;
    for (const PanelSpec &panel : spec.panels) {
        if (panel.rect.y == 0) {
            QVERIFY(panel.type == PanelType::Stat);
            ++topRow;
        }
    }
    QVERIFY(topRow >= 1);
    const int series = count(spec, PanelType::Line) + count(spec, PanelType::Area) + count(spec, PanelType::Bar)
                       + count(spec, PanelType::Percentile);
    QVERIFY(series >= 1);
    // The top row is full width: no hole at its right edge.
    int topRowWidth = 0;
    for (const PanelSpec &panel : spec.panels)
        topRowWidth += panel.rect.y == 0 ? panel.rect.w : 0;
    QCOMPARE(topRowWidth, DashboardSpec::kGridColumns);
    // A breakdown by a dimension wherever the catalogue has dimensions.
    if (type != QLatin1String("sendbird")) {
        bool breakdown = false;
        for (const PanelSpec &panel : spec.panels) {
            for (const PanelQuery &query : panel.queries)
                breakdown = breakdown || !query.groupBy.isEmpty();
        }
        QVERIFY(breakdown);
    }
}

void tst_Templates::twilioLayoutReadsWell()
{
    const DashboardSpec spec = serviceTemplate(ref(QStringLiteral("twilio")));
    for (const PanelSpec &panel : spec.panels)
        qInfo().noquote() << QStringLiteral("%1 %2,%3 %4x%5 %6").arg(panelTypeName(panel.type)).arg(panel.rect.x).arg(panel.rect.y)
                                 .arg(panel.rect.w).arg(panel.rect.h).arg(panel.title);
    // Six headline stats, four columns each; then the message volumes beside the delivery rate and its gauge.
    for (int i = 0; i < 6; ++i) {
        QVERIFY(spec.panels.at(i).type == PanelType::Stat);
        QCOMPARE(spec.panels.at(i).rect, (GridRect{4 * i, 0, 4, 4}));
    }
    QCOMPARE(spec.panels.at(0).title, QStringLiteral("SMS sent"));
    QCOMPARE(spec.panels.at(5).title, QStringLiteral("Cost"));
    QCOMPARE(spec.panels.at(5).queries.first().labelFilter.value(QStringLiteral("category")), QStringLiteral("totalprice"));
    QCOMPARE(spec.panels.at(6).title, QStringLiteral("SMS sent, delivered and failed"));
    QCOMPARE(spec.panels.at(6).rect, (GridRect{0, 4, 12, 8}));
    QVERIFY(spec.panels.at(8).type == PanelType::Gauge);
    QCOMPARE(spec.panels.at(8).rect, (GridRect{18, 4, 6, 8}));
    QCOMPARE(spec.panels.at(0).queries.first().labelFilter,
             (Labels{{QStringLiteral("project"), QStringLiteral("shop")}, {QStringLiteral("service"), QStringLiteral("Twilio — production")}}));
}

void tst_Templates::partialCatalogueLeavesOutMissingMetrics()
{
    ServiceRef twilio = ref(QStringLiteral("twilio"));
    QList<connector::MetricSpec> few;
    for (const connector::MetricSpec &m : twilio.metrics) {
        if (m.name == QLatin1String("twilio.sms.sent") || m.name == QLatin1String("twilio.sms.failed"))
            few.append(m);
    }
    QCOMPARE(few.size(), 2);
    twilio.metrics = few;
    const DashboardSpec spec = serviceTemplate(twilio);
    checkTemplate(spec, {twilio});
    QCOMPARE(metricsOf(spec), (QSet<QString>{QStringLiteral("twilio.sms.sent"), QStringLiteral("twilio.sms.failed")}));
    // The multi-metric chart keeps the queries it can draw.
    bool found = false;
    for (const PanelSpec &panel : spec.panels)
        found = found || (panel.title == QLatin1String("SMS sent, delivered and failed") && panel.queries.size() == 2);
    QVERIFY(found);

    ServiceRef empty = ref(QStringLiteral("twilio"));
    empty.metrics.clear();
    QVERIFY(serviceTemplate(empty).panels.isEmpty());
    QVERIFY(validateDashboard(serviceTemplate(empty)));
}

void tst_Templates::unknownTypeGetsAGenericLayout()
{
    ServiceRef service;
    service.project = QStringLiteral("shop");
    service.name = QStringLiteral("Billing");
    service.type = QStringLiteral("stripe"); // no curated layout
    service.metrics = {metric(QStringLiteral("stripe.charges"), MetricKind::Counter, {QStringLiteral("currency")}),
                       metric(QStringLiteral("stripe.balance"), MetricKind::Gauge)};
    const DashboardSpec spec = serviceTemplate(service);
    checkTemplate(spec, {service});
    QCOMPARE(metricsOf(spec), (QSet<QString>{QStringLiteral("stripe.charges"), QStringLiteral("stripe.balance")}));
    QCOMPARE(count(spec, PanelType::Stat), 2);
    for (const PanelSpec &panel : spec.panels) {
        if (panel.queries.first().metric == QLatin1String("stripe.charges") && panel.type != PanelType::Stat) {
            QVERIFY(panel.type == PanelType::Bar);
            QCOMPARE(panel.queries.first().groupBy, QStringLiteral("currency"));
            QVERIFY(panel.queries.first().aggregation == storage::Aggregation::Sum);
        }
    }
}

void tst_Templates::projectTemplateHasARowPerService()
{
    const QList<ServiceRef> services = everyType();
    const DashboardSpec spec = projectTemplate(QStringLiteral("shop"), services);
    checkTemplate(spec, services);
    QCOMPARE(spec.title, QStringLiteral("shop"));
    QCOMPARE(count(spec, PanelType::Status), services.size());
    // Each service's row starts with its status tile, and every panel of a row is about that one service.
    QSet<int> rows;
    for (const PanelSpec &panel : spec.panels) {
        if (panel.type == PanelType::Status) {
            QCOMPARE(panel.rect.x, 0);
            rows.insert(panel.rect.y);
        }
        QVERIFY(panel.type == PanelType::Status || panel.type == PanelType::Stat);
    }
    QCOMPARE(rows.size(), services.size());
    for (int row : rows) {
        QSet<QString> owners;
        for (const PanelSpec &panel : spec.panels) {
            if (panel.rect.y == row)
                owners.insert(panel.queries.first().labelFilter.value(QStringLiteral("service")));
        }
        QCOMPARE(owners.size(), 1);
    }
}

void tst_Templates::scenariosUseTheRightServices()
{
    const QList<ServiceRef> services = everyType();
    QCOMPARE(allScenarios().size(), 5);
    const QMap<Scenario, QSet<QString>> expectedTypes{
        {Scenario::AuthHealth, {QStringLiteral("stytch"), QStringLiteral("twilio"), QStringLiteral("sendbird")}},
        {Scenario::MessagingDelivery, {QStringLiteral("twilio"), QStringLiteral("onesignal"), QStringLiteral("sendbird"), QStringLiteral("sendgrid")}},
        {Scenario::Infrastructure, {QStringLiteral("aws"), QStringLiteral("prometheus"), QStringLiteral("http_json")}},
        {Scenario::EmailDeliverability, {QStringLiteral("sendgrid"), QStringLiteral("onesignal")}},
        {Scenario::BusinessKpis, {QStringLiteral("mixpanel"), QStringLiteral("stytch"), QStringLiteral("sendbird"), QStringLiteral("twilio"), QStringLiteral("onesignal")}},
    };
    QSet<QString> titles;
    for (Scenario scenario : allScenarios()) {
        const DashboardSpec spec = scenarioTemplate(scenario, services);
        checkTemplate(spec, services);
        QCOMPARE(spec.title, scenarioTitle(scenario));
        titles.insert(spec.title);
        QVERIFY(!scenarioDescription(scenario).isEmpty());
        QVERIFY(spec.panels.size() >= 6);
        QVERIFY(scenarioApplies(scenario, services));
        QSet<QString> usedTypes;
        for (const PanelSpec &panel : spec.panels) {
            for (const ServiceRef &service : services) {
                if (panel.queries.first().labelFilter.value(QStringLiteral("service")) == service.name) {
                    usedTypes.insert(service.type);
                    QVERIFY2(panel.title.startsWith(service.name + QStringLiteral(": ")), qPrintable(panel.title));
                }
            }
        }
        QCOMPARE(usedTypes, expectedTypes.value(scenario));
    }
    QCOMPARE(titles, (QSet<QString>{QStringLiteral("Auth health"), QStringLiteral("Messaging delivery"), QStringLiteral("Infrastructure"),
                                    QStringLiteral("Email deliverability"), QStringLiteral("Business KPIs")}));

    // Only AWS: infrastructure applies, auth health does not.
    const QList<ServiceRef> awsOnly{ref(QStringLiteral("aws"))};
    QVERIFY(scenarioApplies(Scenario::Infrastructure, awsOnly));
    QVERIFY(!scenarioApplies(Scenario::AuthHealth, awsOnly));
    QVERIFY(scenarioTemplate(Scenario::AuthHealth, awsOnly).panels.isEmpty());
}

void tst_Templates::scenariosKeepSameNamedServicesApart()
{
    // Two projects with a "Twilio — production" each: every panel names its project too.
    const QList<ServiceRef> services{ref(QStringLiteral("twilio"), QStringLiteral("shop")), ref(QStringLiteral("twilio"), QStringLiteral("blog"))};
    const DashboardSpec spec = scenarioTemplate(Scenario::MessagingDelivery, services);
    checkTemplate(spec, services);
    int shop = 0;
    int blog = 0;
    for (const PanelSpec &panel : spec.panels) {
        const QString project = panel.queries.first().labelFilter.value(QStringLiteral("project"));
        QVERIFY2(panel.title.startsWith(project + QStringLiteral(" / ")), qPrintable(panel.title));
        (project == QLatin1String("shop") ? shop : blog) += 1;
    }
    QVERIFY(shop > 0);
    QCOMPARE(shop, blog);
}

void tst_Templates::demoWorkspaceServicesShowData()
{
    // The demo registers no service rows; its services are known from their series. Templates built from the
    // discovered catalogue must draw only series the demo has.
    const QList<storage::SeriesInfo> series = demoSeries();
    QMap<QPair<QString, QString>, QString> demoServices; // (project, service) -> type, as the demo declares them
    for (const demo::DemoService &d : demo::demoServices())
        demoServices.insert({d.project, d.name}, d.type);
    QSet<QPair<QString, QString>> withSeries;
    for (const storage::SeriesInfo &s : series)
        withSeries.insert({s.labels.value(QStringLiteral("project")), s.labels.value(QStringLiteral("service"))});
    // Every declared service has series, and no series belongs to an undeclared service.
    QCOMPARE(withSeries.size(), demoServices.size());
    for (const auto &key : withSeries)
        QVERIFY2(demoServices.contains(key), qPrintable(key.first + QLatin1Char('/') + key.second));

    QList<ServiceRef> services;
    for (auto it = demoServices.cbegin(); it != demoServices.cend(); ++it) {
        ServiceRef service{it.key().first, it.key().second, it.value(),
                           discoveredMetrics(series, it.key().first, it.key().second, demo::demoMetrics())};
        QVERIFY(!service.metrics.isEmpty());
        const DashboardSpec spec = serviceTemplate(service);
        checkTemplate(spec, {service});
        QVERIFY2(spec.panels.size() >= 2, qPrintable(service.name));
        services.append(service);
    }
    checkTemplate(projectTemplate(demo::demoStorefrontProject(), services), services);
    for (Scenario scenario : allScenarios())
        checkTemplate(scenarioTemplate(scenario, services), services);
    QVERIFY(scenarioApplies(Scenario::MessagingDelivery, services));
    QVERIFY(scenarioApplies(Scenario::Infrastructure, services));
}

void tst_Templates::demoMetricsAgainstConnectorCatalogues()
{
    // Reports which demo metric names and labels the real connectors do not deliver (the lead decides whether
    // the demo follows the catalogues); asserts only that the comparison itself works.
    const QList<storage::SeriesInfo> series = demoSeries();
    QStringList differences;
    QSet<QString> checked;
    for (const storage::SeriesInfo &s : series) {
        const QString type = demoType(s.metric);
        const connector::ConnectorInfo *info = m_registry.info(type);
        QVERIFY(info);
        if (type == QLatin1String("prometheus") || checked.contains(s.metric))
            continue;
        checked.insert(s.metric);
        const connector::MetricSpec *spec = nullptr;
        for (const connector::MetricSpec &m : info->metrics) {
            if (m.name == s.metric)
                spec = &m;
        }
        if (!spec) {
            differences << QStringLiteral("%1: not in the %2 catalogue").arg(s.metric, type);
            continue;
        }
        for (const QString &label : s.labels.keys()) {
            if (label != QLatin1String("project") && label != QLatin1String("service") && !spec->dimensions.contains(label))
                differences << QStringLiteral("%1: label \"%2\" is not a dimension (catalogue: %3)").arg(s.metric, label, spec->dimensions.join(QLatin1Char(',')));
        }
    }
    for (const QString &difference : std::as_const(differences))
        qInfo().noquote() << "demo vs catalogue:" << difference;
    QVERIFY(checked.size() >= 10);
}

QTEST_GUILESS_MAIN(tst_Templates)
#include "tst_templates.moc"
