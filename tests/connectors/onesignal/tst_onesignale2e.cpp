// stackscoped end to end with a local OneSignal stand-in: init, service add/test, poll --once, query; and the
// planted App API key appears in no output and in no file of the workspace.
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
#include <QTimeZone>

using namespace stackscope::test;
using namespace Qt::StringLiterals;

namespace {

const QString kAppId = u"22222222-3333-4444-8555-666666666666"_s;
const QByteArray kApiKey = "os_v2_app_PLANTEDe2ekey9876543210zyxwvutsrqponmlkjihg";
constexpr qint64 kHour = 3'600'000;
constexpr int kMessages = 60;

// Message i: queued 10 minutes + 12 hours * i before the test started; even ones are "promo", odd ones "news"
// (an email campaign).
struct Fixture
{
    qint64 startMs = QDateTime::currentMSecsSinceEpoch();
    qint64 queuedMs(int i) const { return (startMs - 600'000 - qint64(i) * 12 * kHour) / 1000 * 1000; }
    static int sent(int i) { return 1000 + i; }
};

QJsonObject message(const Fixture &fixture, int i)
{
    const bool email = i % 2 == 1;
    QJsonObject stats;
    if (email)
        stats.insert(u"email"_s, QJsonObject{{u"successful"_s, Fixture::sent(i)}, {u"failed"_s, 0}, {u"errored"_s, 1},
                                             {u"converted"_s, 0}, {u"received"_s, Fixture::sent(i)},
                                             {u"opened"_s, 300}, {u"unique_opens"_s, 250}, {u"clicks"_s, 40},
                                             {u"unique_clicks"_s, 30}, {u"bounced"_s, 2}, {u"reported_spam"_s, 0},
                                             {u"unsubscribed"_s, 3}});
    else
        stats.insert(u"android"_s, QJsonObject{{u"successful"_s, Fixture::sent(i)}, {u"failed"_s, 4}, {u"errored"_s, 2},
                                               {u"converted"_s, 50}, {u"received"_s, 0}});
    const qint64 queued = fixture.queuedMs(i) / 1000;
    return QJsonObject{{u"id"_s, u"e0000000-0000-4000-8000-%1"_s.arg(i, 12, 10, QLatin1Char('0'))},
                       {u"app_id"_s, kAppId},
                       {u"name"_s, email ? u"news"_s : u"promo"_s},
                       {u"successful"_s, Fixture::sent(i)},
                       {u"failed"_s, email ? 0 : 4},
                       {u"errored"_s, email ? 1 : 2},
                       {u"converted"_s, email ? 0 : 50},
                       {u"received"_s, 0},
                       {u"remaining"_s, 0},
                       {u"queued_at"_s, double(queued)},
                       {u"send_after"_s, double(queued)},
                       {u"completed_at"_s, double(queued + 30)},
                       {u"canceled"_s, false},
                       {u"platform_delivery_stats"_s, stats}};
}

ScriptedResponse answer(const Fixture &fixture, const RecordedRequest &request)
{
    if (request.header("Authorization") != "Key " + kApiKey)
        return ScriptedResponse::json(403, R"({"errors":["Access denied.  Please include an 'Authorization: ...' )"
                                           R"(header with a valid API key."]})");
    if (request.query.queryItemValue(u"app_id"_s) != kAppId)
        return ScriptedResponse::json(400, R"({"errors":["app_id not found"]})");
    const int limit = std::clamp(request.query.queryItemValue(u"limit"_s).toInt(), 1, 50);
    const int offset = std::max(0, request.query.queryItemValue(u"offset"_s).toInt());
    QJsonArray page;
    for (int i = offset; i < kMessages && i < offset + limit; ++i)
        page.append(message(fixture, i));
    const QJsonObject body{{u"total_count"_s, kMessages}, {u"offset"_s, offset}, {u"limit"_s, limit},
                           {u"notifications"_s, page}};
    return ScriptedResponse::json(200, QJsonDocument(body).toJson(QJsonDocument::Compact));
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

class tst_OneSignalE2e : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void addTestPollQuery();
    void wrongKeyIsReported();
    void secretAppearsNowhere();

private:
    // The daemon runs while this process keeps its event loop turning, so the local server can answer.
    Run run(const QStringList &arguments);
    QStringList ws() const { return {u"--workspace"_s, m_workspace, u"--key-file"_s, m_keyFile}; }
    Run query(const QString &metric, const QString &label, qint64 hour);

