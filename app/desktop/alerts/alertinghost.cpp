#include "alertinghost.h"

#include "demoalerts.h"
#include "storejob.h"
#include "uilogging.h"

#include "alerts/alertengine.h"
#include "alerts/alertrepository.h"
#include "notify/outboxdispatcher.h"
#include "notify/storegateway.h"
#include "storage/storeservice.h"
#include "util/clock.h"

namespace stackscope::app {

AlertingHost::AlertingHost(storage::StoreService *store, secrets::SecretStore *keychain, const Clock &clock, bool demo,
                           QObject *parent)
    : QObject(parent), m_store(store), m_keychain(keychain), m_clock(clock), m_demo(demo)
{
    Q_ASSERT(store && keychain);
    alerts::CycleSettings settings;
    settings.builtinAlerts = !demo;
    m_engine = std::make_unique<alerts::AlertEngine>(*store, clock, settings);
    connect(m_engine.get(), &alerts::AlertEngine::alertsChanged, this, [this] {
        Q_EMIT alertsChanged();
        refreshCounts();
    });
    connect(m_engine.get(), &alerts::AlertEngine::cycleFinished, this, &AlertingHost::cycleFinished);
    connect(m_engine.get(), &alerts::AlertEngine::cycleFailed, this, [this](const QString &message) {
        qCWarning(lcUi).noquote() << "alert cycle failed:" << message;
        Q_EMIT cycleFailed(message);
    });
    if (demo)
        return;
    m_dispatcher = std::make_unique<notify::OutboxDispatcher>(notify::StoreGateway::service(*store),
                                                              notify::ChannelCredentials::keychain(*keychain), clock);
    connect(m_engine.get(), &alerts::AlertEngine::notificationsQueued, m_dispatcher.get(),
            &notify::OutboxDispatcher::notificationsQueued);
    connect(m_dispatcher.get(), &notify::OutboxDispatcher::failed, this,
            [this](qint64 id, const QString &error, bool willRetry) {
                Q_EMIT deliveryFailed(id, error, willRetry);
                Q_EMIT deliveryChanged();
            });
    connect(m_dispatcher.get(), &notify::OutboxDispatcher::delivered, this, &AlertingHost::deliveryChanged);
    connect(m_dispatcher.get(), &notify::OutboxDispatcher::activated, this, &AlertingHost::alertActivated);
}

AlertingHost::~AlertingHost()
{
    // The dispatcher first: it may still be waiting for the engine's last notifications.
    m_dispatcher.reset();
    m_engine.reset();
}

notify::ChannelCredentials AlertingHost::credentials() const
{
    return notify::ChannelCredentials::keychain(*m_keychain);
}

void AlertingHost::start()
{
    if (!m_demo) {
        startEngine();
        return;
    }
    const qint64 now = m_clock.nowMs();
    runStoreJob<bool>(
        *m_store, this,
        [now](storage::MetricStore &store) -> Result<bool> {
            if (Status seeded = seedDemoAlerts(store, now); !seeded)
                return seeded.error();
            return true;
        },
        [this](Result<bool> seeded) {
            if (!seeded)
                qCWarning(lcUi).noquote() << "demo alerts:" << seeded.error().detail << seeded.error().userMessage;
            startEngine();
            Q_EMIT alertsChanged();
        });
}

void AlertingHost::startEngine()
{
    m_engine->start();
    if (m_dispatcher)
        m_dispatcher->start();
    refreshCounts();
    Q_EMIT started();
}

void AlertingHost::evaluateNow()
{
    m_engine->evaluateNow();
}

void AlertingHost::noteAlertsChangedByUser()
{
    Q_EMIT alertsChanged();
    refreshCounts();
}

void AlertingHost::refreshCounts()
{
    runStoreJob<QList<qint64>>(
        *m_store, this,
        [](storage::MetricStore &store) { return alerts::AlertRepository(store.database()).unhandledCounts(); },
        [this](Result<QList<qint64>> counts) {
            if (!counts || counts->size() < 3) {
                qCWarning(lcUi).noquote() << "unhandled alert counts:" << (counts ? QString() : counts.error().detail);
                return;
            }
            if (m_countsKnown && counts.value() == m_counts)
                return;
            m_counts = counts.value();
            m_countsKnown = true;
            Q_EMIT unhandledCountsChanged(m_counts.at(0), m_counts.at(1), m_counts.at(2));
        });
}

} // namespace stackscope::app
