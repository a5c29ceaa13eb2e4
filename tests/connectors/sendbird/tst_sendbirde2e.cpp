// stackscoped end to end with a local Sendbird stand-in: init, service add/test, poll --once, query; a bad
// application ID is refused by `service add`; and the planted API token appears in no output and in no file of
// the workspace.
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

const QByteArray kApiToken = "e2eplantedsendbirdtoken0123456789abcdef";

double dauFor(QDate day)
{
    return 500 + day.day();
}

ScriptedResponse answer(const RecordedRequest &request)
{
    if (request.header("Api-Token") != kApiToken)
        return ScriptedResponse::json(401, R"({"error": true, "code": 400108, "message": "Unauthorized request."})");
    const QDate date = QDate::fromString(request.query.queryItemValue(u"date"_s), Qt::ISODate);
    if (request.path == u"/v3/applications/dau"_s)
        return ScriptedResponse::json(200, "{\"dau\": " + QByteArray::number(date.isValid() ? dauFor(date) : 1) + "}");
    if (request.path == u"/v3/applications/mau"_s)
        return ScriptedResponse::json(200, "{\"mau\": " + QByteArray::number(date.month() * 100) + "}");
    if (request.path != u"/v3/statistics/metric"_s)
        return ScriptedResponse::json(404, R"({"error": true, "code": 400201, "message": "Not found."})");
    auto param = [&](const char *name) { return request.query.queryItemValue(QString::fromLatin1(name)).toInt(); };
    const QDate first(param("start_year"), param("start_month"), param("start_day"));
    const QDate last(param("end_year"), param("end_month"), param("end_day"));
    QJsonArray items;
    for (QDate day = first; day.isValid() && day <= last; day = day.addDays(1))
        items.append(QJsonObject{{u"date"_s, day.toString(Qt::ISODate)}, {u"value"_s, day.day() * 10}});
    return ScriptedResponse::json(200, QJsonDocument(QJsonObject{{u"segments"_s, items}, {u"next"_s, u""_s}})
                                           .toJson(QJsonDocument::Compact));
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

class tst_SendbirdE2e : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void addTestPollQuery();
    void badApplicationIdIsRefused();
    void secretAppearsNowhere();

private:
    // The daemon runs while this process keeps its event loop turning, so the local server can answer.
    Run run(const QStringList &arguments);
    QStringList ws() const { return {u"--workspace"_s, m_workspace, u"--key-file"_s, m_keyFile}; }

    QTemporaryDir m_root;
    QString m_workspace;
    QString m_keyFile;
    QString m_secretFile;
    LocalHttpServer m_server;
    QByteArray m_transcript;
};

Run tst_SendbirdE2e::run(const QStringList &arguments)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(u"STACKSCOPE_WORKSPACE"_s);
    env.remove(u"STACKSCOPE_KEY_FILE"_s);
    env.insert(u"HOME"_s, m_root.filePath(u"home"_s));
    env.insert(u"XDG_DATA_HOME"_s, m_root.filePath(u"home/.local/share"_s));
    env.insert(u"QT_LOGGING_RULES"_s, u"stackscope.*.debug=true"_s);
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

void tst_SendbirdE2e::initTestCase()
{
    QVERIFY(m_root.isValid());
    QVERIFY(QDir().mkpath(m_root.filePath(u"home"_s)));
    QVERIFY(m_server.listen());
    m_server.route("GET", u"/v3/*"_s, answer);
    m_workspace = m_root.filePath(u"ws"_s);
    m_keyFile = m_root.filePath(u"ws.key"_s);
    m_secretFile = m_root.filePath(u"home/sendbird.token"_s);
    QFile secret(m_secretFile);
    QVERIFY(secret.open(QIODevice::WriteOnly));
    secret.write(kApiToken + '\n');
    secret.close();
}

