#pragma once

namespace stackscope::connector {
class ConnectorRegistry;
}

namespace stackscope::connectors {

// Adds every connector compiled into this build to `registry`.
void registerBuiltInConnectors(connector::ConnectorRegistry &registry);

} // namespace stackscope::connectors
