#include "ingest/ndjsonsampleparser.h"
#include "util/timeparse.h"


#include <QTest>

using namespace stackscope;

class tst_SampleParsing : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void validLines_data();
    void validLines();
    void badLines_data();
    void badLines();
    void timePoints_data();
    void timePoints();
    void durations_data();
    void durations();
};

void tst_SampleParsing::validLines_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QString>("metric");
    QTest::addColumn<qint64>("ts");
    QTest::addColumn<double>("value");
    QTest::addColumn<int>("labelCount");
    QTest::addRow("unix ms") << QByteArray(R"({"metric":"twilio.sms.sent","labels":{"project":"shop","country":"US"},"ts":1767225600000,"value":42})")
                             << QStringLiteral("twilio.sms.sent") << qint64(1767225600000) << 42.0 << 2;
    QTest::addRow("rfc 3339 Z") << QByteArray(R"({"metric":"m","ts":"2026-01-01T00:00:00Z","value":1.5})")
                                << QStringLiteral("m") << qint64(1767225600000) << 1.5 << 0;
    QTest::addRow("rfc 3339 offset and fraction") << QByteArray(R"({"metric":"m","ts":"2026-01-01T02:00:00.250+02:00","value":-3})")
                                                  << QStringLiteral("m") << qint64(1767225600250) << -3.0 << 0;
    QTest::addRow("nanosecond fraction") << QByteArray(R"({"metric":"m","ts":"2026-01-01T00:00:00.123456789Z","value":0})")
                                         << QStringLiteral("m") << qint64(1767225600123) << 0.0 << 0;
    QTest::addRow("number and bool labels") << QByteArray(R"({"metric":"m","labels":{"code":30007,"retry":true},"ts":1,"value":1e3})")
                                            << QStringLiteral("m") << qint64(1) << 1000.0 << 2;
    QTest::addRow("null labels, extra fields") << QByteArray(R"({"metric":"m","labels":null,"ts":5,"value":2,"note":"x"})")
                                               << QStringLiteral("m") << qint64(5) << 2.0 << 0;
    QTest::addRow("unicode") << QByteArray(R"({"metric":"größe","labels":{"ort":"Köln"},"ts":5,"value":2})")
                             << QStringLiteral("größe") << qint64(5) << 2.0 << 1;
}

void tst_SampleParsing::validLines()
{
    QFETCH(QByteArray, line);
    QFETCH(QString, metric);
    QFETCH(qint64, ts);
    QFETCH(double, value);
    QFETCH(int, labelCount);
    auto sample = ingest::parseSampleLine(line);
    QVERIFY2(sample, sample ? "" : qPrintable(sample.error().userMessage));
    QCOMPARE(sample->metric, metric);
    QCOMPARE(sample->ts, ts);
    QCOMPARE(sample->value, value);
    QCOMPARE(sample->labels.size(), labelCount);
}

void tst_SampleParsing::badLines_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QString>("expected");
    QTest::addRow("not json") << QByteArray("garbage") << QStringLiteral("not valid JSON");
    QTest::addRow("truncated") << QByteArray(R"({"metric":"m","ts":1,)") << QStringLiteral("not valid JSON");
    QTest::addRow("array") << QByteArray("[1,2]") << QStringLiteral("expected a JSON object");
    QTest::addRow("no metric") << QByteArray(R"({"ts":1,"value":1})") << QStringLiteral("\"metric\"");
    QTest::addRow("empty metric") << QByteArray(R"({"metric":"","ts":1,"value":1})") << QStringLiteral("must not be empty");
    QTest::addRow("value string") << QByteArray(R"({"metric":"m","ts":1,"value":"42"})") << QStringLiteral("\"value\"");
    QTest::addRow("value NaN text") << QByteArray(R"({"metric":"m","ts":1,"value":NaN})") << QStringLiteral("not valid JSON");
    QTest::addRow("value overflow") << QByteArray(R"({"metric":"m","ts":1,"value":1e999})") << QStringLiteral("");
    QTest::addRow("no ts") << QByteArray(R"({"metric":"m","value":1})") << QStringLiteral("\"ts\" is missing");
    QTest::addRow("fractional ts") << QByteArray(R"({"metric":"m","ts":1.5,"value":1})") << QStringLiteral("whole Unix milliseconds");
    QTest::addRow("ts without zone") << QByteArray(R"({"metric":"m","ts":"2026-01-01T00:00:00","value":1})") << QStringLiteral("RFC 3339");
    QTest::addRow("ts negative") << QByteArray(R"({"metric":"m","ts":-5,"value":1})") << QStringLiteral("1970");
    QTest::addRow("ts year 3000") << QByteArray(R"({"metric":"m","ts":32503680000000,"value":1})") << QStringLiteral("2200");
    QTest::addRow("labels array") << QByteArray(R"({"metric":"m","labels":["a"],"ts":1,"value":1})") << QStringLiteral("must be an object");
    QTest::addRow("nested label") << QByteArray(R"({"metric":"m","labels":{"a":{"b":1}},"ts":1,"value":1})") << QStringLiteral("label \"a\"");
    QTest::addRow("control char metric") << QByteArray("{\"metric\":\"a\\u0001b\",\"ts\":1,\"value\":1}") << QStringLiteral("printable");
}

