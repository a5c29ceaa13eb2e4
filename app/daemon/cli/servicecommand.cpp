#include "cli/servicecommand.h"

#include "cli/credentialaccess.h"
#include "cli/exitcodes.h"
#include "cli/jsonoutput.h"
#include "connector/connectorregistry.h"
#include "connector/servicesession.h"
#include "net/httpclient.h"
#include "registration.h"
#include "storage/metricstore.h"
#include "storage/servicerepository.h"
#include "util/clock.h"
#include "util/timeparse.h"

#include <QDateTime>
#include <QJsonArray>

namespace stackscope::daemon {

namespace {

constexpr qint64 kMaxIntervalS = 86'400;


QJsonValue timeOrNull(qint64 ms)
{
    return ms > 0 ? QJsonValue(QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs)) : QJsonValue();
}

} // namespace

const connector::ConnectorRegistry &builtInRegistry()
{
    static const connector::ConnectorRegistry registry = [] {
        connector::ConnectorRegistry r;
        connectors::registerBuiltInConnectors(r);
        return r;
    }();
    return registry;
}

ServiceCommand::ServiceCommand()
    : Command(QStringLiteral("service"),
              QStringLiteral("Manage the workspace's services: add, list, test ID, remove ID, types."))
{
}

ServiceCommand::~ServiceCommand() = default;

void ServiceCommand::addOptions(QCommandLineParser &parser)
{
    parser.addPositionalArgument(QStringLiteral("action"), QStringLiteral("add | list | test ID | remove ID | types"));
    parser.addOptions({
        {QStringLiteral("project"), QStringLiteral("add: the project (created if new)."), QStringLiteral("P")},
        {QStringLiteral("type"), QStringLiteral("add: the connector type (see `service types`)."), QStringLiteral("TYPE")},
        {QStringLiteral("name"), QStringLiteral("add: a name, unique in the project."), QStringLiteral("NAME")},
        {QStringLiteral("set"), QStringLiteral("add: a setting, repeatable."), QStringLiteral("key=value")},
        {QStringLiteral("secret"), QStringLiteral("add: a credential read from a file (or @- for stdin), repeatable."),
         QStringLiteral("field=@FILE")},
        {QStringLiteral("base-url"), QStringLiteral("add: override the vendor's base URL (proxy, region, test server)."),
         QStringLiteral("URL")},
        {QStringLiteral("interval"), QStringLiteral("add: polling interval, 1m to 1d (default: the connector's)."),
         QStringLiteral("DURATION")},
    });
}

std::optional<qint64> ServiceCommand::idArgument()
{
    const QStringList args = parser().positionalArguments();
    bool ok = false;
    const qint64 id = args.size() == 2 ? args.at(1).toLongLong(&ok) : 0;
    if (!ok || id <= 0) {
        usageError(QStringLiteral("service %1 needs one service ID (see `service list`)").arg(args.value(0)));
        return std::nullopt;
    }
    return id;
}

void ServiceCommand::run()
{
    const QStringList args = parser().positionalArguments();
    const QString action = args.value(0);
    static const QStringList actions{QStringLiteral("add"), QStringLiteral("list"), QStringLiteral("test"),
                                     QStringLiteral("remove"), QStringLiteral("types")};
    if (!actions.contains(action)) {
        usageError(QStringLiteral("service needs an action: add, list, test ID, remove ID or types"));
        return;
    }
    if (action == QLatin1String("types")) {
        listTypes();
        return;
    }
    std::optional<qint64> id;
    if (action == QLatin1String("test") || action == QLatin1String("remove")) {
        id = idArgument();
        if (!id)
            return;
    } else if (args.size() != 1) {
        usageError(QStringLiteral("unexpected argument \"%1\"").arg(args.at(1)));
        return;
    }
    m_keys.openWorkspace(workspaceDir(), keyFile(), [this, action, id](Result<std::unique_ptr<storage::MetricStore>> store) {
        if (!store) {
            fail(store.error());
            return;
        }
        m_store = std::move(store).value();
        m_credentials = std::make_unique<CredentialAccess>(
            *m_store, keyFile().isEmpty() ? CredentialAccess::Backend::Keychain : CredentialAccess::Backend::Sealed);
        if (action == QLatin1String("add"))
            add(*m_store);
        else if (action == QLatin1String("list"))
            list(*m_store);
        else if (action == QLatin1String("test"))
            test(*m_store, *id);
        else
            remove(*m_store, *id);
    });
}

