#include "net/httpclient.h"

#include "util/logging.h"

#include <QCoreApplication>
#include <QDate>
#include <QDateTime>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMetaObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QRegularExpression>
#include <QThread>
#include <QTime>
#include <QTimer>
#if QT_CONFIG(ssl)
#include <QSslConfiguration>
#include <QSslError>
#endif

#include <algorithm>
#include <limits>

namespace stackscope::net {

namespace {

constexpr int kMaxRedirects = 5;
constexpr qsizetype kMaxVendorMessage = 300;
// Values taken from secret-looking query parameters and credential headers are scrubbed from log lines and
// messages too, but only when long enough not to mangle ordinary words ("sig=1").
constexpr qsizetype kMinDerivedSecret = 8;

const QString kMask = QStringLiteral("***");

bool nameLooksSecret(QByteArrayView name)
{
    static const char *const parts[] = {"token", "key", "secret", "signature", "password", "auth", "credential", "sig"};
    const QByteArray lower = name.toByteArray().toLower();
    return std::any_of(std::begin(parts), std::end(parts), [&](const char *part) { return lower.contains(part); });
}

bool headerCarriesCredentials(QByteArrayView name)
{
    const QByteArray lower = name.toByteArray().toLower();
    return lower == "cookie" || nameLooksSecret(lower);
}

bool isLoopbackHost(const QString &host)
{
    const QString lower = host.toLower();
    if (lower == QLatin1String("localhost") || lower == QLatin1String("localhost."))
        return true;
    QHostAddress address;
    return address.setAddress(host) && address.isLoopback();
}

bool sameOrigin(const QUrl &a, const QUrl &b)
{
    return a.scheme() == b.scheme() && a.host().compare(b.host(), Qt::CaseInsensitive) == 0
           && a.port(a.scheme() == QLatin1String("https") ? 443 : 80)
                  == b.port(b.scheme() == QLatin1String("https") ? 443 : 80);
}

// Everything that must not reach a log line or a message: the request's own list, plus values the client
// recognises as credentials by name (query parameters, Authorization-like headers, the password inside Basic).
QStringList effectiveSecrets(const HttpRequest &request)
{
    QStringList secrets;
    for (const QString &secret : request.secrets) {
        if (!secret.isEmpty())
            secrets << secret;
    }
    auto derive = [&secrets](const QString &value) {
        if (value.size() >= kMinDerivedSecret && !secrets.contains(value))
            secrets << value;
    };
    const QString query = request.url.query(QUrl::FullyEncoded);
    for (const QString &pair : query.split(QLatin1Char('&'), Qt::SkipEmptyParts)) {
        const qsizetype eq = pair.indexOf(QLatin1Char('='));
        if (eq <= 0)
            continue;
        QString name = pair.left(eq);
        name.replace(QLatin1Char('+'), QLatin1Char(' '));
        if (!nameLooksSecret(QUrl::fromPercentEncoding(name.toLatin1()).toUtf8()))
            continue;
        QString value = pair.mid(eq + 1);
        value.replace(QLatin1Char('+'), QLatin1Char(' '));
        derive(QUrl::fromPercentEncoding(value.toLatin1()));
    }
    for (const auto &[name, value] : request.headers) {
        if (!headerCarriesCredentials(name))
            continue;
        derive(QString::fromUtf8(value));
        const qsizetype space = value.indexOf(' ');
        if (space > 0) {
            const QByteArray credential = value.mid(space + 1).trimmed();
            derive(QString::fromUtf8(credential));
            if (value.left(space).compare("basic", Qt::CaseInsensitive) == 0) {
                const QByteArray userPass = QByteArray::fromBase64(credential);
                derive(QString::fromUtf8(userPass));
                const qsizetype colon = userPass.indexOf(':');
                if (colon >= 0)
                    derive(QString::fromUtf8(userPass.mid(colon + 1)));
            }
        }
    }
    return secrets;
}

bool carriesCredentials(const HttpRequest &request)
{
    return std::any_of(request.headers.cbegin(), request.headers.cend(),
                       [](const auto &header) { return headerCarriesCredentials(header.first); });
}

// Plain text for a person: single line, no control characters, bounded.
QString tidy(QString text)
{
    for (QChar &c : text) {
        if (c.category() == QChar::Other_Control)
            c = QLatin1Char(' ');
    }
    text = text.simplified();
    if (text.size() > kMaxVendorMessage)
        text = text.left(kMaxVendorMessage - 1) + QChar(0x2026);
    return text;
}

QString stringField(const QJsonValue &value)
{
    return value.isString() ? value.toString() : QString();
}

// The vendor's own explanation, from the common shapes of JSON error bodies (and AWS's XML).
QString vendorMessage(const QByteArray &body)
{
    if (body.isEmpty())
        return {};
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error == QJsonParseError::NoError && document.isObject()) {
        const QJsonObject object = document.object();
        for (const char *key : {"message", "error_message", "error_description", "Message", "detail", "msg"}) {
            const QString text = stringField(object.value(QLatin1String(key)));
            if (!text.isEmpty())
                return tidy(text);
        }
        const QJsonValue error = object.value(QLatin1String("error"));
        if (error.isObject()) {
            for (const char *key : {"message", "Message", "description", "detail"}) {
                const QString text = stringField(error.toObject().value(QLatin1String(key)));
                if (!text.isEmpty())
                    return tidy(text);
            }
        } else if (!stringField(error).isEmpty()) {
            return tidy(stringField(error));
        }
        const QJsonArray errors = object.value(QLatin1String("errors")).toArray();
        if (!errors.isEmpty()) {
            const QJsonValue first = errors.first();
            if (first.isString())
                return tidy(first.toString());
            for (const char *key : {"message", "detail", "title"}) {
                const QString text = stringField(first.toObject().value(QLatin1String(key)));
                if (!text.isEmpty())
                    return tidy(text);
            }
        }
        return {};
    }
    if (document.isArray() || parseError.error == QJsonParseError::NoError)
        return {};
    static const QRegularExpression xmlMessage(QStringLiteral("<Message>([^<]{1,1000})</Message>"));
    const QString text = QString::fromUtf8(body.left(4096));
    const QRegularExpressionMatch match = xmlMessage.match(text);
    if (match.hasMatch())
        return tidy(match.captured(1));
    // A short plain-text answer is the vendor's words too; an HTML error page is not.
    const QByteArray trimmed = body.trimmed();
    if (trimmed.size() <= kMaxVendorMessage && !trimmed.startsWith('<') && !trimmed.startsWith('{')
        && !trimmed.startsWith('['))
        return tidy(QString::fromUtf8(trimmed));
    return {};
}

// "Base (HTTP 401): vendor words." / "Base (HTTP 401)."
QString withVendorWords(const QString &base, const QString &vendor)
{
    if (vendor.isEmpty())
        return base + QLatin1Char('.');
    QString words = vendor;
    while (words.endsWith(QLatin1Char('.')))
        words.chop(1);
    return base + QStringLiteral(": ") + words + QLatin1Char('.');
}

QString seconds(std::chrono::milliseconds duration)
{
    return QString::number(double(duration.count()) / 1000.0, 'g', 3);
}

bool isHttpLevelError(QNetworkReply::NetworkError error)
{
    // NoError, the 2xx "content" errors, ProtocolInvalidOperationError (HTTP 400) and the 4xx "server" errors
    // are how Qt reports an HTTP status; everything else is about the transport.
    const int code = int(error);
    return error == QNetworkReply::NoError || (code >= 201 && code <= 299)
           || error == QNetworkReply::ProtocolInvalidOperationError || (code >= 401 && code <= 499);
}

int monthFromName(QByteArrayView name)
{
    static const char *const months[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                         "jul", "aug", "sep", "oct", "nov", "dec"};
    for (int i = 0; i < 12; ++i) {
        if (name.compare(QByteArrayView(months[i]), Qt::CaseInsensitive) == 0)
            return i + 1;
    }
    return 0;
}

// IMF-fixdate, RFC 850 and asctime (RFC 9110 section 5.6.7), always UTC.
std::optional<qint64> parseHttpDate(const QByteArray &value)
{
    const QList<QByteArray> parts = value.simplified().split(' ');
    int day = 0, month = 0, year = 0;
    QByteArray clock;
    bool ok = true;
    if (parts.size() == 6 && parts[0].endsWith(',')) {
        // Sun, 06 Nov 1994 08:49:37 GMT
        day = parts[1].toInt(&ok);
        month = monthFromName(parts[2]);
        year = ok ? parts[3].toInt(&ok) : 0;
        clock = parts[4];
        ok = ok && (parts[5] == "GMT" || parts[5] == "UTC" || parts[5] == "+0000");
    } else if (parts.size() == 4 && parts[0].endsWith(',')) {
        // Sunday, 06-Nov-94 08:49:37 GMT
        const QList<QByteArray> date = parts[1].split('-');
        if (date.size() != 3)
            return std::nullopt;
        day = date[0].toInt(&ok);
        month = monthFromName(date[1]);
        year = ok ? date[2].toInt(&ok) : 0;
        if (ok && date[2].size() == 2)
            year += year < 70 ? 2000 : 1900;
        clock = parts[2];
        ok = ok && parts[3] == "GMT";
    } else if (parts.size() == 5) {
        // Sun Nov  6 08:49:37 1994
        month = monthFromName(parts[1]);
        day = parts[2].toInt(&ok);
        clock = parts[3];
        year = ok ? parts[4].toInt(&ok) : 0;
    } else {
        return std::nullopt;
    }
    const QList<QByteArray> hms = clock.split(':');
    if (!ok || month == 0 || hms.size() != 3)
        return std::nullopt;
    bool hOk = false, mOk = false, sOk = false;
    const QTime time(hms[0].toInt(&hOk), hms[1].toInt(&mOk), hms[2].toInt(&sOk));
    const QDate date(year, month, day);
    if (!hOk || !mOk || !sOk || !time.isValid() || !date.isValid())
        return std::nullopt;
    return QDateTime(date, time, Qt::UTC).toMSecsSinceEpoch();
}

QString reasonFor(int status)
{
    switch (status) {
    case 400: return QStringLiteral("Bad Request");
    case 401: return QStringLiteral("Unauthorized");
    case 403: return QStringLiteral("Forbidden");
    case 404: return QStringLiteral("Not Found");
    case 429: return QStringLiteral("Too Many Requests");
    case 500: return QStringLiteral("Internal Server Error");
    case 502: return QStringLiteral("Bad Gateway");
    case 503: return QStringLiteral("Service Unavailable");
    case 504: return QStringLiteral("Gateway Timeout");
    default: return {};
    }
}

QNetworkReply *dispatch(QNetworkAccessManager *nam, const QNetworkRequest &request, const QByteArray &method,
                        const QByteArray &body)
{
    const QByteArray verb = method.toUpper();
    if (verb == "GET" && body.isEmpty())
        return nam->get(request);
    if (verb == "HEAD")
        return nam->head(request);
    if (verb == "POST")
        return nam->post(request, body);
    if (verb == "PUT")
        return nam->put(request, body);
    if (verb == "DELETE" && body.isEmpty())
        return nam->deleteResource(request);
    return nam->sendCustomRequest(request, verb, body);
}

} // namespace

