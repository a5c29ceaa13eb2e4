#pragma once

#include "model/sample.h"
#include "net/httpmessage.h"
#include "util/result.h"

#include <QDate>
#include <QMap>
#include <QStringList>
#include <QUrl>

#include <optional>

// Pure functions for the SendGrid connector: settings, request planning and response bodies to samples. No
// network, no event loop; every input is untrusted and a bad one gives an Error, never a crash.
namespace stackscope::connectors::sendgrid {

inline constexpr char kGlobalBaseUrl[] = "https://api.sendgrid.com";
inline constexpr char kEuBaseUrl[] = "https://api.eu.sendgrid.com";
inline constexpr int kMaxCategories = 10;     // /v3/categories/stats takes up to 10 `categories`
inline constexpr int kMaxDaysPerRequest = 31; // one request covers at most this many days (see docs)
inline constexpr int kSettleDays = 2;         // every poll re-reads today and the two days before

// The fields of SendGrid's stats "metrics" object, in catalogue order.
const QStringList &statFields();
// "delivered" -> "sendgrid.delivered".
QString metricName(const QString &field);

struct Settings
{
    QUrl baseUrl;        // from the region, or the service's base-URL override
    QString onBehalfOf;  // subuser, sent as the `on-behalf-of` header; empty: the key's own account
    QStringList categories;
};

// `settings` are the service's (region, on_behalf_of, categories); `baseUrlOverride` is the service's own base
// URL (empty: take the region's).
Result<Settings> parseSettings(const QMap<QString, QString> &settings, const QUrl &baseUrlOverride);

// "a, b,,c" -> {"a", "b", "c"}: trimmed, empty and repeated names dropped; more than kMaxCategories is an error.
Result<QStringList> parseCategories(const QString &text);

enum class StatsScope { Global, Category };

// GET /v3/stats or /v3/categories/stats answer -> one sample per (day, metric[, category]). The day's
// samples carry the day's 00:00 UTC as timestamp; category samples get the label "category".
Result<SampleBatch> mapStats(QByteArrayView body, StatsScope scope);

// GET /v3/scopes answer -> the key's scopes.
Result<QStringList> mapScopes(QByteArrayView body);

// SendGrid's own words from an error body: errors[0].message (empty when the body has none).
QString errorMessage(QByteArrayView body);

struct RateLimit
{
    qint64 remaining = 0;
    qint64 resetMs = 0; // when the window resets (X-RateLimit-Reset is Unix seconds); 0 when not given
};
// X-RateLimit-Remaining / X-RateLimit-Reset; nullopt when the response has no usable Remaining header.
std::optional<RateLimit> rateLimitFrom(const net::HttpResponse &response);

struct DayRange
{
    QDate first;
    QDate last; // inclusive
    friend bool operator==(const DayRange &, const DayRange &) = default;
};
// [first, last] cut into consecutive ranges of at most `maxDays` days, oldest first.
QList<DayRange> dayChunks(QDate first, QDate last, int maxDays = kMaxDaysPerRequest);

QDate utcDay(qint64 ms);
qint64 dayStartMs(QDate day);

} // namespace stackscope::connectors::sendgrid
