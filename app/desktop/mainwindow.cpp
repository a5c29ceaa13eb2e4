#include "mainwindow.h"

#include "demoseeder.h"
#include "rangeselector.h"
#include "seriesfiltermodel.h"
#include "seriesitemdelegate.h"
#include "serieslistmodel.h"
#include "servicepoller.h"
#include "servicesdialog.h"
#include "timeserieschartview.h"
#include "uilogging.h"

#include "connector/connectorregistry.h"
#include "registration.h"
#include "secrets/keychainsecretstore.h"
#include "storage/metricstore.h"
#include "storage/storeservice.h"
#include "storage/tier.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDateTime>
#include <QElapsedTimer>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace stackscope::app {

namespace {

// Settings keys (QSettings, per user).
const QString kGeometryKey = QStringLiteral("MainWindow/geometry");
const QString kWindowStateKey = QStringLiteral("MainWindow/windowState");
const QString kSplitterKey = QStringLiteral("MainWindow/splitter");
const QString kRangeKey = QStringLiteral("MainWindow/rangeMs");
const QString kSeriesKey = QStringLiteral("MainWindow/series");

constexpr int kChartRefreshDelayMs = 250; // coalesces bursts of stored samples into one query
constexpr int kListRefreshDelayMs = 1000;

QString describeStep(qint64 stepMs)
{
    if (stepMs >= 86'400'000)
        return MainWindow::tr("%1 d").arg(QLocale().toString(double(stepMs) / 86'400'000.0, 'g', 3));
    if (stepMs >= 3'600'000)
        return MainWindow::tr("%1 h").arg(QLocale().toString(double(stepMs) / 3'600'000.0, 'g', 3));
    if (stepMs >= 60'000)
        return MainWindow::tr("%1 min").arg(QLocale().toString(double(stepMs) / 60'000.0, 'g', 3));
    return MainWindow::tr("%1 s").arg(QLocale().toString(double(stepMs) / 1000.0, 'g', 3));
}

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

MainWindow::MainWindow(secrets::SecretStore *keychain, QWidget *parent)
    : QMainWindow(parent)
    , m_ownedKeychain(keychain ? nullptr : std::make_unique<secrets::KeychainSecretStore>())
    , m_keychain(keychain ? keychain : m_ownedKeychain.get())
    , m_registry(std::make_unique<connector::ConnectorRegistry>())
    , m_opener(new WorkspaceOpener(m_keychain, this))
    , m_chartRefreshTimer(new QTimer(this))
    , m_listRefreshTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Stackscope"));
    connectors::registerBuiltInConnectors(*m_registry);
    m_chartRefreshTimer->setSingleShot(true);
    m_chartRefreshTimer->setInterval(kChartRefreshDelayMs);
    connect(m_chartRefreshTimer, &QTimer::timeout, this, &MainWindow::refreshChart);
    m_listRefreshTimer->setSingleShot(true);
    m_listRefreshTimer->setInterval(kListRefreshDelayMs);
    connect(m_listRefreshTimer, &QTimer::timeout, this, &MainWindow::reloadSeries);

    buildUi();
    buildMenus();
    restoreSettings();
    showMessage(tr("Opening workspace…"), QString(), false);
}

MainWindow::~MainWindow()
{
    delete m_servicesDialog; // it uses the store and the keychain
    m_seeder.reset();
    m_poller.reset();
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

    m_tierLabel = new QLabel(this);
    m_tierLabel->setObjectName(QStringLiteral("tierLabel"));
    m_tierLabel->setAccessibleName(tr("Storage tier of the chart"));
    m_pointsLabel = new QLabel(this);
    m_pointsLabel->setObjectName(QStringLiteral("pointsLabel"));
    m_pointsLabel->setAccessibleName(tr("Points in the chart"));
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
    statusBar()->addPermanentWidget(m_tierLabel);
    statusBar()->addPermanentWidget(m_pointsLabel);
    resize(1200, 760);
}

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
    connect(m_demoButton, &QPushButton::clicked, this, [this] {
        OpenRequest request;
        request.demo = true;
        openWorkspace(request);
    });
    buttons->addWidget(m_demoButton);
    buttons->addStretch();
    outer->addSpacing(12);
    outer->addLayout(buttons);
    outer->addStretch(3);
    return page;
}

QWidget *MainWindow::buildWorkspacePage()
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);

