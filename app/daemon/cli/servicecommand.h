#pragma once

#include "cli/command.h"
#include "cli/keyresolver.h"

#include <memory>

namespace stackscope::connector {
class ConnectorRegistry;
}
namespace stackscope::net {
class HttpClient;
}

namespace stackscope::daemon {

class CredentialAccess;

// `stackscoped service add|list|test|remove|types`: configured services of a workspace (P2, C4).
class ServiceCommand final : public Command
{
public:
    ServiceCommand();
    ~ServiceCommand() override;

protected:
    void addOptions(QCommandLineParser &parser) override;
    void run() override;
    bool takesPositionalArguments() const override { return true; }

private:
    void add(storage::MetricStore &store);
    void list(storage::MetricStore &store);
    void test(storage::MetricStore &store, qint64 id);
    void remove(storage::MetricStore &store, qint64 id);
    void listTypes();
    std::optional<qint64> idArgument();

    KeyResolver m_keys;
    std::unique_ptr<storage::MetricStore> m_store;
    std::unique_ptr<CredentialAccess> m_credentials;
    std::unique_ptr<net::HttpClient> m_http;
};

const connector::ConnectorRegistry &builtInRegistry();

} // namespace stackscope::daemon
