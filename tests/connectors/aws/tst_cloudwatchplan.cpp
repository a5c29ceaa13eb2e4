// What the AWS connector asks CloudWatch for: settings, discovery, the inventory, queries, periods and windows.

#include "cloudwatchplan.h"

#include "localhttpserver.h"

#include <QFile>
#include <QTest>

using namespace stackscope;
using namespace stackscope::connectors::aws;

using StringMap = QMap<QString, QString>;

namespace {

constexpr qint64 kDay = plan::kDayMs;
constexpr qint64 kJan1 = 1767225600000; // 2026-01-01T00:00:00Z

QList<CloudWatchMetric> recorded(const QString &name)
{
    QFile file(test::LocalHttpServer::dataPath(QStringLiteral("aws/") + name));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    auto page = wire::parseListMetrics(file.readAll());
    return page ? page->metrics : QList<CloudWatchMetric>{};
}

Settings settingsOf(const QMap<QString, QString> &map)
{
    auto settings = Settings::fromMap(map);
    return settings ? settings.value() : Settings{};
}

Inventory fixtureInventory(const Settings &settings)
{
    Inventory inventory;
    inventory.key = settings.discoveryKey();
    inventory.discoveredAtMs = kJan1;
    plan::addFound(inventory, QStringLiteral("ec2"), recorded(QStringLiteral("listmetrics-ec2-page1.json")));
    plan::addFound(inventory, QStringLiteral("ec2"), recorded(QStringLiteral("listmetrics-ec2-page2.json")));
    plan::addFound(inventory, QStringLiteral("cwagent"), recorded(QStringLiteral("listmetrics-cwagent.json")));
    plan::addFound(inventory, QStringLiteral("lambda"), recorded(QStringLiteral("listmetrics-lambda.json")));
    plan::addFound(inventory, QStringLiteral("rds"), recorded(QStringLiteral("listmetrics-rds.json")));
    plan::addFound(inventory, QStringLiteral("s3"), recorded(QStringLiteral("listmetrics-s3.json")));
    plan::addFound(inventory, QStringLiteral("apigateway"), recorded(QStringLiteral("listmetrics-apigateway.json")));
    return inventory;
}

// "metric{label=value,…} <- Namespace/MetricName[Dim=Value,…] Stat/period"
QStringList describe(const QList<SeriesQuery> &queries)
{
    QStringList lines;
    for (const SeriesQuery &query : queries) {
        QStringList labels, dimensions;
        for (auto it = query.labels.cbegin(); it != query.labels.cend(); ++it)
            labels << it.key() + QLatin1Char('=') + it.value();
        for (const Dimension &dimension : query.source.dimensions)
            dimensions << dimension.name + QLatin1Char('=') + dimension.value;
        lines << QStringLiteral("%1{%2} <- %3/%4[%5] %6/%7")
                     .arg(query.metric, labels.join(QLatin1Char(',')), query.source.ns, query.source.name,
                          dimensions.join(QLatin1Char(',')), query.stat)
                     .arg(query.period);
    }
    return lines;
}

} // namespace

class tst_CloudWatchPlan : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void settings_data();
    void settings();
    void endpoint();
    void discoveryFollowsTheSettings();
    void queriesFromDiscovery();
    void queriesFromConfiguredLists();
    void inventoryRoundTripsThroughTheCursor();
    void inventoryFreshness();
    void effectivePeriod_data();
    void effectivePeriod();
    void slices();
    void alignedSeconds();
};

void tst_CloudWatchPlan::settings_data()
{
    QTest::addColumn<StringMap>("map");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("words");
    using Map = StringMap;
    QTest::addRow("region only") << Map{{QStringLiteral("region"), QStringLiteral("eu-west-1")}} << true << QString();
    QTest::addRow("GovCloud region") << Map{{QStringLiteral("region"), QStringLiteral("us-gov-west-1")}} << true << QString();
    QTest::addRow("no region") << Map{} << false << QStringLiteral("region is not set");
    QTest::addRow("a host instead of a region")
        << Map{{QStringLiteral("region"), QStringLiteral("evil.example.com/")}} << false << QStringLiteral("not an AWS region code");
    QTest::addRow("period 60") << Map{{QStringLiteral("region"), QStringLiteral("eu-west-1")}, {QStringLiteral("period_seconds"), QStringLiteral("60")}}
                               << true << QString();
    QTest::addRow("period 45") << Map{{QStringLiteral("region"), QStringLiteral("eu-west-1")}, {QStringLiteral("period_seconds"), QStringLiteral("45")}}
                               << false << QStringLiteral("period_seconds");
    QTest::addRow("period 420 does not divide a day")
        << Map{{QStringLiteral("region"), QStringLiteral("eu-west-1")}, {QStringLiteral("period_seconds"), QStringLiteral("420")}}
        << false << QStringLiteral("period_seconds");
}