    m_banner = new QLabel(tr("DEMO WORKSPACE — simulated data"), page);
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

    // Left: the series list.
    auto *left = new QWidget(m_splitter);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(8, 8, 4, 6);
    leftLayout->setSpacing(6);
    m_search = new QLineEdit(left);
    m_search->setObjectName(QStringLiteral("searchField"));
    m_search->setPlaceholderText(tr("Search series (Ctrl+F)"));
    m_search->setAccessibleName(tr("Search series"));
    m_search->setClearButtonEnabled(true);
    leftLayout->addWidget(m_search);

    m_model = new SeriesListModel(this);
    m_filter = new SeriesFilterModel(this);
    m_filter->setSourceModel(m_model);
    m_list = new QListView(left);
    m_list->setObjectName(QStringLiteral("seriesList"));
    m_list->setAccessibleName(tr("Series"));
    m_list->setModel(m_filter);
    m_list->setItemDelegate(new SeriesItemDelegate(m_list));
    m_list->setUniformItemSizes(true);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    leftLayout->addWidget(m_list, 1);
    m_countLabel = new QLabel(left);
    m_countLabel->setObjectName(QStringLiteral("seriesCount"));
    m_countLabel->setForegroundRole(QPalette::PlaceholderText); // dimmed, and follows palette changes
    leftLayout->addWidget(m_countLabel);
    left->setMinimumWidth(240);

    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_filter->setSearchText(text);
        updateSeriesCount();
    });
    connect(m_list->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &MainWindow::onCurrentSeriesChanged);

    // Right: title, range picker and chart.
    auto *right = new QWidget(m_splitter);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(8, 8, 8, 4);
    rightLayout->setSpacing(2);
    auto *header = new QHBoxLayout;
    header->setSpacing(8);
    auto *titles = new QVBoxLayout;
    titles->setSpacing(0);
    m_title = new QLabel(right);
    m_title->setObjectName(QStringLiteral("seriesTitle"));
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.25);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_title->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_subtitle = new QLabel(right);
    m_subtitle->setObjectName(QStringLiteral("seriesSubtitle"));
    m_subtitle->setWordWrap(true);
    m_subtitle->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_subtitle->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_subtitle->setForegroundRole(QPalette::PlaceholderText);
    titles->addWidget(m_title);
    titles->addWidget(m_subtitle);
    header->addLayout(titles, 1);
    m_range = new RangeSelector(right);
    m_range->setObjectName(QStringLiteral("rangeSelector"));
    header->addWidget(m_range, 0, Qt::AlignTop);
    m_refreshButton = new QToolButton(right);
    m_refreshButton->setObjectName(QStringLiteral("refreshButton"));
    m_refreshButton->setIcon(QIcon::fromTheme(QStringLiteral("view-refresh")));
    m_refreshButton->setText(tr("Refresh"));
    m_refreshButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_refreshButton->setAutoRaise(true);
    m_refreshButton->setAccessibleName(tr("Refresh the chart"));
    m_refreshButton->setToolTip(tr("Refresh (F5)"));
    connect(m_refreshButton, &QToolButton::clicked, this, &MainWindow::refreshChart);
    header->addWidget(m_refreshButton, 0, Qt::AlignTop);
    rightLayout->addLayout(header);

    m_chart = new charts::TimeSeriesChartView(right);
    m_chart->setObjectName(QStringLiteral("chartView"));
    m_chart->setAccessibleName(tr("Chart of the selected series"));
    rightLayout->addWidget(m_chart, 1);
    connect(m_range, &RangeSelector::rangeChanged, this, [this] { refreshChart(); });

    m_splitter->addWidget(left);
    m_splitter->addWidget(right);
    m_splitter->setStretchFactor(0, 0);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setSizes({380, 820});

    setTabOrder(m_search, m_list);
    setTabOrder(m_list, m_range);
    setTabOrder(m_range, m_refreshButton);
    return page;
}

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *openDemo = file->addAction(tr("Open &Demo Workspace"));
    connect(openDemo, &QAction::triggered, this, [this] {
        OpenRequest request;
        request.demo = true;
        openWorkspace(request);
    });
    file->addSeparator();
    m_servicesAction = file->addAction(tr("&Services…"));
    m_servicesAction->setObjectName(QStringLiteral("servicesAction"));
    m_servicesAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    m_servicesAction->setStatusTip(tr("Add, edit, test and remove the services this workspace polls"));
    m_servicesAction->setEnabled(false);
    connect(m_servicesAction, &QAction::triggered, this, &MainWindow::showServices);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"));
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);
    connect(quit, &QAction::triggered, this, &QWidget::close);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    QAction *refresh = view->addAction(tr("&Refresh"));
    refresh->setShortcuts({QKeySequence(Qt::Key_F5), QKeySequence::Refresh});
    connect(refresh, &QAction::triggered, this, [this] {
        reloadSeries();
        refreshChart();
    });
    QAction *find = view->addAction(tr("&Find Series…"));
    find->setShortcut(QKeySequence::Find);
    connect(find, &QAction::triggered, this, [this] {
        if (m_stack->currentWidget() != m_workspacePage)
            return;
        m_search->setFocus(Qt::ShortcutFocusReason);
        m_search->selectAll();
    });

    QMenu *help = menuBar()->addMenu(tr("&Help"));
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
}

