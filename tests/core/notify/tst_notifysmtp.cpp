// E-mail through real local SMTP servers (aiosmtpd under Debian's python3): plain to loopback, STARTTLS with a
// private CA, STARTTLS + AUTH, implicit TLS, and the failures a person has to understand.
#include "fakeclock.h"
#include "fakesecretstore.h"
#include "tempworkspace.h"

#include "notify/channelrepository.h"
#include "notify/emailsender.h"
#include "notify/outboxdispatcher.h"
#include "notify/outboxrepository.h"
#include "storage/metricstore.h"
#include "util/clock.h"

#include <QDir>
#include <QFile>
#include <QEventLoop>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <memory>

using namespace stackscope;
using namespace stackscope::notify;

namespace {

const QString kPython = QStringLiteral("/usr/bin/python3");

// One aiosmtpd server, started by this test and stopped by it (stdin closed, then terminate, then kill).
class SmtpServer
{
public:
    SmtpServer(const QString &script, const QString &outDir, const QStringList &options)
        : m_outDir(outDir)
    {
        QDir().mkpath(outDir);
        m_process.setProgram(kPython);
        m_process.setArguments(QStringList{QStringLiteral("-u"), script, QStringLiteral("--outdir"), outDir} + options);
        m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_process.start();
        if (!m_process.waitForStarted(20000))
            return;
        QByteArray output;
        while (!output.contains('\n') && m_process.waitForReadyRead(20000))
            output += m_process.readAllStandardOutput();
        const auto match = QRegularExpression(QStringLiteral("READY (\\d+)")).match(QString::fromUtf8(output));
        if (match.hasMatch())
            m_port = match.captured(1).toInt();
    }

    ~SmtpServer()
    {
        m_process.closeWriteChannel();
        if (!m_process.waitForFinished(5000)) {
            m_process.terminate();
            if (!m_process.waitForFinished(5000))
                m_process.kill();
            m_process.waitForFinished(5000);
        }
    }

    int port() const { return m_port; }

    QList<QByteArray> messages() const
    {
        QList<QByteArray> all;
        QDir dir(m_outDir);
        const QStringList names = dir.entryList({QStringLiteral("*.eml")}, QDir::Files, QDir::Name);
        for (const QString &name : names) {
            QFile file(dir.filePath(name));
            if (file.open(QIODevice::ReadOnly))
                all.append(file.readAll());
        }
        return all;
    }

private:
    QString m_outDir;
    QProcess m_process;
    int m_port = 0;
};

QString header(const QByteArray &message, const QByteArray &name)
{
    const QByteArray head = message.left(message.indexOf("\r\n\r\n"));
    const QString unfolded = QString::fromUtf8(head).replace(QStringLiteral("\r\n "), QStringLiteral(" "));
    for (const QString &line : unfolded.split(QStringLiteral("\r\n"))) {
        if (line.startsWith(QString::fromLatin1(name) + QStringLiteral(": ")))
            return line.mid(name.size() + 2);
    }
    return {};
}

QString decodeWords(const QString &value)
{
    static const QRegularExpression word(QStringLiteral("=\\?UTF-8\\?B\\?([A-Za-z0-9+/=]*)\\?="));
    auto it = word.globalMatch(value);
    if (!it.hasNext())
        return value;
    QByteArray bytes;
    while (it.hasNext())
        bytes += QByteArray::fromBase64(it.next().captured(1).toLatin1());
    return QString::fromUtf8(bytes);
}

QString bodyText(const QByteArray &message)
{
    QByteArray body = message.mid(message.indexOf("\r\n\r\n") + 4);
    return QString::fromUtf8(QByteArray::fromBase64(body.replace("\r\n", "")));
}

Notification alert()
{
    NotificationItem item;
    item.alertId = 17;
    item.ruleName = QStringLiteral("Twilio failures high");
    item.severity = QStringLiteral("critical");
    item.status = QStringLiteral("open");
    item.project = QStringLiteral("shop");
    item.service = QStringLiteral("Twilio");
    item.value = 42;
    item.threshold = 10;
    item.summary = QStringLiteral("twilio.sms.failed 42 > 10 for 5 min in Zürich");
    item.link = QStringLiteral("stackscope://alert/17");
    Notification n;
    n.dedupKey = QStringLiteral("alert/17/open/1");
    n.title = QStringLiteral("[critical] Fehlerquote über 10 — Zürich ✓");
    n.severity = QStringLiteral("critical");
    n.items = {item};
    n.createdMs = 1767225600000;
    return n;
}

SendResult sendNow(EmailSender &sender, const SendRequest &request)
{
    std::optional<SendResult> outcome;
    QEventLoop loop;
    QTimer::singleShot(60000, &loop, &QEventLoop::quit);
    sender.send(request, &loop, [&](SendResult result) {
        outcome = std::move(result);
        loop.quit();
    });
    if (!outcome)
        loop.exec();
    return outcome ? *outcome
                   : SendResult::failure(Error::make(Error::Code::Timeout, QStringLiteral("test: no answer")), true);
}

} // namespace

