#include "timeserieschartview.h"

#include <QApplication>
#include <QChart>
#include <QDateTimeAxis>
#include <QLabel>
#include <QLineSeries>
#include <QSignalSpy>
#include <QTest>

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
    view.setSeries({ChartSeries{QStringLiteral("nothing"), {}, 0}});
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
    view.setSeries({makeSeries(n, 300'000)});
    QVERIFY(!view.isShowingEmptyText());
    QVERIFY(view.pointCount() > 0);
    QVERIFY2(view.pointCount() <= 2 * qsizetype(std::max(50, view.plotWidth())) + 2,
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

QTEST_MAIN(tst_TimeSeriesChartView)
#include "tst_timeserieschartview.moc"
