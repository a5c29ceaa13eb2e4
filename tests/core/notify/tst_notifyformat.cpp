// How each channel lays a notification out: e-mail (RFC 5322), Slack blocks, the webhook body and its Standard
// Webhooks signature, and how SMTP failures read.
#include "fakeclock.h"

#include "notify/channelsender.h"
#include "notify/emailsender.h"
#include "notify/mailmessage.h"
#include "notify/outboxdispatcher.h"
#include "notify/slackmessage.h"
#include "notify/smtptransfer.h"
#include "notify/webhookpayload.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTest>

#include <curl/curl.h>

using namespace stackscope;
using namespace stackscope::notify;

namespace {

NotificationItem item(qint64 alertId, const QString &severity, const QString &rule)
{
    NotificationItem i;
    i.alertId = alertId;
    i.ruleName = rule;
    i.severity = severity;
    i.status = QStringLiteral("open");
    i.project = QStringLiteral("shop");
    i.service = QStringLiteral("Twilio");
    i.metric = QStringLiteral("twilio.sms.failed");
    i.value = 42;
    i.threshold = 10;
    i.summary = QStringLiteral("twilio.sms.failed 42 > 10 for 5 min");
    i.link = QStringLiteral("stackscope://alert/%1").arg(alertId);
    i.atMs = 1767225600000;
    return i;
}

Notification alert()
{
    Notification n;
    n.kind = Notification::Kind::Alert;
    n.dedupKey = QStringLiteral("alert/17/open/1");
    n.title = QStringLiteral("[critical] Twilio failures high — shop");
    n.severity = QStringLiteral("critical");
    n.items = {item(17, QStringLiteral("critical"), QStringLiteral("Twilio failures high"))};
    n.createdMs = 1767225600000;
    return n;
}

ChannelConfig channel(const QString &type)
{
    ChannelConfig c;
    c.id = 1;
    c.uuid = QStringLiteral("9f0c1d7e-0000-4000-8000-000000000001");
    c.name = QStringLiteral("Ops");
    c.type = type;
    return c;
}

QString headerValue(const QByteArray &message, const QByteArray &name)
{
    const QByteArray head = message.left(message.indexOf("\r\n\r\n"));
    QString unfolded = QString::fromUtf8(head).replace(QStringLiteral("\r\n "), QStringLiteral(" "));
    for (const QString &line : unfolded.split(QStringLiteral("\r\n"))) {
        if (line.startsWith(QString::fromLatin1(name) + QStringLiteral(": ")))
            return line.mid(name.size() + 2);
    }
    return {};
}

// Decodes RFC 2047 "=?UTF-8?B?...?=" words separated by folding white space, independently of the encoder.
QString decodeWords(const QString &value)
{
    static const QRegularExpression word(QStringLiteral("=\\?UTF-8\\?B\\?([A-Za-z0-9+/=]*)\\?="));
    QByteArray bytes;
    auto it = word.globalMatch(value);
    if (!it.hasNext())
        return value;
    while (it.hasNext())
        bytes += QByteArray::fromBase64(it.next().captured(1).toLatin1());
    return QString::fromUtf8(bytes);
}

} // namespace

class tst_NotifyFormat : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void mailMessageHeadersAndBody();
    void mailSubjectInUtf8();
    void mailHeadersRefuseInjection();
    void emailJobFromSettings();
    void emailJobRefusesPlainSmtpToARemoteHost();
    void emailJobNeedsThePasswordWhenAUserIsSet();
    void smtpErrorsInPlainWords_data();
    void smtpErrorsInPlainWords();
    void slackMessageForOneAlert();
    void slackMessageForADigest();
    void slackEscapesMrkdwn();
    void webhookBodySchema();
    void standardWebhooksReferenceVector();
    void signatureRejectsMalformedSecrets();
    void deliveryIdIsStablePerChannelAndKey();
    void plainTextMentionsTheFacts();
};

