#include "newdashboarddialog.h"

#include "icons.h"
#include "viewtemplates.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QVBoxLayout>

namespace stackscope::app {

namespace {
constexpr int kIdRole = Qt::UserRole + 1;
constexpr int kNameRole = Qt::UserRole + 2;
} // namespace

NewDashboardDialog::NewDashboardDialog(const QStringList &projects, const QString &project, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("newDashboardDialog"));
    setWindowTitle(tr("New Dashboard"));
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("dashboardNameEdit"));
    m_name->setAccessibleName(tr("Dashboard name"));
    m_name->setMaxLength(100);
    form->addRow(tr("&Name:"), m_name);
    m_project = new QComboBox(this);
    m_project->setObjectName(QStringLiteral("dashboardProjectCombo"));
    m_project->setAccessibleName(tr("Where the dashboard lives"));
    m_project->addItem(tr("Whole workspace (mixes projects)"), QString());
    for (const QString &p : projects)
        m_project->addItem(p, p);
    m_project->setCurrentIndex(std::max(0, m_project->findData(project)));
    form->addRow(tr("&In:"), m_project);
    layout->addLayout(form);

    layout->addWidget(new QLabel(tr("Start from:"), this));
    m_templates = new QListWidget(this);
    m_templates->setObjectName(QStringLiteral("dashboardTemplates"));
    m_templates->setAccessibleName(tr("Dashboard templates"));
    m_templates->setIconSize(QSize(20, 20));
    auto addTemplate = [this](const QString &id, const QString &name, const QString &description) {
        auto *item = new QListWidgetItem(Icons::line(QStringLiteral("dashboard"), palette()),
                                         description.isEmpty() ? name : name + QStringLiteral(" — ") + description,
                                         m_templates);
        item->setData(kIdRole, id);
        item->setData(kNameRole, name);
        item->setData(Qt::AccessibleTextRole, name);
    };
    addTemplate(QString(), tr("Blank dashboard"), tr("an empty grid to fill from the explorer or the panel menu"));
    for (const ViewTemplates::Scenario &s : ViewTemplates::scenarios())
        addTemplate(s.id, s.name, s.description);
    m_templates->setCurrentRow(0);
    connect(m_templates, &QListWidget::currentItemChanged, this, [this](QListWidgetItem *item) {
        // Name the dashboard after its template until the user types a name of their own.
        if (!item || (!m_name->text().isEmpty() && m_name->text() != m_autoName))
            return;
        m_autoName = item->data(kIdRole).toString().isEmpty() ? QString() : item->data(kNameRole).toString();
        m_name->setText(m_autoName);
    });
    connect(m_templates, &QListWidget::itemDoubleClicked, this, &NewDashboardDialog::accept);
    layout->addWidget(m_templates, 1);

    m_error = new QLabel(this);
    m_error->setStyleSheet(QStringLiteral("color: #e03e3e;"));
    m_error->hide();
    layout->addWidget(m_error);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->setObjectName(QStringLiteral("dialogButtons"));
    connect(buttons, &QDialogButtonBox::accepted, this, &NewDashboardDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(560, 420);
}

QString NewDashboardDialog::name() const
{
    return m_name->text().simplified();
}

QString NewDashboardDialog::project() const
{
    return m_project->currentData().toString();
}

QString NewDashboardDialog::scenarioId() const
{
    QListWidgetItem *item = m_templates->currentItem();
    return item ? item->data(kIdRole).toString() : QString();
}

bool NewDashboardDialog::selectScenario(const QString &id)
{
    for (int i = 0; i < m_templates->count(); ++i) {
        if (m_templates->item(i)->data(kIdRole).toString() == id) {
            m_templates->setCurrentRow(i);
            return true;
        }
    }
    return false;
}

void NewDashboardDialog::accept()
{
    if (name().isEmpty()) {
        m_error->setText(tr("Give the dashboard a name."));
        m_error->show();
        m_name->setFocus();
        return;
    }
    Q_EMIT dashboardRequested(name(), project(), scenarioId());
    QDialog::accept();
}

} // namespace stackscope::app