// One logical request: the caller's request and callback, and what happened over its attempts.
struct HttpClient::Attempt
{
    // What one attempt (its redirect hops included) found out besides the replies themselves. A fresh one per
    // attempt, so a late signal from an earlier attempt's reply cannot touch the next attempt.
    struct Try
    {
        QElapsedTimer elapsed;
        QUrl url; // where the attempt currently is, after redirects
        bool deadlineHit = false;
        bool oversize = false;
        QByteArray method; // may change on a redirect (303, or 301/302 after POST, go on with GET)
        QByteArray body;
        QString redirectRefusal;
        QStringList tlsErrors;
        int redirects = 0;
    };

    HttpRequest request;
    QPointer<QObject> context;
    bool guarded = false; // a context was given: deliver only while it lives
    Callback done;
    QStringList secrets;
    int attempts = 0; // requests sent so far
    int retries = 0;  // of which were retries
    std::shared_ptr<Try> current;

    bool receiverGone() const { return guarded && !context; }

    // One log line, never a header, always redacted.
    QString describe(const QString &outcome, qint64 elapsedMs) const
    {
        // One multi-argument arg(): a URL or a vendor's text may contain "%2" and must not be substituted into.
        const QString line = QStringLiteral("%1 %2 -> %3 in %4 ms (attempt %5/%6)")
                                 .arg(QString::fromLatin1(request.method), HttpClient::redactedUrl(request.url), outcome,
                                      QString::number(elapsedMs), QString::number(attempts),
                                      QString::number(request.maxRetries + 1));
        return HttpClient::redact(line, secrets);
    }

