#include "mainwindow.h"

#include "alerts/alertinghost.h"
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

namespace {

// Settings keys (QSettings, per user).
const QString kGeometryKey = QStringLiteral("MainWindow/geometry");
const QString kWindowStateKey = QStringLiteral("MainWindow/windowState");
const QString kSplitterKey = QStringLiteral("MainWindow/navigationSplitter");
const QString kRangeKey = QStringLiteral("MainWindow/rangeMs");
const QString kCompareKey = QStringLiteral("MainWindow/compare");
const QString kAutoRefreshKey = QStringLiteral("MainWindow/autoRefreshSeconds");

constexpr int kSamplesRefreshDelayMs = 2000; // coalesces bursts of stored samples into one content reload

} // namespace

MainWindow::MainWindow(secrets::SecretStore *keychain, QWidget *parent)
    : QMainWindow(parent)
    , m_ownedKeychain(keychain ? nullptr : std::make_unique<secrets::KeychainSecretStore>())
    , m_keychain(keychain ? keychain : m_ownedKeychain.get())
    , m_registry(std::make_unique<connector::ConnectorRegistry>())
    , m_opener(new WorkspaceOpener(m_keychain, this))
    , m_contentTimer(new QTimer(this))
    , m_samplesTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Stackscope"));
    connectors::registerBuiltInConnectors(*m_registry);
    m_contentTimer->setInterval(kContentRefreshMs);
    connect(m_contentTimer, &QTimer::timeout, this, &MainWindow::reloadContent);
    m_samplesTimer->setSingleShot(true);
    m_samplesTimer->setInterval(kSamplesRefreshDelayMs);
    connect(m_samplesTimer, &QTimer::timeout, this, &MainWindow::refreshCurrentPage);

    m_tray = new TrayController(this);
    connect(m_tray, &TrayController::showHideRequested, this, [this] {
        setVisible(!isVisible());
        if (isVisible()) {
            raise();
            activateWindow();
        }
        m_tray->setWindowVisible(isVisible());
    });
    connect(m_tray, &TrayController::refreshRequested, this, &MainWindow::refreshCurrentPage);
    connect(m_tray, &TrayController::openAlertsRequested, this, [this] {
        show();
        raise();
        navigateTo(NavigationTarget::alerts());
    });
    connect(m_tray, &TrayController::quitRequested, this, &QWidget::close);

    buildUi();
    buildMenus();
    restoreSettings();
    m_tray->setEnabled(true);
    showMessage(tr("Opening workspace…"), QString(), false);
}

MainWindow::~MainWindow()
{
    delete m_servicesDialog; // they use the store and the keychain
    delete m_trashDialog;
    m_seeder.reset();
    m_poller.reset();
    // The pages hold the store by pointer: destroy them (with the whole widget tree) before the store. Their
    // undo stacks and signals must not reach this half-destroyed window on the way.
    m_tearingDown = true;
    if (m_dashboardPage) {
        m_dashboardPage->dashboardView()->undoStack()->disconnect(this);
        m_dashboardPage->disconnect(this);
    }
    delete m_stack;
    m_alertsHost.reset();
    m_store.reset();
}

bool MainWindow::isDemoFillRunning() const
{
    return m_seeder && m_seeder->isRunning();
}

void MainWindow::buildUi()
{
    m_stack = new QStackedWidget(this);
    m_messagePage = buildMessagePage();
    m_workspacePage = buildWorkspacePage();
    m_stack->addWidget(m_messagePage);
    m_stack->addWidget(m_workspacePage);
    setCentralWidget(m_stack);

    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("demoProgress"));
    m_progress->setAccessibleName(tr("Demo data generation progress"));
    m_progress->setRange(0, 100);
    m_progress->setFormat(tr("Generating demo data… %p%"));
    m_progress->setTextVisible(true);
    m_progress->setMaximumWidth(260);
    m_progress->setMinimumWidth(200);
    m_progress->hide();
    statusBar()->addPermanentWidget(m_progress);
    resize(1440, 900);
}

