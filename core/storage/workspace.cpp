#include "storage/workspace.h"

#include "secrets/securebytes.h"
#include "storage/database.h"
#include "storage/metricstore.h"
#include "storage/sealedsecrets.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStandardPaths>
#include <QUuid>

#include <sodium.h>

namespace stackscope::storage {

namespace {

constexpr char kKeyCheckContext[] = "stackscope/workspace-key-check/v1";

CipherParams cipherParams(const WorkspaceInfo &info)
{
    CipherParams params;
    params.pageSize = info.cipherPageSize;
    params.kdfIter = info.kdfIter;
    params.hmacAlgorithm = info.cipherHmac;
    params.compatibility = info.cipherCompatibility;
    return params;
}

QJsonObject toJson(const WorkspaceInfo &info)
{
    return QJsonObject{
        {QStringLiteral("format"), 1},
        {QStringLiteral("id"), info.id},
        {QStringLiteral("name"), info.name},
        {QStringLiteral("demo"), info.demo},
        {QStringLiteral("created_ms"), double(info.createdMs)},
        {QStringLiteral("key_check"), info.keyCheck},
        {QStringLiteral("cipher"), QJsonObject{
            {QStringLiteral("page_size"), info.cipherPageSize},
            {QStringLiteral("kdf_iter"), info.kdfIter},
            {QStringLiteral("hmac"), info.cipherHmac},
            {QStringLiteral("compatibility"), info.cipherCompatibility},
        }},
    };
}

// How a damaged database looks from outside: a file that is empty or not a whole number of pages was cut short.
bool looksTruncated(const QString &path, int pageSize)
{
    const qint64 size = QFileInfo(path).size();
    return size == 0 || (pageSize > 0 && size % pageSize != 0);
}

} // namespace

QString Workspace::metadataPath(const QString &dir) { return QDir(dir).filePath(QStringLiteral("workspace.json")); }
QString Workspace::databasePath(const QString &dir) { return QDir(dir).filePath(QStringLiteral("metrics.db")); }

QString Workspace::defaultDirectory()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation))
        .filePath(QStringLiteral("stackscope/workspace"));
}

QString Workspace::keychainEntry(const WorkspaceInfo &info)
{
    return QStringLiteral("workspace/%1/database-key").arg(info.id);
}

QString Workspace::keyCheckFor(const secrets::SecureBytes &key)
{
    secrets::initSodium();
    unsigned char out[16];
    crypto_generichash(out, sizeof out, reinterpret_cast<const unsigned char *>(kKeyCheckContext),
                       sizeof kKeyCheckContext - 1, key.data(), key.size());
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(out), sizeof out).toHex());
}

Result<WorkspaceInfo> Workspace::readInfo(const QString &dir)
{
    QFile file(metadataPath(dir));
    if (!file.exists())
        return Error::make(Error::Code::NotFound,
                           QStringLiteral("%1 is not a Stackscope workspace (no workspace.json). Run `stackscoped init` first.")
                               .arg(dir));
    if (!file.open(QIODevice::ReadOnly))
        return Error::make(Error::Code::Io, QStringLiteral("Cannot read %1: %2").arg(file.fileName(), file.errorString()));
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.read(1 << 20), &parseError);
    const QJsonObject object = doc.object();
    if (parseError.error != QJsonParseError::NoError || !object.contains(QStringLiteral("id"))
        || !object.contains(QStringLiteral("key_check")))
        return Error::make(Error::Code::Config, QStringLiteral("%1 is damaged: %2").arg(file.fileName(),
                           parseError.error != QJsonParseError::NoError ? parseError.errorString()
                                                                        : QStringLiteral("missing fields")));
    WorkspaceInfo info;
    info.id = object.value(QStringLiteral("id")).toString();
    info.name = object.value(QStringLiteral("name")).toString();
    info.demo = object.value(QStringLiteral("demo")).toBool();
    info.createdMs = qint64(object.value(QStringLiteral("created_ms")).toDouble());
    info.keyCheck = object.value(QStringLiteral("key_check")).toString();
    const QJsonObject cipher = object.value(QStringLiteral("cipher")).toObject();
    info.cipherPageSize = cipher.value(QStringLiteral("page_size")).toInt(info.cipherPageSize);
    info.kdfIter = cipher.value(QStringLiteral("kdf_iter")).toInt(info.kdfIter);
    info.cipherHmac = cipher.value(QStringLiteral("hmac")).toString(info.cipherHmac);
    info.cipherCompatibility = cipher.value(QStringLiteral("compatibility")).toInt(info.cipherCompatibility);
    return info;
}

