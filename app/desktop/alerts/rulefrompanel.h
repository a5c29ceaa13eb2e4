#pragma once

#include "dashboard/dashboardspec.h"
#include "rules/alertrule.h"

namespace stackscope::app {

// "Alert on this…" from a dashboard panel: a rule on the panel's first query (metric, label filters, aggregation),
// scoped to the project and service the query names, named after the panel, with the panel's first threshold
// (a threshold rule, "above") when it has one, and panelRef "<dashboardUuid>/<panel id>" so the alert links back.
// The user finishes it in the rule editor.
rules::AlertRule ruleFromPanel(const dashboard::PanelSpec &panel, const QString &dashboardUuid = {});

} // namespace stackscope::app
