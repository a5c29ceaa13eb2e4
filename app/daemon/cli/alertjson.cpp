#include "cli/alertjson.h"

#include "cli/jsonoutput.h"

#include <QDateTime>

namespace stackscope::daemon {

namespace {

QJsonValue isoTime(std::optional<qint64> ms)
{
    return ms ? QJsonValue(QDateTime::fromMSecsSinceEpoch(*ms, Qt::UTC).toString(Qt::ISODateWithMs)) : QJsonValue();
}

QJsonValue number(std::optional<double> value)
{
    return value ? QJsonValue(*value) : QJsonValue();
}

} // namespace

QJsonObject alertToJson(const alerts::Alert &alert)
{
    return {{QStringLiteral("id"), double(alert.id)},
            {QStringLiteral("rule"), alert.ruleName},
            {QStringLiteral("rule_key"), alert.ruleKey},
            {QStringLiteral("severity"), rules::severityName(alert.severity)},
            {QStringLiteral("status"), alerts::statusName(alert.status)},
            {QStringLiteral("project"), alert.project},
            {QStringLiteral("service"), alert.service},
            {QStringLiteral("metric"), alert.metric},
            {QStringLiteral("labels"), labelsToJson(alert.labels)},
            {QStringLiteral("value"), number(alert.value)},
            {QStringLiteral("threshold"), number(alert.threshold)},
            {QStringLiteral("summary"), alert.summary},
            {QStringLiteral("opened"), isoTime(alert.openedMs)},
            {QStringLiteral("updated"), isoTime(alert.updatedMs)},
            {QStringLiteral("resolved"), isoTime(alert.resolvedMs)}};
}

QJsonObject alertEventToJson(const alerts::AlertEvent &event)
{
    return {{QStringLiteral("at"), isoTime(event.atMs)},
            {QStringLiteral("from"), event.fromStatus ? QJsonValue(alerts::statusName(*event.fromStatus)) : QJsonValue()},
            {QStringLiteral("to"), alerts::statusName(event.toStatus)},
            {QStringLiteral("by"), event.actor},
            {QStringLiteral("comment"), event.comment},
            {QStringLiteral("value"), number(event.value)}};
}

} // namespace stackscope::daemon
