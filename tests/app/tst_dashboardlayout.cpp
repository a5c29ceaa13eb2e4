// Pure parts of the dashboard screens: grid layout rules, number formats, and the data a panel is built from.
#include "dashboard/gridlayout.h"
#include "dashboard/paneldata.h"
#include "dashboard/panelformat.h"

#include <QLocale>
#include <QTest>

using namespace stackscope;
using namespace stackscope::app;
using dashboard::GridRect;
using dashboard::PanelSpec;

Q_DECLARE_METATYPE(stackscope::dashboard::GridRect)

class tst_DashboardLayout : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }
    void formatValue_data();
    void formatValue();
    void formatDeltaAndPeriod();
    void thresholds();
    void pushDownOnMove();
    void draggingDownPastAPanelSwapsThem();
    void resizePushesNeighboursBelow();
    void compactionFillsHoles();
    void firstFreeSpace();
    void clampedStaysInsideTheGrid();
    void statValueAndDelta();
    void topNByGroupLabel();
    void percentilesAcrossSeries();
    void tableSummaries();
    void queryErrorIsKeptInPlainWords();
};

namespace {

PanelSpec panel(const QString &id, GridRect rect)
{
    PanelSpec p;
    p.id = id;
    p.rect = rect;
    return p;
}

GridRect rectOf(const QList<PanelSpec> &panels, const QString &id)
{
    for (const PanelSpec &p : panels)
        if (p.id == id)
            return p.rect;
    return {};
}

bool anyOverlap(const QList<PanelSpec> &panels)
{
    for (qsizetype i = 0; i < panels.size(); ++i)
        for (qsizetype j = i + 1; j < panels.size(); ++j)
            if (gridlayout::overlaps(panels.at(i).rect, panels.at(j).rect))
                return true;
    return false;
}

storage::SeriesPoints series(const QString &metric, Labels labels, QList<TimedValue> points)
{
    storage::SeriesPoints s;
    s.metric = metric;
    s.labels = std::move(labels);
    s.points = std::move(points);
    return s;
}

} // namespace

void tst_DashboardLayout::formatValue_data()
{
    QTest::addColumn<double>("value");
    QTest::addColumn<QString>("unit");
    QTest::addColumn<int>("decimals");
    QTest::addColumn<QString>("expected");
    QTest::addRow("plain small") << 12.5 << QString() << -1 << QStringLiteral("12.5");
    QTest::addRow("plain thousands") << 1234.0 << QString() << -1 << QStringLiteral("1.23k");
    QTest::addRow("plain millions") << 3'400'000.0 << QStringLiteral("messages") << -1 << QStringLiteral("3.4M");
    QTest::addRow("plain billions") << 2.5e9 << QString() << -1 << QStringLiteral("2.5B");
    QTest::addRow("fixed decimals") << 2.0 << QString() << 2 << QStringLiteral("2.00");
    QTest::addRow("percent") << 45.123 << QStringLiteral("%") << -1 << QStringLiteral("45.1%");
    QTest::addRow("percent word") << 100.0 << QStringLiteral("percent") << -1 << QStringLiteral("100%");
    QTest::addRow("ms") << 230.0 << QStringLiteral("ms") << -1 << QStringLiteral("230 ms");
    QTest::addRow("ms to s") << 1500.0 << QStringLiteral("ms") << -1 << QStringLiteral("1.5 s");
    QTest::addRow("ms to min") << 150'000.0 << QStringLiteral("ms") << -1 << QStringLiteral("2.5 min");
    QTest::addRow("s to ms") << 0.25 << QStringLiteral("s") << -1 << QStringLiteral("250 ms");
    QTest::addRow("bytes") << 512.0 << QStringLiteral("bytes") << -1 << QStringLiteral("512 B");
    QTest::addRow("KiB") << 2048.0 << QStringLiteral("bytes") << -1 << QStringLiteral("2 KiB");
    QTest::addRow("MiB") << 5.5 * 1024 * 1024 << QStringLiteral("bytes") << -1 << QStringLiteral("5.5 MiB");
    QTest::addRow("USD") << 1234.5 << QStringLiteral("USD") << -1 << QStringLiteral("$1,234.50");
    QTest::addRow("USD small") << 0.5 << QStringLiteral("USD") << -1 << QStringLiteral("$0.50");
    QTest::addRow("USD negative") << -3.0 << QStringLiteral("USD") << -1 << QStringLiteral("-$3.00");
    QTest::addRow("NaN") << std::nan("") << QString() << -1 << QStringLiteral("–");
}

