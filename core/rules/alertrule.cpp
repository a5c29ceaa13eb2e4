#include "rules/alertrule.h"

#include <algorithm>

namespace stackscope::rules {

QString severityName(Severity severity)
{
    switch (severity) {
    case Severity::Info: return QStringLiteral("info");
    case Severity::Warning: return QStringLiteral("warning");
    case Severity::Critical: return QStringLiteral("critical");
    }
    return {};
}

std::optional<Severity> severityFromName(const QString &name)
{
    for (Severity severity : {Severity::Info, Severity::Warning, Severity::Critical}) {
        if (severityName(severity) == name)
            return severity;
    }
    return std::nullopt;
}

QString conditionName(ConditionKind kind)
{
    switch (kind) {
    case ConditionKind::Threshold: return QStringLiteral("threshold");
    case ConditionKind::RateOfChange: return QStringLiteral("rate");
    case ConditionKind::NoData: return QStringLiteral("nodata");
    case ConditionKind::LearnedBand: return QStringLiteral("band");
    }
    return {};
}

std::optional<ConditionKind> conditionFromName(const QString &name)
{
    for (ConditionKind kind : {ConditionKind::Threshold, ConditionKind::RateOfChange, ConditionKind::NoData,
                               ConditionKind::LearnedBand}) {
        if (conditionName(kind) == name)
            return kind;
    }
    return std::nullopt;
}

QString comparisonName(Comparison comparison)
{
    switch (comparison) {
    case Comparison::Above: return QStringLiteral("above");
    case Comparison::Below: return QStringLiteral("below");
    case Comparison::Outside: return QStringLiteral("outside");
    }
    return {};
}

std::optional<Comparison> comparisonFromName(const QString &name)
{
    for (Comparison comparison : {Comparison::Above, Comparison::Below, Comparison::Outside}) {
        if (comparisonName(comparison) == name)
            return comparison;
    }
    return std::nullopt;
}

int bandHistoryWeeks(const AlertRule &rule)
{
    return std::clamp(std::max(rule.minHistoryWeeks, 4), 1, kMaxHistoryWeeks);
}

} // namespace stackscope::rules
