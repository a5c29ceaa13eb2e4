#include "outboxpanel.h"

#include "alertinghost.h"
#include "alertsformat.h"
#include "storejob.h"

#include "notify/outboxdispatcher.h"
#include "util/clock.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace stackscope::app {

namespace {
struct OutboxView
{
    QList<notify::OutboxItem> failed;
    notify::OutboxRepository::Counts counts;
};
} // namespace

OutboxPanel::OutboxPanel(AlertingHost *host, QWidget *parent)
    : QWidget(parent), m_host(host)
{
    setObjectName(QStringLiteral("outboxPanel"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    auto *top = new QHBoxLayout;
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("outboxSummary"));
    m_summary->setWordWrap(true);
    top->addWidget(m_summary, 1);
    m_retry = new QPushButton(tr("&Retry"), this);
    m_retry->setObjectName(QStringLiteral("retryButton"));
    m_retry->setAccessibleName(tr("Retry the selected deliveries"));
    m_retryAll = new QPushButton(tr("Retry &All"), this);
    m_retryAll->setObjectName(QStringLiteral("retryAllButton"));
    top->addWidget(m_retry);
    top->addWidget(m_retryAll);
    layout->addLayout(top);

    m_tree = new QTreeWidget(this);
    m_tree->setObjectName(QStringLiteral("failedDeliveries"));
    m_tree->setAccessibleName(tr("Failed deliveries"));
    m_tree->setRootIsDecorated(false);
    m_tree->setAlternatingRowColors(true);
    m_tree->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_tree->setHeaderLabels({tr("Created"), tr("Channel"), tr("Notification"), tr("Attempts"), tr("Last error")});
    m_tree->header()->setStretchLastSection(true);
    layout->addWidget(m_tree, 1);

    connect(m_retry, &QPushButton::clicked, this, &OutboxPanel::retrySelected);
    connect(m_retryAll, &QPushButton::clicked, this, [this] {
        QList<qint64> ids;
        for (const notify::OutboxItem &item : std::as_const(m_items))
            ids << item.id;
        retry(ids);
    });
    connect(m_tree, &QTreeWidget::itemSelectionChanged, this,
            [this] { m_retry->setEnabled(!m_tree->selectedItems().isEmpty()); });
    connect(m_host, &AlertingHost::deliveryChanged, this, &OutboxPanel::reload);
    m_retry->setEnabled(false);
    m_retryAll->setEnabled(false);
}

void OutboxPanel::reload()
{
    runStoreJob<OutboxView>(
        *m_host->store(), this,
        [](storage::MetricStore &store) -> Result<OutboxView> {
            notify::OutboxRepository repo(store.database());
            auto failed = repo.list(notify::OutboxRepository::Filter::Failed);
            if (!failed)
                return failed.error();
            auto counts = repo.counts();
            if (!counts)
                return counts.error();
            return OutboxView{failed.value(), counts.value()};
        },
        [this](Result<OutboxView> view) {
            if (!view) {
                m_summary->setText(view.error().userMessage);
                return;
            }
            m_items = view->failed;
            m_counts = view->counts;
            m_tree->clear();
            for (const notify::OutboxItem &item : std::as_const(m_items)) {
                const QString what = item.notification.title.isEmpty() ? notify::kindName(item.notification.kind)
                                                                      : item.notification.title;
                auto *row = new QTreeWidgetItem(m_tree, {alertsui::absoluteTime(item.createdMs), item.channelName, what,
                                                         QString::number(item.attempts), item.lastError});
                row->setData(0, Qt::UserRole, item.id);
                row->setToolTip(4, item.lastError);
                row->setForeground(4, alertsui::severityColor(rules::Severity::Critical));
            }
            for (int column = 0; column < 4; ++column)
                m_tree->resizeColumnToContents(column);
            if (m_host->isDemo())
                m_summary->setText(tr("The demo workspace sends no notifications."));
            else if (m_counts.failed == 0 && m_counts.pending == 0)
                m_summary->setText(tr("Every notification was delivered."));
            else
                m_summary->setText(tr("%n notification(s) could not be delivered", nullptr, int(m_counts.failed))
                                   + tr("; %n waiting to be sent or retried.", nullptr, int(m_counts.pending)));
            m_retryAll->setEnabled(!m_items.isEmpty() && m_host->dispatcher());
            m_retry->setEnabled(!m_tree->selectedItems().isEmpty());
            Q_EMIT countsChanged(m_counts.pending, m_counts.failed);
            Q_EMIT loaded();
        });
}

void OutboxPanel::retrySelected()
{
    QList<qint64> ids;
    const QList<QTreeWidgetItem *> selected = m_tree->selectedItems();
    for (QTreeWidgetItem *item : selected)
        ids << item->data(0, Qt::UserRole).toLongLong();
    retry(ids);
}

void OutboxPanel::retry(const QList<qint64> &outboxIds)
{
    if (outboxIds.isEmpty())
        return;
    const qint64 now = m_host->clock().nowMs();
    runStoreJob<bool>(
        *m_host->store(), this,
        [outboxIds, now](storage::MetricStore &store) -> Result<bool> {
            notify::OutboxRepository repo(store.database());
            for (qint64 id : outboxIds) {
                if (Status done = repo.retry(id, now); !done)
                    return done.error();
            }
            return true;
        },
        [this](Result<bool> done) {
            if (done && m_host->dispatcher())
                m_host->dispatcher()->wake();
            reload();
            Q_EMIT retried(done ? QString() : done.error().userMessage);
        });
}

} // namespace stackscope::app
