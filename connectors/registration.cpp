#include "registration.h"

#include "connector/connectorregistry.h"

// Connector headers, one per line (keep sorted).
#include "awsconnector.h"
// @include-generichttp
// @include-mixpanel
// @include-onesignal
#include "prometheusconnector.h"
// @include-sendbird
#include "sendgridconnector.h"
// @include-stytch
#include "twilioconnector.h"

namespace stackscope::connectors {

void registerBuiltInConnectors(connector::ConnectorRegistry &registry)
{
    // One line per connector (keep sorted).
    registry.add([] { return std::make_unique<aws::AwsConnector>(); });
    // @register-generichttp
    // @register-mixpanel
    // @register-onesignal
    registry.add([] { return std::make_unique<prometheus::PrometheusConnector>(); });
    // @register-sendbird
    registry.add([] { return std::make_unique<sendgrid::SendGridConnector>(); });
    // @register-stytch
    registry.add([] { return std::make_unique<twilio::TwilioConnector>(); });
}

} // namespace stackscope::connectors
