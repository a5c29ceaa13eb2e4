#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPair>
#include <QString>
#include <QUrl>
#include <QUrlQuery>

#include <functional>
#include <memory>

class QTcpServer;
class QTcpSocket;

namespace stackscope::test {

using HeaderPairs = QList<QPair<QByteArray, QByteArray>>;

// One request as the server received it.
struct RecordedRequest
{
    QByteArray method;  // "GET"
    QByteArray target;  // as sent: "/v1/items?page=2"
    QString path;       // decoded: "/v1/items"
    QUrlQuery query;    // page=2
    HeaderPairs headers;
    QByteArray body;

    QByteArray header(QByteArrayView name) const; // case-insensitive; empty when absent
    bool hasHeader(QByteArrayView name) const;
};

// What the server answers. Connections are kept alive (HTTP/1.1) unless the client asks for "Connection: close"
// or the answer has to end the connection (closeWithoutAnswer, closeDelimited).
struct ScriptedResponse
{
    int status = 200;
    HeaderPairs headers;
    QByteArray body;
    int delayMs = 0;                 // wait this long before answering (or closing)
    bool closeWithoutAnswer = false; // close the connection without sending a byte (a dead server)
    int trickleMs = 0;               // > 0: send the headers, then the body one byte every trickleMs
    qint64 announcedLength = -1;     // >= 0: announce this Content-Length whatever the body's size
    bool closeDelimited = false;     // no Content-Length: the body ends when the connection closes

    static ScriptedResponse json(int status, QByteArray body);
    static ScriptedResponse text(int status, QByteArray body);
    // A recorded response; a relative path is taken under tests/data (e.g. "stytch/users.json"). An unreadable
    // file gives a 500 whose body says so.
    static ScriptedResponse fromFile(int status, const QString &path);
    static ScriptedResponse closed(int delayMs = 0);

    ScriptedResponse &withHeader(QByteArray name, QByteArray value);
    ScriptedResponse &withDelay(int ms);
};

// A scripted HTTP/1.1 server on 127.0.0.1 (random port) for tests, living on the thread that creates it.
// Answers come, in this order, from the queue for (method, path), from the most recently added matching route,
// or are a 404. Everything received is recorded.
class LocalHttpServer : public QObject
{
    Q_OBJECT
public:
    using Handler = std::function<ScriptedResponse(const RecordedRequest &)>;

    explicit LocalHttpServer(QObject *parent = nullptr);
    ~LocalHttpServer() override;

    bool listen();
    quint16 port() const;
    // "http://127.0.0.1:<port>" followed by `pathAndQuery` ("/v1/items?page=2").
    QUrl url(const QString &pathAndQuery = {}) const;

    // `method` "*" (or empty) matches any method; `pathOrPrefix` ending in '*' matches by prefix.
    void route(const QByteArray &method, const QString &pathOrPrefix, Handler handler);
    void route(const QByteArray &method, const QString &pathOrPrefix, const ScriptedResponse &response);
    // Successive requests to exactly (method, path) get these answers in order; then the routes answer again.
    void queue(const QByteArray &method, const QString &path, const QList<ScriptedResponse> &responses);

    const QList<RecordedRequest> &requests() const { return m_requests; }
    qsizetype requestCount() const { return m_requests.size(); }
    void clearRequests() { m_requests.clear(); }

    // tests/data/<relative>
    static QString dataPath(const QString &relative);

private:
    struct Route
    {
        QByteArray method;
        QString pattern;
        Handler handler;
    };
    struct Queued
    {
        QByteArray method;
        QString path;
        QList<ScriptedResponse> responses;
    };
    struct Connection;

    void onNewConnection();
    void processBuffer(QTcpSocket *socket, const std::shared_ptr<Connection> &connection);
    ScriptedResponse answerFor(const RecordedRequest &request);
    void respond(QTcpSocket *socket, const std::shared_ptr<Connection> &connection, const RecordedRequest &request,
                 const ScriptedResponse &response);

    QTcpServer *m_server;
    QList<Route> m_routes;
    QList<Queued> m_queues;
    QList<RecordedRequest> m_requests;
};

} // namespace stackscope::test
