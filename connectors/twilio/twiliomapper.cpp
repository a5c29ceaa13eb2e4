#include "twiliomapper.h"

#include <QDateTime>
#include <QJsonObject>
#include <QSet>
#include <QTimeZone>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstring>

namespace stackscope::connectors::twilio {

namespace {

using json = nlohmann::json;

constexpr char kSeparator = '\x1f';

// Calling codes -> ISO 3166 alpha-2 (E.164 codes are prefix-free, except the sub-ranges listed explicitly, such
// as +7 Russia / +76, +77 Kazakhstan, hence the longest match).
struct CallingCode
{
    const char *prefix;
    const char *country;
};
constexpr CallingCode kCallingCodes[] = {
    {"1", "NANP"},  {"7", "RU"},    {"76", "KZ"},   {"77", "KZ"},   {"20", "EG"},   {"27", "ZA"},   {"30", "GR"},
    {"31", "NL"},   {"32", "BE"},   {"33", "FR"},   {"34", "ES"},   {"36", "HU"},   {"39", "IT"},   {"40", "RO"},
    {"41", "CH"},   {"43", "AT"},   {"44", "GB"},   {"45", "DK"},   {"46", "SE"},   {"47", "NO"},   {"48", "PL"},
    {"49", "DE"},   {"51", "PE"},   {"52", "MX"},   {"53", "CU"},   {"54", "AR"},   {"55", "BR"},   {"56", "CL"},
    {"57", "CO"},   {"58", "VE"},   {"60", "MY"},   {"61", "AU"},   {"62", "ID"},   {"63", "PH"},   {"64", "NZ"},
    {"65", "SG"},   {"66", "TH"},   {"81", "JP"},   {"82", "KR"},   {"84", "VN"},   {"86", "CN"},   {"90", "TR"},
    {"91", "IN"},   {"92", "PK"},   {"93", "AF"},   {"94", "LK"},   {"95", "MM"},   {"98", "IR"},   {"212", "MA"},
    {"213", "DZ"},  {"216", "TN"},  {"233", "GH"},  {"234", "NG"},  {"254", "KE"},  {"255", "TZ"},  {"256", "UG"},
    {"351", "PT"},  {"352", "LU"},  {"353", "IE"},  {"354", "IS"},  {"356", "MT"},  {"357", "CY"},  {"358", "FI"},
    {"359", "BG"},  {"370", "LT"},  {"371", "LV"},  {"372", "EE"},  {"380", "UA"},  {"381", "RS"},  {"385", "HR"},
    {"386", "SI"},  {"420", "CZ"},  {"421", "SK"},  {"502", "GT"},  {"503", "SV"},  {"506", "CR"},  {"507", "PA"},
    {"591", "BO"},  {"593", "EC"},  {"595", "PY"},  {"598", "UY"},  {"852", "HK"},  {"853", "MO"},  {"880", "BD"},
    {"886", "TW"},  {"961", "LB"},  {"962", "JO"},  {"965", "KW"},  {"966", "SA"},  {"971", "AE"},  {"972", "IL"},
    {"974", "QA"},
};

QString str(const json &object, const char *key)
{
    const auto it = object.find(key);
    if (it == object.end() || !it->is_string())
        return {};
    return QString::fromStdString(it->get<std::string>());
}

// Twilio writes most numbers as strings ("205", "-0.04000"), some as numbers; null and "" are "no value".
std::optional<double> number(const json &object, const char *key)
{
    const auto it = object.find(key);
    if (it == object.end())
        return std::nullopt;
    if (it->is_number()) {
        const double value = it->get<double>();
        return std::isfinite(value) ? std::optional<double>(value) : std::nullopt;
    }
    if (it->is_string()) {
        bool ok = false;
        const double value = QString::fromStdString(it->get<std::string>()).trimmed().toDouble(&ok);
        return ok && std::isfinite(value) ? std::optional<double>(value) : std::nullopt;
    }
    return std::nullopt;
}

// A whole number that fits comfortably in an int (error codes, counts of media); anything else is "no value".
std::optional<int> smallInteger(const json &object, const char *key)
{
    const std::optional<double> value = number(object, key);
    if (!value || *value < -1e9 || *value > 1e9 || *value != std::floor(*value))
        return std::nullopt;
    return int(*value);
}

Error parseError(const QString &what)
{
    return Error::make(Error::Code::Parse, QStringLiteral("Twilio's answer could not be read: %1.").arg(what),
                       QStringLiteral("twilio: %1").arg(what));
}

// The list envelope: the resource array under `key` and next_page_uri.
Result<const json *> listItems(const json &document, const char *key, PageSummary &summary)
{
    if (document.is_discarded())
        return parseError(QStringLiteral("it is not JSON"));
    if (!document.is_object())
        return parseError(QStringLiteral("it is not a JSON object"));
    const auto items = document.find(key);
    if (items == document.end() || !items->is_array())
        return parseError(QStringLiteral("it has no \"%1\" list").arg(QLatin1String(key)));
    for (const json &item : *items) {
        if (!item.is_object())
            return parseError(QStringLiteral("an entry of \"%1\" is not an object").arg(QLatin1String(key)));
    }
    const auto next = document.find("next_page_uri");
    if (next != document.end() && !next->is_null() && !next->is_string())
        return parseError(QStringLiteral("next_page_uri is neither a string nor null"));
    if (next != document.end() && next->is_string())
        summary.nextPageUri = QString::fromStdString(next->get<std::string>()).trimmed();
    summary.items = int(items->size());
    return &*items;
}

json parse(const QByteArray &body)
{
    return json::parse(body.constBegin(), body.constEnd(), nullptr, false);
}

bool isOutbound(const QString &direction)
{
    return direction.startsWith(QLatin1String("outbound"));
}

QString orUnknown(const QString &text)
{
    return text.isEmpty() ? QStringLiteral("unknown") : text;
}

MetricSample sample(QLatin1String metric, Labels labels, qint64 ts, double value)
{
    return MetricSample{QString(metric), std::move(labels), ts, value};
}

double percent(double part, double whole)
{
    return whole > 0 ? 100.0 * part / whole : 0.0;
}

} // namespace

QStringList messageStatuses()
{
    return {QStringLiteral("queued"),      QStringLiteral("sending"),   QStringLiteral("sent"),
            QStringLiteral("failed"),      QStringLiteral("delivered"), QStringLiteral("undelivered"),
            QStringLiteral("receiving"),   QStringLiteral("received"),  QStringLiteral("accepted"),
            QStringLiteral("scheduled"),   QStringLiteral("read"),      QStringLiteral("partially_delivered"),
            QStringLiteral("canceled")};
}

QStringList callStatuses()
{
    return {QStringLiteral("queued"),    QStringLiteral("ringing"), QStringLiteral("in-progress"),
            QStringLiteral("canceled"),  QStringLiteral("completed"), QStringLiteral("failed"),
            QStringLiteral("busy"),      QStringLiteral("no-answer")};
}

QDate utcDay(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc()).date();
}

