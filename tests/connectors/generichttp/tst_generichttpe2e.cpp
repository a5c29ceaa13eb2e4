// stackscoped end to end with two generic HTTP/JSON services against a local endpoint: one value (an API-key
// header, a relative URL against --base-url) and one paginated series with labels (a bearer token). init,
// service add with --set rules, service test, poll --once, query; a broken rule fails `service test` in plain
// words; and the planted secrets appear in no output and in no file of the workspace.
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

const QByteArray kToken = "ghttp-e2e-planted-token-3f9a1c5e7b2d4068";
const QByteArray kApiKey = "ghttp-e2e-planted-apikey-b81e3d0c5a7f9264";

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

// The whole hours of the last three hours, oldest first (Unix seconds): the incident series of the fake status
// API, recent so that the raw tier holds it whatever day the test runs.
QList<qint64> recentHours()
{
    const qint64 hour = QDateTime::currentSecsSinceEpoch() / 3600 * 3600;
    return {hour - 3 * 3600, hour - 2 * 3600, hour - 3600};
}

QString rfc3339(qint64 seconds)
{
    return QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC).toString(Qt::ISODate);
}

} // namespace

class tst_GenericHttpE2e : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void addTestPollQuery();
    void brokenRuleFailsTheTest();
    void secretsAppearNowhere();

private:
    Run run(const QStringList &arguments);
    QStringList ws() const { return {u"--workspace"_s, m_workspace, u"--key-file"_s, m_keyFile}; }
    QString writeSecret(const QString &name, const QByteArray &value);

    QTemporaryDir m_root;
    QString m_workspace;
    QString m_keyFile;
    QStringList m_secretFiles;
    LocalHttpServer m_server;
    QByteArray m_transcript;
};

Run tst_GenericHttpE2e::run(const QStringList &arguments)
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

QString tst_GenericHttpE2e::writeSecret(const QString &name, const QByteArray &value)
{
    const QString path = m_root.filePath(u"home/"_s + name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(path));
    file.write(value + '\n');
    m_secretFiles << path;
    return path;
}

void tst_GenericHttpE2e::initTestCase()
{
    QVERIFY(m_root.isValid());
    QVERIFY(QDir().mkpath(m_root.filePath(u"home"_s)));
    QVERIFY(m_server.listen());

    QFile stats(LocalHttpServer::dataPath(u"generichttp/stats_value.json"_s));
    QVERIFY(stats.open(QIODevice::ReadOnly));
    const QByteArray statsBody = stats.readAll();
    m_server.route("GET", u"/api/v2/stats"_s, [statsBody](const RecordedRequest &request) {
        if (request.header("X-Api-Key") != kApiKey)
            return ScriptedResponse::json(401, R"({"error":{"message":"missing or wrong API key"}})");
        if (request.header("X-Tenant") != "a")
            return ScriptedResponse::json(400, R"({"error":{"message":"X-Tenant is required"}})");
        return ScriptedResponse::json(200, statsBody);
    });

    // A status page's incidents per hour, two pages; the second page's link is relative.
    m_server.route("GET", u"/api/v2/incidents"_s, [](const RecordedRequest &request) {
        if (request.header("Authorization") != "Bearer " + kToken)
            return ScriptedResponse::json(401, R"({"error":{"message":"bad token"}})");
        const QList<qint64> hours = recentHours();
        const bool second = request.query.queryItemValue(u"page"_s) == u"2"_s;
        QJsonArray days;
        if (!second) {
            days.append(QJsonObject{{u"hour"_s, rfc3339(hours[0])}, {u"incidents"_s, 2}, {u"worst_impact"_s, u"minor"_s}});
            days.append(QJsonObject{{u"hour"_s, rfc3339(hours[1])}, {u"incidents"_s, 0}, {u"worst_impact"_s, QJsonValue()}});
        } else {
            days.append(QJsonObject{{u"hour"_s, rfc3339(hours[2])}, {u"incidents"_s, 1}, {u"worst_impact"_s, u"major"_s}});
        }
        const QJsonObject links{{u"next"_s, second ? QJsonValue() : QJsonValue(u"/api/v2/incidents?page=2"_s)}};
        return ScriptedResponse::json(200, QJsonDocument(QJsonObject{{u"incident_hours"_s, days}, {u"links"_s, links}})
                                               .toJson(QJsonDocument::Compact));
    });

    m_workspace = m_root.filePath(u"ws"_s);
    m_keyFile = m_root.filePath(u"ws.key"_s);
}

