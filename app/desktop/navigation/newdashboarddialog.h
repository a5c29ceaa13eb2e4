#pragma once

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;

namespace stackscope::app {

// "New Dashboard…": a name, where it lives (the whole workspace or one project) and what it starts from — a
// blank grid or one of the scenario templates ("Auth health", "Messaging delivery", …).
class NewDashboardDialog : public QDialog
{
    Q_OBJECT

public:
    NewDashboardDialog(const QStringList &projects, const QString &project, QWidget *parent = nullptr);

    QString name() const;
    QString project() const;      // empty: workspace-wide
    QString scenarioId() const;   // empty: blank
    bool selectScenario(const QString &id);
    QLineEdit *nameEdit() const { return m_name; }
    QListWidget *templateList() const { return m_templates; }

public Q_SLOTS:
    void accept() override;

Q_SIGNALS:
    void dashboardRequested(const QString &name, const QString &project, const QString &scenarioId);

private:
    QLineEdit *m_name = nullptr;
    QComboBox *m_project = nullptr;
    QListWidget *m_templates = nullptr;
    QLabel *m_error = nullptr;
    QString m_autoName;
};

} // namespace stackscope::app
