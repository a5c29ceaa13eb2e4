// MainWindow, part 2: the pages of the stack (made per workspace), the alerts page hook and what a
// navigation target opens.
#include "mainwindow.h"

#include "alertsplaceholder.h"
#include "dashboard/dashboardview.h"
#include "dashboardpage.h"
#include "democatalogue.h"
#include "demoseeder.h"
#include "explorerpage.h"
#include "icons.h"
#include "navigation/navigationpane.h"
#include "overviewpage.h"
#include "projectpage.h"
#include "servicepage.h"
#include "servicepoller.h"
#include "servicesdialog.h"
#include "storejob.h"
#include "timerangebar.h"
#include "traycontroller.h"
#include "navigation/trashdialog.h"
#include "uilogging.h"

#include "connector/connectorregistry.h"
#include "registration.h"
#include "secrets/keychainsecretstore.h"
#include "storage/metricstore.h"
#include "storage/storeservice.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDateTime>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTimer>
#include <QTreeView>
#include <QUndoStack>
#include <QVBoxLayout>

namespace stackscope::app {

void MainWindow::buildPages()
{
    // The pages are made per workspace: they hold its store.
    while (m_pages->count() > 0) {
        QWidget *page = m_pages->widget(0);
        m_pages->removeWidget(page);
        if (page != m_alertsPage && page != m_alertsPlaceholder)
            delete page;
    }
    storage::StoreService *store = m_store.get();
    m_overview = new OverviewPage(store, *m_registry, m_pages);
    connect(m_overview, &OverviewPage::projectActivated, this, [this](qint64 id) {
        if (const storage::Project *p = m_content.project(id))
            navigateTo(NavigationTarget::projectTarget(id, p->name));
    });
    connect(m_overview, &OverviewPage::newProjectRequested, this, &MainWindow::newProject);
    connect(m_overview, &OverviewPage::serviceActivated, this, [this](qint64 id) {
        if (const ServiceEntry *s = m_content.service(id))
            navigateTo(NavigationTarget::serviceTarget(id, s->config.project));
    });
    connect(m_overview, &OverviewPage::addServiceRequested, this, [this] { addService(); });
    m_projectPage = new ProjectPage(store, *m_registry, m_pages);
    connect(m_projectPage, &ProjectPage::serviceActivated, this, [this](qint64 id) {
        if (const ServiceEntry *s = m_content.service(id))
            navigateTo(NavigationTarget::serviceTarget(id, s->config.project));
    });
    connect(m_projectPage, &ProjectPage::editProjectRequested, this, &MainWindow::editProject);
    connect(m_projectPage, &ProjectPage::addServiceRequested, this, &MainWindow::addService);
    connect(m_projectPage, &ProjectPage::newDashboardRequested, this, &MainWindow::newDashboard);
    m_servicePage = new ServicePage(store, *m_keychain, *m_registry, m_pages);
    m_servicePage->setPollingAvailable(!m_info.demo);
    connect(m_servicePage, &ServicePage::editRequested, this, &MainWindow::editService);
    connect(m_servicePage, &ServicePage::pollNowRequested, this, [this] {
        if (m_poller) {
            m_poller->pollNow();
            statusBar()->showMessage(tr("Polling now…"), 4000);
        }
    });
    m_dashboardPage = new DashboardPage(store, m_pages);
    connect(m_dashboardPage, &DashboardPage::dashboardSaved, this, [this](const dashboard::Dashboard &d) {
        // Keep the content in step with what the view saved, so reloading it does not roll the view back.
        for (dashboard::Dashboard &existing : m_content.dashboards)
            if (existing.id == d.id)
                existing = d;
    });
    m_explorer = new ExplorerPage(store, m_pages);
    connect(m_explorer->view(), &ExplorerView::addToDashboardRequested, this, &MainWindow::addPanelToDashboard);
    if (!m_alertsPlaceholder)
        m_alertsPlaceholder = new AlertsPlaceholder(this);
    QWidget *alerts = m_alertsPage ? m_alertsPage.data() : static_cast<QWidget *>(m_alertsPlaceholder);
    const QList<QWidget *> pages{m_overview, m_projectPage, m_servicePage, m_dashboardPage, m_explorer, alerts};
    for (QWidget *page : pages) {
        m_pages->addWidget(page);
        if (auto *workspacePage = qobject_cast<WorkspacePage *>(page)) {
            workspacePage->setTimeRange(m_timeBar->range());
            connect(workspacePage, &WorkspacePage::zoomRequested, m_timeBar, &TimeRangeBar::zoomTo,
                    Qt::UniqueConnection);
        }
    }
    connect(m_dashboardPage->dashboardView()->undoStack(), &QUndoStack::indexChanged, this, &MainWindow::updateActions);
    connect(m_dashboardPage, &DashboardPage::editingChanged, this, &MainWindow::updateActions);
}

void MainWindow::setAlertsPage(QWidget *page)
{
    if (!page || page == m_alertsPage)
        return;
    const bool wasCurrent = m_pages->currentWidget() == currentPage() && currentTarget().kind == NavigationTarget::Kind::Alerts;
    if (m_alertsPage) {
        m_pages->removeWidget(m_alertsPage);
        delete m_alertsPage;
    }
    m_pages->removeWidget(m_alertsPlaceholder);
    m_alertsPage = page;
    m_pages->addWidget(page);
    if (auto *workspacePage = qobject_cast<WorkspacePage *>(page)) {
        workspacePage->setTimeRange(m_timeBar->range());
        workspacePage->setContent(m_content);
        connect(workspacePage, &WorkspacePage::zoomRequested, m_timeBar, &TimeRangeBar::zoomTo);
    }
    if (wasCurrent)
        m_pages->setCurrentWidget(page);
}

QWidget *MainWindow::alertsPage() const
{
    return m_alertsPage ? m_alertsPage.data() : static_cast<QWidget *>(m_alertsPlaceholder);
}

void MainWindow::setOpenAlerts(int critical, int other)
{
    m_criticalAlerts = critical;
    m_otherAlerts = other;
    m_nav->setOpenAlerts(critical + other);
    updateTray();
}

void MainWindow::onTargetActivated(const NavigationTarget &target)
{
    using Kind = NavigationTarget::Kind;
    if (!m_store)
        return;
    switch (target.kind) {
    case Kind::Overview:
    case Kind::None:
        showPage(m_overview);
        break;
    case Kind::Project:
        m_projectPage->showProject(target.id);
        showPage(m_projectPage);
        break;
    case Kind::Service:
        m_servicePage->showService(target.id);
        showPage(m_servicePage);
        break;
    case Kind::Dashboard:
        m_dashboardPage->showDashboard(target.id);
        showPage(m_dashboardPage);
        break;
    case Kind::Dashboards:
    case Kind::DashboardFolder:
        // A folder: open its first dashboard, if any; otherwise stay where we are.
        for (const dashboard::Dashboard &d : std::as_const(m_content.dashboards)) {
            if (target.kind == Kind::Dashboards || d.project == target.project) {
                m_dashboardPage->showDashboard(d.id);
                showPage(m_dashboardPage);
                break;
            }
        }
        break;
    case Kind::Explorer:
        showPage(m_explorer);
        m_explorer->reloadIfNeeded();
        break;
    case Kind::Alerts:
        m_pages->setCurrentWidget(alertsPage());
        break;
    }
    updateActions();
    Q_EMIT pageChanged(target);
}

} // namespace stackscope::app
