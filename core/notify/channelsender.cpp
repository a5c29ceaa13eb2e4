#include "notify/channelsender.h"

#include <QLocale>
#include <QStringList>

#include <cmath>

namespace stackscope::notify {

QString severityLabel(const QString &severity)
{
    if (severity == QLatin1String("critical"))
        return QStringLiteral("Critical");
    if (severity == QLatin1String("warning"))
        return QStringLiteral("Warning");
    return QStringLiteral("Info");
}

QString formatValue(const std::optional<double> &value, const QString &unit)
{
    if (!value || !std::isfinite(*value))
        return QStringLiteral("–");
    QString text = QLocale::c().toString(*value, 'g', 6);
    if (!unit.isEmpty())
        text += QLatin1Char(' ') + unit;
    return text;
}

QString notificationTitle(const Notification &notification, const ChannelConfig &channel)
{
    if (!notification.title.isEmpty())
        return notification.title;
    switch (notification.kind) {
    case Notification::Kind::Test:
        return QStringLiteral("Stackscope test notification for \"%1\"").arg(channel.name);
    case Notification::Kind::Group:
        return QStringLiteral("[%1] %2 alerts").arg(notification.severity).arg(notification.items.size());
    case Notification::Kind::Digest:
        return QStringLiteral("Stackscope digest: %1 alerts").arg(notification.items.size() + notification.omitted);
    case Notification::Kind::Alert:
        break;
    }
    if (!notification.items.isEmpty())
        return QStringLiteral("[%1] %2").arg(notification.severity, notification.items.first().ruleName);
    return QStringLiteral("Stackscope alert");
}

QString plainTextBody(const Notification &notification, const ChannelConfig &channel)
{
    if (notification.kind == Notification::Kind::Test)
        return QStringLiteral("This is a test notification from Stackscope for the channel \"%1\".\n"
                              "If you can read this, the channel works.\n").arg(channel.name);
    QStringList lines;
    for (const NotificationItem &item : notification.items) {
        lines << QStringLiteral("%1 — %2 (%3)").arg(severityLabel(item.severity), item.ruleName,
                                                     item.status.isEmpty() ? QStringLiteral("open") : item.status);
        if (!item.summary.isEmpty())
            lines << item.summary;
        QString facts = QStringLiteral("Value: %1").arg(formatValue(item.value, item.unit));
        if (item.threshold)
            facts += QStringLiteral(" (threshold %1)").arg(formatValue(item.threshold, item.unit));
        lines << facts;
        QStringList where;
        if (!item.project.isEmpty())
            where << QStringLiteral("Project: ") + item.project;
        if (!item.service.isEmpty())
            where << QStringLiteral("Service: ") + item.service;
        if (!item.metric.isEmpty())
            where << QStringLiteral("Metric: ") + item.metric + (item.labels.isEmpty() ? QString() : QStringLiteral(" {") + item.labels + QLatin1Char('}'));
        if (!where.isEmpty())
            lines << where.join(QStringLiteral(" · "));
        if (!item.link.isEmpty())
            lines << QStringLiteral("Open in Stackscope: ") + item.link;
        lines << QString();
    }
    if (notification.omitted > 0)
        lines << QStringLiteral("…and %1 more alerts, not listed here.").arg(notification.omitted) << QString();
    return lines.join(QLatin1Char('\n'));
}

} // namespace stackscope::notify
