#include "rules/ruleevaluator.h"

#include "rules/ruleduration.h"
#include "rules/rulewindow.h"
#include "rules/rulewording.h"
#include "rules/seasonalband.h"

#include <QHash>
#include <QMap>

#include <algorithm>
#include <cmath>

// evaluateRuleData: pure, runs on any thread. One verdict per series (or one for all of them), before "for"
// durations and the alert lifecycle (core/alerts).

namespace stackscope::rules {

namespace {

using storage::Aggregation;
using namespace detail;

// One point as read: `value` in the read aggregation (sums for avg rules) and, for avg rules, its samples.
struct Step
{
    qint64 ts = 0;
    double value = 0.0;
    double count = 0.0;
};

struct SeriesView
{
    Labels labels;
    QList<Step> steps;     // time order
    QList<Step> history;   // band rules: the same hour in past weeks
};

QList<Step> stepsOf(const storage::SeriesPoints &series, const storage::SeriesPoints *counts)
{
    QHash<qint64, double> countAt;
    if (counts) {
        for (const TimedValue &point : counts->points)
            countAt.insert(point.ts, point.value);
    }
    QList<Step> steps;
    steps.reserve(series.points.size());
    for (const TimedValue &point : series.points)
        steps.append({point.ts, point.value, countAt.value(point.ts)});
    std::sort(steps.begin(), steps.end(), [](const Step &a, const Step &b) { return a.ts < b.ts; });
    return steps;
}

QList<SeriesView> viewsOf(const RuleData &data)
{
    const auto byId = [](const QList<storage::SeriesPoints> &list) {
        QHash<qint64, const storage::SeriesPoints *> index;
        for (const storage::SeriesPoints &series : list)
            index.insert(series.seriesId, &series);
        return index;
    };
    const auto windowCounts = byId(data.windowCounts);
    const auto history = byId(data.history);
    const auto historyCounts = byId(data.historyCounts);
    QList<SeriesView> views;
    for (const storage::SeriesPoints &series : data.window) {
        SeriesView view;
        view.labels = series.labels;
        view.steps = stepsOf(series, windowCounts.value(series.seriesId));
        if (const storage::SeriesPoints *past = history.value(series.seriesId))
            view.history = stepsOf(*past, historyCounts.value(series.seriesId));
        views.append(std::move(view));
    }
    return views;
}

// Folds the series into one, as if all their samples had been one series: sums and counts add up, min and max
// are taken across, and "last" is the value of the most recent point (the later series when they tie).
void poolInto(QMap<qint64, Step> &pooled, const QList<Step> &steps, Aggregation aggregation)
{
    for (const Step &step : steps) {
        auto it = pooled.find(step.ts);
        if (it == pooled.end()) {
            pooled.insert(step.ts, step);
            continue;
        }
        switch (aggregation) {
        case Aggregation::Min: it->value = std::min(it->value, step.value); break;
        case Aggregation::Max: it->value = std::max(it->value, step.value); break;
        case Aggregation::Last: it->value = step.value; break;
        case Aggregation::Avg:
        case Aggregation::Sum:
        case Aggregation::Count: it->value += step.value; break;
        }
        it->count += step.count;
    }
}

SeriesView pooledView(const QList<SeriesView> &views, const AlertRule &rule)
{
    const Aggregation aggregation = readAggregation(rule);
    QMap<qint64, Step> steps;
    QMap<qint64, Step> history;
    Labels common = views.isEmpty() ? Labels{} : views.first().labels;
    for (const SeriesView &view : views) {
        poolInto(steps, view.steps, aggregation);
        poolInto(history, view.history, aggregation);
        for (auto it = common.begin(); it != common.end();)
            it = view.labels.value(it.key()) == it.value() && view.labels.contains(it.key()) ? std::next(it) : common.erase(it);
    }
    return {common, steps.values(), history.values()};
}

// A step's value in the rule's aggregation (avg rules hold sums and counts).
std::optional<double> valueOf(const AlertRule &rule, const Step &step)
{
    if (!readsCounts(rule))
        return step.value;
    if (step.count <= 0)
        return std::nullopt;
    return step.value / step.count;
}

// The window's value in the rule's aggregation, over every step given.
std::optional<double> aggregateOf(const AlertRule &rule, const QList<Step> &steps)
{
    if (steps.isEmpty())
        return std::nullopt;
    double value = steps.first().value;
    double count = 0;
    for (qsizetype i = 0; i < steps.size(); ++i) {
        const Step &step = steps[i];
        count += step.count;
        if (i == 0)
            continue;
        switch (rule.aggregation) {
        case Aggregation::Min: value = std::min(value, step.value); break;
        case Aggregation::Max: value = std::max(value, step.value); break;
        case Aggregation::Last: value = step.value; break;
        case Aggregation::Avg:
        case Aggregation::Sum:
        case Aggregation::Count: value += step.value; break;
        }
    }
    if (readsCounts(rule))
        return count > 0 ? std::optional<double>(value / count) : std::nullopt;
    return value;
}

QString unitFor(const AlertRule &rule, const QString &unit)
{
    return rule.aggregation == Aggregation::Count ? QString() : unit;
}

class Evaluation
{
public:
    Evaluation(const AlertRule &rule, const RuleData &data, qint64 nowMs)
        : m_rule(rule), m_data(data), m_now(nowMs), m_unit(unitFor(rule, data.unit)),
          m_agg(storage::aggregationName(rule.aggregation)), m_over(durationWords(rule.windowMs))
    {
    }

