#include "decimation.h"
#include "timeaxis.h"

#include <QTest>

#include <cmath>
#include <limits>

using namespace stackscope::charts;

class tst_Decimation : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void smallInputUnchanged_data();
    void smallInputUnchanged();
    void boundsAndExtremes();
    void keepsSpikesAndDips();
    void subsequenceInOrder();
    void flatAndDegenerate();
    void yearOfRawPoints();
    void nanIsDropped();
    void splitAtGaps_data();
    void splitAtGaps();
    void timeAxisFormat_data();
    void timeAxisFormat();
    void valueDecimals_data();
    void valueDecimals();
    void tickCount_data();
    void tickCount();
    void spacing();
};

namespace {
QList<QPointF> ramp(int n, double step = 1.0)
{
    QList<QPointF> points;
    points.reserve(n);
    for (int i = 0; i < n; ++i)
        points.append(QPointF(i * step, std::sin(i * 0.01) * 100.0));
    return points;
}
} // namespace

void tst_Decimation::smallInputUnchanged_data()
{
    QTest::addColumn<int>("size");
    QTest::addColumn<int>("buckets");
    QTest::addRow("empty") << 0 << 10;
    QTest::addRow("one point") << 1 << 10;
    QTest::addRow("exactly two per bucket") << 20 << 10;
    QTest::addRow("zero buckets") << 500 << 0;
}

void tst_Decimation::smallInputUnchanged()
{
    QFETCH(int, size);
    QFETCH(int, buckets);
    const QList<QPointF> in = ramp(size);
    QCOMPARE(decimateMinMax(in, buckets), in);
}

