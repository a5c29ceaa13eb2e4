#include "connectiontester.h"

#include "uilogging.h"

#include "connector/connectorregistry.h"
#include "net/httpclient.h"
#include "util/clock.h"

#include <QPointer>
#include <QTimer>

#include <memory>

namespace stackscope::app {

ConnectionTester::ConnectionTester(const connector::ConnectorRegistry &registry, QObject *parent)
    : QObject(parent)
    , m_registry(registry)
    , m_http(new net::HttpClient(this))
    , m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, [this] {
        finish(false, tr("No answer within %1 s. Check the base URL and the network connection, then try again.")
                          .arg(m_timeLimit.count() / 1000));
    });
}

ConnectionTester::~ConnectionTester()
{
    ++m_generation;
}

void ConnectionTester::start(const ServiceConfig &config, connector::CredentialMap credentials)
{
    const quint64 generation = ++m_generation;
    const connector::ConnectorInfo *info = m_registry.info(config.type);
    std::shared_ptr<connector::Connector> connector = m_registry.create(config.type);
    if (!info || !connector) {
        m_running = true;
        finish(false, tr("Stackscope does not know the service type \"%1\".").arg(config.type));
        return;
    }
    m_running = true;
    m_timer->start(m_timeLimit);
    const QUrl base = config.baseUrl.isEmpty() ? QUrl(info->defaultBaseUrl) : config.baseUrl;
    // The session and the connector stay alive until the connector answers, even if that is after the cap.
    auto session = std::make_shared<connector::ServiceSession>(config, std::move(credentials), base, *m_http,
                                                               Clock::system(), nullptr);
    const QPointer<ConnectionTester> self(this);
    const QString displayName = info->displayName;
    connector->testConnection(*session, [self, generation, connector, session, displayName](Status status) {
        if (!self || generation != self->m_generation)
            return; // abandoned: timed out, cancelled, restarted or destroyed
        if (status) {
            self->finish(true, tr("Connection OK: %1 accepted the credentials.").arg(displayName));
            return;
        }
        qCInfo(lcUi).noquote() << "connection test failed:" << toString(status.error().code)
                               << status.error().detail;
        self->finish(false, status.error().userMessage);
    });
}

void ConnectionTester::cancel()
{
    ++m_generation;
    m_timer->stop();
    m_running = false;
}

void ConnectionTester::finish(bool ok, const QString &message)
{
    if (!m_running)
        return;
    ++m_generation;
    m_timer->stop();
    m_running = false;
    Q_EMIT finished(ok, message);
}

} // namespace stackscope::app
