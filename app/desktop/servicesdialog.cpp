#include "servicesdialog.h"

#include "connectiontester.h"
#include "servicecredentials.h"
#include "serviceeditdialog.h"
#include "storejob.h"
#include "uilogging.h"

#include "connector/connectorregistry.h"
#include "storage/servicerepository.h"
#include "util/clock.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSet>
#include <QStackedWidget>
#include <QStyle>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace stackscope::app {

ServicesDialog::ServicesDialog(storage::StoreService &store, secrets::SecretStore &secrets,
                               const connector::ConnectorRegistry &registry, QWidget *parent)
    : QDialog(parent)
    , m_store(store)
    , m_secrets(secrets)
    , m_registry(registry)
    , m_model(new ServiceTableModel(&registry, this))
    , m_tester(new ConnectionTester(registry, this))
    , m_refreshTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("servicesDialog"));
    setWindowTitle(tr("Services"));
    buildUi();
    m_refreshTimer->setInterval(kRefreshIntervalMs);
    connect(m_refreshTimer, &QTimer::timeout, this, &ServicesDialog::reload);
    connect(m_tester, &ConnectionTester::finished, this, [this](bool ok, const QString &message) {
        onSelectionChanged();
        setStatus(ok ? Tone::Ok : Tone::Error, message);
        Q_EMIT testFinished(ok, message);
    });
    resize(1040, 460);
    reload();
}

ServicesDialog::~ServicesDialog() = default;

