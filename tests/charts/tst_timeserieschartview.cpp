#include "timeserieschartview.h"

#include <QApplication>
#include <QChart>
#include <QDateTimeAxis>
#include <QLabel>
#include <QLineSeries>
#include <QSignalSpy>
#include <QLegend>
#include <QLegendMarker>
#include <QTest>

#include <cmath>

using namespace stackscope::charts;

class tst_TimeSeriesChartView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void emptyStateWithoutPoints();
    void largeSeriesIsDecimated();
    void updatesReplaceInsteadOfAppend();
    void gapsStayGaps();
    void sparseRawDataIsNotAllGaps();
    void axisFormatFollowsRange();
    void followsApplicationPalette();
    void bigSeriesDecimatedOffThread();
    void newerDataWinsOverPendingDecimation();
    void oneReplacePerLineForManySeries();
    void legendClickTogglesSeries();
    void crosshairListsAllSeries();
    void dragEmitsZoomRequest();
    void comparisonIsDashedAndShifted();
    void lttbMethod();
};

namespace {
constexpr qint64 kHour = 3'600'000;
const qint64 kEnd = 1'700'000'000'000LL;

ChartSeries makeSeries(int n, qint64 stepMs, qint64 endMs = kEnd)
{
    ChartSeries s;
    s.name = QStringLiteral("cpu");
    s.expectedStepMs = stepMs;
    for (int i = 0; i < n; ++i)
        s.points.append(QPointF(double(endMs - (n - i) * stepMs), 50.0 + (i % 17)));
    return s;
}

QList<QLineSeries *> lines(TimeSeriesChartView &view)
{
    QList<QLineSeries *> out;
    for (QAbstractSeries *s : view.chart()->series())
        out.append(qobject_cast<QLineSeries *>(s));
    return out;
}
} // namespace

void tst_TimeSeriesChartView::emptyStateWithoutPoints()
{
    TimeSeriesChartView view;
    view.resize(800, 400);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QVERIFY(view.isShowingEmptyText());
    QCOMPARE(view.emptyText(), QStringLiteral("No data in this range"));
    view.setSeries({ChartSeries{QStringLiteral("nothing"), {}, 0, {}, {}}});
    QVERIFY(view.isShowingEmptyText());
    QCOMPARE(view.pointCount(), 0);
}

