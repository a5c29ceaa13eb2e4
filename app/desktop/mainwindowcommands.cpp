// MainWindow, part 4: managing projects, services and dashboards (P1, P2, P4, D2). Every change is a store job;
// the tree and the pages follow through reloadContent().
#include "mainwindow.h"

#include "connectorpickerdialog.h"
#include "dashboard/dashboardview.h"
#include "dashboardpage.h"
#include "navigation/navigationpane.h"
#include "navigation/newdashboarddialog.h"
#include "navigation/projectdialog.h"
#include "navigation/trashdialog.h"
#include "serviceeditdialog.h"
#include "servicepoller.h"
#include "servicesdialog.h"
#include "storejob.h"
#include "viewtemplates.h"

#include "dashboard/dashboardrepository.h"
#include "storage/projectrepository.h"
#include "storage/servicerepository.h"
#include "storage/storeservice.h"

#include <QDateTime>
#include <QInputDialog>
#include <QMessageBox>
#include <QPushButton>
#include <QStatusBar>

namespace stackscope::app {

namespace {

QStringList projectNames(const WorkspaceContent &content)
{
    QStringList names;
    for (const storage::Project &p : content.projects)
        names.append(p.name);
    return names;
}

} // namespace

void MainWindow::confirm(const QString &title, const QString &text, const QString &action, std::function<void()> onYes)
{
    auto *box = new QMessageBox(QMessageBox::Question, title, text, QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("confirmDialog"));
    QPushButton *yes = box->addButton(action, QMessageBox::DestructiveRole);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::buttonClicked, this, [yes, onYes](QAbstractButton *clicked) {
        if (clicked == yes)
            onYes();
    });
    box->open();
}

void MainWindow::runManagementJob(std::function<Status(storage::MetricStore &)> job, const QString &failureTitle,
                                  std::function<void()> onDone)
{
    if (!m_store)
        return;
    runStoreJob<bool>(
        *m_store, this,
        [job = std::move(job)](storage::MetricStore &store) -> Result<bool> {
            if (Status status = job(store); !status)
                return status.error();
            return true;
        },
        [this, failureTitle, onDone](Result<bool> result) {
            if (!result) {
                auto *box = new QMessageBox(QMessageBox::Warning, failureTitle, result.error().userMessage,
                                            QMessageBox::Ok, this);
                box->setAttribute(Qt::WA_DeleteOnClose);
                box->open();
            } else if (onDone) {
                onDone();
            }
            reloadContent();
        });
}

void MainWindow::newProject()
{
    if (!m_store)
        return;
    auto *dialog = new ProjectDialog(*m_store, std::nullopt, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ProjectDialog::projectSaved, this, [this](const storage::Project &project) {
        m_pendingTarget = NavigationTarget::projectTarget(project.id, project.name);
        statusBar()->showMessage(tr("Project “%1” created. Add its first service from its page.").arg(project.name), 6000);
        reloadContent();
    });
    dialog->open();
}

void MainWindow::editProject(qint64 projectId)
{
    const storage::Project *project = m_content.project(projectId);
    if (!m_store || !project || project->id == 0)
        return;
    auto *dialog = new ProjectDialog(*m_store, *project, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ProjectDialog::projectSaved, this, [this](const storage::Project &saved) {
        m_pendingTarget = NavigationTarget::projectTarget(saved.id, saved.name);
        reloadContent();
    });
    dialog->open();
}

void MainWindow::removeProject(qint64 projectId)
{
    const storage::Project *project = m_content.project(projectId);
    if (!project)
        return;
    const QString name = project->name;
    const int services = int(m_content.servicesOf(name).size());
    confirm(tr("Move Project to Trash"),
            countText(services,
                      tr("Move “%2” and its %1 service to the trash? It stops polling; both can be restored for %3 "
                         "days from File → Trash."),
                      tr("Move “%2” and its %1 services to the trash? They stop polling; all can be restored for %3 "
                         "days from File → Trash."))
                .arg(name)
                .arg(storage::ProjectRepository::kTrashDays),
            tr("Move to Trash"), [this, projectId, name] {
                runManagementJob(
                    [projectId](storage::MetricStore &store) {
                        return store.projects().remove(projectId, QDateTime::currentMSecsSinceEpoch());
                    },
                    tr("The project could not be moved to the trash"),
                    [this, name] {
                        statusBar()->showMessage(tr("“%1” is in the trash.").arg(name), 6000);
                        if (m_poller)
                            m_poller->reload();
                    });
            });
}

