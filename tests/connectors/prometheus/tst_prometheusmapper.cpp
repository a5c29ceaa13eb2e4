// The scrape mapper: content negotiation, settings, labels Stackscope adds or moves aside, timestamps, limits.
#include "prometheusmapper.h"

#include "localhttpserver.h"

#include <QFile>
#include <QTest>

using namespace stackscope;
using namespace stackscope::connectors::prometheus;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kScrapeTime = 1767225600123; // 2026-01-01T00:00:00.123Z

QByteArray recorded(const QString &name)
{
    QFile file(test::LocalHttpServer::dataPath(u"prometheus/"_s + name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing test data %s", qPrintable(file.fileName()));
    return file.readAll();
}

const MetricSample *find(const SampleBatch &samples, const QString &metric, const Labels &labels)
{
    for (const MetricSample &sample : samples) {
        if (sample.metric == metric && sample.labels == labels)
            return &sample;
    }
    return nullptr;
}

ScrapeSettings settingsWith(const QString &job = {}, const QByteArray &prefix = {})
{
    ScrapeSettings settings;
    settings.url = QUrl(u"https://app.example.com/metrics"_s);
    settings.job = job;
    settings.metricPrefix = prefix;
    return settings;
}

} // namespace

class tst_PrometheusMapper : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void contentType_data();
    void contentType();
    void settings_data();
    void settings();
    void textScrape();
    void openMetricsScrape();
    void jobAndReservedLabels();
    void prefixKeepsOnlyMatchingFamilies();
    void storeLimitsAreEnforced();
    void oversizeBody();
    void parseErrorsNameTheFormat();
    void acceptHeader();
};

void tst_PrometheusMapper::contentType_data()
{
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<int>("format"); // -1: refused

    QTest::addRow("none") << QByteArray() << int(ExpositionFormat::PrometheusText);
    QTest::addRow("text/plain") << QByteArray("text/plain") << int(ExpositionFormat::PrometheusText);
    QTest::addRow("text 0.0.4 with charset") << QByteArray("text/plain; version=0.0.4; charset=utf-8")
                                             << int(ExpositionFormat::PrometheusText);
    QTest::addRow("upper case") << QByteArray("TEXT/PLAIN;version=0.0.4") << int(ExpositionFormat::PrometheusText);
    QTest::addRow("openmetrics") << QByteArray("application/openmetrics-text; version=1.0.0; charset=utf-8")
                                 << int(ExpositionFormat::OpenMetrics);
    QTest::addRow("html") << QByteArray("text/html; charset=utf-8") << -1;
    QTest::addRow("json") << QByteArray("application/json") << -1;
    QTest::addRow("protobuf") << QByteArray("application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily")
                              << -1;
}

void tst_PrometheusMapper::contentType()
{
    QFETCH(QByteArray, contentType);
    QFETCH(int, format);
    const auto result = formatFromContentType(contentType);
    if (format < 0) {
        QVERIFY(!result);
        QCOMPARE(toString(result.error().code), toString(Error::Code::Config));
        QVERIFY(result.error().userMessage.contains(u"not a Prometheus or OpenMetrics text exposition"_s));
        return;
    }
    QVERIFY(result);
    QCOMPARE(int(result.value()), format);
}

void tst_PrometheusMapper::settings_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("base");
    QTest::addColumn<QString>("job");
    QTest::addColumn<QString>("expectUrl"); // empty: refused

    QTest::addRow("https") << u" https://app.example.com/metrics "_s << QString() << QString()
                           << u"https://app.example.com/metrics"_s;
    QTest::addRow("loopback http") << u"http://127.0.0.1:9100/metrics"_s << QString() << u"node"_s
                                   << u"http://127.0.0.1:9100/metrics"_s;
    QTest::addRow("relative with base") << u"/metrics"_s << u"http://localhost:9090"_s << QString()
                                        << u"http://localhost:9090/metrics"_s;
    QTest::addRow("relative without base") << u"/metrics"_s << QString() << QString() << QString();
    QTest::addRow("missing") << QString() << QString() << QString() << QString();
    QTest::addRow("plain http to another host") << u"http://app.example.com/metrics"_s << QString() << QString()
                                                << QString();
    QTest::addRow("ftp") << u"ftp://app.example.com/metrics"_s << QString() << QString() << QString();
    QTest::addRow("credentials in URL") << u"https://user:pw@app.example.com/metrics"_s << QString() << QString()
                                        << QString();
    QTest::addRow("job with newline") << u"https://app.example.com/metrics"_s << QString() << u"a\nb"_s << QString();
}

