#pragma once

#include "model/sample.h"
#include "storage/query.h"
#include "util/result.h"

#include <QString>

#include <memory>
#include <optional>

namespace stackscope {
class Clock;
}
namespace stackscope::secrets {
class SecureBytes;
}

namespace stackscope::storage {

class Database;
class Maintenance;
class MinuteTier;
class ProjectRepository;
class QueryEngine;
class RawTier;
class RetentionBook;
class RollupTables;
class SampleWriter;
class SealedSecrets;
class SeriesCatalog;
class ServiceRepository;
struct CipherParams;

struct RetentionPolicy
{
    // Days per tier; std::nullopt keeps the tier forever.
    std::optional<int> rawDays = 30;
    std::optional<int> minuteDays = 90;
    std::optional<int> hourDays = 396; // 13 months
    std::optional<int> dayDays = std::nullopt;
};

struct IngestReport
{
    qint64 inserted = 0;    // samples new to the store
    qint64 replaced = 0;    // re-sent samples whose value changed (last write wins)
    qint64 unchanged = 0;   // re-sent samples with the same value
};

struct MaintenanceReport
{
    qint64 chunksWritten = 0;
    qint64 rowsCompacted = 0;
    qint64 rowsExpired = 0;
};

struct StoreStats
{
    qint64 seriesCount = 0;
    qint64 rawRows = 0;          // recent, uncompacted samples (rows and segments)
    qint64 rawSegments = 0;      // encoded segments among them
    qint64 rawSegmentBytes = 0;
    qint64 rawChunkSamples = 0;  // samples held in compressed chunks
    qint64 rawChunkBytes = 0;    // encoded payload of the chunks
    qint64 rawBytes = 0;         // bytes the raw tier occupies in the file (rows + chunks, with b-tree overhead)
    qint64 minuteRows = 0;
    qint64 hourRows = 0;
    qint64 dayRows = 0;
    qint64 databaseBytes = 0;    // main file plus WAL
    double rawBytesPerSample() const;
};

struct SeriesInfo
{
    qint64 id = 0;
    QString metric;
    Labels labels;
    QString project;
};

// The encrypted metric store over one SQLCipher connection. Not thread-safe: it lives on the store thread
// (StoreService) or, in the command-line tools, on the main thread. All methods are synchronous.
class MetricStore
{
public:
    ~MetricStore();
    MetricStore(const MetricStore &) = delete;
    MetricStore &operator=(const MetricStore &) = delete;

    // Creates a new encrypted database at path; fails if a file is already there.
    static Result<std::unique_ptr<MetricStore>> create(const QString &path, const secrets::SecureBytes &key,
                                                       const CipherParams &params);
    // Opens an existing database and brings its schema up to date; never creates, replaces or modifies a
    // file it cannot read.
    static Result<std::unique_ptr<MetricStore>> open(const QString &path, const secrets::SecureBytes &key,
                                                     const CipherParams &params);

    // Tests and tools inject time; the clock must outlive the store.
    void setClock(const Clock &clock);

    int schemaVersion() const;

    // One transaction for the whole batch; rollups are corrected within it. Validation (finite values,
    // metric names) is the caller's job: see SampleValidator.
    Result<IngestReport> ingest(const SampleBatch &batch);

    Result<QueryResult> query(const QueryRequest &request);
    Result<QList<SeriesInfo>> listSeries(const QString &metricFilter = {});
    Result<StoreStats> stats();
    Status verify();                                      // integrity check plus decoding of every chunk
    Result<MaintenanceReport> maintain();                 // compaction, then retention, at the clock's now

    Status setRetention(const QString &project, const RetentionPolicy &policy); // empty project: default
    Result<RetentionPolicy> retention(const QString &project);

    // The metric catalogue: unit, kind and description of a metric (created if new, updated otherwise).
    Status describeMetric(const MetricInfo &info);
    Result<std::optional<MetricInfo>> metricInfo(const QString &name);

    // Projects (P1).
    ProjectRepository &projects();
    // Configured services and their health.
    ServiceRepository &services();
    // Credentials of headless workspaces; usable once Workspace has handed over the sealing key.
    SealedSecrets &sealedSecrets();
    void setSealingKey(secrets::SecureBytes key);

    // For the repositories of other modules (dashboards, alerts, channels) that own tables in the same file:
    // they are created on the store's thread over this connection and read time from this clock.
    Database &database() { return *m_db; }
    const Clock &clock() const { return *m_clock; }

private:
    explicit MetricStore(std::unique_ptr<Database> db);
    static Result<std::unique_ptr<MetricStore>> finishOpen(std::unique_ptr<Database> db, const CipherParams &params);
    void rebuildParts();

    std::unique_ptr<Database> m_db;
    const Clock *m_clock;
    std::unique_ptr<SeriesCatalog> m_catalog;
    std::unique_ptr<RawTier> m_raw;
    std::unique_ptr<RollupTables> m_rollups;
    std::unique_ptr<MinuteTier> m_minutes;
    std::unique_ptr<RetentionBook> m_retention;
    std::unique_ptr<SampleWriter> m_writer;
    std::unique_ptr<QueryEngine> m_queries;
    std::unique_ptr<Maintenance> m_maintenance;
    std::unique_ptr<ProjectRepository> m_projects;
    std::unique_ptr<ServiceRepository> m_services;
    std::unique_ptr<SealedSecrets> m_sealed;
};

} // namespace stackscope::storage