void tst_DashboardLayout::formatValue()
{
    QFETCH(double, value);
    QFETCH(QString, unit);
    QFETCH(int, decimals);
    QFETCH(QString, expected);
    QCOMPARE(app::formatValue(value, unit, decimals), expected);
}

void tst_DashboardLayout::formatDeltaAndPeriod()
{
    QCOMPARE(formatDelta(112.5, 100.0), QStringLiteral("+12.5%"));
    QCOMPARE(formatDelta(97.0, 100.0), QStringLiteral("−3.0%"));
    QCOMPARE(formatDelta(100.0, 100.0), QStringLiteral("0%"));
    QCOMPARE(formatDelta(5.0, std::nullopt), QString());
    QCOMPARE(formatDelta(5.0, 0.0), QString());
    QCOMPARE(formatPeriod(24 * 3'600'000LL), QStringLiteral("24h"));
    QCOMPARE(formatPeriod(7 * 86'400'000LL), QStringLiteral("7d"));
    QCOMPARE(formatPeriod(365 * 86'400'000LL), QStringLiteral("1y"));
    QCOMPARE(formatPeriod(3'600'000LL), QStringLiteral("1h"));
    QCOMPARE(formatPeriod(90 * 60'000LL), QStringLiteral("1h 30m"));
}

void tst_DashboardLayout::thresholds()
{
    const QList<dashboard::Threshold> t{{80.0, QStringLiteral("#e0a800")}, {95.0, QStringLiteral("#d4202f")}};
    QCOMPARE(thresholdLevel(t, 10.0), 0);
    QCOMPARE(thresholdLevel(t, 80.0), 1);
    QCOMPARE(thresholdLevel(t, 99.0), 2);
    QCOMPARE(thresholdColor(t, 10.0, Qt::green), QColor(Qt::green));
    QCOMPARE(thresholdColor(t, 85.0, Qt::green), QColor(0xe0a800));
    QCOMPARE(thresholdColor(t, 96.0, Qt::green), QColor(0xd4202f));
}

void tst_DashboardLayout::pushDownOnMove()
{
    // A | B on the first row, C under them. Moving C onto the top left pushes A down under it.
    const QList<PanelSpec> panels{panel(QStringLiteral("A"), {0, 0, 12, 4}), panel(QStringLiteral("B"), {12, 0, 12, 4}),
                                  panel(QStringLiteral("C"), {0, 4, 8, 3})};
    const QList<PanelSpec> after = gridlayout::placed(panels, 2, {0, 0, 8, 3});
    QVERIFY(!anyOverlap(after));
    QCOMPARE(rectOf(after, QStringLiteral("C")), (GridRect{0, 0, 8, 3}));
    QCOMPARE(rectOf(after, QStringLiteral("A")), (GridRect{0, 3, 12, 4}));
    QCOMPARE(rectOf(after, QStringLiteral("B")), (GridRect{12, 0, 12, 4}));
}

void tst_DashboardLayout::draggingDownPastAPanelSwapsThem()
{
    const QList<PanelSpec> panels{panel(QStringLiteral("A"), {0, 0, 24, 4}), panel(QStringLiteral("B"), {0, 4, 24, 4})};
    const QList<PanelSpec> after = gridlayout::placed(panels, 0, {0, 5, 24, 4});
    QVERIFY(!anyOverlap(after));
    QCOMPARE(rectOf(after, QStringLiteral("B")), (GridRect{0, 0, 24, 4}));
    QCOMPARE(rectOf(after, QStringLiteral("A")), (GridRect{0, 4, 24, 4}));
}

void tst_DashboardLayout::resizePushesNeighboursBelow()
{
    const QList<PanelSpec> panels{panel(QStringLiteral("A"), {0, 0, 12, 4}), panel(QStringLiteral("B"), {12, 0, 12, 4}),
                                  panel(QStringLiteral("C"), {0, 4, 24, 4})};
    // A grows to the full width and one row taller: B and C go below it, in order.
    const QList<PanelSpec> after = gridlayout::placed(panels, 0, {0, 0, 24, 5});
    QVERIFY(!anyOverlap(after));
    QCOMPARE(rectOf(after, QStringLiteral("A")), (GridRect{0, 0, 24, 5}));
    QCOMPARE(rectOf(after, QStringLiteral("B")), (GridRect{12, 5, 12, 4}));
    QCOMPARE(rectOf(after, QStringLiteral("C")), (GridRect{0, 9, 24, 4}));
}

void tst_DashboardLayout::compactionFillsHoles()
{
    const QList<PanelSpec> panels{panel(QStringLiteral("A"), {0, 3, 12, 4}), panel(QStringLiteral("B"), {0, 10, 12, 4})};
    const QList<PanelSpec> after = gridlayout::compacted(panels);
    QCOMPARE(rectOf(after, QStringLiteral("A")), (GridRect{0, 0, 12, 4}));
    QCOMPARE(rectOf(after, QStringLiteral("B")), (GridRect{0, 4, 12, 4}));
    // A broken stored layout (overlaps) comes out without overlaps.
    const QList<PanelSpec> broken{panel(QStringLiteral("A"), {0, 0, 12, 4}), panel(QStringLiteral("B"), {6, 2, 12, 4})};
    QVERIFY(!anyOverlap(gridlayout::compacted(broken)));
}

void tst_DashboardLayout::firstFreeSpace()
{
    const QList<PanelSpec> panels{panel(QStringLiteral("A"), {0, 0, 12, 4})};
    QCOMPARE(gridlayout::firstFree(panels, 12, 4), (GridRect{12, 0, 12, 4}));
    QCOMPARE(gridlayout::firstFree(panels, 16, 4), (GridRect{0, 4, 16, 4}));
    QCOMPARE(gridlayout::firstFree({}, 6, 3), (GridRect{0, 0, 6, 3}));
}

void tst_DashboardLayout::clampedStaysInsideTheGrid()
{
    QCOMPARE(gridlayout::clamped({22, -3, 6, 1}), (GridRect{18, 0, 6, 2}));
    QCOMPARE(gridlayout::clamped({0, 0, 40, 4}), (GridRect{0, 0, 24, 4}));
}

void tst_DashboardLayout::statValueAndDelta()
{
    PanelQueryResults in;
    in.spec.type = dashboard::PanelType::Stat;
    in.spec.queries = {{QStringLiteral("orders"), {}, storage::Aggregation::Sum, {}, {}}};
    in.fromMs = 1000;
    in.toMs = 2000;
    storage::QueryResult now;
    now.series = {series(QStringLiteral("orders"), {{QStringLiteral("c"), QStringLiteral("US")}}, {{1000, 10}, {1500, 20}}),
                  series(QStringLiteral("orders"), {{QStringLiteral("c"), QStringLiteral("DE")}}, {{1000, 5}, {1500, 5}})};
    storage::QueryResult before;
    before.series = {series(QStringLiteral("orders"), {}, {{0, 20}, {500, 20}})};
    in.current = {now};
    in.previous = {before};
    const PanelData data = buildPanelData(in);
    QVERIFY(data.value.has_value());
    QCOMPARE(*data.value, 40.0);          // the total over both series and the range
    QCOMPARE(data.previousValue.value_or(-1), 40.0);
    QCOMPARE(data.sparkline.size(), 2);   // the two steps, summed over the series
    QCOMPARE(data.sparkline.at(0).y(), 15.0);
    QVERIFY(needsPreviousPeriod(in.spec, false));
}

void tst_DashboardLayout::topNByGroupLabel()
{
    PanelQueryResults in;
    in.spec.type = dashboard::PanelType::TopN;
    in.spec.topN = 2;
    in.spec.queries = {{QStringLiteral("sms"), {}, storage::Aggregation::Sum, QStringLiteral("country"), {}}};
    storage::QueryResult r;
    const auto c = [](const char *country, const char *carrier) {
        return Labels{{QStringLiteral("country"), QString::fromLatin1(country)},
                      {QStringLiteral("carrier"), QString::fromLatin1(carrier)}};
    };
    r.series = {series(QStringLiteral("sms"), c("US", "a"), {{0, 10}, {1, 10}}),
                series(QStringLiteral("sms"), c("US", "b"), {{0, 5}}),
                series(QStringLiteral("sms"), c("DE", "a"), {{0, 30}}),
                series(QStringLiteral("sms"), c("FR", "a"), {{0, 1}})};
    in.current = {r};
    const PanelData data = buildPanelData(in);
    QCOMPARE(data.summaries.size(), 2);
    QCOMPARE(data.summaries.at(0).name, QStringLiteral("DE"));
    QCOMPARE(data.summaries.at(0).value, 30.0);
    QCOMPARE(data.summaries.at(1).name, QStringLiteral("US"));   // both carriers together
    QCOMPARE(data.summaries.at(1).value, 25.0);
}

void tst_DashboardLayout::percentilesAcrossSeries()
{
    PanelQueryResults in;
    in.spec.type = dashboard::PanelType::Percentile;
    in.spec.percentiles = {50, 100};
    in.spec.queries = {{QStringLiteral("latency"), {}, storage::Aggregation::Avg, {}, {}}};
    storage::QueryResult r;
    for (int i = 1; i <= 5; ++i)
        r.series.append(series(QStringLiteral("latency"), {{QStringLiteral("i"), QString::number(i)}},
                               {{0, double(i * 10)}, {60'000, double(i * 20)}}));
    in.current = {r};
    const PanelData data = buildPanelData(in);
    QCOMPARE(data.series.size(), 2);
    QCOMPARE(data.series.at(0).name, QStringLiteral("p50"));
    QCOMPARE(data.series.at(0).points.at(0).y(), 30.0);
    QCOMPARE(data.series.at(0).points.at(1).y(), 60.0);
    QCOMPARE(data.series.at(1).points.at(1).y(), 100.0);
    QList<double> v{4, 1, 3, 2};
    QCOMPARE(percentile(v, 50), 2.5);
}

void tst_DashboardLayout::tableSummaries()
{
    PanelQueryResults in;
    in.spec.type = dashboard::PanelType::Table;
    in.spec.queries = {{QStringLiteral("cpu"), {}, storage::Aggregation::Avg, {}, {}}};
    storage::QueryResult r;
    r.series = {series(QStringLiteral("cpu"), {{QStringLiteral("host"), QStringLiteral("a")}}, {{0, 10}, {1, 30}, {2, 20}}),
                series(QStringLiteral("cpu"), {{QStringLiteral("host"), QStringLiteral("b")}}, {{0, 50}})};
    in.current = {r};
    const PanelData data = buildPanelData(in);
    QCOMPARE(data.summaries.size(), 2);
    QCOMPARE(data.summaries.at(0).name, QStringLiteral("a"));    // the label that tells the series apart
    QCOMPARE(data.summaries.at(0).last, 20.0);
    QCOMPARE(data.summaries.at(0).min, 10.0);
    QCOMPARE(data.summaries.at(0).max, 30.0);
    QCOMPARE(data.summaries.at(0).avg, 20.0);
}

void tst_DashboardLayout::queryErrorIsKeptInPlainWords()
{
    PanelQueryResults in;
    in.spec.type = dashboard::PanelType::Line;
    in.error = QStringLiteral("Could not read this panel's data: the database is locked");
    const PanelData data = buildPanelData(in);
    QCOMPARE(data.error, in.error);
    QVERIFY(!data.hasData());
}

QTEST_GUILESS_MAIN(tst_DashboardLayout)
#include "tst_dashboardlayout.moc"
