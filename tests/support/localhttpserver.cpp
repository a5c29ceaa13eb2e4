#include "localhttpserver.h"

#include "testdata.h"

#include <QDebug>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <memory>

namespace stackscope::test {

namespace {

constexpr qsizetype kMaxHeaderBytes = 64 * 1024;

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 204: return "No Content";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 304: return "Not Modified";
    case 307: return "Temporary Redirect";
    case 308: return "Permanent Redirect";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 408: return "Request Timeout";
    case 411: return "Length Required";
    case 422: return "Unprocessable Entity";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    default: return "Status";
    }
}

bool hasHeaderIn(const HeaderPairs &headers, QByteArrayView name)
{
    for (const auto &header : headers) {
        if (QByteArrayView(header.first).compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

bool pathMatches(const QString &pattern, const QString &path)
{
    if (pattern.endsWith(QLatin1Char('*')))
        return path.startsWith(QStringView(pattern).chopped(1));
    return path == pattern;
}

bool methodMatches(const QByteArray &pattern, const QByteArray &method)
{
    return pattern.isEmpty() || pattern == "*" || pattern.compare(method, Qt::CaseInsensitive) == 0;
}

} // namespace

QByteArray RecordedRequest::header(QByteArrayView name) const
{
    for (const auto &[key, value] : headers) {
        if (QByteArrayView(key).compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

bool RecordedRequest::hasHeader(QByteArrayView name) const
{
    return hasHeaderIn(headers, name);
}

ScriptedResponse ScriptedResponse::json(int status, QByteArray body)
{
    ScriptedResponse response;
    response.status = status;
    response.withHeader("Content-Type", "application/json");
    response.body = std::move(body);
    return response;
}

ScriptedResponse ScriptedResponse::text(int status, QByteArray body)
{
    ScriptedResponse response;
    response.status = status;
    response.withHeader("Content-Type", "text/plain; charset=utf-8");
    response.body = std::move(body);
    return response;
}

ScriptedResponse ScriptedResponse::fromFile(int status, const QString &path)
{
    const QString fullPath = QFileInfo(path).isAbsolute() ? path : LocalHttpServer::dataPath(path);
    QFile file(fullPath);
    if (!file.open(QIODevice::ReadOnly)) {
        qWarning().noquote() << "LocalHttpServer: cannot read" << fullPath << file.errorString();
        return text(500, "LocalHttpServer: cannot read " + fullPath.toUtf8());
    }
    ScriptedResponse response;
    response.status = status;
    response.body = file.readAll();
    if (fullPath.endsWith(QLatin1String(".json")))
        response.withHeader("Content-Type", "application/json");
    else if (fullPath.endsWith(QLatin1String(".xml")))
        response.withHeader("Content-Type", "application/xml");
    else
        response.withHeader("Content-Type", "text/plain; charset=utf-8");
    return response;
}

ScriptedResponse ScriptedResponse::closed(int delayMs)
{
    ScriptedResponse response;
    response.closeWithoutAnswer = true;
    response.delayMs = delayMs;
    return response;
}

ScriptedResponse &ScriptedResponse::withHeader(QByteArray name, QByteArray value)
{
    headers.append(qMakePair(std::move(name), std::move(value)));
    return *this;
}

ScriptedResponse &ScriptedResponse::withDelay(int ms)
{
    delayMs = ms;
    return *this;
}

// Per connection: what has arrived and not been handled yet, and whether an answer is under way (requests are
// answered one at a time, in order; a pipelined request waits in `buffer`).
struct LocalHttpServer::Connection
{
    QByteArray buffer;
    bool busy = false;
    bool closing = false;
};

LocalHttpServer::LocalHttpServer(QObject *parent) : QObject(parent), m_server(new QTcpServer(this))
{
    connect(m_server, &QTcpServer::newConnection, this, &LocalHttpServer::onNewConnection);
}

LocalHttpServer::~LocalHttpServer() = default;

bool LocalHttpServer::listen()
{
    if (m_server->isListening())
        return true;
    if (!m_server->listen(QHostAddress::LocalHost, 0)) {
        qWarning().noquote() << "LocalHttpServer: listen failed:" << m_server->errorString();
        return false;
    }
    return true;
}

quint16 LocalHttpServer::port() const
{
    return m_server->serverPort();
}

QUrl LocalHttpServer::url(const QString &pathAndQuery) const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port()) + pathAndQuery);
}

void LocalHttpServer::route(const QByteArray &method, const QString &pathOrPrefix, Handler handler)
{
    m_routes.append({method, pathOrPrefix, std::move(handler)});
}

void LocalHttpServer::route(const QByteArray &method, const QString &pathOrPrefix, const ScriptedResponse &response)
{
    route(method, pathOrPrefix, [response](const RecordedRequest &) { return response; });
}

void LocalHttpServer::queue(const QByteArray &method, const QString &path, const QList<ScriptedResponse> &responses)
{
    for (Queued &queued : m_queues) {
        if (queued.method == method && queued.path == path) {
            queued.responses.append(responses);
            return;
        }
    }
    m_queues.append({method, path, responses});
}

QString LocalHttpServer::dataPath(const QString &relative)
{
    // Not __FILE__: ccache's base_dir makes it relative to the build directory.
    return testDataPath(relative);
}

void LocalHttpServer::onNewConnection()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        auto connection = std::make_shared<Connection>();
        connect(socket, &QTcpSocket::readyRead, this, [this, socket, connection] {
            connection->buffer += socket->readAll();
            processBuffer(socket, connection);
        });
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        // A client may also vanish while we wait or trickle: errors just end the connection.
        connect(socket, &QTcpSocket::errorOccurred, socket, [socket](QAbstractSocket::SocketError) {
            socket->abort();
            socket->deleteLater();
        });
    }
}