void tst_SampleParsing::badLines()
{
    QFETCH(QByteArray, line);
    QFETCH(QString, expected);
    auto sample = ingest::parseSampleLine(line);
    QVERIFY(!sample);
    QCOMPARE(toString(sample.error().code), toString(Error::Code::Parse));
    QVERIFY2(sample.error().userMessage.contains(expected), qPrintable(sample.error().userMessage));
}

void tst_SampleParsing::timePoints_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("expected");
    const qint64 now = 1767225600000;
    QTest::addRow("now") << QStringLiteral("now") << now;
    QTest::addRow("now-24h") << QStringLiteral("now-24h") << now - 86'400'000;
    QTest::addRow("-7d") << QStringLiteral("-7d") << now - 7 * 86'400'000LL;
    QTest::addRow("unix ms") << QStringLiteral("1700000000000") << qint64(1700000000000);
    QTest::addRow("rfc3339") << QStringLiteral("2026-01-01T00:00:00Z") << now;
    QTest::addRow("bad") << QStringLiteral("yesterday") << qint64(-1);
    QTest::addRow("bad unit") << QStringLiteral("now-3x") << qint64(-1);
}

void tst_SampleParsing::timePoints()
{
    QFETCH(QString, text);
    QFETCH(qint64, expected);
    auto parsed = parseTimePoint(text, 1767225600000);
    if (expected < 0) {
        QVERIFY(!parsed);
        return;
    }
    QVERIFY(parsed);
    QCOMPARE(parsed.value(), expected);
}

void tst_SampleParsing::durations_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("expected");
    QTest::addRow("ms") << QStringLiteral("250ms") << qint64(250);
    QTest::addRow("plain") << QStringLiteral("250") << qint64(250);
    QTest::addRow("s") << QStringLiteral("30s") << qint64(30'000);
    QTest::addRow("m") << QStringLiteral("5m") << qint64(300'000);
    QTest::addRow("h") << QStringLiteral("1h") << qint64(3'600'000);
    QTest::addRow("d") << QStringLiteral("1d") << qint64(86'400'000);
    QTest::addRow("w") << QStringLiteral("2w") << qint64(14 * 86'400'000LL);
    QTest::addRow("zero") << QStringLiteral("0s") << qint64(-1);
    QTest::addRow("negative") << QStringLiteral("-5m") << qint64(-1);
    QTest::addRow("junk") << QStringLiteral("5 minutes") << qint64(-1);
}

void tst_SampleParsing::durations()
{
    QFETCH(QString, text);
    QFETCH(qint64, expected);
    auto parsed = parseDuration(text);
    if (expected < 0) {
        QVERIFY(!parsed);
        return;
    }
    QVERIFY(parsed);
    QCOMPARE(parsed.value(), expected);
}

QTEST_GUILESS_MAIN(tst_SampleParsing)
#include "tst_sampleparsing.moc"