    // Qt's error strings can quote the URL, secrets and all.
    QString sanitize(QString text) const
    {
        for (const QUrl &url : {request.url, current ? current->url : QUrl()}) {
            if (url.isEmpty())
                continue;
            const QString masked = HttpClient::redactedUrl(url);
            for (const QString &form : {url.toString(), url.toString(QUrl::FullyEncoded), url.toDisplayString()}) {
                if (!form.isEmpty())
                    text.replace(form, masked);
            }
        }
        return HttpClient::redact(text, secrets);
    }
};

HttpClient::HttpClient(QObject *parent)
    : QObject(parent), m_nam(new QNetworkAccessManager(this)), m_random(std::random_device{}())
{
}

HttpClient::~HttpClient()
{
    // Requests still in flight end here without a callback. Their replies must not call back into a client
    // that is half destroyed, so they are cut loose before the manager (and with it the replies) goes.
    for (QNetworkReply *reply : m_nam->findChildren<QNetworkReply *>())
        reply->disconnect(this);
    delete m_nam;
    m_nam = nullptr;
}

void HttpClient::setBackoffScale(double factor)
{
    m_backoffScale = std::max(0.0, factor);
}

bool HttpClient::isAllowedUrl(const QUrl &url, QString *why)
{
    auto refuse = [why](const QString &reason) {
        if (why)
            *why = reason;
        return false;
    };
    if (!url.isValid() || url.isRelative())
        return refuse(tr("it is not a valid absolute URL"));
    if (url.host().isEmpty())
        return refuse(tr("it names no host"));
    if (!url.userInfo().isEmpty())
        return refuse(tr("it contains a user name or password (credentials belong in headers)"));
    const QString scheme = url.scheme().toLower();
    if (scheme == QLatin1String("https"))
        return true;
    if (scheme == QLatin1String("http")) {
        if (isLoopbackHost(url.host()))
            return true;
        return refuse(tr("plain http:// is only allowed to this computer (localhost, 127.0.0.0/8, ::1); "
                         "use https://"));
    }
    return refuse(tr("the scheme \"%1\" is not supported; use https://").arg(scheme));
}

