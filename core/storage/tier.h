#pragma once

#include <QString>
#include <QtGlobal>

#include <array>
#include <optional>

namespace stackscope::storage {

// Storage tiers, finest first. Rollup tiers hold min, max, sum, count and last per bucket.
enum class Tier { Raw, Minute, Hour, Day };

inline constexpr std::array<Tier, 3> kRollupTiers{Tier::Minute, Tier::Hour, Tier::Day};

constexpr qint64 bucketWidthMs(Tier tier)
{
    switch (tier) {
    case Tier::Raw: return 0;
    case Tier::Minute: return 60'000;
    case Tier::Hour: return 3'600'000;
    case Tier::Day: return 86'400'000;
    }
    return 0;
}

constexpr qint64 bucketStart(qint64 ts, qint64 width)
{
    // Floor division that also works for timestamps before 1970.
    const qint64 q = ts / width;
    return (ts % width < 0 ? q - 1 : q) * width;
}

QString tierName(Tier tier);            // "raw", "1m", "1h", "1d"
std::optional<Tier> tierFromName(const QString &name);
const char *rollupTable(Tier tier);     // "rollup_1m", ... (not for Raw)

} // namespace stackscope::storage