Result<std::unique_ptr<MetricStore>> Workspace::create(const QString &dir, const secrets::SecureBytes &key,
                                                       WorkspaceInfo info)
{
    if (QFileInfo::exists(metadataPath(dir)) || QFileInfo::exists(databasePath(dir)))
        return Error::make(Error::Code::Config,
                           QStringLiteral("%1 already holds a workspace; refusing to overwrite it.").arg(dir));
    if (!QDir().mkpath(dir))
        return Error::make(Error::Code::Io, QStringLiteral("Cannot create the directory %1.").arg(dir));
    QFile::setPermissions(dir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);

    if (info.id.isEmpty())
        info.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    if (info.createdMs == 0)
        info.createdMs = QDateTime::currentMSecsSinceEpoch();
    info.keyCheck = keyCheckFor(key);

    auto store = MetricStore::create(databasePath(dir), key, cipherParams(info));
    if (!store)
        return store.error();

    QSaveFile meta(metadataPath(dir));
    if (!meta.open(QIODevice::WriteOnly)
        || meta.write(QJsonDocument(toJson(info)).toJson(QJsonDocument::Indented)) < 0 || !meta.commit()) {
        store.value().reset();
        QFile::remove(databasePath(dir)); // nothing was ever stored in it
        QFile::remove(databasePath(dir) + QStringLiteral("-wal"));
        QFile::remove(databasePath(dir) + QStringLiteral("-shm"));
        return Error::make(Error::Code::Io, QStringLiteral("Cannot write %1: %2").arg(meta.fileName(), meta.errorString()));
    }
    store.value()->setSealingKey(SealedSecrets::deriveSealingKey(key));
    return store;
}

Result<std::unique_ptr<MetricStore>> Workspace::open(const QString &dir, const secrets::SecureBytes &key)
{
    auto info = readInfo(dir);
    if (!info)
        return info.error();
    if (keyCheckFor(key) != info->keyCheck)
        return Error::make(Error::Code::WrongKey,
                           QStringLiteral("The key does not belong to the workspace \"%1\" (%2).").arg(info->name, dir));
    const QString path = databasePath(dir);
    if (!QFileInfo::exists(path))
        return Error::make(Error::Code::NotFound,
                           QStringLiteral("The workspace's database %1 is missing.").arg(path));
    if (looksTruncated(path, info->cipherPageSize))
        return Error::make(Error::Code::DatabaseTruncated,
                           QStringLiteral("The database %1 is truncated (%2 bytes is not a whole number of pages). "
                                          "Restore it from a backup; it was left untouched.")
                               .arg(path).arg(QFileInfo(path).size()));
    auto store = MetricStore::open(path, key, cipherParams(info.value()));
    if (!store) {
        Error error = store.error();
        if (error.code == Error::Code::WrongKey) {
            // The key matched workspace.json, so the file itself cannot be read: it is damaged.
            error.code = Error::Code::DatabaseCorrupt;
        }
        if (error.code == Error::Code::DatabaseCorrupt)
            error.userMessage = QStringLiteral("The database %1 is damaged and cannot be read. Restore it from a "
                                               "backup; it was left untouched.").arg(path);
        return error;
    }
    store.value()->setSealingKey(SealedSecrets::deriveSealingKey(key));
    return store;
}

} // namespace stackscope::storage
