#include "localhttpserver.h"

#include "net/httpclient.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QLocale>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <optional>

using namespace stackscope;
using namespace stackscope::net;
using namespace stackscope::test;
using namespace std::chrono_literals;

namespace {

// Everything logged while the tests run, to prove that no secret reaches a log line.
QStringList g_logged;
QtMessageHandler g_previousHandler = nullptr;
QLoggingCategory::CategoryFilter g_previousFilter = nullptr;

void collectMessages(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    g_logged << QString::fromLatin1(context.category ? context.category : "default") + QStringLiteral(": ") + message;
    if (type != QtDebugMsg && g_previousHandler)
        g_previousHandler(type, context, message);
}

// ctest runs with stackscope.*.debug=false; the leak test wants every line the client can write.
void enableStackscopeDebug(QLoggingCategory *category)
{
    if (g_previousFilter)
        g_previousFilter(category);
    if (qstrncmp(category->categoryName(), "stackscope.", 11) == 0)
        category->setEnabled(QtDebugMsg, true);
}

QString codeOf(const Result<HttpResponse> &result)
{
    return result ? QStringLiteral("ok") : toString(result.error().code);
}

QByteArray httpDate(const QDateTime &utc)
{
    return QLocale::c().toString(utc.toUTC(), QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'")).toLatin1();
}

} // namespace

class tst_HttpClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup();

    void okWithBody();
    void postSendsBodyAndHeaders();
    void responseHeaderLookupIsCaseInsensitive();
    void authFailures_data();
    void authFailures();
    void otherClientErrors_data();
    void otherClientErrors();
    void shortRetryAfterIsWaitedFor();
    void longRetryAfterIsReturned();
    void retryAfterAsHttpDate();
    void transientErrorsAreRetried();
    void serverErrorsGiveUpAfterMaxRetries_data();
    void serverErrorsGiveUpAfterMaxRetries();
    void noAnswerTimesOut();
    void tricklingServerHitsTheDeadline();
    void closedConnectionIsRetried();
    void oversizedBodyIsCutOff_data();
    void oversizedBodyIsCutOff();
    void plainHttpToRemoteHostIsRefusedBeforeIo();
    void sameOriginRedirectIsFollowed();
    void unsafeRedirectsAreRefused_data();
    void unsafeRedirectsAreRefused();
    void secretsNeverLeak();
    void callbackDroppedWhenContextDies();
    void clientDestroyedWithRequestsInFlight();
    void serverErrorWithLongRetryAfterStopsRetrying();
    void serverAnswersFromRecordedFiles();
    void isAllowedUrl_data();
    void isAllowedUrl();
    void redactedUrl_data();
    void redactedUrl();
    void redact_data();
    void redact();
    void parseRetryAfter_data();
    void parseRetryAfter();

private:
    // Sends and waits for the callback; std::nullopt if it never came.
    std::optional<Result<HttpResponse>> sendAndWait(HttpRequest request, qint64 *elapsedMs = nullptr,
                                                    int waitMs = 20'000);
    HttpRequest get(const QString &pathAndQuery) const;

    std::unique_ptr<LocalHttpServer> m_server;
    std::unique_ptr<HttpClient> m_client;
};

void tst_HttpClient::initTestCase()
{
    g_previousHandler = qInstallMessageHandler(collectMessages);
    g_previousFilter = QLoggingCategory::installFilter(enableStackscopeDebug);
}

void tst_HttpClient::cleanupTestCase()
{
    QLoggingCategory::installFilter(g_previousFilter);
    qInstallMessageHandler(g_previousHandler);
}

void tst_HttpClient::init()
{
    m_server = std::make_unique<LocalHttpServer>();
    QVERIFY(m_server->listen());
    m_client = std::make_unique<HttpClient>();
    m_client->setBackoffScale(0.01);
}

void tst_HttpClient::cleanup()
{
    m_client.reset();
    m_server.reset();
}

std::optional<Result<HttpResponse>> tst_HttpClient::sendAndWait(HttpRequest request, qint64 *elapsedMs, int waitMs)
{
    QObject context; // if we give up waiting, the late callback is dropped instead of writing into a dead frame
    auto box = std::make_shared<std::optional<Result<HttpResponse>>>();
    QElapsedTimer timer;
    timer.start();
    m_client->send(std::move(request), &context, [box](Result<HttpResponse> result) { box->emplace(std::move(result)); });
    (void)QTest::qWaitFor([&] { return box->has_value(); }, waitMs);
    if (elapsedMs)
        *elapsedMs = timer.elapsed();
    return *box;
}

HttpRequest tst_HttpClient::get(const QString &pathAndQuery) const
{
    HttpRequest request;
    request.url = m_server->url(pathAndQuery);
    request.timeout = 5s;
    return request;
}

void tst_HttpClient::okWithBody()
{
    m_server->route("GET", QStringLiteral("/v1/ping"), ScriptedResponse::json(200, R"({"pong":true})"));
    auto result = sendAndWait(get(QStringLiteral("/v1/ping?x=1")));
    QVERIFY(result);
    QVERIFY2(*result, qPrintable(result->ok() ? QString() : result->error().detail));
    QCOMPARE((*result)->status, 200);
    QCOMPARE((*result)->body, QByteArray(R"({"pong":true})"));
    QCOMPARE((*result)->attempts, 1);
    QCOMPARE((*result)->header("content-type"), QByteArray("application/json"));
    QCOMPARE(m_server->requestCount(), 1);
    QCOMPARE(m_server->requests().first().query.queryItemValue(QStringLiteral("x")), QStringLiteral("1"));
}

void tst_HttpClient::postSendsBodyAndHeaders()
{
    m_server->route("POST", QStringLiteral("/v1/query"), [](const RecordedRequest &request) {
        return ScriptedResponse::json(201, "{\"echo\":" + request.body + '}');
    });
    HttpRequest request = get(QStringLiteral("/v1/query"));
    request.method = "POST";
    request.headers = {{"Content-Type", "application/json"}, {"X-Api-Key", "k-123"}};
    request.body = R"({"q":1})";
    auto result = sendAndWait(request);
    QVERIFY(result && *result);
    QCOMPARE((*result)->status, 201);
    QCOMPARE((*result)->body, QByteArray(R"({"echo":{"q":1}})"));
    const RecordedRequest &seen = m_server->requests().first();
    QCOMPARE(seen.method, QByteArray("POST"));
    QCOMPARE(seen.header("x-api-key"), QByteArray("k-123"));
    QCOMPARE(seen.body, QByteArray(R"({"q":1})"));
    QVERIFY(!seen.hasHeader("Cookie"));
}

void tst_HttpClient::responseHeaderLookupIsCaseInsensitive()
{
    HttpResponse response;
    response.headers = {{"X-RateLimit-Remaining", "7"}, {"Content-Type", "text/plain"}};
    QCOMPARE(response.header("x-ratelimit-remaining"), QByteArray("7"));
    QCOMPARE(response.header("CONTENT-TYPE"), QByteArray("text/plain"));
    QVERIFY(response.header("Retry-After").isEmpty());
}

void tst_HttpClient::authFailures_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("challenge");
    QTest::addColumn<QString>("vendorWords");

