#pragma once

#include "alerts/alert.h"
#include "alerts/alertfilter.h"
#include "util/result.h"

#include <QHash>
#include <QList>

namespace stackscope::storage { class Database; }

namespace stackscope::alerts {

// Alerts and their history (A2) over the alerts and alert_events tables: the panel's and the CLI's queries,
// people's actions (acknowledge, resolve, reopen, each recorded with who, when and why), and the writes of the
// alert cycle. Runs on the store's thread. Methods that write join the caller's transaction if one is open,
// else use their own.
class AlertRepository
{
public:
    explicit AlertRepository(storage::Database &db);

    Result<Alert> get(qint64 id);
    Result<AlertPage> query(const AlertFilter &filter);
    Result<QList<AlertEvent>> history(qint64 alertId);          // oldest first
    // For the engine: every active alert, and every alert resolved at or after `resolvedSinceMs` (those the
    // reopen grace can still bring back).
    Result<QList<Alert>> current(qint64 resolvedSinceMs);
    // Open or reopened alerts by severity, for the tray icon: [info, warning, critical].
    Result<QList<qint64>> unhandledCounts();
    // The same per project (alerts of no project under ""), for the overview tiles and the navigation tree.
    Result<QHash<QString, QList<qint64>>> unhandledCountsByProject();

    // People's actions. Allowed: acknowledge an open or reopened alert; resolve any active alert; reopen a
    // resolved one. Anything else is refused with an error that says why.
    Result<Alert> acknowledge(qint64 id, const QString &actor, const QString &comment, qint64 nowMs);
    Result<Alert> resolve(qint64 id, const QString &actor, const QString &comment, qint64 nowMs);
    Result<Alert> reopen(qint64 id, const QString &actor, const QString &comment, qint64 nowMs);

    // The engine's writes (inside the cycle's transaction).
    Result<qint64> insert(const Alert &alert);                    // returns the new id
    // Writes `alert` over the row if the row still has `expected`'s status and updated_ms (nobody acted on it
    // since the engine read it); returns false, changing nothing, if somebody did.
    Result<bool> updateIfUnchanged(const Alert &alert, const Alert &expected);
    Result<qint64> addEvent(const AlertEvent &event);

private:
    Result<Alert> act(qint64 id, AlertStatus to, const QString &actor, const QString &comment, qint64 nowMs);
    Status write(const Alert &alert);

    storage::Database &m_db;
};

} // namespace stackscope::alerts
