#include "workspaceopener.h"

#include "backgroundtask.h"
#include "demoseeder.h"
#include "secrets/keychainsecretstore.h"
#include "secrets/keyfile.h"
#include "secrets/securebytes.h"
#include "storage/metricstore.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace stackscope::app {

using storage::Workspace;

namespace {

Result<OpenedWorkspace> openWithKey(const QString &directory, const secrets::SecureBytes &key)
{
    auto info = Workspace::readInfo(directory);
    if (!info)
        return info.error();
    auto store = Workspace::open(directory, key);
    if (!store)
        return store.error();
    OpenedWorkspace opened;
    opened.directory = directory;
    opened.info = info.value();
    opened.store = std::move(store).value();
    return opened;
}

// The demo workspace is created on first use. Its database key sits in a key file next to the database:
// demo data is simulated and not secret, and a key file keeps the demo independent of whether an OS keychain
// exists (so it also works on a fresh machine or in CI). Real workspaces never do this.
Result<OpenedWorkspace> openOrCreateDemo(const QString &directory, int days)
{
    const QString keyPath = QDir(directory).filePath(WorkspaceOpener::demoKeyFileName());
    Result<OpenedWorkspace> opened = Error::make(Error::Code::Storage, QString());
    if (QFileInfo::exists(Workspace::metadataPath(directory))) {
        auto info = Workspace::readInfo(directory);
        if (!info)
            return info.error();
        if (!info->demo)
            return Error::make(Error::Code::Config,
                               WorkspaceOpener::tr("%1 holds a workspace that is not a demo workspace. Stackscope "
                                                   "will not put simulated data into it.").arg(directory));
        auto key = secrets::readKeyFile(keyPath);
        if (!key)
            return key.error();
        opened = openWithKey(directory, key.value());
    } else {
        if (QFileInfo::exists(Workspace::databasePath(directory)))
            return Error::make(Error::Code::DatabaseCorrupt,
                               WorkspaceOpener::tr("%1 contains a database but no workspace.json. It was left "
                                                   "untouched; move it away to start a fresh demo workspace.")
                                   .arg(directory));
        if (!QDir().mkpath(directory))
            return Error::make(Error::Code::Io,
                               WorkspaceOpener::tr("Cannot create the folder %1.").arg(directory));
        QFile::setPermissions(directory, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        secrets::SecureBytes key;
        if (QFileInfo::exists(keyPath)) { // left over from an interrupted first start
            auto existing = secrets::readKeyFile(keyPath);
            if (!existing)
                return existing.error();
            key = std::move(existing).value();
        } else {
            secrets::initSodium();
            key = secrets::SecureBytes::random(secrets::keyFileKeySize);
            if (auto written = secrets::createKeyFile(keyPath, key); !written)
                return written.error();
        }
        storage::WorkspaceInfo info;
        info.name = QStringLiteral("Demo workspace");
        info.demo = true;
        auto store = Workspace::create(directory, key, info);
        if (!store)
            return store.error();
        auto created = Workspace::readInfo(directory);
        if (!created)
            return created.error();
        OpenedWorkspace result;
        result.directory = directory;
        result.info = created.value();
        result.store = std::move(store).value();
        opened = std::move(result);
    }
    if (!opened)
        return opened;

    // The demo's metric catalogue, projects and services are written by ensureDemoCatalogue (democatalogue.h).
    opened->demoFill = DemoSeeder::planFill(directory, QDateTime::currentMSecsSinceEpoch(), days);
    return opened;
}

} // namespace

WorkspaceOpener::WorkspaceOpener(secrets::SecretStore *keychain, QObject *parent)
    : QObject(parent)
    , m_keychain(keychain)
{
}

WorkspaceOpener::~WorkspaceOpener() = default;

QString WorkspaceOpener::demoDirectory()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
        .filePath(QStringLiteral("demo-workspace"));
}

QString WorkspaceOpener::demoKeyFileName()
{
    return QStringLiteral("demo.key");
}

secrets::SecretStore *WorkspaceOpener::keychain()
{
    if (!m_keychain) {
        m_ownedKeychain = std::make_unique<secrets::KeychainSecretStore>();
        m_keychain = m_ownedKeychain.get();
    }
    return m_keychain;
}

void WorkspaceOpener::open(const OpenRequest &request, Done done)
{
    if (request.demo) {
        const QString directory = request.directory.isEmpty() ? demoDirectory() : request.directory;
        const int days = request.demoDays;
        runInBackground(this, [directory, days] { return openOrCreateDemo(directory, days); }, std::move(done));
        return;
    }

    const QString directory = request.directory.isEmpty() ? Workspace::defaultDirectory() : request.directory;
    const QString keyFile = request.keyFile.isEmpty() ? secrets::keyFileFromEnvironment() : request.keyFile;
    if (!keyFile.isEmpty()) {
        runInBackground(this, [directory, keyFile]() -> Result<OpenedWorkspace> {
            // Only look for the key once the workspace is known to exist, so "no workspace" reads as such.
            if (auto info = Workspace::readInfo(directory); !info)
                return info.error();
            auto key = secrets::readKeyFile(keyFile);
            if (!key)
                return key.error();
            return openWithKey(directory, key.value());
        }, std::move(done));
        return;
    }
    openWithKeychain(directory, std::move(done));
}

void WorkspaceOpener::openWithKeychain(const QString &directory, Done done)
{
    runInBackground(this, [directory] { return Workspace::readInfo(directory); },
                    [this, directory, done = std::move(done)](Result<storage::WorkspaceInfo> info) mutable {
        if (!info) {
            done(info.error());
            return;
        }
        auto shared = std::make_shared<Done>(std::move(done));
        keychain()->read(Workspace::keychainEntry(info.value()), this,
                         [this, directory, shared](Result<secrets::SecureBytes> key) {
            if (!key) {
                Error error = key.error();
                if (error.code == Error::Code::KeyMissing)
                    error.userMessage = tr("The system keychain has no database key for this workspace.");
                (*shared)(error);
                return;
            }
            auto keyHolder = std::make_shared<secrets::SecureBytes>(std::move(key).value());
            runInBackground(this, [directory, keyHolder] { return openWithKey(directory, *keyHolder); },
                            [shared](Result<OpenedWorkspace> opened) { (*shared)(std::move(opened)); });
        });
    });
}

} // namespace stackscope::app
