#include "barchartview.h"

#include "decimation.h"

#include <QBarCategoryAxis>
#include <QBarLegendMarker>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QStackedBarSeries>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace stackscope::charts {

namespace {
// Automatic bucket count: one bar group per this many pixels, within these bounds.
constexpr int kPixelsPerBucket = 14;
constexpr int kMinBuckets = 4;
constexpr int kMaxBuckets = 120;
} // namespace

BarChartView::BarChartView(QWidget *parent)
    : TimeSeriesChartView(parent)
    , m_categories(new QBarCategoryAxis(this))
{
    // The bars are placed by a hidden category axis whose buckets split the time range evenly, so they line up
    // with the visible time axis.
    chart()->addAxis(m_categories, Qt::AlignBottom);
    m_categories->setVisible(false);
    m_categories->setGridLineVisible(false);
    setStacked(false);
}

BarChartView::~BarChartView() = default;

void BarChartView::setStacked(bool stacked)
{
    if (m_bars && stacked == m_stacked)
        return;
    m_stacked = stacked;
    if (m_bars) {
        chart()->removeSeries(m_bars);
        delete m_bars;
    }
    m_bars = stacked ? static_cast<QAbstractBarSeries *>(new QStackedBarSeries(this))
                     : static_cast<QAbstractBarSeries *>(new QBarSeries(this));
    m_bars->setBarWidth(stacked ? 0.72 : 0.82);
    chart()->addSeries(m_bars);
    m_bars->attachAxis(m_categories);
    m_bars->attachAxis(valueAxis());
    rebuild();
}

void BarChartView::setBucketCount(int count)
{
    m_bucketCount = std::max(0, count);
    rebuild();
}

int BarChartView::bucketCount() const
{
    if (m_bucketCount > 0)
        return m_bucketCount;
    const int byWidth = std::clamp(plotWidth() / kPixelsPerBucket, kMinBuckets, kMaxBuckets);
    // Data coarser than those buckets (daily totals over a week) would leave most of them empty and draw thin
    // bars far apart: then one bucket per step of the data.
    double spacing = 0.0;
    for (const ChartSeries &s : series())
        spacing = std::max(spacing, typicalSpacing(s.points));
    const double span = double(toMs() - fromMs());
    if (spacing > 0.0 && span > 0.0)
        return std::clamp(int(std::ceil(span / spacing)), 1, byWidth);
    return byWidth;
}

void BarChartView::setAggregation(Aggregation aggregation)
{
    m_aggregation = aggregation;
    rebuild();
}

QList<QPointF> BarChartView::bucketize(const QList<QPointF> &points, qint64 fromMs, qint64 toMs, int count,
                                       Aggregation aggregation)
{
    QList<QPointF> out;
    if (count <= 0 || toMs <= fromMs)
        return out;
    const double width = double(toMs - fromMs) / count;
    QList<double> value(count, qQNaN());
    QList<int> samples(count, 0);
    for (const QPointF &p : points) {
        if (std::isnan(p.y()) || p.x() < double(fromMs) || p.x() >= double(toMs))
            continue;
        const int b = std::min(count - 1, int((p.x() - double(fromMs)) / width));
        double &v = value[b];
        switch (aggregation) {
        case Aggregation::Sum:
        case Aggregation::Average:
            v = samples.at(b) == 0 ? p.y() : v + p.y();
            break;
        case Aggregation::Max:
            v = samples.at(b) == 0 ? p.y() : std::max(v, p.y());
            break;
        case Aggregation::Last:
            v = p.y();
            break;
        }
        ++samples[b];
    }
    out.reserve(count);
    for (int b = 0; b < count; ++b) {
        double v = value.at(b);
        if (aggregation == Aggregation::Average && samples.at(b) > 0)
            v /= samples.at(b);
        out.append(QPointF(double(fromMs) + (b + 0.5) * width, v));
    }
    return out;
}

