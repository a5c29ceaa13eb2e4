#include "chartpanels.h"

#include "panelformat.h"

#include "areachartview.h"
#include "barchartview.h"
#include "timeserieschartview.h"

namespace stackscope::app {

ChartPanel::ChartPanel(const dashboard::PanelSpec &spec, charts::TimeSeriesChartView *chart, QWidget *parent)
    : PanelWidget(spec, parent)
    , m_chart(chart)
{
    m_chart->setObjectName(QStringLiteral("panelChart"));
    m_chart->setMinimumSize(60, 40);
    m_chart->setValueFormatter([](double value, const QString &unit) { return formatValue(value, unit); });
    connect(m_chart, &charts::TimeSeriesChartView::dataPainted, this, &ChartPanel::markPainted);
    connect(m_chart, &charts::TimeSeriesChartView::zoomRequested, this, &PanelWidget::zoomRequested);
    setBody(m_chart);
}

int ChartPanel::plotWidth() const
{
    // Before the chart has been laid out its plot width is a guess; the panel's own width is a better one.
    return std::max(40, std::min(m_chart->plotWidth(), width() - 70));
}

void ChartPanel::applyData(const PanelData &panelData)
{
    const auto convert = [&panelData](const QList<PlotSeries> &in) {
        QList<charts::ChartSeries> out;
        out.reserve(in.size());
        for (const PlotSeries &s : in) {
            charts::ChartSeries series;
            series.name = s.name;
            series.points = s.points;
            series.expectedStepMs = panelData.stepMs;
            series.unit = panelData.unit;
            out.append(std::move(series));
        }
        return out;
    };
    m_chart->setTimeRange(panelData.fromMs, panelData.toMs);
    m_chart->setSeries(convert(panelData.series));
    if (panelData.previous.isEmpty())
        m_chart->clearComparisonSeries();
    else
        m_chart->setComparisonSeries(convert(panelData.previous), 0); // already shifted onto the range
}

LinePanel::LinePanel(const dashboard::PanelSpec &spec, QWidget *parent)
    : ChartPanel(spec, new charts::TimeSeriesChartView, parent)
{
}

AreaPanel::AreaPanel(const dashboard::PanelSpec &spec, QWidget *parent)
    : ChartPanel(spec, new charts::AreaChartView, parent)
{
    AreaPanel::applySpec();
}

void AreaPanel::applySpec()
{
    static_cast<charts::AreaChartView *>(chart())->setStacked(spec().stacked);
}

BarPanel::BarPanel(const dashboard::PanelSpec &spec, QWidget *parent)
    : ChartPanel(spec, new charts::BarChartView, parent)
{
    BarPanel::applySpec();
}

void BarPanel::applySpec()
{
    auto *bars = static_cast<charts::BarChartView *>(chart());
    bars->setStacked(spec().stacked);
    using A = charts::BarChartView::Aggregation;
    A aggregation = A::Sum;
    if (!spec().queries.isEmpty()) {
        switch (spec().queries.constFirst().aggregation) {
        case storage::Aggregation::Avg:
        case storage::Aggregation::Min: aggregation = A::Average; break;
        case storage::Aggregation::Max: aggregation = A::Max; break;
        case storage::Aggregation::Last: aggregation = A::Last; break;
        case storage::Aggregation::Sum:
        case storage::Aggregation::Count: aggregation = A::Sum; break;
        }
    }
    bars->setAggregation(aggregation);
}

PercentilePanel::PercentilePanel(const dashboard::PanelSpec &spec, QWidget *parent)
    : ChartPanel(spec, new charts::TimeSeriesChartView, parent)
{
    chart()->setLegendPolicy(charts::TimeSeriesChartView::LegendPolicy::Shown);
}

} // namespace stackscope::app
