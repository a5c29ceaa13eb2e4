#include "notify/channelcredentials.h"

#include "secrets/secretstore.h"
#include "storage/metricstore.h"
#include "storage/sealedsecrets.h"

#include <memory>

namespace stackscope::notify {

namespace {

struct KeychainRead
{
    secrets::SecretStore *store = nullptr;
    QString uuid;
    QObject *context = nullptr;
    QStringList pending;
    ChannelSecrets found;
    std::function<void(Result<ChannelSecrets>)> done;
};

void readNext(const std::shared_ptr<KeychainRead> &run)
{
    if (run->pending.isEmpty()) {
        run->done(std::move(run->found));
        return;
    }
    const QString field = run->pending.takeFirst();
    run->store->read(ChannelConfig::secretKey(run->uuid, field), run->context,
                     [run, field](Result<secrets::SecureBytes> secret) {
        if (secret) {
            run->found.insert_or_assign(field, std::make_shared<const secrets::SecureBytes>(std::move(secret).value()));
        } else if (secret.error().code != Error::Code::KeyMissing) {
            run->done(secret.error());
            return;
        }
        readNext(run);
    });
}

struct KeychainWrite
{
    secrets::SecretStore *store = nullptr;
    QString uuid;
    QObject *context = nullptr;
    ChannelSecrets pending;
    QStringList written;
    std::function<void(Status, QStringList)> done;
};

void writeNext(const std::shared_ptr<KeychainWrite> &run)
{
    if (run->pending.empty()) {
        run->done(Status(), run->written);
        return;
    }
    auto node = run->pending.extract(run->pending.begin());
    const QString field = node.key();
    const std::shared_ptr<const secrets::SecureBytes> secret = node.mapped();
    run->store->write(ChannelConfig::secretKey(run->uuid, field), *secret, run->context, [run, field](Status status) {
        if (!status) {
            run->done(status, run->written);
            return;
        }
        run->written.append(field);
        writeNext(run);
    });
}

} // namespace

ChannelCredentials ChannelCredentials::keychain(secrets::SecretStore &store)
{
    return ChannelCredentials(&store, std::nullopt);
}

ChannelCredentials ChannelCredentials::sealed(StoreGateway gateway)
{
    return ChannelCredentials(nullptr, std::move(gateway));
}

void ChannelCredentials::load(const ChannelConfig &channel, QObject *context,
                              std::function<void(Result<ChannelSecrets>)> done) const
{
    const QStringList fields = secretFields(channel.type);
    if (m_sealed) {
        m_sealed->call<ChannelSecrets>(
            context,
            [uuid = channel.uuid, fields](storage::MetricStore &store) -> Result<ChannelSecrets> {
                ChannelSecrets found;
                for (const QString &field : fields) {
                    auto secret = store.sealedSecrets().get(ChannelConfig::secretKey(uuid, field));
                    if (secret)
                        found.emplace(field, std::make_shared<const secrets::SecureBytes>(std::move(secret).value()));
                    else if (secret.error().code != Error::Code::KeyMissing)
                        return secret.error();
                }
                return found;
            },
            std::move(done));
        return;
    }
    auto run = std::make_shared<KeychainRead>();
    run->store = m_store;
    run->uuid = channel.uuid;
    run->context = context;
    run->pending = fields;
    run->done = std::move(done);
    readNext(run);
}

void ChannelCredentials::store(const QString &uuid, ChannelSecrets secrets, QObject *context,
                               std::function<void(Status, QStringList)> done) const
{
    if (m_sealed) {
        auto written = std::make_shared<QStringList>();
        m_sealed->call<bool>(
            context,
            [uuid, secrets = std::move(secrets), written](storage::MetricStore &store) -> Result<bool> {
                for (const auto &[field, secret] : secrets) {
                    if (Status st = store.sealedSecrets().put(ChannelConfig::secretKey(uuid, field), *secret); !st)
                        return st.error();
                    written->append(field);
                }
                return true;
            },
            [written, done = std::move(done)](Result<bool> result) {
                done(result ? Status() : Status(result.error()), *written);
            });
        return;
    }
    auto run = std::make_shared<KeychainWrite>();
    run->store = m_store;
    run->uuid = uuid;
    run->context = context;
    run->pending = std::move(secrets);
    run->done = std::move(done);
    writeNext(run);
}

void ChannelCredentials::remove(const QString &uuid, const QStringList &fields, QObject *context,
                                std::function<void(Status)> done) const
{
    if (m_sealed) {
        m_sealed->call<bool>(
            context,
            [uuid, fields](storage::MetricStore &store) -> Result<bool> {
                Status first;
                for (const QString &field : fields) {
                    Status st = store.sealedSecrets().remove(ChannelConfig::secretKey(uuid, field));
                    if (!st && st.error().code != Error::Code::KeyMissing && first)
                        first = st;
                }
                if (!first)
                    return first.error();
                return true;
            },
            [done = std::move(done)](Result<bool> result) { done(result ? Status() : Status(result.error())); });
        return;
    }
    if (fields.isEmpty()) {
        done({});
        return;
    }
    struct Removal
    {
        int remaining = 0;
        Status first;
    };
    auto removal = std::make_shared<Removal>();
    removal->remaining = int(fields.size());
    for (const QString &field : fields) {
        m_store->remove(ChannelConfig::secretKey(uuid, field), context, [removal, done](Status status) {
            if (!status && status.error().code != Error::Code::KeyMissing && removal->first)
                removal->first = status;
            if (--removal->remaining == 0)
                done(removal->first);
        });
    }
}

std::shared_ptr<const secrets::SecureBytes> secretFromText(const QString &text)
{
    QByteArray utf8 = text.toUtf8();
    auto bytes = std::make_shared<const secrets::SecureBytes>(QByteArrayView(utf8.constData(), utf8.size()));
    secrets::wipe(utf8);
    return bytes;
}

} // namespace stackscope::notify
