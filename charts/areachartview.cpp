#include "areachartview.h"

#include <QAreaSeries>
#include <QChart>
#include <QDateTimeAxis>
#include <QLineSeries>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace stackscope::charts {

namespace {

// Series `source` resampled onto `columns` equal columns over [fromMs, toMs): the mean of the points in a column,
// or, for a column between two points (sparse data), the value interpolated between them, unless they are
// further apart than the series' gap threshold. NaN where the series has nothing.
QList<double> resample(const ChartSeries &source, qint64 fromMs, qint64 toMs, int columns, double maxGap)
{
    QList<double> out(columns, qQNaN());
    const QList<QPointF> &points = source.points;
    if (points.isEmpty() || columns <= 0)
        return out;
    const double width = double(toMs - fromMs) / columns;
    auto less = [](const QPointF &p, double x) { return p.x() < x; };
    auto it = std::lower_bound(points.cbegin(), points.cend(), double(fromMs), less);
    for (int c = 0; c < columns; ++c) {
        const double c0 = double(fromMs) + c * width;
        const double c1 = c0 + width;
        double sum = 0.0;
        int count = 0;
        for (; it != points.cend() && it->x() < c1; ++it) {
            if (!std::isnan(it->y())) {
                sum += it->y();
                ++count;
            }
        }
        if (count > 0) {
            out[c] = sum / count;
            continue;
        }
        // Between the last point before this column and the first one after it.
        if (it == points.cbegin() || it == points.cend())
            continue;
        const QPointF before = *(it - 1);
        const QPointF after = *it;
        if (std::isnan(before.y()) || std::isnan(after.y()) || (maxGap > 0.0 && after.x() - before.x() > maxGap))
            continue;
        const double xc = (c0 + c1) / 2.0;
        const double t = (xc - before.x()) / std::max(1e-9, after.x() - before.x());
        out[c] = before.y() + t * (after.y() - before.y());
    }
    return out;
}

DecimatedChart computeStacked(const TimeSeriesChartView::JobInput &input)
{
    // One column per pixel at most; fewer when the range has fewer data steps (no need for more columns).
    const int columns = std::max(2, input.buckets);
    const double width = double(input.toMs - input.fromMs) / columns;
    QList<double> base(columns, 0.0);
    DecimatedChart chart;
    for (qsizetype k = 0; k < input.series.size(); ++k) {
        const ChartSeries &source = input.series.at(k);
        const bool hidden = input.hidden.contains(k);
        const QList<double> values = hidden ? QList<double>(columns, 0.0)
                                            : resample(source, input.fromMs, input.toMs, columns,
                                                       TimeSeriesChartView::gapThreshold(source));
        DecimatedSeries out;
        QList<QPointF> upper;
        QList<QPointF> lower;
        for (int c = 0; c <= columns; ++c) {
            if (c == columns || std::isnan(values.at(c))) {
                if (!upper.isEmpty()) {
                    out.segments.append(upper);
                    out.lowerSegments.append(lower);
                    upper.clear();
                    lower.clear();
                }
                continue;
            }
            const double x = double(input.fromMs) + (c + 0.5) * width;
            lower.append(QPointF(x, base.at(c)));
            base[c] += values.at(c);
            upper.append(QPointF(x, base.at(c)));
        }
        TimeSeriesChartView::measure(out, input.fromMs, input.toMs);
        chart.pointCount += std::accumulate(out.segments.cbegin(), out.segments.cend(), qsizetype(0),
                                            [](qsizetype n, const QList<QPointF> &s) { return n + s.size(); });
        chart.series.append(out);
    }
    return chart;
}

} // namespace

AreaChartView::AreaChartView(QWidget *parent)
    : TimeSeriesChartView(parent)
{
}

AreaChartView::~AreaChartView() = default;

void AreaChartView::setStacked(bool stacked)
{
    if (stacked == m_stacked)
        return;
    m_stacked = stacked;
    rebuild();
}

DecimationWorker::Job AreaChartView::makeJob(JobInput input) const
{
    if (!m_stacked)
        return TimeSeriesChartView::makeJob(std::move(input));
    // Comparison overlays of a stacked chart are drawn as plain lines, decimated as usual.
    return [input = std::move(input)] {
        DecimatedChart chart = computeStacked(input);
        JobInput lines = input;
        lines.series.clear();
        const DecimatedChart comparison = computeLines(lines);
        chart.comparison = comparison.comparison;
        chart.pointCount += comparison.pointCount;
        return chart;
    };
}

void AreaChartView::applyChart(const DecimatedChart &decimated)
{
    clearDrawn();
    qsizetype used = 0;
    for (qsizetype i = 0; i < decimated.series.size() && i < series().size(); ++i) {
        const DecimatedSeries &s = decimated.series.at(i);
        for (qsizetype seg = 0; seg < s.segments.size(); ++seg) {
            if (m_areas.size() <= used) {
                auto *area = new QAreaSeries(new QLineSeries(this), new QLineSeries(this));
                area->upperSeries()->setParent(area);
                area->lowerSeries()->setParent(area);
                chart()->addSeries(area);
                area->attachAxis(timeAxis());
                area->attachAxis(valueAxis());
                m_areas.append(area);
            }
            auto *area = static_cast<QAreaSeries *>(m_areas.at(used++));
            const QList<QPointF> &upper = s.segments.at(seg);
            area->setName(series().at(i).name);
            area->upperSeries()->replace(upper);
            if (seg < s.lowerSegments.size())
                area->lowerSeries()->replace(s.lowerSegments.at(seg));
            else // down to zero
                area->lowerSeries()->replace({QPointF(upper.constFirst().x(), 0.0), QPointF(upper.constLast().x(), 0.0)});
            area->setPointsVisible(upper.size() == 1);
            addDrawn(area, i, false, seg == 0);
        }
    }
    while (m_areas.size() > used) {
        QAbstractSeries *area = m_areas.takeLast();
        chart()->removeSeries(area);
        delete area;
    }
    // The previous period as dashed lines (the base class's lines).
    qsizetype lines = 0;
    for (qsizetype i = 0; i < decimated.comparison.size() && i < comparisonSeries().size(); ++i) {
        const DecimatedSeries &s = decimated.comparison.at(i);
        for (const QList<QPointF> &segment : s.segments) {
            QLineSeries *line = lineAt(lines++);
            line->setName(tr("%1 (previous)").arg(comparisonSeries().at(i).name));
            line->replace(segment);
            addDrawn(line, i, true, false);
        }
    }
    removeLinesFrom(lines);
}

void AreaChartView::styleDrawn(QAbstractSeries *item, const QColor &color, bool comparison)
{
    auto *area = qobject_cast<QAreaSeries *>(item);
    if (!area) {
        TimeSeriesChartView::styleDrawn(item, color, comparison);
        return;
    }
    QPen pen(color);
    pen.setWidthF(kLineWidth); // see TimeSeriesChartView::styleDrawn
    pen.setJoinStyle(Qt::BevelJoin);
    area->setPen(pen);
    // Stacked areas are opaque enough to tell apart; overlapping ones must stay see-through.
    area->setBrush(withAlpha(color, m_stacked ? (colors().dark ? 0.55 : 0.45) : (colors().dark ? 0.28 : 0.22)));
}

} // namespace stackscope::charts
