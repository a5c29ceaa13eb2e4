// TimeSeriesChartView's line job: what runs on the decimation worker for line charts (pure functions of their
// input, no widget access), and the helpers the other chart kinds share.
#include "timeserieschartview.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace stackscope::charts {

namespace {

// Past this many segments a series is too fragmented for gaps to help; it is drawn as one line.
constexpr qsizetype kMaxSegmentsPerSeries = 400;
// A jump of more than this many expected steps is a gap.
constexpr double kGapSteps = 2.5;

// The part of `points` that can show in [fromMs, toMs]: the points inside plus one neighbour on each side, so
// lines run on to the plot's edges. An index range: no copy of a million points just to look at them.
std::pair<qsizetype, qsizetype> visibleRange(const QList<QPointF> &points, double fromMs, double toMs)
{
    auto less = [](const QPointF &p, double x) { return p.x() < x; };
    auto begin = std::lower_bound(points.cbegin(), points.cend(), fromMs, less);
    auto end = std::lower_bound(begin, points.cend(), toMs, less);
    if (begin != points.cbegin())
        --begin;
    if (end != points.cend())
        ++end;
    return {begin - points.cbegin(), end - points.cbegin()};
}

} // namespace

double TimeSeriesChartView::gapThreshold(const ChartSeries &series)
{
    if (series.expectedStepMs <= 0)
        return 0.0;
    // A gap is a jump well beyond both the requested step and the data's own spacing.
    return kGapSteps * std::max(double(series.expectedStepMs), typicalSpacing(series.points));
}

void TimeSeriesChartView::measure(DecimatedSeries &series, qint64 fromMs, qint64 toMs)
{
    double lo = std::numeric_limits<double>::infinity();
    double hi = -lo;
    for (const QList<QPointF> &segment : std::as_const(series.segments)) {
        for (const QPointF &p : segment) {
            if (p.x() < double(fromMs) || p.x() > double(toMs) || !std::isfinite(p.y()))
                continue;
            lo = std::min(lo, p.y());
            hi = std::max(hi, p.y());
        }
    }
    series.minY = std::isfinite(lo) ? lo : qQNaN();
    series.maxY = std::isfinite(hi) ? hi : qQNaN();
}

DecimatedChart TimeSeriesChartView::computeLines(const JobInput &input)
{
    // MinMax keeps up to two points per bucket, LTTB one: give LTTB twice the buckets for the same detail.
    const int buckets = input.method == DecimationMethod::Lttb ? 2 * input.buckets : input.buckets;
    auto decimateOne = [&](const ChartSeries &source, double shift) {
        // Comparison series are shifted in time onto the current range: a copy, shifted (they are cut first).
        QList<QPointF> shifted;
        const QList<QPointF> *sourcePoints = &source.points;
        if (shift != 0.0) {
            const auto [b, e] = visibleRange(source.points, double(input.fromMs) - shift, double(input.toMs) - shift);
            shifted = source.points.mid(b, e - b);
            for (QPointF &p : shifted)
                p.rx() += shift;
            sourcePoints = &shifted;
        }
        const auto [b, e] = visibleRange(*sourcePoints, double(input.fromMs), double(input.toMs));
        const QPointF *first = sourcePoints->constData() + b;
        DecimatedSeries out;
        out.segments = decimateSegments(first, e - b, buckets, input.method, gapThreshold(source));
        if (out.segments.size() > kMaxSegmentsPerSeries)
            out.segments = decimateSegments(first, e - b, buckets, input.method, 0.0);
        measure(out, input.fromMs, input.toMs);
        return out;
    };
    DecimatedChart chart;
    for (const ChartSeries &s : input.series)
        chart.series.append(decimateOne(s, 0.0));
    for (const ChartSeries &s : input.comparison)
        chart.comparison.append(decimateOne(s, double(input.comparisonShiftMs)));
    for (const QList<DecimatedSeries> *list : {&chart.series, &chart.comparison}) {
        for (const DecimatedSeries &s : *list) {
            for (const QList<QPointF> &segment : s.segments)
                chart.pointCount += segment.size();
        }
    }
    return chart;
}

} // namespace stackscope::charts
