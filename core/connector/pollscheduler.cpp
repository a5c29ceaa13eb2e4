#include "connector/pollscheduler.h"

#include "connector/connectorregistry.h"
#include "connector/servicesession.h"
#include "ingest/ndjsonsampleparser.h"
#include "net/httpclient.h"
#include "util/clock.h"
#include "util/logging.h"

#include <QDateTime>
#include <QPointer>

#include <algorithm>

namespace stackscope::connector {

namespace {

qint64 toMs(std::chrono::milliseconds d)
{
    return d.count();
}

QString describeTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODate);
}

} // namespace

// Per-service state. `generation` tells a run's answer from an abandoned earlier run's.
struct PollScheduler::Slot
{
    ScheduledService service;
    QString accountKey; // "<type>/<Connector::accountKey>": whose budget and concurrency this run uses
    std::shared_ptr<Connector> connector;
    std::shared_ptr<RequestBudgetTracker> budget;
    bool running = false;
    quint64 generation = 0;
    QTimer *deadline = nullptr;
};

PollScheduler::PollScheduler(const ConnectorRegistry &registry, net::HttpClient &http, const Clock &clock,
                             QObject *parent)
    : QObject(parent), m_registry(registry), m_http(http), m_clock(clock)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &PollScheduler::runDue);
}

PollScheduler::~PollScheduler() = default;

void PollScheduler::setServices(QList<ScheduledService> services)
{
    std::map<qint64, std::unique_ptr<Slot>> slots;
    for (ScheduledService &service : services) {
        const qint64 id = service.config.id;
        auto slot = std::make_unique<Slot>();
        // A running fetch of an unchanged service keeps running; its answer still lands.
        if (auto old = m_slots.find(id); old != m_slots.end()) {
            slot->running = old->second->running;
            slot->generation = old->second->generation;
            slot->deadline = old->second->deadline;
            old->second->deadline = nullptr;
        }
        const ConnectorInfo *info = m_registry.info(service.config.type);
        if (info) {
            slot->connector = m_registry.create(service.config.type);
            slot->accountKey = info->typeId + QLatin1Char('/') + slot->connector->accountKey(service.config);
            auto &budget = m_budgets[slot->accountKey];
            if (!budget)
                budget = std::make_shared<RequestBudgetTracker>(info->budget);
            slot->budget = budget;
        }
        slot->service = std::move(service);
        slots.emplace(id, std::move(slot));
    }
    for (auto &[id, old] : m_slots)
        delete old->deadline;
    m_slots = std::move(slots);
    armTimer();
}

void PollScheduler::start()
{
    m_timerDriven = true;
    runDue();
}

bool PollScheduler::isBusy() const
{
    return std::any_of(m_slots.begin(), m_slots.end(), [](const auto &entry) { return entry.second->running; });
}

QList<qint64> PollScheduler::serviceIds() const
{
    QList<qint64> ids;
    for (const auto &[id, slot] : m_slots)
        ids.append(id);
    return ids;
}

std::optional<ServiceHealth> PollScheduler::health(qint64 serviceId) const
{
    const auto it = m_slots.find(serviceId);
    if (it == m_slots.end())
        return std::nullopt;
    return it->second->service.health;
}

qint64 PollScheduler::nextWakeMs() const
{
    qint64 earliest = 0;
    for (const auto &[id, slot] : m_slots) {
        const ServiceHealth &health = slot->service.health;
        if (!slot->service.config.enabled || health.state == ServiceHealth::State::Disabled || slot->running)
            continue;
        if (earliest == 0 || health.nextRunMs < earliest)
            earliest = health.nextRunMs;
    }
    return earliest;
}

void PollScheduler::runNow(std::optional<qint64> serviceId)
{
    bool launched = false;
    for (auto &[id, slot] : m_slots) {
        if (serviceId && id != *serviceId)
            continue;
        if (slot->running || !slot->service.config.enabled)
            continue;
        if (!hasConcurrencyFor(*slot)) {
            m_waiting.insert(id); // started as soon as a run of its type finishes
            continue;
        }
        // A service refused before its fetch (missing credential, configuration over the vendor's limits) starts
        // no run, so no complete() will report the end of this cycle.
        const quint64 before = slot->generation;
        launch(*slot);
        launched = launched || slot->generation != before;
    }
    if (!launched && !isBusy())
        QMetaObject::invokeMethod(this, &PollScheduler::cycleFinished, Qt::QueuedConnection);
}

void PollScheduler::runDue()
{
    const qint64 now = m_clock.nowMs();
    for (auto &[id, slot] : m_slots) {
        const ServiceHealth &health = slot->service.health;
        if (slot->running || !slot->service.config.enabled || health.state == ServiceHealth::State::Disabled)
            continue;
        if (health.nextRunMs <= now && hasConcurrencyFor(*slot))
            launch(*slot);
    }
    armTimer();
}