    InstanceResult run(const SeriesView &view) const
    {
        InstanceResult out;
        out.labels = view.labels;
        out.project = view.labels.value(QStringLiteral("project"), m_rule.project);
        out.service = view.labels.value(QStringLiteral("service"), m_rule.service);
        QList<Step> window;
        for (const Step &step : view.steps) {
            if (step.ts >= m_data.windowStartMs)
                window.append(step);
        }
        if (window.isEmpty() || (readsCounts(m_rule) && !aggregateOf(m_rule, window))) {
            out.noData = true;
            out.firing = m_rule.condition == ConditionKind::NoData;
            out.summary = QStringLiteral("no data in the last %1").arg(m_over);
            if (m_rule.condition == ConditionKind::NoData)
                out.value = 0.0;
            return out;
        }
        switch (m_rule.condition) {
        case ConditionKind::Threshold: threshold(window, out); break;
        case ConditionKind::RateOfChange: rate(view.steps, window, out); break;
        case ConditionKind::NoData: noData(window, out); break;
        case ConditionKind::LearnedBand: band(view.history, window, out); break;
        }
        return out;
    }

private:
    bool crosses(double value, double bound) const
    {
        return m_rule.comparison == Comparison::Below ? value < bound : value > bound;
    }
    QString verdictSign(bool firing) const
    {
        const bool below = m_rule.comparison == Comparison::Below;
        return firing ? (below ? QStringLiteral("<") : QStringLiteral(">"))
                      : (below ? QStringLiteral(">=") : QStringLiteral("<="));
    }

    void threshold(const QList<Step> &window, InstanceResult &out) const
    {
        const double value = *aggregateOf(m_rule, window);
        out.value = value;
        out.threshold = m_rule.threshold;
        out.firing = crosses(value, m_rule.threshold);
        out.summary = QStringLiteral("%1 %2 %3 %4 over %5")
                          .arg(m_agg, wording::quantity(value, m_unit), verdictSign(out.firing),
                               wording::quantity(m_rule.threshold, m_unit), m_over);
    }

    void rate(const QList<Step> &all, const QList<Step> &window, InstanceResult &out) const
    {
        // From the last value before the window (or its first) to its last.
        const Step *from = &window.first();
        for (const Step &step : all) {
            if (step.ts < m_data.windowStartMs)
                from = &step;
        }
        const Step &to = window.last();
        const std::optional<double> first = valueOf(m_rule, *from);
        const std::optional<double> last = valueOf(m_rule, to);
        if (from->ts == to.ts || !first || !last) {
            out.summary = QStringLiteral("only one value in the last %1: no change to measure").arg(m_over);
            return;
        }
        const QString path = QStringLiteral("%1 -> %2").arg(wording::quantity(*first, m_unit), wording::quantity(*last, m_unit));
        double change = *last - *first;
        QString unit = m_unit;
        if (m_rule.percent) {
            if (*first == 0.0) {
                out.summary = QStringLiteral("%1 went %2 over %3: no percentage change from 0").arg(m_agg, path, m_over);
                return;
            }
            change = change / std::abs(*first) * 100.0;
            unit = QStringLiteral("%");
        }
        out.value = change;
        if (m_rule.comparison == Comparison::Outside) {
            const double bound = std::abs(m_rule.threshold);
            out.threshold = change < 0 ? -bound : bound;
            out.firing = std::abs(change) > bound;
            out.summary = QStringLiteral("%1 change %2 (%3) %4 ±%5 over %6")
                              .arg(m_agg, wording::signedQuantity(change, unit), path,
                                   out.firing ? QStringLiteral("beyond") : QStringLiteral("within"),
                                   wording::quantity(bound, unit), m_over);
            return;
        }
        out.threshold = m_rule.threshold;
        out.firing = crosses(change, m_rule.threshold);
        out.summary = QStringLiteral("%1 change %2 (%3) %4 %5 over %6")
                          .arg(m_agg, wording::signedQuantity(change, unit), path, verdictSign(out.firing),
                               wording::signedQuantity(m_rule.threshold, unit), m_over);
    }

    void noData(const QList<Step> &window, InstanceResult &out) const
    {
        double samples = 0;
        for (const Step &step : window)
            samples += step.value;
        out.value = samples;
        out.firing = samples <= 0;
        out.noData = out.firing;
        out.summary = out.firing ? QStringLiteral("no data in the last %1").arg(m_over)
                                 : QStringLiteral("%1 %2 in the last %3")
                                       .arg(wording::number(samples),
                                            samples == 1 ? QStringLiteral("sample") : QStringLiteral("samples"), m_over);
    }

