// Metric store benchmark: ingest rate (and the compaction work that ingest leaves for later), raw-tier bytes
// per sample and query speed (1 year on the hour tier; 24 hours on the minute tier, open and compacted day),
// each as a ratio against a baseline measured in the same run (see docs/PERFORMANCE.md).
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
            spec.stepMs = 15'000; // a year of 15-second data: the product's own sizing example
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
#include "storage/rolluptables.h"
#include "storage/tier.h"
#include "storage/workspace.h"
#include "util/clock.h"

#include <sqlcipher/sqlite3.h> // sqlite3_db_status only, on a Database handle: page cache counters

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QProcess>
#include <QThread>
#include <QTemporaryDir>

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
    Rates compaction;          // MetricStore::maintain() after the full ingest, per sample compacted
    Rates fullWithCompaction;  // samples / (ingest time + compaction time)
    QString plainVersion;
    qint64 chunks = 0, minuteRows = 0;
};

Timing cipherRowsOnly(Context &ctx, const QList<Row> &rows)
{
    const QString path = QDir(ctx.freshDir(QStringLiteral("cipher-rows"))).filePath(QStringLiteral("rows.db"));
    auto db = need(Database::open(path, ctx.key, CipherParams{}, Database::Mode::CreateNew), "opening a database");
    need(db->exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"), "pragmas");
    need(db->exec("CREATE TABLE samples(series_id INTEGER, ts INTEGER, value REAL, PRIMARY KEY(series_id, ts)) "
                  "WITHOUT ROWID;"),
         "create table");
    // Reopened, as the store opens an existing file.
    db.reset();
    db = openDatabase(ctx, path);
    need(db->exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"), "pragmas");
    const Stopwatch watch;
    for (qsizetype first = 0; first < rows.size(); first += kBatchSize) {
        need(db->begin(), "begin");
        const qsizetype last = std::min(rows.size(), first + kBatchSize);
        for (qsizetype i = first; i < last; ++i) {
            // Exactly how RawTier::insertRow writes a (late) row.
            Statement &insert = db->prepare("INSERT INTO samples(series_id, ts, value) VALUES (?1, ?2, ?3);");
            need(insert.bind(1, qint64(rows[i].series + 1)).bind(2, rows[i].ts).bind(3, rows[i].value).run(), "insert");
        }
        need(db->commit(), "commit");
    }
    return watch.elapsed();
}

// The first instant at which every block holding data before endMs is closed for compaction
// (Maintenance::kCompactionGraceMs is one hour), plus an hour of margin.
qint64 pastAllBlocks(qint64 endMs)
{
    return bucketStart(endMs - 1, kDayMs) + kDayMs + 2 * kHourMs;
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
    const FixedClock clock(data.endMs);                 // the day is open while it is ingested
    const FixedClock later(pastAllBlocks(data.endMs));  // then closed: maintain() compacts it
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
            const Timing ingest = ingestAll(*store, batches, n);
            f.full.add(n, ingest);

            // The work ingest no longer does: encoding the day's chunk and writing its minute rows.
            store->setClock(later);
            const Stopwatch watch;
            const MaintenanceReport report = need(store->maintain(), "maintain");
            const Timing compaction = watch.elapsed();
            if (report.rowsCompacted != n)
                die(QStringLiteral("maintain() compacted %1 samples, expected %2").arg(report.rowsCompacted).arg(n));
            const StoreStats stats = need(store->stats(), "stats");
            if (stats.rawRows != 0 || stats.rawChunkSamples != n || stats.minuteRows == 0)
                die(QStringLiteral("after maintain(): %1 uncompacted samples, %2 in chunks, %3 minute rows")
                        .arg(stats.rawRows).arg(stats.rawChunkSamples).arg(stats.minuteRows));
            f.compaction.add(n, compaction);
            f.fullWithCompaction.add(n, Timing{ingest.wall + compaction.wall, ingest.cpu + compaction.cpu});
            f.chunks = report.chunksWritten;
            f.minuteRows = stats.minuteRows;
        }
        QDir(dir).removeRecursively();
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
    row("Stackscope MetricStore::ingest (segments + 1h/1d rollups)", f.full);
    row("  compaction alone: maintain(), clock past the data", f.compaction);
    row("Stackscope ingest + compaction (both times added)", f.fullWithCompaction);
    std::printf("   (compaction: %lld chunks and %lld minute rows written, every sample moved out of segments)\n",
                static_cast<long long>(f.chunks), static_cast<long long>(f.minuteRows));
    const double ratio = f.full.wallRate() / f.plain.wallRate();
    const double cpuRatio = f.full.cpuRate() / f.plain.cpuRate();
    const double combined = f.fullWithCompaction.wallRate() / f.plain.wallRate();
    const double combinedCpu = f.fullWithCompaction.cpuRate() / f.plain.cpuRate();
    std::printf("   target: full ingest >= 0.70x plain (samples/s) -> %s (%.2fx; by CPU time %.2fx)\n"
                "   same target applied to ingest + compaction         -> %s (%.2fx; by CPU time %.2fx)\n",
                ratio >= 0.7 ? "MET" : "NOT MET", ratio, cpuRatio, combined >= 0.7 ? "MET" : "NOT MET", combined,
                combinedCpu);

    json.insert(QStringLiteral("ingest"),
                QJsonObject{{QStringLiteral("samples"), n},
                            {QStringLiteral("series"), data.series},
                            {QStringLiteral("batch"), kBatchSize},
                            {QStringLiteral("plain"), f.plain.toJson()},
                            {QStringLiteral("cipherRows"), f.cipherRows.toJson()},
                            {QStringLiteral("full"), f.full.toJson()},
                            {QStringLiteral("compaction"), f.compaction.toJson()},
                            {QStringLiteral("fullWithCompaction"), f.fullWithCompaction.toJson()},
                            {QStringLiteral("compactionChunks"), f.chunks},
                            {QStringLiteral("compactionMinuteRows"), f.minuteRows},
                            {QStringLiteral("cipherRowsVsPlain"), f.cipherRows.wallRate() / f.plain.wallRate()},
                            {QStringLiteral("fullVsPlain"), ratio},
                            {QStringLiteral("fullVsPlainCpu"), cpuRatio},
                            {QStringLiteral("fullWithCompactionVsPlain"), combined},
                            {QStringLiteral("fullWithCompactionVsPlainCpu"), combinedCpu},
                            {QStringLiteral("targetFullVsPlain"), 0.7},
                            {QStringLiteral("met"), ratio >= 0.7},
                            {QStringLiteral("metWithCompaction"), combined >= 0.7}});
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

    // Stackscope: ingest; measure with raw segments; maintain() (compaction); measure with chunks. Each raw
    // figure is the vacuumed file minus a vacuumed copy of the same state with the raw tier deleted:
    // compaction also writes the minute rows, so the two states need their own baselines.
    const QString dir = ctx.freshDir(QStringLiteral("bytes-store"));
    const QString dbPath = Workspace::databasePath(dir);
    const QString copyPath = QDir(ctx.freshDir(QStringLiteral("bytes-copy"))).filePath(QStringLiteral("copy.db"));
    const FixedClock clock(pastAllBlocks(data.endMs)); // every block closed; nothing expires
    {
        auto store = createStore(ctx, dir);
        store->setClock(clock);
        (void)ingestAll(*store, toBatches(data, rows), n);
    }
    auto withoutRawTier = [&ctx, &copyPath](const QString &path) {
        QFile::remove(copyPath);
        if (!QFile::copy(path, copyPath))
            die(QStringLiteral("cannot copy %1").arg(path));
        auto db = openDatabase(ctx, copyPath);
        need(db->exec("DELETE FROM samples_raw; DELETE FROM raw_segments; DELETE FROM raw_chunks; VACUUM;"),
             "dropping the raw tier");
        const FileSize size = fileSize(*db);
        db.reset();
        QFile::remove(copyPath);
        return size;
    };
    FileSize withSegments, withoutRawBefore, withChunks, withoutRawAfter;
    {
        auto db = openDatabase(ctx, dbPath);
        need(db->exec("VACUUM;"), "vacuum");
        withSegments = fileSize(*db); // checkpointed: the main file holds everything
    }
    withoutRawBefore = withoutRawTier(dbPath);
    StoreStats statsBefore, stats;
    MaintenanceReport report;
    double maintainSeconds = 0;
    qint64 freelistAfterMaintain = 0;
    {
        auto store = need(Workspace::open(dir, ctx.key), "opening the workspace");
        store->setClock(clock);
        statsBefore = need(store->stats(), "stats");
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
    }
    withoutRawAfter = withoutRawTier(dbPath);
    QDir(dir).removeRecursively();

    const double plainPer = double(plainRows) / double(n);
    const qint64 segmentBytes = withSegments.bytes - withoutRawBefore.bytes;
    const qint64 chunkBytes = withChunks.bytes - withoutRawAfter.bytes;
    const double segmentsPer = double(segmentBytes) / double(n);
    const double chunksPer = double(chunkBytes) / double(n);
    int gauges = 0, counters = 0, constants = 0, saas = 0;
    for (const SeriesSpec &spec : specsFor(data)) {
        gauges += spec.kind == Kind::Gauge;
        counters += spec.kind == Kind::Counter;
        constants += spec.kind == Kind::Constant;
        saas += spec.kind == Kind::Saas;
    }
    std::printf("\n2. Raw tier bytes per sample: %d one-decimal gauges, %d counters, %d constants at 15 s and %d sparse\n"
                "   SaaS daily values, %d day(s) = %lld samples, ingested in batches of %d. Real file sizes:\n"
                "   page_count x page_size after VACUUM and wal_checkpoint(TRUNCATE), minus a copy of the same state\n"
                "   with the raw tier deleted and vacuumed.\n",
                gauges, counters, constants, saas, days, static_cast<long long>(n), kBatchSize);
    std::printf("   %-52s %12s %9s %9s\n", "layout", "raw bytes", "B/sample", "vs plain");
    std::printf("   %-52s %12lld %9.2f %8.2fx\n", "plain SQLite keyed rows (vacuumed)", static_cast<long long>(plainRows),
                plainPer, 1.0);
    std::printf("   %-52s %12lld %9.2f\n", "plain SQLite keyed rows (as inserted, not vacuumed)",
                static_cast<long long>(plainAsInserted), double(plainAsInserted) / double(n));
    std::printf("   %-52s %12lld %9.2f %8.2fx\n", "Stackscope raw segments, before maintain()",
                static_cast<long long>(segmentBytes), segmentsPer, segmentsPer / plainPer);
    std::printf("   %-52s %12lld %9.2f\n", "  segment payload only (sum of blob lengths)",
                static_cast<long long>(statsBefore.rawSegmentBytes), double(statsBefore.rawSegmentBytes) / double(n));
    std::printf("   %-52s %12lld %9.2f %8.2fx\n", "Stackscope raw chunks, after maintain()",
                static_cast<long long>(chunkBytes), chunksPer, chunksPer / plainPer);
    std::printf("   %-52s %12lld %9.2f\n", "  StoreStats::rawBytesPerSample() (estimate)",
                static_cast<long long>(stats.rawBytes), stats.rawBytesPerSample());
    std::printf("   %-52s %12lld %9.2f\n", "  chunk payload only (sum of blob lengths)",
                static_cast<long long>(stats.rawChunkBytes), double(stats.rawChunkBytes) / double(n));
    std::printf("   before maintain(): %lld segments; maintain(): %lld chunks from %lld samples in %.2f s, %lld minute\n"
                "   rows; %lld free pages before VACUUM\n",
                static_cast<long long>(statsBefore.rawSegments), static_cast<long long>(report.chunksWritten),
                static_cast<long long>(report.rowsCompacted), maintainSeconds, static_cast<long long>(stats.minuteRows),
                static_cast<long long>(freelistAfterMaintain));
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
                            {QStringLiteral("rawSegmentsBytesPerSample"), segmentsPer},
                            {QStringLiteral("segmentPayloadBytesPerSample"),
                             double(statsBefore.rawSegmentBytes) / double(n)},
                            {QStringLiteral("segments"), statsBefore.rawSegments},
                            {QStringLiteral("rawChunksBytesPerSample"), chunksPer},
                            {QStringLiteral("estimateBytesPerSample"), stats.rawBytesPerSample()},
                            {QStringLiteral("chunkPayloadBytesPerSample"), double(stats.rawChunkBytes) / double(n)},
                            {QStringLiteral("chunks"), report.chunksWritten},
                            {QStringLiteral("minuteRows"), stats.minuteRows},
                            {QStringLiteral("maintainSeconds"), maintainSeconds},
                            {QStringLiteral("targetBytesPerSample"), 3.0},
                            {QStringLiteral("met"), chunksPer <= 3.0}});
}

