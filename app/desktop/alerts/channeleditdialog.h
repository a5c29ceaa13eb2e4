#pragma once

#include "notify/channelconfig.h"
#include "notify/channelsender.h"
#include "notify/channeltypes.h"

#include <QDialog>
#include <QMap>

#include <memory>
#include <optional>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;

namespace stackscope::app {

class AlertingHost;

// Adds or edits one notification channel (A3). The form follows the type's fields (notify::channelTypes());
// secret fields are masked and go to the keychain (ChannelCredentials), never into the channel's settings. An
// existing channel's secrets stay as they are unless a new value is typed. A webhook whose signing secret is
// left empty gets a new one (generateSigningSecret), shown once after saving with a Copy button, so the
// receiver can be configured. "Send test" sends a test message with what the form says, before saving.
class ChannelEditDialog : public QDialog
{
    Q_OBJECT

public:
    ChannelEditDialog(AlertingHost *host, std::optional<notify::ChannelConfig> existing, QWidget *parent = nullptr);
    ~ChannelEditDialog() override;

    void setType(const QString &type);
    void setName(const QString &name);
    void setFieldText(const QString &field, const QString &text);   // settings and secrets alike
    void setDefault(bool isDefault);

    void sendTest();
    void save();

    QString testResultText() const;
    QString errorText() const;
    QString shownSigningSecret() const;   // after saving a webhook with a generated secret; empty otherwise
    QPushButton *sendTestButton() const { return m_testButton; }

Q_SIGNALS:
    void testFinished(bool ok, const QString &message);
    void saved(const stackscope::notify::ChannelConfig &channel);
    void saveFailed(const QString &message);

private:
    void rebuildFields();
    notify::ChannelConfig configFromForm() const;
    notify::ChannelSecrets typedSecrets();
    // The typed secrets over the stored ones (an existing channel), then `next`.
    void withSecrets(std::function<void(notify::ChannelSecrets)> next);
    void storeSecrets(const notify::ChannelConfig &channel, bool created);
    void finishSaved(const notify::ChannelConfig &channel);
    void showError(const QString &message);
    void setBusy(bool busy);

    AlertingHost *m_host;
    std::optional<notify::ChannelConfig> m_existing;
    QComboBox *m_type = nullptr;
    QLineEdit *m_name = nullptr;
    QCheckBox *m_default = nullptr;
    QCheckBox *m_enabled = nullptr;
    QFormLayout *m_fieldsForm = nullptr;
    QWidget *m_fieldsBox = nullptr;
    QMap<QString, QWidget *> m_fields;
    QLabel *m_testResult = nullptr;
    QLabel *m_error = nullptr;
    QWidget *m_secretBox = nullptr;
    QLineEdit *m_secretShown = nullptr;
    QPushButton *m_testButton = nullptr;
    QPushButton *m_saveButton = nullptr;
    QPushButton *m_cancelButton = nullptr;
    std::shared_ptr<const secrets::SecureBytes> m_generatedSecret;
};

} // namespace stackscope::app
