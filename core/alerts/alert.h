#pragma once

#include "rules/alertrule.h"

#include <QList>
#include <QString>

#include <optional>

namespace stackscope::alerts {

// The lifecycle of one alert (A2). The numbers are stored in alerts.status and alert_events: never renumber.
enum class AlertStatus { Open = 0, Acknowledged = 1, Resolved = 2, Reopened = 3 };
QString statusName(AlertStatus status);                     // "open", "acknowledged", "resolved", "reopened"
std::optional<AlertStatus> statusFromName(const QString &name);
// Open, acknowledged and reopened alerts need attention; resolved ones do not.
inline bool isActive(AlertStatus status) { return status != AlertStatus::Resolved; }
// Open and reopened: firing and nobody has said they are on it.
inline bool isUnhandled(AlertStatus status) { return status == AlertStatus::Open || status == AlertStatus::Reopened; }

// Who changed an alert when it was not a person.
inline QString engineActor() { return QStringLiteral("engine"); }

// Built-in alerts about the monitoring itself (A5) use rule keys "builtin:<kind>:<service uuid>"; user rules
// use their uuid.
inline bool isBuiltinRuleKey(const QString &ruleKey) { return ruleKey.startsWith(QLatin1String("builtin:")); }

// One row of `alerts`: one firing of one rule instance, from its opening to its resolution (and reopenings).
struct Alert
{
    qint64 id = 0;
    QString ruleKey;                   // rule uuid or "builtin:<kind>:<service uuid>"
    QString instance;                  // canonical labels of the series; '' for the whole rule
    QString ruleName;
    rules::Severity severity = rules::Severity::Warning;
    AlertStatus status = AlertStatus::Open;
    QString project;
    QString service;
    QString metric;
    Labels labels;
    QString summary;
    std::optional<double> value;
    std::optional<double> threshold;
    qint64 openedMs = 0;
    qint64 updatedMs = 0;
    std::optional<qint64> resolvedMs;
    qint64 lastFiredMs = 0;
    std::optional<qint64> lastNotifiedMs;
    // The status people were last told about, so a resolution is announced only for an alert whose firing was.
    std::optional<AlertStatus> notifiedStatus;

    QString link() const { return QStringLiteral("stackscope://alert/%1").arg(id); }
    friend bool operator==(const Alert &, const Alert &) = default;
};

// One row of `alert_events`: a status change, with who made it and why.
struct AlertEvent
{
    qint64 id = 0;
    qint64 alertId = 0;
    qint64 atMs = 0;
    std::optional<AlertStatus> fromStatus;   // none when the alert was opened
    AlertStatus toStatus = AlertStatus::Open;
    QString actor;                           // engineActor() or the person who acted
    QString comment;
    std::optional<double> value;
    friend bool operator==(const AlertEvent &, const AlertEvent &) = default;
};

// What the engine remembers between cycles for one (rule key, instance): since when the condition holds (for
// "for" durations) and whether the instance is in its fired state (so an alert opens on the rising edge only,
// and a person who resolved a still-firing alert is not overruled every cycle).
struct EvalState
{
    std::optional<qint64> pendingSinceMs;
    bool fired = false;

    bool isEmpty() const { return !pendingSinceMs && !fired; }
    friend bool operator==(const EvalState &, const EvalState &) = default;
};

// "country=US, status=failed": labels as people read them.
QString readableLabels(const Labels &labels);

} // namespace stackscope::alerts
