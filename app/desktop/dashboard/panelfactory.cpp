#include "panelfactory.h"

#include "chartpanels.h"
#include "gaugepanel.h"
#include "statpanel.h"
#include "statuspanel.h"
#include "tablepanel.h"
#include "topnpanel.h"

#include <QCoreApplication>
#include <QUuid>

namespace stackscope::app {

using dashboard::PanelType;

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("stackscope::app::PanelFactory", text);
}

} // namespace

PanelWidget *createPanelWidget(const dashboard::PanelSpec &spec, QWidget *parent)
{
    switch (spec.type) {
    case PanelType::Line: return new LinePanel(spec, parent);
    case PanelType::Area: return new AreaPanel(spec, parent);
    case PanelType::Bar: return new BarPanel(spec, parent);
    case PanelType::Stat: return new StatPanel(spec, parent);
    case PanelType::Gauge: return new GaugePanel(spec, parent);
    case PanelType::Table: return new TablePanel(spec, parent);
    case PanelType::TopN: return new TopNPanel(spec, parent);
    case PanelType::Percentile: return new PercentilePanel(spec, parent);
    case PanelType::Status: return new StatusPanel(spec, parent);
    }
    return new LinePanel(spec, parent);
}

QString panelTypeTitle(PanelType type)
{
    switch (type) {
    case PanelType::Line: return tr("Time series");
    case PanelType::Area: return tr("Area chart");
    case PanelType::Bar: return tr("Bar chart");
    case PanelType::Stat: return tr("Single stat");
    case PanelType::Gauge: return tr("Gauge");
    case PanelType::Table: return tr("Table");
    case PanelType::TopN: return tr("Top list");
    case PanelType::Percentile: return tr("Latency percentiles");
    case PanelType::Status: return tr("Status tile");
    }
    return {};
}

QString panelTypeDescription(PanelType type)
{
    switch (type) {
    case PanelType::Line: return tr("Lines over time, optionally against the previous period");
    case PanelType::Area: return tr("Filled areas over time, overlapping or stacked");
    case PanelType::Bar: return tr("Bars per time bucket, grouped or stacked");
    case PanelType::Stat: return tr("One number with its trend and the change against the previous period");
    case PanelType::Gauge: return tr("A value on a dial with threshold bands");
    case PanelType::Table: return tr("Last, min, max and average of each series");
    case PanelType::TopN: return tr("The largest series or groups, as bars");
    case PanelType::Percentile: return tr("p50, p95 and p99 over time");
    case PanelType::Status: return tr("OK, warning or critical from thresholds, or a service's health");
    }
    return {};
}

dashboard::PanelSpec defaultPanel(PanelType type)
{
    dashboard::PanelSpec panel;
    panel.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    panel.type = type;
    switch (type) {
    case PanelType::Stat:
    case PanelType::Status:
        panel.rect = {0, 0, 6, 4};
        break;
    case PanelType::Gauge:
        panel.rect = {0, 0, 6, 6};
        break;
    case PanelType::Table:
    case PanelType::TopN:
        panel.rect = {0, 0, 8, 7};
        break;
    default:
        panel.rect = {0, 0, 12, 7};
        break;
    }
    if (type == PanelType::Percentile)
        panel.percentiles = {50, 95, 99};
    return panel;
}

QList<PanelType> allPanelTypes()
{
    return {PanelType::Line, PanelType::Area, PanelType::Bar, PanelType::Stat, PanelType::Gauge,
            PanelType::Table, PanelType::TopN, PanelType::Percentile, PanelType::Status};
}

} // namespace stackscope::app
