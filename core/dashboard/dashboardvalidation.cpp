// validateDashboard: the rules every stored, imported or template-built dashboard obeys. The grid editor never
// produces overlapping panels, so an overlap means a broken file or a bug: it is refused, not drawn.
#include "dashboard/dashboardspec.h"

#include <QHash>
#include <QRegularExpression>

#include <cmath>

namespace stackscope::dashboard {

namespace {

constexpr int kMaxRow = 10'000;        // rows are unbounded in principle; this catches nonsense
constexpr int kMaxHeight = 100;
constexpr int kMaxDecimals = 10;
constexpr int kMaxTopN = 1000;
constexpr qint64 kMinRangeMs = 60'000;
constexpr qint64 kMaxRangeMs = 10LL * 366 * 24 * 3600 * 1000;
constexpr int kMaxRefreshSeconds = 24 * 3600;

QString panelName(int index, const PanelSpec &panel)
{
    return panel.title.isEmpty() ? QStringLiteral("Panel %1").arg(index + 1)
                                 : QStringLiteral("Panel %1 (\"%2\")").arg(index + 1).arg(panel.title);
}

Error refuse(const QString &message)
{
    return Error::make(Error::Code::Parse, message);
}

bool isColor(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("^#[0-9A-Fa-f]{6}$"));
    return pattern.match(text).hasMatch();
}

bool overlaps(const GridRect &a, const GridRect &b)
{
    return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

Status validateQuery(const QString &where, const PanelQuery &query)
{
    if (query.metric.trimmed().isEmpty())
        return refuse(QStringLiteral("%1: the metric is empty.").arg(where));
    for (auto it = query.labelFilter.cbegin(); it != query.labelFilter.cend(); ++it) {
        if (it.key().isEmpty())
            return refuse(QStringLiteral("%1: a label filter has no label name.").arg(where));
    }
    if (storage::aggregationName(query.aggregation).isEmpty())
        return refuse(QStringLiteral("%1: the aggregation is not one Stackscope knows.").arg(where));
    return {};
}

Status validatePanel(int index, const PanelSpec &panel)
{
    const QString name = panelName(index, panel);
    if (panel.id.trimmed().isEmpty())
        return refuse(QStringLiteral("%1 has no id.").arg(name));
    if (panelTypeName(panel.type).isEmpty())
        return refuse(QStringLiteral("%1 has a panel type Stackscope does not know.").arg(name));

    const GridRect &r = panel.rect;
    if (r.w < 1 || r.h < 1)
        return refuse(QStringLiteral("%1: its size %2×%3 must be at least one cell wide and high.").arg(name).arg(r.w).arg(r.h));
    if (r.x < 0 || r.y < 0)
        return refuse(QStringLiteral("%1: its position (column %2, row %3) is outside the grid.").arg(name).arg(r.x).arg(r.y));
    if (r.x + r.w > DashboardSpec::kGridColumns)
        return refuse(QStringLiteral("%1: it spans columns %2 to %3, past the %4-column grid.")
                          .arg(name).arg(r.x).arg(r.x + r.w - 1).arg(DashboardSpec::kGridColumns));
    if (r.y > kMaxRow || r.h > kMaxHeight)
        return refuse(QStringLiteral("%1: its row %2 or height %3 is beyond what a dashboard holds.").arg(name).arg(r.y).arg(r.h));

    if (panel.queries.isEmpty())
        return refuse(QStringLiteral("%1 has no metric to show.").arg(name));
    for (int q = 0; q < panel.queries.size(); ++q) {
        const QString where = panel.queries.size() == 1 ? name : QStringLiteral("%1, query %2").arg(name).arg(q + 1);
        if (Status st = validateQuery(where, panel.queries.at(q)); !st)
            return st;
    }

    if (panel.decimals < -1 || panel.decimals > kMaxDecimals)
        return refuse(QStringLiteral("%1: decimals must be between 0 and %2 (or automatic), not %3.")
                          .arg(name).arg(kMaxDecimals).arg(panel.decimals));
    for (int t = 0; t < panel.thresholds.size(); ++t) {
        const Threshold &threshold = panel.thresholds.at(t);
        if (!std::isfinite(threshold.value))
            return refuse(QStringLiteral("%1: threshold %2 is not a finite number.").arg(name).arg(t + 1));
        if (!isColor(threshold.color))
            return refuse(QStringLiteral("%1: threshold %2 has the colour \"%3\"; write colours as #RRGGBB.")
                              .arg(name).arg(t + 1).arg(threshold.color));
        if (t > 0 && !(threshold.value > panel.thresholds.at(t - 1).value))
            return refuse(QStringLiteral("%1: the thresholds must ascend, but %2 follows %3.")
                              .arg(name).arg(threshold.value).arg(panel.thresholds.at(t - 1).value));
    }
    if (panel.topN < 1 || panel.topN > kMaxTopN)
        return refuse(QStringLiteral("%1: top_n must be between 1 and %2, not %3.").arg(name).arg(kMaxTopN).arg(panel.topN));
    if (!std::isfinite(panel.gaugeMin) || !std::isfinite(panel.gaugeMax) || !(panel.gaugeMin < panel.gaugeMax))
        return refuse(QStringLiteral("%1: the gauge's minimum (%2) must be below its maximum (%3).")
                          .arg(name).arg(panel.gaugeMin).arg(panel.gaugeMax));
    for (int p = 0; p < panel.percentiles.size(); ++p) {
        const double value = panel.percentiles.at(p);
        if (!(value > 0.0 && value <= 100.0))
            return refuse(QStringLiteral("%1: percentile %2 must be above 0 and at most 100.").arg(name).arg(value));
        if (p > 0 && !(value > panel.percentiles.at(p - 1)))
            return refuse(QStringLiteral("%1: the percentiles must ascend, but %2 follows %3.")
                              .arg(name).arg(value).arg(panel.percentiles.at(p - 1)));
    }
    return {};
}

} // namespace

Status validateDashboard(const DashboardSpec &spec)
{
    if (spec.defaultRangeMs < kMinRangeMs || spec.defaultRangeMs > kMaxRangeMs)
        return refuse(QStringLiteral("The dashboard's default time range (%1 ms) must be between a minute and ten years.")
                          .arg(spec.defaultRangeMs));
    if (spec.refreshSeconds < 0 || spec.refreshSeconds > kMaxRefreshSeconds)
        return refuse(QStringLiteral("The dashboard's refresh interval (%1 s) must be between 0 (off) and a day.")
                          .arg(spec.refreshSeconds));

    QHash<QString, int> ids;
    for (int i = 0; i < spec.panels.size(); ++i) {
        const PanelSpec &panel = spec.panels.at(i);
        if (Status st = validatePanel(i, panel); !st)
            return st;
        if (auto it = ids.constFind(panel.id); it != ids.cend())
            return refuse(QStringLiteral("%1 has the same id as %2.").arg(panelName(i, panel), panelName(*it, spec.panels.at(*it))));
        ids.insert(panel.id, i);
        for (int j = 0; j < i; ++j) {
            if (overlaps(spec.panels.at(j).rect, panel.rect))
                return refuse(QStringLiteral("%1 overlaps %2 on the grid.").arg(panelName(i, panel), panelName(j, spec.panels.at(j))));
        }
    }
    return {};
}

} // namespace stackscope::dashboard