    QTemporaryDir m_root;
    QString m_workspace;
    QString m_keyFile;
    QString m_secretFile;
    QString m_wrongSecretFile;
    Fixture m_fixture;
    LocalHttpServer m_server;
    QByteArray m_transcript;
};

Run tst_OneSignalE2e::run(const QStringList &arguments)
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

void tst_OneSignalE2e::initTestCase()
{
    QVERIFY(m_root.isValid());
    QVERIFY(QDir().mkpath(m_root.filePath(u"home"_s)));
    QVERIFY(m_server.listen());
    m_server.route("GET", u"/notifications"_s, [this](const RecordedRequest &request) { return answer(m_fixture, request); });
    m_workspace = m_root.filePath(u"ws"_s);
    m_keyFile = m_root.filePath(u"ws.key"_s);
    m_secretFile = m_root.filePath(u"home/onesignal.key"_s);
    m_wrongSecretFile = m_root.filePath(u"home/onesignal-wrong.key"_s);
    QFile secret(m_secretFile);
    QVERIFY(secret.open(QIODevice::WriteOnly));
    secret.write(kApiKey + '\n');
    secret.close();
    QFile wrong(m_wrongSecretFile);
    QVERIFY(wrong.open(QIODevice::WriteOnly));
    wrong.write("os_v2_app_not_the_right_key\n");
    wrong.close();
}

Run tst_OneSignalE2e::query(const QString &metric, const QString &label, qint64 hour)
{
    return run(QStringList{u"query"_s} + ws()
               + QStringList{u"--metric"_s, metric, u"--label"_s, label, u"--from"_s, QString::number(hour),
                             u"--to"_s, QString::number(hour + kHour), u"--step"_s, u"1h"_s, u"--agg"_s, u"sum"_s});
}