class tst_NotifySmtp : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void plainToLoopback();
    void starttlsWithPrivateCa();
    void starttlsRefusesAnUntrustedCertificate();
    void starttlsWithAuth();
    void wrongPasswordIsAPlainAuthError();
    void implicitTls();
    void starttlsNotOffered();
    void connectionRefusedIsRetryable();
    void throughTheOutboxAndSendTest();

private:
    std::unique_ptr<SmtpServer> server(const QString &name, const QStringList &options);
    SendRequest request(int port, const QString &security, const QJsonObject &extra = {});

    QTemporaryDir m_dir;
    QString m_script;
    QString m_cert;
    QString m_key;
    test::FakeClock m_clock;
};

void tst_NotifySmtp::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_script = QStringLiteral(STACKSCOPE_NOTIFY_TEST_DIR "/smtpserver.py");
    QVERIFY2(QFile::exists(m_script), qPrintable(m_script + QStringLiteral(" not found")));
    QProcess check;
    check.start(kPython, {QStringLiteral("-c"), QStringLiteral("import aiosmtpd")});
    QVERIFY2(check.waitForFinished(30000) && check.exitCode() == 0,
             "Debian's python3-aiosmtpd is needed (scripts/install-deps.sh installs it)");

    m_cert = m_dir.filePath(QStringLiteral("cert.pem"));
    m_key = m_dir.filePath(QStringLiteral("key.pem"));
    QProcess openssl;
    openssl.setProcessChannelMode(QProcess::MergedChannels);
    openssl.start(QStringLiteral("openssl"),
                  {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("rsa:2048"),
                   QStringLiteral("-nodes"), QStringLiteral("-keyout"), m_key, QStringLiteral("-out"), m_cert,
                   QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"), QStringLiteral("/CN=localhost"),
                   QStringLiteral("-addext"), QStringLiteral("subjectAltName=DNS:localhost,IP:127.0.0.1")});
    QVERIFY2(openssl.waitForFinished(60000) && openssl.exitCode() == 0, openssl.readAll().constData());
}

std::unique_ptr<SmtpServer> tst_NotifySmtp::server(const QString &name, const QStringList &options)
{
    auto smtp = std::make_unique<SmtpServer>(m_script, m_dir.filePath(name), options);
    if (smtp->port() == 0)
        qWarning("the SMTP server %s did not start", qPrintable(name));
    return smtp;
}

SendRequest tst_NotifySmtp::request(int port, const QString &security, const QJsonObject &extra)
{
    SendRequest r;
    r.channel.uuid = QStringLiteral("00000000-0000-4000-8000-00000000000e");
    r.channel.name = QStringLiteral("Ops mail");
    r.channel.type = QStringLiteral("email");
    r.channel.settings = QJsonObject{{QStringLiteral("host"), QStringLiteral("localhost")},
                                     {QStringLiteral("port"), port},
                                     {QStringLiteral("security"), security},
                                     {QStringLiteral("from"), QStringLiteral("alerts@example.com")},
                                     {QStringLiteral("to"), QStringLiteral("ops@example.com, dev@example.com")},
                                     {QStringLiteral("timeout_s"), 20}};
    for (auto it = extra.begin(); it != extra.end(); ++it)
        r.channel.settings.insert(it.key(), it.value());
    r.notification = alert();
    r.deliveryId = QStringLiteral("msg_0123456789abcdef");
    return r;
}

void tst_NotifySmtp::plainToLoopback()
{
    auto smtp = server(QStringLiteral("plain"), {});
    QVERIFY(smtp->port() > 0);
    EmailSender sender(m_clock);
    SendRequest r = request(smtp->port(), QStringLiteral("none"), {{QStringLiteral("host"), QStringLiteral("127.0.0.1")}});
    const SendResult result = sendNow(sender, r);
    QVERIFY2(result.ok(), qPrintable(result.message()));
    QTRY_COMPARE_WITH_TIMEOUT(smtp->messages().size(), qsizetype(1), 20000);

    const QByteArray message = smtp->messages().first();
    QCOMPARE(header(message, "X-Envelope-From"), QStringLiteral("alerts@example.com"));
    QCOMPARE(header(message, "X-Envelope-To"), QStringLiteral("ops@example.com,dev@example.com"));
    QCOMPARE(decodeWords(header(message, "Subject")), alert().title);
    QCOMPARE(header(message, "Message-ID"), QStringLiteral("<msg_0123456789abcdef@stackscope.invalid>"));
    QCOMPARE(header(message, "Date"), QStringLiteral("Thu, 01 Jan 2026 00:00:00 +0000"));
    QCOMPARE(header(message, "Content-Type"), QStringLiteral("text/plain; charset=UTF-8"));
    const QString body = bodyText(message);
    QVERIFY2(body.contains(QStringLiteral("twilio.sms.failed 42 > 10 for 5 min in Zürich")), qPrintable(body));
    QVERIFY(body.contains(QStringLiteral("Open in Stackscope: stackscope://alert/17")));
}

