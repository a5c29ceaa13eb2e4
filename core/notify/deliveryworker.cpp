#include "notify/deliveryworker.h"

#include "net/httpclient.h"
#include "notify/desktopsender.h"
#include "notify/emailsender.h"
#include "notify/httpsenders.h"

namespace stackscope::notify {

DeliveryWorker::DeliveryWorker(const Clock &clock, Relay toDispatcher, std::function<void(qint64)> activated)
    : m_clock(clock), m_toDispatcher(std::move(toDispatcher)), m_activated(std::move(activated))
{
}

DeliveryWorker::~DeliveryWorker() = default;

void DeliveryWorker::setUp()
{
    m_http = std::make_unique<net::HttpClient>();
    m_desktop = std::make_unique<DesktopSender>();
    m_email = std::make_unique<EmailSender>(m_clock);
    m_slack = std::make_unique<SlackSender>(*m_http);
    m_webhook = std::make_unique<WebhookSender>(*m_http, m_clock);
    connect(m_desktop.get(), &DesktopSender::activated, this, [this](qint64 alertId) {
        m_toDispatcher.post([activated = m_activated, alertId] { activated(alertId); });
    });
}

void DeliveryWorker::tearDown()
{
    m_webhook.reset();
    m_slack.reset();
    m_email.reset(); // waits for SMTP transfers in progress
    m_desktop.reset();
    m_http.reset();
}

ChannelSender *DeliveryWorker::senderFor(const QString &type)
{
    if (type == QLatin1String("desktop"))
        return m_desktop.get();
    if (type == QLatin1String("email"))
        return m_email.get();
    if (type == QLatin1String("slack"))
        return m_slack.get();
    if (type == QLatin1String("webhook"))
        return m_webhook.get();
    return nullptr;
}

void DeliveryWorker::deliver(const SendRequest &request, std::function<void(SendResult)> done)
{
    ChannelSender *sender = senderFor(request.channel.type);
    if (!sender) {
        done(SendResult::failure(
            Error::make(Error::Code::Config, QStringLiteral("There is no channel type \"%1\".").arg(request.channel.type)),
            false));
        return;
    }
    sender->send(request, this, std::move(done));
}

} // namespace stackscope::notify
