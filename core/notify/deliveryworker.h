#pragma once

#include "notify/channelsender.h"
#include "notify/relay.h"

#include <QObject>

#include <memory>

namespace stackscope {
class Clock;
}
namespace stackscope::net {
class HttpClient;
}

namespace stackscope::notify {

class DesktopSender;
class EmailSender;
class SlackSender;
class WebhookSender;

// Lives on the dispatcher's network thread and owns the senders there (the HttpClient and its
// QNetworkAccessManager, the D-Bus notification client, the SMTP pool). Each delivery is asynchronous, so a
// slow channel never holds up another.
class DeliveryWorker : public QObject
{
    Q_OBJECT
public:
    DeliveryWorker(const Clock &clock, Relay toDispatcher, std::function<void(qint64)> activated);
    ~DeliveryWorker() override;

    void setUp();      // on the network thread
    void tearDown();   // on the network thread, before it stops

    // `done` runs on the network thread.
    void deliver(const SendRequest &request, std::function<void(SendResult)> done);

private:
    ChannelSender *senderFor(const QString &type);

    const Clock &m_clock;
    Relay m_toDispatcher;
    std::function<void(qint64)> m_activated;
    std::unique_ptr<net::HttpClient> m_http;
    std::unique_ptr<DesktopSender> m_desktop;
    std::unique_ptr<EmailSender> m_email;
    std::unique_ptr<SlackSender> m_slack;
    std::unique_ptr<WebhookSender> m_webhook;
};

} // namespace stackscope::notify
