#pragma once

#include "notify/channelconfig.h"
#include "notify/channeltypes.h"
#include "notify/notification.h"
#include "util/result.h"

#include <QObject>
#include <QString>

#include <functional>
#include <optional>

namespace stackscope::notify {

// What one delivery needs: the channel, the message, and an id that stays the same for every attempt at the
// same outbox item (webhook-id, Message-ID), so receivers can drop duplicates of an at-least-once delivery.
struct SendRequest
{
    ChannelConfig channel;
    Notification notification;
    QString deliveryId;
    ChannelSecrets secrets;
};

// The outcome of one attempt: success, or a plain-words error and whether trying again later can help.
struct SendResult
{
    Status status;
    bool retryable = false;
    std::optional<qint64> retryAfterMs;   // the receiver asked for this much patience (HTTP 429 Retry-After)

    bool ok() const { return status.ok(); }
    QString message() const { return status ? QString() : status.error().userMessage; }

    static SendResult success() { return {}; }
    static SendResult failure(Error error, bool retryable, std::optional<qint64> retryAfterMs = std::nullopt)
    {
        return SendResult{Status(std::move(error)), retryable, retryAfterMs};
    }
};

// One kind of channel. Senders are asynchronous and never block their thread; `done` runs on the sender's
// thread, and is dropped if `context` is destroyed first.
class ChannelSender
{
public:
    using Callback = std::function<void(SendResult)>;
    virtual ~ChannelSender() = default;
    virtual void send(const SendRequest &request, QObject *context, Callback done) = 0;
};

// Text shared by the channels that lay a notification out as plain text (e-mail, desktop).
QString severityLabel(const QString &severity);          // "Critical", "Warning", "Info"
QString formatValue(const std::optional<double> &value, const QString &unit);
QString notificationTitle(const Notification &notification, const ChannelConfig &channel);
QString plainTextBody(const Notification &notification, const ChannelConfig &channel);

} // namespace stackscope::notify
