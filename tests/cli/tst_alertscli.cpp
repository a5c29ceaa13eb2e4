// stackscoped's alerting commands end to end, as a script uses them: rules from flags and files, channels with
// secrets from files, `evaluate --once` firing on imported data and delivering to a local webhook receiver,
// alerts listed, acknowledged, resolved and reopened with their history, and the outbox surviving a SIGKILL
// between "fired" and "sent".

#include "daemonrunner.h"
#include "localhttpserver.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>

#include <csignal>

using namespace stackscope::test;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kMinute = 60'000;
// Known only to this test: it must never show up in output or in any file but its own.
const QByteArray kSigningKey = "stackscope-test-signing-key-7c1e";
const QByteArray kWebhookPath = "/hooks/T0KEN-3f9a1b";

QByteArray signingSecret()
{
    return "whsec_" + kSigningKey.toBase64();
}

// The receiver's side of Standard Webhooks: v1,base64(HMAC-SHA256(key, id.timestamp.body)).
QByteArray expectedSignature(const RecordedRequest &request)
{
    const QByteArray content = request.header("webhook-id") + '.' + request.header("webhook-timestamp") + '.' + request.body;
    return "v1," + QMessageAuthenticationCode::hash(content, kSigningKey, QCryptographicHash::Sha256).toBase64();
}

QByteArray samples(qint64 nowMs, const QByteArray &route, double value, int minutes)
{
    QByteArray lines;
    for (int i = minutes; i >= 1; --i) {
        lines += R"({"metric":"shop.http.errors","labels":{"project":"shop","service":"api","route":")" + route
                 + R"("},"ts":)" + QByteArray::number(nowMs - i * kMinute) + R"(,"value":)" + QByteArray::number(value) + "}\n";
    }
    return lines;
}

} // namespace

class tst_AlertsCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void rulesFromFlagsAndFiles();
    void channelsKeepSecretsOutOfSight();
    void evaluateFiresAndDelivers();
    void alertsActionsAndHistory();
    void failedDeliveryIsVisibleAndRetried();
    void sigkillBetweenFiredAndSent();
    void secretsAppearNowhere();

private:
    DaemonRunner m_daemon{qEnvironmentVariable("STACKSCOPED", QStringLiteral(STACKSCOPED_PATH))};
    LocalHttpServer m_receiver;
    QString m_secretFile;
    QString m_urlFile;
    qint64 m_alertId = 0;
};

void tst_AlertsCli::initTestCase()
{
    QVERIFY(m_daemon.isValid());
    QVERIFY(m_receiver.listen());
    m_receiver.route("POST", QString::fromLatin1(kWebhookPath), ScriptedResponse::json(200, "{}"));
    QVERIFY(m_daemon.init());
    m_secretFile = m_daemon.writeFile(u"home/signing.secret"_s, signingSecret() + '\n');
    m_urlFile = m_daemon.writeFile(u"home/webhook.url"_s, m_receiver.url(QString::fromLatin1(kWebhookPath)).toEncoded() + '\n');
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const auto imported = m_daemon.run(u"import"_s, {u"-"_s}, samples(now, "/pay", 50, 30) + samples(now, "/home", 1, 30));
    QVERIFY2(imported.code == 0, imported.describe().constData());
}

