#include "alerts/alert.h"

#include <QStringList>

namespace stackscope::alerts {

QString statusName(AlertStatus status)
{
    switch (status) {
    case AlertStatus::Open: return QStringLiteral("open");
    case AlertStatus::Acknowledged: return QStringLiteral("acknowledged");
    case AlertStatus::Resolved: return QStringLiteral("resolved");
    case AlertStatus::Reopened: return QStringLiteral("reopened");
    }
    return {};
}

std::optional<AlertStatus> statusFromName(const QString &name)
{
    for (AlertStatus status : {AlertStatus::Open, AlertStatus::Acknowledged, AlertStatus::Resolved, AlertStatus::Reopened}) {
        if (statusName(status).compare(name, Qt::CaseInsensitive) == 0)
            return status;
    }
    if (name.compare(QLatin1String("ack"), Qt::CaseInsensitive) == 0)
        return AlertStatus::Acknowledged;
    return std::nullopt;
}

QString readableLabels(const Labels &labels)
{
    QStringList parts;
    for (auto it = labels.cbegin(); it != labels.cend(); ++it)
        parts.append(it.key() + QLatin1Char('=') + it.value());
    return parts.join(QLatin1String(", "));
}

} // namespace stackscope::alerts
