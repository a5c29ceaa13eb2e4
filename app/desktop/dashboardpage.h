#pragma once

#include "workspacepage.h"

#include <optional>

class QAction;
class QLabel;
class QToolButton;

namespace stackscope::storage { class StoreService; }

namespace stackscope::app {

class DashboardView;

// A custom dashboard (D2): editable. A toolbar with Edit (Ctrl+E), Undo/Redo (Ctrl+Z, Ctrl+Shift+Z, wired to the
// view's undo stack while editing) and Add panel; the DashboardView saves every edit to the workspace.
class DashboardPage : public WorkspacePage
{
    Q_OBJECT

public:
    explicit DashboardPage(storage::StoreService *store, QWidget *parent = nullptr);

    void setContent(const WorkspaceContent &content) override;
    void setTimeRange(const TimeRange &range) override;
    void refresh() override;

    void showDashboard(qint64 dashboardId);
    qint64 dashboardId() const { return m_dashboardId; }
    DashboardView *dashboardView() const { return m_view; }
    QAction *editAction() const { return m_editAction; }
    QAction *undoAction() const { return m_undo; }
    QAction *redoAction() const { return m_redo; }
    void setEditing(bool editing);
    void addPanel(const dashboard::PanelSpec &panel);

Q_SIGNALS:
    void dashboardSaved(const stackscope::dashboard::Dashboard &dashboard);
    void renameRequested(qint64 dashboardId);
    void editingChanged(bool editing);

private:
    void updateTitle();

    WorkspaceContent m_content;
    std::optional<TimeRange> m_range; // the window's; re-applied over a dashboard's default range
    qint64 m_dashboardId = 0;
    qint64 m_shownUpdatedMs = -1;
    QLabel *m_title = nullptr;
    QLabel *m_subtitle = nullptr;
    QAction *m_editAction = nullptr;
    QAction *m_undo = nullptr;
    QAction *m_redo = nullptr;
    QToolButton *m_addPanel = nullptr;
    DashboardView *m_view = nullptr;
};

} // namespace stackscope::app
