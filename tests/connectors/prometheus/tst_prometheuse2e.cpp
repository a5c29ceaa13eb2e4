// stackscoped end to end with a local exporter: init, service add/test, poll --once, query; and the planted
// bearer token appears in no output and in no file of the workspace.
#include "localhttpserver.h"

#include <QDateTime>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace stackscope::test;
using namespace Qt::StringLiterals;

namespace {

const QByteArray kToken = "prom-e2e-planted-token-5e1f0c9a77b24d3f";

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

class tst_PrometheusE2e : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void addTestPollQuery();
    void secretAppearsNowhere();

private:
    Run run(const QStringList &arguments);
    QStringList ws() const { return {u"--workspace"_s, m_workspace, u"--key-file"_s, m_keyFile}; }

    QTemporaryDir m_root;
    QString m_workspace;
    QString m_keyFile;
    QString m_secretFile;
    LocalHttpServer m_server;
    QByteArray m_transcript;
};

Run tst_PrometheusE2e::run(const QStringList &arguments)
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

void tst_PrometheusE2e::initTestCase()
{
    QVERIFY(m_root.isValid());
    QVERIFY(QDir().mkpath(m_root.filePath(u"home"_s)));
    QVERIFY(m_server.listen());
    QFile fixture(LocalHttpServer::dataPath(u"prometheus/app_text_0.0.4.txt"_s));
    QVERIFY(fixture.open(QIODevice::ReadOnly));
    const QByteArray body = fixture.readAll();
    m_server.route("GET", u"/metrics"_s, [body](const RecordedRequest &request) {
        if (request.header("Authorization") != "Bearer " + kToken)
            return ScriptedResponse::text(401, "Unauthorized");
        ScriptedResponse response = ScriptedResponse::text(200, body);
        response.headers.clear();
        response.withHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
        return response;
    });
    m_workspace = m_root.filePath(u"ws"_s);
    m_keyFile = m_root.filePath(u"ws.key"_s);
    m_secretFile = m_root.filePath(u"home/token"_s);
    QFile secret(m_secretFile);
    QVERIFY(secret.open(QIODevice::WriteOnly));
    secret.write(kToken + '\n');
    secret.close();
}

void tst_PrometheusE2e::addTestPollQuery()
{
    const Run init = run({u"init"_s, u"--workspace"_s, m_workspace, u"--key-file"_s, m_keyFile});
    QVERIFY2(init.code == 0, init.describe().constData());

    const Run add = run(QStringList{u"service"_s} + ws()
                        + QStringList{u"add"_s, u"--project"_s, u"shop"_s, u"--type"_s, u"prometheus"_s, u"--name"_s,
                                      u"api"_s, u"--set"_s, u"url="_s + m_server.url(u"/metrics"_s).toString(),
                                      u"--set"_s, u"job=myapp"_s, u"--secret"_s, u"bearer_token=@"_s + m_secretFile});
    QVERIFY2(add.code == 0, add.describe().constData());
    const QString id = QString::number(add.lines().value(0).value(u"id"_s).toInteger());

    const Run test = run(QStringList{u"service"_s} + ws() + QStringList{u"test"_s, id});
    QVERIFY2(test.code == 0 && test.lines().value(0).value(u"ok"_s).toBool(), test.describe().constData());
    QVERIFY2(test.err.contains("21 series from 4 families"), test.describe().constData());

    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    const Run poll = run(QStringList{u"poll"_s} + ws() + QStringList{u"--once"_s});
    QVERIFY2(poll.code == 0, poll.describe().constData());
    const QJsonObject outcome = poll.lines().value(0);
    QCOMPARE(outcome.value(u"state"_s).toString(), u"ok"_s);
    QCOMPARE(outcome.value(u"samples"_s).toInteger(), 21);
    QCOMPARE(m_server.requestCount(), 2);
    QCOMPARE(m_server.requests().last().header("Accept"),
             QByteArray("application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5"));

    const QStringList range{u"--from"_s, QString::number(before - 60'000), u"--to"_s,
                            QString::number(QDateTime::currentMSecsSinceEpoch() + 60'000), u"--agg"_s, u"last"_s};
    const Run plain = run(QStringList{u"query"_s} + ws()
                          + QStringList{u"--metric"_s, u"metric_without_timestamp_and_labels"_s} + range);
    QVERIFY2(plain.code == 0 && plain.lines().size() == 1, plain.describe().constData());
    const QJsonObject series = plain.lines().first();
    const QJsonObject labels = series.value(u"labels"_s).toObject();
    QCOMPARE(labels.value(u"project"_s).toString(), u"shop"_s);
    QCOMPARE(labels.value(u"service"_s).toString(), u"api"_s);
    QCOMPARE(labels.value(u"job"_s).toString(), u"myapp"_s);
    const QJsonArray points = series.value(u"points"_s).toArray();
    QVERIFY(!points.isEmpty());
    QCOMPARE(points.last().toArray().at(1).toDouble(), 12.47);

    // The exposed "project" label was moved aside, not lost.
    const Run queue = run(QStringList{u"query"_s} + ws()
                          + QStringList{u"--metric"_s, u"queue_depth"_s, u"--label"_s,
                                        u"exported_project=storefront"_s} + range);
    QVERIFY2(queue.code == 0 && queue.lines().size() == 1, queue.describe().constData());
    QCOMPARE(queue.lines().first().value(u"points"_s).toArray().last().toArray().at(1).toDouble(), 4.0);
}

void tst_PrometheusE2e::secretAppearsNowhere()
{
    QVERIFY(!m_transcript.isEmpty());
    QVERIFY2(!m_transcript.contains(kToken), "the bearer token was printed");
    int files = 0;
    QDirIterator it(m_root.path(), QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (path == m_secretFile)
            continue;
        QFile file(path);
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(path));
        const QByteArray bytes = file.readAll();
        QVERIFY2(!bytes.contains(kToken), qPrintable(u"the token is in "_s + path));
        QVERIFY2(!bytes.contains(kToken.mid(9, 20)), qPrintable(u"part of the token is in "_s + path));
        ++files;
    }
    QVERIFY(QFile::exists(m_workspace + u"/metrics.db"_s));
    QVERIFY(files >= 2);
}

QTEST_GUILESS_MAIN(tst_PrometheusE2e)
#include "tst_prometheuse2e.moc"
