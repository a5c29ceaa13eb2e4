#include "servicecredentials.h"

#include "uilogging.h"

#include "model/serviceconfig.h"
#include "secrets/secretstore.h"
#include "secrets/securebytes.h"

#include <QObject>

#include <memory>

namespace stackscope::app {

namespace {

struct StoreRun
{
    secrets::SecretStore *store = nullptr;
    QString uuid;
    QObject *context = nullptr;
    connector::CredentialMap pending;
    QStringList written;
    std::function<void(Status, QStringList)> done;
};

void storeNext(const std::shared_ptr<StoreRun> &run)
{
    if (run->pending.empty()) {
        run->done(Status(), run->written);
        return;
    }
    auto it = run->pending.begin();
    const QString field = it->first;
    const std::shared_ptr<const secrets::SecureBytes> secret = it->second;
    run->pending.erase(it);
    run->store->write(ServiceConfig::credentialKey(run->uuid, field), *secret, run->context,
                      [run, field](Status status) {
        if (!status) {
            run->done(status, run->written);
            return;
        }
        run->written.append(field);
        storeNext(run);
    });
}

struct LoadRun
{
    secrets::SecretStore *store = nullptr;
    QString uuid;
    QObject *context = nullptr;
    QStringList pending;
    connector::CredentialMap found;
    std::function<void(Result<connector::CredentialMap>)> done;
};

void loadNext(const std::shared_ptr<LoadRun> &run)
{
    if (run->pending.isEmpty()) {
        run->done(std::move(run->found));
        return;
    }
    const QString field = run->pending.takeFirst();
    run->store->read(ServiceConfig::credentialKey(run->uuid, field), run->context,
                     [run, field](Result<secrets::SecureBytes> secret) {
        if (secret) {
            run->found.insert_or_assign(field, std::make_shared<const secrets::SecureBytes>(std::move(secret).value()));
        } else if (secret.error().code != Error::Code::KeyMissing) {
            run->done(secret.error());
            return;
        }
        loadNext(run);
    });
}

} // namespace

void storeCredentials(secrets::SecretStore &store, const QString &uuid, connector::CredentialMap credentials,
                      QObject *context, std::function<void(Status, QStringList)> done)
{
    auto run = std::make_shared<StoreRun>();
    run->store = &store;
    run->uuid = uuid;
    run->context = context;
    run->pending = std::move(credentials);
    run->done = std::move(done);
    storeNext(run);
}

void loadCredentials(secrets::SecretStore &store, const QString &uuid, QStringList fields, QObject *context,
                     std::function<void(Result<connector::CredentialMap>)> done)
{
    auto run = std::make_shared<LoadRun>();
    run->store = &store;
    run->uuid = uuid;
    run->context = context;
    run->pending = std::move(fields);
    run->done = std::move(done);
    loadNext(run);
}

void removeCredentials(secrets::SecretStore &store, const QString &uuid, QStringList fields, QObject *context,
                       std::function<void()> done)
{
    auto remaining = std::make_shared<int>(int(fields.size()));
    if (fields.isEmpty()) {
        if (done)
            done();
        return;
    }
    for (const QString &field : std::as_const(fields)) {
        store.remove(ServiceConfig::credentialKey(uuid, field), context, [remaining, field, done](Status status) {
            if (!status)
                qCWarning(lcUi).noquote() << "could not remove the credential" << field << "of a service:"
                                          << status.error().detail;
            if (--*remaining == 0 && done)
                done();
        });
    }
}

secrets::SecureBytes secureFromText(const QString &text)
{
    QByteArray utf8 = text.toUtf8();
    secrets::SecureBytes bytes{QByteArrayView(utf8.constData(), utf8.size())};
    secrets::wipe(utf8);
    return bytes;
}

} // namespace stackscope::app
