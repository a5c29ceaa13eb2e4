// A long `stackscoped import` killed with SIGKILL part-way: everything it reported as committed must be there,
// the database must verify, and importing the whole file again must complete it without double counting.
//
// The input proves exactly which lines survived: line i (1-based) is the only sample at ts = base + i s and has
// the value i, spread over four series by i mod 4. If the store holds C samples whose largest value is C and
// whose values add up to C(C+1)/2, it holds exactly lines 1..C.
#include "clihelpers.h"

#include <QDateTime>
#include <QJsonArray>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace stackscope::clitest;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kLines = 400'000;
constexpr qint64 kSeries = 4;
constexpr qint64 kBatch = 5000; // ImportCommand::kBatchSize: a commit covers whole batches

struct Totals
{
    double count = 0;
    double max = 0;
    double sum = 0;
    QMap<QString, double> countBySeries;
};

} // namespace

class TestCrashImport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void killedImportKeepsWhatItCommitted_data();
    void killedImportKeepsWhatItCommitted();

private:
    Run run(const QStringList &arguments) { return runDaemon(arguments, m_home, {}, false, 120'000); }
    // Sums over every series of one query with the given step and aggregation.
    std::optional<Totals> totals(const QStringList &workspace, const QString &step, QString *tier = nullptr);

    QTemporaryDir m_root;
    QString m_home;
    QString m_input;
    qint64 m_base = 0;
    int m_counter = 0;
};

void TestCrashImport::initTestCase()
{
    QVERIFY(m_root.isValid());
    QVERIFY2(QFileInfo(daemonPath()).isExecutable(), qPrintable(daemonPath()));
    m_home = m_root.filePath(u"home"_s);
    QVERIFY(QDir().mkpath(m_home));

    // Ten days ago, so that the raw tier keeps all of it (30 days) and the 4.6 days of data end in the past.
    m_base = floorTo(QDateTime::currentMSecsSinceEpoch(), kSecond) - 10 * kDay;
    m_input = m_root.filePath(u"crash.ndjson"_s);
    QFile file(m_input);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QByteArray chunk;
    chunk.reserve(1 << 20);
    for (qint64 i = 1; i <= kLines; ++i) {
        chunk += R"({"metric":"crash","labels":{"s":")" + QByteArray::number(i % kSeries) + R"("},"ts":)"
                 + QByteArray::number(m_base + i * kSecond) + R"(,"value":)" + QByteArray::number(i) + "}\n";
        if (chunk.size() > (1 << 20) - 200) {
            QCOMPARE(file.write(chunk), chunk.size());
            chunk.clear();
        }
    }
    QCOMPARE(file.write(chunk), chunk.size());
    file.close();
}

std::optional<Totals> TestCrashImport::totals(const QStringList &workspace, const QString &step, QString *tier)
{
    Totals result;
    for (const QString &agg : {u"count"_s, u"max"_s, u"sum"_s}) {
        const Run r = run(QStringList{u"query"_s} + workspace
                          + QStringList{u"--metric"_s, u"crash"_s, u"--from"_s, ms(m_base), u"--to"_s,
                                        ms(m_base + (kLines + 1) * kSecond), u"--step"_s, step, u"--agg"_s, agg});
        if (r.code != Ok) {
            qWarning("query --agg %s: %s", qPrintable(agg), r.describe().constData());
            return std::nullopt;
        }
        const QList<QJsonObject> series = r.jsonLines();
        if (agg == u"count") {
            result.count = sumOfPoints(series);
            for (const QJsonObject &s : series)
                result.countBySeries.insert(s.value(u"labels"_s).toObject().value(u"s"_s).toString(), sumOfPoints({s}));
            if (tier && !series.isEmpty())
                *tier = series.first().value(u"tier"_s).toString();
        } else if (agg == u"max") {
            result.max = series.isEmpty() ? 0 : maxOfPoints(series);
        } else {
            result.sum = sumOfPoints(series);
        }
    }
    return result;
}

void TestCrashImport::killedImportKeepsWhatItCommitted_data()
{
    QTest::addColumn<int>("reports");   // commit reports to wait for before the kill
    QTest::addColumn<bool>("reimport"); // then import the whole file again (once is enough: ~10 s)
    QTest::newRow("after 2 commits") << 2 << false;
    QTest::newRow("after 17 commits") << 17 << false;
    QTest::newRow("after 53 commits, then all again") << 53 << true;
}

void TestCrashImport::killedImportKeepsWhatItCommitted()
{
    QFETCH(int, reports);
    QFETCH(bool, reimport);

    const QString dir = m_root.filePath(u"ws-"_s + QString::number(++m_counter));
    const QString key = dir + u".key"_s;
    const QStringList workspace = {u"--workspace"_s, dir, u"--key-file"_s, key};
    const Run init = run(QStringList{u"init"_s} + workspace);
    QVERIFY2(init.code == Ok, init.describe().constData());

    // Start the import and read its stderr until it has reported `reports` commits; then SIGKILL.
    static const QRegularExpression committed(u"^stackscoped: import: committed (\\d+) samples through line (\\d+)$"_s);
    qint64 committedSamples = 0, committedLine = 0;
    int seen = 0;
    QByteArray stderrText, pending;
    const auto consume = [&](const QByteArray &bytes) {
        stderrText += bytes;
        pending += bytes;
        qsizetype newline;
        while ((newline = pending.indexOf('\n')) >= 0) {
            const QString line = QString::fromUtf8(pending.left(newline));
            pending.remove(0, newline + 1);
            const auto match = committed.match(line);
            if (!match.hasMatch())
                continue;
            ++seen;
            // Reports only grow; every one of them was committed before it was printed.
            committedSamples = std::max(committedSamples, match.captured(1).toLongLong());
            committedLine = std::max(committedLine, match.captured(2).toLongLong());
        }
    };

    QProcess import;
    import.setProcessEnvironment(daemonEnvironment(m_home));
    import.setReadChannel(QProcess::StandardError);
    import.start(daemonPath(), QStringList{u"import"_s} + workspace + QStringList{m_input});
    QVERIFY2(import.waitForStarted(10'000), qPrintable(import.errorString()));
    while (seen < reports && import.state() == QProcess::Running) {
        if (!import.waitForReadyRead(30'000))
            break;
        consume(import.readAllStandardError());
    }
    const bool stillRunning = import.state() == QProcess::Running;
    import.kill(); // SIGKILL on Unix
    QVERIFY(import.waitForFinished(10'000));
    consume(import.readAllStandardError()); // reports printed before the kill count too
    QVERIFY2(stillRunning && import.exitStatus() == QProcess::CrashExit,
             QByteArray("the import finished before it could be killed:\n" + stderrText.right(500)).constData());
    QVERIFY2(seen >= reports, stderrText.right(500).constData());
    QVERIFY2(seen >= 2 && committedSamples >= 2 * kBatch, stderrText.right(500).constData());
    QCOMPARE(committedSamples, committedLine); // no bad lines in this input
    qInfo("killed after %d commit reports: %lld samples through line %lld", seen, committedSamples, committedLine);

    // The database is sound.
    const Run verify = run(QStringList{u"verify"_s} + workspace);
    QVERIFY2(verify.code == Ok, verify.describe().constData());
    QCOMPARE(verify.json().value(u"ok"_s), QJsonValue(true));

    // Exactly lines 1..C are there, for some C at a batch boundary at or beyond the last report.
    QString tier;
    const std::optional<Totals> raw = totals(workspace, u"59s"_s, &tier);
    QVERIFY(raw);
    QCOMPARE(tier, u"raw"_s);
    const double c = raw->count;
    QVERIFY2(c >= double(committedSamples), qPrintable(u"%1 samples present, %2 reported"_s.arg(c).arg(committedSamples)));
    QVERIFY2(c < double(kLines), "the kill came after the import had finished");
    QCOMPARE(std::fmod(c, double(kBatch)), 0.0);
    QCOMPARE(raw->max, c);
    QCOMPARE(raw->sum, c * (c + 1) / 2);
    for (qint64 s = 0; s < kSeries; ++s) {
        // Lines 1..C with i mod 4 == s.
        const double expected = std::floor((c - double(s)) / kSeries) + (s == 0 ? 0 : 1);
        QCOMPARE(raw->countBySeries.value(QString::number(s)), expected);
    }

    // The rollups were committed with the raw rows, in the same transactions.
    const std::optional<Totals> daily = totals(workspace, u"1d"_s, &tier);
    QVERIFY(daily);
    QCOMPARE(tier, u"1d"_s);
    QCOMPARE(daily->count, c);
    QCOMPARE(daily->sum, c * (c + 1) / 2);
    QCOMPARE(daily->max, c);

    const Run stats = run(QStringList{u"stats"_s} + workspace);
    QVERIFY2(stats.code == Ok, stats.describe().constData());
    QCOMPARE(stats.json().value(u"samples"_s).toObject().value(u"raw"_s).toDouble(), c);
    QCOMPARE(stats.json().value(u"series"_s).toInt(), int(kSeries));

    if (!reimport)
        return;
    // The whole file again: the samples already there are re-sent duplicates and change nothing.
    const Run again = run(QStringList{u"import"_s} + workspace + QStringList{m_input});
    QVERIFY2(again.code == Ok, again.describe().constData());
    QCOMPARE(again.json().value(u"imported"_s).toDouble(), double(kLines));
    QCOMPARE(again.json().value(u"rejected"_s).toDouble(), 0.0);
    const double n = double(kLines);
    for (const QString &step : {u"59s"_s, u"1m"_s, u"1h"_s, u"1d"_s}) {
        const std::optional<Totals> full = totals(workspace, step);
        QVERIFY(full);
        QVERIFY2(full->count == n, qPrintable(u"--step %1: count %2"_s.arg(step).arg(full->count)));
        QVERIFY2(full->sum == n * (n + 1) / 2, qPrintable(u"--step %1: sum %2"_s.arg(step).arg(full->sum)));
        QCOMPARE(full->max, n);
    }
    QVERIFY(run(QStringList{u"verify"_s} + workspace).code == Ok);
}

QTEST_GUILESS_MAIN(TestCrashImport)
#include "tst_crashimport.moc"
