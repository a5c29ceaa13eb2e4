#pragma once

#include "workspacepage.h"

#include "dashboard/dashboardspec.h"

#include <QMap>
#include <QPointer>

class QLabel;
class QPushButton;
class QTabWidget;

namespace stackscope::app {

class AlertingHost;
class AlertListPanel;
class ChannelsDialog;
class MuteWindowsDialog;
class OutboxPanel;
class RuleEditorDialog;
class RuleListPanel;

// The main window's "Alerts" page (D6): a header with the unhandled counts and the Evaluate Now, Mute Windows…
// and Channels… buttons, and three tabs: the alerts (filters, paging, actions, detail with history), the rules,
// and delivery problems (failed notifications with Retry). Everything it shows comes from the AlertingHost's
// workspace, read on the store thread.
class AlertsPage : public WorkspacePage
{
    Q_OBJECT

public:
    enum Tab { AlertsTab, RulesTab, DeliveryTab };

    explicit AlertsPage(AlertingHost *host, QWidget *parent = nullptr);

    void setContent(const WorkspaceContent &content) override;
    void setTimeRange(const TimeRange &range) override;
    void refresh() override;

    // A clicked desktop notification: the alert in the detail pane.
    void showAlert(qint64 alertId);
    // "Alert on this…" from a dashboard panel: the rule editor, pre-filled.
    RuleEditorDialog *alertOnPanel(const dashboard::PanelSpec &panel, const QString &dashboardUuid = {});
    ChannelsDialog *openChannels();
    MuteWindowsDialog *openMuteWindows();
    void showTab(Tab tab);

    AlertingHost *host() const { return m_host; }
    AlertListPanel *alertList() const { return m_alerts; }
    RuleListPanel *ruleList() const { return m_rules; }
    OutboxPanel *outbox() const { return m_outbox; }
    QTabWidget *tabs() const { return m_tabs; }
    QLabel *countsLabel() const { return m_counts; }

protected:
    void showEvent(QShowEvent *event) override;

private:
    void onCountsChanged(qint64 info, qint64 warning, qint64 critical);
    void onDeliveryCounts(qint64 pending, qint64 failed);

    AlertingHost *m_host;
    QMap<QString, QStringList> m_scopes;
    QLabel *m_counts = nullptr;
    QLabel *m_demoNote = nullptr;
    QTabWidget *m_tabs = nullptr;
    AlertListPanel *m_alerts = nullptr;
    RuleListPanel *m_rules = nullptr;
    OutboxPanel *m_outbox = nullptr;
    QPointer<ChannelsDialog> m_channelsDialog;
    bool m_loaded = false;
};

} // namespace stackscope::app
