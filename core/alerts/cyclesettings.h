#pragma once

#include "alerts/builtinalerts.h"
#include "alerts/noisecontrol.h"

#include <QList>
#include <QString>

namespace stackscope::alerts {

struct CycleSettings
{
    NoiseSettings noise;
    BuiltinSettings builtins;
    bool builtinAlerts = true;
    // Resolved alerts older than this are never reopened, whatever a rule's grace says (bounds the read).
    qint64 maxReopenGraceMs = 7LL * 24 * 60 * 60 * 1000;
};

struct RuleProblem
{
    QString ruleKey;
    QString ruleName;
    QString message;                   // plain words
};

// What one cycle did; also what `stackscoped evaluate --once` prints.
struct CycleReport
{
    qint64 nowMs = 0;
    int rulesEvaluated = 0;            // user rules that evaluated without error
    int builtinChecks = 0;             // built-in (rule, service) pairs evaluated
    int instances = 0;                 // instances (series) looked at, built-ins included
    int pending = 0;                   // holding, but not yet for the rule's "for" duration
    int opened = 0;
    int reopened = 0;
    int resolved = 0;
    int muted = 0;                     // changes that deserved a notification but fell in a mute window
    int skipped = 0;                   // changes dropped because a person acted on the alert meanwhile
    int notificationsQueued = 0;       // outbox rows (one per channel and notification)
    QList<RuleProblem> problems;       // a broken rule is reported here and does not stop the others

    int fired() const { return opened + reopened; }
    bool changedAlerts() const { return opened + reopened + resolved > 0; }
};

} // namespace stackscope::alerts
