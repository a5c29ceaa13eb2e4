// Draw time of a 1,000,000-point series (issue #5, docs/PERFORMANCE.md):
//   (a) TimeSeriesChartView: decimation on its worker thread (min/max, and LTTB), one replace(), render;
//   (b) the same points handed to Qt Charts in one QLineSeries::replace() and rendered, no decimation;
//   (c) QCustomPlot (Debian's libqcustomplot-dev, Qt 6 build) with its own adaptive sampling, when available.
// Every variant renders a grab of a 1200x600 widget on the offscreen platform, so all pay for the same pixels.
// Several repetitions each, medians reported, ratios from the same run. Prints a table and one JSON line.
// Measures only; asserts nothing about time. --quick: small sizes, one repetition (the CTest smoke run).
#include "timeserieschartview.h"

#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QDateTimeAxis>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QLineSeries>
#include <QTimer>
#include <QValueAxis>

#ifdef STACKSCOPE_HAVE_QCUSTOMPLOT
// qcustomplot.h uses the Qt keywords this project turns off.
#define signals Q_SIGNALS
#define slots Q_SLOTS
#define emit Q_EMIT
#define foreach Q_FOREACH
#include <qcustomplot.h>
#undef signals
#undef slots
#undef emit
#undef foreach
#endif

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <limits>
#include <random>
#include <vector>

using namespace stackscope::charts;

