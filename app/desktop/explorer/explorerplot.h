#pragma once

#include "explorerquery.h"
#include "timerange.h"

#include "dashboard/dashboardspec.h"
#include "storage/metricstore.h"
#include "util/result.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QTimer;

namespace stackscope::storage {
class StoreService;
}
namespace stackscope::charts {
class TimeSeriesChartView;
}

namespace stackscope::app {

class LabelFilterBar;

// The plotting half of the explorer: the query bar (label filter chips, aggregation, "Add to dashboard…",
// "Alert on this…") over a chart of the target's series. Queries go to the store thread with as many points
// as the chart is wide; a result that a newer query has overtaken is dropped. At most kMaxPlottedSeries lines
// are drawn (the largest ones), with a note saying so.
class ExplorerPlot : public QWidget
{
    Q_OBJECT

public:
    explicit ExplorerPlot(storage::StoreService *store, QWidget *parent = nullptr);

    // The catalogue the label menus are built from.
    void setCatalogue(const QList<storage::SeriesInfo> &catalogue);
    // A new target resets the chips and picks the aggregation that suits the metric's kind.
    void setTarget(const ExplorerTarget &target, const MetricInfo &info, const QString &context);
    void clearTarget(const QString &hint);
    const ExplorerTarget &target() const { return m_target; }

    void setTimeRange(const TimeRange &range);
    const TimeRange &timeRange() const { return m_range; }
    void setFilters(const Labels &chips);
    Labels filters() const;
    storage::Aggregation aggregation() const;
    void setAggregation(storage::Aggregation aggregation);

    // Queries the store again (data arrived, range changed).
    void refresh();
    dashboard::PanelSpec currentPanel() const;

    charts::TimeSeriesChartView *chart() const { return m_chart; }
    QString noteText() const;
    int queriesStarted() const { return m_queriesStarted; }

Q_SIGNALS:
    void addToDashboardRequested(const stackscope::dashboard::PanelSpec &panel);
    void alertRequested(const stackscope::dashboard::PanelSpec &panel);
    void plotted(); // a query's result is on the chart (or its error is shown)

private:
    void updateHeader();
    void updateFilterMenu();
    void scheduleRefresh();
    void onQueryFinished(Result<storage::QueryResult> result);

    storage::StoreService *m_store = nullptr;
    QList<storage::SeriesInfo> m_catalogue;
    ExplorerTarget m_target;
    MetricInfo m_info;
    QString m_context;
    TimeRange m_range;
    quint64 m_generation = 0;
    int m_queriesStarted = 0;

    QLabel *m_title = nullptr;
    QLabel *m_subtitle = nullptr;
    LabelFilterBar *m_filterBar = nullptr;
    QComboBox *m_aggregation = nullptr;
    QPushButton *m_addButton = nullptr;
    QPushButton *m_alertButton = nullptr;
    QLabel *m_note = nullptr;
    QLabel *m_step = nullptr;
    charts::TimeSeriesChartView *m_chart = nullptr;
    QTimer *m_refreshTimer = nullptr;
};

} // namespace stackscope::app
