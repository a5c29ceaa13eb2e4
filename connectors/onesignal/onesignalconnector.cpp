#include "onesignalconnector.h"

#include "onesignalmapper.h"

#include "net/httpclient.h"
#include "secrets/securebytes.h"
#include "util/clock.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QMetaObject>
#include <QSet>
#include <QTimeZone>
#include <QTimer>
#include <QUrlQuery>

#include <algorithm>

namespace stackscope::connectors::onesignal {

Q_LOGGING_CATEGORY(lcOneSignal, "stackscope.connector.onesignal", QtInfoMsg)

using connector::ConnectorInfo;
using connector::FetchResult;
using connector::FetchSession;
using connector::FetchWindow;
using connector::FieldSpec;
using connector::MetricSpec;

namespace {

const QString kApiKey = QStringLiteral("rest_api_key");
constexpr int kCursorVersion = 1;
constexpr qint64 kDayMs = 86'400'000;
// A fetch that reads this many pages and still cannot finish one hour gives up with a plain message.
constexpr int kNoProgressPages = 20;

QString timeText(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc()).toString(Qt::ISODate);
}

bool isHeaderSafe(QByteArrayView bytes)
{
    return !bytes.isEmpty() && std::all_of(bytes.begin(), bytes.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u > 0x20 && u < 0x7f;
    });
}

Error missingKey()
{
    return Error::make(Error::Code::Auth, QStringLiteral("The OneSignal App API key is not set."),
                       QStringLiteral("onesignal: rest_api_key credential missing"));
}