// ----- 3. query ---------------------------------------------------------------------------------------------

// Wall time and the calling thread's CPU time, each the median of the runs. On a busy machine the CPU figure is
// the one to compare: a short query often runs without being preempted, a long one never does, so wall-clock
// ratios between a short and a long query come out too high.
struct QueryTiming
{
    double medianMs = 0;
    double cpuMs = 0;
    Tier tier = Tier::Raw;
    qsizetype points = 0;
    int runs = 0;
};

QueryTiming timeQuery(MetricStore &store, const QueryRequest &request, int runs)
{
    QueryTiming t;
    t.runs = runs;
    QList<double> ms, cpu;
    for (int i = 0; i <= runs; ++i) { // the first run warms the caches and is not counted
        const Stopwatch watch;
        const QueryResult result = need(store.query(request), "query");
        const Timing elapsed = watch.elapsed();
        if (result.series.size() != 1)
            die(QStringLiteral("the query matched %1 series, expected 1").arg(result.series.size()));
        t.tier = result.tier;
        t.points = result.series.first().points.size();
        if (i > 0) {
            ms.append(elapsed.wall * 1e3);
            cpu.append(elapsed.cpu * 1e3);
        }
    }
    t.medianMs = median(ms);
    t.cpuMs = median(cpu);
    return t;
}

