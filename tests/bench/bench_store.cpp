// Metric store benchmark: ingest rate, raw-tier bytes per sample and long-range query speed, each as a ratio
// against a baseline measured in the same run (see docs/PERFORMANCE.md).
//
// Usage: bench_store [--quick] [--rounds N] [--only ingest|bytes|query] [--dir DIR] [--plain-helper PATH]
// Prints a table for people and, last, one JSON line for scripts. It measures; it never asserts on time.
//
// This one file builds two programs:
//  - bench_store (links stackscope::core, hence SQLCipher), the benchmark itself;
//  - bench_plain_sqlite (built with STACKSCOPE_BENCH_PLAIN_SQLITE, links only the system libsqlite3), the
//    plain-SQLite baseline, which bench_store runs with QProcess.
// SQLCipher and SQLite both export the whole sqlite3_* API, so they cannot share one process safely: even
// dlopen(RTLD_LOCAL) of libsqlite3 leaves its internal calls to exported sqlite3_* functions free to bind to
// libsqlcipher's copies (ELF interposition) unless RTLD_DEEPBIND is used, which is glibc-only and fragile.
// A separate process is unambiguous, costs nothing inside the timed loops, and both programs generate the rows
// from the same code below; bench_store compares a checksum of them to prove they are the same rows.

#include <QByteArray>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <random>

#include <time.h>

