#pragma once

#include "model/sample.h"
#include "util/result.h"

#include <QList>

#include <optional>

namespace stackscope::storage {

class Database;

// The raw tier: recent samples as rows (samples_raw) and closed time blocks as compressed chunks (raw_chunks).
// Invariant: one (series, ts) lives in exactly one place. A block that has a chunk takes late samples into the
// chunk (decode, merge, re-encode); other samples go to rows until compaction moves a closed block into a chunk.
class RawTier
{
public:
    static constexpr qint64 kBlockMs = 86'400'000; // one UTC day per chunk

    explicit RawTier(Database &db);

    Result<QList<TimedValue>> read(qint64 seriesId, qint64 fromMs, qint64 toMs);
    Result<qint64> maxTimestamp(qint64 seriesId); // INT64_MIN when empty

    Result<std::optional<QList<TimedValue>>> loadChunk(qint64 seriesId, qint64 blockStart);
    Status storeChunk(qint64 seriesId, qint64 blockStart, const QList<TimedValue> &samples); // empty: delete

    Result<std::optional<double>> rowValue(qint64 seriesId, qint64 ts);
    Status insertRow(qint64 seriesId, qint64 ts, double value);
    Status updateRow(qint64 seriesId, qint64 ts, double value);

    Result<QList<TimedValue>> rowsInBlock(qint64 seriesId, qint64 blockStart);
    Status deleteRowsInBlock(qint64 seriesId, qint64 blockStart);

private:
    Database &m_db;
};

} // namespace stackscope::storage