    QTest::addRow("401 message") << 401 << QByteArray(R"({"code":20003,"message":"Authenticate"})") << QByteArray()
                                 << QStringLiteral("Authenticate");
    QTest::addRow("401 error_message") << 401
                                       << QByteArray(R"({"status_code":401,"error_message":"Unauthorized credentials."})")
                                       << QByteArray() << QStringLiteral("Unauthorized credentials");
    QTest::addRow("401 with Basic challenge") << 401 << QByteArray(R"({"message":"Bad API key"})")
                                              << QByteArray(R"(Basic realm="Vendor API")") << QStringLiteral("Bad API key");
    QTest::addRow("403 error.message") << 403 << QByteArray(R"({"error":{"message":"Project not allowed"}})")
                                       << QByteArray() << QStringLiteral("Project not allowed");
    QTest::addRow("403 errors[0].message") << 403 << QByteArray(R"({"errors":[{"message":"Token expired"}]})")
                                           << QByteArray() << QStringLiteral("Token expired");
    QTest::addRow("401 errors[0] string") << 401 << QByteArray(R"({"errors":["Your REST API key is incorrect"]})")
                                          << QByteArray() << QStringLiteral("Your REST API key is incorrect");
    QTest::addRow("401 no body") << 401 << QByteArray() << QByteArray() << QString();
}

void tst_HttpClient::authFailures()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, challenge);
    QFETCH(QString, vendorWords);
    ScriptedResponse response = ScriptedResponse::json(status, body);
    if (!challenge.isEmpty())
        response.withHeader("WWW-Authenticate", challenge);
    m_server->route("GET", QStringLiteral("/v1/me"), response);

    HttpRequest request = get(QStringLiteral("/v1/me"));
    request.headers = {{"Authorization", "Bearer abcdefgh12345678"}};
    auto result = sendAndWait(request);
    QVERIFY(result);
    QCOMPARE(codeOf(*result), toString(Error::Code::Auth));
    const QString message = result->error().userMessage;
    QVERIFY2(message.startsWith(QStringLiteral("The service rejected the credentials (HTTP %1)").arg(status)),
             qPrintable(message));
    QVERIFY2(message.contains(vendorWords), qPrintable(message));
    QCOMPARE(m_server->requestCount(), 1); // never retried
}

void tst_HttpClient::otherClientErrors_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("vendorWords");
    QTest::addRow("404 json") << 404 << QByteArray(R"({"message":"No such project"})") << QStringLiteral("No such project");
    QTest::addRow("400 error_description") << 400 << QByteArray(R"({"error":"invalid_request","error_description":"from_date is required"})")
                                           << QStringLiteral("from_date is required");
    QTest::addRow("422 plain text") << 422 << QByteArray("limit must be <= 100") << QStringLiteral("limit must be <= 100");
    QTest::addRow("400 AWS XML") << 400 << QByteArray("<ErrorResponse><Error><Code>InvalidParameter</Code><Message>Period is too short</Message></Error></ErrorResponse>")
                                 << QStringLiteral("Period is too short");
}