void ServicesDialog::buildUi()
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(14, 12, 14, 12);
    layout->setSpacing(8);

    auto *intro = new QLabel(tr("The accounts Stackscope reads metrics from. Their credentials are kept in the "
                                "system keychain, never in the workspace."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    m_stack = new QStackedWidget(this);
    m_view = new QTableView(m_stack);
    m_view->setObjectName(QStringLiteral("servicesTable"));
    m_view->setAccessibleName(tr("Services"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->setShowGrid(false);
    m_view->setWordWrap(false);
    m_view->setTextElideMode(Qt::ElideRight);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    QHeaderView *header = m_view->horizontalHeader();
    header->setHighlightSections(false);
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(ServiceTableModel::LastErrorColumn, QHeaderView::Stretch);
    header->setMinimumSectionSize(60);
    m_stack->addWidget(m_view);

    m_emptyPage = new QWidget(m_stack);
    auto *emptyLayout = new QVBoxLayout(m_emptyPage);
    emptyLayout->addStretch();
    auto *emptyText = new QLabel(tr("No services yet.\nAdd one to start collecting its metrics."), m_emptyPage);
    emptyText->setObjectName(QStringLiteral("emptyText"));
    emptyText->setAlignment(Qt::AlignCenter);
    emptyText->setForegroundRole(QPalette::PlaceholderText);
    emptyLayout->addWidget(emptyText);
    emptyLayout->addStretch();
    m_emptyPage->setAutoFillBackground(true);
    m_emptyPage->setBackgroundRole(QPalette::Base);
    m_stack->addWidget(m_emptyPage);
    layout->addWidget(m_stack, 1);

    // The selected service's last error in full (the column shows its start).
    m_details = new QLabel(this);
    m_details->setObjectName(QStringLiteral("detailsLabel"));
    m_details->setAccessibleName(tr("Last error of the selected service"));
    m_details->setWordWrap(true);
    m_details->setTextFormat(Qt::PlainText);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_details->hide();
    layout->addWidget(m_details);

    // Status line: what the last action did (test result, removal with Undo, errors).
    auto *statusRow = new QHBoxLayout;
    statusRow->setSpacing(8);
    m_busy = new QProgressBar(this);
    m_busy->setObjectName(QStringLiteral("busyIndicator"));
    m_busy->setAccessibleName(tr("Working"));
    m_busy->setRange(0, 0);
    m_busy->setTextVisible(false);
    m_busy->setFixedSize(56, 12);
    m_busy->hide();
    statusRow->addWidget(m_busy, 0, Qt::AlignVCenter);
    m_statusIcon = new QLabel(this);
    m_statusIcon->setFixedSize(18, 18);
    m_statusIcon->hide();
    statusRow->addWidget(m_statusIcon, 0, Qt::AlignTop);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("statusLabel"));
    m_status->setAccessibleName(tr("Result of the last action"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::LinksAccessibleByMouse
                                      | Qt::LinksAccessibleByKeyboard);
    m_status->setMinimumHeight(22);
    statusRow->addWidget(m_status, 1);
    layout->addLayout(statusRow);
    connect(m_status, &QLabel::linkActivated, this, [this](const QString &link) {
        if (link == QLatin1String("undo") && m_removedId > 0)
            restoreService(m_removedId, m_removedName);
    });

    auto *buttons = new QHBoxLayout;
    buttons->setSpacing(6);
    m_addButton = new QPushButton(tr("&Add…"), this);
    m_addButton->setObjectName(QStringLiteral("addButton"));
    m_addButton->setAccessibleName(tr("Add a service"));
    m_editButton = new QPushButton(tr("&Edit…"), this);
    m_editButton->setObjectName(QStringLiteral("editButton"));
    m_editButton->setAccessibleName(tr("Edit the selected service"));
    m_testButton = new QPushButton(tr("&Test"), this);
    m_testButton->setObjectName(QStringLiteral("testButton"));
    m_testButton->setAccessibleName(tr("Test the connection of the selected service"));
    m_removeButton = new QPushButton(tr("&Remove"), this);
    m_removeButton->setObjectName(QStringLiteral("removeButton"));
    m_removeButton->setAccessibleName(tr("Move the selected service to the trash"));
    m_removeButton->setToolTip(tr("Moves the service to the trash; it can be restored for %1 days.")
                                   .arg(storage::ServiceRepository::kTrashDays));
    for (QPushButton *button : {m_addButton, m_editButton, m_testButton, m_removeButton}) {
        button->setAutoDefault(false);
        buttons->addWidget(button);
    }
    buttons->addStretch();
    auto *close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    close->button(QDialogButtonBox::Close)->setAccessibleName(tr("Close the services window"));
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);
    buttons->addWidget(close);
    layout->addLayout(buttons);

    connect(m_addButton, &QPushButton::clicked, this, &ServicesDialog::addService);
    connect(m_editButton, &QPushButton::clicked, this, &ServicesDialog::editSelected);
    connect(m_testButton, &QPushButton::clicked, this, &ServicesDialog::testSelected);
    connect(m_removeButton, &QPushButton::clicked, this, &ServicesDialog::removeSelected);
    connect(m_view, &QTableView::doubleClicked, this, &ServicesDialog::editSelected);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ServicesDialog::onSelectionChanged);
    auto *removeAction = new QAction(tr("Remove"), m_view);
    removeAction->setShortcut(QKeySequence::Delete);
    removeAction->setShortcutContext(Qt::WidgetShortcut);
    connect(removeAction, &QAction::triggered, this, &ServicesDialog::removeSelected);
    m_view->addAction(removeAction);
    onSelectionChanged();
    m_stack->setCurrentWidget(m_view);
}

void ServicesDialog::showEvent(QShowEvent *event)
{
    QDialog::showEvent(event);
    m_refreshTimer->start();
}

void ServicesDialog::hideEvent(QHideEvent *event)
{
    m_refreshTimer->stop();
    QDialog::hideEvent(event);
}

void ServicesDialog::reload()
{
    const quint64 generation = ++m_listGeneration;
    const bool withSeriesProjects = !m_loaded; // the periodic refresh only needs the services
    runStoreJob<Listing>(
        m_store, this,
        [withSeriesProjects](storage::MetricStore &store) -> Result<Listing> {
            auto services = store.services().list();
            if (!services)
                return services.error();
            Listing listing;
            QSet<QString> projects;
            for (const ServiceConfig &config : services.value()) {
                ServiceRow row;
                row.config = config;
                if (auto health = store.services().health(config.id))
                    row.health = health.value();
                listing.rows.append(row);
                projects.insert(config.project);
            }
            // Projects also come from data imported without a service. There is no project listing yet.
            if (auto series = withSeriesProjects ? store.listSeries() : Result<QList<storage::SeriesInfo>>(QList<storage::SeriesInfo>())) {
                for (const storage::SeriesInfo &info : series.value())
                    if (!info.project.isEmpty())
                        projects.insert(info.project);
            }
            listing.projects = QStringList(projects.cbegin(), projects.cend());
            std::sort(listing.projects.begin(), listing.projects.end(),
                      [](const QString &a, const QString &b) { return QString::localeAwareCompare(a, b) < 0; });
            return listing;
        },
        [this, generation](Result<Listing> listing) {
            if (generation == m_listGeneration)
                onListed(std::move(listing));
        });
}

void ServicesDialog::onListed(Result<Listing> listing)
{
    if (!listing) {
        setStatus(Tone::Error, tr("The services could not be listed: %1").arg(listing.error().userMessage));
        return;
    }
    for (const QString &project : std::as_const(listing->projects))
        if (!m_projects.contains(project))
            m_projects.append(project);
    std::sort(m_projects.begin(), m_projects.end(),
              [](const QString &a, const QString &b) { return QString::localeAwareCompare(a, b) < 0; });
    m_model->setServices(std::move(listing->rows));
    m_loaded = true;
    m_stack->setCurrentWidget(m_model->rowCount() > 0 ? static_cast<QWidget *>(m_view) : m_emptyPage);
    if (m_pendingSelection > 0 && selectService(m_pendingSelection))
        m_pendingSelection = 0;
    if (!m_view->selectionModel()->hasSelection() && m_model->rowCount() > 0)
        m_view->selectRow(0);
    onSelectionChanged();
    Q_EMIT servicesReloaded();
}

bool ServicesDialog::selectService(qint64 id)
{
    const int row = m_model->rowOfService(id);
    if (row < 0)
        return false;
    m_view->selectRow(row);
    m_view->scrollTo(m_model->index(row, 0));
    return true;
}

const ServiceRow *ServicesDialog::selectedRow() const
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    return rows.isEmpty() ? nullptr : m_model->rowAt(rows.first().row());
}

