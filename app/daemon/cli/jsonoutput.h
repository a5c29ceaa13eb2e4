#pragma once

#include "model/sample.h"

#include <QJsonObject>

namespace stackscope::daemon {

// Writes one compact JSON document and a newline to stdout.
void printJson(const QJsonObject &object);
QJsonObject labelsToJson(const Labels &labels);

} // namespace stackscope::daemon
