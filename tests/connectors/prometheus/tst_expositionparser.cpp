// The exposition parser on tricky inputs: escapes, missing HELP, duplicate TYPE, garbage, huge and unicode
// label values, NaN/Inf, both timestamp conventions, OpenMetrics' # EOF and exemplars.
#include "expositionparser.h"

#include "localhttpserver.h"

#include <QFile>
#include <QTest>

#include <cmath>
#include <limits>

using namespace stackscope;
using namespace stackscope::connectors::prometheus;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kNoTs = std::numeric_limits<qint64>::min();

QByteArray recorded(const QString &name)
{
    QFile file(test::LocalHttpServer::dataPath(u"prometheus/"_s + name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing test data %s", qPrintable(file.fileName()));
    return file.readAll();
}

const ParsedSample *find(const Exposition &exposition, const QString &name, const Labels &labels = {})
{
    for (const ParsedSample &sample : exposition.samples) {
        if (sample.name == name && sample.labels == labels)
            return &sample;
    }
    return nullptr;
}

} // namespace

class tst_ExpositionParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data();
    void parse();
    void errors_data();
    void errors();
    void hugeLabelValue();
    void prefixAndLimit();
    void recordedText();
    void recordedOpenMetrics();
    void recordedGarbage();
    void families();
    void mutatedInputsNeverCrash();
    void consecutiveLinesKeepTheirOwnLabels();
};

