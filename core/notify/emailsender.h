#pragma once

#include "notify/channelsender.h"
#include "notify/smtptransfer.h"

#include <QThreadPool>

namespace stackscope {
class Clock;
}

namespace stackscope::notify {

// E-mail over SMTP with libcurl (STARTTLS, implicit TLS, or none to localhost only; AUTH with the channel's
// user name and secret password). The blocking transfer runs on this sender's own small thread pool; `done`
// comes back on the caller's thread. Destroying the sender waits for transfers in progress (bounded by their
// timeouts).
class EmailSender final : public ChannelSender
{
public:
    explicit EmailSender(const Clock &clock);
    ~EmailSender() override;

    void send(const SendRequest &request, QObject *context, Callback done) override;

    // The SMTP job for a request (settings, secrets and the rendered message); Config error when the settings
    // are not usable. Exposed for tests.
    Result<SmtpJob> jobFor(const SendRequest &request) const;

private:
    const Clock &m_clock;
    QThreadPool m_pool;
};

} // namespace stackscope::notify
