// stackscoped used the way a script uses it: exit codes, the messages on stdout and stderr, and the bytes of the
// workspace files, which a refused or failed command must leave exactly as they were.
#include "clihelpers.h"

#include <QDateTime>
#include <QJsonArray>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#include <sys/stat.h>

using namespace stackscope::clitest;
using namespace Qt::StringLiterals;

namespace {

struct Workspace
{
    QString dir;
    QString key;
    QStringList args() const { return {u"--workspace"_s, dir, u"--key-file"_s, key}; }
    QString db() const { return dir + u"/metrics.db"_s; }
    QString meta() const { return dir + u"/workspace.json"_s; }
    bool isValid() const { return !dir.isEmpty(); }
};

unsigned fileMode(const QString &path)
{
    struct stat info = {};
    if (::stat(QFile::encodeName(path).constData(), &info) != 0)
        return 0;
    return unsigned(info.st_mode) & 07777u;
}

QJsonObject labelsOf(const QJsonObject &series)
{
    return series.value(u"labels"_s).toObject();
}

QList<QPair<qint64, double>> pointsOf(const QJsonObject &series)
{
    QList<QPair<qint64, double>> points;
    for (const QJsonValue &point : series.value(u"points"_s).toArray())
        points.append({qint64(point.toArray().at(0).toDouble()), point.toArray().at(1).toDouble()});
    return points;
}

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    // init and key files
    void initCreatesWorkspaceAndPrivateKeyFile();
    void initRefusesExistingWorkspace();
    void initRefusesExistingKeyFile();
    void keyFileProblems_data();
    void keyFileProblems();

    // import
    void importValidLines();
    void importReportsBadLines_data();
    void importReportsBadLines();
    void importLineNumbersAndBlankLines();
    void importStrictRefusesEverything_data();
    void importStrictRefusesEverything();
    void importStrictAcceptsCleanInput();
    void importFromStdin();
    void importEmptyInput_data();
    void importEmptyInput();
    void importCrlf();
    void importArgumentErrors_data();
    void importArgumentErrors();

    // query
    void queryPicksTier_data();
    void queryPicksTier();
    void queryAggregates_data();
    void queryAggregates();
    void queryLabelFilter_data();
    void queryLabelFilter();
    void resentSampleLastWriteWins();
    void queryBadArguments_data();
    void queryBadArguments();

    // foreign, damaged and missing files
    void wrongKey_data();
    void wrongKey();
    void truncatedDatabase_data();
    void truncatedDatabase();
    void corruptDatabaseUnreadable_data();
    void corruptDatabaseUnreadable();
    void corruptDatabaseFoundByVerify();
    void deletedDatabase_data();
    void deletedDatabase();
    void noWorkspace();

    // stats and maintain
    void statsKeys();
    void maintainCompactsAndKeepsAnswers();

    // help and usage
    void subcommandHelp_data();
    void subcommandHelp();
    void topLevelUsage_data();
    void topLevelUsage();

    // Last on purpose: looks at everything the tests above printed and wrote.
    void noSecretAnywhere();

private:
    Run run(const QStringList &arguments, const QByteArray &input = {}, bool feedStdin = false);
    Run runOn(const Workspace &ws, const QString &command, const QStringList &arguments = {},
              const QByteArray &input = {}, bool feedStdin = false);
    QString newPath(const QString &stem);
    QString writeInput(const QByteArray &content);
    Workspace newWorkspace();
    Workspace copyOf(const Workspace &source);
    QStringList commandArguments(const QString &command) const;
    // One point of one series (QVERIFY-friendly: nullopt, with a warning, when the answer is not that shape).
    std::optional<double> single(const Workspace &ws, const QString &step, const QString &agg, QString *tier = nullptr);
    QByteArray aggLines() const;
    QByteArray tierLines() const;

    QTemporaryDir m_root;
    QString m_home;
    int m_counter = 0;
    QByteArray m_transcript;        // every byte any stackscoped printed
    QList<QByteArray> m_keyHexes;   // of every key file the tests made
    qint64 m_now = 0;
    qint64 m_dayStart = 0;          // today, 00:00 UTC
    qint64 m_base = 0;              // two days ago, 01:00 UTC: the small known data set
    qint64 m_anchor = 0;            // yesterday, 00:00 UTC: the per-minute data runs from 7 days before to here + 1d
    Workspace m_shared;             // read-only for every test: agg + tier data
    Workspace m_other;              // an empty second workspace (its key is the "wrong key")
    QString m_smallInput;           // three valid lines
};

// ---- helpers ----------------------------------------------------------------------------------------------

Run TestCli::run(const QStringList &arguments, const QByteArray &input, bool feedStdin)
{
    Run result = runDaemon(arguments, m_home, input, feedStdin);
    m_transcript += result.out;
    m_transcript += result.err;
    return result;
}

Run TestCli::runOn(const Workspace &ws, const QString &command, const QStringList &arguments, const QByteArray &input,
                   bool feedStdin)
{
    return run(QStringList{command} + ws.args() + arguments, input, feedStdin);
}

QString TestCli::newPath(const QString &stem)
{
    return m_root.filePath(stem + u'-' + QString::number(++m_counter));
}

QString TestCli::writeInput(const QByteArray &content)
{
    const QString path = newPath(u"input"_s) + u".ndjson"_s;
    if (!writeAll(path, content))
        qWarning("cannot write %s", qPrintable(path));
    return path;
}

Workspace TestCli::newWorkspace()
{
    Workspace ws{newPath(u"ws"_s), QString()};
    ws.key = ws.dir + u".key"_s;
    const Run init = run({u"init"_s, u"--workspace"_s, ws.dir, u"--key-file"_s, ws.key});
    if (init.code != Ok) {
        qWarning("init failed: %s", init.describe().constData());
        return {};
    }
    m_keyHexes.append(readAll(ws.key).trimmed());
    return ws;
}

Workspace TestCli::copyOf(const Workspace &source)
{
    Workspace copy{newPath(u"copy"_s), source.key};
    if (!QDir().mkpath(copy.dir) || !QFile::copy(source.meta(), copy.meta()) || !QFile::copy(source.db(), copy.db())) {
        qWarning("cannot copy %s", qPrintable(source.dir));
        return {};
    }
    return copy;
}

QStringList TestCli::commandArguments(const QString &command) const
{
    if (command == u"query")
        return {u"--metric"_s, u"agg"_s, u"--from"_s, ms(m_base), u"--to"_s, ms(m_base + kHour)};
    if (command == u"import")
        return {m_smallInput};
    return {};
}

std::optional<double> TestCli::single(const Workspace &ws, const QString &step, const QString &agg, QString *tier)
{
    const Run r = runOn(ws, u"query"_s,
                        {u"--metric"_s, u"agg"_s, u"--label"_s, u"host=a"_s, u"--from"_s, ms(m_base), u"--to"_s,
                         ms(m_base + kHour), u"--step"_s, step, u"--agg"_s, agg});
    const QList<QJsonObject> series = r.jsonLines();
    if (r.code != Ok || series.size() != 1 || pointsOf(series.first()).size() != 1) {
        qWarning("query --step %s --agg %s: %s", qPrintable(step), qPrintable(agg), r.describe().constData());
        return std::nullopt;
    }
    if (tier)
        *tier = series.first().value(u"tier"_s).toString();
    return pointsOf(series.first()).first().second;
}

// The small known data set: host=a gets 3, 1, 4, 1, 5 one second apart; host=b (role=db) gets 100 and 200.
QByteArray TestCli::aggLines() const
{
    QByteArray lines;
    const double values[] = {3, 1, 4, 1, 5};
    for (int i = 0; i < 5; ++i)
        lines += sampleLine("agg", R"({"host":"a"})", m_base + i * kSecond, values[i]) + '\n';
    lines += sampleLine("agg", R"({"host":"b","role":"db"})", m_base, 100) + '\n';
    lines += sampleLine("agg", R"({"role":"db","host":"b"})", m_base + kSecond, 200) + '\n';
    return lines;
}

// One sample (value 1) per minute for 8 days: anchor - 7d up to anchor + 1d (exclusive).
QByteArray TestCli::tierLines() const
{
    QByteArray lines;
    for (qint64 ts = m_anchor - 7 * kDay; ts < m_anchor + kDay; ts += kMinute)
        lines += sampleLine("tier", R"({"host":"t"})", ts, 1) + '\n';
    return lines;
}

void TestCli::initTestCase()
{
    QVERIFY(m_root.isValid());
    QVERIFY2(QFileInfo(daemonPath()).isExecutable(), qPrintable(daemonPath()));
    m_home = m_root.filePath(u"home"_s);
    QVERIFY(QDir().mkpath(m_home));

    m_now = QDateTime::currentMSecsSinceEpoch();
    m_dayStart = floorTo(m_now, kDay);
    m_base = m_dayStart - 2 * kDay + kHour;
    m_anchor = m_dayStart - kDay;

    m_smallInput = writeInput(sampleLine("small", {}, m_base, 1) + '\n' + sampleLine("small", {}, m_base + 1000, 2)
                              + '\n' + sampleLine("small", {}, m_base + 2000, 3) + '\n');

    m_shared = newWorkspace();
    QVERIFY(m_shared.isValid());
    m_other = newWorkspace();
    QVERIFY(m_other.isValid());
    const Run imported = runOn(m_shared, u"import"_s, {writeInput(aggLines() + tierLines())});
    QVERIFY2(imported.code == Ok, imported.describe().constData());
    QCOMPARE(imported.json().value(u"imported"_s).toInt(), 7 + 8 * 1440);
}