void tst_HttpClient::otherClientErrors()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QString, vendorWords);
    m_server->route("GET", QStringLiteral("/v1/thing"), ScriptedResponse::text(status, body));
    auto result = sendAndWait(get(QStringLiteral("/v1/thing")));
    QVERIFY(result);
    QCOMPARE(codeOf(*result), toString(Error::Code::Config));
    QVERIFY2(result->error().userMessage.contains(QStringLiteral("HTTP %1").arg(status)), qPrintable(result->error().userMessage));
    QVERIFY2(result->error().userMessage.contains(vendorWords), qPrintable(result->error().userMessage));
    QCOMPARE(m_server->requestCount(), 1);
}

void tst_HttpClient::shortRetryAfterIsWaitedFor()
{
    // The vendor's Retry-After is an order: honoured as given, not scaled like our own backoff.
    m_server->queue("GET", QStringLiteral("/v1/limited"),
                    {ScriptedResponse::json(429, R"({"message":"slow down"})").withHeader("Retry-After", "1"),
                     ScriptedResponse::json(200, R"({"ok":true})")});
    qint64 elapsed = 0;
    auto result = sendAndWait(get(QStringLiteral("/v1/limited")), &elapsed);
    QVERIFY(result);
    QVERIFY2(*result, qPrintable(codeOf(*result)));
    QCOMPARE((*result)->attempts, 2);
    QVERIFY2(elapsed >= 900, qPrintable(QString::number(elapsed)));
    QCOMPARE(m_server->requestCount(), 2);
}

