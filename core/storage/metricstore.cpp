#include "storage/metricstore.h"

#include "storage/chunkcodec.h"
#include "storage/database.h"
#include "storage/maintenance.h"
#include "storage/migrations.h"
#include "storage/minutetier.h"
#include "storage/queryengine.h"
#include "storage/rawtier.h"
#include "storage/retentionbook.h"
#include "storage/rolluptables.h"
#include "storage/samplewriter.h"
#include "storage/sealedsecrets.h"
#include "storage/seriescatalog.h"
#include "storage/projectrepository.h"
#include "storage/servicerepository.h"
#include "util/clock.h"
#include "secrets/securebytes.h"
#include "util/logging.h"

#include <QFileInfo>

namespace stackscope::storage {

namespace {

// B-tree cost of one raw row or chunk row beyond its payload (key varints, cell header, page slack); used only
// for the `stats` estimate, since Debian's SQLCipher is built without the dbstat table. The benchmark measures
// the real cost from file sizes instead.
constexpr qint64 kRowOverheadBytes = 24;

Status writeMeta(Database &db, const char *key, const QString &value)
{
    // Only when it differs: opening a sound workspace must not rewrite pages (and a damaged one must not be
    // written to before `verify` has looked at it).
    Statement &current = db.prepare("SELECT value FROM meta WHERE key = ?1;");
    current.bind(1, QString::fromLatin1(key));
    const bool same = current.step() && current.text(0) == value;
    const bool readOk = current.ok();
    Error readError = readOk ? Error{} : current.error(QStringLiteral("reading meta"));
    current.reset();
    if (!readOk)
        return readError;
    if (same)
        return {};
    Statement &st = db.prepare("INSERT OR REPLACE INTO meta(key, value) VALUES (?1, ?2);");
    return st.bind(1, QString::fromLatin1(key)).bind(2, value).run();
}

} // namespace

double StoreStats::rawBytesPerSample() const
{
    const qint64 samples = rawRows + rawChunkSamples;
    return samples ? double(rawBytes) / double(samples) : 0.0;
}

MetricStore::MetricStore(std::unique_ptr<Database> db) : m_db(std::move(db)), m_clock(&Clock::system())
{
    m_catalog = std::make_unique<SeriesCatalog>(*m_db);
    m_raw = std::make_unique<RawTier>(*m_db);
    m_rollups = std::make_unique<RollupTables>(*m_db);
    m_minutes = std::make_unique<MinuteTier>(*m_raw, *m_rollups);
    m_retention = std::make_unique<RetentionBook>(*m_db);
    m_projects = std::make_unique<ProjectRepository>(*m_db, *m_catalog);
    m_services = std::make_unique<ServiceRepository>(*m_db, *m_catalog);
    m_sealed = std::make_unique<SealedSecrets>(*m_db, secrets::SecureBytes());
    rebuildParts();
}

MetricStore::~MetricStore() = default;

void MetricStore::rebuildParts()
{
    m_writer = std::make_unique<SampleWriter>(*m_db, *m_catalog, *m_raw, *m_rollups, *m_minutes, *m_retention, *m_clock);
    m_queries = std::make_unique<QueryEngine>(*m_catalog, *m_raw, *m_rollups, *m_minutes, *m_retention, *m_clock);
    m_maintenance = std::make_unique<Maintenance>(*m_db, *m_catalog, *m_raw, *m_rollups, *m_minutes, *m_retention);
}

void MetricStore::setClock(const Clock &clock)
{
    m_clock = &clock;
    rebuildParts();
}

Result<std::unique_ptr<MetricStore>> MetricStore::create(const QString &path, const secrets::SecureBytes &key,
                                                         const CipherParams &params)
{
    auto db = Database::open(path, key, params, Database::Mode::CreateNew);
    if (!db)
        return db.error();
    return finishOpen(std::move(db).value(), params);
}

Result<std::unique_ptr<MetricStore>> MetricStore::open(const QString &path, const secrets::SecureBytes &key,
                                                       const CipherParams &params)
{
    auto db = Database::open(path, key, params, Database::Mode::OpenExisting);
    if (!db)
        return db.error();
    return finishOpen(std::move(db).value(), params);
}

Result<std::unique_ptr<MetricStore>> MetricStore::finishOpen(std::unique_ptr<Database> db, const CipherParams &params)
{
    // Only now that the key is proven do we write anything: WAL for concurrent readers; FULL so that a
    // committed batch survives power loss as well as a killed process (N3).
    if (Status st = db->exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; "
                             "PRAGMA temp_store = MEMORY; PRAGMA cache_size = -32768;");
        !st)
        return st.error();
    if (Status st = Migrations::migrate(*db); !st)
        return st.error();
    if (Status st = db->begin(); !st)
        return st.error();
    Status recorded = writeMeta(*db, "cipher.page_size", QString::number(params.pageSize));
    if (recorded)
        recorded = writeMeta(*db, "cipher.kdf_iter", QString::number(params.kdfIter));
    if (recorded)
        recorded = writeMeta(*db, "cipher.hmac_algorithm", params.hmacAlgorithm);
    if (recorded)
        recorded = writeMeta(*db, "cipher.compatibility", QString::number(params.compatibility));
    if (recorded)
        recorded = db->commit();
    if (!recorded) {
        db->rollback();
        return recorded.error();
    }

