#pragma once

#include "navigationtarget.h"
#include "workspacecontent.h"

#include <QWidget>

class QLineEdit;
class QMenu;
class QSortFilterProxyModel;
class QTreeView;

namespace stackscope::app {

class NavigationModel;

// The left side of the main window: a filter field above the navigation tree. Selecting an item asks for its
// page (targetActivated); the context menus ask for project, service and dashboard management. The pane keeps
// the current item and the expanded branches across content reloads.
class NavigationPane : public QWidget
{
    Q_OBJECT

public:
    explicit NavigationPane(QWidget *parent = nullptr);

    void setContent(const WorkspaceContent &content);
    void clear();
    NavigationModel *model() const { return m_model; }
    QTreeView *view() const { return m_view; }
    QLineEdit *filterField() const { return m_filter; }

    NavigationTarget currentTarget() const;
    bool select(const NavigationTarget &target); // selects and emits targetActivated; false if not in the tree
    void focusFilter();
    void setOpenAlerts(int count);

Q_SIGNALS:
    void targetActivated(const stackscope::app::NavigationTarget &target);
    void newProjectRequested();
    void editProjectRequested(qint64 projectId);
    void deleteProjectRequested(qint64 projectId);
    void addServiceRequested(const QString &project);
    void editServiceRequested(qint64 serviceId);
    void deleteServiceRequested(qint64 serviceId);
    void newDashboardRequested(const QString &project);
    void renameDashboardRequested(qint64 dashboardId);
    void deleteDashboardRequested(qint64 dashboardId);
    void trashRequested();

private:
    void onCurrentChanged();
    void showContextMenu(const QPoint &pos);
    QModelIndex viewIndexOf(const NavigationTarget &target) const;

    NavigationModel *m_model = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
    QLineEdit *m_filter = nullptr;
    QTreeView *m_view = nullptr;
    NavigationTarget m_current;
    bool m_restoring = false;
};

} // namespace stackscope::app
