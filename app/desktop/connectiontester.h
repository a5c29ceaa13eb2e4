#pragma once

#include "connector/servicesession.h"
#include "model/serviceconfig.h"

#include <QObject>
#include <QString>

#include <chrono>

class QTimer;

namespace stackscope::connector { class ConnectorRegistry; }
namespace stackscope::net { class HttpClient; }

namespace stackscope::app {

// Runs a connector's testConnection for a service configuration and credentials that need not be saved yet
// (the "Test connection" button). Lives on the GUI thread with its own HttpClient, which never blocks. The test
// is capped at timeLimit(): a later answer is ignored. Starting again abandons the running test.
class ConnectionTester : public QObject
{
    Q_OBJECT

public:
    static constexpr std::chrono::milliseconds kTimeLimit{30'000};

    explicit ConnectionTester(const connector::ConnectorRegistry &registry, QObject *parent = nullptr);
    ~ConnectionTester() override;

    void start(const ServiceConfig &config, connector::CredentialMap credentials);
    void cancel();
    bool isRunning() const { return m_running; }

    std::chrono::milliseconds timeLimit() const { return m_timeLimit; }
    void setTimeLimit(std::chrono::milliseconds limit) { m_timeLimit = limit; } // tests
    net::HttpClient *httpClient() const { return m_http; }                       // tests (backoff scale)

Q_SIGNALS:
    // `message` is in plain words: what the vendor answered, or why there was no answer.
    void finished(bool ok, const QString &message);

private:
    void finish(bool ok, const QString &message);

    const connector::ConnectorRegistry &m_registry;
    net::HttpClient *m_http;
    QTimer *m_timer;
    std::chrono::milliseconds m_timeLimit = kTimeLimit;
    quint64 m_generation = 0;
    bool m_running = false;
};

} // namespace stackscope::app