// ---- init and key files -----------------------------------------------------------------------------------

void TestCli::initCreatesWorkspaceAndPrivateKeyFile()
{
    const QString dir = newPath(u"fresh"_s);
    const QString key = dir + u".key"_s;
    const Run r = run({u"init"_s, u"--workspace"_s, dir, u"--key-file"_s, key, u"--name"_s, u"My workspace"_s});
    QVERIFY2(r.code == Ok, r.describe().constData());
    m_keyHexes.append(readAll(key).trimmed());

    const QJsonObject out = r.json();
    QCOMPARE(out.value(u"workspace"_s).toString(), QDir(dir).absolutePath());
    QCOMPARE(out.value(u"key"_s).toString(), u"key-file"_s);
    QVERIFY(out.value(u"schema"_s).toInt() >= 1);
    const QString id = out.value(u"id"_s).toString();
    QVERIFY2(QRegularExpression(u"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"_s).match(id).hasMatch(),
             qPrintable(id));

    // The key file: exactly 0600, 64 hex digits and a newline.
    QCOMPARE(fileMode(key), 0600u);
    QVERIFY(QRegularExpression(u"^[0-9a-f]{64}\n$"_s).match(QString::fromLatin1(readAll(key))).hasMatch());
    QCOMPARE(fileMode(dir), 0700u);

    // workspace.json names the workspace; the database is encrypted (no plain SQLite header) and whole pages.
    const QJsonObject meta = QJsonDocument::fromJson(readAll(dir + u"/workspace.json"_s)).object();
    QCOMPARE(meta.value(u"id"_s).toString(), id);
    QCOMPARE(meta.value(u"name"_s).toString(), u"My workspace"_s);
    QVERIFY(QRegularExpression(u"^[0-9a-f]{32}$"_s).match(meta.value(u"key_check"_s).toString()).hasMatch());
    const QByteArray db = readAll(dir + u"/metrics.db"_s);
    QVERIFY(db.size() >= 4096);
    QCOMPARE(db.size() % 4096, 0);
    QVERIFY(!db.startsWith("SQLite format 3"));

    // And it opens with that key.
    const Run stats = run({u"stats"_s, u"--workspace"_s, dir, u"--key-file"_s, key});
    QVERIFY2(stats.code == Ok, stats.describe().constData());
    QCOMPARE(stats.json().value(u"series"_s).toInt(-1), 0);
}

void TestCli::initRefusesExistingWorkspace()
{
    const Workspace ws = newWorkspace();
    QVERIFY(ws.isValid());
    const QString before = snapshot(ws.dir);
    const QByteArray keyBefore = readAll(ws.key);

    // Same key file, and a new key file name: both refused, nothing created or changed.
    const QString newKey = newPath(u"unused"_s) + u".key"_s;
    for (const QString &key : {ws.key, newKey}) {
        const Run r = run({u"init"_s, u"--workspace"_s, ws.dir, u"--key-file"_s, key});
        QVERIFY2(r.code == Usage, r.describe().constData());
        QVERIFY2(r.err.contains("already holds a workspace"), r.describe().constData());
        QVERIFY(r.out.isEmpty());
        QCOMPARE(snapshot(ws.dir), before);
        QCOMPARE(readAll(ws.key), keyBefore);
        QVERIFY(!QFileInfo::exists(newKey));
    }

    // A directory with only one of the two files is still a workspace.
    const Workspace halfGone = copyOf(ws);
    QVERIFY(halfGone.isValid());
    QVERIFY(QFile::remove(halfGone.meta()));
    const QString halfBefore = snapshot(halfGone.dir);
    const Run r = run({u"init"_s, u"--workspace"_s, halfGone.dir, u"--key-file"_s, newKey});
    QVERIFY2(r.code == Usage, r.describe().constData());
    QCOMPARE(snapshot(halfGone.dir), halfBefore);
    QVERIFY(!QFileInfo::exists(newKey));
}

void TestCli::initRefusesExistingKeyFile()
{
    const QString dir = newPath(u"fresh"_s);
    const QString key = m_other.key; // exists already
    const QByteArray keyBefore = readAll(key);
    const Run r = run({u"init"_s, u"--workspace"_s, dir, u"--key-file"_s, key});
    QVERIFY2(r.code == Usage, r.describe().constData());
    QVERIFY2(r.err.contains("already exists"), r.describe().constData());
    QCOMPARE(readAll(key), keyBefore);
    QVERIFY(!QFileInfo::exists(dir + u"/workspace.json"_s));
    QVERIFY(!QFileInfo::exists(dir + u"/metrics.db"_s));
}

void TestCli::keyFileProblems_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<int>("mode");          // -1: no file at all; -2: a directory
    QTest::addColumn<QByteArray>("content"); // empty: a copy of the right key
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QStringList>("fragments");

    const QStringList chmod = {u"chmod 600"_s};
    QTest::newRow("0644 stats") << u"stats"_s << 0644 << QByteArray() << int(Usage) << QStringList{u"chmod 600"_s, u"0644"_s};
    QTest::newRow("0640 query") << u"query"_s << 0640 << QByteArray() << int(Usage) << QStringList{u"chmod 600"_s, u"0640"_s};
    QTest::newRow("0604 import") << u"import"_s << 0604 << QByteArray() << int(Usage) << chmod;
    QTest::newRow("0666 verify") << u"verify"_s << 0666 << QByteArray() << int(Usage) << chmod;
    QTest::newRow("0660 maintain") << u"maintain"_s << 0660 << QByteArray() << int(Usage) << chmod;
    QTest::newRow("missing stats") << u"stats"_s << -1 << QByteArray() << int(KeyMissing) << QStringList{u"does not exist"_s};
    QTest::newRow("missing import") << u"import"_s << -1 << QByteArray() << int(KeyMissing) << QStringList{u"does not exist"_s};
    QTest::newRow("missing query") << u"query"_s << -1 << QByteArray() << int(KeyMissing) << QStringList{u"does not exist"_s};
    QTest::newRow("not hex") << u"stats"_s << 0600 << QByteArray(64, 'z') << int(Usage)
                             << QStringList{u"not a valid Stackscope key"_s};
    QTest::newRow("too short") << u"stats"_s << 0600 << QByteArray("abcdef\n") << int(Usage)
                               << QStringList{u"not a valid Stackscope key"_s};
    QTest::newRow("directory") << u"stats"_s << -2 << QByteArray() << int(Usage) << QStringList{u"not a regular file"_s};
}

void TestCli::keyFileProblems()
{
    QFETCH(QString, command);
    QFETCH(int, mode);
    QFETCH(QByteArray, content);
    QFETCH(int, exitCode);
    QFETCH(QStringList, fragments);

    const QString key = newPath(u"problem"_s) + u".key"_s;
    if (mode == -2) {
        QVERIFY(QDir().mkpath(key));
    } else if (mode >= 0) {
        QVERIFY(writeAll(key, content.isEmpty() ? readAll(m_shared.key) : content));
        QCOMPARE(::chmod(QFile::encodeName(key).constData(), mode_t(mode)), 0);
    }
    const Workspace ws{m_shared.dir, key};
    const QString before = snapshot(ws.dir);
    const Run r = runOn(ws, command, commandArguments(command));
    QVERIFY2(r.code == exitCode, r.describe().constData());
    for (const QString &fragment : fragments)
        QVERIFY2(r.err.contains(fragment.toUtf8()), r.describe().constData());
    QCOMPARE(r.errLines().size(), 1);
    QVERIFY2(r.out.isEmpty(), r.describe().constData());
    QCOMPARE(snapshot(ws.dir), before);
    if (mode >= 0)
        QCOMPARE(fileMode(key), unsigned(mode)); // never "fixed" behind the user's back
    if (mode == -1)
        QVERIFY(!QFileInfo::exists(key));
}

// ---- import -----------------------------------------------------------------------------------------------

