#include "alertlistpanel.h"

#include "alertdetailpane.h"
#include "alertfilterbar.h"
#include "alertinghost.h"
#include "alertsformat.h"
#include "alerttablemodel.h"
#include "commentdialog.h"
#include "pilldelegate.h"
#include "storejob.h"

#include "alerts/alertrepository.h"
#include "util/clock.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace stackscope::app {

using alerts::AlertStatus;

namespace {
struct Detail
{
    alerts::Alert alert;
    QList<alerts::AlertEvent> history;
};

struct ActionOutcome
{
    QList<alerts::Alert> changed;
    QStringList problems;
};
} // namespace

AlertListPanel::AlertListPanel(AlertingHost *host, QWidget *parent)
    : QWidget(parent), m_host(host)
{
    setObjectName(QStringLiteral("alertListPanel"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);

    m_filters = new AlertFilterBar(this);
    layout->addWidget(m_filters);

    auto *actions = new QHBoxLayout;
    const auto actionButton = [&](const QString &text, const QString &name, const QString &accessible, Action action) {
        auto *button = new QPushButton(text, this);
        button->setObjectName(name);
        button->setAccessibleName(accessible);
        connect(button, &QPushButton::clicked, this, [this, action] { requestAction(action); });
        actions->addWidget(button);
        return button;
    };
    m_ack = actionButton(tr("&Acknowledge…"), QStringLiteral("acknowledgeButton"),
                         tr("Acknowledge the selected alerts"), Action::Acknowledge);
    m_resolve = actionButton(tr("&Resolve…"), QStringLiteral("resolveButton"), tr("Resolve the selected alerts"),
                             Action::Resolve);
    m_reopen = actionButton(tr("Re&open…"), QStringLiteral("reopenButton"), tr("Reopen the selected alerts"),
                            Action::Reopen);
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("alertListMessage"));
    actions->addWidget(m_message, 1);
    m_prev = new QToolButton(this);
    m_prev->setArrowType(Qt::LeftArrow);
    m_prev->setAccessibleName(tr("Previous page"));
    m_next = new QToolButton(this);
    m_next->setArrowType(Qt::RightArrow);
    m_next->setAccessibleName(tr("Next page"));
    m_pageLabel = new QLabel(this);
    m_pageLabel->setObjectName(QStringLiteral("pageLabel"));
    actions->addWidget(m_pageLabel);
    actions->addWidget(m_prev);
    actions->addWidget(m_next);
    connect(m_prev, &QToolButton::clicked, this, &AlertListPanel::previousPage);
    connect(m_next, &QToolButton::clicked, this, &AlertListPanel::nextPage);
    layout->addLayout(actions);

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_model = new AlertTableModel(this);
    m_table = new QTableView(m_splitter);
    m_table->setObjectName(QStringLiteral("alertTable"));
    m_table->setAccessibleName(tr("Alerts"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setShowGrid(false);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 14);
    m_table->setTextElideMode(Qt::ElideRight);
    auto *pills = new PillDelegate(AlertTableModel::PillColorRole, AlertTableModel::PillFilledRole, m_table);
    m_table->setItemDelegateForColumn(AlertTableModel::Severity, pills);
    m_table->setItemDelegateForColumn(AlertTableModel::Status, pills);
    QHeaderView *header = m_table->horizontalHeader();
    header->setHighlightSections(false);
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionResizeMode(AlertTableModel::Summary, QHeaderView::Stretch);
    const int em = m_table->fontMetrics().horizontalAdvance(QLatin1Char('M'));
    header->resizeSection(AlertTableModel::Severity, 7 * em);
    header->resizeSection(AlertTableModel::Status, 10 * em + em / 2);
    header->resizeSection(AlertTableModel::Rule, 14 * em);
    header->resizeSection(AlertTableModel::Where, 14 * em);
    header->resizeSection(AlertTableModel::Value, 7 * em);
    header->resizeSection(AlertTableModel::Opened, 6 * em);
    header->resizeSection(AlertTableModel::Duration, 6 * em);
    header->setMinimumSectionSize(4 * em);
    m_detail = new AlertDetailPane(m_splitter);
    m_splitter->addWidget(m_table);
    m_splitter->addWidget(m_detail);
    m_splitter->setStretchFactor(0, 5);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setSizes({1000, 420});
    m_splitter->setChildrenCollapsible(false);
    layout->addWidget(m_splitter, 1);

    connect(m_filters, &AlertFilterBar::filterChanged, this, &AlertListPanel::onFilterChanged);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &AlertListPanel::onSelectionChanged);
    connect(m_detail, &AlertDetailPane::editRuleRequested, this, &AlertListPanel::editRuleRequested);
    connect(m_host, &AlertingHost::alertsChanged, this, &AlertListPanel::reload);

    // Relative times ("12 min ago") move on.
    m_clockTimer = new QTimer(this);
    m_clockTimer->setInterval(60'000);
    connect(m_clockTimer, &QTimer::timeout, this, [this] { m_model->setNow(m_host->clock().nowMs()); });
    m_clockTimer->start();
    updateActions();
    updatePager();
}

void AlertListPanel::setScopes(const QMap<QString, QStringList> &servicesByProject)
{
    m_filters->setScopes(servicesByProject);
}

void AlertListPanel::onFilterChanged()
{
    m_offset = 0;
    reload();
}

void AlertListPanel::reload()
{
    alerts::AlertFilter filter = m_filters->filter(m_host->clock().nowMs());
    filter.offset = m_offset;
    filter.limit = kPageSize;
    const quint64 generation = ++m_generation;
    if (m_keepSelection.isEmpty())
        m_keepSelection = selectedAlertIds();
    runStoreJob<alerts::AlertPage>(
        *m_host->store(), this,
        [filter](storage::MetricStore &store) { return alerts::AlertRepository(store.database()).query(filter); },
        [this, generation](Result<alerts::AlertPage> page) { onPageLoaded(generation, std::move(page)); });
}

void AlertListPanel::onPageLoaded(quint64 generation, Result<alerts::AlertPage> page)
{
    if (generation != m_generation)
        return; // a newer filter or refresh is on its way
    if (!page) {
        m_message->setText(page.error().userMessage);
        return;
    }
    // A page past the end (alerts were resolved away): go back to the last page that has rows.
    if (page->alerts.isEmpty() && page->total > 0 && m_offset > 0) {
        m_offset = int((page->total - 1) / kPageSize) * kPageSize;
        reload();
        return;
    }
    const QList<qint64> keep = std::exchange(m_keepSelection, {});
    m_total = page->total;
    m_model->setAlerts(page->alerts, m_host->clock().nowMs());
    selectAlerts(keep);
    if (keep.isEmpty() && m_detailId != 0 && m_detail->alert())
        loadDetail(m_detailId); // shown from a notification while not on the page: keep it up to date
    updatePager();
    updateActions();
    Q_EMIT loaded();
}

QList<qint64> AlertListPanel::selectedAlertIds() const
{
    QList<qint64> ids;
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    for (const QModelIndex &row : rows)
        ids.append(row.data(AlertTableModel::AlertIdRole).toLongLong());
    std::sort(ids.begin(), ids.end());
    return ids;
}

void AlertListPanel::selectAlerts(const QList<qint64> &alertIds)
{
    QItemSelection selection;
    for (qint64 id : alertIds) {
        const int row = m_model->rowOf(id);
        if (row >= 0)
            selection.select(m_model->index(row, 0), m_model->index(row, AlertTableModel::ColumnCount - 1));
    }
    m_table->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect);
    if (!selection.isEmpty())
        m_table->scrollTo(selection.indexes().first());
    onSelectionChanged();
}

