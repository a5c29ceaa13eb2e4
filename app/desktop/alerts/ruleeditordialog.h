#pragma once

#include "rules/alertrule.h"
#include "util/result.h"

#include <QDialog>
#include <QMap>
#include <QStringList>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;

namespace stackscope::app {

// Edits one alert rule (A1): what it watches (metric, label filters, project/service scope), the condition
// (threshold above/below, rate of change absolute or in percent, no data, learned band with its sensitivity and
// the history it needs), the window (5 min, 15 min, 1 h or custom), "for", aggregation, severity, channels,
// cooldown, auto-resolve and reopen grace. The rule is checked with rules::ruleFromJson, whose plain-words
// message shows in the dialog; a checked rule goes out through saveRequested(), and the owner answers with
// saveFinished() (the dialog closes on success, or shows why the store refused it, e.g. a duplicate name).
class RuleEditorDialog : public QDialog
{
    Q_OBJECT

public:
    explicit RuleEditorDialog(QWidget *parent = nullptr);

    // Choices for the pickers; the rule's own values are kept even when not among them.
    void setMetrics(const QStringList &metrics);
    void setScopes(const QMap<QString, QStringList> &servicesByProject);
    void setChannels(const QStringList &channelNames);

    void setRule(const rules::AlertRule &rule);
    // The rule as the form says, checked like a rule file (ruleFromJson); id and uuid of the edited rule kept.
    Result<rules::AlertRule> rule() const;

    void saveFinished(const Status &status);
    QString errorText() const;
    // Plain words: "Fires when the sum of twilio.sms.failed over 15 min is above 25 for 5 min."
    QString summaryText() const;

    void accept() override; // checks, then saveRequested()

Q_SIGNALS:
    void saveRequested(const stackscope::rules::AlertRule &rule);

private:
    QWidget *buildWhat();
    QWidget *buildCondition();
    QWidget *buildNotify();
    void rebuildChannels(const QStringList &checked);
    void updateVisibility();
    void updateSummary();
    void showError(const QString &message);
    qint64 windowMs() const;
    void setWindowMs(qint64 ms);
    static void selectData(QComboBox *combo, const QVariant &data);
    static void setEditableText(QComboBox *combo, const QString &text);

    rules::AlertRule m_original;
    QMap<QString, QStringList> m_scopes;
    QStringList m_channelNames;
    QLineEdit *m_name = nullptr;
    QLineEdit *m_description = nullptr;
    QCheckBox *m_enabled = nullptr;
    QComboBox *m_metric = nullptr;
    QLineEdit *m_labels = nullptr;
    QComboBox *m_project = nullptr;
    QComboBox *m_service = nullptr;
    QCheckBox *m_acrossSeries = nullptr;
    QComboBox *m_condition = nullptr;
    QComboBox *m_comparison = nullptr;
    QDoubleSpinBox *m_threshold = nullptr;
    QCheckBox *m_percent = nullptr;
    QDoubleSpinBox *m_sensitivity = nullptr;
    QSpinBox *m_historyWeeks = nullptr;
    QLabel *m_learningNote = nullptr;
    QComboBox *m_aggregation = nullptr;
    QComboBox *m_window = nullptr;
    QSpinBox *m_customWindow = nullptr;
    QSpinBox *m_for = nullptr;
    QComboBox *m_severity = nullptr;
    QListWidget *m_channels = nullptr;
    QSpinBox *m_cooldown = nullptr;
    QCheckBox *m_autoResolve = nullptr;
    QSpinBox *m_reopenGrace = nullptr;
    QLabel *m_summary = nullptr;
    QLabel *m_error = nullptr;
    QPushButton *m_save = nullptr;
    QFormLayout *m_conditionForm = nullptr;
};

} // namespace stackscope::app