void TestCli::importValidLines()
{
    const Workspace ws = newWorkspace();
    QVERIFY(ws.isValid());
    const auto rfc = [](qint64 ts, int offsetSeconds) {
        const QDateTime time = offsetSeconds == 0 ? QDateTime::fromMSecsSinceEpoch(ts, Qt::UTC)
                                                  : QDateTime::fromMSecsSinceEpoch(ts, QTimeZone(offsetSeconds));
        return time.toString(Qt::ISODateWithMs).toUtf8();
    };
    QByteArray spaceLower = rfc(m_base + 3000, 0);       // 2026-...T01:00:03.000Z
    spaceLower.replace('T', ' ').replace("Z", "999z");   // space separator, nanoseconds, lower-case zone
    QVERIFY2(spaceLower.endsWith(".000999z"), spaceLower.constData());

    const QByteArray labels = R"({"host":"a","n":3,"ok":true})";
    const QByteArray input = sampleLine("web.latency", labels, m_base, 10) + '\n'
                             + sampleLine("web.latency", labels, '"' + rfc(m_base + 1000, 0) + '"', 11) + '\n'
                             + sampleLine("web.latency", labels, '"' + rfc(m_base + 2000, 7200) + '"', 12) + '\n'
                             + sampleLine("web.latency", labels, '"' + spaceLower + '"', 13) + '\n'
                             + sampleLine("web.latency", {}, m_base + 4000, 14) + '\n'
                             + R"({"value":15.5,"labels":null,"ts":)" + QByteArray::number(m_base + 5000)
                             + R"(,"metric":"web.latency"})" + '\n';
    QVERIFY(input.contains("+02:00"));
    const Run r = runOn(ws, u"import"_s, {writeInput(input)});
    QVERIFY2(r.code == Ok, r.describe().constData());
    QCOMPARE(r.outLines().size(), 1);
    QCOMPARE(r.outLines().first(), QByteArray(R"({"imported":6,"rejected":0})"));
    QVERIFY2(!r.err.contains("import: line"), r.describe().constData());

    const Run q = runOn(ws, u"query"_s, {u"--metric"_s, u"web.latency"_s, u"--from"_s, ms(m_base), u"--to"_s,
                                         ms(m_base + kHour), u"--points"_s, u"3600"_s});
    QVERIFY2(q.code == Ok, q.describe().constData());
    const QList<QJsonObject> series = q.jsonLines();
    QCOMPARE(series.size(), 2);
    QList<QPair<qint64, double>> labelled, plain;
    for (const QJsonObject &s : series) {
        QCOMPARE(s.value(u"tier"_s).toString(), u"raw"_s);
        QCOMPARE(s.value(u"metric"_s).toString(), u"web.latency"_s);
        if (labelsOf(s).isEmpty())
            plain = pointsOf(s);
        else {
            QCOMPARE(labelsOf(s), (QJsonObject{{u"host"_s, u"a"_s}, {u"n"_s, u"3"_s}, {u"ok"_s, u"true"_s}}));
            labelled = pointsOf(s);
        }
    }
    const QList<QPair<qint64, double>> expectLabelled = {
        {m_base, 10}, {m_base + 1000, 11}, {m_base + 2000, 12}, {m_base + 3000, 13}};
    const QList<QPair<qint64, double>> expectPlain = {{m_base + 4000, 14}, {m_base + 5000, 15.5}};
    QCOMPARE(labelled, expectLabelled);
    QCOMPARE(plain, expectPlain);

    // Number and boolean label values are matched as their text.
    const Run filtered = runOn(ws, u"query"_s, {u"--metric"_s, u"web.latency"_s, u"--from"_s, ms(m_base), u"--to"_s,
                                                ms(m_base + kHour), u"--label"_s, u"n=3"_s, u"--label"_s, u"ok=true"_s});
    QVERIFY2(filtered.code == Ok, filtered.describe().constData());
    QCOMPARE(filtered.jsonLines().size(), 1);
}

void TestCli::importReportsBadLines_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QByteArray>("message");

    const QByteArray ts = QByteArray::number(QDateTime::currentMSecsSinceEpoch() - kDay);
    QTest::newRow("not JSON") << QByteArray("this is not json") << QByteArray("not valid JSON");
    QTest::newRow("truncated JSON") << QByteArray(R"({"metric":"m","ts":)" + ts) << QByteArray("not valid JSON");
    QTest::newRow("NaN literal") << QByteArray(R"({"metric":"m","ts":)" + ts + R"(,"value":NaN})")
                                 << QByteArray("not valid JSON");
    QTest::newRow("array") << QByteArray("[1,2,3]") << QByteArray("expected a JSON object");
    QTest::newRow("missing metric") << QByteArray(R"({"ts":)" + ts + R"(,"value":1})")
                                    << QByteArray(R"("metric" is missing or not a string)");
    QTest::newRow("metric not a string") << QByteArray(R"({"metric":7,"ts":)" + ts + R"(,"value":1})")
                                         << QByteArray(R"("metric" is missing or not a string)");
    QTest::newRow("empty metric") << QByteArray(R"({"metric":"","ts":)" + ts + R"(,"value":1})")
                                  << QByteArray(R"("metric" must not be empty)");
    QTest::newRow("missing value") << QByteArray(R"({"metric":"m","ts":)" + ts + "}")
                                   << QByteArray(R"("value" is missing or not a number)");
    QTest::newRow("value string") << QByteArray(R"({"metric":"m","ts":)" + ts + R"(,"value":"12"})")
                                  << QByteArray(R"("value" is missing or not a number)");
    QTest::newRow("value \"NaN\"") << QByteArray(R"({"metric":"m","ts":)" + ts + R"(,"value":"NaN"})")
                                   << QByteArray(R"("value" is missing or not a number)");
    QTest::newRow("value null") << QByteArray(R"({"metric":"m","ts":)" + ts + R"(,"value":null})")
                                << QByteArray(R"("value" is missing or not a number)");
    QTest::newRow("missing ts") << QByteArray(R"({"metric":"m","value":1})") << QByteArray(R"("ts" is missing)");
    QTest::newRow("ts after 2200") << QByteArray(R"({"metric":"m","ts":7258118400000,"value":1})")
                                   << QByteArray(R"("ts" is outside the years 1970 to 2200)");
    QTest::newRow("ts negative") << QByteArray(R"({"metric":"m","ts":-1,"value":1})")
                                 << QByteArray(R"("ts" is outside the years 1970 to 2200)");
    QTest::newRow("ts beyond int64") << QByteArray(R"({"metric":"m","ts":18446744073709551615,"value":1})")
                                     << QByteArray(R"("ts" is outside the years 1970 to 2200)");
    QTest::newRow("ts fraction") << QByteArray(R"({"metric":"m","ts":1767225600000.5,"value":1})")
                                 << QByteArray(R"("ts" must be whole Unix milliseconds or an RFC 3339 string)");
    QTest::newRow("ts no zone") << QByteArray(R"({"metric":"m","ts":"2026-01-01T00:00:00","value":1})")
                                << QByteArray("is not an RFC 3339 time with a zone");
    QTest::newRow("ts month 13") << QByteArray(R"({"metric":"m","ts":"2026-13-01T00:00:00Z","value":1})")
                                 << QByteArray("is not a valid date and time");
    QTest::newRow("labels array") << QByteArray(R"({"metric":"m","ts":)" + ts + R"(,"value":1,"labels":["a"]})")
                                  << QByteArray(R"("labels" must be an object)");
    QTest::newRow("labels string") << QByteArray(R"({"metric":"m","ts":)" + ts + R"(,"value":1,"labels":"a=b"})")
                                   << QByteArray(R"("labels" must be an object)");
    QTest::newRow("label value object") << QByteArray(R"({"metric":"m","ts":)" + ts + R"(,"value":1,"labels":{"a":{}}})")
                                        << QByteArray(R"(label "a" must be a string, number or boolean)");
}

void TestCli::importReportsBadLines()
{
    QFETCH(QByteArray, line);
    QFETCH(QByteArray, message);

    const Workspace ws = newWorkspace();
    QVERIFY(ws.isValid());
    const QByteArray input = sampleLine("m", {}, m_base, 1) + '\n' + line + '\n' + sampleLine("m", {}, m_base + 1000, 2) + '\n';
    const Run r = runOn(ws, u"import"_s, {writeInput(input)});
    QVERIFY2(r.code == Ok, r.describe().constData());
    QCOMPARE(r.outLines().first(), QByteArray(R"({"imported":2,"rejected":1})"));
    const QByteArray reported = r.err.mid(r.err.indexOf("stackscoped: import: line 2: ")).split('\n').value(0);
    QVERIFY2(reported.startsWith("stackscoped: import: line 2: ") && reported.contains(message), r.describe().constData());
    QCOMPARE(r.err.count("import: line"), 1);

    const Run q = runOn(ws, u"query"_s, {u"--metric"_s, u"m"_s, u"--from"_s, ms(m_base), u"--to"_s, ms(m_base + kHour),
                                         u"--points"_s, u"3600"_s});
    QVERIFY2(q.code == Ok, q.describe().constData());
    QCOMPARE(q.jsonLines().size(), 1);
    const QList<QPair<qint64, double>> expected = {{m_base, 1}, {m_base + 1000, 2}};
    QCOMPARE(pointsOf(q.jsonLines().first()), expected);
}