qint64 dayStartMs(QDate day)
{
    return QDateTime(day, QTime(0, 0), QTimeZone::utc()).toMSecsSinceEpoch();
}

QString dayText(QDate day)
{
    return day.toString(Qt::ISODate);
}

QDate parseDay(const QString &text)
{
    if (text.size() != 10)
        return {};
    return QDate::fromString(text, Qt::ISODate);
}

std::optional<qint64> parseRfc2822(const QString &text)
{
    QString trimmed = text.trimmed();
    // Qt refuses a date whose weekday does not match; the weekday adds nothing, so it is dropped.
    const qsizetype comma = trimmed.indexOf(QLatin1Char(','));
    if (comma >= 0 && comma <= 9)
        trimmed = trimmed.mid(comma + 1).trimmed();
    if (trimmed.isEmpty())
        return std::nullopt;
    const QDateTime parsed = QDateTime::fromString(trimmed, Qt::RFC2822Date);
    if (!parsed.isValid())
        return std::nullopt;
    return parsed.toMSecsSinceEpoch();
}

QString countryOf(const QString &address)
{
    QString number = address.trimmed();
    const qsizetype colon = number.indexOf(QLatin1Char(':'));
    if (colon >= 0)
        number = number.mid(colon + 1);
    if (!number.startsWith(QLatin1Char('+')) || number.size() < 4 || number.size() > 16)
        return QStringLiteral("unknown");
    const QString digits = number.mid(1);
    if (!std::all_of(digits.cbegin(), digits.cend(), [](QChar c) { return c.isDigit() && c.unicode() < 128; }))
        return QStringLiteral("unknown");
    const CallingCode *best = nullptr;
    qsizetype bestLength = 0;
    for (const CallingCode &code : kCallingCodes) {
        const QLatin1String prefix(code.prefix);
        if (prefix.size() > bestLength && digits.startsWith(prefix)) {
            best = &code;
            bestLength = prefix.size();
        }
    }
    return best ? QString::fromLatin1(best->country) : QStringLiteral("unknown");
}

