#pragma once

#include "storage/query.h"
#include "util/result.h"

namespace stackscope {
class Clock;
}

namespace stackscope::storage {

class MinuteTier;
class RawTier;
class RetentionBook;
class RollupTables;
class SeriesCatalog;

// Answers range queries from the coarsest tier that still gives the requested resolution (S4), so a year-long
// query reads about 365 day rows per series instead of millions of raw samples. When the chosen tier has
// already expired for the start of the range, the next coarser tier that still covers it is used.
class QueryEngine
{
public:
    QueryEngine(const SeriesCatalog &catalog, RawTier &raw, RollupTables &rollups, MinuteTier &minutes,
                const RetentionBook &retention, const Clock &clock);

    Result<QueryResult> run(const QueryRequest &request);

private:
    Tier pickTier(const QueryRequest &request, qint64 stepMs, qint64 projectId) const;

    const SeriesCatalog &m_catalog;
    RawTier &m_raw;
    RollupTables &m_rollups;
    MinuteTier &m_minutes;
    const RetentionBook &m_retention;
    const Clock &m_clock;
};

} // namespace stackscope::storage