void tst_ExpositionParser::parse_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<bool>("openMetrics");
    QTest::addColumn<int>("count");
    QTest::addColumn<QString>("name");   // of the first sample
    QTest::addColumn<Labels>("labels");
    QTest::addColumn<double>("value");
    QTest::addColumn<qint64>("ts");
    QTest::addColumn<int>("kind");       // MetricKind of the first sample
    QTest::addColumn<int>("nonFinite");

    const int gauge = int(MetricKind::Gauge), counter = int(MetricKind::Counter);
    QTest::addRow("minimal") << QByteArray("a 1\n") << false << 1 << u"a"_s << Labels() << 1.0 << kNoTs << gauge << 0;
    QTest::addRow("no final newline") << QByteArray("a 1") << false << 1 << u"a"_s << Labels() << 1.0 << kNoTs << gauge
                                      << 0;
    QTest::addRow("CRLF lines") << QByteArray("a 1\r\nb 2\r\n") << false << 2 << u"a"_s << Labels() << 1.0 << kNoTs
                                << gauge << 0;
    QTest::addRow("empty input") << QByteArray() << false << 0 << QString() << Labels() << 0.0 << kNoTs << gauge << 0;
    QTest::addRow("only comments") << QByteArray("# just a comment\n#nospace\n\n   \n") << false << 0 << QString()
                                   << Labels() << 0.0 << kNoTs << gauge << 0;
    QTest::addRow("escapes") << QByteArray(R"(a{path="C:\\DIR\\F.TXT",msg="say \"hi\"\nbye"} 1)") << false << 1
                             << u"a"_s
                             << Labels{{u"path"_s, u"C:\\DIR\\F.TXT"_s}, {u"msg"_s, u"say \"hi\"\nbye"_s}} << 1.0
                             << kNoTs << gauge << 0;
    QTest::addRow("unknown escape kept") << QByteArray(R"(a{x="\q\t"} 1)") << false << 1 << u"a"_s
                                         << Labels{{u"x"_s, u"\\q\\t"_s}} << 1.0 << kNoTs << gauge << 0;
    QTest::addRow("brace and comma inside value") << QByteArray(R"(a{x="},{=",y="#"} 1)") << false << 1 << u"a"_s
                                                  << Labels{{u"x"_s, u"},{="_s}, {u"y"_s, u"#"_s}} << 1.0 << kNoTs
                                                  << gauge << 0;
    QTest::addRow("missing HELP, counter") << QByteArray("# TYPE c_total counter\nc_total 5\n") << false << 1
                                           << u"c_total"_s << Labels() << 5.0 << kNoTs << counter << 0;
    QTest::addRow("no TYPE is untyped gauge") << QByteArray("# HELP u something\nu 5\n") << false << 1 << u"u"_s
                                              << Labels() << 5.0 << kNoTs << gauge << 0;
    QTest::addRow("same TYPE twice is fine") << QByteArray("# TYPE g gauge\n# TYPE g gauge\ng 2\n") << false << 1
                                             << u"g"_s << Labels() << 2.0 << kNoTs << gauge << 0;
    QTest::addRow("trailing comma") << QByteArray(R"(a{b="1",} 1)") << false << 1 << u"a"_s << Labels{{u"b"_s, u"1"_s}}
                                    << 1.0 << kNoTs << gauge << 0;
    QTest::addRow("empty braces") << QByteArray("a{} 7") << false << 1 << u"a"_s << Labels() << 7.0 << kNoTs << gauge
                                  << 0;
    QTest::addRow("blanks everywhere") << QByteArray("  a { b = \"1\" ,\tc=\"2\" }   3 \t 1000  ") << false << 1
                                       << u"a"_s << Labels{{u"b"_s, u"1"_s}, {u"c"_s, u"2"_s}} << 3.0
                                       << qint64(1000) << gauge << 0;
    QTest::addRow("text timestamp in ms") << QByteArray("a 1 1395066363000") << false << 1 << u"a"_s << Labels() << 1.0
                                          << qint64(1395066363000) << gauge << 0;
    QTest::addRow("negative timestamp") << QByteArray("a 1 -3982045") << false << 1 << u"a"_s << Labels() << 1.0
                                        << qint64(-3982045) << gauge << 0;
    QTest::addRow("signed exponent value") << QByteArray("a -1.5e-3") << false << 1 << u"a"_s << Labels() << -0.0015
                                           << kNoTs << gauge << 0;
    QTest::addRow("plus sign value") << QByteArray("a +12") << false << 1 << u"a"_s << Labels() << 12.0 << kNoTs
                                     << gauge << 0;
    QTest::addRow("NaN and infinities skipped")
        << QByteArray("a NaN\nb +Inf\nc -Inf\nd nan\ne 1\n") << false << 1 << u"e"_s << Labels() << 1.0 << kNoTs
        << gauge << 4;
    QTest::addRow("colons in names") << QByteArray("job:http_requests:rate5m 3") << false << 1
                                     << u"job:http_requests:rate5m"_s << Labels() << 3.0 << kNoTs << gauge << 0;
    QTest::addRow("unicode label value") << QByteArray("a{city=\"Z\xc3\xbcrich \xe6\x9d\xb1\xe4\xba\xac \xf0\x9f\x9a\x80\"} 1")
                                         << false << 1 << u"a"_s
                                         << Labels{{u"city"_s, QString::fromUtf8("Z\xc3\xbcrich \xe6\x9d\xb1\xe4\xba\xac \xf0\x9f\x9a\x80")}}
                                         << 1.0 << kNoTs << gauge << 0;
    QTest::addRow("quoted UTF-8 names") << QByteArray(R"({"my.dotted.metric", "label.with.dots"="v"} 5)") << false << 1
                                        << u"my.dotted.metric"_s << Labels{{u"label.with.dots"_s, u"v"_s}} << 5.0
                                        << kNoTs << gauge << 0;
    QTest::addRow("histogram bucket is a counter")
        << QByteArray("# TYPE h histogram\nh_bucket{le=\"+Inf\"} 4\nh_sum 2\nh_count 4\n") << false << 3 << u"h_bucket"_s
        << Labels{{u"le"_s, u"+Inf"_s}} << 4.0 << kNoTs << counter << 0;
    QTest::addRow("summary quantile is a gauge")
        << QByteArray("# TYPE s summary\ns{quantile=\"0.9\"} 0.2\ns_sum 2\ns_count 4\n") << false << 3 << u"s"_s
        << Labels{{u"quantile"_s, u"0.9"_s}} << 0.2 << kNoTs << gauge << 0;
    QTest::addRow("OpenMetrics seconds timestamp") << QByteArray("a 1 1520879607.789\n# EOF\n") << true << 1 << u"a"_s
                                                   << Labels() << 1.0 << qint64(1520879607789) << gauge << 0;
    QTest::addRow("OpenMetrics counter _total and _created")
        << QByteArray("# TYPE c counter\nc_total 3\nc_created 1520430000\n# EOF\n") << true << 2 << u"c_total"_s
        << Labels() << 3.0 << kNoTs << counter << 0;
    QTest::addRow("OpenMetrics exemplar ignored")
        << QByteArray("# TYPE h histogram\nh_bucket{le=\"0.1\"} 8 # {trace_id=\"KOO5S4vxi0o\"} 0.67\n# EOF\n") << true
        << 1 << u"h_bucket"_s << Labels{{u"le"_s, u"0.1"_s}} << 8.0 << kNoTs << counter << 0;
    QTest::addRow("OpenMetrics info") << QByteArray("# TYPE b info\nb_info{v=\"1\"} 1\n# EOF") << true << 1
                                      << u"b_info"_s << Labels{{u"v"_s, u"1"_s}} << 1.0 << kNoTs << gauge << 0;
    QTest::addRow("text format: # EOF is a comment") << QByteArray("a 1\n# EOF\nb 2\n") << false << 2 << u"a"_s
                                                     << Labels() << 1.0 << kNoTs << gauge << 0;
    QTest::addRow("blank lines after # EOF") << QByteArray("a 1\n# EOF\n\n") << true << 1 << u"a"_s << Labels() << 1.0
                                             << kNoTs << gauge << 0;
}