QWidget *MainWindow::buildWorkspacePage()
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);

    m_banner = new QLabel(tr("DEMO WORKSPACE — simulated services and data. Nothing here talks to a real vendor."),
                          page);
    m_banner->setObjectName(QStringLiteral("demoBanner"));
    m_banner->setAccessibleName(tr("Demo workspace notice"));
    m_banner->setToolTip(tr("Everything in this workspace is generated. It never mixes with your real data."));
    m_banner->setAlignment(Qt::AlignCenter);
    m_banner->setStyleSheet(QStringLiteral(
        "QLabel#demoBanner { background-color: #f2b632; color: #261b00; font-weight: 600; padding: 5px; }"));
    m_banner->hide();
    layout->addWidget(m_banner);

    m_splitter = new QSplitter(Qt::Horizontal, page);
    m_splitter->setObjectName(QStringLiteral("mainSplitter"));
    m_splitter->setChildrenCollapsible(false);
    layout->addWidget(m_splitter, 1);

    m_nav = new NavigationPane(m_splitter);
    m_nav->setMinimumWidth(200);
    connect(m_nav, &NavigationPane::targetActivated, this, &MainWindow::onTargetActivated);
    connect(m_nav, &NavigationPane::newProjectRequested, this, &MainWindow::newProject);
    connect(m_nav, &NavigationPane::editProjectRequested, this, &MainWindow::editProject);
    connect(m_nav, &NavigationPane::deleteProjectRequested, this, &MainWindow::removeProject);
    connect(m_nav, &NavigationPane::addServiceRequested, this, &MainWindow::addService);
    connect(m_nav, &NavigationPane::editServiceRequested, this, &MainWindow::editService);
    connect(m_nav, &NavigationPane::deleteServiceRequested, this, &MainWindow::removeService);
    connect(m_nav, &NavigationPane::newDashboardRequested, this, &MainWindow::newDashboard);
    connect(m_nav, &NavigationPane::renameDashboardRequested, this, &MainWindow::renameDashboard);
    connect(m_nav, &NavigationPane::deleteDashboardRequested, this, &MainWindow::removeDashboard);
    connect(m_nav, &NavigationPane::trashRequested, this, &MainWindow::showTrash);

    auto *right = new QWidget(m_splitter);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->setSpacing(0);
    auto *bar = new QWidget(right);
    bar->setObjectName(QStringLiteral("rangeBarRow"));
    auto *barLayout = new QHBoxLayout(bar);
    barLayout->setContentsMargins(16, 6, 12, 6);
    barLayout->addStretch();
    m_timeBar = new TimeRangeBar(bar);
    connect(m_timeBar, &TimeRangeBar::rangeChanged, this, &MainWindow::onTimeRangeChanged);
    connect(m_timeBar, &TimeRangeBar::refreshRequested, this, [this] {
        reloadContent();
        refreshCurrentPage();
    });
    barLayout->addWidget(m_timeBar);
    rightLayout->addWidget(bar);
    auto *line = new QFrame(right);
    line->setFrameShape(QFrame::HLine);
    line->setFrameShadow(QFrame::Sunken);
    rightLayout->addWidget(line);
    m_pages = new QStackedWidget(right);
    m_pages->setObjectName(QStringLiteral("pages"));
    rightLayout->addWidget(m_pages, 1);

    m_splitter->addWidget(m_nav);
    m_splitter->addWidget(right);
    m_splitter->setStretchFactor(0, 0);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setSizes({270, 1170});
    return page;
}

WorkspacePage *MainWindow::currentPage() const
{
    return qobject_cast<WorkspacePage *>(m_pages->currentWidget());
}

NavigationTarget MainWindow::currentTarget() const
{
    return m_nav->currentTarget();
}

bool MainWindow::navigateTo(const NavigationTarget &target)
{
    return m_nav->select(target);
}

void MainWindow::showPage(WorkspacePage *page)
{
    if (!page)
        return;
    m_pages->setCurrentWidget(page);
}