void tst_CloudWatchPlan::settings()
{
    QFETCH(StringMap, map);
    QFETCH(bool, ok);
    QFETCH(QString, words);
    const auto settings = Settings::fromMap(map);
    QCOMPARE(settings.ok(), ok);
    if (!ok) {
        QCOMPARE(toString(settings.error().code), toString(Error::Code::Config));
        QVERIFY2(settings.error().userMessage.contains(words), qPrintable(settings.error().userMessage));
    }
    const Settings lists = settingsOf({{QStringLiteral("region"), QStringLiteral("eu-west-1")},
                                       {QStringLiteral("ec2_instances"), QStringLiteral(" i-1 ,i-2,, i-1")},
                                       {QStringLiteral("s3_request_filter_id"), QStringLiteral(" EntireBucket ")}});
    QCOMPARE(lists.ec2Instances, (QStringList{QStringLiteral("i-1"), QStringLiteral("i-2")}));
    QCOMPARE(lists.s3RequestFilterId, QStringLiteral("EntireBucket"));
    QCOMPARE(lists.period, 300);
}

void tst_CloudWatchPlan::endpoint()
{
    QCOMPARE(endpointForRegion(QStringLiteral("eu-west-1")), QUrl(QStringLiteral("https://monitoring.eu-west-1.amazonaws.com/")));
    QCOMPARE(endpointForRegion(QStringLiteral("cn-north-1")), QUrl(QStringLiteral("https://monitoring.cn-north-1.amazonaws.com.cn/")));
}

void tst_CloudWatchPlan::discoveryFollowsTheSettings()
{
    auto keys = [](const Settings &settings) {
        QStringList out;
        for (const DiscoveryCall &call : plan::discoveryCalls(settings))
            out << call.key;
        return out;
    };
    const Settings discoverAll = settingsOf({{QStringLiteral("region"), QStringLiteral("eu-west-1")}});
    QCOMPARE(keys(discoverAll), (QStringList{QStringLiteral("ec2"), QStringLiteral("cwagent"), QStringLiteral("lambda"),
                                            QStringLiteral("rds"), QStringLiteral("s3"), QStringLiteral("apigateway")}));
    const QList<DiscoveryCall> calls = plan::discoveryCalls(discoverAll);
    QCOMPARE(calls.first().ns, QStringLiteral("AWS/EC2"));
    QCOMPARE(calls.first().metricName, QStringLiteral("CPUUtilization"));
    QCOMPARE(calls.first().filters, (Dimensions{{QStringLiteral("InstanceId"), QString()}}));

    const Settings listed = settingsOf({{QStringLiteral("region"), QStringLiteral("eu-west-1")},
                                        {QStringLiteral("ec2_instances"), QStringLiteral("i-1")},
                                        {QStringLiteral("lambda_functions"), QStringLiteral("f")},
                                        {QStringLiteral("rds_instances"), QStringLiteral("db")},
                                        {QStringLiteral("s3_buckets"), QStringLiteral("b")}});
    // Memory and API Gateway are always discovered: their dimensions are only known from ListMetrics.
    QCOMPARE(keys(listed), (QStringList{QStringLiteral("cwagent"), QStringLiteral("apigateway")}));

    const Settings requests = settingsOf({{QStringLiteral("region"), QStringLiteral("eu-west-1")},
                                          {QStringLiteral("s3_request_filter_id"), QStringLiteral("EntireBucket")}});
    QVERIFY(keys(requests).contains(QStringLiteral("s3requests")));
    QVERIFY(requests.discoveryKey() != discoverAll.discoveryKey());
    QCOMPARE(plan::discoveryCalls(requests).at(5).filters,
             (Dimensions{{QStringLiteral("FilterId"), QStringLiteral("EntireBucket")}}));
}