void MainWindow::addService(const QString &project)
{
    if (!m_store)
        return;
    auto *picker = new ConnectorPickerDialog(*m_registry, project, this);
    picker->setAttribute(Qt::WA_DeleteOnClose);
    connect(picker, &ConnectorPickerDialog::connectorChosen, this, [this, project](const QString &type) {
        auto *editor = new ServiceEditDialog(*m_store, *m_keychain, *m_registry, projectNames(m_content), std::nullopt, this);
        editor->setAttribute(Qt::WA_DeleteOnClose);
        editor->setType(type);
        editor->setProject(project);
        connect(editor, &ServiceEditDialog::serviceSaved, this, &MainWindow::afterServiceSaved);
        editor->open();
    });
    picker->open();
}

void MainWindow::editService(qint64 serviceId)
{
    const ServiceEntry *entry = m_content.service(serviceId);
    if (!m_store || !entry)
        return;
    auto *editor = new ServiceEditDialog(*m_store, *m_keychain, *m_registry, projectNames(m_content), entry->config, this);
    editor->setAttribute(Qt::WA_DeleteOnClose);
    connect(editor, &ServiceEditDialog::serviceSaved, this, &MainWindow::afterServiceSaved);
    editor->open();
}

void MainWindow::afterServiceSaved(const ServiceConfig &service)
{
    if (m_poller)
        m_poller->reload();
    m_pendingTarget = NavigationTarget::serviceTarget(service.id, service.project);
    statusBar()->showMessage(tr("“%1” is saved.").arg(service.name), 5000);
    reloadContent();
}

void MainWindow::removeService(qint64 serviceId)
{
    const ServiceEntry *entry = m_content.service(serviceId);
    if (!entry)
        return;
    const QString name = entry->config.name;
    confirm(tr("Move Service to Trash"),
            tr("Move “%1” to the trash? It stops polling; its data stays. You can restore it for %2 days from "
               "File → Trash.").arg(name).arg(storage::ServiceRepository::kTrashDays),
            tr("Move to Trash"), [this, serviceId, name] {
                runManagementJob(
                    [serviceId](storage::MetricStore &store) {
                        return store.services().remove(serviceId, QDateTime::currentMSecsSinceEpoch());
                    },
                    tr("The service could not be moved to the trash"),
                    [this, name] {
                        statusBar()->showMessage(tr("“%1” is in the trash.").arg(name), 6000);
                        if (m_poller)
                            m_poller->reload();
                    });
            });
}

void MainWindow::newDashboard(const QString &project)
{
    if (!m_store)
        return;
    auto *dialog = new NewDashboardDialog(projectNames(m_content), project, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &NewDashboardDialog::dashboardRequested, this,
            [this](const QString &name, const QString &inProject, const QString &scenario) {
                createDashboard(name, inProject, scenario);
            });
    dialog->open();
}

void MainWindow::createDashboard(const QString &name, const QString &project, const QString &scenarioId)
{
    if (!m_store)
        return;
    dashboard::Dashboard d = ViewTemplates::fromScenario(scenarioId, name, project, m_content, *m_registry);
    d.position = int(m_content.dashboards.size());
    runStoreJob<dashboard::Dashboard>(
        *m_store, this,
        [d](storage::MetricStore &store) {
            return dashboard::DashboardRepository(store.database()).add(d, QDateTime::currentMSecsSinceEpoch());
        },
        [this](Result<dashboard::Dashboard> added) {
            if (!added) {
                auto *box = new QMessageBox(QMessageBox::Warning, tr("New Dashboard"),
                                            tr("The dashboard could not be created: %1").arg(added.error().userMessage),
                                            QMessageBox::Ok, this);
                box->setAttribute(Qt::WA_DeleteOnClose);
                box->open();
                return;
            }
            m_pendingTarget = NavigationTarget::dashboardTarget(added->id, added->project);
            Q_EMIT dashboardCreated(added->id);
            reloadContent();
        });
}

