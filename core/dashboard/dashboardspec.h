#pragma once

#include "model/sample.h"
#include "storage/query.h"
#include "util/result.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace stackscope::dashboard {

// What a dashboard is, independent of any widget: panels on a grid, each with the queries it draws. Stored as
// JSON in the `dashboards` table (toJson/fromJson below, a stable, versioned format), exported and imported
// in the same format, and built from templates (templates.h).

enum class PanelType { Line, Area, Bar, Stat, Gauge, Table, TopN, Percentile, Status };
QString panelTypeName(PanelType type);                      // "line", "area", ... (the JSON names)
std::optional<PanelType> panelTypeFromName(const QString &name);

// One metric drawn by a panel. An empty labelFilter draws every series of the metric; groupBy (a label name)
// splits it by that label (top-N lists, stacked bars); project/service narrow it to one project or service.
struct PanelQuery
{
    QString metric;
    Labels labelFilter;
    storage::Aggregation aggregation = storage::Aggregation::Avg;
    QString groupBy;
    QString legend;                  // empty: the metric and its distinguishing labels
    friend bool operator==(const PanelQuery &, const PanelQuery &) = default;
};

struct Threshold
{
    double value = 0.0;
    QString color;                   // "#RRGGBB"; the band from this value upwards
    friend bool operator==(const Threshold &, const Threshold &) = default;
};

// Grid cells: the dashboard grid is kGridColumns wide; rows are as many as the panels need.
struct GridRect
{
    int x = 0;
    int y = 0;
    int w = 4;
    int h = 4;
    friend bool operator==(const GridRect &, const GridRect &) = default;
};

struct PanelSpec
{
    QString id;                      // stable within the dashboard (uuid)
    PanelType type = PanelType::Line;
    QString title;
    QList<PanelQuery> queries;
    GridRect rect;
    QString unit;                    // overrides the metric's unit when set
    int decimals = -1;               // -1: automatic
    QList<Threshold> thresholds;     // ascending by value
    bool stacked = false;            // area and bar
    int topN = 10;                   // top-N lists and tables
    double gaugeMin = 0.0;
    double gaugeMax = 100.0;
    QList<double> percentiles;       // percentile panels: e.g. {50, 95, 99}, of the metric's per-step values
    friend bool operator==(const PanelSpec &, const PanelSpec &) = default;
};

struct DashboardSpec
{
    static constexpr int kGridColumns = 24;
    static constexpr int kFormatVersion = 1;

    QString title;
    QString description;
    QList<PanelSpec> panels;
    qint64 defaultRangeMs = 24 * 3600 * 1000LL;
    int refreshSeconds = 60;         // 0: no auto-refresh
    friend bool operator==(const DashboardSpec &, const DashboardSpec &) = default;
};

QJsonObject toJson(const DashboardSpec &spec);
// Refuses, with a message naming the offending field, anything it cannot read; never returns half a spec.
Result<DashboardSpec> dashboardFromJson(const QJsonObject &json);

// The checks dashboardFromJson applies after reading the fields, for specs built in code (the editor, templates):
// panel ids unique and non-empty, rectangles inside the kGridColumns-wide grid and not overlapping, at least one
// query per panel with a metric, thresholds strictly ascending with "#RRGGBB" colours, sane numbers. Error code
// Parse; the message names the panel (its number and title) and the field.
Status validateDashboard(const DashboardSpec &spec);

// The export/import file: toJson as indented UTF-8, and back (also reporting JSON syntax errors in plain words).
QByteArray exportDashboard(const DashboardSpec &spec);
Result<DashboardSpec> importDashboard(const QByteArray &json);

// A fresh panel id (a uuid without braces).
QString newPanelId();

// A stored dashboard: the spec plus its identity and place in the navigation tree.
struct Dashboard
{
    qint64 id = 0;
    QString uuid;
    QString name;
    QString project;                 // empty: workspace-wide
    int position = 0;
    DashboardSpec spec;
    qint64 createdMs = 0;
    qint64 updatedMs = 0;
    qint64 deletedMs = 0;            // 0 unless in the trash
};

} // namespace stackscope::dashboard
