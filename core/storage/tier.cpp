#include "storage/tier.h"

namespace stackscope::storage {

QString tierName(Tier tier)
{
    switch (tier) {
    case Tier::Raw: return QStringLiteral("raw");
    case Tier::Minute: return QStringLiteral("1m");
    case Tier::Hour: return QStringLiteral("1h");
    case Tier::Day: return QStringLiteral("1d");
    }
    return {};
}

std::optional<Tier> tierFromName(const QString &name)
{
    for (Tier tier : {Tier::Raw, Tier::Minute, Tier::Hour, Tier::Day}) {
        if (tierName(tier) == name)
            return tier;
    }
    return std::nullopt;
}

const char *rollupTable(Tier tier)
{
    switch (tier) {
    case Tier::Minute: return "rollup_1m";
    case Tier::Hour: return "rollup_1h";
    case Tier::Day: return "rollup_1d";
    case Tier::Raw: break;
    }
    return nullptr;
}

} // namespace stackscope::storage
