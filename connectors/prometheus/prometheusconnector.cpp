#include "prometheusconnector.h"

#include "prometheusmapper.h"

#include "net/httpclient.h"
#include "secrets/securebytes.h"
#include "util/clock.h"

#include <QLoggingCategory>

#include <functional>

namespace stackscope::connectors::prometheus {

Q_LOGGING_CATEGORY(lcPrometheus, "stackscope.connector.prometheus", QtInfoMsg)

namespace {

using connector::FetchSession;
using ScrapeDone = std::function<void(Result<ScrapeResult>)>;

bool isHeaderSafe(QByteArrayView bytes)
{
    for (char c : bytes) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7f)
            return false;
    }
    return !bytes.isEmpty();
}

const secrets::SecureBytes *credential(FetchSession &session, const char *field)
{
    const secrets::SecureBytes *value = session.credential(QString::fromLatin1(field));
    return value && !value->isEmpty() ? value : nullptr;
}

// The Authorization header, built from the SecureBytes here and living only inside the request.
Status authorize(FetchSession &session, net::HttpRequest &request)
{
    const secrets::SecureBytes *token = credential(session, "bearer_token");
    const secrets::SecureBytes *user = credential(session, "basic_username");
    const secrets::SecureBytes *password = credential(session, "basic_password");
    if (token && (user || password))
        return Error::make(Error::Code::Config, QStringLiteral("Set either a bearer token or a basic-auth user name "
                                                               "and password for the scrape, not both."));
    if (password && !user)
        return Error::make(Error::Code::Config,
                           QStringLiteral("A basic-auth password is set without a user name; set basic_username too."));
    if (token) {
        if (!isHeaderSafe(token->view()) || token->view().contains(' '))
            return Error::make(Error::Code::Config, QStringLiteral("The bearer token contains spaces or control "
                                                                   "characters; paste it again as issued."));
        request.headers.append({QByteArrayLiteral("Authorization"), QByteArrayLiteral("Bearer ") + token->view().toByteArray()});
        request.secrets.append(QString::fromUtf8(token->view()));
    } else if (user) {
        if (user->view().contains(':') || !isHeaderSafe(user->view()))
            return Error::make(Error::Code::Config, QStringLiteral("The basic-auth user name may not contain ':' or "
                                                                   "control characters."));
        QByteArray pair = user->view().toByteArray() + ':';
        if (password)
            pair += password->view().toByteArray();
        request.headers.append({QByteArrayLiteral("Authorization"), QByteArrayLiteral("Basic ") + pair.toBase64()});
        if (password)
            request.secrets.append(QString::fromUtf8(password->view()));
        pair.fill('\0');
    }
    return {};
}

// HttpClient words its errors for any vendor ("The service rejected the credentials (HTTP 401).").
Error aboutScrape(Error error, const QUrl &url)
{
    QString words = error.userMessage;
    static const QString generic = QStringLiteral("The service ");
    if (words.startsWith(generic))
        words = QStringLiteral("the endpoint ") + words.mid(generic.size());
    error.userMessage = QStringLiteral("Scraping %1 failed: %2").arg(net::HttpClient::redactedUrl(url), words);
    return error;
}

void scrape(FetchSession &session, std::chrono::milliseconds timeout, ScrapeDone done)
{
    auto settings = parseSettings(session.service().settings, session.service().baseUrl);
    if (!settings) {
        done(settings.error());
        return;
    }
    net::HttpRequest request;
    request.url = settings->url;
    request.timeout = timeout;
    request.maxRetries = 1;
    request.headers.append({QByteArrayLiteral("Accept"), QByteArray(kAcceptHeader)});
    if (Status st = authorize(session, request); !st) {
        done(st.error());
        return;
    }
    // Prometheus stamps a scrape with the time it started; so do we.
    const qint64 scrapeTime = session.clock().nowMs();
    session.http().send(std::move(request), nullptr,
                        [settings = std::move(settings).value(), scrapeTime, done = std::move(done)](
                            Result<net::HttpResponse> response) {
        if (!response) {
            done(aboutScrape(response.error(), settings.url));
            return;
        }
        auto mapped = mapScrape(response->body, response->header("Content-Type"), scrapeTime, settings);
        if (!mapped) {
            done(aboutScrape(mapped.error(), settings.url));
            return;
        }
        done(std::move(mapped));
    });
}

} // namespace

