#include "mixpanelconnector.h"

#include "mixpanelmapper.h"

#include "net/httpclient.h"
#include "secrets/securebytes.h"
#include "util/clock.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QTimeZone>
#include <QTimer>

#include <memory>

namespace stackscope::connectors::mixpanel {

Q_LOGGING_CATEGORY(lcMixpanel, "stackscope.connector.mixpanel", QtInfoMsg)

namespace {

using connector::FetchResult;
using connector::FetchSession;
using Kind = PlannedQuery::Kind;

const QString kSecret = QStringLiteral("secret");
const QString kCursorNextQuery = QStringLiteral("next_query");
const QString kCursorNotBefore = QStringLiteral("not_before_ms");

QString encode(const QString &value)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(value));
}

QString day(QDate date)
{
    return date.toString(Qt::ISODate);
}

// One authenticated GET under /api/query. Basic credentials are built from the SecureBytes at the call; the
// temporary holding "user:secret" is wiped, and the header lives only inside the request.
Result<net::HttpRequest> makeRequest(FetchSession &session, const Settings &settings, const QString &path,
                                     const QString &query, std::chrono::milliseconds timeout)
{
    const secrets::SecureBytes *secret = session.credential(kSecret);
    if (!secret || secret->isEmpty())
        return Error::make(Error::Code::Auth, QStringLiteral("The Mixpanel service account secret is not set."));
    net::HttpRequest request;
    QUrl url = settings.baseUrl;
    QString basePath = url.path();
    while (basePath.endsWith(QLatin1Char('/')))
        basePath.chop(1);
    url.setPath(basePath + QStringLiteral("/api/query") + path);
    QString fullQuery = QStringLiteral("project_id=") + settings.projectId;
    if (!settings.workspaceId.isEmpty())
        fullQuery += QStringLiteral("&workspace_id=") + settings.workspaceId;
    if (!query.isEmpty())
        fullQuery += QLatin1Char('&') + query;
    url.setQuery(fullQuery, QUrl::StrictMode);
    request.url = url;
    request.timeout = timeout;
    // Every query counts against Mixpanel's 60 an hour: retries are ours, and each is spent from the budget.
    request.maxRetries = 0;
    QByteArray userPass;
    const QByteArray user = settings.username.toUtf8();
    userPass.reserve(user.size() + 1 + qsizetype(secret->size()));
    userPass.append(user).append(':').append(secret->view());
    request.headers.append({QByteArrayLiteral("Authorization"), "Basic " + userPass.toBase64()});
    secrets::wipe(userPass);
    request.headers.append({QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json")});
    request.secrets.append(QString::fromUtf8(secret->view()));
    return request;
}

// The days a query reads: the window, always the last settle days, at most kMaxWindowDays back.
QPair<QDate, QDate> rangeFor(const PlannedQuery &query, const Settings &settings, QDate first, QDate last)
{
    int settle = kSettleDays;
    if (query.kind == Kind::Funnel)
        settle = kFunnelSettleDays;
    else if (query.kind == Kind::Retention)
        settle = settings.retentionDays + 1; // a cohort's counts grow for retentionDays after it was born
    QDate from = std::min(first, last.addDays(-settle));
    from = std::max(from, last.addDays(-kMaxWindowDays));
    return {from, last};
}

QPair<QString, QString> target(const PlannedQuery &query, const Settings &settings, QDate from, QDate to)
{
    const QString dates = QStringLiteral("from_date=") + day(from) + QStringLiteral("&to_date=") + day(to);
    switch (query.kind) {
    case Kind::Events:
        return {QStringLiteral("/events"), QStringLiteral("event=") + encode(jsonArray(settings.events))
                                               + QStringLiteral("&type=general&unit=day&") + dates};
    case Kind::Segmentation:
        return {QStringLiteral("/segmentation"),
                QStringLiteral("event=") + encode(settings.segmentEvent) + QStringLiteral("&on=")
                    + encode(propertyExpression(settings.segmentProperty)) + QStringLiteral("&type=general&unit=day&")
                    + dates};
    case Kind::Funnel:
        return {QStringLiteral("/funnels"),
                QStringLiteral("funnel_id=%1&unit=day&").arg(query.funnelId) + dates};
    case Kind::Retention: {
        QString text = QStringLiteral("retention_type=birth&born_event=") + encode(settings.retentionBornEvent);
        if (!settings.retentionEvent.isEmpty())
            text += QStringLiteral("&event=") + encode(settings.retentionEvent);
        text += QStringLiteral("&unit=day&interval_count=%1&").arg(settings.retentionDays) + dates;
        return {QStringLiteral("/retention"), text};
    }
    }
    return {};
}

// One fetch in progress. Owned by the callbacks of its requests and retry timers; the session outlives it (the
// scheduler keeps the session alive until `done` has run).
struct FetchRun : std::enable_shared_from_this<FetchRun>
{
    FetchSession *session = nullptr;
    Settings settings;
    QList<PlannedQuery> queries;
    qsizetype index = 0;
    QDate first;
    QDate last;
    int attempt = 0;
    SampleBatch samples;
    connector::Connector::FetchDone done;
    std::chrono::milliseconds timeout{0};
    double retryScale = 1.0;

    void step()
    {
        if (index >= queries.size()) {
            finish(true, 0);
            return;
        }
        if (!session->spendRequest()) {
            qCInfo(lcMixpanel) << "query budget (60 an hour) used up; resuming later at" << queries.at(index).key;
            finish(false, 0);
            return;
        }
        send();
    }

    void send()
    {
        const PlannedQuery &query = queries.at(index);
        const auto [from, to] = rangeFor(query, settings, first, last);
        const auto [path, text] = target(query, settings, from, to);
        auto request = makeRequest(*session, settings, path, text, timeout);
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
        if (!response) {
            onFailure(response.error());
            return;
        }
        attempt = 0;
        const PlannedQuery &query = queries.at(index);
        Result<SampleBatch> mapped = SampleBatch();
        switch (query.kind) {
        case Kind::Events: mapped = mapEvents(response->body); break;
        case Kind::Segmentation:
            mapped = mapSegmentation(response->body, settings.segmentEvent, settings.segmentProperty);
            break;
        case Kind::Funnel: mapped = mapFunnel(response->body, query.funnelId); break;
        case Kind::Retention:
            mapped = mapRetention(response->body, settings.retentionBornEvent, settings.retentionEvent);
            break;
        }
        if (!mapped) {
            fail(mapped.error());
            return;
        }
        samples.append(mapped.value());
        ++index;
        step();
    }

    void onFailure(Error error)
    {
        const bool rateLimited = error.code == Error::Code::RateLimited;
        const bool transient = error.code == Error::Code::Timeout
                               || (error.code == Error::Code::Network && (error.httpStatus == 0 || error.httpStatus >= 500));
        std::optional<std::chrono::milliseconds> delay;
        if (rateLimited && error.retryAfter && *error.retryAfter <= MixpanelConnector::kMaxInlineWait)
            delay = *error.retryAfter;
        else if (transient)
            delay = std::chrono::milliseconds(qint64(double(1000LL << attempt) * retryScale));
        if (delay && attempt + 1 < MixpanelConnector::kMaxAttempts) {
            if (!session->spendRequest()) {
                finish(false, 0);
                return;
            }
            ++attempt;
            qCInfo(lcMixpanel) << (rateLimited ? "rate limited" : "transient failure") << "on" << queries.at(index).key
                               << "; retrying in" << delay->count() << "ms";
            auto self = shared_from_this();
            QTimer::singleShot(*delay, &session->http(), [self] {
                if (self->done)
                    self->send();
            });
            return;
        }
        if (rateLimited) {
            // Mixpanel counts per project, other tools included: wait for its word, or a good while.
            const std::chrono::milliseconds wait = error.retryAfter.value_or(MixpanelConnector::kRateLimitedPause);
            if (!samples.isEmpty()) {
                finish(false, session->clock().nowMs() + wait.count()); // keep what arrived; go on from here later
                return;
            }
            error.retryAfter = wait;
        }
        fail(explain(std::move(error)));
    }

    void finish(bool complete, qint64 notBeforeMs)
    {
        FetchResult result;
        result.samples = std::move(samples);
        if (!complete && index < queries.size())
            result.cursor.insert(kCursorNextQuery, queries.at(index).key);
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

MixpanelConnector::MixpanelConnector() : m_info(makeInfo()) {}

const connector::ConnectorInfo &MixpanelConnector::info() const
{
    return m_info;
}

connector::ConnectorInfo MixpanelConnector::makeInfo()
{
    connector::ConnectorInfo info;
    info.typeId = QStringLiteral("mixpanel");
    info.displayName = QStringLiteral("Mixpanel");
    info.defaultBaseUrl = QString::fromLatin1(kUsBaseUrl);
    info.credentials = {
        {kSecret, QStringLiteral("Service account secret"),
         QStringLiteral("Mixpanel → Organization Settings → Service Accounts → Add Service Account (role: Consumer, "
                        "access to this project only). The secret is shown once."),
         true, true, {}},
    };
    info.settings = {
        {QStringLiteral("username"), QStringLiteral("Service account username"),
         QStringLiteral("Shown next to the secret when the service account is made."), false, true, {}},
        {QStringLiteral("project_id"), QStringLiteral("Project ID"),
         QStringLiteral("Mixpanel → Project Settings → Overview → Project ID (a number)."), false, true, {}},
        {QStringLiteral("region"), QStringLiteral("Data residency"),
         QStringLiteral("\"us\" (mixpanel.com), \"eu\" (eu.mixpanel.com) or \"in\" (in.mixpanel.com)."), false, false,
         QStringLiteral("us")},
        {QStringLiteral("workspace_id"), QStringLiteral("Workspace ID"),
         QStringLiteral("Optional: only for projects with data views."), false, false, {}},
        {QStringLiteral("events"), QStringLiteral("Events"),
         QStringLiteral("Comma-separated event names to count per day (all of them cost one query)."), false, false, {}},
        {QStringLiteral("segment_property"), QStringLiteral("Segment by property"),
         QStringLiteral("Optional: a property name; one event's daily counts are split by its values (one query)."),
         false, false, {}},
        {QStringLiteral("segment_event"), QStringLiteral("Event to segment"),
         QStringLiteral("Optional: the event segment_property applies to (default: the first of events)."), false,
         false, {}},
        {QStringLiteral("funnel_ids"), QStringLiteral("Saved funnels"),
         QStringLiteral("Optional: comma-separated funnel IDs (from each saved funnel's URL); one query each."), false,
         false, {}},
        {QStringLiteral("retention"), QStringLiteral("Retention: first event"),
         QStringLiteral("Optional: the event that starts a daily cohort (first-time retention); one query."), false,
         false, {}},
        {QStringLiteral("retention_event"), QStringLiteral("Retention: returning event"),
         QStringLiteral("Optional: the event that counts as coming back (default: any event)."), false, false, {}},
        {QStringLiteral("retention_days"), QStringLiteral("Retention: days followed"),
         QStringLiteral("Days after the first event to count returns for, 1 to 30."), false, false,
         QString::number(kDefaultRetentionDays)},
    };
    const QStringList funnelLabels{QStringLiteral("funnel_id"), QStringLiteral("step"), QStringLiteral("step_name")};
    const QStringList retentionLabels{QStringLiteral("born_event"), QStringLiteral("event"), QStringLiteral("day")};
    info.metrics = {
        {QString::fromLatin1(kEvents), QStringLiteral("events"), MetricKind::Counter, {QStringLiteral("event")},
         QStringLiteral("Times each chosen event was tracked per day (Mixpanel's project-time-zone day, stamped 00:00 "
                        "UTC)."),
         QStringLiteral("GET /api/query/events")},
        {QString::fromLatin1(kSegmentEvents), QStringLiteral("events"), MetricKind::Counter,
         {QStringLiteral("event"), QStringLiteral("property"), QStringLiteral("segment")},
         QStringLiteral("One event's daily count split by the values of a property (Mixpanel's top 60 values)."),
         QStringLiteral("GET /api/query/segmentation")},
        {QString::fromLatin1(kFunnelCount), QStringLiteral("users"), MetricKind::Gauge, funnelLabels,
         QStringLiteral("Users reaching each step of a saved funnel, by the day they entered it."),
         QStringLiteral("GET /api/query/funnels")},
        {QString::fromLatin1(kFunnelConversion), QStringLiteral("ratio"), MetricKind::Gauge, funnelLabels,
         QStringLiteral("Share of the funnel's entrants reaching this step (0–1; overall_conv_ratio)."),
         QStringLiteral("GET /api/query/funnels")},
        {QString::fromLatin1(kFunnelStepConversion), QStringLiteral("ratio"), MetricKind::Gauge, funnelLabels,
         QStringLiteral("Share of the previous step's users reaching this step (0–1; step_conv_ratio)."),
         QStringLiteral("GET /api/query/funnels")},
        {QString::fromLatin1(kRetentionCohort), QStringLiteral("users"), MetricKind::Gauge,
         {QStringLiteral("born_event"), QStringLiteral("event")},
         QStringLiteral("Users who did the first event that day (the cohort)."), QStringLiteral("GET /api/query/retention")},
        {QString::fromLatin1(kRetentionRetained), QStringLiteral("users"), MetricKind::Gauge, retentionLabels,
         QStringLiteral("Of a day's cohort, users who came back on day N after it (label \"day\"; 0 = within 24 h)."),
         QStringLiteral("GET /api/query/retention")},
        {QString::fromLatin1(kRetentionRate), QStringLiteral("ratio"), MetricKind::Gauge, retentionLabels,
         QStringLiteral("Retained users divided by the cohort size (0–1)."), QStringLiteral("GET /api/query/retention")},
    };
    // Reports are daily: hourly polls (60 queries an hour would allow 60 reports) are plenty.
    info.defaultInterval = std::chrono::hours(1);
    info.minInterval = std::chrono::minutes(5);
    info.maxBackfillDays = 30; // one query per report whatever the range
    // Mixpanel: 60 queries an hour and 5 concurrent per project. The budget is shared by every Mixpanel service
    // of this workspace, one query at a time.
    info.budget = connector::RequestBudget{kQueriesPerHour, std::chrono::hours(1), 1};
    return info;
}

Status MixpanelConnector::checkConfiguration(const ServiceConfig &config) const
{
    auto settings = parseSettings(config.settings, config.baseUrl);
    if (!settings)
        return settings.error();
    return checkQueryBudget(queriesPerPoll(settings.value()), config.interval);
}

void MixpanelConnector::testConnection(connector::FetchSession &session, TestDone done)
{
    auto settings = parseSettings(session.service().settings, session.service().baseUrl);
    if (!settings) {
        done(settings.error());
        return;
    }
    // Every Query API call counts against the 60 an hour; the list of saved funnels is the cheapest, and it says
    // whether the configured funnels exist.
    auto request = makeRequest(session, settings.value(), QStringLiteral("/funnels/list"), {}, m_timeout);
    if (!request) {
        done(request.error());
        return;
    }
    const QList<qint64> wanted = settings->funnelIds;
    const QString project = settings->projectId;
    session.http().send(std::move(request).value(), nullptr,
                        [done = std::move(done), wanted, project](Result<net::HttpResponse> response) {
        if (!response) {
            done(explain(response.error()));
            return;
        }
        auto funnels = mapFunnelList(response->body);
        if (!funnels) {
            done(funnels.error());
            return;
        }
        QStringList missing;
        for (qint64 id : wanted) {
            const bool found = std::any_of(funnels->cbegin(), funnels->cend(),
                                           [id](const SavedFunnel &funnel) { return funnel.id == id; });
            if (!found)
                missing << QString::number(id);
        }
        if (!missing.isEmpty()) {
            QStringList known;
            for (const SavedFunnel &funnel : std::as_const(funnels.value()).mid(0, 10))
                known << QStringLiteral("%1 \"%2\"").arg(funnel.id).arg(funnel.name);
            done(Error::make(Error::Code::Config,
                             QStringLiteral("Mixpanel accepted the credentials, but project %1 has no saved funnel %2 "
                                            "(saved funnels: %3).")
                                 .arg(project, missing.join(QStringLiteral(", ")),
                                      known.isEmpty() ? QStringLiteral("none") : known.join(QStringLiteral(", ")))));
            return;
        }
        qCInfo(lcMixpanel) << "connection test passed;" << funnels->size() << "saved funnels";
        done(Status());
    });
}

void MixpanelConnector::fetch(connector::FetchSession &session, const connector::FetchWindow &window, FetchDone done)
{
    auto settings = parseSettings(session.service().settings, session.service().baseUrl);
    if (!settings) {
        done(settings.error());
        return;
    }
    const qint64 now = session.clock().nowMs();
    const qint64 notBefore = qint64(window.cursor.value(kCursorNotBefore).toDouble());
    if (notBefore > now) {
        Error error = Error::make(
            Error::Code::RateLimited,
            QStringLiteral("Mixpanel's query limit for this project was reached; the fetch resumes at %1 UTC.")
                .arg(QDateTime::fromMSecsSinceEpoch(notBefore, QTimeZone::utc()).toString(QStringLiteral("HH:mm:ss"))));
        error.retryAfter = std::chrono::milliseconds(notBefore - now);
        done(std::move(error));
        return;
    }
    auto run = std::make_shared<FetchRun>();
    run->session = &session;
    run->settings = std::move(settings).value();
    run->queries = resumeAt(plan(run->settings), window.cursor.value(kCursorNextQuery).toString());
    run->last = utcDay(std::max(window.toMs, window.fromMs));
    run->first = std::min(utcDay(window.fromMs), run->last);
    run->done = std::move(done);
    run->timeout = m_timeout;
    run->retryScale = m_retryScale;
    run->step();
}

} // namespace stackscope::connectors::mixpanel
