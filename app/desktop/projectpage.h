#pragma once

#include "workspacepage.h"

#include <optional>

class QHBoxLayout;
class QLabel;
class QPushButton;
class QScrollArea;
class QToolButton;

namespace stackscope::connector { class ConnectorRegistry; }
namespace stackscope::storage { class StoreService; }

namespace stackscope::app {

class DashboardView;

// One project (P3): its name, environment and health, a strip of its services (health dot, name; the last
// error of any failing one in words) that open the service on click, and the project template — the critical
// metrics of all its services together — as a read-only dashboard.
class ProjectPage : public WorkspacePage
{
    Q_OBJECT

public:
    ProjectPage(storage::StoreService *store, const connector::ConnectorRegistry &registry, QWidget *parent = nullptr);

    void setContent(const WorkspaceContent &content) override;
    void setTimeRange(const TimeRange &range) override;
    void refresh() override;

    void showProject(qint64 projectId);
    qint64 projectId() const { return m_projectId; }
    QString title() const;
    DashboardView *dashboardView() const { return m_view; }
    QList<QToolButton *> serviceButtons() const { return m_serviceButtons; }

Q_SIGNALS:
    void serviceActivated(qint64 serviceId);
    void editProjectRequested(qint64 projectId);
    void addServiceRequested(const QString &project);
    void newDashboardRequested(const QString &project);

private:
    void updateHeader();

    storage::StoreService *m_store;
    const connector::ConnectorRegistry &m_registry;
    WorkspaceContent m_content;
    std::optional<TimeRange> m_range; // the window's; re-applied over a dashboard's default range
    qint64 m_projectId = 0;
    QString m_shownKey;

    QLabel *m_badge = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_subtitle = nullptr;
    QHBoxLayout *m_strip = nullptr;
    QScrollArea *m_stripScroll = nullptr;
    QList<QToolButton *> m_serviceButtons;
    QLabel *m_errors = nullptr;
    DashboardView *m_view = nullptr;
};

} // namespace stackscope::app
