#include "navigationmodel.h"

#include "icons.h"

#include <QApplication>
#include <QFont>
#include <QPalette>

namespace stackscope::app {

using Kind = NavigationTarget::Kind;

NavigationModel::Node *NavigationModel::Node::add(std::unique_ptr<Node> child)
{
    child->parent = this;
    child->row = int(children.size());
    children.push_back(std::move(child));
    return children.back().get();
}

NavigationModel::NavigationModel(QObject *parent)
    : QAbstractItemModel(parent)
    , m_root(std::make_unique<Node>())
{
    rebuild({});
}

NavigationModel::~NavigationModel() = default;

void NavigationModel::setContent(const WorkspaceContent &content)
{
    beginResetModel();
    rebuild(content);
    endResetModel();
}

void NavigationModel::clear()
{
    setContent({});
}

void NavigationModel::setOpenAlerts(int count)
{
    if (count == m_openAlerts)
        return;
    m_openAlerts = count;
    if (m_alerts) {
        const QModelIndex index = indexOfNode(m_alerts);
        Q_EMIT dataChanged(index, index, {Qt::DisplayRole, Qt::AccessibleTextRole});
    }
}

void NavigationModel::rebuild(const WorkspaceContent &content)
{
    m_root = std::make_unique<Node>();
    auto make = [](NavigationTarget target, QString name, QString detail = {}) {
        auto node = std::make_unique<Node>();
        node->target = std::move(target);
        node->name = std::move(name);
        node->detail = std::move(detail);
        return node;
    };

    Node *overview = m_root->add(make(NavigationTarget::overview(), tr("Overview"),
                                      tr("The health of every project at a glance")));
    overview->hasLevel = false;
    for (const storage::Project &project : content.projects) {
        const QList<ServiceEntry> services = content.servicesOf(project.name);
        Node *projectNode = overview->add(make(NavigationTarget::projectTarget(project.id, project.name), project.name,
                                               countText(services.size(), tr("%1 service"), tr("%1 services"))));
        projectNode->level = content.projectLevel(project.name);
        projectNode->color = project.color;
        projectNode->hasLevel = true;
        for (const ServiceEntry &service : services) {
            QString detail = Health::serviceStateText(service.health);
            if (!service.health.lastError.isEmpty())
                detail += QStringLiteral("\n") + service.health.lastError;
            Node *serviceNode = projectNode->add(
                make(NavigationTarget::serviceTarget(service.config.id, project.name), service.config.name, detail));
            serviceNode->level = service.level();
            serviceNode->hasLevel = true;
        }
    }

    Node *dashboards = m_root->add(make(NavigationTarget::dashboards(), tr("Dashboards"),
                                        tr("Your own dashboards, across services and projects")));
    QMap<QString, Node *> folders;
    for (const dashboard::Dashboard &d : content.dashboards) {
        if (!d.project.isEmpty() && !folders.contains(d.project))
            folders.insert(d.project, nullptr);
    }
    for (const dashboard::Dashboard &d : content.dashboards)
        if (d.project.isEmpty())
            dashboards->add(make(NavigationTarget::dashboardTarget(d.id, {}), d.name, d.spec.description));
    for (auto it = folders.begin(); it != folders.end(); ++it) {
        const storage::Project *project = content.projectNamed(it.key());
        NavigationTarget folder{Kind::DashboardFolder, project ? project->id : 0, it.key()};
        it.value() = dashboards->add(make(folder, it.key(), tr("Dashboards of %1").arg(it.key())));
    }
    for (const dashboard::Dashboard &d : content.dashboards)
        if (!d.project.isEmpty())
            folders.value(d.project)->add(make(NavigationTarget::dashboardTarget(d.id, d.project), d.name, d.spec.description));

    m_root->add(make(NavigationTarget::explorer(), tr("Explorer"), tr("Browse, search and plot any metric")));
    m_alerts = m_root->add(make(NavigationTarget::alerts(), tr("Alerts"), tr("Open and past alerts")));
}

NavigationTarget NavigationModel::targetAt(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this)
        return {};
    return static_cast<const Node *>(index.internalPointer())->target;
}

