#include "cli/pollcommand.h"

#include "alerts/alertengine.h"
#include "cli/alertround.h"
#include "cli/credentialaccess.h"
#include "cli/exitcodes.h"
#include "cli/jsonoutput.h"
#include "cli/servicecommand.h"
#include "cli/stopsignal.h"
#include "connector/connectorregistry.h"
#include "connector/healthrecorder.h"
#include "connector/pollscheduler.h"
#include "net/httpclient.h"
#include "notify/channelcredentials.h"
#include "notify/outboxdispatcher.h"
#include "notify/storegateway.h"
#include "secrets/keychainsecretstore.h"
#include "storage/metricstore.h"
#include "storage/servicerepository.h"
#include "storage/storeservice.h"
#include "util/clock.h"
#include "util/logging.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

namespace stackscope::daemon {

PollCommand::PollCommand()
    : Command(QStringLiteral("poll"), QStringLiteral("Poll the workspace's services and store their samples "
                                                     "(until SIGINT/SIGTERM, or one round with --once)."))
{
}

PollCommand::~PollCommand() = default;

void PollCommand::addOptions(QCommandLineParser &parser)
{
    parser.addOptions({
        {QStringLiteral("once"), QStringLiteral("Poll every enabled service once, then exit (0 when all succeeded).")},
        {QStringLiteral("service"), QStringLiteral("Only this service."), QStringLiteral("ID")},
    });
}

void PollCommand::run()
{
    std::optional<qint64> only;
    if (parser().isSet(QStringLiteral("service"))) {
        bool ok = false;
        only = parser().value(QStringLiteral("service")).toLongLong(&ok);
        if (!ok || *only <= 0) {
            usageError(QStringLiteral("--service needs a service ID (see `service list`)"));
            return;
        }
    }
    m_keys.openWorkspace(workspaceDir(), keyFile(), [this, only](Result<std::unique_ptr<storage::MetricStore>> store) {
        if (!store) {
            fail(store.error());
            return;
        }
        auto services = store.value()->services().list();
        if (!services) {
            fail(services.error());
            return;
        }
        QList<ServiceConfig> selected;
        for (const ServiceConfig &config : services.value()) {
            if ((!only || config.id == *only) && config.enabled)
                selected.append(config);
        }
        if (only && selected.isEmpty()) {
            fail(Error::make(Error::Code::NotFound, QStringLiteral("There is no enabled service %1.").arg(*only)));
            return;
        }
        startPolling(std::move(store).value(), selected);
    });
}

void PollCommand::startPolling(std::unique_ptr<storage::MetricStore> store, QList<ServiceConfig> services)
{
    m_openStore = std::move(store);
    m_credentials = std::make_unique<CredentialAccess>(
        *m_openStore, keyFile().isEmpty() ? CredentialAccess::Backend::Keychain : CredentialAccess::Backend::Sealed);

    // Credentials and health are read while the store is still ours; then the store thread takes it over.
    auto scheduled = std::make_shared<QList<connector::ScheduledService>>();
    auto remaining = std::make_shared<QList<ServiceConfig>>(services);
    auto step = std::make_shared<std::function<void()>>();
    std::weak_ptr<std::function<void()>> weakStep = step;
    *step = [this, scheduled, remaining, weakStep]() {
        if (!remaining->isEmpty()) {
            const ServiceConfig config = remaining->takeFirst();
            QStringList fields;
            if (const connector::ConnectorInfo *info = builtInRegistry().info(config.type)) {
                for (const connector::FieldSpec &field : info->credentials)
                    fields.append(field.key);
            }
            m_credentials->load(config.uuid, fields, [this, config, scheduled, next = weakStep.lock()](Result<connector::CredentialMap> found) {
                connector::ScheduledService service;
                service.config = config;
                if (auto health = m_openStore->services().health(config.id))
                    service.health = health.value();
                if (found)
                    service.credentials = found.value();
                else
                    printError(QStringLiteral("poll: credentials of service %1: %2").arg(config.id).arg(found.error().userMessage));
                scheduled->append(std::move(service));
                (*next)();
            });
            return;
        }
        m_credentials.reset();
        // The metric catalogue (units, kinds, descriptions) of every polled service.
        for (const connector::ScheduledService &service : std::as_const(*scheduled)) {
            const std::unique_ptr<connector::Connector> connector = builtInRegistry().create(service.config.type);
            if (!connector)
                continue;
            for (const connector::MetricSpec &metric : connector->metricsFor(service.config))
                (void)m_openStore->describeMetric({metric.name, metric.unit, metric.kind, metric.description});
        }
        m_store = std::make_unique<storage::StoreService>(std::move(m_openStore));
        m_http = std::make_unique<net::HttpClient>();
        m_health = std::make_unique<connector::HealthRecorder>(*m_store);
        m_scheduler = std::make_unique<connector::PollScheduler>(builtInRegistry(), *m_http, Clock::system());
        QObject::connect(m_scheduler.get(), &connector::PollScheduler::samplesFetched, m_store.get(),
                         [this](qint64 serviceId, const SampleBatch &samples) {
                             m_samplesPerService[serviceId] += samples.size();
                             m_store->ingest(samples);
                         });
        QObject::connect(m_scheduler.get(), &connector::PollScheduler::healthChanged, m_store.get(),
                         [this](qint64 serviceId, const ServiceHealth &health, const QJsonObject &cursor) {
                             m_health->record(serviceId, health, cursor);
                         });
        m_scheduler->setServices(*scheduled);
        if (parser().isSet(QStringLiteral("once"))) {
            QObject::connect(m_scheduler.get(), &connector::PollScheduler::cycleFinished, m_store.get(),
                             [this] { onceCycleFinished(); }, Qt::QueuedConnection);
            m_scheduler->runNow();
            return;
        }
        watchStopSignals(m_signalWatch, [this] { stop(); });
        startAlerting();
        m_scheduler->start();
    };
    (*step)();
}

void PollCommand::onceCycleFinished()
{
    if (!m_scheduler || m_scheduler->isBusy())
        return;
    // A fetch that stopped early (budget, page cap) resumes within this --once run when it may go on soon.
    const qint64 now = Clock::system().nowMs();
    qint64 resumeAt = 0;
    QList<qint64> behind;
    for (qint64 id : m_scheduler->serviceIds()) {
        const auto health = m_scheduler->health(id);
        if (!health || health->caughtUp || health->state != ServiceHealth::State::Ok)
            continue;
        if (health->nextRunMs - now > kMaxOnceResumeWaitMs)
            continue;
        behind.append(id);
        resumeAt = std::max(resumeAt, health->nextRunMs);
    }
    if (behind.isEmpty()) {
        finishOnce();
        return;
    }
    QTimer::singleShot(int(std::max<qint64>(0, resumeAt - now)), m_store.get(), [this, behind] {
        for (qint64 id : behind)
            m_scheduler->runNow(id);
    });
}

void PollCommand::finishOnce()
{
    if (!m_scheduler || m_scheduler->isBusy())
        return;
    // One line per service, from the scheduler's view of it (the store's copy is written in the background).
    bool allOk = true;
    for (qint64 id : m_scheduler->serviceIds()) {
        const auto health = m_scheduler->health(id);
        if (!health)
            continue;
        allOk = allOk && health->state == ServiceHealth::State::Ok;
        const bool partial = health->state == ServiceHealth::State::Ok && !health->caughtUp;
        printJson({{QStringLiteral("service"), double(id)},
                   {QStringLiteral("state"), partial ? QStringLiteral("partial") : stateName(health->state)},
                   {QStringLiteral("samples"), double(m_samplesPerService.value(id))},
                   {QStringLiteral("error"), health->lastError.isEmpty() ? QJsonValue() : QJsonValue(health->lastError)}});
    }
    m_scheduler.reset();
    m_health.reset(); // queues the last health updates
    m_http.reset();
    evaluateAlertsOnce();
    m_store.reset(); // commits every queued sample and health update before returning
    finish(allOk ? ExitOk : ExitFailure);
}

void PollCommand::channelCredentials()
{
    if (m_channelCredentials)
        return;
    if (keyFile().isEmpty()) {
        m_keychain = std::make_unique<secrets::KeychainSecretStore>();
        m_channelCredentials = std::make_unique<notify::ChannelCredentials>(notify::ChannelCredentials::keychain(*m_keychain));
    } else {
        m_channelCredentials = std::make_unique<notify::ChannelCredentials>(
            notify::ChannelCredentials::sealed(notify::StoreGateway::service(*m_store)));
    }
}

void PollCommand::evaluateAlertsOnce()
{
    // After the round, on what it stored (the store thread runs the ingests queued before this job first).
    // The outcome is a log line: stdout keeps one line per service, as scripts expect.
    channelCredentials();
    auto summary = AlertRound::run(*m_store, *m_channelCredentials);
    if (!summary) {
        printError(QStringLiteral("poll: alert evaluation failed: %1").arg(summary.error().userMessage));
        return;
    }
    qCInfo(lcAlerts).noquote() << "alerts:" << QJsonDocument(summary.value()).toJson(QJsonDocument::Compact);
    for (const QJsonValue &problem : summary->value(QStringLiteral("errors")).toArray())
        printError(QStringLiteral("poll: alert rule \"%1\": %2")
                       .arg(problem[QStringLiteral("rule")].toString(), problem[QStringLiteral("error")].toString()));
}

void PollCommand::startAlerting()
{
    channelCredentials();
    m_dispatcher = std::make_unique<notify::OutboxDispatcher>(notify::StoreGateway::service(*m_store),
                                                              *m_channelCredentials, Clock::system());
    m_alerts = std::make_unique<alerts::AlertEngine>(*m_store, Clock::system());
    QObject::connect(m_alerts.get(), &alerts::AlertEngine::notificationsQueued, m_dispatcher.get(),
                     &notify::OutboxDispatcher::wake);
    QObject::connect(m_alerts.get(), &alerts::AlertEngine::cycleFailed, m_alerts.get(),
                     [](const QString &message) { printError(QStringLiteral("poll: alert evaluation failed: %1").arg(message)); });
    // Evaluate right after new samples have come in, besides the engine's own timer.
    QObject::connect(m_scheduler.get(), &connector::PollScheduler::cycleFinished, m_alerts.get(),
                     [this] { m_alerts->evaluateNow(); }, Qt::QueuedConnection);
    m_dispatcher->start();
    m_alerts->start();
}

void PollCommand::stop()
{
    m_signalWatch.stop();
    m_alerts.reset();
    m_dispatcher.reset();
    m_scheduler.reset();
    m_health.reset();
    m_http.reset();
    m_store.reset(); // commits every queued sample
    finish(ExitOk);
}

} // namespace stackscope::daemon
