#include "notify/emailsender.h"

#include "notify/mailmessage.h"
#include "notify/relay.h"
#include "util/clock.h"

namespace stackscope::notify {

namespace {

SmtpJob::Security securityFrom(const QString &name)
{
    if (name == QLatin1String("tls"))
        return SmtpJob::Security::Tls;
    if (name == QLatin1String("none"))
        return SmtpJob::Security::None;
    return SmtpJob::Security::StartTls;
}

int defaultPort(SmtpJob::Security security)
{
    switch (security) {
    case SmtpJob::Security::Tls:
        return 465;
    case SmtpJob::Security::None:
        return 25;
    case SmtpJob::Security::StartTls:
        break;
    }
    return 587;
}

} // namespace

EmailSender::EmailSender(const Clock &clock) : m_clock(clock)
{
    m_pool.setMaxThreadCount(2);
    m_pool.setObjectName(QStringLiteral("stackscope-smtp"));
}

EmailSender::~EmailSender()
{
    m_pool.waitForDone();
}

Result<SmtpJob> EmailSender::jobFor(const SendRequest &request) const
{
    if (Status st = validateChannel(request.channel); !st)
        return st.error();
    const QJsonObject &s = request.channel.settings;
    SmtpJob job;
    job.host = s.value(QStringLiteral("host")).toString().trimmed();
    job.security = securityFrom(s.value(QStringLiteral("security")).toString(QStringLiteral("starttls")));
    job.port = s.value(QStringLiteral("port")).toVariant().toInt();
    if (job.port == 0)
        job.port = defaultPort(job.security);
    job.username = s.value(QStringLiteral("username")).toString();
    if (const auto it = request.secrets.find(QStringLiteral("password")); it != request.secrets.end())
        job.password = it->second;
    if (!job.username.isEmpty() && (!job.password || job.password->isEmpty()))
        return Error::make(Error::Code::KeyMissing, QStringLiteral("The password of this e-mail channel is not set."));
    job.from = s.value(QStringLiteral("from")).toString().trimmed();
    job.to = emailRecipients(s);
    job.caFile = s.value(QStringLiteral("ca_file")).toString();
    const int timeoutS = s.value(QStringLiteral("timeout_s")).toVariant().toInt();
    job.timeoutMs = (timeoutS > 0 ? std::min(timeoutS, 300) : 30) * 1000;

    MailMessage message;
    message.fromAddress = job.from;
    message.to = job.to;
    message.subject = notificationTitle(request.notification, request.channel);
    message.body = plainTextBody(request.notification, request.channel);
    message.messageId = request.deliveryId + QStringLiteral("@stackscope.invalid");
    message.dateMs = m_clock.nowMs();
    job.message = message.toRfc5322();
    return job;
}

void EmailSender::send(const SendRequest &request, QObject *context, Callback done)
{
    auto job = jobFor(request);
    if (!job) {
        done(SendResult::failure(job.error(), false));
        return;
    }
    Relay relay(context);
    m_pool.start([relay, job = std::move(job).value(), done = std::move(done)] {
        SendResult result = runSmtpTransfer(job);
        relay.post([result = std::move(result), done] { done(result); });
    });
}

} // namespace stackscope::notify
