// stackscoped end to end with the Twilio connector: init a key-file workspace, `service add` pointing at a local
// Twilio stand-in, `service test`, `poll --once`, `query`; the planted Auth Token must appear in no output and in
// no byte of the workspace.
#include "localhttpserver.h"

#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace stackscope::test;

namespace {

const QString kAccount = QStringLiteral("AC00000000000000000000000000000001");
const QByteArray kSecret = "planted-twilio-token-5e1c0a9b7d";
const QString kBase = QStringLiteral("/2010-04-01/Accounts/AC00000000000000000000000000000001");

QString daemonPath()
{
    const QString fromEnv = qEnvironmentVariable("STACKSCOPED");
    return fromEnv.isEmpty() ? QStringLiteral(STACKSCOPED_PATH) : fromEnv;
}

struct Run
{
    int code = -1;
    QByteArray out;
    QByteArray err;
    QByteArray describe() const { return "exit " + QByteArray::number(code) + "\nstdout:\n" + out + "\nstderr:\n" + err; }
    QList<QJsonObject> json() const
    {
        QList<QJsonObject> objects;
        for (const QByteArray &line : out.split('\n')) {
            if (!line.trimmed().isEmpty())
                objects.append(QJsonDocument::fromJson(line).object());
        }
        return objects;
    }
};

QByteArray rfc2822(const QDateTime &utc)
{
    return QLocale::c().toString(utc, QStringLiteral("ddd, dd MMM yyyy HH:mm:ss '+0000'")).toLatin1();
}

} // namespace

class tst_TwilioCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void addTestPollQuery();

private:
    // The daemon runs while this process's event loop keeps the local server answering.
    Run run(const QStringList &arguments);

    QTemporaryDir m_root;
    QStringList m_workspaceArgs;
    QList<Run> m_runs;
};

void tst_TwilioCli::initTestCase()
{
    QVERIFY(m_root.isValid());
    QVERIFY2(QFile::exists(daemonPath()), qPrintable(daemonPath()));
}

