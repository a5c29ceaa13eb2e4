#include "sendbirdmapper.h"

#include "net/httpclient.h"

#include <QDateTime>
#include <QTimeZone>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>

namespace stackscope::connectors::sendbird {

namespace {

using json = nlohmann::json;

const QString kCursorDay = QStringLiteral("api_day");
const QString kCursorRequests = QStringLiteral("api_requests");
const QString kCursorThrottled = QStringLiteral("api_throttled");
const QString kNoSegment = QStringLiteral("(none)");

Error parseError(const QString &message)
{
    return Error::make(Error::Code::Parse, message);
}

QString toQString(const json &value)
{
    const auto &text = value.get_ref<const std::string &>();
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

// "2026-03-01" and nothing else (QDate's ISO parser also takes other shapes).
QDate parseDay(const QString &text)
{
    if (text.size() != 10 || text.at(4) != QLatin1Char('-') || text.at(7) != QLatin1Char('-'))
        return {};
    return QDate::fromString(text, Qt::ISODate);
}

// Plain text for a message: one line, no control characters, bounded.
QString tidy(QString text)
{
    for (QChar &c : text) {
        if (c.category() == QChar::Other_Control)
            c = QLatin1Char(' ');
    }
    text = text.simplified();
    while (text.endsWith(QLatin1Char('.')))
        text.chop(1);
    return text.left(300);
}

// An application ID goes into a host name: letters, digits and dashes only (Sendbird's are UUIDs).
bool isValidAppId(const QString &id)
{
    if (id.isEmpty() || id.size() > 64 || id.startsWith(QLatin1Char('-')) || id.endsWith(QLatin1Char('-')))
        return false;
    return std::all_of(id.begin(), id.end(), [](QChar c) {
        return (c >= QLatin1Char('a') && c <= QLatin1Char('z')) || (c >= QLatin1Char('A') && c <= QLatin1Char('Z'))
               || (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || c == QLatin1Char('-');
    });
}

Result<double> finiteCount(const json &value, const QString &what)
{
    if (!value.is_number())
        return parseError(QStringLiteral("Sendbird's %1 is not a number.").arg(what));
    const double number = value.get<double>();
    if (!std::isfinite(number) || number < 0)
        return parseError(QStringLiteral("Sendbird's %1 is not a count (%2).").arg(what).arg(number));
    return number;
}

QString monthKey(QDate day)
{
    return day.toString(QStringLiteral("yyyy-MM"));
}

} // namespace

QUrl baseUrlFor(const QString &appId)
{
    return QUrl(QStringLiteral("https://api-%1.sendbird.com").arg(appId.toLower()));
}

Result<Settings> parseSettings(const QMap<QString, QString> &settings, const QUrl &baseUrlOverride)
{
    Settings out;
    out.appId = settings.value(QStringLiteral("app_id")).trimmed();
    if (out.appId.isEmpty())
        return Error::make(Error::Code::Config,
                           QStringLiteral("Set the Sendbird application ID (app_id): Sendbird Dashboard → your "
                                          "application → Settings → Application → General."));
    if (!isValidAppId(out.appId))
        return Error::make(Error::Code::Config,
                           QStringLiteral("\"%1\" is not a Sendbird application ID: it has only letters, digits and "
                                          "dashes, like 00000000-0000-0000-0000-000000000001.")
                               .arg(out.appId.left(80)));
    out.baseUrl = baseUrlOverride.isEmpty() ? baseUrlFor(out.appId) : baseUrlOverride;
    QString why;
    if (!net::HttpClient::isAllowedUrl(out.baseUrl, &why))
        return Error::make(Error::Code::Config, QStringLiteral("The Sendbird base URL cannot be used: %1.").arg(why));
    out.segments = settings.value(QStringLiteral("segments")).trimmed().toLower();
    static const QStringList allowed{QStringLiteral("channel_type"), QStringLiteral("custom_channel_type"),
                                     QStringLiteral("custom_message_type")};
    if (!out.segments.isEmpty() && !allowed.contains(out.segments))
        return Error::make(Error::Code::Config,
                           QStringLiteral("Sendbird can split messages by channel_type, custom_channel_type or "
                                          "custom_message_type, not \"%1\".")
                               .arg(settings.value(QStringLiteral("segments")).left(80)));
    return out;
}

QList<PlannedStep> plan(QDate first, QDate last, bool segmented)
{
    QList<PlannedStep> steps;
    if (!first.isValid() || !last.isValid() || first > last)
        return steps;
    // Calendar months touched by [first, last], each cut to the range.
    QList<QPair<QDate, QDate>> months;
    for (QDate start = first; start <= last;) {
        const QDate monthEnd = QDate(start.year(), start.month(), 1).addMonths(1).addDays(-1);
        const QDate end = std::min(last, monthEnd);
        months.append({start, end});
        start = end.addDays(1);
    }
    using Kind = PlannedStep::Kind;
    auto analytics = [&](Kind kind, const QString &name) {
        for (const auto &[from, to] : std::as_const(months))
            steps.append({kind, name + QLatin1Char(':') + monthKey(from), from, to});
    };
    analytics(Kind::Messages, QStringLiteral("messages"));
    analytics(Kind::ActiveChannels, QStringLiteral("active_channels"));
    if (segmented)
        analytics(Kind::SegmentedMessages, QStringLiteral("messages_by_segment"));
    for (const auto &[from, to] : std::as_const(months)) {
        const QDate monthStart(from.year(), from.month(), 1);
        steps.append({Kind::Mau, QStringLiteral("mau:") + monthKey(from), monthStart, monthStart});
    }
    for (QDate day = first; day <= last; day = day.addDays(1))
        steps.append({Kind::Dau, QStringLiteral("dau:") + day.toString(Qt::ISODate), day, day});
    return steps;
}

QList<PlannedStep> resumeAt(const QList<PlannedStep> &steps, const QString &key)
{
    if (key.isEmpty())
        return steps;
    for (qsizetype i = 0; i < steps.size(); ++i) {
        if (steps[i].key == key)
            return steps.mid(i);
    }
    return steps;
}

Result<double> mapCount(QByteArrayView body, const QString &field)
{
    const json doc = json::parse(body.begin(), body.end(), nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded())
        return parseError(QStringLiteral("Sendbird's %1 answer is not valid JSON.").arg(field.toUpper()));
    if (!doc.is_object())
        return parseError(QStringLiteral("Sendbird's %1 answer is not a JSON object.").arg(field.toUpper()));
    const auto value = doc.find(field.toStdString());
    if (value == doc.end()) {
        if (const auto vendor = vendorError(body))
            return parseError(QStringLiteral("Sendbird answered with an error instead of the %1: %2 (error %3).")
                                  .arg(field.toUpper(), tidy(vendor->message))
                                  .arg(vendor->code));
        return parseError(QStringLiteral("Sendbird's %1 answer has no \"%2\".").arg(field.toUpper(), field));
    }
    return finiteCount(*value, field.toUpper());
}

Result<AnalyticsPage> mapAnalytics(QByteArrayView body, const QString &metric, const QString &segmentLabel)
{
    const json doc = json::parse(body.begin(), body.end(), nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded())
        return parseError(QStringLiteral("Sendbird's advanced analytics answer is not valid JSON."));
    if (!doc.is_object())
        return parseError(QStringLiteral("Sendbird's advanced analytics answer is not a JSON object."));
    const auto items = doc.find("segments");
    if (items == doc.end() || !items->is_array()) {
        if (const auto vendor = vendorError(body))
            return parseError(QStringLiteral("Sendbird answered with an error instead of analytics: %1 (error %2).")
                                  .arg(tidy(vendor->message))
                                  .arg(vendor->code));
        return parseError(QStringLiteral("Sendbird's advanced analytics answer has no \"segments\" list."));
    }
    AnalyticsPage page;
    const std::string labelKey = segmentLabel.toStdString();
    for (std::size_t i = 0; i < items->size(); ++i) {
        const json &item = (*items)[i];
        if (!item.is_object())
            return parseError(QStringLiteral("Item %1 of Sendbird's analytics is not an object.").arg(i + 1));
        const auto date = item.find("date");
        if (date == item.end() || !date->is_string())
            return parseError(QStringLiteral("Item %1 of Sendbird's analytics has no \"date\".").arg(i + 1));
        const QString dateText = toQString(*date);
        const QDate day = parseDay(dateText);
        if (!day.isValid())
            return parseError(QStringLiteral("Sendbird's analytics name the day \"%1\", which is not a YYYY-MM-DD date.")
                                  .arg(tidy(dateText).left(40)));
        const auto value = item.find("value");
        if (value == item.end() || value->is_null())
            continue; // not computed (yet) for that day
        auto number = finiteCount(*value, QStringLiteral("value for %1").arg(dateText));
        if (!number)
            return number.error();
        Labels labels;
        if (!segmentLabel.isEmpty()) {
            const auto segment = item.find(labelKey);
            const QString name = segment != item.end() && segment->is_string() ? toQString(*segment) : QString();
            labels.insert(segmentLabel, name.isEmpty() ? kNoSegment : name);
        }
        page.samples.append(MetricSample{metric, labels, dayStartMs(day), number.value()});
    }
    const auto next = doc.find("next");
    if (next != doc.end() && next->is_string())
        page.next = toQString(*next);
    else if (next != doc.end() && !next->is_null())
        return parseError(QStringLiteral("Sendbird's analytics page token \"next\" is not a string."));
    return page;
}

std::optional<VendorError> vendorError(QByteArrayView body)
{
    if (body.isEmpty())
        return std::nullopt;
    const json doc = json::parse(body.begin(), body.end(), nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded() || !doc.is_object())
        return std::nullopt;
    const auto code = doc.find("code");
    const auto message = doc.find("message");
    const bool hasCode = code != doc.end() && code->is_number_integer();
    const bool hasMessage = message != doc.end() && message->is_string();
    if (!hasCode && !hasMessage)
        return std::nullopt;
    VendorError out;
    if (hasCode) {
        const auto raw = code->get<std::int64_t>();
        out.code = raw > 0 && raw < 100'000'000 ? int(raw) : 0;
    }
    if (hasMessage)
        out.message = toQString(*message);
    return out;
}

bool isThrottled(const Error &error)
{
    if (error.httpStatus == 429)
        return true;
    const auto vendor = vendorError(error.vendorBody);
    return vendor && vendor->code == kRateLimitCode;
}

Error explain(Error error)
{
    const std::optional<VendorError> vendor = vendorError(error.vendorBody);
    const QString words = vendor ? tidy(vendor->message) : QString();
    const QString code = vendor && vendor->code ? QStringLiteral("error %1").arg(vendor->code) : QString();
    auto sentence = [&](const QString &base, const QStringList &details) -> QString {
        QStringList parts;
        for (const QString &detail : details) {
            if (!detail.isEmpty())
                parts << detail;
        }
        QString text = base;
        if (!parts.isEmpty())
            text += QStringLiteral(" (") + parts.join(QStringLiteral(", ")) + QLatin1Char(')');
        if (!words.isEmpty())
            text += QStringLiteral(": ") + words;
        return text + QLatin1Char('.');
    };
    const QString status = error.httpStatus > 0 ? QStringLiteral("HTTP %1").arg(error.httpStatus) : QString();

    if (isThrottled(error)) {
        error.code = Error::Code::RateLimited;
        const QString when = error.retryAfter
                                 ? QStringLiteral("try again in %1 s").arg((error.retryAfter->count() + 999) / 1000)
                                 : QString();
        error.userMessage = sentence(QStringLiteral("Sendbird is limiting this application's API requests"),
                                     {status, code, when});
        return error;
    }
    const bool tokenWords = words.contains(QLatin1String("api token"), Qt::CaseInsensitive)
                            || words.contains(QLatin1String("api-token"), Qt::CaseInsensitive)
                            || words.contains(QLatin1String("api_token"), Qt::CaseInsensitive);
    if (error.httpStatus == 401 || error.httpStatus == 403 || (vendor && vendor->code == kUnauthorizedRequestCode)
        || (error.httpStatus == 400 && tokenWords)) {
        error.code = Error::Code::Auth;
        error.userMessage = sentence(QStringLiteral("Sendbird rejected the API token"), {status, code});
        return error;
    }
    if (vendor && error.httpStatus > 0) {
        error.userMessage = sentence(error.httpStatus >= 500 ? QStringLiteral("Sendbird had a server error")
                                                             : QStringLiteral("Sendbird refused the request"),
                                     {status, code});
        return error;
    }
    static const QString generic = QStringLiteral("The service ");
    if (error.userMessage.startsWith(generic))
        error.userMessage = QStringLiteral("Sendbird ") + error.userMessage.mid(generic.size());
    else if (!error.userMessage.startsWith(QLatin1String("Sendbird")))
        error.userMessage = QStringLiteral("Sendbird: ") + error.userMessage;
    return error;
}

ApiUsage usageFromCursor(const QJsonObject &cursor, QDate today)
{
    ApiUsage usage;
    usage.day = today;
    if (parseDay(cursor.value(kCursorDay).toString()) != today)
        return usage;
    const double requests = cursor.value(kCursorRequests).toDouble();
    const double throttled = cursor.value(kCursorThrottled).toDouble();
    // A damaged cursor restarts the tally rather than carrying nonsense forward.
    if (std::isfinite(requests) && requests >= 0 && requests < 1e12)
        usage.requests = qint64(requests);
    if (std::isfinite(throttled) && throttled >= 0 && throttled <= double(usage.requests))
        usage.throttled = qint64(throttled);
    return usage;
}

void usageToCursor(const ApiUsage &usage, QJsonObject &cursor)
{
    cursor.insert(kCursorDay, usage.day.toString(Qt::ISODate));
    cursor.insert(kCursorRequests, double(usage.requests));
    cursor.insert(kCursorThrottled, double(usage.throttled));
}

SampleBatch usageSamples(const ApiUsage &usage)
{
    if (!usage.day.isValid())
        return {};
    const qint64 ts = dayStartMs(usage.day);
    return {MetricSample{QString::fromLatin1(kApiRequests), {}, ts, double(usage.requests)},
            MetricSample{QString::fromLatin1(kApiThrottled), {}, ts, double(usage.throttled)}};
}

QDate utcDay(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc()).date();
}

qint64 dayStartMs(QDate day)
{
    return day.startOfDay(QTimeZone::utc()).toMSecsSinceEpoch();
}

} // namespace stackscope::connectors::sendbird
