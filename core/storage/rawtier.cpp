#include "storage/rawtier.h"

#include "storage/chunkcodec.h"
#include "storage/database.h"
#include "storage/tier.h"

#include <limits>

namespace stackscope::storage {

namespace {

Result<QList<TimedValue>> decodeStored(const QByteArray &blob)
{
    auto decoded = decodeChunk(blob);
    if (!decoded) {
        Error error = decoded.error();
        error.code = Error::Code::DatabaseCorrupt;
        return error;
    }
    return decoded;
}

void appendInRange(QList<TimedValue> &out, const QList<TimedValue> &samples, qint64 fromMs, qint64 toMs)
{
    for (const TimedValue &sample : samples) {
        if (sample.ts >= fromMs && sample.ts < toMs)
            out.append(sample);
    }
}

} // namespace

QList<TimedValue> mergeByTime(const QList<TimedValue> &a, const QList<TimedValue> &b)
{
    if (a.isEmpty())
        return b;
    if (b.isEmpty())
        return a;
    QList<TimedValue> out;
    out.reserve(a.size() + b.size());
    qsizetype i = 0, j = 0;
    while (i < a.size() || j < b.size()) {
        if (j == b.size() || (i < a.size() && a[i].ts < b[j].ts))
            out.append(a[i++]);
        else
            out.append(b[j++]);
    }
    return out;
}

RawTier::RawTier(Database &db) : m_db(db) {}

Result<QList<TimedValue>> RawTier::read(qint64 seriesId, qint64 fromMs, qint64 toMs)
{
    const qint64 firstBlock = bucketStart(fromMs, kBlockMs);

    QList<TimedValue> rows;
    Statement &rowQuery = m_db.prepare(
        "SELECT ts, value FROM samples_raw WHERE series_id = ?1 AND ts >= ?2 AND ts < ?3 ORDER BY ts;");
    rowQuery.bind(1, seriesId).bind(2, fromMs).bind(3, toMs);
    while (rowQuery.step())
        rows.append({rowQuery.int64(0), rowQuery.real(1)});
    if (!rowQuery.ok())
        return rowQuery.error(QStringLiteral("reading raw samples"));

    // Chunks and segments are each in time order and never overlap one another's timestamps.
    QList<TimedValue> encoded;
    Statement &chunkQuery = m_db.prepare(
        "SELECT data FROM raw_chunks WHERE series_id = ?1 AND block_start >= ?2 AND block_start < ?3 "
        "AND last_ts >= ?4 ORDER BY block_start;");
    chunkQuery.bind(1, seriesId).bind(2, firstBlock).bind(3, toMs).bind(4, fromMs);
    while (chunkQuery.step()) {
        auto samples = decodeStored(chunkQuery.blob(0));
        if (!samples)
            return samples.error();
        appendInRange(encoded, samples.value(), fromMs, toMs);
    }
    if (!chunkQuery.ok())
        return chunkQuery.error(QStringLiteral("reading raw chunks"));

    QList<TimedValue> segmented;
    Statement &segmentQuery = m_db.prepare(
        "SELECT data FROM raw_segments WHERE series_id = ?1 AND first_ts >= ?2 AND first_ts < ?3 AND last_ts >= ?4 "
        "ORDER BY first_ts;");
    segmentQuery.bind(1, seriesId).bind(2, firstBlock).bind(3, toMs).bind(4, fromMs);
    while (segmentQuery.step()) {
        auto samples = decodeStored(segmentQuery.blob(0));
        if (!samples)
            return samples.error();
        appendInRange(segmented, samples.value(), fromMs, toMs);
    }
    if (!segmentQuery.ok())
        return segmentQuery.error(QStringLiteral("reading raw segments"));

    return mergeByTime(mergeByTime(rows, encoded), segmented);
}

Result<qint64> RawTier::maxTimestamp(qint64 seriesId)
{
    qint64 maxTs = std::numeric_limits<qint64>::min();
    const char *const queries[] = {
        "SELECT max(ts) FROM samples_raw WHERE series_id = ?1;",
        "SELECT max(last_ts) FROM raw_chunks WHERE series_id = ?1;",
        // Segments are disjoint and increasing: the newest one ends last.
        "SELECT last_ts FROM raw_segments WHERE series_id = ?1 ORDER BY first_ts DESC LIMIT 1;",
    };
    for (const char *sql : queries) {
        Statement &query = m_db.prepare(sql);
        query.bind(1, seriesId);
        if (query.step() && !query.isNull(0))
            maxTs = std::max(maxTs, query.int64(0));
        if (!query.ok())
            return query.error(QStringLiteral("reading the newest sample"));
        query.reset();
    }
    return maxTs;
}

Status RawTier::insertSegment(qint64 seriesId, qint64 blockStart, const QList<TimedValue> &samples)
{
    Statement &insert = m_db.prepare("INSERT INTO raw_segments(series_id, first_ts, last_ts, block_start, count, data) "
                                     "VALUES (?1, ?2, ?3, ?4, ?5, ?6);");
    return insert.bind(1, seriesId)
        .bind(2, samples.first().ts)
        .bind(3, samples.last().ts)
        .bind(4, blockStart)
        .bind(5, qint64(samples.size()))
        .bindBlob(6, encodeChunk(samples))
        .run();
}

Status RawTier::appendSegments(qint64 seriesId, const QList<TimedValue> &samples)
{
    qsizetype begin = 0;
    while (begin < samples.size()) {
        const qint64 block = bucketStart(samples[begin].ts, kBlockMs);
        qsizetype end = begin;
        while (end < samples.size() && bucketStart(samples[end].ts, kBlockMs) == block)
            ++end;
        if (Status st = insertSegment(seriesId, block, samples.mid(begin, end - begin)); !st)
            return st;
        begin = end;
    }
    return {};
}

Result<std::optional<RawSegment>> RawTier::segmentAt(qint64 seriesId, qint64 ts)
{
    Statement &query = m_db.prepare("SELECT first_ts, last_ts, data FROM raw_segments WHERE series_id = ?1 "
                                    "AND first_ts <= ?2 ORDER BY first_ts DESC LIMIT 1;");
    query.bind(1, seriesId).bind(2, ts);
    if (!query.step()) {
        if (!query.ok())
            return query.error(QStringLiteral("finding a raw segment"));
        return std::optional<RawSegment>();
    }
    const qint64 firstTs = query.int64(0);
    const qint64 lastTs = query.int64(1);
    const QByteArray blob = query.blob(2);
    query.reset();
    if (lastTs < ts)
        return std::optional<RawSegment>();
    auto samples = decodeStored(blob);
    if (!samples)
        return samples.error();
    return std::optional<RawSegment>(RawSegment{firstTs, std::move(samples).value()});
}

Status RawTier::rewriteSegment(qint64 seriesId, const RawSegment &segment)
{
    // Replacing values keeps the segment's time span, so its key and block stay valid.
    Statement &update = m_db.prepare("UPDATE raw_segments SET data = ?3 WHERE series_id = ?1 AND first_ts = ?2;");
    return update.bind(1, seriesId).bind(2, segment.firstTs).bindBlob(3, encodeChunk(segment.samples)).run();
}

Result<std::optional<QList<TimedValue>>> RawTier::loadChunk(qint64 seriesId, qint64 blockStart)
{
    Statement &query = m_db.prepare("SELECT data FROM raw_chunks WHERE series_id = ?1 AND block_start = ?2;");
    query.bind(1, seriesId).bind(2, blockStart);
    if (!query.step()) {
        if (!query.ok())
            return query.error(QStringLiteral("reading a raw chunk"));
        return std::optional<QList<TimedValue>>();
    }
    const QByteArray blob = query.blob(0);
    query.reset();
    auto samples = decodeStored(blob);
    if (!samples)
        return samples.error();
    return std::optional<QList<TimedValue>>(std::move(samples).value());
}

Status RawTier::storeChunk(qint64 seriesId, qint64 blockStart, const QList<TimedValue> &samples)
{
    if (samples.isEmpty()) {
        Statement &drop = m_db.prepare("DELETE FROM raw_chunks WHERE series_id = ?1 AND block_start = ?2;");
        return drop.bind(1, seriesId).bind(2, blockStart).run();
    }
    // UPDATE first, INSERT when there was nothing: cheaper than INSERT OR REPLACE, which makes SQLite copy
    // (and SQLCipher encrypt) pages into a statement journal.
    const QByteArray blob = encodeChunk(samples);
    Statement &update = m_db.prepare("UPDATE raw_chunks SET first_ts = ?3, last_ts = ?4, count = ?5, data = ?6 "
                                     "WHERE series_id = ?1 AND block_start = ?2;");
    if (Status st = update.bind(1, seriesId).bind(2, blockStart).bind(3, samples.first().ts).bind(4, samples.last().ts)
                        .bind(5, qint64(samples.size())).bindBlob(6, blob).run();
        !st)
        return st;
    if (m_db.changes() > 0)
        return {};
    Statement &insert = m_db.prepare("INSERT INTO raw_chunks(series_id, block_start, first_ts, last_ts, count, data) "
                                     "VALUES (?1, ?2, ?3, ?4, ?5, ?6);");
    return insert.bind(1, seriesId)
        .bind(2, blockStart)
        .bind(3, samples.first().ts)
        .bind(4, samples.last().ts)
        .bind(5, qint64(samples.size()))
        .bindBlob(6, blob)
        .run();
}

Result<std::optional<double>> RawTier::rowValue(qint64 seriesId, qint64 ts)
{
    Statement &query = m_db.prepare("SELECT value FROM samples_raw WHERE series_id = ?1 AND ts = ?2;");
    query.bind(1, seriesId).bind(2, ts);
    if (query.step()) {
        const double value = query.real(0);
        query.reset();
        return std::optional<double>(value);
    }
    if (!query.ok())
        return query.error(QStringLiteral("reading a raw sample"));
    return std::optional<double>();
}

Status RawTier::insertRow(qint64 seriesId, qint64 ts, double value)
{
    Statement &insert = m_db.prepare("INSERT INTO samples_raw(series_id, ts, value) VALUES (?1, ?2, ?3);");
    return insert.bind(1, seriesId).bind(2, ts).bind(3, value).run();
}

Status RawTier::updateRow(qint64 seriesId, qint64 ts, double value)
{
    Statement &update = m_db.prepare("UPDATE samples_raw SET value = ?3 WHERE series_id = ?1 AND ts = ?2;");
    return update.bind(1, seriesId).bind(2, ts).bind(3, value).run();
}

Result<QList<TimedValue>> RawTier::uncompactedInBlock(qint64 seriesId, qint64 blockStart)
{
    QList<TimedValue> rows;
    Statement &query = m_db.prepare(
        "SELECT ts, value FROM samples_raw WHERE series_id = ?1 AND ts >= ?2 AND ts < ?3 ORDER BY ts;");
    query.bind(1, seriesId).bind(2, blockStart).bind(3, blockStart + kBlockMs);
    while (query.step())
        rows.append({query.int64(0), query.real(1)});
    if (!query.ok())
        return query.error(QStringLiteral("reading raw samples"));

    QList<TimedValue> segmented;
    Statement &segments = m_db.prepare(
        "SELECT data FROM raw_segments WHERE series_id = ?1 AND first_ts >= ?2 AND first_ts < ?3 ORDER BY first_ts;");
    segments.bind(1, seriesId).bind(2, blockStart).bind(3, blockStart + kBlockMs);
    while (segments.step()) {
        auto samples = decodeStored(segments.blob(0));
        if (!samples)
            return samples.error();
        segmented += samples.value();
    }
    if (!segments.ok())
        return segments.error(QStringLiteral("reading raw segments"));
    return mergeByTime(rows, segmented);
}

Status RawTier::deleteUncompactedInBlock(qint64 seriesId, qint64 blockStart)
{
    Statement &rows = m_db.prepare("DELETE FROM samples_raw WHERE series_id = ?1 AND ts >= ?2 AND ts < ?3;");
    if (Status st = rows.bind(1, seriesId).bind(2, blockStart).bind(3, blockStart + kBlockMs).run(); !st)
        return st;
    Statement &segments = m_db.prepare("DELETE FROM raw_segments WHERE series_id = ?1 AND first_ts >= ?2 AND first_ts < ?3;");
    return segments.bind(1, seriesId).bind(2, blockStart).bind(3, blockStart + kBlockMs).run();
}

} // namespace stackscope::storage
