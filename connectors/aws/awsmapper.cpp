#include "awsmapper.h"

#include <QRegularExpression>

#include <nlohmann/json.hpp>

#include <cmath>

namespace stackscope::connectors::aws::wire {

namespace {

using json = nlohmann::json;

constexpr qsizetype kMaxVendorWords = 300;

std::string utf8(const QString &text)
{
    return text.toStdString();
}

QString qstr(const json &value)
{
    return value.is_string() ? QString::fromStdString(value.get<std::string>()) : QString();
}

QString field(const json &object, const char *key)
{
    if (!object.is_object())
        return {};
    const auto it = object.find(key);
    return it == object.end() ? QString() : qstr(*it);
}

QByteArray dump(const json &document)
{
    return QByteArray::fromStdString(document.dump(-1, ' ', false, json::error_handler_t::replace));
}

Error parseError(const QString &operation, const QString &what)
{
    return Error::make(Error::Code::Parse,
                       QStringLiteral("CloudWatch answered %1 with something Stackscope cannot read: %2.").arg(operation, what),
                       QStringLiteral("%1: %2").arg(operation, what));
}

Result<json> parseObject(const QByteArray &body, const QString &operation)
{
    json document = json::parse(body.constData(), body.constData() + body.size(), nullptr, false);
    if (document.is_discarded())
        return parseError(operation, QStringLiteral("the body is not JSON"));
    if (!document.is_object())
        return parseError(operation, QStringLiteral("the body is not a JSON object"));
    return document;
}

// `key` absent or null → empty list; anything but an array → nullptr (a shape error).
const json *arrayField(const json &object, const char *key)
{
    static const json empty = json::array();
    const auto it = object.find(key);
    if (it == object.end() || it->is_null())
        return &empty;
    return it->is_array() ? &*it : nullptr;
}

json dimensionsJson(const Dimensions &dimensions, bool allowNameOnly)
{
    json list = json::array();
    for (const Dimension &dimension : dimensions) {
        json entry = {{"Name", utf8(dimension.name)}};
        if (!dimension.value.isEmpty() || !allowNameOnly)
            entry["Value"] = utf8(dimension.value);
        list.push_back(std::move(entry));
    }
    return list;
}

QString describeSeries(const SeriesQuery &query)
{
    QStringList parts;
    for (auto it = query.labels.cbegin(); it != query.labels.cend(); ++it)
        parts << it.key() + QLatin1Char('=') + it.value();
    return parts.isEmpty() ? query.metric : query.metric + QLatin1Char('{') + parts.join(QLatin1Char(',')) + QLatin1Char('}');
}

QString tidy(QString text)
{
    text = text.simplified();
    if (text.size() > kMaxVendorWords)
        text = text.left(kMaxVendorWords - 1) + QChar(0x2026);
    while (text.endsWith(QLatin1Char('.')))
        text.chop(1);
    return text;
}

QByteArray headerValue(const ResponseHeaders &headers, QByteArrayView name)
{
    for (const auto &[key, value] : headers) {
        if (QByteArrayView(key).compare(name, Qt::CaseInsensitive) == 0)
            return value.trimmed();
    }
    return {};
}

QString xmlElement(const QByteArray &body, const QString &element)
{
    const QRegularExpression pattern(QStringLiteral("<%1>([^<]{1,1000})</%1>").arg(element));
    const QRegularExpressionMatch match = pattern.match(QString::fromUtf8(body.left(8192)));
    return match.hasMatch() ? match.captured(1).trimmed() : QString();
}

QString errorMessage(const QByteArray &body)
{
    const json document = json::parse(body.constData(), body.constData() + body.size(), nullptr, false);
    if (!document.is_discarded() && document.is_object()) {
        for (const char *key : {"message", "Message", "errorMessage"}) {
            const QString text = field(document, key);
            if (!text.isEmpty())
                return tidy(text);
        }
        return {};
    }
    return tidy(xmlElement(body, QStringLiteral("Message")));
}

bool isOneOf(const QString &code, std::initializer_list<const char *> codes)
{
    for (const char *candidate : codes) {
        if (code == QLatin1String(candidate))
            return true;
    }
    return false;
}

QString stateName(AlarmState state)
{
    switch (state) {
    case AlarmState::Ok: return QStringLiteral("OK");
    case AlarmState::Alarm: return QStringLiteral("ALARM");
    case AlarmState::InsufficientData: return QStringLiteral("INSUFFICIENT_DATA");
    }
    return {};
}

} // namespace

QByteArray getMetricDataBody(const QList<SeriesQuery> &queries, qint64 startSeconds, qint64 endSeconds,
                             const QString &nextToken)
{
    json list = json::array();
    for (qsizetype i = 0; i < queries.size(); ++i) {
        const SeriesQuery &query = queries.at(i);
        json metric = {{"Namespace", utf8(query.source.ns)}, {"MetricName", utf8(query.source.name)}};
        if (!query.source.dimensions.isEmpty())
            metric["Dimensions"] = dimensionsJson(query.source.dimensions, false);
        list.push_back({{"Id", "q" + std::to_string(i)},
                        {"MetricStat", {{"Metric", std::move(metric)}, {"Period", query.period}, {"Stat", utf8(query.stat)}}},
                        {"ReturnData", true}});
    }
    json body = {{"MetricDataQueries", std::move(list)},
                 {"StartTime", startSeconds},
                 {"EndTime", endSeconds},
                 {"ScanBy", "TimestampAscending"}};
    if (!nextToken.isEmpty())
        body["NextToken"] = utf8(nextToken);
    return dump(body);
}

QByteArray listMetricsBody(const QString &ns, const QString &metricName, const Dimensions &filters,
                           const QString &nextToken)
{
    json body = json::object();
    if (!ns.isEmpty())
        body["Namespace"] = utf8(ns);
    if (!metricName.isEmpty())
        body["MetricName"] = utf8(metricName);
    if (!filters.isEmpty())
        body["Dimensions"] = dimensionsJson(filters, true);
    if (!nextToken.isEmpty())
        body["NextToken"] = utf8(nextToken);
    return dump(body);
}

QByteArray describeAlarmsBody(int maxRecords, const QString &nextToken)
{
    json body = {{"AlarmTypes", json::array({"MetricAlarm", "CompositeAlarm"})}};
    if (maxRecords > 0)
        body["MaxRecords"] = maxRecords;
    if (!nextToken.isEmpty())
        body["NextToken"] = utf8(nextToken);
    return dump(body);
}

Result<MetricDataPage> parseGetMetricData(const QByteArray &body, const QList<SeriesQuery> &queries)
{
    const QString operation = QStringLiteral("GetMetricData");
    auto parsed = parseObject(body, operation);
    if (!parsed)
        return parsed.error();
    const json &document = parsed.value();
    const json *results = arrayField(document, "MetricDataResults");
    if (!results)
        return parseError(operation, QStringLiteral("MetricDataResults is not a list"));

    MetricDataPage page;
    page.nextToken = field(document, "NextToken");
    for (const json &result : *results) {
        if (!result.is_object())
            return parseError(operation, QStringLiteral("a result is not an object"));
        const QString id = field(result, "Id");
        bool ok = false;
        const qsizetype index = id.startsWith(QLatin1Char('q')) ? id.mid(1).toLongLong(&ok) : -1;
        if (!ok || index < 0 || index >= queries.size()) {
            page.problems << QStringLiteral("CloudWatch returned a result for an unknown query id \"%1\"").arg(id);
            continue;
        }
        const SeriesQuery &query = queries.at(index);
        const json *timestamps = arrayField(result, "Timestamps");
        const json *values = arrayField(result, "Values");
        if (!timestamps || !values || timestamps->size() != values->size())
            return parseError(operation, QStringLiteral("result %1 has Timestamps and Values that do not pair up").arg(id));
        for (std::size_t i = 0; i < timestamps->size(); ++i) {
            const json &ts = (*timestamps)[i];
            const json &value = (*values)[i];
            if (!ts.is_number() || !value.is_number())
                return parseError(operation, QStringLiteral("result %1 has a timestamp or value that is not a number").arg(id));
            const double seconds = ts.get<double>();
            const double number = value.get<double>();
            if (!std::isfinite(seconds) || !std::isfinite(number) || seconds < 0 || seconds > 1e11)
                continue;
            page.samples.append({query.metric, query.labels, qint64(std::llround(seconds * 1000.0)), number});
        }
        const QString status = field(result, "StatusCode");
        if (status == QLatin1String("Forbidden")) {
            page.problems << QStringLiteral("CloudWatch did not allow reading %1 (Forbidden)").arg(describeSeries(query));
        } else if (status == QLatin1String("InternalError")) {
            page.problems << QStringLiteral("CloudWatch could not read %1 (InternalError)").arg(describeSeries(query));
        }
        if (const json *messages = arrayField(result, "Messages")) {
            for (const json &message : *messages) {
                const QString code = field(message, "Code");
                const QString text = field(message, "Value");
                if (!code.isEmpty() || !text.isEmpty())
                    page.problems << QStringLiteral("%1: %2 %3").arg(describeSeries(query), code, text).trimmed();
            }
        }
    }
    if (const json *messages = arrayField(document, "Messages")) {
        for (const json &message : *messages) {
            const QString text = QString(field(message, "Code") + QLatin1Char(' ') + field(message, "Value")).trimmed();
            if (!text.isEmpty())
                page.problems << text;
        }
    }
    return page;
}

Result<ListMetricsPage> parseListMetrics(const QByteArray &body)
{
    const QString operation = QStringLiteral("ListMetrics");
    auto parsed = parseObject(body, operation);
    if (!parsed)
        return parsed.error();
    const json &document = parsed.value();
    const json *metrics = arrayField(document, "Metrics");
    if (!metrics)
        return parseError(operation, QStringLiteral("Metrics is not a list"));
    ListMetricsPage page;
    page.nextToken = field(document, "NextToken");
    for (const json &entry : *metrics) {
        if (!entry.is_object())
            return parseError(operation, QStringLiteral("a metric is not an object"));
        CloudWatchMetric metric{field(entry, "Namespace"), field(entry, "MetricName"), {}};
        const json *dimensions = arrayField(entry, "Dimensions");
        if (!dimensions)
            return parseError(operation, QStringLiteral("Dimensions of %1 is not a list").arg(metric.name));
        for (const json &dimension : *dimensions) {
            const QString name = field(dimension, "Name");
            if (name.isEmpty())
                return parseError(operation, QStringLiteral("a dimension of %1 has no Name").arg(metric.name));
            metric.dimensions.append({name, field(dimension, "Value")});
        }
        if (metric.name.isEmpty())
            return parseError(operation, QStringLiteral("a metric has no MetricName"));
        page.metrics.append(std::move(metric));
    }
    return page;
}

Result<AlarmsPage> parseDescribeAlarms(const QByteArray &body)
{
    const QString operation = QStringLiteral("DescribeAlarms");
    auto parsed = parseObject(body, operation);
    if (!parsed)
        return parsed.error();
    const json &document = parsed.value();
    AlarmsPage page;
    page.nextToken = field(document, "NextToken");
    for (const auto &[key, type] : {std::pair{"MetricAlarms", "metric"}, std::pair{"CompositeAlarms", "composite"}}) {
        const json *alarms = arrayField(document, key);
        if (!alarms)
            return parseError(operation, QStringLiteral("%1 is not a list").arg(QLatin1String(key)));
        for (const json &alarm : *alarms) {
            const QString name = field(alarm, "AlarmName");
            const QString state = field(alarm, "StateValue");
            if (name.isEmpty())
                return parseError(operation, QStringLiteral("an alarm has no AlarmName"));
            AlarmStatus status{name, QLatin1String(type), AlarmState::Ok};
            if (state == QLatin1String("OK"))
                status.state = AlarmState::Ok;
            else if (state == QLatin1String("ALARM"))
                status.state = AlarmState::Alarm;
            else if (state == QLatin1String("INSUFFICIENT_DATA"))
                status.state = AlarmState::InsufficientData;
            else
                return parseError(operation, QStringLiteral("alarm \"%1\" has the unknown state \"%2\"").arg(name, state));
            page.alarms.append(std::move(status));
        }
    }
    return page;
}

SampleBatch alarmSamples(const QList<AlarmStatus> &alarms, qint64 tsMs)
{
    SampleBatch samples;
    int counts[3] = {0, 0, 0};
    for (const AlarmStatus &alarm : alarms) {
        samples.append({QStringLiteral("aws.cloudwatch.alarm_state"),
                        Labels{{QStringLiteral("alarm_name"), alarm.name}, {QStringLiteral("alarm_type"), alarm.type}},
                        tsMs, double(int(alarm.state))});
        ++counts[int(alarm.state)];
    }
    for (AlarmState state : {AlarmState::Ok, AlarmState::Alarm, AlarmState::InsufficientData}) {
        samples.append({QStringLiteral("aws.cloudwatch.alarms"), Labels{{QStringLiteral("state"), stateName(state)}},
                        tsMs, double(counts[int(state)])});
    }
    return samples;
}

QString errorCode(const ResponseHeaders &headers, const QByteArray &body)
{
    // Query-compatible services name the Query-protocol code here: "Throttling;Sender".
    const QByteArray queryError = headerValue(headers, "x-amzn-query-error");
    if (!queryError.isEmpty())
        return QString::fromUtf8(queryError.left(queryError.indexOf(';') < 0 ? queryError.size() : queryError.indexOf(';'))).trimmed();
    auto strip = [](QString code) {
        // "com.amazon.coral.service#UnrecognizedClientException" / "ThrottlingException:http://…"
        code = code.mid(code.lastIndexOf(QLatin1Char('#')) + 1);
        const qsizetype colon = code.indexOf(QLatin1Char(':'));
        return (colon >= 0 ? code.left(colon) : code).trimmed();
    };
    const json document = json::parse(body.constData(), body.constData() + body.size(), nullptr, false);
    if (!document.is_discarded() && document.is_object()) {
        const QString type = field(document, "__type");
        if (!type.isEmpty())
            return strip(type);
        const QString code = field(document, "code");
        if (!code.isEmpty())
            return strip(code);
    }
    const QByteArray errorType = headerValue(headers, "x-amzn-errortype");
    if (!errorType.isEmpty())
        return strip(QString::fromUtf8(errorType));
    return xmlElement(body, QStringLiteral("Code"));
}

Error errorFromResponse(int status, const ResponseHeaders &headers, const QByteArray &body, const QString &operation)
{
    const QString code = errorCode(headers, body);
    const QString message = errorMessage(body);
    const QString requestId = QString::fromUtf8(headerValue(headers, "x-amzn-requestid"));
    // "Throttling: Rate exceeded" / "Throttling" / "HTTP 400"
    const QString said = code.isEmpty() ? (message.isEmpty() ? QStringLiteral("HTTP %1").arg(status) : message)
                                        : (message.isEmpty() ? code : code + QStringLiteral(": ") + message);
    const QString detail = QStringLiteral("%1: HTTP %2 %3%4")
                               .arg(operation, QString::number(status), said,
                                    requestId.isEmpty() ? QString() : QStringLiteral(" (request id %1)").arg(requestId));

    if (status == 429
        || isOneOf(code, {"Throttling", "ThrottlingException", "ThrottledException", "RequestThrottled",
                          "RequestThrottledException", "TooManyRequestsException", "RequestLimitExceeded",
                          "SlowDown"})) {
        return Error::make(Error::Code::RateLimited,
                           QStringLiteral("AWS is throttling CloudWatch requests (%1); polling backs off and tries again later.").arg(said),
                           detail);
    }
    // A signature that is too old (or from the future) is this computer's clock, not the credentials.
    if (isOneOf(code, {"RequestExpired", "RequestTimeTooSkewed", "InvalidSignatureTimestamp"})
        || message.startsWith(QLatin1String("Signature expired"), Qt::CaseInsensitive)
        || message.startsWith(QLatin1String("Signature not yet current"), Qt::CaseInsensitive)) {
        return Error::make(Error::Code::Config,
                           QStringLiteral("AWS refused the request time (%1): check this computer's clock.").arg(said),
                           detail);
    }
    if (isOneOf(code, {"AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "NotAuthorized"})) {
        return Error::make(Error::Code::Auth,
                           QStringLiteral("AWS denied access (%1). The access key needs cloudwatch:GetMetricData, "
                                          "cloudwatch:ListMetrics and cloudwatch:DescribeAlarms.").arg(said),
                           detail);
    }
    if (isOneOf(code, {"UnrecognizedClient", "UnrecognizedClientException", "InvalidClientTokenId",
                       "InvalidAccessKeyId", "SignatureDoesNotMatch", "InvalidSignatureException", "IncompleteSignature",
                       "IncompleteSignatureException", "MissingAuthenticationToken",
                       "MissingAuthenticationTokenException", "ExpiredToken", "ExpiredTokenException", "AuthFailure",
                       "OptInRequired"})) {
        return Error::make(Error::Code::Auth, QStringLiteral("AWS rejected the credentials (%1).").arg(said), detail);
    }
    if (status == 401 || status == 403) {
        return Error::make(Error::Code::Auth, QStringLiteral("AWS rejected the credentials (%1).").arg(said), detail);
    }
    if (status >= 500) {
        return Error::make(Error::Code::Network, QStringLiteral("CloudWatch had a server error (%1).").arg(said), detail);
    }
    return Error::make(Error::Code::Config, QStringLiteral("CloudWatch refused %1 (%2).").arg(operation, said), detail);
}

} // namespace stackscope::connectors::aws::wire