void tst_NotifySmtp::starttlsWithPrivateCa()
{
    auto smtp = server(QStringLiteral("starttls"), {QStringLiteral("--mode"), QStringLiteral("starttls"),
                                                    QStringLiteral("--cert"), m_cert, QStringLiteral("--key"), m_key});
    QVERIFY(smtp->port() > 0);
    EmailSender sender(m_clock);
    const SendResult result = sendNow(sender, request(smtp->port(), QStringLiteral("starttls"), {{QStringLiteral("ca_file"), m_cert}}));
    QVERIFY2(result.ok(), qPrintable(result.message()));
    QTRY_COMPARE_WITH_TIMEOUT(smtp->messages().size(), qsizetype(1), 20000);
    QCOMPARE(decodeWords(header(smtp->messages().first(), "Subject")), alert().title);
}

void tst_NotifySmtp::starttlsRefusesAnUntrustedCertificate()
{
    auto smtp = server(QStringLiteral("untrusted"), {QStringLiteral("--mode"), QStringLiteral("starttls"),
                                                     QStringLiteral("--cert"), m_cert, QStringLiteral("--key"), m_key});
    QVERIFY(smtp->port() > 0);
    EmailSender sender(m_clock);
    const SendResult result = sendNow(sender, request(smtp->port(), QStringLiteral("starttls"))); // system CAs only
    QVERIFY(!result.ok());
    QVERIFY(!result.retryable);
    QVERIFY2(result.message().contains(QStringLiteral("certificate of the mail server")), qPrintable(result.message()));
    QVERIFY(smtp->messages().isEmpty());
}

void tst_NotifySmtp::starttlsWithAuth()
{
    auto smtp = server(QStringLiteral("auth"), {QStringLiteral("--mode"), QStringLiteral("starttls"), QStringLiteral("--cert"),
                                                m_cert, QStringLiteral("--key"), m_key, QStringLiteral("--auth"),
                                                QStringLiteral("bot:s3cret-pässword")});
    QVERIFY(smtp->port() > 0);
    EmailSender sender(m_clock);
    SendRequest r = request(smtp->port(), QStringLiteral("starttls"),
                            {{QStringLiteral("ca_file"), m_cert}, {QStringLiteral("username"), QStringLiteral("bot")}});
    r.secrets[QStringLiteral("password")] = secretFromText(QStringLiteral("s3cret-pässword"));
    const SendResult result = sendNow(sender, r);
    QVERIFY2(result.ok(), qPrintable(result.message()));
    QTRY_COMPARE_WITH_TIMEOUT(smtp->messages().size(), qsizetype(1), 20000);
}

void tst_NotifySmtp::wrongPasswordIsAPlainAuthError()
{
    auto smtp = server(QStringLiteral("badauth"), {QStringLiteral("--mode"), QStringLiteral("starttls"), QStringLiteral("--cert"),
                                                   m_cert, QStringLiteral("--key"), m_key, QStringLiteral("--auth"),
                                                   QStringLiteral("bot:right")});
    QVERIFY(smtp->port() > 0);
    EmailSender sender(m_clock);
    SendRequest r = request(smtp->port(), QStringLiteral("starttls"),
                            {{QStringLiteral("ca_file"), m_cert}, {QStringLiteral("username"), QStringLiteral("bot")}});
    r.secrets[QStringLiteral("password")] = secretFromText(QStringLiteral("wrong-password-123"));
    const SendResult result = sendNow(sender, r);
    QVERIFY(!result.ok());
    QVERIFY(!result.retryable);
    QVERIFY(result.status.error().code == Error::Code::Auth);
    QVERIFY2(result.message().contains(QStringLiteral("rejected the user name or password")), qPrintable(result.message()));
    QVERIFY(!result.message().contains(QStringLiteral("wrong-password-123")));
    QVERIFY(!result.status.error().detail.contains(QStringLiteral("wrong-password-123")));
    QVERIFY(smtp->messages().isEmpty());
}

