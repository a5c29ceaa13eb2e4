#include "registration.h"

#include "connector/connectorregistry.h"

// Connector headers, one per line (keep sorted).
#include "awsconnector.h"
#include "generichttpconnector.h"
#include "mixpanelconnector.h"
#include "onesignalconnector.h"
#include "prometheusconnector.h"
#include "sendbirdconnector.h"
#include "sendgridconnector.h"
#include "stytchconnector.h"
#include "twilioconnector.h"

namespace stackscope::connectors {

void registerBuiltInConnectors(connector::ConnectorRegistry &registry)
{
    // One line per connector (keep sorted).
    registry.add([] { return std::make_unique<aws::AwsConnector>(); });
    registry.add([] { return std::make_unique<generichttp::GenericHttpConnector>(); });
    registry.add([] { return std::make_unique<mixpanel::MixpanelConnector>(); });
    registry.add([] { return std::make_unique<onesignal::OneSignalConnector>(); });
    registry.add([] { return std::make_unique<prometheus::PrometheusConnector>(); });
    registry.add([] { return std::make_unique<sendbird::SendbirdConnector>(); });
    registry.add([] { return std::make_unique<sendgrid::SendGridConnector>(); });
    registry.add([] { return std::make_unique<stytch::StytchConnector>(); });
    registry.add([] { return std::make_unique<twilio::TwilioConnector>(); });
}

} // namespace stackscope::connectors
