#include "sendbirdconnector.h"

#include "sendbirdmapper.h"

#include "net/httpclient.h"
#include "secrets/securebytes.h"
#include "util/clock.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QTimeZone>
#include <QTimer>

#include <memory>

namespace stackscope::connectors::sendbird {

Q_LOGGING_CATEGORY(lcSendbird, "stackscope.connector.sendbird", QtInfoMsg)

namespace {

using connector::FetchResult;
using connector::FetchSession;
using Kind = PlannedStep::Kind;

const QString kApiToken = QStringLiteral("api_token");
const QString kCursorNextStep = QStringLiteral("next_step");
const QString kCursorNotBefore = QStringLiteral("not_before_ms");
const QDate kAnalyticsStart(2020, 3, 1); // Sendbird keeps advanced analytics from this day on

// The token as it goes into a header: printable ASCII without spaces (a newline would split the header).
bool isHeaderSafe(QByteArrayView bytes)
{
    for (char c : bytes) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u >= 0x7f)
            return false;
    }
    return !bytes.isEmpty();
}

QString number(int value)
{
    return QString::number(value);
}

// Path and query of one planned step (and analytics page).
QPair<QString, QString> target(const PlannedStep &step, const Settings &settings, const QString &pageToken)
{
    switch (step.kind) {
    case Kind::Dau:
        return {QStringLiteral("/v3/applications/dau"), QStringLiteral("date=") + step.first.toString(Qt::ISODate)};
    case Kind::Mau:
        return {QStringLiteral("/v3/applications/mau"), QStringLiteral("date=") + step.first.toString(Qt::ISODate)};
    case Kind::Messages:
    case Kind::SegmentedMessages:
    case Kind::ActiveChannels:
        break;
    }
    QString query = QStringLiteral("metric_type=")
                    + (step.kind == Kind::ActiveChannels ? QStringLiteral("active_channels") : QStringLiteral("messages"))
                    + QStringLiteral("&time_dimension=daily")
                    + QStringLiteral("&start_year=") + number(step.first.year())
                    + QStringLiteral("&start_month=") + number(step.first.month())
                    + QStringLiteral("&start_day=") + number(step.first.day())
                    + QStringLiteral("&end_year=") + number(step.last.year())
                    + QStringLiteral("&end_month=") + number(step.last.month())
                    + QStringLiteral("&end_day=") + number(step.last.day())
                    + QStringLiteral("&limit=") + number(kAnalyticsPageLimit);
    if (step.kind == Kind::SegmentedMessages)
        query += QStringLiteral("&segments=") + settings.segments;
    if (!pageToken.isEmpty())
        query += QStringLiteral("&token=") + QString::fromLatin1(QUrl::toPercentEncoding(pageToken));
    return {QStringLiteral("/v3/statistics/metric"), query};
}

