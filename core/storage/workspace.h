#pragma once

#include "util/result.h"

#include <QString>

#include <memory>

namespace stackscope::secrets { class SecureBytes; }

namespace stackscope::storage {

class MetricStore;

// What workspace.json (beside the database, plain text) records. It holds no secret: the key check is a keyed
// BLAKE2b hash of a constant under the database key, which lets us say "wrong key" without touching the database.
struct WorkspaceInfo
{
    QString id;                 // random UUID; names the keychain entry
    QString name;
    bool demo = false;          // demo workspaces hold simulated data only and are labelled as such everywhere
    qint64 createdMs = 0;
    QString keyCheck;           // hex
    int cipherPageSize = 4096;
    int kdfIter = 64000;
    QString cipherHmac = QStringLiteral("HMAC_SHA1");
    int cipherCompatibility = 3;
};

// A workspace is a directory: workspace.json + metrics.db (+ its WAL). One encrypted database per workspace.
class Workspace
{
public:
    static QString metadataPath(const QString &dir);
    static QString databasePath(const QString &dir);
    static QString defaultDirectory();                   // under the user's data directory
    static QString keychainEntry(const WorkspaceInfo &info);  // "workspace/<id>/database-key"

    static Result<WorkspaceInfo> readInfo(const QString &dir);

    // Creates dir (if needed), workspace.json and a new encrypted database. Refuses if either file exists.
    static Result<std::unique_ptr<MetricStore>> create(const QString &dir, const secrets::SecureBytes &key,
                                                       WorkspaceInfo info);
    // Opens; the key is checked against workspace.json first (Error::Code::WrongKey), then the file
    // (DatabaseTruncated / DatabaseCorrupt). Never writes to a file it could not open.
    static Result<std::unique_ptr<MetricStore>> open(const QString &dir, const secrets::SecureBytes &key);

    static QString keyCheckFor(const secrets::SecureBytes &key);
};

} // namespace stackscope::storage