// ---------------------------------------------------------------------------------------------------------
// Shared by both programs: the data sets.
// ---------------------------------------------------------------------------------------------------------
namespace bench {

constexpr qint64 kDayMs = 86'400'000;
constexpr qint64 kHourMs = 3'600'000;
constexpr qint64 kStartMs = 1'718'064'000'000; // 2024-06-11T00:00:00Z, a day boundary
constexpr int kBatchSize = 5000;
constexpr quint64 kSeed = 20240611; // fixed: runs are comparable

enum class Kind { Gauge, Counter, Constant, Saas };

struct SeriesSpec
{
    Kind kind = Kind::Gauge;
    qint64 stepMs = 15'000;
    int index = 0;
};

struct Row
{
    int series = 0; // index into the specs
    qint64 ts = 0;
    double value = 0.0;
};

struct Dataset
{
    QString name;       // "ingest", "mix" or "query"
    int series = 0;
    qint64 startMs = kStartMs;
    qint64 endMs = kStartMs;
};

[[noreturn]] void die(const QString &message)
{
    std::fprintf(stderr, "bench: %s\n", qPrintable(message));
    std::fflush(stdout);
    std::exit(1);
}

// ingest: every series at 15 s (half CPU-like gauges, then counters, then constants), the shape of a scraper.
// mix:    40 % one-decimal gauges, 30 % counters, 20 % constants at 15 s, 10 % sparse SaaS daily values.
// query:  one-decimal gauges at 1 minute.
QList<SeriesSpec> specsFor(const Dataset &data)
{
    QList<SeriesSpec> specs;
    for (int i = 0; i < data.series; ++i) {
        SeriesSpec spec;
        spec.index = i;
        if (data.name == QLatin1String("ingest")) {
            const int slot = i % 10;
            spec.kind = slot < 5 ? Kind::Gauge : slot < 8 ? Kind::Counter : Kind::Constant;
        } else if (data.name == QLatin1String("mix")) {
            const double at = double(i) / double(data.series);
            spec.kind = at < 0.4 ? Kind::Gauge : at < 0.7 ? Kind::Counter : at < 0.9 ? Kind::Constant : Kind::Saas;
            spec.stepMs = spec.kind == Kind::Saas ? kDayMs : 15'000;
        } else if (data.name == QLatin1String("query")) {
            spec.kind = Kind::Gauge;
            spec.stepMs = 60'000;
        } else {
            die(QStringLiteral("unknown data set %1").arg(data.name));
        }
        specs.append(spec);
    }
    return specs;
}

double roundTo(double value, int decimals)
{
    const double scale = std::pow(10.0, decimals);
    return std::round(value * scale) / scale;
}

// Quiet at night, busy in the afternoon.
double dailyLoad(qint64 ts)
{
    const double hour = double(((ts % kDayMs) + kDayMs) % kDayMs) / double(kHourMs);
    return 0.5 - 0.4 * std::cos((hour - 3.0) / 24.0 * 2.0 * 3.141592653589793);
}

// One series: scrapes every stepMs with a per-series phase, 1 in 50 late or early by up to 300 ms, 1 in 400
// missed; SaaS values are polled once a day at a jittered time.
void generateSeries(const SeriesSpec &spec, qint64 startMs, qint64 endMs, QList<Row> &out)
{
    std::mt19937_64 rng(kSeed * 1000 + quint64(spec.index));
    if (spec.kind == Kind::Saas) {
        const bool money = spec.index % 2 == 0;
        double level = money ? 12'345.67 : 40.0;
        for (qint64 day = startMs; day < endMs; day += kDayMs) {
            const qint64 ts = day + kHourMs + qint64(rng() % 120'000);
            if (money)
                level = roundTo(level + double(qint64(rng() % 40'001) - 15'000) / 100.0, 2);
            else
                level = double(rng() % 80);
            if (ts < endMs)
                out.append(Row{spec.index, ts, level});
        }
        return;
    }
    const qint64 phase = (qint64(spec.index) * 97) % spec.stepMs;
    std::normal_distribution<double> noise(0.0, 1.0 + spec.index % 4);
    double level = 20.0 + 3.0 * (spec.index % 20);
    const double rate = spec.index % 3 == 0 ? 5.0 : (spec.index % 3 == 1 ? 200.0 : 50'000.0);
    double total = 1e6 * (spec.index + 1);
    const double constant = spec.index % 3 == 0 ? 1.0 : (spec.index % 3 == 1 ? 8.0 : 1.5e9);
    for (qint64 t = startMs + phase; t < endMs; t += spec.stepMs) {
        if (rng() % 400 == 0)
            continue;
        const qint64 jitter = rng() % 50 == 0 ? qint64(rng() % 601) - 300 : 0;
        const qint64 ts = t + jitter;
        if (ts < startMs || ts >= endMs)
            continue;
        double value = 0.0;
        switch (spec.kind) {
        case Kind::Gauge: {
            const double target = 10.0 + 70.0 * dailyLoad(ts);
            level = std::clamp(level + noise(rng) + 0.1 * (target - level), 0.0, 100.0);
            value = roundTo(level, 1);
            break;
        }
        case Kind::Counter: {
            std::poisson_distribution<long long> increments(rate * (0.2 + dailyLoad(ts)));
            total += double(increments(rng));
            value = total;
            break;
        }
        case Kind::Constant:
            value = constant;
            break;
        case Kind::Saas:
            break;
        }
        out.append(Row{spec.index, ts, value});
    }
}

// All series, in time order (ties by series): what a scraper sends.
QList<Row> generate(const Dataset &data)
{
    QList<Row> rows;
    for (const SeriesSpec &spec : specsFor(data))
        generateSeries(spec, data.startMs, data.endMs, rows);
    std::sort(rows.begin(), rows.end(), [](const Row &a, const Row &b) {
        return a.ts != b.ts ? a.ts < b.ts : a.series < b.series;
    });
    return rows;
}

QString checksum(const QList<Row> &rows)
{
    quint64 hash = 14695981039346656037ull; // FNV-1a
    auto mix = [&hash](quint64 word) {
        for (int i = 0; i < 8; ++i) {
            hash ^= (word >> (8 * i)) & 0xff;
            hash *= 1099511628211ull;
        }
    };
    for (const Row &row : rows) {
        mix(quint64(row.series));
        mix(quint64(row.ts));
        mix(std::bit_cast<quint64>(row.value));
    }
    return QString::number(hash, 16);
}

QStringList datasetArguments(const Dataset &data)
{
    return {QStringLiteral("--dataset"), data.name, QStringLiteral("--series"), QString::number(data.series),
            QStringLiteral("--start"), QString::number(data.startMs), QStringLiteral("--end"),
            QString::number(data.endMs)};
}

QString argumentValue(const QStringList &args, const QString &name, const QString &fallback = {})
{
    const qsizetype at = args.indexOf(name);
    return at >= 0 && at + 1 < args.size() ? args.at(at + 1) : fallback;
}

Dataset datasetFromArguments(const QStringList &args)
{
    Dataset data;
    data.name = argumentValue(args, QStringLiteral("--dataset"));
    data.series = argumentValue(args, QStringLiteral("--series")).toInt();
    data.startMs = argumentValue(args, QStringLiteral("--start")).toLongLong();
    data.endMs = argumentValue(args, QStringLiteral("--end")).toLongLong();
    return data;
}

double seconds(const QElapsedTimer &timer)
{
    return double(timer.nsecsElapsed()) / 1e9;
}

// Wall time, and CPU time of the calling thread (SQLite works on the caller's thread): on a shared machine the
// CPU figure is the steadier one, the wall figure also holds the fsyncs.
struct Timing
{
    double wall = 0;
    double cpu = 0;
};

class Stopwatch
{
public:
    Stopwatch() { m_wall.start(); m_cpu = threadCpu(); }
    Timing elapsed() const { return {seconds(m_wall), threadCpu() - m_cpu}; }

private:
    static double threadCpu()
    {
        timespec ts{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
        return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
    }
    QElapsedTimer m_wall;
    double m_cpu = 0;
};

double median(QList<double> values)
{
    if (values.isEmpty())
        return 0.0;
    std::sort(values.begin(), values.end());
    const qsizetype n = values.size();
    return n % 2 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
}

} // namespace bench

#ifdef STACKSCOPE_BENCH_PLAIN_SQLITE
// ---------------------------------------------------------------------------------------------------------
// bench_plain_sqlite: the baseline. Only the system libsqlite3 is linked here.
// Usage: bench_plain_sqlite ingest|bytes --db PATH --dataset NAME --series N --start MS --end MS
// ---------------------------------------------------------------------------------------------------------
#include <sqlite3.h>

namespace {

using namespace bench;

void check(sqlite3 *db, int rc, const char *what)
{
    if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
        die(QStringLiteral("%1: %2").arg(QLatin1String(what), QString::fromUtf8(sqlite3_errmsg(db))));
}

void exec(sqlite3 *db, const char *sql)
{
    check(db, sqlite3_exec(db, sql, nullptr, nullptr, nullptr), sql);
}

qint64 queryInt(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *stmt = nullptr;
    check(db, sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr), sql);
    check(db, sqlite3_step(stmt), sql);
    const qint64 value = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    return value;
}

// The file as it would be after a checkpoint: page_count x page_size.
QJsonObject fileSize(sqlite3 *db)
{
    exec(db, "PRAGMA wal_checkpoint(TRUNCATE);");
    const qint64 pages = queryInt(db, "PRAGMA page_count;");
    return QJsonObject{{QStringLiteral("bytes"), pages * queryInt(db, "PRAGMA page_size;")},
                       {QStringLiteral("freelistPages"), queryInt(db, "PRAGMA freelist_count;")}};
}

} // namespace

int main(int argc, char *argv[])
{
    QStringList args;
    for (int i = 1; i < argc; ++i)
        args.append(QString::fromLocal8Bit(argv[i]));
    const QString mode = args.value(0);
    const QString path = argumentValue(args, QStringLiteral("--db"));
    if ((mode != QLatin1String("ingest") && mode != QLatin1String("bytes")) || path.isEmpty())
        die(QStringLiteral("usage: bench_plain_sqlite ingest|bytes --db PATH --dataset NAME --series N --start MS --end MS"));

    const QList<Row> rows = generate(datasetFromArguments(args));

    sqlite3 *db = nullptr;
    check(db, sqlite3_open_v2(path.toUtf8().constData(), &db,
                              SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr),
          "open");
    // The store's settings: 4096-byte pages, WAL, synchronous=FULL.
    exec(db, "PRAGMA page_size = 4096; PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;");
    exec(db, "CREATE TABLE samples(series_id INTEGER, ts INTEGER, value REAL, PRIMARY KEY(series_id, ts)) "
             "WITHOUT ROWID;");
    sqlite3_stmt *insert = nullptr;
    check(db, sqlite3_prepare_v2(db, "INSERT INTO samples(series_id, ts, value) VALUES (?1, ?2, ?3);", -1, &insert,
                                 nullptr),
          "prepare");

    const Stopwatch watch;
    for (qsizetype first = 0; first < rows.size(); first += kBatchSize) {
        exec(db, "BEGIN IMMEDIATE;");
        const qsizetype last = std::min(rows.size(), first + kBatchSize);
        for (qsizetype i = first; i < last; ++i) {
            sqlite3_bind_int64(insert, 1, rows[i].series + 1);
            sqlite3_bind_int64(insert, 2, rows[i].ts);
            sqlite3_bind_double(insert, 3, rows[i].value);
            check(db, sqlite3_step(insert), "insert");
            sqlite3_reset(insert);
        }
        exec(db, "COMMIT;");
    }
    const Timing elapsed = watch.elapsed();
    sqlite3_finalize(insert);

    QJsonObject out{{QStringLiteral("samples"), qint64(rows.size())},
                    {QStringLiteral("seconds"), elapsed.wall},
                    {QStringLiteral("cpuSeconds"), elapsed.cpu},
                    {QStringLiteral("checksum"), checksum(rows)},
                    {QStringLiteral("sqliteVersion"), QString::fromLatin1(sqlite3_libversion())}};
    if (mode == QLatin1String("bytes")) {
        out.insert(QStringLiteral("asInserted"), fileSize(db));
        exec(db, "VACUUM;");
        out.insert(QStringLiteral("withRows"), fileSize(db));
        exec(db, "DELETE FROM samples; VACUUM;");
        out.insert(QStringLiteral("withoutRows"), fileSize(db));
    }
    sqlite3_close(db);
    std::printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Compact).constData());
    return 0;
}

#else
// ---------------------------------------------------------------------------------------------------------
// bench_store
// ---------------------------------------------------------------------------------------------------------
#include "model/sample.h"
#include "secrets/securebytes.h"
#include "storage/aggregate.h"
#include "storage/database.h"
#include "storage/metricstore.h"
#include "storage/rawtier.h"
#include "storage/rolluptables.h"
#include "storage/tier.h"
#include "storage/workspace.h"
#include "util/clock.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QLoggingCategory>
#include <QProcess>
#include <QThread>
#include <QTemporaryDir>

#include <array>
#include <memory>
#include <optional>

namespace {

using namespace bench;
using namespace stackscope;
using namespace stackscope::storage;

class FixedClock final : public Clock
{
public:
    explicit FixedClock(qint64 nowMs) : m_now(nowMs) {}
    qint64 nowMs() const override { return m_now; }

private:
    qint64 m_now;
};

struct Options
{
    bool quick = false;
    int rounds = 3;
    QString only;             // run one section: ingest, bytes or query
    QString helper;
    QString dir;
};

struct Context
{
    Options options;
    QString root;                 // temporary directory for all databases
    secrets::SecureBytes key;     // one random key for every encrypted database
    int nextDir = 0;

