#pragma once

#include "timeserieschartview.h"

namespace stackscope::charts {

// An area chart over time: every series filled down to zero (overlapping, translucent), or stacked on top of
// each other (setStacked(true): the series are resampled onto one grid of pixel columns, each drawn from the
// sum of the ones before it). Everything else (time range, gaps, decimation off the GUI thread, crosshair
// with each series' own value, legend toggling, drag-to-zoom, comparison, themes) as TimeSeriesChartView.
class AreaChartView : public TimeSeriesChartView
{
    Q_OBJECT

public:
    explicit AreaChartView(QWidget *parent = nullptr);
    ~AreaChartView() override;

    void setStacked(bool stacked);
    bool isStacked() const { return m_stacked; }

protected:
    DecimationWorker::Job makeJob(JobInput input) const override;
    void applyChart(const DecimatedChart &chart) override;
    void styleDrawn(QAbstractSeries *item, const QColor &color, bool comparison) override;
    bool visibilityNeedsRecompute() const override { return m_stacked; }
    bool valueAxisIncludesZero() const override { return true; }

private:
    QList<QAbstractSeries *> m_areas;
    bool m_stacked = false;
};

} // namespace stackscope::charts