QString messageType(const QString &to, const QString &from, int numMedia)
{
    for (const QString &address : {to, from}) {
        const qsizetype colon = address.indexOf(QLatin1Char(':'));
        if (colon <= 0 || colon > 20)
            continue;
        const QString channel = address.left(colon).trimmed().toLower();
        auto isChannelChar = [](QChar c) {
            return (c >= QLatin1Char('a') && c <= QLatin1Char('z')) || c == QLatin1Char('-');
        };
        if (!channel.isEmpty() && std::all_of(channel.cbegin(), channel.cend(), isChannelChar))
            return channel;
    }
    return numMedia > 0 ? QStringLiteral("mms") : QStringLiteral("sms");
}

// ---- DayTally ---------------------------------------------------------------------------------------------

namespace {

QString keyOf(const QString &metric, const Labels &labels)
{
    QString key = metric;
    for (auto it = labels.cbegin(); it != labels.cend(); ++it)
        key += QLatin1Char(kSeparator) + it.key() + QLatin1Char('=') + it.value();
    return key;
}

} // namespace

void DayTally::add(const QString &metric, const Labels &labels, double value)
{
    const QString key = keyOf(metric, labels);
    auto it = m_entries.find(key);
    if (it == m_entries.end())
        m_entries.emplace(key, Entry{metric, labels, value});
    else
        it->second.value += value;
}

double DayTally::value(const QString &metric, const Labels &labels) const
{
    const auto it = m_entries.find(keyOf(metric, labels));
    return it == m_entries.end() ? 0.0 : it->second.value;
}

QList<QPair<Labels, double>> DayTally::series(const QString &metric) const
{
    QList<QPair<Labels, double>> out;
    for (const auto &[key, entry] : m_entries) {
        if (entry.metric == metric)
            out.append({entry.labels, entry.value});
    }
    return out;
}

QJsonArray DayTally::toJson() const
{
    QJsonArray out;
    for (const auto &[key, entry] : m_entries) {
        QJsonObject labels;
        for (auto it = entry.labels.cbegin(); it != entry.labels.cend(); ++it)
            labels.insert(it.key(), it.value());
        out.append(QJsonArray{entry.metric, labels, entry.value});
    }
    return out;
}

Result<DayTally> DayTally::fromJson(const QJsonArray &json)
{
    DayTally tally;
    for (const QJsonValue &value : json) {
        const QJsonArray entry = value.toArray();
        if (!value.isArray() || entry.size() != 3 || !entry.at(0).isString() || !entry.at(1).isObject()
            || !entry.at(2).isDouble())
            return Error::make(Error::Code::Parse, QStringLiteral("The saved Twilio progress is damaged."),
                               QStringLiteral("twilio: cursor tally entry malformed"));
        Labels labels;
        const QJsonObject object = entry.at(1).toObject();
        for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
            if (!it.value().isString())
                return Error::make(Error::Code::Parse, QStringLiteral("The saved Twilio progress is damaged."),
                                   QStringLiteral("twilio: cursor tally label malformed"));
            labels.insert(it.key(), it.value().toString());
        }
        tally.add(entry.at(0).toString(), labels, entry.at(2).toDouble());
    }
    return tally;
}

bool operator==(const DayTally &a, const DayTally &b)
{
    return a.m_entries == b.m_entries;
}

// ---- Messages ---------------------------------------------------------------------------------------------

Result<PageSummary> tallyMessagesPage(const QByteArray &body, QDate day, DayTally &tally)
{
    PageSummary summary;
    const json document = parse(body);
    auto items = listItems(document, "messages", summary);
    if (!items)
        return items.error();
    for (const json &message : **items) {
        std::optional<qint64> sent = parseRfc2822(str(message, "date_sent"));
        if (!sent || utcDay(*sent) != day)
            continue;
        ++summary.counted;
        const QString status = orUnknown(str(message, "status"));
        const QString direction = orUnknown(str(message, "direction"));
        const QString to = str(message, "to");
        const QString type = messageType(to, str(message, "from"), smallInteger(message, "num_media").value_or(0));
        tally.add(kSmsMessages, {{QStringLiteral("status"), status}, {QStringLiteral("direction"), direction},
                                 {QStringLiteral("type"), type}}, 1);
        tally.add(kSmsSegments, {{QStringLiteral("direction"), direction}},
                  std::max(0.0, number(message, "num_segments").value_or(0)));
        const std::optional<int> errorCode = smallInteger(message, "error_code");
        if (errorCode && *errorCode != 0) {
            tally.add(kSmsErrors, {{QStringLiteral("error_code"), QString::number(*errorCode)},
                                   {QStringLiteral("direction"), direction}, {QStringLiteral("type"), type}}, 1);
        }
        if (isOutbound(direction)) {
            const Labels country{{QStringLiteral("country"), countryOf(to)}};
            tally.add(kSmsSent, country, 1);
            if (status == QLatin1String("delivered") || status == QLatin1String("read"))
                tally.add(kSmsDelivered, country, 1);
            else if (status == QLatin1String("failed") || status == QLatin1String("undelivered"))
                tally.add(kSmsFailed, country, 1);
        }
    }
    return summary;
}

