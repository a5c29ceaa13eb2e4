#pragma once

#include "dashboard/dashboardspec.h"
#include "timerange.h"

#include "storage/metricstore.h"

#include <QHash>
#include <QSet>
#include <QString>
#include <QWidget>

class QLabel;
class QLineEdit;
class QModelIndex;
class QSplitter;
class QTimer;
class QTreeView;

namespace stackscope::storage {
class StoreService;
}

namespace stackscope::app {

class CatalogFilterModel;
class CatalogTreeModel;
class ExplorerPlot;
class MetricInfoPane;

// The metrics explorer (D5): the workspace's catalogue as a tree (project → service → metric → series) with a
// search box, a chart of the selected metric or series with label filter chips and an aggregation choice, an
// info pane about the selected metric, and "Add to dashboard…" / "Alert on this…" that hand a ready panel
// spec to whoever embeds the view. Every store read runs on the store thread.
class ExplorerView : public QWidget
{
    Q_OBJECT

public:
    explicit ExplorerView(storage::StoreService *store, QWidget *parent = nullptr);
    ~ExplorerView() override;

    void setTimeRange(const TimeRange &range);
    TimeRange timeRange() const;
    // Re-lists the catalogue (after new services or samples); keeps the selection when it still exists.
    void reload();
    // Puts the keyboard focus into the search box and selects its text (Ctrl+F or "/" in the window).
    void focusSearch();
    // Selects and plots a series by its key (SeriesListModel::keyOf) or a metric by its name; false when the
    // catalogue (as last loaded) has no such thing.
    bool selectSeries(const QString &key);
    // The splitters' sizes, for the window to keep across restarts.
    QByteArray saveState() const;
    bool restoreState(const QByteArray &state);

Q_SIGNALS:
    void addToDashboardRequested(const stackscope::dashboard::PanelSpec &panel);
    void alertRequested(const stackscope::dashboard::PanelSpec &panel);
    void zoomRequested(qint64 fromMs, qint64 toMs);
    void catalogueLoaded();  // a reload() finished (the tree may or may not have changed)
    void plotted();          // a query's result is on the chart

public:
    // For tests and the window's status line.
    CatalogTreeModel *catalogueModel() const { return m_model; }
    CatalogFilterModel *filterModel() const { return m_filter; }
    ExplorerPlot *plot() const { return m_plot; }
    MetricInfoPane *infoPane() const { return m_info; }
    QTreeView *catalogueView() const { return m_tree; }
    QLineEdit *searchBox() const { return m_search; }
    // The key of the selected node (CatalogTreeModel::KeyRole), empty when nothing is selected.
    QString currentKey() const;

protected:
    void showEvent(QShowEvent *event) override;

private:
    void onCatalogueListed(quint64 generation, Result<QList<storage::SeriesInfo>> result);
    void onCurrentChanged(const QModelIndex &current);
    void onSearchChanged(const QString &text);
    void rememberExpansion();
    void restoreExpansion();
    void updateSummary();

    storage::StoreService *m_store = nullptr;
    CatalogTreeModel *m_model = nullptr;
    CatalogFilterModel *m_filter = nullptr;
    QLineEdit *m_search = nullptr;
    QTreeView *m_tree = nullptr;
    QLabel *m_summary = nullptr;
    QSplitter *m_splitter = nullptr;
    QSplitter *m_rightSplitter = nullptr;
    ExplorerPlot *m_plot = nullptr;
    MetricInfoPane *m_info = nullptr;
    QTimer *m_dataTimer = nullptr;
    TimeRange m_range;
    quint64 m_listGeneration = 0;
    QSet<QString> m_expanded;     // keys of expanded nodes, kept across model resets
    QSet<QString> m_known;        // keys of every node before the reset
    QString m_pendingKey;         // selected before the reset
    bool m_everLoaded = false;
    bool m_sized = false;         // splitter sizes set (first show or restoreState)
    bool m_ignoreCurrent = false; // while the tree is reset or re-filtered: keep the plot as it is
};

} // namespace stackscope::app
