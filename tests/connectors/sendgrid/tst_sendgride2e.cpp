// stackscoped end to end with a local SendGrid stand-in: init, service add/test, poll --once, query; and the
// planted API key appears in no output and in no file of the workspace.
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

const QByteArray kApiKey = "SG.e2e-planted-secret.Qm9vdHN0cmFwMTIzNDU2Nzg5MA";

const QStringList kFields{u"requests"_s, u"processed"_s, u"delivered"_s, u"deferred"_s, u"bounces"_s,
                          u"bounce_drops"_s, u"blocks"_s, u"invalid_emails"_s, u"spam_reports"_s,
                          u"spam_report_drops"_s, u"opens"_s, u"unique_opens"_s, u"clicks"_s, u"unique_clicks"_s,
                          u"unsubscribes"_s, u"unsubscribe_drops"_s};

int valueFor(QDate day, int salt, int field)
{
    return day.day() * 1000 + salt * 100 + field;
}

ScriptedResponse answerStats(const RecordedRequest &request)
{
    if (request.header("Authorization") != "Bearer " + kApiKey)
        return ScriptedResponse::json(401, R"({"errors":[{"field":null,"message":"authorization required"}]})");
    const QDate first = QDate::fromString(request.query.queryItemValue(u"start_date"_s), Qt::ISODate);
    const QDate last = QDate::fromString(request.query.queryItemValue(u"end_date"_s), Qt::ISODate);
    const QStringList categories = request.query.allQueryItemValues(u"categories"_s, QUrl::FullyDecoded);
    QJsonArray days;
    for (QDate day = first; day.isValid() && day <= last; day = day.addDays(1)) {
        QJsonArray stats;
        const int entries = categories.isEmpty() ? 1 : int(categories.size());
        for (int c = 0; c < entries; ++c) {
            QJsonObject metrics;
            for (int f = 0; f < kFields.size(); ++f)
                metrics.insert(kFields[f], valueFor(day, categories.isEmpty() ? 0 : c + 1, f));
            QJsonObject entry{{u"metrics"_s, metrics}};
            if (!categories.isEmpty()) {
                entry.insert(u"type"_s, u"category"_s);
                entry.insert(u"name"_s, categories[c]);
            }
            stats.append(entry);
        }
        days.append(QJsonObject{{u"date"_s, day.toString(Qt::ISODate)}, {u"stats"_s, stats}});
    }
    return ScriptedResponse::json(200, QJsonDocument(days).toJson(QJsonDocument::Compact))
        .withHeader("X-RateLimit-Remaining", "599")
        .withHeader("X-RateLimit-Limit", "600");
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

class tst_SendGridE2e : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void addTestPollQuery();
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

Run tst_SendGridE2e::run(const QStringList &arguments)
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
    env.insert(u"LSAN_OPTIONS"_s, u"suppressions="_s + suppressions); // the leak check wants every line
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

void tst_SendGridE2e::initTestCase()
{
    QVERIFY(m_root.isValid());
    QVERIFY(QDir().mkpath(m_root.filePath(u"home"_s)));
    QVERIFY(m_server.listen());
    m_server.route("GET", u"/v3/stats"_s, answerStats);
    m_server.route("GET", u"/v3/categories/stats"_s, answerStats);
    m_server.route("GET", u"/v3/scopes"_s, [](const RecordedRequest &request) {
        if (request.header("Authorization") != "Bearer " + kApiKey)
            return ScriptedResponse::json(401, R"({"errors":[{"field":null,"message":"authorization required"}]})");
        return ScriptedResponse::json(200, R"({"scopes":["stats.read","categories.stats.read"]})");
    });
    m_workspace = m_root.filePath(u"ws"_s);
    m_keyFile = m_root.filePath(u"ws.key"_s);
    m_secretFile = m_root.filePath(u"home/sendgrid.key"_s);
    QFile secret(m_secretFile);
    QVERIFY(secret.open(QIODevice::WriteOnly));
    secret.write(kApiKey + '\n');
    secret.close();
}

void tst_SendGridE2e::addTestPollQuery()
{
    const Run init = run({u"init"_s, u"--workspace"_s, m_workspace, u"--key-file"_s, m_keyFile});
    QVERIFY2(init.code == 0, init.describe().constData());

    const Run types = run(QStringList{u"service"_s} + ws() + QStringList{u"types"_s});
    QVERIFY2(types.code == 0 && types.out.contains("\"sendgrid\""), types.describe().constData());

    const Run add = run(QStringList{u"service"_s} + ws()
                        + QStringList{u"add"_s, u"--project"_s, u"shop"_s, u"--type"_s, u"sendgrid"_s, u"--name"_s,
                                      u"mail"_s, u"--set"_s, u"categories=welcome"_s, u"--secret"_s,
                                      u"api_key=@"_s + m_secretFile, u"--base-url"_s, m_server.url().toString()});
    QVERIFY2(add.code == 0, add.describe().constData());
    const QString id = QString::number(add.lines().value(0).value(u"id"_s).toInteger());
    QVERIFY(id != u"0"_s);

    const Run test = run(QStringList{u"service"_s} + ws() + QStringList{u"test"_s, id});
    QVERIFY2(test.code == 0 && test.lines().value(0).value(u"ok"_s).toBool(), test.describe().constData());
    QCOMPARE(m_server.requests().last().path, u"/v3/scopes"_s);

    m_server.clearRequests();
    const Run poll = run(QStringList{u"poll"_s} + ws() + QStringList{u"--once"_s});
    QVERIFY2(poll.code == 0, poll.describe().constData());
    const QJsonObject outcome = poll.lines().value(0);
    QCOMPARE(outcome.value(u"state"_s).toString(), u"ok"_s);
    // The first poll reaches back a year: 12 global and 12 category requests of at most 31 days.
    QCOMPARE(m_server.requestCount(), 24);
    const QDate today = QDateTime::currentDateTimeUtc().date();
    const qint64 days = today.addDays(-365).daysTo(today) + 1;
    QCOMPARE(outcome.value(u"samples"_s).toInteger(), days * 16 * 2);

    // Yesterday's delivered count, for the whole account and for the category.
    const QDate yesterday = today.addDays(-1);
    const qint64 from = yesterday.startOfDay(QTimeZone::utc()).toMSecsSinceEpoch();
    const QStringList range{u"--from"_s, QString::number(from), u"--to"_s, QString::number(from + 86'400'000),
                            u"--step"_s, u"1d"_s, u"--agg"_s, u"sum"_s};
    const Run query = run(QStringList{u"query"_s} + ws() + QStringList{u"--metric"_s, u"sendgrid.delivered"_s} + range);
    QVERIFY2(query.code == 0, query.describe().constData());
    const QList<QJsonObject> series = query.lines();
    QCOMPARE(series.size(), 2);
    for (const QJsonObject &one : series) {
        const QJsonObject labels = one.value(u"labels"_s).toObject();
        QCOMPARE(labels.value(u"project"_s).toString(), u"shop"_s);
        QCOMPARE(labels.value(u"service"_s).toString(), u"mail"_s);
        const bool category = labels.contains(u"category"_s);
        if (category)
            QCOMPARE(labels.value(u"category"_s).toString(), u"welcome"_s);
        const QJsonArray points = one.value(u"points"_s).toArray();
        QCOMPARE(points.size(), 1);
        QCOMPARE(points.at(0).toArray().at(0).toInteger(), from);
        QCOMPARE(points.at(0).toArray().at(1).toDouble(), double(valueFor(yesterday, category ? 1 : 0, 2)));
    }
}

void tst_SendGridE2e::secretAppearsNowhere()
{
    QVERIFY(!m_transcript.isEmpty());
    QVERIFY2(!m_transcript.contains(kApiKey), "the API key was printed");
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
        QVERIFY2(!bytes.contains(kApiKey.mid(3, 20)), qPrintable(u"part of the API key is in "_s + path));
        ++files;
    }
    QVERIFY(QFile::exists(m_workspace + u"/metrics.db"_s));
    QVERIFY(files >= 2);
}

QTEST_GUILESS_MAIN(tst_SendGridE2e)
#include "tst_sendgride2e.moc"
