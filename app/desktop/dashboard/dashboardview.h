#pragma once

#include "dashboard/dashboardspec.h"
#include "timerange.h"

#include <QSet>
#include <QWidget>

class QLabel;
class QScrollArea;
class QTimer;
class QToolButton;
class QUndoStack;

namespace stackscope::storage { class StoreService; }

namespace stackscope::app {

class DashboardCanvas;
class PanelLoader;
class PanelWidget;
struct PanelData;

// CONTRACT between the dashboard helper (owner of app/desktop/dashboard) and the main window. The owner may add
// members; the ones below keep their meaning.
//
// A dashboard on screen (D2-D4): its panels on a 24-column grid. Loads every panel's data through the store
// thread, decimates off the GUI thread and repaints once per refresh. In edit mode panels are moved and resized
// by dragging (snapping to the grid), added and removed; every layout edit is an undoable command on
// undoStack() and is saved to the workspace (DashboardRepository) shortly after it is made.
class DashboardView : public QWidget
{
    Q_OBJECT

public:
    explicit DashboardView(storage::StoreService *store, QWidget *parent = nullptr);
    ~DashboardView() override;

    void setDashboard(const dashboard::Dashboard &dashboard);   // shows it and loads its data
    const dashboard::Dashboard &dashboard() const;
    // A read-only dashboard (built-in templates: project and service views) is never saved and cannot be edited.
    void setReadOnly(bool readOnly);

    void setTimeRange(const TimeRange &range);
    TimeRange timeRange() const;
    void refresh();                                              // reload every panel now

    void setEditing(bool editing);
    bool isEditing() const;
    QUndoStack *undoStack() const;
    void addPanel(const dashboard::PanelSpec &panel);           // placed in the first free grid space

    // --- additions by the dashboard helper ---
    bool isReadOnly() const { return m_readOnly; }
    // The header row with the title and the edit controls; the main window may hide it and offer its own.
    void setHeaderVisible(bool visible);
    // Opening the panel editor right after a panel is added from the palette (default on).
    void setEditOnAdd(bool editOnAdd) { m_editOnAdd = editOnAdd; }
    // Debounce before an edit is written to the workspace (default 600 ms).
    void setSaveDelay(int ms);
    bool hasUnsavedChanges() const { return m_dirty; }
    // Adds a panel of `type` from the palette (what the "Add panel" menu does); returns its id.
    QString addPanelOfType(dashboard::PanelType type);
    void removePanel(const QString &panelId);
    void duplicatePanel(const QString &panelId);
    void replacePanel(const dashboard::PanelSpec &panel);       // an edit of one panel, undoable
    void editPanel(const QString &panelId);                     // opens the panel editor (non-blocking)

    DashboardCanvas *canvas() const { return m_canvas; }
    PanelWidget *panelWidget(const QString &panelId) const;
    bool isAllPainted() const { return m_waiting.isEmpty() && m_hasLoaded; }
    QStringList pendingPanels() const { return QStringList(m_waiting.cbegin(), m_waiting.cend()); }  // diagnostics
    // Benchmark baseline: raw tier, every point, no decimation before the panels.
    void setBaselineLoading(bool baseline);
    qint64 queriesIssued() const;
    // "now" for relative ranges; tests and the benchmark may pin it.
    void setNowForTesting(qint64 nowMs) { m_fixedNowMs = nowMs; }

Q_SIGNALS:
    void dashboardSaved(const dashboard::Dashboard &dashboard);
    void zoomRequested(qint64 fromMs, qint64 toMs);              // a drag-to-zoom on a time chart
    void alertRequested(const dashboard::PanelSpec &panel);      // "Alert on this…" from a panel's menu
    void panelsPainted();                                        // every panel has its data and has painted
    // --- additions ---
    void saveFailed(const QString &message);
    void editingChanged(bool editing);
    void panelDataRequested(const dashboard::PanelSpec &panel);  // "View data" from a panel's menu

protected:
    void showEvent(QShowEvent *event) override;

private:
    void buildHeader();
    void applyPanels(const QList<dashboard::PanelSpec> &panels);
    void pushPanels(const QList<dashboard::PanelSpec> &after, const QString &text);
    void onLayoutEdited(const QList<dashboard::PanelSpec> &before, const QList<dashboard::PanelSpec> &after,
                        const QString &text);
    void onPanelCreated(PanelWidget *panel);
    void onPanelLoaded(const QString &panelId, const PanelData &panelData);
    void onPanelPainted(const QString &panelId);
    void load(const QStringList &panelIds);
    void scheduleSave();
    void save();
    void updateHeader();
    void updateRefreshTimer();
    qint64 nowMs() const;

    storage::StoreService *m_store = nullptr;
    dashboard::Dashboard m_dashboard;
    TimeRange m_range;
    QUndoStack *m_undo = nullptr;
    DashboardCanvas *m_canvas = nullptr;
    QScrollArea *m_scroll = nullptr;
    PanelLoader *m_loader = nullptr;
    QTimer *m_saveTimer = nullptr;
    QTimer *m_refreshTimer = nullptr;
    QTimer *m_loadTimer = nullptr;
    QWidget *m_header = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_saveState = nullptr;
    QToolButton *m_addButton = nullptr;
    QToolButton *m_undoButton = nullptr;
    QToolButton *m_redoButton = nullptr;
    QToolButton *m_editButton = nullptr;
    QSet<QString> m_waiting;            // panels of the current refresh that have not painted yet
    qint64 m_fixedNowMs = 0;
    bool m_readOnly = false;
    bool m_editing = false;
    bool m_editOnAdd = true;
    bool m_dirty = false;
    bool m_hasLoaded = false;
    bool m_paintedEmitted = false;
};

} // namespace stackscope::app