void tst_ExpositionParser::parse()
{
    QFETCH(QByteArray, input);
    QFETCH(bool, openMetrics);
    QFETCH(int, count);
    QFETCH(QString, name);
    QFETCH(Labels, labels);
    QFETCH(double, value);
    QFETCH(qint64, ts);
    QFETCH(int, kind);
    QFETCH(int, nonFinite);

    const auto result = parseExposition(input, openMetrics ? ExpositionFormat::OpenMetrics
                                                           : ExpositionFormat::PrometheusText);
    QVERIFY2(result, result ? "" : qPrintable(result.error().userMessage));
    QCOMPARE(qsizetype(result->samples.size()), count);
    QCOMPARE(result->nonFinite, nonFinite);
    if (count == 0)
        return;
    const ParsedSample &first = result->samples.front();
    QCOMPARE(first.name, name);
    QCOMPARE(first.labels, labels);
    QCOMPARE(first.value, value);
    QCOMPARE(first.timestampMs.value_or(kNoTs), ts);
    QCOMPARE(int(first.kind), kind);
}

void tst_ExpositionParser::errors_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<bool>("openMetrics");
    QTest::addColumn<QString>("message"); // must be contained in the error

    QTest::addRow("garbage line") << QByteArray("a 1\nthis is not a metric\n") << false
                                  << u"line 2: \"is\" is not a number"_s;
    QTest::addRow("HTML page") << QByteArray("<html>\n") << false
                               << u"line 1: expected a metric name or a comment, found \"<html>\""_s;
    QTest::addRow("name starts with digit") << QByteArray("1abc 2") << false << u"line 1: expected a metric name"_s;
    QTest::addRow("dash in name") << QByteArray("my-metric 2") << false << u"line 1: unexpected \"-metric 2\""_s;
    QTest::addRow("missing value") << QByteArray("a{b=\"c\"}\n") << false << u"line 1: \"a\" has no value"_s;
    QTest::addRow("value not a number") << QByteArray("x 12abc") << false << u"\"12abc\" is not a number"_s;
    QTest::addRow("hex value") << QByteArray("x 0x10") << false << u"\"0x10\" is not a number"_s;
    QTest::addRow("bad timestamp") << QByteArray("x 1 soon") << false << u"\"soon\" is not a timestamp"_s;
    QTest::addRow("text after timestamp") << QByteArray("x 1 1000 extra") << false
                                          << u"line 1: unexpected \"extra\" after the value"_s;
    QTest::addRow("unterminated value") << QByteArray("\n\nx{a=\"open} 1") << false
                                        << u"line 3: the value of label \"a\" has no closing double quote"_s;
    QTest::addRow("missing closing brace") << QByteArray("x{a=\"1\" 1") << false << u"expected ',' or '}'"_s;
    QTest::addRow("label set never closed") << QByteArray("x{a=\"1\",") << false << u"no closing '}'"_s;
    QTest::addRow("unquoted label value") << QByteArray("x{a=1} 1") << false
                                          << u"the value of label \"a\" must be in double quotes"_s;
    QTest::addRow("label without =") << QByteArray("x{a} 1") << false << u"expected '=' after label \"a\""_s;
    QTest::addRow("duplicate label") << QByteArray("x{a=\"1\",a=\"2\"} 1") << false << u"label \"a\" appears twice"_s;
    QTest::addRow("conflicting TYPE") << QByteArray("# TYPE m counter\n# TYPE m gauge\n") << false
                                      << u"line 2: a second \"# TYPE\" for \"m\" says gauge, but line 1 said counter"_s;
    QTest::addRow("TYPE after samples") << QByteArray("m_total 1\n# TYPE m counter\n") << false
                                        << u"line 2: \"# TYPE\" for \"m\" comes after its samples (line 1)"_s;
    QTest::addRow("unknown type") << QByteArray("# TYPE m meter\n") << false << u"unknown metric type \"meter\""_s;
    QTest::addRow("TYPE without type") << QByteArray("# TYPE m\n") << false << u"names no type"_s;
    QTest::addRow("HELP without name") << QByteArray("# HELP\n") << false << u"without a metric name"_s;
    QTest::addRow("invalid UTF-8") << QByteArray("a 1\nb{x=\"\xff\xfe\"} 1\n") << false
                                   << u"line 2: the line is not valid UTF-8"_s;
    QTest::addRow("OpenMetrics without # EOF") << QByteArray("a 1\n") << true << u"does not end with \"# EOF\""_s;
    QTest::addRow("OpenMetrics data after # EOF") << QByteArray("a 1\n# EOF\nb 2\n") << true
                                                  << u"line 3: nothing may follow \"# EOF\""_s;
    QTest::addRow("name twice") << QByteArray(R"(a{"b"} 1)") << false << u"the metric name is given twice"_s;
}