void tst_HttpClient::longRetryAfterIsReturned()
{
    m_server->route("GET", QStringLiteral("/v1/limited"),
                    ScriptedResponse::json(429, R"({"message":"quota exceeded"})").withHeader("Retry-After", "120"));
    qint64 elapsed = 0;
    auto result = sendAndWait(get(QStringLiteral("/v1/limited")), &elapsed);
    QVERIFY(result);
    QCOMPARE(codeOf(*result), toString(Error::Code::RateLimited));
    QVERIFY(result->error().retryAfter.has_value());
    QCOMPARE(result->error().retryAfter->count(), 120'000);
    QVERIFY2(result->error().userMessage.contains(QStringLiteral("quota exceeded")), qPrintable(result->error().userMessage));
    QCOMPARE(m_server->requestCount(), 1); // longer than kMaxInlineRetryAfter: the scheduler waits, not us
    QVERIFY(elapsed < 5000);
}

void tst_HttpClient::retryAfterAsHttpDate()
{
    const QByteArray date = httpDate(QDateTime::currentDateTimeUtc().addSecs(120));
    m_server->route("GET", QStringLiteral("/v1/limited"), ScriptedResponse::json(429, "{}").withHeader("Retry-After", date));
    auto result = sendAndWait(get(QStringLiteral("/v1/limited")));
    QVERIFY(result);
    QCOMPARE(codeOf(*result), toString(Error::Code::RateLimited));
    QVERIFY(result->error().retryAfter.has_value());
    const qint64 ms = result->error().retryAfter->count();
    QVERIFY2(ms > 110'000 && ms <= 120'000, qPrintable(QString::number(ms)));
    QCOMPARE(m_server->requestCount(), 1);
}

void tst_HttpClient::transientErrorsAreRetried()
{
    m_server->queue("GET", QStringLiteral("/v1/flaky"),
                    {ScriptedResponse::json(503, "{}"), ScriptedResponse::json(503, "{}"),
                     ScriptedResponse::json(200, R"({"ok":1})")});
    auto result = sendAndWait(get(QStringLiteral("/v1/flaky")));
    QVERIFY(result);
    QVERIFY2(*result, qPrintable(codeOf(*result)));
    QCOMPARE((*result)->attempts, 3);
    QCOMPARE((*result)->body, QByteArray(R"({"ok":1})"));
    QCOMPARE(m_server->requestCount(), 3);
}

void tst_HttpClient::serverErrorsGiveUpAfterMaxRetries_data()
{
    QTest::addColumn<int>("maxRetries");
    QTest::addRow("no retry") << 0;
    QTest::addRow("1 retry") << 1;
    QTest::addRow("default (2)") << 2;
    QTest::addRow("4 retries") << 4;
}

void tst_HttpClient::serverErrorsGiveUpAfterMaxRetries()
{
    QFETCH(int, maxRetries);
    m_server->route("GET", QStringLiteral("/v1/broken"), ScriptedResponse::json(500, R"({"message":"db down"})"));
    HttpRequest request = get(QStringLiteral("/v1/broken"));
    request.maxRetries = maxRetries;
    auto result = sendAndWait(request);
    QVERIFY(result);
    QCOMPARE(codeOf(*result), toString(Error::Code::Network));
    QVERIFY2(result->error().userMessage.contains(QStringLiteral("HTTP 500")), qPrintable(result->error().userMessage));
    QVERIFY2(result->error().userMessage.contains(QStringLiteral("db down")), qPrintable(result->error().userMessage));
    QVERIFY2(result->error().detail.contains(QStringLiteral("after %1 attempt").arg(maxRetries + 1)),
             qPrintable(result->error().detail));
    QCOMPARE(m_server->requestCount(), maxRetries + 1);
}

void tst_HttpClient::noAnswerTimesOut()
{
    ScriptedResponse slow = ScriptedResponse::json(200, "{}");
    slow.delayMs = 4000;
    m_server->route("GET", QStringLiteral("/v1/slow"), slow);
    HttpRequest request = get(QStringLiteral("/v1/slow"));
    request.timeout = 300ms;
    request.maxRetries = 1;
    qint64 elapsed = 0;
    auto result = sendAndWait(request, &elapsed);
    QVERIFY(result);
    QCOMPARE(codeOf(*result), toString(Error::Code::Timeout));
    QVERIFY2(elapsed >= 550 && elapsed < 3000, qPrintable(QString::number(elapsed)));
    QCOMPARE(m_server->requestCount(), 2); // timeouts are retried
}

void tst_HttpClient::tricklingServerHitsTheDeadline()
{
    // One byte every 50 ms keeps Qt's no-progress timer happy forever; the overall deadline must still fire.
    ScriptedResponse trickle = ScriptedResponse::json(200, QByteArray(200, 'x'));
    trickle.trickleMs = 50;
    m_server->route("GET", QStringLiteral("/v1/trickle"), trickle);
    HttpRequest request = get(QStringLiteral("/v1/trickle"));
    request.timeout = 500ms;
    request.maxRetries = 0;
    qint64 elapsed = 0;
    auto result = sendAndWait(request, &elapsed);
    QVERIFY(result);
    QCOMPARE(codeOf(*result), toString(Error::Code::Timeout));
    QVERIFY2(result->error().detail.contains(QStringLiteral("no complete answer")), qPrintable(result->error().detail));
    QVERIFY2(elapsed >= 450 && elapsed < 2500, qPrintable(QString::number(elapsed)));
}

void tst_HttpClient::closedConnectionIsRetried()
{
    m_server->route("GET", QStringLiteral("/v1/dead"), ScriptedResponse::closed());
    HttpRequest request = get(QStringLiteral("/v1/dead"));
    request.maxRetries = 2;
    auto result = sendAndWait(request);
    QVERIFY(result);
    QCOMPARE(codeOf(*result), toString(Error::Code::Network));
    QVERIFY2(result->error().detail.contains(QStringLiteral("after 3 attempts")), qPrintable(result->error().detail));
    // Qt itself may resend once on a connection closed before any answer; we made 3 attempts.
    QVERIFY2(m_server->requestCount() >= 3, qPrintable(QString::number(m_server->requestCount())));

    // And a connection that dies once is survived.
    m_server->queue("GET", QStringLiteral("/v1/once"),
                    {ScriptedResponse::closed(), ScriptedResponse::closed(), ScriptedResponse::closed(),
                     ScriptedResponse::json(200, "{}")});
    request = get(QStringLiteral("/v1/once"));
    request.maxRetries = 5;
    result = sendAndWait(request);
    QVERIFY(result);
    QVERIFY2(*result, qPrintable(codeOf(*result)));
}

void tst_HttpClient::oversizedBodyIsCutOff_data()
{
    QTest::addColumn<bool>("announced");
    QTest::addRow("Content-Length over the limit") << true;
    QTest::addRow("streamed past the limit") << false;
}

void tst_HttpClient::oversizedBodyIsCutOff()
{
    QFETCH(bool, announced);
    ScriptedResponse big;
    big.headers = {{"Content-Type", "application/octet-stream"}};
    if (announced) {
        big.body = QByteArray(1024, 'x');
        big.announcedLength = HttpClient::kMaxBodyBytes + 1;
    } else {
        big.body = QByteArray(HttpClient::kMaxBodyBytes + 64 * 1024, 'x');
        big.closeDelimited = true;
    }
    m_server->route("GET", QStringLiteral("/v1/export"), big);
    HttpRequest request = get(QStringLiteral("/v1/export"));
    request.timeout = 30s;
    auto result = sendAndWait(request);
    QVERIFY(result);
    QCOMPARE(codeOf(*result), toString(Error::Code::Network));
    QVERIFY2(result->error().userMessage.contains(QStringLiteral("response larger than 64 MiB")),
             qPrintable(result->error().userMessage));
    QCOMPARE(m_server->requestCount(), 1); // not retried: it would be as large again
}

void tst_HttpClient::plainHttpToRemoteHostIsRefusedBeforeIo()
{
    bool called = false;
    std::optional<Result<HttpResponse>> result;
    HttpRequest request;
    request.url = QUrl(QStringLiteral("http://example.com/v1/data"));
    QElapsedTimer timer;
    timer.start();
    m_client->send(request, this, [&](Result<HttpResponse> r) {
        called = true;
        result.emplace(std::move(r));
    });
    QVERIFY(!called); // always asynchronous, even when refused at once
    QVERIFY(QTest::qWaitFor([&] { return called; }, 2000));
    QVERIFY(timer.elapsed() < 500); // no DNS lookup, no connection attempt
    QCOMPARE(codeOf(*result), toString(Error::Code::Config));
    QVERIFY2(result->error().userMessage.contains(QStringLiteral("https://")), qPrintable(result->error().userMessage));
}

void tst_HttpClient::sameOriginRedirectIsFollowed()
{
    // Five hops (the most allowed), the last one with a query.
    for (int i = 1; i <= 4; ++i) {
        m_server->route("GET", QStringLiteral("/v1/hop%1").arg(i),
                        ScriptedResponse::json(i % 2 ? 302 : 301, "{}").withHeader("Location", "/v1/hop" + QByteArray::number(i + 1)));
    }
    m_server->route("GET", QStringLiteral("/v1/hop5"), ScriptedResponse::json(307, "{}").withHeader("Location", "new?page=2"));
    m_server->route("GET", QStringLiteral("/v1/new"), ScriptedResponse::json(200, R"({"moved":true})"));
    HttpRequest request = get(QStringLiteral("/v1/hop1"));
    request.headers = {{"Authorization", "Bearer abcdefgh12345678"}};
    auto result = sendAndWait(request);
    QVERIFY(result);
    QVERIFY2(*result, qPrintable(result->ok() ? QString() : result->error().detail));
    QCOMPARE((*result)->body, QByteArray(R"({"moved":true})"));
    QCOMPARE((*result)->attempts, 1); // redirects are hops of one attempt, not retries
    QCOMPARE(m_server->requestCount(), 6);
    QCOMPARE(m_server->requests().last().query.queryItemValue(QStringLiteral("page")), QStringLiteral("2"));
    QCOMPARE(m_server->requests().last().header("Authorization"), QByteArray("Bearer abcdefgh12345678"));

    // 303 after a POST goes on with a GET and no body.
    m_server->clearRequests();
    m_server->route("POST", QStringLiteral("/v1/jobs"), ScriptedResponse::json(303, "{}").withHeader("Location", "/v1/jobs/7"));
    m_server->route("GET", QStringLiteral("/v1/jobs/7"), ScriptedResponse::json(200, R"({"id":7})"));
    request = get(QStringLiteral("/v1/jobs"));
    request.method = "POST";
    request.headers = {{"Content-Type", "application/json"}};
    request.body = R"({"run":true})";
    result = sendAndWait(request);
    QVERIFY(result && *result);
    QCOMPARE((*result)->body, QByteArray(R"({"id":7})"));
    QCOMPARE(m_server->requestCount(), 2);
    QCOMPARE(m_server->requests().at(1).method, QByteArray("GET"));
    QVERIFY(m_server->requests().at(1).body.isEmpty());
}

void tst_HttpClient::unsafeRedirectsAreRefused_data()
{
    QTest::addColumn<QString>("location"); // "{port}" is replaced by the server's port
    QTest::addColumn<bool>("withCredentials");
    QTest::addColumn<int>("maxRequests");
    QTest::addRow("to plain http on another host") << QStringLiteral("http://example.com/steal") << false << 1;
    QTest::addRow("to another scheme") << QStringLiteral("https://127.0.0.1:{port}/v1/secure") << false << 1;
    QTest::addRow("to another host with credentials") << QStringLiteral("http://localhost:{port}/v1/new") << true << 1;
    QTest::addRow("loop (more than 5 hops)") << QStringLiteral("/v1/loop") << false << 6;
}

void tst_HttpClient::unsafeRedirectsAreRefused()
{
    QFETCH(QString, location);
    QFETCH(bool, withCredentials);
    QFETCH(int, maxRequests);
    location.replace(QStringLiteral("{port}"), QString::number(m_server->port()));
    m_server->route("GET", QStringLiteral("/v1/loop"), ScriptedResponse::json(302, "{}").withHeader("Location", location.toUtf8()));
    m_server->route("GET", QStringLiteral("/v1/new"), ScriptedResponse::json(200, "{}"));
    HttpRequest request = get(QStringLiteral("/v1/loop"));
    if (withCredentials)
        request.headers = {{"Authorization", "Bearer abcdefgh12345678"}};
    auto result = sendAndWait(request);
    QVERIFY(result);
    QCOMPARE(codeOf(*result), toString(Error::Code::Config));
    QVERIFY2(result->error().userMessage.contains(QStringLiteral("redirect")), qPrintable(result->error().userMessage));
    QVERIFY2(m_server->requestCount() <= maxRequests, qPrintable(QString::number(m_server->requestCount())));
    for (const RecordedRequest &seen : m_server->requests())
        QCOMPARE(seen.path, QStringLiteral("/v1/loop"));
}

void tst_HttpClient::secretsNeverLeak()
{
    const QString secret = QStringLiteral("sk_live_S3cr3t/Tok+en==");
    const QByteArray encoded = QUrl::toPercentEncoding(secret);
    const QStringList forms = {secret, QString::fromLatin1(encoded), QString::fromLatin1(secret.toUtf8().toBase64())};
    g_logged.clear();

    // The vendor echoes the key in its error body, on an auth failure and on a server error.
    m_server->route("GET", QStringLiteral("/v1/auth"), [secret](const RecordedRequest &) {
        return ScriptedResponse::json(401, R"({"message":"API key )" + secret.toUtf8() + R"( is not valid"})");
    });
    m_server->route("GET", QStringLiteral("/v1/fail"), [secret](const RecordedRequest &) {
        return ScriptedResponse::text(500, "backend rejected token " + secret.toUtf8());
    });
    m_server->route("GET", QStringLiteral("/v1/missing"), ScriptedResponse::json(404, R"({"message":"not here"})"));

    QList<HttpRequest> requests;
    for (const QString &path : {QStringLiteral("/v1/auth"), QStringLiteral("/v1/fail"), QStringLiteral("/v1/missing")}) {
        HttpRequest request = get(path + QStringLiteral("?api_key=") + QString::fromLatin1(encoded) + QStringLiteral("&page=1"));
        request.headers = {{"Authorization", "Bearer " + secret.toUtf8()}};
        request.secrets = {secret};
        request.maxRetries = 1;
        requests << request;
    }
    // A secret in the path, and a connection that fails (Qt's own error text).
    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost));
    const quint16 closedPort = closed.serverPort();
    closed.close();
    HttpRequest refused;
    refused.url = QUrl(QStringLiteral("http://127.0.0.1:%1/hooks/%2").arg(closedPort).arg(QString::fromLatin1(encoded)));
    refused.secrets = {secret};
    refused.maxRetries = 1;
    requests << refused;

    for (const HttpRequest &request : std::as_const(requests)) {
        auto result = sendAndWait(request);
        QVERIFY(result);
        QVERIFY(!*result);
        const Error &error = result->error();
        for (const QString &form : forms) {
            QVERIFY2(!error.userMessage.contains(form), qPrintable(error.userMessage));
            QVERIFY2(!error.detail.contains(form), qPrintable(error.detail));
        }
    }
    // The auth failure kept the vendor's words around the masked key.
    QVERIFY(m_server->requests().first().header("Authorization").endsWith(secret.toUtf8())); // it was sent
    QVERIFY2(!g_logged.isEmpty(), "the client logged nothing; the check below would prove nothing");
    bool sawRequestLine = false;
    for (const QString &line : std::as_const(g_logged)) {
        for (const QString &form : forms)
            QVERIFY2(!line.contains(form), qPrintable(line));
        sawRequestLine = sawRequestLine || (line.startsWith(QStringLiteral("stackscope.core.net"))
                                            && line.contains(QStringLiteral("/v1/fail?api_key=***&page=1")));
    }
    QVERIFY2(sawRequestLine, qPrintable(g_logged.join(QLatin1Char('\n'))));
}

