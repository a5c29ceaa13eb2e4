#include "dashboard/dashboardspec.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QtTest>

using namespace stackscope;
using namespace stackscope::dashboard;

class tst_DashboardSpec : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void panelTypeNamesRoundTrip();
    void everyPanelTypeRoundTrips_data();
    void everyPanelTypeRoundTrips();
    void fullSpecRoundTripsExactly();
    void jsonIsStableAndVersioned();
    void emptyDashboardIsValid();
    void refusesWithPlainWords_data();
    void refusesWithPlainWords();
    void refusesNewerFormat();
    void importReportsBrokenJson();
    void validateCatchesSpecsBuiltInCode();
};

namespace {

PanelSpec panel(const QString &id, PanelType type, GridRect rect)
{
    PanelSpec p;
    p.id = id;
    p.type = type;
    p.title = QStringLiteral("Panel ") + id;
    p.rect = rect;
    PanelQuery query;
    query.metric = QStringLiteral("twilio.sms.sent");
    query.labelFilter = {{QStringLiteral("project"), QStringLiteral("shop")}, {QStringLiteral("service"), QStringLiteral("Twilio")}};
    query.aggregation = storage::Aggregation::Sum;
    p.queries = {query};
    return p;
}

DashboardSpec oneValidPanel()
{
    DashboardSpec spec;
    spec.title = QStringLiteral("Test");
    spec.panels = {panel(QStringLiteral("a"), PanelType::Line, {0, 0, 12, 6})};
    return spec;
}

QJsonObject validJson()
{
    return toJson(oneValidPanel());
}

// Edits the first panel of a valid document.
QJsonObject withPanel(const std::function<void(QJsonObject &)> &edit)
{
    QJsonObject json = validJson();
    QJsonArray panels = json.value(QStringLiteral("panels")).toArray();
    QJsonObject first = panels.at(0).toObject();
    edit(first);
    panels[0] = first;
    json.insert(QStringLiteral("panels"), panels);
    return json;
}

QJsonObject withQuery(const std::function<void(QJsonObject &)> &edit)
{
    return withPanel([&](QJsonObject &p) {
        QJsonArray queries = p.value(QStringLiteral("queries")).toArray();
        QJsonObject query = queries.at(0).toObject();
        edit(query);
        queries[0] = query;
        p.insert(QStringLiteral("queries"), queries);
    });
}

QJsonObject grid(int x, int y, int w, int h)
{
    return QJsonObject{{QStringLiteral("x"), x}, {QStringLiteral("y"), y}, {QStringLiteral("w"), w}, {QStringLiteral("h"), h}};
}

} // namespace

void tst_DashboardSpec::panelTypeNamesRoundTrip()
{
    const QList<PanelType> types{PanelType::Line, PanelType::Area, PanelType::Bar, PanelType::Stat, PanelType::Gauge,
                                 PanelType::Table, PanelType::TopN, PanelType::Percentile, PanelType::Status};
    QSet<QString> names;
    for (PanelType type : types) {
        const QString name = panelTypeName(type);
        QVERIFY(!name.isEmpty());
        names.insert(name);
        QCOMPARE(panelTypeFromName(name), std::optional<PanelType>(type));
    }
    QCOMPARE(names.size(), types.size());
    QCOMPARE(panelTypeName(PanelType::TopN), QStringLiteral("top_n"));
    QVERIFY(!panelTypeFromName(QStringLiteral("pie")));
    QVERIFY(!panelTypeFromName(QStringLiteral("Line"))); // names are exact
}

void tst_DashboardSpec::everyPanelTypeRoundTrips_data()
{
    QTest::addColumn<int>("type");
    for (PanelType type : {PanelType::Line, PanelType::Area, PanelType::Bar, PanelType::Stat, PanelType::Gauge,
                           PanelType::Table, PanelType::TopN, PanelType::Percentile, PanelType::Status})
        QTest::addRow("%s", qPrintable(panelTypeName(type))) << int(type);
}

void tst_DashboardSpec::everyPanelTypeRoundTrips()
{
    QFETCH(int, type);
    DashboardSpec spec = oneValidPanel();
    PanelSpec &p = spec.panels[0];
    p.type = PanelType(type);
    switch (p.type) {
    case PanelType::Area:
    case PanelType::Bar:
        p.stacked = true;
        p.queries[0].groupBy = QStringLiteral("country");
        break;
    case PanelType::Stat:
        p.thresholds = {{0, QStringLiteral("#2E7D32")}, {10, QStringLiteral("#C62828")}};
        p.decimals = 0;
        break;
    case PanelType::Gauge:
        p.gaugeMin = -5;
        p.gaugeMax = 250.5;
        p.unit = QStringLiteral("percent");
        break;
    case PanelType::Table:
    case PanelType::TopN:
        p.topN = 5;
        p.queries[0].groupBy = QStringLiteral("country");
        break;
    case PanelType::Percentile:
        p.percentiles = {50, 95, 99.9};
        break;
    case PanelType::Line:
    case PanelType::Status:
        break;
    }
    auto back = dashboardFromJson(toJson(spec));
    QVERIFY2(back, back ? "" : qPrintable(back.error().userMessage));
    QCOMPARE(back.value(), spec);
    QCOMPARE(toJson(back.value()), toJson(spec));
}