void MainWindow::restoreSettings()
{
    QSettings settings;
    restoreGeometry(settings.value(kGeometryKey).toByteArray());
    restoreState(settings.value(kWindowStateKey).toByteArray());
    m_splitter->restoreState(settings.value(kSplitterKey).toByteArray());
    m_range->setRange(settings.value(kRangeKey, qint64(86'400'000)).toLongLong());
    m_preferredSeriesKey = settings.value(kSeriesKey).toString();
}

void MainWindow::saveSettings()
{
    QSettings settings;
    settings.setValue(kGeometryKey, saveGeometry());
    settings.setValue(kWindowStateKey, saveState());
    settings.setValue(kSplitterKey, m_splitter->saveState());
    settings.setValue(kRangeKey, m_range->range());
    if (const storage::SeriesInfo *series = currentSeries())
        settings.setValue(kSeriesKey, SeriesListModel::keyOf(*series));
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveSettings();
    QMainWindow::closeEvent(event);
}

void MainWindow::setRange(qint64 spanMs)
{
    m_range->setRange(spanMs);
    refreshChart();
}

bool MainWindow::selectSeries(const QString &key)
{
    const int row = m_model->rowOfKey(key);
    if (row < 0)
        return false;
    m_search->clear();
    const QModelIndex index = m_filter->mapFromSource(m_model->index(row));
    m_list->setCurrentIndex(index);
    m_list->scrollTo(index);
    return true;
}

ServicesDialog *MainWindow::servicesDialog() const
{
    return m_servicesDialog;
}