void tst_HttpClient::callbackDroppedWhenContextDies()
{
    ScriptedResponse slow = ScriptedResponse::json(200, "{}");
    slow.delayMs = 400;
    m_server->route("GET", QStringLiteral("/v1/slow"), slow);
    auto *context = new QObject;
    bool called = false;
    m_client->send(get(QStringLiteral("/v1/slow")), context, [&called](Result<HttpResponse>) { called = true; });
    QVERIFY(QTest::qWaitFor([&] { return m_server->requestCount() == 1; }, 5000));
    delete context;
    QTest::qWait(800);
    QVERIFY(!called);

    // And when it dies before the client even started: the request is aborted and nothing is delivered.
    context = new QObject;
    m_client->send(get(QStringLiteral("/v1/slow")), context, [&called](Result<HttpResponse>) { called = true; });
    delete context;
    QTest::qWait(800);
    QVERIFY(!called);
}

void tst_HttpClient::clientDestroyedWithRequestsInFlight()
{
    ScriptedResponse slow = ScriptedResponse::json(200, "{}");
    slow.delayMs = 300;
    m_server->route("GET", QStringLiteral("/v1/slow"), slow);
    m_server->route("GET", QStringLiteral("/v1/retry"), ScriptedResponse::json(503, "{}").withHeader("Retry-After", "1"));
    bool called = false;
    m_client->send(get(QStringLiteral("/v1/slow")), this, [&called](Result<HttpResponse>) { called = true; });
    m_client->send(get(QStringLiteral("/v1/retry")), this, [&called](Result<HttpResponse>) { called = true; });
    QVERIFY(QTest::qWaitFor([&] { return m_server->requestCount() == 2; }, 5000));
    m_client.reset(); // one reply in flight, one retry waiting
    QTest::qWait(1500);
    QVERIFY(!called);
}

