#include "cli/evaluatecommand.h"

#include "alerts/alertengine.h"
#include "cli/alertround.h"
#include "cli/exitcodes.h"
#include "cli/jsonoutput.h"
#include "cli/stopsignal.h"
#include "notify/channelcredentials.h"
#include "notify/outboxdispatcher.h"
#include "notify/storegateway.h"
#include "secrets/keychainsecretstore.h"
#include "storage/metricstore.h"
#include "storage/storeservice.h"
#include "util/clock.h"
#include "util/timeparse.h"

#include <QJsonArray>

namespace stackscope::daemon {

namespace {
constexpr qint64 kMinIntervalMs = 10'000;
constexpr qint64 kMaxIntervalMs = 24 * 3600 * 1000LL;
}

EvaluateCommand::EvaluateCommand()
    : Command(QStringLiteral("evaluate"), QStringLiteral("Evaluate alert rules and deliver notifications "
                                                         "(until SIGINT/SIGTERM, or once with --once)."))
{
}

EvaluateCommand::~EvaluateCommand() = default;

void EvaluateCommand::addOptions(QCommandLineParser &parser)
{
    parser.addOptions({
        {QStringLiteral("once"), QStringLiteral("Evaluate once, deliver what is due, print a summary and exit.")},
        {QStringLiteral("interval"), QStringLiteral("Time between evaluations, 10s to 1d (default 60s)."), QStringLiteral("DURATION")},
    });
}

void EvaluateCommand::run()
{
    qint64 intervalMs = alerts::AlertEngine::kDefaultIntervalMs;
    if (parser().isSet(QStringLiteral("interval"))) {
        auto interval = parseDuration(parser().value(QStringLiteral("interval")));
        if (!interval || interval.value() < kMinIntervalMs || interval.value() > kMaxIntervalMs) {
            usageError(QStringLiteral("--interval must be between 10s and 1d"));
            return;
        }
        intervalMs = interval.value();
    }
    m_keys.openWorkspace(workspaceDir(), keyFile(), [this, intervalMs](Result<std::unique_ptr<storage::MetricStore>> store) {
        if (!store) {
            fail(store.error());
            return;
        }
        if (parser().isSet(QStringLiteral("once"))) {
            m_openStore = std::move(store).value();
            runOnce(*m_openStore);
        } else {
            runContinuously(std::move(store).value(), intervalMs);
        }
    });
}

void EvaluateCommand::runOnce(storage::MetricStore &store)
{
    if (keyFile().isEmpty()) {
        m_keychain = std::make_unique<secrets::KeychainSecretStore>();
        m_credentials = std::make_unique<notify::ChannelCredentials>(notify::ChannelCredentials::keychain(*m_keychain));
    } else {
        m_credentials = std::make_unique<notify::ChannelCredentials>(
            notify::ChannelCredentials::sealed(notify::StoreGateway::direct(store)));
    }
    auto summary = AlertRound::run(store, *m_credentials);
    if (!summary) {
        fail(summary.error());
        return;
    }
    printJson(summary.value());
    for (const QJsonValue &problem : summary->value(QStringLiteral("errors")).toArray())
        printError(QStringLiteral("evaluate: rule \"%1\": %2")
                       .arg(problem[QStringLiteral("rule")].toString(), problem[QStringLiteral("error")].toString()));
    finish(AlertRound::hasProblems(summary.value()) ? ExitFailure : ExitOk);
}

void EvaluateCommand::runContinuously(std::unique_ptr<storage::MetricStore> store, qint64 intervalMs)
{
    m_service = std::make_unique<storage::StoreService>(std::move(store));
    if (keyFile().isEmpty()) {
        m_keychain = std::make_unique<secrets::KeychainSecretStore>();
        m_credentials = std::make_unique<notify::ChannelCredentials>(notify::ChannelCredentials::keychain(*m_keychain));
    } else {
        m_credentials = std::make_unique<notify::ChannelCredentials>(
            notify::ChannelCredentials::sealed(notify::StoreGateway::service(*m_service)));
    }
    m_dispatcher = std::make_unique<notify::OutboxDispatcher>(notify::StoreGateway::service(*m_service), *m_credentials,
                                                              Clock::system());
    m_engine = std::make_unique<alerts::AlertEngine>(*m_service, Clock::system());
    m_engine->setInterval(int(intervalMs));
    QObject::connect(m_engine.get(), &alerts::AlertEngine::notificationsQueued, m_dispatcher.get(),
                     &notify::OutboxDispatcher::wake);
    QObject::connect(m_engine.get(), &alerts::AlertEngine::cycleFailed, m_engine.get(),
                     [](const QString &message) { printError(QStringLiteral("evaluate: %1").arg(message)); });
    QObject::connect(m_dispatcher.get(), &notify::OutboxDispatcher::failed, m_dispatcher.get(),
                     [](qint64 id, const QString &error, bool willRetry) {
                         printError(QStringLiteral("evaluate: notification %1 not delivered: %2%3")
                                        .arg(id).arg(error, willRetry ? QStringLiteral(" (will retry)") : QString()));
                     });
    watchStopSignals(m_signalWatch, [this] { stop(); });
    m_dispatcher->start();
    m_engine->start();
}

void EvaluateCommand::stop()
{
    m_signalWatch.stop();
    m_engine.reset();       // before the store: its last cycle's writes are already queued there
    m_dispatcher.reset();   // what it was sending stays pending and goes out on the next run
    m_service.reset();      // commits what was queued
    finish(ExitOk);
}

} // namespace stackscope::daemon
