#include "serviceeditdialog.h"

#include "connectiontester.h"
#include "servicecredentials.h"
#include "storejob.h"
#include "uilogging.h"

#include "connector/connectorregistry.h"
#include "net/httpclient.h"
#include "storage/servicerepository.h"
#include "util/clock.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QScreen>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace stackscope::app {

namespace {

constexpr qint64 kMaxIntervalS = 86'400; // as `stackscoped service add`
constexpr qint64 kMinute = 60;
constexpr qint64 kHour = 3600;

QString formatDuration(qint64 seconds)
{
    if (seconds >= 86'400 && seconds % 86'400 == 0)
        return ServiceEditDialog::tr("%1 d").arg(seconds / 86'400);
    if (seconds >= kHour && seconds % kHour == 0)
        return ServiceEditDialog::tr("%1 h").arg(seconds / kHour);
    if (seconds >= kMinute && seconds % kMinute == 0)
        return ServiceEditDialog::tr("%1 min").arg(seconds / kMinute);
    return ServiceEditDialog::tr("%1 s").arg(seconds);
}

QString keychainFailure(const Error &error)
{
    if (error.code == Error::Code::KeychainUnavailable)
        return ServiceEditDialog::tr("The system keychain is not available (%1). Make sure a Secret Service such as "
                                     "GNOME Keyring or KWallet is running and unlocked, then save again.")
            .arg(error.userMessage);
    return ServiceEditDialog::tr("The system keychain could not store the credentials: %1").arg(error.userMessage);
}

} // namespace

ServiceEditDialog::ServiceEditDialog(storage::StoreService &store, secrets::SecretStore &secrets,
                                     const connector::ConnectorRegistry &registry, const QStringList &projects,
                                     std::optional<ServiceConfig> existing, QWidget *parent)
    : QDialog(parent)
    , m_store(store)
    , m_secrets(secrets)
    , m_registry(registry)
    , m_existing(std::move(existing))
    , m_tester(new ConnectionTester(registry, this))
{
    setObjectName(QStringLiteral("serviceEditDialog"));
    setWindowTitle(m_existing ? tr("Edit Service") : tr("Add Service"));
    connect(m_tester, &ConnectionTester::finished, this, &ServiceEditDialog::onTestFinished);
    buildUi(projects);
    if (m_existing) {
        populateFromExisting();
        checkStoredCredentials();
    } else {
        rebuildFields();
    }
    resize(600, 600);
    fitToContents(true);
}

ServiceEditDialog::~ServiceEditDialog() = default;

void ServiceEditDialog::buildUi(const QStringList &projects)
{
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->setSpacing(0);

    auto *scroll = new QScrollArea(this);
    m_scroll = scroll;
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidgetResizable(true);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_form = new QWidget(scroll);
    auto *layout = new QVBoxLayout(m_form);
    layout->setContentsMargins(16, 14, 16, 8);
    layout->setSpacing(12);
    scroll->setWidget(m_form);
    outer->addWidget(scroll, 1);

    // The service itself.
    auto *serviceBox = new QGroupBox(tr("Service"), m_form);
    auto *serviceForm = new QFormLayout(serviceBox);
    m_forms.append(serviceForm);
    serviceForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_type = new QComboBox(serviceBox);
    m_type->setObjectName(QStringLiteral("typeCombo"));
    m_type->setAccessibleName(tr("Service type"));
    QList<const connector::ConnectorInfo *> infos = m_registry.all();
    std::sort(infos.begin(), infos.end(), [](const auto *a, const auto *b) {
        return QString::localeAwareCompare(a->displayName, b->displayName) < 0;
    });
    for (const connector::ConnectorInfo *info : std::as_const(infos))
        m_type->addItem(info->displayName, info->typeId);
    serviceForm->addRow(tr("&Type:"), m_type);

    m_project = new QComboBox(serviceBox);
    m_project->setObjectName(QStringLiteral("projectCombo"));
    m_project->setAccessibleName(tr("Project"));
    m_project->setEditable(true);
    m_project->setInsertPolicy(QComboBox::NoInsert);
    m_project->addItems(projects);
    m_project->lineEdit()->setPlaceholderText(tr("The product or team it belongs to, e.g. “Shop”"));
    m_project->setToolTip(tr("Choose a project or type a new one. Every sample of the service is labelled with it."));
    serviceForm->addRow(tr("&Project:"), m_project);

    m_name = new QLineEdit(serviceBox);
    m_name->setObjectName(QStringLiteral("nameEdit"));
    m_name->setAccessibleName(tr("Service name"));
    m_name->setPlaceholderText(tr("Unique within the project, e.g. “Transactional mail”"));
    m_name->setMaxLength(200);
    serviceForm->addRow(tr("&Name:"), m_name);
    layout->addWidget(serviceBox);

    // The connector's fields, rebuilt when the type changes.
    m_settingsBox = new QGroupBox(tr("Settings"), m_form);
    m_settingsBox->setObjectName(QStringLiteral("settingsBox"));
    m_settingsForm = new QFormLayout(m_settingsBox);
    m_forms.append(m_settingsForm);
    m_settingsForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    layout->addWidget(m_settingsBox);

    m_credentialsBox = new QGroupBox(tr("Credentials"), m_form);
    m_credentialsBox->setObjectName(QStringLiteral("credentialsBox"));
    m_credentialsForm = new QFormLayout(m_credentialsBox);
    m_forms.append(m_credentialsForm);
    m_credentialsForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    layout->addWidget(m_credentialsBox);

    // Polling.
    auto *pollingBox = new QGroupBox(tr("Polling"), m_form);
    auto *pollingForm = new QFormLayout(pollingBox);
    m_forms.append(pollingForm);
    auto *intervalRow = new QHBoxLayout;
    intervalRow->setSpacing(6);
    m_interval = new QSpinBox(pollingBox);
    m_interval->setObjectName(QStringLiteral("intervalSpin"));
    m_interval->setAccessibleName(tr("Polling interval"));
    m_interval->setMinimumWidth(80);
    m_intervalUnit = new QComboBox(pollingBox);
    m_intervalUnit->setObjectName(QStringLiteral("intervalUnit"));
    m_intervalUnit->setAccessibleName(tr("Polling interval unit"));
    m_intervalUnit->addItem(tr("minutes"), kMinute);
    m_intervalUnit->addItem(tr("hours"), kHour);
    intervalRow->addWidget(m_interval);
    intervalRow->addWidget(m_intervalUnit);
    intervalRow->addStretch();
    auto *intervalLabel = new QLabel(tr("Poll &every:"), pollingBox);
    intervalLabel->setBuddy(m_interval);
    pollingForm->addRow(intervalLabel, intervalRow);
    m_intervalHint = new QLabel(pollingBox);
    m_intervalHint->setObjectName(QStringLiteral("intervalHint"));
    m_intervalHint->setForegroundRole(QPalette::PlaceholderText);
    m_intervalHint->setWordWrap(true);
    pollingForm->addRow(QString(), m_intervalHint);
    layout->addWidget(pollingBox);

    // Advanced, collapsed: the base-URL override.
    m_advancedToggle = new QToolButton(m_form);
    m_advancedToggle->setObjectName(QStringLiteral("advancedToggle"));
    m_advancedToggle->setText(tr("Advanced"));
    m_advancedToggle->setAccessibleName(tr("Show advanced settings"));
    m_advancedToggle->setCheckable(true);
    m_advancedToggle->setAutoRaise(true);
    m_advancedToggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_advancedToggle->setArrowType(Qt::RightArrow);
    layout->addWidget(m_advancedToggle, 0, Qt::AlignLeft);
    m_advanced = new QWidget(m_form);
    m_advanced->setObjectName(QStringLiteral("advancedPanel"));
    auto *advancedForm = new QFormLayout(m_advanced);
    advancedForm->setContentsMargins(20, 0, 0, 0);
    advancedForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_baseUrl = new QLineEdit(m_advanced);
    m_baseUrl->setObjectName(QStringLiteral("baseUrlEdit"));
    m_baseUrl->setAccessibleName(tr("Base URL override"));
    m_baseUrl->setToolTip(tr("Only for a proxy, a regional endpoint or a test server. HTTPS is required (plain "
                             "HTTP only to this computer)."));
    advancedForm->addRow(tr("&Base URL:"), m_baseUrl);
    m_baseUrlHint = new QLabel(tr("Leave empty to use the vendor's own address."), m_advanced);
    m_baseUrlHint->setForegroundRole(QPalette::PlaceholderText);
    m_baseUrlHint->setWordWrap(true);
    advancedForm->addRow(QString(), m_baseUrlHint);
    layout->addWidget(m_advanced);
    m_advanced->hide();
    connect(m_advancedToggle, &QToolButton::toggled, this, &ServiceEditDialog::setAdvancedVisible);
    layout->addStretch(1);

    // Test connection and its outcome, outside the scroll area so that they are always in view.
    auto *bottom = new QWidget(this);
    m_bottom = bottom;
    auto *bottomLayout = new QVBoxLayout(bottom);
    bottomLayout->setContentsMargins(16, 8, 16, 12);
    bottomLayout->setSpacing(8);
    auto *testRow = new QHBoxLayout;
    testRow->setSpacing(10);
    m_testButton = new QPushButton(tr("&Test Connection"), bottom);
    m_testButton->setObjectName(QStringLiteral("testButton"));
    m_testButton->setAccessibleName(tr("Test the connection with the values entered"));
    m_testButton->setAutoDefault(false);
    testRow->addWidget(m_testButton, 0, Qt::AlignTop);
    m_busy = new QProgressBar(bottom);
    m_busy->setObjectName(QStringLiteral("busyIndicator"));
    m_busy->setAccessibleName(tr("Working"));
    m_busy->setRange(0, 0);
    m_busy->setTextVisible(false);
    m_busy->setFixedSize(56, 12);
    m_busy->hide();
    testRow->addWidget(m_busy, 0, Qt::AlignVCenter);
    m_feedbackIcon = new QLabel(bottom);
    m_feedbackIcon->setFixedSize(18, 18);
    m_feedbackIcon->hide();
    testRow->addWidget(m_feedbackIcon, 0, Qt::AlignTop);
    m_feedback = new QLabel(bottom);
    m_feedback->setObjectName(QStringLiteral("feedbackLabel"));
    m_feedback->setAccessibleName(tr("Result"));
    m_feedback->setWordWrap(true);
    m_feedback->setTextFormat(Qt::PlainText);
    m_feedback->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_feedback->setMinimumHeight(m_testButton->sizeHint().height());
    m_feedback->setAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    testRow->addWidget(m_feedback, 1);
    bottomLayout->addLayout(testRow);
    connect(m_testButton, &QPushButton::clicked, this, &ServiceEditDialog::startTest);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, bottom);
    m_buttons->setObjectName(QStringLiteral("dialogButtons"));
    m_buttons->button(QDialogButtonBox::Save)->setAccessibleName(tr("Save the service"));
    m_buttons->button(QDialogButtonBox::Cancel)->setAccessibleName(tr("Close without saving"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ServiceEditDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ServiceEditDialog::reject);
    bottomLayout->addWidget(m_buttons);
    m_separator = new QFrame(this);
    m_separator->setFrameShape(QFrame::HLine);
    m_separator->setFrameShadow(QFrame::Sunken);
    outer->addWidget(m_separator);
    outer->addWidget(bottom);

    connect(m_type, &QComboBox::currentIndexChanged, this, [this] {
        if (m_populating)
            return;
        rebuildFields();
        fitToContents(true);
    });
    connect(m_interval, &QSpinBox::valueChanged, this, [this] {
        if (!m_populating)
            m_intervalTouched = true;
    });
    connect(m_intervalUnit, &QComboBox::currentIndexChanged, this, [this] {
        if (m_populating)
            return;
        m_intervalTouched = true;
        updateIntervalBounds();
    });
    connect(m_baseUrl, &QLineEdit::textEdited, this, &ServiceEditDialog::onInputChanged);
}

const connector::ConnectorInfo *ServiceEditDialog::currentInfo() const
{
    return m_registry.info(m_type->currentData().toString());
}

bool ServiceEditDialog::setType(const QString &typeId)
{
    const int index = m_type->findData(typeId);
    if (index < 0 || m_existing)
        return false;
    m_type->setCurrentIndex(index);
    return true;
}

void ServiceEditDialog::setProject(const QString &project)
{
    if (!project.isEmpty())
        m_project->setEditText(project);
}

QLineEdit *ServiceEditDialog::fieldEditor(const QString &key) const
{
    for (const FieldEditor &field : m_settings)
        if (field.spec.key == key)
            return field.edit;
    for (const FieldEditor &field : m_credentials)
        if (field.spec.key == key)
            return field.edit;
    return nullptr;
}

void ServiceEditDialog::rebuildFields()
{
    const connector::ConnectorInfo *info = currentInfo();
    for (FieldEditor &field : m_settings)
        m_settingsForm->removeRow(field.edit);
    for (FieldEditor &field : m_credentials)
        m_credentialsForm->removeRow(field.edit);
    if (m_noSettings) {
        m_settingsForm->removeRow(m_noSettings);
        m_noSettings = nullptr;
    }
    m_settings.clear();
    m_credentials.clear();
    if (!info)
        return;

    m_settingsBox->setTitle(tr("%1 settings").arg(info->displayName));
    auto addField = [this](const connector::FieldSpec &spec, QGroupBox *box, QFormLayout *form, bool credential) {
        FieldEditor field;
        field.spec = spec;
        field.stored = m_existing.has_value(); // until the secret store says otherwise
        field.edit = new QLineEdit(box);
        field.edit->setObjectName(QStringLiteral("field_") + spec.key);
        field.edit->setAccessibleName(spec.label);
        field.edit->setAccessibleDescription(spec.help);
        field.edit->setToolTip(spec.help);
        if (credential && spec.secret) {
            field.edit->setEchoMode(QLineEdit::Password);
            field.edit->setInputMethodHints(Qt::ImhHiddenText | Qt::ImhNoPredictiveText | Qt::ImhNoAutoUppercase
                                            | Qt::ImhSensitiveData);
        }
        if (credential && m_existing)
            field.edit->setPlaceholderText(tr("stored — leave empty to keep"));
        else if (!spec.defaultValue.isEmpty())
            field.edit->setPlaceholderText(tr("default: %1").arg(spec.defaultValue));
        else
            field.edit->setPlaceholderText(spec.required ? tr("required") : tr("optional"));
        if (!credential)
            field.edit->setText(spec.defaultValue);
        field.label = new QLabel(spec.label + QLatin1Char(':'), box);
        field.label->setToolTip(spec.help);
        field.label->setBuddy(field.edit);
        form->addRow(field.label, field.edit);
        // Shown now rather than when the layout gets round to it, so that fitToContents() counts them.
        field.label->show();
        field.edit->show();
        connect(field.edit, &QLineEdit::textEdited, this, &ServiceEditDialog::onInputChanged);
        return field;
    };
    for (const connector::FieldSpec &spec : info->settings)
        m_settings.append(addField(spec, m_settingsBox, m_settingsForm, false));
    for (const connector::FieldSpec &spec : info->credentials)
        m_credentials.append(addField(spec, m_credentialsBox, m_credentialsForm, true));
    if (info->settings.isEmpty()) {
        m_noSettings = new QLabel(tr("This service type has no settings."), m_settingsBox);
        m_noSettings->setForegroundRole(QPalette::PlaceholderText);
        m_settingsForm->addRow(m_noSettings);
        m_noSettings->show();
    }
    m_credentialsBox->setTitle(info->credentials.isEmpty() ? tr("Credentials (none needed)")
                                                           : tr("Credentials — kept in the system keychain"));

    m_baseUrl->setPlaceholderText(info->defaultBaseUrl.isEmpty() ? tr("the vendor's address for the region")
                                                                 : info->defaultBaseUrl);
    if (!m_existing) {
        // A new service starts with the type's name and interval until the user changes them.
        if (m_name->text().isEmpty() || m_name->text() == m_autoName) {
            m_autoName = info->displayName;
            m_name->setText(m_autoName);
        }
        m_populating = true;
        setIntervalSeconds(info->defaultInterval.count());
        m_populating = false;
        m_intervalTouched = false;
    }
    updateIntervalBounds();
    alignForms();
    onInputChanged();
}

void ServiceEditDialog::alignForms()
{
    // The groups are separate form layouts; give their label columns one width so the fields line up.
    QList<QWidget *> labels;
    int width = 0;
    for (QFormLayout *form : std::as_const(m_forms)) {
        for (int row = 0; row < form->rowCount(); ++row) {
            QLayoutItem *item = form->itemAt(row, QFormLayout::LabelRole);
            if (QWidget *label = item ? item->widget() : nullptr) {
                label->setMinimumWidth(0);
                width = std::max(width, label->sizeHint().width());
                labels.append(label);
            }
        }
    }
    for (QWidget *label : std::as_const(labels))
        label->setMinimumWidth(width);
}

void ServiceEditDialog::fitToContents(bool shrink)
{
    // As tall as the fields need (no empty band, no scrolling for the usual types), within the screen. Computed
    // from size hints: the geometry of a window that was just resized may not be laid out yet.
    const auto heightFor = [](QWidget *widget, int width) {
        QLayout *layout = widget->layout();
        if (!layout)
            return widget->sizeHint().height();
        layout->activate();
        return layout->hasHeightForWidth() ? layout->totalHeightForWidth(width) : layout->totalSizeHint().height();
    };
    const int formWidth = width() - style()->pixelMetric(QStyle::PM_ScrollBarExtent);
    const int wanted = heightFor(m_form, formWidth) + m_separator->sizeHint().height() + heightFor(m_bottom, width());
    const QRect screen = this->screen() ? this->screen()->availableGeometry() : QRect(0, 0, 1280, 800);
    const int height = std::min(wanted, screen.height() * 9 / 10);
    if (shrink || height > this->height())
        resize(width(), height);
}

void ServiceEditDialog::populateFromExisting()
{
    const ServiceConfig &config = *m_existing;
    m_populating = true;
    int typeIndex = m_type->findData(config.type);
    if (typeIndex < 0) { // a type this build does not know: show it, but nothing can be edited
        m_type->addItem(config.type, config.type);
        typeIndex = m_type->count() - 1;
    }
    m_type->setCurrentIndex(typeIndex);
    m_project->setEditText(config.project);
    m_populating = false;
    rebuildFields();

    // The core can change neither the type nor the project of a service.
    const QString fixed = tr("The type and project of a service cannot be changed. Add a new service instead.");
    m_type->setEnabled(false);
    m_type->setToolTip(fixed);
    m_project->setEnabled(false);
    m_project->setToolTip(fixed);
    m_name->setText(config.name);
    for (FieldEditor &field : m_settings)
        field.edit->setText(config.settings.value(field.spec.key));
    if (!config.baseUrl.isEmpty()) {
        m_baseUrl->setText(config.baseUrl.toString());
        m_advancedToggle->setChecked(true);
    }
    m_populating = true;
    m_loadedIntervalS = config.interval.count();
    setIntervalSeconds(m_loadedIntervalS);
    m_populating = false;
    m_intervalTouched = false;
    updateIntervalBounds();
    if (!currentInfo()) {
        m_form->setEnabled(false);
        m_testButton->setEnabled(false);
        m_buttons->button(QDialogButtonBox::Save)->setEnabled(false);
        showFeedback(Feedback::Error, tr("This build of Stackscope does not know the service type \"%1\".")
                                          .arg(config.type));
    }
}

void ServiceEditDialog::checkStoredCredentials()
{
    if (m_credentials.isEmpty()) {
        Q_EMIT credentialsChecked();
        return;
    }
    QStringList fields;
    for (const FieldEditor &field : std::as_const(m_credentials))
        fields.append(field.spec.key);
    // Only whether each credential is stored matters (and the value of the non-secret ones, such as an access
    // key ID, which is shown); the secrets themselves are dropped at once.
    loadCredentials(m_secrets, m_existing->uuid, fields, this, [this](Result<connector::CredentialMap> found) {
        if (!found) {
            showFeedback(Feedback::Error, tr("The stored credentials could not be looked up: %1")
                                              .arg(found.error().userMessage));
            Q_EMIT credentialsChecked();
            return;
        }
        for (FieldEditor &field : m_credentials) {
            const auto it = found->find(field.spec.key);
            field.stored = it != found->end();
            if (!field.stored) {
                field.edit->setPlaceholderText(field.spec.required ? tr("not stored — required")
                                                                   : tr("not stored — optional"));
            } else if (!field.spec.secret && field.edit->text().isEmpty()) {
                field.edit->setText(QString::fromUtf8(it->second->view()));
            }
        }
        Q_EMIT credentialsChecked();
    });
}

void ServiceEditDialog::setIntervalSeconds(qint64 seconds)
{
    const bool hours = seconds >= kHour && seconds % kHour == 0;
    m_intervalUnit->setCurrentIndex(hours ? 1 : 0);
    updateIntervalBounds();
    m_interval->setValue(int(hours ? seconds / kHour : (seconds + kMinute - 1) / kMinute));
}

qint64 ServiceEditDialog::intervalSeconds() const
{
    if (m_existing && !m_intervalTouched)
        return m_loadedIntervalS;
    return qint64(m_interval->value()) * m_intervalUnit->currentData().toLongLong();
}

void ServiceEditDialog::updateIntervalBounds()
{
    const connector::ConnectorInfo *info = currentInfo();
    const qint64 minimum = info ? qint64(info->minInterval.count()) : kMinute;
    const qint64 unit = m_intervalUnit->currentData().toLongLong();
    const bool populating = m_populating;
    m_populating = true; // clamping is not a user change
    m_interval->setRange(int(std::max<qint64>(1, (minimum + unit - 1) / unit)), int(kMaxIntervalS / unit));
    m_populating = populating;
    m_intervalHint->setText(info ? tr("Between %1 and 1 day; %2 suggests %3.")
                                       .arg(formatDuration(minimum), info->displayName,
                                            formatDuration(info->defaultInterval.count()))
                                 : QString());
}

void ServiceEditDialog::setAdvancedVisible(bool visible)
{
    if (m_advancedToggle->isChecked() != visible)
        m_advancedToggle->setChecked(visible); // re-enters through toggled()
    m_advancedToggle->setArrowType(visible ? Qt::DownArrow : Qt::RightArrow);
    m_advancedToggle->setAccessibleName(visible ? tr("Hide advanced settings") : tr("Show advanced settings"));
    m_advanced->setVisible(visible);
    fitToContents(!visible);
}

void ServiceEditDialog::onInputChanged()
{
    // A result says something about the values it was made with; once they change it would mislead.
    if (!m_tester->isRunning() && !m_saving)
        showFeedback(Feedback::None, QString());
}

void ServiceEditDialog::showFeedback(Feedback kind, const QString &message)
{
    m_busy->setVisible(kind == Feedback::Busy);
    QStyle::StandardPixmap pixmap = QStyle::SP_CustomBase;
    QColor color;
    switch (kind) {
    case Feedback::Ok:
        pixmap = QStyle::SP_DialogApplyButton;
        color = QColor(0x1e, 0x7e, 0x3c);
        break;
    case Feedback::Error:
        pixmap = QStyle::SP_MessageBoxCritical;
        color = QColor(0xc0, 0x2b, 0x2b);
        break;
    case Feedback::Info:
        pixmap = QStyle::SP_MessageBoxInformation;
        break;
    case Feedback::None:
    case Feedback::Busy:
        break;
    }
    if (pixmap != QStyle::SP_CustomBase) {
        m_feedbackIcon->setPixmap(style()->standardIcon(pixmap).pixmap(18, 18));
        m_feedbackIcon->show();
    } else {
        m_feedbackIcon->hide();
    }
    QPalette palette = m_feedback->palette();
    palette.setColor(QPalette::WindowText, color.isValid() ? color : this->palette().color(QPalette::WindowText));
    m_feedback->setPalette(palette);
    m_feedback->setText(message);
}

QString ServiceEditDialog::feedbackText() const
{
    return m_feedback->text();
}

bool ServiceEditDialog::isBusy() const
{
    return m_saving || m_tester->isRunning();
}

void ServiceEditDialog::fail(const QString &message, QWidget *focus)
{
    showFeedback(Feedback::Error, message);
    if (focus) {
        focus->setFocus(Qt::OtherFocusReason);
        if (auto *edit = qobject_cast<QLineEdit *>(focus))
            edit->selectAll();
    }
}

std::optional<ServiceEditDialog::Draft> ServiceEditDialog::readDraft(bool forTest)
{
    const connector::ConnectorInfo *info = currentInfo();
    if (!info) {
        fail(tr("Choose the type of the service."), m_type);
        return std::nullopt;
    }
    Draft draft;
    ServiceConfig &config = draft.config;
    if (m_existing)
        config = *m_existing;
    config.type = info->typeId;
    config.project = m_project->currentText().simplified();
    config.name = m_name->text().simplified();
    if (!forTest && config.project.isEmpty()) {
        fail(tr("Enter a project: the product or team this service belongs to."), m_project);
        return std::nullopt;
    }
    if (!forTest && config.name.isEmpty()) {
        fail(tr("Enter a name for the service."), m_name);
        return std::nullopt;
    }

    config.settings.clear();
    for (const FieldEditor &field : std::as_const(m_settings)) {
        QString value = field.edit->text().trimmed();
        if (value.isEmpty())
            value = field.spec.defaultValue;
        if (!value.isEmpty()) {
            config.settings.insert(field.spec.key, value);
        } else if (field.spec.required) {
            fail(tr("Enter the %1 (hover over the field to see where to find it).").arg(field.spec.label), field.edit);
            return std::nullopt;
        }
    }
    for (const FieldEditor &field : std::as_const(m_credentials)) {
        // Pasted keys often carry a line break or spaces at the ends; no credential has them.
        const QString value = field.edit->text().trimmed();
        if (!value.isEmpty()) {
            draft.credentials.insert_or_assign(field.spec.key,
                                               std::make_shared<const secrets::SecureBytes>(secureFromText(value)));
            continue;
        }
        const bool kept = m_existing && field.stored; // editing: empty keeps the stored value
        if (field.spec.required && !kept) {
            fail(forTest ? tr("Enter the %1 to test the connection.").arg(field.spec.label)
                         : tr("Enter the %1.").arg(field.spec.label),
                 field.edit);
            return std::nullopt;
        }
    }

    config.baseUrl = QUrl();
    const QString base = m_baseUrl->text().trimmed();
    if (!base.isEmpty()) {
        const QUrl url(base, QUrl::StrictMode);
        QString why;
        if (!url.isValid() || url.host().isEmpty() || !net::HttpClient::isAllowedUrl(url, &why)) {
            setAdvancedVisible(true);
            fail(why.isEmpty() ? tr("The base URL is not a valid address; write it in full, e.g. https://api.example.com.")
                               : tr("The base URL cannot be used: %1").arg(why),
                 m_baseUrl);
            return std::nullopt;
        }
        config.baseUrl = url;
    }

    const qint64 seconds = intervalSeconds();
    if (seconds < info->minInterval.count() || seconds > kMaxIntervalS) {
        fail(tr("Poll %1 between every %2 and once a day.").arg(info->displayName, formatDuration(info->minInterval.count())),
             m_interval);
        return std::nullopt;
    }
    config.interval = std::chrono::seconds(seconds);

    // The connector's own verdict (as `stackscoped service add`): settings it cannot use, or a plan the vendor's
    // rate limits cannot carry. A test shows such problems in the vendor's words anyway.
    if (!forTest) {
        if (const auto connector = m_registry.create(config.type)) {
            if (Status fits = connector->checkConfiguration(config); !fits) {
                fail(fits.error().userMessage);
                return std::nullopt;
            }
        }
    }
    return draft;
}

void ServiceEditDialog::startTest()
{
    if (m_tester->isRunning() || m_saving)
        return;
    std::optional<Draft> draft = readDraft(true);
    if (!draft)
        return;
    m_testButton->setEnabled(false);
    showFeedback(Feedback::Busy, tr("Testing the connection to %1…").arg(m_type->currentText()));

    QStringList keep; // editing: credentials left empty are tested with the stored ones
    if (m_existing) {
        for (const FieldEditor &field : std::as_const(m_credentials))
            if (!draft->credentials.count(field.spec.key) && field.stored)
                keep.append(field.spec.key);
    }
    if (keep.isEmpty()) {
        m_tester->start(draft->config, std::move(draft->credentials));
        return;
    }
    auto shared = std::make_shared<Draft>(std::move(*draft));
    loadCredentials(m_secrets, m_existing->uuid, keep, this, [this, shared](Result<connector::CredentialMap> found) {
        if (!found) {
            onTestFinished(false, tr("The stored credentials could not be read: %1").arg(found.error().userMessage));
            return;
        }
        for (const auto &[field, secret] : found.value())
            shared->credentials.insert_or_assign(field, secret);
        m_tester->start(shared->config, std::move(shared->credentials));
    });
}

void ServiceEditDialog::onTestFinished(bool ok, const QString &message)
{
    m_testButton->setEnabled(!m_saving);
    if (m_saving)
        m_busy->show();
    showFeedback(ok ? Feedback::Ok : Feedback::Error, message);
    Q_EMIT testFinished(ok, message);
}

void ServiceEditDialog::setSaving(bool saving)
{
    m_saving = saving;
    m_form->setEnabled(!saving);
    m_buttons->button(QDialogButtonBox::Save)->setEnabled(!saving);
    m_buttons->button(QDialogButtonBox::Cancel)->setEnabled(!saving);
    m_testButton->setEnabled(!saving && !m_tester->isRunning());
}

void ServiceEditDialog::accept()
{
    if (m_saving)
        return;
    std::optional<Draft> draft = readDraft(false);
    if (!draft)
        return;
    setSaving(true);
    showFeedback(Feedback::Busy, tr("Saving…"));
    if (m_existing)
        saveExisting(std::move(*draft));
    else
        saveNew(std::move(*draft));
}

void ServiceEditDialog::reject()
{
    if (m_saving)
        return;
    m_tester->cancel();
    QDialog::reject();
}

void ServiceEditDialog::saveNew(Draft draft)
{
    auto credentials = std::make_shared<connector::CredentialMap>(std::move(draft.credentials));
    const ServiceConfig config = draft.config;
    runStoreJob<ServiceConfig>(
        m_store, this, [config](storage::MetricStore &store) { return store.services().add(config); },
        [this, credentials](Result<ServiceConfig> added) {
            if (!added) {
                setSaving(false);
                fail(added.error().userMessage, added.error().code == Error::Code::Config ? m_name : nullptr);
                Q_EMIT saveFailed(added.error().userMessage);
                return;
            }
            const ServiceConfig saved = added.value();
            storeCredentials(m_secrets, saved.uuid, *credentials, this, [this, saved](Status stored, QStringList written) {
                if (!stored) {
                    rollBackNew(saved, written, stored.error());
                    return;
                }
                finishSave(saved);
            });
        });
}

void ServiceEditDialog::rollBackNew(const ServiceConfig &saved, const QStringList &written, const Error &error)
{
    // A service without its credentials would only fail: take it out again, as `stackscoped service add` does.
    qCWarning(lcUi).noquote() << "credentials of a new service could not be stored:" << toString(error.code)
                              << error.detail;
    removeCredentials(m_secrets, saved.uuid, written, this);
    const QString message = keychainFailure(error) + QLatin1Char(' ') + tr("The service was not added.");
    runStoreJob<void>(
        m_store, this,
        [saved](storage::MetricStore &store) -> Status {
            // Names stay taken in the trash; rename first so that the user can save again under the same name.
            ServiceConfig renamed = saved;
            renamed.name = saved.name + QStringLiteral(" (not saved, %1)").arg(saved.uuid.left(8));
            (void)store.services().update(renamed);
            return store.services().remove(saved.id, Clock::system().nowMs());
        },
        [this, message](Status removed) {
            setSaving(false);
            QString text = message;
            if (!removed)
                text += QLatin1Char(' ') + tr("It could not be taken out of the list again either: %1")
                                               .arg(removed.error().userMessage);
            fail(text);
            Q_EMIT saveFailed(text);
        });
}

void ServiceEditDialog::saveExisting(Draft draft)
{
    auto credentials = std::make_shared<connector::CredentialMap>(std::move(draft.credentials));
    const ServiceConfig config = draft.config;
    runStoreJob<void>(
        m_store, this, [config](storage::MetricStore &store) { return store.services().update(config); },
        [this, config, credentials](Status updated) {
            if (!updated) {
                setSaving(false);
                fail(updated.error().userMessage, updated.error().code == Error::Code::Config ? m_name : nullptr);
                Q_EMIT saveFailed(updated.error().userMessage);
                return;
            }
            if (credentials->empty()) {
                finishSave(config);
                return;
            }
            storeCredentials(m_secrets, config.uuid, *credentials, this, [this, config](Status stored, QStringList) {
                if (!stored) {
                    qCWarning(lcUi).noquote() << "new credentials of a service could not be stored:"
                                              << toString(stored.error().code) << stored.error().detail;
                    setSaving(false);
                    const QString text = tr("The settings were saved, but the new credentials were not.") + QLatin1Char(' ')
                                         + keychainFailure(stored.error());
                    fail(text);
                    Q_EMIT serviceSaved(config); // the list shows the saved settings
                    Q_EMIT saveFailed(text);
                    return;
                }
                // "Disabled until the credentials change": they just did.
                const qint64 id = config.id;
                runStoreJob<void>(
                    m_store, this,
                    [id](storage::MetricStore &store) -> Status {
                        auto health = store.services().health(id);
                        auto current = store.services().get(id);
                        if (!health || !current || health->state != ServiceHealth::State::Disabled)
                            return {};
                        ServiceHealth fresh = health.value();
                        fresh.state = ServiceHealth::State::New;
                        fresh.consecutiveFailures = 0;
                        fresh.nextRunMs = 0;
                        return store.services().saveHealth(id, fresh, current->cursor);
                    },
                    [this, config](Status) { finishSave(config); });
            });
        });
}

void ServiceEditDialog::finishSave(const ServiceConfig &saved)
{
    m_saved = saved;
    for (FieldEditor &field : m_credentials)
        field.edit->clear();
    setSaving(false);
    showFeedback(Feedback::Ok, tr("Saved."));
    Q_EMIT serviceSaved(saved);
    QDialog::accept();
}

} // namespace stackscope::app
