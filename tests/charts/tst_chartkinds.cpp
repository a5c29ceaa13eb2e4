// Area, bar and sparkline widgets: they render, follow light and dark palettes and toggle from the legend.
// With STACKSCOPE_SCREENSHOT_DIR set, every chart kind is saved as a PNG in both themes for people to judge.
// Registered twice: at scale factor 1 and at QT_SCALE_FACTOR=2 (HiDPI).
#include "areachartview.h"
#include "barchartview.h"
#include "sparklinewidget.h"
#include "timeserieschartview.h"

#include <QApplication>
#include <QAreaSeries>
#include <QBarSet>
#include <QChart>
#include <QAbstractBarSeries>
#include <QDir>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QSignalSpy>
#include <QTest>
#include <QVBoxLayout>

#include <cmath>

using namespace stackscope::charts;

class tst_ChartKinds : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void lineRenders_data() { themes(); }
    void lineRenders();
    void areaRenders_data() { themes(); }
    void areaRenders();
    void stackedAreaStacks();
    void barRenders_data() { themes(); }
    void barRenders();
    void barBucketsAndLegend();
    void barBucketsFollowCoarseData();
    void sparklineRenders_data() { themes(); }
    void sparklineRenders();
    void hidpiGrabIsSharp();

private:
    static void themes()
    {
        QTest::addColumn<bool>("dark");
        QTest::addRow("light") << false;
        QTest::addRow("dark") << true;
    }
};

namespace {

constexpr qint64 kMinute = 60'000;
constexpr qint64 kHour = 60 * kMinute;
const qint64 kEnd = 1'700'000'000'000LL - 1'700'000'000'000LL % kHour;

QPalette darkPalette()
{
    QPalette p;
    p.setColor(QPalette::Window, QColor(0x1f, 0x22, 0x27));
    p.setColor(QPalette::WindowText, QColor(0xe4, 0xe6, 0xea));
    p.setColor(QPalette::Base, QColor(0x17, 0x19, 0x1d));
    p.setColor(QPalette::Text, QColor(0xe4, 0xe6, 0xea));
    p.setColor(QPalette::PlaceholderText, QColor(0x8a, 0x90, 0x99));
    p.setColor(QPalette::Highlight, QColor(0x3d, 0x8b, 0xfd));
    return p;
}

QPalette lightPalette()
{
    QPalette p;
    p.setColor(QPalette::Window, QColor(0xf5, 0xf6, 0xf8));
    p.setColor(QPalette::WindowText, QColor(0x1d, 0x20, 0x24));
    p.setColor(QPalette::Base, Qt::white);
    p.setColor(QPalette::Text, QColor(0x1d, 0x20, 0x24));
    p.setColor(QPalette::PlaceholderText, QColor(0x70, 0x76, 0x7f));
    p.setColor(QPalette::Highlight, QColor(0x1f, 0x6f, 0xd4));
    return p;
}

// A day of one-minute request latencies with a daily rhythm, noise and an incident around 14:00.
ChartSeries latency(const QString &name, double base, int seed)
{
    ChartSeries s{name, {}, kMinute, QStringLiteral("ms"), {}};
    for (int i = 0; i < 24 * 60; ++i) {
        const double t = i / 60.0;
        double v = base * (1.0 + 0.35 * std::sin((t - 9.0) / 24.0 * 2 * M_PI)) + base * 0.08 * std::sin(i * 0.7 + seed)
                   + base * 0.05 * std::sin(i * 2.3 + seed * 3);
        if (i > 14 * 60 && i < 14 * 60 + 25)
            v += base * 1.6 * std::sin((i - 14 * 60) / 25.0 * M_PI);
        s.points.append(QPointF(double(kEnd - 24 * kHour + i * kMinute), v));
    }
    return s;
}

QImage render(QWidget &w)
{
    return w.grab().toImage();
}

// Pixels that differ clearly from `background` inside `area` (device pixels).
int inkPixels(const QImage &image, const QColor &background, QRect area = {})
{
    if (area.isNull())
        area = image.rect();
    int count = 0;
    for (int y = area.top(); y <= area.bottom(); ++y) {
        for (int x = area.left(); x <= area.right(); ++x) {
            const QColor c = image.pixelColor(x, y);
            if (std::abs(c.red() - background.red()) + std::abs(c.green() - background.green())
                    + std::abs(c.blue() - background.blue()) > 60)
                ++count;
        }
    }
    return count;
}

// Pixels close to `color` (a series colour) in the image.
int pixelsNear(const QImage &image, const QColor &color)
{
    int count = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const QColor c = image.pixelColor(x, y);
            if (std::abs(c.red() - color.red()) + std::abs(c.green() - color.green()) + std::abs(c.blue() - color.blue()) < 40)
                ++count;
        }
    }
    return count;
}

