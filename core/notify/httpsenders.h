#pragma once

#include "notify/channelsender.h"

#include <QUrl>

namespace stackscope {
class Clock;
}
namespace stackscope::net {
class HttpClient;
}

namespace stackscope::notify {

// Slack incoming webhook: POSTs slackMessage() as JSON to the channel's secret webhook_url.
class SlackSender final : public ChannelSender
{
public:
    explicit SlackSender(net::HttpClient &http) : m_http(http) {}
    void send(const SendRequest &request, QObject *context, Callback done) override;

private:
    net::HttpClient &m_http;
};

// Generic webhook: POSTs webhookBody() to the channel's secret url, signed the Standard Webhooks way when the
// channel has a signing_secret: headers webhook-id (the delivery id, the same for every retry),
// webhook-timestamp (unix seconds at this attempt) and webhook-signature ("v1,<base64 HMAC-SHA256>").
class WebhookSender final : public ChannelSender
{
public:
    WebhookSender(net::HttpClient &http, const Clock &clock) : m_http(http), m_clock(clock) {}
    void send(const SendRequest &request, QObject *context, Callback done) override;

private:
    net::HttpClient &m_http;
    const Clock &m_clock;
};

// How an HttpClient error maps onto the outbox: network trouble, timeouts, 5xx and 429 are worth retrying;
// rejected credentials and other 4xx are not.
SendResult sendResultFromHttpError(const Error &error);

} // namespace stackscope::notify
