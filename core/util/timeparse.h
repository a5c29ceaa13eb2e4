#pragma once

#include "util/result.h"

#include <QString>

namespace stackscope {

// "2026-01-01T00:00:00Z", "2026-01-01T00:00:00.250+02:00" -> Unix ms. A zone (Z or offset) is required.
Result<qint64> parseRfc3339(const QString &text);
// Command-line times: Unix ms, RFC 3339, "now", or "now-24h" / "-24h" relative to nowMs.
Result<qint64> parseTimePoint(const QString &text, qint64 nowMs);
// "500ms", "30s", "5m", "1h", "1d", "1w", or plain milliseconds.
Result<qint64> parseDuration(const QString &text);
bool isPlausibleTimestamp(qint64 ms); // years 1970..2200

} // namespace stackscope
