// MainWindow, part 5: opening and closing workspaces, the welcome and error page, the demo workspace.
#include "mainwindow.h"

#include "dashboard/dashboardview.h"
#include "dashboardpage.h"
#include "democatalogue.h"
#include "demoseeder.h"
#include "alertsplaceholder.h"
#include "alerts/alertinghost.h"
#include "alerts/alertspage.h"
#include "explorerpage.h"
#include "navigation/navigationpane.h"
#include "navigation/trashdialog.h"
#include "servicepage.h"
#include "servicepoller.h"
#include "servicesdialog.h"
#include "storejob.h"
#include "traycontroller.h"
#include "uilogging.h"

#include "connector/connectorregistry.h"
#include "storage/metricstore.h"
#include "storage/storeservice.h"
#include "util/clock.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTimer>
#include <QUndoStack>
#include <QVBoxLayout>

namespace stackscope::app {

namespace {

QString hintFor(const Error &error)
{
    switch (error.code) {
    case Error::Code::WrongKey:
        return MainWindow::tr("The key does not fit this workspace. Check the key file or the keychain entry. "
                              "The workspace was not changed.");
    case Error::Code::DatabaseCorrupt:
    case Error::Code::DatabaseTruncated:
        return MainWindow::tr("Restore the database from a backup. Stackscope did not modify or replace it.");
    case Error::Code::KeychainUnavailable:
        return MainWindow::tr("The system keychain is not available. Make sure a Secret Service (such as GNOME "
                              "Keyring or KWallet) is running and unlocked, or start Stackscope with "
                              "--key-file.");
    case Error::Code::KeyMissing:
        return MainWindow::tr("No database key was found for this workspace. Start Stackscope with --key-file, "
                              "or set STACKSCOPE_KEY_FILE.");
    case Error::Code::Keychain:
        return MainWindow::tr("The system keychain reported an error.");
    default:
        return {};
    }
}

} // namespace

QWidget *MainWindow::buildMessagePage()
{
    auto *page = new QWidget(this);
    auto *outer = new QVBoxLayout(page);
    outer->addStretch(2);
    auto *icon = new QLabel(page);
    icon->setPixmap(QIcon(QStringLiteral(":/icons/stackscope.svg")).pixmap(96, 96));
    icon->setAlignment(Qt::AlignCenter);
    outer->addWidget(icon);
    m_messageTitle = new QLabel(page);
    m_messageTitle->setObjectName(QStringLiteral("messageTitle"));
    m_messageTitle->setAlignment(Qt::AlignCenter);
    m_messageTitle->setWordWrap(true);
    QFont titleFont = m_messageTitle->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.5);
    titleFont.setBold(true);
    m_messageTitle->setFont(titleFont);
    outer->addWidget(m_messageTitle);
    m_messageText = new QLabel(page);
    m_messageText->setObjectName(QStringLiteral("messageText"));
    m_messageText->setAlignment(Qt::AlignCenter);
    m_messageText->setWordWrap(true);
    m_messageText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_messageText->setMinimumWidth(520); // a word-wrapped label in a stretched row would shrink to a column
    m_messageText->setMaximumWidth(620);
    auto *textRow = new QHBoxLayout;
    textRow->addStretch();
    textRow->addWidget(m_messageText);
    textRow->addStretch();
    outer->addLayout(textRow);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    m_retryButton = new QPushButton(tr("&Retry"), page);
    m_retryButton->setAccessibleName(tr("Retry opening the workspace"));
    connect(m_retryButton, &QPushButton::clicked, this, [this] { openWorkspace(m_lastRequest); });
    buttons->addWidget(m_retryButton);
    m_demoButton = new QPushButton(tr("Open &Demo Workspace"), page);
    m_demoButton->setObjectName(QStringLiteral("openDemoButton"));
    m_demoButton->setAccessibleName(tr("Open the demo workspace with simulated data"));
    connect(m_demoButton, &QPushButton::clicked, this, &MainWindow::openDemo);
    buttons->addWidget(m_demoButton);
    buttons->addStretch();
    outer->addSpacing(12);
    outer->addLayout(buttons);
    outer->addStretch(3);
    return page;
}

void MainWindow::openDemo()
{
    OpenRequest request;
    request.demo = true;
    openWorkspace(request);
}