void tst_ExpositionParser::errors()
{
    QFETCH(QByteArray, input);
    QFETCH(bool, openMetrics);
    QFETCH(QString, message);
    const auto result = parseExposition(input, openMetrics ? ExpositionFormat::OpenMetrics
                                                           : ExpositionFormat::PrometheusText);
    QVERIFY(!result);
    QCOMPARE(toString(result.error().code), toString(Error::Code::Parse));
    QVERIFY2(result.error().userMessage.contains(message), qPrintable(result.error().userMessage));
}

void tst_ExpositionParser::hugeLabelValue()
{
    const QByteArray big(1 << 20, 'x');
    const QByteArray input = "big{v=\"" + big + "\"} 1\nsmall 2\n";
    const auto result = parseExposition(input, ExpositionFormat::PrometheusText);
    QVERIFY(result);
    QCOMPARE(qsizetype(result->samples.size()), 2);
    QCOMPARE(result->samples.front().labels.value(u"v"_s).size(), big.size());

    // Garbage in a huge line is still reported with its line number, and the quoted part stays short.
    const QByteArray brokenInput = "ok 1\nbroken{v=\"" + big;
    const auto broken = parseExposition(brokenInput, ExpositionFormat::PrometheusText);
    QVERIFY(!broken);
    QVERIFY(broken.error().userMessage.startsWith(u"line 2: "_s));
    QVERIFY(broken.error().userMessage.size() < 300);
}

void tst_ExpositionParser::prefixAndLimit()
{
    const QByteArray input = "# TYPE app_hits counter\napp_hits 1\nother 2\napp_up 1\ngo_x NaN\napp_nan NaN\n";
    ParseOptions options;
    options.metricPrefix = "app_";
    const auto kept = parseExposition(input, ExpositionFormat::PrometheusText, options);
    QVERIFY(kept);
    QCOMPARE(qsizetype(kept->samples.size()), 2);
    QCOMPARE(kept->filteredOut, 2); // other, go_x: filtered before the NaN check
    QCOMPARE(kept->nonFinite, 1);   // app_nan

    options.metricPrefix.clear();
    options.maxSamples = 2;
    const auto tooMany = parseExposition(input, ExpositionFormat::PrometheusText, options);
    QVERIFY(!tooMany);
    QCOMPARE(toString(tooMany.error().code), toString(Error::Code::Config));
    QVERIFY2(tooMany.error().userMessage.contains(u"line 4: the exposition has more than 2 series"_s),
             qPrintable(tooMany.error().userMessage));
}