void tst_PrometheusMapper::settings()
{
    QFETCH(QString, url);
    QFETCH(QString, base);
    QFETCH(QString, job);
    QFETCH(QString, expectUrl);
    QMap<QString, QString> values{{u"url"_s, url}, {u"metric_prefix"_s, u" app_ "_s}};
    if (!job.isEmpty())
        values.insert(u"job"_s, job);
    const auto result = parseSettings(values, base.isEmpty() ? QUrl() : QUrl(base));
    if (expectUrl.isEmpty()) {
        QVERIFY(!result);
        QCOMPARE(toString(result.error().code), toString(Error::Code::Config));
        QVERIFY(!result.error().userMessage.contains(u"pw@"_s));
        return;
    }
    QVERIFY2(result, result ? "" : qPrintable(result.error().userMessage));
    QCOMPARE(result->url, QUrl(expectUrl));
    QCOMPARE(result->metricPrefix, QByteArray("app_"));
    QCOMPARE(result->job, job);
}

void tst_PrometheusMapper::textScrape()
{
    const auto result = mapScrape(recorded(u"app_text_0.0.4.txt"_s), "text/plain; version=0.0.4", kScrapeTime,
                                  settingsWith());
    QVERIFY2(result, result ? "" : qPrintable(result.error().userMessage));
    QCOMPARE(result->format, ExpositionFormat::PrometheusText);
    QCOMPARE(result->samples.size(), 21);
    QCOMPARE(result->nonFinite, 2);
    QCOMPARE(result->families, 4);
    // Names and labels as exposed; no prefix of ours.
    const MetricSample *posts = find(result->samples, u"http_requests_total"_s,
                                     {{u"method"_s, u"post"_s}, {u"code"_s, u"200"_s}});
    QVERIFY(posts);
    QCOMPARE(posts->value, 1027.0);
    QCOMPARE(posts->ts, 1395066363000); // its own timestamp
    const MetricSample *plain = find(result->samples, u"metric_without_timestamp_and_labels"_s, {});
    QVERIFY(plain);
    QCOMPARE(plain->ts, 1767225600000); // the scrape time, truncated to the second
    // "project" is set by Stackscope: the exposed one moves aside.
    QVERIFY(find(result->samples, u"queue_depth"_s, {{u"queue"_s, u"sms"_s}, {u"exported_project"_s, u"storefront"_s}}));
    QCOMPARE(describe(result.value()), u"21 series from 4 families (2 NaN/Inf values skipped)"_s);
}

void tst_PrometheusMapper::openMetricsScrape()
{
    const auto result = mapScrape(recorded(u"app_openmetrics_1.0.txt"_s),
                                  "application/openmetrics-text; version=1.0.0; charset=utf-8", kScrapeTime,
                                  settingsWith());
    QVERIFY2(result, result ? "" : qPrintable(result.error().userMessage));
    QCOMPARE(result->format, ExpositionFormat::OpenMetrics);
    QCOMPARE(result->samples.size(), 23);
    const MetricSample *stamped = find(result->samples, u"stamped_total"_s, {{u"job"_s, u"batch"_s}});
    QVERIFY(stamped);
    QCOMPARE(stamped->ts, 1700000000250); // OpenMetrics timestamps are seconds
    QCOMPARE(find(result->samples, u"go_goroutines"_s, {})->ts, 1767225600000);
}

