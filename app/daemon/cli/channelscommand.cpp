#include "cli/channelscommand.h"

#include "cli/credentialaccess.h"
#include "cli/exitcodes.h"
#include "cli/jsonoutput.h"
#include "notify/channelcredentials.h"
#include "notify/channelrepository.h"
#include "notify/channeltypes.h"
#include "notify/outboxdispatcher.h"
#include "notify/outboxrepository.h"
#include "notify/storegateway.h"
#include "secrets/keychainsecretstore.h"
#include "storage/metricstore.h"
#include "util/clock.h"

#include <QDateTime>
#include <QJsonArray>

namespace stackscope::daemon {

namespace {

constexpr std::chrono::seconds kTestTimeout{60};

QJsonValue isoTime(qint64 ms)
{
    return ms > 0 ? QJsonValue(QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs)) : QJsonValue();
}

Result<notify::ChannelConfig> findChannel(notify::ChannelRepository &channels, const QString &which)
{
    bool isId = false;
    const qint64 id = which.toLongLong(&isId);
    return isId ? channels.get(id) : channels.byName(which);
}

QString outboxStateName(notify::OutboxItem::State state)
{
    switch (state) {
    case notify::OutboxItem::State::Pending: return QStringLiteral("pending");
    case notify::OutboxItem::State::Sent: return QStringLiteral("sent");
    case notify::OutboxItem::State::Failed: return QStringLiteral("failed");
    }
    return {};
}

} // namespace

ChannelsCommand::ChannelsCommand()
    : Command(QStringLiteral("channels"),
              QStringLiteral("Manage notification channels: add, list, test ID|NAME, remove ID|NAME, outbox."))
{
}

ChannelsCommand::~ChannelsCommand() = default;

void ChannelsCommand::addOptions(QCommandLineParser &parser)
{
    parser.addPositionalArgument(QStringLiteral("action"), QStringLiteral("add | list | test ID|NAME | remove ID|NAME | outbox"));
    parser.addOptions({
        {QStringLiteral("type"), QStringLiteral("add: desktop, email, slack or webhook."), QStringLiteral("TYPE")},
        {QStringLiteral("name"), QStringLiteral("add: a unique name, what rules refer to."), QStringLiteral("NAME")},
        {QStringLiteral("set"), QStringLiteral("add: a setting, repeatable (see docs/CLI.md)."), QStringLiteral("key=value")},
        {QStringLiteral("secret"), QStringLiteral("add: a secret read from a file (or @- for stdin), repeatable."),
         QStringLiteral("field=@FILE")},
        {QStringLiteral("default"), QStringLiteral("add: built-in alerts and rules naming no channel notify this one.")},
        {QStringLiteral("failed"), QStringLiteral("outbox: list notifications given up on instead of pending ones.")},
    });
}

void ChannelsCommand::run()
{
    const QStringList args = parser().positionalArguments();
    const QString action = args.value(0);
    static const QStringList actions{QStringLiteral("add"), QStringLiteral("list"), QStringLiteral("test"),
                                     QStringLiteral("remove"), QStringLiteral("outbox")};
    if (!actions.contains(action)) {
        usageError(QStringLiteral("channels needs an action: add, list, test ID|NAME, remove ID|NAME or outbox"));
        return;
    }
    const bool needsChannel = action == QLatin1String("test") || action == QLatin1String("remove");
    if (args.size() != (needsChannel ? 2 : 1)) {
        usageError(needsChannel ? QStringLiteral("channels %1 needs one channel ID or name (see `channels list`)").arg(action)
                                : QStringLiteral("unexpected argument \"%1\"").arg(args.value(1)));
        return;
    }
    m_keys.openWorkspace(workspaceDir(), keyFile(), [this, action, args](Result<std::unique_ptr<storage::MetricStore>> store) {
        if (!store) {
            fail(store.error());
            return;
        }
        m_store = std::move(store).value();
        // Secrets live where the workspace's key lives: sealed in the database for key-file workspaces,
        // in the OS keychain otherwise (the same rule as the services' credentials).
        if (keyFile().isEmpty()) {
            m_keychain = std::make_unique<secrets::KeychainSecretStore>();
            m_credentials = std::make_unique<notify::ChannelCredentials>(notify::ChannelCredentials::keychain(*m_keychain));
        } else {
            m_credentials = std::make_unique<notify::ChannelCredentials>(
                notify::ChannelCredentials::sealed(notify::StoreGateway::direct(*m_store)));
        }
        if (action == QLatin1String("add"))
            add(*m_store);
        else if (action == QLatin1String("list"))
            list(*m_store);
        else if (action == QLatin1String("test"))
            test(*m_store, args.at(1));
        else if (action == QLatin1String("remove"))
            remove(*m_store, args.at(1));
        else
            outbox(*m_store);
    });
}