void tst_CloudWatchPlan::queriesFromDiscovery()
{
    const Settings settings = settingsOf({{QStringLiteral("region"), QStringLiteral("eu-west-1")}});
    const QStringList lines = describe(plan::queries(settings, fixtureInventory(settings)));
    const QStringList expected{
        // Only instances whose CPUUtilization has exactly the InstanceId dimension.
        QStringLiteral("aws.ec2.cpu_utilization{instance_id=i-0fixture0000000001} <- AWS/EC2/CPUUtilization[InstanceId=i-0fixture0000000001] Average/300"),
        QStringLiteral("aws.ec2.cpu_utilization{instance_id=i-0fixture0000000003} <- AWS/EC2/CPUUtilization[InstanceId=i-0fixture0000000003] Average/300"),
        // The agent series with the fewest dimensions; the one without InstanceId is not an instance.
        QStringLiteral("aws.ec2.memory_used{instance_id=i-0fixture0000000001} <- CWAgent/mem_used_percent[InstanceId=i-0fixture0000000001] Average/300"),
        QStringLiteral("aws.lambda.invocations{function=orders-api} <- AWS/Lambda/Invocations[FunctionName=orders-api] Sum/300"),
        QStringLiteral("aws.lambda.errors{function=orders-api} <- AWS/Lambda/Errors[FunctionName=orders-api] Sum/300"),
        QStringLiteral("aws.lambda.duration{function=orders-api} <- AWS/Lambda/Duration[FunctionName=orders-api] Average/300"),
        QStringLiteral("aws.rds.cpu_utilization{db_instance=orders-db-1} <- AWS/RDS/CPUUtilization[DBInstanceIdentifier=orders-db-1] Average/300"),
        QStringLiteral("aws.rds.connections{db_instance=orders-db-1} <- AWS/RDS/DatabaseConnections[DBInstanceIdentifier=orders-db-1] Average/300"),
        QStringLiteral("aws.rds.read_latency{db_instance=orders-db-1} <- AWS/RDS/ReadLatency[DBInstanceIdentifier=orders-db-1] Average/300"),
        QStringLiteral("aws.rds.write_latency{db_instance=orders-db-1} <- AWS/RDS/WriteLatency[DBInstanceIdentifier=orders-db-1] Average/300"),
        QStringLiteral("aws.rds.read_iops{db_instance=orders-db-1} <- AWS/RDS/ReadIOPS[DBInstanceIdentifier=orders-db-1] Average/300"),
        QStringLiteral("aws.rds.write_iops{db_instance=orders-db-1} <- AWS/RDS/WriteIOPS[DBInstanceIdentifier=orders-db-1] Average/300"),
        QStringLiteral("aws.s3.bucket_size{bucket=fixture-assets,storage_type=StandardIAStorage} <- AWS/S3/BucketSizeBytes[BucketName=fixture-assets,StorageType=StandardIAStorage] Average/86400"),
        QStringLiteral("aws.s3.bucket_size{bucket=fixture-assets,storage_type=StandardStorage} <- AWS/S3/BucketSizeBytes[BucketName=fixture-assets,StorageType=StandardStorage] Average/86400"),
        QStringLiteral("aws.s3.bucket_size{bucket=fixture-logs,storage_type=StandardStorage} <- AWS/S3/BucketSizeBytes[BucketName=fixture-logs,StorageType=StandardStorage] Average/86400"),
        QStringLiteral("aws.s3.objects{bucket=fixture-assets} <- AWS/S3/NumberOfObjects[BucketName=fixture-assets,StorageType=AllStorageTypes] Average/86400"),
        QStringLiteral("aws.s3.objects{bucket=fixture-logs} <- AWS/S3/NumberOfObjects[BucketName=fixture-logs,StorageType=AllStorageTypes] Average/86400"),
        // HTTP API (ApiId + Stage, lower-case 4xx/5xx) and REST API (ApiName + Stage); other combinations dropped.
        QStringLiteral("aws.apigateway.requests{api=a1b2c3d4e5,api_type=http,stage=$default} <- AWS/ApiGateway/Count[ApiId=a1b2c3d4e5,Stage=$default] Sum/300"),
        QStringLiteral("aws.apigateway.latency{api=a1b2c3d4e5,api_type=http,stage=$default} <- AWS/ApiGateway/Latency[ApiId=a1b2c3d4e5,Stage=$default] Average/300"),
        QStringLiteral("aws.apigateway.errors_4xx{api=a1b2c3d4e5,api_type=http,stage=$default} <- AWS/ApiGateway/4xx[ApiId=a1b2c3d4e5,Stage=$default] Sum/300"),
        QStringLiteral("aws.apigateway.errors_5xx{api=a1b2c3d4e5,api_type=http,stage=$default} <- AWS/ApiGateway/5xx[ApiId=a1b2c3d4e5,Stage=$default] Sum/300"),
        QStringLiteral("aws.apigateway.requests{api=orders,api_type=rest,stage=prod} <- AWS/ApiGateway/Count[ApiName=orders,Stage=prod] Sum/300"),
        QStringLiteral("aws.apigateway.latency{api=orders,api_type=rest,stage=prod} <- AWS/ApiGateway/Latency[ApiName=orders,Stage=prod] Average/300"),
        QStringLiteral("aws.apigateway.errors_4xx{api=orders,api_type=rest,stage=prod} <- AWS/ApiGateway/4XXError[ApiName=orders,Stage=prod] Sum/300"),
        QStringLiteral("aws.apigateway.errors_5xx{api=orders,api_type=rest,stage=prod} <- AWS/ApiGateway/5XXError[ApiName=orders,Stage=prod] Sum/300"),
    };
    QCOMPARE(lines, expected);
}

