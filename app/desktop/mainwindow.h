#pragma once

#include "workspaceopener.h"

#include "storage/query.h"
#include "storage/workspace.h"
#include "util/error.h"

#include <QMainWindow>
#include <QPointer>

#include <memory>
#include <optional>

class QLabel;
class QLineEdit;
class QListView;
class QProgressBar;
class QPushButton;
class QSplitter;
class QStackedWidget;
class QTimer;
class QToolButton;

namespace stackscope::storage {
class StoreService;
struct SeriesInfo;
struct QueryResult;
}
namespace stackscope::charts { class TimeSeriesChartView; }
namespace stackscope::connector { class ConnectorRegistry; }
namespace stackscope::secrets { class SecretStore; }

namespace stackscope::app {

class DemoSeeder;
class RangeSelector;
class SeriesFilterModel;
class SeriesListModel;
class ServicePoller;
class ServicesDialog;

// The first main window: a searchable list of the workspace's series on the left, the chart of the selected
// series over a time range on the right. Every store access goes through StoreService (off the GUI thread);
// results that arrive for an older request are dropped.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    // `keychain` (not owned) replaces the OS keychain (KeychainSecretStore), e.g. with a fake in tests. It holds
    // the database keys of workspaces and the services' credentials.
    explicit MainWindow(secrets::SecretStore *keychain = nullptr, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Opens a workspace asynchronously (closing the current one); the outcome is shown in the window.
    void openWorkspace(const OpenRequest &request);

    // For tests and tools.
    storage::StoreService *storeService() const { return m_store.get(); }
    SeriesListModel *seriesModel() const { return m_model; }
    charts::TimeSeriesChartView *chartView() const { return m_chart; }
    const std::optional<Error> &lastError() const { return m_lastError; }
    const storage::WorkspaceInfo &workspaceInfo() const { return m_info; }
    bool isDemoFillRunning() const;
    void setRange(qint64 spanMs);
    bool selectSeries(const QString &key); // SeriesListModel::keyOf
    // File → Services… (null until opened; closed with the workspace).
    void showServices();
    ServicesDialog *servicesDialog() const;

Q_SIGNALS:
    void workspaceOpened();
    void workspaceOpenFailed(const QString &userMessage);
    void chartUpdated();
    void demoFillFinished();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildUi();
    void buildMenus();
    QWidget *buildMessagePage();
    QWidget *buildWorkspacePage();
    void restoreSettings();
    void saveSettings();

    void closeWorkspace();
    void onWorkspaceOpened(Result<OpenedWorkspace> result);
    void showMessage(const QString &title, const QString &text, bool offerRetry);
    void showError(const Error &error);
    void startDemoFill(const DemoFillPlan &plan);

    void reloadSeries();
    void onSeriesListed(Result<QList<storage::SeriesInfo>> result);
    void ensureSelection();
    void onCurrentSeriesChanged();
    void refreshChart();
    void onQueryFinished(qint64 seriesId, qint64 elapsedMs, Result<storage::QueryResult> result);
    void onSamplesStored();
    void updateSeriesCount();
    const storage::SeriesInfo *currentSeries() const;

    std::unique_ptr<secrets::SecretStore> m_ownedKeychain; // the OS keychain, unless one was passed in
    secrets::SecretStore *m_keychain = nullptr;
    std::unique_ptr<connector::ConnectorRegistry> m_registry;
    WorkspaceOpener *m_opener = nullptr;
    std::unique_ptr<storage::StoreService> m_store;
    std::unique_ptr<DemoSeeder> m_seeder; // declared after m_store: destroyed first
    std::unique_ptr<ServicePoller> m_poller; // likewise: polls the workspace's services (not in demo workspaces)
    storage::WorkspaceInfo m_info;
    QString m_directory;
    OpenRequest m_lastRequest;
    std::optional<Error> m_lastError;

    QStackedWidget *m_stack = nullptr;
    QWidget *m_messagePage = nullptr;
    QWidget *m_workspacePage = nullptr;
    QLabel *m_messageTitle = nullptr;
    QLabel *m_messageText = nullptr;
    QPushButton *m_demoButton = nullptr;
    QPushButton *m_retryButton = nullptr;

    QLabel *m_banner = nullptr;
    QSplitter *m_splitter = nullptr;
    QLineEdit *m_search = nullptr;
    QListView *m_list = nullptr;
    QLabel *m_countLabel = nullptr;
    SeriesListModel *m_model = nullptr;
    SeriesFilterModel *m_filter = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_subtitle = nullptr;
    RangeSelector *m_range = nullptr;
    QToolButton *m_refreshButton = nullptr;
    charts::TimeSeriesChartView *m_chart = nullptr;

    QLabel *m_tierLabel = nullptr;
    QLabel *m_pointsLabel = nullptr;
    QProgressBar *m_progress = nullptr;

    QPointer<ServicesDialog> m_servicesDialog;
    QAction *m_servicesAction = nullptr;

    QTimer *m_chartRefreshTimer = nullptr;
    QTimer *m_listRefreshTimer = nullptr;
    quint64 m_openGeneration = 0;
    quint64 m_queryGeneration = 0;
    quint64 m_listGeneration = 0;
    qint64 m_currentSeriesId = -1;
    QString m_preferredSeriesKey;
    bool m_listLoaded = false;
};

} // namespace stackscope::app