void tst_NotifyFormat::mailMessageHeadersAndBody()
{
    MailMessage m;
    m.fromAddress = QStringLiteral("alerts@example.com");
    m.to = {QStringLiteral("ops@example.com"), QStringLiteral("dev@example.com")};
    m.subject = QStringLiteral("Plain subject");
    m.body = QStringLiteral("line one\nline two\n");
    m.messageId = QStringLiteral("msg_abc@stackscope.invalid");
    m.dateMs = 1767225600000; // Thu, 01 Jan 2026 00:00:00 +0000
    const QByteArray raw = m.toRfc5322();
    QCOMPARE(headerValue(raw, "Date"), QStringLiteral("Thu, 01 Jan 2026 00:00:00 +0000"));
    QCOMPARE(headerValue(raw, "From"), QStringLiteral("Stackscope <alerts@example.com>"));
    QCOMPARE(headerValue(raw, "To"), QStringLiteral("<ops@example.com>, <dev@example.com>"));
    QCOMPARE(headerValue(raw, "Subject"), QStringLiteral("Plain subject"));
    QCOMPARE(headerValue(raw, "Message-ID"), QStringLiteral("<msg_abc@stackscope.invalid>"));
    QCOMPARE(headerValue(raw, "Content-Type"), QStringLiteral("text/plain; charset=UTF-8"));
    QCOMPARE(headerValue(raw, "Auto-Submitted"), QStringLiteral("auto-generated"));
    const QByteArray body = raw.mid(raw.indexOf("\r\n\r\n") + 4);
    for (const QByteArray &line : body.split('\n'))
        QVERIFY(line.size() <= 78);
    QCOMPARE(QByteArray::fromBase64(QByteArray(body).replace("\r\n", "")), QByteArray("line one\r\nline two\r\n"));
    QVERIFY(!raw.contains("\n\n")); // every line ends in CRLF
}

void tst_NotifyFormat::mailSubjectInUtf8()
{
    MailMessage m;
    m.fromAddress = QStringLiteral("a@example.com");
    m.to = {QStringLiteral("b@example.com")};
    m.subject = QStringLiteral("[critical] Fehlerquote über 5 % — Zürich ✓ 🔴 ") + QString(40, QLatin1Char('x'));
    m.body = QStringLiteral("Grüße");
    const QByteArray raw = m.toRfc5322();
    const QString subject = headerValue(raw, "Subject");
    QVERIFY(subject.startsWith(QStringLiteral("=?UTF-8?B?")));
    QCOMPARE(decodeWords(subject), m.subject.trimmed());
    const QByteArray head = raw.left(raw.indexOf("\r\n\r\n"));
    for (const QByteArray &line : head.split('\n'))
        QVERIFY2(line.size() <= 78, line.constData());
    for (char c : head)
        QVERIFY(uchar(c) < 0x80); // headers stay 7-bit
}

void tst_NotifyFormat::mailHeadersRefuseInjection()
{
    MailMessage m;
    m.fromAddress = QStringLiteral("a@example.com");
    m.to = {QStringLiteral("b@example.com")};
    m.subject = QStringLiteral("Hello\r\nBcc: victim@example.com");
    const QByteArray raw = m.toRfc5322();
    QVERIFY(!raw.contains("\r\nBcc:"));
    QCOMPARE(headerValue(raw, "Subject"), QStringLiteral("Hello  Bcc: victim@example.com"));
}

void tst_NotifyFormat::emailJobFromSettings()
{
    test::FakeClock clock;
    EmailSender sender(clock);
    SendRequest request;
    request.channel = channel(QStringLiteral("email"));
    request.channel.settings = QJsonObject{{QStringLiteral("host"), QStringLiteral("smtp.example.com")},
                                           {QStringLiteral("security"), QStringLiteral("tls")},
                                           {QStringLiteral("username"), QStringLiteral("bot")},
                                           {QStringLiteral("from"), QStringLiteral("alerts@example.com")},
                                           {QStringLiteral("to"), QJsonArray{QStringLiteral("ops@example.com")}},
                                           {QStringLiteral("timeout_s"), 5}};
    request.secrets[QStringLiteral("password")] = secretFromText(QStringLiteral("pw"));
    request.notification = alert();
    request.deliveryId = QStringLiteral("msg_0123");
    auto job = sender.jobFor(request);
    QVERIFY2(job, qPrintable(job ? QString() : job.error().userMessage));
    QCOMPARE(job->port, 465);
    QVERIFY(job->security == SmtpJob::Security::Tls);
    QCOMPARE(job->timeoutMs, 5000);
    QCOMPARE(job->to, QStringList{QStringLiteral("ops@example.com")});
    QCOMPARE(headerValue(job->message, "Message-ID"), QStringLiteral("<msg_0123@stackscope.invalid>"));
    QCOMPARE(decodeWords(headerValue(job->message, "Subject")), alert().title);
    QVERIFY(!job->message.contains("pw"));
}

