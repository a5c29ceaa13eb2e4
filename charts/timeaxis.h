#pragma once

#include <QString>
#include <QtGlobal>

namespace stackscope::charts {

// Label format for a time axis that spans `spanMs`: "HH:mm" up to two days, "MMM d" up to about half a year,
// "yyyy-MM" beyond. (QDateTimeAxis places its ticks evenly, so the format must stay readable anywhere.)
QString timeAxisLabelFormat(qint64 spanMs);

// How many ticks fit a time axis of `widthPx` pixels showing `spanMs` (2 to 12): no closer than the labels'
// width allows, and never closer than the unit of the label format (one day for "MMM d", a month for
// "yyyy-MM"), so no two ticks carry the same label.
int timeAxisTickCount(int widthPx, qint64 spanMs);

// Digits after the decimal point that tell neighbouring ticks `interval` apart (0 to 6).
int valueAxisDecimals(double interval);

} // namespace stackscope::charts
