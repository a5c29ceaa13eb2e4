#pragma once

#include "model/sample.h"
#include "storage/tier.h"

#include <QList>
#include <QString>

#include <optional>

namespace stackscope::storage {

enum class Aggregation { Avg, Min, Max, Sum, Count, Last };

QString aggregationName(Aggregation agg);
std::optional<Aggregation> aggregationFromName(const QString &name);

struct QueryRequest
{
    QString metric;
    Labels labelFilter;               // every pair must match exactly; other labels are free
    qint64 fromMs = 0;                // inclusive
    qint64 toMs = 0;                  // exclusive
    std::optional<int> points;        // desired number of points (tier is chosen from it) ...
    std::optional<qint64> stepMs;     // ... or an explicit step
    Aggregation aggregation = Aggregation::Avg;
    std::optional<Tier> forceTier;    // benchmarks and tests only: bypass the tier choice
};

struct SeriesPoints
{
    qint64 seriesId = 0;
    QString metric;
    Labels labels;
    QList<TimedValue> points;         // ts = start of the output step
};

struct QueryResult
{
    Tier tier = Tier::Raw;
    qint64 stepMs = 0;
    QList<SeriesPoints> series;
};

// The tier rule (S4): the coarsest tier whose bucket is not wider than the step.
Tier chooseTier(qint64 stepMs);
// The step a request asks for: explicit, or range / points (at least 1 ms).
qint64 effectiveStep(const QueryRequest &request);

} // namespace stackscope::storage
