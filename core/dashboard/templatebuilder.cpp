#include "dashboard/templatebuilder.h"

#include <algorithm>

namespace stackscope::dashboard::templates {

namespace {

constexpr int kStatHeight = 4;
constexpr int kMaxPerRow = 6;

} // namespace

PanelPlan stat(const QString &title, QueryPlan query, QList<Threshold> thresholds)
{
    PanelPlan plan;
    plan.type = PanelType::Stat;
    plan.title = title;
    plan.queries = {std::move(query)};
    plan.h = kStatHeight;
    plan.thresholds = std::move(thresholds);
    return plan;
}

PanelPlan chart(PanelType type, const QString &title, QList<QueryPlan> queries, bool stacked, int w)
{
    PanelPlan plan;
    plan.type = type;
    plan.title = title;
    plan.queries = std::move(queries);
    plan.stacked = stacked;
    plan.w = w;
    return plan;
}

PanelPlan topN(const QString &title, const QString &metric, const QString &groupBy, int n)
{
    PanelPlan plan;
    plan.type = PanelType::TopN;
    plan.title = title;
    plan.queries = {by(metric, groupBy)};
    plan.topN = n;
    return plan;
}

QueryPlan q(const QString &metric, const QString &legend)
{
    QueryPlan query;
    query.metric = metric;
    query.legend = legend;
    return query;
}

QueryPlan q(const QString &metric, storage::Aggregation aggregation, const QString &legend)
{
    QueryPlan query = q(metric, legend);
    query.aggregation = aggregation;
    return query;
}

QueryPlan by(const QString &metric, const QString &groupBy)
{
    QueryPlan query = q(metric);
    query.groupBy = groupBy;
    return query;
}

QList<Threshold> higherIsBetter(double warnBelow, double goodFrom)
{
    return {{0.0, QString::fromLatin1(kRed)}, {warnBelow, QString::fromLatin1(kAmber)}, {goodFrom, QString::fromLatin1(kGreen)}};
}

QList<Threshold> lowerIsBetter(double warnFrom, double badFrom)
{
    return {{0.0, QString::fromLatin1(kGreen)}, {warnFrom, QString::fromLatin1(kAmber)}, {badFrom, QString::fromLatin1(kRed)}};
}

const connector::MetricSpec *findMetric(const ServiceRef &service, const QString &name)
{
    for (const connector::MetricSpec &metric : service.metrics) {
        if (metric.name == name)
            return &metric;
    }
    return nullptr;
}

bool hasMetric(const ServiceRef &service, const QString &name)
{
    return findMetric(service, name) != nullptr;
}

TemplateBuilder::TemplateBuilder(QString title, QString description)
{
    m_spec.title = std::move(title);
    m_spec.description = std::move(description);
}

std::optional<PanelSpec> TemplateBuilder::resolve(const ServiceRef &service, const PanelPlan &plan,
                                                  const QString &titlePrefix) const
{
    PanelSpec panel;
    panel.type = plan.type;
    panel.title = titlePrefix.isEmpty() ? plan.title : titlePrefix + QStringLiteral(": ") + plan.title;
    panel.unit = plan.unit;
    panel.decimals = plan.decimals;
    panel.thresholds = plan.thresholds;
    panel.stacked = plan.stacked;
    panel.topN = plan.topN;
    panel.gaugeMin = plan.gaugeMin;
    panel.gaugeMax = plan.gaugeMax;
    panel.percentiles = plan.percentiles;
    const bool breakdown = plan.type == PanelType::TopN || plan.type == PanelType::Table;
    for (const QueryPlan &queryPlan : plan.queries) {
        const connector::MetricSpec *metric = findMetric(service, queryPlan.metric);
        if (!metric)
            continue;
        const bool dimensionKnown = queryPlan.groupBy.isEmpty() || metric->dimensions.contains(queryPlan.groupBy);
        if (!dimensionKnown && breakdown)
            continue; // a top-N list without its dimension would be a single number
        PanelQuery query;
        query.metric = metric->name;
        query.labelFilter = serviceLabels(service);
        for (auto it = queryPlan.extraLabels.cbegin(); it != queryPlan.extraLabels.cend(); ++it)
            query.labelFilter.insert(it.key(), it.value());
        query.aggregation = queryPlan.aggregation.value_or(
            metric->kind == MetricKind::Counter ? storage::Aggregation::Sum : storage::Aggregation::Avg);
        query.groupBy = dimensionKnown ? queryPlan.groupBy : QString();
        query.legend = queryPlan.legend;
        panel.queries.append(query);
    }
    if (panel.queries.isEmpty())
        return std::nullopt;
    if (panel.stacked && panel.queries.size() == 1 && panel.queries.first().groupBy.isEmpty())
        panel.stacked = false; // nothing to stack
    return panel;
}

void TemplateBuilder::newRow()
{
    if (m_x > 0 || m_rowHeight > 0)
        m_y += m_rowHeight;
    m_x = 0;
    m_rowHeight = 0;
}

void TemplateBuilder::place(PanelSpec panel, int w, int h)
{
    w = std::clamp(w, 1, DashboardSpec::kGridColumns);
    if (m_x + w > DashboardSpec::kGridColumns)
        newRow();
    panel.rect = GridRect{m_x, m_y, w, h};
    panel.id = QStringLiteral("p%1").arg(m_spec.panels.size() + 1);
    m_x += w;
    m_rowHeight = std::max(m_rowHeight, h);
    m_spec.panels.append(std::move(panel));
}

void TemplateBuilder::addRow(QList<PanelSpec> panels)
{
    newRow();
    while (!panels.isEmpty()) {
        const int n = int(std::min<qsizetype>(panels.size(), kMaxPerRow));
        const int base = DashboardSpec::kGridColumns / n;
        const int wider = DashboardSpec::kGridColumns % n; // the first `wider` panels take one column more
        for (int i = 0; i < n; ++i) {
            PanelSpec panel = panels.takeFirst();
            const int h = panel.rect.h;
            place(std::move(panel), base + (i < wider ? 1 : 0), h);
        }
        newRow();
    }
}

void TemplateBuilder::addFlow(QList<PanelSpec> panels)
{
    newRow();
    for (int i = 0; i < panels.size(); ++i) {
        PanelSpec &panel = panels[i];
        int w = panel.rect.w;
        const int h = panel.rect.h;
        // The last panel of a group widens to fill its row instead of leaving a hole.
        const bool last = i + 1 == panels.size();
        const bool alone = m_x + w > DashboardSpec::kGridColumns || m_x == 0;
        if (last && alone)
            w = DashboardSpec::kGridColumns;
        else if (last && m_x + w < DashboardSpec::kGridColumns)
            w = DashboardSpec::kGridColumns - m_x;
        place(std::move(panel), w, h);
    }
    newRow();
}

int TemplateBuilder::addStatRow(const ServiceRef &service, const QList<PanelPlan> &plans, const QString &titlePrefix)
{
    QList<PanelSpec> panels;
    for (const PanelPlan &plan : plans) {
        if (auto panel = resolve(service, plan, titlePrefix)) {
            panel->rect.h = plan.h;
            panels.append(std::move(*panel));
        }
    }
    const int added = int(panels.size());
    if (added > 0)
        addRow(std::move(panels));
    return added;
}

int TemplateBuilder::addCharts(const ServiceRef &service, const QList<PanelPlan> &plans, const QString &titlePrefix)
{
    QList<PanelSpec> panels;
    for (const PanelPlan &plan : plans) {
        if (auto panel = resolve(service, plan, titlePrefix)) {
            panel->rect.w = plan.w;
            panel->rect.h = plan.h;
            panels.append(std::move(*panel));
        }
    }
    const int added = int(panels.size());
    if (added > 0)
        addFlow(std::move(panels));
    return added;
}

} // namespace stackscope::dashboard::templates
