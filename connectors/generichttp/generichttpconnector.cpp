#include "generichttpconnector.h"

#include "generichttpmapper.h"

#include "net/httpclient.h"
#include "secrets/securebytes.h"
#include "util/clock.h"

#include <QLoggingCategory>
#include <QSet>

#include <memory>

namespace stackscope::connectors::generichttp {

Q_LOGGING_CATEGORY(lcGenericHttp, "stackscope.connector.generichttp", QtInfoMsg)

namespace {

using connector::FetchResult;
using connector::FetchSession;

// Cursor keys: where an interrupted pagination (request budget used up) goes on.
const QString kCursorUrl = QStringLiteral("url");
const QString kCursorNextUrl = QStringLiteral("next_url");
const QString kCursorPages = QStringLiteral("pages");

const secrets::SecureBytes *credential(FetchSession &session, const char *field)
{
    const secrets::SecureBytes *value = session.credential(QString::fromLatin1(field));
    return value && !value->isEmpty() ? value : nullptr;
}

// Printable ASCII; spaces only where `spaces` allows them (a header value may hold "Token abc").
bool isHeaderSafe(QByteArrayView bytes, bool spaces)
{
    for (char c : bytes) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u >= 0x7f || (u == 0x20 && !spaces))
            return false;
    }
    return !bytes.isEmpty();
}

// The credential headers, built from the SecureBytes here; they live only inside the request (moved into the
// client, dropped when it is done), and every secret is in request.secrets so no log line or message shows it.
Status authorize(FetchSession &session, const Settings &settings, net::HttpRequest &request)
{
    const secrets::SecureBytes *token = credential(session, "bearer_token");
    const secrets::SecureBytes *user = credential(session, "basic_username");
    const secrets::SecureBytes *password = credential(session, "basic_password");
    const secrets::SecureBytes *headerValue = credential(session, "header_value");
    if (token && (user || password))
        return Error::make(Error::Code::Config, QStringLiteral("Set either a bearer token or a basic-auth user name "
                                                               "and password, not both."));
    if (password && !user)
        return Error::make(Error::Code::Config,
                           QStringLiteral("A basic-auth password is stored without a user name; store basic_username "
                                          "too."));
    if (headerValue && settings.headerName.isEmpty())
        return Error::make(Error::Code::Config, QStringLiteral("The secret header_value is stored, but the "
                                                               "header_name setting does not say which header takes it."));
    if (!headerValue && !settings.headerName.isEmpty())
        return Error::make(Error::Code::Auth, QStringLiteral("The header_name setting is %1, but its secret "
                                                             "header_value is not stored.")
                                                  .arg(QString::fromLatin1(settings.headerName)));
    if (headerValue && (token || user) && settings.headerName.compare("Authorization", Qt::CaseInsensitive) == 0)
        return Error::make(Error::Code::Config, QStringLiteral("The Authorization header would be set twice: by "
                                                               "header_name and by the bearer token or basic auth."));
    if (token) {
        if (!isHeaderSafe(token->view(), false))
            return Error::make(Error::Code::Config, QStringLiteral("The bearer token contains spaces or control "
                                                                   "characters; paste it again as issued."));
        QByteArray value = QByteArrayLiteral("Bearer ") + token->view().toByteArray();
        request.headers.append({QByteArrayLiteral("Authorization"), value});
        secrets::wipe(value);
        request.secrets.append(QString::fromUtf8(token->view()));
    } else if (user) {
        if (user->view().contains(':') || !isHeaderSafe(user->view(), true))
            return Error::make(Error::Code::Config, QStringLiteral("The basic-auth user name may not contain ':' or "
                                                                   "control characters."));
        QByteArray pair = user->view().toByteArray() + ':';
        if (password)
            pair += password->view().toByteArray();
        QByteArray encoded = pair.toBase64();
        request.headers.append({QByteArrayLiteral("Authorization"), QByteArrayLiteral("Basic ") + encoded});
        secrets::wipe(pair);
        secrets::wipe(encoded);
        if (password)
            request.secrets.append(QString::fromUtf8(password->view()));
    }
    if (headerValue) {
        if (!isHeaderSafe(headerValue->view(), true))
            return Error::make(Error::Code::Config, QStringLiteral("The header_value contains control or non-ASCII "
                                                                   "characters; paste it again as issued."));
        request.headers.append({settings.headerName, headerValue->view().toByteArray()});
        request.secrets.append(QString::fromUtf8(headerValue->view()));
    }
    return {};
}