void tst_ExpositionParser::recordedText()
{
    const auto result = parseExposition(recorded(u"app_text_0.0.4.txt"_s), ExpositionFormat::PrometheusText);
    QVERIFY2(result, result ? "" : qPrintable(result.error().userMessage));
    QCOMPARE(qsizetype(result->samples.size()), 21);
    QCOMPARE(result->nonFinite, 2);
    const ParsedSample *posts = find(*result, u"http_requests_total"_s,
                                     {{u"method"_s, u"post"_s}, {u"code"_s, u"400"_s}});
    QVERIFY(posts);
    QCOMPARE(posts->value, 3.0);
    QCOMPARE(posts->timestampMs.value_or(0), 1395066363000);
    QCOMPARE(posts->kind, MetricKind::Counter);
    const ParsedSample *file = find(*result, u"msdos_file_access_time_seconds"_s,
                                    {{u"path"_s, u"C:\\DIR\\FILE.TXT"_s},
                                     {u"error"_s, u"Cannot find file:\n\"FILE.TXT\""_s}});
    QVERIFY(file);
    QCOMPARE(file->value, 1.458255915e9);
    const ParsedSample *bucket = find(*result, u"http_request_duration_seconds_bucket"_s, {{u"le"_s, u"+Inf"_s}});
    QVERIFY(bucket);
    QCOMPARE(bucket->kind, MetricKind::Counter);
    const ParsedSample *quantile = find(*result, u"rpc_duration_seconds"_s, {{u"quantile"_s, u"0.99"_s}});
    QVERIFY(quantile);
    QCOMPARE(quantile->kind, MetricKind::Gauge);
    const ParsedSample *count = find(*result, u"rpc_duration_seconds_count"_s);
    QVERIFY(count);
    QCOMPARE(count->kind, MetricKind::Counter);
    QVERIFY(!count->timestampMs);
}

void tst_ExpositionParser::recordedOpenMetrics()
{
    const auto result = parseExposition(recorded(u"app_openmetrics_1.0.txt"_s), ExpositionFormat::OpenMetrics);
    QVERIFY2(result, result ? "" : qPrintable(result.error().userMessage));
    QVERIFY(result->sawEof);
    QCOMPARE(qsizetype(result->samples.size()), 23);
    QCOMPARE(find(*result, u"process_cpu_seconds_total"_s)->kind, MetricKind::Counter);
    QCOMPARE(find(*result, u"foo_created"_s)->kind, MetricKind::Gauge);
    QCOMPARE(find(*result, u"foo_bucket"_s, {{u"le"_s, u"0.1"_s}})->value, 8.0);
    QCOMPARE(find(*result, u"requests_in_flight_gsum"_s)->kind, MetricKind::Gauge);
    QCOMPARE(find(*result, u"feature"_s, {{u"feature"_s, u"b"_s}})->value, 0.0);
    QCOMPARE(find(*result, u"stamped_total"_s, {{u"job"_s, u"batch"_s}})->timestampMs.value_or(0), 1700000000250);
    QCOMPARE(find(*result, u"acme_http_router_request_seconds_count"_s,
                  {{u"path"_s, u"/api/v2"_s}, {u"method"_s, u"POST"_s}})->value, 34.0);
}

void tst_ExpositionParser::recordedGarbage()
{
    const auto result = parseExposition(recorded(u"garbage_line_5.txt"_s), ExpositionFormat::PrometheusText);
    QVERIFY(!result);
    QVERIFY2(result.error().userMessage.startsWith(u"line 5: expected a metric name or a comment"_s),
             qPrintable(result.error().userMessage));
}

void tst_ExpositionParser::families()
{
    const auto result = parseExposition(recorded(u"app_openmetrics_1.0.txt"_s), ExpositionFormat::OpenMetrics);
    QVERIFY(result);
    QCOMPARE(result->families.size(), 8);
    const MetricFamily &first = result->families.first();
    QCOMPARE(first.name, u"acme_http_router_request_seconds"_s);
    QCOMPARE(first.type, MetricType::Summary);
    QCOMPARE(first.unit, u"seconds"_s);
    QVERIFY(first.help.startsWith(u"Latency"_s));
    QCOMPARE(typeName(result->families.at(6).type), u"gaugehistogram"_s);
}

