#pragma once

#include "dashboard/templates.h"

#include <optional>

namespace stackscope::dashboard::templates {

// Internal to the templates: panels described by metric name, resolved against one service's catalogue (a
// panel whose metrics the service does not have is left out) and laid out row by row on the grid.

inline constexpr char kGreen[] = "#2E7D32";
inline constexpr char kAmber[] = "#F9A825";
inline constexpr char kRed[] = "#C62828";

struct QueryPlan
{
    QString metric;
    std::optional<storage::Aggregation> aggregation;   // default: sum for counters, avg for gauges
    QString groupBy;
    Labels extraLabels;                                  // narrows further, e.g. {"category": "totalprice"}
    QString legend;
};

struct PanelPlan
{
    PanelType type = PanelType::Line;
    QString title;
    QList<QueryPlan> queries;
    int w = 12;
    int h = 8;
    QString unit;
    int decimals = -1;
    QList<Threshold> thresholds;
    bool stacked = false;
    int topN = 10;
    double gaugeMin = 0.0;
    double gaugeMax = 100.0;
    QList<double> percentiles;
};

// Shorthands for the curated layouts.
PanelPlan stat(const QString &title, QueryPlan query, QList<Threshold> thresholds = {});
PanelPlan chart(PanelType type, const QString &title, QList<QueryPlan> queries, bool stacked = false, int w = 12);
PanelPlan topN(const QString &title, const QString &metric, const QString &groupBy, int n = 10);
QueryPlan q(const QString &metric, const QString &legend = {});
QueryPlan q(const QString &metric, storage::Aggregation aggregation, const QString &legend = {});
QueryPlan by(const QString &metric, const QString &groupBy);
QList<Threshold> higherIsBetter(double warnBelow, double goodFrom);   // red, amber, green
QList<Threshold> lowerIsBetter(double warnFrom, double badFrom);      // green, amber, red

const connector::MetricSpec *findMetric(const ServiceRef &service, const QString &name);
bool hasMetric(const ServiceRef &service, const QString &name);

// Lays panels out: stat rows share the width evenly, charts flow left to right and wrap; a lone half-width
// chart at the end of a group is widened to the full row.
class TemplateBuilder
{
public:
    explicit TemplateBuilder(QString title, QString description = {});

    // Resolves the plan for `service`: queries on metrics the service lacks are dropped, a panel left with none
    // (or a breakdown whose dimension the metric does not have) is skipped. Returns the panel or nothing.
    std::optional<PanelSpec> resolve(const ServiceRef &service, const PanelPlan &plan, const QString &titlePrefix = {}) const;

    // One row of panels of equal height, sharing the 24 columns evenly (at most 6 to a row, more wrap).
    void addRow(QList<PanelSpec> panels);
    // Panels at their own width, flowing and wrapping.
    void addFlow(QList<PanelSpec> panels);
    // Both of the above from plans resolved for one service; returns how many panels were added.
    int addStatRow(const ServiceRef &service, const QList<PanelPlan> &plans, const QString &titlePrefix = {});
    int addCharts(const ServiceRef &service, const QList<PanelPlan> &plans, const QString &titlePrefix = {});

    bool isEmpty() const { return m_spec.panels.isEmpty(); }
    DashboardSpec take() { return std::move(m_spec); }

private:
    void newRow();
    void place(PanelSpec panel, int w, int h);

    DashboardSpec m_spec;
    int m_x = 0;
    int m_y = 0;
    int m_rowHeight = 0;
};

// The service layouts (servicetemplates.cpp), for the scenario and project templates to reuse.
QList<PanelPlan> headlinePlans(const ServiceRef &service);            // the top row of the service view
QList<PanelPlan> genericCharts(const ServiceRef &service, int maxCharts);

} // namespace stackscope::dashboard::templates