void LocalHttpServer::processBuffer(QTcpSocket *socket, const std::shared_ptr<Connection> &connection)
{
    Connection &c = *connection;
    if (c.busy || c.closing)
        return;

    const qsizetype headerEnd = c.buffer.indexOf("\r\n\r\n");
    if (headerEnd < 0) {
        if (c.buffer.size() > kMaxHeaderBytes) {
            c.closing = true;
            respond(socket, connection, {}, ScriptedResponse::text(431, "request headers too large"));
        }
        return;
    }

    RecordedRequest request;
    const QList<QByteArray> lines = c.buffer.left(headerEnd).split('\n');
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    if (requestLine.size() != 3) {
        c.closing = true;
        respond(socket, connection, {}, ScriptedResponse::text(400, "malformed request line"));
        return;
    }
    request.method = requestLine[0];
    request.target = requestLine[1];
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines[i].trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            request.headers.append(qMakePair(line.left(colon).trimmed(), line.mid(colon + 1).trimmed()));
    }
    if (request.header("Transfer-Encoding").toLower().contains("chunked")) {
        c.closing = true;
        respond(socket, connection, request, ScriptedResponse::text(411, "LocalHttpServer wants a Content-Length"));
        return;
    }
    bool ok = true;
    const QByteArray lengthHeader = request.header("Content-Length");
    const qint64 length = lengthHeader.isEmpty() ? 0 : lengthHeader.toLongLong(&ok);
    if (!ok || length < 0) {
        c.closing = true;
        respond(socket, connection, request, ScriptedResponse::text(400, "bad Content-Length"));
        return;
    }
    if (c.buffer.size() < headerEnd + 4 + length)
        return; // the body is still coming
    request.body = c.buffer.mid(headerEnd + 4, length);
    c.buffer.remove(0, headerEnd + 4 + length);

    const QUrl url(QString::fromLatin1(request.target));
    request.path = url.path(QUrl::FullyDecoded);
    request.query = QUrlQuery(url.query(QUrl::FullyEncoded));
    if (request.header("Connection").toLower().contains("close"))
        c.closing = true;
    m_requests.append(request);
    respond(socket, connection, request, answerFor(request));
}

ScriptedResponse LocalHttpServer::answerFor(const RecordedRequest &request)
{
    for (Queued &queued : m_queues) {
        if (!queued.responses.isEmpty() && methodMatches(queued.method, request.method) && queued.path == request.path)
            return queued.responses.takeFirst();
    }
    for (auto it = m_routes.crbegin(); it != m_routes.crend(); ++it) {
        if (methodMatches(it->method, request.method) && pathMatches(it->pattern, request.path))
            return it->handler(request);
    }
    return ScriptedResponse::json(404, R"({"message":"LocalHttpServer: no route for )" + request.method + ' '
                                           + request.path.toUtf8() + "\"}");
}

void LocalHttpServer::respond(QTcpSocket *socket, const std::shared_ptr<Connection> &connection,
                              const RecordedRequest &request, const ScriptedResponse &response)
{
    connection->busy = true;
    // A body shorter than announced, or one delimited by the end of the connection, ends the connection.
    if (response.closeWithoutAnswer || response.closeDelimited
        || (response.announcedLength >= 0 && response.announcedLength != response.body.size()))
        connection->closing = true;
    QPointer<QTcpSocket> guard(socket);
    QPointer<LocalHttpServer> self(this);
    // After an answer: close, or take the next request already waiting in the buffer.
    auto done = [self, guard, connection] {
        if (!guard || guard->state() != QAbstractSocket::ConnectedState)
            return;
        connection->busy = false;
        if (connection->closing) {
            guard->disconnectFromHost();
            return;
        }
        if (self)
            self->processBuffer(guard.data(), connection);
    };
    const bool head = request.method == "HEAD";
    auto send = [guard, response, head, connection, done] {
        if (!guard || guard->state() != QAbstractSocket::ConnectedState)
            return;
        QTcpSocket *s = guard.data();
        if (response.closeWithoutAnswer) {
            s->disconnectFromHost();
            return;
        }
        QByteArray out = "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + reasonPhrase(response.status) + "\r\n";
        for (const auto &[name, value] : response.headers)
            out += name + ": " + value + "\r\n";
        const bool bodyless = head || response.status == 204 || response.status == 304;
        if (!response.closeDelimited && !hasHeaderIn(response.headers, "Content-Length")) {
            const qint64 length = response.announcedLength >= 0 ? response.announcedLength : response.body.size();
            out += "Content-Length: " + QByteArray::number(bodyless ? 0 : length) + "\r\n";
        }
        out += connection->closing ? "Connection: close\r\n\r\n" : "Connection: keep-alive\r\n\r\n";
        if (bodyless) {
            s->write(out);
            done();
            return;
        }
        if (response.trickleMs <= 0) {
            s->write(out + response.body);
            done();
            return;
        }
        s->write(out);
        auto *timer = new QTimer(s);
        auto position = std::make_shared<qsizetype>(0);
        QObject::connect(timer, &QTimer::timeout, s, [s, timer, position, body = response.body, done] {
            if (s->state() != QAbstractSocket::ConnectedState) {
                timer->stop();
                return;
            }
            if (*position >= body.size()) {
                timer->stop();
                timer->deleteLater();
                done();
                return;
            }
            s->write(body.mid((*position)++, 1));
        });
        timer->start(response.trickleMs);
    };
    if (response.delayMs > 0)
        QTimer::singleShot(response.delayMs, socket, send);
    else
        send();
}

} // namespace stackscope::test