QString HttpClient::redact(const QString &text, const QStringList &secrets)
{
    if (text.isEmpty() || secrets.isEmpty())
        return text;
    struct Form
    {
        QString text;
        Qt::CaseSensitivity cs;
    };
    QList<Form> forms;
    auto add = [&forms](const QString &form, Qt::CaseSensitivity cs = Qt::CaseSensitive) {
        if (!form.isEmpty() && std::none_of(forms.cbegin(), forms.cend(), [&](const Form &f) { return f.text == form; }))
            forms.append({form, cs});
    };
    for (const QString &secret : secrets) {
        if (secret.isEmpty())
            continue;
        add(secret);
        const QByteArray utf8 = secret.toUtf8();
        // Percent-encoded (hex digits in either case), also with '+' for spaces as in forms.
        const QString percent = QString::fromLatin1(QUrl::toPercentEncoding(secret));
        add(percent, Qt::CaseInsensitive);
        add(QString(percent).replace(QLatin1String("%20"), QLatin1String("+")), Qt::CaseInsensitive);
        add(QString::fromLatin1(utf8.toBase64()));
        add(QString::fromLatin1(utf8.toBase64(QByteArray::OmitTrailingEquals)));
        add(QString::fromLatin1(utf8.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals)));
        // As it appears inside a JSON string.
        QString json = secret;
        json.replace(QLatin1Char('\\'), QLatin1String("\\\\"))
            .replace(QLatin1Char('"'), QLatin1String("\\\""))
            .replace(QLatin1Char('/'), QLatin1String("\\/"));
        add(json);
    }
    // Longest first, so that a secret containing another one is masked as a whole.
    std::stable_sort(forms.begin(), forms.end(), [](const Form &a, const Form &b) { return a.text.size() > b.text.size(); });
    QString out = text;
    for (const Form &form : std::as_const(forms))
        out.replace(form.text, kMask, form.cs);
    return out;
}

QString HttpClient::redactedUrl(const QUrl &url)
{
    if (!url.isValid())
        return QStringLiteral("<invalid URL>");
    QString out = url.toString(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment);
    if (!url.hasQuery())
        return out;
    QStringList pairs;
    for (const QString &pair : url.query(QUrl::FullyEncoded).split(QLatin1Char('&'))) {
        const qsizetype eq = pair.indexOf(QLatin1Char('='));
        QString name = eq < 0 ? pair : pair.left(eq);
        QString decodedName = name;
        decodedName.replace(QLatin1Char('+'), QLatin1Char(' '));
        decodedName = QUrl::fromPercentEncoding(decodedName.toLatin1());
        if (eq >= 0 && nameLooksSecret(decodedName.toUtf8()))
            pairs << name + QLatin1Char('=') + kMask;
        else
            pairs << pair;
    }
    return out + QLatin1Char('?') + pairs.join(QLatin1Char('&'));
}

