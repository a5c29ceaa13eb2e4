#pragma once

#include "connector/connectorinfo.h"
#include "connector/servicesession.h"
#include "model/serviceconfig.h"

#include <QDialog>
#include <QList>

#include <optional>

class QComboBox;
class QDialogButtonBox;
class QFormLayout;
class QFrame;
class QGroupBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QScrollArea;
class QPushButton;
class QSpinBox;
class QToolButton;

namespace stackscope::connector { class ConnectorRegistry; }
namespace stackscope::secrets { class SecretStore; }
namespace stackscope::storage { class StoreService; }

namespace stackscope::app {

class ConnectionTester;

// Adds a service or edits one: connector type, project, name, the connector's settings and credentials, the
// polling interval and (advanced) a base-URL override, with a "Test connection" that uses the values as
// entered. Saving writes the service on the store thread and the credentials to the secret store (the OS
// keychain); credentials are never shown again: when editing, an empty credential field keeps the stored one.
// If the credentials of a new service cannot be stored, the service is taken out again. The dialog closes
// (accepted) once everything is saved.
class ServiceEditDialog : public QDialog
{
    Q_OBJECT

public:
    // `existing`: the service to edit; std::nullopt to add one. `projects` fill the project picker.
    ServiceEditDialog(storage::StoreService &store, secrets::SecretStore &secrets,
                      const connector::ConnectorRegistry &registry, const QStringList &projects,
                      std::optional<ServiceConfig> existing, QWidget *parent = nullptr);
    ~ServiceEditDialog() override;

    bool isEditing() const { return m_existing.has_value(); }
    // The service as saved (valid after serviceSaved).
    const ServiceConfig &savedService() const { return m_saved; }

    // For tests and tools.
    ConnectionTester *tester() const { return m_tester; }
    bool isBusy() const;
    QString feedbackText() const;
    bool setType(const QString &typeId);
    void setProject(const QString &project); // preselects the project (the guided add from a project)
    QLineEdit *fieldEditor(const QString &key) const; // a setting's or credential's editor

public Q_SLOTS:
    void accept() override; // validates and saves; closes once saved
    void reject() override; // ignored while saving

Q_SIGNALS:
    void serviceSaved(const ServiceConfig &service);
    void testFinished(bool ok, const QString &message);
    void saveFailed(const QString &message);
    void credentialsChecked(); // editing: the stored credentials were looked up (placeholders updated)

private:
    struct FieldEditor
    {
        connector::FieldSpec spec;
        QLabel *label = nullptr;
        QLineEdit *edit = nullptr;
        bool stored = false; // editing: the secret store holds a value for this credential
    };
    // The entered values, checked.
    struct Draft
    {
        ServiceConfig config;
        connector::CredentialMap credentials; // only fields with a value entered
    };
    enum class Feedback { None, Busy, Ok, Error, Info };

    void buildUi(const QStringList &projects);
    void rebuildFields();
    void populateFromExisting();
    void checkStoredCredentials();
    void updateIntervalBounds();
    void setIntervalSeconds(qint64 seconds);
    qint64 intervalSeconds() const;
    void setAdvancedVisible(bool visible);
    void alignForms();
    void fitToContents(bool shrink); // to the fields' height; `shrink` false only grows
    const connector::ConnectorInfo *currentInfo() const;

    // Checks the input; `forTest` needs neither project nor name nor (when editing) credentials.
    std::optional<Draft> readDraft(bool forTest);
    void fail(const QString &message, QWidget *focus = nullptr);
    void showFeedback(Feedback kind, const QString &message);
    void setSaving(bool saving);
    void onInputChanged();

    void startTest();
    void onTestFinished(bool ok, const QString &message);
    void saveNew(Draft draft);
    void saveExisting(Draft draft);
    void rollBackNew(const ServiceConfig &saved, const QStringList &written, const Error &error);
    void finishSave(const ServiceConfig &saved);

    storage::StoreService &m_store;
    secrets::SecretStore &m_secrets;
    const connector::ConnectorRegistry &m_registry;
    std::optional<ServiceConfig> m_existing;
    ServiceConfig m_saved;
    ConnectionTester *m_tester = nullptr;

    QWidget *m_form = nullptr;
    QScrollArea *m_scroll = nullptr;
    QWidget *m_bottom = nullptr;
    QFrame *m_separator = nullptr;
    QList<QFormLayout *> m_forms;
    QComboBox *m_type = nullptr;
    QComboBox *m_project = nullptr;
    QLineEdit *m_name = nullptr;
    QGroupBox *m_settingsBox = nullptr;
    QFormLayout *m_settingsForm = nullptr;
    QLabel *m_noSettings = nullptr;
    QGroupBox *m_credentialsBox = nullptr;
    QFormLayout *m_credentialsForm = nullptr;
    QList<FieldEditor> m_settings;
    QList<FieldEditor> m_credentials;
    QSpinBox *m_interval = nullptr;
    QComboBox *m_intervalUnit = nullptr;
    QLabel *m_intervalHint = nullptr;
    QToolButton *m_advancedToggle = nullptr;
    QWidget *m_advanced = nullptr;
    QLineEdit *m_baseUrl = nullptr;
    QLabel *m_baseUrlHint = nullptr;
    QPushButton *m_testButton = nullptr;
    QProgressBar *m_busy = nullptr;
    QLabel *m_feedbackIcon = nullptr;
    QLabel *m_feedback = nullptr;
    QDialogButtonBox *m_buttons = nullptr;

    QString m_autoName;           // the name filled in from the type, replaced when the type changes
    qint64 m_loadedIntervalS = 0; // editing: kept exactly unless the interval controls are touched
    bool m_intervalTouched = false;
    bool m_saving = false;
    bool m_populating = false;
};

} // namespace stackscope::app