// One authenticated GET. The Api-Token value is copied from the SecureBytes here and lives only inside the
// request (moved into the client, dropped when the request is done).
Result<net::HttpRequest> makeRequest(FetchSession &session, const Settings &settings, const QString &path,
                                     const QString &query, std::chrono::milliseconds timeout)
{
    const secrets::SecureBytes *token = session.credential(kApiToken);
    if (!token || token->isEmpty())
        return Error::make(Error::Code::Auth, QStringLiteral("The Sendbird API token is not set."));
    if (!isHeaderSafe(token->view()))
        return Error::make(Error::Code::Config,
                           QStringLiteral("The Sendbird API token contains spaces or control characters; paste it "
                                          "again exactly as the Sendbird Dashboard shows it."));
    net::HttpRequest request;
    QUrl url = settings.baseUrl;
    QString basePath = url.path();
    while (basePath.endsWith(QLatin1Char('/')))
        basePath.chop(1);
    url.setPath(basePath + path);
    if (!query.isEmpty())
        url.setQuery(query, QUrl::StrictMode);
    request.url = url;
    request.timeout = timeout;
    // Retries are ours (see FetchRun::onFailure): every attempt is counted, and every 429 is seen.
    request.maxRetries = 0;
    request.headers.append({QByteArrayLiteral("Api-Token"), token->view().toByteArray()});
    request.headers.append({QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json")});
    request.secrets.append(QString::fromUtf8(token->view()));
    return request;
}

QString metricOf(Kind kind)
{
    switch (kind) {
    case Kind::Dau: return QString::fromLatin1(kDau);
    case Kind::Mau: return QString::fromLatin1(kMau);
    case Kind::Messages:
    case Kind::SegmentedMessages: return QString::fromLatin1(kMessages);
    case Kind::ActiveChannels: return QString::fromLatin1(kActiveChannels);
    }
    return {};
}

std::chrono::milliseconds scaled(std::chrono::milliseconds wait, double factor)
{
    return std::chrono::milliseconds(qint64(double(wait.count()) * factor));
}

// One fetch in progress. Owned by the callbacks of its requests and retry timers; the session outlives it (the
// scheduler keeps the session alive until `done` has run).
struct FetchRun : std::enable_shared_from_this<FetchRun>
{
    FetchSession *session = nullptr;
    Settings settings;
    QList<PlannedStep> steps;
    qsizetype index = 0;
    QString pageToken;
    int pages = 0;
    int attempt = 0; // retries of the current request so far
    SampleBatch samples;
    ApiUsage usage;
    connector::Connector::FetchDone done;
    std::chrono::milliseconds timeout{0};
    double retryScale = 1.0;

    void step()
    {
        if (index >= steps.size()) {
            finish(true, 0);
            return;
        }
        if (!session->spendRequest()) {
            qCInfo(lcSendbird) << "request budget used up; resuming later at" << steps.at(index).key;
            finish(false, 0);
            return;
        }
        send();
    }

    void send()
    {
        const auto [path, query] = target(steps.at(index), settings, pageToken);
        auto request = makeRequest(*session, settings, path, query, timeout);
        if (!request) {
            fail(request.error());
            return;
        }
        auto self = shared_from_this();
        session->http().send(std::move(request).value(), nullptr,
                             [self](Result<net::HttpResponse> response) { self->onResponse(std::move(response)); });
    }

    void onResponse(Result<net::HttpResponse> response)
    {
        if (!done)
            return;
        ++usage.requests;
        if (!response) {
            onFailure(response.error());
            return;
        }
        attempt = 0;
        const PlannedStep &planned = steps.at(index);
        const QString metric = metricOf(planned.kind);
        if (planned.kind == Kind::Dau || planned.kind == Kind::Mau) {
            auto count = mapCount(response->body, planned.kind == Kind::Dau ? QStringLiteral("dau") : QStringLiteral("mau"));
            if (!count) {
                fail(count.error());
                return;
            }
            samples.append(MetricSample{metric, {}, dayStartMs(planned.first), count.value()});
        } else {
            const QString label = planned.kind == Kind::SegmentedMessages ? settings.segments : QString();
            auto page = mapAnalytics(response->body, metric, label);
            if (!page) {
                fail(page.error());
                return;
            }
            samples.append(page->samples);
            if (!page->next.isEmpty()) {
                if (page->next == pageToken || ++pages >= kMaxPagesPerRequest) {
                    fail(Error::make(Error::Code::Parse,
                                     QStringLiteral("Sendbird kept handing out analytics page tokens for %1 (%2 pages); "
                                                    "stopped reading.").arg(planned.key).arg(pages)));
                    return;
                }
                pageToken = page->next;
                if (!session->spendRequest()) {
                    // The step starts over next time: re-sent samples replace their earlier copies.
                    pageToken.clear();
                    pages = 0;
                    finish(false, 0);
                    return;
                }
                send();
                return;
            }
        }
        ++index;
        pageToken.clear();
        pages = 0;
        step();
    }

    void onFailure(const Error &error)
    {
        const bool throttled = isThrottled(error);
        if (throttled)
            ++usage.throttled;
        const bool transient = !throttled
                               && (error.code == Error::Code::Timeout
                                   || (error.code == Error::Code::Network
                                       && (error.httpStatus == 0 || error.httpStatus >= 500)));
        std::optional<std::chrono::milliseconds> delay;
        if (throttled && (!error.retryAfter || *error.retryAfter <= SendbirdConnector::kMaxInlineWait))
            delay = error.retryAfter ? *error.retryAfter : scaled(SendbirdConnector::kThrottleWait, retryScale);
        else if (transient)
            delay = scaled(std::chrono::milliseconds(500LL << attempt), retryScale);

        if (delay && attempt + 1 < SendbirdConnector::kMaxAttempts) {
            if (!session->spendRequest()) {
                finish(false, 0);
                return;
            }
            ++attempt;
            qCInfo(lcSendbird) << (throttled ? "throttled by Sendbird" : "transient failure") << "on"
                               << steps.at(index).key << "; retrying in" << delay->count() << "ms";
            auto self = shared_from_this();
            QTimer::singleShot(*delay, &session->http(), [self] {
                if (self->done)
                    self->send();
            });
            return;
        }
        if (throttled) {
            // Keep what arrived and the tally; the next fetch waits for Sendbird before it goes on from here.
            const std::chrono::milliseconds wait = error.retryAfter.value_or(SendbirdConnector::kThrottledPause);
            const qint64 notBefore = session->clock().nowMs() + wait.count();
            qCInfo(lcSendbird) << "Sendbird keeps throttling; stopping at" << steps.at(index).key << "until"
                               << QDateTime::fromMSecsSinceEpoch(notBefore, QTimeZone::utc()).toString(Qt::ISODate);
            finish(false, notBefore);
            return;
        }
        fail(explain(error));
    }

    void finish(bool complete, qint64 notBeforeMs)
    {
        FetchResult result;
        result.samples = std::move(samples);
        result.samples.append(usageSamples(usage));
        usageToCursor(usage, result.cursor);
        if (!complete && index < steps.size())
            result.cursor.insert(kCursorNextStep, steps.at(index).key);
        if (notBeforeMs > 0)
            result.cursor.insert(kCursorNotBefore, double(notBeforeMs));
        result.complete = complete;
        deliver(std::move(result));
    }

    void fail(Error error) { deliver(std::move(error)); }

    void deliver(Result<FetchResult> result)
    {
        auto callback = std::move(done);
        done = nullptr;
        if (callback)
            callback(std::move(result));
    }
};

} // namespace

SendbirdConnector::SendbirdConnector() : m_info(makeInfo()) {}

const connector::ConnectorInfo &SendbirdConnector::info() const
{
    return m_info;
}

connector::ConnectorInfo SendbirdConnector::makeInfo()
{
    connector::ConnectorInfo info;
    info.typeId = QStringLiteral("sendbird");
    info.displayName = QStringLiteral("Sendbird");
    info.defaultBaseUrl = QString::fromLatin1(kBaseUrlTemplate);
    info.credentials = {
        {kApiToken, QStringLiteral("API token"),
         QStringLiteral("Sendbird Dashboard → your application → Settings → Application → General → API tokens. "
                        "Prefer a secondary token made only for Stackscope (it can be revoked on its own) over the "
                        "master token."),
         true, true, {}},
    };
    info.settings = {
        {QStringLiteral("app_id"), QStringLiteral("Application ID"),
         QStringLiteral("Sendbird Dashboard → your application → Settings → Application → General → Application "
                        "ID. The API address is https://api-{app_id}.sendbird.com."),
         false, true, {}},
        {QStringLiteral("segments"), QStringLiteral("Split messages by"),
         QStringLiteral("Optional: channel_type, custom_channel_type or custom_message_type, to also count messages "
                        "per segment (one more request per month of the window)."),
         false, false, {}},
    };
    const QString analytics = QStringLiteral("GET /v3/statistics/metric");
    info.metrics = {
        {QString::fromLatin1(kDau), QStringLiteral("users"), MetricKind::Gauge, {},
         QStringLiteral("Daily active users, per UTC day (Sendbird recomputes today's every 30 minutes)."),
         QStringLiteral("GET /v3/applications/dau")},
        {QString::fromLatin1(kMau), QStringLiteral("users"), MetricKind::Gauge, {},
         QStringLiteral("Monthly active users, stamped at the first day of the month (the current month grows)."),
         QStringLiteral("GET /v3/applications/mau")},
        {QString::fromLatin1(kMessages), QStringLiteral("messages"), MetricKind::Counter,
         {QStringLiteral("channel_type"), QStringLiteral("custom_channel_type"), QStringLiteral("custom_message_type")},
         QStringLiteral("Messages sent per UTC day (advanced analytics, recomputed every 3 hours). Without a segment "
                        "label: the whole application; with one: per segment, when the service asks for segments."),
         analytics + QStringLiteral(" metric_type=messages")},
        {QString::fromLatin1(kActiveChannels), QStringLiteral("channels"), MetricKind::Gauge, {},
         QStringLiteral("Channels with at least one message sent that UTC day (advanced analytics)."),
         analytics + QStringLiteral(" metric_type=active_channels")},
        {QString::fromLatin1(kApiRequests), QStringLiteral("requests"), MetricKind::Counter, {},
         QStringLiteral("Requests Stackscope sent to Sendbird's Platform API that UTC day (retries included)."),
         QStringLiteral("observed by Stackscope")},
        {QString::fromLatin1(kApiThrottled), QStringLiteral("requests"), MetricKind::Counter, {},
         QStringLiteral("Of those, the ones Sendbird throttled (HTTP 429 or error 500910) that UTC day."),
         QStringLiteral("observed by Stackscope")},
    };
    info.defaultInterval = std::chrono::minutes(15);
    info.minInterval = std::chrono::minutes(5);
    // DAU costs one request per day; a month of history is ~40 requests.
    info.maxBackfillDays = kMaxWindowDays;
    // Sendbird limits each endpoint per second by plan (GET: 10/s on a free trial, more on paid plans). Five
    // requests a second, one at a time, stays under the smallest plan's limit.
    info.budget = connector::RequestBudget{5, std::chrono::seconds(1), 1};
    return info;
}

Status SendbirdConnector::checkConfiguration(const ServiceConfig &config) const
{
    auto settings = parseSettings(config.settings, config.baseUrl);
    if (!settings)
        return settings.error();
    return {};
}

void SendbirdConnector::testConnection(connector::FetchSession &session, TestDone done)
{
    auto settings = parseSettings(session.service().settings, session.service().baseUrl);
    if (!settings) {
        done(settings.error());
        return;
    }
    auto request = makeRequest(session, settings.value(), QStringLiteral("/v3/applications/dau"), {}, m_timeout);
    if (!request) {
        done(request.error());
        return;
    }
    request->maxRetries = 1;
    session.http().send(std::move(request).value(), nullptr, [done = std::move(done)](Result<net::HttpResponse> response) {
        if (!response) {
            done(explain(response.error()));
            return;
        }
        auto dau = mapCount(response->body, QStringLiteral("dau"));
        if (!dau) {
            done(dau.error());
            return;
        }
        qCInfo(lcSendbird) << "connection test passed; DAU today so far:" << dau.value();
        done(Status());
    });
}

void SendbirdConnector::fetch(connector::FetchSession &session, const connector::FetchWindow &window, FetchDone done)
{
    auto settings = parseSettings(session.service().settings, session.service().baseUrl);
    if (!settings) {
        done(settings.error());
        return;
    }
    const qint64 now = session.clock().nowMs();
    const qint64 notBefore = qint64(window.cursor.value(kCursorNotBefore).toDouble());
    if (notBefore > now) {
        // The previous fetch gave up on Sendbird's throttling. Nothing may be asked before then; the scheduler
        // keeps the cursor and comes back at that time.
        Error error = Error::make(
            Error::Code::RateLimited,
            QStringLiteral("Sendbird throttled this application's API requests; the fetch resumes at %1 UTC.")
                .arg(QDateTime::fromMSecsSinceEpoch(notBefore, QTimeZone::utc()).toString(QStringLiteral("HH:mm:ss"))));
        error.retryAfter = std::chrono::milliseconds(notBefore - now);
        done(std::move(error));
        return;
    }

    // UTC days. Yesterday and today are always read again (today's DAU and analytics still grow); a long gap is
    // not refetched beyond kMaxWindowDays.
    const QDate last = utcDay(std::max(window.toMs, window.fromMs));
    QDate first = std::min(utcDay(window.fromMs), last.addDays(-kSettleDays));
    first = std::max({first, last.addDays(-kMaxWindowDays), kAnalyticsStart});

    auto run = std::make_shared<FetchRun>();
    run->session = &session;
    run->settings = std::move(settings).value();
    run->steps = resumeAt(plan(first, last, !run->settings.segments.isEmpty()),
                          window.cursor.value(kCursorNextStep).toString());
    run->usage = usageFromCursor(window.cursor, utcDay(now));
    run->done = std::move(done);
    run->timeout = m_timeout;
    run->retryScale = m_retryScale;
    run->step();
}

} // namespace stackscope::connectors::sendbird