// GET /notifications?app_id=…&limit=…&offset=…[&kind=…] with "Authorization: Key <key>" (App API keys) or
// "Basic <key>" (legacy REST API keys), built from the SecureBytes at the call.
Result<net::HttpRequest> makeRequest(const Settings &settings, const secrets::SecureBytes *key, int limit,
                                     qint64 offset, std::chrono::milliseconds timeout, int maxRetries)
{
    if (!key || key->isEmpty())
        return missingKey();
    if (!isHeaderSafe(key->view()))
        return Error::make(Error::Code::Config,
                           QStringLiteral("The OneSignal API key contains spaces or control characters; paste it "
                                          "again exactly as OneSignal showed it."));
    QUrl url = settings.baseUrl;
    QString basePath = url.path();
    while (basePath.endsWith(QLatin1Char('/')))
        basePath.chop(1);
    url.setPath(basePath + QStringLiteral("/notifications"));
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("app_id"), settings.appId);
    query.addQueryItem(QStringLiteral("limit"), QString::number(limit));
    query.addQueryItem(QStringLiteral("offset"), QString::number(offset));
    if (settings.kind)
        query.addQueryItem(QStringLiteral("kind"), QString::number(*settings.kind));
    url.setQuery(query);

    net::HttpRequest request;
    request.url = url;
    request.timeout = timeout;
    request.maxRetries = maxRetries;
    const QByteArray prefix = settings.scheme == AuthScheme::Key ? QByteArrayLiteral("Key ") : QByteArrayLiteral("Basic ");
    request.headers.append({QByteArrayLiteral("Authorization"), prefix + key->view().toByteArray()});
    request.headers.append({QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json")});
    request.secrets << QString::fromUtf8(key->view());
    return request;
}

// Every failure names OneSignal and, where it said something, its own words.
Error describe(Error error, AuthScheme scheme)
{
    QString vendor = errorMessage(error.vendorBody);
    while (vendor.endsWith(QLatin1Char('.')))
        vendor.chop(1);
    const QString said = vendor.isEmpty() ? QString() : QStringLiteral(": ") + vendor;
    switch (error.code) {
    case Error::Code::Auth:
        error.userMessage =
            QStringLiteral("OneSignal rejected the API key%1 (HTTP %2). Check the App ID and the App API key "
                           "(Dashboard → Settings → Keys & IDs).%3")
                .arg(said)
                .arg(error.httpStatus ? error.httpStatus : 403)
                .arg(scheme == AuthScheme::Key
                         ? QStringLiteral(" A legacy REST API key needs the setting auth_scheme=basic.")
                         : QStringLiteral(" A current App API key needs auth_scheme=key (the default)."));
        break;
    case Error::Code::RateLimited:
        // View requests are limited to 1 per second per app, over a 10-second look-back.
        if (!error.retryAfter)
            error.retryAfter = std::chrono::milliseconds(10'000);
        error.userMessage = QStringLiteral("OneSignal is limiting requests%1; trying again in %2 s.")
                                .arg(said.isEmpty() ? QStringLiteral(" (HTTP 429)") : said)
                                .arg((error.retryAfter->count() + 999) / 1000);
        break;
    case Error::Code::Config:
        if (error.httpStatus > 0) {
            error.userMessage = QStringLiteral("OneSignal refused the request (HTTP %1)%2.")
                                    .arg(QString::number(error.httpStatus), said);
            break;
        }
        [[fallthrough]];
    default: {
        static const QString generic = QStringLiteral("The service ");
        if (error.userMessage.startsWith(generic))
            error.userMessage = QStringLiteral("OneSignal ") + error.userMessage.mid(generic.size());
        else if (!error.userMessage.startsWith(QLatin1String("OneSignal")))
            error.userMessage = QStringLiteral("OneSignal: ") + error.userMessage;
        break;
    }
    }
    return error;
}

qint64 cursorNumber(const QJsonObject &cursor, const QString &key)
{
    const QJsonValue value = cursor.value(key);
    return value.isDouble() ? qint64(value.toDouble()) : 0;
}

} // namespace

// ---- One fetch --------------------------------------------------------------------------------------------

struct OneSignalConnector::Run
{
    FetchSession &session;
    FetchDone done;
    Settings settings;
    std::chrono::milliseconds timeout{0};
    std::chrono::milliseconds spacing{0};
    int maxRetries = 2;
    int maxPages = 0;

    qint64 nowMs = 0;
    qint64 startedMs = 0;
    qint64 rangeStartMs = 0;     // messages queued at or after this hour start are read
    qint64 offset = 0;           // next page's offset
    qint64 skipFromMs = 0;       // resumed: messages queued at or after this were handed in by an earlier run
    qint64 pendingSinceMs = 0;   // earliest queued_at of a message whose numbers still change (0: none)
    qint64 frontierHourMs = 0;   // the oldest hour seen so far: hours after it are whole
    qint64 frontierOffset = 0;   // offset of the first message seen of that hour
    bool pagingDone = false;
    int pages = 0;
    qsizetype skippedEntries = 0;
    QSet<QString> seen;
    Tally tally;
    QElapsedTimer sinceLastRequest;
    bool finished = false;

    Run(FetchSession &s, FetchDone d) : session(s), done(std::move(d)) {}

    // Still sending, scheduled, or sent within refresh_hours: its numbers still change.
    bool unsettled(const Message &message) const
    {
        if (message.canceled)
            return false;
        const qint64 sent = std::max(message.sendAfterMs, message.queuedAtMs);
        return message.remaining > 0 || sent > nowMs - qint64(settings.refreshHours) * kHourMs;
    }

    void take(const Page &page)
    {
        skippedEntries += page.skipped;
        for (qsizetype i = 0; i < page.messages.size(); ++i) {
            const Message &message = page.messages.at(i);
            if (seen.contains(message.id))
                continue; // a page boundary moved while paging (new messages push the list down)
            seen.insert(message.id);
            if (skipFromMs > 0 && message.queuedAtMs >= skipFromMs)
                continue;
            if (message.queuedAtMs < rangeStartMs) {
                pagingDone = true; // newest first: everything after this is older still
                return;
            }
            const qint64 hour = hourStartMs(message.queuedAtMs);
            if (frontierHourMs == 0 || hour < frontierHourMs) {
                frontierHourMs = hour;
                frontierOffset = offset + i;
            }
            tally.add(message, settings.perMessage);
            if (unsettled(message))
                pendingSinceMs = pendingSinceMs == 0 ? message.queuedAtMs : std::min(pendingSinceMs, message.queuedAtMs);
        }
        // The end of the list: an empty page, or total_count reached; without a total_count, a short page.
        const qsizetype entries = page.entries;
        if (entries == 0 || (page.totalCount ? offset + entries >= *page.totalCount : entries < kPageSize))
            pagingDone = true;
        offset += entries;
    }

    QJsonObject baseCursor() const
    {
        return QJsonObject{{QStringLiteral("v"), kCursorVersion}, {QStringLiteral("app"), settings.appId}};
    }

    void finish(Result<FetchResult> outcome)
    {
        if (finished)
            return;
        finished = true;
        auto shared = std::make_shared<Result<FetchResult>>(std::move(outcome));
        QMetaObject::invokeMethod(
            &session.http(), [callback = std::move(done), shared]() mutable { callback(std::move(*shared)); },
            Qt::QueuedConnection);
    }

    void complete()
    {
        if (skippedEntries > 0)
            qCWarning(lcOneSignal) << skippedEntries << "entries of the message list had no id or queued_at and were left out";
        FetchResult result;
        result.samples = tally.samples();
        if (pendingSinceMs > 0) {
            // The next fetch reads back to here again, so the numbers of messages still changing get updated.
            QJsonObject cursor = baseCursor();
            cursor.insert(QStringLiteral("pending_since"), double(pendingSinceMs));
            result.cursor = cursor;
        }
        result.complete = true;
        qCInfo(lcOneSignal) << "read" << seen.size() << "messages in" << pages << "requests";
        finish(std::move(result));
    }

    // Out of budget or time: hand in the hours read whole, and where to go on.
    void pause()
    {
        const qint64 resumedFrontier = skipFromMs;
        QJsonObject cursor = baseCursor();
        cursor.insert(QStringLiteral("range_start"), double(rangeStartMs));
        if (pendingSinceMs > 0)
            cursor.insert(QStringLiteral("pending_since"), double(pendingSinceMs));
        FetchResult result;
        if (frontierHourMs > 0) {
            const qint64 wholeFrom = frontierHourMs + kHourMs;
            if (resumedFrontier > 0 && wholeFrom >= resumedFrontier && pages >= kNoProgressPages) {
                finish(Error::make(Error::Code::Quota,
                                   QStringLiteral("OneSignal's message list holds more messages in the hour from %1 "
                                                  "UTC than one fetch can page through at 1 request per second. Set "
                                                  "\"kind\" to read fewer kinds of messages, or count them from "
                                                  "Event Streams (webhooks) instead.")
                                       .arg(timeText(frontierHourMs)),
                                   QStringLiteral("onesignal: no hour completed in %1 pages").arg(pages)));
                return;
            }
            result.samples = tally.samples(wholeFrom);
            cursor.insert(QStringLiteral("offset"), double(frontierOffset));
            cursor.insert(QStringLiteral("skip_from"), double(wholeFrom));
        } else {
            cursor.insert(QStringLiteral("offset"), double(offset));
            if (skipFromMs > 0)
                cursor.insert(QStringLiteral("skip_from"), double(skipFromMs));
        }
        qCInfo(lcOneSignal).noquote() << QStringLiteral("pausing after %1 requests at offset %2; going on later")
                                             .arg(pages)
                                             .arg(cursor.value(QStringLiteral("offset")).toInteger());
        result.cursor = cursor;
        result.complete = false;
        finish(std::move(result));
    }
};

OneSignalConnector::OneSignalConnector() : m_info(makeInfo())
{
}

OneSignalConnector::~OneSignalConnector() = default;

const ConnectorInfo &OneSignalConnector::info() const
{
    return m_info;
}

ConnectorInfo OneSignalConnector::makeInfo()
{
    ConnectorInfo info;
    info.typeId = QStringLiteral("onesignal");
    info.displayName = QStringLiteral("OneSignal");
    info.defaultBaseUrl = QString::fromLatin1(kBaseUrl);
    info.credentials = {
        FieldSpec{kApiKey, QStringLiteral("App API key"),
                  QStringLiteral("OneSignal dashboard → Settings → Keys & IDs → App API keys: create a key for "
                                 "Stackscope (shown once). It is sent as \"Authorization: Key …\"; a legacy REST API "
                                 "key needs the setting auth_scheme=basic."),
                  true, true, {}},
    };
    info.settings = {
        FieldSpec{QStringLiteral("app_id"), QStringLiteral("App ID"),
                  QStringLiteral("OneSignal dashboard → Settings → Keys & IDs: the App ID (a UUID). Not secret."),
                  false, true, {}},
        FieldSpec{QStringLiteral("auth_scheme"), QStringLiteral("Authorization scheme"),
                  QStringLiteral("\"key\" for App API keys (default), \"basic\" for legacy REST API keys."), false,
                  false, QStringLiteral("key")},
        FieldSpec{QStringLiteral("kind"), QStringLiteral("Messages to read"),
                  QStringLiteral("all (default), dashboard, api or automated."), false, false, QStringLiteral("all")},
        FieldSpec{QStringLiteral("refresh_hours"), QStringLiteral("Hours to read again"),
                  QStringLiteral("Messages younger than this are read again at every poll, since their opens and "
                                 "clicks keep growing (1 to 720, default 48)."),
                  false, false, QString::number(kDefaultRefreshHours)},
        FieldSpec{QStringLiteral("per_message"), QStringLiteral("Per-message series"),
                  QStringLiteral("on (default) or off: also keep one series per message (label message_id)."), false,
                  false, QStringLiteral("on")},
    };
    const QString endpoint = QStringLiteral("GET /notifications?app_id=&limit=&offset=");
    const QString n = QStringLiteral("notifications"), pct = QStringLiteral("percent"), emails = QStringLiteral("emails");
    const QStringList c{QStringLiteral("campaign")};
    const QStringList cp{QStringLiteral("campaign"), QStringLiteral("platform")};
    const QStringList cm{QStringLiteral("campaign"), QStringLiteral("message_id")};
    using K = MetricKind;
    auto spec = [&](const char *name, const QString &unit, K kind, const QStringList &dims, const char *text) {
        return MetricSpec{QString::fromLatin1(name), unit, kind, dims,
                          QString::fromUtf8(text) + QStringLiteral(" Per UTC hour the message was queued in."),
                          endpoint};
    };
    info.metrics = {
        spec(kMessages, QStringLiteral("messages"), K::Counter, c, "Messages created (push, email and SMS)."),
        spec(kSent, n, K::Counter, c, "Sent: handed to APNs/FCM/the email or SMS provider (\"successful\")."),
        spec(kFailed, n, K::Counter, c, "Not sent because the subscription is unsubscribed (\"failed\")."),
        spec(kErrored, n, K::Counter, c, "Not sent because of an error (\"errored\"; reasons only in the dashboard)."),
        spec(kReceived, n, K::Counter, c, "Confirmed deliveries (\"received\"; paid plans, 0 on free)."),
        spec(kClicks, n, K::Counter, c, "Clicks/taps on push notifications (\"converted\")."),
        spec(kOutcomeClicks, n, K::Counter, c, "Clicks by the os__click outcome (count), where OneSignal reports it."),
        spec(kDeliveryRate, pct, K::Gauge, c, "sent / (sent + failed + errored)."),
        spec(kClickRate, pct, K::Gauge, c, "clicks / sent."),
        spec(kPlatformSent, n, K::Counter, cp, "Sent, by platform (ios, android, chrome_web_push, email, sms, …)."),
        spec(kPlatformFailed, n, K::Counter, cp, "Failed (unsubscribed), by platform."),
        spec(kPlatformErrored, n, K::Counter, cp, "Errored (delivery errors), by platform."),
        spec(kPlatformReceived, n, K::Counter, cp, "Confirmed deliveries, by platform."),
        spec(kPlatformClicks, n, K::Counter, cp, "Clicks, by platform."),
        spec(kEmailOpens, emails, K::Counter, c, "Email opens (\"opened\")."),
        spec(kEmailUniqueOpens, emails, K::Counter, c, "Recipients who opened an email (\"unique_opens\")."),
        spec(kEmailClicks, emails, K::Counter, c, "Email link clicks (\"clicks\")."),
        spec(kEmailUniqueClicks, emails, K::Counter, c, "Recipients who clicked a link (\"unique_clicks\")."),
        spec(kEmailUnsubscribes, emails, K::Counter, c, "Recipients who unsubscribed (\"unsubscribed\")."),
        spec(kEmailBounces, emails, K::Counter, c, "Bounced emails (\"bounced\")."),
        spec(kEmailSpamReports, emails, K::Counter, c, "Spam reports (\"reported_spam\")."),
        spec(kEmailOpenRate, pct, K::Gauge, c, "Email unique_opens / sent."),
        spec(kEmailClickRate, pct, K::Gauge, c, "Email unique_clicks / sent."),
        spec(kEmailUnsubscribeRate, pct, K::Gauge, c, "Email unsubscribed / sent."),
        spec(kMessageSent, n, K::Counter, cm, "One message's sent count."),
        spec(kMessageFailed, n, K::Counter, cm, "One message's failed count."),
        spec(kMessageErrored, n, K::Counter, cm, "One message's errored count."),
        spec(kMessageReceived, n, K::Counter, cm, "One message's confirmed deliveries."),
        spec(kMessageClicks, n, K::Counter, cm, "One message's clicks (\"converted\")."),
        spec(kMessageEmailOpens, emails, K::Counter, cm, "One email message's unique opens."),
        spec(kMessageEmailClicks, emails, K::Counter, cm, "One email message's unique clicks."),
        spec(kMessageEmailUnsubscribes, emails, K::Counter, cm, "One email message's unsubscribes."),
    };
    info.defaultInterval = std::chrono::hours(1);
    info.minInterval = std::chrono::minutes(5);
    info.maxBackfillDays = kMaxBackfillDays;
    // View messages: 1 request per second per app (10-second look-back). Sixty a minute, one at a time, and the
    // fetch itself spaces its requests kRequestSpacing apart.
    info.budget = connector::RequestBudget{60, std::chrono::seconds(60), 1};
    return info;
}

void OneSignalConnector::testConnection(FetchSession &session, TestDone done)
{
    auto refuse = [&session, &done](Error error) {
        QMetaObject::invokeMethod(
            &session.http(), [done, error]() { done(error); }, Qt::QueuedConnection);
    };
    auto settings = parseSettings(session.service().settings, session.service().baseUrl);
    if (!settings) {
        refuse(settings.error());
        return;
    }
    auto request = makeRequest(settings.value(), session.credential(kApiKey), 1, 0, m_timeout, m_maxRetries);
    if (!request) {
        refuse(request.error());
        return;
    }
    const Settings resolved = settings.value();
    session.http().send(std::move(request).value(), nullptr, [done, resolved](Result<net::HttpResponse> response) {
        if (!response) {
            done(describe(response.error(), resolved.scheme));
            return;
        }
        auto page = parsePage(response->body);
        if (!page) {
            done(page.error());
            return;
        }
        qCInfo(lcOneSignal) << "connection test passed for app" << resolved.appId << "-"
                            << page->totalCount.value_or(qint64(page->messages.size())) << "messages listed";
        done(Status());
    });
}

void OneSignalConnector::fetch(FetchSession &session, const FetchWindow &window, FetchDone done)
{
    auto run = std::make_shared<Run>(session, std::move(done));
    run->timeout = m_timeout;
    run->spacing = m_spacing;
    run->maxRetries = m_maxRetries;
    run->maxPages = std::max(1, m_maxPages);
    run->nowMs = session.clock().nowMs();
    run->startedMs = run->nowMs;
    auto settings = parseSettings(session.service().settings, session.service().baseUrl);
    if (!settings) {
        run->finish(settings.error());
        return;
    }
    run->settings = std::move(settings).value();
    if (!session.credential(kApiKey) || session.credential(kApiKey)->isEmpty()) {
        run->finish(missingKey());
        return;
    }

    // OneSignal keeps API-sent messages 30 days: nothing older is asked for.
    const qint64 oldest = hourStartMs(run->nowMs - qint64(kMaxBackfillDays) * kDayMs);
    const QJsonObject &cursor = window.cursor;
    const bool ours = cursor.value(QStringLiteral("v")).toInt() == kCursorVersion
                      && cursor.value(QStringLiteral("app")).toString() == run->settings.appId;
    const qint64 pendingSince = ours ? cursorNumber(cursor, QStringLiteral("pending_since")) : 0;
    const qint64 savedRange = ours ? cursorNumber(cursor, QStringLiteral("range_start")) : 0;
    if (ours && savedRange > 0 && cursor.contains(QStringLiteral("offset"))) {
        // An interrupted fetch goes on where it stopped, over the same range.
        run->rangeStartMs = std::max(hourStartMs(savedRange), oldest);
        run->offset = std::max<qint64>(0, cursorNumber(cursor, QStringLiteral("offset")));
        run->skipFromMs = std::max<qint64>(0, cursorNumber(cursor, QStringLiteral("skip_from")));
        run->pendingSinceMs = pendingSince;
    } else {
        qint64 reach = std::min(window.fromMs, run->nowMs - qint64(run->settings.refreshHours) * kHourMs);
        if (pendingSince > 0)
            reach = std::min(reach, pendingSince);
        run->rangeStartMs = std::max(hourStartMs(reach), oldest);
    }
    qCInfo(lcOneSignal).noquote() << QStringLiteral("fetching app %1: messages queued since %2, from offset %3")
                                         .arg(run->settings.appId, timeText(run->rangeStartMs))
                                         .arg(run->offset);
    step(run);
}

void OneSignalConnector::step(const std::shared_ptr<Run> &run)
{
    if (run->finished)
        return;
    if (run->pagingDone) {
        run->complete();
        return;
    }
    const bool outOfTime = run->session.clock().nowMs() - run->startedMs
                           > std::chrono::duration_cast<std::chrono::milliseconds>(kMaxFetchDuration).count();
    if (outOfTime || run->pages >= run->maxPages || !run->session.spendRequest()) {
        run->pause();
        return;
    }
    // At most one view request per second per app: the next one waits for its turn.
    const qint64 wait = run->sinceLastRequest.isValid()
                            ? run->spacing.count() - run->sinceLastRequest.elapsed()
                            : 0;
    if (wait > 0) {
        QTimer::singleShot(std::chrono::milliseconds(wait), &run->session.http(), [run] { send(run); });
        return;
    }
    send(run);
}

void OneSignalConnector::send(const std::shared_ptr<Run> &run)
{
    if (run->finished)
        return;
    auto request = makeRequest(run->settings, run->session.credential(kApiKey), kPageSize, run->offset, run->timeout,
                               run->maxRetries);
    if (!request) {
        run->finish(request.error());
        return;
    }
    ++run->pages;
    run->sinceLastRequest.start();
    run->session.http().send(std::move(request).value(), nullptr, [run](Result<net::HttpResponse> response) {
        if (run->finished)
            return;
        run->sinceLastRequest.start(); // spacing counts from the answer: retries inside the client took turns too
        if (!response) {
            run->finish(describe(response.error(), run->settings.scheme));
            return;
        }
        auto page = parsePage(response->body);
        if (!page) {
            Error error = page.error();
            error.detail += QStringLiteral(" (GET /notifications offset %1)").arg(run->offset);
            run->finish(std::move(error));
            return;
        }
        run->take(page.value());
        step(run);
    });
}

} // namespace stackscope::connectors::onesignal