void MainWindow::renameDashboard(qint64 dashboardId)
{
    const dashboard::Dashboard *d = m_content.dashboard(dashboardId);
    if (!d)
        return;
    auto *input = new QInputDialog(this);
    input->setObjectName(QStringLiteral("renameDashboardDialog"));
    input->setWindowTitle(tr("Rename Dashboard"));
    input->setLabelText(tr("New name:"));
    input->setTextValue(d->name);
    input->setAttribute(Qt::WA_DeleteOnClose);
    connect(input, &QInputDialog::textValueSelected, this, [this, dashboardId](const QString &text) {
        const QString name = text.simplified();
        if (name.isEmpty())
            return;
        runManagementJob(
            [dashboardId, name](storage::MetricStore &store) -> Status {
                dashboard::DashboardRepository repository(store.database());
                auto current = repository.get(dashboardId);
                if (!current)
                    return current.error();
                current->name = name;
                return repository.update(*current, QDateTime::currentMSecsSinceEpoch());
            },
            tr("The dashboard could not be renamed"));
    });
    input->open();
}

void MainWindow::removeDashboard(qint64 dashboardId)
{
    const dashboard::Dashboard *d = m_content.dashboard(dashboardId);
    if (!d)
        return;
    const QString name = d->name;
    confirm(tr("Move Dashboard to Trash"),
            tr("Move “%1” to the trash? You can restore it for %2 days from File → Trash.")
                .arg(name)
                .arg(dashboard::DashboardRepository::kTrashDays),
            tr("Move to Trash"), [this, dashboardId, name] {
                runManagementJob(
                    [dashboardId](storage::MetricStore &store) {
                        return dashboard::DashboardRepository(store.database())
                            .remove(dashboardId, QDateTime::currentMSecsSinceEpoch());
                    },
                    tr("The dashboard could not be moved to the trash"),
                    [this, name] { statusBar()->showMessage(tr("“%1” is in the trash.").arg(name), 6000); });
            });
}

void MainWindow::addPanelToDashboard(const dashboard::PanelSpec &panel)
{
    // From the explorer: into a custom dashboard the user picks, or a new one holding just this panel.
    QStringList choices;
    QList<qint64> ids;
    for (const dashboard::Dashboard &d : std::as_const(m_content.dashboards)) {
        choices.append(d.project.isEmpty() ? d.name : tr("%1 (%2)").arg(d.name, d.project));
        ids.append(d.id);
    }
    const QString fresh = tr("New dashboard…");
    choices.append(fresh);
    auto *input = new QInputDialog(this);
    input->setObjectName(QStringLiteral("addToDashboardDialog"));
    input->setWindowTitle(tr("Add to Dashboard"));
    input->setLabelText(tr("Add “%1” to:").arg(panel.title));
    input->setComboBoxItems(choices);
    input->setAttribute(Qt::WA_DeleteOnClose);
    connect(input, &QInputDialog::textValueSelected, this, [this, panel, choices, ids, fresh](const QString &choice) {
        const int index = int(choices.indexOf(choice));
        if (choice == fresh || index < 0 || index >= ids.size()) {
            dashboard::Dashboard d = ViewTemplates::fromScenario({}, panel.title, {}, m_content, *m_registry);
            d.spec.panels.append(panel);
            runStoreJob<dashboard::Dashboard>(
                *m_store, this,
                [d](storage::MetricStore &store) {
                    return dashboard::DashboardRepository(store.database()).add(d, QDateTime::currentMSecsSinceEpoch());
                },
                [this](Result<dashboard::Dashboard> added) {
                    if (added) {
                        m_pendingTarget = NavigationTarget::dashboardTarget(added->id, added->project);
                        reloadContent();
                    }
                });
            return;
        }
        const qint64 id = ids.at(index);
        if (const dashboard::Dashboard *d = m_content.dashboard(id); d && navigateTo(NavigationTarget::dashboardTarget(id, d->project)))
            m_dashboardPage->addPanel(panel);
    });
    input->open();
}

void MainWindow::showTrash()
{
    if (!m_store)
        return;
    if (!m_trashDialog) {
        m_trashDialog = new TrashDialog(*m_store, this);
        m_trashDialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_trashDialog, &TrashDialog::restored, this, [this] {
            if (m_poller)
                m_poller->reload();
            reloadContent();
        });
    } else {
        m_trashDialog->reload();
    }
    m_trashDialog->show();
    m_trashDialog->raise();
}

TrashDialog *MainWindow::trashDialog() const
{
    return m_trashDialog;
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
        connect(m_servicesDialog, &ServicesDialog::servicesChanged, this, &MainWindow::reloadContent);
    }
    m_servicesDialog->show();
    m_servicesDialog->raise();
    m_servicesDialog->activateWindow();
}

} // namespace stackscope::app