QJsonObject toJson(const QueryTiming &t)
{
    return QJsonObject{{QStringLiteral("tier"), tierName(t.tier)}, {QStringLiteral("points"), qint64(t.points)},
                       {QStringLiteral("medianMs"), t.medianMs}, {QStringLiteral("medianCpuMs"), t.cpuMs},
                       {QStringLiteral("runs"), t.runs}};
}

void printQueryHeader()
{
    std::printf("   %-58s %4s %6s %9s %8s %4s %7s %7s\n", "read path", "tier", "points", "wall ms", "CPU ms", "runs",
                "vs raw", "(CPU)");
}

void printQuery(const char *name, const QueryTiming &t, const QueryTiming &baseline)
{
    std::printf("   %-58s %4s %6lld %9.3f %8.3f %4d %6.1fx %6.1fx\n", name, qPrintable(tierName(t.tier)),
                static_cast<long long>(t.points), t.medianMs, t.cpuMs, t.runs, baseline.medianMs / t.medianMs,
                baseline.cpuMs / t.cpuMs);
}

QueryRequest requestFor(const SeriesName &name, qint64 fromMs, qint64 toMs)
{
    QueryRequest request;
    request.metric = name.metric;
    request.labelFilter = name.labels;
    request.fromMs = fromMs;
    request.toMs = toMs;
    request.points = 1000;
    request.aggregation = Aggregation::Avg;
    return request;
}