void AlertListPanel::onSelectionChanged()
{
    const QList<qint64> ids = selectedAlertIds();
    updateActions();
    if (ids.size() == 1) {
        loadDetail(ids.first());
    } else if (ids.size() > 1) {
        m_detailId = 0;
        m_detail->showSelectionCount(int(ids.size()));
    } else if (m_detailId == 0 || m_model->rowOf(m_detailId) >= 0) {
        m_detailId = 0;
        m_detail->clear();
    }
}

void AlertListPanel::showAlert(qint64 alertId)
{
    if (m_model->rowOf(alertId) >= 0) {
        selectAlerts({alertId});
        return;
    }
    m_table->clearSelection();
    loadDetail(alertId);
}

void AlertListPanel::loadDetail(qint64 alertId)
{
    m_detailId = alertId;
    const quint64 generation = ++m_detailGeneration;
    runStoreJob<Detail>(
        *m_host->store(), this,
        [alertId](storage::MetricStore &store) -> Result<Detail> {
            alerts::AlertRepository repo(store.database());
            auto alert = repo.get(alertId);
            if (!alert)
                return alert.error();
            auto history = repo.history(alertId);
            if (!history)
                return history.error();
            return Detail{alert.value(), history.value()};
        },
        [this, generation, alertId](Result<Detail> detail) {
            if (generation != m_detailGeneration)
                return;
            if (!detail) {
                m_detail->clear();
                m_message->setText(detail.error().userMessage);
                return;
            }
            m_detail->showAlert(detail->alert, detail->history, m_host->clock().nowMs());
            Q_EMIT detailLoaded(alertId);
        });
}