namespace {

constexpr int kWidth = 1200;
constexpr int kHeight = 600;

struct Options
{
    int points = 1'000'000;
    int reps = 15;
    int rawReps = 3; // (b) takes seconds per run
    bool quick = false;
};

// A series that looks like monitoring data: a daily rhythm, noise, a few spikes. One point every 2.6 s spans
// about a month.
QList<QPointF> makeSeries(int n, int seed)
{
    std::mt19937 rng{static_cast<unsigned>(seed)};
    std::normal_distribution<double> noise(0.0, 4.0);
    QList<QPointF> points;
    points.reserve(n);
    const double start = 1'700'000'000'000.0;
    const double step = 2'600.0;
    for (int i = 0; i < n; ++i) {
        const double t = i * step;
        double v = 100.0 + 30.0 * std::sin(t / 86'400'000.0 * 2 * M_PI) + noise(rng);
        if (i % 97'003 == 500)
            v += 400.0;
        points.append(QPointF(start + t, v));
    }
    return points;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0.0 : v[v.size() / 2];
}

// Milliseconds of `run` over `reps` repetitions (one unmeasured warm-up first), each started from an idle
// event loop.
std::vector<double> measure(int reps, const std::function<void(int)> &run)
{
    run(-1);
    std::vector<double> ms;
    for (int r = 0; r < reps; ++r) {
        // Untimed: let the window finish whatever paint the previous run left pending, so no run pays for
        // another one's frame.
        QApplication::processEvents();
        QElapsedTimer timer;
        timer.start();
        run(r);
        ms.push_back(double(timer.nsecsElapsed()) / 1e6);
    }
    return ms;
}

// (a): setSeries() hands the series to the view; decimation runs on the worker; dataApplied() says the lines
// are replaced; grab() renders the widget.
std::vector<double> benchDecimated(const Options &o, const QList<QPointF> &a, const QList<QPointF> &b,
                                   DecimationMethod method, qsizetype *drawn, bool inlineOnGuiThread = false)
{
    TimeSeriesChartView view;
    view.resize(kWidth, kHeight);
    view.show();
    if (inlineOnGuiThread)
        view.setInlinePointLimit(std::numeric_limits<qsizetype>::max());
    view.setDecimationMethod(method);
    view.setTimeRange(qint64(a.constFirst().x()), qint64(a.constLast().x()));
    QApplication::processEvents();
    auto ms = measure(o.reps, [&](int r) {
        QEventLoop loop;
        QObject::connect(&view, &TimeSeriesChartView::dataApplied, &loop, &QEventLoop::quit);
        view.setSeries({ChartSeries{QStringLiteral("load"), (r % 2) ? b : a, 2'600, QStringLiteral("ms"), {}}});
        if (view.isDecimating())
            loop.exec();
        const QPixmap pixmap = view.grab();
        Q_UNUSED(pixmap);
    });
    *drawn = view.pointCount();
    return ms;
}

// The parts of (a): decimation alone (the worker's job, on this thread) and a render of unchanged data.
std::pair<std::vector<double>, std::vector<double>> benchParts(const Options &o, const QList<QPointF> &a)
{
    TimeSeriesChartView::JobInput input;
    input.series = {ChartSeries{QStringLiteral("load"), a, 2'600, QStringLiteral("ms"), {}}};
    input.fromMs = qint64(a.constFirst().x());
    input.toMs = qint64(a.constLast().x());
    input.buckets = kWidth - 60;
    const auto decimate = measure(o.reps, [&](int) { TimeSeriesChartView::computeLines(input); });
    TimeSeriesChartView view;
    view.resize(kWidth, kHeight);
    view.show();
    view.setInlinePointLimit(a.size() + 1);
    view.setTimeRange(input.fromMs, input.toMs);
    view.setSeries(input.series);
    QApplication::processEvents();
    const auto render = measure(o.reps, [&](int) {
        const QPixmap pixmap = view.grab();
        Q_UNUSED(pixmap);
    });
    if (qEnvironmentVariableIsSet("BENCH_CHARTS_EMPTY")) {
        TimeSeriesChartView empty;
        empty.resize(kWidth, kHeight);
        empty.show();
        empty.setTimeRange(input.fromMs, input.toMs);
        QApplication::processEvents();
        const auto e = measure(o.reps, [&](int) { const QPixmap pixmap = empty.grab(); Q_UNUSED(pixmap); });
        std::printf("empty chart grab: %.1f\n", median(e));
        view.setRenderHint(QPainter::Antialiasing, false);
        const auto na = measure(o.reps, [&](int) { const QPixmap pixmap = view.grab(); Q_UNUSED(pixmap); });
        std::printf("no antialiasing grab: %.1f\n", median(na));
    }
    return {decimate, render};
}

// (b): every point into one QLineSeries with one replace(), then render.
std::vector<double> benchRawQtCharts(const Options &o, const QList<QPointF> &a, const QList<QPointF> &b)
{
    auto *chart = new QChart;
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->legend()->hide();
    auto *series = new QLineSeries;
    chart->addSeries(series);
    auto *x = new QDateTimeAxis;
    auto *y = new QValueAxis;
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    series->attachAxis(x);
    series->attachAxis(y);
    QChartView view(chart);
    view.setRenderHint(QPainter::Antialiasing, true);
    view.resize(kWidth, kHeight);
    view.show();
    x->setRange(QDateTime::fromMSecsSinceEpoch(qint64(a.constFirst().x())),
                QDateTime::fromMSecsSinceEpoch(qint64(a.constLast().x())));
    y->setRange(0, 600);
    QApplication::processEvents();
    return measure(o.rawReps, [&](int r) {
        series->replace((r % 2) ? b : a);
        const QPixmap pixmap = view.grab();
        Q_UNUSED(pixmap);
    });
}

#ifdef STACKSCOPE_HAVE_QCUSTOMPLOT
// (c): QCustomPlot gets the same points (setData, sorted) and replots with its adaptive sampling; render.
// `samePen`: the line TimeSeriesChartView draws (kLineWidth, flat caps, bevel joins); otherwise QCustomPlot's
// default pen.
std::vector<double> benchQCustomPlot(const Options &o, const QList<QPointF> &a, const QList<QPointF> &b, bool samePen)
{
    auto split = [](const QList<QPointF> &points, QVector<double> &keys, QVector<double> &values) {
        keys.reserve(points.size());
        values.reserve(points.size());
        for (const QPointF &p : points) {
            keys.append(p.x() / 1000.0); // QCustomPlot's date-time ticker counts seconds
            values.append(p.y());
        }
    };
    QVector<double> ka, va, kb, vb;
    split(a, ka, va);
    split(b, kb, vb);
    QCustomPlot plot;
    plot.resize(kWidth, kHeight);
    plot.setAntialiasedElements(QCP::aePlottables);
    QCPGraph *graph = plot.addGraph();
    graph->setAdaptiveSampling(true);
    if (samePen) {
        QPen pen(seriesColor(0, false), kLineWidth);
        pen.setCapStyle(Qt::FlatCap);
        pen.setJoinStyle(Qt::BevelJoin);
        graph->setPen(pen);
    } // else QCustomPlot's default: a zero-width (one device pixel, cosmetic) pen
    plot.xAxis->setTicker(QSharedPointer<QCPAxisTickerDateTime>::create());
    plot.xAxis->setRange(ka.constFirst(), ka.constLast());
    plot.yAxis->setRange(0, 600);
    plot.show();
    QApplication::processEvents();
    return measure(o.reps, [&](int r) {
        if (r % 2)
            graph->setData(kb, vb, true);
        else
            graph->setData(ka, va, true);
        plot.replot(QCustomPlot::rpImmediateRefresh);
        const QPixmap pixmap = plot.grab();
        Q_UNUSED(pixmap);
    });
}
#endif

QString list(const std::vector<double> &v)
{
    QStringList parts;
    for (double d : v)
        parts.append(QString::number(d, 'f', 1));
    return parts.join(QLatin1Char(','));
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    Options o;
    const QStringList args = QApplication::arguments();
    if (args.contains(QStringLiteral("--quick"))) {
        o.quick = true;
        o.points = 50'000;
        o.reps = 1;
        o.rawReps = 1;
    }
    const qsizetype at = args.indexOf(QStringLiteral("--points"));
    if (at >= 0 && at + 1 < args.size())
        o.points = args.at(at + 1).toInt();

    const QList<QPointF> a = makeSeries(o.points, 1);
    const QList<QPointF> b = makeSeries(o.points, 2);

    qsizetype drawnMinMax = 0;
    qsizetype drawnLttb = 0;
    const auto minmax = benchDecimated(o, a, b, DecimationMethod::MinMax, &drawnMinMax);
    const auto lttb = benchDecimated(o, a, b, DecimationMethod::Lttb, &drawnLttb);
    qsizetype drawnInline = 0;
    const auto inlined = benchDecimated(o, a, b, DecimationMethod::MinMax, &drawnInline, true);
    const auto [decimateOnly, renderOnly] = benchParts(o, a);
    const auto raw = benchRawQtCharts(o, a, b);
#ifdef STACKSCOPE_HAVE_QCUSTOMPLOT
    const auto qcp = benchQCustomPlot(o, a, b, true);
    const auto qcpThin = benchQCustomPlot(o, a, b, false);
    const bool haveQcp = true;
#else
    const std::vector<double> qcp;
    const std::vector<double> qcpThin;
    const bool haveQcp = false;
#endif

    const double mA = median(minmax);
    const double mL = median(lttb);
    const double mB = median(raw);
    const double mC = median(qcp);
    const double mCThin = median(qcpThin);
    std::printf("bench_charts: %d points, %dx%d, offscreen, medians of %d (raw Qt Charts: %d) runs\n", o.points,
                kWidth, kHeight, o.reps, o.rawReps);
    std::printf("  %-52s %10s  %s\n", "variant", "median ms", "runs ms");
    std::printf("  %-52s %10.1f  %s   (%lld points drawn)\n", "(a) TimeSeriesChartView, min/max on worker",
                mA, qPrintable(list(minmax)), static_cast<long long>(drawnMinMax));
    std::printf("  %-52s %10.1f  %s   (%lld points drawn)\n", "(a') TimeSeriesChartView, LTTB on worker",
                mL, qPrintable(list(lttb)), static_cast<long long>(drawnLttb));
    std::printf("  %-52s %10.1f  %s\n", "(a\") the same, min/max inline on the GUI thread", median(inlined),
                qPrintable(list(inlined)));
    std::printf("  %-52s %10.1f  %s\n", "    of which: decimation alone (computeLines)", median(decimateOnly),
                qPrintable(list(decimateOnly)));
    std::printf("  %-52s %10.1f  %s\n", "    of which: render of unchanged data (grab)", median(renderOnly),
                qPrintable(list(renderOnly)));
    std::printf("  %-52s %10.1f  %s\n", "(b) Qt Charts, all points in one replace()", mB, qPrintable(list(raw)));
    if (haveQcp)
    {
        std::printf("  %-52s %10.1f  %s\n", "(c) QCustomPlot 2.1, adaptive sampling, same pen", mC,
                    qPrintable(list(qcp)));
        std::printf("  %-52s %10.1f  %s\n", "(c') QCustomPlot 2.1, adaptive sampling, default pen", mCThin,
                    qPrintable(list(qcpThin)));
    }
    else
        std::printf("  (c) QCustomPlot: skipped, libqcustomplot-dev (Qt 6) was not found at build time\n");
    std::printf("  ratio b/a (target >= 20): %.1f x\n", mB / mA);
    if (haveQcp)
    {
        std::printf("  ratio c/a (target >= 1, a not slower; same line style): %.2f x\n", mC / mA);
        std::printf("  ratio c'/a (QCustomPlot's thinner default line): %.2f x\n", mCThin / mA);
    }
    std::printf("{\"bench\":\"charts\",\"points\":%d,\"width\":%d,\"height\":%d,\"reps\":%d,"
                "\"decimated_minmax_ms\":%.2f,\"decimated_lttb_ms\":%.2f,\"raw_qtcharts_ms\":%.2f,"
                "\"qcustomplot_ms\":%s,\"ratio_raw_vs_decimated\":%.2f,\"ratio_qcustomplot_vs_decimated\":%s,"
                "\"drawn_points\":%lld,\"decimated_inline_ms\":%.2f,\"decimation_only_ms\":%.2f,\"render_only_ms\":%.2f,\"qcustomplot_1px_ms\":%s}\n",
                o.points, kWidth, kHeight, o.reps, mA, mL, mB,
                haveQcp ? qPrintable(QString::number(mC, 'f', 2)) : "null", mB / mA,
                haveQcp ? qPrintable(QString::number(mC / mA, 'f', 2)) : "null", static_cast<long long>(drawnMinMax), median(inlined), median(decimateOnly), median(renderOnly),
                haveQcp ? qPrintable(QString::number(mCThin, 'f', 2)) : "null");
    return 0;
}
