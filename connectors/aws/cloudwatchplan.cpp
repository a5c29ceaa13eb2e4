#include "cloudwatchplan.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <tuple>

namespace stackscope::connectors::aws {

namespace {

constexpr qsizetype kMaxFoundPerCall = 500;

QStringList listSetting(const QMap<QString, QString> &settings, const char *key)
{
    QStringList out;
    for (const QString &part : settings.value(QLatin1String(key)).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString item = part.trimmed();
        if (!item.isEmpty() && !out.contains(item))
            out << item;
    }
    return out;
}

QString dimensionValue(const Dimensions &dimensions, const QString &name)
{
    for (const Dimension &dimension : dimensions) {
        if (dimension.name == name)
            return dimension.value;
    }
    return {};
}

// The dimension names of `metric` are exactly `names` (in any order), each with a value.
bool hasExactly(const CloudWatchMetric &metric, std::initializer_list<const char *> names)
{
    if (metric.dimensions.size() != qsizetype(names.size()))
        return false;
    for (const char *name : names) {
        if (dimensionValue(metric.dimensions, QLatin1String(name)).isEmpty())
            return false;
    }
    return true;
}

// The kinds of metric a discovery call is for; anything else ListMetrics returns is dropped right away.
bool keep(const QString &key, const CloudWatchMetric &metric)
{
    if (key == QLatin1String("ec2"))
        return hasExactly(metric, {"InstanceId"});
    if (key == QLatin1String("cwagent"))
        return !dimensionValue(metric.dimensions, QStringLiteral("InstanceId")).isEmpty();
    if (key == QLatin1String("lambda"))
        return hasExactly(metric, {"FunctionName"});
    if (key == QLatin1String("rds"))
        return hasExactly(metric, {"DBInstanceIdentifier"});
    if (key == QLatin1String("s3"))
        return hasExactly(metric, {"BucketName", "StorageType"});
    if (key == QLatin1String("s3requests"))
        return hasExactly(metric, {"BucketName", "FilterId"});
    if (key == QLatin1String("apigateway"))
        return hasExactly(metric, {"ApiName", "Stage"}) || hasExactly(metric, {"ApiId", "Stage"});
    return false;
}

QStringList valuesOf(const Inventory &inventory, const QString &key, const QString &dimension)
{
    QStringList values;
    for (const CloudWatchMetric &metric : inventory.found.value(key)) {
        const QString value = dimensionValue(metric.dimensions, dimension);
        if (!value.isEmpty() && !values.contains(value))
            values << value;
    }
    values.sort();
    return values;
}

struct Def
{
    const char *metric;
    const char *ns;
    const char *name;
    const char *stat;
};

SeriesQuery make(const Def &def, Dimensions dimensions, int period, Labels labels)
{
    return SeriesQuery{{QLatin1String(def.ns), QLatin1String(def.name), std::move(dimensions)},
                       QLatin1String(def.stat), period, QLatin1String(def.metric), std::move(labels)};
}

const Def kEc2Cpu{"aws.ec2.cpu_utilization", "AWS/EC2", "CPUUtilization", "Average"};
const Def kEc2Memory{"aws.ec2.memory_used", "CWAgent", "mem_used_percent", "Average"};
const Def kLambda[] = {
    {"aws.lambda.invocations", "AWS/Lambda", "Invocations", "Sum"},
    {"aws.lambda.errors", "AWS/Lambda", "Errors", "Sum"},
    {"aws.lambda.duration", "AWS/Lambda", "Duration", "Average"},
};
const Def kRds[] = {
    {"aws.rds.cpu_utilization", "AWS/RDS", "CPUUtilization", "Average"},
    {"aws.rds.connections", "AWS/RDS", "DatabaseConnections", "Average"},
    {"aws.rds.read_latency", "AWS/RDS", "ReadLatency", "Average"},
    {"aws.rds.write_latency", "AWS/RDS", "WriteLatency", "Average"},
    {"aws.rds.read_iops", "AWS/RDS", "ReadIOPS", "Average"},
    {"aws.rds.write_iops", "AWS/RDS", "WriteIOPS", "Average"},
};
const Def kS3Size{"aws.s3.bucket_size", "AWS/S3", "BucketSizeBytes", "Average"};
const Def kS3Objects{"aws.s3.objects", "AWS/S3", "NumberOfObjects", "Average"};
const Def kS3Requests[] = {
    {"aws.s3.requests", "AWS/S3", "AllRequests", "Sum"},
    {"aws.s3.errors_4xx", "AWS/S3", "4xxErrors", "Sum"},
    {"aws.s3.errors_5xx", "AWS/S3", "5xxErrors", "Sum"},
};
// REST APIs and HTTP APIs publish the same things under different names.
const Def kApiRest[] = {
    {"aws.apigateway.requests", "AWS/ApiGateway", "Count", "Sum"},
    {"aws.apigateway.latency", "AWS/ApiGateway", "Latency", "Average"},
    {"aws.apigateway.errors_4xx", "AWS/ApiGateway", "4XXError", "Sum"},
    {"aws.apigateway.errors_5xx", "AWS/ApiGateway", "5XXError", "Sum"},
};
const Def kApiHttp[] = {
    {"aws.apigateway.requests", "AWS/ApiGateway", "Count", "Sum"},
    {"aws.apigateway.latency", "AWS/ApiGateway", "Latency", "Average"},
    {"aws.apigateway.errors_4xx", "AWS/ApiGateway", "4xx", "Sum"},
    {"aws.apigateway.errors_5xx", "AWS/ApiGateway", "5xx", "Sum"},
};

Labels label(const char *name, const QString &value)
{
    return Labels{{QLatin1String(name), value}};
}

bool apiSelected(const QStringList &selection, const QString &api, const QString &stage)
{
    if (selection.isEmpty())
        return true;
    for (const QString &entry : selection) {
        const qsizetype slash = entry.indexOf(QLatin1Char('/'));
        if (slash < 0 ? entry == api : (entry.left(slash) == api && entry.mid(slash + 1) == stage))
            return true;
    }
    return false;
}

qint64 floorTo(qint64 value, qint64 step)
{
    return value - (((value % step) + step) % step);
}

qint64 roundUpTo(qint64 value, qint64 step)
{
    return floorTo(value + step - 1, step);
}

} // namespace

Result<Settings> Settings::fromMap(const QMap<QString, QString> &map)
{
    Settings settings;
    settings.region = map.value(QStringLiteral("region")).trimmed();
    static const QRegularExpression regionPattern(QStringLiteral("^[a-z]{2}(-[a-z]+)+-[0-9]{1,2}$"));
    if (settings.region.isEmpty())
        return Error::make(Error::Code::Config, QStringLiteral("The AWS region is not set (e.g. eu-west-1)."));
    if (!regionPattern.match(settings.region).hasMatch())
        return Error::make(Error::Code::Config,
                           QStringLiteral("\"%1\" is not an AWS region code such as eu-west-1.").arg(settings.region));
    settings.ec2Instances = listSetting(map, "ec2_instances");
    settings.lambdaFunctions = listSetting(map, "lambda_functions");
    settings.rdsInstances = listSetting(map, "rds_instances");
    settings.s3Buckets = listSetting(map, "s3_buckets");
    settings.apis = listSetting(map, "apigateway_apis");
    settings.s3RequestFilterId = map.value(QStringLiteral("s3_request_filter_id")).trimmed();
    const QString period = map.value(QStringLiteral("period_seconds")).trimmed();
    if (!period.isEmpty()) {
        bool ok = false;
        const int seconds = period.toInt(&ok);
        if (!ok || seconds < 60 || seconds > 3600 || seconds % 60 != 0 || plan::kDailyPeriod % seconds != 0)
            return Error::make(Error::Code::Config,
                               QStringLiteral("period_seconds must be 60, 300 or another whole number of minutes that "
                                              "divides a day, up to 3600; got \"%1\".").arg(period));
        settings.period = seconds;
    }
    return settings;
}

QString Settings::discoveryKey() const
{
    QStringList keys;
    for (const DiscoveryCall &call : plan::discoveryCalls(*this))
        keys << call.key;
    return keys.join(QLatin1Char(',')) + QLatin1Char('|') + s3RequestFilterId;
}

QUrl endpointForRegion(const QString &region)
{
    const QString domain = region.startsWith(QLatin1String("cn-")) ? QStringLiteral("amazonaws.com.cn")
                                                                   : QStringLiteral("amazonaws.com");
    QUrl url;
    url.setScheme(QStringLiteral("https"));
    url.setHost(QStringLiteral("monitoring.%1.%2").arg(region, domain));
    url.setPath(QStringLiteral("/"));
    return url;
}

QJsonObject Inventory::toJson() const
{
    QJsonObject foundJson;
    for (auto it = found.cbegin(); it != found.cend(); ++it) {
        QJsonArray metrics;
        for (const CloudWatchMetric &metric : it.value()) {
            QJsonArray dimensions;
            for (const Dimension &dimension : metric.dimensions)
                dimensions.append(QJsonArray{dimension.name, dimension.value});
            metrics.append(QJsonObject{{QStringLiteral("n"), metric.ns},
                                       {QStringLiteral("m"), metric.name},
                                       {QStringLiteral("d"), dimensions}});
        }
        foundJson.insert(it.key(), metrics);
    }
    return QJsonObject{{QStringLiteral("at"), double(discoveredAtMs)},
                       {QStringLiteral("key"), key},
                       {QStringLiteral("found"), foundJson}};
}

Inventory Inventory::fromJson(const QJsonObject &object)
{
    Inventory inventory;
    inventory.discoveredAtMs = qint64(object.value(QStringLiteral("at")).toDouble());
    inventory.key = object.value(QStringLiteral("key")).toString();
    const QJsonObject foundJson = object.value(QStringLiteral("found")).toObject();
    for (auto it = foundJson.begin(); it != foundJson.end(); ++it) {
        QList<CloudWatchMetric> metrics;
        for (const QJsonValue &entry : it.value().toArray()) {
            const QJsonObject metricJson = entry.toObject();
            CloudWatchMetric metric{metricJson.value(QStringLiteral("n")).toString(),
                                    metricJson.value(QStringLiteral("m")).toString(), {}};
            for (const QJsonValue &dimension : metricJson.value(QStringLiteral("d")).toArray()) {
                const QJsonArray pair = dimension.toArray();
                metric.dimensions.append({pair.at(0).toString(), pair.at(1).toString()});
            }
            if (!metric.ns.isEmpty() && !metric.name.isEmpty() && keep(it.key(), metric))
                metrics.append(std::move(metric));
        }
        inventory.found.insert(it.key(), metrics);
    }
    return inventory;
}

namespace plan {

QList<DiscoveryCall> discoveryCalls(const Settings &settings)
{
    QList<DiscoveryCall> calls;
    auto filter = [](const char *name, const QString &value = {}) { return Dimensions{{QLatin1String(name), value}}; };
    if (settings.ec2Instances.isEmpty())
        calls.append({QStringLiteral("ec2"), QStringLiteral("AWS/EC2"), QStringLiteral("CPUUtilization"), filter("InstanceId")});
    // Memory exists only where the CloudWatch agent publishes it, with dimensions of the agent's choosing.
    calls.append({QStringLiteral("cwagent"), QStringLiteral("CWAgent"), QStringLiteral("mem_used_percent"), filter("InstanceId")});
    if (settings.lambdaFunctions.isEmpty())
        calls.append({QStringLiteral("lambda"), QStringLiteral("AWS/Lambda"), QStringLiteral("Invocations"), filter("FunctionName")});
    if (settings.rdsInstances.isEmpty())
        calls.append({QStringLiteral("rds"), QStringLiteral("AWS/RDS"), QStringLiteral("CPUUtilization"),
                      filter("DBInstanceIdentifier")});
    if (settings.s3Buckets.isEmpty()) {
        calls.append({QStringLiteral("s3"), QStringLiteral("AWS/S3"), QStringLiteral("BucketSizeBytes"), {}});
        if (!settings.s3RequestFilterId.isEmpty())
            calls.append({QStringLiteral("s3requests"), QStringLiteral("AWS/S3"), QStringLiteral("AllRequests"),
                          filter("FilterId", settings.s3RequestFilterId)});
    }
    // REST and HTTP APIs are told apart by their dimensions (ApiName vs ApiId), which only ListMetrics shows.
    calls.append({QStringLiteral("apigateway"), QStringLiteral("AWS/ApiGateway"), QStringLiteral("Count"), {}});
    return calls;
}

bool inventoryIsFresh(const Inventory &inventory, const Settings &settings, qint64 nowMs)
{
    return inventory.discoveredAtMs > 0 && inventory.key == settings.discoveryKey()
           && nowMs >= inventory.discoveredAtMs && nowMs - inventory.discoveredAtMs < kInventoryMaxAgeMs;
}

void addFound(Inventory &inventory, const QString &key, const QList<CloudWatchMetric> &metrics)
{
    QList<CloudWatchMetric> &found = inventory.found[key];
    for (const CloudWatchMetric &metric : metrics) {
        if (found.size() < kMaxFoundPerCall && keep(key, metric) && !found.contains(metric))
            found.append(metric);
    }
}

QList<SeriesQuery> queries(const Settings &settings, const Inventory &inventory)
{
    QList<SeriesQuery> out;
    const int period = settings.period;
    auto listOr = [&inventory](const QStringList &configured, const char *key, const char *dimension) {
        if (!configured.isEmpty())
            return configured;
        return valuesOf(inventory, QLatin1String(key), QLatin1String(dimension));
    };

    for (const QString &instance : listOr(settings.ec2Instances, "ec2", "InstanceId"))
        out.append(make(kEc2Cpu, {{QStringLiteral("InstanceId"), instance}}, period, label("instance_id", instance)));

    // One agent series per instance: the one with the fewest dimensions.
    QMap<QString, CloudWatchMetric> memory;
    for (const CloudWatchMetric &metric : inventory.found.value(QStringLiteral("cwagent"))) {
        const QString instance = dimensionValue(metric.dimensions, QStringLiteral("InstanceId"));
        if (instance.isEmpty() || (!settings.ec2Instances.isEmpty() && !settings.ec2Instances.contains(instance)))
            continue;
        if (!memory.contains(instance) || metric.dimensions.size() < memory.value(instance).dimensions.size())
            memory.insert(instance, metric);
    }
    for (auto it = memory.cbegin(); it != memory.cend(); ++it)
        out.append(make(kEc2Memory, it.value().dimensions, period, label("instance_id", it.key())));

    for (const QString &function : listOr(settings.lambdaFunctions, "lambda", "FunctionName")) {
        for (const Def &def : kLambda)
            out.append(make(def, {{QStringLiteral("FunctionName"), function}}, period, label("function", function)));
    }
    for (const QString &db : listOr(settings.rdsInstances, "rds", "DBInstanceIdentifier")) {
        for (const Def &def : kRds)
            out.append(make(def, {{QStringLiteral("DBInstanceIdentifier"), db}}, period, label("db_instance", db)));
    }

    // S3 storage: daily. Configured buckets are read for StandardStorage; discovery finds every storage class.
    QList<QPair<QString, QString>> storage;
    if (!settings.s3Buckets.isEmpty()) {
        for (const QString &bucket : settings.s3Buckets)
            storage.append({bucket, QStringLiteral("StandardStorage")});
    } else {
        for (const CloudWatchMetric &metric : inventory.found.value(QStringLiteral("s3")))
            storage.append({dimensionValue(metric.dimensions, QStringLiteral("BucketName")),
                            dimensionValue(metric.dimensions, QStringLiteral("StorageType"))});
        std::sort(storage.begin(), storage.end());
    }
    QStringList buckets;
    for (const auto &[bucket, type] : std::as_const(storage)) {
        out.append(make(kS3Size, {{QStringLiteral("BucketName"), bucket}, {QStringLiteral("StorageType"), type}},
                        kDailyPeriod, Labels{{QStringLiteral("bucket"), bucket}, {QStringLiteral("storage_type"), type}}));
        if (!buckets.contains(bucket))
            buckets << bucket;
    }
    for (const QString &bucket : std::as_const(buckets)) {
        out.append(make(kS3Objects,
                        {{QStringLiteral("BucketName"), bucket}, {QStringLiteral("StorageType"), QStringLiteral("AllStorageTypes")}},
                        kDailyPeriod, label("bucket", bucket)));
    }
    if (!settings.s3RequestFilterId.isEmpty()) {
        const QString filterId = settings.s3RequestFilterId;
        for (const QString &bucket : listOr(settings.s3Buckets, "s3requests", "BucketName")) {
            for (const Def &def : kS3Requests) {
                out.append(make(def, {{QStringLiteral("BucketName"), bucket}, {QStringLiteral("FilterId"), filterId}},
                                period, Labels{{QStringLiteral("bucket"), bucket}, {QStringLiteral("filter_id"), filterId}}));
            }
        }
    }

    QList<CloudWatchMetric> apis = inventory.found.value(QStringLiteral("apigateway"));
    std::sort(apis.begin(), apis.end(), [](const CloudWatchMetric &a, const CloudWatchMetric &b) {
        return std::tuple(a.dimensions.first().name, a.dimensions.first().value, a.dimensions.last().value)
               < std::tuple(b.dimensions.first().name, b.dimensions.first().value, b.dimensions.last().value);
    });
    QSet<QString> seenApis;
    for (const CloudWatchMetric &metric : std::as_const(apis)) {
        const bool rest = hasExactly(metric, {"ApiName", "Stage"});
        const QString api = dimensionValue(metric.dimensions, rest ? QStringLiteral("ApiName") : QStringLiteral("ApiId"));
        const QString stage = dimensionValue(metric.dimensions, QStringLiteral("Stage"));
        const QString seenKey = (rest ? QStringLiteral("rest|") : QStringLiteral("http|")) + api + QLatin1Char('|') + stage;
        if (!apiSelected(settings.apis, api, stage) || seenApis.contains(seenKey))
            continue;
        seenApis.insert(seenKey);
        const Labels labels{{QStringLiteral("api"), api},
                            {QStringLiteral("stage"), stage},
                            {QStringLiteral("api_type"), rest ? QStringLiteral("rest") : QStringLiteral("http")}};
        const Dimensions dimensions{{rest ? QStringLiteral("ApiName") : QStringLiteral("ApiId"), api},
                                    {QStringLiteral("Stage"), stage}};
        for (const Def &def : rest ? kApiRest : kApiHttp)
            out.append(make(def, dimensions, period, labels));
    }
    return out;
}

int effectivePeriod(int period, qint64 startMs, qint64 nowMs)
{
    const qint64 age = nowMs - startMs;
    qint64 step = 60;
    if (age >= 63 * kDayMs)
        step = 3600;
    else if (age >= 15 * kDayMs)
        step = 300;
    return int(roundUpTo(std::max<qint64>(period, 1), step));
}

QList<TimeRange> slices(qint64 fromMs, qint64 toMs)
{
    QList<TimeRange> out;
    qint64 start = fromMs;
    while (start < toMs) {
        const qint64 end = std::min(toMs, floorTo(start, kDayMs) + kDayMs);
        out.append({start, end});
        start = end;
    }
    return out;
}

QPair<qint64, qint64> alignedSeconds(const TimeRange &range, int period)
{
    const qint64 start = floorTo(range.fromMs / 1000, period);
    qint64 end = roundUpTo((range.toMs + 999) / 1000, period);
    if (end <= start)
        end = start + period;
    return {start, end};
}

} // namespace plan

} // namespace stackscope::connectors::aws
