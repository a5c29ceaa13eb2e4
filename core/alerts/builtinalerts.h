#pragma once

#include "model/serviceconfig.h"
#include "rules/ruleevaluator.h"

#include <QList>
#include <QString>

#include <optional>

namespace stackscope::alerts {

// What the store knows about a service's data, for the "no data" built-in alert.
struct ServiceActivity
{
    std::optional<qint64> newestSampleMs;  // newest sample of any of its series; none: it never delivered
    qint64 sampleSpacingMs = 0;            // gap between its two newest hourly buckets (daily data: a day)
};

struct ServiceStatus
{
    ServiceConfig config;
    ServiceHealth health;
    ServiceActivity activity;
};

struct BuiltinSettings
{
    qint64 failingAfterMs = 15 * 60 * 1000;        // polling failing for longer than this
    qint64 noDataAtLeastMs = 60 * 60 * 1000;       // silence of at least this ...
    int noDataIntervals = 3;                       // ... and of this many polling intervals
};

// One built-in rule's verdict about one service; evaluated by the same lifecycle as user rules.
struct BuiltinVerdict
{
    QString ruleKey;                   // "builtin:<kind>:<service uuid>"
    rules::AlertRule rule;             // synthetic: name, severity, lifecycle defaults, default channels
    rules::InstanceResult verdict;     // instance ''
};

// Built-in alerts about the monitoring itself (A5), three per service:
// - "builtin:polling-failing:<uuid>" (warning): polling has failed for longer than failingAfterMs since its last
//   success (or, for a service that never succeeded, for that long as seen by the engine);
// - "builtin:credentials:<uuid>" (critical): polling is paused because the vendor rejected the credentials or
//   one is missing from the keychain;
// - "builtin:no-data:<uuid>" (warning): a service that delivered samples before has stored none for
//   max(noDataIntervals × interval, noDataAtLeastMs, 2 × its sample spacing when that is over an hour).
// A service the user paused (not enabled) fires none of them. Pure: all inputs are values.
QList<BuiltinVerdict> evaluateBuiltins(const QList<ServiceStatus> &services, const BuiltinSettings &settings, qint64 nowMs);

// The synthetic rule of a built-in key, also for services that are gone (so their alerts can resolve).
rules::AlertRule builtinRule(const QString &ruleKey, const QString &serviceName);

// Whether a disabled service's last error is about credentials (rejected, or missing from the keychain).
bool isCredentialProblem(const ServiceHealth &health);

// "45 min", "3 h 10 min", "2 d 4 h".
QString readableDuration(qint64 ms);

} // namespace stackscope::alerts
