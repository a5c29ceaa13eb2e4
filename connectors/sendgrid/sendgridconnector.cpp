#include "sendgridconnector.h"

#include "sendgridmapper.h"

#include "net/httpclient.h"
#include "secrets/securebytes.h"
#include "util/clock.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QTimeZone>

#include <memory>

namespace stackscope::connectors::sendgrid {

Q_LOGGING_CATEGORY(lcSendGrid, "stackscope.connector.sendgrid", QtInfoMsg)

namespace {

using connector::FetchResult;
using connector::FetchSession;

const QString kStageGlobal = QStringLiteral("global");
const QString kStageCategory = QStringLiteral("category");

// Cursor keys (persisted between the runs of an interrupted fetch).
const QString kCursorStage = QStringLiteral("stage");
const QString kCursorNextDay = QStringLiteral("next_day");
const QString kCursorNotBefore = QStringLiteral("not_before_ms");

// Anything SendGrid says goes through here, so every message names the vendor once.
// HttpClient words it for any vendor ("The service rejected the credentials (HTTP 401): …").
Error fromVendor(Error error)
{
    static const QString generic = QStringLiteral("The service ");
    if (error.userMessage.startsWith(generic))
        error.userMessage = QStringLiteral("SendGrid ") + error.userMessage.mid(generic.size());
    else if (!error.userMessage.startsWith(QLatin1String("SendGrid")))
        error.userMessage = QStringLiteral("SendGrid: ") + error.userMessage;
    return error;
}

// The API key as it goes into a header: printable ASCII without spaces (a newline would split the header).
bool isHeaderSafe(QByteArrayView bytes)
{
    for (char c : bytes) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u >= 0x7f)
            return false;
    }
    return !bytes.isEmpty();
}

