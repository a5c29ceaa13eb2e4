#include "cli/credentialaccess.h"

#include "model/serviceconfig.h"
#include "secrets/keychainsecretstore.h"
#include "storage/metricstore.h"
#include "storage/sealedsecrets.h"

#include <QFile>

#include <sodium.h>

namespace stackscope::daemon {

CredentialAccess::CredentialAccess(storage::MetricStore &store, Backend backend, QObject *parent)
    : QObject(parent), m_store(store), m_backend(backend)
{
}

secrets::KeychainSecretStore *CredentialAccess::keychain()
{
    if (!m_keychain)
        m_keychain = new secrets::KeychainSecretStore(this);
    return m_keychain;
}

void CredentialAccess::store(const QString &uuid, std::map<QString, secrets::SecureBytes> secrets,
                             std::function<void(Status)> done)
{
    if (m_backend == Backend::Sealed) {
        for (const auto &[field, secret] : secrets) {
            if (Status st = m_store.sealedSecrets().put(ServiceConfig::credentialKey(uuid, field), secret); !st) {
                done(st);
                return;
            }
        }
        done({});
        return;
    }
    // Keychain writes are asynchronous; chain them so the first failure stops the rest.
    secrets::KeychainSecretStore *keychain = this->keychain();
    auto pending = std::make_shared<std::map<QString, secrets::SecureBytes>>(std::move(secrets));
    // Each pending keychain callback holds the chain; the chain itself holds only a weak reference.
    auto step = std::make_shared<std::function<void()>>();
    std::weak_ptr<std::function<void()>> weakStep = step;
    *step = [this, uuid, keychain, pending, weakStep, done]() {
        if (pending->empty()) {
            done({});
            return;
        }
        auto node = pending->extract(pending->begin());
        keychain->write(ServiceConfig::credentialKey(uuid, node.key()), node.mapped(), this,
                        [next = weakStep.lock(), done](Status st) {
                            if (!st) {
                                done(st);
                                return;
                            }
                            (*next)();
                        });
    };
    (*step)();
}

void CredentialAccess::load(const QString &uuid, const QStringList &fields, std::function<void(Result<CredentialMap>)> done)
{
    if (m_backend == Backend::Sealed) {
        CredentialMap found;
        for (const QString &field : fields) {
            auto secret = m_store.sealedSecrets().get(ServiceConfig::credentialKey(uuid, field));
            if (secret)
                found.emplace(field, std::make_shared<const secrets::SecureBytes>(std::move(secret).value()));
            else if (secret.error().code != Error::Code::KeyMissing) {
                done(secret.error());
                return;
            }
        }
        done(found);
        return;
    }
    secrets::KeychainSecretStore *keychain = this->keychain();
    auto found = std::make_shared<CredentialMap>();
    auto remaining = std::make_shared<QStringList>(fields);
    auto step = std::make_shared<std::function<void()>>();
    std::weak_ptr<std::function<void()>> weakStep = step;
    *step = [this, uuid, keychain, found, remaining, weakStep, done]() {
        if (remaining->isEmpty()) {
            done(*found);
            return;
        }
        const QString field = remaining->takeFirst();
        keychain->read(ServiceConfig::credentialKey(uuid, field), this,
                       [field, found, next = weakStep.lock(), done](Result<secrets::SecureBytes> secret) {
                           if (secret) {
                               found->emplace(field, std::make_shared<const secrets::SecureBytes>(std::move(secret).value()));
                           } else if (secret.error().code != Error::Code::KeyMissing) {
                               done(secret.error());
                               return;
                           }
                           (*next)();
                       });
    };
    (*step)();
}

Result<secrets::SecureBytes> readSecretArgument(const QString &field, const QString &value)
{
    if (!value.startsWith(QLatin1Char('@')))
        return Error::make(Error::Code::Config,
                           QStringLiteral("--secret %1 takes @FILE (or @- for standard input), never the secret itself "
                                          "on the command line").arg(field));
    const QString path = value.mid(1);
    QFile file;
    const bool opened = path == QLatin1String("-") ? file.open(stdin, QIODevice::ReadOnly)
                                                   : (file.setFileName(path), file.open(QIODevice::ReadOnly));
    if (!opened)
        return Error::make(file.exists() || path == QLatin1String("-") ? Error::Code::Io : Error::Code::NotFound,
                           QStringLiteral("Cannot read the secret for %1 from %2: %3").arg(field, path, file.errorString()));
    QByteArray raw = file.read(64 * 1024);
    qsizetype length = raw.size();
    while (length > 0 && (raw[length - 1] == '\n' || raw[length - 1] == '\r'))
        --length;
    secrets::SecureBytes secret(QByteArrayView(raw.constData(), length));
    sodium_memzero(raw.data(), std::size_t(raw.size()));
    if (secret.isEmpty())
        return Error::make(Error::Code::Config, QStringLiteral("The secret for %1 in %2 is empty.").arg(field, path));
    return secret;
}

} // namespace stackscope::daemon
