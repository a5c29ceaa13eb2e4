#include "navigationpane.h"

#include "icons.h"
#include "navigationmodel.h"

#include <QHeaderView>
#include <functional>
#include <QLineEdit>
#include <QMenu>
#include <QSet>
#include <QSortFilterProxyModel>
#include <QStyledItemDelegate>
#include <QTreeView>
#include <QVBoxLayout>

namespace stackscope::app {

using Kind = NavigationTarget::Kind;

namespace {

// Rows a little taller than the style's default, like the sidebars of Grafana or Datadog.
class RoomyDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        return QStyledItemDelegate::sizeHint(option, index) + QSize(0, 6);
    }
};

QString keyOf(const NavigationTarget &t)
{
    return QStringLiteral("%1:%2:%3").arg(int(t.kind)).arg(t.id).arg(t.project);
}

} // namespace

NavigationPane::NavigationPane(QWidget *parent)
    : QWidget(parent)
    , m_model(new NavigationModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
{
    setObjectName(QStringLiteral("navigationPane"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 4, 8);
    layout->setSpacing(6);

    m_filter = new QLineEdit(this);
    m_filter->setObjectName(QStringLiteral("navigationFilter"));
    m_filter->setPlaceholderText(tr("Filter projects, services, dashboards"));
    m_filter->setAccessibleName(tr("Filter the navigation tree"));
    m_filter->setClearButtonEnabled(true);
    layout->addWidget(m_filter);

    m_proxy->setSourceModel(m_model);
    m_proxy->setRecursiveFilteringEnabled(true);
    m_proxy->setAutoAcceptChildRows(true);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_proxy->setFilterFixedString(text);
        if (!text.isEmpty())
            m_view->expandAll();
    });

    m_view = new QTreeView(this);
    m_view->setObjectName(QStringLiteral("navigationTree"));
    m_view->setAccessibleName(tr("Navigation"));
    m_view->setModel(m_proxy);
    m_view->setHeaderHidden(true);
    m_view->setUniformRowHeights(true);
    m_view->setIconSize(QSize(16, 16));
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->setFrameShape(QFrame::NoFrame);
    m_view->setAnimated(true);
    m_view->setIndentation(14);
    m_view->setItemDelegate(new RoomyDelegate(m_view)); // no style sheet: it would pin the palette (dark mode)
    m_view->setExpandsOnDoubleClick(true);
    layout->addWidget(m_view, 1);

    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this, &NavigationPane::onCurrentChanged);
    connect(m_view, &QTreeView::customContextMenuRequested, this, &NavigationPane::showContextMenu);
    m_view->expandAll();
}

void NavigationPane::setContent(const WorkspaceContent &content)
{
    // Remember what was open and current; a reset forgets both.
    QSet<QString> collapsed;
    const std::function<void(const QModelIndex &)> walk = [&](const QModelIndex &parent) {
        for (int row = 0; row < m_proxy->rowCount(parent); ++row) {
            const QModelIndex index = m_proxy->index(row, 0, parent);
            if (m_proxy->hasChildren(index) && !m_view->isExpanded(index))
                collapsed.insert(keyOf(m_model->targetAt(m_proxy->mapToSource(index))));
            walk(index);
        }
    };
    walk({});
    const NavigationTarget current = m_current;

    m_restoring = true;
    m_model->setContent(content);
    m_view->expandAll();
    for (const QString &key : std::as_const(collapsed)) {
        const QStringList parts = key.split(QLatin1Char(':'));
        const NavigationTarget t{Kind(parts.value(0).toInt()), parts.value(1).toLongLong(), parts.mid(2).join(QLatin1Char(':'))};
        m_view->collapse(viewIndexOf(t));
    }
    const QModelIndex index = viewIndexOf(current);
    if (index.isValid())
        m_view->setCurrentIndex(index);
    m_restoring = false;
    if (!index.isValid() && current.isValid()) {
        // The current item went away (deleted, or moved to the trash): fall back to the overview.
        select(NavigationTarget::overview());
    }
}

void NavigationPane::clear()
{
    m_restoring = true;
    m_model->clear();
    m_current = {};
    m_restoring = false;
}

void NavigationPane::setOpenAlerts(int count)
{
    m_model->setOpenAlerts(count);
}