std::optional<std::chrono::milliseconds> HttpClient::parseRetryAfter(const QByteArray &value, qint64 nowMs)
{
    const QByteArray trimmed = value.trimmed();
    if (trimmed.isEmpty())
        return std::nullopt;
    if (std::all_of(trimmed.cbegin(), trimmed.cend(), [](char c) { return c >= '0' && c <= '9'; })) {
        // delta-seconds; absurd values are clamped rather than overflowing.
        constexpr qint64 maxSeconds = 10LL * 365 * 24 * 3600;
        bool ok = false;
        qint64 secondsValue = trimmed.size() > 12 ? maxSeconds : trimmed.toLongLong(&ok);
        if (trimmed.size() <= 12 && !ok)
            return std::nullopt;
        secondsValue = std::min(secondsValue, maxSeconds);
        return std::chrono::milliseconds(secondsValue * 1000);
    }
    const std::optional<qint64> at = parseHttpDate(trimmed);
    if (!at)
        return std::nullopt;
    return std::chrono::milliseconds(std::max<qint64>(0, *at - nowMs));
}

std::chrono::milliseconds HttpClient::backoffFor(int retry)
{
    // Full jitter: uniform in [0, min(cap, base * 2^retry)].
    const qint64 base = kBaseBackoff.count();
    const qint64 ceiling = retry >= 16 ? kMaxBackoff.count() : std::min<qint64>(kMaxBackoff.count(), base << retry);
    std::uniform_int_distribution<qint64> pick(0, ceiling);
    return std::chrono::milliseconds(qint64(double(pick(m_random)) * m_backoffScale));
}

void HttpClient::send(HttpRequest request, QObject *context, Callback done)
{
    Q_ASSERT(done);
    Q_ASSERT_X(QThread::currentThread() == thread(), "HttpClient::send", "send() must be called on the client's thread");
    auto attempt = std::make_shared<Attempt>();
    attempt->guarded = context != nullptr;
    attempt->context = context;
    attempt->done = std::move(done);
    attempt->secrets = effectiveSecrets(request);
    attempt->request = std::move(request);
    HttpRequest &r = attempt->request;
    r.maxRetries = std::max(0, r.maxRetries);
    if (r.timeout <= std::chrono::milliseconds::zero())
        r.timeout = HttpRequest().timeout;
    if (r.method.isEmpty())
        r.method = "GET";

    QString why;
    if (!isAllowedUrl(r.url, &why)) {
        const QString target = redactedUrl(r.url);
        qCInfo(lcNet).noquote() << redact(QStringLiteral("%1 %2 refused before sending: %3")
                                              .arg(QString::fromLatin1(r.method), target, why),
                                          attempt->secrets);
        Error error = Error::make(Error::Code::Config,
                                  redact(tr("Refusing to connect to %1: %2.").arg(target, why), attempt->secrets),
                                  redact(QStringLiteral("%1 %2 refused: %3").arg(QString::fromLatin1(r.method), target, why),
                                         attempt->secrets));
        deliver(attempt, std::move(error));
        return;
    }
    if (QThread::currentThread() != thread()) {
        // Release builds: never touch the manager from a foreign thread.
        QMetaObject::invokeMethod(this, [this, attempt] { start(attempt); }, Qt::QueuedConnection);
        return;
    }
    start(std::move(attempt));
}

void HttpClient::start(std::shared_ptr<Attempt> attempt)
{
    Attempt &a = *attempt;
    ++a.attempts;
    auto attemptState = std::make_shared<Attempt::Try>();
    attemptState->url = a.request.url;
    attemptState->method = a.request.method;
    attemptState->body = a.request.body;
    attemptState->elapsed.start();
    a.current = attemptState;
    sendHop(attempt);
}

