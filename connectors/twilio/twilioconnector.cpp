#include "twilioconnector.h"

#include "twiliomapper.h"

#include "net/httpclient.h"
#include "secrets/securebytes.h"
#include "util/clock.h"

#include <QJsonObject>
#include <QLoggingCategory>
#include <QMetaObject>
#include <QRegularExpression>
#include <QUrl>

#include <algorithm>

namespace stackscope::connectors::twilio {

Q_LOGGING_CATEGORY(lcTwilio, "stackscope.connector.twilio", QtInfoMsg)

using connector::ConnectorInfo;
using connector::FetchResult;
using connector::FetchSession;
using connector::FetchWindow;
using connector::FieldSpec;
using connector::MetricSpec;

namespace {

const QString kAccountSid = QStringLiteral("account_sid");
const QString kApiKeySid = QStringLiteral("api_key_sid");
const QString kAuthToken = QStringLiteral("auth_token");
const QString kResources = QStringLiteral("resources");
constexpr int kCursorVersion = 1;

enum class Stage { Usage, Messages, Calls, Done };

QString stageName(Stage stage)
{
    switch (stage) {
    case Stage::Usage: return QStringLiteral("usage");
    case Stage::Messages: return QStringLiteral("messages");
    case Stage::Calls: return QStringLiteral("calls");
    case Stage::Done: return QStringLiteral("done");
    }
    return {};
}

std::optional<Stage> stageFromName(const QString &name)
{
    for (Stage stage : {Stage::Usage, Stage::Messages, Stage::Calls}) {
        if (stageName(stage) == name)
            return stage;
    }
    return std::nullopt;
}

// Everything a request needs from the service's configuration.
struct Account
{
    QString sid;       // AC…: the account in every path
    QByteArray user;   // AC… or SK…: the Basic user name
    bool apiKey = false;
    bool messages = true;
    bool calls = true;
    bool usage = true;
};

Result<Account> resolveAccount(const FetchSession &session)
{
    static const QRegularExpression accountPattern(QStringLiteral("^AC[0-9a-fA-F]{32}$"));
    static const QRegularExpression keyPattern(QStringLiteral("^SK[0-9a-fA-F]{32}$"));
    const auto &settings = session.service().settings;
    Account account;
    account.sid = settings.value(kAccountSid).trimmed();
    if (!accountPattern.match(account.sid).hasMatch())
        return Error::make(Error::Code::Config,
                           QStringLiteral("The Twilio Account SID must be \"AC\" followed by 32 hexadecimal digits "
                                          "(Twilio Console, Account Info)."),
                           QStringLiteral("twilio: account_sid setting malformed"));
    const QString keySid = settings.value(kApiKeySid).trimmed();
    if (!keySid.isEmpty() && !keyPattern.match(keySid).hasMatch())
        return Error::make(Error::Code::Config,
                           QStringLiteral("The Twilio API key SID must be \"SK\" followed by 32 hexadecimal digits."),
                           QStringLiteral("twilio: api_key_sid setting malformed"));
    account.apiKey = !keySid.isEmpty();
    account.user = (account.apiKey ? keySid : account.sid).toLatin1();

    const QString resources = settings.value(kResources).trimmed();
    if (!resources.isEmpty()) {
        account.messages = account.calls = account.usage = false;
        for (const QString &part : resources.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            const QString name = part.trimmed().toLower();
            if (name == QLatin1String("messages"))
                account.messages = true;
            else if (name == QLatin1String("calls"))
                account.calls = true;
            else if (name == QLatin1String("usage"))
                account.usage = true;
            else
                return Error::make(Error::Code::Config,
                                   QStringLiteral("Unknown Twilio resource \"%1\" in the resources setting; use "
                                                  "messages, calls and/or usage.").arg(name),
                                   QStringLiteral("twilio: resources setting malformed"));
        }
        if (!account.messages && !account.calls && !account.usage)
            return Error::make(Error::Code::Config, QStringLiteral("The resources setting names nothing to read."),
                               QStringLiteral("twilio: resources setting empty"));
    }
    return account;
}


// `pathAndQuery` is already percent-encoded ("/2010-04-01/…?DateSent%3E=…"); it goes under the base URL's path,
// so a proxy base such as https://proxy.example/twilio keeps its prefix.
QUrl apiUrl(const QUrl &base, const QByteArray &pathAndQuery)
{
    const QByteArray prefix = base.toEncoded(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment
                                             | QUrl::StripTrailingSlash);
    return QUrl::fromEncoded(prefix + pathAndQuery, QUrl::StrictMode);
}

QByteArray queryPair(const char *name, const QString &value)
{
    return QUrl::toPercentEncoding(QString::fromLatin1(name)) + '=' + QUrl::toPercentEncoding(value);
}

QByteArray accountPath(const Account &account)
{
    return "/2010-04-01/Accounts/" + account.sid.toLatin1();
}

// Twilio's next_page_uri, checked before it is followed: a path of the same account's API under our base URL.
// An absolute URL is accepted only on the base's host or api.twilio.com, and only its path and query are kept.
std::optional<QByteArray> checkedNextPage(const QString &uri, const Account &account, const QUrl &base)
{
    QString relative = uri;
    if (!uri.startsWith(QLatin1Char('/'))) {
        const QUrl absolute(uri, QUrl::StrictMode);
        if (!absolute.isValid() || absolute.scheme() != QLatin1String("https")
            || (absolute.host().compare(base.host(), Qt::CaseInsensitive) != 0
                && absolute.host().compare(QLatin1String("api.twilio.com"), Qt::CaseInsensitive) != 0))
            return std::nullopt;
        relative = QString::fromLatin1(absolute.toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority
                                                          | QUrl::RemoveFragment));
    }
    const QByteArray bytes = relative.toLatin1();
    if (QString::fromLatin1(bytes) != relative || !bytes.startsWith(QByteArray(accountPath(account) + '/'))
        || bytes.contains("..") || bytes.contains('#') || bytes.contains("//") || bytes.size() > 4096)
        return std::nullopt;
    if (std::any_of(bytes.cbegin(), bytes.cend(), [](char c) { return c <= ' ' || c == '\x7f'; }))
        return std::nullopt;
    return bytes;
}

// "Twilio rejected the credentials: Authenticate (20003)." from Twilio's error body when the client passed it on,
// otherwise the client's own words.
Error describe(Error error, const Account *account)
{
    const std::optional<TwilioError> vendor = parseTwilioError(error.vendorBody);
    QString words;
    if (vendor) {
        words = vendor->message.isEmpty() ? QStringLiteral("error") : vendor->message;
        while (words.endsWith(QLatin1Char('.')))
            words.chop(1);
        if (vendor->code != 0)
            words += QStringLiteral(" (%1)").arg(vendor->code);
    }
    const QString hint = account && account->apiKey
                             ? QStringLiteral(" Check the API key SID, its secret and that the key belongs to "
                                              "this account.")
                             : QStringLiteral(" Check the Account SID and the Auth Token.");
    switch (error.code) {
    case Error::Code::Auth:
        error.userMessage = (vendor ? QStringLiteral("Twilio rejected the credentials: %1.").arg(words)
                                    : QStringLiteral("Twilio rejected the credentials (HTTP %1).")
                                          .arg(error.httpStatus ? error.httpStatus : 401))
                            + hint;
        break;
    case Error::Code::RateLimited:
        if (vendor)
            error.userMessage = QStringLiteral("Twilio is limiting requests: %1.").arg(words)
                                + (error.retryAfter ? QStringLiteral(" Trying again in %1 s.")
                                                          .arg((error.retryAfter->count() + 999) / 1000)
                                                    : QString());
        break;
    case Error::Code::Config:
        if (vendor && error.httpStatus > 0)
            error.userMessage = QStringLiteral("Twilio refused the request (HTTP %1): %2.")
                                    .arg(QString::number(error.httpStatus), words);
        break;
    default:
        if (vendor && error.httpStatus > 0)
            error.userMessage = QStringLiteral("Twilio answered with an error (HTTP %1): %2.")
                                    .arg(QString::number(error.httpStatus), words);
        break;
    }
    return error;
}

Error missingSecret()
{
    return Error::make(Error::Code::Auth, QStringLiteral("The Twilio Auth Token (or API key secret) is not set."),
                       QStringLiteral("twilio: auth_token credential missing"));
}

QString listPath(Stage stage)
{
    switch (stage) {
    case Stage::Usage: return QStringLiteral("Usage/Records/Daily.json");
    case Stage::Messages: return QStringLiteral("Messages.json");
    case Stage::Calls: return QStringLiteral("Calls.json");
    case Stage::Done: break;
    }
    return {};
}

} // namespace