void tst_DashboardSpec::fullSpecRoundTripsExactly()
{
    DashboardSpec spec;
    spec.title = QStringLiteral("Everything — ünïcode");
    spec.description = QStringLiteral("All fields set");
    spec.defaultRangeMs = 90LL * 24 * 3600 * 1000;
    spec.refreshSeconds = 0;
    PanelSpec a = panel(QStringLiteral("a"), PanelType::Bar, {0, 0, 24, 8});
    PanelQuery second;
    second.metric = QStringLiteral("twilio.sms.failed");
    second.aggregation = storage::Aggregation::Max;
    second.legend = QStringLiteral("Failed");
    second.groupBy = QStringLiteral("country");
    a.queries.append(second);
    a.stacked = true;
    a.unit = QStringLiteral("messages");
    a.decimals = 2;
    a.thresholds = {{-1.5, QStringLiteral("#000000")}, {0, QStringLiteral("#aabbcc")}, {1e9, QStringLiteral("#FFFFFF")}};
    a.topN = 3;
    a.gaugeMin = 1;
    a.gaugeMax = 2;
    a.percentiles = {1, 50};
    PanelSpec b = panel(QStringLiteral("b"), PanelType::Status, {0, 8, 1, 1});
    b.queries[0].aggregation = storage::Aggregation::Last;
    PanelSpec c = panel(QStringLiteral("c"), PanelType::Table, {23, 8, 1, 100});
    c.queries[0].aggregation = storage::Aggregation::Count;
    spec.panels = {a, b, c};

    auto back = importDashboard(exportDashboard(spec));
    QVERIFY2(back, back ? "" : qPrintable(back.error().userMessage));
    QCOMPARE(back.value(), spec);
}

void tst_DashboardSpec::jsonIsStableAndVersioned()
{
    const QJsonObject json = validJson();
    QCOMPARE(json.value(QStringLiteral("format")).toInt(), DashboardSpec::kFormatVersion);
    QCOMPARE(json.value(QStringLiteral("format")).toInt(), 1);
    const QJsonObject first = json.value(QStringLiteral("panels")).toArray().at(0).toObject();
    QCOMPARE(first.value(QStringLiteral("type")).toString(), QStringLiteral("line"));
    QCOMPARE(first.value(QStringLiteral("grid")).toObject(), grid(0, 0, 12, 6));
    const QJsonObject query = first.value(QStringLiteral("queries")).toArray().at(0).toObject();
    QCOMPARE(query.value(QStringLiteral("aggregation")).toString(), QStringLiteral("sum"));
    QCOMPARE(query.value(QStringLiteral("labels")).toObject().value(QStringLiteral("service")).toString(), QStringLiteral("Twilio"));
    // Defaults are left out, so an export stays short; the same spec gives the same bytes.
    QVERIFY(!first.contains(QStringLiteral("stacked")));
    QVERIFY(!first.contains(QStringLiteral("thresholds")));
    QVERIFY(!first.contains(QStringLiteral("top_n")));
    QCOMPARE(exportDashboard(oneValidPanel()), exportDashboard(oneValidPanel()));
}

void tst_DashboardSpec::emptyDashboardIsValid()
{
    DashboardSpec spec;
    spec.title = QStringLiteral("New dashboard");
    auto back = dashboardFromJson(toJson(spec));
    QVERIFY(back);
    QVERIFY(back->panels.isEmpty());
}