void ChannelsCommand::add(storage::MetricStore &store)
{
    notify::ChannelConfig config;
    config.type = parser().value(QStringLiteral("type"));
    config.name = parser().value(QStringLiteral("name"));
    if (config.type.isEmpty() || config.name.isEmpty()) {
        usageError(QStringLiteral("channels add needs --type and --name"));
        return;
    }
    const notify::ChannelTypeInfo *type = notify::channelType(config.type);
    if (!type) {
        usageError(QStringLiteral("unknown channel type \"%1\": desktop, email, slack or webhook").arg(config.type));
        return;
    }
    auto field = [type](const QString &name) -> const notify::ChannelField * {
        for (const notify::ChannelField &f : type->fields) {
            if (f.name == name)
                return &f;
        }
        return nullptr;
    };
    for (const QString &pair : parser().values(QStringLiteral("set"))) {
        const qsizetype eq = pair.indexOf(QLatin1Char('='));
        const QString key = pair.left(eq);
        if (eq <= 0) {
            usageError(QStringLiteral("--set expects key=value, got \"%1\"").arg(pair));
            return;
        }
        const notify::ChannelField *known = field(key);
        if (!known) {
            usageError(QStringLiteral("a %1 channel has no setting \"%2\"").arg(config.type, key));
            return;
        }
        if (known->secret) {
            usageError(QStringLiteral("%1 is a secret: pass it with --secret %1=@FILE").arg(key));
            return;
        }
        config.settings.insert(key, pair.mid(eq + 1));
    }
    for (const notify::ChannelField &f : type->fields) {
        if (!f.secret && !f.defaultValue.isEmpty() && !config.settings.contains(f.name))
            config.settings.insert(f.name, f.defaultValue);
    }
    if (parser().isSet(QStringLiteral("default")))
        config.settings.insert(QStringLiteral("default"), true);
    if (Status valid = notify::validateChannel(config); !valid) {
        usageError(valid.error().userMessage);
        return;
    }

    notify::ChannelSecrets secrets;
    for (const QString &pair : parser().values(QStringLiteral("secret"))) {
        const qsizetype eq = pair.indexOf(QLatin1Char('='));
        const QString key = pair.left(eq);
        const notify::ChannelField *known = eq > 0 ? field(key) : nullptr;
        if (!known || !known->secret) {
            usageError(eq <= 0 ? QStringLiteral("--secret expects field=@FILE")
                               : QStringLiteral("a %1 channel has no secret \"%2\"").arg(config.type, key));
            return;
        }
        auto secret = readSecretArgument(key, pair.mid(eq + 1));
        if (!secret) {
            fail(secret.error());
            return;
        }
        secrets[key] = std::make_shared<const secrets::SecureBytes>(std::move(secret).value());
    }
    // A signing secret nobody knows verifies nothing: the command line asks for it rather than inventing one.
    if (config.type == QLatin1String("webhook") && !secrets.count(QStringLiteral("signing_secret"))) {
        usageError(QStringLiteral("a webhook channel needs --secret signing_secret=@FILE (\"whsec_\" + base64 of 24-64 "
                                  "random bytes, shared with the receiver)"));
        return;
    }
    if (Status valid = notify::validateSecrets(config.type, secrets); !valid) {
        usageError(valid.error().userMessage);
        return;
    }

    notify::ChannelRepository channels(store.database());
    auto added = channels.add(config);
    if (!added) {
        if (added.error().code == Error::Code::Config)
            usageError(added.error().userMessage);
        else
            fail(added.error());
        return;
    }
    const notify::ChannelConfig saved = added.value();
    m_credentials->store(saved.uuid, std::move(secrets), &m_keys,
                         [this, saved, &store](Status stored, QStringList written) {
        if (!stored) {
            // Without its secrets the channel cannot deliver: take it back out rather than leave half of it.
            (void)notify::ChannelRepository(store.database()).remove(saved.id, Clock::system().nowMs());
            m_credentials->remove(saved.uuid, written, &m_keys, [](Status) {});
            fail(stored.error());
            return;
        }
        printJson({{QStringLiteral("id"), double(saved.id)},
                   {QStringLiteral("uuid"), saved.uuid},
                   {QStringLiteral("type"), saved.type},
                   {QStringLiteral("name"), saved.name},
                   {QStringLiteral("default"), saved.isDefault()}});
        finish(ExitOk);
    });
}