void TestCli::importLineNumbersAndBlankLines()
{
    const Workspace ws = newWorkspace();
    QVERIFY(ws.isValid());
    const QByteArray input = sampleLine("m", {}, m_base, 1) + "\n"  // 1
                             "\n"                                   // 2: blank, skipped
                             "{oops\n"                              // 3
                             + sampleLine("m", {}, m_base + 1000, 2) + "\n" // 4
                             "   \t \n"                             // 5: blank
                             R"({"metric":"m","ts":1,"value":1,"labels":[]})" "\n" // 6
                             + sampleLine("m", {}, m_base + 2000, 3) + "\n" // 7
                             R"({"metric":"m","value":1})";          // 8, no final newline
    const Run r = runOn(ws, u"import"_s, {writeInput(input)});
    QVERIFY2(r.code == Ok, r.describe().constData());
    QCOMPARE(r.outLines().first(), QByteArray(R"({"imported":3,"rejected":3})"));
    QVERIFY2(r.err.contains("import: line 3: not valid JSON"), r.describe().constData());
    QVERIFY2(r.err.contains(R"(import: line 6: "labels" must be an object)"), r.describe().constData());
    QVERIFY2(r.err.contains(R"(import: line 8: "ts" is missing)"), r.describe().constData());
    QCOMPARE(r.err.count("import: line"), 3);
}

void TestCli::importStrictRefusesEverything_data()
{
    QTest::addColumn<bool>("viaStdin");
    QTest::newRow("file") << false;
    QTest::newRow("stdin") << true;
}

void TestCli::importStrictRefusesEverything()
{
    QFETCH(bool, viaStdin);
    const Workspace ws = newWorkspace();
    QVERIFY(ws.isValid());
    const QByteArray input = sampleLine("strict", {}, m_base, 1) + "\nnot json\n" + sampleLine("strict", {}, m_base + 1000, 2)
                             + "\n" R"({"metric":"strict","ts":1,"value":"x"})" "\n";
    const QString before = snapshot(ws.dir);
    const Run r = viaStdin ? runOn(ws, u"import"_s, {u"--strict"_s, u"-"_s}, input, true)
                           : runOn(ws, u"import"_s, {u"--strict"_s, writeInput(input)});
    QVERIFY2(r.code == InputRejected, r.describe().constData());
    QCOMPARE(r.outLines().size(), 1);
    QCOMPARE(r.outLines().first(), QByteArray(R"({"imported":0,"rejected":2})"));
    QVERIFY2(r.err.contains("import: line 2: not valid JSON"), r.describe().constData());
    QVERIFY2(r.err.contains(R"(import: line 4: "value" is missing or not a number)"), r.describe().constData());
    QVERIFY2(r.err.contains("refused") && r.err.contains("nothing was imported"), r.describe().constData());
    QCOMPARE(snapshot(ws.dir), before);

    // Nothing there: no series of the metric, none at all in stats.
    const Run q = runOn(ws, u"query"_s, {u"--metric"_s, u"strict"_s, u"--from"_s, ms(m_base), u"--to"_s, ms(m_base + kHour)});
    QVERIFY2(q.code == Ok, q.describe().constData());
    QVERIFY2(q.out.isEmpty(), q.describe().constData());
    QVERIFY2(q.err.contains(R"(query: no series of "strict" matches)"), q.describe().constData());
    const Run stats = runOn(ws, u"stats"_s);
    QVERIFY2(stats.code == Ok, stats.describe().constData());
    QCOMPARE(stats.json().value(u"series"_s).toInt(-1), 0);
    QCOMPARE(stats.json().value(u"samples"_s).toObject().value(u"raw"_s).toInt(-1), 0);
}

void TestCli::importStrictAcceptsCleanInput()
{
    const Workspace ws = newWorkspace();
    QVERIFY(ws.isValid());
    const QByteArray input = aggLines();
    for (const bool viaStdin : {false, true}) {
        const Run r = viaStdin ? runOn(ws, u"import"_s, {u"--strict"_s, u"-"_s}, input, true)
                               : runOn(ws, u"import"_s, {u"--strict"_s, writeInput(input)});
        QVERIFY2(r.code == Ok, r.describe().constData());
        QCOMPARE(r.outLines().first(), QByteArray(R"({"imported":7,"rejected":0})"));
    }
    // The second import re-sent the same samples: still 7.
    QCOMPARE(single(ws, u"1h"_s, u"count"_s), std::optional<double>(5));
}

void TestCli::importFromStdin()
{
    const Workspace ws = newWorkspace();
    QVERIFY(ws.isValid());
    const QByteArray input = aggLines() + "nope\n";
    const Run r = runOn(ws, u"import"_s, {u"-"_s}, input, true);
    QVERIFY2(r.code == Ok, r.describe().constData());
    QCOMPARE(r.outLines().first(), QByteArray(R"({"imported":7,"rejected":1})"));
    QVERIFY2(r.err.contains("import: line 8: not valid JSON"), r.describe().constData());
    QCOMPARE(single(ws, u"30s"_s, u"sum"_s), std::optional<double>(14));
}

void TestCli::importEmptyInput_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<bool>("viaStdin");
    QTest::addColumn<bool>("strict");
    QTest::newRow("empty file") << QByteArray() << false << false;
    QTest::newRow("empty file strict") << QByteArray() << false << true;
    QTest::newRow("blank lines") << QByteArray("\n\n  \n") << false << false;
    QTest::newRow("blank CRLF lines") << QByteArray("\r\n\r\n") << false << false;
    QTest::newRow("empty stdin") << QByteArray() << true << false;
    QTest::newRow("empty stdin strict") << QByteArray() << true << true;
}

void TestCli::importEmptyInput()
{
    QFETCH(QByteArray, content);
    QFETCH(bool, viaStdin);
    QFETCH(bool, strict);
    const Workspace ws = newWorkspace();
    QVERIFY(ws.isValid());
    const QString before = snapshot(ws.dir);
    QStringList args = strict ? QStringList{u"--strict"_s} : QStringList();
    args << (viaStdin ? u"-"_s : writeInput(content));
    const Run r = runOn(ws, u"import"_s, args, content, viaStdin);
    QVERIFY2(r.code == Ok, r.describe().constData());
    QCOMPARE(r.outLines().size(), 1);
    QCOMPARE(r.outLines().first(), QByteArray(R"({"imported":0,"rejected":0})"));
    QVERIFY2(!r.err.contains("import:"), r.describe().constData());
    QCOMPARE(snapshot(ws.dir), before);
}

void TestCli::importCrlf()
{
    const Workspace ws = newWorkspace();
    QVERIFY(ws.isValid());
    QByteArray input = aggLines();
    input.replace("\n", "\r\n");
    input += "bad line\r\n" + sampleLine("agg", R"({"host":"c"})", m_base, 7); // no final CRLF
    const Run r = runOn(ws, u"import"_s, {writeInput(input)});
    QVERIFY2(r.code == Ok, r.describe().constData());
    QCOMPARE(r.outLines().first(), QByteArray(R"({"imported":8,"rejected":1})"));
    QVERIFY2(r.err.contains("import: line 8: not valid JSON"), r.describe().constData());

    const Run q = runOn(ws, u"query"_s, {u"--metric"_s, u"agg"_s, u"--from"_s, ms(m_base), u"--to"_s, ms(m_base + kHour),
                                         u"--step"_s, u"1h"_s, u"--agg"_s, u"sum"_s});
    QVERIFY2(q.code == Ok, q.describe().constData());
    QCOMPARE(q.jsonLines().size(), 3);
    QMap<QString, double> sums;
    for (const QJsonObject &s : q.jsonLines())
        sums.insert(labelsOf(s).value(u"host"_s).toString(), pointsOf(s).value(0).second);
    const QMap<QString, double> expected = {{u"a"_s, 14}, {u"b"_s, 300}, {u"c"_s, 7}};
    QCOMPARE(sums, expected); // no label value or metric picked up a '\r'
}

void TestCli::importArgumentErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QByteArray>("message");
    QTest::newRow("no file") << QStringList() << int(Usage) << QByteArray("import needs exactly one FILE");
    QTest::newRow("two files") << QStringList{u"a"_s, u"b"_s} << int(Usage) << QByteArray("import needs exactly one FILE");
    QTest::newRow("unknown option") << QStringList{u"--fast"_s, u"-"_s} << int(Usage) << QByteArray("Unknown option 'fast'");
    QTest::newRow("no such file") << QStringList{u"/nonexistent/input.ndjson"_s} << int(NotFound)
                                  << QByteArray("Cannot read /nonexistent/input.ndjson");
    QTest::newRow("no such file strict") << QStringList{u"--strict"_s, u"/nonexistent/input.ndjson"_s} << int(NotFound)
                                         << QByteArray("Cannot read /nonexistent/input.ndjson");
}

void TestCli::importArgumentErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QByteArray, message);
    const QString before = snapshot(m_shared.dir);
    const Run r = runOn(m_shared, u"import"_s, arguments);
    QVERIFY2(r.code == exitCode, r.describe().constData());
    QVERIFY2(r.err.contains(message), r.describe().constData());
    QCOMPARE(r.errLines().size(), 1);
    QVERIFY2(r.out.isEmpty(), r.describe().constData());
    QCOMPARE(snapshot(m_shared.dir), before);
}