void tst_AlertsCli::rulesFromFlagsAndFiles()
{
    const auto added = m_daemon.run(u"rules"_s, {u"add"_s, u"--name"_s, u"API errors"_s, u"--metric"_s, u"shop.http.errors"_s,
                                                 u"--project"_s, u"shop"_s, u"--above"_s, u"10"_s, u"--window"_s, u"5m"_s,
                                                 u"--severity"_s, u"critical"_s, u"--channel"_s, u"ops-hook"_s});
    QVERIFY2(added.code == 0, added.describe().constData());
    QCOMPARE(added.lines().value(0).value(u"name"_s).toString(), u"API errors"_s);

    // A typo is refused by name, and nothing is written.
    const QString typo = m_daemon.writeFile(u"typo.json"_s, R"({"name":"x","metric":"m","treshold":3})");
    const auto refused = m_daemon.run(u"rules"_s, {u"add"_s, u"--file"_s, typo});
    QCOMPARE(refused.code, 2);
    QVERIFY2(refused.err.contains("treshold"), refused.describe().constData());
    // An array in one file: the second rule's error names it, and neither is added.
    const QString pair = m_daemon.writeFile(u"pair.json"_s, R"([{"name":"quiet","metric":"m","condition":"nodata","window":"10m"},
        {"name":"bad","metric":"m","window":"5s","threshold":1}])");
    const auto half = m_daemon.run(u"rules"_s, {u"add"_s, u"--file"_s, pair});
    QCOMPARE(half.code, 2);
    QVERIFY2(half.err.contains("rule 2") && half.err.contains("window"), half.describe().constData());
    QCOMPARE(m_daemon.run(u"rules"_s, {u"list"_s}).lines().size(), 1);

    // export | add --file round-trips (after removing the original, names are free again).
    const auto exported = m_daemon.run(u"rules"_s, {u"export"_s});
    QVERIFY2(exported.code == 0, exported.describe().constData());
    const QJsonArray rules = QJsonDocument::fromJson(exported.out).object().value(u"rules"_s).toArray();
    QCOMPARE(rules.size(), 1);
    QCOMPARE(rules.at(0).toObject().value(u"threshold"_s).toDouble(), 10.0);
    QCOMPARE(rules.at(0).toObject().value(u"window"_s).toString(), u"5m"_s);
    QCOMPARE(m_daemon.run(u"rules"_s, {u"remove"_s, u"API errors"_s}).code, 0);
    QCOMPARE(m_daemon.run(u"rules"_s, {u"list"_s}).lines().size(), 0);
    const QString file = m_daemon.writeFile(u"export.json"_s, exported.out);
    const auto readded = m_daemon.run(u"rules"_s, {u"add"_s, u"--file"_s, file});
    QVERIFY2(readded.code == 0, readded.describe().constData());
    const QList<QJsonObject> listed = m_daemon.run(u"rules"_s, {u"list"_s}).lines();
    QCOMPARE(listed.size(), 1);
    QCOMPARE(listed.at(0).value(u"severity"_s).toString(), u"critical"_s);
    QCOMPARE(listed.at(0).value(u"channels"_s).toArray().at(0).toString(), u"ops-hook"_s);
}

void tst_AlertsCli::channelsKeepSecretsOutOfSight()
{
    // A literal secret on the command line is refused (it would end up in shell history and `ps`).
    const auto literal = m_daemon.run(u"channels"_s, {u"add"_s, u"--type"_s, u"webhook"_s, u"--name"_s, u"ops-hook"_s,
                                                      u"--secret"_s, u"url=http://127.0.0.1/x"_s});
    QCOMPARE(literal.code, 2);
    const auto added = m_daemon.run(u"channels"_s, {u"add"_s, u"--type"_s, u"webhook"_s, u"--name"_s, u"ops-hook"_s,
                                                    u"--secret"_s, u"url=@"_s + m_urlFile, u"--secret"_s,
                                                    u"signing_secret=@"_s + m_secretFile});
    QVERIFY2(added.code == 0, added.describe().constData());
    const QList<QJsonObject> listed = m_daemon.run(u"channels"_s, {u"list"_s}).lines();
    QCOMPARE(listed.size(), 1);
    QCOMPARE(listed.at(0).value(u"secrets"_s).toObject().value(u"url"_s).toString(), u"set"_s);
    QCOMPARE(listed.at(0).value(u"secrets"_s).toObject().value(u"signing_secret"_s).toString(), u"set"_s);

    m_receiver.clearRequests();
    const auto test = m_daemon.run(u"channels"_s, {u"test"_s, u"ops-hook"_s});
    QVERIFY2(test.code == 0, test.describe().constData());
    QCOMPARE(m_receiver.requests().size(), 1);
    const RecordedRequest request = m_receiver.requests().first();
    QCOMPARE(request.header("webhook-signature"), expectedSignature(request));
    QCOMPARE(QJsonDocument::fromJson(request.body).object().value(u"kind"_s).toString(), u"test"_s);
}