void tst_GenericHttpE2e::addTestPollQuery()
{
    const Run init = run({u"init"_s, u"--workspace"_s, m_workspace, u"--key-file"_s, m_keyFile});
    QVERIFY2(init.code == 0, init.describe().constData());

    const Run types = run(QStringList{u"service"_s} + ws() + QStringList{u"types"_s});
    QVERIFY2(types.code == 0 && types.out.contains("\"http_json\""), types.describe().constData());

    // A value behind an API-key header, at a URL relative to the service's base URL.
    const Run addStats = run(QStringList{u"service"_s} + ws()
                             + QStringList{u"add"_s, u"--project"_s, u"shop"_s, u"--type"_s, u"http_json"_s,
                                           u"--name"_s, u"usage"_s, u"--base-url"_s, m_server.url().toString(),
                                           u"--set"_s, u"url=/api/v2/stats"_s,
                                           u"--set"_s, u"metric=example.active_users"_s,
                                           u"--set"_s, u"unit=users"_s,
                                           u"--set"_s, u"value_path=$.data.stats.active_users"_s,
                                           u"--set"_s, u"headers=Accept: application/json; X-Tenant: a"_s,
                                           u"--set"_s, u"header_name=X-Api-Key"_s,
                                           u"--secret"_s, u"header_value=@"_s + writeSecret(u"apikey"_s, kApiKey)});
    QVERIFY2(addStats.code == 0, addStats.describe().constData());
    const QString statsId = QString::number(addStats.lines().value(0).value(u"id"_s).toInteger());

    // A paginated series with a label, behind a bearer token.
    const Run addIncidents = run(QStringList{u"service"_s} + ws()
                                 + QStringList{u"add"_s, u"--project"_s, u"shop"_s, u"--type"_s, u"http_json"_s,
                                               u"--name"_s, u"status"_s, u"--interval"_s, u"1h"_s,
                                               u"--set"_s, u"url="_s + m_server.url(u"/api/v2/incidents"_s).toString(),
                                               u"--set"_s, u"metric=example.incidents"_s,
                                               u"--set"_s, u"series_path=$.incident_hours"_s,
                                               u"--set"_s, u"timestamp_field=hour"_s,
                                               u"--set"_s, u"value_field=incidents"_s,
                                               u"--set"_s, u"label_fields=impact=worst_impact"_s,
                                               u"--set"_s, u"next_path=links.next"_s,
                                               u"--secret"_s, u"bearer_token=@"_s + writeSecret(u"token"_s, kToken)});
    QVERIFY2(addIncidents.code == 0, addIncidents.describe().constData());
    const QString incidentsId = QString::number(addIncidents.lines().value(0).value(u"id"_s).toInteger());

    const Run testStats = run(QStringList{u"service"_s} + ws() + QStringList{u"test"_s, statsId});
    QVERIFY2(testStats.code == 0 && testStats.lines().value(0).value(u"ok"_s).toBool(), testStats.describe().constData());
    QVERIFY2(testStats.err.contains("connection test passed: value 1234 at $.data.stats.active_users"),
             testStats.describe().constData());
    const Run testIncidents = run(QStringList{u"service"_s} + ws() + QStringList{u"test"_s, incidentsId});
    QVERIFY2(testIncidents.code == 0, testIncidents.describe().constData());
    QVERIFY2(testIncidents.err.contains(
                 "connection test passed: 2 points in $.incident_hours; next page announced at $.links.next"),
             testIncidents.describe().constData());
    QCOMPARE(m_server.requestCount(), 2); // a test reads one page

    m_server.clearRequests();
    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    const Run poll = run(QStringList{u"poll"_s} + ws() + QStringList{u"--once"_s});
    QVERIFY2(poll.code == 0, poll.describe().constData());
    QHash<QString, QJsonObject> outcomes;
    for (const QJsonObject &line : poll.lines())
        outcomes.insert(QString::number(line.value(u"service"_s).toInteger()), line);
    QCOMPARE(outcomes.value(statsId).value(u"state"_s).toString(), u"ok"_s);
    QCOMPARE(outcomes.value(statsId).value(u"samples"_s).toInteger(), 1);
    QCOMPARE(outcomes.value(incidentsId).value(u"state"_s).toString(), u"ok"_s);
    QCOMPARE(outcomes.value(incidentsId).value(u"samples"_s).toInteger(), 3);
    QCOMPARE(m_server.requestCount(), 3); // the value, and two pages
    QVERIFY2(poll.err.contains("fetched 3 points in $.incident_hours over 2 pages"), poll.describe().constData());

    // The value, stamped at the poll time, with the scheduler's labels.
    const Run value = run(QStringList{u"query"_s} + ws()
                          + QStringList{u"--metric"_s, u"example.active_users"_s, u"--from"_s,
                                        QString::number(before - 60'000), u"--to"_s,
                                        QString::number(QDateTime::currentMSecsSinceEpoch() + 60'000), u"--agg"_s,
                                        u"last"_s});
    QVERIFY2(value.code == 0 && value.lines().size() == 1, value.describe().constData());
    const QJsonObject valueSeries = value.lines().first();
    QCOMPARE(valueSeries.value(u"labels"_s).toObject(),
             (QJsonObject{{u"project"_s, u"shop"_s}, {u"service"_s, u"usage"_s}}));
    const QJsonArray valuePoints = valueSeries.value(u"points"_s).toArray();
    QVERIFY(!valuePoints.isEmpty());
    QCOMPARE(valuePoints.last().toArray().at(1).toDouble(), 1234.0);

    // The series, at the hours the endpoint gave, one series per impact (none for the null one).
    const QList<qint64> hours = recentHours();
    const QStringList range{u"--from"_s, QString::number(hours[0] * 1000 - 3'600'000), u"--to"_s,
                            QString::number(hours[2] * 1000 + 3'600'000), u"--step"_s, u"1h"_s, u"--agg"_s, u"sum"_s};
    const Run incidents = run(QStringList{u"query"_s} + ws() + QStringList{u"--metric"_s, u"example.incidents"_s} + range);
    QVERIFY2(incidents.code == 0 && incidents.lines().size() == 3, incidents.describe().constData());
    QHash<QString, double> byImpact;
    for (const QJsonObject &series : incidents.lines()) {
        const QString impact = series.value(u"labels"_s).toObject().value(u"impact"_s).toString(u"(none)"_s);
        double total = 0;
        for (const QJsonValue &point : series.value(u"points"_s).toArray())
            total += point.toArray().at(1).toDouble();
        byImpact.insert(impact, total);
    }
    QCOMPARE(byImpact.value(u"minor"_s), 2.0);
    QCOMPARE(byImpact.value(u"major"_s), 1.0);
    QCOMPARE(byImpact.value(u"(none)"_s), 0.0);
    QVERIFY(byImpact.contains(u"(none)"_s));
}

void tst_GenericHttpE2e::brokenRuleFailsTheTest()
{
    const Run add = run(QStringList{u"service"_s} + ws()
                        + QStringList{u"add"_s, u"--project"_s, u"shop"_s, u"--type"_s, u"http_json"_s, u"--name"_s,
                                      u"typo"_s, u"--set"_s, u"url="_s + m_server.url(u"/api/v2/stats"_s).toString(),
                                      u"--set"_s, u"metric=example.typo"_s, u"--set"_s,
                                      u"value_path=$.data.stats.activeusers"_s, u"--set"_s, u"headers=X-Tenant: a"_s,
                                      u"--set"_s, u"header_name=X-Api-Key"_s, u"--secret"_s,
                                      u"header_value=@"_s + m_secretFiles.first()});
    QVERIFY2(add.code == 0, add.describe().constData());
    const QString id = QString::number(add.lines().value(0).value(u"id"_s).toInteger());
    const Run test = run(QStringList{u"service"_s} + ws() + QStringList{u"test"_s, id});
    QVERIFY2(test.code != 0, test.describe().constData());
    const QString error = test.lines().value(0).value(u"error"_s).toString();
    QVERIFY2(error.contains(u"could not be used: $.data.stats has no field \"activeusers\" (it has \"active_users\""_s),
             test.describe().constData());

    // Settings that cannot work are refused when the service is added (checkConfiguration), in plain words.
    const Run badPath = run(QStringList{u"service"_s} + ws()
                            + QStringList{u"add"_s, u"--project"_s, u"shop"_s, u"--type"_s, u"http_json"_s, u"--name"_s,
                                          u"badpath"_s, u"--set"_s, u"url=https://api.example.com/x"_s, u"--set"_s,
                                          u"metric=m"_s, u"--set"_s, u"value_path=$.data[count]"_s});
    QVERIFY2(badPath.code != 0 && badPath.err.contains("The value_path setting \"$.data[count]\" is not a path: expected "
                                                       "an index, \"*\" or a quoted name after \"[\" at character 8"),
             badPath.describe().constData());
    const Run plainHttp = run(QStringList{u"service"_s} + ws()
                              + QStringList{u"add"_s, u"--project"_s, u"shop"_s, u"--type"_s, u"http_json"_s, u"--name"_s,
                                            u"plainhttp"_s, u"--set"_s, u"url=http://api.example.com/x"_s, u"--set"_s,
                                            u"metric=m"_s, u"--set"_s, u"series_path=$.s"_s, u"--set"_s,
                                            u"headers=X-Api-Key: abc"_s});
    QVERIFY2(plainHttp.code != 0 && plainHttp.err.contains("plain http:// is only allowed to this computer"),
             plainHttp.describe().constData());
    const Run list = run(QStringList{u"service"_s} + ws() + QStringList{u"list"_s});
    QVERIFY2(list.code == 0 && !list.out.contains("badpath") && !list.out.contains("plainhttp"), list.describe().constData());

    // Unknown settings are refused by the CLI itself.
    const Run unknown = run(QStringList{u"service"_s} + ws()
                            + QStringList{u"add"_s, u"--project"_s, u"shop"_s, u"--type"_s, u"http_json"_s, u"--name"_s,
                                          u"bad"_s, u"--set"_s, u"url=https://api.example.com/x"_s, u"--set"_s,
                                          u"metric=m"_s, u"--set"_s, u"valuepath=$.x"_s});
    QVERIFY2(unknown.code != 0 && unknown.err.contains("has no setting \"valuepath\""), unknown.describe().constData());
    // A credential is never a --set.
    const Run plain = run(QStringList{u"service"_s} + ws()
                          + QStringList{u"add"_s, u"--project"_s, u"shop"_s, u"--type"_s, u"http_json"_s, u"--name"_s,
                                        u"plain"_s, u"--set"_s, u"url=https://api.example.com/x"_s, u"--set"_s,
                                        u"metric=m"_s, u"--set"_s, u"bearer_token=abc"_s});
    QVERIFY2(plain.code != 0 && plain.err.contains("is a credential"), plain.describe().constData());
}

void tst_GenericHttpE2e::secretsAppearNowhere()
{
    QVERIFY(!m_transcript.isEmpty());
    for (const QByteArray &secret : {kToken, kApiKey})
        QVERIFY2(!m_transcript.contains(secret), "a planted secret was printed");
    int files = 0;
    QDirIterator it(m_root.path(), QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (m_secretFiles.contains(path))
            continue;
        QFile file(path);
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(path));
        const QByteArray bytes = file.readAll();
        for (const QByteArray &secret : {kToken, kApiKey}) {
            QVERIFY2(!bytes.contains(secret), qPrintable(u"a secret is in "_s + path));
            QVERIFY2(!bytes.contains(secret.mid(10, 20)), qPrintable(u"part of a secret is in "_s + path));
        }
        ++files;
    }
    QVERIFY(QFile::exists(m_workspace + u"/metrics.db"_s));
    QVERIFY(files >= 2);
}

QTEST_GUILESS_MAIN(tst_GenericHttpE2e)
#include "tst_generichttpe2e.moc"
