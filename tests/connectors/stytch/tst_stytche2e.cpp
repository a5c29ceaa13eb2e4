// stackscoped end to end with a local Stytch stand-in: init, service add/test, poll --once, query; and the
// planted secret appears in no output and in no file of the workspace.
#include "localhttpserver.h"

#include <QDate>
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

using namespace stackscope::test;
using namespace Qt::StringLiterals;

namespace {

const QString kProject = u"project-test-e2e0fixture-0001"_s;
const QByteArray kSecret = "secret-test-PLANTED-e2e-c3R5dGNoX2UyZV9zZWNyZXQ";

QByteArray expectedAuth()
{
    return "Basic " + QByteArray(kProject.toLatin1() + ':' + kSecret).toBase64();
}

qint64 signupsOn(QDate day)
{
    return day.month() * 100 + day.day();
}

ScriptedResponse unauthorized()
{
    return ScriptedResponse::json(401, R"({"status_code":401,"request_id":"request-id-test-e2e","error_type":)"
                                       R"("unauthorized_credentials","error_message":"Unauthorized credentials."})");
}

ScriptedResponse answerSearch(const RecordedRequest &request)
{
    if (request.header("Authorization") != expectedAuth())
        return unauthorized();
    const QJsonObject body = QJsonDocument::fromJson(request.body).object();
    const QJsonArray operands = body.value(u"query"_s).toObject().value(u"operands"_s).toArray();
    qint64 total = 900;
    if (!operands.isEmpty()) {
        const QJsonObject operand = operands.at(0).toObject();
        const QString filter = operand.value(u"filter_name"_s).toString();
        if (filter == u"created_at_between"_s)
            total = signupsOn(QDateTime::fromString(operand[u"filter_value"_s][u"greater_than"_s].toString(),
                                                    Qt::ISODate).date());
        else if (filter == u"totp_verified"_s)
            total = 42;
        else
            total = 5;
    }
    const QJsonObject answer{{u"request_id"_s, u"request-id-test-e2e"_s},
                             {u"results"_s, QJsonArray()},
                             {u"results_metadata"_s, QJsonObject{{u"total"_s, total}, {u"next_cursor"_s, QJsonValue::Null}}},
                             {u"status_code"_s, 200}};
    return ScriptedResponse::json(200, QJsonDocument(answer).toJson(QJsonDocument::Compact));
}

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

} // namespace

class tst_StytchE2e : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void addTestPollQuery();
    void wrongSecretIsReported();
    void secretAppearsNowhere();

private:
    // The daemon runs while this process keeps its event loop turning, so the local server can answer.
    Run run(const QStringList &arguments);
    QStringList ws() const { return {u"--workspace"_s, m_workspace, u"--key-file"_s, m_keyFile}; }

    QTemporaryDir m_root;
    QString m_workspace;
    QString m_keyFile;
    QString m_secretFile;
    QString m_wrongSecretFile;
    LocalHttpServer m_server;
    QByteArray m_transcript;
};