void tst_NotifyFormat::emailJobRefusesPlainSmtpToARemoteHost()
{
    test::FakeClock clock;
    EmailSender sender(clock);
    SendRequest request;
    request.channel = channel(QStringLiteral("email"));
    request.channel.settings = QJsonObject{{QStringLiteral("host"), QStringLiteral("mail.example.com")},
                                           {QStringLiteral("security"), QStringLiteral("none")},
                                           {QStringLiteral("from"), QStringLiteral("a@example.com")},
                                           {QStringLiteral("to"), QStringLiteral("b@example.com")}};
    QVERIFY(!sender.jobFor(request));
    // The transfer itself refuses too, whatever built the job.
    SmtpJob job;
    job.host = QStringLiteral("mail.example.com");
    job.security = SmtpJob::Security::None;
    const SendResult result = runSmtpTransfer(job);
    QVERIFY(!result.ok());
    QVERIFY(!result.retryable);
    QVERIFY(result.message().contains(QStringLiteral("Unencrypted SMTP")));
}

void tst_NotifyFormat::emailJobNeedsThePasswordWhenAUserIsSet()
{
    test::FakeClock clock;
    EmailSender sender(clock);
    SendRequest request;
    request.channel = channel(QStringLiteral("email"));
    request.channel.settings = QJsonObject{{QStringLiteral("host"), QStringLiteral("smtp.example.com")},
                                           {QStringLiteral("username"), QStringLiteral("bot")},
                                           {QStringLiteral("from"), QStringLiteral("a@example.com")},
                                           {QStringLiteral("to"), QStringLiteral("b@example.com")}};
    auto job = sender.jobFor(request);
    QVERIFY(!job);
    QVERIFY(job.error().code == Error::Code::KeyMissing);
}

void tst_NotifyFormat::smtpErrorsInPlainWords_data()
{
    QTest::addColumn<int>("curlCode");
    QTest::addColumn<int>("reply");
    QTest::addColumn<bool>("retryable");
    QTest::addColumn<QString>("words");
    QTest::addRow("auth rejected") << int(CURLE_LOGIN_DENIED) << 535 << false << QStringLiteral("rejected the user name or password");
    QTest::addRow("certificate") << int(CURLE_PEER_FAILED_VERIFICATION) << 0 << false << QStringLiteral("certificate");
    QTest::addRow("refused") << int(CURLE_COULDNT_CONNECT) << 0 << true << QStringLiteral("connection refused");
    QTest::addRow("timeout") << int(CURLE_OPERATION_TIMEDOUT) << 0 << true << QStringLiteral("did not answer within 30 s");
    QTest::addRow("no starttls") << int(CURLE_USE_SSL_FAILED) << 0 << false << QStringLiteral("does not offer STARTTLS");
    QTest::addRow("recipient refused") << int(CURLE_SEND_ERROR) << 550 << false << QStringLiteral("refused the message (SMTP 550)");
    QTest::addRow("greylisted") << int(CURLE_SEND_ERROR) << 451 << true << QStringLiteral("cannot take the message now");
    QTest::addRow("unknown host") << int(CURLE_COULDNT_RESOLVE_HOST) << 0 << true << QStringLiteral("could not be found");
}