// ---- query ------------------------------------------------------------------------------------------------

void TestCli::queryPicksTier_data()
{
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::addColumn<QStringList>("extra");
    QTest::addColumn<QString>("tier");
    QTest::addColumn<qint64>("stepMs");
    QTest::addColumn<int>("points");
    QTest::addColumn<int>("samples"); // the sum of the counts

    const qint64 t = m_anchor;
    const QString hour0 = ms(t), hour1 = ms(t + kHour), day1 = ms(t + kDay), week0 = ms(t - 7 * kDay);
    const auto points = [](int n) { return QStringList{u"--points"_s, QString::number(n)}; };
    const auto step = [](const QString &s) { return QStringList{u"--step"_s, s}; };

    // The rule: the coarsest tier whose bucket is not wider than the step (range / points, or --step).
    QTest::newRow("1h, 3600 points: raw") << hour0 << hour1 << points(3600) << u"raw"_s << qint64(1000) << 60 << 60;
    QTest::newRow("1h, default 1000 points: raw") << hour0 << hour1 << QStringList() << u"raw"_s << qint64(3600) << 60 << 60;
    QTest::newRow("1h, 61 points: raw") << hour0 << hour1 << points(61) << u"raw"_s << qint64(kHour / 61) << 60 << 60;
    QTest::newRow("1h, 60 points: 1m") << hour0 << hour1 << points(60) << u"1m"_s << kMinute << 60 << 60;
    QTest::newRow("1d, 1440 points: 1m") << hour0 << day1 << points(1440) << u"1m"_s << kMinute << 1440 << 1440;
    QTest::newRow("1d, 24 points: 1h") << hour0 << day1 << points(24) << u"1h"_s << kHour << 24 << 1440;
    QTest::newRow("7d, 168 points: 1h") << week0 << hour0 << points(168) << u"1h"_s << kHour << 168 << 7 * 1440;
    QTest::newRow("7d, 7 points: 1d") << week0 << hour0 << points(7) << u"1d"_s << kDay << 7 << 7 * 1440;
    QTest::newRow("--step 1s: raw") << hour0 << hour1 << step(u"1s"_s) << u"raw"_s << qint64(1000) << 60 << 60;
    QTest::newRow("--step 30s: raw") << hour0 << hour1 << step(u"30s"_s) << u"raw"_s << qint64(30'000) << 60 << 60;
    QTest::newRow("--step 59999ms: raw") << hour0 << hour1 << step(u"59999ms"_s) << u"raw"_s << qint64(59'999) << 60 << 60;
    QTest::newRow("--step 5m: 1m") << hour0 << hour1 << step(u"5m"_s) << u"1m"_s << 5 * kMinute << 12 << 60;
    QTest::newRow("--step 1h: 1h") << hour0 << day1 << step(u"1h"_s) << u"1h"_s << kHour << 24 << 1440;
    QTest::newRow("--step 6h: 1h") << hour0 << day1 << step(u"6h"_s) << u"1h"_s << 6 * kHour << 4 << 1440;
    QTest::newRow("--step 1d: 1d") << week0 << day1 << step(u"1d"_s) << u"1d"_s << kDay << 8 << 8 * 1440;
    // Retention: a tier is skipped when the range starts before what it still keeps (raw 30d, 1m 90d, 1h 396d).
    QTest::newRow("60d ago: 1m, not raw") << u"now-60d"_s << u"now-59d"_s << points(3600) << u"1m"_s << kMinute << 0 << 0;
    QTest::newRow("100d ago: 1h") << u"now-100d"_s << u"now-99d"_s << points(3600) << u"1h"_s << kHour << 0 << 0;
    QTest::newRow("500d ago: 1d") << u"now-500d"_s << u"now-499d"_s << points(3600) << u"1d"_s << kDay << 0 << 0;
}

void TestCli::queryPicksTier()
{
    QFETCH(QString, from);
    QFETCH(QString, to);
    QFETCH(QStringList, extra);
    QFETCH(QString, tier);
    QFETCH(qint64, stepMs);
    QFETCH(int, points);
    QFETCH(int, samples);

    const Run r = runOn(m_shared, u"query"_s,
                        QStringList{u"--metric"_s, u"tier"_s, u"--from"_s, from, u"--to"_s, to, u"--agg"_s, u"count"_s} + extra);
    QVERIFY2(r.code == Ok, r.describe().constData());
    const QList<QJsonObject> series = r.jsonLines();
    QCOMPARE(series.size(), 1);
    const QJsonObject s = series.first();
    QCOMPARE(s.value(u"metric"_s).toString(), u"tier"_s);
    QCOMPARE(labelsOf(s), (QJsonObject{{u"host"_s, u"t"_s}}));
    QCOMPARE(s.value(u"tier"_s).toString(), tier);
    QCOMPARE(qint64(s.value(u"step_ms"_s).toDouble()), stepMs);
    QCOMPARE(pointsOf(s).size(), points);
    QCOMPARE(sumOfPoints(series), double(samples));
}

void TestCli::queryAggregates_data()
{
    QTest::addColumn<QString>("step");
    QTest::addColumn<QString>("tier");
    QTest::addColumn<QString>("agg");
    QTest::addColumn<double>("expected");

    // host=a: 3, 1, 4, 1, 5 at base + 0..4 s (one bucket in every tier).
    const QList<QPair<QString, double>> aggs = {{u"min"_s, 1}, {u"max"_s, 5}, {u"sum"_s, 14},
                                                {u"count"_s, 5}, {u"last"_s, 5}, {u"avg"_s, 2.8}};
    const QList<QPair<QString, QString>> steps = {{u"30s"_s, u"raw"_s}, {u"1m"_s, u"1m"_s}, {u"1h"_s, u"1h"_s},
                                                  {u"1d"_s, u"1d"_s}};
    for (const auto &[step, tier] : steps) {
        for (const auto &[agg, expected] : aggs)
            QTest::addRow("%s %s", qPrintable(tier), qPrintable(agg)) << step << tier << agg << expected;
    }
}

void TestCli::queryAggregates()
{
    QFETCH(QString, step);
    QFETCH(QString, tier);
    QFETCH(QString, agg);
    QFETCH(double, expected);

    const Run r = runOn(m_shared, u"query"_s,
                        {u"--metric"_s, u"agg"_s, u"--label"_s, u"host=a"_s, u"--from"_s, ms(m_base), u"--to"_s,
                         ms(m_base + kHour), u"--step"_s, step, u"--agg"_s, agg});
    QVERIFY2(r.code == Ok, r.describe().constData());
    const QList<QJsonObject> series = r.jsonLines();
    QCOMPARE(series.size(), 1);
    QCOMPARE(series.first().value(u"tier"_s).toString(), tier);
    const auto points = pointsOf(series.first());
    QCOMPARE(points.size(), 1);
    const qint64 stepMs = qint64(series.first().value(u"step_ms"_s).toDouble());
    QCOMPARE(points.first().first, floorTo(m_base, stepMs)); // the point is stamped with its step's start
    QCOMPARE(points.first().second, expected);
}

void TestCli::queryLabelFilter_data()
{
    QTest::addColumn<QStringList>("labels");
    QTest::addColumn<QStringList>("hosts"); // of the series in the answer, sorted
    QTest::addColumn<double>("sum");

    QTest::newRow("none") << QStringList() << QStringList{u"a"_s, u"b"_s} << 314.0;
    QTest::newRow("host=a") << QStringList{u"host=a"_s} << QStringList{u"a"_s} << 14.0;
    QTest::newRow("host=b") << QStringList{u"host=b"_s} << QStringList{u"b"_s} << 300.0;
    QTest::newRow("role=db") << QStringList{u"role=db"_s} << QStringList{u"b"_s} << 300.0;
    QTest::newRow("host=b, role=db") << QStringList{u"host=b"_s, u"role=db"_s} << QStringList{u"b"_s} << 300.0;
    QTest::newRow("host=a, role=db") << QStringList{u"host=a"_s, u"role=db"_s} << QStringList() << 0.0;
    QTest::newRow("host=c") << QStringList{u"host=c"_s} << QStringList() << 0.0;
    QTest::newRow("role=") << QStringList{u"role="_s} << QStringList() << 0.0;
    QTest::newRow("value with =") << QStringList{u"host=a=b"_s} << QStringList() << 0.0;
}

void TestCli::queryLabelFilter()
{
    QFETCH(QStringList, labels);
    QFETCH(QStringList, hosts);
    QFETCH(double, sum);

    QStringList args{u"--metric"_s, u"agg"_s, u"--from"_s, ms(m_base), u"--to"_s, ms(m_base + kHour),
                     u"--step"_s, u"1h"_s, u"--agg"_s, u"sum"_s};
    for (const QString &label : labels)
        args << u"--label"_s << label;
    const Run r = runOn(m_shared, u"query"_s, args);
    QVERIFY2(r.code == Ok, r.describe().constData());
    QStringList got;
    for (const QJsonObject &s : r.jsonLines()) {
        got.append(labelsOf(s).value(u"host"_s).toString());
        for (const QString &label : labels) // every filter pair really is on the series
            QCOMPARE(labelsOf(s).value(label.section(u'=', 0, 0)).toString(), label.section(u'=', 1, -1));
    }
    got.sort();
    QCOMPARE(got, hosts);
    QCOMPARE(sumOfPoints(r.jsonLines()), sum);
    if (hosts.isEmpty())
        QVERIFY2(r.err.contains(R"(query: no series of "agg" matches)"), r.describe().constData());
}

void TestCli::resentSampleLastWriteWins()
{
    const Workspace ws = newWorkspace();
    QVERIFY(ws.isValid());
    QVERIFY(runOn(ws, u"import"_s, {writeInput(aggLines())}).code == Ok);

    const QStringList steps = {u"30s"_s, u"1m"_s, u"1h"_s, u"1d"_s};
    const auto expectEverywhere = [&](double min, double max, double sum, double last) -> bool {
        bool good = true;
        for (const QString &step : steps) {
            const std::optional<double> got[] = {single(ws, step, u"min"_s), single(ws, step, u"max"_s),
                                                 single(ws, step, u"sum"_s), single(ws, step, u"count"_s),
                                                 single(ws, step, u"last"_s)};
            const double want[] = {min, max, sum, 5, last};
            for (int i = 0; i < 5; ++i) {
                if (got[i] != std::optional<double>(want[i])) {
                    qWarning("step %s: aggregate #%d is %g, expected %g (min, max, sum, count, last)", qPrintable(step),
                             i, got[i].value_or(qQNaN()), want[i]);
                    good = false;
                }
            }
        }
        return good;
    };
    const auto resend = [&](const QByteArray &lines) {
        const Run r = runOn(ws, u"import"_s, {writeInput(lines)});
        if (r.code != Ok)
            qWarning("%s", r.describe().constData());
        return r.code == Ok;
    };

    QVERIFY(expectEverywhere(1, 5, 14, 5));
    // The last sample (value 5, also the max and the last) comes again as 50.
    QVERIFY(resend(sampleLine("agg", R"({"host":"a"})", m_base + 4 * kSecond, 50) + '\n'));
    QVERIFY(expectEverywhere(1, 50, 59, 50));
    // A middle one (1) comes again as 0.5: the minimum drops.
    QVERIFY(resend(sampleLine("agg", R"({"host":"a"})", m_base + 1 * kSecond, 0.5) + '\n'));
    QVERIFY(expectEverywhere(0.5, 50, 58.5, 50));
    // The maximum comes back down: a rollup cannot just merge this, it has to be rebuilt.
    QVERIFY(resend(sampleLine("agg", R"({"host":"a"})", m_base + 4 * kSecond, 2) + '\n'));
    QVERIFY(expectEverywhere(0.5, 4, 10.5, 2));

    // Compacted into a chunk, then re-sent: the chunk path must give the same answers.
    const Run maintain = runOn(ws, u"maintain"_s);
    QVERIFY2(maintain.code == Ok, maintain.describe().constData());
    const Run stats = runOn(ws, u"stats"_s);
    QCOMPARE(stats.json().value(u"samples"_s).toObject().value(u"raw_compacted"_s).toInt(), 7);
    QVERIFY(resend(sampleLine("agg", R"({"host":"a"})", m_base, 30) + '\n'));
    QVERIFY(expectEverywhere(0.5, 30, 37.5, 2));
    // The same sample twice in one file: the later line wins.
    QVERIFY(resend(sampleLine("agg", R"({"host":"a"})", m_base + 2 * kSecond, 7) + '\n'
                   + sampleLine("agg", R"({"host":"a"})", m_base + 2 * kSecond, 9) + '\n'));
    QVERIFY(expectEverywhere(0.5, 30, 42.5, 2));
    // Re-sending an unchanged value changes nothing.
    QVERIFY(resend(sampleLine("agg", R"({"host":"a"})", m_base + 2 * kSecond, 9) + '\n'));
    QVERIFY(expectEverywhere(0.5, 30, 42.5, 2));
    // host=b was never touched.
    const Run b = runOn(ws, u"query"_s, {u"--metric"_s, u"agg"_s, u"--label"_s, u"host=b"_s, u"--from"_s, ms(m_base),
                                         u"--to"_s, ms(m_base + kHour), u"--step"_s, u"1d"_s, u"--agg"_s, u"sum"_s});
    QCOMPARE(sumOfPoints(b.jsonLines()), 300.0);
    const Run verify = runOn(ws, u"verify"_s);
    QVERIFY2(verify.code == Ok, verify.describe().constData());
}

void TestCli::queryBadArguments_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QByteArray>("message");
    const QStringList range = {u"--from"_s, u"now-1h"_s, u"--to"_s, u"now"_s};
    const QStringList m = QStringList{u"--metric"_s, u"agg"_s} + range;
    QTest::newRow("no --metric") << range << QByteArray("--metric is required");
    QTest::newRow("empty --metric") << (QStringList{u"--metric"_s, QString()} + range) << QByteArray("--metric is required");
    QTest::newRow("--metric without value") << QStringList{u"--metric"_s} << QByteArray("Missing value after '--metric'");
    QTest::newRow("--label without =") << (m + QStringList{u"--label"_s, u"host"_s}) << QByteArray("--label expects k=v");
    QTest::newRow("--label without key") << (m + QStringList{u"--label"_s, u"=a"_s}) << QByteArray("--label expects k=v");
    QTest::newRow("--from garbage") << QStringList{u"--metric"_s, u"agg"_s, u"--from"_s, u"yesterday"_s}
                                    << QByteArray("is not an RFC 3339 time");
    QTest::newRow("--to garbage") << QStringList{u"--metric"_s, u"agg"_s, u"--to"_s, u"now-"_s}
                                  << QByteArray("is not a duration");
    QTest::newRow("--to before --from") << QStringList{u"--metric"_s, u"agg"_s, u"--from"_s, u"now"_s, u"--to"_s, u"now-1h"_s}
                                        << QByteArray("--to must be after --from");
    QTest::newRow("--to equals --from") << QStringList{u"--metric"_s, u"agg"_s, u"--from"_s, u"1000"_s, u"--to"_s, u"1000"_s}
                                        << QByteArray("--to must be after --from");
    QTest::newRow("--points 0") << (m + QStringList{u"--points"_s, u"0"_s}) << QByteArray("--points must be a whole number");
    QTest::newRow("--points x") << (m + QStringList{u"--points"_s, u"x"_s}) << QByteArray("--points must be a whole number");
    QTest::newRow("--points too many") << (m + QStringList{u"--points"_s, u"1000001"_s})
                                       << QByteArray("--points must be a whole number");
    QTest::newRow("--points and --step") << (m + QStringList{u"--points"_s, u"10"_s, u"--step"_s, u"1m"_s})
                                         << QByteArray("use either --points or --step");
    QTest::newRow("--step 0") << (m + QStringList{u"--step"_s, u"0"_s}) << QByteArray("is not a duration");
    QTest::newRow("--step 5x") << (m + QStringList{u"--step"_s, u"5x"_s}) << QByteArray("is not a duration");
    QTest::newRow("--step -1m") << (m + QStringList{u"--step"_s, u"-1m"_s}) << QByteArray("is not a duration");
    QTest::newRow("--agg median") << (m + QStringList{u"--agg"_s, u"median"_s})
                                  << QByteArray("--agg must be avg, min, max, sum, count or last");
    QTest::newRow("--agg MAX") << (m + QStringList{u"--agg"_s, u"MAX"_s}) << QByteArray("--agg must be");
    QTest::newRow("unknown option") << (m + QStringList{u"--tier"_s, u"raw"_s}) << QByteArray("Unknown option 'tier'");
    QTest::newRow("positional") << (m + QStringList{u"extra"_s}) << QByteArray("unexpected argument \"extra\"");
}

void TestCli::queryBadArguments()
{
    QFETCH(QStringList, arguments);
    QFETCH(QByteArray, message);
    const QString before = snapshot(m_shared.dir);
    const Run r = runOn(m_shared, u"query"_s, arguments);
    QVERIFY2(r.code == Usage, r.describe().constData());
    QVERIFY2(r.out.isEmpty(), r.describe().constData());
    QCOMPARE(r.errLines().size(), 1);
    QVERIFY2(r.err.startsWith("stackscoped: "), r.describe().constData());
    QVERIFY2(r.err.contains(message), r.describe().constData());
    QVERIFY2(r.err.contains("(see `stackscoped query --help`)"), r.describe().constData());
    QCOMPARE(snapshot(m_shared.dir), before);
}

// ---- foreign, damaged and missing files -------------------------------------------------------------------

namespace {
void addCommandRows()
{
    QTest::addColumn<QString>("command");
    for (const char *command : {"stats", "verify", "query", "import", "maintain"})
        QTest::newRow(command) << QString::fromLatin1(command);
}
} // namespace

void TestCli::wrongKey_data()
{
    addCommandRows();
}

void TestCli::wrongKey()
{
    QFETCH(QString, command);
    const Workspace ws{m_shared.dir, m_other.key}; // a real key, of another workspace
    const QString before = snapshot(m_shared.dir), otherBefore = snapshot(m_other.dir);
    const Run r = runOn(ws, command, commandArguments(command));
    QVERIFY2(r.code == WrongKey, r.describe().constData());
    QVERIFY2(r.err.contains("The key does not belong to the workspace"), r.describe().constData());
    QCOMPARE(r.errLines().size(), 1);
    QVERIFY(r.out.isEmpty());
    QCOMPARE(snapshot(m_shared.dir), before);
    QCOMPARE(snapshot(m_other.dir), otherBefore);
}

void TestCli::truncatedDatabase_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<int>("cut"); // bytes to cut off; -1: cut to 0 bytes
    for (const char *command : {"stats", "verify", "query", "import", "maintain"})
        QTest::addRow("%s, cut 1000 bytes", command) << QString::fromLatin1(command) << 1000;
    QTest::newRow("verify, cut 1 byte") << u"verify"_s << 1;
    QTest::newRow("verify, cut 4097 bytes") << u"verify"_s << 4097;
    QTest::newRow("verify, empty") << u"verify"_s << -1;
}

