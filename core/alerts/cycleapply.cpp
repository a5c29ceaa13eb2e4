#include "alerts/cycleapply.h"

#include "alerts/alertrepository.h"
#include "alerts/evalstaterepository.h"
#include "alerts/noisecontrol.h"
#include "notify/outboxrepository.h"
#include "storage/database.h"
#include "storage/metricstore.h"
#include "util/logging.h"

#include <QMap>
#include <QSet>

namespace stackscope::alerts {

namespace {

// Alert rows and their events; fills in the ids of new alerts. Returns, per change, whether it was written.
Result<QList<bool>> writeAlerts(AlertRepository &alerts, const CyclePlan &plan, QList<Alert> &finals, CycleReport &report)
{
    QList<bool> written;
    written.reserve(plan.changes.size());
    for (const PlannedChange &change : plan.changes) {
        Alert alert = change.after;
        if (alert.id == 0) {
            auto id = alerts.insert(alert);
            if (!id)
                return id.error();
            alert.id = id.value();
        } else {
            auto updated = alerts.updateIfUnchanged(alert, change.before.value_or(alert));
            if (!updated)
                return updated.error();
            if (!updated.value()) {
                qCInfo(lcAlerts) << "alert" << alert.id << "changed meanwhile; the engine's change is dropped";
                ++report.skipped;
                written.append(false);
                finals.append(alert);
                continue;
            }
        }
        if (change.event) {
            AlertEvent event = *change.event;
            event.alertId = alert.id;
            if (auto added = alerts.addEvent(event); !added)
                return added.error();
        }
        switch (change.change) {
        case Change::Opened: ++report.opened; break;
        case Change::Reopened: ++report.reopened; break;
        case Change::Resolved: ++report.resolved; break;
        case Change::StillFiring:
        case Change::None: break;
        }
        written.append(true);
        finals.append(alert);
    }
    return written;
}

Status writeNotifications(storage::Database &db, const CyclePlan &plan, const QList<Alert> &finals,
                          const QList<bool> &written, CycleReport &report)
{
    // Per channel, the alerts this cycle announces there (ordered by channel id, for a stable outbox order).
    QMap<qint64, QList<int>> byChannel;
    for (int i = 0; i < plan.changes.size(); ++i) {
        if (!written.at(i))
            continue;
        for (qint64 channelId : plan.changes.at(i).channelIds)
            byChannel[channelId].append(i);
    }
    notify::OutboxRepository outbox(db);
    auto enqueue = [&](qint64 channelId, const QList<int> &indexes) -> Status {
        const NotificationShape shape = shapeFor(indexes, finals, plan.noise);
        if (Status st = outbox.enqueue(channelId, compose(shape, finals, plan.nowMs, plan.units), plan.nowMs); !st)
            return st;
        ++report.notificationsQueued;
        return {};
    };
    for (auto it = byChannel.cbegin(); it != byChannel.cend(); ++it) {
        if (plan.noise.grouping) {
            if (Status st = enqueue(it.key(), it.value()); !st)
                return st;
            continue;
        }
        for (int index : it.value()) {
            if (Status st = enqueue(it.key(), {index}); !st)
                return st;
        }
    }
    return {};
}

} // namespace

Result<CycleReport> applyCyclePlan(storage::MetricStore &store, const CyclePlan &plan)
{
    storage::Database &db = store.database();
    CycleReport report = plan.report;
    if (plan.changes.isEmpty() && plan.stateWrites.isEmpty())
        return report;
    if (Status st = db.begin(); !st)
        return st.error();
    auto fail = [&](const Error &error) -> Result<CycleReport> {
        db.rollback();
        qCWarning(lcAlerts) << "writing the alert cycle failed; nothing was written:" << error.userMessage << error.detail;
        return error;
    };

    AlertRepository alerts(db);
    QList<Alert> finals;
    auto written = writeAlerts(alerts, plan, finals, report);
    if (!written)
        return fail(written.error());

    // An instance whose alert change was dropped keeps its old memory, so the next cycle sees the same edge.
    QSet<InstanceKey> dropped;
    for (int i = 0; i < plan.changes.size(); ++i) {
        if (!written->at(i))
            dropped.insert(plan.changes.at(i).key);
    }
    EvalStateRepository states(db);
    for (const auto &[key, state] : plan.stateWrites) {
        if (dropped.contains(key))
            continue;
        if (Status st = states.save(key, state); !st)
            return fail(st.error());
    }

    if (Status st = writeNotifications(db, plan, finals, written.value(), report); !st)
        return fail(st.error());
    if (Status st = db.commit(); !st)
        return fail(st.error());
    return report;
}

} // namespace stackscope::alerts
