// CloudWatch wire mapping on recorded, sanitised responses (tests/data/aws): GetMetricData, ListMetrics,
// DescribeAlarms, request bodies and AWS error answers.

#include "awsmapper.h"

#include "localhttpserver.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace stackscope;
using namespace stackscope::connectors::aws;

Q_DECLARE_METATYPE(stackscope::connectors::aws::ResponseHeaders)

namespace {

QByteArray recorded(const QString &name)
{
    QFile file(test::LocalHttpServer::dataPath(QStringLiteral("aws/") + name));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<missing " + name.toUtf8() + '>');
}

QList<SeriesQuery> twoQueries()
{
    return {
        SeriesQuery{{QStringLiteral("AWS/EC2"), QStringLiteral("CPUUtilization"),
                     {{QStringLiteral("InstanceId"), QStringLiteral("i-0fixture0000000001")}}},
                    QStringLiteral("Average"), 300, QStringLiteral("aws.ec2.cpu_utilization"),
                    Labels{{QStringLiteral("instance_id"), QStringLiteral("i-0fixture0000000001")}}},
        SeriesQuery{{QStringLiteral("AWS/Lambda"), QStringLiteral("Invocations"),
                     {{QStringLiteral("FunctionName"), QStringLiteral("orders-api")}}},
                    QStringLiteral("Sum"), 300, QStringLiteral("aws.lambda.invocations"),
                    Labels{{QStringLiteral("function"), QStringLiteral("orders-api")}}},
    };
}

QString codeName(Error::Code code)
{
    return toString(code);
}

} // namespace

class tst_AwsMapper : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void getMetricData_data();
    void getMetricData();
    void getMetricDataSamplesKeepLabelsAndMilliseconds();
    void getMetricDataStatusesBecomeProblems();
    void listMetrics_data();
    void listMetrics();
    void describeAlarms();
    void describeAlarmsRejectsUnknownState();
    void getMetricDataBody();
    void listMetricsBody();
    void describeAlarmsBody();
    void errors_data();
    void errors();
};

void tst_AwsMapper::getMetricData_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<int>("samples");
    QTest::addColumn<QString>("nextToken");
    QTest::addRow("first page, PartialData, NextToken") << "getmetricdata-page1.json" << true << 4 << "fixture-gmd-token-2";
    QTest::addRow("last page") << "getmetricdata-page2.json" << true << 2 << "";
    QTest::addRow("empty results") << "getmetricdata-empty.json" << true << 0 << "";
    QTest::addRow("statuses and an unknown id") << "getmetricdata-statuses.json" << true << 1 << "";
    QTest::addRow("Timestamps and Values of different lengths") << "getmetricdata-mismatched.json" << false << 0 << "";
    QTest::addRow("values as strings") << "getmetricdata-string-values.json" << false << 0 << "";
    QTest::addRow("malformed JSON") << "malformed.json" << false << 0 << "";
    QTest::addRow("an AWS error body where data was expected") << "error-throttling.json" << true << 0 << "";
}

void tst_AwsMapper::getMetricData()
{
    QFETCH(QString, file);
    QFETCH(bool, ok);
    QFETCH(int, samples);
    QFETCH(QString, nextToken);
    const auto page = wire::parseGetMetricData(recorded(file), twoQueries());
    QCOMPARE(page.ok(), ok);
    if (!ok) {
        QCOMPARE(toString(page.error().code), toString(Error::Code::Parse));
        QVERIFY2(page.error().userMessage.contains(QStringLiteral("GetMetricData")), qPrintable(page.error().userMessage));
        return;
    }
    QCOMPARE(page->samples.size(), samples);
    QCOMPARE(page->nextToken, nextToken);
}

