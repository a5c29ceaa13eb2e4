#pragma once

#include "demo/demodata.h"
#include "storage/workspace.h"
#include "util/result.h"

#include <QObject>
#include <QString>

#include <functional>
#include <limits>
#include <memory>
#include <optional>

namespace stackscope::secrets {
class SecretStore;
class SecureBytes;
}
namespace stackscope::storage { class MetricStore; }

namespace stackscope::app {

// How the user asked to open a workspace (command line or menu).
struct OpenRequest
{
    QString directory;               // empty: Workspace::defaultDirectory(), or the demo directory with `demo`
    QString keyFile;                 // empty: $STACKSCOPE_KEY_FILE, else the OS keychain
    bool demo = false;
    int demoDays = demo::kDemoDays;  // history generated for a new demo workspace
};

// The part of a demo workspace's simulated history that still has to be generated and stored.
struct DemoFillPlan
{
    qint64 endMs = 0;
    int days = 0;
    qint64 afterMs = std::numeric_limits<qint64>::min(); // only samples newer than this are stored (top-ups)
    qint64 anchorMs = 0; // where the simulated incidents sit: the first fill's end, kept by every top-up
};

struct OpenedWorkspace
{
    QString directory;
    storage::WorkspaceInfo info;
    std::unique_ptr<storage::MetricStore> store;
    std::optional<DemoFillPlan> demoFill;
};

// Finds the key of a workspace and opens it, without blocking the GUI thread: key files and the database are
// read on the thread pool, the keychain is asked asynchronously. Never creates a database over one it cannot
// read; only the demo workspace is created on first use.
class WorkspaceOpener : public QObject
{
    Q_OBJECT

public:
    using Done = std::function<void(Result<OpenedWorkspace>)>;

    // `keychain` may be null: the OS keychain (KeychainSecretStore) is then created on first use.
    explicit WorkspaceOpener(secrets::SecretStore *keychain = nullptr, QObject *parent = nullptr);
    ~WorkspaceOpener() override;

    // `done` runs on this object's thread, unless this object is destroyed first.
    void open(const OpenRequest &request, Done done);

    static QString demoDirectory();    // <AppDataLocation>/demo-workspace
    static QString demoKeyFileName();  // "demo.key"

private:
    void openWithKeychain(const QString &directory, Done done);
    secrets::SecretStore *keychain();

    secrets::SecretStore *m_keychain = nullptr;
    std::unique_ptr<secrets::SecretStore> m_ownedKeychain;
};

} // namespace stackscope::app