bool PollScheduler::hasConcurrencyFor(const Slot &slot) const
{
    // Vendors limit concurrent requests per account (Twilio, Mixpanel): services of one account take turns.
    if (!slot.connector)
        return true;
    const ConnectorInfo &info = slot.connector->info();
    return m_running.value(slot.accountKey) < std::max(1, info.budget.maxConcurrent);
}

void PollScheduler::armTimer()
{
    if (!m_timerDriven)
        return;
    const qint64 wake = nextWakeMs();
    if (wake == 0) {
        m_timer.stop();
        return;
    }
    // Re-checked at least once a minute, so a clock jump or a suspended laptop cannot stall polling.
    const qint64 delay = std::clamp<qint64>(wake - m_clock.nowMs(), 0, 60'000);
    m_timer.start(int(delay));
}

FetchWindow PollScheduler::windowFor(const Slot &slot, qint64 nowMs) const
{
    const ServiceHealth &health = slot.service.health;
    const ConnectorInfo &info = slot.connector->info();
    const qint64 interval = std::chrono::duration_cast<std::chrono::milliseconds>(slot.service.config.interval).count();
    FetchWindow window;
    window.toMs = nowMs;
    window.cursor = slot.service.config.cursor;
    if (health.lastSuccessMs == 0 && info.maxBackfillDays) {
        window.backfill = true;
        window.fromMs = nowMs - qint64(*info.maxBackfillDays) * 86'400'000;
    } else if (health.lastSuccessMs == 0) {
        window.fromMs = nowMs - 2 * interval;
    } else {
        // Overlap one interval: late-arriving vendor data is re-read, and re-sent samples are idempotent.
        window.fromMs = std::min(health.lastSuccessMs, nowMs) - interval;
    }
    return window;
}

void PollScheduler::launch(Slot &slot)
{
    ServiceConfig &config = slot.service.config;
    ServiceHealth &health = slot.service.health;
    const qint64 now = m_clock.nowMs();
    health.lastAttemptMs = now;

    auto fail = [&](ServiceHealth::State state, const QString &why) {
        health.state = state;
        health.lastError = why;
        health.nextRunMs = 0;
        Q_EMIT healthChanged(config.id, health, config.cursor);
    };
    if (!slot.connector) {
        fail(ServiceHealth::State::Disabled, tr("Unknown service type \"%1\" in this build.").arg(config.type));
        return;
    }
    const ConnectorInfo &info = slot.connector->info();
    for (const FieldSpec &field : info.credentials) {
        if (field.required && !slot.service.credentials.count(field.key)) {
            fail(ServiceHealth::State::Disabled,
                 tr("The credential \"%1\" is missing; set it to resume polling.").arg(field.label));
            return;
        }
    }
    // A configuration the vendor's limits cannot carry (C5) is not polled at all, rather than failing later.
    if (Status fits = slot.connector->checkConfiguration(config); !fits) {
        fail(ServiceHealth::State::Disabled, fits.error().userMessage);
        return;
    }

    slot.running = true;
    const quint64 generation = ++slot.generation;
    const qint64 serviceId = config.id;
    const QUrl base = config.baseUrl.isEmpty() ? QUrl(info.defaultBaseUrl) : config.baseUrl;
    auto session = std::make_shared<ServiceSession>(slot.service.config, slot.service.credentials, base, m_http,
                                                   m_clock, slot.budget);
    std::shared_ptr<Connector> connector = slot.connector;

    delete slot.deadline;
    slot.deadline = new QTimer(this);
    slot.deadline->setSingleShot(true);
    connect(slot.deadline, &QTimer::timeout, this, [this, serviceId, generation] {
        complete(serviceId, generation,
                 Error::make(Error::Code::Timeout, tr("The fetch did not finish within %1 s and was abandoned.")
                                                       .arg(std::max<qint64>(1, (m_deadline.count() + 999) / 1000))));
    });
    slot.deadline->start(m_deadline);

    const FetchWindow window = windowFor(slot, now);
    qCInfo(lcSched) << "polling service" << serviceId << config.type << "window" << describeTime(window.fromMs)
                    << "->" << describeTime(window.toMs) << (window.backfill ? "(backfill)" : "");
    ++m_running[slot.accountKey];
    QPointer<PollScheduler> self(this);
    connector->fetch(*session, window,
                     [self, session, connector, serviceId, generation](Result<FetchResult> result) {
                         if (self)
                             self->complete(serviceId, generation, std::move(result));
                     });
}

void PollScheduler::complete(qint64 serviceId, quint64 generation, Result<FetchResult> result)
{
    const auto it = m_slots.find(serviceId);
    if (it == m_slots.end())
        return;
    Slot &slot = *it->second;
    if (!slot.running || generation != slot.generation) {
        qCInfo(lcSched) << "ignoring a late answer from an abandoned run of service" << serviceId;
        return;
    }
    slot.running = false;
    if (slot.connector)
        --m_running[slot.accountKey];
    if (slot.deadline) {
        slot.deadline->stop();
        slot.deadline->deleteLater();
        slot.deadline = nullptr;
    }
    ServiceConfig &config = slot.service.config;
    ServiceHealth &health = slot.service.health;
    const qint64 now = m_clock.nowMs();
    const qint64 interval = std::chrono::duration_cast<std::chrono::milliseconds>(config.interval).count();

    if (result) {
        FetchResult &fetched = result.value();
        // Connectors read untrusted responses: whatever they produce passes the same checks as an import
        // (finite value, plausible time, bounded names) before it can reach the store.
        qsizetype refused = 0;
        SampleBatch valid;
        valid.reserve(fetched.samples.size());
        for (MetricSample &sample : fetched.samples) {
            sample.labels.insert(QStringLiteral("project"), config.project);
            sample.labels.insert(QStringLiteral("service"), config.name);
            if (ingest::validateSample(sample))
                valid.append(std::move(sample));
            else
                ++refused;
        }
        if (refused > 0)
            qCWarning(lcSched) << "service" << serviceId << "produced" << refused << "invalid samples; they were dropped";
        fetched.samples = std::move(valid);
        if (!fetched.samples.isEmpty())
            Q_EMIT samplesFetched(serviceId, fetched.samples);
        config.cursor = fetched.cursor;
        health.state = ServiceHealth::State::Ok;
        health.lastError.clear();
        health.consecutiveFailures = 0;
        health.caughtUp = fetched.complete;
        if (fetched.complete) {
            health.lastSuccessMs = now;
            schedule(slot, now + jittered(interval));
        } else {
            // Stopped early (budget, page cap): resume as soon as the budget allows. lastSuccess stays, so the
            // next window still starts where this one did; the cursor says how far it got.
            schedule(slot, std::max(now + 1000, slot.budget ? slot.budget->nextAvailableMs(now) : now));
        }
    } else {
        const Error &error = result.error();
        health.lastError = error.userMessage;
        ++health.consecutiveFailures;
        if (error.code == Error::Code::Auth) {
            health.state = ServiceHealth::State::Disabled;
            health.lastError = tr("%1 Polling is paused until the credentials change.").arg(error.userMessage);
            health.nextRunMs = 0;
        } else if (error.code == Error::Code::RateLimited && error.retryAfter) {
            health.state = ServiceHealth::State::Failing;
            schedule(slot, now + std::max<qint64>(1000, toMs(*error.retryAfter)));
        } else {
            health.state = ServiceHealth::State::Failing;
            const int exponent = std::min(health.consecutiveFailures - 1, 20);
            const qint64 backoff = std::min<qint64>(interval, toMs(kFirstBackoff) << exponent);
            schedule(slot, now + jittered(std::max<qint64>(backoff, 1000)));
        }
        qCWarning(lcSched) << "service" << serviceId << "failed:" << health.lastError;
    }
    Q_EMIT healthChanged(serviceId, health, config.cursor);
    // Services held back by their type's concurrency limit in runNow() go next. Chosen first, launched after:
    // a connector may answer synchronously, and that re-enters complete().
    QList<qint64> ready;
    QHash<QString, int> starting;
    for (qint64 id : std::as_const(m_waiting)) {
        const auto waiting = m_slots.find(id);
        if (waiting == m_slots.end() || waiting->second->running) {
            ready.append(-id); // stale: just drop it
            continue;
        }
        const Slot &candidate = *waiting->second;
        const QString type = candidate.accountKey;
        const int limit = candidate.connector ? std::max(1, candidate.connector->info().budget.maxConcurrent) : 1;
        if (m_running.value(type) + starting.value(type) < limit) {
            ++starting[type];
            ready.append(id);
        }
    }
    for (qint64 id : std::as_const(ready))
        m_waiting.remove(std::abs(id));
    for (qint64 id : std::as_const(ready)) {
        if (id > 0 && !m_slots.at(id)->running)
            launch(*m_slots.at(id));
    }
    if (m_timerDriven)
        runDue(); // a due service may have waited for this run's concurrency slot
    armTimer();
    if (!isBusy())
        Q_EMIT cycleFinished();
}

void PollScheduler::schedule(Slot &slot, qint64 nextMs)
{
    slot.service.health.nextRunMs = nextMs;
}

qint64 PollScheduler::jittered(qint64 ms)
{
    if (m_jitter <= 0)
        return ms;
    std::uniform_real_distribution<double> spread(-m_jitter, m_jitter);
    return std::max<qint64>(1, ms + qint64(double(ms) * spread(m_random)));
}

} // namespace stackscope::connector