void tst_AwsMapper::getMetricDataSamplesKeepLabelsAndMilliseconds()
{
    const auto page = wire::parseGetMetricData(recorded(QStringLiteral("getmetricdata-page1.json")), twoQueries());
    QVERIFY(page);
    const MetricSample &first = page->samples.at(0);
    QCOMPARE(first.metric, QStringLiteral("aws.ec2.cpu_utilization"));
    QCOMPARE(first.labels.value(QStringLiteral("instance_id")), QStringLiteral("i-0fixture0000000001"));
    QCOMPARE(first.ts, 1767225600000);
    QCOMPARE(first.value, 12.5);
    QCOMPARE(page->samples.at(2).ts, 1767226200000);
    const MetricSample &invocations = page->samples.at(3);
    QCOMPARE(invocations.metric, QStringLiteral("aws.lambda.invocations"));
    QCOMPARE(invocations.labels, (Labels{{QStringLiteral("function"), QStringLiteral("orders-api")}}));
    QCOMPARE(invocations.value, 42.0);
    QVERIFY(page->problems.isEmpty());
    // Not a number: an unparseable body is a Parse error with words, never a crash.
    QCOMPARE(toString(wire::parseGetMetricData("[]", twoQueries()).error().code), toString(Error::Code::Parse));
    QCOMPARE(toString(wire::parseGetMetricData("", twoQueries()).error().code), toString(Error::Code::Parse));
    QCOMPARE(toString(wire::parseGetMetricData(R"({"MetricDataResults": {}})", twoQueries()).error().code), toString(Error::Code::Parse));
}

void tst_AwsMapper::getMetricDataStatusesBecomeProblems()
{
    const auto page = wire::parseGetMetricData(recorded(QStringLiteral("getmetricdata-statuses.json")), twoQueries());
    QVERIFY(page);
    // Exponent notation for seconds is still a timestamp.
    QCOMPARE(page->samples.at(0).ts, 1767225600000);
    const QString problems = page->problems.join(QLatin1Char('\n'));
    QVERIFY2(problems.contains(QStringLiteral("Forbidden")), qPrintable(problems));
    QVERIFY2(problems.contains(QStringLiteral("InternalError")), qPrintable(problems));
    QVERIFY2(problems.contains(QStringLiteral("unknown query id \"q7\"")), qPrintable(problems));
    QVERIFY2(problems.contains(QStringLiteral("MaxQueryTimeRangeExceed")), qPrintable(problems));
    QVERIFY2(problems.contains(QStringLiteral("aws.ec2.cpu_utilization{instance_id=i-0fixture0000000001}")), qPrintable(problems));
}

void tst_AwsMapper::listMetrics_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<int>("metrics");
    QTest::addColumn<QString>("nextToken");
    QTest::addRow("EC2 page 1") << "listmetrics-ec2-page1.json" << true << 2 << "fixture-lm-token-2";
    QTest::addRow("EC2 page 2") << "listmetrics-ec2-page2.json" << true << 1 << "";
    QTest::addRow("CWAgent") << "listmetrics-cwagent.json" << true << 3 << "";
    QTest::addRow("API Gateway") << "listmetrics-apigateway.json" << true << 5 << "";
    QTest::addRow("Lambda, one without dimensions") << "listmetrics-lambda.json" << true << 3 << "";
    QTest::addRow("empty") << "listmetrics-empty.json" << true << 0 << "";
    QTest::addRow("malformed") << "malformed.json" << false << 0 << "";
}

void tst_AwsMapper::listMetrics()
{
    QFETCH(QString, file);
    QFETCH(bool, ok);
    QFETCH(int, metrics);
    QFETCH(QString, nextToken);
    const auto page = wire::parseListMetrics(recorded(file));
    QCOMPARE(page.ok(), ok);
    if (!ok) {
        QCOMPARE(toString(page.error().code), toString(Error::Code::Parse));
        return;
    }
    QCOMPARE(page->metrics.size(), metrics);
    QCOMPARE(page->nextToken, nextToken);
    if (file == QLatin1String("listmetrics-ec2-page1.json")) {
        const CloudWatchMetric &second = page->metrics.at(1);
        QCOMPARE(second.ns, QStringLiteral("AWS/EC2"));
        QCOMPARE(second.name, QStringLiteral("CPUUtilization"));
        QCOMPARE(second.dimensions.size(), 2);
        QCOMPARE(second.dimensions.at(1), (Dimension{QStringLiteral("AutoScalingGroupName"), QStringLiteral("fixture-asg")}));
    }
}