void tst_CloudWatchPlan::queriesFromConfiguredLists()
{
    const Settings settings = settingsOf({{QStringLiteral("region"), QStringLiteral("eu-west-1")},
                                          {QStringLiteral("ec2_instances"), QStringLiteral("i-0fixture0000000009")},
                                          {QStringLiteral("lambda_functions"), QStringLiteral("billing")},
                                          {QStringLiteral("rds_instances"), QStringLiteral("db-2")},
                                          {QStringLiteral("s3_buckets"), QStringLiteral("fixture-assets")},
                                          {QStringLiteral("s3_request_filter_id"), QStringLiteral("EntireBucket")},
                                          {QStringLiteral("apigateway_apis"), QStringLiteral("orders/prod")},
                                          {QStringLiteral("period_seconds"), QStringLiteral("60")}});
    const QList<SeriesQuery> queries = plan::queries(settings, fixtureInventory(settings));
    const QStringList lines = describe(queries);
    // 1 EC2 (the agent's memory series is for another instance) + 3 Lambda + 6 RDS + 2 S3 storage + 3 S3
    // requests + 4 API Gateway (only orders/prod, not the HTTP API).
    QCOMPARE(queries.size(), 1 + 3 + 6 + 2 + 3 + 4);
    QCOMPARE(lines.first(), QStringLiteral("aws.ec2.cpu_utilization{instance_id=i-0fixture0000000009} <- AWS/EC2/CPUUtilization[InstanceId=i-0fixture0000000009] Average/60"));
    QVERIFY(lines.contains(QStringLiteral("aws.s3.bucket_size{bucket=fixture-assets,storage_type=StandardStorage} <- AWS/S3/BucketSizeBytes[BucketName=fixture-assets,StorageType=StandardStorage] Average/86400")));
    QVERIFY(lines.contains(QStringLiteral("aws.s3.requests{bucket=fixture-assets,filter_id=EntireBucket} <- AWS/S3/AllRequests[BucketName=fixture-assets,FilterId=EntireBucket] Sum/60")));
    QVERIFY(lines.contains(QStringLiteral("aws.s3.errors_5xx{bucket=fixture-assets,filter_id=EntireBucket} <- AWS/S3/5xxErrors[BucketName=fixture-assets,FilterId=EntireBucket] Sum/60")));
    QVERIFY(lines.contains(QStringLiteral("aws.apigateway.requests{api=orders,api_type=rest,stage=prod} <- AWS/ApiGateway/Count[ApiName=orders,Stage=prod] Sum/60")));
    QVERIFY(!lines.join(QLatin1Char('\n')).contains(QStringLiteral("a1b2c3d4e5")));
    QVERIFY(!lines.join(QLatin1Char('\n')).contains(QStringLiteral("orders-api")));

    // Nothing discovered and nothing listed: nothing to ask.
    const Settings bare = settingsOf({{QStringLiteral("region"), QStringLiteral("eu-west-1")}});
    QVERIFY(plan::queries(bare, Inventory{}).isEmpty());
}

void tst_CloudWatchPlan::inventoryRoundTripsThroughTheCursor()
{
    const Settings settings = settingsOf({{QStringLiteral("region"), QStringLiteral("eu-west-1")}});
    const Inventory inventory = fixtureInventory(settings);
    const Inventory back = Inventory::fromJson(inventory.toJson());
    QCOMPARE(back.discoveredAtMs, inventory.discoveredAtMs);
    QCOMPARE(back.key, inventory.key);
    QCOMPARE(back.found, inventory.found);
    QCOMPARE(describe(plan::queries(settings, back)), describe(plan::queries(settings, inventory)));
    // Filtered on the way in: ListMetrics' other dimension sets are not kept.
    QCOMPARE(inventory.found.value(QStringLiteral("ec2")).size(), 2);
    QCOMPARE(inventory.found.value(QStringLiteral("apigateway")).size(), 2);
    // A damaged cursor gives an empty inventory, not a crash.
    QVERIFY(Inventory::fromJson(QJsonObject{{QStringLiteral("found"), QStringLiteral("x")}}).found.isEmpty());
}

