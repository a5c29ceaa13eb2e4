#include "alerts/noisecontrol.h"

#include <QCryptographicHash>

#include <algorithm>

namespace stackscope::alerts {

namespace {

QString scopeText(const Alert &alert)
{
    QStringList parts;
    if (!alert.project.isEmpty())
        parts.append(alert.project);
    if (!alert.service.isEmpty())
        parts.append(alert.service);
    if (parts.isEmpty() && !alert.labels.isEmpty())
        parts.append(readableLabels(alert.labels));
    return parts.join(QLatin1Char('/'));
}

QString alertTitle(const Alert &alert)
{
    const QString tag = alert.status == AlertStatus::Resolved ? QStringLiteral("resolved")
                                                              : rules::severityName(alert.severity);
    const QString scope = scopeText(alert);
    return scope.isEmpty() ? QStringLiteral("[%1] %2").arg(tag, alert.ruleName)
                           : QStringLiteral("[%1] %2 — %3").arg(tag, alert.ruleName, scope);
}

bool moreUrgent(const Alert &a, const Alert &b)
{
    if (a.severity != b.severity)
        return int(a.severity) > int(b.severity);
    if (isActive(a.status) != isActive(b.status))
        return isActive(a.status);
    return a.id < b.id;
}

} // namespace

bool deservesNotification(Change change, const Alert &after, qint64 cooldownMs, qint64 nowMs)
{
    switch (change) {
    case Change::None:
        return false;
    case Change::Resolved:
        return after.notifiedStatus && isUnhandled(*after.notifiedStatus);
    case Change::Opened:
    case Change::Reopened:
    case Change::StillFiring:
        if (!isUnhandled(after.status))
            return false;   // acknowledged: someone is on it
        return !after.lastNotifiedMs || nowMs - *after.lastNotifiedMs >= cooldownMs;
    }
    return false;
}

bool isMuted(const QList<MuteWindow> &windows, const Alert &alert, qint64 nowMs)
{
    return std::any_of(windows.cbegin(), windows.cend(), [&](const MuteWindow &window) {
        return window.mutes(alert.project, alert.service, alert.ruleKey, nowMs);
    });
}

QList<qint64> routeToChannels(const QStringList &names, const QList<notify::ChannelConfig> &channels, QStringList *unknown)
{
    QList<qint64> ids;
    if (names.isEmpty()) {
        for (const notify::ChannelConfig &channel : channels) {
            if (channel.enabled && channel.isDefault())
                ids.append(channel.id);
        }
        return ids;
    }
    for (const QString &name : names) {
        const auto it = std::find_if(channels.cbegin(), channels.cend(), [&](const notify::ChannelConfig &channel) {
            return channel.enabled && channel.name.compare(name, Qt::CaseInsensitive) == 0;
        });
        if (it == channels.cend()) {
            if (unknown)
                unknown->append(name);
        } else if (!ids.contains(it->id)) {
            ids.append(it->id);
        }
    }
    return ids;
}

NotificationShape shapeFor(const QList<int> &alertIndexes, const QList<Alert> &alerts, const NoiseSettings &settings)
{
    NotificationShape shape;
    shape.listed = alertIndexes;
    std::stable_sort(shape.listed.begin(), shape.listed.end(),
                     [&](int a, int b) { return moreUrgent(alerts.at(a), alerts.at(b)); });
    if (shape.listed.size() == 1) {
        shape.kind = notify::Notification::Kind::Alert;
    } else if (shape.listed.size() > settings.digestThreshold) {
        shape.kind = notify::Notification::Kind::Digest;
        const int listed = std::max(1, settings.digestListed);
        if (shape.listed.size() > listed) {
            shape.omitted = int(shape.listed.size()) - listed;
            shape.listed.resize(listed);
        }
    } else {
        shape.kind = notify::Notification::Kind::Group;
    }
    return shape;
}

notify::NotificationItem itemFor(const Alert &alert, qint64 nowMs, const QString &unit)
{
    notify::NotificationItem item;
    item.alertId = alert.id;
    item.ruleName = alert.ruleName;
    item.severity = rules::severityName(alert.severity);
    item.status = statusName(alert.status);
    item.project = alert.project;
    item.service = alert.service;
    item.metric = alert.metric;
    item.labels = readableLabels(alert.labels);
    item.value = alert.value;
    item.threshold = alert.threshold;
    item.unit = unit;
    item.summary = alert.summary;
    item.link = alert.link();
    item.atMs = nowMs;
    return item;
}

notify::Notification compose(const NotificationShape &shape, const QList<Alert> &alerts, qint64 nowMs,
                             const QHash<QString, QString> &units)
{
    notify::Notification notification;
    notification.kind = shape.kind;
    notification.omitted = shape.omitted;
    notification.createdMs = nowMs;
    rules::Severity highest = rules::Severity::Info;
    QByteArray identity;
    for (int index : shape.listed) {
        const Alert &alert = alerts.at(index);
        notification.items.append(itemFor(alert, nowMs, units.value(alert.metric)));
        highest = std::max(highest, alert.severity);
        identity += QByteArray::number(alert.id) + ':' + QByteArray::number(int(alert.status)) + ',';
    }
    notification.severity = rules::severityName(highest);
    const int total = int(shape.listed.size()) + shape.omitted;

    switch (shape.kind) {
    case notify::Notification::Kind::Alert: {
        const Alert &alert = alerts.at(shape.listed.constFirst());
        notification.title = alertTitle(alert);
        notification.dedupKey = QStringLiteral("alert:%1:%2:%3").arg(alert.id).arg(statusName(alert.status)).arg(nowMs);
        return notification;
    }
    case notify::Notification::Kind::Group: {
        QStringList names;
        for (const notify::NotificationItem &item : std::as_const(notification.items)) {
            if (!names.contains(item.ruleName))
                names.append(item.ruleName);
        }
        notification.title = QStringLiteral("[%1] %2 alerts: %3").arg(notification.severity).arg(total).arg(names.join(QLatin1String(", ")));
        break;
    }
    case notify::Notification::Kind::Digest:
        notification.title = QStringLiteral("[%1] %2 alerts changed; the %3 most severe are listed")
                                 .arg(notification.severity).arg(total).arg(shape.listed.size());
        identity += "+" + QByteArray::number(shape.omitted);
        break;
    case notify::Notification::Kind::Test:
        break;
    }
    const QByteArray digest = QCryptographicHash::hash(identity, QCryptographicHash::Sha1).toHex().left(16);
    notification.dedupKey = QStringLiteral("%1:%2:%3")
                                .arg(notify::kindName(shape.kind).toLower())
                                .arg(nowMs)
                                .arg(QString::fromLatin1(digest));
    return notification;
}

} // namespace stackscope::alerts