// ---- One fetch --------------------------------------------------------------------------------------------

struct TwilioConnector::Run
{
    FetchSession &session;
    FetchDone done;
    Account account;
    QUrl base;
    std::chrono::milliseconds timeout;
    int maxRetries = 2;

    // The plan and where it stands (what the cursor keeps).
    QDate from;
    QDate to;
    Stage stage = Stage::Done;
    QDate day;
    QByteArray next;       // Twilio's next_page_uri for the current list, empty for its first page
    bool resumedPage = false; // `next` came from a cursor: it may have expired
    DayTally tally;

    int requests = 0;
    qint64 startedMs = 0;
    FetchResult result;
    bool finished = false;

    Run(FetchSession &s, FetchDone d) : session(s), done(std::move(d)) {}

    QJsonObject cursor() const
    {
        if (stage == Stage::Done)
            return {};
        QJsonObject object{{QStringLiteral("v"), kCursorVersion},
                           {QStringLiteral("account"), account.sid},
                           {QStringLiteral("from"), dayText(from)},
                           {QStringLiteral("to"), dayText(to)},
                           {QStringLiteral("stage"), stageName(stage)}};
        if (stage != Stage::Usage)
            object.insert(QStringLiteral("day"), dayText(day));
        if (!next.isEmpty())
            object.insert(QStringLiteral("next"), QString::fromLatin1(next));
        if (!tally.isEmpty())
            object.insert(QStringLiteral("tally"), tally.toJson());
        return object;
    }