void saveScreenshot(const QImage &image, const QString &name)
{
    const QString dir = qEnvironmentVariable("STACKSCOPE_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    QDir().mkpath(dir);
    const QString suffix = image.devicePixelRatio() > 1.0 ? QStringLiteral("@2x") : QString();
    QVERIFY(image.save(QDir(dir).filePath(QStringLiteral("chart-%1%2.png").arg(name, suffix))));
}

void prepare(QWidget &w, bool dark, QSize size = QSize(900, 380))
{
    w.setPalette(dark ? darkPalette() : lightPalette());
    w.resize(size);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
}

// Lets the chart lay out what it was just given (the legend lays out on a posted event) and paint it.
void waitForData(TimeSeriesChartView &view)
{
    QTRY_VERIFY(!view.isDecimating());
    QTest::qWait(30);
    view.repaint();
}

QString themeName(bool dark)
{
    return dark ? QStringLiteral("dark") : QStringLiteral("light");
}

} // namespace

void tst_ChartKinds::lineRenders()
{
    QFETCH(bool, dark);
    TimeSeriesChartView view;
    prepare(view, dark);
    view.setTimeRange(kEnd - 24 * kHour, kEnd);
    view.setSeries({latency(QStringLiteral("api p95"), 180, 1), latency(QStringLiteral("api p50"), 70, 2)});
    view.setComparisonSeries({latency(QStringLiteral("api p95"), 160, 5)}, 0);
    waitForData(view);
    view.showCrosshairAt(kEnd - 10 * kHour);
    QVERIFY(view.isCrosshairVisible());
    const QImage image = render(view);
    QVERIFY(pixelsNear(image, seriesColor(0, dark)) > 200);
    QVERIFY(pixelsNear(image, seriesColor(1, dark)) > 200);
    saveScreenshot(image, QStringLiteral("line-") + themeName(dark));
}

