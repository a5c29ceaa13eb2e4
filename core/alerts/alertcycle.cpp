#include "alerts/alertcycle.h"

#include "alerts/cycleapply.h"
#include "alerts/cycleinput.h"
#include "alerts/cycleplan.h"
#include "util/clock.h"

namespace stackscope::alerts {

AlertCycle::AlertCycle(storage::MetricStore &store, const Clock &clock, CycleSettings settings)
    : m_store(store), m_clock(clock), m_settings(std::move(settings))
{
}

Result<CycleReport> AlertCycle::runOnce()
{
    auto input = gatherCycleInput(m_store, m_clock.nowMs(), m_settings);
    if (!input)
        return input.error();
    return applyCyclePlan(m_store, planCycle(input.value(), m_settings));
}

} // namespace stackscope::alerts