    // The first day-stage of `d`, or Done before the plan's first day. Days go newest first, so a long backfill
    // shows today's figures after its first fetch.
    void enterDay(QDate d)
    {
        day = d;
        next.clear();
        tally.clear();
        if (day < from || !day.isValid())
            stage = Stage::Done;
        else if (account.messages)
            stage = Stage::Messages;
        else if (account.calls)
            stage = Stage::Calls;
        else
            stage = Stage::Done;
    }

    void advance()
    {
        next.clear();
        tally.clear();
        if (stage == Stage::Usage)
            enterDay(to);
        else if (stage == Stage::Messages && account.calls)
            stage = Stage::Calls;
        else
            enterDay(day.addDays(-1));
    }

    void startPlan()
    {
        if (account.usage) {
            stage = Stage::Usage;
            next.clear();
            tally.clear();
        } else {
            enterDay(to);
        }
    }

    // Always from the event loop, on the client's (the session's) thread: never inside fetch() itself.
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
};

namespace {

// [first, last] day of the window: the previous day is always re-read (late delivery receipts, usage that is
// still being rated), and no more than kMaxBackfillDays back.
std::pair<QDate, QDate> planFor(const FetchWindow &window, int maxDays)
{
    const QDate today = utcDay(window.toMs);
    QDate first = utcDay(std::min(window.fromMs, window.toMs));
    first = std::min(first, today.addDays(-1));
    first = std::max(first, today.addDays(-maxDays));
    return {first, today};
}

} // namespace

TwilioConnector::TwilioConnector() : m_info(makeInfo())
{
}

TwilioConnector::~TwilioConnector() = default;

const ConnectorInfo &TwilioConnector::info() const
{
    return m_info;
}

