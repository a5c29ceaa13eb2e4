#include "mutewindowsdialog.h"

#include "alertinghost.h"
#include "alertsformat.h"
#include "storejob.h"

#include "alerts/mutewindowrepository.h"
#include "util/clock.h"

#include <QComboBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace stackscope::app {

using Recurrence = alerts::MuteWindow::Recurrence;

MuteWindowsDialog::MuteWindowsDialog(AlertingHost *host, const QMap<QString, QStringList> &servicesByProject,
                                     const QList<QPair<QString, QString>> &rules, QWidget *parent)
    : QDialog(parent), m_host(host), m_scopes(servicesByProject)
{
    setObjectName(QStringLiteral("muteWindowsDialog"));
    setWindowTitle(tr("Mute and Maintenance Windows"));
    resize(720, 460);
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("During these windows alerts are still recorded, but nobody is notified."), this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    m_tree = new QTreeWidget(this);
    m_tree->setObjectName(QStringLiteral("muteWindowList"));
    m_tree->setAccessibleName(tr("Mute windows"));
    m_tree->setRootIsDecorated(false);
    m_tree->setHeaderLabels({tr("Applies to"), tr("From"), tr("Until"), tr("Repeats"), tr("Reason")});
    m_tree->header()->setStretchLastSection(true);
    layout->addWidget(m_tree, 1);

    auto *form = new QGroupBox(tr("New window"), this);
    auto *fields = new QFormLayout(form);
    m_project = new QComboBox(form);
    m_project->setAccessibleName(tr("Project"));
    m_project->addItem(tr("Every project"), QString());
    for (auto it = servicesByProject.cbegin(); it != servicesByProject.cend(); ++it)
        m_project->addItem(it.key(), it.key());
    m_service = new QComboBox(form);
    m_service->setAccessibleName(tr("Service"));
    const auto fillServices = [this] {
        m_service->clear();
        m_service->addItem(tr("Every service"), QString());
        for (const QString &service : m_scopes.value(m_project->currentData().toString()))
            m_service->addItem(service, service);
    };
    fillServices();
    connect(m_project, &QComboBox::currentIndexChanged, this, fillServices);
    m_rule = new QComboBox(form);
    m_rule->setAccessibleName(tr("Rule"));
    m_rule->addItem(tr("Every rule"), QString());
    for (const auto &[name, uuid] : rules) {
        m_rule->addItem(name, uuid);
        m_ruleNames.insert(uuid, name);
    }
    auto *scopeRow = new QHBoxLayout;
    scopeRow->addWidget(m_project);
    scopeRow->addWidget(m_service);
    scopeRow->addWidget(m_rule);
    fields->addRow(tr("Applies to:"), scopeRow);
    m_start = new QDateTimeEdit(QDateTime::fromMSecsSinceEpoch(m_host->clock().nowMs()), form);
    m_start->setAccessibleName(tr("Start"));
    m_start->setCalendarPopup(true);
    m_start->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm"));
    m_hours = new QSpinBox(form);
    m_hours->setAccessibleName(tr("Duration in hours"));
    m_hours->setRange(1, 24 * 14);
    m_hours->setValue(2);
    m_hours->setSuffix(tr(" h"));
    m_recurrence = new QComboBox(form);
    m_recurrence->setAccessibleName(tr("Repeats"));
    m_recurrence->addItem(tr("Once"), int(Recurrence::Once));
    m_recurrence->addItem(tr("Every day"), int(Recurrence::Daily));
    m_recurrence->addItem(tr("Every week"), int(Recurrence::Weekly));
    auto *timeRow = new QHBoxLayout;
    timeRow->addWidget(m_start);
    timeRow->addWidget(new QLabel(tr("for"), form));
    timeRow->addWidget(m_hours);
    timeRow->addWidget(m_recurrence);
    timeRow->addStretch(1);
    fields->addRow(tr("When:"), timeRow);
    m_reason = new QLineEdit(form);
    m_reason->setAccessibleName(tr("Reason"));
    m_reason->setPlaceholderText(tr("e.g. database maintenance"));
    auto *add = new QPushButton(tr("&Add Window"), form);
    add->setObjectName(QStringLiteral("addMuteWindowButton"));
    connect(add, &QPushButton::clicked, this, &MuteWindowsDialog::addFromForm);
    auto *reasonRow = new QHBoxLayout;
    reasonRow->addWidget(m_reason, 1);
    reasonRow->addWidget(add);
    fields->addRow(tr("Reason:"), reasonRow);
    layout->addWidget(form);

    m_message = new QLabel(this);
    m_message->setWordWrap(true);
    layout->addWidget(m_message);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_remove = buttons->addButton(tr("&Remove"), QDialogButtonBox::ActionRole);
    m_remove->setEnabled(false);
    connect(m_remove, &QPushButton::clicked, this, [this] {
        if (QTreeWidgetItem *item = m_tree->currentItem())
            remove(item->data(0, Qt::UserRole).toLongLong());
    });
    connect(m_tree, &QTreeWidget::itemSelectionChanged, this,
            [this] { m_remove->setEnabled(!m_tree->selectedItems().isEmpty()); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    reload();
}

void MuteWindowsDialog::reload()
{
    const qint64 now = m_host->clock().nowMs();
    runStoreJob<QList<alerts::MuteWindow>>(
        *m_host->store(), this,
        [now](storage::MetricStore &store) { return alerts::MuteWindowRepository(store.database()).list(now); },
        [this](Result<QList<alerts::MuteWindow>> windows) {
            if (!windows) {
                m_message->setText(windows.error().userMessage);
                return;
            }
            m_windows = windows.value();
            m_tree->clear();
            for (const alerts::MuteWindow &window : std::as_const(m_windows)) {
                QStringList scope;
                if (!window.project.isEmpty())
                    scope << window.project;
                if (!window.service.isEmpty())
                    scope << window.service;
                if (!window.ruleKey.isEmpty())
                    scope << tr("rule %1").arg(m_ruleNames.value(window.ruleKey, window.ruleKey));
                const QString repeats = window.recurrence == Recurrence::Daily    ? tr("every day")
                                        : window.recurrence == Recurrence::Weekly ? tr("every week")
                                                                                  : tr("once");
                auto *item = new QTreeWidgetItem(
                    m_tree, {scope.isEmpty() ? tr("everything") : scope.join(QStringLiteral(" · ")),
                             alertsui::absoluteTime(window.startsMs), alertsui::absoluteTime(window.endsMs), repeats,
                             window.reason});
                item->setData(0, Qt::UserRole, window.id);
            }
            for (int column = 0; column < 4; ++column)
                m_tree->resizeColumnToContents(column);
            Q_EMIT loaded();
        });
}

void MuteWindowsDialog::addFromForm()
{
    alerts::MuteWindow window;
    window.project = m_project->currentData().toString();
    window.service = m_service->currentData().toString();
    window.ruleKey = m_rule->currentData().toString();
    window.startsMs = m_start->dateTime().toMSecsSinceEpoch();
    window.endsMs = window.startsMs + qint64(m_hours->value()) * 3600 * 1000;
    window.recurrence = Recurrence(m_recurrence->currentData().toInt());
    window.reason = m_reason->text().trimmed();
    add(window);
}

void MuteWindowsDialog::add(const alerts::MuteWindow &window)
{
    runChange([window](storage::MetricStore &store, qint64 now) -> Status {
        auto added = alerts::MuteWindowRepository(store.database()).add(window, now);
        return added ? Status() : Status(added.error());
    });
}

void MuteWindowsDialog::remove(qint64 windowId)
{
    runChange([windowId](storage::MetricStore &store, qint64 now) {
        return alerts::MuteWindowRepository(store.database()).remove(windowId, now);
    });
}

void MuteWindowsDialog::runChange(std::function<Status(storage::MetricStore &, qint64)> change)
{
    const qint64 now = m_host->clock().nowMs();
    runStoreJob<bool>(
        *m_host->store(), this,
        [change, now](storage::MetricStore &store) -> Result<bool> {
            if (Status done = change(store, now); !done)
                return done.error();
            return true;
        },
        [this](Result<bool> done) {
            const QString problem = done ? QString() : done.error().userMessage;
            m_message->setText(problem);
            if (done)
                m_reason->clear();
            reload();
            Q_EMIT changed(problem);
        });
}

} // namespace stackscope::app