void tst_NotifyFormat::smtpErrorsInPlainWords()
{
    QFETCH(int, curlCode);
    QFETCH(int, reply);
    QFETCH(bool, retryable);
    QFETCH(QString, words);
    SmtpJob job;
    job.host = QStringLiteral("smtp.example.com");
    job.port = 587;
    const SendResult result = smtpResult(curlCode, reply, job, QStringLiteral("curl says so"));
    QVERIFY(!result.ok());
    QCOMPARE(result.retryable, retryable);
    QVERIFY2(result.message().contains(words), qPrintable(result.message()));
    QVERIFY(result.message().contains(QStringLiteral("smtp.example.com")));
    QVERIFY(smtpResult(CURLE_OK, 250, job, {}).ok());
}

void tst_NotifyFormat::slackMessageForOneAlert()
{
    const QJsonObject message = slackMessage(alert(), channel(QStringLiteral("slack")));
    QVERIFY(message.value(QStringLiteral("text")).toString().startsWith(QStringLiteral("[Critical] [critical] Twilio failures high")));
    const QJsonArray blocks = message.value(QStringLiteral("blocks")).toArray();
    QCOMPARE(blocks.at(0)[QStringLiteral("type")].toString(), QStringLiteral("header"));
    QVERIFY(blocks.at(0)[QStringLiteral("text")][QStringLiteral("text")].toString().contains(QStringLiteral("Critical")));
    QCOMPARE(blocks.at(0)[QStringLiteral("text")][QStringLiteral("type")].toString(), QStringLiteral("plain_text"));
    const QJsonObject section = blocks.at(1).toObject();
    QCOMPARE(section[QStringLiteral("type")].toString(), QStringLiteral("section"));
    QStringList fields;
    for (const QJsonValue &field : section[QStringLiteral("fields")].toArray())
        fields << field[QStringLiteral("text")].toString();
    QCOMPARE(fields, (QStringList{QStringLiteral("*Value*\n42"), QStringLiteral("*Threshold*\n10"),
                                  QStringLiteral("*Project*\nshop"), QStringLiteral("*Service*\nTwilio")}));
    const QJsonObject context = blocks.at(2).toObject();
    QCOMPARE(context[QStringLiteral("type")].toString(), QStringLiteral("context"));
    QCOMPARE(context[QStringLiteral("elements")][0][QStringLiteral("text")].toString(),
             QStringLiteral("Open in Stackscope: `stackscope://alert/17`"));
    QCOMPARE(blocks.size(), 3);
}

void tst_NotifyFormat::slackMessageForADigest()
{
    Notification digest = alert();
    digest.kind = Notification::Kind::Digest;
    digest.title = QStringLiteral("14 alerts in shop");
    digest.items.clear();
    for (int i = 0; i < 12; ++i)
        digest.items.append(item(100 + i, QStringLiteral("warning"), QStringLiteral("rule %1").arg(i)));
    digest.omitted = 2;
    const QJsonArray blocks = slackMessage(digest, channel(QStringLiteral("slack"))).value(QStringLiteral("blocks")).toArray();
    int sections = 0;
    for (const QJsonValue &block : blocks) {
        if (block[QStringLiteral("type")].toString() == QLatin1String("section"))
            ++sections;
    }
    QCOMPARE(sections, kSlackMaxListed);
    QVERIFY(blocks.size() <= 50); // Slack's limit per message
    QCOMPARE(blocks.last()[QStringLiteral("elements")][0][QStringLiteral("text")].toString(),
             QStringLiteral("…and 4 more alerts, not listed here."));
}

void tst_NotifyFormat::slackEscapesMrkdwn()
{
    Notification n = alert();
    n.items[0].ruleName = QStringLiteral("<!channel> & <https://evil.example|click>");
    const QByteArray json = QJsonDocument(slackMessage(n, channel(QStringLiteral("slack")))).toJson();
    QVERIFY(!json.contains("<!channel>"));
    QVERIFY(json.contains("&lt;!channel&gt; &amp; &lt;https://evil.example|click&gt;"));
}