ConnectorInfo TwilioConnector::makeInfo()
{
    ConnectorInfo info;
    info.typeId = QStringLiteral("twilio");
    info.displayName = QStringLiteral("Twilio");
    info.defaultBaseUrl = QStringLiteral("https://api.twilio.com");
    info.credentials = {
        FieldSpec{kAuthToken, QStringLiteral("Auth Token or API key secret"),
                  QStringLiteral("Twilio Console > Account Info: Auth Token; or, better, the secret of an API key "
                                 "(Admin > Account management > API keys & tokens), shown once when the key is made."),
                  true, true, {}},
    };
    info.settings = {
        FieldSpec{kAccountSid, QStringLiteral("Account SID"),
                  QStringLiteral("Twilio Console > Account Info: \"AC\" followed by 32 hexadecimal digits."), false,
                  true, {}},
        FieldSpec{kApiKeySid, QStringLiteral("API key SID (optional)"),
                  QStringLiteral("\"SK…\": set it when the secret is an API key's rather than the Auth Token."),
                  false, false, {}},
        FieldSpec{kResources, QStringLiteral("Resources to read"),
                  QStringLiteral("Comma-separated: messages, calls, usage (default: all three)."), false, false,
                  QStringLiteral("messages,calls,usage")},
    };
    const QString messagesEndpoint = QStringLiteral("GET /2010-04-01/Accounts/{AccountSid}/Messages.json");
    const QString callsEndpoint = QStringLiteral("GET /2010-04-01/Accounts/{AccountSid}/Calls.json");
    const QString usageEndpoint = QStringLiteral("GET /2010-04-01/Accounts/{AccountSid}/Usage/Records/Daily.json");
    const QString status = QStringLiteral("status"), direction = QStringLiteral("direction"),
                  type = QStringLiteral("type"), country = QStringLiteral("country"),
                  errorCode = QStringLiteral("error_code"), category = QStringLiteral("category"),
                  unit = QStringLiteral("unit"), currency = QStringLiteral("currency");
    using K = MetricKind;
    info.metrics = {
        MetricSpec{QString(kSmsMessages), QStringLiteral("messages"), K::Counter, {status, direction, type},
                   QStringLiteral("Messages per UTC day of date_sent, by status (every status, zero-filled), "
                                  "direction and type (sms, mms, or the channel such as whatsapp)."),
                   messagesEndpoint},
        MetricSpec{QString(kSmsSent), QStringLiteral("messages"), K::Counter, {country},
                   QStringLiteral("Outbound messages per UTC day, whatever their status, by destination country "
                                  "(from the E.164 prefix of \"to\")."),
                   messagesEndpoint},
        MetricSpec{QString(kSmsDelivered), QStringLiteral("messages"), K::Counter, {country},
                   QStringLiteral("Outbound messages per UTC day now delivered (or read), by destination country."),
                   messagesEndpoint},
        MetricSpec{QString(kSmsFailed), QStringLiteral("messages"), K::Counter, {country},
                   QStringLiteral("Outbound messages per UTC day now failed or undelivered, by destination country."),
                   messagesEndpoint},
        MetricSpec{QString(kSmsDeliveryRate), QStringLiteral("percent"), K::Gauge, {},
                   QStringLiteral("Outbound delivered / (delivered + failed + undelivered) per UTC day; messages "
                                  "still on their way are left out."),
                   messagesEndpoint},
        MetricSpec{QString(kSmsErrors), QStringLiteral("messages"), K::Counter, {errorCode, direction, type},
                   QStringLiteral("Messages per UTC day carrying a Twilio error_code, by code, direction and type."),
                   messagesEndpoint},
        MetricSpec{QString(kSmsErrorRate), QStringLiteral("percent"), K::Gauge, {errorCode},
                   QStringLiteral("Outbound messages with this error_code / all outbound messages, per UTC day."),
                   messagesEndpoint},
        MetricSpec{QString(kSmsSegments), QStringLiteral("segments"), K::Counter, {direction},
                   QStringLiteral("Message segments (num_segments, what SMS is billed by) per UTC day."),
                   messagesEndpoint},
        MetricSpec{QString(kCalls), QStringLiteral("calls"), K::Counter, {status, direction},
                   QStringLiteral("Calls per UTC day of start_time, by status (every status, zero-filled) and "
                                  "direction; each leg of a forwarded call is its own call."),
                   callsEndpoint},
        MetricSpec{QString(kCallMinutes), QStringLiteral("minutes"), K::Counter, {direction},
                   QStringLiteral("Talk time per UTC day: the sum of the calls' duration, unrounded (billing "
                                  "rounds each call up; see twilio.usage.usage{category=calls})."),
                   callsEndpoint},
        MetricSpec{QString(kCallSuccessRate), QStringLiteral("percent"), K::Gauge, {direction},
                   QStringLiteral("completed / (completed + busy + failed + no-answer + canceled) per UTC day; "
                                  "calls still ringing or in progress are left out."),
                   callsEndpoint},
        MetricSpec{QString(kUsageCost), QStringLiteral("currency"), K::Counter, {category, currency},
                   QStringLiteral("Price per usage category and UTC day, in the account's currency (label "
                                  "currency); category totalprice is the day's total."),
                   usageEndpoint},
        MetricSpec{QString(kUsageCount), QStringLiteral("count"), K::Counter, {category, unit},
                   QStringLiteral("Usage record count per category and UTC day (unit = count_unit: calls, "
                                  "messages, …)."),
                   usageEndpoint},
        MetricSpec{QString(kUsageAmount), QStringLiteral("usage"), K::Counter, {category, unit},
                   QStringLiteral("Usage record usage per category and UTC day (unit = usage_unit: minutes for "
                                  "calls, segments for SMS, …)."),
                   usageEndpoint},
    };
    info.defaultInterval = std::chrono::seconds(900);
    info.minInterval = std::chrono::seconds(300);
    info.maxBackfillDays = kMaxBackfillDays;
    // Twilio limits concurrent requests per account rather than a rate (HTTP 429, error 20429); one request at
    // a time and at most one a second keeps well inside it.
    info.budget = connector::RequestBudget{60, std::chrono::seconds(60), 1};
    return info;
}

