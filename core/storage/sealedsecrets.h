#pragma once

#include "secrets/securebytes.h"
#include "util/result.h"

#include <QString>
#include <QStringList>

namespace stackscope::storage {

class Database;

// Connector credentials of a headless workspace, sealed with XChaCha20-Poly1305 under a key derived from the
// workspace key (crypto_kdf, context "stksecrt"), inside the already encrypted database: a dump or export of
// the database still shows no credential. The entry name is bound to its ciphertext as associated data, so a
// sealed value cannot be moved to another name.
class SealedSecrets
{
public:
    SealedSecrets(Database &db, secrets::SecureBytes sealingKey);

    static secrets::SecureBytes deriveSealingKey(const secrets::SecureBytes &workspaceKey);

    Status put(const QString &name, const secrets::SecureBytes &secret);
    Result<secrets::SecureBytes> get(const QString &name);   // KeyMissing when absent
    Status remove(const QString &name);
    Result<QStringList> names(const QString &prefix);

private:
    Database &m_db;
    secrets::SecureBytes m_key;
};

} // namespace stackscope::storage
