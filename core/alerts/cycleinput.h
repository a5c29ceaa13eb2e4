#pragma once

#include "alerts/alert.h"
#include "alerts/builtinalerts.h"
#include "alerts/cyclesettings.h"
#include "alerts/evalstaterepository.h"
#include "alerts/mutewindow.h"
#include "notify/channelconfig.h"
#include "rules/ruleevaluator.h"
#include "util/result.h"

#include <QHash>
#include <QList>

#include <optional>

namespace stackscope::storage { class MetricStore; }

namespace stackscope::alerts {

struct RuleInput
{
    rules::AlertRule rule;
    std::optional<Error> problem;      // unreadable spec or failed gather: the rule is skipped, its state kept
    rules::RuleData data;
    QString unit;                      // of the rule's metric, for notifications
};

// Everything one cycle reads from the store, as values: gathered on the store's thread, planned anywhere.
struct CycleInput
{
    qint64 nowMs = 0;
    QList<RuleInput> rules;            // enabled rules
    QList<ServiceStatus> services;     // for the built-in alerts
    QList<Alert> alerts;               // active ones, and the resolved ones a grace period can still reopen
    QHash<InstanceKey, EvalState> states;
    QList<MuteWindow> muteWindows;
    QList<notify::ChannelConfig> channels;
};

// Reads the cycle's input at `nowMs`. Fails only if the shared tables cannot be read; a rule whose data
// cannot be gathered carries its problem instead.
Result<CycleInput> gatherCycleInput(storage::MetricStore &store, qint64 nowMs, const CycleSettings &settings);

} // namespace stackscope::alerts
