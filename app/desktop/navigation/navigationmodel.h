#pragma once

#include "navigationtarget.h"
#include "workspacecontent.h"

#include <QAbstractItemModel>
#include <QIcon>

#include <memory>
#include <vector>

namespace stackscope::app {

// The navigation tree (left of the main window):
//   Overview → projects → services
//   Dashboards → workspace-wide dashboards, then one folder per project with its dashboards
//   Explorer
//   Alerts (with the number of open alerts, once the alerts panel reports it)
// Rebuilt from a WorkspaceContent value (a model reset); NavigationPane keeps the selection and expansion.
class NavigationModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Role { KindRole = Qt::UserRole + 1, IdRole, ProjectRole, HealthRole, DetailRole };

    explicit NavigationModel(QObject *parent = nullptr);
    ~NavigationModel() override;

    void setContent(const WorkspaceContent &content);
    void clear();
    void setOpenAlerts(int count); // shown next to "Alerts"

    NavigationTarget targetAt(const QModelIndex &index) const;
    QModelIndex indexOf(const NavigationTarget &target) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

private:
    struct Node
    {
        NavigationTarget target;
        QString name;
        QString detail;                 // tooltip
        QString color;                  // projects: the stored colour
        HealthLevel level = HealthLevel::Unknown;
        bool hasLevel = false;
        Node *parent = nullptr;
        int row = 0;
        std::vector<std::unique_ptr<Node>> children;
        Node *add(std::unique_ptr<Node> child);
    };

    void rebuild(const WorkspaceContent &content);
    QModelIndex indexOfNode(const Node *node) const;
    const Node *find(const Node *from, const NavigationTarget &target) const;
    QIcon iconFor(const Node &node) const;

    std::unique_ptr<Node> m_root;
    Node *m_alerts = nullptr;
    int m_openAlerts = 0;
};

} // namespace stackscope::app
