#pragma once

#include "alerts/cycleplan.h"
#include "util/result.h"

namespace stackscope::storage { class MetricStore; }

namespace stackscope::alerts {

// Writes a cycle's plan in ONE transaction, on the store's thread: alert rows and their events, the evaluation
// state, and an outbox row per channel for every notification. So a notification exists exactly when the alert
// change that caused it does: a crash between "fired" and "sent" leaves both (the dispatcher sends it after the
// restart) or neither (the next cycle fires again). On failure everything is rolled back.
// A change to an alert a person acted on after the cycle read it is skipped (the next cycle decides again).
Result<CycleReport> applyCyclePlan(storage::MetricStore &store, const CyclePlan &plan);

} // namespace stackscope::alerts
