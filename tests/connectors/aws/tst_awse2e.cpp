// stackscoped end to end against a local CloudWatch stand-in that checks every SigV4 signature with the planted
// secret: init (key file), service add/test, poll --once (the 14-day backfill), query; then the secret key and
// session token appear in no output and in no file of the workspace.

#include "fixturesecrets.h"
#include "sigv4signer.h"

#include "localhttpserver.h"
#include "secrets/securebytes.h"

#include <QDateTime>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace stackscope;
using namespace stackscope::test;
using namespace Qt::StringLiterals;

namespace {

const QByteArray kKeyId = "AKIAE2EFIXTURE000001";
const QByteArray kSecret = stackscope::test::fixtureSecret(QStringLiteral("aws/credentials.json"), QStringLiteral("e2e_secret"));
const QByteArray kToken = "IQoJb3JpZ2luX2VjE2ePlantedSessionToken0000";

struct Run
{
    int code = -1;
    QByteArray out;
    QByteArray err;
    QByteArray describe() const { return "exit " + QByteArray::number(code) + "\n" + out + "\n" + err; }
    QList<QJsonObject> lines() const
    {
        QList<QJsonObject> objects;
        for (const QByteArray &line : out.split('\n')) {
            if (!line.trimmed().isEmpty())
                objects.append(QJsonDocument::fromJson(line).object());
        }
        return objects;
    }
};

QJsonArray dimension(const char *name, const char *value)
{
    return QJsonArray{QJsonObject{{u"Name"_s, QLatin1String(name)}, {u"Value"_s, QLatin1String(value)}}};
}

} // namespace

class tst_AwsE2e : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void addTestPollQuery();
    void secretAppearsNowhere();

private:
    Run run(const QStringList &arguments);
    QStringList ws() const { return {u"--workspace"_s, m_workspace, u"--key-file"_s, m_keyFile}; }
    ScriptedResponse answer(const RecordedRequest &request);
    QString writeSecret(const QString &name, const QByteArray &value);

    QTemporaryDir m_root;
    QString m_workspace;
    QString m_keyFile;
    QStringList m_secretFiles;
    LocalHttpServer m_server;
    QByteArray m_transcript;
    int m_badSignatures = 0;
};

