#include "projectdialog.h"

#include "storejob.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

namespace stackscope::app {

namespace {

// Spin boxes show 0 as "Forever" (std::nullopt in a RetentionPolicy).
QSpinBox *makeDaysSpin(QWidget *parent, const QString &accessibleName)
{
    auto *spin = new QSpinBox(parent);
    spin->setRange(0, 36'500);
    spin->setSpecialValueText(ProjectDialog::tr("Forever"));
    spin->setSuffix(ProjectDialog::tr(" days"));
    spin->setAccessibleName(accessibleName);
    return spin;
}

} // namespace

const QList<QColor> &ProjectDialog::swatches()
{
    static const QList<QColor> colors{QColor(0x4c, 0x78, 0xdb), QColor(0x8e, 0x5c, 0xd9), QColor(0x1f, 0x9e, 0x89),
                                      QColor(0xd9, 0x6c, 0x2e), QColor(0xc9, 0x4f, 0x8a), QColor(0x3b, 0x9a, 0xc8),
                                      QColor(0x6b, 0x8e, 0x23), QColor(0x70, 0x70, 0x80)};
    return colors;
}

ProjectDialog::ProjectDialog(storage::StoreService &store, std::optional<storage::Project> existing, QWidget *parent)
    : QDialog(parent)
    , m_store(store)
    , m_existing(std::move(existing))
{
    setObjectName(QStringLiteral("projectDialog"));
    setWindowTitle(m_existing ? tr("Edit Project") : tr("New Project"));
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    layout->addLayout(form);

    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("projectNameEdit"));
    m_name->setAccessibleName(tr("Project name"));
    m_name->setPlaceholderText(tr("e.g. Storefront"));
    m_name->setMaxLength(80);
    form->addRow(tr("&Name:"), m_name);

    auto *colorRow = new QHBoxLayout;
    colorRow->setSpacing(4);
    m_colors = new QButtonGroup(this);
    for (int i = 0; i < swatches().size(); ++i) {
        const QColor color = swatches().at(i);
        auto *button = new QToolButton(this);
        button->setCheckable(true);
        button->setFixedSize(26, 26);
        button->setAccessibleName(tr("Colour %1").arg(color.name()));
        button->setToolTip(color.name());
        button->setStyleSheet(QStringLiteral("QToolButton { background: %1; border: 2px solid transparent; border-radius: 13px; }"
                                             "QToolButton:checked { border: 2px solid palette(text); }")
                                  .arg(color.name()));
        m_colors->addButton(button, i);
        colorRow->addWidget(button);
    }
    colorRow->addStretch();
    connect(m_colors, &QButtonGroup::idClicked, this, [this](int id) { m_color = swatches().value(id); });
    form->addRow(tr("Colour:"), colorRow);

    m_icon = new QComboBox(this);
    m_icon->setObjectName(QStringLiteral("projectIconCombo"));
    m_icon->setAccessibleName(tr("Project icon"));
    m_icon->addItem(tr("Initial letter"), QString());
    m_icon->addItem(tr("Pulse"), QStringLiteral("pulse"));
    m_icon->addItem(tr("Server"), QStringLiteral("service"));
    m_icon->addItem(tr("Chart"), QStringLiteral("explorer"));
    m_icon->addItem(tr("Dashboard"), QStringLiteral("dashboard"));
    form->addRow(tr("&Icon:"), m_icon);

    m_environment = new QComboBox(this);
    m_environment->setObjectName(QStringLiteral("environmentCombo"));
    m_environment->setAccessibleName(tr("Environment"));
    m_environment->addItem(tr("Production"), QStringLiteral("production"));
    m_environment->addItem(tr("Staging"), QStringLiteral("staging"));
    m_environment->addItem(tr("Development"), QStringLiteral("development"));
    form->addRow(tr("&Environment:"), m_environment);