void TestCli::truncatedDatabase()
{
    QFETCH(QString, command);
    QFETCH(int, cut);
    const Workspace ws = copyOf(m_shared);
    QVERIFY(ws.isValid());
    QFile db(ws.db());
    QVERIFY(db.resize(cut < 0 ? 0 : db.size() - cut));
    QVERIFY(cut < 0 || db.size() % 4096 != 0);
    const QString before = snapshot(ws.dir);
    const Run r = runOn(ws, command, commandArguments(command));
    QVERIFY2(r.code == Truncated, r.describe().constData());
    QVERIFY2(r.err.contains("is truncated") && r.err.contains("left untouched"), r.describe().constData());
    QCOMPARE(r.errLines().size(), 1);
    QVERIFY(r.out.isEmpty());
    QCOMPARE(snapshot(ws.dir), before);
}

void TestCli::corruptDatabaseUnreadable_data()
{
    addCommandRows();
}

// Page 2 onward overwritten with garbage: the schema cannot be read, so opening fails.
void TestCli::corruptDatabaseUnreadable()
{
    QFETCH(QString, command);
    const Workspace ws = copyOf(m_shared);
    QVERIFY(ws.isValid());
    QFile db(ws.db());
    QVERIFY(db.open(QIODevice::ReadWrite));
    const qint64 size = db.size();
    QByteArray garbage(size - 4096, Qt::Uninitialized);
    for (qsizetype i = 0; i < garbage.size(); ++i)
        garbage[i] = char((i * 2654435761u) >> 13);
    QVERIFY(db.seek(4096));
    QCOMPARE(db.write(garbage), garbage.size());
    db.close();
    QCOMPARE(QFileInfo(ws.db()).size(), size);

    const QString before = snapshot(ws.dir);
    const Run r = runOn(ws, command, commandArguments(command));
    QVERIFY2(r.code == Corrupt, r.describe().constData());
    QVERIFY2(r.err.contains("is damaged and cannot be read") && r.err.contains("left untouched"), r.describe().constData());
    QVERIFY(r.out.isEmpty());
    QCOMPARE(snapshot(ws.dir), before);
}