void ServicesDialog::onSelectionChanged()
{
    const ServiceRow *row = selectedRow();
    const bool selected = row != nullptr;
    if (row && !row->health.lastError.isEmpty()) {
        m_details->setText(tr("Last error of “%1”: %2").arg(row->config.name, row->health.lastError));
        m_details->show();
    } else {
        m_details->clear();
        m_details->hide();
    }
    m_editButton->setEnabled(selected);
    m_testButton->setEnabled(selected && !m_tester->isRunning());
    m_removeButton->setEnabled(selected);
}

ServiceEditDialog *ServicesDialog::editor() const
{
    return m_editor;
}

QString ServicesDialog::statusText() const
{
    return m_status->text();
}

void ServicesDialog::setStatus(Tone kind, const QString &text, bool richText)
{
    m_busy->setVisible(kind == Tone::Busy);
    QStyle::StandardPixmap pixmap = QStyle::SP_CustomBase;
    if (kind == Tone::Ok)
        pixmap = QStyle::SP_DialogApplyButton;
    else if (kind == Tone::Error)
        pixmap = QStyle::SP_MessageBoxCritical;
    else if (kind == Tone::Info)
        pixmap = QStyle::SP_MessageBoxInformation;
    m_statusIcon->setVisible(pixmap != QStyle::SP_CustomBase);
    if (pixmap != QStyle::SP_CustomBase)
        m_statusIcon->setPixmap(style()->standardIcon(pixmap).pixmap(18, 18));
    m_status->setTextFormat(richText ? Qt::RichText : Qt::PlainText);
    m_status->setText(text);
}

void ServicesDialog::addService()
{
    openEditor(std::nullopt);
}

void ServicesDialog::editSelected()
{
    if (const ServiceRow *row = selectedRow())
        openEditor(row->config);
}

void ServicesDialog::openEditor(std::optional<ServiceConfig> existing)
{
    if (m_editor) {
        m_editor->raise();
        m_editor->activateWindow();
        return;
    }
    const bool adding = !existing;
    auto *editor = new ServiceEditDialog(m_store, m_secrets, m_registry, m_projects, std::move(existing), this);
    editor->setAttribute(Qt::WA_DeleteOnClose);
    connect(editor, &ServiceEditDialog::serviceSaved, this,
            [this, adding](const ServiceConfig &service) { onServiceSaved(service, adding); });
    m_editor = editor;
    editor->open(); // window-modal, no nested event loop
    Q_EMIT editorOpened(editor);
}

void ServicesDialog::onServiceSaved(const ServiceConfig &service, bool added)
{
    m_pendingSelection = service.id;
    setStatus(Tone::Ok, added ? tr("Added “%1” to %2.").arg(service.name, service.project)
                                : tr("Saved “%1”.").arg(service.name));
    reload();
    Q_EMIT servicesChanged();
}

