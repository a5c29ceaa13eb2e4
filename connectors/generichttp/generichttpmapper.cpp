#include "generichttpmapper.h"

#include "ingest/ndjsonsampleparser.h"
#include "net/httpclient.h"
#include "util/timeparse.h"

#include <QLocale>
#include <QRegularExpression>
#include <QStringList>

#include <algorithm>
#include <cmath>

namespace stackscope::connectors::generichttp {

namespace {

using json = nlohmann::json;

constexpr qsizetype kMaxUnitLength = 64;
constexpr qsizetype kMaxHeaderName = 128;
constexpr qsizetype kMaxHeaderValue = 4096;
constexpr qsizetype kMaxLabelName = 128;
constexpr qsizetype kMaxNextValue = 4096;
constexpr double kAutoSecondsBelow = 1e11;      // 1e11 s is the year 5138; 1e11 ms is March 1973
constexpr double kAutoMillisecondsBelow = 1e14; // 1e14 ms is the year 5138
constexpr qint64 kAnyTimeMs = 1767225600000;    // a valid time, for checking names with validateSample

Error configError(const QString &message)
{
    return Error::make(Error::Code::Config, message);
}

Error parseError(const QString &message)
{
    return Error::make(Error::Code::Parse, message);
}

QString setting(const QMap<QString, QString> &settings, const char *key)
{
    return settings.value(QString::fromLatin1(key)).trimmed();
}

bool hasControlCharacters(const QString &text)
{
    return std::any_of(text.cbegin(), text.cend(), [](QChar c) { return c.category() == QChar::Other_Control; });
}

// RFC 9110 token characters.
bool isTokenChar(QChar c)
{
    if (c.unicode() > 0x7e)
        return false;
    if (c.isLetterOrNumber())
        return true;
    return QStringView(u"!#$%&'*+-.^_`|~").contains(c);
}

bool isToken(const QString &text)
{
    return !text.isEmpty() && std::all_of(text.cbegin(), text.cend(), isTokenChar);
}

// Headers the HTTP client (or Qt) owns, or that would change how the connection behaves.
bool isConnectionLevel(const QString &lowerName)
{
    static const QStringList names{QStringLiteral("host"), QStringLiteral("content-length"),
                                   QStringLiteral("transfer-encoding"), QStringLiteral("connection"),
                                   QStringLiteral("keep-alive"), QStringLiteral("upgrade"), QStringLiteral("te"),
                                   QStringLiteral("trailer"), QStringLiteral("expect"),
                                   QStringLiteral("accept-encoding"), QStringLiteral("proxy-connection")};
    return names.contains(lowerName) || lowerName.startsWith(QLatin1String("proxy-"));
}

// Names that carry credentials: those go through header_name/header_value, never as a plain setting.
bool looksLikeCredential(const QString &lowerName)
{
    static const char *const parts[] = {"auth", "token", "key", "secret", "password", "passwd", "cookie",
                                        "credential", "signature", "session"};
    return std::any_of(std::begin(parts), std::end(parts),
                       [&](const char *part) { return lowerName.contains(QLatin1String(part)); });
}

bool isPrintableAscii(const QString &text)
{
    return std::all_of(text.cbegin(), text.cend(), [](QChar c) {
        return c == QLatin1Char('\t') || (c.unicode() >= 0x20 && c.unicode() < 0x7f);
    });
}

bool sameOrigin(const QUrl &a, const QUrl &b)
{
    const auto defaultPort = [](const QUrl &url) { return url.scheme() == QLatin1String("https") ? 443 : 80; };
    return a.scheme().compare(b.scheme(), Qt::CaseInsensitive) == 0
           && a.host().compare(b.host(), Qt::CaseInsensitive) == 0 && a.port(defaultPort(a)) == b.port(defaultPort(b));
}

// Splits at `separator` where it is not inside [ ] or quotes (label fields: "a, ['x,y'], n=b[0]").
QStringList splitOutside(const QString &text, QChar separator)
{
    QStringList parts;
    QString current;
    int depth = 0;
    QChar quote;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (!quote.isNull()) {
            current += c;
            if (c == QLatin1Char('\\') && i + 1 < text.size()) {
                current += text.at(++i);
            } else if (c == quote) {
                quote = QChar();
            }
            continue;
        }
        if (c == QLatin1Char('"') || c == QLatin1Char('\'')) {
            quote = c;
        } else if (c == QLatin1Char('[')) {
            ++depth;
        } else if (c == QLatin1Char(']')) {
            depth = std::max(0, depth - 1);
        } else if (c == separator && depth == 0) {
            parts << current;
            current.clear();
            continue;
        }
        current += c;
    }
    parts << current;
    return parts;
}

// The position of the first '=' outside [ ] and quotes; -1 when none.
qsizetype equalsOutside(const QString &text)
{
    const QStringList parts = splitOutside(text, QLatin1Char('='));
    return parts.size() > 1 ? parts.first().size() : -1;
}

Result<JsonPath> parsePathSetting(const QString &key, const QString &text)
{
    auto path = JsonPath::parse(text);
    if (!path)
        return configError(QStringLiteral("The %1 setting \"%2\" is not a path: %3. Paths look like "
                                          "$.data.items[0].count or [\"odd name\"].value.")
                               .arg(key, text.left(100), path.error().userMessage));
    return path;
}

// A path evaluated on each point: no [*] (one value per point).
Result<JsonPath> parseFieldSetting(const QString &key, const QString &text)
{
    auto path = parsePathSetting(key, text);
    if (path && path->hasWildcard())
        return configError(QStringLiteral("The %1 setting \"%2\" must name one value of each point; [*] belongs in "
                                          "series_path.").arg(key, text.left(100)));
    return path;
}

// "42", "-1.5e3": exactly the JSON number grammar, nothing around it.
bool isNumericString(const QString &text)
{
    static const QRegularExpression number(QStringLiteral(R"(^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$)"));
    return text.size() <= 64 && number.match(text).hasMatch();
}

QString jsonString(const json &value)
{
    const auto &text = value.get_ref<const std::string &>();
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

QString numberText(double value)
{
    return QString::number(value, 'g', QLocale::FloatingPointShortest);
}

QString unitName(TimestampUnit unit)
{
    switch (unit) {
    case TimestampUnit::Seconds: return QStringLiteral("seconds");
    case TimestampUnit::Milliseconds: return QStringLiteral("milliseconds");
    case TimestampUnit::Rfc3339: return QStringLiteral("RFC 3339");
    case TimestampUnit::Auto: break;
    }
    return QStringLiteral("auto");
}

// A label value from a point: strings as they are, numbers and booleans as text; missing or null: no label.
Result<std::optional<QString>> labelValue(const json *node, const QString &where)
{
    if (!node || node->is_null())
        return std::optional<QString>();
    if (node->is_string())
        return std::optional<QString>(jsonString(*node));
    if (node->is_boolean())
        return std::optional<QString>(node->get<bool>() ? QStringLiteral("true") : QStringLiteral("false"));
    if (node->is_number_unsigned())
        return std::optional<QString>(QString::number(node->get<quint64>()));
    if (node->is_number_integer())
        return std::optional<QString>(QString::number(node->get<qint64>()));
    if (node->is_number_float())
        return std::optional<QString>(numberText(node->get<double>()));
    return parseError(QStringLiteral("%1 is %2; a label takes a string, a number or true/false")
                          .arg(where, describeType(*node)));
}

} // namespace

Result<net::HeaderList> parseHeaders(const QString &text)
{
    net::HeaderList headers;
    QStringList seen;
    static const QRegularExpression headerStart(QStringLiteral(R"(^\s*([!#$%&'*+.^_`|~0-9A-Za-z-]+)\s*:(.*)$)"),
                                                QRegularExpression::DotMatchesEverythingOption);
    QString name;
    QString value;
    auto flush = [&]() -> Status {
        if (name.isEmpty())
            return {};
        const QString lower = name.toLower();
        value = value.trimmed();
        if (name.size() > kMaxHeaderName)
            return configError(QStringLiteral("The header name \"%1…\" is longer than %2 characters.")
                                   .arg(name.left(40), QString::number(kMaxHeaderName)));
        if (lower == QLatin1String("authorization") || lower == QLatin1String("cookie") || looksLikeCredential(lower))
            return configError(QStringLiteral("The header \"%1\" looks like it carries a credential; settings are not "
                                              "secret. Set header_name=%1 and store the value as the secret "
                                              "header_value (or use bearer_token / basic_username + basic_password).")
                                   .arg(name));
        if (isConnectionLevel(lower))
            return configError(QStringLiteral("The header \"%1\" is managed by Stackscope's HTTP client and cannot be "
                                              "set.").arg(name));
        if (value.size() > kMaxHeaderValue || !isPrintableAscii(value))
            return configError(QStringLiteral("The value of the header \"%1\" must be printable ASCII of at most %2 "
                                              "characters.").arg(name, QString::number(kMaxHeaderValue)));
        if (seen.contains(lower))
            return configError(QStringLiteral("The header \"%1\" is given twice.").arg(name));
        if (headers.size() >= kMaxHeaders)
            return configError(QStringLiteral("At most %1 headers can be set.").arg(kMaxHeaders));
        seen << lower;
        headers.append({name.toLatin1(), value.toLatin1()});
        name.clear();
        value.clear();
        return {};
    };

    QString normalised = text;
    normalised.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
    for (const QString &line : normalised.split(QLatin1Char('\n'))) {
        if (Status st = flush(); !st)
            return st.error();
        for (const QString &part : line.split(QLatin1Char(';'))) {
            const QRegularExpressionMatch match = headerStart.match(part);
            if (match.hasMatch()) {
                if (Status st = flush(); !st)
                    return st.error();
                name = match.captured(1);
                value = match.captured(2);
                continue;
            }
            if (part.trimmed().isEmpty())
                continue;
            if (name.isEmpty())
                return configError(QStringLiteral("The headers setting has \"%1\" where a \"Name: value\" header "
                                                  "was expected; separate headers with \";\" or new lines.")
                                       .arg(part.trimmed().left(60)));
            value += QLatin1Char(';') + part; // a parameter of the previous value: "text/plain; charset=utf-8"
        }
    }
    if (Status st = flush(); !st)
        return st.error();
    return headers;
}

Result<QList<LabelField>> parseLabelFields(const QString &text)
{
    QList<LabelField> fields;
    for (const QString &rawEntry : splitOutside(text, QLatin1Char(','))) {
        const QString entry = rawEntry.trimmed();
        if (entry.isEmpty())
            continue;
        QString name;
        QString pathText = entry;
        const qsizetype eq = equalsOutside(entry);
        if (eq >= 0) {
            name = entry.left(eq).trimmed();
            pathText = entry.mid(eq + 1).trimmed();
        }
        auto path = parseFieldSetting(QStringLiteral("label_fields"), pathText);
        if (!path)
            return path.error();
        if (eq < 0)
            name = path->lastName();
        if (name.isEmpty())
            return configError(QStringLiteral("The label field \"%1\" needs a label name: write name=%1.")
                                   .arg(entry.left(100)));
        if (name.size() > kMaxLabelName || hasControlCharacters(name))
            return configError(QStringLiteral("The label name \"%1\" must be 1 to %2 printable characters.")
                                   .arg(name.left(60), QString::number(kMaxLabelName)));
        if (name == QLatin1String("project") || name == QLatin1String("service"))
            return configError(QStringLiteral("The label name \"%1\" is set by Stackscope on every sample; choose "
                                              "another, e.g. %1_name=%2.").arg(name, pathText.left(100)));
        if (std::any_of(fields.cbegin(), fields.cend(), [&](const LabelField &f) { return f.name == name; }))
            return configError(QStringLiteral("The label name \"%1\" is used twice in label_fields.").arg(name));
        if (fields.size() >= kMaxLabelFields)
            return configError(QStringLiteral("At most %1 label fields can be set.").arg(kMaxLabelFields));
        fields.append({name, std::move(path).value()});
    }
    return fields;
}

Result<Settings> parseSettings(const QMap<QString, QString> &settings, const QUrl &baseUrlOverride)
{
    Settings out;

    // Where and how.
    const QString urlText = setting(settings, "url");
    if (urlText.isEmpty())
        return configError(QStringLiteral("Set the url setting: the address of the JSON endpoint, e.g. "
                                          "https://api.example.com/v1/stats."));
    QUrl url(urlText, QUrl::StrictMode);
    if (!url.isValid())
        return configError(QStringLiteral("The url setting is not a valid URL."));
    if (url.isRelative()) {
        if (baseUrlOverride.isEmpty())
            return configError(QStringLiteral("The url \"%1\" must be absolute (https://host/path), or the service "
                                              "needs a base URL to resolve it against.").arg(urlText.left(200)));
        url = baseUrlOverride.resolved(url);
    }
    QString why;
    if (!net::HttpClient::isAllowedUrl(url, &why))
        return configError(QStringLiteral("The url %1 cannot be used: %2.").arg(net::HttpClient::redactedUrl(url), why));
    url.setFragment(QString());
    out.url = url;

    const QString method = setting(settings, "method").toUpper();
    if (method.isEmpty() || method == QLatin1String("GET")) {
        out.method = "GET";
    } else if (method == QLatin1String("POST")) {
        out.method = "POST";
    } else {
        return configError(QStringLiteral("The method must be GET or POST, not \"%1\".").arg(method.left(20)));
    }
    const QString body = settings.value(QStringLiteral("body"));
    if (!body.trimmed().isEmpty() && out.method != "POST")
        return configError(QStringLiteral("The body setting is only sent with method=POST."));
    out.body = out.method == "POST" ? body.toUtf8() : QByteArray();
    if (out.body.size() > kMaxRequestBody)
        return configError(QStringLiteral("The body is larger than %1 KiB.").arg(kMaxRequestBody / 1024));

    auto headers = parseHeaders(settings.value(QStringLiteral("headers")));
    if (!headers)
        return headers.error();
    out.headers = std::move(headers).value();
    auto hasHeader = [&out](QByteArrayView name) {
        return std::any_of(out.headers.cbegin(), out.headers.cend(),
                           [&](const auto &header) { return header.first.compare(name, Qt::CaseInsensitive) == 0; });
    };
    if (!hasHeader("Accept"))
        out.headers.prepend({QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json")});
    if (out.method == "POST" && !hasHeader("Content-Type")) {
        if (!out.body.isEmpty() && json::parse(out.body.cbegin(), out.body.cend(), nullptr, false).is_discarded())
            return configError(QStringLiteral("The body is not valid JSON; fix it, or set its Content-Type in the "
                                              "headers setting (e.g. Content-Type: application/x-www-form-urlencoded)."));
        out.headers.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")});
    }

    const QString headerName = setting(settings, "header_name");
    if (!headerName.isEmpty()) {
        if (!isToken(headerName) || headerName.size() > kMaxHeaderName)
            return configError(QStringLiteral("The header_name \"%1\" is not a valid HTTP header name.")
                                   .arg(headerName.left(60)));
        if (isConnectionLevel(headerName.toLower()))
            return configError(QStringLiteral("The header \"%1\" is managed by Stackscope's HTTP client and cannot be "
                                              "set.").arg(headerName));
        if (hasHeader(headerName.toLatin1()))
            return configError(QStringLiteral("The header \"%1\" is both in headers and header_name.").arg(headerName));
        out.headerName = headerName.toLatin1();
    }

    // What to store.
    out.metric = setting(settings, "metric");
    if (out.metric.isEmpty())
        return configError(QStringLiteral("Set the metric setting: the name to store the values under, e.g. "
                                          "myapp.active_users."));
    if (Status valid = ingest::validateSample({out.metric, {}, kAnyTimeMs, 0.0}); !valid)
        return configError(QStringLiteral("The metric name cannot be used: %1.").arg(valid.error().userMessage));
    out.unit = setting(settings, "unit");
    if (out.unit.size() > kMaxUnitLength || hasControlCharacters(out.unit))
        return configError(QStringLiteral("The unit must be at most %1 printable characters.").arg(kMaxUnitLength));
    const QString kind = setting(settings, "kind").toLower();
    if (kind.isEmpty() || kind == QLatin1String("gauge"))
        out.kind = MetricKind::Gauge;
    else if (kind == QLatin1String("counter"))
        out.kind = MetricKind::Counter;
    else
        return configError(QStringLiteral("The kind must be gauge or counter, not \"%1\".").arg(kind.left(20)));

    // How to find it.
    const QString valuePath = setting(settings, "value_path");
    const QString seriesPath = setting(settings, "series_path");
    if (valuePath.isEmpty() == seriesPath.isEmpty())
        return configError(valuePath.isEmpty()
                               ? QStringLiteral("Set value_path (a path to one number, e.g. $.data.count) or "
                                                "series_path (a path to an array of points, e.g. $.series).")
                               : QStringLiteral("Set value_path or series_path, not both."));
    static const char *const seriesOnly[] = {"timestamp_field", "value_field", "label_fields", "next_path",
                                             "cursor_param"};
    if (!valuePath.isEmpty()) {
        out.mode = Mode::Value;
        auto path = parsePathSetting(QStringLiteral("value_path"), valuePath);
        if (!path)
            return path.error();
        if (path->hasWildcard())
            return configError(QStringLiteral("The value_path must select one number; [*] belongs in series_path."));
        out.valuePath = std::move(path).value();
        for (const char *key : seriesOnly) {
            if (!setting(settings, key).isEmpty())
                return configError(QStringLiteral("The %1 setting only applies with series_path.").arg(QLatin1String(key)));
        }
        const QString unit = setting(settings, "timestamp_unit").toLower();
        if (!unit.isEmpty() && unit != QLatin1String("auto"))
            return configError(QStringLiteral("The timestamp_unit setting only applies with series_path (a value_path "
                                              "value is stored at the time of the poll)."));
        return out;
    }

    out.mode = Mode::Series;
    auto series = parsePathSetting(QStringLiteral("series_path"), seriesPath);
    if (!series)
        return series.error();
    out.seriesPath = std::move(series).value();
    const QString timestampText = setting(settings, "timestamp_field");
    auto timestamp = parseFieldSetting(QStringLiteral("timestamp_field"),
                                       timestampText.isEmpty() ? QStringLiteral("timestamp") : timestampText);
    if (!timestamp)
        return timestamp.error();
    out.timestampField = std::move(timestamp).value();
    const QString valueText = setting(settings, "value_field");
    auto value = parseFieldSetting(QStringLiteral("value_field"), valueText.isEmpty() ? QStringLiteral("value") : valueText);
    if (!value)
        return value.error();
    out.valueField = std::move(value).value();

    const QString unit = setting(settings, "timestamp_unit").toLower();
    if (unit.isEmpty() || unit == QLatin1String("auto"))
        out.timestampUnit = TimestampUnit::Auto;
    else if (unit == QLatin1String("s") || unit == QLatin1String("seconds"))
        out.timestampUnit = TimestampUnit::Seconds;
    else if (unit == QLatin1String("ms") || unit == QLatin1String("milliseconds"))
        out.timestampUnit = TimestampUnit::Milliseconds;
    else if (unit == QLatin1String("rfc3339"))
        out.timestampUnit = TimestampUnit::Rfc3339;
    else
        return configError(QStringLiteral("The timestamp_unit must be auto, s, ms or rfc3339, not \"%1\".").arg(unit.left(20)));

    auto labels = parseLabelFields(settings.value(QStringLiteral("label_fields")));
    if (!labels)
        return labels.error();
    out.labels = std::move(labels).value();

    const QString next = setting(settings, "next_path");
    out.cursorParam = setting(settings, "cursor_param");
    if (!next.isEmpty()) {
        auto nextPath = parseFieldSetting(QStringLiteral("next_path"), next);
        if (!nextPath)
            return nextPath.error();
        out.nextPath = std::move(nextPath).value();
    } else if (!out.cursorParam.isEmpty()) {
        return configError(QStringLiteral("The cursor_param setting needs next_path (where the cursor is in each "
                                          "answer)."));
    }
    if (!out.cursorParam.isEmpty()
        && (out.cursorParam.size() > 128 || !isPrintableAscii(out.cursorParam)
            || out.cursorParam.contains(QLatin1Char('&')) || out.cursorParam.contains(QLatin1Char('='))
            || out.cursorParam.contains(QLatin1Char('#')) || out.cursorParam.contains(QLatin1Char(' '))))
        return configError(QStringLiteral("The cursor_param \"%1\" is not a usable query parameter name.")
                               .arg(out.cursorParam.left(60)));
    const QString maxPages = setting(settings, "max_pages");
    if (!maxPages.isEmpty()) {
        bool ok = false;
        const int pages = maxPages.toInt(&ok);
        if (!ok || pages < 1 || pages > kMaxMaxPages)
            return configError(QStringLiteral("The max_pages must be a whole number from 1 to %1, not \"%2\".")
                                   .arg(kMaxMaxPages).arg(maxPages.left(20)));
        out.maxPages = pages;
    }
    return out;
}

Result<json> parseBody(QByteArrayView body)
{
    if (body.size() > kMaxBodyBytes)
        return parseError(QStringLiteral("the answer is %1 MiB; at most %2 MiB per page are read")
                              .arg(double(body.size()) / (1024.0 * 1024.0), 0, 'f', 1)
                              .arg(kMaxBodyBytes / (1024 * 1024)));
    if (body.startsWith("\xEF\xBB\xBF"))
        body = body.sliced(3);
    if (body.trimmed().isEmpty())
        return parseError(QStringLiteral("the answer is empty, not JSON"));
    // nlohmann parses iteratively, but deep documents are still a cheap way to make every later step slow:
    // refuse them before parsing.
    int depth = 0;
    bool inString = false;
    bool escaped = false;
    for (char c : body) {
        if (inString) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                inString = false;
            continue;
        }
        if (c == '"') {
            inString = true;
        } else if (c == '[' || c == '{') {
            if (++depth > kMaxJsonDepth)
                return parseError(QStringLiteral("the answer is nested more than %1 levels deep").arg(kMaxJsonDepth));
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    json document = json::parse(body.begin(), body.end(), nullptr, /*allow_exceptions=*/false);
    if (document.is_discarded()) {
        QString start = QString::fromUtf8(body.first(std::min<qsizetype>(body.size(), 60))).simplified();
        for (QChar &c : start) {
            if (c.category() == QChar::Other_Control)
                c = QChar(0xfffd);
        }
        return parseError(QStringLiteral("the answer is not valid JSON (it starts with \"%1\")").arg(start));
    }
    return document;
}

Result<double> numberFrom(const json &value, const QString &where)
{
    if (value.is_number()) {
        const double number = value.get<double>();
        if (!std::isfinite(number))
            return parseError(QStringLiteral("%1 is %2, not a finite number").arg(where, preview(value)));
        return number;
    }
    if (value.is_boolean())
        return value.get<bool>() ? 1.0 : 0.0;
    if (value.is_string()) {
        const QString text = jsonString(value);
        if (isNumericString(text)) {
            bool ok = false;
            const double number = text.toLatin1().toDouble(&ok);
            if (ok && std::isfinite(number))
                return number;
        }
        return parseError(QStringLiteral("%1 is the string %2, not a number").arg(where, preview(value)));
    }
    return parseError(QStringLiteral("%1 is %2, not a number").arg(where, preview(value)));
}

Result<qint64> timestampFrom(const json &value, TimestampUnit unit, const QString &where)
{
    auto outOfRange = [&](const QString &readAs) {
        return parseError(QStringLiteral("%1 is %2, which read as %3 is not a time between 1970 and 2200%4")
                              .arg(where, preview(value), readAs,
                                   unit == TimestampUnit::Auto
                                       ? QStringLiteral(" (set timestamp_unit if it is not seconds or milliseconds)")
                                       : QString()));
    };
    const bool numeric = value.is_number() || (value.is_string() && isNumericString(jsonString(value)));
    if (unit == TimestampUnit::Rfc3339 || (unit == TimestampUnit::Auto && value.is_string() && !numeric)) {
        if (!value.is_string())
            return parseError(QStringLiteral("%1 is %2, not an RFC 3339 time").arg(where, preview(value)));
        auto parsed = parseRfc3339(jsonString(value));
        if (!parsed)
            return parseError(QStringLiteral("%1: %2").arg(where, parsed.error().userMessage));
        if (!isPlausibleTimestamp(parsed.value()))
            return outOfRange(QStringLiteral("RFC 3339"));
        return parsed;
    }
    if (!numeric)
        return parseError(unit == TimestampUnit::Auto
                              ? QStringLiteral("%1 is %2, not a time (Unix seconds, milliseconds or RFC 3339)")
                                    .arg(where, preview(value))
                              : QStringLiteral("%1 is %2, not a time in Unix %3 (timestamp_unit)")
                                    .arg(where, preview(value), unitName(unit)));
    const double number = value.is_number() ? value.get<double>() : jsonString(value).toLatin1().toDouble();
    if (!std::isfinite(number) || number < 0)
        return outOfRange(unitName(unit == TimestampUnit::Auto ? TimestampUnit::Seconds : unit));
    TimestampUnit effective = unit;
    if (unit == TimestampUnit::Auto) {
        if (number < kAutoSecondsBelow)
            effective = TimestampUnit::Seconds;
        else if (number < kAutoMillisecondsBelow)
            effective = TimestampUnit::Milliseconds;
        else
            return parseError(QStringLiteral("%1 is %2, too large for Unix seconds or milliseconds (micro- and "
                                             "nanoseconds are not read)").arg(where, preview(value)));
    }
    const double ms = effective == TimestampUnit::Seconds ? number * 1000.0 : number;
    if (ms >= 9.0e15) // far beyond 2200, and beyond what a double holds exactly
        return outOfRange(unitName(effective));
    const qint64 rounded = std::llround(ms);
    if (!isPlausibleTimestamp(rounded))
        return outOfRange(unitName(effective));
    return rounded;
}

Result<Extraction> extract(const json &document, const Settings &settings, qint64 pollTimeMs)
{
    Extraction out;
    auto keep = [&out](MetricSample sample, const QString &where) {
        if (Status valid = ingest::validateSample(sample); !valid) {
            if (out.rejected++ == 0)
                out.firstRejection = QStringLiteral("%1: %2").arg(where, valid.error().userMessage);
            return;
        }
        out.samples.append(std::move(sample));
    };

    if (settings.mode == Mode::Value) {
        out.where = settings.valuePath.toString();
        auto node = settings.valuePath.selectOne(document);
        if (!node)
            return node.error();
        auto value = numberFrom(*node.value(), out.where);
        if (!value)
            return value.error();
        out.points = 1;
        out.value = value.value();
        const qint64 second = pollTimeMs - (((pollTimeMs % 1000) + 1000) % 1000);
        keep({settings.metric, {}, second, value.value()}, out.where);
        return out;
    }

    out.where = settings.seriesPath.toString();
    std::vector<const json *> points;
    QString pointBase; // non-wildcard series: points are "<where>[i]"
    if (settings.seriesPath.hasWildcard()) {
        auto selected = settings.seriesPath.select(document, QStringLiteral("$"), kMaxPointsPerPage);
        if (!selected)
            return selected.error();
        points = std::move(selected).value();
    } else {
        auto array = settings.seriesPath.selectOne(document);
        if (!array)
            return array.error();
        const json &node = *array.value();
        if (!node.is_array())
            return parseError(QStringLiteral("%1 is %2, not an array of points").arg(out.where, describeType(node)));
        if (qsizetype(node.size()) > kMaxPointsPerPage)
            return parseError(QStringLiteral("%1 has %2 points; at most %3 per page are read")
                                  .arg(out.where, QString::number(node.size()), QString::number(kMaxPointsPerPage)));
        points.reserve(node.size());
        for (const json &element : node)
            points.push_back(&element);
        pointBase = out.where;
    }

    out.points = qsizetype(points.size());
    out.samples.reserve(out.points);
    // Each point is read without spelling out where it is (that is most of the cost on large answers); a
    // failure is read again with the names, for the message.
    const QString quick;
    for (std::size_t i = 0; i < points.size(); ++i) {
        const json &point = *points[i];
        auto where = [&] {
            return pointBase.isEmpty() ? QStringLiteral("%1 (point %2)").arg(out.where, QString::number(i))
                                       : QStringLiteral("%1[%2]").arg(pointBase, QString::number(i));
        };
        auto explain = [](auto failed, auto again) -> Error {
            auto retried = again();
            return retried ? failed.error() : retried.error();
        };
        auto tsNode = settings.timestampField.selectOne(point, quick);
        if (!tsNode)
            return explain(tsNode, [&] { return settings.timestampField.selectOne(point, where()); });
        auto ts = timestampFrom(*tsNode.value(), settings.timestampUnit, quick);
        if (!ts)
            return explain(ts, [&] {
                return timestampFrom(*tsNode.value(), settings.timestampUnit, settings.timestampField.toString(where()));
            });
        auto valueNode = settings.valueField.selectOne(point, quick);
        if (!valueNode)
            return explain(valueNode, [&] { return settings.valueField.selectOne(point, where()); });
        if (valueNode.value()->is_null()) {
            ++out.nullValues;
            continue;
        }
        auto value = numberFrom(*valueNode.value(), quick);
        if (!value)
            return explain(value, [&] { return numberFrom(*valueNode.value(), settings.valueField.toString(where())); });
        MetricSample sample{settings.metric, {}, ts.value(), value.value()};
        for (const LabelField &field : settings.labels) {
            auto node = field.path.find(point, quick);
            if (!node)
                return explain(node, [&] { return field.path.find(point, where()); });
            auto label = labelValue(node.value(), quick);
            if (!label)
                return explain(label, [&] { return labelValue(node.value(), field.path.toString(where())); });
            if (label->has_value())
                sample.labels.insert(field.name, **label);
        }
        if (Status valid = ingest::validateSample(sample); !valid) {
            if (out.rejected++ == 0)
                out.firstRejection = QStringLiteral("%1: %2").arg(where(), valid.error().userMessage);
            continue;
        }
        out.samples.append(std::move(sample));
    }
    return out;
}

Result<std::optional<QUrl>> nextPage(const json &document, const Settings &settings, const QUrl &current,
                                     const QUrl &first)
{
    if (!settings.nextPath)
        return std::optional<QUrl>();
    const QString where = settings.nextPath->toString();
    auto found = settings.nextPath->find(document);
    if (!found)
        return found.error();
    const json *node = found.value();
    if (!node || node->is_null() || (node->is_boolean() && !node->get<bool>()))
        return std::optional<QUrl>();
    QString value;
    if (node->is_string()) {
        value = jsonString(*node).trimmed();
        if (value.isEmpty())
            return std::optional<QUrl>();
    } else if (node->is_number_integer() || node->is_number_unsigned()) {
        if (settings.cursorParam.isEmpty())
            return parseError(QStringLiteral("%1 is the number %2, not a next-page URL; if it is a cursor, set "
                                             "cursor_param to the query parameter that takes it")
                                  .arg(where, preview(*node)));
        value = QString::fromStdString(node->dump());
    } else {
        return parseError(QStringLiteral("%1 is %2, not a next-page URL or cursor").arg(where, preview(*node)));
    }
    if (value.size() > kMaxNextValue || hasControlCharacters(value))
        return parseError(QStringLiteral("%1 is not a usable next-page URL or cursor (control characters, or longer "
                                         "than %2 characters)").arg(where, QString::number(kMaxNextValue)));

    if (!settings.cursorParam.isEmpty()) {
        // The cursor replaces any earlier value of the parameter in the first page's query.
        QStringList items;
        const QString query = first.query(QUrl::FullyEncoded);
        for (const QString &item : query.split(QLatin1Char('&'), Qt::SkipEmptyParts)) {
            const QString key = QUrl::fromPercentEncoding(item.section(QLatin1Char('='), 0, 0).toLatin1());
            if (key != settings.cursorParam)
                items << item;
        }
        items << QString::fromLatin1(QUrl::toPercentEncoding(settings.cursorParam)) + QLatin1Char('=')
                     + QString::fromLatin1(QUrl::toPercentEncoding(value));
        QUrl next = first;
        next.setQuery(items.join(QLatin1Char('&')), QUrl::StrictMode);
        if (!next.isValid())
            return parseError(QStringLiteral("%1 gives a cursor that does not fit in a URL").arg(where));
        return std::optional<QUrl>(next);
    }

    const QUrl relative(value, QUrl::StrictMode);
    if (!relative.isValid())
        return parseError(QStringLiteral("%1 is %2, not a valid URL (if it is a cursor, set cursor_param)")
                              .arg(where, preview(*node)));
    QUrl next = current.resolved(relative);
    next.setFragment(QString());
    if (!sameOrigin(next, first))
        return parseError(QStringLiteral("%1 points to %2, not to %3; Stackscope only follows next pages on the same "
                                         "host (the request carries your credentials)")
                              .arg(where, net::HttpClient::redactedUrl(next),
                                   first.scheme() + QStringLiteral("://") + first.authority()));
    QString why;
    if (!net::HttpClient::isAllowedUrl(next, &why))
        return parseError(QStringLiteral("%1 points to %2, which cannot be used: %3")
                              .arg(where, net::HttpClient::redactedUrl(next), why));
    return std::optional<QUrl>(next);
}

QString describe(const Extraction &extraction, const Settings &settings)
{
    QString text;
    if (settings.mode == Mode::Value) {
        text = QStringLiteral("value %1 at %2").arg(numberText(extraction.value), extraction.where);
    } else {
        text = QStringLiteral("%1 point%2 in %3")
                   .arg(extraction.points)
                   .arg(extraction.points == 1 ? QString() : QStringLiteral("s"), extraction.where);
    }
    QStringList notes;
    if (extraction.nullValues > 0)
        notes << QStringLiteral("%1 null value%2 skipped").arg(extraction.nullValues)
                     .arg(extraction.nullValues == 1 ? QString() : QStringLiteral("s"));
    if (extraction.rejected > 0)
        notes << QStringLiteral("%1 refused by the store's checks, first: %2").arg(extraction.rejected)
                     .arg(extraction.firstRejection);
    if (!notes.isEmpty())
        text += QStringLiteral(" (") + notes.join(QStringLiteral("; ")) + QLatin1Char(')');
    return text;
}

} // namespace stackscope::connectors::generichttp
