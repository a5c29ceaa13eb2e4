#pragma once

#include <QtGlobal>

#include <optional>

namespace stackscope::app {

// The time range a screen shows (D4): the last `spanMs` up to now, or a fixed [fromMs, toMs) after a custom
// choice or a drag-to-zoom. `compare` also draws the previous period of the same length, shifted onto this one.
struct TimeRange
{
    qint64 spanMs = 24 * 3600 * 1000LL;
    std::optional<qint64> fixedFromMs;   // both set, or neither
    std::optional<qint64> fixedToMs;
    bool compare = false;

    bool isRelative() const { return !fixedFromMs.has_value(); }
    qint64 fromMs(qint64 nowMs) const { return fixedFromMs ? *fixedFromMs : nowMs - spanMs; }
    qint64 toMs(qint64 nowMs) const { return fixedToMs ? *fixedToMs : nowMs; }
    qint64 lengthMs(qint64 nowMs) const { return toMs(nowMs) - fromMs(nowMs); }

    static TimeRange last(qint64 spanMs) { return TimeRange{spanMs, std::nullopt, std::nullopt, false}; }
    static TimeRange fixed(qint64 fromMs, qint64 toMs)
    {
        return TimeRange{toMs - fromMs, fromMs, toMs, false};
    }
    friend bool operator==(const TimeRange &, const TimeRange &) = default;
};

} // namespace stackscope::app
