#include "storage/rolluptables.h"

#include "storage/database.h"

#include <array>
#include <limits>

namespace stackscope::storage {

namespace {

// Per-tier SQL, built once. The strings live as long as the program, so their addresses can key the
// prepared-statement cache.
struct TierSql
{
    QByteArray select;
    QByteArray insert;
    QByteArray update;
    QByteArray remove;
    QByteArray range;
    QByteArray expire;
    QByteArray newest;
    QByteArray removeRange;
};

const TierSql &sqlFor(Tier tier)
{
    static const std::array<TierSql, 3> sql = [] {
        std::array<TierSql, 3> out;
        for (int i = 0; i < 3; ++i) {
            const QByteArray table = rollupTable(kRollupTiers[std::size_t(i)]);
            out[std::size_t(i)] = TierSql{
                "SELECT min, max, sum, count, last, last_ts FROM " + table + " WHERE series_id = ?1 AND bucket = ?2;",
                "INSERT INTO " + table
                    + "(series_id, bucket, min, max, sum, count, last, last_ts) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8);",
                "UPDATE " + table
                    + " SET min = ?3, max = ?4, sum = ?5, count = ?6, last = ?7, last_ts = ?8 WHERE series_id = ?1 AND bucket = ?2;",
                "DELETE FROM " + table + " WHERE series_id = ?1 AND bucket = ?2;",
                "SELECT bucket, min, max, sum, count, last, last_ts FROM " + table
                    + " WHERE series_id = ?1 AND bucket >= ?2 AND bucket < ?3 ORDER BY bucket;",
                "DELETE FROM " + table + " WHERE series_id = ?1 AND bucket < ?2;",
                "SELECT bucket, min, max, sum, count, last, last_ts FROM " + table
                    + " WHERE series_id = ?1 ORDER BY bucket DESC LIMIT 1;",
                "DELETE FROM " + table + " WHERE series_id = ?1 AND bucket >= ?2 AND bucket < ?3;",
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

static std::size_t tierSlot(Tier tier)
{
    return std::size_t(int(tier) - 1);
}

Result<std::optional<Aggregate>> RollupTables::load(Tier tier, qint64 seriesId, qint64 bucket)
{
    auto &latest = m_latest[tierSlot(tier)];
    auto it = latest.find(seriesId);
    if (it == latest.end()) {
        // First touch of this series in this tier: learn its newest bucket, so that later appends know without
        // asking that their bucket is new.
        Statement &newest = m_db.prepare(sqlFor(tier).newest.constData());
        newest.bind(1, seriesId);
        Latest found{std::numeric_limits<qint64>::min(), Aggregate{}};
        if (newest.step())
            found = {newest.int64(0), readAggregate(newest, 1)};
        if (!newest.ok())
            return newest.error(QStringLiteral("reading the newest rollup"));
        newest.reset();
        it = latest.insert(seriesId, found);
    }
    if (it->bucket == bucket)
        return std::optional<Aggregate>(it->aggregate);
    if (bucket > it->bucket)
        return std::optional<Aggregate>(); // newer than anything stored
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

void RollupTables::remember(Tier tier, qint64 seriesId, qint64 bucket, const Aggregate &aggregate)
{
    // Only an entry learnt from the table may be advanced: it must always name the newest stored bucket.
    auto &latest = m_latest[tierSlot(tier)];
    auto it = latest.find(seriesId);
    if (it != latest.end() && bucket >= it->bucket)
        *it = {bucket, aggregate};
}

void RollupTables::forget()
{
    for (auto &latest : m_latest)
        latest.clear();
}

Status RollupTables::write(Tier tier, qint64 seriesId, qint64 bucket, const Aggregate &a, bool knownToExist)
{
    // UPDATE, then INSERT if there was no row: INSERT OR REPLACE would make SQLite keep a statement journal
    // (whose pages SQLCipher encrypts too), which cost more than the rest of ingest together.
    const TierSql &sql = sqlFor(tier);
    auto bindValues = [&](Statement &st) -> Statement & {
        return st.bind(1, seriesId).bind(2, bucket).bind(3, a.min).bind(4, a.max).bind(5, a.sum).bind(6, a.count)
            .bind(7, a.last).bind(8, a.lastTs);
    };
    bool updated = false;
    if (knownToExist) {
        if (Status st = bindValues(m_db.prepare(sql.update.constData())).run(); !st)
            return st;
        updated = m_db.changes() == 1;
    }
    if (!updated) {
        if (Status st = bindValues(m_db.prepare(sql.insert.constData())).run(); !st)
            return st;
    }
    remember(tier, seriesId, bucket, a);
    return {};
}

Status RollupTables::store(Tier tier, qint64 seriesId, qint64 bucket, const Aggregate &a)
{
    if (a.isEmpty()) {
        auto &latest = m_latest[tierSlot(tier)];
        latest.remove(seriesId); // the newest bucket may have gone: learn it again next time
        return m_db.prepare(sqlFor(tier).remove.constData()).bind(1, seriesId).bind(2, bucket).run();
    }
    auto existing = load(tier, seriesId, bucket);
    if (!existing)
        return existing.error();
    return write(tier, seriesId, bucket, a, existing.value().has_value());
}

Status RollupTables::merge(Tier tier, qint64 seriesId, qint64 bucket, const Aggregate &delta)
{
    auto existing = load(tier, seriesId, bucket);
    if (!existing)
        return existing.error();
    Aggregate merged = existing.value().value_or(Aggregate{});
    merged.merge(delta);
    return write(tier, seriesId, bucket, merged, existing.value().has_value());
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
    m_latest[tierSlot(tier)].remove(seriesId);
    if (Status st = m_db.prepare(sqlFor(tier).expire.constData()).bind(1, seriesId).bind(2, cutoffMs).run(); !st)
        return st.error();
    return m_db.changes();
}

} // namespace stackscope::storage

namespace stackscope::storage {

Status RollupTables::deleteRange(Tier tier, qint64 seriesId, qint64 fromMs, qint64 toMs)
{
    m_latest[tierSlot(tier)].remove(seriesId);
    return m_db.prepare(sqlFor(tier).removeRange.constData()).bind(1, seriesId).bind(2, fromMs).bind(3, toMs).run();
}

Status RollupTables::insert(Tier tier, qint64 seriesId, qint64 bucket, const Aggregate &aggregate)
{
    return write(tier, seriesId, bucket, aggregate, false);
}

} // namespace stackscope::storage

namespace stackscope::storage {

namespace {

// SELECT lists per aggregation: what StepFolder needs to merge buckets and pick the value.
const QByteArray &rangeSqlFor(Aggregation aggregation, Tier tier)
{
    static const std::array<std::array<QByteArray, 6>, 3> sql = [] {
        std::array<std::array<QByteArray, 6>, 3> out;
        const std::array<std::pair<Aggregation, const char *>, 6> columns{{
            {Aggregation::Avg, "sum"},
            {Aggregation::Min, "min"},
            {Aggregation::Max, "max"},
            {Aggregation::Sum, "sum"},
            {Aggregation::Count, "count"},
            {Aggregation::Last, "last, last_ts"},
        }};
        for (std::size_t t = 0; t < 3; ++t) {
            const QByteArray table = rollupTable(kRollupTiers[t]);
            for (const auto &[agg, cols] : columns) {
                out[t][std::size_t(agg)] = "SELECT bucket, count, " + QByteArray(cols) + " FROM " + table
                                           + " WHERE series_id = ?1 AND bucket >= ?2 AND bucket < ?3 ORDER BY bucket;";
            }
        }
        return out;
    }();
    return sql[tierSlot(tier)][std::size_t(aggregation)];
}

} // namespace

Result<QList<Bucket>> RollupTables::readFor(Aggregation aggregation, Tier tier, qint64 seriesId, qint64 fromMs,
                                            qint64 toMs)
{
    QList<Bucket> buckets;
    Statement &query = m_db.prepare(rangeSqlFor(aggregation, tier).constData());
    query.bind(1, seriesId).bind(2, fromMs).bind(3, toMs);
    while (query.step()) {
        Bucket bucket{query.int64(0), Aggregate{}};
        Aggregate &a = bucket.aggregate;
        a.count = query.int64(1);
        switch (aggregation) {
        case Aggregation::Avg:
        case Aggregation::Sum: a.sum = query.real(2); break;
        case Aggregation::Min: a.min = query.real(2); break;
        case Aggregation::Max: a.max = query.real(2); break;
        case Aggregation::Count: break;
        case Aggregation::Last:
            a.last = query.real(2);
            a.lastTs = query.int64(3);
            break;
        }
        buckets.append(bucket);
    }
    if (!query.ok())
        return query.error(QStringLiteral("reading rollups"));
    return buckets;
}

} // namespace stackscope::storage