QueryRequest forcedRaw(QueryRequest request)
{
    request.forceTier = Tier::Raw;
    return request;
}

void expectTier(const QueryTiming &t, Tier tier, const char *what)
{
    if (t.tier != tier)
        die(QStringLiteral("%1 was served by tier %2, expected %3")
                .arg(QLatin1String(what), tierName(t.tier), tierName(tier)));
}

// Where the 1-year query's time goes: the hour-tier SQL that RollupTables::read runs, on a connection of its
// own to the same file (same page cache size as the store), with SQLite's page cache counters per run. Times
// are the thread's CPU time.
struct SqlProbe
{
    double coldCpuMs = 0;      // first run on a fresh connection: every page read from the OS and decrypted
    qint64 coldMisses = 0, coldHits = 0;
    double warmCpuMs = 0;      // median of the following runs
    qint64 warmMisses = 0, warmHits = 0; // of the last run
    double stepOnlyCpuMs = 0;  // the same SELECT, stepping the rows without fetching a column
    double narrowCpuMs = 0;    // SELECT bucket, sum, count (all that an avg needs)
    qint64 rows = 0;
    qint64 tablePages = 0;     // pages of rollup_1h (all series)
};

SqlProbe probeHourSql(Context &ctx, const QString &dbPath, qint64 seriesId, qint64 fromMs, qint64 toMs, int runs)
{
    SqlProbe probe;
    auto db = openDatabase(ctx, dbPath);
    need(db->exec("PRAGMA cache_size = -32768;"), "cache_size"); // as MetricStore::finishOpen sets it
    auto counters = [&db](qint64 &hits, qint64 &misses) {
        int current = 0, high = 0;
        sqlite3_db_status(db->handle(), SQLITE_DBSTATUS_CACHE_HIT, &current, &high, 1);
        hits = current;
        sqlite3_db_status(db->handle(), SQLITE_DBSTATUS_CACHE_MISS, &current, &high, 1);
        misses = current;
    };
    qint64 ignored = 0;
    counters(ignored, ignored); // reset: opening read the schema
    enum class Read { Full, StepOnly, Narrow };
    double sink = 0;
    auto run = [&](Read mode) {
        const char *sql = mode == Read::Narrow
            ? "SELECT bucket, sum, count FROM rollup_1h WHERE series_id = ?1 AND bucket >= ?2 AND bucket < ?3 "
              "ORDER BY bucket;"
            : "SELECT bucket, min, max, sum, count, last, last_ts FROM rollup_1h WHERE series_id = ?1 "
              "AND bucket >= ?2 AND bucket < ?3 ORDER BY bucket;";
        const Stopwatch watch;
        Statement &query = db->prepare(sql);
        query.bind(1, seriesId).bind(2, fromMs).bind(3, toMs);
        QList<Bucket> buckets;
        qint64 rows = 0;
        while (query.step()) {
            ++rows;
            if (mode == Read::Full) { // exactly what RollupTables::read does with a row
                Aggregate a;
                a.min = query.real(1);
                a.max = query.real(2);
                a.sum = query.real(3);
                a.count = query.int64(4);
                a.last = query.real(5);
                a.lastTs = query.int64(6);
                buckets.append({query.int64(0), a});
            } else if (mode == Read::Narrow) {
                sink += query.real(1) / double(query.int64(2)) + double(query.int64(0) & 1);
            }
        }
        if (!query.ok())
            die(QStringLiteral("reading rollup_1h failed"));
        const double ms = watch.elapsed().cpu * 1e3;
        probe.rows = rows;
        return ms;
    };
    probe.coldCpuMs = run(Read::Full);
    counters(probe.coldHits, probe.coldMisses);
    QList<double> warm, stepOnly, narrow;
    for (int i = 0; i < runs; ++i) {
        warm.append(run(Read::Full));
        counters(probe.warmHits, probe.warmMisses);
        stepOnly.append(run(Read::StepOnly));
        narrow.append(run(Read::Narrow));
    }
    if (sink < 0) // keeps the narrow reads from being optimised away
        std::printf(" ");
    probe.warmCpuMs = median(warm);
    probe.stepOnlyCpuMs = median(stepOnly);
    probe.narrowCpuMs = median(narrow);
    // Pages of the table: its b-tree, counted by a full scan on a connection whose cache starts empty.
    auto fresh = openDatabase(ctx, dbPath);
    int before = 0, after = 0, high = 0;
    sqlite3_db_status(fresh->handle(), SQLITE_DBSTATUS_CACHE_MISS, &before, &high, 0);
    (void)need(fresh->queryInt("SELECT count(*) FROM rollup_1h;"), "count");
    sqlite3_db_status(fresh->handle(), SQLITE_DBSTATUS_CACHE_MISS, &after, &high, 0);
    probe.tablePages = after - before;
    return probe;
}

