#include "stytchconnector.h"

#include "stytchmapper.h"

#include "net/httpclient.h"
#include "secrets/securebytes.h"
#include "util/clock.h"

#include <QJsonObject>
#include <QLoggingCategory>
#include <QMetaObject>
#include <QUrlQuery>

#include <algorithm>

namespace stackscope::connectors::stytch {

Q_LOGGING_CATEGORY(lcStytch, "stackscope.connector.stytch", QtInfoMsg)

using connector::ConnectorInfo;
using connector::FetchResult;
using connector::FetchSession;
using connector::FetchWindow;
using connector::FieldSpec;
using connector::MetricSpec;

namespace {

const QString kSecret = QStringLiteral("secret");
constexpr int kCursorVersion = 1;

enum class Kind { Metrics, Factor, Status, Sessions, Signups };

QString kindName(Kind kind)
{
    switch (kind) {
    case Kind::Metrics: return QStringLiteral("metrics");
    case Kind::Factor: return QStringLiteral("factor");
    case Kind::Status: return QStringLiteral("status");
    case Kind::Sessions: return QStringLiteral("sessions");
    case Kind::Signups: return QStringLiteral("signups");
    }
    return {};
}

// One request of a fetch's plan.
struct Planned
{
    Kind kind = Kind::Metrics;
    QString key; // factor key, status, or user ID
    QDate day;   // signups only
};

QString dayText(QDate day)
{
    return day.toString(Qt::ISODate);
}

QDate parseDay(const QString &text)
{
    if (text.size() != 10)
        return {};
    return QDate::fromString(text, Qt::ISODate);
}

// [first, last] UTC days of the window: today and yesterday are always read again (today's count still grows),
// and no more than kMaxBackfillDays back.
std::pair<QDate, QDate> daysFor(const FetchWindow &window)
{
    const QDate today = utcDay(window.toMs);
    QDate first = utcDay(std::min(window.fromMs, window.toMs));
    first = std::min(first, today.addDays(-kSettleDays));
    first = std::max(first, today.addDays(-kMaxBackfillDays));
    return {first, today};
}

QList<Planned> makePlan(const Settings &settings, QDate first, QDate last)
{
    QList<Planned> plan;
    plan.append({Kind::Metrics, {}, {}});
    for (const QString &factor : settings.factors)
        plan.append({Kind::Factor, factor, {}});
    for (const QString &status : userStatuses())
        plan.append({Kind::Status, status, {}});
    for (const QString &user : settings.sessionUserIds)
        plan.append({Kind::Sessions, user, {}});
    // Newest day first: after a long backfill's first fetch, the recent days are already there.
    for (QDate day = last; day.isValid() && day >= first; day = day.addDays(-1))
        plan.append({Kind::Signups, {}, day});
    return plan;
}

QString filterFor(const QString &factorKey)
{
    for (const Factor &factor : factors()) {
        if (factor.key == factorKey)
            return factor.filter;
    }
    return {};
}

// The header value must stay one line of printable ASCII.
bool isHeaderSafe(QByteArrayView bytes)
{
    return !bytes.isEmpty() && std::all_of(bytes.begin(), bytes.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u > 0x20 && u < 0x7f;
    });
}

void wipe(QByteArray &bytes)
{
    if (bytes.isEmpty())
        return;
    volatile char *data = bytes.data();
    for (qsizetype i = 0; i < bytes.size(); ++i)
        data[i] = 0;
    bytes.clear();
}

Error missingSecret()
{
    return Error::make(Error::Code::Auth, QStringLiteral("The Stytch secret is not set."),
                       QStringLiteral("stytch: secret credential missing"));
}

// Basic project_id:secret, built from the SecureBytes at the call; the temporary is wiped.
Result<net::HttpRequest> makeRequest(const Settings &settings, const secrets::SecureBytes *secret,
                                     const QString &path, const QUrlQuery &query, const QByteArray &jsonBody,
                                     std::chrono::milliseconds timeout, int maxRetries)
{
    if (!secret || secret->isEmpty())
        return missingSecret();
    if (!isHeaderSafe(secret->view()))
        return Error::make(Error::Code::Config,
                           QStringLiteral("The Stytch secret contains spaces or control characters; paste it again "
                                          "exactly as the Stytch dashboard shows it."));
    net::HttpRequest request;
    QUrl url = settings.baseUrl;
    QString basePath = url.path();
    while (basePath.endsWith(QLatin1Char('/')))
        basePath.chop(1);
    url.setPath(basePath + path);
    url.setQuery(query);
    request.url = url;
    request.timeout = timeout;
    request.maxRetries = maxRetries;
    QByteArray userPass;
    userPass.reserve(settings.projectId.size() + 1 + qsizetype(secret->size()));
    userPass.append(settings.projectId.toLatin1()).append(':').append(secret->view());
    request.headers.append({QByteArrayLiteral("Authorization"), "Basic " + userPass.toBase64()});
    wipe(userPass);
    request.headers.append({QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json")});
    if (!jsonBody.isNull()) {
        request.method = "POST";
        request.body = jsonBody;
        request.headers.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")});
    }
    request.secrets << QString::fromUtf8(secret->view());
    return request;
}

// Stytch's own words ("unauthorized_credentials: Unauthorized credentials") when its error body came along.
QString vendorWords(const Error &error)
{
    const std::optional<StytchError> vendor = parseStytchError(error.vendorBody);
    if (!vendor)
        return {};
    QString words = vendor->type;
    if (!vendor->message.isEmpty())
        words += (words.isEmpty() ? QString() : QStringLiteral(" — ")) + vendor->message;
    while (words.endsWith(QLatin1Char('.')))
        words.chop(1);
    return words;
}

// Every failure names Stytch and, where it said something, its error_type and error_message.
Error describe(Error error, qint64 nowMs)
{
    const QString words = vendorWords(error);
    const QString said = words.isEmpty() ? QString() : QStringLiteral(": ") + words;
    switch (error.code) {
    case Error::Code::Auth:
        error.userMessage = QStringLiteral("Stytch rejected the credentials%1 (HTTP %2). Check the project ID and the "
                                           "secret (Stytch dashboard → Project settings → API keys); a live project "
                                           "ID needs a live secret.")
                                .arg(said)
                                .arg(error.httpStatus ? error.httpStatus : 401);
        break;
    case Error::Code::RateLimited: {
        // Stytch counts in fixed windows ("top of the minute/hour"); without a Retry-After, the next minute.
        if (!error.retryAfter)
            error.retryAfter = std::chrono::milliseconds(60'000 - (nowMs % 60'000) + 1'000);
        error.userMessage = QStringLiteral("Stytch is limiting requests%1; trying again in %2 s.")
                                .arg(said.isEmpty() ? QStringLiteral(" (HTTP 429)") : said)
                                .arg((error.retryAfter->count() + 999) / 1000);
        break;
    }
    case Error::Code::Config:
        if (error.httpStatus > 0) {
            error.userMessage = QStringLiteral("Stytch refused the request (HTTP %1)%2.")
                                    .arg(QString::number(error.httpStatus), said);
            break;
        }
        [[fallthrough]];
    default: {
        static const QString generic = QStringLiteral("The service ");
        if (error.httpStatus >= 500 && !words.isEmpty())
            error.userMessage = QStringLiteral("Stytch had a server error (HTTP %1)%2.")
                                    .arg(QString::number(error.httpStatus), said);
        else if (error.userMessage.startsWith(generic))
            error.userMessage = QStringLiteral("Stytch ") + error.userMessage.mid(generic.size());
        else if (!error.userMessage.startsWith(QLatin1String("Stytch")))
            error.userMessage = QStringLiteral("Stytch: ") + error.userMessage;
        break;
    }
    }
    return error;
}

Error totalsDisabledError()
{
    return Error::make(Error::Code::Config,
                       QStringLiteral("Stytch accepted the credentials, but returns no search totals for this project "
                                      "(results_metadata.total is -1: totals are disabled). Signups per day and "
                                      "users per factor cannot be counted; only the project totals will be "
                                      "collected. Ask Stytch support to enable search totals."),
                       QStringLiteral("stytch: results_metadata.total == -1"));
}

} // namespace

// ---- One fetch --------------------------------------------------------------------------------------------

struct StytchConnector::Run
{
    FetchSession &session;
    FetchDone done;
    Settings settings;
    std::chrono::milliseconds timeout{0};
    int maxRetries = 2;

    QList<Planned> plan;
    qsizetype index = 0;
    qint64 snapshotTs = 0;     // the fetch's start, to the minute: the stamp of every point-in-time value
    qint64 startedMs = 0;
    SessionTally sessions;
    int totalsDisabled = 0;
    FetchResult result;
    bool finished = false;

    Run(FetchSession &s, FetchDone d) : session(s), done(std::move(d)) {}

    // Where to go on: the request at `at`. Sessions are summed over all listed users, so an interrupted
    // sessions stage starts over from its first user.
    QJsonObject cursorAt(qsizetype at) const
    {
        if (at >= plan.size())
            return {};
        while (plan.at(at).kind == Kind::Sessions && at > 0 && plan.at(at - 1).kind == Kind::Sessions)
            --at;
        const Planned &next = plan.at(at);
        QJsonObject cursor{{QStringLiteral("v"), kCursorVersion},
                           {QStringLiteral("project"), settings.projectId},
                           {QStringLiteral("kind"), kindName(next.kind)}};
        if (!next.key.isEmpty())
            cursor.insert(QStringLiteral("key"), next.key);
        if (next.day.isValid())
            cursor.insert(QStringLiteral("day"), dayText(next.day));
        return cursor;
    }

    // The plan's index a saved cursor points at; 0 when it does not fit this plan.
    qsizetype resumeIndex(const QJsonObject &cursor) const
    {
        if (cursor.isEmpty() || cursor.value(QStringLiteral("v")).toInt() != kCursorVersion
            || cursor.value(QStringLiteral("project")).toString() != settings.projectId)
            return 0;
        const QString kind = cursor.value(QStringLiteral("kind")).toString();
        const QString key = cursor.value(QStringLiteral("key")).toString();
        if (kind == kindName(Kind::Signups)) {
            const QDate day = parseDay(cursor.value(QStringLiteral("day")).toString());
            if (!day.isValid())
                return 0;
            for (qsizetype i = 0; i < plan.size(); ++i) {
                if (plan.at(i).kind == Kind::Signups && plan.at(i).day <= day)
                    return i;
            }
            return plan.size(); // the days left are older than this window reaches: nothing to do
        }
        for (qsizetype i = 0; i < plan.size(); ++i) {
            if (kindName(plan.at(i).kind) == kind && plan.at(i).key == key)
                return i;
        }
        return 0;
    }

    // Always from the event loop, on the session's thread: never inside fetch() itself.
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

    void pause()
    {
        qCInfo(lcStytch).noquote() << QStringLiteral("pausing after %1 of %2 requests; going on later")
                                          .arg(index)
                                          .arg(plan.size());
        result.cursor = cursorAt(index);
        result.complete = false;
        finish(std::move(result));
    }

    void onAnswer(const Planned &planned, const net::HttpResponse &response);
};

void StytchConnector::Run::onAnswer(const Planned &planned, const net::HttpResponse &response)
{
    switch (planned.kind) {
    case Kind::Metrics: {
        auto samples = mapProjectMetrics(response.body, snapshotTs);
        if (!samples) {
            finish(samples.error());
            return;
        }
        result.samples += samples.value();
        break;
    }
    case Kind::Factor:
    case Kind::Status:
    case Kind::Signups: {
        auto total = searchTotal(response.body);
        if (!total) {
            finish(total.error());
            return;
        }
        if (total.value() == kTotalsDisabled) {
            ++totalsDisabled;
            break;
        }
        if (planned.kind == Kind::Factor)
            result.samples.append(MetricSample{QString::fromLatin1(kUsersWithFactor),
                                               {{QStringLiteral("factor"), planned.key}}, snapshotTs,
                                               double(total.value())});
        else if (planned.kind == Kind::Status)
            result.samples.append(MetricSample{QString::fromLatin1(kUsersByStatus),
                                               {{QStringLiteral("status"), planned.key}}, snapshotTs,
                                               double(total.value())});
        else
            result.samples.append(MetricSample{QString::fromLatin1(kSignups), {}, dayStartMs(planned.day),
                                               double(total.value())});
        break;
    }
    case Kind::Sessions: {
        Status tallied = tallySessions(response.body, sessions);
        if (!tallied) {
            finish(tallied.error());
            return;
        }
        break;
    }
    }
    ++index;
    // The last listed user read: the sessions sample of all of them.
    if (planned.kind == Kind::Sessions && (index >= plan.size() || plan.at(index).kind != Kind::Sessions))
        result.samples += sessionSamples(sessions, snapshotTs);
}

StytchConnector::StytchConnector() : m_info(makeInfo())
{
}

StytchConnector::~StytchConnector() = default;

const ConnectorInfo &StytchConnector::info() const
{
    return m_info;
}

ConnectorInfo StytchConnector::makeInfo()
{
    ConnectorInfo info;
    info.typeId = QStringLiteral("stytch");
    info.displayName = QStringLiteral("Stytch");
    info.defaultBaseUrl = QString::fromLatin1(kLiveBaseUrl);
    info.credentials = {
        FieldSpec{kSecret, QStringLiteral("Secret"),
                  QStringLiteral("Stytch dashboard → Project settings → API keys: the project's secret (live or test, "
                                 "matching the project ID). Shown once when created; create a dedicated one for "
                                 "Stackscope so it can be revoked on its own."),
                  true, true, {}},
    };
    info.settings = {
        FieldSpec{QStringLiteral("project_id"), QStringLiteral("Project ID"),
                  QStringLiteral("Stytch dashboard → Project settings → API keys: \"project-live-…\" (api.stytch.com) "
                                 "or \"project-test-…\" (test.stytch.com). Not secret."),
                  false, true, {}},
        FieldSpec{QStringLiteral("factors"), QStringLiteral("Factors to count"),
                  QStringLiteral("Comma-separated: totp, phone, webauthn, email, crypto_wallet, password (default: all; "
                                 "\"none\" for no factor searches). One user search each per poll."),
                  false, false, {}},
        FieldSpec{QStringLiteral("session_user_ids"), QStringLiteral("Users whose sessions to sample"),
                  QStringLiteral("Optional, comma-separated Stytch user IDs (at most 20), e.g. your own test accounts. "
                                 "Stytch lists sessions only per user; there is no project-wide session listing."),
                  false, false, {}},
    };
    const QString metricsEndpoint = QStringLiteral("GET /v1/projects/metrics");
    const QString searchEndpoint = QStringLiteral("POST /v1/users/search");
    const QString sessionsEndpoint = QStringLiteral("GET /v1/sessions?user_id=");
    const QString users = QStringLiteral("users");
    using K = MetricKind;
    info.metrics = {
        MetricSpec{QString::fromLatin1(kUsersTotal), users, K::Gauge, {},
                   QStringLiteral("Users in the project (USER_COUNT), read at each poll."), metricsEndpoint},
        MetricSpec{QString::fromLatin1(kOrganizationsTotal), QStringLiteral("organizations"), K::Gauge, {},
                   QStringLiteral("Organizations in the project (ORGANIZATION_COUNT; B2B projects), when Stytch "
                                  "reports it."),
                   metricsEndpoint},
        MetricSpec{QString::fromLatin1(kMembersTotal), QStringLiteral("members"), K::Gauge, {},
                   QStringLiteral("Organization members (MEMBER_COUNT; B2B projects), when Stytch reports it."),
                   metricsEndpoint},
        MetricSpec{QString::fromLatin1(kM2mClientsTotal), QStringLiteral("clients"), K::Gauge, {},
                   QStringLiteral("Machine-to-machine clients (M2M_CLIENT_COUNT), when Stytch reports it."),
                   metricsEndpoint},
        MetricSpec{QString::fromLatin1(kSignups), users, K::Counter, {},
                   QStringLiteral("Users created per UTC day (created_at_between the day's 00:00Z and the next "
                                  "day's), as they exist now: users deleted since are no longer counted."),
                   searchEndpoint},
        MetricSpec{QString::fromLatin1(kUsersWithFactor), users, K::Gauge, {QStringLiteral("factor")},
                   QStringLiteral("Users with a verified factor of this kind (totp, phone, webauthn, email, "
                                  "crypto_wallet; password = has a password): enrolment, not use."),
                   searchEndpoint},
        MetricSpec{QString::fromLatin1(kUsersByStatus), users, K::Gauge, {QStringLiteral("status")},
                   QStringLiteral("Users by status: active, or pending (created but never authenticated)."),
                   searchEndpoint},
        MetricSpec{QString::fromLatin1(kSessionsActive), QStringLiteral("sessions"), K::Gauge, {},
                   QStringLiteral("Active sessions of the users listed in session_user_ids (opt-in sample)."),
                   sessionsEndpoint},
        MetricSpec{QString::fromLatin1(kSessionsDurationAvg), QStringLiteral("seconds"), K::Gauge, {},
                   QStringLiteral("Average of last_accessed_at − started_at over those sessions: how long the "
                                  "sampled users' sessions have lasted so far."),
                   sessionsEndpoint},
        MetricSpec{QString::fromLatin1(kSessionsWithFactor), QStringLiteral("sessions"), K::Gauge,
                   {QStringLiteral("factor")},
                   QStringLiteral("Sampled sessions authenticated with this factor type (otp, totp, webauthn, "
                                  "password, oauth, …)."),
                   sessionsEndpoint},
        MetricSpec{QString::fromLatin1(kSessionsMultiFactor), QStringLiteral("sessions"), K::Gauge, {},
                   QStringLiteral("Sampled sessions with two or more distinct factor types (MFA in use)."),
                   sessionsEndpoint},
    };
    info.defaultInterval = std::chrono::hours(1);
    info.minInterval = std::chrono::minutes(5);
    info.maxBackfillDays = kMaxBackfillDays;
    // User search: 150 requests/minute per project at Stytch. Planned at 60, one request at a time, so the
    // user's own backend keeps most of the allowance.
    info.budget = connector::RequestBudget{60, std::chrono::seconds(60), 1};
    return info;
}

void StytchConnector::testConnection(FetchSession &session, TestDone done)
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
    auto request = makeRequest(settings.value(), session.credential(kSecret), QStringLiteral("/v1/projects/metrics"),
                               {}, QByteArray(), m_timeout, m_maxRetries);
    if (!request) {
        refuse(request.error());
        return;
    }
    // The project's totals answer whether the credentials work; one user search then tells whether Stytch
    // returns totals at all (-1 when disabled), without which most metrics cannot be counted. Both requests are
    // made here, so the callbacks need nothing of the session.
    auto search = makeRequest(settings.value(), session.credential(kSecret), QStringLiteral("/v1/users/search"), {},
                              allUsersSearchBody(), m_timeout, m_maxRetries);
    if (!search) {
        refuse(search.error());
        return;
    }
    const Settings resolved = settings.value();
    net::HttpClient *http = &session.http();
    const Clock *clock = &session.clock();
    http->send(std::move(request).value(), nullptr,
               [done, resolved, http, clock, next = std::move(search).value()](Result<net::HttpResponse> response) {
        if (!response) {
            done(describe(response.error(), clock->nowMs()));
            return;
        }
        auto totals = mapProjectMetrics(response->body, 0);
        if (!totals) {
            done(totals.error());
            return;
        }
        http->send(next, nullptr, [done, clock, resolved](Result<net::HttpResponse> answer) {
            if (!answer) {
                done(describe(answer.error(), clock->nowMs()));
                return;
            }
            auto total = searchTotal(answer->body);
            if (!total) {
                done(total.error());
                return;
            }
            if (total.value() == kTotalsDisabled) {
                done(totalsDisabledError());
                return;
            }
            qCInfo(lcStytch) << "connection test passed for" << resolved.projectId
                             << (resolved.live ? "(live)" : "(test)") << total.value() << "users";
            done(Status());
        });
    });
}

void StytchConnector::fetch(FetchSession &session, const FetchWindow &window, FetchDone done)
{
    auto run = std::make_shared<Run>(session, std::move(done));
    run->timeout = m_timeout;
    run->maxRetries = m_maxRetries;
    run->startedMs = session.clock().nowMs();
    run->snapshotTs = minuteStartMs(run->startedMs);
    auto settings = parseSettings(session.service().settings, session.service().baseUrl);
    if (!settings) {
        run->finish(settings.error());
        return;
    }
    run->settings = std::move(settings).value();
    if (!session.credential(kSecret) || session.credential(kSecret)->isEmpty()) {
        run->finish(missingSecret());
        return;
    }
    const auto [first, last] = daysFor(window);
    run->plan = makePlan(run->settings, first, last);
    run->index = run->resumeIndex(window.cursor);
    qCInfo(lcStytch).noquote() << QStringLiteral("fetching %1: days %2 .. %3, %4 requests planned, from #%5")
                                      .arg(run->settings.projectId, dayText(first), dayText(last))
                                      .arg(run->plan.size())
                                      .arg(run->index);
    step(run);
}

void StytchConnector::step(const std::shared_ptr<Run> &run)
{
    if (!run || run->finished)
        return;
    if (run->index >= run->plan.size()) {
        if (run->totalsDisabled > 0)
            qCWarning(lcStytch) << "Stytch returned no totals (results_metadata.total = -1) for"
                                << run->totalsDisabled << "searches: signups and factor counts are not available"
                                << "for project" << run->settings.projectId;
        run->result.cursor = {};
        run->result.complete = true;
        run->finish(std::move(run->result));
        return;
    }
    const bool outOfTime = run->session.clock().nowMs() - run->startedMs
                           > std::chrono::duration_cast<std::chrono::milliseconds>(kMaxFetchDuration).count();
    if (outOfTime || !run->session.spendRequest()) {
        run->pause();
        return;
    }
    const Planned planned = run->plan.at(run->index);
    QString path = QStringLiteral("/v1/users/search");
    QUrlQuery query;
    QByteArray body;
    switch (planned.kind) {
    case Kind::Metrics:
        path = QStringLiteral("/v1/projects/metrics");
        break;
    case Kind::Factor:
        body = filterSearchBody(filterFor(planned.key), true);
        break;
    case Kind::Status:
        body = statusSearchBody(planned.key);
        break;
    case Kind::Sessions:
        path = QStringLiteral("/v1/sessions");
        query.addQueryItem(QStringLiteral("user_id"), planned.key);
        break;
    case Kind::Signups:
        body = signupSearchBody(planned.day);
        break;
    }
    auto request = makeRequest(run->settings, run->session.credential(kSecret), path, query, body, run->timeout,
                               run->maxRetries);
    if (!request) {
        run->finish(request.error());
        return;
    }
    run->session.http().send(std::move(request).value(), nullptr, [run, planned](Result<net::HttpResponse> response) {
        if (run->finished)
            return;
        if (!response) {
            const Error &error = response.error();
            // A listed user that no longer exists has no sessions; the others still count.
            if (planned.kind == Kind::Sessions && error.httpStatus == 404) {
                qCWarning(lcStytch) << "session_user_ids: Stytch does not know user" << planned.key << "- skipped";
                net::HttpResponse empty;
                empty.body = QByteArrayLiteral("{\"sessions\":[]}");
                run->onAnswer(planned, empty);
                step(run);
                return;
            }
            run->finish(describe(error, run->session.clock().nowMs()));
            return;
        }
        run->onAnswer(planned, response.value());
        step(run);
    });
}

} // namespace stackscope::connectors::stytch