// A few pages in the middle overwritten: the workspace opens, and `verify` finds the damage.
void TestCli::corruptDatabaseFoundByVerify()
{
    const Workspace ws = copyOf(m_shared);
    QVERIFY(ws.isValid());
    const qint64 pages = QFileInfo(ws.db()).size() / 4096;
    QVERIFY2(pages >= 20, qPrintable(QString::number(pages)));
    QFile db(ws.db());
    QVERIFY(db.open(QIODevice::ReadWrite));
    QVERIFY(db.seek(pages / 2 * 4096 + 100));
    QCOMPARE(db.write(QByteArray(3 * 4096, '\x5a')), 3 * 4096);
    db.close();

    const QString before = snapshot(ws.dir);
    const Run r = runOn(ws, u"verify"_s);
    QVERIFY2(r.code == Corrupt, r.describe().constData());
    QCOMPARE(r.json().value(u"ok"_s), QJsonValue(false));
    QVERIFY2(!r.json().value(u"problem"_s).toString().isEmpty(), r.describe().constData());
    QVERIFY2(r.err.contains("integrity check"), r.describe().constData());
    QCOMPARE(snapshot(ws.dir), before);
}

void TestCli::deletedDatabase_data()
{
    addCommandRows();
}

void TestCli::deletedDatabase()
{
    QFETCH(QString, command);
    const Workspace ws = copyOf(m_shared);
    QVERIFY(ws.isValid());
    QVERIFY(QFile::remove(ws.db()));
    const QString before = snapshot(ws.dir);
    const Run r = runOn(ws, command, commandArguments(command));
    QVERIFY2(r.code == NotFound, r.describe().constData());
    QVERIFY2(r.err.contains("database") && r.err.contains("is missing"), r.describe().constData());
    QCOMPARE(r.errLines().size(), 1);
    QVERIFY(r.out.isEmpty());
    QCOMPARE(snapshot(ws.dir), before); // in particular: no new, empty metrics.db
}

void TestCli::noWorkspace()
{
    const QString dir = newPath(u"empty"_s);
    QVERIFY(QDir().mkpath(dir));
    for (const QString &command : {u"stats"_s, u"query"_s, u"import"_s, u"verify"_s, u"maintain"_s}) {
        const Run r = runOn(Workspace{dir, m_other.key}, command, commandArguments(command));
        QVERIFY2(r.code == NotFound, r.describe().constData());
        QVERIFY2(r.err.contains("is not a Stackscope workspace"), r.describe().constData());
        QVERIFY(QDir(dir).isEmpty(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot));
    }
}

// ---- stats and maintain -----------------------------------------------------------------------------------

void TestCli::statsKeys()
{
    const QString before = snapshot(m_shared.dir);
    const Run r = runOn(m_shared, u"stats"_s);
    QVERIFY2(r.code == Ok, r.describe().constData());
    QCOMPARE(r.outLines().size(), 1);
    const QJsonObject stats = r.json();
    QStringList keys = stats.keys();
    QCOMPARE(keys, (QStringList{u"database_bytes"_s, u"raw_bytes"_s, u"raw_bytes_per_sample"_s, u"samples"_s,
                                u"schema"_s, u"series"_s}));
    const QJsonObject samples = stats.value(u"samples"_s).toObject();
    QCOMPARE(samples.keys(), (QStringList{u"1d"_s, u"1h"_s, u"1m"_s, u"raw"_s, u"raw_compacted"_s, u"raw_uncompacted"_s}));
    for (const QJsonValue &value : samples)
        QVERIFY(value.isDouble());

    const int total = 7 + 8 * 1440;
    QCOMPARE(stats.value(u"series"_s).toInt(), 3);
    QCOMPARE(samples.value(u"raw"_s).toInt(), total);
    QCOMPARE(samples.value(u"raw_uncompacted"_s).toInt(), total);
    QCOMPARE(samples.value(u"raw_compacted"_s).toInt(), 0);
    // Nothing is compacted yet: open blocks' minutes are computed from raw on read and stored at compaction.
    QCOMPARE(samples.value(u"1m"_s).toInt(), 0);
    QCOMPARE(samples.value(u"1h"_s).toInt(), 2 + 8 * 24);
    QCOMPARE(samples.value(u"1d"_s).toInt(), 2 + 8);
    QVERIFY(stats.value(u"database_bytes"_s).toDouble() >= double(QFileInfo(m_shared.db()).size()));
    QVERIFY(stats.value(u"raw_bytes"_s).toDouble() > 0);
    QVERIFY(stats.value(u"raw_bytes_per_sample"_s).toDouble() > 0);
    QVERIFY(stats.value(u"schema"_s).toInt() >= 2);
    QCOMPARE(snapshot(m_shared.dir), before); // reading is not writing
}