SampleBatch messageSamples(const DayTally &tally, QDate day)
{
    const qint64 ts = dayStartMs(day);
    SampleBatch out;

    // Status breakdown: every known status for each (direction, type) the day has, so counts can move between
    // statuses from one read to the next.
    QSet<QPair<QString, QString>> kinds;
    for (const auto &[labels, value] : tally.series(kSmsMessages))
        kinds.insert({labels.value(QStringLiteral("direction")), labels.value(QStringLiteral("type"))});
    QList<QPair<QString, QString>> sortedKinds(kinds.cbegin(), kinds.cend());
    std::sort(sortedKinds.begin(), sortedKinds.end());
    for (const auto &[direction, type] : sortedKinds) {
        for (const QString &status : messageStatuses()) {
            Labels labels{{QStringLiteral("status"), status}, {QStringLiteral("direction"), direction},
                          {QStringLiteral("type"), type}};
            out.append(sample(kSmsMessages, labels, ts, tally.value(kSmsMessages, labels)));
        }
    }
    const QStringList known = messageStatuses();
    for (const auto &[labels, value] : tally.series(kSmsMessages)) {
        if (!known.contains(labels.value(QStringLiteral("status"))))
            out.append(sample(kSmsMessages, labels, ts, value)); // a status newer than this table
    }

    // Outbound by destination country; delivered and failed alongside every country that was sent to.
    double sent = 0, delivered = 0, failed = 0;
    for (const auto &[labels, value] : tally.series(kSmsSent)) {
        const double countryDelivered = tally.value(kSmsDelivered, labels);
        const double countryFailed = tally.value(kSmsFailed, labels);
        out.append(sample(kSmsSent, labels, ts, value));
        out.append(sample(kSmsDelivered, labels, ts, countryDelivered));
        out.append(sample(kSmsFailed, labels, ts, countryFailed));
        sent += value;
        delivered += countryDelivered;
        failed += countryFailed;
    }
    if (delivered + failed > 0)
        out.append(sample(kSmsDeliveryRate, {}, ts, percent(delivered, delivered + failed)));

    for (const auto &[labels, value] : tally.series(kSmsSegments))
        out.append(sample(kSmsSegments, labels, ts, value));

    QMap<QString, double> outboundErrors;
    for (const auto &[labels, value] : tally.series(kSmsErrors)) {
        out.append(sample(kSmsErrors, labels, ts, value));
        if (isOutbound(labels.value(QStringLiteral("direction"))))
            outboundErrors[labels.value(QStringLiteral("error_code"))] += value;
    }
    if (sent > 0) {
        for (auto it = outboundErrors.cbegin(); it != outboundErrors.cend(); ++it)
            out.append(sample(kSmsErrorRate, {{QStringLiteral("error_code"), it.key()}}, ts,
                              percent(it.value(), sent)));
    }
    return out;
}

// ---- Calls ------------------------------------------------------------------------------------------------

Result<PageSummary> tallyCallsPage(const QByteArray &body, QDate day, DayTally &tally)
{
    PageSummary summary;
    const json document = parse(body);
    auto items = listItems(document, "calls", summary);
    if (!items)
        return items.error();
    for (const json &call : **items) {
        std::optional<qint64> started = parseRfc2822(str(call, "start_time"));
        if (!started || utcDay(*started) != day)
            continue;
        ++summary.counted;
        const QString direction = orUnknown(str(call, "direction"));
        tally.add(kCalls, {{QStringLiteral("status"), orUnknown(str(call, "status"))},
                           {QStringLiteral("direction"), direction}}, 1);
        // duration: whole seconds as a string, empty while ringing and for calls that never connected.
        tally.add(kCallMinutes, {{QStringLiteral("direction"), direction}},
                  std::max(0.0, number(call, "duration").value_or(0)) / 60.0);
    }
    return summary;
}