Result<net::HttpRequest> makeRequest(FetchSession &session, const Settings &settings, const QUrl &url,
                                     std::chrono::milliseconds timeout)
{
    net::HttpRequest request;
    request.method = settings.method;
    request.url = url;
    request.body = settings.body;
    request.headers = settings.headers;
    request.timeout = timeout;
    if (Status st = authorize(session, settings, request); !st)
        return st.error();
    return request;
}

QString pageNote(int page)
{
    return page > 1 ? QStringLiteral(" (page %1)").arg(page) : QString();
}

// HttpClient words its errors for any vendor ("The service rejected the credentials (HTTP 401): …").
Error aboutRequest(Error error, const QUrl &url, int page)
{
    QString words = error.userMessage;
    static const QString generic = QStringLiteral("The service ");
    if (words.startsWith(generic))
        words = QStringLiteral("the endpoint ") + words.mid(generic.size());
    else if (!words.isEmpty())
        words[0] = words.at(0).toLower();
    error.userMessage = QStringLiteral("Fetching %1%2 failed: %3").arg(net::HttpClient::redactedUrl(url), pageNote(page), words);
    return error;
}

Error aboutAnswer(Error error, const QUrl &url, int page)
{
    QString words = error.userMessage;
    while (words.endsWith(QLatin1Char('.')))
        words.chop(1);
    error.userMessage = QStringLiteral("The answer from %1%2 could not be used: %3.")
                            .arg(net::HttpClient::redactedUrl(url), pageNote(page), words);
    return error;
}

// One fetch (or connection test) in progress: page after page until the last, max_pages, or the budget.
// Owned by the callbacks of its requests; the session outlives it (the scheduler keeps the session alive
// until `done` has run).
struct FetchRun : std::enable_shared_from_this<FetchRun>
{
    struct Outcome
    {
        FetchResult result;
        QString summary;
    };
    using Done = std::function<void(Result<Outcome>)>;

    FetchSession *session = nullptr;
    Settings settings;
    qint64 pollTimeMs = 0;
    std::chrono::milliseconds timeout{0};
    bool testOnly = false;   // one request, no budget
    QUrl next;               // the page to fetch
    int page = 0;            // pages fetched so far (this run and the run it resumes)
    int firstPage = 0;       // pages the resumed run had fetched already
    QSet<QString> visited;
    SampleBatch samples;
    Extraction totals;
    QStringList notes;
    Done done;

    void step()
    {
        if (!testOnly && !session->spendRequest()) {
            qCInfo(lcGenericHttp) << "request budget used up; resuming later at page" << page + 1;
            FetchResult partial;
            partial.complete = false;
            if (page > 0) {
                partial.cursor = {{kCursorUrl, settings.url.toString(QUrl::FullyEncoded)},
                                  {kCursorNextUrl, next.toString(QUrl::FullyEncoded)},
                                  {kCursorPages, page}};
            }
            finish(std::move(partial));
            return;
        }
        auto request = makeRequest(*session, settings, next, timeout);
        if (!request) {
            deliver(request.error());
            return;
        }
        visited.insert(next.toString(QUrl::FullyEncoded));
        ++page;
        auto self = shared_from_this();
        session->http().send(std::move(request).value(), nullptr, [self](Result<net::HttpResponse> response) {
            self->onResponse(std::move(response));
        });
    }

