#include "catalogtreemodel.h"

#include "serieslistmodel.h"

#include <QFont>
#include <QGuiApplication>
#include <QLocale>
#include <QPalette>

#include <algorithm>

namespace stackscope::app {

namespace {

const QString kProjectLabel = QStringLiteral("project");
const QString kServiceLabel = QStringLiteral("service");

// The labels of a series beyond the ones the tree already shows (project and service).
QString extraLabelsText(const Labels &labels)
{
    QStringList parts;
    for (auto it = labels.cbegin(); it != labels.cend(); ++it)
        if (it.key() != kProjectLabel && it.key() != kServiceLabel)
            parts.append(it.key() + QLatin1Char('=') + it.value());
    return parts.join(QStringLiteral(", "));
}

bool sameSeries(const QList<storage::SeriesInfo> &a, const QList<storage::SeriesInfo> &b)
{
    return std::equal(a.cbegin(), a.cend(), b.cbegin(), b.cend(),
                      [](const storage::SeriesInfo &x, const storage::SeriesInfo &y) {
                          return x.id == y.id && x.metric == y.metric && x.project == y.project && x.labels == y.labels;
                      });
}

bool sameInfos(const QHash<QString, MetricInfo> &a, const QHash<QString, MetricInfo> &b)
{
    if (a.size() != b.size())
        return false;
    for (auto it = a.cbegin(); it != a.cend(); ++it) {
        const auto other = b.constFind(it.key());
        if (other == b.cend() || other->unit != it->unit || other->kind != it->kind
            || other->description != it->description)
            return false;
    }
    return true;
}

} // namespace

struct CatalogTreeModel::Node
{
    NodeKind kind = NodeKind::Project;
    QString name;
    QString key;
    QString metric;
    Labels scope;
    int seriesCount = 0;
    int metricCount = 0;
    qint64 seriesId = 0;
    QString searchText;
    Node *parent = nullptr;
    int row = 0;
    std::vector<std::unique_ptr<Node>> children;

    Node *addChild(NodeKind childKind, const QString &childName, const QString &childKey)
    {
        auto child = std::make_unique<Node>();
        child->kind = childKind;
        child->name = childName;
        child->key = childKey;
        child->metric = metric;
        child->scope = scope;
        child->parent = this;
        child->row = int(children.size());
        child->searchText = searchText + QLatin1Char('\n') + childName.toLower();
        children.push_back(std::move(child));
        return children.back().get();
    }
};

CatalogTreeModel::CatalogTreeModel(QObject *parent)
    : QAbstractItemModel(parent), m_root(std::make_unique<Node>())
{
}

CatalogTreeModel::~CatalogTreeModel() = default;

QString CatalogTreeModel::projectKey(const QString &project)
{
    return QStringLiteral("project:") + project;
}

QString CatalogTreeModel::serviceKey(const QString &project, const QString &service)
{
    return QStringLiteral("service:") + project + QLatin1Char('\x1f') + service;
}

QString CatalogTreeModel::metricKey(const QString &project, const QString &service, const QString &metric)
{
    return QStringLiteral("metric:") + project + QLatin1Char('\x1f') + service + QLatin1Char('\x1f') + metric;
}

QString CatalogTreeModel::serviceOf(const storage::SeriesInfo &series)
{
    return series.labels.value(kServiceLabel);
}

bool CatalogTreeModel::setCatalogue(QList<storage::SeriesInfo> series, QHash<QString, MetricInfo> metricInfos)
{
    const auto order = [](const storage::SeriesInfo &a, const storage::SeriesInfo &b) {
        const QString sa = serviceOf(a), sb = serviceOf(b);
        if (a.project != b.project)
            return a.project.localeAwareCompare(b.project) < 0;
        if (sa != sb)
            return sa.localeAwareCompare(sb) < 0;
        if (a.metric != b.metric)
            return a.metric < b.metric;
        return SeriesListModel::keyOf(a) < SeriesListModel::keyOf(b);
    };
    std::sort(series.begin(), series.end(), order);
    if (sameSeries(series, m_series) && sameInfos(metricInfos, m_infos))
        return false;
    beginResetModel();
    m_series = std::move(series);
    m_infos = std::move(metricInfos);
    build();
    endResetModel();
    return true;
}

void CatalogTreeModel::clear()
{
    beginResetModel();
    m_series.clear();
    m_infos.clear();
    build();
    endResetModel();
}

void CatalogTreeModel::build()
{
    m_root = std::make_unique<Node>();
    m_byKey.clear();
    Node *project = nullptr;
    Node *service = nullptr;
    Node *metric = nullptr;
    QString projectName, serviceName;
    for (const storage::SeriesInfo &s : std::as_const(m_series)) {
        if (!project || projectName != s.project) {
            projectName = s.project;
            const QString name = s.project.isEmpty() ? tr("No project") : s.project;
            project = m_root->addChild(NodeKind::Project, name, projectKey(s.project));
            project->searchText = name.toLower();
            if (!s.project.isEmpty())
                project->scope.insert(kProjectLabel, s.project);
            service = nullptr;
        }
        if (!service || serviceName != serviceOf(s)) {
            serviceName = serviceOf(s);
            const QString name = serviceName.isEmpty() ? tr("No service") : serviceName;
            service = project->addChild(NodeKind::Service, name, serviceKey(s.project, serviceName));
            if (!serviceName.isEmpty())
                service->scope.insert(kServiceLabel, serviceName);
            metric = nullptr;
        }
        if (!metric || metric->metric != s.metric) {
            metric = service->addChild(NodeKind::Metric, s.metric, metricKey(s.project, serviceName, s.metric));
            metric->metric = s.metric;
            ++service->metricCount;
            ++project->metricCount;
        }
        Node *leaf = metric->addChild(NodeKind::Series, extraLabelsText(s.labels), SeriesListModel::keyOf(s));
        leaf->scope = s.labels;
        leaf->seriesId = s.id;
        leaf->searchText = metric->searchText + QLatin1Char('\n');
        for (auto it = s.labels.cbegin(); it != s.labels.cend(); ++it)
            leaf->searchText += (it.key() + QLatin1Char('=') + it.value()).toLower() + QLatin1Char(' ');
        for (Node *n = leaf; n; n = n->parent)
            ++n->seriesCount;
    }
    for (auto &p : m_root->children) {
        m_byKey.insert(p->key, p.get());
        for (auto &sv : p->children) {
            m_byKey.insert(sv->key, sv.get());
            for (auto &m : sv->children) {
                m_byKey.insert(m->key, m.get());
                // A lone series without labels of its own is the metric itself: fold it into the metric node.
                if (m->children.size() == 1 && m->children.front()->name.isEmpty()) {
                    m->seriesId = m->children.front()->seriesId;
                    m_byKey.insert(m->children.front()->key, m.get());
                    m->children.clear();
                }
                for (auto &leaf : m->children)
                    m_byKey.insert(leaf->key, leaf.get());
            }
        }
    }
}

CatalogTreeModel::Node *CatalogTreeModel::nodeOf(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : m_root.get();
}

QModelIndex CatalogTreeModel::indexOfNode(const Node *node, int column) const
{
    if (!node || node == m_root.get())
        return {};
    return createIndex(node->row, column, const_cast<Node *>(node));
}

QModelIndex CatalogTreeModel::indexOfKey(const QString &key) const
{
    return indexOfNode(m_byKey.value(key));
}

QModelIndex CatalogTreeModel::indexOfMetric(const QString &metric) const
{
    for (const auto &p : m_root->children)
        for (const auto &s : p->children)
            for (const auto &m : s->children)
                if (m->metric == metric)
                    return indexOfNode(m.get());
    return {};
}

QModelIndex CatalogTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    const Node *p = nodeOf(parent);
    return createIndex(row, column, p->children.at(size_t(row)).get());
}

