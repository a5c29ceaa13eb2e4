#pragma once

#include "alerts/alert.h"

#include <QJsonObject>

namespace stackscope::daemon {

// The JSON shapes of `stackscoped alerts`: one alert, one history event (docs/CLI.md).
QJsonObject alertToJson(const alerts::Alert &alert);
QJsonObject alertEventToJson(const alerts::AlertEvent &event);

} // namespace stackscope::daemon