void tst_OneSignalE2e::addTestPollQuery()
{
    const Run init = run({u"init"_s, u"--workspace"_s, m_workspace, u"--key-file"_s, m_keyFile});
    QVERIFY2(init.code == 0, init.describe().constData());

    const Run types = run(QStringList{u"service"_s} + ws() + QStringList{u"types"_s});
    QVERIFY2(types.code == 0 && types.out.contains("\"onesignal\""), types.describe().constData());

    const Run add = run(QStringList{u"service"_s} + ws()
                        + QStringList{u"add"_s, u"--project"_s, u"shop"_s, u"--type"_s, u"onesignal"_s, u"--name"_s,
                                      u"push"_s, u"--set"_s, u"app_id="_s + kAppId, u"--secret"_s,
                                      u"rest_api_key=@"_s + m_secretFile, u"--base-url"_s, m_server.url().toString()});
    QVERIFY2(add.code == 0, add.describe().constData());
    const QString id = QString::number(add.lines().value(0).value(u"id"_s).toInteger());
    QVERIFY(id != u"0"_s);

    const Run test = run(QStringList{u"service"_s} + ws() + QStringList{u"test"_s, id});
    QVERIFY2(test.code == 0 && test.lines().value(0).value(u"ok"_s).toBool(), test.describe().constData());
    QCOMPARE(m_server.requests().last().header("Authorization"), "Key " + kApiKey);

    m_server.clearRequests();
    const Run poll = run(QStringList{u"poll"_s} + ws() + QStringList{u"--once"_s});
    QVERIFY2(poll.code == 0, poll.describe().constData());
    const QJsonObject outcome = poll.lines().value(0);
    QCOMPARE(outcome.value(u"state"_s).toString(), u"ok"_s);
    // 60 messages, 12 hours apart, all within the 30 days: two pages.
    QCOMPARE(m_server.requestCount(), 2);
    QCOMPARE(m_server.requests().at(1).query.queryItemValue(u"offset"_s), u"50"_s);

    // Message 4 (promo, push) and message 5 (news, email), each alone in its hour.
    const qint64 promoHour = m_fixture.queuedMs(4) / kHour * kHour;
    const Run sent = query(u"onesignal.sent"_s, u"campaign=promo"_s, promoHour);
    QVERIFY2(sent.code == 0 && sent.lines().size() == 1, sent.describe().constData());
    const QJsonObject labels = sent.lines().first().value(u"labels"_s).toObject();
    QCOMPARE(labels.value(u"project"_s).toString(), u"shop"_s);
    QCOMPARE(labels.value(u"service"_s).toString(), u"push"_s);
    const QJsonArray points = sent.lines().first().value(u"points"_s).toArray();
    QCOMPARE(points.size(), 1);
    QCOMPARE(points.at(0).toArray().at(0).toInteger(), promoHour);
    QCOMPARE(points.at(0).toArray().at(1).toDouble(), double(Fixture::sent(4)));

    const Run errored = run(QStringList{u"query"_s} + ws()
                            + QStringList{u"--metric"_s, u"onesignal.platform.errored"_s, u"--label"_s,
                                          u"platform=android"_s, u"--from"_s, QString::number(promoHour), u"--to"_s,
                                          QString::number(promoHour + kHour), u"--step"_s, u"1h"_s, u"--agg"_s,
                                          u"sum"_s});
    QVERIFY2(errored.code == 0 && errored.lines().size() == 1, errored.describe().constData());
    QCOMPARE(errored.lines().first().value(u"points"_s).toArray().at(0).toArray().at(1).toDouble(), 2.0);

    const qint64 newsHour = m_fixture.queuedMs(5) / kHour * kHour;
    const Run opens = query(u"onesignal.email.unique_opens"_s, u"campaign=news"_s, newsHour);
    QVERIFY2(opens.code == 0 && opens.lines().size() == 1, opens.describe().constData());
    QCOMPARE(opens.lines().first().value(u"points"_s).toArray().at(0).toArray().at(1).toDouble(), 250.0);
    const Run unsubscribes = query(u"onesignal.email.unsubscribes"_s, u"campaign=news"_s, newsHour);
    QVERIFY2(unsubscribes.code == 0 && unsubscribes.lines().size() == 1, unsubscribes.describe().constData());
    QCOMPARE(unsubscribes.lines().first().value(u"points"_s).toArray().at(0).toArray().at(1).toDouble(), 3.0);
}

void tst_OneSignalE2e::wrongKeyIsReported()
{
    const Run add = run(QStringList{u"service"_s} + ws()
                        + QStringList{u"add"_s, u"--project"_s, u"shop"_s, u"--type"_s, u"onesignal"_s, u"--name"_s,
                                      u"push-wrong"_s, u"--set"_s, u"app_id="_s + kAppId, u"--secret"_s,
                                      u"rest_api_key=@"_s + m_wrongSecretFile, u"--base-url"_s,
                                      m_server.url().toString()});
    QVERIFY2(add.code == 0, add.describe().constData());
    const QString id = QString::number(add.lines().value(0).value(u"id"_s).toInteger());
    const Run test = run(QStringList{u"service"_s} + ws() + QStringList{u"test"_s, id});
    QVERIFY2(test.code != 0, test.describe().constData());
    const QString error = test.lines().value(0).value(u"error"_s).toString();
    QVERIFY2(error.startsWith(u"OneSignal rejected the API key: Access denied"_s), qPrintable(error));
}

void tst_OneSignalE2e::secretAppearsNowhere()
{
    QVERIFY(!m_transcript.isEmpty());
    QVERIFY2(!m_transcript.contains(kApiKey), "the API key was printed");
    QVERIFY2(!m_transcript.contains(kApiKey.mid(10, 20)), "part of the API key was printed");
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
        QVERIFY2(!bytes.contains(kApiKey), qPrintable(u"the API key is in "_s + path));
        QVERIFY2(!bytes.contains(kApiKey.mid(10, 20)), qPrintable(u"part of the API key is in "_s + path));
        ++files;
    }
    QVERIFY(QFile::exists(m_workspace + u"/metrics.db"_s));
    QVERIFY(files >= 2);
}

QTEST_GUILESS_MAIN(tst_OneSignalE2e)
#include "tst_onesignale2e.moc"