    std::unique_ptr<MetricStore> store(new MetricStore(std::move(db)));
    if (Status st = store->m_catalog->load(); !st)
        return st.error();
    if (Status st = store->m_retention->load(); !st)
        return st.error();
    return store;
}

int MetricStore::schemaVersion() const
{
    auto version = Migrations::currentVersion(*m_db);
    return version ? version.value() : -1;
}

Result<IngestReport> MetricStore::ingest(const SampleBatch &batch)
{
    if (batch.isEmpty())
        return IngestReport{};
    if (Status st = m_db->begin(); !st)
        return st.error();
    auto report = m_writer->write(batch);
    Status committed = report ? m_db->commit() : Status(report.error());
    if (!committed) {
        m_db->rollback();
        // Cached ids and high-water marks may describe rows that no longer exist.
        m_catalog->reload();
        m_catalog->forgetMaxTimestamps();
        m_rollups->forget();
        return committed.error();
    }
    return report;
}

Result<QueryResult> MetricStore::query(const QueryRequest &request)
{
    return m_queries->run(request);
}

Result<QList<SeriesInfo>> MetricStore::listSeries(const QString &metricFilter)
{
    QList<SeriesInfo> out;
    for (const SeriesEntry *entry : m_catalog->all()) {
        if (!metricFilter.isEmpty() && !entry->metric.contains(metricFilter, Qt::CaseInsensitive))
            continue;
        out.append({entry->id, entry->metric, entry->labels, m_catalog->projectName(entry->projectId)});
    }
    return out;
}

Result<StoreStats> MetricStore::stats()
{
    StoreStats stats;
    stats.seriesCount = m_catalog->all().size();
    auto count = [this](const char *sql) { return m_db->queryInt(sql); };
    const std::pair<const char *, qint64 *> counters[] = {
        {"SELECT (SELECT count(*) FROM samples_raw) + (SELECT IFNULL(sum(count), 0) FROM raw_segments);", &stats.rawRows},
        {"SELECT IFNULL(sum(length(data)), 0) FROM raw_segments;", &stats.rawSegmentBytes},
        {"SELECT count(*) FROM raw_segments;", &stats.rawSegments},
        {"SELECT IFNULL(sum(count), 0) FROM raw_chunks;", &stats.rawChunkSamples},
        {"SELECT IFNULL(sum(length(data)), 0) FROM raw_chunks;", &stats.rawChunkBytes},
        {"SELECT count(*) FROM rollup_1m;", &stats.minuteRows},
        {"SELECT count(*) FROM rollup_1h;", &stats.hourRows},
        {"SELECT count(*) FROM rollup_1d;", &stats.dayRows},
    };
    for (const auto &[sql, target] : counters) {
        auto value = count(sql);
        if (!value)
            return value.error();
        *target = value.value();
    }
    auto chunks = count("SELECT count(*) FROM raw_chunks;");
    if (!chunks)
        return chunks.error();
    auto plainRows = count("SELECT count(*) FROM samples_raw;");
    if (!plainRows)
        return plainRows.error();
    stats.rawBytes = stats.rawChunkBytes + stats.rawSegmentBytes
                     + (chunks.value() + stats.rawSegments + plainRows.value()) * kRowOverheadBytes
                     + plainRows.value() * 9; // a row's payload: an 8-byte REAL plus its type byte
    stats.databaseBytes = QFileInfo(m_db->path()).size() + QFileInfo(m_db->path() + QStringLiteral("-wal")).size();
    return stats;
}

