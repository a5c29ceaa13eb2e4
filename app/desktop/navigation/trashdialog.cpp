#include "trashdialog.h"

#include "healthlevel.h"

#include "storejob.h"

#include "dashboard/dashboardrepository.h"
#include "storage/projectrepository.h"
#include "storage/servicerepository.h"

#include <QDateTime>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace stackscope::app {

namespace {

constexpr qint64 kDayMs = 86'400'000;
constexpr int kKindRole = Qt::UserRole + 1;
constexpr int kIdRole = Qt::UserRole + 2;

QString kindText(TrashItem::Kind kind)
{
    switch (kind) {
    case TrashItem::Kind::Project: return TrashDialog::tr("Project");
    case TrashItem::Kind::Service: return TrashDialog::tr("Service");
    case TrashItem::Kind::Dashboard: return TrashDialog::tr("Dashboard");
    }
    return {};
}

} // namespace

TrashDialog::TrashDialog(storage::StoreService &store, QWidget *parent)
    : QDialog(parent)
    , m_store(store)
{
    setObjectName(QStringLiteral("trashDialog"));
    setWindowTitle(tr("Trash"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("Projects, services and dashboards stay here for %1 days after you delete them, "
                                "then they are removed for good. A restored project brings its services back.")
                                 .arg(storage::ProjectRepository::kTrashDays),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    m_list = new QTreeWidget(this);
    m_list->setObjectName(QStringLiteral("trashList"));
    m_list->setAccessibleName(tr("Items in the trash"));
    m_list->setRootIsDecorated(false);
    m_list->setHeaderLabels({tr("Name"), tr("Kind"), tr("Project"), tr("Deleted"), tr("Removed for good in")});
    m_list->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_list->setAlternatingRowColors(true);
    layout->addWidget(m_list, 1);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("trashStatus"));
    layout->addWidget(m_status);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_restore = buttons->addButton(tr("&Restore"), QDialogButtonBox::ActionRole);
    m_restore->setObjectName(QStringLiteral("restoreButton"));
    m_restore->setAccessibleName(tr("Restore the selected item"));
    m_restore->setEnabled(false);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_restore, &QPushButton::clicked, this, &TrashDialog::restoreSelected);
    connect(m_list, &QTreeWidget::itemSelectionChanged, this,
            [this] { m_restore->setEnabled(!m_list->selectedItems().isEmpty()); });
    connect(m_list, &QTreeWidget::itemDoubleClicked, this, &TrashDialog::restoreSelected);
    layout->addWidget(buttons);
    resize(720, 400);
    reload();
}

int TrashDialog::itemCount() const
{
    return m_list->topLevelItemCount();
}

void TrashDialog::reload()
{
    const quint64 generation = ++m_generation;
    m_status->setText(tr("Loading…"));
    runStoreJob<QList<TrashItem>>(
        m_store, this, [](storage::MetricStore &store) { return loadTrash(store); },
        [this, generation](Result<QList<TrashItem>> items) {
            if (generation == m_generation)
                onListed(std::move(items));
        });
}

void TrashDialog::onListed(Result<QList<TrashItem>> items)
{
    m_list->clear();
    if (!items) {
        m_status->setText(tr("The trash could not be read: %1").arg(items.error().userMessage));
        return;
    }
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const QLocale locale;
    for (const TrashItem &item : *items) {
        auto *row = new QTreeWidgetItem(m_list);
        row->setText(0, item.name);
        row->setText(1, kindText(item.kind));
        row->setText(2, item.kind == TrashItem::Kind::Project ? QString() : item.project);
        row->setText(3, locale.toString(QDateTime::fromMSecsSinceEpoch(item.deletedMs), QLocale::ShortFormat));
        const qint64 left = item.deletedMs + storage::ProjectRepository::kTrashDays * kDayMs - now;
        row->setText(4, left > kDayMs ? countText(left / kDayMs, tr("%1 day"), tr("%1 days"))
                                      : countText(std::max<qint64>(1, left / 3'600'000), tr("%1 hour"), tr("%1 hours")));
        row->setData(0, kKindRole, int(item.kind));
        row->setData(0, kIdRole, item.id);
    }
    m_status->setText(items->isEmpty() ? tr("The trash is empty.") : QString());
    Q_EMIT reloaded();
}

bool TrashDialog::restoreItem(TrashItem::Kind kind, qint64 id)
{
    for (int i = 0; i < m_list->topLevelItemCount(); ++i) {
        QTreeWidgetItem *row = m_list->topLevelItem(i);
        if (row->data(0, kKindRole).toInt() == int(kind) && row->data(0, kIdRole).toLongLong() == id) {
            m_list->setCurrentItem(row);
            restoreSelected();
            return true;
        }
    }
    return false;
}

void TrashDialog::restoreSelected()
{
    const QList<QTreeWidgetItem *> selected = m_list->selectedItems();
    if (selected.isEmpty())
        return;
    const auto kind = TrashItem::Kind(selected.first()->data(0, kKindRole).toInt());
    const qint64 id = selected.first()->data(0, kIdRole).toLongLong();
    const QString name = selected.first()->text(0);
    m_restore->setEnabled(false);
    runStoreJob<bool>(
        m_store, this,
        [kind, id](storage::MetricStore &store) -> Result<bool> {
            Status status;
            switch (kind) {
            case TrashItem::Kind::Project: status = store.projects().restore(id); break;
            case TrashItem::Kind::Service: status = store.services().restore(id); break;
            case TrashItem::Kind::Dashboard:
                status = dashboard::DashboardRepository(store.database()).restore(id);
                break;
            }
            if (!status)
                return status.error();
            return true;
        },
        [this, name](Result<bool> result) {
            if (!result) {
                m_status->setText(tr("“%1” could not be restored: %2").arg(name, result.error().userMessage));
                return;
            }
            m_status->setText(tr("“%1” is back.").arg(name));
            Q_EMIT restored();
            reload();
        });
}

} // namespace stackscope::app