const NavigationModel::Node *NavigationModel::find(const Node *from, const NavigationTarget &target) const
{
    if (from != m_root.get() && from->target == target)
        return from;
    for (const auto &child : from->children)
        if (const Node *found = find(child.get(), target))
            return found;
    return nullptr;
}

QModelIndex NavigationModel::indexOf(const NavigationTarget &target) const
{
    const Node *node = find(m_root.get(), target);
    return node ? indexOfNode(node) : QModelIndex();
}

QModelIndex NavigationModel::indexOfNode(const Node *node) const
{
    if (!node || node == m_root.get())
        return {};
    return createIndex(node->row, 0, const_cast<Node *>(node));
}

QModelIndex NavigationModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column != 0 || row < 0)
        return {};
    const Node *node = parent.isValid() ? static_cast<const Node *>(parent.internalPointer()) : m_root.get();
    if (row >= int(node->children.size()))
        return {};
    return createIndex(row, 0, node->children.at(size_t(row)).get());
}

QModelIndex NavigationModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    const Node *node = static_cast<const Node *>(child.internalPointer());
    return indexOfNode(node->parent);
}

int NavigationModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return 0;
    const Node *node = parent.isValid() ? static_cast<const Node *>(parent.internalPointer()) : m_root.get();
    return int(node->children.size());
}

int NavigationModel::columnCount(const QModelIndex &) const
{
    return 1;
}

Qt::ItemFlags NavigationModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable;
}

QIcon NavigationModel::iconFor(const Node &node) const
{
    const QPalette palette = QApplication::palette();
    switch (node.target.kind) {
    case Kind::Overview: return Icons::line(QStringLiteral("overview"), palette);
    case Kind::Dashboards: return Icons::line(QStringLiteral("dashboard"), palette);
    case Kind::DashboardFolder: return Icons::line(QStringLiteral("folder"), palette);
    case Kind::Dashboard: return Icons::line(QStringLiteral("dashboard"), palette);
    case Kind::Explorer: return Icons::line(QStringLiteral("explorer"), palette);
    case Kind::Alerts: return Icons::line(QStringLiteral("alerts"), palette);
    case Kind::Project: return Icons::projectBadge(node.name, Icons::projectColor(node.name, node.color), node.level);
    case Kind::Service: return Icons::statusDot(node.level);
    case Kind::None: break;
    }
    return {};
}

QVariant NavigationModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const Node &node = *static_cast<const Node *>(index.internalPointer());
    const bool isAlerts = node.target.kind == Kind::Alerts;
    switch (role) {
    case Qt::DisplayRole:
        if (isAlerts && m_openAlerts > 0)
            return tr("Alerts (%1)").arg(m_openAlerts);
        return node.name;
    case Qt::AccessibleTextRole:
        if (node.hasLevel)
            return tr("%1, %2").arg(node.name, Health::text(node.level));
        if (isAlerts && m_openAlerts > 0)
            return tr("Alerts, %1 open").arg(m_openAlerts);
        return node.name;
    case Qt::ToolTipRole:
        if (node.hasLevel)
            return tr("%1 — %2\n%3").arg(node.name, Health::text(node.level), node.detail).trimmed();
        return node.detail;
    case Qt::DecorationRole: return iconFor(node);
    case Qt::FontRole:
        if (node.parent == m_root.get()) {
            QFont font = QApplication::font();
            font.setBold(true);
            return font;
        }
        return {};
    case KindRole: return int(node.target.kind);
    case IdRole: return node.target.id;
    case ProjectRole: return node.target.project;
    case HealthRole: return node.hasLevel ? QVariant(int(node.level)) : QVariant();
    case DetailRole: return node.detail;
    default: return {};
    }
}

} // namespace stackscope::app