DecimationWorker::Job BarChartView::makeJob(JobInput input) const
{
    input.buckets = bucketCount();
    return [input = std::move(input), aggregation = m_aggregation, stacked = m_stacked] {
        DecimatedChart chart;
        QList<double> stackTop(input.buckets, 0.0);
        for (qsizetype k = 0; k < input.series.size(); ++k) {
            DecimatedSeries out;
            out.buckets = bucketize(input.series.at(k).points, input.fromMs, input.toMs, input.buckets, aggregation);
            if (!input.hidden.contains(k)) {
                double lo = qQNaN();
                double hi = qQNaN();
                for (qsizetype b = 0; b < out.buckets.size(); ++b) {
                    double y = out.buckets.at(b).y();
                    if (std::isnan(y))
                        continue;
                    if (stacked) { // a stack's top is what the axis must reach
                        stackTop[b] += y;
                        y = stackTop.at(b);
                    }
                    lo = std::isnan(lo) ? y : std::min(lo, y);
                    hi = std::isnan(hi) ? y : std::max(hi, y);
                }
                out.minY = lo;
                out.maxY = hi;
            }
            chart.pointCount += out.buckets.size();
            chart.series.append(out);
        }
        return chart;
    };
}

void BarChartView::applyChart(const DecimatedChart &decimated)
{
    clearDrawn();
    const int count = decimated.series.isEmpty() ? bucketCount() : int(decimated.series.constFirst().buckets.size());
    QStringList categories;
    categories.reserve(count);
    for (int b = 0; b < count; ++b)
        categories.append(QString::number(b));
    if (m_categories->categories() != categories)
        m_categories->setCategories(categories);

    // New sets, filled before they are added: the series sees each set once, not once per value.
    m_bars->clear();
    QList<QBarSet *> sets;
    for (qsizetype i = 0; i < decimated.series.size() && i < series().size(); ++i) {
        auto *set = new QBarSet(series().at(i).name);
        QList<qreal> values;
        values.reserve(count);
        const bool hidden = !isSeriesVisible(i);
        for (const QPointF &p : decimated.series.at(i).buckets)
            values.append(hidden || std::isnan(p.y()) ? 0.0 : p.y());
        set->append(values);
        sets.append(set);
    }
    m_bars->append(sets);
    addDrawn(m_bars, -1, false, false);
}

void BarChartView::styleDrawn(QAbstractSeries *item, const QColor &, bool)
{
    if (item != m_bars)
        return;
    const QList<QBarSet *> sets = m_bars->barSets();
    for (qsizetype i = 0; i < sets.size(); ++i) {
        const QColor color = colorOf(i);
        sets.at(i)->setBrush(isSeriesVisible(i) ? color : Qt::transparent);
        // A hairline of the background between neighbouring bars keeps dense bars apart.
        sets.at(i)->setPen(QPen(colors().background, 0.5));
        sets.at(i)->setLabelColor(colors().text);
    }
}

qsizetype BarChartView::markerOwner(QLegendMarker *marker) const
{
    auto *barMarker = qobject_cast<QBarLegendMarker *>(marker);
    if (!barMarker || barMarker->series() != m_bars)
        return -1;
    return m_bars->barSets().indexOf(barMarker->barset());
}

double BarChartView::valueAt(qsizetype index, qint64 timeMs) const
{
    const DecimatedChart &current = currentChart();
    if (index < 0 || index >= current.series.size())
        return qQNaN();
    const QList<QPointF> &buckets = current.series.at(index).buckets;
    if (buckets.isEmpty() || timeMs < fromMs() || timeMs >= toMs())
        return qQNaN();
    const auto b = qsizetype(double(timeMs - fromMs()) / double(toMs() - fromMs()) * buckets.size());
    return buckets.at(std::clamp<qsizetype>(b, 0, buckets.size() - 1)).y();
}

void BarChartView::resizeEvent(QResizeEvent *event)
{
    const int before = bucketCount();
    TimeSeriesChartView::resizeEvent(event);
    if (m_bucketCount == 0 && bucketCount() != before && !series().isEmpty())
        rebuild();
}

} // namespace stackscope::charts
