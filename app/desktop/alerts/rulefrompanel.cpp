#include "rulefrompanel.h"

#include <QCoreApplication>

namespace stackscope::app {

rules::AlertRule ruleFromPanel(const dashboard::PanelSpec &panel, const QString &dashboardUuid)
{
    rules::AlertRule rule;
    const QString project = QStringLiteral("project");
    const QString service = QStringLiteral("service");
    if (!panel.queries.isEmpty()) {
        const dashboard::PanelQuery &query = panel.queries.first();
        rule.metric = query.metric;
        rule.labelFilter = query.labelFilter;
        rule.aggregation = query.aggregation;
        // Project and service labels are the rule's scope, not label filters.
        rule.project = rule.labelFilter.take(project);
        rule.service = rule.labelFilter.take(service);
    }
    rule.name = panel.title.trimmed().isEmpty() ? rule.metric : panel.title.trimmed();
    rule.description = QCoreApplication::translate("stackscope::app::RuleFromPanel", "Created from the panel \"%1\".")
                           .arg(rule.name);
    rule.condition = rules::ConditionKind::Threshold;
    rule.comparison = rules::Comparison::Above;
    if (!panel.thresholds.isEmpty())
        rule.threshold = panel.thresholds.first().value;
    if (!panel.id.isEmpty())
        rule.panelRef = dashboardUuid.isEmpty() ? panel.id : QStringLiteral("%1/%2").arg(dashboardUuid, panel.id);
    return rule;
}

} // namespace stackscope::app
