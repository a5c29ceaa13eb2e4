#include "explorerquery.h"

#include <QSet>
#include <QUuid>

#include <algorithm>
#include <limits>
#include <numeric>

namespace stackscope::app::explorerquery {

namespace {

const QString kProjectLabel = QStringLiteral("project");
const QString kServiceLabel = QStringLiteral("service");

bool matches(const Labels &labels, const Labels &filter, const QString &except = {})
{
    for (auto it = filter.cbegin(); it != filter.cend(); ++it)
        if (it.key() != except && labels.value(it.key()) != it.value())
            return false;
    return true;
}

} // namespace

Labels labelFilter(const ExplorerTarget &target, const Labels &chips)
{
    Labels filter = target.scope;
    for (auto it = chips.cbegin(); it != chips.cend(); ++it)
        if (!filter.contains(it.key()))
            filter.insert(it.key(), it.value());
    return filter;
}

QMap<QString, QStringList> labelValues(const QList<storage::SeriesInfo> &catalogue, const ExplorerTarget &target,
                                       const Labels &chips)
{
    QMap<QString, QSet<QString>> values;
    for (const storage::SeriesInfo &series : catalogue) {
        if (series.metric != target.metric || !matches(series.labels, target.scope))
            continue;
        for (auto it = series.labels.cbegin(); it != series.labels.cend(); ++it) {
            if (it.key() == kProjectLabel || it.key() == kServiceLabel || target.scope.contains(it.key()))
                continue;
            if (matches(series.labels, chips, it.key()))
                values[it.key()].insert(it.value());
        }
    }
    QMap<QString, QStringList> sorted;
    for (auto it = values.cbegin(); it != values.cend(); ++it) {
        QStringList list(it->cbegin(), it->cend());
        std::sort(list.begin(), list.end(), [](const QString &a, const QString &b) {
            return a.localeAwareCompare(b) < 0;
        });
        sorted.insert(it.key(), list);
    }
    return sorted;
}

QString title(const ExplorerTarget &target, const Labels &chips)
{
    QStringList parts;
    const Labels filter = labelFilter(target, chips);
    for (auto it = filter.cbegin(); it != filter.cend(); ++it)
        if (it.key() != kProjectLabel && it.key() != kServiceLabel)
            parts.append(it.key() + QLatin1Char('=') + it.value());
    if (parts.isEmpty())
        return target.metric;
    return target.metric + QStringLiteral(" · ") + parts.join(QStringLiteral(", "));
}

dashboard::PanelSpec panelSpec(const ExplorerTarget &target, const Labels &chips, storage::Aggregation aggregation,
                               const QString &unit)
{
    dashboard::PanelSpec panel;
    panel.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    panel.type = dashboard::PanelType::Line;
    panel.title = title(target, chips);
    panel.unit = unit;
    panel.rect = dashboard::GridRect{0, 0, 12, 8};
    dashboard::PanelQuery query;
    query.metric = target.metric;
    query.labelFilter = labelFilter(target, chips);
    query.aggregation = aggregation;
    panel.queries.append(query);
    return panel;
}

QStringList varyingLabels(const QList<Labels> &series)
{
    if (series.size() < 2)
        return {};
    QSet<QString> keys;
    for (const Labels &labels : series)
        for (auto it = labels.cbegin(); it != labels.cend(); ++it)
            keys.insert(it.key());
    QStringList varying;
    for (const QString &key : std::as_const(keys)) {
        const QString first = series.first().value(key);
        for (const Labels &labels : series)
            if (labels.value(key) != first) {
                varying.append(key);
                break;
            }
    }
    std::sort(varying.begin(), varying.end());
    return varying;
}

QString legendName(const QString &metric, const Labels &labels, const QStringList &varying)
{
    QStringList parts;
    for (const QString &key : varying)
        parts.append(key + QLatin1Char('=') + labels.value(key));
    return parts.isEmpty() ? metric : parts.join(QStringLiteral(", "));
}

qint64 niceStep(qint64 rangeMs, int points)
{
    static constexpr qint64 kSteps[] = {
        1'000, 5'000, 10'000, 15'000, 30'000, 60'000, 2 * 60'000, 5 * 60'000, 10 * 60'000, 15 * 60'000,
        30 * 60'000, 3600'000, 2 * 3600'000, 3 * 3600'000, 6 * 3600'000, 12 * 3600'000, 24 * 3600'000LL,
        7 * 24 * 3600'000LL};
    const qint64 wanted = std::max<qint64>(1, rangeMs / std::max(1, points));
    for (qint64 step : kSteps)
        if (step >= wanted)
            return step;
    return wanted;
}

QList<qsizetype> pickSeries(const QList<storage::SeriesPoints> &series, int cap)
{
    QList<qsizetype> indices(series.size());
    std::iota(indices.begin(), indices.end(), qsizetype(0));
    if (series.size() <= cap)
        return indices;
    QList<double> averages;
    averages.reserve(series.size());
    for (const storage::SeriesPoints &s : series) {
        double sum = 0.0;
        for (const TimedValue &p : s.points)
            sum += p.value;
        averages.append(s.points.isEmpty() ? -std::numeric_limits<double>::infinity() : sum / double(s.points.size()));
    }
    std::stable_sort(indices.begin(), indices.end(), [&](qsizetype a, qsizetype b) { return averages[a] > averages[b]; });
    indices.resize(cap);
    std::sort(indices.begin(), indices.end());
    return indices;
}

} // namespace stackscope::app::explorerquery
