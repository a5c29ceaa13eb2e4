// MainWindow, part 3: menus, window-wide shortcuts (D7) and the state of the actions.
#include "mainwindow.h"

#include "dashboard/dashboardview.h"
#include "dashboardpage.h"
#include "explorerpage.h"
#include "icons.h"
#include "navigation/navigationpane.h"
#include "shortcutsdialog.h"
#include "timerangebar.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QIcon>
#include <QMenuBar>
#include <QMessageBox>
#include <QStackedWidget>
#include <QUndoStack>

namespace stackscope::app {

void MainWindow::buildMenus()
{
    auto workspaceAction = [this](QAction *action) {
        m_workspaceActions.append(action);
        return action;
    };

    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *newProjectAction = workspaceAction(file->addAction(tr("New &Project…"), this, &MainWindow::newProject));
    newProjectAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
    workspaceAction(file->addAction(tr("&Add Service…"), this, [this] {
        const NavigationTarget current = currentTarget();
        addService(current.project);
    }));
    QAction *newDashboardAction = workspaceAction(file->addAction(tr("New &Dashboard…"), this, [this] {
        const NavigationTarget current = currentTarget();
        newDashboard(current.kind == NavigationTarget::Kind::Project
                             || current.kind == NavigationTarget::Kind::DashboardFolder
                         ? current.project
                         : QString());
    }));
    newDashboardAction->setObjectName(QStringLiteral("newDashboardAction"));
    newDashboardAction->setShortcut(QKeySequence::New);
    file->addSeparator();
    QAction *services = workspaceAction(file->addAction(tr("&Services…"), this, &MainWindow::showServices));
    services->setObjectName(QStringLiteral("servicesAction"));
    services->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    services->setToolTip(tr("Add, edit, test and remove the services Stackscope polls"));
    Icons::setLineIcon(workspaceAction(file->addAction(tr("&Trash…"), this, &MainWindow::showTrash)),
                       QStringLiteral("trash"), palette());
    file->addSeparator();
    QAction *demo = file->addAction(tr("Open D&emo Workspace"), this, &MainWindow::openDemo);
    demo->setObjectName(QStringLiteral("openDemoAction"));
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    m_undoAction = edit->addAction(tr("&Undo Layout Edit"), this, [this] {
        if (m_dashboardPage && m_dashboardPage->dashboardView()->isEditing())
            m_dashboardPage->dashboardView()->undoStack()->undo();
    });
    // Ctrl+Z / Ctrl+Shift+Z themselves belong to the dashboard view (while it has the focus); the same keys
    // here would make them ambiguous.
    m_redoAction = edit->addAction(tr("&Redo Layout Edit"), this, [this] {
        if (m_dashboardPage && m_dashboardPage->dashboardView()->isEditing())
            m_dashboardPage->dashboardView()->undoStack()->redo();
    });
    edit->addSeparator();
    QAction *editLayout = edit->addAction(tr("&Edit Dashboard Layout"), this, [this] {
        if (m_dashboardPage && currentPage() == static_cast<WorkspacePage *>(m_dashboardPage))
            m_dashboardPage->setEditing(!m_dashboardPage->dashboardView()->isEditing());
        updateActions();
    });
    editLayout->setObjectName(QStringLiteral("editLayoutMenuAction"));
    editLayout->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));

    QMenu *view = menuBar()->addMenu(tr("&View"));
    QAction *refresh = workspaceAction(view->addAction(tr("&Refresh Now"), this, [this] {
        reloadContent();
        refreshCurrentPage();
    }));
    refresh->setObjectName(QStringLiteral("refreshAction"));
    refresh->setShortcuts({QKeySequence(Qt::Key_F5), QKeySequence(Qt::CTRL | Qt::Key_R)});
    QAction *find = workspaceAction(view->addAction(tr("&Find…"), this, [this] {
        if (m_explorer && currentPage() == static_cast<WorkspacePage *>(m_explorer))
            m_explorer->view()->focusSearch();
        else
            m_nav->focusFilter();
    }));
    find->setShortcut(QKeySequence::Find);
    view->addSeparator();
    const QList<std::pair<QString, NavigationTarget>> places{{tr("&Overview"), NavigationTarget::overview()},
                                                            {tr("E&xplorer"), NavigationTarget::explorer()},
                                                            {tr("&Alerts"), NavigationTarget::alerts()}};
    for (int i = 0; i < places.size(); ++i) {
        const NavigationTarget target = places.at(i).second;
        QAction *go = workspaceAction(view->addAction(places.at(i).first, this, [this, target] { navigateTo(target); }));
        go->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)));
    }
    view->addSeparator();
    QMenu *range = view->addMenu(tr("&Time Range"));
    const QStringList rangeNames{tr("Last &Hour"), tr("Last &24 Hours"), tr("Last &7 Days"),
                                 tr("Last &30 Days"), tr("Last &90 Days"), tr("Last &Year")};
    for (int i = 0; i < rangeNames.size(); ++i) {
        QAction *preset = range->addAction(rangeNames.at(i), this, [this, i] { m_timeBar->selectPreset(i); });
        preset->setShortcut(QKeySequence(Qt::ALT | Qt::Key(Qt::Key_1 + i)));
        preset->setObjectName(QStringLiteral("rangeAction%1").arg(i + 1));
    }
    range->addSeparator();
    range->addAction(tr("&Custom…"), this, [this] { m_timeBar->openCustomDialog(); });
    QAction *zoomOut = range->addAction(tr("&Zoom Out"), this, [this] { m_timeBar->zoomOut(); });
    zoomOut->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Left));
    QAction *compare = range->addAction(tr("Compare with &Previous Period"));
    compare->setCheckable(true);
    connect(compare, &QAction::toggled, m_timeBar, &TimeRangeBar::setCompare);
    connect(m_timeBar, &TimeRangeBar::rangeChanged, compare, [compare](const TimeRange &r) {
        const QSignalBlocker blocker(compare);
        compare->setChecked(r.compare);
    });
    compare->setChecked(m_timeBar->range().compare);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *shortcuts = help->addAction(tr("&Keyboard Shortcuts"), this, &MainWindow::showShortcuts);
    shortcuts->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Slash));
    QAction *about = help->addAction(tr("&About Stackscope"));
    about->setMenuRole(QAction::AboutRole);
    connect(about, &QAction::triggered, this, [this] {
        auto *box = new QMessageBox(QMessageBox::NoIcon, tr("About Stackscope"),
                                    tr("<b>Stackscope %1</b><p>A monitoring cockpit for solo developers and small "
                                       "teams: the metrics of every service your product runs on, in one "
                                       "encrypted local store.</p>").arg(QApplication::applicationVersion()),
                                    QMessageBox::Close, this);
        box->setIconPixmap(QIcon(QStringLiteral(":/icons/stackscope.svg")).pixmap(64, 64));
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    });
    updateActions();
}

void MainWindow::updateActions()
{
    if (m_tearingDown)
        return;
    const bool open = m_store != nullptr;
    for (QAction *action : std::as_const(m_workspaceActions))
        action->setEnabled(open);
    const bool editing = open && m_dashboardPage && currentPage() == static_cast<WorkspacePage *>(m_dashboardPage)
        && m_dashboardPage->dashboardView()->isEditing();
    if (m_undoAction) {
        m_undoAction->setEnabled(editing && m_dashboardPage->dashboardView()->undoStack()->canUndo());
        m_redoAction->setEnabled(editing && m_dashboardPage->dashboardView()->undoStack()->canRedo());
    }
}

void MainWindow::showShortcuts()
{
    auto *dialog = new ShortcutsDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

} // namespace stackscope::app
