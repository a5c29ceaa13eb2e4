#pragma once

#include "workspacepage.h"

#include <optional>

#include <QPointer>

class QLabel;
class QPushButton;

namespace stackscope::connector { class ConnectorRegistry; }
namespace stackscope::secrets { class SecretStore; }
namespace stackscope::storage { class StoreService; }

namespace stackscope::app {

class ConnectionTester;
class DashboardView;

// One service (P3): a header with its health in words, last error, last success and next run, the actions
// Edit…, Test connection and Poll now, and below it the connector's service template as a read-only dashboard.
class ServicePage : public WorkspacePage
{
    Q_OBJECT

public:
    ServicePage(storage::StoreService *store, secrets::SecretStore &secrets,
                const connector::ConnectorRegistry &registry, QWidget *parent = nullptr);

    void setContent(const WorkspaceContent &content) override;
    void setTimeRange(const TimeRange &range) override;
    void refresh() override;

    void showService(qint64 serviceId);
    qint64 serviceId() const { return m_serviceId; }
    QString title() const;
    DashboardView *dashboardView() const { return m_view; }
    void setPollingAvailable(bool available); // false in demo workspaces: they never poll
    void testConnection();

Q_SIGNALS:
    void editRequested(qint64 serviceId);
    void pollNowRequested();
    void testFinished(bool ok, const QString &message);

private:
    void updateHeader();
    void setFeedback(const QString &text, HealthLevel tone);

    storage::StoreService *m_store;
    secrets::SecretStore &m_secrets;
    const connector::ConnectorRegistry &m_registry;
    WorkspaceContent m_content;
    std::optional<TimeRange> m_range; // the window's; re-applied over a dashboard's default range
    qint64 m_serviceId = 0;
    QString m_shownKey; // the dashboard shown: service id + type + name, so a reload keeps it when unchanged
    bool m_pollingAvailable = true;

    QLabel *m_title = nullptr;
    QLabel *m_subtitle = nullptr;
    QLabel *m_state = nullptr;
    QLabel *m_details = nullptr;
    QLabel *m_feedback = nullptr;
    QPushButton *m_edit = nullptr;
    QPushButton *m_test = nullptr;
    QPushButton *m_poll = nullptr;
    ConnectionTester *m_tester = nullptr;
    DashboardView *m_view = nullptr;
};

} // namespace stackscope::app