    void band(const QList<Step> &history, const QList<Step> &window, InstanceResult &out) const
    {
        const double value = *aggregateOf(m_rule, window);
        out.value = value;
        // Hourly sums and counts are scaled to the window's length, so 5-minute totals meet 5-minute totals.
        const bool totals = m_rule.aggregation == Aggregation::Sum || m_rule.aggregation == Aggregation::Count;
        const double scale = totals ? double(m_rule.windowMs) / double(kHourMs) : 1.0;
        QList<double> past;
        for (int week = 1; week <= bandHistoryWeeks(m_rule); ++week) {
            const qint64 hour = bandHourStart(m_now, week);
            for (const Step &step : history) {
                if (step.ts == hour) {
                    if (const auto v = valueOf(m_rule, step))
                        past.append(*v * scale);
                }
            }
        }
        const QString when = wording::hourOfWeek(m_now);
        if (past.size() < m_rule.minHistoryWeeks) {
            out.learning = true;
            out.summary = QStringLiteral("learning: %1 of %2 weeks of history for %3 (%4 now %5)")
                              .arg(past.size()).arg(m_rule.minHistoryWeeks).arg(when, m_agg,
                                                                                 wording::quantity(value, m_unit));
            return;
        }
        const SeasonalBand learnt = SeasonalBand::learn(past, m_rule.sensitivity);
        const bool high = value > learnt.upper;
        const bool low = value < learnt.lower;
        switch (m_rule.comparison) {
        case Comparison::Above: out.firing = high; out.threshold = learnt.upper; break;
        case Comparison::Below: out.firing = low; out.threshold = learnt.lower; break;
        case Comparison::Outside:
            out.firing = high || low;
            out.threshold = value >= learnt.median ? learnt.upper : learnt.lower;
            break;
        }
        out.summary = QStringLiteral("%1 %2 %3 the usual %4 to %5 for %6 (median %7 over %8 weeks)")
                          .arg(m_agg, wording::quantity(value, m_unit),
                               out.firing ? (high ? QStringLiteral("above") : QStringLiteral("below"))
                                          : QStringLiteral("within"),
                               wording::quantity(learnt.lower, m_unit), wording::quantity(learnt.upper, m_unit), when,
                               wording::quantity(learnt.median, m_unit))
                          .arg(past.size());
    }

    const AlertRule &m_rule;
    const RuleData &m_data;
    qint64 m_now;
    QString m_unit;
    QString m_agg;
    QString m_over;
};

QString describeSelection(const AlertRule &rule)
{
    QStringList parts;
    Labels filter = rule.labelFilter;
    if (!rule.project.isEmpty())
        filter.insert(QStringLiteral("project"), rule.project);
    if (!rule.service.isEmpty())
        filter.insert(QStringLiteral("service"), rule.service);
    for (auto it = filter.cbegin(); it != filter.cend(); ++it)
        parts.append(it.key() + QLatin1Char('=') + it.value());
    return parts.isEmpty() ? rule.metric : QStringLiteral("%1 {%2}").arg(rule.metric, parts.join(QStringLiteral(", ")));
}

} // namespace

QString instanceKey(const Labels &labels)
{
    const auto escape = [](QString text) {
        text.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
        text.replace(QLatin1Char(','), QStringLiteral("\\,"));
        text.replace(QLatin1Char('='), QStringLiteral("\\="));
        return text;
    };
    QStringList pairs;
    for (auto it = labels.cbegin(); it != labels.cend(); ++it)
        pairs.append(escape(it.key()) + QLatin1Char('=') + escape(it.value()));
    return pairs.join(QLatin1Char(','));
}

QList<InstanceResult> evaluateRuleData(const AlertRule &rule, const RuleData &data, qint64 nowMs)
{
    if (data.window.isEmpty()) {
        // Nothing matches: one instance for the whole rule, so a missing metric is visible (and a no-data rule
        // fires for it).
        InstanceResult none;
        none.project = rule.project;
        none.service = rule.service;
        none.noData = true;
        none.firing = rule.condition == ConditionKind::NoData;
        none.summary = QStringLiteral("no series match %1").arg(describeSelection(rule));
        return {none};
    }
    const Evaluation evaluation(rule, data, nowMs);
    const QList<SeriesView> views = viewsOf(data);
    if (rule.aggregateAcrossSeries) {
        InstanceResult pooled = evaluation.run(pooledView(views, rule));
        pooled.instance.clear();
        return {pooled};
    }
    QList<InstanceResult> results;
    results.reserve(views.size());
    for (const SeriesView &view : views) {
        InstanceResult result = evaluation.run(view);
        result.instance = instanceKey(view.labels);
        results.append(std::move(result));
    }
    return results;
}

} // namespace stackscope::rules
