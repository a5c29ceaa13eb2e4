#pragma once

#include "util/result.h"

namespace stackscope::storage { class MetricStore; }
namespace stackscope::connector { class ConnectorRegistry; }

namespace stackscope::app {

// The rows a demo workspace needs besides its samples, so the navigation tree, the overview tiles and the
// service views have something to show (P5): the demo projects and services (demo::demoProjects/demoServices,
// named as the demo data labels its samples), their simulated health (demo::demoHealth, refreshed on every
// open) and, on first use, two custom dashboards from the scenario templates. Idempotent. Demo services are
// never polled (the main window starts no poller in a demo workspace) and have no credentials.
// Runs on the store thread; `registry` is only read (connector catalogues).
Status ensureDemoCatalogue(storage::MetricStore &store, qint64 nowMs, const connector::ConnectorRegistry &registry);

} // namespace stackscope::app
