#pragma once

#include "model/sample.h"
#include "util/result.h"

#include <QDate>
#include <QJsonObject>
#include <QMap>
#include <QStringList>
#include <QUrl>

#include <optional>

// Pure functions for the Sendbird connector: settings, request planning, response bodies to samples, Sendbird's
// error bodies to plain words, and the per-day tally of our own API calls. No network, no event loop; every
// input is untrusted and a bad one gives an Error, never a crash.
namespace stackscope::connectors::sendbird {

inline constexpr char kBaseUrlTemplate[] = "https://api-{app_id}.sendbird.com";
inline constexpr int kRateLimitCode = 500910;        // RATE_LIMIT_EXCEEDED (with HTTP 429)
inline constexpr int kUnauthorizedRequestCode = 400108;
inline constexpr int kMaxWindowDays = 31;            // how far back one fetch reaches (one DAU request per day)
inline constexpr int kSettleDays = 1;                // every poll re-reads yesterday and today
inline constexpr int kAnalyticsPageLimit = 1000;     // `limit` of /v3/statistics/metric (its maximum)
inline constexpr int kMaxPagesPerRequest = 50;       // a vendor handing out tokens forever is cut off here

// Metric names.
inline constexpr char kDau[] = "sendbird.dau";
inline constexpr char kMau[] = "sendbird.mau";
inline constexpr char kMessages[] = "sendbird.messages";
inline constexpr char kActiveChannels[] = "sendbird.active_channels";
inline constexpr char kApiRequests[] = "sendbird.api.requests";
inline constexpr char kApiThrottled[] = "sendbird.api.throttled";

struct Settings
{
    QString appId;
    QUrl baseUrl;      // https://api-{app_id}.sendbird.com, or the service's override
    QString segments;  // empty, or channel_type / custom_channel_type / custom_message_type
};

// `settings` are the service's (app_id, segments); `baseUrlOverride` is the service's own base URL (empty:
// derived from the application ID).
Result<Settings> parseSettings(const QMap<QString, QString> &settings, const QUrl &baseUrlOverride);
QUrl baseUrlFor(const QString &appId);

// One request (and its pages) of a fetch. `key` names it in the resume cursor ("dau:2026-03-02").
struct PlannedStep
{
    enum class Kind { Dau, Mau, Messages, SegmentedMessages, ActiveChannels };
    Kind kind = Kind::Dau;
    QString key;
    QDate first;  // Dau: the day; Mau: the month's first day; analytics: the range (within one month)
    QDate last;
};
// Every request for the UTC days [first, last]: advanced analytics one request per calendar month and metric,
// MAU one per month, DAU one per day; analytics first (fewest requests, most value), DAU last.
QList<PlannedStep> plan(QDate first, QDate last, bool segmented);
// `steps` from the one named `key` on; all of them when no step has that key.
QList<PlannedStep> resumeAt(const QList<PlannedStep> &steps, const QString &key);

// GET /v3/applications/dau or /mau answer ({"dau": 18342}) -> the number under `field`.
Result<double> mapCount(QByteArrayView body, const QString &field);

struct AnalyticsPage
{
    SampleBatch samples;
    QString next; // the page token for the next request; empty: this was the last page
};
// GET /v3/statistics/metric answer -> one sample of `metric` per item (its "date" at 00:00 UTC, its "value").
// With `segmentLabel` (the `segments` asked for), each sample carries that label, from the item's field of the
// same name ("(none)" when the item has none).
Result<AnalyticsPage> mapAnalytics(QByteArrayView body, const QString &metric, const QString &segmentLabel);

// Sendbird's error body: {"error": true, "code": 400108, "message": "..."}.
struct VendorError
{
    int code = 0;
    QString message;
};
std::optional<VendorError> vendorError(QByteArrayView body);

// Whether a failed call was Sendbird throttling us: HTTP 429 or error code 500910.
bool isThrottled(const Error &error);
// HttpClient's error in Sendbird's words, with the code that fits what Sendbird said (a rejected API token is
// Auth whatever the HTTP status, error 500910 is RateLimited).
Error explain(Error error);

// Our own calls to Sendbird on one UTC day, kept in the fetch cursor between runs.
struct ApiUsage
{
    QDate day;
    qint64 requests = 0;
    qint64 throttled = 0;
};
// The tally in `cursor` when it is `today`'s, else a fresh one for `today`.
ApiUsage usageFromCursor(const QJsonObject &cursor, QDate today);
void usageToCursor(const ApiUsage &usage, QJsonObject &cursor);
SampleBatch usageSamples(const ApiUsage &usage);

QDate utcDay(qint64 ms);
qint64 dayStartMs(QDate day);

} // namespace stackscope::connectors::sendbird
