#pragma once

#include "util/result.h"

namespace stackscope::storage { class MetricStore; }

namespace stackscope::app {

// The demo workspace's alerting (P5): the demo rules (demo::demoAlertRules, which the engine then fires on the
// ongoing simulated incident) and a history of past, resolved alerts that matches the earlier incidents (the
// SMS carrier outage yesterday, the API outage twelve days ago, ...), with acknowledgements and comments by
// made-up people, so the alerts panel looks as it does after weeks of use. The rules name no channel and a demo
// workspace has none, so nothing is ever sent anywhere.
// Runs once per workspace: does nothing if the workspace already has a rule or an alert. Store thread.
Status seedDemoAlerts(storage::MetricStore &store, qint64 nowMs);

} // namespace stackscope::app