void MainWindow::showServices()
{
    if (!m_store)
        return;
    if (!m_servicesDialog) {
        m_servicesDialog = new ServicesDialog(*m_store, *m_keychain, *m_registry, this);
        m_servicesDialog->setAttribute(Qt::WA_DeleteOnClose);
        if (m_poller)
            connect(m_servicesDialog, &ServicesDialog::servicesChanged, m_poller.get(), &ServicePoller::reload);
    }
    m_servicesDialog->show();
    m_servicesDialog->raise();
    m_servicesDialog->activateWindow();
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
    ++m_queryGeneration;
    ++m_listGeneration;
    delete m_servicesDialog; // before the store it uses
    m_servicesAction->setEnabled(false);
    m_seeder.reset();
    m_poller.reset();
    m_store.reset();
    m_chartRefreshTimer->stop();
    m_listRefreshTimer->stop();
    m_model->clear();
    m_chart->clearSeries();
    m_currentSeriesId = -1;
    m_listLoaded = false;
    m_info = {};
    m_directory.clear();
    m_progress->hide();
    m_tierLabel->clear();
    m_pointsLabel->clear();
    m_banner->hide();
    setWindowTitle(tr("Stackscope"));
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
    connect(m_store.get(), &storage::StoreService::samplesStored, this, &MainWindow::onSamplesStored);
    m_servicesAction->setEnabled(true);

    setWindowTitle(m_info.name.isEmpty() ? tr("Stackscope") : m_info.name);
    m_banner->setVisible(m_info.demo);
    m_stack->setCurrentWidget(m_workspacePage);
    m_title->setText(tr("Loading series…"));
    m_subtitle->clear();
    m_chart->setEmptyText(tr("Loading…"));
    statusBar()->showMessage(tr("Opened %1").arg(m_directory), 5000);
    reloadSeries();
    if (opened.demoFill)
        startDemoFill(*opened.demoFill);
    if (!m_info.demo) {
        // Demo workspaces hold simulated data only: nothing there ever talks to a vendor.
        m_poller = std::make_unique<ServicePoller>(*m_store, *m_keychain, *m_registry);
        m_poller->reload();
    }
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
        reloadSeries();
        refreshChart();
        Q_EMIT demoFillFinished();
    });
    connect(m_seeder.get(), &DemoSeeder::failed, this, [this](const QString &message) {
        m_progress->hide();
        auto *box = new QMessageBox(QMessageBox::Warning, tr("Demo data"),
                                    tr("The demo data could not be generated completely."), QMessageBox::Ok, this);
        box->setInformativeText(message);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    });
    m_seeder->start();
}

void MainWindow::reloadSeries()
{
    if (!m_store)
        return;
    const quint64 generation = ++m_listGeneration;
    m_store->listSeries(QString(), this, [this, generation](Result<QList<storage::SeriesInfo>> result) {
        if (generation == m_listGeneration)
            onSeriesListed(std::move(result));
    });
}

void MainWindow::onSeriesListed(Result<QList<storage::SeriesInfo>> result)
{
    if (!result) {
        statusBar()->showMessage(tr("The series could not be listed: %1").arg(result.error().userMessage));
        return;
    }
    m_model->setSeries(std::move(result).value());
    m_listLoaded = true;
    updateSeriesCount();
    ensureSelection();
    if (m_model->rowCount() == 0) {
        m_title->setText(isDemoFillRunning() ? tr("Generating demo data…") : tr("No series yet"));
        m_subtitle->setText(isDemoFillRunning() ? tr("The first series appear in a moment.")
                                                : tr("Series appear here once a connector has stored data."));
        m_chart->setEmptyText(isDemoFillRunning() ? tr("Loading…") : tr("This workspace holds no data yet."));
    }
}

void MainWindow::updateSeriesCount()
{
    const int total = m_model->rowCount();
    const int shown = m_filter->rowCount();
    m_countLabel->setText(shown == total ? tr("Series: %1").arg(total) : tr("Series: %1 of %2").arg(shown).arg(total));
}

void MainWindow::ensureSelection()
{
    if (m_list->currentIndex().isValid() || m_filter->rowCount() == 0)
        return;
    int row = m_preferredSeriesKey.isEmpty() ? -1 : m_model->rowOfKey(m_preferredSeriesKey);
    QModelIndex index = row >= 0 ? m_filter->mapFromSource(m_model->index(row)) : QModelIndex();
    if (!index.isValid())
        index = m_filter->index(0, 0);
    m_list->setCurrentIndex(index);
    m_list->scrollTo(index);
}