void tst_Decimation::boundsAndExtremes()
{
    const QList<QPointF> in = ramp(10'000);
    const QList<QPointF> out = decimateMinMax(in, 100);
    QVERIFY(out.size() <= 2 * 100 + 2);
    QVERIFY(out.size() >= 100);
    QCOMPARE(out.constFirst(), in.constFirst());
    QCOMPARE(out.constLast(), in.constLast());
    double inMin = 1e9, inMax = -1e9, outMin = 1e9, outMax = -1e9;
    for (const QPointF &p : in) {
        inMin = std::min(inMin, p.y());
        inMax = std::max(inMax, p.y());
    }
    for (const QPointF &p : out) {
        outMin = std::min(outMin, p.y());
        outMax = std::max(outMax, p.y());
    }
    QCOMPARE(outMin, inMin);
    QCOMPARE(outMax, inMax);
}

void tst_Decimation::keepsSpikesAndDips()
{
    QList<QPointF> in;
    for (int i = 0; i < 5000; ++i)
        in.append(QPointF(i, 10.0));
    in[1234].setY(999.0); // a one-sample spike
    in[4321].setY(-5.0);  // and a dip
    const QList<QPointF> out = decimateMinMax(in, 50);
    QVERIFY(out.size() <= 102);
    QVERIFY(out.contains(QPointF(1234, 999.0)));
    QVERIFY(out.contains(QPointF(4321, -5.0)));
}

void tst_Decimation::subsequenceInOrder()
{
    QList<QPointF> in;
    for (int i = 0; i < 3000; ++i)
        in.append(QPointF(i * 300'000.0, double((i * 7919) % 101)));
    const QList<QPointF> out = decimateMinMax(in, 37);
    qsizetype j = 0;
    for (const QPointF &p : out) {
        while (j < in.size() && in.at(j) != p)
            ++j;
        QVERIFY2(j < in.size(), "output point not found in order in the input");
        ++j;
    }
    for (qsizetype i = 1; i < out.size(); ++i)
        QVERIFY(out.at(i).x() > out.at(i - 1).x());
}

void tst_Decimation::flatAndDegenerate()
{
    // All points at the same x: nothing to spread over buckets; first and last survive.
    QList<QPointF> same;
    for (int i = 0; i < 100; ++i)
        same.append(QPointF(5.0, i));
    const QList<QPointF> out = decimateMinMax(same, 10);
    QCOMPARE(out.size(), 2);
    QCOMPARE(out.constFirst(), same.constFirst());
    QCOMPARE(out.constLast(), same.constLast());
}

void tst_Decimation::yearOfRawPoints()
{
    // A year at 5-minute resolution must come down to what a chart can draw.
    const int n = 365 * 288;
    const QList<QPointF> in = ramp(n, 300'000.0);
    const QList<QPointF> out = decimateMinMax(in, 1200);
    QVERIFY(out.size() <= 2 * 1200 + 2);
    QVERIFY(out.size() >= 1200);
}

void tst_Decimation::nanIsDropped()
{
    QList<QPointF> in = ramp(1000);
    for (int i = 100; i < 200; ++i)
        in[i].setY(std::numeric_limits<double>::quiet_NaN());
    in[0].setY(std::numeric_limits<double>::quiet_NaN());
    const QList<QPointF> out = decimateMinMax(in, 20);
    for (const QPointF &p : out)
        QVERIFY(!std::isnan(p.y()));
    QVERIFY(!out.isEmpty());
}

void tst_Decimation::splitAtGaps_data()
{
    QTest::addColumn<QList<double>>("xs");
    QTest::addColumn<double>("maxGap");
    QTest::addColumn<QList<int>>("segmentSizes");
    QTest::addRow("empty") << QList<double>{} << 10.0 << QList<int>{};
    QTest::addRow("no detection") << QList<double>{0, 100, 200} << 0.0 << QList<int>{3};
    QTest::addRow("no gap") << QList<double>{0, 5, 10, 15} << 5.0 << QList<int>{4};
    QTest::addRow("one outage") << QList<double>{0, 5, 10, 60, 65} << 12.5 << QList<int>{3, 2};
    QTest::addRow("lone point") << QList<double>{0, 5, 50, 100, 105} << 12.5 << QList<int>{2, 1, 2};
}

void tst_Decimation::splitAtGaps()
{
    QFETCH(QList<double>, xs);
    QFETCH(double, maxGap);
    QFETCH(QList<int>, segmentSizes);
    QList<QPointF> points;
    for (double x : xs)
        points.append(QPointF(x, 1.0));
    const QList<QList<QPointF>> segments = stackscope::charts::splitAtGaps(points, maxGap);
    QList<int> sizes;
    for (const auto &s : segments)
        sizes.append(int(s.size()));
    QCOMPARE(sizes, segmentSizes);
}

void tst_Decimation::timeAxisFormat_data()
{
    QTest::addColumn<qint64>("spanMs");
    QTest::addColumn<QString>("format");
    constexpr qint64 hour = 3'600'000;
    QTest::addRow("1h") << hour << QStringLiteral("HH:mm");
    QTest::addRow("24h") << 24 * hour << QStringLiteral("HH:mm");
    QTest::addRow("7d") << 7 * 24 * hour << QStringLiteral("MMM d");
    QTest::addRow("30d") << 30 * 24 * hour << QStringLiteral("MMM d");
    QTest::addRow("90d") << 90 * 24 * hour << QStringLiteral("MMM d");
    QTest::addRow("1y") << 365 * 24 * hour << QStringLiteral("yyyy-MM");
}

void tst_Decimation::timeAxisFormat()
{
    QFETCH(qint64, spanMs);
    QFETCH(QString, format);
    QCOMPARE(timeAxisLabelFormat(spanMs), format);
}

void tst_Decimation::valueDecimals_data()
{
    QTest::addColumn<double>("interval");
    QTest::addColumn<int>("decimals");
    QTest::addRow("hundreds") << 200.0 << 0;
    QTest::addRow("ones") << 1.0 << 0;
    QTest::addRow("halves") << 0.5 << 1;
    QTest::addRow("tenths") << 0.1 << 1;
    QTest::addRow("latency") << 0.02 << 2;
    QTest::addRow("zero") << 0.0 << 0;
}

void tst_Decimation::valueDecimals()
{
    QFETCH(double, interval);
    QFETCH(int, decimals);
    QCOMPARE(valueAxisDecimals(interval), decimals);
}

void tst_Decimation::tickCount_data()
{
    QTest::addColumn<int>("width");
    QTest::addColumn<qint64>("spanMs");
    QTest::addColumn<int>("ticks");
    constexpr qint64 day = 86'400'000;
    QTest::addRow("1h, wide") << 900 << day / 24 << 10;
    QTest::addRow("1h, narrow") << 150 << day / 24 << 2;
    QTest::addRow("7d: one tick per day at most") << 900 << 7 * day << 8;
    QTest::addRow("30d") << 900 << 30 * day << 10;
    QTest::addRow("1y: at most one per month") << 2000 << 365 * day << 12;
    QTest::addRow("huge widths are capped") << 5000 << day << 12;
}

void tst_Decimation::tickCount()
{
    QFETCH(int, width);
    QFETCH(qint64, spanMs);
    QFETCH(int, ticks);
    QCOMPARE(timeAxisTickCount(width, spanMs), ticks);
}

void tst_Decimation::spacing()
{
    QCOMPARE(typicalSpacing({}), 0.0);
    QCOMPARE(typicalSpacing({QPointF(1, 1)}), 0.0);
    QList<QPointF> points;
    for (int i = 0; i < 100; ++i)
        points.append(QPointF(i * 300.0 + (i >= 50 ? 10'000.0 : 0.0), 1.0)); // one big gap
    QCOMPARE(typicalSpacing(points), 300.0);
}

QTEST_GUILESS_MAIN(tst_Decimation)
#include "tst_decimation.moc"
