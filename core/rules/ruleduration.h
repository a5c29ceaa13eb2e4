#pragma once

#include "util/result.h"

#include <QJsonValue>
#include <QString>

namespace stackscope::rules {

// Durations in rule files: a string with a unit ("90s", "5m", "1h", "2d", "1w"), or a JSON number of
// seconds (300). A bare string of digits is refused: "300" could mean seconds or milliseconds. "0" and 0 are
// accepted here; whether zero makes sense is the caller's check. The error is plain words without the field
// name, which the caller puts in front.
Result<qint64> durationFromJson(const QJsonValue &value);

// The shortest exact text for a duration: 300000 -> "5m", 5400000 -> "90m", 90000 -> "90s", 0 -> "0s".
QString durationText(qint64 ms);

// For summaries: "5 min", "1 h", "90 s", "2 d", "36 h".
QString durationWords(qint64 ms);

} // namespace stackscope::rules
