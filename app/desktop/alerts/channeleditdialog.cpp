#include "channeleditdialog.h"

#include "alertinghost.h"
#include "storejob.h"

#include "notify/channelrepository.h"
#include "notify/outboxdispatcher.h"
#include "util/clock.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace stackscope::app {

namespace {
// Settings that are numbers in the channel's JSON.
bool isNumberField(const QString &name)
{
    return name == QLatin1String("port") || name.endsWith(QLatin1String("_s"));
}

QString fieldLabel(const notify::ChannelField &field)
{
    return QCoreApplication::translate("stackscope::notify::ChannelField", field.label.toUtf8().constData());
}
} // namespace

ChannelEditDialog::ChannelEditDialog(AlertingHost *host, std::optional<notify::ChannelConfig> existing, QWidget *parent)
    : QDialog(parent), m_host(host), m_existing(std::move(existing))
{
    setObjectName(QStringLiteral("channelEditDialog"));
    setWindowTitle(m_existing ? tr("Edit Channel") : tr("Add Channel"));
    setMinimumWidth(520);
    auto *layout = new QVBoxLayout(this);
    auto *top = new QFormLayout;
    m_type = new QComboBox(this);
    m_type->setObjectName(QStringLiteral("channelType"));
    m_type->setAccessibleName(tr("Channel type"));
    for (const notify::ChannelTypeInfo &type : notify::channelTypes())
        m_type->addItem(QCoreApplication::translate("stackscope::notify::ChannelType", type.label.toUtf8().constData()),
                        type.id);
    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("channelName"));
    m_name->setAccessibleName(tr("Channel name"));
    m_name->setPlaceholderText(tr("e.g. On-call Slack"));
    m_default = new QCheckBox(tr("Default channel: gets built-in alerts and rules that name no channel"), this);
    m_default->setObjectName(QStringLiteral("channelDefault"));
    m_enabled = new QCheckBox(tr("Enabled"), this);
    m_enabled->setChecked(true);
    top->addRow(tr("&Type:"), m_type);
    top->addRow(tr("&Name:"), m_name);
    top->addRow(QString(), m_default);
    top->addRow(QString(), m_enabled);
    layout->addLayout(top);

    m_fieldsBox = new QGroupBox(tr("Settings"), this);
    m_fieldsForm = new QFormLayout(m_fieldsBox);
    layout->addWidget(m_fieldsBox);

    m_secretBox = new QGroupBox(tr("Signing secret (shown once)"), this);
    auto *secretLayout = new QVBoxLayout(m_secretBox);
    auto *secretNote = new QLabel(tr("Configure the receiver with this secret to check the webhook-signature header. "
                                     "It is kept in the keychain and will not be shown again."), m_secretBox);
    secretNote->setWordWrap(true);
    secretLayout->addWidget(secretNote);
    auto *secretRow = new QHBoxLayout;
    m_secretShown = new QLineEdit(m_secretBox);
    m_secretShown->setObjectName(QStringLiteral("signingSecretShown"));
    m_secretShown->setReadOnly(true);
    m_secretShown->setAccessibleName(tr("Signing secret"));
    auto *copy = new QPushButton(tr("&Copy"), m_secretBox);
    copy->setObjectName(QStringLiteral("copySecretButton"));
    connect(copy, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(m_secretShown->text()); });
    secretRow->addWidget(m_secretShown, 1);
    secretRow->addWidget(copy);
    secretLayout->addLayout(secretRow);
    m_secretBox->hide();
    layout->addWidget(m_secretBox);

    m_testResult = new QLabel(this);
    m_testResult->setObjectName(QStringLiteral("testResult"));
    m_testResult->setWordWrap(true);
    layout->addWidget(m_testResult);
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("channelError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #d63b3b; font-weight: bold;"));
    m_error->hide();
    layout->addWidget(m_error);

    auto *buttons = new QDialogButtonBox(this);
    m_testButton = buttons->addButton(tr("Send &Test"), QDialogButtonBox::ActionRole);
    m_testButton->setObjectName(QStringLiteral("sendTestButton"));
    m_testButton->setEnabled(m_host->dispatcher() != nullptr);
    if (!m_host->dispatcher())
        m_testButton->setToolTip(tr("The demo workspace sends no notifications."));
    m_saveButton = buttons->addButton(tr("&Save"), QDialogButtonBox::AcceptRole);
    m_saveButton->setObjectName(QStringLiteral("saveChannelButton"));
    m_saveButton->setDefault(true);
    m_cancelButton = buttons->addButton(QDialogButtonBox::Cancel);
    connect(m_testButton, &QPushButton::clicked, this, &ChannelEditDialog::sendTest);
    connect(m_saveButton, &QPushButton::clicked, this, &ChannelEditDialog::save);
    connect(m_cancelButton, &QPushButton::clicked, this, &QDialog::reject);
    layout->addWidget(buttons);

    connect(m_type, &QComboBox::currentIndexChanged, this, &ChannelEditDialog::rebuildFields);
    if (m_existing) {
        setType(m_existing->type);
        m_type->setEnabled(false); // a channel's type never changes
        m_name->setText(m_existing->name);
        m_default->setChecked(m_existing->isDefault());
        m_enabled->setChecked(m_existing->enabled);
        for (auto it = m_fields.cbegin(); it != m_fields.cend(); ++it) {
            const QJsonValue value = m_existing->settings.value(it.key());
            if (!value.isUndefined())
                setFieldText(it.key(), value.isDouble() ? QString::number(value.toDouble()) : value.toString());
        }
    } else {
        rebuildFields();
    }
}

