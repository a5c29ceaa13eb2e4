#include "notify/smtptransfer.h"

#include "notify/channeltypes.h"
#include "notify/notifylogging.h"

#include <curl/curl.h>

#include <cstring>
#include <mutex>

namespace stackscope::notify {

namespace {

struct Upload
{
    const QByteArray *data = nullptr;
    qsizetype offset = 0;
};

size_t readChunk(char *buffer, size_t size, size_t count, void *userData)
{
    auto *upload = static_cast<Upload *>(userData);
    const qsizetype room = qsizetype(size * count);
    const qsizetype left = upload->data->size() - upload->offset;
    const qsizetype n = std::min(room, left);
    if (n > 0) {
        std::memcpy(buffer, upload->data->constData() + upload->offset, size_t(n));
        upload->offset += n;
    }
    return size_t(n);
}

void initCurlOnce()
{
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

// A NUL-terminated copy for curl's C API, wiped when it goes out of scope.
class CString
{
public:
    explicit CString(QByteArrayView bytes) : m_bytes(std::size_t(bytes.size()) + 1)
    {
        if (!bytes.isEmpty())
            std::memcpy(m_bytes.data(), bytes.data(), std::size_t(bytes.size()));
    }
    const char *get() const { return m_bytes.constChar(); }

private:
    secrets::SecureBytes m_bytes;
};

QString where(const SmtpJob &job)
{
    return QStringLiteral("%1:%2").arg(job.host).arg(job.port);
}

} // namespace

SendResult smtpResult(int curlCode, long smtpReply, const SmtpJob &job, const QString &curlMessage)
{
    const QString server = where(job);
    const QString detail = QStringLiteral("curl %1 (%2), SMTP reply %3").arg(curlCode).arg(curlMessage).arg(smtpReply);
    const auto fail = [&](Error::Code code, const QString &message, bool retryable) {
        return SendResult::failure(Error::make(code, message, detail), retryable);
    };
    switch (curlCode) {
    case CURLE_OK:
        return SendResult::success();
    case CURLE_LOGIN_DENIED:
        return fail(Error::Code::Auth,
                    QStringLiteral("The mail server %1 rejected the user name or password.").arg(server), false);
    case CURLE_PEER_FAILED_VERIFICATION:
        return fail(Error::Code::Config,
                    QStringLiteral("The certificate of the mail server %1 is not trusted (%2). If the server uses a "
                                   "private certificate authority, set its CA file in the channel.").arg(server, curlMessage),
                    false);
    case CURLE_SSL_CACERT_BADFILE:
        return fail(Error::Code::Config, QStringLiteral("The CA file %1 cannot be read.").arg(job.caFile), false);
    case CURLE_USE_SSL_FAILED:
        return fail(Error::Code::Config,
                    QStringLiteral("The mail server %1 does not offer STARTTLS; choose TLS (usually port 465) or "
                                   "another server.").arg(server),
                    false);
    case CURLE_COULDNT_RESOLVE_HOST:
        return fail(Error::Code::Network, QStringLiteral("The mail server name %1 could not be found.").arg(job.host), true);
    case CURLE_COULDNT_CONNECT:
        return fail(Error::Code::Network,
                    QStringLiteral("Could not connect to the mail server %1 (connection refused or unreachable).").arg(server),
                    true);
    case CURLE_OPERATION_TIMEDOUT:
        return fail(Error::Code::Timeout,
                    QStringLiteral("The mail server %1 did not answer within %2 s.").arg(server).arg(job.timeoutMs / 1000),
                    true);
    case CURLE_SSL_CONNECT_ERROR:
        return fail(Error::Code::Network,
                    QStringLiteral("The secure connection to the mail server %1 failed (%2). Check the port and the "
                                   "security setting (STARTTLS or TLS).").arg(server, curlMessage),
                    true);
    default:
        break;
    }
    if (smtpReply >= 500)
        return fail(Error::Code::Config,
                    QStringLiteral("The mail server %1 refused the message (SMTP %2): %3").arg(server).arg(smtpReply).arg(curlMessage),
                    false);
    if (smtpReply >= 400)
        return fail(Error::Code::Network,
                    QStringLiteral("The mail server %1 cannot take the message now (SMTP %2): %3").arg(server).arg(smtpReply).arg(curlMessage),
                    true);
    return fail(Error::Code::Network, QStringLiteral("Sending mail through %1 failed: %2.").arg(server, curlMessage), true);
}

SendResult runSmtpTransfer(const SmtpJob &job)
{
    if (job.security == SmtpJob::Security::None && !isLoopbackHost(job.host))
        return SendResult::failure(
            Error::make(Error::Code::Config,
                        QStringLiteral("Unencrypted SMTP is only allowed to this computer; use STARTTLS or TLS for %1.").arg(job.host)),
            false);
    initCurlOnce();
    CURL *curl = curl_easy_init();
    if (!curl)
        return SendResult::failure(Error::make(Error::Code::Network, QStringLiteral("Could not start the mail transfer.")), true);

    const QString host = job.host.contains(QLatin1Char(':')) ? QLatin1Char('[') + job.host + QLatin1Char(']') : job.host;
    const QString scheme = job.security == SmtpJob::Security::Tls ? QStringLiteral("smtps") : QStringLiteral("smtp");
    const QByteArray url = QStringLiteral("%1://%2:%3").arg(scheme, host).arg(job.port).toUtf8();
    const QByteArray from = QByteArray("<") + job.from.toUtf8() + '>';
    const QByteArray caFile = job.caFile.toLocal8Bit();
    const QByteArray username = job.username.toUtf8();
    CString password(job.password ? job.password->view() : QByteArrayView());
    curl_slist *recipients = nullptr;
    for (const QString &address : job.to)
        {
        const QByteArray recipient = QByteArray("<") + address.toUtf8() + '>';
        recipients = curl_slist_append(recipients, recipient.constData());
    }

    char errorBuffer[CURL_ERROR_SIZE] = {};
    Upload upload{&job.message, 0};
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errorBuffer);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L); // we are on a worker thread: no SIGALRM for timeouts
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
    curl_easy_setopt(curl, CURLOPT_URL, url.constData());
    curl_easy_setopt(curl, CURLOPT_USE_SSL, long(job.security == SmtpJob::Security::None ? CURLUSESSL_NONE : CURLUSESSL_ALL));
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
    if (!caFile.isEmpty())
        curl_easy_setopt(curl, CURLOPT_CAINFO, caFile.constData());
    if (!username.isEmpty()) {
        curl_easy_setopt(curl, CURLOPT_USERNAME, username.constData());
        curl_easy_setopt(curl, CURLOPT_PASSWORD, password.get());
    }
    curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from.constData());
    curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, recipients);
    curl_easy_setopt(curl, CURLOPT_READFUNCTION, readChunk);
    curl_easy_setopt(curl, CURLOPT_READDATA, &upload);
    curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, long(std::min(job.timeoutMs, 15'000)));
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, long(job.timeoutMs));

    const CURLcode code = curl_easy_perform(curl);
    long reply = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &reply);
    curl_slist_free_all(recipients);
    curl_easy_cleanup(curl);

    const QString message = errorBuffer[0] ? QString::fromUtf8(errorBuffer).trimmed()
                                           : QString::fromUtf8(curl_easy_strerror(code));
    SendResult result = smtpResult(int(code), reply, job, message);
    if (result.ok())
        qCDebug(lcNotify).noquote() << "mail sent through" << where(job);
    else
        qCInfo(lcNotify).noquote() << "mail through" << where(job) << "failed:" << result.status.error().detail;
    return result;
}

} // namespace stackscope::notify
