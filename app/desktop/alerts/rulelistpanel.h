#pragma once

#include "alerts/alertrulerepository.h"
#include "dashboard/dashboardspec.h"

#include <QList>
#include <QMap>
#include <QWidget>

#include <functional>

class QLabel;
class QPushButton;
class QTreeWidget;

namespace stackscope::storage { class MetricStore; }

namespace stackscope::app {

class AlertingHost;
class RuleEditorDialog;

// The alert rules (A1): each with an on/off switch, its condition in short, severity, scope and channels, and
// any problem that stops it from being evaluated; New, Edit, Duplicate, Delete, and Import…/Export… of rule files
// (the format of `stackscoped rules export`). Changes go to the store thread and wake the engine.
class RuleListPanel : public QWidget
{
    Q_OBJECT

public:
    enum Column { EnabledColumn, NameColumn, ConditionColumn, SeverityColumn, ScopeColumn, ChannelsColumn, ColumnCount };

    explicit RuleListPanel(AlertingHost *host, QWidget *parent = nullptr);

    void reload();
    void setScopes(const QMap<QString, QStringList> &servicesByProject) { m_scopes = servicesByProject; }

    // Each opens the rule editor (window-modal, not blocking) and returns it.
    RuleEditorDialog *newRule(const rules::AlertRule &prefill = {});
    RuleEditorDialog *editRule(const QString &ruleKey);    // by uuid; nullptr when there is no such rule
    RuleEditorDialog *newRuleFromPanel(const dashboard::PanelSpec &panel, const QString &dashboardUuid);

    void setEnabled(qint64 ruleId, bool enabled);
    void duplicate(qint64 ruleId);
    void remove(qint64 ruleId);                            // asks first unless `confirmed`
    void removeConfirmed(qint64 ruleId);
    void importRules(const QByteArray &fileData);
    QByteArray exportRules() const;                        // the rules that read, in the rule file format

    const QList<alerts::StoredRule> &rules() const { return m_rules; }
    QTreeWidget *tree() const { return m_tree; }
    qint64 selectedRuleId() const;

Q_SIGNALS:
    void loaded();
    void changed(const QString &problem);                  // after a change went to the store (empty: fine)

private:
    void onLoaded(Result<QList<alerts::StoredRule>> rules);
    RuleEditorDialog *openEditor(const rules::AlertRule &rule);
    void runChange(std::function<Status(storage::MetricStore &, qint64 nowMs)> change);
    void importFromFile();
    void exportToFile();
    void updateButtons();
    const alerts::StoredRule *ruleById(qint64 id) const;

    AlertingHost *m_host;
    QList<alerts::StoredRule> m_rules;
    QMap<QString, QStringList> m_scopes;
    QTreeWidget *m_tree = nullptr;
    QLabel *m_message = nullptr;
    QPushButton *m_edit = nullptr;
    QPushButton *m_duplicate = nullptr;
    QPushButton *m_delete = nullptr;
    bool m_filling = false;
};

// "sum > 25 over 15 min for 5 min", "no data for 2 h", "outside the usual band (±3) over 15 min".
QString ruleConditionText(const rules::AlertRule &rule);

} // namespace stackscope::app
