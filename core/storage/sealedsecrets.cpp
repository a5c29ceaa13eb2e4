#include "storage/sealedsecrets.h"

#include "storage/database.h"

#include <sodium.h>

namespace stackscope::storage {

SealedSecrets::SealedSecrets(Database &db, secrets::SecureBytes sealingKey) : m_db(db), m_key(std::move(sealingKey)) {}

secrets::SecureBytes SealedSecrets::deriveSealingKey(const secrets::SecureBytes &workspaceKey)
{
    static_assert(crypto_kdf_KEYBYTES == 32 && crypto_aead_xchacha20poly1305_ietf_KEYBYTES == 32);
    secrets::initSodium();
    secrets::SecureBytes subkey(crypto_aead_xchacha20poly1305_ietf_KEYBYTES);
    if (workspaceKey.size() != crypto_kdf_KEYBYTES
        || crypto_kdf_derive_from_key(subkey.data(), subkey.size(), 1, "stksecrt", workspaceKey.data()) != 0)
        return {};
    return subkey;
}

Status SealedSecrets::put(const QString &name, const secrets::SecureBytes &secret)
{
    if (m_key.size() != crypto_aead_xchacha20poly1305_ietf_KEYBYTES)
        return Error::make(Error::Code::Config, QStringLiteral("This workspace has no key for sealed credentials."));
    const QByteArray ad = name.toUtf8();
    QByteArray nonce(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES, Qt::Uninitialized);
    randombytes_buf(nonce.data(), std::size_t(nonce.size()));
    QByteArray ciphertext(qsizetype(secret.size() + crypto_aead_xchacha20poly1305_ietf_ABYTES), Qt::Uninitialized);
    unsigned long long written = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(
        reinterpret_cast<unsigned char *>(ciphertext.data()), &written, secret.data(), secret.size(),
        reinterpret_cast<const unsigned char *>(ad.constData()), std::size_t(ad.size()), nullptr,
        reinterpret_cast<const unsigned char *>(nonce.constData()), m_key.data());
    ciphertext.resize(qsizetype(written));
    Statement &insert = m_db.prepare("INSERT OR REPLACE INTO sealed_secrets(name, nonce, ciphertext) VALUES (?1, ?2, ?3);");
    return insert.bind(1, name).bindBlob(2, nonce).bindBlob(3, ciphertext).run();
}

Result<secrets::SecureBytes> SealedSecrets::get(const QString &name)
{
    Statement &query = m_db.prepare("SELECT nonce, ciphertext FROM sealed_secrets WHERE name = ?1;");
    query.bind(1, name);
    if (!query.step()) {
        if (!query.ok())
            return query.error(QStringLiteral("reading a sealed credential"));
        return Error::make(Error::Code::KeyMissing, QStringLiteral("No credential \"%1\" is stored.").arg(name));
    }
    const QByteArray nonce = query.blob(0);
    const QByteArray ciphertext = query.blob(1);
    query.reset();
    if (nonce.size() != crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
        || ciphertext.size() < qsizetype(crypto_aead_xchacha20poly1305_ietf_ABYTES)
        || m_key.size() != crypto_aead_xchacha20poly1305_ietf_KEYBYTES)
        return Error::make(Error::Code::DatabaseCorrupt, QStringLiteral("The sealed credential \"%1\" is damaged.").arg(name));
    const QByteArray ad = name.toUtf8();
    secrets::SecureBytes plain(std::size_t(ciphertext.size()) - crypto_aead_xchacha20poly1305_ietf_ABYTES);
    unsigned long long length = 0;
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(
            plain.data(), &length, nullptr, reinterpret_cast<const unsigned char *>(ciphertext.constData()),
            std::size_t(ciphertext.size()), reinterpret_cast<const unsigned char *>(ad.constData()),
            std::size_t(ad.size()), reinterpret_cast<const unsigned char *>(nonce.constData()), m_key.data())
        != 0)
        return Error::make(Error::Code::DatabaseCorrupt,
                           QStringLiteral("The sealed credential \"%1\" does not open with this workspace's key.").arg(name));
    return plain;
}

Status SealedSecrets::remove(const QString &name)
{
    return m_db.prepare("DELETE FROM sealed_secrets WHERE name = ?1;").bind(1, name).run();
}

Result<QStringList> SealedSecrets::names(const QString &prefix)
{
    Statement &query = m_db.prepare("SELECT name FROM sealed_secrets WHERE substr(name, 1, length(?1)) = ?1 ORDER BY name;");
    query.bind(1, prefix);
    QStringList found;
    while (query.step())
        found.append(query.text(0));
    if (!query.ok())
        return query.error(QStringLiteral("listing sealed credentials"));
    return found;
}

} // namespace stackscope::storage