    auto *retentionBox = new QGroupBox(tr("Keep data"), this);
    auto *retentionForm = new QFormLayout(retentionBox);
    const QStringList tiers{tr("Raw samples:"), tr("1-minute rollups:"), tr("1-hour rollups:"), tr("1-day rollups:")};
    const QStringList names{tr("Days to keep raw samples"), tr("Days to keep 1-minute rollups"),
                            tr("Days to keep 1-hour rollups"), tr("Days to keep 1-day rollups")};
    for (int i = 0; i < tiers.size(); ++i) {
        QSpinBox *spin = makeDaysSpin(retentionBox, names.at(i));
        spin->setObjectName(QStringLiteral("retention%1").arg(i));
        spin->setEnabled(false); // until the current values are read
        m_retention.append(spin);
        retentionForm->addRow(tiers.at(i), spin);
    }
    auto *hint = new QLabel(tr("Coarser tiers keep long ranges cheap; charts pick the finest tier that still has "
                               "the data."), retentionBox);
    hint->setWordWrap(true);
    hint->setForegroundRole(QPalette::PlaceholderText);
    retentionForm->addRow(hint);
    layout->addWidget(retentionBox);

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("projectError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #e03e3e;"));
    m_error->hide();
    layout->addWidget(m_error);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    m_buttons->setObjectName(QStringLiteral("dialogButtons"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ProjectDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(m_buttons);

    if (m_existing) {
        m_name->setText(m_existing->name);
        setColor(QColor(m_existing->color));
        m_icon->setCurrentIndex(std::max(0, m_icon->findData(m_existing->icon)));
        m_environment->setCurrentIndex(std::max(0, m_environment->findData(m_existing->environment)));
    } else {
        setColor(swatches().first());
    }
    loadRetention();
    setMinimumWidth(440);
}

void ProjectDialog::setColor(const QColor &color)
{
    for (int i = 0; i < swatches().size(); ++i) {
        if (swatches().at(i) == color) {
            m_colors->button(i)->setChecked(true);
            m_color = color;
            return;
        }
    }
    m_color = color.isValid() ? color : swatches().first();
    if (!color.isValid())
        m_colors->button(0)->setChecked(true);
}

QString ProjectDialog::errorText() const
{
    return m_error->isVisible() ? m_error->text() : QString();
}

void ProjectDialog::loadRetention()
{
    // A new project starts from the workspace's defaults.
    const QString project = m_existing ? m_existing->name : QString();
    runStoreJob<storage::RetentionPolicy>(
        m_store, this, [project](storage::MetricStore &store) { return store.retention(project); },
        [this](Result<storage::RetentionPolicy> policy) {
            showRetention(policy ? *policy : storage::RetentionPolicy{});
            m_retentionLoaded = true;
            Q_EMIT retentionLoaded();
        });
}

void ProjectDialog::showRetention(const storage::RetentionPolicy &policy)
{
    const std::optional<int> days[] = {policy.rawDays, policy.minuteDays, policy.hourDays, policy.dayDays};
    for (int i = 0; i < m_retention.size(); ++i) {
        m_retention.at(i)->setValue(days[i].value_or(0));
        m_retention.at(i)->setEnabled(true);
    }
}

storage::RetentionPolicy ProjectDialog::readRetention() const
{
    auto days = [this](int i) -> std::optional<int> {
        const int value = m_retention.at(i)->value();
        return value == 0 ? std::nullopt : std::optional<int>(value);
    };
    storage::RetentionPolicy policy;
    policy.rawDays = days(0);
    policy.minuteDays = days(1);
    policy.hourDays = days(2);
    policy.dayDays = days(3);
    return policy;
}

void ProjectDialog::fail(const QString &message)
{
    m_saving = false;
    m_buttons->setEnabled(true);
    m_error->setText(message);
    m_error->show();
    Q_EMIT saveFailed(message);
}

void ProjectDialog::accept()
{
    if (m_saving)
        return;
    const QString name = m_name->text().simplified();
    if (name.isEmpty()) {
        fail(tr("Give the project a name."));
        m_name->setFocus();
        return;
    }
    storage::Project project = m_existing.value_or(storage::Project{});
    project.name = name;
    project.color = m_color.name();
    project.icon = m_icon->currentData().toString();
    project.environment = m_environment->currentData().toString();
    const storage::RetentionPolicy policy = readRetention();
    const bool retentionKnown = m_retentionLoaded;
    const bool adding = !m_existing.has_value();
    m_saving = true;
    m_buttons->setEnabled(false);
    m_error->hide();
    runStoreJob<storage::Project>(
        m_store, this,
        [project, policy, retentionKnown, adding](storage::MetricStore &store) -> Result<storage::Project> {
            storage::Project saved = project;
            if (adding) {
                auto added = store.projects().add(project, QDateTime::currentMSecsSinceEpoch());
                if (!added)
                    return added.error();
                saved = std::move(added).value();
            } else if (Status status = store.projects().update(project); !status) {
                return status.error();
            }
            if (retentionKnown) {
                if (Status status = store.setRetention(saved.name, policy); !status)
                    return status.error();
            }
            return saved;
        },
        [this](Result<storage::Project> saved) {
            if (!saved) {
                fail(saved.error().userMessage);
                return;
            }
            m_saving = false;
            Q_EMIT projectSaved(*saved);
            QDialog::accept();
        });
}

} // namespace stackscope::app