void MainWindow::openWorkspace(const OpenRequest &request)
{
    closeWorkspace();
    m_lastRequest = request;
    m_lastError.reset();
    showMessage(request.demo ? tr("Opening the demo workspace…") : tr("Opening workspace…"), QString(), false);
    const quint64 generation = ++m_openGeneration;
    m_opener->open(request, [this, generation](Result<OpenedWorkspace> result) {
        if (generation == m_openGeneration) // a later request replaced this one
            onWorkspaceOpened(std::move(result));
    });
}

void MainWindow::closeWorkspace()
{
    if (m_store && m_stack->currentWidget() == m_workspacePage)
        saveSettings();
    ++m_contentGeneration;
    delete m_servicesDialog; // before the store they use
    delete m_trashDialog;
    m_seeder.reset();
    m_poller.reset();
    m_contentTimer->stop();
    m_samplesTimer->stop();
    m_nav->clear();
    // Pages hold the store: go before it (without their signals reaching the window on the way).
    if (m_dashboardPage) {
        m_dashboardPage->dashboardView()->undoStack()->disconnect(this);
        m_dashboardPage->disconnect(this);
    }
    while (m_pages->count() > 0) {
        QWidget *page = m_pages->widget(0);
        m_pages->removeWidget(page);
        if (page != m_alertsPage && page != m_alertsPlaceholder)
            delete page;
    }
    m_overview = nullptr;
    m_projectPage = nullptr;
    m_servicePage = nullptr;
    m_dashboardPage = nullptr;
    m_explorer = nullptr;
    // The alerts page uses the host, the host uses the store.
    delete m_alertsPage;
    m_alertsHost.reset();
    setOpenAlerts(0, 0);
    m_store.reset();
    m_content = {};
    m_info = {};
    m_directory.clear();
    m_progress->hide();
    m_banner->hide();
    setWindowTitle(tr("Stackscope"));
    updateTray();
    updateActions();
}

void MainWindow::showMessage(const QString &title, const QString &text, bool offerRetry)
{
    m_messageTitle->setText(title);
    m_messageText->setText(text);
    m_messageText->setVisible(!text.isEmpty());
    m_retryButton->setVisible(offerRetry);
    m_demoButton->setVisible(offerRetry || !text.isEmpty());
    m_stack->setCurrentWidget(m_messagePage);
}

void MainWindow::showError(const Error &error)
{
    m_lastError = error;
    qCWarning(lcUi).noquote() << "cannot open workspace:" << toString(error.code) << error.detail;
    const QString hint = hintFor(error);
    showMessage(tr("The workspace could not be opened"),
                hint.isEmpty() ? error.userMessage : error.userMessage + QStringLiteral("\n\n") + hint, true);

    // A window-modal dialog that does not block: open(), not exec().
    auto *box = new QMessageBox(QMessageBox::Critical, tr("Cannot open workspace"), error.userMessage,
                                QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("errorDialog"));
    box->setInformativeText(hint);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
    Q_EMIT workspaceOpenFailed(error.userMessage);
}

void MainWindow::onWorkspaceOpened(Result<OpenedWorkspace> result)
{
    if (!result) {
        const Error &error = result.error();
        if (error.code == Error::Code::NotFound && !m_lastRequest.demo) {
            m_lastError = error;
            showMessage(tr("Welcome to Stackscope"),
                        tr("There is no workspace in %1 yet.\n\nExplore the demo workspace to see Stackscope at "
                           "work with simulated services, or create a workspace with “stackscoped init” and open "
                           "it with --workspace.")
                            .arg(m_lastRequest.directory.isEmpty() ? storage::Workspace::defaultDirectory()
                                                                   : m_lastRequest.directory),
                        false);
            m_demoButton->setVisible(true);
            m_demoButton->setFocus();
            Q_EMIT workspaceOpenFailed(error.userMessage);
            return;
        }
        showError(error);
        return;
    }

    OpenedWorkspace opened = std::move(result).value();
    qCInfo(lcUi).noquote() << "opened workspace" << opened.directory << (opened.info.demo ? "(demo)" : "");
    m_info = opened.info;
    m_directory = opened.directory;
    m_store = std::make_unique<storage::StoreService>(std::move(opened.store));
    connect(m_store.get(), &storage::StoreService::samplesStored, this, [this] {
        // Data arrival only marks the page dirty; one timer refreshes it (style guide D.6).
        if (!m_samplesTimer->isActive())
            m_samplesTimer->start();
    });
    buildPages();
    startAlerting();

    setWindowTitle(m_info.name.isEmpty() ? tr("Stackscope") : m_info.name);
    m_banner->setVisible(m_info.demo);
    m_stack->setCurrentWidget(m_workspacePage);
    statusBar()->showMessage(tr("Opened %1").arg(m_directory), 5000);
    if (m_info.demo) {
        // The demo's projects and services (and their simulated health) before the first listing.
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        const connector::ConnectorRegistry *registry = m_registry.get(); // outlives the store thread's jobs
        runStoreJob<bool>(
            *m_store, this,
            [now, registry](storage::MetricStore &store) -> Result<bool> {
                if (Status status = ensureDemoCatalogue(store, now, *registry); !status)
                    return status.error();
                return true;
            },
            [](Result<bool> done) {
                if (!done)
                    qCWarning(lcUi).noquote() << "demo catalogue:" << done.error().detail;
            });
    }
    reloadContent();
    m_contentTimer->start();
    if (opened.demoFill)
        startDemoFill(*opened.demoFill);
    else
        m_alertsHost->start();
    if (!m_info.demo) {
        // Demo workspaces hold simulated data only: nothing there ever talks to a vendor.
        m_poller = std::make_unique<ServicePoller>(*m_store, *m_keychain, *m_registry);
        m_poller->reload();
    }
    updateActions();
    Q_EMIT workspaceOpened();
}