ChannelEditDialog::~ChannelEditDialog() = default;

void ChannelEditDialog::setType(const QString &type)
{
    const int index = m_type->findData(type);
    if (index >= 0 && index != m_type->currentIndex())
        m_type->setCurrentIndex(index);
    else
        rebuildFields();
}

void ChannelEditDialog::setName(const QString &name)
{
    m_name->setText(name);
}

void ChannelEditDialog::setDefault(bool isDefault)
{
    m_default->setChecked(isDefault);
}

void ChannelEditDialog::setFieldText(const QString &field, const QString &text)
{
    QWidget *widget = m_fields.value(field);
    if (auto *edit = qobject_cast<QLineEdit *>(widget))
        edit->setText(text);
    else if (auto *combo = qobject_cast<QComboBox *>(widget))
        combo->setCurrentIndex(std::max(0, combo->findText(text)));
}

void ChannelEditDialog::rebuildFields()
{
    while (m_fieldsForm->rowCount() > 0)
        m_fieldsForm->removeRow(0);
    m_fields.clear();
    m_generatedSecret.reset();
    const notify::ChannelTypeInfo *type = notify::channelType(m_type->currentData().toString());
    if (!type)
        return;
    for (const notify::ChannelField &field : type->fields) {
        QWidget *widget = nullptr;
        if (field.name == QLatin1String("security")) {
            auto *combo = new QComboBox(m_fieldsBox);
            combo->addItems({QStringLiteral("starttls"), QStringLiteral("tls"), QStringLiteral("none")});
            combo->setToolTip(field.help);
            widget = combo;
        } else {
            auto *edit = new QLineEdit(m_fieldsBox);
            edit->setText(field.secret ? QString() : field.defaultValue);
            edit->setPlaceholderText(field.help);
            if (field.secret) {
                edit->setEchoMode(QLineEdit::Password);
                if (m_existing)
                    edit->setPlaceholderText(tr("kept in the keychain; type to replace"));
            }
            widget = edit;
        }
        widget->setObjectName(QStringLiteral("field_%1").arg(field.name));
        widget->setAccessibleName(fieldLabel(field));
        m_fields.insert(field.name, widget);
        m_fieldsForm->addRow(fieldLabel(field) + (field.required ? QStringLiteral(" *:") : QStringLiteral(":")), widget);
    }
    m_fieldsBox->setVisible(!type->fields.isEmpty());
    m_testResult->clear();
    m_error->hide();
}

notify::ChannelConfig ChannelEditDialog::configFromForm() const
{
    notify::ChannelConfig config = m_existing.value_or(notify::ChannelConfig{});
    config.type = m_type->currentData().toString();
    config.name = m_name->text().trimmed();
    config.enabled = m_enabled->isChecked();
    QJsonObject settings;
    if (const notify::ChannelTypeInfo *type = notify::channelType(config.type)) {
        for (const notify::ChannelField &field : type->fields) {
            if (field.secret)
                continue;
            QWidget *widget = m_fields.value(field.name);
            QString text;
            if (auto *edit = qobject_cast<QLineEdit *>(widget))
                text = edit->text().trimmed();
            else if (auto *combo = qobject_cast<QComboBox *>(widget))
                text = combo->currentText();
            if (text.isEmpty())
                continue;
            bool isNumber = false;
            const int number = text.toInt(&isNumber);
            settings.insert(field.name, isNumberField(field.name) && isNumber ? QJsonValue(number) : QJsonValue(text));
        }
    }
    if (m_default->isChecked())
        settings.insert(QStringLiteral("default"), true);
    config.settings = settings;
    return config;
}

notify::ChannelSecrets ChannelEditDialog::typedSecrets()
{
    notify::ChannelSecrets secrets;
    const QString type = m_type->currentData().toString();
    for (const QString &name : notify::secretFields(type)) {
        auto *edit = qobject_cast<QLineEdit *>(m_fields.value(name));
        if (edit && !edit->text().isEmpty())
            secrets[name] = notify::secretFromText(edit->text());
    }
    // A new webhook without a signing secret gets one; the same for the test and the save.
    const QString signing = QStringLiteral("signing_secret");
    if (secrets.count(signing) && secrets[signing] != m_generatedSecret)
        m_generatedSecret.reset(); // typed after a test with a generated one
    if (type == QLatin1String("webhook") && !m_existing && !secrets.count(signing)) {
        if (!m_generatedSecret)
            m_generatedSecret = std::make_shared<const secrets::SecureBytes>(notify::generateSigningSecret());
        secrets[signing] = m_generatedSecret;
    }
    return secrets;
}

