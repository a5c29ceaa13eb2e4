#pragma once

#include "alerts/alert.h"
#include "rules/alertrule.h"

#include <QColor>
#include <QString>

#include <optional>

// Words and colours the alerting screens share, so the table, the detail pane and the dialogs say the same.
namespace stackscope::app::alertsui {

QColor severityColor(rules::Severity severity);          // red, amber, blue: readable on light and dark
QColor statusColor(alerts::AlertStatus status);
QString severityLabel(rules::Severity severity);         // "CRITICAL", "WARNING", "INFO" (pills)
QString severityWord(rules::Severity severity);          // "Critical", "Warning", "Info"
QString statusWord(alerts::AlertStatus status);          // "Open", "Acknowledged", "Resolved", "Reopened"

// "just now", "12 min ago", "3 h ago", "5 d ago"; the future reads as "just now".
QString relativeTime(qint64 atMs, qint64 nowMs);
// "2026-11-21 14:05" in local time, for tooltips and the history.
QString absoluteTime(qint64 atMs);
// "45 s", "12 min", "3 h 10 min", "2 d 4 h".
QString durationShort(qint64 ms);
// "42", "–" when there is no value.
QString valueText(const std::optional<double> &value);
// "42 > 10", "42 (limit 10)": the value against its threshold, as the alert compares them.
QString valueVersusThreshold(const alerts::Alert &alert);

// Who acts in the UI: the operating system's user name ("someone" if it cannot be told).
QString currentActor();

} // namespace stackscope::app::alertsui
