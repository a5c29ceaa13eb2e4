#include "registration.h"

#include "connector/connectorregistry.h"

// Connector headers, one per line (keep sorted).
#include "awsconnector.h"
#include "prometheusconnector.h"
#include "sendgridconnector.h"
#include "twilioconnector.h"

namespace stackscope::connectors {

void registerBuiltInConnectors(connector::ConnectorRegistry &registry)
{
    // One line per connector (keep sorted).
    registry.add([] { return std::make_unique<aws::AwsConnector>(); });
    registry.add([] { return std::make_unique<prometheus::PrometheusConnector>(); });
    registry.add([] { return std::make_unique<sendgrid::SendGridConnector>(); });
    registry.add([] { return std::make_unique<twilio::TwilioConnector>(); });
    (void)registry;
}

} // namespace stackscope::connectors