void ChannelEditDialog::withSecrets(std::function<void(notify::ChannelSecrets)> next)
{
    notify::ChannelSecrets typed = typedSecrets();
    if (!m_existing) {
        next(std::move(typed));
        return;
    }
    m_host->credentials().load(*m_existing, this,
                               [this, typed, next](Result<notify::ChannelSecrets> stored) {
                                   if (!stored) {
                                       showError(stored.error().userMessage);
                                       setBusy(false);
                                       return;
                                   }
                                   notify::ChannelSecrets merged = stored.value();
                                   for (const auto &[name, value] : typed)
                                       merged[name] = value;
                                   next(std::move(merged));
                               });
}

void ChannelEditDialog::sendTest()
{
    notify::OutboxDispatcher *dispatcher = m_host->dispatcher();
    if (!dispatcher)
        return;
    m_error->hide();
    const notify::ChannelConfig config = configFromForm();
    if (Status valid = notify::validateChannel(config); !valid) {
        showError(valid.error().userMessage);
        return;
    }
    setBusy(true);
    m_testResult->setText(tr("Sending a test message…"));
    withSecrets([this, config, dispatcher](notify::ChannelSecrets secrets) {
        if (Status valid = notify::validateSecrets(config.type, secrets); !valid) {
            setBusy(false);
            m_testResult->clear();
            showError(valid.error().userMessage);
            return;
        }
        dispatcher->sendTest(config, std::move(secrets), this, [this](notify::SendResult result) {
            setBusy(false);
            const QString message = result.ok() ? tr("✔ Test message sent. Check that it arrived.")
                                                : tr("✘ The test failed: %1").arg(result.message());
            m_testResult->setText(message);
            Q_EMIT testFinished(result.ok(), result.ok() ? QString() : result.message());
        });
    });
}

void ChannelEditDialog::save()
{
    m_error->hide();
    notify::ChannelConfig config = configFromForm();
    if (Status valid = notify::validateChannel(config); !valid) {
        showError(valid.error().userMessage);
        return;
    }
    setBusy(true);
    withSecrets([this, config](notify::ChannelSecrets secrets) {
        if (Status valid = notify::validateSecrets(config.type, secrets); !valid) {
            setBusy(false);
            showError(valid.error().userMessage);
            return;
        }
        const bool created = !m_existing;
        const qint64 now = m_host->clock().nowMs();
        runStoreJob<notify::ChannelConfig>(
            *m_host->store(), this,
            [config, created, now](storage::MetricStore &store) -> Result<notify::ChannelConfig> {
                notify::ChannelRepository repo(store.database());
                if (created) {
                    notify::ChannelConfig fresh = config;
                    fresh.createdMs = now;
                    return repo.add(fresh);
                }
                if (Status updated = repo.update(config); !updated)
                    return updated.error();
                return config;
            },
            [this, created](Result<notify::ChannelConfig> stored) {
                if (!stored) {
                    setBusy(false);
                    showError(stored.error().userMessage);
                    return;
                }
                storeSecrets(stored.value(), created);
            });
    });
}

void ChannelEditDialog::storeSecrets(const notify::ChannelConfig &channel, bool created)
{
    m_host->credentials().store(
        channel.uuid, typedSecrets(), this, [this, channel, created](Status status, QStringList) {
            if (status) {
                finishSaved(channel);
                return;
            }
            // A new channel without its secrets would only fail: take it back.
            const QString message = tr("The secrets could not be stored in the keychain: %1").arg(status.error().userMessage);
            if (created) {
                const qint64 now = m_host->clock().nowMs();
                runStoreJob<bool>(
                    *m_host->store(), this,
                    [id = channel.id, now](storage::MetricStore &store) -> Result<bool> {
                        if (Status removed = notify::ChannelRepository(store.database()).remove(id, now); !removed)
                            return removed.error();
                        return true;
                    },
                    [](Result<bool>) {});
            }
            setBusy(false);
            showError(message);
        });
}

void ChannelEditDialog::finishSaved(const notify::ChannelConfig &channel)
{
    setBusy(false);
    Q_EMIT saved(channel);
    if (!m_generatedSecret) {
        accept();
        return;
    }
    // Shown once: the receiver needs it, and the keychain is the only other place it lives.
    m_secretShown->setText(QString::fromUtf8(m_generatedSecret->view()));
    m_generatedSecret.reset();
    m_secretBox->show();
    m_fieldsBox->setEnabled(false);
    m_saveButton->hide();
    m_testButton->hide();
    m_cancelButton->setText(tr("Done"));
}

QString ChannelEditDialog::shownSigningSecret() const
{
    return m_secretBox->isHidden() ? QString() : m_secretShown->text();
}

void ChannelEditDialog::showError(const QString &message)
{
    m_error->setText(message);
    m_error->show();
    Q_EMIT saveFailed(message);
}

void ChannelEditDialog::setBusy(bool busy)
{
    m_saveButton->setEnabled(!busy);
    m_testButton->setEnabled(!busy && m_host->dispatcher());
}

QString ChannelEditDialog::testResultText() const
{
    return m_testResult->text();
}

QString ChannelEditDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

} // namespace stackscope::app
