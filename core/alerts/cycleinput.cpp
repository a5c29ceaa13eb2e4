#include "alerts/cycleinput.h"

#include "alerts/alertrepository.h"
#include "alerts/alertrulerepository.h"
#include "alerts/mutewindowrepository.h"
#include "alerts/serviceactivityreader.h"
#include "notify/channelrepository.h"
#include "storage/metricstore.h"

#include <algorithm>

namespace stackscope::alerts {

Result<CycleInput> gatherCycleInput(storage::MetricStore &store, qint64 nowMs, const CycleSettings &settings)
{
    storage::Database &db = store.database();
    CycleInput input;
    input.nowMs = nowMs;

    auto stored = AlertRuleRepository(db).list(true);
    if (!stored)
        return stored.error();
    qint64 longestGrace = rules::AlertRule{}.reopenGraceMs;   // the built-ins use the default
    for (StoredRule &entry : stored.value()) {
        RuleInput rule;
        rule.rule = std::move(entry.rule);
        rule.problem = std::move(entry.problem);
        if (!rule.problem) {
            longestGrace = std::max(longestGrace, rule.rule.reopenGraceMs);
            if (auto data = rules::gatherRuleData(store, rule.rule, nowMs); data) {
                rule.data = std::move(data).value();
                rule.unit = rule.data.unit;
            } else {
                rule.problem = data.error();
            }
        }
        input.rules.append(std::move(rule));
    }

    if (settings.builtinAlerts) {
        auto services = readServiceStatuses(store);
        if (!services)
            return services.error();
        input.services = std::move(services).value();
    }

    const qint64 grace = std::clamp<qint64>(longestGrace, 0, settings.maxReopenGraceMs);
    auto alerts = AlertRepository(db).current(nowMs - grace);
    if (!alerts)
        return alerts.error();
    input.alerts = std::move(alerts).value();

    auto states = EvalStateRepository(db).all();
    if (!states)
        return states.error();
    input.states = std::move(states).value();

    auto windows = MuteWindowRepository(db).list(nowMs);
    if (!windows)
        return windows.error();
    input.muteWindows = std::move(windows).value();

    auto channels = notify::ChannelRepository(db).list();
    if (!channels)
        return channels.error();
    input.channels = std::move(channels).value();
    return input;
}

} // namespace stackscope::alerts