void tst_PrometheusMapper::jobAndReservedLabels()
{
    const QByteArray body = R"(a{job="old",service="checkout",exported_service="x",x="1"} 5)";
    const auto result = mapScrape(body, {}, kScrapeTime, settingsWith(u"myapp"_s));
    QVERIFY(result);
    QCOMPARE(result->samples.size(), 1);
    const Labels expected{{u"job"_s, u"myapp"_s},
                          {u"exported_job"_s, u"old"_s},
                          {u"exported_service"_s, u"x"_s},
                          {u"exported_exported_service"_s, u"checkout"_s},
                          {u"x"_s, u"1"_s}};
    QCOMPARE(result->samples.first().labels, expected);

    // Without a job setting an exposed "job" label stays as it is.
    const auto plain = mapScrape(body, {}, kScrapeTime, settingsWith());
    QVERIFY(plain);
    QCOMPARE(plain->samples.first().labels.value(u"job"_s), u"old"_s);
}

void tst_PrometheusMapper::prefixKeepsOnlyMatchingFamilies()
{
    const auto result = mapScrape(recorded(u"app_text_0.0.4.txt"_s), {}, kScrapeTime,
                                  settingsWith({}, "http_request_duration_"));
    QVERIFY(result);
    QCOMPARE(result->samples.size(), 8); // 6 buckets, _sum, _count
    for (const MetricSample &sample : result->samples)
        QVERIFY(sample.metric.startsWith(u"http_request_duration_seconds"_s));
    QCOMPARE(result->filteredOut, 15); // the NaN/Inf samples outside the prefix count here
    QCOMPARE(result->nonFinite, 0);
    QVERIFY(describe(result.value()).contains(u"15 outside the metric prefix"_s));
}

void tst_PrometheusMapper::storeLimitsAreEnforced()
{
    QByteArray manyLabels = "wide{";
    for (int i = 0; i < 63; ++i)
        manyLabels += "l" + QByteArray::number(i) + "=\"v\",";
    manyLabels += "} 1\n";
    const QByteArray body = "ok 1\nlong_value{v=\"" + QByteArray(2000, 'x') + "\"} 2\n" + manyLabels
                            + "ancient 3 -3982045\n";
    const auto result = mapScrape(body, {}, kScrapeTime, settingsWith());
    QVERIFY(result);
    QCOMPARE(result->samples.size(), 1);
    QCOMPARE(result->rejected, 3);
    QVERIFY2(result->firstRejection.startsWith(u"line 2 (long_value)"_s), qPrintable(result->firstRejection));
    QVERIFY(describe(result.value()).contains(u"3 refused"_s));
}

void tst_PrometheusMapper::oversizeBody()
{
    const QByteArray body(kMaxBodyBytes + 1, '#');
    const auto result = mapScrape(body, {}, kScrapeTime, settingsWith());
    QVERIFY(!result);
    QCOMPARE(toString(result.error().code), toString(Error::Code::Config));
    QVERIFY(result.error().userMessage.contains(u"at most 16 MiB"_s));
}

void tst_PrometheusMapper::parseErrorsNameTheFormat()
{
    const auto text = mapScrape(recorded(u"garbage_line_5.txt"_s), "text/plain", kScrapeTime, settingsWith());
    QVERIFY(!text);
    QCOMPARE(toString(text.error().code), toString(Error::Code::Parse));
    QVERIFY2(text.error().userMessage.startsWith(u"The Prometheus exposition could not be read: line 5: "_s),
             qPrintable(text.error().userMessage));
    const auto om = mapScrape("a 1\n", "application/openmetrics-text", kScrapeTime, settingsWith());
    QVERIFY(!om);
    QVERIFY(om.error().userMessage.startsWith(u"The OpenMetrics exposition could not be read"_s));
}

void tst_PrometheusMapper::acceptHeader()
{
    QCOMPARE(QByteArray(kAcceptHeader),
             QByteArray("application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5"));
}

QTEST_GUILESS_MAIN(tst_PrometheusMapper)
#include "tst_prometheusmapper.moc"
