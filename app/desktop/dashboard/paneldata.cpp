#include "paneldata.h"

#include "decimation.h"

#include <QCoreApplication>
#include <QMap>
#include <QSet>

#include <algorithm>
#include <cmath>
#include <limits>

namespace stackscope::app {

using dashboard::PanelSpec;
using dashboard::PanelType;
using storage::Aggregation;

namespace {

struct Accumulator
{
    double sum = 0.0;
    double min = std::numeric_limits<double>::infinity();
    double max = -std::numeric_limits<double>::infinity();
    int count = 0;
};

// Several series into one, step by step: the sum for sum/count/last (a total over the series), else the
// same aggregation across them.
QList<QPointF> combine(const QList<QList<QPointF>> &series, Aggregation aggregation)
{
    if (series.size() == 1)
        return series.constFirst();
    QMap<double, Accumulator> steps;
    for (const QList<QPointF> &points : series) {
        for (const QPointF &p : points) {
            if (!std::isfinite(p.y()))
                continue;
            Accumulator &acc = steps[p.x()];
            acc.sum += p.y();
            acc.min = std::min(acc.min, p.y());
            acc.max = std::max(acc.max, p.y());
            ++acc.count;
        }
    }
    QList<QPointF> out;
    out.reserve(steps.size());
    for (auto it = steps.cbegin(); it != steps.cend(); ++it) {
        double y = it->sum;
        if (aggregation == Aggregation::Avg)
            y = it->sum / it->count;
        else if (aggregation == Aggregation::Min)
            y = it->min;
        else if (aggregation == Aggregation::Max)
            y = it->max;
        out.append(QPointF(it.key(), y));
    }
    return out;
}

QList<QPointF> toPoints(const QList<TimedValue> &values, qint64 shiftMs)
{
    QList<QPointF> points;
    points.reserve(values.size());
    for (const TimedValue &v : values)
        points.append(QPointF(double(v.ts + shiftMs), v.value));
    return points;
}

// Label names whose values differ between the series of one result: what tells them apart in a legend.
QStringList distinguishingLabels(const QList<storage::SeriesPoints> &series)
{
    QMap<QString, QSet<QString>> values;
    for (const storage::SeriesPoints &s : series)
        for (auto it = s.labels.cbegin(); it != s.labels.cend(); ++it)
            values[it.key()].insert(it.value());
    QStringList names;
    for (auto it = values.cbegin(); it != values.cend(); ++it)
        if (it->size() > 1)
            names.append(it.key());
    return names;
}

QString legendFor(const dashboard::PanelQuery &query, const QString &groupValue, const Labels &labels,
                  const QStringList &distinguishing, bool prefixMetric)
{
    if (!query.legend.isEmpty()) {
        QString text = query.legend;
        for (auto it = labels.cbegin(); it != labels.cend(); ++it)
            text.replace(QStringLiteral("{{") + it.key() + QStringLiteral("}}"), it.value());
        if (!groupValue.isNull())
            text.replace(QStringLiteral("{{") + query.groupBy + QStringLiteral("}}"), groupValue);
        return text;
    }
    QString distinct;
    if (!groupValue.isNull()) {
        distinct = groupValue;
    } else {
        QStringList parts;
        for (const QString &name : distinguishing)
            parts.append(distinguishing.size() == 1 ? labels.value(name)
                                                    : name + QLatin1Char('=') + labels.value(name));
        distinct = parts.join(QStringLiteral(", "));
    }
    if (distinct.isEmpty())
        return query.metric;
    return prefixMetric ? query.metric + QStringLiteral(" · ") + distinct : distinct;
}

struct NamedSeries
{
    QString name;
    QList<QPointF> points;
};

// One query's result as the lines it draws: grouped by its groupBy label when it has one.
QList<NamedSeries> seriesOf(const dashboard::PanelQuery &query, const storage::QueryResult &result,
                            qint64 shiftMs, bool prefixMetric)
{
    QList<NamedSeries> out;
    if (!query.groupBy.isEmpty()) {
        QMap<QString, QList<QList<QPointF>>> groups;
        QMap<QString, Labels> groupLabels;
        for (const storage::SeriesPoints &s : result.series) {
            const QString key = s.labels.value(query.groupBy, QCoreApplication::translate(
                                                                   "stackscope::app::PanelData", "(none)"));
            groups[key].append(toPoints(s.points, shiftMs));
            groupLabels.insert(key, s.labels);
        }
        for (auto it = groups.cbegin(); it != groups.cend(); ++it)
            out.append({legendFor(query, it.key(), groupLabels.value(it.key()), {}, prefixMetric),
                        combine(*it, query.aggregation)});
        return out;
    }
    const QStringList distinguishing = distinguishingLabels(result.series);
    for (const storage::SeriesPoints &s : result.series)
        out.append({legendFor(query, QString(), s.labels, distinguishing, prefixMetric), toPoints(s.points, shiftMs)});
    return out;
}

QList<NamedSeries> allSeries(const PanelSpec &spec, const QList<storage::QueryResult> &results, qint64 shiftMs)
{
    QList<NamedSeries> out;
    const bool prefix = spec.queries.size() > 1;
    for (qsizetype q = 0; q < results.size() && q < spec.queries.size(); ++q)
        out += seriesOf(spec.queries.at(q), results.at(q), shiftMs, prefix);
    return out;
}

Aggregation panelAggregation(const PanelSpec &spec)
{
    return spec.queries.isEmpty() ? Aggregation::Avg : spec.queries.constFirst().aggregation;
}

// Percentile lines over time: at each step, the percentiles of every series' values in a small window of
// steps around it (with one series, a rolling window; with many, mostly across the series).
QList<PlotSeries> percentileLines(const QList<NamedSeries> &series, const QList<double> &percentiles)
{
    QMap<double, QList<double>> byStep;
    for (const NamedSeries &s : series)
        for (const QPointF &p : s.points)
            if (std::isfinite(p.y()))
                byStep[p.x()].append(p.y());
    const QList<double> steps = byStep.keys();
    const qsizetype n = steps.size();
    const qsizetype half = series.size() >= 5 ? 0 : std::max<qsizetype>(2, n / 80);
    QList<PlotSeries> lines;
    for (qsizetype k = 0; k < percentiles.size(); ++k)
        lines.append({QStringLiteral("p%1").arg(percentiles.at(k)), {}, int(k)});
    QList<double> window;
    for (qsizetype i = 0; i < n; ++i) {
        window.clear();
        for (qsizetype j = std::max<qsizetype>(0, i - half); j <= std::min(n - 1, i + half); ++j)
            window += byStep.value(steps.at(j));
        for (qsizetype k = 0; k < percentiles.size(); ++k)
            lines[k].points.append(QPointF(steps.at(i), percentile(window, percentiles.at(k))));
    }
    return lines;
}

SeriesSummary summarise(const NamedSeries &s, Aggregation aggregation, int colorIndex)
{
    SeriesSummary row;
    row.name = s.name;
    row.colorIndex = colorIndex;
    row.last = reduce(s.points, Aggregation::Last).value_or(std::nan(""));
    row.min = reduce(s.points, Aggregation::Min).value_or(std::nan(""));
    row.max = reduce(s.points, Aggregation::Max).value_or(std::nan(""));
    row.avg = reduce(s.points, Aggregation::Avg).value_or(std::nan(""));
    row.value = reduce(s.points, aggregation).value_or(std::nan(""));
    return row;
}

} // namespace

bool needsPreviousPeriod(const PanelSpec &spec, bool compare)
{
    switch (spec.type) {
    case PanelType::Stat:
        return true;
    case PanelType::Line:
    case PanelType::Area:
    case PanelType::Bar:
        return compare;
    default:
        return false;
    }
}

int pointsFor(const PanelSpec &spec, int plotWidth)
{
    const int width = std::max(plotWidth, 40);
    switch (spec.type) {
    case PanelType::Bar:
        return std::clamp(width / 3, 12, 600);         // several steps per bar: the chart sums them per bucket
    case PanelType::Stat:
    case PanelType::Gauge:
    case PanelType::Status:
        return std::clamp(width / 3, 30, 200);         // the sparkline's resolution
    case PanelType::Table:
    case PanelType::TopN:
        return 200;
    case PanelType::Percentile:
        return std::clamp(width / 2, 50, 600);
    default:
        // One point per two pixel columns: a line still reads as exact, and Qt Charts (whose replace() and
        // painting cost grow with points × series) does half the work.
        return std::max(50, width / 2);
    }
}

std::optional<double> reduce(const QList<QPointF> &points, Aggregation aggregation)
{
    Accumulator acc;
    double last = 0.0;
    for (const QPointF &p : points) {
        if (!std::isfinite(p.y()))
            continue;
        acc.sum += p.y();
        acc.min = std::min(acc.min, p.y());
        acc.max = std::max(acc.max, p.y());
        ++acc.count;
        last = p.y();
    }
    if (acc.count == 0)
        return std::nullopt;
    switch (aggregation) {
    case Aggregation::Sum:
    case Aggregation::Count:
        return acc.sum;
    case Aggregation::Avg:
        return acc.sum / acc.count;
    case Aggregation::Min:
        return acc.min;
    case Aggregation::Max:
        return acc.max;
    case Aggregation::Last:
        return last;
    }
    return std::nullopt;
}

double percentile(QList<double> &values, double p)
{
    if (values.isEmpty())
        return std::nan("");
    std::sort(values.begin(), values.end());
    const double rank = std::clamp(p, 0.0, 100.0) / 100.0 * double(values.size() - 1);
    const qsizetype lo = qsizetype(std::floor(rank));
    const qsizetype hi = std::min(values.size() - 1, lo + 1);
    return values.at(lo) + (values.at(hi) - values.at(lo)) * (rank - double(lo));
}

PanelData buildPanelData(const PanelQueryResults &in)
{
    PanelData data;
    data.fromMs = in.fromMs;
    data.toMs = in.toMs;
    data.unit = in.spec.unit.isEmpty() ? in.metricUnit : in.spec.unit;
    data.error = in.error;
    if (!in.error.isEmpty())
        return data;
    // The coarsest step drawn: the previous period can come from a coarser tier than the current one (its minute
    // rollups may be gone), and gap detection must not take its wider spacing for missing data.
    for (const storage::QueryResult &r : in.current)
        data.stepMs = std::max(data.stepMs, r.stepMs);
    for (const storage::QueryResult &r : in.previous)
        data.stepMs = std::max(data.stepMs, r.stepMs);

    const PanelSpec &spec = in.spec;
    const Aggregation aggregation = panelAggregation(spec);
    const QList<NamedSeries> current = allSeries(spec, in.current, 0);
    const qint64 shift = in.toMs - in.fromMs;
    const QList<NamedSeries> previous = allSeries(spec, in.previous, shift);
    const int buckets = std::max(50, in.plotWidth);
    const auto drawable = [&](const QList<QPointF> &points) {
        return in.decimate ? charts::decimateMinMax(points, buckets) : points;
    };

    switch (spec.type) {
    case PanelType::Line:
    case PanelType::Area:
    case PanelType::Bar:
        for (qsizetype i = 0; i < current.size(); ++i) {
            data.series.append({current.at(i).name, drawable(current.at(i).points), int(i)});
            data.pointCount += data.series.constLast().points.size();
        }
        for (qsizetype i = 0; i < previous.size(); ++i)
            data.previous.append({previous.at(i).name, drawable(previous.at(i).points), int(i)});
        break;
    case PanelType::Percentile: {
        const QList<double> ps = spec.percentiles.isEmpty() ? QList<double>{50, 95, 99} : spec.percentiles;
        data.series = percentileLines(current, ps);
        for (PlotSeries &s : data.series) {
            s.points = drawable(s.points);
            data.pointCount += s.points.size();
        }
        break;
    }
    case PanelType::Stat:
    case PanelType::Gauge:
    case PanelType::Status: {
        QList<QList<QPointF>> lines;
        for (const NamedSeries &s : current)
            lines.append(s.points);
        const QList<QPointF> total = lines.isEmpty() ? QList<QPointF>{} : combine(lines, aggregation);
        data.value = reduce(total, aggregation);
        data.sparkline = charts::decimateLttb(total, 80);   // a smooth shape; spikes still make large triangles
        data.pointCount = data.sparkline.size();
        QList<QList<QPointF>> before;
        for (const NamedSeries &s : previous)
            before.append(s.points);
        if (!before.isEmpty())
            data.previousValue = reduce(combine(before, aggregation), aggregation);
        break;
    }
    case PanelType::Table:
    case PanelType::TopN: {
        for (qsizetype i = 0; i < current.size(); ++i)
            if (!current.at(i).points.isEmpty())
                data.summaries.append(summarise(current.at(i), aggregation, int(i)));
        if (spec.type == PanelType::TopN) {
            std::stable_sort(data.summaries.begin(), data.summaries.end(),
                             [](const SeriesSummary &a, const SeriesSummary &b) { return a.value > b.value; });
            if (spec.topN > 0 && data.summaries.size() > spec.topN)
                data.summaries.resize(spec.topN);
        }
        break;
    }
    }
    return data;
}

} // namespace stackscope::app