PrometheusConnector::PrometheusConnector() : m_info(makeInfo()) {}

const connector::ConnectorInfo &PrometheusConnector::info() const
{
    return m_info;
}

connector::ConnectorInfo PrometheusConnector::makeInfo()
{
    connector::ConnectorInfo info;
    info.typeId = QStringLiteral("prometheus");
    info.displayName = QStringLiteral("Prometheus / OpenMetrics scrape");
    info.defaultBaseUrl = QString(); // the scrape URL is the url setting
    info.credentials = {
        {QStringLiteral("bearer_token"), QStringLiteral("Bearer token"),
         QStringLiteral("Optional: sent as \"Authorization: Bearer …\" (Prometheus's bearer_token)."), true, false, {}},
        {QStringLiteral("basic_username"), QStringLiteral("Basic-auth user name"),
         QStringLiteral("Optional: HTTP basic authentication user (Prometheus's basic_auth.username)."), false, false,
         {}},
        {QStringLiteral("basic_password"), QStringLiteral("Basic-auth password"),
         QStringLiteral("Optional: HTTP basic authentication password."), true, false, {}},
    };
    info.settings = {
        {QStringLiteral("url"), QStringLiteral("Scrape URL"),
         QStringLiteral("The metrics endpoint, e.g. https://app.example.com/metrics (http:// only to this computer)."),
         false, true, {}},
        {QStringLiteral("metric_prefix"), QStringLiteral("Metric prefix"),
         QStringLiteral("Optional: keep only metrics whose name starts with this, e.g. \"myapp_\". Empty keeps all."),
         false, false, {}},
        {QStringLiteral("job"), QStringLiteral("Job label"),
         QStringLiteral("Optional: added to every sample as the label \"job\"."), false, false, {}},
    };
    // Series are whatever the endpoint exposes, so the catalogue holds no fixed metric; see the docs.
    info.defaultInterval = std::chrono::minutes(1);
    info.minInterval = std::chrono::minutes(1);
    info.maxBackfillDays = std::nullopt; // a scrape is "now"
    info.budget = connector::RequestBudget{120, std::chrono::seconds(60), 4};
    return info;
}

void PrometheusConnector::testConnection(connector::FetchSession &session, TestDone done)
{
    scrape(session, m_timeout, [done = std::move(done)](Result<ScrapeResult> result) {
        if (!result) {
            done(result.error());
            return;
        }
        const QString summary = describe(result.value());
        if (result->samples.isEmpty()) {
            done(Error::make(Error::Code::Config,
                             result->filteredOut > 0
                                 ? QStringLiteral("The endpoint answered, but no metric starts with the metric prefix "
                                                  "(%1 series left out); check metric_prefix.").arg(result->filteredOut)
                                 : QStringLiteral("The endpoint answered, but it exposes no series: %1.").arg(summary)));
            return;
        }
        qCInfo(lcPrometheus).noquote() << "connection test passed:" << summary;
        done(Status());
    });
}

void PrometheusConnector::fetch(connector::FetchSession &session, const connector::FetchWindow &, FetchDone done)
{
    if (!session.spendRequest()) {
        connector::FetchResult later;
        later.complete = false;
        done(std::move(later));
        return;
    }
    scrape(session, m_timeout, [done = std::move(done)](Result<ScrapeResult> result) {
        if (!result) {
            done(result.error());
            return;
        }
        qCInfo(lcPrometheus).noquote() << "scraped" << describe(result.value());
        connector::FetchResult fetched;
        fetched.samples = std::move(result.value().samples);
        done(std::move(fetched));
    });
}

} // namespace stackscope::connectors::prometheus