void tst_NotifySmtp::implicitTls()
{
    auto smtp = server(QStringLiteral("tls"), {QStringLiteral("--mode"), QStringLiteral("tls"), QStringLiteral("--cert"), m_cert,
                                               QStringLiteral("--key"), m_key, QStringLiteral("--auth"), QStringLiteral("bot:pw")});
    QVERIFY(smtp->port() > 0);
    EmailSender sender(m_clock);
    SendRequest r = request(smtp->port(), QStringLiteral("tls"),
                            {{QStringLiteral("ca_file"), m_cert}, {QStringLiteral("username"), QStringLiteral("bot")}});
    r.secrets[QStringLiteral("password")] = secretFromText(QStringLiteral("pw"));
    const SendResult result = sendNow(sender, r);
    QVERIFY2(result.ok(), qPrintable(result.message()));
    QTRY_COMPARE_WITH_TIMEOUT(smtp->messages().size(), qsizetype(1), 20000);
}

void tst_NotifySmtp::starttlsNotOffered()
{
    auto smtp = server(QStringLiteral("nostarttls"), {});
    QVERIFY(smtp->port() > 0);
    EmailSender sender(m_clock);
    const SendResult result = sendNow(sender, request(smtp->port(), QStringLiteral("starttls"), {{QStringLiteral("ca_file"), m_cert}}));
    QVERIFY(!result.ok());
    QVERIFY2(result.message().contains(QStringLiteral("does not offer STARTTLS")), qPrintable(result.message()));
    QVERIFY(smtp->messages().isEmpty()); // nothing went out in clear text
}

void tst_NotifySmtp::connectionRefusedIsRetryable()
{
    int port = 0;
    {
        auto smtp = server(QStringLiteral("gone"), {});
        port = smtp->port();
    } // stopped: nothing listens there any more
    QVERIFY(port > 0);
    EmailSender sender(m_clock);
    const SendResult result = sendNow(sender, request(port, QStringLiteral("none"), {{QStringLiteral("host"), QStringLiteral("127.0.0.1")}}));
    QVERIFY(!result.ok());
    QVERIFY(result.retryable);
    QVERIFY2(result.message().contains(QStringLiteral("connection refused")), qPrintable(result.message()));
}

void tst_NotifySmtp::throughTheOutboxAndSendTest()
{
    auto smtp = server(QStringLiteral("outbox"), {QStringLiteral("--mode"), QStringLiteral("starttls"), QStringLiteral("--cert"),
                                                  m_cert, QStringLiteral("--key"), m_key, QStringLiteral("--auth"),
                                                  QStringLiteral("bot:pw")});
    QVERIFY(smtp->port() > 0);
    test::TempWorkspace ws;
    auto store = ws.create();
    QVERIFY(store);
    ChannelConfig config = request(smtp->port(), QStringLiteral("starttls"),
                                   {{QStringLiteral("ca_file"), m_cert}, {QStringLiteral("username"), QStringLiteral("bot")}})
                               .channel;
    auto channel = ChannelRepository(store->database()).add(config);
    QVERIFY2(channel, qPrintable(channel ? QString() : channel.error().userMessage));
    secrets::FakeSecretStore keychain;
    keychain.insert(ChannelConfig::secretKey(channel->uuid, QStringLiteral("password")), secrets::SecureBytes(QByteArrayView("pw")));
    QVERIFY(OutboxRepository(store->database()).enqueue(channel->id, alert(), m_clock.nowMs()));

    OutboxDispatcher dispatcher(StoreGateway::direct(*store), ChannelCredentials::keychain(keychain), m_clock);
    const auto report = dispatcher.drain(std::chrono::seconds(60));
    QCOMPARE(report.delivered, 1);
    QTRY_COMPARE_WITH_TIMEOUT(smtp->messages().size(), qsizetype(1), 20000);
    QCOMPARE(header(smtp->messages().first(), "Message-ID"),
             QStringLiteral("<%1@stackscope.invalid>").arg(OutboxDispatcher::deliveryIdFor(channel->uuid, alert().dedupKey)));

    const SendResult test = dispatcher.sendTestAndWait(channel.value(), std::chrono::seconds(60));
    QVERIFY2(test.ok(), qPrintable(test.message()));
    QTRY_COMPARE_WITH_TIMEOUT(smtp->messages().size(), qsizetype(2), 20000);
    QVERIFY(bodyText(smtp->messages().at(1)).contains(QStringLiteral("This is a test notification from Stackscope")));
}

QTEST_GUILESS_MAIN(tst_NotifySmtp)
#include "tst_notifysmtp.moc"