Status MetricStore::verify()
{
    Statement &check = m_db->prepare("PRAGMA integrity_check;");
    QStringList problems;
    while (check.step()) {
        const QString line = check.text(0);
        if (line != QLatin1String("ok"))
            problems.append(line);
    }
    if (!check.ok()) {
        // SQLCipher 3.x reports a page that fails its HMAC as SQLITE_ERROR, not SQLITE_CORRUPT: any failure to
        // read the whole file here means it is damaged (I/O errors aside).
        Error error = check.error(QStringLiteral("integrity check"));
        if (error.code != Error::Code::Io) {
            error.code = Error::Code::DatabaseCorrupt;
            error.userMessage = QStringLiteral("The database failed its integrity check: a page cannot be read.");
        }
        return error;
    }
    if (!problems.isEmpty())
        return Error::make(Error::Code::DatabaseCorrupt,
                           QStringLiteral("The database failed its integrity check (%1 problems).").arg(problems.size()),
                           problems.mid(0, 5).join(QStringLiteral("; ")));

    // The b-tree can be sound while a chunk blob is not: decode every chunk and check its recorded shape.
    Statement &chunks = m_db->prepare("SELECT series_id, block_start, first_ts, last_ts, count, data FROM raw_chunks;");
    qint64 bad = 0;
    while (chunks.step()) {
        auto decoded = decodeChunk(chunks.blob(5));
        const bool sound = decoded && decoded->size() == chunks.int64(4) && !decoded->isEmpty()
                           && decoded->first().ts == chunks.int64(2) && decoded->last().ts == chunks.int64(3)
                           && bucketStart(chunks.int64(2), RawTier::kBlockMs) == chunks.int64(1);
        if (!sound)
            ++bad;
    }
    if (!chunks.ok())
        return chunks.error(QStringLiteral("reading chunks"));
    Statement &segments = m_db->prepare("SELECT block_start, first_ts, last_ts, count, data FROM raw_segments;");
    while (segments.step()) {
        auto decoded = decodeChunk(segments.blob(4));
        const bool sound = decoded && decoded->size() == segments.int64(3) && !decoded->isEmpty()
                           && decoded->first().ts == segments.int64(1) && decoded->last().ts == segments.int64(2)
                           && bucketStart(segments.int64(1), RawTier::kBlockMs) == segments.int64(0);
        if (!sound)
            ++bad;
    }
    if (!segments.ok())
        return segments.error(QStringLiteral("reading segments"));
    if (bad)
        return Error::make(Error::Code::DatabaseCorrupt,
                           QStringLiteral("%1 compressed raw chunks or segments are damaged.").arg(bad));
    return {};
}

Result<MaintenanceReport> MetricStore::maintain()
{
    const qint64 now = m_clock->nowMs();
    m_rollups->forget(); // retention deletes buckets behind the cache's back
    auto compacted = m_maintenance->compact(now);
    if (!compacted)
        return compacted.error();
    auto expired = m_maintenance->applyRetention(now);
    if (!expired)
        return expired.error();
    MaintenanceReport report = compacted.value();
    report.rowsExpired = expired->rowsExpired;
    // Late samples below the old high-water marks may now be in chunks; the marks stay valid (they only
    // decide fast path versus checked path).
    return report;
}

Status MetricStore::setRetention(const QString &project, const RetentionPolicy &policy)
{
    qint64 projectId = 0;
    if (!project.isEmpty()) {
        auto id = m_catalog->projectId(project, false);
        if (!id)
            return id.error();
        projectId = id.value();
    }
    return m_retention->setPolicy(projectId, policy);
}

Status MetricStore::describeMetric(const MetricInfo &info)
{
    if (info.name.isEmpty())
        return Error::make(Error::Code::Config, QStringLiteral("A metric needs a name."));
    if (Status st = m_db->begin(); !st)
        return st;
    auto id = m_catalog->metricId(info.name);
    Status written = id ? Status() : Status(id.error());
    if (written) {
        Statement &update = m_db->prepare("UPDATE metrics SET unit = ?2, kind = ?3, description = ?4 WHERE id = ?1;");
        written = update.bind(1, id.value()).bind(2, info.unit).bind(3, int(info.kind)).bind(4, info.description).run();
    }
    if (written)
        written = m_db->commit();
    if (!written) {
        m_db->rollback();
        m_catalog->reload();
    }
    return written;
}

Result<std::optional<MetricInfo>> MetricStore::metricInfo(const QString &name)
{
    Statement &query = m_db->prepare("SELECT unit, kind, description FROM metrics WHERE name = ?1;");
    query.bind(1, name);
    if (!query.step()) {
        if (!query.ok())
            return query.error(QStringLiteral("reading the metric catalogue"));
        return std::optional<MetricInfo>();
    }
    MetricInfo info{name, query.text(0), query.int64(1) == 1 ? MetricKind::Counter : MetricKind::Gauge, query.text(2)};
    query.reset();
    return std::optional<MetricInfo>(info);
}

ProjectRepository &MetricStore::projects()
{
    return *m_projects;
}

ServiceRepository &MetricStore::services()
{
    return *m_services;
}

SealedSecrets &MetricStore::sealedSecrets()
{
    return *m_sealed;
}

void MetricStore::setSealingKey(secrets::SecureBytes key)
{
    m_sealed = std::make_unique<SealedSecrets>(*m_db, std::move(key));
}

Result<RetentionPolicy> MetricStore::retention(const QString &project)
{
    qint64 projectId = 0;
    if (!project.isEmpty()) {
        auto id = m_catalog->projectId(project, false);
        if (!id)
            return id.error();
        projectId = id.value();
    }
    return m_retention->policy(projectId);
}

} // namespace stackscope::storage
