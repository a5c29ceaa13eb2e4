#include "cli/initcommand.h"

#include "cli/exitcodes.h"
#include "cli/jsonoutput.h"
#include "secrets/keychainsecretstore.h"
#include "secrets/keyfile.h"
#include "storage/workspace.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QUuid>

namespace stackscope::daemon {

InitCommand::InitCommand()
    : Command(QStringLiteral("init"), QStringLiteral("Create an encrypted workspace. The key goes to the OS keychain, "
                                                     "or to a new key file (mode 0600) with --key-file."))
{
}

void InitCommand::addOptions(QCommandLineParser &parser)
{
    parser.addOption({QStringLiteral("name"), QStringLiteral("Display name of the workspace."), QStringLiteral("NAME")});
}

void InitCommand::run()
{
    const QString dir = workspaceDir();
    if (QFileInfo::exists(storage::Workspace::metadataPath(dir)) || QFileInfo::exists(storage::Workspace::databasePath(dir))) {
        fail(Error::make(Error::Code::Config, QStringLiteral("%1 already holds a workspace; refusing to overwrite it.").arg(dir)));
        return;
    }
    secrets::SecureBytes key = secrets::SecureBytes::random(32);
    const QString file = keyFile();
    if (!file.isEmpty()) {
        if (Status st = secrets::createKeyFile(file, key); !st) {
            fail(st.error());
            return;
        }
        createWith(key);
        return;
    }

    // Keychain: store the key first, so a workspace never exists without its key somewhere.
    storage::WorkspaceInfo info;
    info.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    auto *keychain = new secrets::KeychainSecretStore(&m_context);
    auto shared = std::make_shared<secrets::SecureBytes>(std::move(key));
    keychain->write(storage::Workspace::keychainEntry(info), *shared, &m_context,
                    [this, keychain, shared, info](Status stored) mutable {
                        keychain->deleteLater();
                        if (!stored) {
                            Error error = stored.error();
                            error.userMessage += QStringLiteral(" Use --key-file FILE to keep the key in a file instead.");
                            fail(error);
                            return;
                        }
                        m_pendingId = info.id;
                        createWith(*shared);
                    });
}

void InitCommand::createWith(const secrets::SecureBytes &key)
{
    storage::WorkspaceInfo info;
    info.id = m_pendingId;
    info.name = parser().isSet(QStringLiteral("name")) ? parser().value(QStringLiteral("name"))
                                                       : QFileInfo(workspaceDir()).fileName();
    auto store = storage::Workspace::create(workspaceDir(), key, info);
    if (!store) {
        if (!keyFile().isEmpty())
            QFile::remove(keyFile()); // we just made it; it guards nothing now
        fail(store.error());
        return;
    }
    auto created = storage::Workspace::readInfo(workspaceDir());
    printJson({{QStringLiteral("workspace"), QDir(workspaceDir()).absolutePath()},
               {QStringLiteral("id"), created ? created->id : QString()},
               {QStringLiteral("key"), keyFile().isEmpty() ? QStringLiteral("keychain") : QStringLiteral("key-file")},
               {QStringLiteral("schema"), store.value()->schemaVersion()}});
    finish(ExitOk);
}

} // namespace stackscope::daemon
