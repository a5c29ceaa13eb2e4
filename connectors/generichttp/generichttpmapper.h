#pragma once

#include "jsonpath.h"

#include "model/sample.h"
#include "net/httpmessage.h"
#include "util/result.h"

#include <QMap>
#include <QString>
#include <QUrl>

#include <nlohmann/json.hpp>

#include <optional>

// Pure functions for the generic HTTP/JSON connector: the service's settings (parsed and checked once), one
// answer's body to samples, and the next page. No network, no event loop; every input is untrusted and a bad
// one gives an Error in plain words, never a crash. docs/connectors/generic-http.md describes the behaviour.
namespace stackscope::connectors::generichttp {

inline constexpr qsizetype kMaxBodyBytes = 16LL * 1024 * 1024; // per page
inline constexpr int kMaxJsonDepth = 256;                      // nesting of arrays/objects in an answer
inline constexpr qsizetype kMaxPointsPerPage = 100'000;
inline constexpr int kDefaultMaxPages = 10;
inline constexpr int kMaxMaxPages = 100;
inline constexpr int kMaxHeaders = 32;
inline constexpr qsizetype kMaxRequestBody = 64 * 1024;
inline constexpr int kMaxLabelFields = 16;

enum class Mode { Value, Series };
enum class TimestampUnit { Auto, Seconds, Milliseconds, Rfc3339 };

struct LabelField
{
    QString name;  // the label's name
    JsonPath path; // relative to each point
};

struct Settings
{
    QUrl url;                    // the first page
    QByteArray method = "GET";   // GET or POST
    QByteArray body;             // POST only
    net::HeaderList headers;     // from the `headers` setting, plus Accept / Content-Type defaults
    QString metric;
    QString unit;
    MetricKind kind = MetricKind::Gauge;

    Mode mode = Mode::Value;
    JsonPath valuePath;          // Mode::Value: one number
    JsonPath seriesPath;         // Mode::Series: an array of points (or, with [*], the points themselves)
    JsonPath timestampField;     // relative to a point
    JsonPath valueField;         // relative to a point
    TimestampUnit timestampUnit = TimestampUnit::Auto;
    QList<LabelField> labels;

    std::optional<JsonPath> nextPath; // pagination; Mode::Series only
    QString cursorParam;              // empty: next_path gives a URL
    int maxPages = kDefaultMaxPages;

    QByteArray headerName;            // the header that carries the header_value credential; empty: none
};

// The service's settings -> Settings, or an Error::Code::Config that names the setting and says what is
// wrong. A relative `url` is resolved against `baseUrlOverride` (the service's --base-url) when there is one.
Result<Settings> parseSettings(const QMap<QString, QString> &settings, const QUrl &baseUrlOverride);

// "Accept: application/json; X-Tenant: a" (or one header per line) -> header pairs. A ';' part that does not
// begin with "Name:" continues the previous value ("Accept: text/plain; charset=utf-8"). Credential-carrying
// and connection-level headers are refused (they belong in header_name/header_value, or to the client).
Result<net::HeaderList> parseHeaders(const QString &text);

// "region, kind=meta.kind, ['odd name']" -> label fields (name = the path's last name unless given).
Result<QList<LabelField>> parseLabelFields(const QString &text);

// The body as JSON: at most kMaxBodyBytes, nesting at most kMaxJsonDepth, a UTF-8 BOM tolerated.
Result<nlohmann::json> parseBody(QByteArrayView body);

// A JSON value as a sample value: a finite number, true/false as 1/0, or a string that is exactly a JSON
// number ("42", "-1.5e3"). Anything else (null, "NaN", "1,234", "12 ms", objects) is an error naming `where`.
Result<double> numberFrom(const nlohmann::json &value, const QString &where);
// A JSON value as a time: Unix seconds or milliseconds (numbers or numeric strings; `Auto` takes values below
// 1e11 as seconds, below 1e14 as milliseconds) or an RFC 3339 string with a zone; within 1970..2200.
Result<qint64> timestampFrom(const nlohmann::json &value, TimestampUnit unit, const QString &where);

struct Extraction
{
    SampleBatch samples;
    qsizetype points = 0;      // series: points seen (a value mode answer counts as one)
    qsizetype nullValues = 0;  // series: points whose value is null, skipped (gaps)
    qsizetype rejected = 0;    // beyond what the store accepts (long label values, …)
    QString firstRejection;
    double value = 0.0;        // value mode: the value found
    QString where;             // value mode: the path; series: the array's path
};

// One answer -> samples. Value mode: one sample at `pollTimeMs` truncated to the whole second (re-polls within
// a second store the same point). Series mode: one sample per point, at the point's own time.
Result<Extraction> extract(const nlohmann::json &document, const Settings &settings, qint64 pollTimeMs);

// The next page after one answer, or nullopt when this was the last (next_path missing, null, "" or false).
// A URL is resolved against `current` and must stay on the scheme, host and port of `first`; a cursor becomes
// the `cursor_param` query parameter of `first`.
Result<std::optional<QUrl>> nextPage(const nlohmann::json &document, const Settings &settings, const QUrl &current,
                                     const QUrl &first);

// "value 1234 at $.data.count" / "36 points in $.series (2 null values skipped)" — for the log and the test.
QString describe(const Extraction &extraction, const Settings &settings);

} // namespace stackscope::connectors::generichttp