void tst_HttpClient::serverErrorWithLongRetryAfterStopsRetrying()
{
    m_server->route("GET", QStringLiteral("/v1/maintenance"),
                    ScriptedResponse::json(503, R"({"message":"maintenance"})").withHeader("Retry-After", "3600"));
    auto result = sendAndWait(get(QStringLiteral("/v1/maintenance")));
    QVERIFY(result);
    QCOMPARE(codeOf(*result), toString(Error::Code::Network));
    QVERIFY(result->error().retryAfter.has_value());
    QCOMPARE(result->error().retryAfter->count(), 3'600'000);
    QCOMPARE(m_server->requestCount(), 1);
}

void tst_HttpClient::serverAnswersFromRecordedFiles()
{
    QVERIFY(LocalHttpServer::dataPath(QStringLiteral("svc/x.json")).endsWith(QStringLiteral("tests/data/svc/x.json")));
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QFile file(dir.filePath(QStringLiteral("page.json")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"({"items":[1,2]})");
    file.close();
    m_server->route("GET", QStringLiteral("/v1/items*"), ScriptedResponse::fromFile(200, file.fileName()));
    auto result = sendAndWait(get(QStringLiteral("/v1/items/page?cursor=abc")));
    QVERIFY(result && *result);
    QCOMPARE((*result)->body, QByteArray(R"({"items":[1,2]})"));
    QCOMPARE((*result)->header("Content-Type"), QByteArray("application/json"));
    QCOMPARE(m_server->requests().first().path, QStringLiteral("/v1/items/page"));
    QCOMPARE(m_server->requests().first().query.queryItemValue(QStringLiteral("cursor")), QStringLiteral("abc"));
    // A missing file is a loud 500, not an empty 200.
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("LocalHttpServer: cannot read .*missing.json")));
    QCOMPARE(ScriptedResponse::fromFile(200, dir.filePath(QStringLiteral("missing.json"))).status, 500);
}

