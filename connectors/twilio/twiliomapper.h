#pragma once

// Pure functions from Twilio's 2010-04-01 REST answers to samples: no network, no event loop. Field names and
// shapes follow twilio/twilio-oai spec/json/twilio_api_v2010.json (see docs/connectors/twilio.md).

#include "model/sample.h"
#include "util/result.h"

#include <QByteArray>
#include <QDate>
#include <QJsonArray>
#include <QLatin1String>
#include <QList>
#include <QPair>
#include <QString>

#include <map>
#include <optional>

namespace stackscope::connectors::twilio {

// The metric catalogue's names. Every sample is one whole UTC day: ts = that day's 00:00:00Z.
inline constexpr QLatin1String kSmsMessages{"twilio.sms.messages"};         // {status, direction, type}
inline constexpr QLatin1String kSmsSent{"twilio.sms.sent"};                 // {country}, outbound
inline constexpr QLatin1String kSmsDelivered{"twilio.sms.delivered"};       // {country}, outbound
inline constexpr QLatin1String kSmsFailed{"twilio.sms.failed"};             // {country}, outbound
inline constexpr QLatin1String kSmsSegments{"twilio.sms.segments"};         // {direction}
inline constexpr QLatin1String kSmsErrors{"twilio.sms.errors"};             // {error_code, direction, type}
inline constexpr QLatin1String kSmsDeliveryRate{"twilio.sms.delivery_rate"}; // percent, outbound
inline constexpr QLatin1String kSmsErrorRate{"twilio.sms.error_rate"};       // {error_code}, percent, outbound
inline constexpr QLatin1String kCalls{"twilio.calls.count"};                // {status, direction}
inline constexpr QLatin1String kCallMinutes{"twilio.calls.minutes"};        // {direction}
inline constexpr QLatin1String kCallSuccessRate{"twilio.calls.success_rate"}; // {direction}, percent
inline constexpr QLatin1String kUsageCost{"twilio.usage.cost"};             // {category, currency}
inline constexpr QLatin1String kUsageCount{"twilio.usage.count"};           // {category, unit}
inline constexpr QLatin1String kUsageAmount{"twilio.usage.usage"};          // {category, unit}

// Every value of Message.status and Call.status the spec lists: a day's breakdown always carries all of them
// (zero where none), so a message that moved from "sent" to "delivered" since the last read takes its count
// out of "sent" as well.
QStringList messageStatuses();
QStringList callStatuses();

// UTC calendar days, the granularity of Twilio's date filters.
QDate utcDay(qint64 ms);
qint64 dayStartMs(QDate day);
QString dayText(QDate day);          // "2026-03-01"
QDate parseDay(const QString &text); // invalid when not YYYY-MM-DD

// "Sun, 01 Mar 2026 10:00:01 +0000" (RFC 2822, as Twilio writes every date-time) -> Unix ms. The weekday is
// not checked.
std::optional<qint64> parseRfc2822(const QString &text);

// The destination's country from an E.164 number ("+447700900123" -> "GB"), by the longest matching calling
// code in a small table of common ones. +1 is "NANP" (US, Canada and the Caribbean share it). A channel prefix
// ("whatsapp:+44…") is ignored. Short codes, alphanumeric senders and codes not in the table -> "unknown".
QString countryOf(const QString &address);

// "sms", "mms" (media attached) or the channel of a prefixed address ("whatsapp:+1…" -> "whatsapp").
QString messageType(const QString &to, const QString &from, int numMedia);

// Counts of one UTC day, built up page by page. It survives a fetch that stops part-way through a day inside
// the cursor (toJson/fromJson), so a day's samples are only ever written once all its pages were read.
class DayTally
{
public:
    void add(const QString &metric, const Labels &labels, double value);
    double value(const QString &metric, const Labels &labels) const; // 0 when absent
    QList<QPair<Labels, double>> series(const QString &metric) const;
    bool isEmpty() const { return m_entries.empty(); }
    void clear() { m_entries.clear(); }

    QJsonArray toJson() const;
    static Result<DayTally> fromJson(const QJsonArray &json);

    friend bool operator==(const DayTally &a, const DayTally &b);

private:
    struct Entry
    {
        QString metric;
        Labels labels;
        double value = 0;
        friend bool operator==(const Entry &, const Entry &) = default;
    };
    std::map<QString, Entry> m_entries; // key: metric and labels in one canonical string
};

// What one page of a 2010-04-01 list said besides its resources.
struct PageSummary
{
    int items = 0;       // resources on the page
    int counted = 0;     // of which belonged to the day (or range) asked for
    QString nextPageUri; // relative ("/2010-04-01/Accounts/…"); empty on the last page
};

// One page of Messages.json: every message whose date_sent falls on `day` is added to `tally` (others, and
// messages not sent yet, are left out; their own day counts them).
Result<PageSummary> tallyMessagesPage(const QByteArray &body, QDate day, DayTally &tally);
// The day's message samples, once every page was read: counts, zero-filled breakdowns and the rates.
SampleBatch messageSamples(const DayTally &tally, QDate day);

// One page of Calls.json: every call whose start_time falls on `day` is added to `tally`.
Result<PageSummary> tallyCallsPage(const QByteArray &body, QDate day, DayTally &tally);
SampleBatch callSamples(const DayTally &tally, QDate day);

// One page of Usage/Records/Daily.json: a sample per category and day in [from, to] with non-zero usage.
// Each record is a whole day's figure, so a page maps on its own.
Result<PageSummary> usageRecordsPage(const QByteArray &body, QDate from, QDate to, SampleBatch &samples);

// GET /2010-04-01/Accounts/{Sid}.json. The answer also holds the account's auth_token, which is never read.
struct AccountInfo
{
    QString sid;
    QString friendlyName;
    QString status; // active, suspended, closed
    QString type;   // Trial, Full
};
Result<AccountInfo> parseAccount(const QByteArray &body);

// Twilio's error body: {"code": 20003, "message": "Authenticate", "more_info": "https://…", "status": 401}.
struct TwilioError
{
    int code = 0;
    QString message;
    QString moreInfo;
    int status = 0;
};
std::optional<TwilioError> parseTwilioError(const QByteArray &body);

} // namespace stackscope::connectors::twilio
