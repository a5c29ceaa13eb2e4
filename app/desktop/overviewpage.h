#pragma once

#include "viewtemplates.h"
#include "workspacepage.h"

#include <QList>

class QGridLayout;
class QLabel;
class QPushButton;
class QScrollArea;
class QStackedWidget;

namespace stackscope::connector { class ConnectorRegistry; }
namespace stackscope::storage { class StoreService; }

namespace stackscope::app {

class ProjectTile;

// All projects at a glance (P3): one ProjectTile per project, with its health and key numbers over the current
// time range. The numbers are queried on the store thread, one query per figure; answers for an older range or
// content are dropped.
class OverviewPage : public WorkspacePage
{
    Q_OBJECT

public:
    OverviewPage(storage::StoreService *store, const connector::ConnectorRegistry &registry, QWidget *parent = nullptr);

    void setContent(const WorkspaceContent &content) override;
    void setTimeRange(const TimeRange &range) override;
    void refresh() override;

    QList<ProjectTile *> tiles() const { return m_tiles; }
    ProjectTile *tileOf(qint64 projectId) const;
    bool isLoaded() const { return m_pending == 0; }

Q_SIGNALS:
    void projectActivated(qint64 projectId);
    void newProjectRequested();
    void addServiceRequested();
    void figuresLoaded();
    void serviceActivated(qint64 serviceId);

protected:
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void rebuildTiles();
    void relayout();
    void updateAttention();
    void loadFigures();

    storage::StoreService *m_store;
    const connector::ConnectorRegistry &m_registry;
    WorkspaceContent m_content;
    TimeRange m_range;
    QLabel *m_title = nullptr;
    QLabel *m_summary = nullptr;
    QStackedWidget *m_stack = nullptr;
    QScrollArea *m_scroll = nullptr;
    QWidget *m_grid = nullptr;
    QGridLayout *m_gridLayout = nullptr;
    QWidget *m_empty = nullptr;
    QLabel *m_attention = nullptr;
    QList<ProjectTile *> m_tiles;
    QList<QList<ViewTemplates::Headline>> m_headlines; // per tile
    int m_columns = 0;
    int m_pending = 0;
    quint64 m_generation = 0;
};

} // namespace stackscope::app