    QString freshDir(const QString &what)
    {
        const QString dir = QDir(root).filePath(QStringLiteral("%1-%2").arg(what).arg(++nextDir));
        QDir().mkpath(dir);
        return dir;
    }
};

template<typename T>
T need(Result<T> result, const char *what)
{
    if (!result)
        die(QStringLiteral("%1 failed: %2 (%3)")
                .arg(QLatin1String(what), result.error().userMessage, result.error().detail));
    return std::move(result).value();
}

void need(const Status &status, const char *what)
{
    if (!status)
        die(QStringLiteral("%1 failed: %2 (%3)")
                .arg(QLatin1String(what), status.error().userMessage, status.error().detail));
}

// ----- data as the store sees it ------------------------------------------------------------------------

struct SeriesName
{
    QString metric;
    Labels labels;
};

QList<SeriesName> seriesNames(const Dataset &data)
{
    QList<SeriesName> names;
    for (const SeriesSpec &spec : specsFor(data)) {
        SeriesName name;
        switch (spec.kind) {
        case Kind::Gauge: name.metric = QStringLiteral("host.cpu.percent"); break;
        case Kind::Counter: name.metric = QStringLiteral("http.requests.total"); break;
        case Kind::Constant: name.metric = QStringLiteral("host.cpu.cores"); break;
        case Kind::Saas: name.metric = QStringLiteral("saas.mrr"); break;
        }
        name.labels.insert(QStringLiteral("host"), QStringLiteral("web-%1").arg(spec.index, 3, 10, QLatin1Char('0')));
        if (data.name != QLatin1String("query"))
            name.labels.insert(QStringLiteral("project"), QStringLiteral("shop"));
        names.append(name);
    }
    return names;
}

QList<SampleBatch> toBatches(const Dataset &data, const QList<Row> &rows)
{
    const QList<SeriesName> names = seriesNames(data);
    QList<SampleBatch> batches;
    for (qsizetype first = 0; first < rows.size(); first += kBatchSize) {
        SampleBatch batch;
        const qsizetype last = std::min(rows.size(), first + kBatchSize);
        batch.reserve(last - first);
        for (qsizetype i = first; i < last; ++i) {
            const SeriesName &name = names[rows[i].series];
            batch.append(MetricSample{name.metric, name.labels, rows[i].ts, rows[i].value});
        }
        batches.append(std::move(batch));
    }
    return batches;
}

std::unique_ptr<MetricStore> createStore(Context &ctx, const QString &dir)
{
    WorkspaceInfo info;
    info.name = QStringLiteral("bench");
    return need(Workspace::create(dir, ctx.key, info), "creating a workspace");
}

// Ingests every batch; returns the time spent in MetricStore::ingest.
Timing ingestAll(MetricStore &store, const QList<SampleBatch> &batches, qint64 expected)
{
    qint64 inserted = 0;
    const Stopwatch watch;
    for (const SampleBatch &batch : batches)
        inserted += need(store.ingest(batch), "ingest").inserted;
    const Timing elapsed = watch.elapsed();
    if (inserted != expected)
        die(QStringLiteral("ingest stored %1 samples, expected %2").arg(inserted).arg(expected));
    return elapsed;
}

// ----- the plain-SQLite helper ----------------------------------------------------------------------------

QJsonObject runHelper(const Context &ctx, const QString &mode, const QString &dbPath, const Dataset &data,
                      const QString &expectedChecksum)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    process.start(ctx.options.helper,
                  QStringList{mode, QStringLiteral("--db"), dbPath} + datasetArguments(data));
    if (!process.waitForStarted(30'000))
        die(QStringLiteral("cannot start %1: %2").arg(ctx.options.helper, process.errorString()));
    process.waitForFinished(-1);
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0)
        die(QStringLiteral("%1 failed (exit code %2)").arg(ctx.options.helper).arg(process.exitCode()));
    const QList<QByteArray> lines = process.readAllStandardOutput().trimmed().split('\n');
    const QJsonObject out = QJsonDocument::fromJson(lines.last()).object();
    if (out.value(QStringLiteral("checksum")).toString() != expectedChecksum)
        die(QStringLiteral("the plain-SQLite helper generated different rows (checksum %1, expected %2)")
                .arg(out.value(QStringLiteral("checksum")).toString(), expectedChecksum));
    return out;
}

// ----- file sizes -----------------------------------------------------------------------------------------

struct FileSize
{
    qint64 bytes = 0;
    qint64 freelistPages = 0;
};

FileSize fileSize(Database &db)
{
    need(db.exec("PRAGMA wal_checkpoint(TRUNCATE);"), "checkpoint");
    const qint64 pages = need(db.queryInt("PRAGMA page_count;"), "page_count");
    const qint64 pageSize = need(db.queryInt("PRAGMA page_size;"), "page_size");
    return {pages * pageSize, need(db.queryInt("PRAGMA freelist_count;"), "freelist_count")};
}

std::unique_ptr<Database> openDatabase(Context &ctx, const QString &path)
{
    return need(Database::open(path, ctx.key, CipherParams{}, Database::Mode::OpenExisting), "opening the database");
}

// ----- machine --------------------------------------------------------------------------------------------

QString cpuModel()
{
    QFile file(QStringLiteral("/proc/cpuinfo"));
    if (!file.open(QIODevice::ReadOnly))
        return QStringLiteral("unknown");
    const QList<QByteArray> lines = file.readAll().split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith("model name")) {
            const qsizetype colon = line.indexOf(':');
            return QString::fromUtf8(line.mid(colon + 1).trimmed());
        }
    }
    return QStringLiteral("unknown");
}