    void onResponse(Result<net::HttpResponse> response)
    {
        if (!response) {
            deliver(aboutRequest(response.error(), next, page));
            return;
        }
        auto document = parseBody(response->body);
        if (!document) {
            deliver(aboutAnswer(document.error(), next, page));
            return;
        }
        auto extracted = extract(document.value(), settings, pollTimeMs);
        if (!extracted) {
            deliver(aboutAnswer(extracted.error(), next, page));
            return;
        }
        auto following = nextPage(document.value(), settings, next, settings.url);
        if (!following) {
            deliver(aboutAnswer(following.error(), next, page));
            return;
        }
        totals.points += extracted->points;
        totals.nullValues += extracted->nullValues;
        if (totals.rejected == 0)
            totals.firstRejection = extracted->firstRejection;
        totals.rejected += extracted->rejected;
        totals.value = extracted->value;
        totals.where = extracted->where;
        samples.append(std::move(extracted->samples));

        const std::optional<QUrl> &nextUrl = following.value();
        if (!nextUrl) {
            finish({});
            return;
        }
        if (testOnly) {
            notes << QStringLiteral("next page announced at %1").arg(settings.nextPath->toString());
            finish({});
            return;
        }
        if (visited.contains(nextUrl->toString(QUrl::FullyEncoded))) {
            notes << QStringLiteral("stopped: %1 repeats a page already read").arg(settings.nextPath->toString());
            qCWarning(lcGenericHttp).noquote() << "pagination loop:" << settings.nextPath->toString()
                                               << "leads back to" << net::HttpClient::redactedUrl(*nextUrl);
            finish({});
            return;
        }
        if (page >= settings.maxPages) {
            notes << QStringLiteral("stopped after max_pages=%1 while more pages were announced").arg(settings.maxPages);
            qCWarning(lcGenericHttp).noquote() << "stopped after max_pages =" << settings.maxPages
                                               << "pages; the endpoint announced more";
            finish({});
            return;
        }
        if (samples.size() >= GenericHttpConnector::kMaxSamplesPerFetch) {
            notes << QStringLiteral("stopped after %1 samples while more pages were announced").arg(samples.size());
            qCWarning(lcGenericHttp) << "stopped after" << samples.size() << "samples; the endpoint announced more";
            finish({});
            return;
        }
        next = *nextUrl;
        step();
    }

    void finish(FetchResult result)
    {
        result.samples = std::move(samples);
        QString summary;
        if (page == firstPage) {
            summary = QStringLiteral("nothing yet: the request budget is used up");
        } else {
            summary = describe(totals, settings);
            if (firstPage > 0)
                summary += QStringLiteral(" from pages %1 to %2 (resumed)").arg(firstPage + 1).arg(page);
            else if (page > 1)
                summary += QStringLiteral(" over %1 pages").arg(page);
        }
        if (!notes.isEmpty())
            summary += QStringLiteral("; ") + notes.join(QStringLiteral("; "));
        deliver(Outcome{std::move(result), summary});
    }

    void deliver(Result<Outcome> outcome)
    {
        auto callback = std::move(done);
        done = nullptr;
        session = nullptr;
        if (callback)
            callback(std::move(outcome));
    }
};

std::shared_ptr<FetchRun> makeRun(FetchSession &session, Settings settings, std::chrono::milliseconds timeout,
                                  FetchRun::Done done)
{
    auto run = std::make_shared<FetchRun>();
    run->session = &session;
    run->pollTimeMs = session.clock().nowMs();
    run->next = settings.url;
    run->settings = std::move(settings);
    run->timeout = timeout;
    run->done = std::move(done);
    return run;
}

} // namespace

GenericHttpConnector::GenericHttpConnector() : m_info(makeInfo()) {}

const connector::ConnectorInfo &GenericHttpConnector::info() const
{
    return m_info;
}