void tst_DashboardSpec::refusesWithPlainWords_data()
{
    QTest::addColumn<QJsonObject>("json");
    QTest::addColumn<QStringList>("mentions"); // every one must appear in the message

    const QString p1 = QStringLiteral("Panel 1 (\"Panel a\")");
    QTest::addRow("unknown panel type") << withPanel([](QJsonObject &p) { p.insert(QStringLiteral("type"), QStringLiteral("pie")); })
                                        << QStringList{p1, QStringLiteral("\"pie\" is not a panel type")};
    QTest::addRow("past the grid") << withPanel([](QJsonObject &p) { p.insert(QStringLiteral("grid"), grid(20, 0, 6, 4)); })
                                   << QStringList{p1, QStringLiteral("past the 24-column grid")};
    QTest::addRow("negative position") << withPanel([](QJsonObject &p) { p.insert(QStringLiteral("grid"), grid(-1, 0, 6, 4)); })
                                       << QStringList{p1, QStringLiteral("outside the grid")};
    QTest::addRow("zero width") << withPanel([](QJsonObject &p) { p.insert(QStringLiteral("grid"), grid(0, 0, 0, 4)); })
                                << QStringList{p1, QStringLiteral("at least one cell")};
    QTest::addRow("fractional cell") << withPanel([](QJsonObject &p) { p.insert(QStringLiteral("grid"), QJsonObject{{QStringLiteral("x"), 0.5}, {QStringLiteral("y"), 0}, {QStringLiteral("w"), 4}, {QStringLiteral("h"), 4}}); })
                                     << QStringList{p1, QStringLiteral("grid"), QStringLiteral("\"x\" must be a whole number")};
    QTest::addRow("missing grid") << withPanel([](QJsonObject &p) { p.remove(QStringLiteral("grid")); })
                                  << QStringList{p1, QStringLiteral("\"grid\" is missing")};
    QTest::addRow("empty metric") << withQuery([](QJsonObject &q) { q.insert(QStringLiteral("metric"), QString()); })
                                  << QStringList{p1, QStringLiteral("the metric is empty")};
    QTest::addRow("metric not text") << withQuery([](QJsonObject &q) { q.insert(QStringLiteral("metric"), 5); })
                                     << QStringList{p1, QStringLiteral("query 1"), QStringLiteral("\"metric\" must be text, not a number")};
    QTest::addRow("bad aggregation") << withQuery([](QJsonObject &q) { q.insert(QStringLiteral("aggregation"), QStringLiteral("median")); })
                                     << QStringList{p1, QStringLiteral("\"median\" is not an aggregation")};
    QTest::addRow("label not text") << withQuery([](QJsonObject &q) { q.insert(QStringLiteral("labels"), QJsonObject{{QStringLiteral("service"), 3}}); })
                                    << QStringList{p1, QStringLiteral("label filter \"service\" must be text")};
    QTest::addRow("no queries") << withPanel([](QJsonObject &p) { p.insert(QStringLiteral("queries"), QJsonArray()); })
                                << QStringList{p1, QStringLiteral("no metric to show")};
    QTest::addRow("thresholds not ascending")
        << withPanel([](QJsonObject &p) {
               p.insert(QStringLiteral("thresholds"),
                        QJsonArray{QJsonObject{{QStringLiteral("value"), 10}, {QStringLiteral("color"), QStringLiteral("#FF0000")}},
                                   QJsonObject{{QStringLiteral("value"), 5}, {QStringLiteral("color"), QStringLiteral("#00FF00")}}});
           })
        << QStringList{p1, QStringLiteral("thresholds must ascend"), QStringLiteral("5 follows 10")};
    QTest::addRow("bad colour")
        << withPanel([](QJsonObject &p) {
               p.insert(QStringLiteral("thresholds"),
                        QJsonArray{QJsonObject{{QStringLiteral("value"), 1}, {QStringLiteral("color"), QStringLiteral("red")}}});
           })
        << QStringList{p1, QStringLiteral("threshold 1"), QStringLiteral("#RRGGBB")};
    QTest::addRow("unknown field") << withPanel([](QJsonObject &p) { p.insert(QStringLiteral("colour"), QStringLiteral("#FF0000")); })
                                   << QStringList{p1, QStringLiteral("unknown field \"colour\"")};
    QTest::addRow("top-n zero") << withPanel([](QJsonObject &p) { p.insert(QStringLiteral("top_n"), 0); })
                                << QStringList{p1, QStringLiteral("top_n")};
    QTest::addRow("gauge upside down") << withPanel([](QJsonObject &p) { p.insert(QStringLiteral("gauge"), QJsonObject{{QStringLiteral("min"), 5}, {QStringLiteral("max"), 1}}); })
                                       << QStringList{p1, QStringLiteral("gauge's minimum (5) must be below its maximum (1)")};
    QTest::addRow("percentile over 100") << withPanel([](QJsonObject &p) { p.insert(QStringLiteral("percentiles"), QJsonArray{50, 101}); })
                                         << QStringList{p1, QStringLiteral("percentile 101")};
    QTest::addRow("missing id") << withPanel([](QJsonObject &p) { p.remove(QStringLiteral("id")); })
                                << QStringList{p1, QStringLiteral("\"id\" is missing")};

    QJsonObject overlapping = validJson();
    {
        QJsonArray panels = overlapping.value(QStringLiteral("panels")).toArray();
        QJsonObject second = panels.at(0).toObject();
        second.insert(QStringLiteral("id"), QStringLiteral("b"));
        second.insert(QStringLiteral("title"), QStringLiteral("Second"));
        second.insert(QStringLiteral("grid"), grid(11, 5, 4, 4));
        panels.append(second);
        overlapping.insert(QStringLiteral("panels"), panels);
    }
    QTest::addRow("overlap") << overlapping << QStringList{QStringLiteral("Panel 2 (\"Second\") overlaps Panel 1 (\"Panel a\")")};

    QJsonObject duplicateId = validJson();
    {
        QJsonArray panels = duplicateId.value(QStringLiteral("panels")).toArray();
        QJsonObject second = panels.at(0).toObject();
        second.insert(QStringLiteral("grid"), grid(12, 0, 4, 4));
        panels.append(second);
        duplicateId.insert(QStringLiteral("panels"), panels);
    }
    QTest::addRow("duplicate id") << duplicateId << QStringList{QStringLiteral("Panel 2"), QStringLiteral("same id as Panel 1")};

    QJsonObject noFormat = validJson();
    noFormat.remove(QStringLiteral("format"));
    QTest::addRow("no format") << noFormat << QStringList{QStringLiteral("\"format\"")};
    QJsonObject panelsNotList = validJson();
    panelsNotList.insert(QStringLiteral("panels"), QStringLiteral("none"));
    QTest::addRow("panels not a list") << panelsNotList << QStringList{QStringLiteral("\"panels\" must be a list, not text")};
    QJsonObject badRange = validJson();
    badRange.insert(QStringLiteral("default_range_ms"), 5);
    QTest::addRow("range too short") << badRange << QStringList{QStringLiteral("default time range")};
    QJsonObject topUnknown = validJson();
    topUnknown.insert(QStringLiteral("theme"), QStringLiteral("dark"));
    QTest::addRow("unknown top-level field") << topUnknown << QStringList{QStringLiteral("unknown field \"theme\"")};
}