Run tst_StytchE2e::run(const QStringList &arguments)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(u"STACKSCOPE_WORKSPACE"_s);
    env.remove(u"STACKSCOPE_KEY_FILE"_s);
    env.insert(u"HOME"_s, m_root.filePath(u"home"_s));
    env.insert(u"XDG_DATA_HOME"_s, m_root.filePath(u"home/.local/share"_s));
    env.insert(u"QT_LOGGING_RULES"_s, u"stackscope.*.debug=true"_s);
    // Sanitizer builds: OpenSSL's one-time allocations (made when Qt loads its TLS backend) are not leaks of ours.
    const QString suppressions = m_root.filePath(u"lsan.supp"_s);
    if (!QFile::exists(suppressions)) {
        QFile file(suppressions);
        if (file.open(QIODevice::WriteOnly))
            file.write("leak:libcrypto.so\nleak:libssl.so\n");
    }
    env.insert(u"LSAN_OPTIONS"_s, u"suppressions="_s + suppressions);
    process.setProcessEnvironment(env);
    const QString daemon = qEnvironmentVariable("STACKSCOPED", QStringLiteral(STACKSCOPED_PATH));
    process.start(daemon, arguments);
    Run result;
    if (!process.waitForStarted(10'000)) {
        result.err = "cannot start " + daemon.toUtf8();
        return result;
    }
    process.closeWriteChannel();
    if (!QTest::qWaitFor([&] { return process.state() == QProcess::NotRunning; }, 150'000)) {
        process.kill();
        process.waitForFinished();
    }
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    result.code = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    m_transcript += result.out + result.err;
    return result;
}

void tst_StytchE2e::initTestCase()
{
    QVERIFY(m_root.isValid());
    QVERIFY(QDir().mkpath(m_root.filePath(u"home"_s)));
    QVERIFY(m_server.listen());
    m_server.route("POST", u"/v1/users/search"_s, answerSearch);
    m_server.route("GET", u"/v1/projects/metrics"_s, [](const RecordedRequest &request) {
        if (request.header("Authorization") != expectedAuth())
            return unauthorized();
        return ScriptedResponse::json(200, R"({"request_id":"request-id-test-e2e","project_id":"project-test-e2e",)"
                                           R"("metrics":[{"metric_type":"USER_COUNT","count":48213}],"status_code":200})");
    });
    m_workspace = m_root.filePath(u"ws"_s);
    m_keyFile = m_root.filePath(u"ws.key"_s);
    m_secretFile = m_root.filePath(u"home/stytch.secret"_s);
    m_wrongSecretFile = m_root.filePath(u"home/stytch-wrong.secret"_s);
    QFile secret(m_secretFile);
    QVERIFY(secret.open(QIODevice::WriteOnly));
    secret.write(kSecret + '\n');
    secret.close();
    QFile wrong(m_wrongSecretFile);
    QVERIFY(wrong.open(QIODevice::WriteOnly));
    wrong.write("secret-test-not-the-right-one\n");
    wrong.close();
}

void tst_StytchE2e::addTestPollQuery()
{
    const Run init = run({u"init"_s, u"--workspace"_s, m_workspace, u"--key-file"_s, m_keyFile});
    QVERIFY2(init.code == 0, init.describe().constData());

    const Run types = run(QStringList{u"service"_s} + ws() + QStringList{u"types"_s});
    QVERIFY2(types.code == 0 && types.out.contains("\"stytch\""), types.describe().constData());

    const Run add = run(QStringList{u"service"_s} + ws()
                        + QStringList{u"add"_s, u"--project"_s, u"shop"_s, u"--type"_s, u"stytch"_s, u"--name"_s,
                                      u"auth"_s, u"--set"_s, u"project_id="_s + kProject, u"--secret"_s,
                                      u"secret=@"_s + m_secretFile, u"--base-url"_s, m_server.url().toString()});
    QVERIFY2(add.code == 0, add.describe().constData());
    const QString id = QString::number(add.lines().value(0).value(u"id"_s).toInteger());
    QVERIFY(id != u"0"_s);

    const Run test = run(QStringList{u"service"_s} + ws() + QStringList{u"test"_s, id});
    QVERIFY2(test.code == 0 && test.lines().value(0).value(u"ok"_s).toBool(), test.describe().constData());
    QCOMPARE(m_server.requests().first().path, u"/v1/projects/metrics"_s);
    QCOMPARE(m_server.requests().first().header("Authorization"), expectedAuth());

    m_server.clearRequests();
    const Run poll = run(QStringList{u"poll"_s} + ws() + QStringList{u"--once"_s});
    QVERIFY2(poll.code == 0, poll.describe().constData());
    const QJsonObject outcome = poll.lines().value(0);
    QCOMPARE(outcome.value(u"state"_s).toString(), u"ok"_s);
    // The first poll reaches back 30 days: the totals, 6 factor and 2 status searches, and 31 days of signups.
    QCOMPARE(m_server.requestCount(), 1 + 6 + 2 + 31);

    const QDate today = QDateTime::currentDateTimeUtc().date();
    const QDate yesterday = today.addDays(-1);
    const qint64 from = yesterday.startOfDay(QTimeZone::utc()).toMSecsSinceEpoch();
    const Run signups = run(QStringList{u"query"_s} + ws()
                            + QStringList{u"--metric"_s, u"stytch.users.signups"_s, u"--from"_s,
                                          QString::number(from), u"--to"_s, QString::number(from + 86'400'000),
                                          u"--step"_s, u"1d"_s, u"--agg"_s, u"sum"_s});
    QVERIFY2(signups.code == 0, signups.describe().constData());
    const QList<QJsonObject> series = signups.lines();
    QCOMPARE(series.size(), 1);
    const QJsonObject labels = series.first().value(u"labels"_s).toObject();
    QCOMPARE(labels.value(u"project"_s).toString(), u"shop"_s);
    QCOMPARE(labels.value(u"service"_s).toString(), u"auth"_s);
    const QJsonArray points = series.first().value(u"points"_s).toArray();
    QCOMPARE(points.size(), 1);
    QCOMPARE(points.at(0).toArray().at(0).toInteger(), from);
    QCOMPARE(points.at(0).toArray().at(1).toDouble(), double(signupsOn(yesterday)));

    const Run totp = run(QStringList{u"query"_s} + ws()
                         + QStringList{u"--metric"_s, u"stytch.users.with_factor"_s, u"--label"_s, u"factor=totp"_s,
                                       u"--from"_s, u"now-1h"_s, u"--agg"_s, u"last"_s});
    QVERIFY2(totp.code == 0, totp.describe().constData());
    QCOMPARE(totp.lines().size(), 1);
    const QJsonArray totpPoints = totp.lines().first().value(u"points"_s).toArray();
    QVERIFY(!totpPoints.isEmpty());
    QCOMPARE(totpPoints.last().toArray().at(1).toDouble(), 42.0);

    const Run users = run(QStringList{u"query"_s} + ws()
                          + QStringList{u"--metric"_s, u"stytch.users.total"_s, u"--from"_s, u"now-1h"_s});
    QVERIFY2(users.code == 0 && users.lines().size() == 1, users.describe().constData());
    QCOMPARE(users.lines().first().value(u"points"_s).toArray().last().toArray().at(1).toDouble(), 48213.0);
}

void tst_StytchE2e::wrongSecretIsReported()
{
    const Run add = run(QStringList{u"service"_s} + ws()
                        + QStringList{u"add"_s, u"--project"_s, u"shop"_s, u"--type"_s, u"stytch"_s, u"--name"_s,
                                      u"auth-wrong"_s, u"--set"_s, u"project_id="_s + kProject, u"--secret"_s,
                                      u"secret=@"_s + m_wrongSecretFile, u"--base-url"_s, m_server.url().toString()});
    QVERIFY2(add.code == 0, add.describe().constData());
    const QString id = QString::number(add.lines().value(0).value(u"id"_s).toInteger());
    const Run test = run(QStringList{u"service"_s} + ws() + QStringList{u"test"_s, id});
    QVERIFY2(test.code != 0, test.describe().constData());
    const QString error = test.lines().value(0).value(u"error"_s).toString();
    QVERIFY2(error.startsWith(u"Stytch rejected the credentials: unauthorized_credentials"_s), qPrintable(error));
}

void tst_StytchE2e::secretAppearsNowhere()
{
    QVERIFY(!m_transcript.isEmpty());
    const QByteArray basic = expectedAuth().mid(6);
    QVERIFY2(!m_transcript.contains(kSecret), "the secret was printed");
    QVERIFY2(!m_transcript.contains(basic), "the Authorization value was printed");
    // Every file the daemon may have written: the workspace (metrics.db, workspace.json, WAL, ...) and HOME.
    int files = 0;
    QDirIterator it(m_root.path(), QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (path == m_secretFile)
            continue;
        QFile file(path);
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(path));
        const QByteArray bytes = file.readAll();
        QVERIFY2(!bytes.contains(kSecret), qPrintable(u"the secret is in "_s + path));
        QVERIFY2(!bytes.contains(kSecret.mid(12, 20)), qPrintable(u"part of the secret is in "_s + path));
        QVERIFY2(!bytes.contains(basic), qPrintable(u"the Authorization value is in "_s + path));
        ++files;
    }
    QVERIFY(QFile::exists(m_workspace + u"/metrics.db"_s));
    QVERIFY(files >= 2);
}

QTEST_GUILESS_MAIN(tst_StytchE2e)
#include "tst_stytche2e.moc"
