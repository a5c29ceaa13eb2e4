#pragma once

#include "timerange.h"

#include "dashboard/dashboardspec.h"

#include <QDialog>
#include <QMap>
#include <QSet>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QHBoxLayout;
class QLineEdit;
class QSpinBox;
class QTimer;

namespace stackscope::storage { class StoreService; }

namespace stackscope::app {

class PanelLoader;
class PanelWidget;
class ThresholdEditor;

// The panel editor (D3): type and title; one or more queries (metric from the store's series list, label
// filters, aggregation, group by, legend); unit and decimals; thresholds and colours; the options of the type
// (stacked, top N, gauge range, percentiles). A live preview of the panel over the dashboard's range.
// Non-blocking: open() it and read panel() on accepted().
class PanelEditorDialog : public QDialog
{
    Q_OBJECT

public:
    PanelEditorDialog(const dashboard::PanelSpec &panel, storage::StoreService *store, QWidget *parent = nullptr);
    ~PanelEditorDialog() override;

    void setTimeRange(const TimeRange &range);
    dashboard::PanelSpec panel() const;     // the edited panel (same id and rect)

    // "country=US, plan=pro" ⇄ labels.
    static Labels parseLabelFilter(const QString &text);
    static QString labelFilterText(const Labels &labels);

    PanelWidget *preview() const { return m_preview; }
    QStringList knownMetrics() const { return m_labelKeys.keys(); }

Q_SIGNALS:
    void metricsLoaded();

private:
    void buildForm();
    void loadCatalogue();
    void showQuery(int index);
    void storeQuery();
    void updateTypeOptions();
    void schedulePreview();
    void updatePreview();

    dashboard::PanelSpec m_panel;
    storage::StoreService *m_store = nullptr;
    TimeRange m_range;
    QMap<QString, QSet<QString>> m_labelKeys;   // metric → label names seen in its series
    int m_currentQuery = 0;
    bool m_loadingForm = false;

    QComboBox *m_type = nullptr;
    QLineEdit *m_title = nullptr;
    QComboBox *m_querySelector = nullptr;
    QComboBox *m_metric = nullptr;
    QLineEdit *m_filter = nullptr;
    QComboBox *m_aggregation = nullptr;
    QComboBox *m_groupBy = nullptr;
    QLineEdit *m_legend = nullptr;
    QComboBox *m_unit = nullptr;
    QSpinBox *m_decimals = nullptr;
    QCheckBox *m_stacked = nullptr;
    QSpinBox *m_topN = nullptr;
    QDoubleSpinBox *m_gaugeMin = nullptr;
    QDoubleSpinBox *m_gaugeMax = nullptr;
    QLineEdit *m_percentiles = nullptr;
    ThresholdEditor *m_thresholds = nullptr;
    QWidget *m_previewHost = nullptr;
    QHBoxLayout *m_previewLayout = nullptr;
    PanelWidget *m_preview = nullptr;
    PanelLoader *m_loader = nullptr;
    QTimer *m_previewTimer = nullptr;
};

} // namespace stackscope::app
