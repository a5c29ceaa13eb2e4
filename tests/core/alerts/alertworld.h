#pragma once

#include "fakeclock.h"
#include "tempworkspace.h"

#include "alerts/alert.h"
#include "alerts/cyclesettings.h"
#include "notify/notification.h"
#include "rules/alertrule.h"

#include <memory>

namespace stackscope::test {

// A real encrypted workspace with a fake clock, and the few moves alert tests make in it.
class AlertWorld
{
public:
    static constexpr qint64 kT0 = 1767225600000;   // 2026-01-01T00:00:00Z
    static constexpr qint64 kMin = 60 * 1000;

    AlertWorld();
    bool isValid() const { return m_store != nullptr; }
    storage::MetricStore &store() { return *m_store; }
    std::unique_ptr<storage::MetricStore> takeStore() { return std::move(m_store); }
    FakeClock &clock() { return m_clock; }
    TempWorkspace &workspace() { return m_ws; }
    qint64 now() const { return m_clock.nowMs(); }

    // One sample a minute of `metric` for host `host` (project shop, service api) over the six minutes before
    // now, so a 5-minute window sees exactly `value`.
    bool setLevel(const QString &host, double value, const QString &metric = QStringLiteral("api.errors"));

    // "avg of api.errors above 10 over 5 min" in project shop, per host.
    static rules::AlertRule errorRule(const QString &name = QStringLiteral("Errors high"));
    qint64 addRule(rules::AlertRule rule);
    // A webhook channel straight into the table (no secrets needed to queue).
    qint64 addChannel(const QString &name, bool isDefault);

    Result<alerts::CycleReport> cycle(const alerts::CycleSettings &settings = {});

    struct OutboxRow
    {
        qint64 channelId = 0;
        QString dedupKey;
        notify::Notification notification;
    };
    QList<OutboxRow> outbox();
    QList<alerts::Alert> alerts();   // every alert, newest first
    qint64 count(const char *sql);

private:
    TempWorkspace m_ws;
    FakeClock m_clock{kT0};
    std::unique_ptr<storage::MetricStore> m_store;
};

} // namespace stackscope::test