void ChannelsCommand::list(storage::MetricStore &store)
{
    auto channels = notify::ChannelRepository(store.database()).list();
    if (!channels) {
        fail(channels.error());
        return;
    }
    auto remaining = std::make_shared<QList<notify::ChannelConfig>>(channels.value());
    auto step = std::make_shared<std::function<void()>>();
    std::weak_ptr<std::function<void()>> weakStep = step;
    *step = [this, remaining, weakStep]() {
        if (remaining->isEmpty()) {
            finish(ExitOk);
            return;
        }
        const notify::ChannelConfig channel = remaining->takeFirst();
        m_credentials->load(channel, &m_keys, [this, channel, next = weakStep.lock()](Result<notify::ChannelSecrets> found) {
            QJsonObject secrets;
            for (const QString &field : notify::secretFields(channel.type))
                secrets.insert(field, found ? (found->count(field) ? QStringLiteral("set") : QStringLiteral("missing"))
                                            : QStringLiteral("unknown: %1").arg(found.error().userMessage));
            QJsonObject settings = channel.settings;
            settings.remove(QStringLiteral("default"));
            printJson({{QStringLiteral("id"), double(channel.id)},
                       {QStringLiteral("uuid"), channel.uuid},
                       {QStringLiteral("type"), channel.type},
                       {QStringLiteral("name"), channel.name},
                       {QStringLiteral("default"), channel.isDefault()},
                       {QStringLiteral("enabled"), channel.enabled},
                       {QStringLiteral("settings"), settings},
                       {QStringLiteral("secrets"), secrets}});
            (*next)();
        });
    };
    (*step)();
}

void ChannelsCommand::test(storage::MetricStore &store, const QString &which)
{
    notify::ChannelRepository channels(store.database());
    auto channel = findChannel(channels, which);
    if (!channel) {
        fail(channel.error());
        return;
    }
    notify::OutboxDispatcher dispatcher(notify::StoreGateway::direct(store), *m_credentials, Clock::system());
    const notify::SendResult result = dispatcher.sendTestAndWait(channel.value(), kTestTimeout);
    if (!result.ok()) {
        printJson({{QStringLiteral("ok"), false}, {QStringLiteral("error"), result.message()}});
        printError(QStringLiteral("channels test: %1").arg(result.message()));
        finish(ExitFailure);
        return;
    }
    printJson({{QStringLiteral("ok"), true}});
    finish(ExitOk);
}

void ChannelsCommand::remove(storage::MetricStore &store, const QString &which)
{
    notify::ChannelRepository channels(store.database());
    auto channel = findChannel(channels, which);
    if (!channel) {
        fail(channel.error());
        return;
    }
    if (Status removed = channels.remove(channel->id, Clock::system().nowMs()); !removed) {
        fail(removed.error());
        return;
    }
    const notify::ChannelConfig gone = channel.value();
    m_credentials->remove(gone.uuid, notify::secretFields(gone.type), &m_keys, [this, gone](Status cleared) {
        if (!cleared)
            printError(QStringLiteral("channels remove: the channel is removed, but its secrets could not all be deleted: %1")
                           .arg(cleared.error().userMessage));
        printJson({{QStringLiteral("removed"), double(gone.id)}, {QStringLiteral("name"), gone.name}});
        finish(cleared ? ExitOk : ExitFailure);
    });
}

void ChannelsCommand::outbox(storage::MetricStore &store)
{
    const auto filter = parser().isSet(QStringLiteral("failed")) ? notify::OutboxRepository::Filter::Failed
                                                                : notify::OutboxRepository::Filter::Pending;
    auto items = notify::OutboxRepository(store.database()).list(filter);
    if (!items) {
        fail(items.error());
        return;
    }
    for (const notify::OutboxItem &item : items.value()) {
        printJson({{QStringLiteral("id"), double(item.id)},
                   {QStringLiteral("channel"), item.channelName},
                   {QStringLiteral("status"), outboxStateName(item.state)},
                   {QStringLiteral("attempts"), item.attempts},
                   {QStringLiteral("created"), isoTime(item.createdMs)},
                   {QStringLiteral("next_attempt"), item.state == notify::OutboxItem::State::Pending ? isoTime(item.nextAttemptMs) : QJsonValue()},
                   {QStringLiteral("last_error"), item.lastError.isEmpty() ? QJsonValue() : QJsonValue(item.lastError)},
                   {QStringLiteral("title"), item.notification.title}});
    }
    finish(ExitOk);
}

} // namespace stackscope::daemon
