#pragma once

#include "navigation/navigationtarget.h"
#include "navigation/workspacecontent.h"
#include "timerange.h"
#include "workspaceopener.h"

#include "storage/workspace.h"
#include "util/error.h"

#include <QMainWindow>
#include <QPointer>

#include <memory>
#include <optional>

class QAction;
class QLabel;
class QProgressBar;
class QPushButton;
class QSplitter;
class QStackedWidget;
class QTimer;

namespace stackscope::storage { class StoreService; }
namespace stackscope::connector { class ConnectorRegistry; }
namespace stackscope::secrets { class SecretStore; }

namespace stackscope::app {

class AlertingHost;
class AlertsPlaceholder;
class DashboardPage;
class DemoSeeder;
class ExplorerPage;
class NavigationPane;
class OverviewPage;
class ProjectPage;
class ServicePage;
class ServicePoller;
class ServicesDialog;
class TimeRangeBar;
class TrayController;
class TrashDialog;
class WorkspacePage;

// The main window: the navigation tree on the left (overview → projects → services, dashboards, explorer,
// alerts), the page of the selected item on the right, the time range bar above it, and the demo banner in a
// demo workspace. Every store access runs on the store thread (StoreService); the workspace content (projects,
// services with health, dashboards) is re-read after every change and every 30 s, and handed to the tree, the
// pages and the tray as a value.
//
// Split over several files: mainwindow.cpp (layout, content, time range, settings), mainwindowpages.cpp (the
// pages and navigation), mainwindowmenus.cpp (menus and shortcuts), mainwindowcommands.cpp (project, service
// and dashboard management), mainwindowworkspace.cpp (opening and closing workspaces, the demo).
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    static constexpr int kContentRefreshMs = 30'000; // health changes while the window is open