NavigationTarget NavigationPane::currentTarget() const
{
    return m_current;
}

QModelIndex NavigationPane::viewIndexOf(const NavigationTarget &target) const
{
    return m_proxy->mapFromSource(m_model->indexOf(target));
}

bool NavigationPane::select(const NavigationTarget &target)
{
    QModelIndex index = viewIndexOf(target);
    if (!index.isValid() && m_model->indexOf(target).isValid()) {
        m_filter->clear(); // filtered out: show everything again
        index = viewIndexOf(target);
    }
    if (!index.isValid())
        return false;
    m_view->scrollTo(index);
    if (m_view->currentIndex() == index) {
        m_current = target;
        Q_EMIT targetActivated(target);
    } else {
        m_view->setCurrentIndex(index);
    }
    return true;
}

void NavigationPane::focusFilter()
{
    m_filter->setFocus(Qt::ShortcutFocusReason);
    m_filter->selectAll();
}

void NavigationPane::onCurrentChanged()
{
    const NavigationTarget target = m_model->targetAt(m_proxy->mapToSource(m_view->currentIndex()));
    if (m_restoring && target == m_current)
        return;
    m_current = target;
    if (target.isValid())
        Q_EMIT targetActivated(target);
}

void NavigationPane::showContextMenu(const QPoint &pos)
{
    const QModelIndex index = m_view->indexAt(pos);
    const NavigationTarget target = m_model->targetAt(m_proxy->mapToSource(index));
    auto *menu = new QMenu(this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    const QPalette pal = palette();
    switch (target.kind) {
    case Kind::Project:
        menu->addAction(Icons::line(QStringLiteral("add"), pal), tr("Add Service…"), this,
                        [this, target] { Q_EMIT addServiceRequested(target.project); });
        menu->addAction(Icons::line(QStringLiteral("dashboard"), pal), tr("New Dashboard in This Project…"), this,
                        [this, target] { Q_EMIT newDashboardRequested(target.project); });
        menu->addSeparator();
        menu->addAction(Icons::line(QStringLiteral("edit"), pal), tr("Edit Project…"), this,
                        [this, target] { Q_EMIT editProjectRequested(target.id); });
        menu->addAction(Icons::line(QStringLiteral("trash"), pal), tr("Move Project to Trash"), this,
                        [this, target] { Q_EMIT deleteProjectRequested(target.id); });
        break;
    case Kind::Service:
        menu->addAction(Icons::line(QStringLiteral("edit"), pal), tr("Edit Service…"), this,
                        [this, target] { Q_EMIT editServiceRequested(target.id); });
        menu->addAction(Icons::line(QStringLiteral("trash"), pal), tr("Move Service to Trash"), this,
                        [this, target] { Q_EMIT deleteServiceRequested(target.id); });
        break;
    case Kind::Dashboard:
        menu->addAction(Icons::line(QStringLiteral("edit"), pal), tr("Rename Dashboard…"), this,
                        [this, target] { Q_EMIT renameDashboardRequested(target.id); });
        menu->addAction(Icons::line(QStringLiteral("trash"), pal), tr("Move Dashboard to Trash"), this,
                        [this, target] { Q_EMIT deleteDashboardRequested(target.id); });
        break;
    case Kind::Dashboards:
    case Kind::DashboardFolder:
        menu->addAction(Icons::line(QStringLiteral("add"), pal), tr("New Dashboard…"), this,
                        [this, target] { Q_EMIT newDashboardRequested(target.project); });
        break;
    case Kind::Overview:
    case Kind::None:
    case Kind::Explorer:
    case Kind::Alerts:
        break;
    }
    if (target.kind == Kind::Overview || target.kind == Kind::None) {
        menu->addAction(Icons::line(QStringLiteral("add"), pal), tr("New Project…"), this,
                        [this] { Q_EMIT newProjectRequested(); });
    }
    menu->addSeparator();
    menu->addAction(Icons::line(QStringLiteral("trash-restore"), pal), tr("Trash…"), this,
                    [this] { Q_EMIT trashRequested(); });
    menu->popup(m_view->viewport()->mapToGlobal(pos));
}

} // namespace stackscope::app
