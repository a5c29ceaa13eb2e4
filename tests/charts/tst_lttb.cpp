// LTTB, gap-aware decimation, nearest-point lookup, value formatting and the series palette.
#include "chartpalette.h"
#include "decimation.h"
#include "valueformat.h"

#include <QTest>

#include <cmath>
#include <limits>

using namespace stackscope::charts;

class tst_Lttb : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void lttbKeepsEndsAndBound();
    void lttbSpikeSurvives();
    void lttbTinyInputs_data();
    void lttbTinyInputs();
    void lttbDropsNan();
    void lttbIsOrderedSubsequence();
    void segmentsKeepGaps_data();
    void segmentsKeepGaps();
    void segmentsSplitAtNan();
    void segmentsBoundAndExtremes();
    void segmentsTinyInputs();
    void nearestPoint();
    void formatting_data();
    void formatting();
    void paletteDiffersByTheme();
};

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

QList<QPointF> wave(int n, double step = 1.0, double x0 = 0.0)
{
    QList<QPointF> points;
    points.reserve(n);
    for (int i = 0; i < n; ++i)
        points.append(QPointF(x0 + i * step, std::sin(i * 0.013) * 50.0 + std::sin(i * 0.31) * 5.0));
    return points;
}

qsizetype total(const QList<QList<QPointF>> &segments)
{
    qsizetype n = 0;
    for (const auto &s : segments)
        n += s.size();
    return n;
}
} // namespace