void tst_ExpositionParser::mutatedInputsNeverCrash()
{
    // Deterministic mutations of the recorded expositions: flipped, dropped, duplicated and inserted bytes,
    // truncations. Whatever comes out must be a result or an error that names a line; never a crash (run it
    // under ASan/UBSan: -DSTACKSCOPE_SANITIZERS="address;undefined").
    const QByteArray seeds[] = {recorded(u"app_text_0.0.4.txt"_s), recorded(u"app_openmetrics_1.0.txt"_s)};
    const char alphabet[] = "{}\",=# \n\\\t.e+-0123456789abcdefINaf\xff\xc3";
    quint32 state = 12345;
    auto next = [&state] {
        state = state * 1664525u + 1013904223u;
        return state >> 8;
    };
    int errors = 0, results = 0;
    for (int round = 0; round < 3000; ++round) {
        QByteArray input = seeds[round % 2];
        const int edits = 1 + int(next() % 6);
        for (int e = 0; e < edits && !input.isEmpty(); ++e) {
            const qsizetype at = qsizetype(next() % quint32(input.size()));
            switch (next() % 5) {
            case 0: input[at] = alphabet[next() % (sizeof(alphabet) - 1)]; break;
            case 1: input.remove(at, 1 + qsizetype(next() % 8)); break;
            case 2: input.insert(at, input.mid(at, 1 + qsizetype(next() % 16))); break;
            case 3: input.insert(at, alphabet[next() % (sizeof(alphabet) - 1)]); break;
            default: input.truncate(at); break;
            }
        }
        for (const ExpositionFormat format : {ExpositionFormat::PrometheusText, ExpositionFormat::OpenMetrics}) {
            const auto result = parseExposition(input, format);
            if (result) {
                ++results;
                for (const ParsedSample &sample : result->samples)
                    QVERIFY(std::isfinite(sample.value));
            } else {
                ++errors;
                const QString &message = result.error().userMessage;
                QVERIFY2(message.startsWith(u"line "_s) || message.contains(u"# EOF"_s), qPrintable(message));
            }
        }
    }
    QVERIFY(errors > 0);
    QVERIFY(results > 0);
}

void tst_ExpositionParser::consecutiveLinesKeepTheirOwnLabels()
{
    // The parser reuses the previous line's strings when the bytes match; nothing may leak across lines.
    const QByteArray input = "m{a=\"1\",b=\"2\"} 1\n"
                             "m{b=\"2\",a=\"1\"} 2\n"
                             "m{a=\"1\",b=\"3\"} 3\n"
                             "m{a=\"x\\\"y\",b=\"\"} 4\n"
                             "m{a=\"x\\\"y\"} 5\n"
                             "{\"m.q\",a=\"1\"} 6\n"
                             "m{c=\"1\"} 7\n"
                             "m 8\n";
    const auto result = parseExposition(input, ExpositionFormat::PrometheusText);
    QVERIFY2(result, result ? "" : qPrintable(result.error().userMessage));
    QCOMPARE(qsizetype(result->samples.size()), 8);
    const QList<Labels> expected{
        {{u"a"_s, u"1"_s}, {u"b"_s, u"2"_s}}, {{u"a"_s, u"1"_s}, {u"b"_s, u"2"_s}}, {{u"a"_s, u"1"_s}, {u"b"_s, u"3"_s}},
        {{u"a"_s, u"x\"y"_s}, {u"b"_s, QString()}}, {{u"a"_s, u"x\"y"_s}}, {{u"a"_s, u"1"_s}},
        {{u"c"_s, u"1"_s}}, {}};
    for (qsizetype i = 0; i < expected.size(); ++i) {
        QCOMPARE(result->samples[std::size_t(i)].labels, expected[i]);
        QCOMPARE(result->samples[std::size_t(i)].value, double(i + 1));
    }
    QCOMPARE(result->samples[5].name, u"m.q"_s);
    QCOMPARE(result->samples[6].name, u"m"_s);
}

QTEST_GUILESS_MAIN(tst_ExpositionParser)
#include "tst_expositionparser.moc"