void benchQuery(Context &ctx, QJsonObject &json)
{
    // ----- 3a. one year at 1,000 points ----------------------------------------------------------------
    Dataset data;
    data.name = QStringLiteral("query");
    data.series = ctx.options.quick ? 1 : 2;
    const int days = ctx.options.quick ? 60 : 365; // 60 days at 1,000 points still picks the hour tier
    data.endMs = kStartMs + days * kDayMs;
    const QList<Row> rows = generate(data);
    const QList<SeriesName> names = seriesNames(data);
    const FixedClock clock(pastAllBlocks(data.endMs)); // maintain() compacts every block

    const QString dir = ctx.freshDir(QStringLiteral("query"));
    auto store = createStore(ctx, dir);
    store->setClock(clock);
    RetentionPolicy keepRaw; // defaults, but raw kept so that the raw baseline exists for the whole range
    keepRaw.rawDays = std::nullopt;
    need(store->setRetention({}, keepRaw), "setRetention");
    const double ingestSeconds = ingestAll(*store, toBatches(data, rows), rows.size()).wall;
    const qint64 segments = need(store->stats(), "stats").rawSegments;

    const QueryRequest request = requestFor(names.first(), data.startMs, data.endMs);
    const QueryRequest raw = forcedRaw(request);
    const int rollupRuns = ctx.options.quick ? 5 : 31;
    const int rawRuns = ctx.options.quick ? 3 : 7;
    const QueryTiming rollupSegments = timeQuery(*store, request, rollupRuns);
    const QueryTiming rawSegments = timeQuery(*store, raw, rawRuns);
    QElapsedTimer timer;
    timer.start();
    const MaintenanceReport report = need(store->maintain(), "maintain");
    const double maintainSeconds = seconds(timer);
    const QueryTiming rollup = timeQuery(*store, request, rollupRuns);
    const QueryTiming rawChunks = timeQuery(*store, raw, rawRuns);
    const qint64 seriesId = need(store->listSeries(names.first().metric), "listSeries").first().id;
    store.reset();

    // The first query after opening the workspace, when the store's page cache is empty (the OS cache is not).
    QueryTiming cold;
    {
        QList<double> wall, cpu;
        for (int i = 0; i < (ctx.options.quick ? 3 : 7); ++i) {
            auto reopened = need(Workspace::open(dir, ctx.key), "opening the workspace");
            reopened->setClock(clock);
            const Stopwatch watch;
            const QueryResult result = need(reopened->query(request), "query");
            const Timing elapsed = watch.elapsed();
            wall.append(elapsed.wall * 1e3);
            cpu.append(elapsed.cpu * 1e3);
            cold.tier = result.tier;
            cold.points = result.series.first().points.size();
        }
        cold.runs = int(wall.size());
        cold.medianMs = median(wall);
        cold.cpuMs = median(cpu);
    }
    const SqlProbe probe = probeHourSql(ctx, Workspace::databasePath(dir), seriesId,
                                        bucketStart(request.fromMs, kHourMs), request.toMs, rollupRuns);
    QDir(dir).removeRecursively();
    expectTier(rollup, Tier::Hour, "the 1-year query");

    const qint64 perSeries = rows.size() / data.series;
    std::printf("\n3. Query: %d series x %d days of 15-second data (%lld samples/series, ingested at %.0f samples/s in\n"
                "   batches of %d: %lld segments); one series over the whole range at %d points, avg; median of N\n"
                "   runs after one warm-up run.\n",
                data.series, days, static_cast<long long>(perSeries), double(rows.size()) / ingestSeconds,
                kBatchSize, static_cast<long long>(segments), *request.points);
    printQueryHeader();
    printQuery("before maintain(): raw forced (segments, never compacted)", rawSegments, rawSegments);
    printQuery("before maintain(): tier chosen by the engine", rollupSegments, rawSegments);
    printQuery("after maintain(): raw forced (chunks)", rawChunks, rawChunks);
    printQuery("after maintain(): tier chosen by the engine", rollup, rawChunks);
    printQuery("after maintain(): engine, first query after reopening", cold, rawChunks);
    const double speedup = rawChunks.medianMs / rollup.medianMs;
    const double speedupCpu = rawChunks.cpuMs / rollup.cpuMs;
    const double speedupSegments = rawSegments.medianMs / rollupSegments.medianMs;
    const double speedupSegmentsCpu = rawSegments.cpuMs / rollupSegments.cpuMs;
    auto verdict = [](double x) { return x >= 50.0 ? "MET" : "NOT MET"; };
    std::printf("   maintain(): %lld chunks in %.2f s.\n", static_cast<long long>(report.chunksWritten), maintainSeconds);
    std::printf("   target: >= 50x faster than the same range read raw (by wall clock; by CPU time)\n"
                "     vs raw segments, never compacted (both before maintain()):      %5.1fx -> %s; %5.1fx -> %s\n"
                "     vs raw chunks, as the store keeps closed days (both after it):  %5.1fx -> %s; %5.1fx -> %s\n",
                speedupSegments, verdict(speedupSegments), speedupSegmentsCpu, verdict(speedupSegmentsCpu), speedup,
                verdict(speedup), speedupCpu, verdict(speedupCpu));
    std::printf("   Where the 1-year query's time goes (CPU time): the hour-tier SQL of RollupTables::read on a\n"
                "   connection of its own, same cache_size; %lld rows; rollup_1h is %lld pages for all series.\n",
                static_cast<long long>(probe.rows), static_cast<long long>(probe.tablePages));
    std::printf("     first run, empty page cache:      %7.3f ms  (%lld page cache misses, %lld hits)\n",
                probe.coldCpuMs, static_cast<long long>(probe.coldMisses), static_cast<long long>(probe.coldHits));
    std::printf("     warm, 7 columns into buckets:     %7.3f ms  (%lld misses, %lld hits per run)\n", probe.warmCpuMs,
                static_cast<long long>(probe.warmMisses), static_cast<long long>(probe.warmHits));
    std::printf("     warm, same SELECT, no column read: %6.3f ms\n", probe.stepOnlyCpuMs);
    std::printf("     warm, SELECT bucket, sum, count:  %7.3f ms  (all avg needs; engine on it: ~%.0fx vs raw chunks, CPU)\n",
                probe.narrowCpuMs, rawChunks.cpuMs / (rollup.cpuMs - probe.warmCpuMs + probe.narrowCpuMs));
    std::printf("     engine query, warm (above):       %7.3f ms  -> outside this SQL (catalog, folding): %.3f ms\n",
                rollup.cpuMs, rollup.cpuMs - probe.warmCpuMs);

    // ----- 3b. 24 hours at 1,000 points: the lazy minute tier -------------------------------------------
    // One 15 s series for one day, in two layouts of the open day: written as a poller writes it (one batch per
    // scrape, so one segment per sample) and in batches of kBatchSize. Then the day is compacted (minute rows).
    Dataset day;
    day.name = QStringLiteral("ingest");
    day.series = 1;
    day.endMs = kStartMs + (ctx.options.quick ? 2 * kHourMs : kDayMs);
    const QList<Row> dayRows = generate(day);
    const SeriesName dayName = seriesNames(day).first();
    const FixedClock dayOpen(day.endMs);                 // the day is still open (compaction grace: 1 h)
    const FixedClock dayClosed(pastAllBlocks(day.endMs));
    const QueryRequest dayRequest = requestFor(dayName, kStartMs, kStartMs + kDayMs);
    const QueryRequest dayRaw = forcedRaw(dayRequest);
    const int dayRuns = ctx.options.quick ? 5 : 21;

    QList<SampleBatch> perScrape;
    for (const Row &row : dayRows)
        perScrape.append(SampleBatch{MetricSample{dayName.metric, dayName.labels, row.ts, row.value}});
    const QString pollerDir = ctx.freshDir(QStringLiteral("day-poller"));
    auto poller = createStore(ctx, pollerDir);
    poller->setClock(dayOpen);
    const Timing pollerIngest = ingestAll(*poller, perScrape, dayRows.size());
    const qint64 pollerSegments = need(poller->stats(), "stats").rawSegments;
    const QueryTiming openPoller = timeQuery(*poller, dayRequest, dayRuns);
    const QueryTiming openPollerRaw = timeQuery(*poller, dayRaw, dayRuns);
    poller->setClock(dayClosed);
    timer.restart();
    (void)need(poller->maintain(), "maintain");
    const double dayMaintainMs = double(timer.nsecsElapsed()) / 1e6;
    const QueryTiming compacted = timeQuery(*poller, dayRequest, dayRuns);
    const QueryTiming compactedRaw = timeQuery(*poller, dayRaw, dayRuns);
    poller.reset();
    QDir(pollerDir).removeRecursively();

    const QString batchedDir = ctx.freshDir(QStringLiteral("day-batched"));
    auto batched = createStore(ctx, batchedDir);
    batched->setClock(dayOpen);
    (void)ingestAll(*batched, toBatches(day, dayRows), dayRows.size());
    const qint64 batchedSegments = need(batched->stats(), "stats").rawSegments;
    const QueryTiming openBatched = timeQuery(*batched, dayRequest, dayRuns);
    const QueryTiming openBatchedRaw = timeQuery(*batched, dayRaw, dayRuns);
    batched.reset();
    QDir(batchedDir).removeRecursively();
    expectTier(openPoller, Tier::Minute, "the 24-hour query");
    expectTier(compacted, Tier::Minute, "the 24-hour query");

    std::printf("\n   24 hours at %d points (1-minute tier): 1 series, %lld samples at 15 s in one UTC day; median of N\n"
                "   runs after one warm-up run. Open day: minutes computed from raw by MinuteTier. Compacted day:\n"
                "   minute rows written by maintain().\n",
                *dayRequest.points, static_cast<long long>(dayRows.size()));
    printQueryHeader();
    const QString pollerLabel = QStringLiteral("open day, one batch per scrape (%1 segments)").arg(pollerSegments);
    const QString batchedLabel = QStringLiteral("open day, batches of %1 (%2 segments)").arg(kBatchSize).arg(batchedSegments);
    printQuery(qPrintable(pollerLabel + QStringLiteral(": raw")), openPollerRaw, openPollerRaw);
    printQuery(qPrintable(pollerLabel), openPoller, openPollerRaw);
    printQuery(qPrintable(batchedLabel + QStringLiteral(": raw")), openBatchedRaw, openBatchedRaw);
    printQuery(qPrintable(batchedLabel), openBatched, openBatchedRaw);
    printQuery("compacted day: raw forced (chunk)", compactedRaw, compactedRaw);
    printQuery("compacted day: minute rows", compacted, compactedRaw);
    std::printf("   (ingest one batch per scrape: %.0f samples/s, %.0f per CPU-s, fsync-bound; maintain(): %.1f ms)\n",
                double(dayRows.size()) / pollerIngest.wall, double(dayRows.size()) / pollerIngest.cpu, dayMaintainMs);

    json.insert(QStringLiteral("query"),
                QJsonObject{{QStringLiteral("series"), data.series},
                            {QStringLiteral("days"), days},
                            {QStringLiteral("samplesPerSeries"), perSeries},
                            {QStringLiteral("segments"), segments},
                            {QStringLiteral("ingestSamplesPerSec"), std::round(double(rows.size()) / ingestSeconds)},
                            {QStringLiteral("rollup"), toJson(rollup)},
                            {QStringLiteral("rollupBeforeMaintain"), toJson(rollupSegments)},
                            {QStringLiteral("rollupFirstAfterReopen"), toJson(cold)},
                            {QStringLiteral("rawChunks"), toJson(rawChunks)},
                            {QStringLiteral("rawSegments"), toJson(rawSegments)},
                            {QStringLiteral("speedupVsRawChunks"), speedup},
                            {QStringLiteral("speedupVsRawChunksCpu"), speedupCpu},
                            {QStringLiteral("speedupVsRawSegments"), speedupSegments},
                            {QStringLiteral("speedupVsRawSegmentsCpu"), speedupSegmentsCpu},
                            {QStringLiteral("targetSpeedup"), 50.0},
                            {QStringLiteral("metVsRawSegments"), speedupSegments >= 50.0},
                            {QStringLiteral("metVsRawSegmentsCpu"), speedupSegmentsCpu >= 50.0},
                            {QStringLiteral("metVsRawChunks"), speedup >= 50.0},
                            {QStringLiteral("metVsRawChunksCpu"), speedupCpu >= 50.0},
                            {QStringLiteral("hourSql"),
                             QJsonObject{{QStringLiteral("rows"), probe.rows},
                                         {QStringLiteral("tablePages"), probe.tablePages},
                                         {QStringLiteral("coldCpuMs"), probe.coldCpuMs},
                                         {QStringLiteral("coldCacheMisses"), probe.coldMisses},
                                         {QStringLiteral("warmCpuMs"), probe.warmCpuMs},
                                         {QStringLiteral("warmCacheMisses"), probe.warmMisses},
                                         {QStringLiteral("warmCacheHits"), probe.warmHits},
                                         {QStringLiteral("stepOnlyCpuMs"), probe.stepOnlyCpuMs},
                                         {QStringLiteral("narrowCpuMs"), probe.narrowCpuMs}}},
                            {QStringLiteral("day"),
                             QJsonObject{{QStringLiteral("samples"), qint64(dayRows.size())},
                                         {QStringLiteral("pollerSegments"), pollerSegments},
                                         {QStringLiteral("batchedSegments"), batchedSegments},
                                         {QStringLiteral("openPoller"), toJson(openPoller)},
                                         {QStringLiteral("openPollerRaw"), toJson(openPollerRaw)},
                                         {QStringLiteral("openBatched"), toJson(openBatched)},
                                         {QStringLiteral("openBatchedRaw"), toJson(openBatchedRaw)},
                                         {QStringLiteral("compacted"), toJson(compacted)},
                                         {QStringLiteral("compactedRaw"), toJson(compactedRaw)},
                                         {QStringLiteral("pollerIngestSamplesPerSec"),
                                          std::round(double(dayRows.size()) / pollerIngest.wall)},
                                         {QStringLiteral("maintainMs"), dayMaintainMs}}}});
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