void tst_Lttb::lttbKeepsEndsAndBound()
{
    const QList<QPointF> in = wave(100'000);
    const QList<QPointF> out = decimateLttb(in, 500);
    QCOMPARE(out.size(), 500);
    QCOMPARE(out.constFirst(), in.constFirst());
    QCOMPARE(out.constLast(), in.constLast());
}

void tst_Lttb::lttbSpikeSurvives()
{
    QList<QPointF> in;
    for (int i = 0; i < 20'000; ++i)
        in.append(QPointF(i, 10.0 + (i % 3) * 0.01));
    in[7777].setY(500.0); // one sample, as a latency spike would be
    in[15000].setY(-80.0);
    const QList<QPointF> out = decimateLttb(in, 200);
    QVERIFY(out.size() <= 200);
    QVERIFY(out.contains(QPointF(7777, 500.0)));
    QVERIFY(out.contains(QPointF(15000, -80.0)));
}

void tst_Lttb::lttbTinyInputs_data()
{
    QTest::addColumn<int>("size");
    QTest::addColumn<int>("threshold");
    QTest::addRow("empty") << 0 << 10;
    QTest::addRow("one") << 1 << 10;
    QTest::addRow("two") << 2 << 3;
    QTest::addRow("equal to threshold") << 10 << 10;
    QTest::addRow("threshold too small") << 100 << 2;
}

void tst_Lttb::lttbTinyInputs()
{
    QFETCH(int, size);
    QFETCH(int, threshold);
    const QList<QPointF> in = wave(size);
    QCOMPARE(decimateLttb(in, threshold), in);
}

void tst_Lttb::lttbDropsNan()
{
    QList<QPointF> in = wave(1000);
    for (int i = 300; i < 400; ++i)
        in[i].setY(kNaN);
    const QList<QPointF> out = decimateLttb(in, 50);
    QVERIFY(out.size() <= 50);
    for (const QPointF &p : out)
        QVERIFY(!std::isnan(p.y()));
}

void tst_Lttb::lttbIsOrderedSubsequence()
{
    const QList<QPointF> in = wave(5000, 60'000.0);
    const QList<QPointF> out = decimateLttb(in, 123);
    qsizetype j = 0;
    for (const QPointF &p : out) {
        while (j < in.size() && in.at(j) != p)
            ++j;
        QVERIFY2(j < in.size(), "output point not found in order in the input");
        ++j;
    }
}

void tst_Lttb::segmentsKeepGaps_data()
{
    QTest::addColumn<int>("method");
    QTest::addRow("minmax") << int(DecimationMethod::MinMax);
    QTest::addRow("lttb") << int(DecimationMethod::Lttb);
}

void tst_Lttb::segmentsKeepGaps()
{
    QFETCH(int, method);
    // Two dense runs a long outage apart: each stays its own segment, the outage is never bridged.
    QList<QPointF> in = wave(50'000, 1.0);
    in.append(wave(50'000, 1.0, 150'000.0));
    const auto segments = decimateSegments(in, 400, DecimationMethod(method), 10.0);
    QCOMPARE(segments.size(), 2);
    QVERIFY(segments.at(0).constLast().x() <= 49'999.0);
    QVERIFY(segments.at(1).constFirst().x() >= 150'000.0);
    // First and last of each segment are kept.
    QCOMPARE(segments.at(0).constFirst(), in.constFirst());
    QCOMPARE(segments.at(0).constLast(), in.at(49'999));
    QCOMPARE(segments.at(1).constFirst(), in.at(50'000));
    QCOMPARE(segments.at(1).constLast(), in.constLast());
    QVERIFY(total(segments) <= 2 * 400 + 4);
}

void tst_Lttb::segmentsSplitAtNan()
{
    QList<QPointF> in = wave(30);
    in[10].setY(kNaN);
    in[11].setY(kNaN);
    in[20].setY(kNaN);
    const auto segments = decimateSegments(in, 100, DecimationMethod::MinMax, 0.0);
    QCOMPARE(segments.size(), 3);
    QCOMPARE(segments.at(0).size(), 10);
    QCOMPARE(segments.at(1).size(), 8);
    QCOMPARE(segments.at(2).size(), 9);
    // Leading and trailing NaN are no segments at all.
    QList<QPointF> edges = wave(5);
    edges[0].setY(kNaN);
    edges[4].setY(kNaN);
    QCOMPARE(decimateSegments(edges, 100, DecimationMethod::Lttb, 0.0).size(), 1);
}

void tst_Lttb::segmentsBoundAndExtremes()
{
    // Epoch-millisecond x values and an odd step: bucket edges fall between points with rounding either way
    // (this once stalled the min/max loop).
    QList<QPointF> in = wave(1'000'000, 2'600.0, 1'700'000'000'000.0);
    in[123'456].setY(1e6);
    in[654'321].setY(-1e6);
    const auto minmax = decimateSegments(in, 1140, DecimationMethod::MinMax, 6500.0);
    QCOMPARE(minmax.size(), 1);
    QVERIFY(minmax.constFirst().size() <= 2 * 1140 + 2);
    QVERIFY(minmax.constFirst().contains(in.at(123'456)));
    QVERIFY(minmax.constFirst().contains(in.at(654'321)));
    const auto lttb = decimateSegments(in, 2400, DecimationMethod::Lttb, 6500.0);
    QCOMPARE(lttb.size(), 1);
    QVERIFY(lttb.constFirst().size() <= 2400);
    QVERIFY(lttb.constFirst().contains(in.at(123'456)));
}

void tst_Lttb::segmentsTinyInputs()
{
    QVERIFY(decimateSegments({}, 100, DecimationMethod::MinMax, 10.0).isEmpty());
    const QList<QPointF> one{QPointF(5, 1)};
    QCOMPARE(decimateSegments(one, 100, DecimationMethod::Lttb, 10.0), QList<QList<QPointF>>{one});
    const QList<QPointF> allNan{QPointF(1, kNaN), QPointF(2, kNaN)};
    QVERIFY(decimateSegments(allNan, 100, DecimationMethod::MinMax, 0.0).isEmpty());
    // Small input comes back whole.
    const QList<QPointF> small = wave(50);
    QCOMPARE(decimateSegments(small, 100, DecimationMethod::MinMax, 0.0), QList<QList<QPointF>>{small});
}

void tst_Lttb::nearestPoint()
{
    const QList<QPointF> points{QPointF(0, 1), QPointF(10, 2), QPointF(20, kNaN), QPointF(30, 4)};
    QCOMPARE(nearestPointIndex({}, 5), qsizetype(-1));
    QCOMPARE(nearestPointIndex(points, -100), qsizetype(0));
    QCOMPARE(nearestPointIndex(points, 4), qsizetype(0));
    QCOMPARE(nearestPointIndex(points, 6), qsizetype(1));
    QCOMPARE(nearestPointIndex(points, 19), qsizetype(1)); // the NaN at 20 is skipped
    QCOMPARE(nearestPointIndex(points, 21), qsizetype(3));
    QCOMPARE(nearestPointIndex(points, 1000), qsizetype(3));
}

void tst_Lttb::formatting_data()
{
    QTest::addColumn<double>("value");
    QTest::addColumn<QString>("unit");
    QTest::addColumn<int>("decimals");
    QTest::addColumn<QString>("text");
    QTest::addRow("ms") << 12.34 << QStringLiteral("ms") << -1 << QStringLiteral("12.3 ms");
    QTest::addRow("ms to s") << 1500.0 << QStringLiteral("ms") << -1 << QStringLiteral("1.5 s");
    QTest::addRow("percent") << 45.0 << QStringLiteral("%") << -1 << QStringLiteral("45 %");
    QTest::addRow("rate") << 1250.0 << QStringLiteral("req/s") << -1 << QStringLiteral("1.25k req/s");
    QTest::addRow("bytes") << 3.4e6 << QStringLiteral("B") << -1 << QStringLiteral("3.4 MB");
    QTest::addRow("small") << 0.0123 << QString() << -1 << QStringLiteral("0.0123");
    QTest::addRow("fixed decimals") << 2.0 << QStringLiteral("ms") << 2 << QStringLiteral("2.00 ms");
    QTest::addRow("zero") << 0.0 << QString() << -1 << QStringLiteral("0");
    QTest::addRow("nan") << kNaN << QStringLiteral("ms") << -1 << QStringLiteral("–");
}

void tst_Lttb::formatting()
{
    QFETCH(double, value);
    QFETCH(QString, unit);
    QFETCH(int, decimals);
    QFETCH(QString, text);
    QCOMPARE(formatValue(value, unit, decimals), text);
}

void tst_Lttb::paletteDiffersByTheme()
{
    QVERIFY(seriesColorCount() >= 8);
    for (int i = 0; i < seriesColorCount(); ++i) {
        QVERIFY(seriesColor(i, true) != seriesColor(i, false));
        // Bright on dark, deeper on light.
        QVERIFY(seriesColor(i, true).lightness() > seriesColor(i, false).lightness());
        for (int j = 0; j < i; ++j)
            QVERIFY(seriesColor(i, false) != seriesColor(j, false));
    }
    QCOMPARE(seriesColor(seriesColorCount(), false), seriesColor(0, false)); // wraps around
    QVERIFY(statusColor(StatusLevel::Ok, false) != statusColor(StatusLevel::Critical, false));
}

QTEST_GUILESS_MAIN(tst_Lttb)
#include "tst_lttb.moc"