void tst_ChartKinds::areaRenders()
{
    QFETCH(bool, dark);
    AreaChartView view;
    prepare(view, dark);
    view.setTimeRange(kEnd - 24 * kHour, kEnd);
    view.setSeries({latency(QStringLiteral("eu-west"), 120, 1), latency(QStringLiteral("us-east"), 60, 4)});
    waitForData(view);
    const QImage plain = render(view);
    const QColor background = dark ? darkPalette().color(QPalette::Base) : QColor(Qt::white);
    const int plainInk = inkPixels(plain, background);
    QVERIFY(plainInk > 20'000); // filled, not just lines
    saveScreenshot(plain, QStringLiteral("area-") + themeName(dark));
    view.setStacked(true);
    waitForData(view);
    const QImage stacked = render(view);
    QVERIFY(inkPixels(stacked, background) > 20'000);
    saveScreenshot(stacked, QStringLiteral("area-stacked-") + themeName(dark));
}

void tst_ChartKinds::stackedAreaStacks()
{
    AreaChartView view;
    view.resize(800, 400);
    view.setTimeRange(kEnd - kHour, kEnd);
    ChartSeries a{QStringLiteral("a"), {}, kMinute, {}, {}};
    ChartSeries b{QStringLiteral("b"), {}, kMinute, {}, {}};
    for (int i = 0; i <= 60; ++i) {
        a.points.append(QPointF(double(kEnd - kHour + i * kMinute), 10.0));
        b.points.append(QPointF(double(kEnd - kHour + i * kMinute), 5.0));
    }
    view.setStacked(true);
    view.setSeries({a, b});
    QList<QAreaSeries *> areas;
    for (QAbstractSeries *s : view.chart()->series()) {
        if (auto *area = qobject_cast<QAreaSeries *>(s))
            areas.append(area);
    }
    QCOMPARE(areas.size(), 2);
    // b sits on a: its lower edge is a's upper edge.
    QCOMPARE(areas.at(1)->lowerSeries()->at(10).y(), 10.0);
    QCOMPARE(areas.at(1)->upperSeries()->at(10).y(), 15.0);
    // The tooltip shows each series' own value, not the stack's height.
    QVERIFY(view.crosshairText(kEnd - 30 * kMinute).contains(QStringLiteral("b: 5")));
    // Hiding a re-stacks b onto zero, and the legend entry of a stays.
    Q_EMIT view.chart()->legend()->markers(areas.at(0)).first()->clicked();
    QVERIFY(!view.isSeriesVisible(0));
    QList<QAreaSeries *> after;
    for (QAbstractSeries *s : view.chart()->series()) {
        if (auto *area = qobject_cast<QAreaSeries *>(s))
            after.append(area);
    }
    QCOMPARE(after.size(), 2);
    QCOMPARE(after.at(1)->upperSeries()->at(10).y(), 5.0);
    QVERIFY(!after.at(0)->isVisible());
    QVERIFY(view.chart()->legend()->markers(after.at(0)).first()->isVisible());
}

void tst_ChartKinds::barRenders()
{
    QFETCH(bool, dark);
    BarChartView view;
    prepare(view, dark);
    view.setTimeRange(kEnd - 24 * kHour, kEnd);
    view.setBucketCount(24);
    ChartSeries sent{QStringLiteral("delivered"), {}, kMinute, QStringLiteral("msgs"), {}};
    ChartSeries failed{QStringLiteral("bounced"), {}, kMinute, QStringLiteral("msgs"), {}};
    for (int i = 0; i < 24 * 60; ++i) {
        const double x = double(kEnd - 24 * kHour + i * kMinute);
        const double h = i / 60.0;
        sent.points.append(QPointF(x, 20.0 + 15.0 * std::sin((h - 8.0) / 24.0 * 2 * M_PI) + (i % 7)));
        failed.points.append(QPointF(x, 1.0 + (i % 13 == 0 ? 4.0 : 0.5) + (h > 14 && h < 15 ? 6.0 : 0.0)));
    }
    view.setSeries({sent, failed});
    waitForData(view);
    const QImage grouped = render(view);
    QVERIFY(pixelsNear(grouped, seriesColor(0, dark)) > 2000);
    QVERIFY(pixelsNear(grouped, seriesColor(1, dark)) > 100);
    saveScreenshot(grouped, QStringLiteral("bar-grouped-") + themeName(dark));
    view.setStacked(true);
    waitForData(view);
    const QImage stacked = render(view);
    QVERIFY(pixelsNear(stacked, seriesColor(0, dark)) > 2000);
    QVERIFY(view.chart()->legend()->isVisible());
    const auto markers = view.chart()->legend()->markers();
    QCOMPARE(markers.size(), 2);
    QVERIFY(markers.at(0)->isVisible() && markers.at(1)->isVisible());
    saveScreenshot(stacked, QStringLiteral("bar-stacked-") + themeName(dark));
}

void tst_ChartKinds::barBucketsAndLegend()
{
    const QList<QPointF> points{QPointF(0, 1), QPointF(10, 2), QPointF(55, 4), QPointF(99, 8), QPointF(100, 100)};
    const QList<QPointF> sums = BarChartView::bucketize(points, 0, 100, 2, BarChartView::Aggregation::Sum);
    QCOMPARE(sums.size(), 2);
    QCOMPARE(sums.at(0), QPointF(25, 3));
    QCOMPARE(sums.at(1), QPointF(75, 12)); // 100 is outside [0, 100)
    const QList<QPointF> avgs = BarChartView::bucketize(points, 0, 100, 4, BarChartView::Aggregation::Average);
    QCOMPARE(avgs.at(0).y(), 1.5);
    QVERIFY(std::isnan(avgs.at(1).y())); // an empty bucket
    QCOMPARE(BarChartView::bucketize(points, 0, 100, 1, BarChartView::Aggregation::Max).at(0).y(), 8.0);

    BarChartView view;
    view.resize(800, 400);
    view.setTimeRange(0, 100);
    view.setBucketCount(2);
    view.setSeries({ChartSeries{QStringLiteral("a"), points, 0, QStringLiteral("req"), {}},
                    ChartSeries{QStringLiteral("b"), points, 0, QStringLiteral("req"), {}}});
    QVERIFY(view.crosshairText(80).contains(QStringLiteral("a: 12 req")));
    auto *bars = qobject_cast<QAbstractBarSeries *>(view.chart()->series().constFirst());
    QVERIFY(bars);
    QCOMPARE(bars->barSets().size(), 2);
    QCOMPARE(bars->barSets().at(1)->at(1), 12.0);
    const auto markers = view.chart()->legend()->markers(bars);
    QCOMPARE(markers.size(), 2);
    Q_EMIT markers.at(1)->clicked();
    QVERIFY(!view.isSeriesVisible(1));
    bars = qobject_cast<QAbstractBarSeries *>(view.chart()->series().constFirst());
    QCOMPARE(bars->barSets().at(1)->at(1), 0.0);
    QCOMPARE(bars->barSets().at(0)->at(1), 12.0);
}

void tst_ChartKinds::barBucketsFollowCoarseData()
{
    // Daily totals over a week: one bar per day, not 50 buckets of which 43 are empty.
    constexpr qint64 day = 86'400'000;
    const qint64 from = 20 * day + 7 * 3'600'000; // not on a day boundary, as "the last 7 days" never is
    QList<QPointF> daily;
    for (qint64 d = 21; d <= 27; ++d)
        daily.append(QPointF(double(d * day), double(d)));
    BarChartView view;
    view.resize(800, 400);
    view.setTimeRange(from, from + 7 * day);
    view.setSeries({ChartSeries{QStringLiteral("spend"), daily, 0, QStringLiteral("USD"), {}}});
    QCOMPARE(view.bucketCount(), 7);
    // Fine data keeps the buckets the width allows.
    QList<QPointF> hourly;
    for (qint64 t = from; t < from + 7 * day; t += 3'600'000)
        hourly.append(QPointF(double(t), 1.0));
    view.setSeries({ChartSeries{QStringLiteral("req"), hourly, 0, QStringLiteral("req"), {}}});
    QVERIFY(view.bucketCount() > 7);
}

void tst_ChartKinds::sparklineRenders()
{
    QFETCH(bool, dark);
    QWidget tile;
    tile.setAutoFillBackground(true);
    auto *layout = new QVBoxLayout(&tile);
    auto *spark = new SparklineWidget(&tile);
    auto *sparkNoFill = new SparklineWidget(&tile);
    sparkNoFill->setFilled(false);
    sparkNoFill->setColor(seriesColor(2, dark));
    layout->addWidget(spark);
    layout->addWidget(sparkNoFill);
    const ChartSeries series = latency(QStringLiteral("x"), 100, 3);
    QList<QPointF> gappy = series.points;
    for (int i = 600; i < 700; ++i)
        gappy[i].setY(qQNaN());
    spark->setPoints(series.points);
    sparkNoFill->setPoints(gappy);
    prepare(tile, dark, QSize(260, 120));
    const QImage image = render(tile);
    QVERIFY(pixelsNear(image, seriesColor(0, dark)) > 100);
    QVERIFY(pixelsNear(image, seriesColor(2, dark)) > 100);
    saveScreenshot(image, QStringLiteral("sparkline-") + themeName(dark));
    // Empty: nothing painted, no crash.
    spark->clear();
    const QColor background = tile.palette().color(QPalette::Window);
    const QImage empty = spark->grab().toImage();
    QCOMPARE(inkPixels(empty, background), 0);
}

void tst_ChartKinds::hidpiGrabIsSharp()
{
    TimeSeriesChartView view;
    prepare(view, false, QSize(600, 300));
    view.setTimeRange(kEnd - 24 * kHour, kEnd);
    view.setSeries({latency(QStringLiteral("api"), 100, 1)});
    waitForData(view);
    const QImage image = render(view);
    const double ratio = view.devicePixelRatioF();
    QCOMPARE(image.devicePixelRatio(), ratio);
    QCOMPARE(image.width(), int(std::lround(600 * ratio)));
    QVERIFY(pixelsNear(image, seriesColor(0, false)) > int(300 * ratio));
    if (qEnvironmentVariableIsSet("QT_SCALE_FACTOR")) {
        QCOMPARE(ratio, qEnvironmentVariable("QT_SCALE_FACTOR").toDouble());
        saveScreenshot(image, QStringLiteral("line-hidpi"));
    }
}

QTEST_MAIN(tst_ChartKinds)
#include "tst_chartkinds.moc"
