#include "notify/httpsenders.h"

#include "net/httpclient.h"
#include "notify/slackmessage.h"
#include "notify/webhookpayload.h"
#include "util/clock.h"

#include <QJsonDocument>

namespace stackscope::notify {

namespace {

constexpr std::chrono::milliseconds kRequestTimeout{20'000};

QString secretText(const ChannelSecrets &secrets, const QString &field)
{
    const auto it = secrets.find(field);
    return it == secrets.end() || !it->second ? QString() : QString::fromUtf8(it->second->view());
}

// The outbox retries with its own persistent backoff; the client does not retry on its own.
net::HttpRequest jsonPost(const ChannelConfig &channel, const QUrl &url, QByteArray body, const QString &secretUrl)
{
    net::HttpRequest request;
    request.method = "POST";
    request.url = url;
    request.body = std::move(body);
    request.headers.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json; charset=utf-8")});
    request.headers.append({QByteArrayLiteral("User-Agent"), QByteArrayLiteral("Stackscope")});
    const int timeoutS = channel.settings.value(QStringLiteral("timeout_s")).toVariant().toInt();
    request.timeout = timeoutS > 0 ? std::chrono::milliseconds(std::min(timeoutS, 120) * 1000) : kRequestTimeout;
    request.maxRetries = 0;
    // The whole URL is a credential (Slack webhook tokens live in its path): never in a log line.
    request.secrets << secretUrl;
    if (url.path().size() > 8)
        request.secrets << url.path();
    return request;
}

void post(net::HttpClient &http, net::HttpRequest request, QObject *context, ChannelSender::Callback done)
{
    http.send(std::move(request), context, [done = std::move(done)](Result<net::HttpResponse> response) {
        done(response ? SendResult::success() : sendResultFromHttpError(response.error()));
    });
}

} // namespace

SendResult sendResultFromHttpError(const Error &error)
{
    const bool retryable = error.code == Error::Code::Network || error.code == Error::Code::Timeout
                        || error.code == Error::Code::RateLimited;
    std::optional<qint64> retryAfter;
    if (error.retryAfter)
        retryAfter = error.retryAfter->count();
    return SendResult::failure(error, retryable, retryAfter);
}

void SlackSender::send(const SendRequest &request, QObject *context, Callback done)
{
    if (Status st = validateSecrets(request.channel.type, request.secrets); !st) {
        done(SendResult::failure(st.error(), false));
        return;
    }
    const QString url = secretText(request.secrets, QStringLiteral("webhook_url"));
    const QByteArray body = QJsonDocument(slackMessage(request.notification, request.channel)).toJson(QJsonDocument::Compact);
    post(m_http, jsonPost(request.channel, QUrl(url), body, url), context, std::move(done));
}

void WebhookSender::send(const SendRequest &request, QObject *context, Callback done)
{
    if (Status st = validateSecrets(request.channel.type, request.secrets); !st) {
        done(SendResult::failure(st.error(), false));
        return;
    }
    const QString url = secretText(request.secrets, QStringLiteral("url"));
    const QByteArray body = webhookBody(request.notification, request.deliveryId);
    net::HttpRequest http = jsonPost(request.channel, QUrl(url), body, url);
    const auto signing = request.secrets.find(QStringLiteral("signing_secret"));
    if (signing != request.secrets.end() && signing->second && !signing->second->isEmpty()) {
        const qint64 timestamp = m_clock.nowMs() / 1000;
        const QByteArray id = request.deliveryId.toUtf8();
        auto signature = standardWebhookSignature(*signing->second, id, timestamp, body);
        if (!signature) {
            done(SendResult::failure(signature.error(), false));
            return;
        }
        http.headers.append({QByteArrayLiteral("webhook-id"), id});
        http.headers.append({QByteArrayLiteral("webhook-timestamp"), QByteArray::number(timestamp)});
        http.headers.append({QByteArrayLiteral("webhook-signature"), signature.value()});
    }
    post(m_http, std::move(http), context, std::move(done));
}

} // namespace stackscope::notify
