#pragma once

#include "alerts/alert.h"

#include <QList>
#include <QWidget>

#include <optional>

class QLabel;
class QTreeWidget;
class QPushButton;

namespace stackscope::app {

// The selected alert in full (D6): what fired and where, its labels, value against threshold, times, the rule
// (with a link to edit it) and its history: every status change with who made it, when, and their comment.
class AlertDetailPane : public QWidget
{
    Q_OBJECT

public:
    // Roles of the history's second column (the text holds change, actor and comment for people).
    enum HistoryRole { ChangeRole = Qt::UserRole + 1, ActorRole, CommentRole };

    explicit AlertDetailPane(QWidget *parent = nullptr);

    void showAlert(const alerts::Alert &alert, const QList<alerts::AlertEvent> &history, qint64 nowMs);
    // "3 alerts selected", or the empty state.
    void showSelectionCount(int count);
    void clear();

    std::optional<alerts::Alert> alert() const { return m_alert; }
    QTreeWidget *historyView() const { return m_history; }

Q_SIGNALS:
    void editRuleRequested(const QString &ruleKey);

private:
    QLabel *addField(const QString &name);

    std::optional<alerts::Alert> m_alert;
    QWidget *m_body = nullptr;
    QLabel *m_placeholder = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_pills = nullptr;
    QLabel *m_summary = nullptr;
    QLabel *m_where = nullptr;
    QLabel *m_metric = nullptr;
    QLabel *m_value = nullptr;
    QLabel *m_times = nullptr;
    QPushButton *m_editRule = nullptr;
    QTreeWidget *m_history = nullptr;
    QList<QLabel *> m_fieldNames;
};

} // namespace stackscope::app
