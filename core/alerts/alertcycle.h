#pragma once

#include "alerts/cyclesettings.h"
#include "util/result.h"

namespace stackscope {
class Clock;
}
namespace stackscope::storage {
class MetricStore;
}

namespace stackscope::alerts {

// One synchronous evaluation of every enabled rule and built-in check, on the calling thread (which must be
// the store's): `stackscoped evaluate --once`, `stackscoped poll` after each round, and tests. Three steps, the
// same the AlertEngine spreads over two threads: gather (read), plan (pure), apply (one transaction).
class AlertCycle
{
public:
    AlertCycle(storage::MetricStore &store, const Clock &clock, CycleSettings settings = {});

    Result<CycleReport> runOnce();

private:
    storage::MetricStore &m_store;
    const Clock &m_clock;
    CycleSettings m_settings;
};

} // namespace stackscope::alerts