// One authenticated GET. The Authorization value is built from the SecureBytes here and lives only inside the
// request (moved into the client, dropped when the request is done).
Result<net::HttpRequest> makeRequest(FetchSession &session, const Settings &settings, const QString &path,
                                     const QString &query, std::chrono::milliseconds timeout)
{
    const secrets::SecureBytes *key = session.credential(QStringLiteral("api_key"));
    if (!key || key->isEmpty())
        return Error::make(Error::Code::Auth, QStringLiteral("The SendGrid API key is not set."));
    if (!isHeaderSafe(key->view()))
        return Error::make(Error::Code::Config,
                           QStringLiteral("The SendGrid API key contains spaces or control characters; paste it "
                                          "again exactly as SendGrid showed it (it starts with \"SG.\")."));
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
    request.headers.append({QByteArrayLiteral("Authorization"), QByteArrayLiteral("Bearer ") + key->view().toByteArray()});
    request.headers.append({QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json")});
    if (!settings.onBehalfOf.isEmpty())
        request.headers.append({QByteArrayLiteral("on-behalf-of"), settings.onBehalfOf.toUtf8()});
    request.secrets.append(QString::fromUtf8(key->view()));
    return request;
}

QString dayText(QDate day)
{
    return day.toString(Qt::ISODate);
}

// start_date=…&end_date=…[&categories=…]…, each value percent-encoded.
QString statsQuery(const DayRange &range, const QStringList &categories)
{
    QString query = QStringLiteral("start_date=") + dayText(range.first) + QStringLiteral("&end_date=")
                    + dayText(range.last);
    for (const QString &category : categories)
        query += QStringLiteral("&categories=") + QString::fromLatin1(QUrl::toPercentEncoding(category));
    return query;
}

struct PlannedRequest
{
    QString stage; // kStageGlobal or kStageCategory
    DayRange days;
};

// Every request of one fetch, oldest first per stage; a cursor from an interrupted run skips what it covered.
QList<PlannedRequest> plan(const Settings &settings, QDate first, QDate last, const QJsonObject &cursor)
{
    QList<PlannedRequest> requests;
    for (const DayRange &range : dayChunks(first, last))
        requests.append({kStageGlobal, range});
    if (!settings.categories.isEmpty()) {
        for (const DayRange &range : dayChunks(first, last))
            requests.append({kStageCategory, range});
    }
    const QString stage = cursor.value(kCursorStage).toString();
    const QDate next = QDate::fromString(cursor.value(kCursorNextDay).toString(), Qt::ISODate);
    const bool resumable = (stage == kStageGlobal || (stage == kStageCategory && !settings.categories.isEmpty()))
                           && next.isValid() && next >= first && next <= last;
    if (!resumable)
        return requests;
    QList<PlannedRequest> rest;
    bool reached = false;
    for (PlannedRequest &request : requests) {
        if (!reached && request.stage != stage)
            continue;
        if (!reached && request.days.last < next)
            continue;
        if (!reached) {
            request.days.first = std::max(request.days.first, next);
            reached = true;
        }
        rest.append(request);
    }
    return rest;
}

// One fetch in progress. Owned by the callbacks of its requests; the session outlives it (the scheduler keeps
// the session alive until `done` has run).
struct FetchRun : std::enable_shared_from_this<FetchRun>
{
    FetchSession *session = nullptr;
    Settings settings;
    QList<PlannedRequest> requests;
    qsizetype nextIndex = 0;
    SampleBatch samples;
    connector::Connector::FetchDone done;
    std::chrono::milliseconds timeout{0};

    void step()
    {
        if (nextIndex >= requests.size()) {
            finish(true, {});
            return;
        }
        if (!session->spendRequest()) {
            qCInfo(lcSendGrid) << "request budget used up; resuming later at" << requests.at(nextIndex).stage
                               << dayText(requests.at(nextIndex).days.first);
            finish(false, cursorAt(nextIndex, 0));
            return;
        }
        const PlannedRequest &planned = requests.at(nextIndex);
        const bool category = planned.stage == kStageCategory;
        auto request = makeRequest(*session, settings,
                                   category ? QStringLiteral("/v3/categories/stats") : QStringLiteral("/v3/stats"),
                                   statsQuery(planned.days, category ? settings.categories : QStringList()), timeout);
        if (!request) {
            fail(request.error());
            return;
        }
        auto self = shared_from_this();
        session->http().send(std::move(request).value(), nullptr, [self, category](Result<net::HttpResponse> response) {
            self->onResponse(std::move(response), category);
        });
    }

    void onResponse(Result<net::HttpResponse> response, bool category)
    {
        if (!response) {
            fail(fromVendor(response.error()));
            return;
        }
        auto mapped = mapStats(response->body, category ? StatsScope::Category : StatsScope::Global);
        if (!mapped) {
            fail(fromVendor(mapped.error()));
            return;
        }
        samples.append(mapped.value());
        ++nextIndex;
        const std::optional<RateLimit> limit = rateLimitFrom(response.value());
        if (limit && limit->remaining == 0 && nextIndex < requests.size()) {
            const qint64 now = session->clock().nowMs();
            const qint64 notBefore = limit->resetMs > now ? limit->resetMs : 0;
            qCInfo(lcSendGrid) << "SendGrid's rate limit is used up (X-RateLimit-Remaining: 0); stopping until"
                               << (notBefore ? QDateTime::fromMSecsSinceEpoch(notBefore, QTimeZone::utc())
                                                   .toString(Qt::ISODate)
                                             : QStringLiteral("the next run"));
            finish(false, cursorAt(nextIndex, notBefore));
            return;
        }
        step();
    }

    QJsonObject cursorAt(qsizetype index, qint64 notBeforeMs) const
    {
        QJsonObject cursor{{kCursorStage, requests.at(index).stage},
                           {kCursorNextDay, dayText(requests.at(index).days.first)}};
        if (notBeforeMs > 0)
            cursor.insert(kCursorNotBefore, double(notBeforeMs));
        return cursor;
    }

    void finish(bool complete, QJsonObject cursor)
    {
        FetchResult result;
        result.samples = std::move(samples);
        result.cursor = std::move(cursor);
        result.complete = complete;
        deliver(std::move(result));
    }

    void fail(Error error) { deliver(std::move(error)); }

    void deliver(Result<FetchResult> result)
    {
        auto callback = std::move(done);
        done = nullptr;
        session = nullptr;
        if (callback)
            callback(std::move(result));
    }
};

} // namespace

SendGridConnector::SendGridConnector() : m_info(makeInfo()) {}

const connector::ConnectorInfo &SendGridConnector::info() const
{
    return m_info;
}

connector::ConnectorInfo SendGridConnector::makeInfo()
{
    connector::ConnectorInfo info;
    info.typeId = QStringLiteral("sendgrid");
    info.displayName = QStringLiteral("SendGrid");
    info.defaultBaseUrl = QString::fromLatin1(kGlobalBaseUrl);
    info.credentials = {
        {QStringLiteral("api_key"), QStringLiteral("API key"),
         QStringLiteral("SendGrid → Settings → API Keys → Create API Key → Restricted Access: Stats → Read Access "
                        "(plus Categories → Read Access for per-category stats). Shown once; starts with \"SG.\"."),
         true, true, {}},
    };
    info.settings = {
        {QStringLiteral("region"), QStringLiteral("Region"),
         QStringLiteral("\"global\" (api.sendgrid.com) or \"eu\" (api.eu.sendgrid.com, for EU regional subusers)."),
         false, false, QStringLiteral("global")},
        {QStringLiteral("on_behalf_of"), QStringLiteral("Subuser"),
         QStringLiteral("Optional: a subuser's username, to read that subuser's stats with the parent account's key."),
         false, false, {}},
        {QStringLiteral("categories"), QStringLiteral("Categories"),
         QStringLiteral("Optional: up to 10 category names, comma-separated, for per-category stats."), false, false,
         {}},
    };
    struct Field
    {
        const char *field;
        const char *description;
    };
    // Descriptions after SendGrid's OpenAPI (tsg_stats_v3.json, StatsAdvancedGlobalStats).
    static const Field fields[] = {
        {"requests", "Emails requested to be delivered."},
        {"processed", "Requests from the API or SMTP relay that SendGrid processed."},
        {"delivered", "Emails SendGrid confirmed as delivered to a recipient's server."},
        {"deferred", "Emails that temporarily could not be delivered (still being retried)."},
        {"bounces", "Emails that bounced instead of being delivered."},
        {"bounce_drops", "Emails dropped because the address bounced before."},
        {"blocks", "Emails the receiving server did not allow to be delivered."},
        {"invalid_emails", "Recipients with malformed addresses or addresses their provider reported invalid."},
        {"spam_reports", "Recipients who marked an email as spam."},
        {"spam_report_drops", "Emails dropped because the recipient marked earlier mail as spam."},
        {"opens", "Times emails were opened (needs open tracking)."},
        {"unique_opens", "Unique recipients who opened an email (needs open tracking)."},
        {"clicks", "Links clicked in emails (needs click tracking)."},
        {"unique_clicks", "Unique recipients who clicked a link (needs click tracking)."},
        {"unsubscribes", "Recipients who unsubscribed."},
        {"unsubscribe_drops", "Emails dropped because the recipient had unsubscribed."},
    };
    for (const Field &field : fields) {
        connector::MetricSpec spec;
        spec.name = metricName(QString::fromLatin1(field.field));
        spec.unit = QStringLiteral("emails");
        spec.kind = MetricKind::Counter;
        spec.dimensions = {QStringLiteral("category")};
        spec.description = QString::fromLatin1(field.description)
                           + QStringLiteral(" Per UTC day; without a \"category\" label: the whole account.");
        spec.endpoint = QStringLiteral("GET /v3/stats, GET /v3/categories/stats");
        info.metrics.append(spec);
    }
    info.defaultInterval = std::chrono::hours(1);
    info.minInterval = std::chrono::minutes(5);
    // Global stats have no documented horizon; category stats are kept for 13 months. A year of days is
    // 12 requests per stage (31 days each), well inside the budget below.
    info.maxBackfillDays = 365;
    // SendGrid publishes no per-endpoint numbers and signals its limits with X-RateLimit-* headers (which the
    // fetch obeys); this client-side budget keeps a full backfill to a gentle pace.
    info.budget = connector::RequestBudget{30, std::chrono::seconds(60), 1};
    return info;
}

void SendGridConnector::testConnection(connector::FetchSession &session, TestDone done)
{
    auto settings = parseSettings(session.service().settings, session.service().baseUrl);
    if (!settings) {
        done(settings.error());
        return;
    }
    auto request = makeRequest(session, settings.value(), QStringLiteral("/v3/scopes"), {}, m_timeout);
    if (!request) {
        done(request.error());
        return;
    }
    const bool wantsCategories = !settings->categories.isEmpty();
    session.http().send(std::move(request).value(), nullptr,
                        [done = std::move(done), wantsCategories](Result<net::HttpResponse> response) {
        if (!response) {
            done(fromVendor(response.error()));
            return;
        }
        auto scopes = mapScopes(response->body);
        if (!scopes) {
            done(fromVendor(scopes.error()));
            return;
        }
        if (!scopes->contains(QLatin1String("stats.read")) && !scopes->contains(QLatin1String("stats.global.read"))) {
            done(Error::make(Error::Code::Auth,
                             QStringLiteral("SendGrid accepted the API key, but it may not read statistics: give it "
                                            "\"Stats\" read access (scope stats.read) under Settings → API Keys.")));
            return;
        }
        if (wantsCategories && !scopes->contains(QLatin1String("categories.stats.read"))) {
            done(Error::make(Error::Code::Auth,
                             QStringLiteral("SendGrid accepted the API key, but it may not read category statistics: "
                                            "give it the categories.stats.read scope, or clear the categories.")));
            return;
        }
        qCInfo(lcSendGrid) << "connection test passed;" << scopes->size() << "scopes";
        done(Status());
    });
}

void SendGridConnector::fetch(connector::FetchSession &session, const connector::FetchWindow &window, FetchDone done)
{
    auto settings = parseSettings(session.service().settings, session.service().baseUrl);
    if (!settings) {
        done(settings.error());
        return;
    }
    const qint64 now = session.clock().nowMs();
    const qint64 notBefore = qint64(window.cursor.value(kCursorNotBefore).toDouble());
    if (notBefore > now) {
        // The previous run stopped on X-RateLimit-Remaining: 0. Nothing may be asked before the reset; the
        // scheduler keeps the cursor and comes back then.
        Error error = Error::make(
            Error::Code::RateLimited,
            QStringLiteral("SendGrid's rate limit for this API key is used up until %1 UTC; the fetch resumes then.")
                .arg(QDateTime::fromMSecsSinceEpoch(notBefore, QTimeZone::utc()).toString(QStringLiteral("HH:mm:ss"))));
        error.retryAfter = std::chrono::milliseconds(notBefore - now);
        done(std::move(error));
        return;
    }

    // Days are SendGrid's calendar days, stamped at 00:00 UTC. The last kSettleDays days are always read
    // again: their counts still grow (late opens, clicks, bounces) and a re-sent sample replaces the old one.
    const QDate last = utcDay(std::max(window.toMs, window.fromMs));
    const QDate first = std::min(utcDay(window.fromMs), last.addDays(-kSettleDays));

    auto run = std::make_shared<FetchRun>();
    run->session = &session;
    run->settings = std::move(settings).value();
    run->requests = plan(run->settings, first, last, window.cursor);
    run->done = std::move(done);
    run->timeout = m_timeout;
    run->step();
}

} // namespace stackscope::connectors::sendgrid