void HttpClient::sendHop(const std::shared_ptr<Attempt> &attempt)
{
    const Attempt &a = *attempt;
    const std::shared_ptr<Attempt::Try> attemptState = a.current;

    QNetworkRequest request(attemptState->url);
    for (const auto &[name, value] : std::as_const(a.request.headers))
        request.setRawHeader(name, value);
    if (!request.hasRawHeader("User-Agent")) {
        const QString version = QCoreApplication::applicationVersion();
        request.setRawHeader("User-Agent", version.isEmpty() ? QByteArray("Stackscope")
                                                             : QByteArray("Stackscope/") + version.toLatin1());
    }
    // Redirects are followed by onFinished(), hop by hop, after checking each target. (Qt 6.4's own
    // UserVerifiedRedirectPolicy loses the request after the second hop, so it is not used.)
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setTransferTimeout(int(std::min<qint64>(a.request.timeout.count(), std::numeric_limits<int>::max())));
    // Credentials travel only in the request's own headers: nothing remembered, nothing replayed.
    request.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    request.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    request.setAttribute(QNetworkRequest::AuthenticationReuseAttribute, QNetworkRequest::Manual);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    request.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
#if QT_CONFIG(ssl)
    if (attemptState->url.scheme() == QLatin1String("https")) {
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        ssl.setPeerVerifyMode(QSslSocket::VerifyPeer);
        ssl.setProtocol(QSsl::SecureProtocols);
        request.setSslConfiguration(ssl);
    }
#endif

    QNetworkReply *reply = dispatch(m_nam, request, attemptState->method, attemptState->body);

    // The overall deadline of the attempt, redirects included: the transfer timeout above only fires when no
    // byte arrives for that long, so a server trickling bytes would otherwise hold the attempt forever.
    const qint64 remaining = std::max<qint64>(1, a.request.timeout.count() - attemptState->elapsed.elapsed());
    auto *deadline = new QTimer(reply);
    deadline->setSingleShot(true);
    connect(deadline, &QTimer::timeout, reply, [attemptState, reply] {
        if (reply->isFinished())
            return;
        attemptState->deadlineHit = true;
        reply->abort();
    });
    deadline->start(std::chrono::milliseconds(remaining));

    // Aborting from inside some QNetworkReply signals makes Qt report the error twice; abort from the event loop.
    auto checkSize = [attemptState, reply](qint64 size) {
        if (size > kMaxBodyBytes && !attemptState->oversize && !reply->isFinished()) {
            attemptState->oversize = true;
            QMetaObject::invokeMethod(reply, &QNetworkReply::abort, Qt::QueuedConnection);
        }
    };
    connect(reply, &QNetworkReply::downloadProgress, reply,
            [checkSize](qint64 received, qint64 total) { checkSize(std::max(received, total)); });
    connect(reply, &QNetworkReply::readyRead, reply, [checkSize, reply] { checkSize(reply->bytesAvailable()); });
    // An announced Content-Length is refused as soon as the headers are in (downloadProgress is throttled).
    connect(reply, &QNetworkReply::metaDataChanged, reply, [checkSize, reply] {
        checkSize(reply->header(QNetworkRequest::ContentLengthHeader).toLongLong());
    });

#if QT_CONFIG(ssl)
    // Recorded for the message; never ignored.
    connect(reply, &QNetworkReply::sslErrors, reply, [attemptState](const QList<QSslError> &errors) {
        for (const QSslError &error : errors)
            attemptState->tlsErrors << error.errorString();
    });
#endif

    if (a.guarded && a.context)
        connect(a.context.data(), &QObject::destroyed, reply, &QNetworkReply::abort);

    connect(reply, &QNetworkReply::finished, this, [this, attempt, reply] { onFinished(attempt, reply); });
}

