#include "registration.h"

#include "connector/connectorregistry.h"

namespace stackscope::connectors {

void registerBuiltInConnectors(connector::ConnectorRegistry &registry)
{
    // One line per connector, e.g.:
    //   registry.add([] { return std::make_unique<twilio::TwilioConnector>(); });
    (void)registry;
}

} // namespace stackscope::connectors