const storage::SeriesInfo *MainWindow::currentSeries() const
{
    const QModelIndex index = m_list->currentIndex();
    if (!index.isValid())
        return nullptr;
    return m_model->seriesAt(m_filter->mapToSource(index).row());
}

void MainWindow::onCurrentSeriesChanged()
{
    const storage::SeriesInfo *series = currentSeries();
    const qint64 id = series ? series->id : -1;
    if (id == m_currentSeriesId)
        return;
    m_currentSeriesId = id;
    if (series) {
        m_preferredSeriesKey = SeriesListModel::keyOf(*series);
        m_title->setText(series->metric);
        QStringList parts;
        for (auto it = series->labels.cbegin(); it != series->labels.cend(); ++it)
            if (it.key() != QLatin1String("project"))
                parts.append(it.key() + QLatin1Char('=') + it.value());
        if (!series->project.isEmpty())
            parts.prepend(series->project);
        m_subtitle->setText(parts.join(QStringLiteral("  ·  ")));
        m_title->setToolTip(SeriesListModel::displayText(*series));
    }
    m_chart->clearSeries();
    refreshChart();
}

void MainWindow::refreshChart()
{
    m_chartRefreshTimer->stop();
    const storage::SeriesInfo *series = currentSeries();
    if (!m_store || !series) {
        m_chart->clearSeries();
        return;
    }
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    storage::QueryRequest request;
    request.metric = series->metric;
    request.labelFilter = series->labels;
    request.fromMs = now - m_range->range();
    request.toMs = now;
    request.points = std::max(60, m_chart->plotWidth()); // about one point per pixel: the store picks the tier
    request.aggregation = storage::Aggregation::Avg;
    m_chart->setTimeRange(request.fromMs, request.toMs);
    if (m_chart->pointCount() == 0)
        m_chart->setEmptyText(tr("Loading…"));

    const quint64 generation = ++m_queryGeneration;
    const qint64 seriesId = series->id;
    QElapsedTimer timer;
    timer.start();
    m_store->query(request, this, [this, generation, seriesId, timer](Result<storage::QueryResult> result) {
        if (generation == m_queryGeneration)
            onQueryFinished(seriesId, timer.elapsed(), std::move(result));
    });
}

void MainWindow::onQueryFinished(qint64 seriesId, qint64 elapsedMs, Result<storage::QueryResult> result)
{
    if (!result) {
        m_chart->clearSeries();
        m_chart->setEmptyText(tr("The data could not be loaded: %1").arg(result.error().userMessage));
        m_tierLabel->clear();
        m_pointsLabel->clear();
        return;
    }
    const storage::QueryResult &queried = result.value();
    const storage::SeriesPoints *points = nullptr;
    for (const storage::SeriesPoints &s : queried.series)
        if (s.seriesId == seriesId)
            points = &s;

    charts::ChartSeries line;
    if (const storage::SeriesInfo *series = currentSeries())
        line.name = SeriesListModel::displayText(*series);
    line.expectedStepMs = queried.stepMs;
    if (points) {
        line.points.reserve(points->points.size());
        for (const TimedValue &p : points->points)
            line.points.append(QPointF(double(p.ts), p.value));
    }
    m_chart->setEmptyText(QString());
    m_chart->setSeries({line});

    const qsizetype count = line.points.size();
    m_tierLabel->setText(tr("Tier: %1").arg(storage::tierName(queried.tier)));
    m_tierLabel->setToolTip(tr("Step %1, query took %2 ms").arg(describeStep(queried.stepMs)).arg(elapsedMs));
    m_pointsLabel->setText(tr("Points: %1").arg(QLocale().toString(count)));
    Q_EMIT chartUpdated();
}

void MainWindow::onSamplesStored()
{
    // Data arrival only marks things dirty; one timer each pulls the list and the chart (style guide D.6).
    if (!m_chartRefreshTimer->isActive())
        m_chartRefreshTimer->start();
    if (!m_listRefreshTimer->isActive())
        m_listRefreshTimer->start();
}

} // namespace stackscope::app
