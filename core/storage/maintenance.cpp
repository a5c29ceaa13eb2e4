#include "storage/maintenance.h"

#include "storage/database.h"
#include "storage/minutetier.h"
#include "storage/rawtier.h"
#include "storage/retentionbook.h"
#include "storage/rolluptables.h"
#include "storage/seriescatalog.h"
#include "storage/tier.h"
#include "util/logging.h"

#include <QList>
#include <QPair>

#include <limits>

namespace stackscope::storage {

Maintenance::Maintenance(Database &db, SeriesCatalog &catalog, RawTier &raw, RollupTables &rollups,
                         MinuteTier &minutes, const RetentionBook &retention)
    : m_db(db), m_catalog(catalog), m_raw(raw), m_rollups(rollups), m_minutes(minutes), m_retention(retention)
{
}

Status Maintenance::inTransaction(const std::function<Status()> &work)
{
    if (Status st = m_db.begin(); !st)
        return st;
    Status result = work();
    if (result)
        result = m_db.commit();
    if (!result)
        m_db.rollback();
    return result;
}

Result<MaintenanceReport> Maintenance::compact(qint64 nowMs)
{
    MaintenanceReport report;
    const qint64 closedBefore = bucketStart(nowMs - kCompactionGraceMs, RawTier::kBlockMs);

    // Which (series, block) pairs have rows in closed blocks. Read first, then rewrite block by block.
    QList<QPair<qint64, qint64>> blocks;
    {
        Statement &query = m_db.prepare("SELECT series_id, (ts - ((ts % ?1) + ?1) % ?1) FROM samples_raw WHERE ts < ?2 "
                                        "UNION SELECT series_id, block_start FROM raw_segments WHERE block_start < ?2 "
                                        "ORDER BY 1, 2;");
        query.bind(1, RawTier::kBlockMs).bind(2, closedBefore);
        while (query.step())
            blocks.append({query.int64(0), query.int64(1)});
        if (!query.ok())
            return query.error(QStringLiteral("finding blocks to compact"));
    }

    for (const auto &[seriesId, block] : std::as_const(blocks)) {
        qint64 moved = 0;
        Status st = inTransaction([&]() -> Status {
            auto rows = m_raw.uncompactedInBlock(seriesId, block);
            if (!rows)
                return rows.error();
            auto existing = m_raw.loadChunk(seriesId, block);
            if (!existing)
                return existing.error();
            QList<TimedValue> merged = rows.value();
            // Rows, segments and chunk never share a timestamp (see RawTier), so a merge by time is enough.
            if (existing.value())
                merged = mergeByTime(merged, *existing.value());
            if (Status stored = m_raw.storeChunk(seriesId, block, merged); !stored)
                return stored;
            if (Status minutes = m_minutes.materialize(seriesId, block, merged); !minutes)
                return minutes;
            moved = rows.value().size();
            return m_raw.deleteUncompactedInBlock(seriesId, block);
        });
        if (!st)
            return st.error();
        report.rowsCompacted += moved;
        ++report.chunksWritten;
    }
    if (report.chunksWritten)
        qCInfo(lcStore) << "compacted" << report.rowsCompacted << "raw rows into" << report.chunksWritten << "chunks";
    return report;
}

Result<MaintenanceReport> Maintenance::applyRetention(qint64 nowMs)
{
    MaintenanceReport report;
    for (const SeriesEntry *series : m_catalog.all()) {
        const qint64 rawCutoff = m_retention.cutoff(Tier::Raw, series->projectId, nowMs);
        if (rawCutoff != std::numeric_limits<qint64>::min()) {
            Status st = inTransaction([&]() -> Status {
                Statement &rows = m_db.prepare("DELETE FROM samples_raw WHERE series_id = ?1 AND ts < ?2;");
                if (Status s = rows.bind(1, series->id).bind(2, rawCutoff).run(); !s)
                    return s;
                report.rowsExpired += m_db.changes();
                // Whole chunks only: a chunk that straddles the cutoff stays until its last sample expires.
                Statement &chunks = m_db.prepare("DELETE FROM raw_chunks WHERE series_id = ?1 AND last_ts < ?2;");
                if (Status s = chunks.bind(1, series->id).bind(2, rawCutoff).run(); !s)
                    return s;
                report.rowsExpired += m_db.changes();
                Statement &segments = m_db.prepare("DELETE FROM raw_segments WHERE series_id = ?1 AND last_ts < ?2;");
                if (Status s = segments.bind(1, series->id).bind(2, rawCutoff).run(); !s)
                    return s;
                report.rowsExpired += m_db.changes();
                return {};
            });
            if (!st)
                return st.error();
        }
        for (Tier tier : kRollupTiers) {
            const qint64 cutoff = m_retention.cutoff(tier, series->projectId, nowMs);
            if (cutoff == std::numeric_limits<qint64>::min())
                continue;
            Status st = inTransaction([&]() -> Status {
                auto deleted = m_rollups.deleteBefore(tier, series->id, bucketStart(cutoff, bucketWidthMs(tier)));
                if (!deleted)
                    return deleted.error();
                report.rowsExpired += deleted.value();
                return {};
            });
            if (!st)
                return st.error();
        }
    }
    return report;
}

} // namespace stackscope::storage