SampleBatch callSamples(const DayTally &tally, QDate day)
{
    const qint64 ts = dayStartMs(day);
    SampleBatch out;
    QStringList directions;
    for (const auto &[labels, value] : tally.series(kCalls)) {
        const QString direction = labels.value(QStringLiteral("direction"));
        if (!directions.contains(direction))
            directions.append(direction);
    }
    std::sort(directions.begin(), directions.end());
    const QStringList known = callStatuses();
    for (const QString &direction : directions) {
        for (const QString &status : known) {
            Labels labels{{QStringLiteral("status"), status}, {QStringLiteral("direction"), direction}};
            out.append(sample(kCalls, labels, ts, tally.value(kCalls, labels)));
        }
        const Labels only{{QStringLiteral("direction"), direction}};
        out.append(sample(kCallMinutes, only, ts, tally.value(kCallMinutes, only)));
        auto count = [&](const char *status) {
            return tally.value(kCalls, {{QStringLiteral("status"), QString::fromLatin1(status)},
                                        {QStringLiteral("direction"), direction}});
        };
        const double completed = count("completed");
        const double ended = completed + count("busy") + count("failed") + count("no-answer") + count("canceled");
        if (ended > 0)
            out.append(sample(kCallSuccessRate, only, ts, percent(completed, ended)));
    }
    for (const auto &[labels, value] : tally.series(kCalls)) {
        if (!known.contains(labels.value(QStringLiteral("status"))))
            out.append(sample(kCalls, labels, ts, value));
    }
    return out;
}

// ---- Usage records ----------------------------------------------------------------------------------------

Result<PageSummary> usageRecordsPage(const QByteArray &body, QDate from, QDate to, SampleBatch &samples)
{
    PageSummary summary;
    const json document = parse(body);
    auto items = listItems(document, "usage_records", summary);
    if (!items)
        return items.error();
    for (const json &record : **items) {
        const QString category = str(record, "category");
        const QDate start = parseDay(str(record, "start_date"));
        const QDate end = parseDay(str(record, "end_date"));
        // A daily record covers one day: start_date == end_date.
        if (category.isEmpty() || !start.isValid() || (end.isValid() && end != start) || start < from || start > to)
            continue;
        ++summary.counted;
        const std::optional<double> price = number(record, "price");
        const std::optional<double> count = number(record, "count");
        const std::optional<double> usage = number(record, "usage");
        if (price.value_or(0) == 0 && count.value_or(0) == 0 && usage.value_or(0) == 0)
            continue; // the hundreds of categories this account never touched
        const qint64 ts = dayStartMs(start);
        const QString priceUnit = str(record, "price_unit").toUpper();
        if (price) {
            samples.append(sample(kUsageCost, {{QStringLiteral("category"), category},
                                               {QStringLiteral("currency"), orUnknown(priceUnit)}}, ts, *price));
        }
        auto withUnit = [&](const char *unitKey) {
            Labels labels{{QStringLiteral("category"), category}};
            const QString unit = str(record, unitKey);
            if (!unit.isEmpty())
                labels.insert(QStringLiteral("unit"), unit);
            return labels;
        };
        if (count)
            samples.append(sample(kUsageCount, withUnit("count_unit"), ts, *count));
        if (usage)
            samples.append(sample(kUsageAmount, withUnit("usage_unit"), ts, *usage));
    }
    return summary;
}

// ---- Account and errors -----------------------------------------------------------------------------------

Result<AccountInfo> parseAccount(const QByteArray &body)
{
    const json document = parse(body);
    if (document.is_discarded() || !document.is_object())
        return parseError(QStringLiteral("the account is not a JSON object"));
    AccountInfo account;
    account.sid = str(document, "sid");
    account.friendlyName = str(document, "friendly_name");
    account.status = str(document, "status");
    account.type = str(document, "type");
    if (account.sid.isEmpty())
        return parseError(QStringLiteral("the account has no sid"));
    return account;
}

std::optional<TwilioError> parseTwilioError(const QByteArray &body)
{
    const json document = parse(body);
    if (document.is_discarded() || !document.is_object())
        return std::nullopt;
    TwilioError error;
    error.code = smallInteger(document, "code").value_or(0);
    error.message = str(document, "message").simplified().left(300);
    error.moreInfo = str(document, "more_info");
    error.status = smallInteger(document, "status").value_or(0);
    if (error.code == 0 && error.message.isEmpty())
        return std::nullopt;
    return error;
}

} // namespace stackscope::connectors::twilio
