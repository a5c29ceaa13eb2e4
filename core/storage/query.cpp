#include "storage/query.h"

#include <algorithm>

namespace stackscope::storage {

QString aggregationName(Aggregation agg)
{
    switch (agg) {
    case Aggregation::Avg: return QStringLiteral("avg");
    case Aggregation::Min: return QStringLiteral("min");
    case Aggregation::Max: return QStringLiteral("max");
    case Aggregation::Sum: return QStringLiteral("sum");
    case Aggregation::Count: return QStringLiteral("count");
    case Aggregation::Last: return QStringLiteral("last");
    }
    return {};
}

std::optional<Aggregation> aggregationFromName(const QString &name)
{
    for (Aggregation agg : {Aggregation::Avg, Aggregation::Min, Aggregation::Max, Aggregation::Sum,
                            Aggregation::Count, Aggregation::Last}) {
        if (aggregationName(agg) == name)
            return agg;
    }
    return std::nullopt;
}

Tier chooseTier(qint64 stepMs)
{
    for (Tier tier : {Tier::Day, Tier::Hour, Tier::Minute}) {
        if (stepMs >= bucketWidthMs(tier))
            return tier;
    }
    return Tier::Raw;
}

qint64 effectiveStep(const QueryRequest &request)
{
    if (request.stepMs && *request.stepMs > 0)
        return *request.stepMs;
    const qint64 range = std::max<qint64>(1, request.toMs - request.fromMs);
    const int points = std::max(1, request.points.value_or(1000));
    return std::max<qint64>(1, range / points);
}

} // namespace stackscope::storage
