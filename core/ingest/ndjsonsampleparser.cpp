#include "ingest/ndjsonsampleparser.h"

#include "util/timeparse.h"

#include <nlohmann/json.hpp>

#include <cmath>

namespace stackscope::ingest {

namespace {

constexpr qsizetype kMaxNameLength = 256;
constexpr int kMaxLabels = 64;

Error parseError(const QString &message)
{
    return Error::make(Error::Code::Parse, message);
}

QString fromJsonString(const nlohmann::json &value)
{
    const auto &text = value.get_ref<const std::string &>();
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

bool hasControlCharacters(const QString &text)
{
    for (QChar c : text) {
        if (c.category() == QChar::Other_Control)
            return true;
    }
    return false;
}

} // namespace

Status validateSample(const MetricSample &sample)
{
    if (sample.metric.isEmpty())
        return parseError(QStringLiteral("\"metric\" must not be empty"));
    if (sample.metric.size() > kMaxNameLength || hasControlCharacters(sample.metric))
        return parseError(QStringLiteral("\"metric\" must be at most %1 printable characters").arg(kMaxNameLength));
    if (!std::isfinite(sample.value))
        return parseError(QStringLiteral("\"value\" must be a finite number"));
    if (sample.labels.size() > kMaxLabels)
        return parseError(QStringLiteral("at most %1 labels are allowed").arg(kMaxLabels));
    for (auto it = sample.labels.cbegin(); it != sample.labels.cend(); ++it) {
        if (it.key().isEmpty() || it.key().size() > kMaxNameLength || hasControlCharacters(it.key()))
            return parseError(QStringLiteral("label names must be 1 to %1 printable characters").arg(kMaxNameLength));
        if (it.value().size() > 1024)
            return parseError(QStringLiteral("label \"%1\" is longer than 1024 characters").arg(it.key()));
    }
    if (!isPlausibleTimestamp(sample.ts))
        return parseError(QStringLiteral("\"ts\" is outside the years 1970 to 2200"));
    return {};
}

Result<MetricSample> parseSampleLine(QByteArrayView line)
{
    const nlohmann::json doc = nlohmann::json::parse(line.begin(), line.end(), nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded())
        return parseError(QStringLiteral("not valid JSON"));
    if (!doc.is_object())
        return parseError(QStringLiteral("expected a JSON object"));

    MetricSample sample;
    const auto metric = doc.find("metric");
    if (metric == doc.end() || !metric->is_string())
        return parseError(QStringLiteral("\"metric\" is missing or not a string"));
    sample.metric = fromJsonString(*metric);

    const auto value = doc.find("value");
    if (value == doc.end() || !value->is_number())
        return parseError(QStringLiteral("\"value\" is missing or not a number"));
    sample.value = value->get<double>();

    const auto ts = doc.find("ts");
    if (ts == doc.end())
        return parseError(QStringLiteral("\"ts\" is missing"));
    if (ts->is_number_integer()) {
        sample.ts = ts->get<qint64>();
    } else if (ts->is_number_unsigned() || ts->is_number_float()) {
        return parseError(QStringLiteral("\"ts\" must be whole Unix milliseconds or an RFC 3339 string"));
    } else if (ts->is_string()) {
        auto parsed = parseRfc3339(fromJsonString(*ts));
        if (!parsed)
            return parsed.error();
        sample.ts = parsed.value();
    } else {
        return parseError(QStringLiteral("\"ts\" must be whole Unix milliseconds or an RFC 3339 string"));
    }

    if (const auto labels = doc.find("labels"); labels != doc.end() && !labels->is_null()) {
        if (!labels->is_object())
            return parseError(QStringLiteral("\"labels\" must be an object"));
        for (const auto &[key, labelValue] : labels->items()) {
            const QString name = QString::fromUtf8(key.data(), qsizetype(key.size()));
            if (labelValue.is_string())
                sample.labels.insert(name, fromJsonString(labelValue));
            else if (labelValue.is_boolean())
                sample.labels.insert(name, labelValue.get<bool>() ? QStringLiteral("true") : QStringLiteral("false"));
            else if (labelValue.is_number_integer())
                sample.labels.insert(name, QString::number(labelValue.get<qint64>()));
            else if (labelValue.is_number())
                sample.labels.insert(name, QString::number(labelValue.get<double>()));
            else
                return parseError(QStringLiteral("label \"%1\" must be a string, number or boolean").arg(name));
        }
    }
    if (Status valid = validateSample(sample); !valid)
        return valid.error();
    return sample;
}

} // namespace stackscope::ingest