Run tst_TwilioCli::run(const QStringList &arguments)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("STACKSCOPE_WORKSPACE"));
    env.remove(QStringLiteral("STACKSCOPE_KEY_FILE"));
    env.insert(QStringLiteral("HOME"), m_root.path());
    env.insert(QStringLiteral("XDG_DATA_HOME"), m_root.filePath(QStringLiteral(".local/share")));
    env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("stackscope.*.debug=true"));
    process.setProcessEnvironment(env);
    process.start(daemonPath(), arguments + m_workspaceArgs);
    Run result;
    if (!process.waitForStarted(10'000)) {
        result.err = process.errorString().toUtf8();
        return result;
    }
    process.closeWriteChannel();
    if (!QTest::qWaitFor([&] { return process.state() == QProcess::NotRunning; }, 90'000)) {
        process.kill();
        process.waitForFinished();
    }
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    result.code = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    m_runs.append(result);
    return result;
}

void tst_TwilioCli::addTestPollQuery()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QDate today = now.date();
    const QDateTime midnight(today, QTime(0, 0), QTimeZone::utc());
    const QString todayText = today.toString(Qt::ISODate);

    // The Twilio stand-in: an active account, two messages and a day's price today, nothing on other days.
    LocalHttpServer server;
    QVERIFY(server.listen());
    server.route("GET", kBase + QStringLiteral(".json"), ScriptedResponse::fromFile(200, QStringLiteral("twilio/account.json")));
    server.route("GET", kBase + QStringLiteral("/Messages.json"), [&](const RecordedRequest &r) {
        QJsonArray messages;
        if (r.query.queryItemValue(QStringLiteral("DateSent>")) == todayText) {
            const QByteArray sent = rfc2822(midnight);
            messages = QJsonDocument::fromJson(R"([
                {"sid": "SM00000000000000000000000000000001", "status": "delivered", "direction": "outbound-api",
                 "from": "+15005550006", "to": "+447700900123", "num_segments": "1", "num_media": "0",
                 "error_code": null, "price": "-0.04000", "price_unit": "USD", "date_sent": ")" + sent + R"("},
                {"sid": "SM00000000000000000000000000000002", "status": "undelivered", "direction": "outbound-api",
                 "from": "+15005550006", "to": "+14155550123", "num_segments": "1", "num_media": "0",
                 "error_code": 30003, "price": null, "price_unit": "USD", "date_sent": ")" + sent + R"("}])").array();
        }
        return ScriptedResponse::json(200, QJsonDocument(QJsonObject{{QStringLiteral("messages"), messages},
                                                                     {QStringLiteral("next_page_uri"), QJsonValue()}})
                                               .toJson(QJsonDocument::Compact));
    });
    server.route("GET", kBase + QStringLiteral("/Calls.json"), ScriptedResponse::fromFile(200, QStringLiteral("twilio/calls_empty.json")));
    server.route("GET", kBase + QStringLiteral("/Usage/Records/Daily.json"), [&](const RecordedRequest &) {
        const QJsonObject record{{QStringLiteral("category"), QStringLiteral("totalprice")},
                                 {QStringLiteral("start_date"), todayText}, {QStringLiteral("end_date"), todayText},
                                 {QStringLiteral("price"), QStringLiteral("1.25")}, {QStringLiteral("price_unit"), QStringLiteral("usd")},
                                 {QStringLiteral("count"), QJsonValue()}, {QStringLiteral("count_unit"), QString()},
                                 {QStringLiteral("usage"), QStringLiteral("1.25")}, {QStringLiteral("usage_unit"), QStringLiteral("usd")}};
        return ScriptedResponse::json(200, QJsonDocument(QJsonObject{{QStringLiteral("usage_records"), QJsonArray{record}},
                                                                     {QStringLiteral("next_page_uri"), QJsonValue()}})
                                               .toJson(QJsonDocument::Compact));
    });

    const QString workspace = m_root.filePath(QStringLiteral("ws"));
    const QString keyFile = m_root.filePath(QStringLiteral("ws.key"));
    const QString secretFile = m_root.filePath(QStringLiteral("token.txt"));
    m_workspaceArgs = {QStringLiteral("--workspace"), workspace, QStringLiteral("--key-file"), keyFile};
    {
        QFile secret(secretFile);
        QVERIFY(secret.open(QIODevice::WriteOnly));
        secret.write(kSecret + '\n');
        secret.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    }

    const Run init = run({QStringLiteral("init")});
    QVERIFY2(init.code == 0, init.describe().constData());

    const Run types = run({QStringLiteral("service"), QStringLiteral("types")});
    QVERIFY2(types.code == 0 && types.out.contains("\"twilio\""), types.describe().constData());

    const Run add = run({QStringLiteral("service"), QStringLiteral("add"), QStringLiteral("--project"), QStringLiteral("shop"),
                         QStringLiteral("--type"), QStringLiteral("twilio"), QStringLiteral("--name"), QStringLiteral("Twilio prod"),
                         QStringLiteral("--set"), QStringLiteral("account_sid=") + kAccount,
                         QStringLiteral("--secret"), QStringLiteral("auth_token=@") + secretFile,
                         QStringLiteral("--base-url"), server.url().toString()});
    QVERIFY2(add.code == 0 && add.json().size() == 1, add.describe().constData());
    const QString id = QString::number(qint64(add.json().first().value(QStringLiteral("id")).toDouble()));

    const Run test = run({QStringLiteral("service"), QStringLiteral("test"), id});
    QVERIFY2(test.code == 0 && test.out.contains(R"("ok":true)"), test.describe().constData());
    QCOMPARE(server.requests().last().header("Authorization"), "Basic " + QByteArray(kAccount.toLatin1() + ':' + kSecret).toBase64());

    const Run poll = run({QStringLiteral("poll"), QStringLiteral("--once"), QStringLiteral("--service"), id});
    QVERIFY2(poll.code == 0 && poll.json().size() == 1, poll.describe().constData());
    QCOMPARE(poll.json().first().value(QStringLiteral("state")).toString(), QStringLiteral("ok"));
    QVERIFY2(poll.json().first().value(QStringLiteral("samples")).toDouble() > 0, poll.describe().constData());

    const QString from = QString::number(midnight.toMSecsSinceEpoch());
    const QString to = QString::number(midnight.toMSecsSinceEpoch() + 86'400'000);
    auto pointAtMidnight = [&](const QString &metric, const QString &label, double expected) {
        const Run q = run({QStringLiteral("query"), QStringLiteral("--metric"), metric, QStringLiteral("--label"), label,
                           QStringLiteral("--from"), from, QStringLiteral("--to"), to});
        const QList<QJsonObject> series = q.json();
        QVERIFY2(q.code == 0 && series.size() == 1, q.describe().constData());
        const QJsonObject labels = series.first().value(QStringLiteral("labels")).toObject();
        QCOMPARE(labels.value(QStringLiteral("project")).toString(), QStringLiteral("shop"));
        QCOMPARE(labels.value(QStringLiteral("service")).toString(), QStringLiteral("Twilio prod"));
        const QJsonArray points = series.first().value(QStringLiteral("points")).toArray();
        QVERIFY2(points.size() == 1, q.describe().constData());
        QCOMPARE(qint64(points.first().toArray().at(0).toDouble()), midnight.toMSecsSinceEpoch());
        QCOMPARE(points.first().toArray().at(1).toDouble(), expected);
    };
    pointAtMidnight(QStringLiteral("twilio.sms.sent"), QStringLiteral("country=GB"), 1);
    pointAtMidnight(QStringLiteral("twilio.sms.failed"), QStringLiteral("country=NANP"), 1);
    pointAtMidnight(QStringLiteral("twilio.sms.delivery_rate"), QStringLiteral("service=Twilio prod"), 50);
    pointAtMidnight(QStringLiteral("twilio.usage.cost"), QStringLiteral("category=totalprice"), 1.25);

    // The planted secret: in no output of any run, in no file of the workspace.
    const QByteArray base64 = kSecret.toBase64();
    for (const Run &r : std::as_const(m_runs)) {
        QVERIFY2(!r.out.contains(kSecret) && !r.err.contains(kSecret), r.describe().constData());
        QVERIFY2(!r.out.contains(base64) && !r.err.contains(base64), r.describe().constData());
    }
    int files = 0;
    QDirIterator it(workspace, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        QVERIFY2(!bytes.contains(kSecret) && !bytes.contains(base64), qPrintable(file.fileName()));
        ++files;
    }
    QVERIFY(files >= 2); // metrics.db and workspace.json at least
    QVERIFY(QFile::exists(workspace + QStringLiteral("/metrics.db")));
}

QTEST_GUILESS_MAIN(tst_TwilioCli)
#include "tst_twiliocli.moc"
