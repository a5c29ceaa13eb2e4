#pragma once

#include "servicetablemodel.h"

#include "util/result.h"

#include <QDialog>
#include <QPointer>
#include <QStringList>

#include <optional>

class QLabel;
class QProgressBar;
class QPushButton;
class QStackedWidget;
class QTableView;
class QTimer;

namespace stackscope::connector { class ConnectorRegistry; }
namespace stackscope::secrets { class SecretStore; }
namespace stackscope::storage { class StoreService; }

namespace stackscope::app {

class ConnectionTester;
class ServiceEditDialog;

// File → Services…: the workspace's services with their state, and Add…, Edit…, Test and Remove. Every store
// access is a job on the store thread; credentials go to and come from `secrets` (the OS keychain in the app).
// Removing moves a service to the trash, from which it can be restored for ServiceRepository::kTrashDays.
class ServicesDialog : public QDialog
{
    Q_OBJECT

public:
    static constexpr int kRefreshIntervalMs = 15'000; // health changes while the dialog is open

    ServicesDialog(storage::StoreService &store, secrets::SecretStore &secrets,
                   const connector::ConnectorRegistry &registry, QWidget *parent = nullptr);
    ~ServicesDialog() override;

    void reload();
    void addService();
    void editSelected();
    void testSelected();
    void removeSelected(); // asks first (window-modal, without blocking)

    // For tests and tools.
    ServiceTableModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    ServiceEditDialog *editor() const; // the open add/edit dialog, if any
    ConnectionTester *tester() const { return m_tester; }
    QStringList projects() const { return m_projects; }
    QString statusText() const;
    bool selectService(qint64 id);

Q_SIGNALS:
    void servicesReloaded();
    void editorOpened(stackscope::app::ServiceEditDialog *editor);
    void testFinished(bool ok, const QString &message);
    void serviceRemoved(qint64 id);
    void serviceRestored(qint64 id);
    // Any service was added, edited, removed or restored (for whoever polls them).
    void servicesChanged();

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    struct Listing
    {
        QList<ServiceRow> rows;
        QStringList projects;
    };
    enum class Tone { None, Busy, Ok, Error, Info };

    void buildUi();
    void openEditor(std::optional<ServiceConfig> existing);
    void onListed(Result<Listing> listing);
    void onSelectionChanged();
    void onServiceSaved(const ServiceConfig &service, bool added);
    void removeService(const ServiceConfig &service);
    void restoreService(qint64 id, const QString &name);
    void setStatus(Tone kind, const QString &text, bool richText = false);
    const ServiceRow *selectedRow() const;

    storage::StoreService &m_store;
    secrets::SecretStore &m_secrets;
    const connector::ConnectorRegistry &m_registry;
    ServiceTableModel *m_model = nullptr;
    ConnectionTester *m_tester = nullptr;
    QPointer<ServiceEditDialog> m_editor;
    QStringList m_projects;
    qint64 m_pendingSelection = 0;
    qint64 m_removedId = 0;      // the last removed service, which "Undo" restores
    QString m_removedName;
    quint64 m_listGeneration = 0;
    bool m_loaded = false;

    QStackedWidget *m_stack = nullptr;
    QTableView *m_view = nullptr;
    QWidget *m_emptyPage = nullptr;
    QLabel *m_details = nullptr;
    QPushButton *m_addButton = nullptr;
    QPushButton *m_editButton = nullptr;
    QPushButton *m_testButton = nullptr;
    QPushButton *m_removeButton = nullptr;
    QProgressBar *m_busy = nullptr;
    QLabel *m_statusIcon = nullptr;
    QLabel *m_status = nullptr;
    QTimer *m_refreshTimer = nullptr;
};

} // namespace stackscope::app