void tst_HttpClient::isAllowedUrl_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("allowed");
    QTest::addRow("https") << QStringLiteral("https://api.example.com/v1") << true;
    QTest::addRow("https with port") << QStringLiteral("https://api.example.com:8443/") << true;
    QTest::addRow("http 127.0.0.1") << QStringLiteral("http://127.0.0.1:8080/x") << true;
    QTest::addRow("http 127.5.6.7") << QStringLiteral("http://127.5.6.7/x") << true;
    QTest::addRow("http ::1") << QStringLiteral("http://[::1]:9090/") << true;
    QTest::addRow("http localhost") << QStringLiteral("http://localhost:9090/") << true;
    QTest::addRow("http LOCALHOST") << QStringLiteral("http://LOCALHOST/") << true;
    QTest::addRow("http remote") << QStringLiteral("http://example.com/") << false;
    QTest::addRow("http private") << QStringLiteral("http://10.0.0.1/") << false;
    QTest::addRow("http localhost.evil") << QStringLiteral("http://localhost.evil.example/") << false;
    QTest::addRow("http 127.0.0.1.nip.io") << QStringLiteral("http://127.0.0.1.nip.io/") << false;
    QTest::addRow("ftp") << QStringLiteral("ftp://example.com/") << false;
    QTest::addRow("file") << QStringLiteral("file:///etc/passwd") << false;
    QTest::addRow("userinfo") << QStringLiteral("https://user:pw@api.example.com/") << false;
    QTest::addRow("relative") << QStringLiteral("/v1/x") << false;
    QTest::addRow("empty") << QString() << false;
}

void tst_HttpClient::isAllowedUrl()
{
    QFETCH(QString, url);
    QFETCH(bool, allowed);
    QString why;
    QCOMPARE(HttpClient::isAllowedUrl(QUrl(url), &why), allowed);
    QCOMPARE(why.isEmpty(), allowed);
}

void tst_HttpClient::redactedUrl_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("expected");
    QTest::addRow("api_key") << QStringLiteral("https://api.example.com/v1?api_key=abc&x=1")
                             << QStringLiteral("https://api.example.com/v1?api_key=***&x=1");
    QTest::addRow("many") << QStringLiteral("https://h/p?token=a&page=2&Signature=b&X-Amz-Credential=c%2Fd&password=p&sig=s&auth=q")
                          << QStringLiteral("https://h/p?token=***&page=2&Signature=***&X-Amz-Credential=***&password=***&sig=***&auth=***");
    QTest::addRow("client_secret") << QStringLiteral("https://h/oauth?client_id=id&client_secret=shh")
                                   << QStringLiteral("https://h/oauth?client_id=id&client_secret=***");
    QTest::addRow("userinfo and fragment") << QStringLiteral("https://user:pw@h/p?q=1#frag") << QStringLiteral("https://h/p?q=1");
    QTest::addRow("no query") << QStringLiteral("http://127.0.0.1:8080/v1/x") << QStringLiteral("http://127.0.0.1:8080/v1/x");
    QTest::addRow("flag without value") << QStringLiteral("https://h/p?apikey&x=1") << QStringLiteral("https://h/p?apikey&x=1");
}

