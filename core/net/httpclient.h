#pragma once

#include "net/httpmessage.h"
#include "util/result.h"

#include <QObject>

#include <chrono>
#include <functional>
#include <memory>
#include <random>

class QNetworkAccessManager;
class QNetworkReply;

namespace stackscope {
class Clock;
}

namespace stackscope::net {

// The only way Stackscope talks HTTP. One per thread (it owns that thread's QNetworkAccessManager).
//
// - HTTPS only, with certificate verification; plain http:// only to loopback (tests, local exporters).
// - Every request has a timeout; responses larger than kMaxBodyBytes are cut off with an error.
// - Errors are mapped once, here: 401/403 -> Auth; 429 -> RateLimited with retryAfter from Retry-After
//   (seconds or HTTP date); 5xx, timeouts and connection failures -> Network/Timeout, retried with exponential
//   backoff and full jitter; other 4xx -> Config with the vendor's words where the body has them.
// - Nothing secret is logged: Authorization/Cookie/X-*-Key headers are never logged, query parameters named
//   like secrets are masked, and the request's `secrets` are scrubbed from every line.
class HttpClient : public QObject
{
    Q_OBJECT
public:
    using Callback = std::function<void(Result<HttpResponse>)>;

    static constexpr qint64 kMaxBodyBytes = 64LL * 1024 * 1024;
    static constexpr std::chrono::milliseconds kMaxInlineRetryAfter{30'000};
    static constexpr std::chrono::milliseconds kBaseBackoff{500};
    static constexpr std::chrono::milliseconds kMaxBackoff{30'000};

    explicit HttpClient(QObject *parent = nullptr);
    ~HttpClient() override;

    // Tests shorten the backoff (the schedule keeps its shape, scaled by `factor`).
    void setBackoffScale(double factor);

    // `done` runs on this client's thread, unless `context` is destroyed first.
    void send(HttpRequest request, QObject *context, Callback done);

    // Exposed for tests and for connectors that redact their own diagnostics.
    static bool isAllowedUrl(const QUrl &url, QString *why = nullptr);
    static QString redact(const QString &text, const QStringList &secrets);
    static QString redactedUrl(const QUrl &url);
    static std::optional<std::chrono::milliseconds> parseRetryAfter(const QByteArray &value, qint64 nowMs);

private:
    struct Attempt;
    void start(std::shared_ptr<Attempt> attempt);
    void sendHop(const std::shared_ptr<Attempt> &attempt);
    void onFinished(std::shared_ptr<Attempt> attempt, QNetworkReply *reply);
    void deliver(std::shared_ptr<Attempt> attempt, Result<HttpResponse> result);
    std::chrono::milliseconds backoffFor(int retry);

    QNetworkAccessManager *m_nam;
    double m_backoffScale = 1.0;
    std::mt19937 m_random;
};

} // namespace stackscope::net