void tst_TimeSeriesChartView::largeSeriesIsDecimated()
{
    TimeSeriesChartView view;
    view.resize(800, 400);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const int n = 365 * 288; // a year of five-minute samples
    view.setTimeRange(kEnd - n * 300'000LL, kEnd);
    QSignalSpy applied(&view, &TimeSeriesChartView::dataApplied);
    view.setSeries({makeSeries(n, 300'000)});
    QVERIFY(applied.count() == 1 || applied.wait(10'000));
    QVERIFY(!view.isShowingEmptyText());
    QVERIFY(view.pointCount() > 0);
    QVERIFY2(view.pointCount() <= 2 * qsizetype(std::max(50, view.plotWidth() + 100)),
             qPrintable(QString::number(view.pointCount())));
}

void tst_TimeSeriesChartView::updatesReplaceInsteadOfAppend()
{
    TimeSeriesChartView view;
    view.resize(800, 400);
    view.setTimeRange(kEnd - 24 * kHour, kEnd);
    view.setSeries({makeSeries(288, 300'000)});
    const QList<QLineSeries *> before = lines(view);
    QCOMPARE(before.size(), 1);
    QSignalSpy replaced(before.first(), &QXYSeries::pointsReplaced);
    QSignalSpy added(before.first(), &QXYSeries::pointAdded);
    view.setSeries({makeSeries(200, 300'000)});
    QCOMPARE(lines(view), before); // the line series is reused
    QCOMPARE(replaced.count(), 1);
    QCOMPARE(added.count(), 0);
    QCOMPARE(before.first()->count(), 200);
}

void tst_TimeSeriesChartView::gapsStayGaps()
{
    TimeSeriesChartView view;
    view.resize(800, 400);
    view.setTimeRange(kEnd - 24 * kHour, kEnd);
    ChartSeries s = makeSeries(288, 300'000);
    s.points.remove(100, 36); // a three-hour outage
    view.setSeries({s});
    QCOMPARE(lines(view).size(), 2);
    QCOMPARE(view.pointCount(), 288 - 36);
    // Only one legend entry per series, however many segments it has.
    view.setSeries({s, makeSeries(288, 300'000)});
    QCOMPARE(lines(view).size(), 3);
}

void tst_TimeSeriesChartView::sparseRawDataIsNotAllGaps()
{
    // An hour read from the raw tier: the query step is seconds, the samples are five minutes apart.
    TimeSeriesChartView view;
    view.resize(800, 400);
    view.setTimeRange(kEnd - kHour, kEnd);
    ChartSeries s = makeSeries(12, 300'000);
    s.expectedStepMs = 4'000;
    view.setSeries({s});
    QCOMPARE(lines(view).size(), 1);
    QCOMPARE(view.pointCount(), 12);
}

void tst_TimeSeriesChartView::axisFormatFollowsRange()
{
    TimeSeriesChartView view;
    auto *axis = qobject_cast<QDateTimeAxis *>(view.chart()->axes(Qt::Horizontal).value(0));
    QVERIFY(axis);
    view.setTimeRange(kEnd - kHour, kEnd);
    QCOMPARE(axis->format(), QStringLiteral("HH:mm"));
    view.setTimeRange(kEnd - 30 * 24 * kHour, kEnd);
    QCOMPARE(axis->format(), QStringLiteral("MMM d"));
    view.setTimeRange(kEnd - 365 * 24 * kHour, kEnd);
    QCOMPARE(axis->format(), QStringLiteral("yyyy-MM"));
    QCOMPARE(axis->min().toMSecsSinceEpoch(), kEnd - 365 * 24 * kHour);
}

void tst_TimeSeriesChartView::followsApplicationPalette()
{
    const QPalette original = QApplication::palette();
    TimeSeriesChartView view;
    view.setSeries({makeSeries(50, 300'000)});
    QPalette dark = original;
    dark.setColor(QPalette::Window, QColor(0x20, 0x22, 0x26));
    dark.setColor(QPalette::Base, QColor(0x18, 0x1a, 0x1e));
    dark.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
    QApplication::setPalette(dark); // delivered to widgets as posted events
    QTRY_COMPARE(view.chart()->backgroundBrush().color(), QColor(0x18, 0x1a, 0x1e));
    const QColor darkLine = lines(view).first()->pen().color();
    QApplication::setPalette(original);
    QTRY_COMPARE(view.chart()->backgroundBrush().color(), original.color(QPalette::Base));
    QVERIFY(lines(view).first()->pen().color() != darkLine); // brighter colours on dark backgrounds
}

void tst_TimeSeriesChartView::bigSeriesDecimatedOffThread()
{
    TimeSeriesChartView view;
    view.resize(1000, 500);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const int n = 300'000;
    view.setTimeRange(kEnd - n * 1'000LL, kEnd);
    QSignalSpy applied(&view, &TimeSeriesChartView::dataApplied);
    QSignalSpy painted(&view, &TimeSeriesChartView::dataPainted);
    view.setSeries({makeSeries(n, 1'000)});
    // Too big to decimate inline: setSeries() returns before the data is in the chart.
    QCOMPARE(applied.count(), 0);
    QVERIFY(view.isDecimating());
    QVERIFY(!view.isShowingEmptyText()); // no "No data" flash while the worker runs
    QVERIFY(applied.wait(10'000));
    QCOMPARE(applied.count(), 1);
    QVERIFY(view.pointCount() > 0);
    // About two points per pixel column (the plot may have narrowed a little once the value labels were set).
    QVERIFY2(view.pointCount() <= 2 * qsizetype(view.plotWidth() + 100), qPrintable(QString::number(view.pointCount())));
    QTRY_COMPARE_WITH_TIMEOUT(painted.count(), 1, 10'000);
}

void tst_TimeSeriesChartView::newerDataWinsOverPendingDecimation()
{
    TimeSeriesChartView view;
    view.resize(800, 400);
    view.setTimeRange(kEnd - 24 * kHour, kEnd);
    QSignalSpy applied(&view, &TimeSeriesChartView::dataApplied);
    view.setSeries({makeSeries(200'000, 400)}); // goes to the worker
    ChartSeries small = makeSeries(100, 300'000);
    small.name = QStringLiteral("newer");
    view.setSeries({small}); // inline, applied at once
    QCOMPARE(applied.count(), 1);
    QCOMPARE(view.pointCount(), 100);
    // The big request's result, when it comes back, must not replace the newer data.
    QTest::qWait(300);
    QTRY_VERIFY_WITH_TIMEOUT(!view.isDecimating(), 10'000);
    QCOMPARE(applied.count(), 1);
    QCOMPARE(view.pointCount(), 100);
    QCOMPARE(lines(view).first()->name(), QStringLiteral("newer"));
}

void tst_TimeSeriesChartView::oneReplacePerLineForManySeries()
{
    TimeSeriesChartView view;
    view.resize(800, 400);
    view.setTimeRange(kEnd - 24 * kHour, kEnd);
    QList<ChartSeries> all;
    for (int i = 0; i < 5; ++i) {
        ChartSeries s = makeSeries(288, 300'000);
        s.name = QStringLiteral("s%1").arg(i);
        all.append(s);
    }
    view.setSeries(all);
    const QList<QLineSeries *> before = lines(view);
    QCOMPARE(before.size(), 5);
    QList<QSignalSpy *> replaced;
    QList<QSignalSpy *> added;
    for (QLineSeries *line : before) {
        replaced.append(new QSignalSpy(line, &QXYSeries::pointsReplaced));
        added.append(new QSignalSpy(line, &QXYSeries::pointAdded));
    }
    for (ChartSeries &s : all)
        s.points.removeFirst();
    view.setSeries(all);
    for (int i = 0; i < 5; ++i) {
        QCOMPARE(replaced.at(i)->count(), 1);
        QCOMPARE(added.at(i)->count(), 0);
    }
    qDeleteAll(replaced);
    qDeleteAll(added);
}

void tst_TimeSeriesChartView::legendClickTogglesSeries()
{
    TimeSeriesChartView view;
    view.resize(800, 400);
    view.show(); // the legend lays its entries out (and makes them visible) once shown
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setTimeRange(kEnd - 24 * kHour, kEnd);
    ChartSeries a = makeSeries(288, 300'000);
    ChartSeries b = makeSeries(288, 300'000);
    b.name = QStringLiteral("memory");
    view.setSeries({a, b});
    QVERIFY(view.chart()->legend()->isVisible());
    const QList<QLegendMarker *> markers = view.chart()->legend()->markers(lines(view).at(1));
    QCOMPARE(markers.size(), 1);
    QSignalSpy toggled(&view, &TimeSeriesChartView::seriesVisibilityChanged);
    Q_EMIT markers.first()->clicked(); // what a click on the legend entry does
    QCOMPARE(toggled.count(), 1);
    QCoreApplication::processEvents();
    QVERIFY(!view.isSeriesVisible(1));
    QVERIFY(!lines(view).at(1)->isVisible());
    QVERIFY(lines(view).at(0)->isVisible());
    const QList<QLegendMarker *> hiddenMarkers = view.chart()->legend()->markers(lines(view).at(1));
    QCOMPARE(hiddenMarkers.size(), 1);
    QVERIFY(hiddenMarkers.first()->isVisible()); // the entry stays, so the series can be shown again
    QVERIFY(!view.crosshairText(kEnd - kHour).contains(QStringLiteral("memory")));
    // Hidden by name: survives new data.
    view.setSeries({a, b});
    QVERIFY(!lines(view).at(1)->isVisible());
    Q_EMIT view.chart()->legend()->markers(lines(view).at(1)).first()->clicked();
    QVERIFY(view.isSeriesVisible(1));
    QVERIFY(lines(view).at(1)->isVisible());
}

void tst_TimeSeriesChartView::crosshairListsAllSeries()
{
    TimeSeriesChartView view;
    view.resize(800, 400);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setTimeRange(kEnd - 24 * kHour, kEnd);
    ChartSeries latency{QStringLiteral("latency"), {}, 300'000, QStringLiteral("ms"), {}};
    ChartSeries errors{QStringLiteral("errors"), {}, 300'000, QStringLiteral("%"), {}};
    for (int i = 0; i < 288; ++i) {
        const double x = double(kEnd - (288 - i) * 300'000LL);
        latency.points.append(QPointF(x, 100.0 + i));
        errors.points.append(QPointF(x, 0.5));
    }
    view.setSeries({latency, errors});
    const qint64 at = kEnd - (288 - 100) * 300'000LL + 60'000; // a minute after sample 100
    const QString text = view.crosshairText(at);
    QVERIFY2(text.contains(QStringLiteral("latency: 200 ms")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("errors: 0.5 %")), qPrintable(text));

    // Hovering the plot shows the same text in the tooltip.
    QTest::mouseMove(view.viewport(), QPoint(int(view.positionOfTime(at)), view.height() / 2));
    QTRY_VERIFY(view.isCrosshairVisible());
    QVERIFY(view.crosshairToolTip().contains(QStringLiteral("latency: ")));
    QVERIFY(view.crosshairToolTip().contains(QStringLiteral("errors: 0.5 %")));

    // Inside a gap there is no value to show.
    ChartSeries gappy = latency;
    gappy.points.remove(100, 50);
    view.setSeries({gappy, errors});
    const qint64 inGap = kEnd - (288 - 120) * 300'000LL + 60'000;
    QVERIFY2(view.crosshairText(inGap).contains(QStringLiteral("latency: –")), qPrintable(view.crosshairText(inGap)));
    QVERIFY(view.crosshairText(inGap).contains(QStringLiteral("errors: 0.5 %")));
}

void tst_TimeSeriesChartView::dragEmitsZoomRequest()
{
    TimeSeriesChartView view;
    view.resize(800, 400);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setTimeRange(kEnd - 24 * kHour, kEnd);
    view.setSeries({makeSeries(288, 300'000)});
    QSignalSpy zoom(&view, &TimeSeriesChartView::zoomRequested);
    const int x0 = int(view.positionOfTime(kEnd - 20 * kHour));
    const int x1 = int(view.positionOfTime(kEnd - 10 * kHour));
    const int y = view.height() / 2;
    QTest::mousePress(view.viewport(), Qt::LeftButton, {}, QPoint(x0, y));
    QTest::mouseMove(view.viewport(), QPoint((x0 + x1) / 2, y));
    QTest::mouseMove(view.viewport(), QPoint(x1, y));
    QTest::mouseRelease(view.viewport(), Qt::LeftButton, {}, QPoint(x1, y));
    QCOMPARE(zoom.count(), 1);
    const qint64 from = zoom.at(0).at(0).toLongLong();
    const qint64 to = zoom.at(0).at(1).toLongLong();
    // Within a few pixels' worth of time of where the drag started and ended.
    const qint64 pixel = 24 * kHour / view.plotWidth();
    QVERIFY2(std::abs(from - (kEnd - 20 * kHour)) <= 3 * pixel, qPrintable(QString::number(from - (kEnd - 20 * kHour))));
    QVERIFY(std::abs(to - (kEnd - 10 * kHour)) <= 3 * pixel);
    // The view leaves the range to its owner.
    QCOMPARE(view.fromMs(), kEnd - 24 * kHour);
    // A click is not a zoom.
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, QPoint(x0, y));
    QCOMPARE(zoom.count(), 1);
}

void tst_TimeSeriesChartView::comparisonIsDashedAndShifted()
{
    TimeSeriesChartView view;
    view.resize(800, 400);
    view.setTimeRange(kEnd - 24 * kHour, kEnd);
    view.setSeries({makeSeries(288, 300'000)});
    view.setComparisonSeries({makeSeries(288, 300'000, kEnd - 24 * kHour)}, 24 * kHour);
    const QList<QLineSeries *> all = lines(view);
    QCOMPARE(all.size(), 2);
    QLineSeries *previous = all.at(1);
    QCOMPARE(previous->name(), QStringLiteral("cpu (previous)"));
    QVERIFY(previous->pen().style() == Qt::CustomDashLine || previous->pen().style() == Qt::DashLine);
    QCOMPARE(previous->at(0).x(), all.at(0)->at(0).x()); // shifted onto the current period
    QVERIFY(view.crosshairText(kEnd - kHour).contains(QStringLiteral("cpu (previous): ")));
    view.clearComparisonSeries();
    QCOMPARE(lines(view).size(), 1);
}

void tst_TimeSeriesChartView::lttbMethod()
{
    TimeSeriesChartView view;
    view.resize(800, 400);
    view.setInlinePointLimit(1'000'000);
    const int n = 100'000;
    view.setTimeRange(kEnd - n * 1'000LL, kEnd);
    ChartSeries s = makeSeries(n, 1'000);
    s.points[5000].setY(10'000.0);
    view.setDecimationMethod(DecimationMethod::Lttb);
    const int width = view.plotWidth(); // what the job decimates for (the layout after it may differ a little)
    view.setSeries({s});
    const QList<QPointF> drawn = lines(view).first()->points();
    QVERIFY(drawn.size() <= 2 * qsizetype(std::max(50, width)) + 2);
    QVERIFY(drawn.contains(s.points.at(5000)));
}

QTEST_MAIN(tst_TimeSeriesChartView)
#include "tst_timeserieschartview.moc"