void tst_AlertsCli::evaluateFiresAndDelivers()
{
    m_receiver.clearRequests();
    const auto first = m_daemon.run(u"evaluate"_s, {u"--once"_s});
    QVERIFY2(first.code == 0, first.describe().constData());
    const QJsonObject summary = first.lines().value(0);
    QCOMPARE(summary.value(u"rules"_s).toInt(), 1);
    QCOMPARE(summary.value(u"fired"_s).toInt(), 1);        // /pay is above 10; /home is not
    QCOMPARE(summary.value(u"delivered"_s).toInt(), 1);
    QCOMPARE(m_receiver.requests().size(), 1);
    const RecordedRequest request = m_receiver.requests().first();
    QCOMPARE(request.header("webhook-signature"), expectedSignature(request));
    const QJsonObject body = QJsonDocument::fromJson(request.body).object();
    QCOMPARE(body.value(u"severity"_s).toString(), u"critical"_s);
    QVERIFY2(request.body.contains("/pay") && !request.body.contains("/home"), request.body.constData());

    // Nothing changed: nothing fires again and nothing is sent twice.
    const auto second = m_daemon.run(u"evaluate"_s, {u"--once"_s});
    QVERIFY2(second.code == 0, second.describe().constData());
    QCOMPARE(second.lines().value(0).value(u"fired"_s).toInt(), 0);
    QCOMPARE(m_receiver.requests().size(), 1);

    const QList<QJsonObject> alerts = m_daemon.run(u"alerts"_s, {u"list"_s, u"--status"_s, u"open"_s}).lines();
    QCOMPARE(alerts.size(), 2); // the alert, then {"total":1}
    QCOMPARE(alerts.at(0).value(u"labels"_s).toObject().value(u"route"_s).toString(), u"/pay"_s);
    QCOMPARE(alerts.at(0).value(u"value"_s).toDouble(), 50.0);
    QCOMPARE(alerts.at(1).value(u"total"_s).toInt(), 1);
    m_alertId = alerts.at(0).value(u"id"_s).toInteger();
    QVERIFY(m_alertId > 0);
}

void tst_AlertsCli::alertsActionsAndHistory()
{
    const QString id = QString::number(m_alertId);
    const auto ack = m_daemon.run(u"alerts"_s, {u"ack"_s, id, u"--by"_s, u"ana"_s, u"--comment"_s, u"looking into it"_s});
    QVERIFY2(ack.code == 0, ack.describe().constData());
    QCOMPARE(ack.lines().value(0).value(u"status"_s).toString(), u"acknowledged"_s);
    // Filters: by severity and status; nothing warning-level exists.
    QCOMPARE(m_daemon.run(u"alerts"_s, {u"list"_s, u"--severity"_s, u"warning"_s}).lines().last().value(u"total"_s).toInt(), 0);
    QCOMPARE(m_daemon.run(u"alerts"_s, {u"list"_s, u"--status"_s, u"acknowledged,open"_s, u"--project"_s, u"shop"_s})
                 .lines().last().value(u"total"_s).toInt(), 1);
    QCOMPARE(m_daemon.run(u"alerts"_s, {u"list"_s, u"--severity"_s, u"fatal"_s}).code, 2);

    QCOMPARE(m_daemon.run(u"alerts"_s, {u"resolve"_s, id, u"--by"_s, u"ana"_s, u"--comment"_s, u"rolled back"_s}).code, 0);
    // Acknowledging a resolved alert is not allowed: a usage error that says why.
    const auto refused = m_daemon.run(u"alerts"_s, {u"ack"_s, id});
    QCOMPARE(refused.code, 2);
    QCOMPARE(m_daemon.run(u"alerts"_s, {u"reopen"_s, id, u"--by"_s, u"bo"_s}).code, 0);

    const QJsonObject shown = m_daemon.run(u"alerts"_s, {u"show"_s, id}).lines().value(0);
    QCOMPARE(shown.value(u"status"_s).toString(), u"reopened"_s);
    const QJsonArray history = shown.value(u"history"_s).toArray();
    QStringList trail;
    for (const QJsonValue &event : history)
        trail.append(event[u"to"_s].toString() + u'/' + event[u"by"_s].toString());
    QCOMPARE(trail, (QStringList{u"open/engine"_s, u"acknowledged/ana"_s, u"resolved/ana"_s, u"reopened/bo"_s}));
    QCOMPARE(history.at(1)[u"comment"_s].toString(), u"looking into it"_s);
    QCOMPARE(m_daemon.run(u"alerts"_s, {u"show"_s, u"99999"_s}).code, 3);
}

void tst_AlertsCli::failedDeliveryIsVisibleAndRetried()
{
    // A second rule on /home with a receiver that fails: the failure is in the summary and the outbox.
    QCOMPARE(m_daemon.run(u"rules"_s, {u"add"_s, u"--name"_s, u"home alive"_s, u"--metric"_s, u"shop.http.errors"_s,
                                       u"--label"_s, u"route=/home"_s, u"--below"_s, u"5"_s, u"--channel"_s, u"ops-hook"_s})
                 .code, 0);
    m_receiver.clearRequests();
    m_receiver.queue("POST", QString::fromLatin1(kWebhookPath), {ScriptedResponse::json(503, R"({"error":"busy"})")});
    const auto failed = m_daemon.run(u"evaluate"_s, {u"--once"_s});
    QCOMPARE(failed.code, 1);
    QCOMPARE(failed.lines().value(0).value(u"fired"_s).toInt(), 1);
    QCOMPARE(failed.lines().value(0).value(u"failed"_s).toInt(), 1);
    const QList<QJsonObject> pending = m_daemon.run(u"channels"_s, {u"outbox"_s}).lines();
    QCOMPARE(pending.size(), 1);
    QCOMPARE(pending.at(0).value(u"attempts"_s).toInt(), 1);
    QVERIFY2(pending.at(0).value(u"last_error"_s).toString().contains(u"503"_s), qPrintable(pending.at(0).value(u"last_error"_s).toString()));
}