void tst_CloudWatchPlan::inventoryFreshness()
{
    const Settings settings = settingsOf({{QStringLiteral("region"), QStringLiteral("eu-west-1")}});
    Inventory inventory = fixtureInventory(settings);
    QVERIFY(plan::inventoryIsFresh(inventory, settings, kJan1 + 59 * 60'000));
    QVERIFY(!plan::inventoryIsFresh(inventory, settings, kJan1 + 61 * 60'000));
    const Settings other = settingsOf({{QStringLiteral("region"), QStringLiteral("eu-west-1")},
                                       {QStringLiteral("ec2_instances"), QStringLiteral("i-1")}});
    QVERIFY(!plan::inventoryIsFresh(inventory, other, kJan1 + 60'000));
    QVERIFY(!plan::inventoryIsFresh(Inventory{}, settings, kJan1));
}

void tst_CloudWatchPlan::effectivePeriod_data()
{
    QTest::addColumn<int>("period");
    QTest::addColumn<qint64>("ageMs");
    QTest::addColumn<int>("expected");
    QTest::addRow("recent, 60") << 60 << qint64(3600'000) << 60;
    QTest::addRow("14 days, 60") << 60 << 14 * kDay << 60;
    QTest::addRow("15 days, 60 → 300") << 60 << 15 * kDay << 300;
    QTest::addRow("62 days, 300") << 300 << 62 * kDay << 300;
    QTest::addRow("63 days, 300 → 3600") << 300 << 63 * kDay << 3600;
    QTest::addRow("daily stays daily") << 86400 << 100 * kDay << 86400;
    QTest::addRow("90 s rounds up to 120") << 90 << qint64(0) << 120;
}

void tst_CloudWatchPlan::effectivePeriod()
{
    QFETCH(int, period);
    QFETCH(qint64, ageMs);
    QFETCH(int, expected);
    QCOMPARE(plan::effectivePeriod(period, kJan1 - ageMs, kJan1), expected);
}

void tst_CloudWatchPlan::slices()
{
    using R = plan::TimeRange;
    QCOMPARE(plan::slices(kJan1 + 1000, kJan1 + 5000), (QList<R>{{kJan1 + 1000, kJan1 + 5000}}));
    QCOMPARE(plan::slices(kJan1 - 3600'000, kJan1 + 600'000),
             (QList<R>{{kJan1 - 3600'000, kJan1}, {kJan1, kJan1 + 600'000}}));
    const QList<R> backfill = plan::slices(kJan1 - 14 * kDay + 123, kJan1 + 456);
    QCOMPARE(backfill.size(), 15);
    QCOMPARE(backfill.first().fromMs, kJan1 - 14 * kDay + 123);
    QCOMPARE(backfill.at(1).fromMs, kJan1 - 13 * kDay);
    QCOMPARE(backfill.last(), (R{kJan1, kJan1 + 456}));
    QVERIFY(plan::slices(kJan1, kJan1).isEmpty());
    QVERIFY(plan::slices(kJan1, kJan1 - 1).isEmpty());
}

void tst_CloudWatchPlan::alignedSeconds()
{
    const qint64 jan1 = kJan1 / 1000;
    // Whole periods: a re-read of an overlapping window yields the same bucket starts.
    QCOMPARE(plan::alignedSeconds({kJan1 + 61'000, kJan1 + 599'000}, 300), (QPair<qint64, qint64>{jan1, jan1 + 600}));
    QCOMPARE(plan::alignedSeconds({kJan1 + 61'000, kJan1 + 600'000}, 300), (QPair<qint64, qint64>{jan1, jan1 + 600}));
    QCOMPARE(plan::alignedSeconds({kJan1 + 61'000, kJan1 + 600'001}, 300), (QPair<qint64, qint64>{jan1, jan1 + 900}));
    QCOMPARE(plan::alignedSeconds({kJan1 + 3'600'000, kJan1 + 7'200'000}, 86400), (QPair<qint64, qint64>{jan1, jan1 + 86400}));
    QCOMPARE(plan::alignedSeconds({kJan1, kJan1}, 60), (QPair<qint64, qint64>{jan1, jan1 + 60}));
}

QTEST_GUILESS_MAIN(tst_CloudWatchPlan)
#include "tst_cloudwatchplan.moc"