void tst_AwsMapper::describeAlarms()
{
    const auto page = wire::parseDescribeAlarms(recorded(QStringLiteral("describealarms.json")));
    QVERIFY(page);
    QCOMPARE(page->alarms.size(), 4);
    QVERIFY(page->nextToken.isEmpty());

    const SampleBatch samples = wire::alarmSamples(page->alarms, 1767225600000);
    QCOMPARE(samples.size(), 4 + 3);
    QHash<QString, double> state;
    QHash<QString, double> counts;
    for (const MetricSample &sample : samples) {
        QCOMPARE(sample.ts, 1767225600000);
        if (sample.metric == QLatin1String("aws.cloudwatch.alarm_state"))
            state.insert(sample.labels.value(QStringLiteral("alarm_name")) + QLatin1Char('/') + sample.labels.value(QStringLiteral("alarm_type")), sample.value);
        else if (sample.metric == QLatin1String("aws.cloudwatch.alarms"))
            counts.insert(sample.labels.value(QStringLiteral("state")), sample.value);
        else
            QFAIL(qPrintable(sample.metric));
    }
    QCOMPARE(state.value(QStringLiteral("orders-db-cpu-high/metric")), 1.0);
    QCOMPARE(state.value(QStringLiteral("orders-api-errors/metric")), 0.0);
    QCOMPARE(state.value(QStringLiteral("assets-size/metric")), 2.0);
    QCOMPARE(state.value(QStringLiteral("orders-degraded/composite")), 1.0);
    QCOMPARE(counts.value(QStringLiteral("OK")), 1.0);
    QCOMPARE(counts.value(QStringLiteral("ALARM")), 2.0);
    QCOMPARE(counts.value(QStringLiteral("INSUFFICIENT_DATA")), 1.0);

    // No alarms at all: the three counts are still there, at zero.
    const auto empty = wire::parseDescribeAlarms(recorded(QStringLiteral("describealarms-empty.json")));
    QVERIFY(empty);
    const SampleBatch zeros = wire::alarmSamples(empty->alarms, 0);
    QCOMPARE(zeros.size(), 3);
    for (const MetricSample &sample : zeros)
        QCOMPARE(sample.value, 0.0);

    const auto first = wire::parseDescribeAlarms(recorded(QStringLiteral("describealarms-page1.json")));
    QVERIFY(first);
    QCOMPARE(first->nextToken, QStringLiteral("fixture-da-token-2"));
}

void tst_AwsMapper::describeAlarmsRejectsUnknownState()
{
    const auto page = wire::parseDescribeAlarms(recorded(QStringLiteral("describealarms-badstate.json")));
    QVERIFY(!page);
    QCOMPARE(toString(page.error().code), toString(Error::Code::Parse));
    QVERIFY(page.error().userMessage.contains(QStringLiteral("ON_FIRE")));
    QCOMPARE(toString(wire::parseDescribeAlarms(recorded(QStringLiteral("malformed.json"))).error().code), toString(Error::Code::Parse));
    QCOMPARE(toString(wire::parseDescribeAlarms(R"({"MetricAlarms": "none"})").error().code), toString(Error::Code::Parse));
}

