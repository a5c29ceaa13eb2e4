#include "timeaxis.h"

#include <algorithm>
#include <cmath>

namespace stackscope::charts {

namespace {
constexpr qint64 kHourMs = 3'600'000;
constexpr qint64 kDayMs = 24 * kHourMs;
constexpr int kMinTickSpacingPx = 96;
} // namespace

QString timeAxisLabelFormat(qint64 spanMs)
{
    if (spanMs <= 2 * kDayMs)
        return QStringLiteral("HH:mm");
    if (spanMs <= 180 * kDayMs)
        return QStringLiteral("MMM d");
    return QStringLiteral("yyyy-MM");
}

int timeAxisTickCount(int widthPx, qint64 spanMs)
{
    int count = std::clamp(widthPx / kMinTickSpacingPx + 1, 2, 12);
    qint64 unit = 0;
    if (spanMs > 2 * kDayMs)
        unit = spanMs <= 180 * kDayMs ? kDayMs : 31 * kDayMs;
    if (unit > 0)
        count = int(std::clamp<qint64>(spanMs / unit + 1, 2, count));
    return count;
}

int valueAxisDecimals(double interval)
{
    if (!(interval > 0.0) || !std::isfinite(interval))
        return 0;
    // Round first so 0.1 (stored as 0.1000000000000000055) asks for one digit, not two.
    const double digits = std::ceil(-std::log10(interval) - 1e-9);
    return std::clamp(int(digits), 0, 6);
}

} // namespace stackscope::charts