void tst_DashboardSpec::refusesWithPlainWords()
{
    QFETCH(QJsonObject, json);
    QFETCH(QStringList, mentions);
    auto result = dashboardFromJson(json);
    QVERIFY(!result);
    QVERIFY(result.error().code == Error::Code::Parse);
    for (const QString &mention : mentions)
        QVERIFY2(result.error().userMessage.contains(mention),
                 qPrintable(QStringLiteral("\"%1\" not in: %2").arg(mention, result.error().userMessage)));
}

void tst_DashboardSpec::refusesNewerFormat()
{
    QJsonObject json = validJson();
    json.insert(QStringLiteral("format"), 2);
    json.insert(QStringLiteral("something_new"), true);
    auto result = dashboardFromJson(json);
    QVERIFY(!result);
    QVERIFY2(result.error().userMessage.contains(QStringLiteral("newer Stackscope")), qPrintable(result.error().userMessage));
}

void tst_DashboardSpec::importReportsBrokenJson()
{
    auto broken = importDashboard("{\"format\": 1, \"panels\": [");
    QVERIFY(!broken);
    QVERIFY2(broken.error().userMessage.contains(QStringLiteral("not a dashboard file")), qPrintable(broken.error().userMessage));
    auto array = importDashboard("[1, 2]");
    QVERIFY(!array);
    auto good = importDashboard(exportDashboard(oneValidPanel()));
    QVERIFY(good);
    QCOMPARE(good.value(), oneValidPanel());
}

void tst_DashboardSpec::validateCatchesSpecsBuiltInCode()
{
    QVERIFY(validateDashboard(oneValidPanel()));
    DashboardSpec touching = oneValidPanel();
    touching.panels.append(panel(QStringLiteral("b"), PanelType::Stat, {12, 0, 12, 6})); // edge to edge: fine
    touching.panels.append(panel(QStringLiteral("c"), PanelType::Stat, {0, 6, 24, 2}));
    QVERIFY(validateDashboard(touching));
    DashboardSpec overlapping = touching;
    overlapping.panels.append(panel(QStringLiteral("d"), PanelType::Stat, {23, 7, 1, 1}));
    QVERIFY(!validateDashboard(overlapping));
    DashboardSpec noId = oneValidPanel();
    noId.panels[0].id.clear();
    QVERIFY(!validateDashboard(noId));
    DashboardSpec equalThresholds = oneValidPanel();
    equalThresholds.panels[0].thresholds = {{1, QStringLiteral("#000000")}, {1, QStringLiteral("#111111")}};
    QVERIFY(!validateDashboard(equalThresholds));
    QVERIFY(!newPanelId().isEmpty());
    QVERIFY(newPanelId() != newPanelId());
}

QTEST_GUILESS_MAIN(tst_DashboardSpec)
#include "tst_dashboardspec.moc"
