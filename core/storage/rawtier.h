#pragma once

#include "model/sample.h"
#include "util/result.h"

#include <QList>

#include <optional>

namespace stackscope::storage {

class Database;

// A raw segment found for a timestamp: its key and its decoded samples.
struct RawSegment
{
    qint64 firstTs = 0;
    QList<TimedValue> samples;
};

// The raw tier, in three places, and one (series, ts) lives in exactly one of them:
//   raw_segments  appended samples: one small encoded segment per series and ingest batch (the fast path);
//   samples_raw   late samples below a series' newest timestamp, as rows;
//   raw_chunks    closed blocks (a UTC day), compacted into one encoded chunk per series and block.
// A block that has a chunk takes late samples into the chunk (decode, merge, re-encode). Segments never span
// a block and never overlap each other, since they only take appends.
class RawTier
{
public:
    static constexpr qint64 kBlockMs = 86'400'000; // one UTC day per chunk

    explicit RawTier(Database &db);

    Result<QList<TimedValue>> read(qint64 seriesId, qint64 fromMs, qint64 toMs);
    Result<qint64> maxTimestamp(qint64 seriesId); // INT64_MIN when empty

    // Appends samples newer than everything stored for the series (sorted, unique timestamps).
    Status appendSegments(qint64 seriesId, const QList<TimedValue> &samples);
    // The segment that would hold `ts` (the one starting at or before it and ending at or after it).
    Result<std::optional<RawSegment>> segmentAt(qint64 seriesId, qint64 ts);
    Status rewriteSegment(qint64 seriesId, const RawSegment &segment);

    Result<std::optional<QList<TimedValue>>> loadChunk(qint64 seriesId, qint64 blockStart);
    Status storeChunk(qint64 seriesId, qint64 blockStart, const QList<TimedValue> &samples); // empty: delete

    Result<std::optional<double>> rowValue(qint64 seriesId, qint64 ts);
    Status insertRow(qint64 seriesId, qint64 ts, double value);
    Status updateRow(qint64 seriesId, qint64 ts, double value);

    // Everything of one block outside its chunk (rows and segments), sorted; and its removal after compaction.
    Result<QList<TimedValue>> uncompactedInBlock(qint64 seriesId, qint64 blockStart);
    Status deleteUncompactedInBlock(qint64 seriesId, qint64 blockStart);

private:
    Status insertSegment(qint64 seriesId, qint64 blockStart, const QList<TimedValue> &samples);
    Database &m_db;
};

QList<TimedValue> mergeByTime(const QList<TimedValue> &a, const QList<TimedValue> &b);

} // namespace stackscope::storage