Run tst_AwsE2e::run(const QStringList &arguments)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(u"STACKSCOPE_WORKSPACE"_s);
    env.remove(u"STACKSCOPE_KEY_FILE"_s);
    env.insert(u"HOME"_s, m_root.filePath(u"home"_s));
    env.insert(u"XDG_DATA_HOME"_s, m_root.filePath(u"home/.local/share"_s));
    env.insert(u"QT_LOGGING_RULES"_s, u"stackscope.*.debug=true"_s); // every log line goes through the leak check
    process.setProcessEnvironment(env);
    const QString daemon = qEnvironmentVariable("STACKSCOPED", QStringLiteral(STACKSCOPED_PATH));
    process.start(daemon, arguments);
    Run result;
    if (!process.waitForStarted(10'000)) {
        result.err = "cannot start " + daemon.toUtf8();
        return result;
    }
    process.closeWriteChannel();
    // The event loop keeps turning, so the local CloudWatch answers while the daemon waits.
    if (!QTest::qWaitFor([&] { return process.state() == QProcess::NotRunning; }, 120'000)) {
        process.kill();
        process.waitForFinished();
    }
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    result.code = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    m_transcript += result.out + result.err;
    return result;
}

ScriptedResponse tst_AwsE2e::answer(const RecordedRequest &request)
{
    // What AWS does first: recompute the signature over what arrived, with the secret it knows.
    connectors::aws::SigV4Request received;
    received.method = request.method;
    received.path = request.path.toUtf8();
    received.body = request.body;
    const QByteArray authorization = request.header("Authorization");
    const qsizetype listAt = authorization.indexOf("SignedHeaders=") + 14;
    const QByteArray signedList = authorization.mid(listAt, authorization.indexOf(',', listAt) - listAt);
    for (const QByteArray &name : signedList.split(';'))
        received.headers.append({name, request.header(name)});
    const secrets::SecureBytes secret(kSecret);
    if (authorization.isEmpty()
        || authorization != connectors::aws::SigV4Signer("eu-west-1", "monitoring").authorization(kKeyId, secret, received)
        || !signedList.contains("x-amz-security-token") || request.header("X-Amz-Security-Token") != kToken) {
        ++m_badSignatures;
        return ScriptedResponse::json(403, R"({"__type":"com.amazon.coral.service#InvalidSignatureException","message":"The request signature we calculated does not match the signature you provided."})")
            .withHeader("x-amzn-query-error", "SignatureDoesNotMatch;Sender");
    }

    const QByteArray target = request.header("X-Amz-Target");
    const QJsonObject body = QJsonDocument::fromJson(request.body).object();
    QJsonObject reply;
    if (target == "GraniteServiceVersion20100801.ListMetrics") {
        QJsonArray metrics;
        const QString ns = body.value(u"Namespace"_s).toString();
        if (ns == u"AWS/EC2"_s)
            metrics.append(QJsonObject{{u"Namespace"_s, ns}, {u"MetricName"_s, u"CPUUtilization"_s},
                                       {u"Dimensions"_s, dimension("InstanceId", "i-0e2e0000000000001")}});
        else if (ns == u"AWS/Lambda"_s)
            metrics.append(QJsonObject{{u"Namespace"_s, ns}, {u"MetricName"_s, u"Invocations"_s},
                                       {u"Dimensions"_s, dimension("FunctionName", "orders-api")}});
        reply = {{u"Metrics"_s, metrics}};
    } else if (target == "GraniteServiceVersion20100801.DescribeAlarms") {
        QFile file(LocalHttpServer::dataPath(u"aws/describealarms.json"_s));
        if (!file.open(QIODevice::ReadOnly))
            return ScriptedResponse::json(500, "{}");
        return ScriptedResponse::json(200, file.readAll());
    } else if (target == "GraniteServiceVersion20100801.GetMetricData") {
        // Query i gets the value i + 1 at every period from StartTime until now.
        const qint64 start = body.value(u"StartTime"_s).toInteger();
        const qint64 end = std::min<qint64>(body.value(u"EndTime"_s).toInteger(), QDateTime::currentSecsSinceEpoch());
        QJsonArray results;
        for (const QJsonValue &query : body.value(u"MetricDataQueries"_s).toArray()) {
            const QString id = query.toObject().value(u"Id"_s).toString();
            const qint64 period = query.toObject().value(u"MetricStat"_s).toObject().value(u"Period"_s).toInteger();
            QJsonArray timestamps, values;
            for (qint64 ts = start; period > 0 && ts < end; ts += period) {
                timestamps.append(ts);
                values.append(id.mid(1).toDouble() + 1);
            }
            results.append(QJsonObject{{u"Id"_s, id}, {u"Timestamps"_s, timestamps}, {u"Values"_s, values},
                                       {u"StatusCode"_s, u"Complete"_s}});
        }
        reply = {{u"MetricDataResults"_s, results}, {u"Messages"_s, QJsonArray{}}};
    } else {
        return ScriptedResponse::json(400, R"({"__type":"UnknownOperationException"})");
    }
    return ScriptedResponse::json(200, QJsonDocument(reply).toJson(QJsonDocument::Compact))
        .withHeader("Content-Type", "application/x-amz-json-1.0");
}

QString tst_AwsE2e::writeSecret(const QString &name, const QByteArray &value)
{
    const QString path = m_root.filePath(u"home/"_s + name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write(value + '\n');
    m_secretFiles << path;
    return path;
}

void tst_AwsE2e::initTestCase()
{
    QVERIFY(secrets::initSodium());
    QVERIFY(m_root.isValid());
    QVERIFY(QDir().mkpath(m_root.filePath(u"home"_s)));
    QVERIFY(m_server.listen());
    m_server.route("POST", u"/"_s, [this](const RecordedRequest &request) { return answer(request); });
    m_workspace = m_root.filePath(u"ws"_s);
    m_keyFile = m_root.filePath(u"ws.key"_s);
}

void tst_AwsE2e::addTestPollQuery()
{
    const Run init = run({u"init"_s, u"--workspace"_s, m_workspace, u"--key-file"_s, m_keyFile});
    QVERIFY2(init.code == 0, init.describe().constData());

    const Run types = run(QStringList{u"service"_s} + ws() + QStringList{u"types"_s});
    QVERIFY2(types.code == 0 && types.out.contains("\"aws\""), types.describe().constData());

    const QString keyIdFile = writeSecret(u"aws-key-id"_s, kKeyId);
    const QString secretFile = writeSecret(u"aws-secret"_s, kSecret);
    const QString tokenFile = writeSecret(u"aws-token"_s, kToken);
    const Run add = run(QStringList{u"service"_s} + ws()
                        + QStringList{u"add"_s, u"--project"_s, u"shop"_s, u"--type"_s, u"aws"_s, u"--name"_s, u"prod"_s,
                                      u"--set"_s, u"region=eu-west-1"_s,
                                      u"--secret"_s, u"access_key_id=@"_s + keyIdFile,
                                      u"--secret"_s, u"secret_access_key=@"_s + secretFile,
                                      u"--secret"_s, u"session_token=@"_s + tokenFile,
                                      u"--base-url"_s, m_server.url().toString()});
    QVERIFY2(add.code == 0, add.describe().constData());
    const QString id = QString::number(add.lines().value(0).value(u"id"_s).toInteger());
    QVERIFY(id != u"0"_s);

    const Run test = run(QStringList{u"service"_s} + ws() + QStringList{u"test"_s, id});
    QVERIFY2(test.code == 0 && test.lines().value(0).value(u"ok"_s).toBool(), test.describe().constData());
    QCOMPARE(m_server.requests().last().header("X-Amz-Target"), QByteArray("GraniteServiceVersion20100801.DescribeAlarms"));

    m_server.clearRequests();
    const Run poll = run(QStringList{u"poll"_s} + ws() + QStringList{u"--once"_s});
    QVERIFY2(poll.code == 0, poll.describe().constData());
    const QJsonObject outcome = poll.lines().value(0);
    QCOMPARE(outcome.value(u"state"_s).toString(), u"ok"_s);
    QCOMPARE(m_badSignatures, 0);
    // Discovery (6) + alarms (1) + one GetMetricData per UTC day of the 14-day window (15, or 14 at midnight).
    QVERIFY2(m_server.requestCount() >= 6 + 1 + 14 && m_server.requestCount() <= 6 + 1 + 15,
             qPrintable(QString::number(m_server.requestCount())));
    QVERIFY(outcome.value(u"samples"_s).toInteger() > 4 * 4000);

    // Yesterday, whole: 288 five-minute invocation sums of 2 each (the function's Invocations is query q1).
    const QDate yesterday = QDateTime::currentDateTimeUtc().date().addDays(-1);
    const qint64 from = yesterday.startOfDay(QTimeZone::utc()).toMSecsSinceEpoch();
    const QStringList range{u"--from"_s, QString::number(from), u"--to"_s, QString::number(from + 86'400'000),
                            u"--step"_s, u"1d"_s, u"--agg"_s, u"sum"_s};
    const Run invocations = run(QStringList{u"query"_s} + ws() + QStringList{u"--metric"_s, u"aws.lambda.invocations"_s} + range);
    QVERIFY2(invocations.code == 0, invocations.describe().constData());
    QCOMPARE(invocations.lines().size(), 1);
    const QJsonObject series = invocations.lines().first();
    const QJsonObject labels = series.value(u"labels"_s).toObject();
    QCOMPARE(labels.value(u"project"_s).toString(), u"shop"_s);
    QCOMPARE(labels.value(u"service"_s).toString(), u"prod"_s);
    QCOMPARE(labels.value(u"function"_s).toString(), u"orders-api"_s);
    const QJsonArray points = series.value(u"points"_s).toArray();
    QCOMPARE(points.size(), 1);
    QCOMPARE(points.at(0).toArray().at(1).toDouble(), 288.0 * 2);

    const Run alarms = run(QStringList{u"query"_s} + ws()
                           + QStringList{u"--metric"_s, u"aws.cloudwatch.alarm_state"_s, u"--from"_s, u"now-1h"_s,
                                         u"--agg"_s, u"last"_s});
    QVERIFY2(alarms.code == 0, alarms.describe().constData());
    QCOMPARE(alarms.lines().size(), 4);
    for (const QJsonObject &alarm : alarms.lines()) {
        if (alarm.value(u"labels"_s).toObject().value(u"alarm_name"_s).toString() == u"orders-db-cpu-high"_s)
            QCOMPARE(alarm.value(u"points"_s).toArray().last().toArray().at(1).toDouble(), 1.0);
    }
}

void tst_AwsE2e::secretAppearsNowhere()
{
    QVERIFY(!m_transcript.isEmpty());
    for (const QByteArray &secret : {kSecret, kToken}) {
        QVERIFY2(!m_transcript.contains(secret), "a secret was printed");
        QVERIFY2(!m_transcript.contains(secret.mid(4, 20)), "part of a secret was printed");
    }
    int files = 0;
    QDirIterator it(m_root.path(), QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (m_secretFiles.contains(path))
            continue;
        QFile file(path);
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(path));
        const QByteArray bytes = file.readAll();
        for (const QByteArray &secret : {kSecret, kToken}) {
            QVERIFY2(!bytes.contains(secret), qPrintable(u"a secret is in "_s + path));
            QVERIFY2(!bytes.contains(secret.mid(4, 20)), qPrintable(u"part of a secret is in "_s + path));
        }
        ++files;
    }
    QVERIFY(QFile::exists(m_workspace + u"/metrics.db"_s));
    QVERIFY(files >= 2);
    // Nothing reached the stand-in with a wrong signature.
    QCOMPARE(m_badSignatures, 0);
}

QTEST_GUILESS_MAIN(tst_AwsE2e)
#include "tst_awse2e.moc"
