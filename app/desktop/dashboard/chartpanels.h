#pragma once

#include "panelwidget.h"

namespace stackscope::charts { class TimeSeriesChartView; }

namespace stackscope::app {

// Panels drawn by a time chart of charts/ (Qt Charts): the chart decimates off the GUI thread when it must,
// keeps gaps, has a crosshair with every series' value, legend toggling and drag-to-zoom.
class ChartPanel : public PanelWidget
{
    Q_OBJECT

public:
    ChartPanel(const dashboard::PanelSpec &spec, charts::TimeSeriesChartView *chart, QWidget *parent = nullptr);
    charts::TimeSeriesChartView *chart() const { return m_chart; }
    int plotWidth() const override;

protected:
    void applyData(const PanelData &data) override;
    bool paintsAsynchronously() const override { return true; }

private:
    charts::TimeSeriesChartView *m_chart = nullptr;
};

// Lines (with the previous period dashed when comparing).
class LinePanel : public ChartPanel
{
    Q_OBJECT
public:
    explicit LinePanel(const dashboard::PanelSpec &spec, QWidget *parent = nullptr);
};

// Filled areas, overlapping or stacked.
class AreaPanel : public ChartPanel
{
    Q_OBJECT
public:
    explicit AreaPanel(const dashboard::PanelSpec &spec, QWidget *parent = nullptr);
protected:
    void applySpec() override;
};

// Bars per time bucket, grouped or stacked.
class BarPanel : public ChartPanel
{
    Q_OBJECT
public:
    explicit BarPanel(const dashboard::PanelSpec &spec, QWidget *parent = nullptr);
protected:
    void applySpec() override;
};

// p50/p95/p99 (or the panel's percentiles) of the metric's per-step values, as lines.
class PercentilePanel : public ChartPanel
{
    Q_OBJECT
public:
    explicit PercentilePanel(const dashboard::PanelSpec &spec, QWidget *parent = nullptr);
};

} // namespace stackscope::app
