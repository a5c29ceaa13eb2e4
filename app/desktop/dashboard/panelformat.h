#pragma once

#include "dashboard/dashboardspec.h"

#include <QColor>
#include <QPalette>
#include <QString>

#include <optional>

namespace stackscope::app {

// Numbers as a dashboard shows them (D3): compact (1.2k, 3.4M), with the unit's own scale (ms → s → min,
// bytes → KiB → MiB, seconds → ms when small), percentages, and money with two decimals. `decimals` -1 picks
// about three significant digits.
QString formatValue(double value, const QString &unit, int decimals = -1);
// The same for an axis label: a shorter form, never a unit word such as "messages".
QString formatAxisValue(double value, const QString &unit, double tickInterval);
// A change as "+12.5%" / "−3.0%"; an empty string when there is no previous value to compare with.
QString formatDelta(double current, std::optional<double> previous);
// "24h", "7d", "90d", "1y", "2h 30m": a period's length in a few characters ("vs previous 24h").
QString formatPeriod(qint64 lengthMs);
// The unit word shown next to a counter ("messages") when the value itself does not carry it.
QString unitSuffix(const QString &unit);

// The threshold band a value falls into: the colour of the highest threshold at or below it, else `base`.
QColor thresholdColor(const QList<dashboard::Threshold> &thresholds, double value, const QColor &base);
// 0 below every threshold, otherwise 1 + the index of the highest threshold reached.
int thresholdLevel(const QList<dashboard::Threshold> &thresholds, double value);

// The colour of a status level in this palette (chartpalette.h's status colours).
QColor levelColor(int level, int levelCount, const QPalette &palette);

} // namespace stackscope::app