QModelIndex CatalogTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    return indexOfNode(nodeOf(child)->parent);
}

int CatalogTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return 0;
    return int(nodeOf(parent)->children.size());
}

int CatalogTreeModel::columnCount(const QModelIndex &parent) const
{
    Q_UNUSED(parent);
    return 2;
}

QVariant CatalogTreeModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Node *n = nodeOf(index);
    const MetricInfo info = n->metric.isEmpty() ? MetricInfo() : m_infos.value(n->metric);
    switch (role) {
    case Qt::DisplayRole:
        if (index.column() == kCountColumn)
            return n->kind == NodeKind::Series ? QVariant() : QVariant(QLocale().toString(n->seriesCount));
        return n->name;
    case Qt::ToolTipRole:
        switch (n->kind) {
        case NodeKind::Project:
        case NodeKind::Service:
            return tr("%1\nMetrics: %2 · series: %3")
                .arg(n->name, QLocale().toString(n->metricCount), QLocale().toString(n->seriesCount));
        case NodeKind::Metric:
            return info.description.isEmpty() ? n->name : QString(n->name + QLatin1Char('\n') + info.description);
        case NodeKind::Series:
            return QString(n->metric + QStringLiteral(" {") + n->name + QLatin1Char('}'));
        }
        return {};
    case Qt::FontRole:
        if (n->kind == NodeKind::Project && index.column() == kNameColumn) {
            QFont font = QGuiApplication::font();
            font.setBold(true);
            return font;
        }
        return {};
    case Qt::ForegroundRole:
        // Counts are secondary: dimmed, in the palette of the moment (read when painting).
        if (index.column() == kCountColumn)
            return QGuiApplication::palette().color(QPalette::PlaceholderText);
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == kCountColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::AccessibleTextRole:
        return n->name;
    case KindRole:
        return int(n->kind);
    case KeyRole:
        return n->key;
    case MetricRole:
        return n->metric.isEmpty() ? QVariant() : QVariant(n->metric);
    case ScopeRole: {
        QVariantMap map;
        for (auto it = n->scope.cbegin(); it != n->scope.cend(); ++it)
            map.insert(it.key(), it.value());
        return map;
    }
    case SeriesCountRole:
        return n->seriesCount;
    case MetricCountRole:
        return n->metricCount;
    case UnitRole:
        return n->metric.isEmpty() ? QVariant() : QVariant(info.unit);
    case DescriptionRole:
        return n->metric.isEmpty() ? QVariant() : QVariant(info.description);
    case SearchTextRole:
        return n->searchText;
    case SeriesIdRole:
        return n->seriesId ? QVariant(n->seriesId) : QVariant();
    default:
        return {};
    }
}

QVariant CatalogTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    return section == kNameColumn ? tr("Metric") : tr("Series");
}

} // namespace stackscope::app