void tst_AwsMapper::getMetricDataBody()
{
    const QByteArray body = wire::getMetricDataBody(twoQueries(), 1767225600, 1767229200, QStringLiteral("tok/en+1"));
    const QJsonObject object = QJsonDocument::fromJson(body).object();
    QCOMPARE(object.value(QStringLiteral("StartTime")).toInteger(), 1767225600);
    QCOMPARE(object.value(QStringLiteral("EndTime")).toInteger(), 1767229200);
    QCOMPARE(object.value(QStringLiteral("ScanBy")).toString(), QStringLiteral("TimestampAscending"));
    QCOMPARE(object.value(QStringLiteral("NextToken")).toString(), QStringLiteral("tok/en+1"));
    const QJsonArray queries = object.value(QStringLiteral("MetricDataQueries")).toArray();
    QCOMPARE(queries.size(), 2);
    const QJsonObject first = queries.at(0).toObject();
    QCOMPARE(first.value(QStringLiteral("Id")).toString(), QStringLiteral("q0"));
    QCOMPARE(first.value(QStringLiteral("ReturnData")).toBool(), true);
    const QJsonObject stat = first.value(QStringLiteral("MetricStat")).toObject();
    QCOMPARE(stat.value(QStringLiteral("Period")).toInt(), 300);
    QCOMPARE(stat.value(QStringLiteral("Stat")).toString(), QStringLiteral("Average"));
    const QJsonObject metric = stat.value(QStringLiteral("Metric")).toObject();
    QCOMPARE(metric.value(QStringLiteral("Namespace")).toString(), QStringLiteral("AWS/EC2"));
    QCOMPARE(metric.value(QStringLiteral("MetricName")).toString(), QStringLiteral("CPUUtilization"));
    QCOMPARE(metric.value(QStringLiteral("Dimensions")).toArray(),
             (QJsonArray{QJsonObject{{QStringLiteral("Name"), QStringLiteral("InstanceId")},
                                     {QStringLiteral("Value"), QStringLiteral("i-0fixture0000000001")}}}));
    QCOMPARE(queries.at(1).toObject().value(QStringLiteral("Id")).toString(), QStringLiteral("q1"));
    // Integers on the wire, not "1.7672256e+09".
    QVERIFY(body.contains("\"StartTime\":1767225600"));
    QVERIFY(!wire::getMetricDataBody(twoQueries(), 0, 60).contains("NextToken"));
}

void tst_AwsMapper::listMetricsBody()
{
    const QByteArray body = wire::listMetricsBody(QStringLiteral("AWS/S3"), QStringLiteral("AllRequests"),
                                                  {{QStringLiteral("FilterId"), QStringLiteral("EntireBucket")},
                                                   {QStringLiteral("BucketName"), QString()}});
    QCOMPARE(QJsonDocument::fromJson(body).object(),
             (QJsonObject{{QStringLiteral("Namespace"), QStringLiteral("AWS/S3")},
                          {QStringLiteral("MetricName"), QStringLiteral("AllRequests")},
                          {QStringLiteral("Dimensions"),
                           QJsonArray{QJsonObject{{QStringLiteral("Name"), QStringLiteral("FilterId")},
                                                  {QStringLiteral("Value"), QStringLiteral("EntireBucket")}},
                                      QJsonObject{{QStringLiteral("Name"), QStringLiteral("BucketName")}}}}}));
    QCOMPARE(QJsonDocument::fromJson(wire::listMetricsBody({}, {}, {}, QStringLiteral("t"))).object(),
             (QJsonObject{{QStringLiteral("NextToken"), QStringLiteral("t")}}));
}

void tst_AwsMapper::describeAlarmsBody()
{
    QCOMPARE(QJsonDocument::fromJson(wire::describeAlarmsBody(1)).object(),
             (QJsonObject{{QStringLiteral("AlarmTypes"), QJsonArray{QStringLiteral("MetricAlarm"), QStringLiteral("CompositeAlarm")}},
                          {QStringLiteral("MaxRecords"), 1}}));
    QCOMPARE(QJsonDocument::fromJson(wire::describeAlarmsBody(0, QStringLiteral("n"))).object().value(QStringLiteral("NextToken")).toString(),
             QStringLiteral("n"));
}

