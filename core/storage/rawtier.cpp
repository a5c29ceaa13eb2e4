#include "storage/rawtier.h"

#include "storage/chunkcodec.h"
#include "storage/database.h"
#include "storage/tier.h"

#include <limits>

namespace stackscope::storage {

namespace {

QList<TimedValue> mergeSorted(const QList<TimedValue> &a, const QList<TimedValue> &b)
{
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

} // namespace

RawTier::RawTier(Database &db) : m_db(db) {}

Result<QList<TimedValue>> RawTier::read(qint64 seriesId, qint64 fromMs, qint64 toMs)
{
    QList<TimedValue> rows;
    Statement &rowQuery = m_db.prepare(
        "SELECT ts, value FROM samples_raw WHERE series_id = ?1 AND ts >= ?2 AND ts < ?3 ORDER BY ts;");
    rowQuery.bind(1, seriesId).bind(2, fromMs).bind(3, toMs);
    while (rowQuery.step())
        rows.append({rowQuery.int64(0), rowQuery.real(1)});
    if (!rowQuery.ok())
        return rowQuery.error(QStringLiteral("reading raw samples"));

    QList<TimedValue> chunked;
    Statement &chunkQuery = m_db.prepare(
        "SELECT data FROM raw_chunks WHERE series_id = ?1 AND block_start >= ?2 AND block_start < ?3 "
        "AND last_ts >= ?4 ORDER BY block_start;");
    chunkQuery.bind(1, seriesId).bind(2, bucketStart(fromMs, kBlockMs)).bind(3, toMs).bind(4, fromMs);
    while (chunkQuery.step()) {
        auto decoded = decodeChunk(chunkQuery.blob(0));
        if (!decoded) {
            Error error = decoded.error();
            error.code = Error::Code::DatabaseCorrupt;
            return error;
        }
        for (const TimedValue &sample : decoded.value()) {
            if (sample.ts >= fromMs && sample.ts < toMs)
                chunked.append(sample);
        }
    }
    if (!chunkQuery.ok())
        return chunkQuery.error(QStringLiteral("reading raw chunks"));
    return chunked.isEmpty() ? rows : mergeSorted(rows, chunked);
}

Result<qint64> RawTier::maxTimestamp(qint64 seriesId)
{
    qint64 maxTs = std::numeric_limits<qint64>::min();
    Statement &rows = m_db.prepare("SELECT max(ts) FROM samples_raw WHERE series_id = ?1;");
    rows.bind(1, seriesId);
    if (rows.step() && !rows.isNull(0))
        maxTs = rows.int64(0);
    if (!rows.ok())
        return rows.error(QStringLiteral("reading the newest sample"));
    Statement &chunks = m_db.prepare("SELECT max(last_ts) FROM raw_chunks WHERE series_id = ?1;");
    chunks.bind(1, seriesId);
    if (chunks.step() && !chunks.isNull(0))
        maxTs = std::max(maxTs, chunks.int64(0));
    if (!chunks.ok())
        return chunks.error(QStringLiteral("reading the newest chunk"));
    return maxTs;
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
    auto decoded = decodeChunk(query.blob(0));
    query.reset();
    if (!decoded) {
        Error error = decoded.error();
        error.code = Error::Code::DatabaseCorrupt;
        return error;
    }
    return std::optional<QList<TimedValue>>(std::move(decoded).value());
}

Status RawTier::storeChunk(qint64 seriesId, qint64 blockStart, const QList<TimedValue> &samples)
{
    if (samples.isEmpty()) {
        Statement &drop = m_db.prepare("DELETE FROM raw_chunks WHERE series_id = ?1 AND block_start = ?2;");
        return drop.bind(1, seriesId).bind(2, blockStart).run();
    }
    Statement &write = m_db.prepare("INSERT OR REPLACE INTO raw_chunks(series_id, block_start, first_ts, last_ts, "
                                    "count, data) VALUES (?1, ?2, ?3, ?4, ?5, ?6);");
    return write.bind(1, seriesId)
        .bind(2, blockStart)
        .bind(3, samples.first().ts)
        .bind(4, samples.last().ts)
        .bind(5, qint64(samples.size()))
        .bindBlob(6, encodeChunk(samples))
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

Result<QList<TimedValue>> RawTier::rowsInBlock(qint64 seriesId, qint64 blockStart)
{
    QList<TimedValue> rows;
    Statement &query = m_db.prepare(
        "SELECT ts, value FROM samples_raw WHERE series_id = ?1 AND ts >= ?2 AND ts < ?3 ORDER BY ts;");
    query.bind(1, seriesId).bind(2, blockStart).bind(3, blockStart + kBlockMs);
    while (query.step())
        rows.append({query.int64(0), query.real(1)});
    if (!query.ok())
        return query.error(QStringLiteral("reading raw samples"));
    return rows;
}

Status RawTier::deleteRowsInBlock(qint64 seriesId, qint64 blockStart)
{
    Statement &drop = m_db.prepare("DELETE FROM samples_raw WHERE series_id = ?1 AND ts >= ?2 AND ts < ?3;");
    return drop.bind(1, seriesId).bind(2, blockStart).bind(3, blockStart + kBlockMs).run();
}

} // namespace stackscope::storage