connector::ConnectorInfo GenericHttpConnector::makeInfo()
{
    using connector::FieldSpec;
    connector::ConnectorInfo info;
    info.typeId = QStringLiteral("http_json");
    info.displayName = QStringLiteral("Generic HTTP/JSON");
    info.defaultBaseUrl = QString(); // the endpoint is the url setting
    info.credentials = {
        FieldSpec{QStringLiteral("bearer_token"), QStringLiteral("Bearer token"),
                  QStringLiteral("Optional: sent as \"Authorization: Bearer …\"."), true, false, {}},
        FieldSpec{QStringLiteral("basic_username"), QStringLiteral("Basic-auth user name"),
                  QStringLiteral("Optional: HTTP basic authentication user (not secret, kept with the credentials)."),
                  false, false, {}},
        FieldSpec{QStringLiteral("basic_password"), QStringLiteral("Basic-auth password"),
                  QStringLiteral("Optional: HTTP basic authentication password."), true, false, {}},
        FieldSpec{QStringLiteral("header_value"), QStringLiteral("API key header value"),
                  QStringLiteral("Optional: the value of the header named by header_name, e.g. an API key."), true,
                  false, {}},
    };
    info.settings = {
        FieldSpec{QStringLiteral("url"), QStringLiteral("URL"),
                  QStringLiteral("The JSON endpoint, https:// (http:// only to this computer); a relative URL is "
                                 "resolved against the service's base URL."),
                  false, true, {}},
        FieldSpec{QStringLiteral("method"), QStringLiteral("Method"), QStringLiteral("GET or POST."), false, false,
                  QStringLiteral("GET")},
        FieldSpec{QStringLiteral("body"), QStringLiteral("Request body"),
                  QStringLiteral("POST only: sent as is (JSON unless headers set another Content-Type)."), false,
                  false, {}},
        FieldSpec{QStringLiteral("headers"), QStringLiteral("Headers"),
                  QStringLiteral("Optional, not secret: \"Accept: application/json; X-Tenant: a\" (\";\" or new "
                                 "lines between headers)."),
                  false, false, {}},
        FieldSpec{QStringLiteral("header_name"), QStringLiteral("API key header name"),
                  QStringLiteral("Optional: the header that carries the secret header_value, e.g. X-Api-Key."), false,
                  false, {}},
        FieldSpec{QStringLiteral("metric"), QStringLiteral("Metric name"),
                  QStringLiteral("The name the values are stored under, e.g. myapp.active_users."), false, true, {}},
        FieldSpec{QStringLiteral("unit"), QStringLiteral("Unit"), QStringLiteral("Optional: e.g. users, ms, bytes."),
                  false, false, {}},
        FieldSpec{QStringLiteral("kind"), QStringLiteral("Kind"), QStringLiteral("gauge or counter."), false, false,
                  QStringLiteral("gauge")},
        FieldSpec{QStringLiteral("value_path"), QStringLiteral("Value path"),
                  QStringLiteral("A path to one number, stored at the poll time: $.data.stats.active_users. Set "
                                 "this or series_path."),
                  false, false, {}},
        FieldSpec{QStringLiteral("series_path"), QStringLiteral("Series path"),
                  QStringLiteral("A path to an array of points, each stored at its own time: $.series."), false,
                  false, {}},
        FieldSpec{QStringLiteral("timestamp_field"), QStringLiteral("Timestamp field"),
                  QStringLiteral("Series: the path of each point's time (default \"timestamp\")."), false, false, {}},
        FieldSpec{QStringLiteral("timestamp_unit"), QStringLiteral("Timestamp unit"),
                  QStringLiteral("Series: auto, s, ms or rfc3339."), false, false, QStringLiteral("auto")},
        FieldSpec{QStringLiteral("value_field"), QStringLiteral("Value field"),
                  QStringLiteral("Series: the path of each point's value (default \"value\")."), false, false, {}},
        FieldSpec{QStringLiteral("label_fields"), QStringLiteral("Label fields"),
                  QStringLiteral("Series, optional: comma-separated paths that become labels, e.g. "
                                 "\"region, kind=meta.kind\"."),
                  false, false, {}},
        FieldSpec{QStringLiteral("next_path"), QStringLiteral("Next-page path"),
                  QStringLiteral("Series, optional: the path of the next page's URL (or cursor) in each answer."),
                  false, false, {}},
        FieldSpec{QStringLiteral("cursor_param"), QStringLiteral("Cursor parameter"),
                  QStringLiteral("Optional: when next_path gives a cursor, the query parameter that takes it."), false,
                  false, {}},
        FieldSpec{QStringLiteral("max_pages"), QStringLiteral("Maximum pages"),
                  QStringLiteral("Pages read per poll, 1 to 100."), false, false,
                  QString::number(kDefaultMaxPages)},
    };
    // The metric is whatever the service's `metric` setting names; the catalogue holds no fixed one.
    info.defaultInterval = std::chrono::minutes(5);
    info.minInterval = std::chrono::minutes(1);
    info.maxBackfillDays = std::nullopt; // no history to ask for; a series answer's history is simply stored
    info.budget = connector::RequestBudget{60, std::chrono::seconds(60), 2};
    return info;
}