struct Versions
{
    QString cipher;
    QString cipherSqlite;
};

Versions cipherVersions(Context &ctx)
{
    const QString path = QDir(ctx.freshDir(QStringLiteral("version"))).filePath(QStringLiteral("v.db"));
    auto db = need(Database::open(path, ctx.key, CipherParams{}, Database::Mode::CreateNew), "opening a database");
    return {need(db->queryText("PRAGMA cipher_version;"), "cipher_version"),
            need(db->queryText("SELECT sqlite_version();"), "sqlite_version")};
}

// ----- 1. ingest --------------------------------------------------------------------------------------------

// Samples per second of one writer, one entry per round, by wall clock and by the writer's CPU time.
struct Rates
{
    QString name;
    QList<double> wall, cpu;

    void add(qint64 samples, Timing t)
    {
        wall.append(double(samples) / t.wall);
        cpu.append(double(samples) / t.cpu);
    }
    double wallRate() const { return median(wall); }
    double cpuRate() const { return median(cpu); }

    QJsonObject toJson() const
    {
        auto list = [](const QList<double> &values) {
            QJsonArray out;
            for (double v : values)
                out.append(std::round(v));
            return out;
        };
        return QJsonObject{{QStringLiteral("samplesPerSec"), std::round(wallRate())},
                           {QStringLiteral("samplesPerCpuSec"), std::round(cpuRate())},
                           {QStringLiteral("rounds"), list(wall)},
                           {QStringLiteral("roundsCpu"), list(cpu)}};
    }
};

struct IngestFigures
{
    qint64 samples = 0;
    Rates plain, cipherRows, full;
    Rates protoRaw, protoReplace, protoUpdate, protoInsertFirst;
    QString plainVersion;
};