void tst_AwsMapper::errors_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<ResponseHeaders>("headers");
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("awsCode");
    QTest::addColumn<QString>("words");

    const ResponseHeaders none;
    QTest::addRow("throttling (HTTP 400, __type)") << 400 << none << "error-throttling.json" << codeName(Error::Code::RateLimited)
                                                   << "ThrottlingException" << "throttling CloudWatch requests (ThrottlingException: Rate exceeded)";
    QTest::addRow("throttling (x-amzn-query-error wins)")
        << 400 << ResponseHeaders{{"X-Amzn-Query-Error", "Throttling;Sender"}, {"x-amzn-RequestId", "fixture-req-1"}}
        << "error-throttling.json" << codeName(Error::Code::RateLimited) << "Throttling" << "Throttling: Rate exceeded";
    QTest::addRow("unrecognised client") << 400 << none << "error-unrecognizedclient.json" << codeName(Error::Code::Auth)
                                         << "UnrecognizedClientException"
                                         << "AWS rejected the credentials (UnrecognizedClientException: The security token included in the request is invalid)";
    QTest::addRow("signature does not match") << 403 << ResponseHeaders{{"x-amzn-query-error", "SignatureDoesNotMatch;Sender"}}
                                              << "error-signature.json" << codeName(Error::Code::Auth) << "SignatureDoesNotMatch"
                                              << "AWS rejected the credentials (SignatureDoesNotMatch: The request signature we calculated";
    QTest::addRow("access denied") << 400 << none << "error-accessdenied.json" << codeName(Error::Code::Auth)
                                   << "AccessDeniedException" << "needs cloudwatch:GetMetricData, cloudwatch:ListMetrics and cloudwatch:DescribeAlarms";
    QTest::addRow("clock skew is not a credentials problem") << 403 << none << "error-skew.json" << codeName(Error::Code::Config)
                                                             << "InvalidSignatureException" << "check this computer's clock";
    QTest::addRow("invalid parameter") << 400 << ResponseHeaders{{"x-amzn-query-error", "InvalidParameterValue;Sender"}}
                                       << "error-invalidparameter.json" << codeName(Error::Code::Config) << "InvalidParameterValue"
                                       << "CloudWatch refused GetMetricData (InvalidParameterValue: The parameter StartTime must be earlier than EndTime)";
    QTest::addRow("Query protocol XML") << 403 << none << "error-query.xml" << codeName(Error::Code::Auth) << "InvalidClientTokenId"
                                        << "InvalidClientTokenId: The security token included in the request is invalid";
    QTest::addRow("empty 403") << 403 << none << "" << codeName(Error::Code::Auth) << "" << "AWS rejected the credentials (HTTP 403)";
    QTest::addRow("empty 400") << 400 << none << "" << codeName(Error::Code::Config) << "" << "CloudWatch refused GetMetricData (HTTP 400)";
}

void tst_AwsMapper::errors()
{
    QFETCH(int, status);
    QFETCH(ResponseHeaders, headers);
    QFETCH(QString, file);
    QFETCH(QString, code);
    QFETCH(QString, awsCode);
    QFETCH(QString, words);
    const QByteArray body = file.isEmpty() ? QByteArray() : recorded(file);
    QCOMPARE(wire::errorCode(headers, body), awsCode);
    const Error error = wire::errorFromResponse(status, headers, body, QStringLiteral("GetMetricData"));
    QCOMPARE(codeName(error.code), code);
    QVERIFY2(error.userMessage.contains(words), qPrintable(error.userMessage));
    QVERIFY2(!error.userMessage.contains(QLatin1Char('\n')), qPrintable(error.userMessage));
    QVERIFY(error.detail.contains(QStringLiteral("GetMetricData: HTTP %1").arg(status)));
    if (headers.size() > 1)
        QVERIFY(error.detail.contains(QStringLiteral("fixture-req-1")));
}

QTEST_GUILESS_MAIN(tst_AwsMapper)
#include "tst_awsmapper.moc"