void HttpClient::onFinished(std::shared_ptr<Attempt> attempt, QNetworkReply *reply)
{
    reply->deleteLater();
    Attempt &a = *attempt;
    Attempt::Try &t = *a.current;
    const qint64 elapsedMs = t.elapsed.elapsed();
    if (a.receiverGone()) {
        qCDebug(lcNet).noquote() << a.describe(QStringLiteral("dropped (its receiver was destroyed)"), elapsedMs);
        return;
    }

    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QNetworkReply::NetworkError netError = reply->error();
    const QString host = a.request.url.host();
    const QString method = QString::fromLatin1(a.request.method);
    const QString target = redactedUrl(a.request.url);
    QByteArray body;
    if (!t.oversize && reply->isOpen())
        body = reply->readAll();
    const bool oversize = t.oversize || body.size() > kMaxBodyBytes;

    // A redirect is followed within the same attempt when its target passes the same checks as the request.
    const bool redirect = status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    if (redirect && !oversize && !t.deadlineHit && isHttpLevelError(netError) && reply->hasRawHeader("Location")) {
        const QUrl next = t.url.resolved(QUrl(QString::fromUtf8(reply->rawHeader("Location"))));
        QString why;
        if (t.redirects >= kMaxRedirects) {
            why = tr("more than %1 redirects").arg(kMaxRedirects);
        } else if (next.scheme() != t.url.scheme()) {
            why = tr("it changes the scheme from %1 to %2").arg(t.url.scheme(), next.scheme());
        } else if (!isAllowedUrl(next, &why)) {
            // `why` says it
        } else if (!sameOrigin(t.url, next) && carriesCredentials(a.request)) {
            why = tr("it leads to another host while the request carries credentials");
        }
        if (why.isEmpty()) {
            qCDebug(lcNet).noquote() << a.describe(QString::number(status) + QStringLiteral(", redirected to ")
                                                       + redactedUrl(next),
                                                   elapsedMs);
            ++t.redirects;
            t.url = next;
            if (status == 303 || ((status == 301 || status == 302) && t.method == "POST")) {
                if (t.method != "HEAD")
                    t.method = "GET";
                t.body.clear();
            }
            sendHop(attempt);
            return;
        }
        t.redirectRefusal = tr("redirect to %1 refused: %2").arg(redactedUrl(next), why);
    }

    enum class Kind { Success, Fail, Transient };
    Kind kind = Kind::Fail;
    Error error;
    QString outcome; // for the log line
    std::optional<std::chrono::milliseconds> serverRetryAfter;

    if (oversize) {
        outcome = QStringLiteral("cut off (response larger than 64 MiB)");
        error = Error::make(Error::Code::Network,
                            tr("The response from %1 was cut off: response larger than 64 MiB.").arg(host),
                            QStringLiteral("%1 %2: response larger than %3 bytes").arg(method, target, QString::number(kMaxBodyBytes)));
    } else if (!t.redirectRefusal.isEmpty()) {
        outcome = t.redirectRefusal;
        error = Error::make(Error::Code::Config, tr("Not following a redirect from %1: %2.").arg(host, t.redirectRefusal),
                            QStringLiteral("%1 %2: %3").arg(method, target, t.redirectRefusal));
    } else if (!t.tlsErrors.isEmpty() || netError == QNetworkReply::SslHandshakeFailedError) {
        const QString reasons = t.tlsErrors.isEmpty() ? a.sanitize(reply->errorString()) : t.tlsErrors.join(QStringLiteral("; "));
        outcome = QStringLiteral("TLS failure: ") + reasons;
        error = Error::make(Error::Code::Network,
                            tr("The secure connection to %1 failed: certificate not trusted (%2).").arg(host, reasons),
                            QStringLiteral("%1 %2: TLS failure: %3").arg(method, target, reasons));
    } else if (t.deadlineHit || netError == QNetworkReply::TimeoutError
               || netError == QNetworkReply::OperationCanceledError) {
        // OperationCanceledError without a flag of ours is Qt's transfer (no-progress) timeout.
        kind = Kind::Transient;
        const QString what = t.deadlineHit ? QStringLiteral("no complete answer within %1 ms")
                                           : QStringLiteral("no data for %1 ms");
        outcome = QStringLiteral("timeout (") + what.arg(a.request.timeout.count()) + QLatin1Char(')');
        error = Error::make(Error::Code::Timeout,
                            tr("%1 did not answer within %2 s.").arg(host, seconds(a.request.timeout)),
                            QStringLiteral("%1 %2: timed out: %3").arg(method, target, what.arg(a.request.timeout.count())));
    } else if (netError == QNetworkReply::TooManyRedirectsError || netError == QNetworkReply::InsecureRedirectError) {
        outcome = QStringLiteral("too many redirects");
        error = Error::make(Error::Code::Config,
                            tr("%1 redirected more than %2 times; not following.").arg(host, QString::number(kMaxRedirects)),
                            QStringLiteral("%1 %2: %3").arg(method, target, a.sanitize(reply->errorString())));
    } else if (status > 0 && isHttpLevelError(netError)) {
        outcome = QString::number(status);
        const QString vendor = vendorMessage(body);
        const QString vendorDetail = vendor.isEmpty() ? QString() : QStringLiteral(": ") + vendor;
        const QString reason = reasonFor(status);
        const QString statusDetail = QStringLiteral("%1 %2: HTTP %3%4%5")
                                         .arg(method, target, QString::number(status),
                                              reason.isEmpty() ? QString() : QString(QLatin1Char(' ') + reason),
                                              vendorDetail);
        if (status >= 200 && status < 400) {
            kind = Kind::Success;
        } else if (status == 401 || status == 403) {
            error = Error::make(Error::Code::Auth,
                                withVendorWords(tr("The service rejected the credentials (HTTP %1)").arg(status), vendor),
                                statusDetail);
        } else if (status == 429) {
            kind = Kind::Transient;
            serverRetryAfter = parseRetryAfter(reply->rawHeader("Retry-After"), QDateTime::currentMSecsSinceEpoch());
            const QString when = serverRetryAfter ? tr("try again in %1 s").arg(seconds(*serverRetryAfter))
                                                  : tr("try again later");
            error = Error::make(Error::Code::RateLimited,
                                withVendorWords(tr("The service is limiting requests (HTTP 429, %1)").arg(when), vendor),
                                statusDetail);
        } else if (status >= 500) {
            kind = Kind::Transient;
            serverRetryAfter = parseRetryAfter(reply->rawHeader("Retry-After"), QDateTime::currentMSecsSinceEpoch());
            error = Error::make(Error::Code::Network,
                                withVendorWords(tr("%1 had a server error (HTTP %2)").arg(host, QString::number(status)), vendor),
                                statusDetail);
        } else {
            error = Error::make(Error::Code::Config,
                                withVendorWords(tr("The service refused the request (HTTP %1)").arg(status), vendor),
                                statusDetail);
        }
    } else {
        const QString reason = a.sanitize(reply->errorString());
        outcome = QStringLiteral("error \"") + reason + QLatin1Char('"');
        const bool permanent = netError == QNetworkReply::ProtocolUnknownError;
        kind = permanent ? Kind::Fail : Kind::Transient;
        error = Error::make(Error::Code::Network, tr("Could not reach %1: %2.").arg(host, reason),
                            QStringLiteral("%1 %2: %3 (QNetworkReply error %4)")
                                .arg(method, target, reason, QString::number(int(netError))));
    }

    if (kind == Kind::Success) {
        qCDebug(lcNet).noquote() << a.describe(outcome, elapsedMs);
        HttpResponse response;
        response.status = status;
        response.headers = reply->rawHeaderPairs();
        response.body = std::move(body);
        response.attempts = a.attempts;
        deliver(attempt, std::move(response));
        return;
    }

    if (kind == Kind::Transient && a.retries < a.request.maxRetries
        && (!serverRetryAfter || *serverRetryAfter <= kMaxInlineRetryAfter)) {
        // The vendor's Retry-After is an order and is honoured as given; our own backoff is scaled for tests.
        const std::chrono::milliseconds delay = serverRetryAfter ? *serverRetryAfter : backoffFor(a.retries);
        ++a.retries;
        qCInfo(lcNet).noquote() << a.describe(outcome, elapsedMs)
                                       + QStringLiteral(", retrying in %1 ms").arg(delay.count());
        QTimer::singleShot(delay, this, [this, attempt] {
            if (attempt->receiverGone()) {
                qCDebug(lcNet).noquote() << attempt->describe(QStringLiteral("retry dropped (its receiver was destroyed)"), 0);
                return;
            }
            start(attempt);
        });
        return;
    }

    qCInfo(lcNet).noquote() << a.describe(outcome, elapsedMs);
    error.retryAfter = serverRetryAfter;
    if (status > 0 && !oversize) {
        error.httpStatus = status;
        error.vendorBody = a.sanitize(QString::fromUtf8(body.left(4096))).toUtf8();
    }
    error.userMessage = a.sanitize(error.userMessage);
    error.detail = a.sanitize(error.detail + QStringLiteral(" (after %1 attempt%2)")
                                                 .arg(a.attempts)
                                                 .arg(a.attempts == 1 ? QString() : QStringLiteral("s")));
    deliver(attempt, std::move(error));
}

void HttpClient::deliver(std::shared_ptr<Attempt> attempt, Result<HttpResponse> result)
{
    // Always later, from the event loop: never inside send() and never inside a QNetworkReply signal, so the
    // callback may send again or destroy this client.
    auto shared = std::make_shared<Result<HttpResponse>>(std::move(result));
    QMetaObject::invokeMethod(this, [attempt, shared] {
        if (attempt->receiverGone()) {
            qCDebug(lcNet) << "HTTP result dropped: its receiver was destroyed";
            return;
        }
        attempt->done(std::move(*shared));
    }, Qt::QueuedConnection);
}

} // namespace stackscope::net