Timing cipherRowsOnly(Context &ctx, const QList<Row> &rows)
{
    const QString path = QDir(ctx.freshDir(QStringLiteral("cipher-rows"))).filePath(QStringLiteral("rows.db"));
    auto db = need(Database::open(path, ctx.key, CipherParams{}, Database::Mode::CreateNew), "opening a database");
    need(db->exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"), "pragmas");
    need(db->exec("CREATE TABLE samples(series_id INTEGER, ts INTEGER, value REAL, PRIMARY KEY(series_id, ts)) "
                  "WITHOUT ROWID;"),
         "create table");
    // Reopened, as the store and the prototypes open an existing file.
    db.reset();
    db = openDatabase(ctx, path);
    need(db->exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"), "pragmas");
    const Stopwatch watch;
    for (qsizetype first = 0; first < rows.size(); first += kBatchSize) {
        need(db->begin(), "begin");
        const qsizetype last = std::min(rows.size(), first + kBatchSize);
        for (qsizetype i = first; i < last; ++i) {
            // Exactly how RawTier::insertRow writes a row.
            Statement &insert = db->prepare("INSERT INTO samples(series_id, ts, value) VALUES (?1, ?2, ?3);");
            need(insert.bind(1, qint64(rows[i].series + 1)).bind(2, rows[i].ts).bind(3, rows[i].value).run(), "insert");
        }
        need(db->commit(), "commit");
    }
    return watch.elapsed();
}

// ----- 1b. where ingest time goes: prototype writers on the store's own schema -----------------------------
//
// Each prototype writes the same batches into a database made by Workspace::create, opened with the store's
// connection settings, with series ids already resolved (no catalog). Raw rows go through the real
// RawTier::insertRow; rollups are merged per batch and bucket in memory exactly as SampleWriter does, then
// written one of these ways:

enum class RollupWrite {
    None,               // raw rows only: the floor
    SelectReplace,      // today: RollupTables::merge = SELECT + INSERT OR REPLACE per bucket
    SelectUpdateInsert, // SELECT, then UPDATE OR IGNORE (bucket exists) or plain INSERT (new bucket)
    InsertIgnoreUpdate, // INSERT OR IGNORE; only if the bucket existed, UPDATE OR IGNORE with the merge in SQL
};

struct BucketKey
{
    qint64 seriesId;
    qint64 bucket;
    friend bool operator==(const BucketKey &, const BucketKey &) = default;
    friend size_t qHash(const BucketKey &key, size_t seed = 0) { return qHashMulti(seed, key.seriesId, key.bucket); }
};

// One set of statements per rollup tier; literals, so their addresses can key Database's statement cache.
struct PrototypeSql
{
    const char *insert;
    const char *insertIgnore;
    const char *updateValues;
    const char *updateMerge;
};

constexpr PrototypeSql kPrototypeSql[3] = {
#define STACKSCOPE_BENCH_TIER_SQL(table)                                                                             \
    {"INSERT INTO " table "(series_id, bucket, min, max, sum, count, last, last_ts) "                               \
     "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8);",                                                                    \
     "INSERT OR IGNORE INTO " table "(series_id, bucket, min, max, sum, count, last, last_ts) "                     \
     "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8);",                                                                    \
     "UPDATE OR IGNORE " table " SET min = ?3, max = ?4, sum = ?5, count = ?6, last = ?7, last_ts = ?8 "            \
     "WHERE series_id = ?1 AND bucket = ?2;",                                                                       \
     "UPDATE OR IGNORE " table " SET min = min(min, ?3), max = max(max, ?4), sum = sum + ?5, count = count + ?6, "  \
     "last = CASE WHEN ?8 >= last_ts THEN ?7 ELSE last END, last_ts = max(last_ts, ?8) "                            \
     "WHERE series_id = ?1 AND bucket = ?2;"}
    STACKSCOPE_BENCH_TIER_SQL("rollup_1m"),
    STACKSCOPE_BENCH_TIER_SQL("rollup_1h"),
    STACKSCOPE_BENCH_TIER_SQL("rollup_1d"),
#undef STACKSCOPE_BENCH_TIER_SQL
};

Status bindAggregate(Statement &st, qint64 seriesId, qint64 bucket, const Aggregate &a)
{
    return st.bind(1, seriesId).bind(2, bucket).bind(3, a.min).bind(4, a.max).bind(5, a.sum).bind(6, a.count)
        .bind(7, a.last).bind(8, a.lastTs).run();
}

// A digest of every rollup row, to show that the prototypes leave exactly what RollupTables::merge leaves.
QString rollupDigest(Database &db)
{
    QList<Row> all; // reuses the row checksum: series = tier * 1e6 + series id, then each column
    for (const char *sql : {"SELECT series_id, bucket, min, max, sum, count, last, last_ts FROM rollup_1m ORDER BY 1, 2;",
                            "SELECT series_id, bucket, min, max, sum, count, last, last_ts FROM rollup_1h ORDER BY 1, 2;",
                            "SELECT series_id, bucket, min, max, sum, count, last, last_ts FROM rollup_1d ORDER BY 1, 2;"}) {
        Statement &st = db.prepare(sql);
        while (st.step()) {
            const int series = int(st.int64(0));
            const qint64 bucket = st.int64(1);
            for (int column = 2; column < 8; ++column)
                all.append(Row{series, bucket, column == 5 || column == 7 ? double(st.int64(column)) : st.real(column)});
        }
        if (!st.ok())
            die(QStringLiteral("reading rollups failed"));
        all.append(Row{-1, 0, 0.0});
    }
    return checksum(all);
}

Timing prototypeIngest(Context &ctx, const QList<Row> &rows, RollupWrite mode, QString *digest = nullptr)
{
    const QString dir = ctx.freshDir(QStringLiteral("prototype"));
    createStore(ctx, dir).reset(); // the schema, exactly as the store makes it
    Timing elapsed;
    {
        auto db = openDatabase(ctx, Workspace::databasePath(dir));
        // MetricStore::finishOpen's connection settings.
        need(db->exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; "
                      "PRAGMA temp_store = MEMORY;"),
             "pragmas");
        RawTier raw(*db);
        RollupTables rollups(*db);
        const Stopwatch watch;
        for (qsizetype first = 0; first < rows.size(); first += kBatchSize) {
            need(db->begin(), "begin");
            rollups.forget(); // the prototypes write behind RollupTables' back: let it learn the tables anew
            std::array<QHash<BucketKey, Aggregate>, 3> deltas;
            const qsizetype last = std::min(rows.size(), first + kBatchSize);
            for (qsizetype i = first; i < last; ++i) {
                const Row &row = rows[i];
                const qint64 id = row.series + 1;
                need(raw.insertRow(id, row.ts, row.value), "insertRow");
                if (mode == RollupWrite::None)
                    continue;
                for (std::size_t t = 0; t < 3; ++t)
                    deltas[t][{id, bucketStart(row.ts, bucketWidthMs(kRollupTiers[t]))}].add(row.ts, row.value);
            }
            for (std::size_t t = 0; t < 3; ++t) {
                const Tier tier = kRollupTiers[t];
                const PrototypeSql &sql = kPrototypeSql[t];
                for (auto it = deltas[t].cbegin(); it != deltas[t].cend(); ++it) {
                    const BucketKey &key = it.key();
                    switch (mode) {
                    case RollupWrite::None:
                        break;
                    case RollupWrite::SelectReplace:
                        need(rollups.merge(tier, key.seriesId, key.bucket, it.value()), "merge");
                        break;
                    case RollupWrite::SelectUpdateInsert: {
                        const std::optional<Aggregate> existing = need(rollups.load(tier, key.seriesId, key.bucket), "load");
                        if (existing) {
                            Aggregate merged = *existing;
                            merged.merge(it.value());
                            need(bindAggregate(db->prepare(sql.updateValues), key.seriesId, key.bucket, merged), "update");
                        } else {
                            need(bindAggregate(db->prepare(sql.insert), key.seriesId, key.bucket, it.value()), "insert");
                        }
                        break;
                    }
                    case RollupWrite::InsertIgnoreUpdate:
                        need(bindAggregate(db->prepare(sql.insertIgnore), key.seriesId, key.bucket, it.value()), "insert");
                        if (db->changes() == 0)
                            need(bindAggregate(db->prepare(sql.updateMerge), key.seriesId, key.bucket, it.value()), "update");
                        break;
                    }
                }
            }
            need(db->commit(), "commit");
        }
        elapsed = watch.elapsed();
        if (mode != RollupWrite::None) {
            // Every sample must have reached the rollups.
            const qint64 count = need(db->queryInt("SELECT sum(count) FROM rollup_1d;"), "rollup count");
            if (count != rows.size())
                die(QStringLiteral("prototype rollups hold %1 samples, expected %2").arg(count).arg(rows.size()));
            if (digest)
                *digest = rollupDigest(*db);
        }
    }
    QDir(dir).removeRecursively();
    return elapsed;
}

IngestFigures benchIngest(Context &ctx, QJsonObject &json)
{
    Dataset data;
    data.name = QStringLiteral("ingest");
    data.series = 100;
    data.endMs = kStartMs + (ctx.options.quick ? 1 : 12) * kHourMs;
    const QList<Row> rows = generate(data);
    const QString sum = checksum(rows);
    const QList<SampleBatch> batches = toBatches(data, rows);
    const FixedClock clock(data.endMs);
    const qint64 n = rows.size();

    IngestFigures f;
    f.samples = n;
    for (int round = 0; round < ctx.options.rounds; ++round) {
        const QString plainDir = ctx.freshDir(QStringLiteral("plain"));
        const QJsonObject plain = runHelper(ctx, QStringLiteral("ingest"),
                                            QDir(plainDir).filePath(QStringLiteral("plain.db")), data, sum);
        f.plain.add(n, Timing{plain.value(QStringLiteral("seconds")).toDouble(),
                              plain.value(QStringLiteral("cpuSeconds")).toDouble()});
        f.plainVersion = plain.value(QStringLiteral("sqliteVersion")).toString();
        QDir(plainDir).removeRecursively();

        f.cipherRows.add(n, cipherRowsOnly(ctx, rows));

        const QString dir = ctx.freshDir(QStringLiteral("full"));
        {
            auto store = createStore(ctx, dir);
            store->setClock(clock);
            f.full.add(n, ingestAll(*store, batches, n));
        }
        QDir(dir).removeRecursively();

        QString today, update, insertFirst;
        f.protoRaw.add(n, prototypeIngest(ctx, rows, RollupWrite::None));
        f.protoReplace.add(n, prototypeIngest(ctx, rows, RollupWrite::SelectReplace, &today));
        f.protoUpdate.add(n, prototypeIngest(ctx, rows, RollupWrite::SelectUpdateInsert, &update));
        f.protoInsertFirst.add(n, prototypeIngest(ctx, rows, RollupWrite::InsertIgnoreUpdate, &insertFirst));
        if (update != today || insertFirst != today)
            die(QStringLiteral("a prototype rollup writer left different rollups than RollupTables::merge"));
        std::fprintf(stderr, "  ingest round %d/%d done\n", round + 1, ctx.options.rounds);
    }

    std::printf("\n1. Ingest: %d series x %lld h of 15 s data = %lld samples in time order, batches of %d,\n"
                "   WAL + synchronous=FULL + 4096-byte pages everywhere; median of %d round(s). Rates by wall clock\n"
                "   (includes fsync) and by the writing thread's CPU time (steadier on a shared machine).\n",
                data.series, static_cast<long long>((data.endMs - data.startMs) / kHourMs), static_cast<long long>(n),
                kBatchSize, ctx.options.rounds);
    std::printf("   %-58s %10s %8s %10s %8s %8s\n", "writer", "samples/s", "vs plain", "smp/cpu-s", "vs plain",
                "vs cipher");
    auto row = [&](const char *name, const Rates &r) {
        std::printf("   %-58s %10.0f %7.2fx %10.0f %7.2fx %7.2fx\n", name, r.wallRate(),
                    r.wallRate() / f.plain.wallRate(), r.cpuRate(), r.cpuRate() / f.plain.cpuRate(),
                    r.cpuRate() / f.cipherRows.cpuRate());
    };
    row(qPrintable(QStringLiteral("plain SQLite %1, keyed rows (separate process)").arg(f.plainVersion)), f.plain);
    row("SQLCipher keyed rows only (Database class)", f.cipherRows);
    row("Stackscope MetricStore::ingest (raw + 3 rollup tiers)", f.full);
    const double ratio = f.full.wallRate() / f.plain.wallRate();
    const double cpuRatio = f.full.cpuRate() / f.plain.cpuRate();
    std::printf("   target: full ingest >= 0.70x plain (samples/s) -> %s (%.2fx; by CPU time %.2fx)\n",
                ratio >= 0.7 ? "MET" : "NOT MET", ratio, cpuRatio);
    std::printf("\n   Where the time goes: prototype writers on the store's schema and connection settings, ids\n"
                "   pre-resolved (no catalog), the real RawTier::insertRow, rollup deltas merged per batch as in\n"
                "   SampleWriter; they differ only in how a rollup bucket is written:\n");
    row("a. raw rows only (the floor)", f.protoRaw);
    row("b. a + rollups as today: SELECT + INSERT OR REPLACE", f.protoReplace);
    row("c. a + rollups: SELECT + UPDATE OR IGNORE / plain INSERT", f.protoUpdate);
    row("d. a + rollups: INSERT OR IGNORE, UPDATE (merge in SQL)", f.protoInsertFirst);
    std::printf("   (full vs b: catalog lookups and grouping; b vs a: rollups. INSERT OR REPLACE into a WITHOUT ROWID\n"
                "    table with NOT NULL columns runs in a statement journal, and SQLCipher encrypts every page it\n"
                "    copies there; c and d avoid it and leave rollup tables identical to b's, checked by digest.)\n");

    json.insert(QStringLiteral("ingest"),
                QJsonObject{{QStringLiteral("samples"), n},
                            {QStringLiteral("series"), data.series},
                            {QStringLiteral("batch"), kBatchSize},
                            {QStringLiteral("plain"), f.plain.toJson()},
                            {QStringLiteral("cipherRows"), f.cipherRows.toJson()},
                            {QStringLiteral("full"), f.full.toJson()},
                            {QStringLiteral("cipherRowsVsPlain"), f.cipherRows.wallRate() / f.plain.wallRate()},
                            {QStringLiteral("fullVsPlain"), ratio},
                            {QStringLiteral("fullVsPlainCpu"), cpuRatio},
                            {QStringLiteral("targetFullVsPlain"), 0.7},
                            {QStringLiteral("met"), ratio >= 0.7},
                            {QStringLiteral("prototypes"),
                             QJsonObject{{QStringLiteral("rawOnly"), f.protoRaw.toJson()},
                                         {QStringLiteral("selectReplace"), f.protoReplace.toJson()},
                                         {QStringLiteral("selectUpdateInsert"), f.protoUpdate.toJson()},
                                         {QStringLiteral("insertIgnoreUpdate"), f.protoInsertFirst.toJson()}}}});
    return f;
}

// ----- 2. bytes per sample ----------------------------------------------------------------------------------

void benchBytes(Context &ctx, QJsonObject &json)
{
    Dataset data;
    data.name = QStringLiteral("mix");
    data.series = ctx.options.quick ? 20 : 100;
    const int days = ctx.options.quick ? 1 : 3;
    data.endMs = kStartMs + days * kDayMs;
    const QList<Row> rows = generate(data);
    const QString sum = checksum(rows);
    const qint64 n = rows.size();

    // Plain SQLite: the samples as keyed rows.
    const QString plainDir = ctx.freshDir(QStringLiteral("bytes-plain"));
    const QJsonObject plain = runHelper(ctx, QStringLiteral("bytes"),
                                        QDir(plainDir).filePath(QStringLiteral("plain.db")), data, sum);
    QDir(plainDir).removeRecursively();
    auto bytesOf = [&](const char *key) {
        return plain.value(QLatin1String(key)).toObject().value(QStringLiteral("bytes")).toInteger();
    };
    const qint64 plainRows = bytesOf("withRows") - bytesOf("withoutRows");
    const qint64 plainAsInserted = bytesOf("asInserted") - bytesOf("withoutRows");

    // Stackscope: ingest, measure with raw rows, maintain() (compaction), measure with chunks, drop raw, measure.
    const QString dir = ctx.freshDir(QStringLiteral("bytes-store"));
    const QString dbPath = Workspace::databasePath(dir);
    const FixedClock clock(data.endMs + 2 * kHourMs); // every block closed (grace: 1 h); nothing expires
    {
        auto store = createStore(ctx, dir);
        store->setClock(clock);
        (void)ingestAll(*store, toBatches(data, rows), n);
    }
    FileSize rowsAsInserted, withRows, withChunks, withoutRaw;
    qint64 freelistAfterMaintain = 0;
    {
        auto db = openDatabase(ctx, dbPath);
        rowsAsInserted = fileSize(*db);
        need(db->exec("VACUUM;"), "vacuum");
        withRows = fileSize(*db);
    }
    StoreStats stats;
    MaintenanceReport report;
    double maintainSeconds = 0;
    {
        auto store = need(Workspace::open(dir, ctx.key), "opening the workspace");
        store->setClock(clock);
        QElapsedTimer timer;
        timer.start();
        report = need(store->maintain(), "maintain");
        maintainSeconds = seconds(timer);
        stats = need(store->stats(), "stats");
        need(store->verify(), "verify");
    }
    {
        auto db = openDatabase(ctx, dbPath);
        freelistAfterMaintain = fileSize(*db).freelistPages;
        need(db->exec("VACUUM;"), "vacuum");
        withChunks = fileSize(*db);
        need(db->exec("DELETE FROM samples_raw; DELETE FROM raw_chunks; VACUUM;"), "dropping the raw tier");
        withoutRaw = fileSize(*db);
    }
    QDir(dir).removeRecursively();

    const double plainPer = double(plainRows) / double(n);
    const double rowsPer = double(withRows.bytes - withoutRaw.bytes) / double(n);
    const double chunksPer = double(withChunks.bytes - withoutRaw.bytes) / double(n);
    int gauges = 0, counters = 0, constants = 0, saas = 0;
    for (const SeriesSpec &spec : specsFor(data)) {
        gauges += spec.kind == Kind::Gauge;
        counters += spec.kind == Kind::Counter;
        constants += spec.kind == Kind::Constant;
        saas += spec.kind == Kind::Saas;
    }
    std::printf("\n2. Raw tier bytes per sample: %d one-decimal gauges, %d counters, %d constants at 15 s and %d sparse\n"
                "   SaaS daily values, %d day(s) = %lld samples. Real file sizes: page_count x page_size after VACUUM\n"
                "   and wal_checkpoint(TRUNCATE), minus the same file with the raw tier deleted.\n",
                gauges, counters, constants, saas, days, static_cast<long long>(n));
    std::printf("   %-52s %12s %9s %9s\n", "layout", "raw bytes", "B/sample", "vs plain");
    std::printf("   %-52s %12lld %9.2f %8.2fx\n", "plain SQLite keyed rows (vacuumed)", static_cast<long long>(plainRows),
                plainPer, 1.0);
    std::printf("   %-52s %12lld %9.2f\n", "plain SQLite keyed rows (as inserted, not vacuumed)",
                static_cast<long long>(plainAsInserted), double(plainAsInserted) / double(n));
    std::printf("   %-52s %12lld %9.2f %8.2fx\n", "Stackscope raw rows, before maintain() (SQLCipher)",
                static_cast<long long>(withRows.bytes - withoutRaw.bytes), rowsPer, rowsPer / plainPer);
    std::printf("   %-52s %12lld %9.2f %8.2fx\n", "Stackscope raw chunks, after maintain()",
                static_cast<long long>(withChunks.bytes - withoutRaw.bytes), chunksPer, chunksPer / plainPer);
    std::printf("   %-52s %12lld %9.2f\n", "  StoreStats::rawBytesPerSample() (estimate)",
                static_cast<long long>(stats.rawBytes), stats.rawBytesPerSample());
    std::printf("   %-52s %12lld %9.2f\n", "  chunk payload only (sum of blob lengths)",
                static_cast<long long>(stats.rawChunkBytes), double(stats.rawChunkBytes) / double(n));
    std::printf("   maintain(): %lld chunks from %lld rows in %.2f s; %lld free pages before VACUUM\n",
                static_cast<long long>(report.chunksWritten), static_cast<long long>(report.rowsCompacted),
                maintainSeconds, static_cast<long long>(freelistAfterMaintain));
    std::printf("   target: <= 3 bytes/sample after maintain() -> %s (%.2f)\n", chunksPer <= 3.0 ? "MET" : "NOT MET",
                chunksPer);

    json.insert(QStringLiteral("bytes"),
                QJsonObject{{QStringLiteral("samples"), n},
                            {QStringLiteral("days"), days},
                            {QStringLiteral("series"), QJsonObject{{QStringLiteral("gauge1dp"), gauges},
                                                                   {QStringLiteral("counter"), counters},
                                                                   {QStringLiteral("constant"), constants},
                                                                   {QStringLiteral("saasDaily"), saas}}},
                            {QStringLiteral("plainRowBytesPerSample"), plainPer},
                            {QStringLiteral("plainRowBytesPerSampleAsInserted"), double(plainAsInserted) / double(n)},
                            {QStringLiteral("rawRowsBytesPerSample"), rowsPer},
                            {QStringLiteral("rawChunksBytesPerSample"), chunksPer},
                            {QStringLiteral("estimateBytesPerSample"), stats.rawBytesPerSample()},
                            {QStringLiteral("chunkPayloadBytesPerSample"), double(stats.rawChunkBytes) / double(n)},
                            {QStringLiteral("chunks"), report.chunksWritten},
                            {QStringLiteral("maintainSeconds"), maintainSeconds},
                            {QStringLiteral("targetBytesPerSample"), 3.0},
                            {QStringLiteral("met"), chunksPer <= 3.0}});
}

// ----- 3. query ---------------------------------------------------------------------------------------------

struct QueryTiming
{
    double medianMs = 0;
    Tier tier = Tier::Raw;
    qsizetype points = 0;
    int runs = 0;
};

QueryTiming timeQuery(MetricStore &store, const QueryRequest &request, int runs)
{
    QueryTiming t;
    t.runs = runs;
    QList<double> ms;
    for (int i = 0; i <= runs; ++i) { // the first run warms the caches and is not counted
        QElapsedTimer timer;
        timer.start();
        const QueryResult result = need(store.query(request), "query");
        const double elapsed = double(timer.nsecsElapsed()) / 1e6;
        if (result.series.size() != 1)
            die(QStringLiteral("the query matched %1 series, expected 1").arg(result.series.size()));
        t.tier = result.tier;
        t.points = result.series.first().points.size();
        if (i > 0)
            ms.append(elapsed);
    }
    t.medianMs = median(ms);
    return t;
}

void benchQuery(Context &ctx, QJsonObject &json)
{
    Dataset data;
    data.name = QStringLiteral("query");
    data.series = ctx.options.quick ? 1 : 2;
    const int days = ctx.options.quick ? 14 : 365;
    data.endMs = kStartMs + days * kDayMs;
    const QList<Row> rows = generate(data);
    const QList<SeriesName> names = seriesNames(data);
    const FixedClock clock(data.endMs + 2 * kHourMs);

    const QString dir = ctx.freshDir(QStringLiteral("query"));
    auto store = createStore(ctx, dir);
    store->setClock(clock);
    RetentionPolicy keepRaw; // defaults, but raw kept so that the raw baseline exists for the whole range
    keepRaw.rawDays = std::nullopt;
    need(store->setRetention({}, keepRaw), "setRetention");
    const double ingestSeconds = ingestAll(*store, toBatches(data, rows), rows.size()).wall;

    QueryRequest request;
    request.metric = names.first().metric;
    request.labelFilter = names.first().labels;
    request.fromMs = data.startMs;
    request.toMs = data.endMs;
    request.points = 1000;
    request.aggregation = Aggregation::Avg;
    QueryRequest raw = request;
    raw.forceTier = Tier::Raw;

    const int rollupRuns = ctx.options.quick ? 5 : 31;
    const int rawRuns = ctx.options.quick ? 3 : 7;
    const QueryTiming rollupRows = timeQuery(*store, request, rollupRuns);
    const QueryTiming rawRows = timeQuery(*store, raw, rawRuns);
    QElapsedTimer timer;
    timer.start();
    const MaintenanceReport report = need(store->maintain(), "maintain");
    const double maintainSeconds = seconds(timer);
    const QueryTiming rollup = timeQuery(*store, request, rollupRuns);
    const QueryTiming rawChunks = timeQuery(*store, raw, rawRuns);
    store.reset();
    QDir(dir).removeRecursively();

    const qint64 perSeries = rows.size() / data.series;
    std::printf("\n3. Query: %d series x %d days of 1-minute data (%lld samples/series, ingested at %.0f samples/s);\n"
                "   one series over the whole range at %d points, avg; median of N runs after one warm-up run.\n",
                data.series, days, static_cast<long long>(perSeries), double(rows.size()) / ingestSeconds,
                *request.points);
    std::printf("   %-46s %5s %7s %11s %5s %9s\n", "read path", "tier", "points", "median ms", "runs", "vs raw");
    auto line = [](const char *name, const QueryTiming &t, double baselineMs) {
        std::printf("   %-46s %5s %7lld %11.3f %5d %8.1fx\n", name, qPrintable(tierName(t.tier)),
                    static_cast<long long>(t.points), t.medianMs, t.runs, baselineMs / t.medianMs);
    };
    line("before maintain(): raw tier forced (rows)", rawRows, rawRows.medianMs);
    line("before maintain(): tier chosen by the engine", rollupRows, rawRows.medianMs);
    line("after maintain(): raw tier forced (chunks)", rawChunks, rawChunks.medianMs);
    line("after maintain(): tier chosen by the engine", rollup, rawChunks.medianMs);
    const double speedup = rawChunks.medianMs / rollup.medianMs;
    const double speedupRows = rawRows.medianMs / rollupRows.medianMs;
    std::printf("   maintain(): %lld chunks in %.2f s.\n", static_cast<long long>(report.chunksWritten), maintainSeconds);
    std::printf("   target: >= 50x faster than the same range read raw\n"
                "     vs raw rows, never compacted (rollup and raw both before maintain()): %.1fx -> %s\n"
                "     vs raw chunks, compacted as the store keeps them (both after maintain()): %.1fx -> %s\n",
                speedupRows, speedupRows >= 50.0 ? "MET" : "NOT MET", speedup, speedup >= 50.0 ? "MET" : "NOT MET");

    auto toJson = [](const QueryTiming &t) {
        return QJsonObject{{QStringLiteral("tier"), tierName(t.tier)}, {QStringLiteral("points"), qint64(t.points)},
                           {QStringLiteral("medianMs"), t.medianMs}, {QStringLiteral("runs"), t.runs}};
    };
    json.insert(QStringLiteral("query"),
                QJsonObject{{QStringLiteral("series"), data.series},
                            {QStringLiteral("days"), days},
                            {QStringLiteral("samplesPerSeries"), perSeries},
                            {QStringLiteral("ingestSamplesPerSec"), std::round(double(rows.size()) / ingestSeconds)},
                            {QStringLiteral("rollup"), toJson(rollup)},
                            {QStringLiteral("rollupBeforeMaintain"), toJson(rollupRows)},
                            {QStringLiteral("rawChunks"), toJson(rawChunks)},
                            {QStringLiteral("rawRows"), toJson(rawRows)},
                            {QStringLiteral("speedupVsRawChunks"), speedup},
                            {QStringLiteral("speedupVsRawRows"), speedupRows},
                            {QStringLiteral("targetSpeedup"), 50.0},
                            {QStringLiteral("metVsRawRows"), speedupRows >= 50.0},
                            {QStringLiteral("metVsRawChunks"), speedup >= 50.0}});
}

Options parseOptions(const QStringList &args)
{
    Options options;
    options.quick = args.contains(QStringLiteral("--quick"));
    options.rounds = argumentValue(args, QStringLiteral("--rounds"), options.quick ? QStringLiteral("1") : QStringLiteral("3")).toInt();
    options.rounds = std::max(1, options.rounds);
    options.dir = argumentValue(args, QStringLiteral("--dir"));
    options.only = argumentValue(args, QStringLiteral("--only"));
    options.helper = argumentValue(args, QStringLiteral("--plain-helper"),
                                   QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("bench_plain_sqlite")));
    if (args.contains(QStringLiteral("--help")) || args.contains(QStringLiteral("-h"))) {
        std::printf("usage: bench_store [--quick] [--rounds N] [--only ingest|bytes|query] [--dir DIR]\n"
                    "                   [--plain-helper PATH]\n");
        std::exit(0);
    }
    return options;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (qEnvironmentVariableIsEmpty("QT_LOGGING_RULES"))
        QLoggingCategory::setFilterRules(QStringLiteral("stackscope.*.info=false\nstackscope.*.debug=false"));
    Context ctx;
    ctx.options = parseOptions(app.arguments());
    if (!QFileInfo(ctx.options.helper).isExecutable())
        die(QStringLiteral("the plain-SQLite helper %1 is missing; build the bench_plain_sqlite target")
                .arg(ctx.options.helper));
    if (!secrets::initSodium())
        die(QStringLiteral("libsodium failed to initialise"));
    ctx.key = secrets::SecureBytes::random(32);
    QTemporaryDir temp(ctx.options.dir.isEmpty() ? QDir::tempPath() + QStringLiteral("/bench_store-XXXXXX")
                                                 : QDir(ctx.options.dir).filePath(QStringLiteral("bench_store-XXXXXX")));
    if (!temp.isValid())
        die(QStringLiteral("cannot create a temporary directory: %1").arg(temp.errorString()));
    ctx.root = temp.path();

    const Versions versions = cipherVersions(ctx);
    const QString cpu = cpuModel();
    const int cores = QThread::idealThreadCount();
    std::printf("Stackscope metric store benchmark (%s). Machine: %d x %s; Qt %s; SQLCipher %s (SQLite %s).\n"
                "Databases in %s. Ratios against baselines measured in this run matter, not absolute numbers.\n",
                ctx.options.quick ? "--quick smoke sizes" : "full sizes", cores, qPrintable(cpu), qVersion(),
                qPrintable(versions.cipher), qPrintable(versions.cipherSqlite), qPrintable(ctx.root));
    std::fflush(stdout);

    QJsonObject json{{QStringLiteral("benchmark"), QStringLiteral("store")},
                     {QStringLiteral("quick"), ctx.options.quick},
                     {QStringLiteral("machine"), QJsonObject{{QStringLiteral("nproc"), cores},
                                                             {QStringLiteral("cpu"), cpu},
                                                             {QStringLiteral("qt"), QString::fromLatin1(qVersion())},
                                                             {QStringLiteral("sqlcipher"), versions.cipher},
                                                             {QStringLiteral("sqlcipherSqlite"), versions.cipherSqlite}}}};
    auto wanted = [&ctx](const char *section) {
        return ctx.options.only.isEmpty() || ctx.options.only == QLatin1String(section);
    };
    if (wanted("ingest")) {
        const IngestFigures ingest = benchIngest(ctx, json);
        QJsonObject machine = json.value(QStringLiteral("machine")).toObject();
        machine.insert(QStringLiteral("plainSqlite"), ingest.plainVersion);
        json.insert(QStringLiteral("machine"), machine);
        std::fflush(stdout);
    }
    if (wanted("bytes")) {
        benchBytes(ctx, json);
        std::fflush(stdout);
    }
    if (wanted("query"))
        benchQuery(ctx, json);

    std::printf("\n%s\n", QJsonDocument(json).toJson(QJsonDocument::Compact).constData());
    return 0;
}

#endif