namespace {

// A GET with Basic credentials built from the secret at the call; the temporary holding "user:secret" is wiped.
net::HttpRequest makeRequest(const QUrl &url, const Account &account, const secrets::SecureBytes &secret,
                             std::chrono::milliseconds timeout, int maxRetries)
{
    net::HttpRequest request;
    request.url = url;
    request.timeout = timeout;
    request.maxRetries = maxRetries;
    QByteArray userPass;
    userPass.reserve(account.user.size() + 1 + qsizetype(secret.size()));
    userPass.append(account.user).append(':').append(secret.view());
    request.headers.append({QByteArrayLiteral("Authorization"), "Basic " + userPass.toBase64()});
    secrets::wipe(userPass);
    request.headers.append({QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json")});
    request.secrets << QString::fromUtf8(secret.view());
    return request;
}

} // namespace

void TwilioConnector::testConnection(FetchSession &session, TestDone done)
{
    auto refuse = [&session, &done](Error error) {
        QMetaObject::invokeMethod(
            &session.http(), [done, error]() { done(error); }, Qt::QueuedConnection);
    };
    auto account = resolveAccount(session);
    if (!account) {
        refuse(account.error());
        return;
    }
    const secrets::SecureBytes *secret = session.credential(kAuthToken);
    if (!secret || secret->isEmpty()) {
        refuse(missingSecret());
        return;
    }
    // A standard API key may not read the Account resource itself, so with a key the cheapest list stands in.
    const QByteArray path = account->apiKey
                                ? QByteArray(accountPath(*account) + "/Usage/Records/Today.json?"
                                             + queryPair("Category", QStringLiteral("totalprice")) + '&'
                                             + queryPair("PageSize", QStringLiteral("1")))
                                : QByteArray(accountPath(*account) + ".json");
    net::HttpRequest request = makeRequest(apiUrl(session.baseUrl(), path), *account, *secret, m_timeout, m_maxRetries);
    const Account resolved = account.value();
    session.http().send(std::move(request), nullptr, [done, resolved](Result<net::HttpResponse> response) {
        if (!response) {
            done(describe(response.error(), &resolved));
            return;
        }
        if (resolved.apiKey) {
            SampleBatch samples;
            auto page = usageRecordsPage(response->body, QDate(), QDate(), samples);
            done(page ? Status() : Status(page.error()));
            return;
        }
        auto parsed = parseAccount(response->body);
        if (!parsed) {
            done(parsed.error());
            return;
        }
        if (parsed->status != QLatin1String("active") && !parsed->status.isEmpty()) {
            done(Error::make(Error::Code::Config,
                             QStringLiteral("The Twilio account %1 (%2) is %3; it has no traffic to read.")
                                 .arg(parsed->sid, parsed->friendlyName, parsed->status)));
            return;
        }
        qCInfo(lcTwilio) << "connection test passed for account" << parsed->sid << parsed->type;
        done(Status());
    });
}

void TwilioConnector::fetch(FetchSession &session, const FetchWindow &window, FetchDone done)
{
    auto run = std::make_shared<Run>(session, std::move(done));
    run->timeout = m_timeout;
    run->maxRetries = m_maxRetries;
    run->base = session.baseUrl();
    run->startedMs = session.clock().nowMs();
    auto account = resolveAccount(session);
    if (!account) {
        run->finish(account.error());
        return;
    }
    run->account = account.value();
    if (!session.credential(kAuthToken) || session.credential(kAuthToken)->isEmpty()) {
        run->finish(missingSecret());
        return;
    }

    const auto [first, last] = planFor(window, kMaxBackfillDays);
    run->from = first;
    run->to = last;
    run->startPlan();

    // A stopped fetch goes on where it stopped, as long as the cursor is ours and still makes sense.
    const QJsonObject &cursor = window.cursor;
    if (!cursor.isEmpty()) {
        const QDate savedFrom = parseDay(cursor.value(QStringLiteral("from")).toString());
        const std::optional<Stage> stage = stageFromName(cursor.value(QStringLiteral("stage")).toString());
        const QDate day = parseDay(cursor.value(QStringLiteral("day")).toString());
        auto tally = DayTally::fromJson(cursor.value(QStringLiteral("tally")).toArray());
        const QString next = cursor.value(QStringLiteral("next")).toString();
        const bool usable = cursor.value(QStringLiteral("v")).toInt() == kCursorVersion
                            && cursor.value(QStringLiteral("account")).toString() == run->account.sid
                            && savedFrom.isValid() && stage && tally
                            && (*stage == Stage::Usage || day.isValid())
                            && ((*stage == Stage::Usage && run->account.usage)
                                || (*stage == Stage::Messages && run->account.messages)
                                || (*stage == Stage::Calls && run->account.calls));
        if (!usable) {
            qCInfo(lcTwilio) << "ignoring a saved position that does not fit this service's settings";
        } else {
            run->from = std::max(savedFrom, last.addDays(-kMaxBackfillDays));
            run->stage = *stage;
            run->day = day;
            run->tally = std::move(tally).value();
            if (!next.isEmpty()) {
                if (auto checked = checkedNextPage(next, run->account, run->base)) {
                    run->next = *checked;
                    run->resumedPage = true;
                }
            }
            if (run->next.isEmpty())
                run->tally.clear(); // no page to go on from: the day starts over
            if (*stage != Stage::Usage && (day < run->from || day > run->to))
                run->enterDay(std::min(day, run->to));
            else if (*stage == Stage::Usage && savedFrom < run->from)
                run->startPlan();
        }
    }
    qCInfo(lcTwilio).noquote() << QStringLiteral("fetching %1 .. %2 from %3 %4")
                                      .arg(dayText(run->from), dayText(run->to), stageName(run->stage),
                                           run->stage == Stage::Usage ? QString() : dayText(run->day));
    step(run);
}

void TwilioConnector::step(const std::shared_ptr<Run> &run)
{
    if (run->finished)
        return;
    if (run->stage == Stage::Done) {
        run->result.cursor = {};
        run->result.complete = true;
        run->finish(std::move(run->result));
        return;
    }
    const secrets::SecureBytes *secret = run->session.credential(kAuthToken);
    if (!secret) {
        run->finish(missingSecret());
        return;
    }
    // Paused in time to hand its progress back well inside the scheduler's run deadline, even when Twilio is slow.
    const bool outOfTime = run->session.clock().nowMs() - run->startedMs
                           > std::chrono::duration_cast<std::chrono::milliseconds>(kMaxFetchDuration).count();
    if (run->requests >= kMaxPagesPerFetch || outOfTime || !run->session.spendRequest()) {
        qCInfo(lcTwilio).noquote() << QStringLiteral("pausing after %1 requests; going on later at %2 %3")
                                          .arg(QString::number(run->requests), stageName(run->stage),
                                               run->stage == Stage::Usage ? QString() : dayText(run->day));
        run->result.cursor = run->cursor();
        run->result.complete = false;
        run->finish(std::move(run->result));
        return;
    }

    QByteArray path = run->next;
    if (path.isEmpty()) {
        path = accountPath(run->account) + '/' + listPath(run->stage).toLatin1() + '?';
        switch (run->stage) {
        case Stage::Usage:
            path += queryPair("StartDate", dayText(run->from)) + '&' + queryPair("EndDate", dayText(run->to));
            break;
        case Stage::Messages:
            // "DateSent>" / "DateSent<" are the parameter names (on or after / on or before the day).
            path += queryPair("DateSent>", dayText(run->day)) + '&' + queryPair("DateSent<", dayText(run->day));
            break;
        case Stage::Calls:
            path += queryPair("StartTime>", dayText(run->day)) + '&' + queryPair("StartTime<", dayText(run->day));
            break;
        case Stage::Done:
            break;
        }
        path += '&' + queryPair("PageSize", QString::number(kPageSize));
    }
    const QUrl url = apiUrl(run->base, path);
    if (!url.isValid()) {
        run->finish(Error::make(Error::Code::Config, QStringLiteral("The Twilio base URL %1 cannot be used.")
                                                         .arg(run->base.toString(QUrl::RemoveUserInfo))));
        return;
    }
    ++run->requests;
    net::HttpRequest request = makeRequest(url, run->account, *secret, run->timeout, run->maxRetries);
    run->session.http().send(std::move(request), nullptr, [run, path](Result<net::HttpResponse> response) {
        if (run->finished)
            return;
        if (!response) {
            // A page token kept across fetches may have expired: that day starts over once.
            if (run->resumedPage && response.error().code == Error::Code::Config) {
                qCInfo(lcTwilio) << "a saved page could not be read again; restarting" << stageName(run->stage)
                                 << dayText(run->day);
                run->resumedPage = false;
                run->next.clear();
                run->tally.clear();
                step(run);
                return;
            }
            run->finish(describe(response.error(), &run->account));
            return;
        }
        run->resumedPage = false;
        Result<PageSummary> page = PageSummary{};
        switch (run->stage) {
        case Stage::Usage:
            page = usageRecordsPage(response->body, run->from, run->to, run->result.samples);
            break;
        case Stage::Messages:
            page = tallyMessagesPage(response->body, run->day, run->tally);
            break;
        case Stage::Calls:
            page = tallyCallsPage(response->body, run->day, run->tally);
            break;
        case Stage::Done:
            break;
        }
        if (!page) {
            Error error = page.error();
            error.detail += QStringLiteral(" (%1)").arg(QString::fromLatin1(path.left(path.indexOf('?'))));
            run->finish(std::move(error));
            return;
        }
        if (page->items != page->counted)
            qCDebug(lcTwilio).noquote()
                << QStringLiteral("%1 %2 outside %3 left out")
                       .arg(QString::number(page->items - page->counted), stageName(run->stage),
                            run->stage == Stage::Usage ? QStringLiteral("the range") : dayText(run->day));
        if (!page->nextPageUri.isEmpty()) {
            const std::optional<QByteArray> next = checkedNextPage(page->nextPageUri, run->account, run->base);
            if (!next || *next == path) {
                run->finish(Error::make(Error::Code::Parse,
                                        QStringLiteral("Twilio's answer could not be read: its next_page_uri does "
                                                       "not lead to the next page of this account's list."),
                                        QStringLiteral("twilio: next_page_uri refused")));
                return;
            }
            run->next = *next;
        } else {
            if (run->stage == Stage::Messages)
                run->result.samples += messageSamples(run->tally, run->day);
            else if (run->stage == Stage::Calls)
                run->result.samples += callSamples(run->tally, run->day);
            run->advance();
        }
        step(run);
    });
}

} // namespace stackscope::connectors::twilio