bool AlertListPanel::applies(Action action, const alerts::Alert &alert) const
{
    switch (action) {
    case Action::Acknowledge:
        return alerts::isUnhandled(alert.status);
    case Action::Resolve:
        return alerts::isActive(alert.status);
    case Action::Reopen:
        return alert.status == AlertStatus::Resolved;
    }
    return false;
}

void AlertListPanel::updateActions()
{
    bool can[3] = {false, false, false};
    for (qint64 id : selectedAlertIds()) {
        if (const alerts::Alert *alert = m_model->alertAt(m_model->rowOf(id))) {
            for (Action action : {Action::Acknowledge, Action::Resolve, Action::Reopen})
                can[int(action)] = can[int(action)] || applies(action, *alert);
        }
    }
    m_ack->setEnabled(can[int(Action::Acknowledge)]);
    m_resolve->setEnabled(can[int(Action::Resolve)]);
    m_reopen->setEnabled(can[int(Action::Reopen)]);
}

void AlertListPanel::updatePager()
{
    const qint64 first = m_total == 0 ? 0 : m_offset + 1;
    const qint64 last = std::min<qint64>(m_offset + m_model->rowCount(), m_total);
    m_pageLabel->setText(m_total == 0 ? tr("No alerts match") : tr("%1–%2 of %3").arg(first).arg(last).arg(m_total));
    m_prev->setEnabled(m_offset > 0);
    m_next->setEnabled(m_offset + kPageSize < m_total);
}

void AlertListPanel::nextPage()
{
    if (m_offset + kPageSize >= m_total)
        return;
    m_offset += kPageSize;
    reload();
}

void AlertListPanel::previousPage()
{
    if (m_offset == 0)
        return;
    m_offset = std::max(0, m_offset - kPageSize);
    reload();
}

void AlertListPanel::requestAction(Action action)
{
    QList<qint64> ids;
    for (qint64 id : selectedAlertIds()) {
        if (const alerts::Alert *alert = m_model->alertAt(m_model->rowOf(id)); alert && applies(action, *alert))
            ids.append(id);
    }
    if (ids.isEmpty())
        return;
    QString verb;
    QString question;
    switch (action) {
    case Action::Acknowledge:
        verb = tr("Acknowledge");
        question = tr("Acknowledge %n alert(s)? You take them on; nobody is notified again until they change.",
                      nullptr, int(ids.size()));
        break;
    case Action::Resolve:
        verb = tr("Resolve");
        question = tr("Resolve %n alert(s)? They fire again as new alerts if the condition returns.", nullptr,
                      int(ids.size()));
        break;
    case Action::Reopen:
        verb = tr("Reopen");
        question = tr("Reopen %n alert(s)?", nullptr, int(ids.size()));
        break;
    }
    auto *dialog = new CommentDialog(verb, question, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, action, ids] { act(action, ids, dialog->comment()); });
    dialog->open();
}

void AlertListPanel::act(Action action, const QList<qint64> &alertIds, const QString &comment)
{
    const QString actor = alertsui::currentActor();
    const qint64 now = m_host->clock().nowMs();
    runStoreJob<ActionOutcome>(
        *m_host->store(), this,
        [action, alertIds, comment, actor, now](storage::MetricStore &store) -> Result<ActionOutcome> {
            alerts::AlertRepository repo(store.database());
            ActionOutcome outcome;
            for (qint64 id : alertIds) {
                Result<alerts::Alert> done = action == Action::Acknowledge ? repo.acknowledge(id, actor, comment, now)
                                             : action == Action::Resolve   ? repo.resolve(id, actor, comment, now)
                                                                           : repo.reopen(id, actor, comment, now);
                if (done)
                    outcome.changed.append(done.value());
                else
                    outcome.problems.append(done.error().userMessage);
            }
            return outcome;
        },
        [this](Result<ActionOutcome> outcome) {
            const QString problem = !outcome ? outcome.error().userMessage : outcome->problems.join(QLatin1Char(' '));
            m_message->setText(problem);
            const int changed = outcome ? int(outcome->changed.size()) : 0;
            if (outcome) {
                for (const alerts::Alert &alert : outcome->changed)
                    m_model->updateAlert(alert);
            }
            m_keepSelection = selectedAlertIds();
            if (m_detailId != 0)
                loadDetail(m_detailId);
            // Everyone refreshes, this list too (an acknowledged alert may now be filtered out).
            m_host->noteAlertsChangedByUser();
            Q_EMIT actionFinished(changed, problem);
        });
}

} // namespace stackscope::app