void ServicesDialog::testSelected()
{
    const ServiceRow *row = selectedRow();
    if (!row || m_tester->isRunning())
        return;
    const ServiceConfig config = row->config;
    const connector::ConnectorInfo *info = m_registry.info(config.type);
    if (!info) {
        setStatus(Tone::Error, tr("This build of Stackscope does not know the service type \"%1\".").arg(config.type));
        return;
    }
    m_testButton->setEnabled(false);
    setStatus(Tone::Busy, tr("Testing “%1”…").arg(config.name));
    QStringList fields;
    for (const connector::FieldSpec &field : info->credentials)
        fields.append(field.key);
    const QList<connector::FieldSpec> specs = info->credentials;
    loadCredentials(m_secrets, config.uuid, fields, this,
                    [this, config, specs](Result<connector::CredentialMap> found) {
        if (!found) {
            onSelectionChanged();
            const QString message = tr("The credentials of “%1” could not be read from the system keychain: %2")
                                        .arg(config.name, found.error().userMessage);
            setStatus(Tone::Error, message);
            Q_EMIT testFinished(false, message);
            return;
        }
        for (const connector::FieldSpec &spec : specs) {
            if (spec.required && !found->count(spec.key)) {
                onSelectionChanged();
                const QString message = tr("The %1 of “%2” is not in the system keychain. Edit the service to enter it.")
                                            .arg(spec.label, config.name);
                setStatus(Tone::Error, message);
                Q_EMIT testFinished(false, message);
                return;
            }
        }
        m_tester->start(config, std::move(found).value());
        onSelectionChanged();
    });
}

void ServicesDialog::removeSelected()
{
    const ServiceRow *row = selectedRow();
    if (!row)
        return;
    const ServiceConfig service = row->config;
    auto *box = new QMessageBox(QMessageBox::Question, tr("Remove Service"),
                                tr("Move “%1” (%2) to the trash?").arg(service.name, service.project),
                                QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("confirmRemove"));
    box->setInformativeText(tr("It is no longer polled. Its data stays, and the service can be restored for %1 "
                               "days.").arg(storage::ServiceRepository::kTrashDays));
    QPushButton *remove = box->addButton(tr("Move to Trash"), QMessageBox::AcceptRole);
    remove->setObjectName(QStringLiteral("confirmRemoveButton"));
    box->addButton(QMessageBox::Cancel);
    box->setDefaultButton(remove);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::buttonClicked, this, [this, remove, service](QAbstractButton *clicked) {
        if (clicked == remove)
            removeService(service);
    });
    box->open();
}

void ServicesDialog::removeService(const ServiceConfig &service)
{
    const qint64 id = service.id;
    const QString name = service.name;
    setStatus(Tone::Busy, tr("Removing “%1”…").arg(name));
    runStoreJob<void>(
        m_store, this,
        [id](storage::MetricStore &store) { return store.services().remove(id, Clock::system().nowMs()); },
        [this, id, name](Status removed) {
            if (!removed) {
                setStatus(Tone::Error, tr("“%1” could not be removed: %2").arg(name, removed.error().userMessage));
                return;
            }
            // The credentials stay in the keychain while the service can be restored.
            m_removedId = id;
            m_removedName = name;
            setStatus(Tone::Info,
                      tr("“%1” was moved to the trash. It can be restored for %2 days.")
                              .arg(name.toHtmlEscaped(), QString::number(storage::ServiceRepository::kTrashDays))
                          + QStringLiteral(" <a href=\"undo\">") + tr("Undo") + QStringLiteral("</a>"),
                      true);
            reload();
            Q_EMIT serviceRemoved(id);
            Q_EMIT servicesChanged();
        });
}

void ServicesDialog::restoreService(qint64 id, const QString &name)
{
    setStatus(Tone::Busy, tr("Restoring “%1”…").arg(name));
    runStoreJob<void>(
        m_store, this, [id](storage::MetricStore &store) { return store.services().restore(id); },
        [this, id, name](Status restored) {
            if (!restored) {
                setStatus(Tone::Error, tr("“%1” could not be restored: %2").arg(name, restored.error().userMessage));
                return;
            }
            m_removedId = 0;
            m_removedName.clear();
            m_pendingSelection = id;
            setStatus(Tone::Ok, tr("Restored “%1”.").arg(name));
            reload();
            Q_EMIT serviceRestored(id);
            Q_EMIT servicesChanged();
        });
}

} // namespace stackscope::app