    // `keychain` (not owned) replaces the OS keychain (KeychainSecretStore), e.g. with a fake in tests. It holds
    // the database keys of workspaces and the services' credentials.
    explicit MainWindow(secrets::SecretStore *keychain = nullptr, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Opens a workspace asynchronously (closing the current one); the outcome is shown in the window.
    void openWorkspace(const OpenRequest &request);

    // Hooks for the alerts panel (D6): installs the page shown under "Alerts" (the window takes ownership; a
    // WorkspacePage also gets the time range and refreshes), and reports open alerts to the tree and the tray.
    void setAlertsPage(QWidget *page);
    QWidget *alertsPage() const;
    void setOpenAlerts(int critical, int other);

    // Navigation.
    bool navigateTo(const NavigationTarget &target);
    NavigationTarget currentTarget() const;
    void reloadContent();

    // Time range of every page.
    void setTimeRange(const TimeRange &range);
    TimeRange timeRange() const;

    // Management (each opens a dialog or asks first; the outcome shows in the tree).
    void newProject();
    void editProject(qint64 projectId);
    void removeProject(qint64 projectId);
    void addService(const QString &project = {});
    void editService(qint64 serviceId);
    void removeService(qint64 serviceId);
    void newDashboard(const QString &project = {});
    void createDashboard(const QString &name, const QString &project, const QString &scenarioId = {});
    void renameDashboard(qint64 dashboardId);
    void removeDashboard(qint64 dashboardId);
    void showTrash();
    void showShortcuts();
    void showServices(); // File → Services… (the table of all services)

    // For tests and tools.
    storage::StoreService *storeService() const { return m_store.get(); }
    const std::optional<Error> &lastError() const { return m_lastError; }
    const storage::WorkspaceInfo &workspaceInfo() const { return m_info; }
    const WorkspaceContent &content() const { return m_content; }
    bool isDemoFillRunning() const;
    NavigationPane *navigation() const { return m_nav; }
    TimeRangeBar *timeRangeBar() const { return m_timeBar; }
    WorkspacePage *currentPage() const;
    OverviewPage *overviewPage() const { return m_overview; }
    ProjectPage *projectPage() const { return m_projectPage; }
    ServicePage *servicePage() const { return m_servicePage; }
    DashboardPage *dashboardPage() const { return m_dashboardPage; }
    ExplorerPage *explorerPage() const { return m_explorer; }
    TrayController *tray() const { return m_tray; }
    AlertingHost *alertingHost() const { return m_alertsHost.get(); }
    QSplitter *splitter() const { return m_splitter; }
    ServicesDialog *servicesDialog() const;
    TrashDialog *trashDialog() const;
    const connector::ConnectorRegistry &registry() const { return *m_registry; }

Q_SIGNALS:
    void workspaceOpened();
    void workspaceOpenFailed(const QString &userMessage);
    void demoFillFinished();
    void contentReloaded();
    void pageChanged(const stackscope::app::NavigationTarget &target);
    void dashboardCreated(qint64 dashboardId);

protected:
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void buildUi();
    void buildMenus();
    QWidget *buildMessagePage();
    QWidget *buildWorkspacePage();
    void buildPages();
    void restoreSettings();
    void saveSettings();

    void closeWorkspace();
    void onWorkspaceOpened(Result<OpenedWorkspace> result);
    void showMessage(const QString &title, const QString &text, bool offerRetry);
    void showError(const Error &error);
    void startDemoFill(const DemoFillPlan &plan);
    void startAlerting(); // the alerting host and the alerts page; the caller starts the host
    void openDemo();

    void onContentLoaded(Result<WorkspaceContent> content);
    void onTargetActivated(const NavigationTarget &target);
    void onTimeRangeChanged(const TimeRange &range);
    void refreshCurrentPage();
    void showPage(WorkspacePage *page);
    void updateTray();
    void updateActions();
    void onPaletteChanged();
    void afterServiceSaved(const ServiceConfig &service);
    void addPanelToDashboard(const dashboard::PanelSpec &panel);
    void confirm(const QString &title, const QString &text, const QString &action, std::function<void()> onYes);
    void runManagementJob(std::function<Status(storage::MetricStore &)> job, const QString &failureTitle,
                          std::function<void()> onDone = {});

    std::unique_ptr<secrets::SecretStore> m_ownedKeychain; // the OS keychain, unless one was passed in
    secrets::SecretStore *m_keychain = nullptr;
    std::unique_ptr<connector::ConnectorRegistry> m_registry;
    WorkspaceOpener *m_opener = nullptr;
    std::unique_ptr<storage::StoreService> m_store;
    std::unique_ptr<AlertingHost> m_alertsHost; // declared after m_store: destroyed first (it runs store jobs)
    std::unique_ptr<DemoSeeder> m_seeder; // declared after m_store: destroyed first
    std::unique_ptr<ServicePoller> m_poller; // likewise: polls the workspace's services (not in demo workspaces)
    storage::WorkspaceInfo m_info;
    QString m_directory;
    OpenRequest m_lastRequest;
    std::optional<Error> m_lastError;
    WorkspaceContent m_content;
    NavigationTarget m_pendingTarget; // selected once the content that holds it has loaded

    QStackedWidget *m_stack = nullptr;
    QWidget *m_messagePage = nullptr;
    QWidget *m_workspacePage = nullptr;
    QLabel *m_messageTitle = nullptr;
    QLabel *m_messageText = nullptr;
    QPushButton *m_demoButton = nullptr;
    QPushButton *m_retryButton = nullptr;

    QLabel *m_banner = nullptr;
    QSplitter *m_splitter = nullptr;
    NavigationPane *m_nav = nullptr;
    TimeRangeBar *m_timeBar = nullptr;
    QStackedWidget *m_pages = nullptr;
    OverviewPage *m_overview = nullptr;
    ProjectPage *m_projectPage = nullptr;
    ServicePage *m_servicePage = nullptr;
    DashboardPage *m_dashboardPage = nullptr;
    ExplorerPage *m_explorer = nullptr;
    AlertsPlaceholder *m_alertsPlaceholder = nullptr;
    QPointer<QWidget> m_alertsPage;
    QProgressBar *m_progress = nullptr;
    TrayController *m_tray = nullptr;

    QPointer<ServicesDialog> m_servicesDialog;
    QPointer<TrashDialog> m_trashDialog;
    QList<QAction *> m_workspaceActions; // enabled while a workspace is open
    QAction *m_undoAction = nullptr;
    QAction *m_redoAction = nullptr;

    QTimer *m_contentTimer = nullptr;
    QTimer *m_samplesTimer = nullptr;
    quint64 m_openGeneration = 0;
    quint64 m_contentGeneration = 0;
    int m_criticalAlerts = 0;
    int m_otherAlerts = 0;
    bool m_tearingDown = false;
};

} // namespace stackscope::app