void MainWindow::setTimeRange(const TimeRange &range)
{
    m_timeBar->setRange(range);
}

TimeRange MainWindow::timeRange() const
{
    return m_timeBar->range();
}

void MainWindow::onTimeRangeChanged(const TimeRange &range)
{
    // Every page gets the range; the current one loads at once, the others when their dashboards are shown.
    for (int i = 0; i < m_pages->count(); ++i)
        if (auto *page = qobject_cast<WorkspacePage *>(m_pages->widget(i)))
            page->setTimeRange(range);
}

void MainWindow::refreshCurrentPage()
{
    if (WorkspacePage *page = currentPage())
        page->refresh();
}

void MainWindow::reloadContent()
{
    if (!m_store)
        return;
    const quint64 generation = ++m_contentGeneration;
    runStoreJob<WorkspaceContent>(
        *m_store, this, [](storage::MetricStore &store) { return loadWorkspaceContent(store); },
        [this, generation](Result<WorkspaceContent> content) {
            if (generation == m_contentGeneration)
                onContentLoaded(std::move(content));
        });
}

void MainWindow::onContentLoaded(Result<WorkspaceContent> content)
{
    if (!content) {
        statusBar()->showMessage(tr("The workspace could not be read: %1").arg(content.error().userMessage));
        return;
    }
    m_content = std::move(content).value();
    for (int i = 0; i < m_pages->count(); ++i)
        if (auto *page = qobject_cast<WorkspacePage *>(m_pages->widget(i)))
            page->setContent(m_content);
    m_nav->setContent(m_content);
    if (m_pendingTarget.isValid() && m_nav->select(m_pendingTarget))
        m_pendingTarget = {};
    else if (!m_nav->currentTarget().isValid())
        m_nav->select(NavigationTarget::overview());
    updateTray();
    updateActions();
    Q_EMIT contentReloaded();
}

void MainWindow::updateTray()
{
    int failing = 0;
    for (const ServiceEntry &s : std::as_const(m_content.services))
        if (s.level() == HealthLevel::Warning || s.level() == HealthLevel::Critical)
            ++failing;
    m_tray->setServiceHealth(m_store ? m_content.overallLevel() : HealthLevel::Unknown, failing);
    m_tray->setOpenAlerts(m_criticalAlerts, m_otherAlerts);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveSettings();
    m_tray->setEnabled(false);
    QMainWindow::closeEvent(event);
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::ApplicationPaletteChange || event->type() == QEvent::PaletteChange)
        onPaletteChanged();
    QMainWindow::changeEvent(event);
}

void MainWindow::onPaletteChanged()
{
    // Line icons are tinted to the palette: re-tint the buttons and actions, and rebuild the tree's items (it
    // keeps the selection and the expanded branches).
    Icons::retint(this);
    if (m_nav && m_store)
        m_nav->setContent(m_content);
}

void MainWindow::restoreSettings()
{
    QSettings settings;
    restoreGeometry(settings.value(kGeometryKey).toByteArray());
    restoreState(settings.value(kWindowStateKey).toByteArray());
    m_splitter->restoreState(settings.value(kSplitterKey).toByteArray());
    TimeRange range = TimeRange::last(settings.value(kRangeKey, qint64(86'400'000)).toLongLong());
    range.compare = settings.value(kCompareKey, false).toBool();
    m_timeBar->setRange(range);
    m_timeBar->setRefreshSeconds(settings.value(kAutoRefreshKey, 0).toInt());
}

void MainWindow::saveSettings()
{
    QSettings settings;
    settings.setValue(kGeometryKey, saveGeometry());
    settings.setValue(kWindowStateKey, saveState());
    settings.setValue(kSplitterKey, m_splitter->saveState());
    const TimeRange range = m_timeBar->range();
    if (range.isRelative())
        settings.setValue(kRangeKey, range.spanMs);
    settings.setValue(kCompareKey, range.compare);
    settings.setValue(kAutoRefreshKey, m_timeBar->refreshSeconds());
}

} // namespace stackscope::app