void tst_SendbirdE2e::addTestPollQuery()
{
    const Run init = run({u"init"_s, u"--workspace"_s, m_workspace, u"--key-file"_s, m_keyFile});
    QVERIFY2(init.code == 0, init.describe().constData());

    const Run types = run(QStringList{u"service"_s} + ws() + QStringList{u"types"_s});
    QVERIFY2(types.code == 0 && types.out.contains("\"sendbird\""), types.describe().constData());

    const Run add = run(QStringList{u"service"_s} + ws()
                        + QStringList{u"add"_s, u"--project"_s, u"chat"_s, u"--type"_s, u"sendbird"_s, u"--name"_s,
                                      u"sb"_s, u"--set"_s, u"app_id=00000000-0000-0000-0000-0000000000e2"_s,
                                      u"--secret"_s, u"api_token=@"_s + m_secretFile, u"--base-url"_s,
                                      m_server.url().toString()});
    QVERIFY2(add.code == 0, add.describe().constData());
    const QString id = QString::number(add.lines().value(0).value(u"id"_s).toInteger());
    QVERIFY(id != u"0"_s);

    const Run test = run(QStringList{u"service"_s} + ws() + QStringList{u"test"_s, id});
    QVERIFY2(test.code == 0 && test.lines().value(0).value(u"ok"_s).toBool(), test.describe().constData());
    QCOMPARE(m_server.requests().last().path, u"/v3/applications/dau"_s);

    m_server.clearRequests();
    const Run poll = run(QStringList{u"poll"_s} + ws() + QStringList{u"--once"_s});
    QVERIFY2(poll.code == 0, poll.describe().constData());
    const QJsonObject outcome = poll.lines().value(0);
    QCOMPARE(outcome.value(u"state"_s).toString(), u"ok"_s);
    // The first poll reaches back 31 days: 32 DAU days, MAU and analytics per month touched.
    const QDate today = QDateTime::currentDateTimeUtc().date();
    const QDate first = today.addDays(-31);
    const int months = (today.year() - first.year()) * 12 + today.month() - first.month() + 1;
    QCOMPARE(m_server.requestCount(), 32 + 3 * months);

    const QDate yesterday = today.addDays(-1);
    const qint64 from = yesterday.startOfDay(QTimeZone::utc()).toMSecsSinceEpoch();
    const QStringList range{u"--from"_s, QString::number(from), u"--to"_s, QString::number(from + 86'400'000),
                            u"--step"_s, u"1d"_s, u"--agg"_s, u"last"_s};
    const Run dau = run(QStringList{u"query"_s} + ws() + QStringList{u"--metric"_s, u"sendbird.dau"_s} + range);
    QVERIFY2(dau.code == 0, dau.describe().constData());
    QCOMPARE(dau.lines().size(), 1);
    const QJsonObject series = dau.lines().first();
    QCOMPARE(series.value(u"labels"_s).toObject().value(u"project"_s).toString(), u"chat"_s);
    QCOMPARE(series.value(u"labels"_s).toObject().value(u"service"_s).toString(), u"sb"_s);
    const QJsonArray points = series.value(u"points"_s).toArray();
    QCOMPARE(points.size(), 1);
    QCOMPARE(points.at(0).toArray().at(0).toInteger(), from);
    QCOMPARE(points.at(0).toArray().at(1).toDouble(), dauFor(yesterday));

    const Run messages = run(QStringList{u"query"_s} + ws() + QStringList{u"--metric"_s, u"sendbird.messages"_s} + range);
    QVERIFY2(messages.code == 0, messages.describe().constData());
    QCOMPARE(messages.lines().value(0).value(u"points"_s).toArray().at(0).toArray().at(1).toDouble(),
             double(yesterday.day() * 10));

    // Our own calls of today, as Sendbird saw them.
    const qint64 todayStart = today.startOfDay(QTimeZone::utc()).toMSecsSinceEpoch();
    const Run requests = run(QStringList{u"query"_s} + ws()
                             + QStringList{u"--metric"_s, u"sendbird.api.requests"_s, u"--from"_s,
                                           QString::number(todayStart), u"--to"_s,
                                           QString::number(todayStart + 86'400'000), u"--step"_s, u"1d"_s,
                                           u"--agg"_s, u"last"_s});
    QVERIFY2(requests.code == 0, requests.describe().constData());
    QCOMPARE(requests.lines().value(0).value(u"points"_s).toArray().at(0).toArray().at(1).toDouble(),
             double(32 + 3 * months));
}

void tst_SendbirdE2e::badApplicationIdIsRefused()
{
    const Run add = run(QStringList{u"service"_s} + ws()
                        + QStringList{u"add"_s, u"--project"_s, u"chat"_s, u"--type"_s, u"sendbird"_s, u"--name"_s,
                                      u"bad"_s, u"--set"_s, u"app_id=evil.example.com/x"_s, u"--secret"_s,
                                      u"api_token=@"_s + m_secretFile});
    QCOMPARE(add.code, 2);
    QVERIFY2(add.err.contains("not a Sendbird application ID"), add.describe().constData());
    const Run list = run(QStringList{u"service"_s} + ws() + QStringList{u"list"_s});
    QVERIFY2(list.code == 0 && !list.out.contains("\"bad\""), list.describe().constData());
}

void tst_SendbirdE2e::secretAppearsNowhere()
{
    QVERIFY(!m_transcript.isEmpty());
    QVERIFY2(!m_transcript.contains(kApiToken), "the API token was printed");
    int files = 0;
    QDirIterator it(m_root.path(), QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (path == m_secretFile)
            continue;
        QFile file(path);
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(path));
        const QByteArray bytes = file.readAll();
        QVERIFY2(!bytes.contains(kApiToken), qPrintable(u"the API token is in "_s + path));
        QVERIFY2(!bytes.contains(kApiToken.mid(3, 20)), qPrintable(u"part of the API token is in "_s + path));
        ++files;
    }
    QVERIFY(QFile::exists(m_workspace + u"/metrics.db"_s));
    QVERIFY(files >= 2);
}

QTEST_GUILESS_MAIN(tst_SendbirdE2e)
#include "tst_sendbirde2e.moc"
