#pragma once

#include "storage/metricstore.h"

#include <QAbstractItemModel>
#include <QHash>
#include <QList>

#include <memory>
#include <vector>

namespace stackscope::app {

// The workspace's metric catalogue as a tree: project → service → metric → series. The service is the
// "service" label that polled and demo samples carry; series without one sit under "No service". A metric with
// a single series that has no labels beyond project and service is a leaf (its one series would only repeat
// it). Column 0 is the name, column 1 the number of series below the node.
class CatalogTreeModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum class NodeKind { Project, Service, Metric, Series };
    Q_ENUM(NodeKind)

    enum Role {
        KindRole = Qt::UserRole + 1, // NodeKind as int
        KeyRole,                     // stable key of the node (series: SeriesListModel::keyOf)
        MetricRole,                  // metric and series nodes
        ScopeRole,                   // QVariantMap: the labels that pin the node (project, service, series labels)
        SeriesCountRole,
        MetricCountRole,             // project and service nodes
        UnitRole,                    // metric and series nodes, from the catalogue
        DescriptionRole,
        SearchTextRole,              // lower case: the node's own words and those of its ancestors
        SeriesIdRole,                // series nodes (and single-series metric leaves)
    };

    static constexpr int kNameColumn = 0;
    static constexpr int kCountColumn = 1;

    explicit CatalogTreeModel(QObject *parent = nullptr);
    ~CatalogTreeModel() override;

    // Rebuilds the tree (a model reset) unless the listing and the metric infos are the same as before;
    // returns whether anything changed.
    bool setCatalogue(QList<storage::SeriesInfo> series, QHash<QString, MetricInfo> metricInfos);
    void clear();

    const QList<storage::SeriesInfo> &series() const { return m_series; }
    const QHash<QString, MetricInfo> &metricInfos() const { return m_infos; }
    QModelIndex indexOfKey(const QString &key) const;
    // The first metric node of that name, in tree order.
    QModelIndex indexOfMetric(const QString &metric) const;

    static QString projectKey(const QString &project);
    static QString serviceKey(const QString &project, const QString &service);
    static QString metricKey(const QString &project, const QString &service, const QString &metric);
    static QString serviceOf(const storage::SeriesInfo &series);

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Node;
    Node *nodeOf(const QModelIndex &index) const;
    QModelIndex indexOfNode(const Node *node, int column = 0) const;
    void build();

    std::unique_ptr<Node> m_root;
    QHash<QString, Node *> m_byKey;
    QList<storage::SeriesInfo> m_series;
    QHash<QString, MetricInfo> m_infos;
};

} // namespace stackscope::app
