#include "notify/mailmessage.h"

#include <QDateTime>
#include <QLocale>

namespace stackscope::notify {

namespace {

QString singleLine(QString text)
{
    text.replace(QLatin1Char('\r'), QLatin1Char(' '));
    text.replace(QLatin1Char('\n'), QLatin1Char(' '));
    return text.trimmed();
}

bool isPlainAscii(const QString &text)
{
    for (QChar c : text) {
        if (c.unicode() < 0x20 || c.unicode() > 0x7e)
            return false;
    }
    return true;
}

QByteArray rfc5322Date(qint64 ms)
{
    const QDateTime utc = QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
    return QLocale::c().toString(utc, QStringLiteral("ddd, dd MMM yyyy HH:mm:ss")).toLatin1() + " +0000";
}

} // namespace

QByteArray encodeHeaderWords(const QString &text)
{
    const QString line = singleLine(text);
    if (isPlainAscii(line))
        return line.toLatin1();
    // Split on whole characters so that no UTF-8 sequence is cut between two encoded words.
    QList<QByteArray> words;
    QByteArray chunk;
    for (qsizetype i = 0; i < line.size(); ++i) {
        qsizetype length = line.at(i).isHighSurrogate() && i + 1 < line.size() ? 2 : 1;
        const QByteArray bytes = line.mid(i, length).toUtf8();
        i += length - 1;
        if (chunk.size() + bytes.size() > 39) { // 39 bytes: 52 base64 characters + 12 of framing, under 76 a line
            words.append("=?UTF-8?B?" + chunk.toBase64() + "?=");
            chunk.clear();
        }
        chunk += bytes;
    }
    if (!chunk.isEmpty())
        words.append("=?UTF-8?B?" + chunk.toBase64() + "?=");
    return words.join("\r\n ");
}

QByteArray MailMessage::toRfc5322() const
{
    QByteArray out;
    const auto header = [&out](const char *name, const QByteArray &value) { out += name + QByteArray(": ") + value + "\r\n"; };
    QStringList recipients;
    for (const QString &address : to)
        recipients << QLatin1Char('<') + singleLine(address) + QLatin1Char('>');
    header("Date", rfc5322Date(dateMs));
    header("From", encodeHeaderWords(fromName) + " <" + singleLine(fromAddress).toUtf8() + ">");
    header("To", recipients.join(QStringLiteral(", ")).toUtf8());
    header("Subject", encodeHeaderWords(subject));
    header("Message-ID", "<" + singleLine(messageId).toUtf8() + ">");
    header("MIME-Version", "1.0");
    header("Content-Type", "text/plain; charset=UTF-8");
    header("Content-Transfer-Encoding", "base64");
    header("Auto-Submitted", "auto-generated");
    out += "\r\n";
    QString text = body;
    text.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
    text.replace(QLatin1Char('\n'), QStringLiteral("\r\n"));
    const QByteArray encoded = text.toUtf8().toBase64();
    for (qsizetype i = 0; i < encoded.size(); i += 76)
        out += encoded.mid(i, 76) + "\r\n";
    return out;
}

} // namespace stackscope::notify