void tst_AlertsCli::sigkillBetweenFiredAndSent()
{
    // The receiver takes the request and does not answer; the daemon is killed while it waits.
    QCOMPARE(m_daemon.run(u"rules"_s, {u"add"_s, u"--name"_s, u"pay very high"_s, u"--metric"_s, u"shop.http.errors"_s,
                                       u"--label"_s, u"route=/pay"_s, u"--above"_s, u"40"_s, u"--channel"_s, u"ops-hook"_s})
                 .code, 0);
    m_receiver.clearRequests();
    m_receiver.route("POST", QString::fromLatin1(kWebhookPath), [](const RecordedRequest &request) {
        ScriptedResponse answer = ScriptedResponse::json(200, "{}");
        return request.body.contains("pay very high") ? answer.withDelay(60'000) : answer;
    });
    QProcess daemon;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"HOME"_s, m_daemon.path(u"home"_s));
    daemon.setProcessEnvironment(env);
    daemon.start(qEnvironmentVariable("STACKSCOPED", QStringLiteral(STACKSCOPED_PATH)),
                 QStringList{u"evaluate"_s} + m_daemon.workspaceArguments());
    QVERIFY(daemon.waitForStarted());
    // (A retry of the earlier failed notification may come too: only this rule's notification counts here.)
    auto idOfThisRule = [this] {
        for (const RecordedRequest &request : m_receiver.requests()) {
            if (request.body.contains("pay very high"))
                return request.header("webhook-id");
        }
        return QByteArray();
    };
    QTRY_VERIFY_WITH_TIMEOUT(!idOfThisRule().isEmpty(), 60'000);
    const QByteArray firstId = idOfThisRule();
    ::kill(pid_t(daemon.processId()), SIGKILL);
    QVERIFY(daemon.waitForFinished());
    QCOMPARE(daemon.exitStatus(), QProcess::CrashExit);

    // After the restart the same notification (same webhook-id, so the receiver can drop a duplicate) goes out
    // and is acknowledged; after that, nothing more is sent.
    m_receiver.route("POST", QString::fromLatin1(kWebhookPath), ScriptedResponse::json(200, "{}"));
    const auto restarted = m_daemon.run(u"evaluate"_s, {u"--once"_s});
    QVERIFY2(restarted.code == 0 || restarted.code == 1, restarted.describe().constData());
    QList<RecordedRequest> requests = m_receiver.requests();
    QList<QByteArray> ids;
    for (const RecordedRequest &request : requests)
        ids.append(request.header("webhook-id"));
    QVERIFY2(ids.count(firstId) == 2, ids.join(' ').constData());
    const auto again = m_daemon.run(u"evaluate"_s, {u"--once"_s});
    QVERIFY2(again.code == 0, again.describe().constData());
    int afterwards = 0;
    for (const RecordedRequest &request : m_receiver.requests())
        afterwards += request.header("webhook-id") == firstId ? 1 : 0;
    QCOMPARE(afterwards, 2);
    const QByteArray outbox = m_daemon.run(u"channels"_s, {u"outbox"_s}).out;
    QVERIFY2(!outbox.contains("pay very high"), outbox.constData());
}

void tst_AlertsCli::secretsAppearNowhere()
{
    QVERIFY(!m_daemon.transcript().isEmpty());
    QVERIFY2(!m_daemon.transcript().contains(kSigningKey.toBase64()), "the signing secret was printed");
    QVERIFY2(!m_daemon.transcript().contains(kWebhookPath), "the webhook URL was printed");
    const QStringList skip{m_secretFile, m_urlFile};
    QCOMPARE(m_daemon.filesContaining(kSigningKey.toBase64(), skip), QStringList());
    QCOMPARE(m_daemon.filesContaining(kWebhookPath, skip), QStringList());
}

QTEST_GUILESS_MAIN(tst_AlertsCli)
#include "tst_alertscli.moc"
