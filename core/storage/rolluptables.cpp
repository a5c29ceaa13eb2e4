#include "storage/rolluptables.h"

#include "storage/database.h"

#include <array>

namespace stackscope::storage {

namespace {

// Per-tier SQL, built once. The strings live as long as the program, so their addresses can key the
// prepared-statement cache.
struct TierSql
{
    QByteArray select;
    QByteArray upsert;
    QByteArray remove;
    QByteArray range;
    QByteArray expire;
};

const TierSql &sqlFor(Tier tier)
{
    static const std::array<TierSql, 3> sql = [] {
        std::array<TierSql, 3> out;
        for (int i = 0; i < 3; ++i) {
            const QByteArray table = rollupTable(kRollupTiers[std::size_t(i)]);
            out[std::size_t(i)] = TierSql{
                "SELECT min, max, sum, count, last, last_ts FROM " + table + " WHERE series_id = ?1 AND bucket = ?2;",
                "INSERT OR REPLACE INTO " + table
                    + "(series_id, bucket, min, max, sum, count, last, last_ts) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8);",
                "DELETE FROM " + table + " WHERE series_id = ?1 AND bucket = ?2;",
                "SELECT bucket, min, max, sum, count, last, last_ts FROM " + table
                    + " WHERE series_id = ?1 AND bucket >= ?2 AND bucket < ?3 ORDER BY bucket;",
                "DELETE FROM " + table + " WHERE series_id = ?1 AND bucket < ?2;",
            };
        }
        return out;
    }();
    return sql[std::size_t(int(tier) - 1)];
}

Aggregate readAggregate(const Statement &st, int firstColumn)
{
    Aggregate a;
    a.min = st.real(firstColumn);
    a.max = st.real(firstColumn + 1);
    a.sum = st.real(firstColumn + 2);
    a.count = st.int64(firstColumn + 3);
    a.last = st.real(firstColumn + 4);
    a.lastTs = st.int64(firstColumn + 5);
    return a;
}

} // namespace

RollupTables::RollupTables(Database &db) : m_db(db) {}

Result<std::optional<Aggregate>> RollupTables::load(Tier tier, qint64 seriesId, qint64 bucket)
{
    Statement &query = m_db.prepare(sqlFor(tier).select.constData());
    query.bind(1, seriesId).bind(2, bucket);
    if (query.step()) {
        const Aggregate a = readAggregate(query, 0);
        query.reset();
        return std::optional<Aggregate>(a);
    }
    if (!query.ok())
        return query.error(QStringLiteral("reading a rollup"));
    return std::optional<Aggregate>();
}

Status RollupTables::store(Tier tier, qint64 seriesId, qint64 bucket, const Aggregate &a)
{
    if (a.isEmpty())
        return m_db.prepare(sqlFor(tier).remove.constData()).bind(1, seriesId).bind(2, bucket).run();
    return m_db.prepare(sqlFor(tier).upsert.constData())
        .bind(1, seriesId)
        .bind(2, bucket)
        .bind(3, a.min)
        .bind(4, a.max)
        .bind(5, a.sum)
        .bind(6, a.count)
        .bind(7, a.last)
        .bind(8, a.lastTs)
        .run();
}

Status RollupTables::merge(Tier tier, qint64 seriesId, qint64 bucket, const Aggregate &delta)
{
    auto existing = load(tier, seriesId, bucket);
    if (!existing)
        return existing.error();
    Aggregate merged = existing.value().value_or(Aggregate{});
    merged.merge(delta);
    return store(tier, seriesId, bucket, merged);
}

Result<QList<Bucket>> RollupTables::read(Tier tier, qint64 seriesId, qint64 fromMs, qint64 toMs)
{
    QList<Bucket> buckets;
    Statement &query = m_db.prepare(sqlFor(tier).range.constData());
    query.bind(1, seriesId).bind(2, fromMs).bind(3, toMs);
    while (query.step())
        buckets.append({query.int64(0), readAggregate(query, 1)});
    if (!query.ok())
        return query.error(QStringLiteral("reading rollups"));
    return buckets;
}

Result<Aggregate> RollupTables::combine(Tier tier, qint64 seriesId, qint64 fromMs, qint64 toMs)
{
    auto buckets = read(tier, seriesId, fromMs, toMs);
    if (!buckets)
        return buckets.error();
    Aggregate total;
    for (const Bucket &bucket : buckets.value())
        total.merge(bucket.aggregate);
    return total;
}

Result<qint64> RollupTables::deleteBefore(Tier tier, qint64 seriesId, qint64 cutoffMs)
{
    if (Status st = m_db.prepare(sqlFor(tier).expire.constData()).bind(1, seriesId).bind(2, cutoffMs).run(); !st)
        return st.error();
    return m_db.changes();
}

} // namespace stackscope::storage