void TestCli::maintainCompactsAndKeepsAnswers()
{
    const Workspace ws = newWorkspace();
    QVERIFY(ws.isValid());
    QVERIFY(runOn(ws, u"import"_s, {writeInput(aggLines() + tierLines())}).code == Ok);

    const QString week0 = ms(m_anchor - 7 * kDay), end = ms(m_anchor + kDay);
    const QList<QStringList> queries = {
        {u"--metric"_s, u"tier"_s, u"--from"_s, week0, u"--to"_s, end, u"--step"_s, u"59s"_s, u"--agg"_s, u"count"_s},
        {u"--metric"_s, u"tier"_s, u"--from"_s, ms(m_anchor - kDay), u"--to"_s, end, u"--points"_s, u"100000"_s},
        {u"--metric"_s, u"tier"_s, u"--from"_s, week0, u"--to"_s, end, u"--step"_s, u"1m"_s, u"--agg"_s, u"sum"_s},
        {u"--metric"_s, u"tier"_s, u"--from"_s, week0, u"--to"_s, end, u"--step"_s, u"1h"_s, u"--agg"_s, u"max"_s},
        {u"--metric"_s, u"tier"_s, u"--from"_s, week0, u"--to"_s, end, u"--step"_s, u"1d"_s, u"--agg"_s, u"count"_s},
        {u"--metric"_s, u"agg"_s, u"--from"_s, ms(m_base), u"--to"_s, ms(m_base + kHour), u"--step"_s, u"1s"_s},
        {u"--metric"_s, u"agg"_s, u"--from"_s, ms(m_base), u"--to"_s, ms(m_base + kHour), u"--step"_s, u"30s"_s,
         u"--agg"_s, u"last"_s},
    };
    QList<QByteArray> before;
    for (const QStringList &query : queries) {
        const Run r = runOn(ws, u"query"_s, query);
        QVERIFY2(r.code == Ok && !r.out.isEmpty(), r.describe().constData());
        before.append(r.out);
    }
    QCOMPARE(sumOfPoints(QList<QJsonObject>{QJsonDocument::fromJson(before.first()).object()}), 8.0 * 1440);

    const Run maintain = runOn(ws, u"maintain"_s);
    QVERIFY2(maintain.code == Ok, maintain.describe().constData());
    const QJsonObject report = maintain.json();
    QVERIFY2(report.value(u"chunks_written"_s).toInt() > 0, maintain.describe().constData());
    QVERIFY2(report.value(u"rows_compacted"_s).toInt() > 0, maintain.describe().constData());
    QCOMPARE(report.value(u"rows_expired"_s).toInt(-1), 0);

    const Run stats = runOn(ws, u"stats"_s);
    const QJsonObject samples = stats.json().value(u"samples"_s).toObject();
    QVERIFY2(samples.value(u"raw_compacted"_s).toInt() > 0, stats.describe().constData());
    QCOMPARE(samples.value(u"raw_compacted"_s).toInt(), report.value(u"rows_compacted"_s).toInt());
    QCOMPARE(samples.value(u"raw_compacted"_s).toInt() + samples.value(u"raw_uncompacted"_s).toInt(), 7 + 8 * 1440);
    QCOMPARE(samples.value(u"raw"_s).toInt(), 7 + 8 * 1440);

    for (qsizetype i = 0; i < queries.size(); ++i) {
        const Run r = runOn(ws, u"query"_s, queries.at(i));
        QVERIFY2(r.code == Ok, r.describe().constData());
        QVERIFY2(r.out == before.at(i), qPrintable(queries.at(i).join(u' ')));
    }
    QVERIFY(runOn(ws, u"verify"_s).code == Ok);

    // Nothing left to do the second time.
    const Run again = runOn(ws, u"maintain"_s);
    QVERIFY2(again.code == Ok, again.describe().constData());
    QCOMPARE(again.json().value(u"chunks_written"_s).toInt(-1), 0);
    QCOMPARE(again.json().value(u"rows_compacted"_s).toInt(-1), 0);
}

// ---- help and usage ---------------------------------------------------------------------------------------

void TestCli::subcommandHelp_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QStringList>("mentions");
    const QStringList common = {u"--workspace"_s, u"--key-file"_s, u"--help"_s};
    QTest::newRow("init") << u"init"_s << (common + QStringList{u"--name"_s});
    QTest::newRow("import") << u"import"_s << (common + QStringList{u"--strict"_s, u"file"_s, u"standard input"_s});
    QTest::newRow("query") << u"query"_s
                           << (common + QStringList{u"--metric"_s, u"--label"_s, u"--from"_s, u"--to"_s, u"--points"_s,
                                                    u"--step"_s, u"--agg"_s});
    QTest::newRow("stats") << u"stats"_s << common;
    QTest::newRow("verify") << u"verify"_s << common;
    QTest::newRow("maintain") << u"maintain"_s << common;
}

void TestCli::subcommandHelp()
{
    QFETCH(QString, command);
    QFETCH(QStringList, mentions);
    const QString dir = newPath(u"nowhere"_s);
    for (const QString &flag : {u"--help"_s, u"-h"_s}) {
        // With options that would fail if the command ran: help wins and touches nothing.
        const Run r = run({command, flag, u"--workspace"_s, dir, u"--key-file"_s, dir + u".key"_s});
        QVERIFY2(r.code == Ok, r.describe().constData());
        QVERIFY2(r.out.contains("Usage: ") && r.out.contains(QByteArray(command.toUtf8() + " [options]")), r.describe().constData());
        for (const QString &mention : mentions)
            QVERIFY2(r.out.contains(mention.toUtf8()), qPrintable(mention + u"\n"_s + QString::fromUtf8(r.out)));
        QVERIFY2(r.err.isEmpty(), r.describe().constData());
        QVERIFY(!QFileInfo::exists(dir));
        QVERIFY(!QFileInfo::exists(dir + u".key"_s));
    }
}

void TestCli::topLevelUsage_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<bool>("onStdout");
    QTest::addColumn<QByteArray>("message");
    QTest::newRow("no arguments") << QStringList() << int(Usage) << false << QByteArray("Usage: stackscoped <command>");
    QTest::newRow("--help") << QStringList{u"--help"_s} << int(Ok) << true << QByteArray("Usage: stackscoped <command>");
    QTest::newRow("-h") << QStringList{u"-h"_s} << int(Ok) << true << QByteArray("Usage: stackscoped <command>");
    QTest::newRow("--version") << QStringList{u"--version"_s} << int(Ok) << true << QByteArray("stackscoped ");
    QTest::newRow("unknown command") << QStringList{u"frobnicate"_s} << int(Usage) << false
                                     << QByteArray(R"(unknown command "frobnicate")");
    QTest::newRow("unknown command, like an option") << QStringList{u"--workspace"_s, u"x"_s} << int(Usage) << false
                                                     << QByteArray(R"(unknown command "--workspace")");
    QTest::newRow("command in capitals") << QStringList{u"STATS"_s} << int(Usage) << false
                                         << QByteArray(R"(unknown command "STATS")");
}

void TestCli::topLevelUsage()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(bool, onStdout);
    QFETCH(QByteArray, message);
    const Run r = run(arguments);
    QVERIFY2(r.code == exitCode, r.describe().constData());
    QVERIFY2((onStdout ? r.out : r.err).contains(message), r.describe().constData());
    if (message.startsWith("Usage")) {
        for (const char *command : {"init", "import", "query", "stats", "verify", "maintain"})
            QVERIFY2((onStdout ? r.out : r.err).contains(QByteArray(QByteArray("  ") + command)), r.describe().constData());
    }
    if (exitCode != Ok)
        QVERIFY(r.out.isEmpty());
}

// ---- secrets ----------------------------------------------------------------------------------------------

void TestCli::noSecretAnywhere()
{
    QVERIFY(m_keyHexes.size() >= 10);
    QVERIFY(m_transcript.size() > 10'000);

    // Every file the tests left behind, except the key files themselves (and they must hold what we look for,
    // or the search proves nothing).
    QStringList files;
    QStringList keyFiles;
    const QFileInfoList all = [&] {
        QFileInfoList out;
        QList<QDir> pending = {QDir(m_root.path())};
        while (!pending.isEmpty()) {
            const QDir dir = pending.takeLast();
            for (const QFileInfo &info : dir.entryInfoList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot)) {
                if (info.isDir() && !info.isSymLink())
                    pending.append(QDir(info.absoluteFilePath()));
                else if (info.isFile())
                    out.append(info);
            }
        }
        return out;
    }();
    for (const QFileInfo &info : all)
        (info.fileName().endsWith(u".key"_s) ? keyFiles : files).append(info.absoluteFilePath());
    QVERIFY(files.size() >= 20);
    QVERIFY(keyFiles.size() >= m_keyHexes.size());

    QList<QByteArray> needles;
    for (const QByteArray &hex : std::as_const(m_keyHexes)) {
        QCOMPARE(hex.size(), 64);
        needles << hex << hex.toUpper() << QByteArray::fromHex(hex) << hex.left(32) << hex.right(32);
    }
    const QByteArray someKey = readAll(m_shared.key);
    QVERIFY(someKey.contains(m_keyHexes.first()));

    for (const QByteArray &needle : std::as_const(needles))
        QVERIFY2(!m_transcript.contains(needle), "a key appeared in stackscoped's output");
    int databases = 0;
    for (const QString &path : std::as_const(files)) {
        const QByteArray bytes = readAll(path);
        databases += path.endsWith(u"metrics.db"_s) ? 1 : 0;
        for (const QByteArray &needle : std::as_const(needles))
            QVERIFY2(!bytes.contains(needle), qPrintable(u"a key appears in "_s + path));
    }
    QVERIFY(databases >= 10);
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
