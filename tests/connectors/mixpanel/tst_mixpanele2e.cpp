// stackscoped end to end with a local Mixpanel stand-in: init, a service whose queries would not fit Mixpanel's
// 60 an hour is refused by `service add` (exit 2, in plain words), service add/test, poll --once, query; and the
// planted service account secret appears in no output and in no file of the workspace.
#include "fixturesecrets.h"
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

const QByteArray kSecret = stackscope::test::fixtureSecret(QStringLiteral("mixpanel/credentials.json"), QStringLiteral("e2e_secret"));
const QByteArray kUser = "stackscope-e2e.fixture.mp-service-account";

QByteArray json(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

double countFor(QDate day, int index)
{
    return day.day() * 100 + index;
}

ScriptedResponse answer(const RecordedRequest &request)
{
    if (request.header("Authorization") != "Basic " + QByteArray(kUser + ':' + kSecret).toBase64())
        return ScriptedResponse::json(401, R"({"error": "Invalid service account credentials"})");
    if (request.query.queryItemValue(u"project_id"_s) != u"1000001"_s)
        return ScriptedResponse::json(400, R"({"error": "project_id is required"})");
    if (request.path == u"/api/query/funnels/list"_s)
        return ScriptedResponse::json(200, R"([{"funnel_id": 7509, "name": "Signup funnel"}])");
    const QDate from = QDate::fromString(request.query.queryItemValue(u"from_date"_s), Qt::ISODate);
    const QDate to = QDate::fromString(request.query.queryItemValue(u"to_date"_s), Qt::ISODate);
    if (!from.isValid() || !to.isValid())
        return ScriptedResponse::json(400, R"({"error": "from_date and to_date are required"})");
    if (request.path == u"/api/query/events"_s) {
        const QJsonArray events = QJsonDocument::fromJson(request.query.queryItemValue(u"event"_s, QUrl::FullyDecoded).toUtf8()).array();
        QJsonObject values;
        for (int i = 0; i < events.size(); ++i) {
            QJsonObject perDay;
            for (QDate day = from; day <= to; day = day.addDays(1))
                perDay.insert(day.toString(Qt::ISODate), countFor(day, i));
            values.insert(events[i].toString(), perDay);
        }
        return ScriptedResponse::json(200, json({{u"data"_s, QJsonObject{{u"series"_s, QJsonArray()}, {u"values"_s, values}}},
                                                 {u"legend_size"_s, int(events.size())}}));
    }
    if (request.path == u"/api/query/funnels"_s) {
        QJsonObject data;
        for (QDate day = from; day <= to; day = day.addDays(1)) {
            QJsonArray steps{QJsonObject{{u"count"_s, 400}, {u"step_conv_ratio"_s, 1}, {u"overall_conv_ratio"_s, 1}, {u"goal"_s, u"Signup Started"_s}},
                             QJsonObject{{u"count"_s, 100}, {u"step_conv_ratio"_s, 0.25}, {u"overall_conv_ratio"_s, 0.25}, {u"goal"_s, u"Signup"_s}}};
            data.insert(day.toString(Qt::ISODate), QJsonObject{{u"steps"_s, steps}});
        }
        return ScriptedResponse::json(200, json({{u"meta"_s, QJsonObject()}, {u"data"_s, data}}));
    }
    if (request.path == u"/api/query/retention"_s) {
        QJsonObject cohorts;
        for (QDate day = from; day <= to; day = day.addDays(1))
            cohorts.insert(day.toString(Qt::ISODate), QJsonObject{{u"counts"_s, QJsonArray{50, 20}}, {u"first"_s, 100}});
        return ScriptedResponse::json(200, json(cohorts));
    }
    return ScriptedResponse::json(404, R"({"error": "unknown endpoint"})");
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

class tst_MixpanelE2e : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void overBudgetServiceIsRefused();
    void addTestPollQuery();
    void secretAppearsNowhere();

private:
    Run run(const QStringList &arguments);
    QStringList ws() const { return {u"--workspace"_s, m_workspace, u"--key-file"_s, m_keyFile}; }
    QStringList addArguments(const QString &name) const
    {
        return QStringList{u"service"_s} + ws()
               + QStringList{u"add"_s, u"--project"_s, u"web"_s, u"--type"_s, u"mixpanel"_s, u"--name"_s, name,
                             u"--set"_s, u"username="_s + QString::fromLatin1(kUser), u"--set"_s,
                             u"project_id=1000001"_s, u"--secret"_s, u"secret=@"_s + m_secretFile, u"--base-url"_s,
                             m_server.url().toString()};
    }

    QTemporaryDir m_root;
    QString m_workspace;
    QString m_keyFile;
    QString m_secretFile;
    LocalHttpServer m_server;
    QByteArray m_transcript;
};

Run tst_MixpanelE2e::run(const QStringList &arguments)
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

void tst_MixpanelE2e::initTestCase()
{
    QVERIFY(m_root.isValid());
    QVERIFY(QDir().mkpath(m_root.filePath(u"home"_s)));
    QVERIFY(m_server.listen());
    m_server.route("GET", u"/api/query/*"_s, answer);
    m_workspace = m_root.filePath(u"ws"_s);
    m_keyFile = m_root.filePath(u"ws.key"_s);
    m_secretFile = m_root.filePath(u"home/mixpanel.secret"_s);
    QFile secret(m_secretFile);
    QVERIFY(secret.open(QIODevice::WriteOnly));
    secret.write(kSecret + '\n');
    secret.close();
    const Run init = run({u"init"_s, u"--workspace"_s, m_workspace, u"--key-file"_s, m_keyFile});
    QVERIFY2(init.code == 0, init.describe().constData());
}

void tst_MixpanelE2e::overBudgetServiceIsRefused()
{
    // Thirteen saved funnels are thirteen queries a poll: every 5 minutes would be 156 an hour.
    const Run add = run(addArguments(u"too-often"_s)
                        + QStringList{u"--set"_s, u"funnel_ids=1,2,3,4,5,6,7,8,9,10,11,12,13"_s, u"--interval"_s, u"5m"_s});
    QCOMPARE(add.code, 2);
    QVERIFY2(add.err.contains("needs 156 queries an hour"), add.describe().constData());
    QVERIFY2(add.err.contains("Mixpanel allows 60: poll every 13 minutes or more"), add.describe().constData());
    const Run list = run(QStringList{u"service"_s} + ws() + QStringList{u"list"_s});
    QVERIFY2(list.code == 0 && !list.out.contains("too-often"), list.describe().constData());
    QCOMPARE(m_server.requestCount(), 0);
}

void tst_MixpanelE2e::addTestPollQuery()
{
    const Run types = run(QStringList{u"service"_s} + ws() + QStringList{u"types"_s});
    QVERIFY2(types.code == 0 && types.out.contains("\"mixpanel\""), types.describe().constData());

    const Run add = run(addArguments(u"analytics"_s)
                        + QStringList{u"--set"_s, u"events=Signup,Export Clicked"_s, u"--set"_s, u"funnel_ids=7509"_s,
                                      u"--set"_s, u"retention=Signup"_s, u"--interval"_s, u"15m"_s});
    QVERIFY2(add.code == 0, add.describe().constData());
    const QString id = QString::number(add.lines().value(0).value(u"id"_s).toInteger());
    QVERIFY(id != u"0"_s);

    const Run test = run(QStringList{u"service"_s} + ws() + QStringList{u"test"_s, id});
    QVERIFY2(test.code == 0 && test.lines().value(0).value(u"ok"_s).toBool(), test.describe().constData());
    QCOMPARE(m_server.requests().last().path, u"/api/query/funnels/list"_s);

    m_server.clearRequests();
    const Run poll = run(QStringList{u"poll"_s} + ws() + QStringList{u"--once"_s});
    QVERIFY2(poll.code == 0, poll.describe().constData());
    QCOMPARE(poll.lines().value(0).value(u"state"_s).toString(), u"ok"_s);
    QCOMPARE(m_server.requestCount(), 3); // all events in one query, the funnel, the retention report

    const QDate yesterday = QDateTime::currentDateTimeUtc().date().addDays(-1);
    const qint64 from = yesterday.startOfDay(QTimeZone::utc()).toMSecsSinceEpoch();
    const Run query = run(QStringList{u"query"_s} + ws()
                          + QStringList{u"--metric"_s, u"mixpanel.events"_s, u"--label"_s, u"event=Export Clicked"_s,
                                        u"--from"_s, QString::number(from), u"--to"_s, QString::number(from + 86'400'000),
                                        u"--step"_s, u"1d"_s, u"--agg"_s, u"last"_s});
    QVERIFY2(query.code == 0, query.describe().constData());
    QCOMPARE(query.lines().size(), 1);
    const QJsonObject labels = query.lines().first().value(u"labels"_s).toObject();
    QCOMPARE(labels.value(u"project"_s).toString(), u"web"_s);
    QCOMPARE(labels.value(u"service"_s).toString(), u"analytics"_s);
    const QJsonArray point = query.lines().first().value(u"points"_s).toArray().at(0).toArray();
    QCOMPARE(point.at(0).toInteger(), from);
    QCOMPARE(point.at(1).toDouble(), countFor(yesterday, 1));

    const Run funnel = run(QStringList{u"query"_s} + ws()
                           + QStringList{u"--metric"_s, u"mixpanel.funnel.step.conversion"_s, u"--label"_s, u"step=2"_s,
                                         u"--from"_s, QString::number(from), u"--to"_s, QString::number(from + 86'400'000),
                                         u"--step"_s, u"1d"_s, u"--agg"_s, u"last"_s});
    QVERIFY2(funnel.code == 0 && funnel.lines().size() == 1, funnel.describe().constData());
    QCOMPARE(funnel.lines().first().value(u"points"_s).toArray().at(0).toArray().at(1).toDouble(), 0.25);
}

void tst_MixpanelE2e::secretAppearsNowhere()
{
    QVERIFY(!m_transcript.isEmpty());
    QVERIFY2(!m_transcript.contains(kSecret), "the secret was printed");
    const QByteArray basic = QByteArray(kUser + ':' + kSecret).toBase64();
    QVERIFY2(!m_transcript.contains(basic), "the Basic credentials were printed");
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
        QVERIFY2(!bytes.contains(kSecret.mid(3, 20)), qPrintable(u"part of the secret is in "_s + path));
        QVERIFY2(!bytes.contains(basic), qPrintable(u"the Basic credentials are in "_s + path));
        ++files;
    }
    QVERIFY(QFile::exists(m_workspace + u"/metrics.db"_s));
    QVERIFY(files >= 2);
}

QTEST_GUILESS_MAIN(tst_MixpanelE2e)
#include "tst_mixpanele2e.moc"
