#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QStringList>
#include <QUrl>

#include <chrono>

namespace stackscope::net {

using HeaderList = QList<QPair<QByteArray, QByteArray>>;

struct HttpRequest
{
    QByteArray method = "GET";
    QUrl url;
    HeaderList headers;
    QByteArray body;
    std::chrono::milliseconds timeout{30'000};
    // Strings that must never appear in a log line (credentials in headers, query or body). The client also
    // drops Authorization-like headers and masks known secret query parameters on its own.
    QStringList secrets;
    // Transient failures (5xx, timeouts, connection errors) are retried this many times with exponential
    // backoff and jitter; 429 is retried when its Retry-After is short (HttpClient::kMaxInlineRetryAfter).
    int maxRetries = 2;
};

struct HttpResponse
{
    int status = 0;
    HeaderList headers;
    QByteArray body;
    int attempts = 1; // how many requests it took, retries included

    QByteArray header(QByteArrayView name) const; // case-insensitive; empty when absent
};

} // namespace stackscope::net
