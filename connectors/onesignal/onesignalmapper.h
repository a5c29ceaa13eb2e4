#pragma once

#include "model/sample.h"
#include "util/result.h"

#include <QMap>
#include <QStringList>
#include <QUrl>

#include <map>
#include <optional>
#include <tuple>

// Pure functions for the OneSignal connector: settings, the message list's pages and their aggregation into
// samples. No network, no event loop; every input is untrusted and a bad one gives an Error, never a crash.
namespace stackscope::connectors::onesignal {

inline constexpr char kBaseUrl[] = "https://api.onesignal.com";
inline constexpr int kPageSize = 50;             // GET /notifications: limit, at most 50
inline constexpr int kMaxBackfillDays = 30;      // API-sent messages are kept 30 days by OneSignal
inline constexpr int kDefaultRefreshHours = 48;  // messages this young are read again at every poll
inline constexpr int kMaxRefreshHours = 720;
inline constexpr qint64 kHourMs = 3'600'000;

// Metric names (docs/connectors/onesignal.md). Per hour of queued_at and campaign:
inline constexpr char kMessages[] = "onesignal.messages";
inline constexpr char kSent[] = "onesignal.sent";
inline constexpr char kFailed[] = "onesignal.failed";
inline constexpr char kErrored[] = "onesignal.errored";
inline constexpr char kReceived[] = "onesignal.received";
inline constexpr char kClicks[] = "onesignal.clicks";
inline constexpr char kOutcomeClicks[] = "onesignal.outcome_clicks";
inline constexpr char kDeliveryRate[] = "onesignal.delivery_rate";
inline constexpr char kClickRate[] = "onesignal.click_rate";
// … and platform:
inline constexpr char kPlatformSent[] = "onesignal.platform.sent";
inline constexpr char kPlatformFailed[] = "onesignal.platform.failed";
inline constexpr char kPlatformErrored[] = "onesignal.platform.errored";
inline constexpr char kPlatformReceived[] = "onesignal.platform.received";
inline constexpr char kPlatformClicks[] = "onesignal.platform.clicks";
// Email messages only:
inline constexpr char kEmailOpens[] = "onesignal.email.opens";
inline constexpr char kEmailUniqueOpens[] = "onesignal.email.unique_opens";
inline constexpr char kEmailClicks[] = "onesignal.email.clicks";
inline constexpr char kEmailUniqueClicks[] = "onesignal.email.unique_clicks";
inline constexpr char kEmailUnsubscribes[] = "onesignal.email.unsubscribes";
inline constexpr char kEmailBounces[] = "onesignal.email.bounces";
inline constexpr char kEmailSpamReports[] = "onesignal.email.spam_reports";
inline constexpr char kEmailOpenRate[] = "onesignal.email.open_rate";
inline constexpr char kEmailClickRate[] = "onesignal.email.click_rate";
inline constexpr char kEmailUnsubscribeRate[] = "onesignal.email.unsubscribe_rate";
// Per message (label message_id, besides campaign):
inline constexpr char kMessageSent[] = "onesignal.message.sent";
inline constexpr char kMessageFailed[] = "onesignal.message.failed";
inline constexpr char kMessageErrored[] = "onesignal.message.errored";
inline constexpr char kMessageReceived[] = "onesignal.message.received";
inline constexpr char kMessageClicks[] = "onesignal.message.clicks";
inline constexpr char kMessageEmailOpens[] = "onesignal.message.email_opens";
inline constexpr char kMessageEmailClicks[] = "onesignal.message.email_clicks";
inline constexpr char kMessageEmailUnsubscribes[] = "onesignal.message.email_unsubscribes";

enum class AuthScheme { Key, Basic };

struct Settings
{
    QString appId;
    QUrl baseUrl;
    AuthScheme scheme = AuthScheme::Key;
    std::optional<int> kind;       // 0 dashboard, 1 API, 3 automated; unset: all
    int refreshHours = kDefaultRefreshHours;
    bool perMessage = true;        // also one series per message (label message_id)
};

// `settings`: app_id, auth_scheme (key | basic), kind (all | dashboard | api | automated), refresh_hours,
// per_message (on | off). `baseUrlOverride`: the service's own base URL (empty: api.onesignal.com).
Result<Settings> parseSettings(const QMap<QString, QString> &settings, const QUrl &baseUrlOverride);

// OneSignal's DeliveryData, and the email extras of platform_delivery_stats.email.
struct Delivery
{
    double successful = 0;
    double failed = 0;
    double errored = 0;
    double converted = 0;
    double received = 0;
};
struct EmailStats
{
    double successful = 0;
    double opened = 0;
    double uniqueOpens = 0;
    double clicks = 0;
    double uniqueClicks = 0;
    double unsubscribed = 0;
    double bounced = 0;
    double reportedSpam = 0;
};

// One message (NotificationWithMeta), as far as monitoring goes.
struct Message
{
    QString id;
    QString campaign;              // name, else template_id, else "unnamed"
    qint64 queuedAtMs = 0;
    qint64 sendAfterMs = 0;        // 0 when not given
    qint64 remaining = 0;
    bool canceled = false;
    Delivery totals;
    std::map<QString, Delivery> platforms; // platform_delivery_stats keys: ios, android, chrome_web_push, …
    std::optional<EmailStats> email;
    std::optional<double> outcomeClicks;   // outcomes[] entry os__click with aggregation count
};

struct Page
{
    QList<Message> messages;       // in the order of the answer (queued_at descending)
    qsizetype entries = 0;         // entries in the answer, skipped ones included
    qsizetype skipped = 0;         // entries without an id or queued_at
    std::optional<qint64> totalCount;
};

// GET /notifications answer.
Result<Page> parsePage(QByteArrayView body);

// OneSignal's own words from an error body: {"errors": ["…"]} or {"errors": {"…": …}}; empty when none.
QString errorMessage(QByteArrayView body);

qint64 hourStartMs(qint64 ms);

// Sums of messages per (hour of queued_at, campaign), per platform, and per message.
class Tally
{
public:
    void add(const Message &message, bool perMessage);
    // Samples of the hours at or after `fromHourMs` (all hours when 0): every hour in it is whole.
    SampleBatch samples(qint64 fromHourMs = 0) const;
    bool isEmpty() const { return m_buckets.empty(); }

private:
    struct Bucket
    {
        double messages = 0;
        Delivery totals;
        std::map<QString, Delivery> platforms;
        std::optional<EmailStats> email;
        std::optional<double> outcomeClicks;
    };
    std::map<std::pair<qint64, QString>, Bucket> m_buckets;     // (hour, campaign)
    std::map<std::tuple<qint64, QString, QString>, Message> m_messages; // (hour, campaign, id)
};

} // namespace stackscope::connectors::onesignal
