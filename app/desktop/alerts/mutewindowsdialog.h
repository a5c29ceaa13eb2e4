#pragma once

#include "alerts/mutewindow.h"
#include "util/result.h"

#include <QDialog>
#include <QList>
#include <QMap>

#include <functional>

class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTreeWidget;

namespace stackscope::storage { class MetricStore; }

namespace stackscope::app {

class AlertingHost;

// Mute and maintenance windows (A4): while one covers an alert's project, service or rule, the alert is still
// recorded but nobody is notified. Lists the windows that can still apply; adds one (once, daily or weekly, from
// a start for a number of hours, with a reason) and removes one.
class MuteWindowsDialog : public QDialog
{
    Q_OBJECT

public:
    MuteWindowsDialog(AlertingHost *host, const QMap<QString, QStringList> &servicesByProject,
                      const QList<QPair<QString, QString>> &rules, QWidget *parent = nullptr);  // rules: (name, uuid)

    void reload();
    // The form's window (for tests: fill the form, then addFromForm()).
    void addFromForm();
    void add(const alerts::MuteWindow &window);
    void remove(qint64 windowId);

    const QList<alerts::MuteWindow> &windows() const { return m_windows; }
    QTreeWidget *tree() const { return m_tree; }
    QComboBox *projectCombo() const { return m_project; }
    QComboBox *recurrenceCombo() const { return m_recurrence; }
    QLineEdit *reasonEdit() const { return m_reason; }

Q_SIGNALS:
    void loaded();
    void changed(const QString &problem);

private:
    void runChange(std::function<Status(storage::MetricStore &, qint64)> change);

    AlertingHost *m_host;
    QMap<QString, QStringList> m_scopes;
    QList<alerts::MuteWindow> m_windows;
    QMap<QString, QString> m_ruleNames;   // uuid -> name
    QTreeWidget *m_tree = nullptr;
    QComboBox *m_project = nullptr;
    QComboBox *m_service = nullptr;
    QComboBox *m_rule = nullptr;
    QDateTimeEdit *m_start = nullptr;
    QSpinBox *m_hours = nullptr;
    QComboBox *m_recurrence = nullptr;
    QLineEdit *m_reason = nullptr;
    QLabel *m_message = nullptr;
    QPushButton *m_remove = nullptr;
};

} // namespace stackscope::app
