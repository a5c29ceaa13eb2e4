#include "notify/notification.h"

#include <QJsonArray>

#include <cmath>

namespace stackscope::notify {

namespace {

constexpr int kMaxItems = 1000; // a payload read back from the store is bounded, whatever wrote it

std::optional<Notification::Kind> kindFromName(const QString &name)
{
    for (Notification::Kind kind : {Notification::Kind::Alert, Notification::Kind::Group, Notification::Kind::Digest,
                                    Notification::Kind::Test}) {
        if (kindName(kind) == name)
            return kind;
    }
    return std::nullopt;
}

QJsonValue optionalNumber(const std::optional<double> &value)
{
    return value && std::isfinite(*value) ? QJsonValue(*value) : QJsonValue(QJsonValue::Null);
}

std::optional<double> numberOrNothing(const QJsonValue &value)
{
    if (!value.isDouble() || !std::isfinite(value.toDouble()))
        return std::nullopt;
    return value.toDouble();
}

QJsonObject itemToJson(const NotificationItem &item)
{
    return QJsonObject{
        {QStringLiteral("alert_id"), double(item.alertId)},
        {QStringLiteral("rule"), item.ruleName},
        {QStringLiteral("severity"), item.severity},
        {QStringLiteral("status"), item.status},
        {QStringLiteral("project"), item.project},
        {QStringLiteral("service"), item.service},
        {QStringLiteral("metric"), item.metric},
        {QStringLiteral("labels"), item.labels},
        {QStringLiteral("value"), optionalNumber(item.value)},
        {QStringLiteral("threshold"), optionalNumber(item.threshold)},
        {QStringLiteral("unit"), item.unit},
        {QStringLiteral("summary"), item.summary},
        {QStringLiteral("link"), item.link},
        {QStringLiteral("at_ms"), double(item.atMs)},
    };
}

NotificationItem itemFromJson(const QJsonObject &json)
{
    NotificationItem item;
    item.alertId = qint64(json.value(QStringLiteral("alert_id")).toDouble());
    item.ruleName = json.value(QStringLiteral("rule")).toString();
    item.severity = json.value(QStringLiteral("severity")).toString();
    item.status = json.value(QStringLiteral("status")).toString();
    item.project = json.value(QStringLiteral("project")).toString();
    item.service = json.value(QStringLiteral("service")).toString();
    item.metric = json.value(QStringLiteral("metric")).toString();
    item.labels = json.value(QStringLiteral("labels")).toString();
    item.value = numberOrNothing(json.value(QStringLiteral("value")));
    item.threshold = numberOrNothing(json.value(QStringLiteral("threshold")));
    item.unit = json.value(QStringLiteral("unit")).toString();
    item.summary = json.value(QStringLiteral("summary")).toString();
    item.link = json.value(QStringLiteral("link")).toString();
    item.atMs = qint64(json.value(QStringLiteral("at_ms")).toDouble());
    return item;
}

} // namespace

QString kindName(Notification::Kind kind)
{
    switch (kind) {
    case Notification::Kind::Alert:
        return QStringLiteral("alert");
    case Notification::Kind::Group:
        return QStringLiteral("group");
    case Notification::Kind::Digest:
        return QStringLiteral("digest");
    case Notification::Kind::Test:
        return QStringLiteral("test");
    }
    return QStringLiteral("alert");
}

QJsonObject toJson(const Notification &notification)
{
    QJsonArray items;
    for (const NotificationItem &item : notification.items)
        items.append(itemToJson(item));
    return QJsonObject{
        {QStringLiteral("kind"), kindName(notification.kind)},
        {QStringLiteral("dedup_key"), notification.dedupKey},
        {QStringLiteral("title"), notification.title},
        {QStringLiteral("severity"), notification.severity},
        {QStringLiteral("items"), items},
        {QStringLiteral("omitted"), notification.omitted},
        {QStringLiteral("created_ms"), double(notification.createdMs)},
    };
}

Result<Notification> notificationFromJson(const QJsonObject &json)
{
    const auto kind = kindFromName(json.value(QStringLiteral("kind")).toString());
    if (!kind)
        return Error::make(Error::Code::Parse, QStringLiteral("The notification has an unknown kind."),
                           QStringLiteral("kind \"%1\"").arg(json.value(QStringLiteral("kind")).toString().left(40)));
    const QJsonValue items = json.value(QStringLiteral("items"));
    if (!items.isUndefined() && !items.isArray())
        return Error::make(Error::Code::Parse, QStringLiteral("The notification's items are not a list."));
    const QJsonArray array = items.toArray();
    if (array.size() > kMaxItems)
        return Error::make(Error::Code::Parse, QStringLiteral("The notification lists too many items."));

    Notification notification;
    notification.kind = *kind;
    notification.dedupKey = json.value(QStringLiteral("dedup_key")).toString();
    notification.title = json.value(QStringLiteral("title")).toString();
    notification.severity = json.value(QStringLiteral("severity")).toString();
    notification.omitted = std::max(0, json.value(QStringLiteral("omitted")).toInt());
    notification.createdMs = qint64(json.value(QStringLiteral("created_ms")).toDouble());
    for (const QJsonValue &item : array) {
        if (!item.isObject())
            return Error::make(Error::Code::Parse, QStringLiteral("A notification item is not an object."));
        notification.items.append(itemFromJson(item.toObject()));
    }
    return notification;
}

} // namespace stackscope::notify
