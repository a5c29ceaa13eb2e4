#pragma once

#include "alerts/cycleinput.h"
#include "alerts/lifecycle.h"

#include <QHash>
#include <QList>

#include <optional>

namespace stackscope::alerts {

// One alert write the cycle will make.
struct PlannedChange
{
    InstanceKey key;
    Change change = Change::None;
    std::optional<Alert> before;       // as read (none for a new alert): the write is skipped if the row moved
    Alert after;                       // id 0: insert
    std::optional<AlertEvent> event;
    QList<qint64> channelIds;          // where it is announced (empty: not announced)
};

// Everything one cycle will write, in one transaction. Pure data: built on the engine's thread.
struct CyclePlan
{
    qint64 nowMs = 0;
    QList<PlannedChange> changes;
    QList<QPair<InstanceKey, EvalState>> stateWrites;   // empty states delete the row
    QHash<QString, QString> units;                      // metric -> unit, for notifications
    NoiseSettings noise;
    CycleReport report;                                 // counts so far; the apply adds what it wrote
};

// Evaluates every rule and built-in check over the gathered input and decides, with the lifecycle and noise
// control, what to write and whom to tell. Pure.
CyclePlan planCycle(const CycleInput &input, const CycleSettings &settings);

} // namespace stackscope::alerts