void ServiceCommand::listTypes()
{
    for (const connector::ConnectorInfo *info : builtInRegistry().all()) {
        QJsonArray credentials, settings, metrics;
        for (const connector::FieldSpec &field : info->credentials)
            credentials.append(QJsonObject{{QStringLiteral("key"), field.key}, {QStringLiteral("label"), field.label},
                                           {QStringLiteral("required"), field.required}});
        for (const connector::FieldSpec &field : info->settings)
            settings.append(QJsonObject{{QStringLiteral("key"), field.key}, {QStringLiteral("label"), field.label},
                                        {QStringLiteral("required"), field.required},
                                        {QStringLiteral("default"), field.defaultValue}});
        for (const connector::MetricSpec &metric : info->metrics)
            metrics.append(metric.name);
        printJson({{QStringLiteral("type"), info->typeId},
                   {QStringLiteral("name"), info->displayName},
                   {QStringLiteral("credentials"), credentials},
                   {QStringLiteral("settings"), settings},
                   {QStringLiteral("metrics"), metrics},
                   {QStringLiteral("default_interval_s"), double(info->defaultInterval.count())}});
    }
    finish(ExitOk);
}

void ServiceCommand::add(storage::MetricStore &store)
{
    ServiceConfig config;
    config.project = parser().value(QStringLiteral("project"));
    config.type = parser().value(QStringLiteral("type"));
    config.name = parser().value(QStringLiteral("name"));
    if (config.project.isEmpty() || config.type.isEmpty() || config.name.isEmpty()) {
        usageError(QStringLiteral("service add needs --project, --type and --name"));
        return;
    }
    const connector::ConnectorInfo *info = builtInRegistry().info(config.type);
    if (!info) {
        usageError(QStringLiteral("unknown service type \"%1\" (see `stackscoped service types`)").arg(config.type));
        return;
    }
    auto findField = [](const QList<connector::FieldSpec> &fields, const QString &key) -> const connector::FieldSpec * {
        for (const connector::FieldSpec &field : fields) {
            if (field.key == key)
                return &field;
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
        if (findField(info->credentials, key)) {
            usageError(QStringLiteral("%1 is a credential: pass it with --secret %1=@FILE").arg(key));
            return;
        }
        if (!findField(info->settings, key)) {
            usageError(QStringLiteral("%1 has no setting \"%2\"").arg(info->displayName, key));
            return;
        }
        config.settings.insert(key, pair.mid(eq + 1));
    }
    for (const connector::FieldSpec &field : info->settings) {
        if (!config.settings.contains(field.key) && !field.defaultValue.isEmpty())
            config.settings.insert(field.key, field.defaultValue);
        if (field.required && config.settings.value(field.key).isEmpty()) {
            usageError(QStringLiteral("%1 needs --set %2=…").arg(info->displayName, field.key));
            return;
        }
    }
    std::map<QString, secrets::SecureBytes> secrets;
    for (const QString &pair : parser().values(QStringLiteral("secret"))) {
        const qsizetype eq = pair.indexOf(QLatin1Char('='));
        const QString key = pair.left(eq);
        if (eq <= 0 || !findField(info->credentials, key)) {
            usageError(eq <= 0 ? QStringLiteral("--secret expects field=@FILE")
                               : QStringLiteral("%1 has no credential \"%2\"").arg(info->displayName, key));
            return;
        }
        auto secret = readSecretArgument(key, pair.mid(eq + 1));
        if (!secret) {
            fail(secret.error());
            return;
        }
        secrets.insert_or_assign(key, std::move(secret).value());
    }
    for (const connector::FieldSpec &field : info->credentials) {
        if (field.required && !secrets.count(field.key)) {
            usageError(QStringLiteral("%1 needs --secret %2=@FILE").arg(info->displayName, field.key));
            return;
        }
    }
    if (parser().isSet(QStringLiteral("base-url"))) {
        config.baseUrl = QUrl(parser().value(QStringLiteral("base-url")), QUrl::StrictMode);
        QString why;
        if (!config.baseUrl.isValid() || !net::HttpClient::isAllowedUrl(config.baseUrl, &why)) {
            usageError(QStringLiteral("--base-url: %1").arg(why.isEmpty() ? QStringLiteral("not a valid URL") : why));
            return;
        }
    }
    config.interval = info->defaultInterval;
    if (parser().isSet(QStringLiteral("interval"))) {
        auto interval = parseDuration(parser().value(QStringLiteral("interval")));
        const qint64 seconds = interval ? interval.value() / 1000 : 0;
        if (!interval || seconds < info->minInterval.count() || seconds > kMaxIntervalS) {
            usageError(QStringLiteral("--interval must be between %1 s and 1d for %2")
                           .arg(info->minInterval.count()).arg(info->displayName));
            return;
        }
        config.interval = std::chrono::seconds(seconds);
    }
    // The connector's own verdict: settings it cannot use, or a plan the vendor's rate limits cannot carry.
    if (Status fits = builtInRegistry().create(config.type)->checkConfiguration(config); !fits) {
        printError(QStringLiteral("service add: %1").arg(fits.error().userMessage));
        finish(ExitUsage);
        return;
    }

    auto added = store.services().add(config);
    if (!added) {
        fail(added.error());
        return;
    }
    const ServiceConfig saved = added.value();
    m_credentials->store(saved.uuid, std::move(secrets), [this, saved, &store](Status stored) {
        if (!stored) {
            // Without its credentials the service is useless: take it back out rather than leave half of it.
            (void)store.services().remove(saved.id, Clock::system().nowMs());
            fail(stored.error());
            return;
        }
        printJson({{QStringLiteral("id"), double(saved.id)},
                   {QStringLiteral("uuid"), saved.uuid},
                   {QStringLiteral("project"), saved.project},
                   {QStringLiteral("type"), saved.type},
                   {QStringLiteral("name"), saved.name}});
        finish(ExitOk);
    });
}

void ServiceCommand::list(storage::MetricStore &store)
{
    auto services = store.services().list();
    if (!services) {
        fail(services.error());
        return;
    }
    auto remaining = std::make_shared<QList<ServiceConfig>>(services.value());
    auto step = std::make_shared<std::function<void()>>();
    std::weak_ptr<std::function<void()>> weakStep = step;
    *step = [this, &store, remaining, weakStep]() {
        if (remaining->isEmpty()) {
            finish(ExitOk);
            return;
        }
        const ServiceConfig config = remaining->takeFirst();
        const connector::ConnectorInfo *info = builtInRegistry().info(config.type);
        QStringList fields;
        if (info) {
            for (const connector::FieldSpec &field : info->credentials)
                fields.append(field.key);
        }
        m_credentials->load(config.uuid, fields, [this, &store, config, fields, next = weakStep.lock()](Result<connector::CredentialMap> found) {
            QJsonObject credentials;
            for (const QString &field : fields)
                credentials.insert(field, found ? (found->count(field) ? QStringLiteral("set") : QStringLiteral("missing"))
                                                : QStringLiteral("unknown: %1").arg(found.error().userMessage));
            QJsonObject settings;
            for (auto it = config.settings.cbegin(); it != config.settings.cend(); ++it)
                settings.insert(it.key(), it.value());
            const auto health = store.services().health(config.id);
            QJsonObject healthJson;
            if (health) {
                healthJson = {{QStringLiteral("state"), stateName(health->state)},
                              {QStringLiteral("last_success"), timeOrNull(health->lastSuccessMs)},
                              {QStringLiteral("last_error"), health->lastError.isEmpty() ? QJsonValue() : QJsonValue(health->lastError)},
                              {QStringLiteral("next_run"), timeOrNull(health->nextRunMs)}};
            }
            printJson({{QStringLiteral("id"), double(config.id)},
                       {QStringLiteral("project"), config.project},
                       {QStringLiteral("type"), config.type},
                       {QStringLiteral("name"), config.name},
                       {QStringLiteral("settings"), settings},
                       {QStringLiteral("base_url"), config.baseUrl.toString()},
                       {QStringLiteral("interval_s"), double(config.interval.count())},
                       {QStringLiteral("enabled"), config.enabled},
                       {QStringLiteral("credentials"), credentials},
                       {QStringLiteral("health"), healthJson}});
            (*next)();
        });
    };
    (*step)();
}

void ServiceCommand::test(storage::MetricStore &store, qint64 id)
{
    auto config = store.services().get(id);
    if (!config) {
        fail(config.error());
        return;
    }
    const connector::ConnectorInfo *info = builtInRegistry().info(config->type);
    if (!info) {
        fail(Error::make(Error::Code::Config, QStringLiteral("Unknown service type \"%1\".").arg(config->type)));
        return;
    }
    QStringList fields;
    for (const connector::FieldSpec &field : info->credentials)
        fields.append(field.key);
    const ServiceConfig service = config.value();
    m_credentials->load(service.uuid, fields, [this, service, info](Result<connector::CredentialMap> found) {
        if (!found) {
            fail(found.error());
            return;
        }
        for (const connector::FieldSpec &field : info->credentials) {
            if (field.required && !found->count(field.key)) {
                fail(Error::make(Error::Code::KeyMissing,
                                 QStringLiteral("The credential \"%1\" of this service is not stored.").arg(field.label)));
                return;
            }
        }
        m_http = std::make_unique<net::HttpClient>();
        auto connector = std::shared_ptr<connector::Connector>(builtInRegistry().create(service.type));
        const QUrl base = service.baseUrl.isEmpty() ? QUrl(info->defaultBaseUrl) : service.baseUrl;
        auto session = std::make_shared<connector::ServiceSession>(service, found.value(), base, *m_http,
                                                                   Clock::system(), nullptr);
        connector->testConnection(*session, [this, connector, session](Status st) {
            if (!st) {
                printJson({{QStringLiteral("ok"), false}, {QStringLiteral("error"), st.error().userMessage}});
                printError(QStringLiteral("service test: %1").arg(st.error().userMessage));
                finish(ExitFailure);
                return;
            }
            printJson({{QStringLiteral("ok"), true}});
            finish(ExitOk);
        });
    });
}

void ServiceCommand::remove(storage::MetricStore &store, qint64 id)
{
    if (Status st = store.services().remove(id, Clock::system().nowMs()); !st) {
        fail(st.error());
        return;
    }
    printJson({{QStringLiteral("removed"), double(id)},
               {QStringLiteral("restorable_days"), storage::ServiceRepository::kTrashDays}});
    finish(ExitOk);
}

} // namespace stackscope::daemon