void tst_HttpClient::redactedUrl()
{
    QFETCH(QString, url);
    QFETCH(QString, expected);
    QCOMPARE(HttpClient::redactedUrl(QUrl(url)), expected);
}

void tst_HttpClient::redact_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("secrets");
    QTest::addColumn<QString>("expected");
    const QStringList secret{QStringLiteral("p@ss word/1")};
    QTest::addRow("plain") << QStringLiteral("key p@ss word/1 rejected") << secret << QStringLiteral("key *** rejected");
    QTest::addRow("percent-encoded") << QStringLiteral("GET /x?k=p%40ss%20word%2F1") << secret << QStringLiteral("GET /x?k=***");
    QTest::addRow("percent lowercase hex") << QStringLiteral("k=p%40ss%20word%2f1") << secret << QStringLiteral("k=***");
    QTest::addRow("form-encoded") << QStringLiteral("k=p%40ss+word%2F1") << secret << QStringLiteral("k=***");
    QTest::addRow("base64") << QStringLiteral("Basic ") + QString::fromLatin1(QByteArray("p@ss word/1").toBase64()) << secret
                            << QStringLiteral("Basic ***");
    QTest::addRow("json-escaped") << QStringLiteral(R"({"k":"p@ss word\/1"})") << secret << QStringLiteral(R"({"k":"***"})");
    QTest::addRow("every occurrence") << QStringLiteral("a p@ss word/1 b p@ss word/1") << secret << QStringLiteral("a *** b ***");
    QTest::addRow("several secrets") << QStringLiteral("id=AC123 token=tok-999")
                                     << QStringList{QStringLiteral("AC123"), QStringLiteral("tok-999")}
                                     << QStringLiteral("id=*** token=***");
    QTest::addRow("overlapping, longest first") << QStringLiteral("abcdef") << QStringList{QStringLiteral("abc"), QStringLiteral("abcdef")}
                                                << QStringLiteral("***");
    QTest::addRow("empty secret ignored") << QStringLiteral("nothing") << QStringList{QString()} << QStringLiteral("nothing");
}

void tst_HttpClient::redact()
{
    QFETCH(QString, text);
    QFETCH(QStringList, secrets);
    QFETCH(QString, expected);
    QCOMPARE(HttpClient::redact(text, secrets), expected);
}

void tst_HttpClient::parseRetryAfter_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<qint64>("expectedMs"); // -1: not understood
    QTest::addRow("seconds") << QByteArray("120") << qint64(120'000);
    QTest::addRow("zero") << QByteArray("0") << qint64(0);
    QTest::addRow("padded") << QByteArray(" 7 ") << qint64(7'000);
    QTest::addRow("huge is clamped") << QByteArray("99999999999999999999") << qint64(10LL * 365 * 24 * 3600 * 1000);
    QTest::addRow("IMF-fixdate") << QByteArray("Thu, 01 Jan 2026 00:01:30 GMT") << qint64(90'000);
    QTest::addRow("RFC 850") << QByteArray("Thursday, 01-Jan-26 00:01:30 GMT") << qint64(90'000);
    QTest::addRow("asctime") << QByteArray("Thu Jan  1 00:01:30 2026") << qint64(90'000);
    QTest::addRow("date in the past") << QByteArray("Wed, 31 Dec 2025 23:00:00 GMT") << qint64(0);
    QTest::addRow("date now") << QByteArray("Thu, 01 Jan 2026 00:00:00 GMT") << qint64(0);
    QTest::addRow("negative") << QByteArray("-5") << qint64(-1);
    QTest::addRow("fraction") << QByteArray("1.5") << qint64(-1);
    QTest::addRow("empty") << QByteArray() << qint64(-1);
    QTest::addRow("words") << QByteArray("soon") << qint64(-1);
    QTest::addRow("bad day") << QByteArray("Thu, 32 Jan 2026 00:00:00 GMT") << qint64(-1);
    QTest::addRow("bad month") << QByteArray("Thu, 01 Foo 2026 00:00:00 GMT") << qint64(-1);
    QTest::addRow("local zone") << QByteArray("Thu, 01 Jan 2026 00:00:00 CET") << qint64(-1);
}

void tst_HttpClient::parseRetryAfter()
{
    QFETCH(QByteArray, value);
    QFETCH(qint64, expectedMs);
    constexpr qint64 now = 1767225600000; // 2026-01-01T00:00:00Z, a Thursday
    const auto parsed = HttpClient::parseRetryAfter(value, now);
    if (expectedMs < 0) {
        QVERIFY(!parsed.has_value());
    } else {
        QVERIFY(parsed.has_value());
        QCOMPARE(qint64(parsed->count()), expectedMs);
    }
}

QTEST_GUILESS_MAIN(tst_HttpClient)
#include "tst_httpclient.moc"
