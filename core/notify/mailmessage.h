#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace stackscope::notify {

// An RFC 5322 plain-text message in UTF-8: Date, From, To, Subject (RFC 2047 encoded-words when not ASCII),
// Message-ID, MIME-Version, Content-Type text/plain; charset=UTF-8, base64 body (safe through any server, with
// or without 8BITMIME), and Auto-Submitted: auto-generated (RFC 3834, so auto-responders stay quiet).
// CR and LF are removed from every header value (no header injection from rule names or settings).
struct MailMessage
{
    QString fromAddress;
    QString fromName = QStringLiteral("Stackscope");
    QStringList to;
    QString subject;
    QString body;
    QString messageId;     // without angle brackets: "<delivery id>@stackscope.invalid"
    qint64 dateMs = 0;

    QByteArray toRfc5322() const;
};

// "=?UTF-8?B?...?=" words (each under 76 characters) when `text` is not plain printable ASCII.
QByteArray encodeHeaderWords(const QString &text);

} // namespace stackscope::notify
