#pragma once

#include "connector/connector.h"
#include "connector/requestbudget.h"
#include "connector/servicesession.h"
#include "model/serviceconfig.h"
#include "secrets/securebytes.h"

#include <QHash>
#include <QSet>
#include <QObject>
#include <QTimer>

#include <map>
#include <memory>
#include <optional>
#include <random>

namespace stackscope::net {
class HttpClient;
}

namespace stackscope::connector {

class ConnectorRegistry;

// A service as the scheduler runs it: its configuration, its last known health and its credentials.
struct ScheduledService
{
    ServiceConfig config;
    ServiceHealth health;
    CredentialMap credentials;
};

// Runs every service's fetch when it is due (C4, C5, F4). Lives on the network thread, next to its HttpClient;
// everything is asynchronous, so a slow or hanging service never delays another: each run has its own
// deadline, and a run that misses it is abandoned (its late answer ignored).
//
// After a run: success → next run one interval later (±10% jitter); stopped early (budget, page cap) → resumes
// as soon as the budget allows; rate limited → after the vendor's Retry-After; credentials rejected or missing
// → disabled until they change; other failures → exponential backoff (15 s, 30 s, … up to the interval).
class PollScheduler : public QObject
{
    Q_OBJECT
public:
    static constexpr std::chrono::milliseconds kRunDeadline{5 * 60 * 1000};
    static constexpr std::chrono::milliseconds kFirstBackoff{15'000};

    PollScheduler(const ConnectorRegistry &registry, net::HttpClient &http, const Clock &clock,
                  QObject *parent = nullptr);
    ~PollScheduler() override;

    void setServices(QList<ScheduledService> services);
    void setRunDeadline(std::chrono::milliseconds deadline) { m_deadline = deadline; }
    void setJitter(double fraction) { m_jitter = fraction; }

    // Timer-driven operation: runs services as they fall due, until destroyed.
    void start();
    // Runs now every enabled service (or only `serviceId`) that is not already running, regardless of its
    // next-run time; cycleFinished() follows when none is running any more.
    void runNow(std::optional<qint64> serviceId = std::nullopt);
    // Runs the services whose next run is due at the clock's now (what the timer does; tests call it).
    void runDue();

    bool isBusy() const;
    QList<qint64> serviceIds() const;
    std::optional<ServiceHealth> health(qint64 serviceId) const;
    qint64 nextWakeMs() const; // earliest next run of an enabled service; 0 when none

Q_SIGNALS:
    void samplesFetched(qint64 serviceId, const stackscope::SampleBatch &samples);
    void healthChanged(qint64 serviceId, const stackscope::ServiceHealth &health, const QJsonObject &cursor);
    void cycleFinished();

private:
    struct Slot;

    void launch(Slot &slot);
    void complete(qint64 serviceId, quint64 generation, Result<FetchResult> result);
    void schedule(Slot &slot, qint64 nextMs);
    void armTimer();
    qint64 jittered(qint64 ms);
    FetchWindow windowFor(const Slot &slot, qint64 nowMs) const;
    bool hasConcurrencyFor(const Slot &slot) const;

    const ConnectorRegistry &m_registry;
    net::HttpClient &m_http;
    const Clock &m_clock;
    std::map<qint64, std::unique_ptr<Slot>> m_slots;
    QHash<QString, std::shared_ptr<RequestBudgetTracker>> m_budgets;
    QHash<QString, int> m_running;   // runs in flight per account key (RequestBudget::maxConcurrent)
    QSet<qint64> m_waiting;          // runNow() services waiting for their account's concurrency slot
    QTimer m_timer;
    std::chrono::milliseconds m_deadline = kRunDeadline;
    double m_jitter = 0.1;
    std::mt19937_64 m_random{std::random_device{}()};
    bool m_timerDriven = false;
};

} // namespace stackscope::connector
