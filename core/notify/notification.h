#pragma once

#include "util/result.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace stackscope::notify {

// One message for people, as the alert engine writes it into the outbox and every channel renders it. It
// carries facts, not formatting: the Slack, email, webhook and desktop channels each lay it out their way.
struct NotificationItem
{
    qint64 alertId = 0;
    QString ruleName;
    QString severity;                // "info", "warning", "critical"
    QString status;                  // "open", "acknowledged", "resolved", "reopened"
    QString project;
    QString service;
    QString metric;
    QString labels;                  // "country=US, status=failed"
    std::optional<double> value;
    std::optional<double> threshold;
    QString unit;
    QString summary;                 // one sentence in plain words: "twilio.sms.failed 42 > 10 for 5 min"
    QString link;                    // "stackscope://alert/<id>", opens the alert (and its panel) in the app
    qint64 atMs = 0;                 // when it fired (or changed)
    friend bool operator==(const NotificationItem &, const NotificationItem &) = default;
};

struct Notification
{
    enum class Kind { Alert, Group, Digest, Test };

    Kind kind = Kind::Alert;
    QString dedupKey;                // one delivery per channel and key, however often it is enqueued
    QString title;                   // "[critical] Twilio failures high — prod"
    QString severity;                // the highest severity among the items
    QList<NotificationItem> items;   // one for Kind::Alert; several for Group/Digest; none for Test
    int omitted = 0;                 // digests: alerts counted but not listed
    qint64 createdMs = 0;
    friend bool operator==(const Notification &, const Notification &) = default;
};

QString kindName(Notification::Kind kind);
QJsonObject toJson(const Notification &notification);
Result<Notification> notificationFromJson(const QJsonObject &json);

} // namespace stackscope::notify