void tst_NotifyFormat::webhookBodySchema()
{
    Notification n = alert();
    n.items[0].threshold.reset();
    const QJsonObject body = QJsonDocument::fromJson(webhookBody(n, QStringLiteral("msg_42"))).object();
    QCOMPARE(body.value(QStringLiteral("id")).toString(), QStringLiteral("msg_42"));
    QCOMPARE(body.value(QStringLiteral("kind")).toString(), QStringLiteral("alert"));
    QCOMPARE(body.value(QStringLiteral("title")).toString(), n.title);
    QCOMPARE(body.value(QStringLiteral("severity")).toString(), QStringLiteral("critical"));
    QCOMPARE(body.value(QStringLiteral("omitted")).toInt(), 0);
    QCOMPARE(body.value(QStringLiteral("created_at")).toString(), QStringLiteral("2026-01-01T00:00:00.000Z"));
    const QJsonObject first = body.value(QStringLiteral("items")).toArray().first().toObject();
    QCOMPARE(first.value(QStringLiteral("alert_id")).toInteger(), 17);
    QCOMPARE(first.value(QStringLiteral("value")).toDouble(), 42.0);
    QVERIFY(first.value(QStringLiteral("threshold")).isNull());
    QCOMPARE(first.value(QStringLiteral("link")).toString(), QStringLiteral("stackscope://alert/17"));
    QCOMPARE(first.value(QStringLiteral("at")).toString(), QStringLiteral("2026-01-01T00:00:00.000Z"));
}

void tst_NotifyFormat::standardWebhooksReferenceVector()
{
    // The example of the Standard Webhooks specification's reference libraries (test_sign_function).
    const secrets::SecureBytes secret(QByteArrayView("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"));
    auto signature = standardWebhookSignature(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330,
                                              QByteArray(R"({"test": 2432232314})"));
    QVERIFY(signature);
    QCOMPARE(signature.value(), QByteArray("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="));
    auto other = standardWebhookSignature(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265331,
                                          QByteArray(R"({"test": 2432232314})"));
    QVERIFY(other.value() != signature.value());
}

void tst_NotifyFormat::signatureRejectsMalformedSecrets()
{
    QVERIFY(!standardWebhookSignature(secrets::SecureBytes(QByteArrayView("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")), "id", 1, "b"));
    QVERIFY(!standardWebhookSignature(secrets::SecureBytes(QByteArrayView("whsec_***")), "id", 1, "b"));
    QVERIFY(!standardWebhookSignature(secrets::SecureBytes(QByteArrayView("whsec_")), "id", 1, "b"));
}

void tst_NotifyFormat::deliveryIdIsStablePerChannelAndKey()
{
    const QString a = OutboxDispatcher::deliveryIdFor(QStringLiteral("u1"), QStringLiteral("alert/1"));
    QCOMPARE(a, OutboxDispatcher::deliveryIdFor(QStringLiteral("u1"), QStringLiteral("alert/1")));
    QVERIFY(a != OutboxDispatcher::deliveryIdFor(QStringLiteral("u2"), QStringLiteral("alert/1")));
    QVERIFY(a != OutboxDispatcher::deliveryIdFor(QStringLiteral("u1"), QStringLiteral("alert/2")));
    QVERIFY(QRegularExpression(QStringLiteral("^msg_[0-9a-f]{32}$")).match(a).hasMatch());
}

void tst_NotifyFormat::plainTextMentionsTheFacts()
{
    const QString text = plainTextBody(alert(), channel(QStringLiteral("email")));
    QVERIFY(text.contains(QStringLiteral("Critical — Twilio failures high (open)")));
    QVERIFY(text.contains(QStringLiteral("Value: 42 (threshold 10)")));
    QVERIFY(text.contains(QStringLiteral("Project: shop · Service: Twilio")));
    QVERIFY(text.contains(QStringLiteral("Open in Stackscope: stackscope://alert/17")));
    Notification test = OutboxDispatcher::testNotification(channel(QStringLiteral("email")), 0);
    QVERIFY(plainTextBody(test, channel(QStringLiteral("email"))).contains(QStringLiteral("test notification")));
    QVERIFY(test.kind == Notification::Kind::Test);
}

QTEST_GUILESS_MAIN(tst_NotifyFormat)
#include "tst_notifyformat.moc"
