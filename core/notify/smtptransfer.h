#pragma once

#include "notify/channelsender.h"
#include "secrets/securebytes.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <memory>

namespace stackscope::notify {

// One SMTP submission through libcurl. Certificates are always verified (the system CAs, or `caFile` for a
// server with a private CA); "none" (no TLS at all) is refused unless the host is a loopback address.
struct SmtpJob
{
    enum class Security { StartTls, Tls, None };

    QString host;
    int port = 587;
    Security security = Security::StartTls;
    QString username;
    std::shared_ptr<const secrets::SecureBytes> password;
    QString from;
    QStringList to;
    QString caFile;
    int timeoutMs = 30'000;
    QByteArray message;     // RFC 5322, CRLF line ends
};

// Blocking: runs the whole SMTP conversation. Call it on a worker thread, never on a thread with an event loop
// that others wait on.
SendResult runSmtpTransfer(const SmtpJob &job);

// libcurl's result code (and the server's last SMTP reply code) in plain words, with whether to retry.
// Exposed for tests.
SendResult smtpResult(int curlCode, long smtpReply, const SmtpJob &job, const QString &curlMessage);

} // namespace stackscope::notify