Status GenericHttpConnector::checkConfiguration(const ServiceConfig &config) const
{
    auto settings = parseSettings(config.settings, config.baseUrl);
    if (!settings)
        return settings.error();
    return {};
}

QString GenericHttpConnector::accountKey(const ServiceConfig &config) const
{
    auto settings = parseSettings(config.settings, config.baseUrl);
    if (!settings)
        return config.uuid;
    const QUrl &url = settings->url;
    return QStringLiteral("%1://%2:%3")
        .arg(url.scheme().toLower(), url.host().toLower(),
             QString::number(url.port(url.scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) == 0 ? 443 : 80)));
}

void GenericHttpConnector::testConnection(connector::FetchSession &session, TestDone done)
{
    auto settings = parseSettings(session.service().settings, session.service().baseUrl);
    if (!settings) {
        done(settings.error());
        return;
    }
    auto run = makeRun(session, std::move(settings).value(), m_timeout,
                       [done = std::move(done)](Result<FetchRun::Outcome> outcome) {
        if (!outcome) {
            done(outcome.error());
            return;
        }
        qCInfo(lcGenericHttp).noquote() << "connection test passed:" << outcome->summary;
        done(Status());
    });
    run->testOnly = true;
    run->step();
}

void GenericHttpConnector::fetch(connector::FetchSession &session, const connector::FetchWindow &window, FetchDone done)
{
    auto settings = parseSettings(session.service().settings, session.service().baseUrl);
    if (!settings) {
        done(settings.error());
        return;
    }
    auto run = makeRun(session, std::move(settings).value(), m_timeout,
                       [done = std::move(done)](Result<FetchRun::Outcome> outcome) {
        if (!outcome) {
            done(outcome.error());
            return;
        }
        qCInfo(lcGenericHttp).noquote() << "fetched" << outcome->summary;
        done(std::move(outcome->result));
    });
    // A pagination the request budget interrupted goes on where it stopped, if the settings still lead there.
    const QJsonObject &cursor = window.cursor;
    if (cursor.value(kCursorUrl).toString() == run->settings.url.toString(QUrl::FullyEncoded)) {
        const QUrl resume(cursor.value(kCursorNextUrl).toString(), QUrl::StrictMode);
        const int pages = cursor.value(kCursorPages).toInt();
        if (resume.isValid() && net::HttpClient::isAllowedUrl(resume) && resume.host() == run->settings.url.host()
            && resume.scheme() == run->settings.url.scheme() && resume.port() == run->settings.url.port() && pages > 0
            && pages < run->settings.maxPages) {
            qCInfo(lcGenericHttp) << "resuming the pagination at page" << pages + 1;
            run->next = resume;
            run->page = pages;
            run->firstPage = pages;
        }
    }
    run->step();
}

QList<connector::MetricSpec> GenericHttpConnector::metricsFor(const ServiceConfig &config) const
{
    // The user names the metric, its unit and kind in the service's settings.
    auto settings = parseSettings(config.settings, config.baseUrl);
    if (!settings)
        return {};
    connector::MetricSpec spec;
    spec.name = settings->metric;
    spec.unit = settings->unit;
    spec.kind = settings->kind;
    spec.description = QStringLiteral("From the generic HTTP/JSON service \"%1\"").arg(config.name);
    spec.endpoint = settings->url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery);
    return {spec};
}

} // namespace stackscope::connectors::generichttp
