#pragma once

#include "dashboard/dashboardspec.h"
#include "timerange.h"

#include <QWidget>

class QUndoStack;

namespace stackscope::storage { class StoreService; }

namespace stackscope::app {

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

Q_SIGNALS:
    void dashboardSaved(const dashboard::Dashboard &dashboard);
    void zoomRequested(qint64 fromMs, qint64 toMs);              // a drag-to-zoom on a time chart
    void alertRequested(const dashboard::PanelSpec &panel);      // "Alert on this…" from a panel's menu
    void panelsPainted();                                        // every panel has its data and has painted
};

} // namespace stackscope::app