void MainWindow::startDemoFill(const DemoFillPlan &plan)
{
    m_seeder = std::make_unique<DemoSeeder>(m_store.get(), m_directory, plan);
    m_progress->setValue(0);
    m_progress->show();
    connect(m_seeder.get(), &DemoSeeder::progressChanged, this, [this](int percent) { m_progress->setValue(percent); });
    connect(m_seeder.get(), &DemoSeeder::finished, this, [this] {
        m_progress->hide();
        statusBar()->showMessage(tr("The demo workspace is ready."), 5000);
        if (m_explorer)
            m_explorer->setContent(m_content); // re-list its catalogue when next shown
        refreshCurrentPage();
        // Rules are evaluated on complete data only: half a history would raise "no data" alerts.
        if (m_alertsHost)
            m_alertsHost->start();
        Q_EMIT demoFillFinished();
    });
    connect(m_seeder.get(), &DemoSeeder::failed, this, [this](const QString &message) {
        m_progress->hide();
        if (m_alertsHost)
            m_alertsHost->start();
        auto *box = new QMessageBox(QMessageBox::Warning, tr("Demo data"),
                                    tr("The demo data could not be generated completely."), QMessageBox::Ok, this);
        box->setInformativeText(message);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    });
    m_seeder->start();
}

} // namespace stackscope::app

namespace stackscope::app {

void MainWindow::startAlerting()
{
    m_alertsHost = std::make_unique<AlertingHost>(m_store.get(), m_keychain, Clock::system(), m_info.demo);
    auto *page = new AlertsPage(m_alertsHost.get());
    setAlertsPage(page);
    connect(m_alertsHost.get(), &AlertingHost::unhandledCountsChanged, this,
            [this](qint64 info, qint64 warning, qint64 critical) {
                setOpenAlerts(int(critical), int(info + warning));
                reloadContent(); // the projects' levels and tiles count their open alerts
            });
    connect(m_alertsHost.get(), &AlertingHost::alertActivated, this, [this](qint64) {
        showNormal();
        raise();
        activateWindow();
        navigateTo(NavigationTarget::alerts());
    });
    // "Alert on this…" from a dashboard panel or the explorer: the rule editor, prefilled from the panel.
    const auto alertOnPanel = [this](const dashboard::PanelSpec &panel, const QString &dashboardUuid) {
        navigateTo(NavigationTarget::alerts());
        if (auto *alerts = qobject_cast<AlertsPage *>(m_alertsPage.data()))
            alerts->alertOnPanel(panel, dashboardUuid);
    };
    connect(m_dashboardPage->dashboardView(), &DashboardView::alertRequested, this,
            [this, alertOnPanel](const dashboard::PanelSpec &panel) {
                alertOnPanel(panel, m_dashboardPage->dashboardView()->dashboard().uuid);
            });
    connect(m_explorer->view(), &ExplorerView::alertRequested, this,
            [alertOnPanel](const dashboard::PanelSpec &panel) { alertOnPanel(panel, QString()); });
    // Started by the caller: at once, or once the demo history is complete.
}

} // namespace stackscope::app
