// Compression and speed of the raw chunk codec on a synthetic but realistic mix of series, compared with a
// Gorilla baseline (delta-of-delta timestamps + XOR values) measured in the same run.
//
// Usage: bench_chunkcodec [--quick]
// Prints a table for people and, last, one JSON line for scripts.

#include "storage/chunkcodec.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdio>
#include <functional>
#include <random>

using namespace stackscope;
using namespace stackscope::storage;

namespace {

constexpr qint64 kDayStartMs = 1'718'064'000'000; // 2024-06-11T00:00:00Z
constexpr qint64 kDayMs = 86'400'000;

using Chunk = QList<TimedValue>;

struct DataClass
{
    QString name;
    QString description;
    QList<Chunk> chunks;
};

double roundTo(double value, int decimals)
{
    const double scale = std::pow(10.0, decimals);
    return std::round(value * scale) / scale;
}

// Scrape times: a fixed interval, 1 in 50 samples late or early by up to 300 ms, 1 in 400 scrapes missed.
QList<qint64> scrapeTimes(std::mt19937_64 &rng, qint64 stepMs)
{
    QList<qint64> times;
    for (qint64 t = 0; t < kDayMs; t += stepMs) {
        if (rng() % 400 == 0)
            continue;
        const qint64 jitter = rng() % 50 == 0 ? qint64(rng() % 601) - 300 : 0;
        times.append(kDayStartMs + t + jitter);
    }
    return times;
}

Chunk sampled(const QList<qint64> &times, const std::function<double(qint64 ts)> &value)
{
    Chunk chunk;
    chunk.reserve(times.size());
    for (qint64 ts : times)
        chunk.append(TimedValue{ts, value(ts)});
    return chunk;
}

// Daily shape: quiet at night, busy in the afternoon.
double dailyLoad(qint64 ts)
{
    const double hour = double((ts - kDayStartMs) % kDayMs) / 3'600'000.0;
    return 0.5 - 0.4 * std::cos((hour - 3.0) / 24.0 * 2.0 * 3.141592653589793);
}

DataClass cpuGauges(std::mt19937_64 &rng, int series)
{
    DataClass data{QStringLiteral("gauge-1dp"), QStringLiteral("CPU/mem % with one decimal, 15 s, mean-reverting noise"), {}};
    for (int s = 0; s < series; ++s) {
        std::normal_distribution<double> noise(0.0, 1.0 + s % 4);
        double level = 20.0 + 3.0 * s;
        data.chunks.append(sampled(scrapeTimes(rng, 15'000), [&](qint64 ts) {
            const double target = 10.0 + 70.0 * dailyLoad(ts);
            level = std::clamp(level + noise(rng) + 0.1 * (target - level), 0.0, 100.0);
            return roundTo(level, 1);
        }));
    }
    return data;
}

DataClass loadAverages(std::mt19937_64 &rng, int series)
{
    DataClass data{QStringLiteral("gauge-2dp"), QStringLiteral("load average / latency s with two decimals, 15 s"), {}};
    for (int s = 0; s < series; ++s) {
        std::normal_distribution<double> noise(0.0, 0.05);
        double level = 0.5;
        data.chunks.append(sampled(scrapeTimes(rng, 15'000), [&](qint64 ts) {
            level = std::max(0.0, level + noise(rng) + 0.05 * (4.0 * dailyLoad(ts) - level));
            return roundTo(level, 2);
        }));
    }
    return data;
}

DataClass integerGauges(std::mt19937_64 &rng, int series)
{
    DataClass data{QStringLiteral("gauge-int"), QStringLiteral("bytes used / connections, integers, 60 s"), {}};
    for (int s = 0; s < series; ++s) {
        const bool pages = s % 2 == 0;
        double level = pages ? 4'000'000'000.0 : 120.0;
        data.chunks.append(sampled(scrapeTimes(rng, 60'000), [&](qint64) {
            if (pages)
                level += 4096.0 * double(qint64(rng() % 2001) - 1000);
            else
                level = std::max(0.0, level + double(qint64(rng() % 11) - 5));
            return level;
        }));
    }
    return data;
}

DataClass counters(std::mt19937_64 &rng, int series)
{
    DataClass data{QStringLiteral("counter"), QStringLiteral("monotonic request/byte totals, 15 s, Poisson increments"), {}};
    for (int s = 0; s < series; ++s) {
        const double rate = s % 3 == 0 ? 5.0 : (s % 3 == 1 ? 200.0 : 50'000.0);
        double total = 1e6 * (s + 1);
        data.chunks.append(sampled(scrapeTimes(rng, 15'000), [&](qint64 ts) {
            std::poisson_distribution<qint64> increments(rate * (0.2 + dailyLoad(ts)));
            total += double(increments(rng));
            return total;
        }));
    }
    return data;
}

DataClass constants(std::mt19937_64 &rng, int series)
{
    DataClass data{QStringLiteral("constant"), QStringLiteral("up=1, core counts, limits; 15 s and 60 s"), {}};
    for (int s = 0; s < series; ++s) {
        const double value = s % 3 == 0 ? 1.0 : (s % 3 == 1 ? 8.0 : 1.5e9);
        data.chunks.append(sampled(scrapeTimes(rng, s % 2 == 0 ? 15'000 : 60'000), [&](qint64) { return value; }));
    }
    return data;
}

// Sparse SaaS metrics: one value per day (MRR with cents, signups), assuming such series are chunked by 90 days.
DataClass saasDaily(std::mt19937_64 &rng, int series)
{
    DataClass data{QStringLiteral("saas-daily"), QStringLiteral("MRR (cents) / signups, 1 per day, 90-day chunks, poll jitter"), {}};
    for (int s = 0; s < series; ++s) {
        const bool money = s % 2 == 0;
        double level = money ? 12'345.67 : 40.0;
        Chunk chunk;
        for (qint64 day = 0; day < 90; ++day) {
            const qint64 ts = kDayStartMs + day * kDayMs + 3'600'000 + qint64(rng() % 120'000);
            if (money)
                level = roundTo(level + double(qint64(rng() % 40'001) - 15'000) / 100.0, 2);
            else
                level = double(rng() % 80);
            chunk.append(TimedValue{ts, level});
        }
        data.chunks.append(chunk);
    }
    return data;
}

// Values derived by division (rates over the actual interval, hit ratios) that are not short decimals: these
// exercise the XOR fallback.
DataClass derivedFloats(std::mt19937_64 &rng, int series)
{
    DataClass data{QStringLiteral("derived-float"), QStringLiteral("rates over the measured interval and hit ratios, 15 s"), {}};
    for (int s = 0; s < series; ++s) {
        const bool ratio = s % 2 == 0;
        const QList<qint64> times = scrapeTimes(rng, 15'000);
        Chunk chunk;
        for (qsizetype i = 0; i < times.size(); ++i) {
            const double load = dailyLoad(times[i]);
            const double hits = double(qint64(rng() % 2000) + qint64(5000 * load));
            const double misses = double(1 + qint64(rng() % 300));
            const double seconds = i == 0 ? 15.0 : double(times[i] - times[i - 1]) / 1000.0;
            chunk.append(TimedValue{times[i], ratio ? hits / (hits + misses) : (hits + misses) / seconds});
        }
        data.chunks.append(chunk);
    }
    return data;
}

// Not part of the mix: a gauge whose timestamps are the poll's wall-clock time, so every sample is a few ms off
// the grid. Shows what unaligned timestamps cost.
DataClass wallClockStamped(std::mt19937_64 &rng, int series)
{
    DataClass data{QStringLiteral("stress-wallclk"), QStringLiteral("gauge-1dp, every timestamp 0..20 ms late (NOT in overall)"), {}};
    for (int s = 0; s < series; ++s) {
        std::normal_distribution<double> noise(0.0, 2.0);
        double level = 40.0;
        Chunk chunk;
        for (qint64 t = 0; t < kDayMs; t += 15'000) {
            level = std::clamp(level + noise(rng) + 0.1 * (40.0 - level), 0.0, 100.0);
            chunk.append(TimedValue{kDayStartMs + t + qint64(rng() % 21), roundTo(level, 1)});
        }
        data.chunks.append(chunk);
    }
    return data;
}

// Gorilla's timestamp scheme (paper's buckets, 64-bit escape because ours are ms and gaps are unbounded).
qint64 gorillaTimestampBits(const Chunk &chunk)
{
    if (chunk.isEmpty())
        return 0;
    qint64 bits = 64;
    qint64 previousDelta = 0;
    for (qsizetype i = 1; i < chunk.size(); ++i) {
        const qint64 delta = chunk[i].ts - chunk[i - 1].ts;
        const qint64 dod = delta - previousDelta;
        previousDelta = delta;
        if (dod == 0)
            bits += 1;
        else if (dod >= -63 && dod <= 64)
            bits += 2 + 7;
        else if (dod >= -255 && dod <= 256)
            bits += 3 + 9;
        else if (dod >= -2047 && dod <= 2048)
            bits += 4 + 12;
        else
            bits += 4 + 64;
    }
    return bits;
}

qint64 gorillaBytes(const Chunk &chunk)
{
    QList<double> values;
    values.reserve(chunk.size());
    for (const TimedValue &sample : chunk)
        values.append(sample.value);
    const QByteArray xorValues = detail::encodeXorValues(values);
    if (!detail::decodeXorValues(xorValues, values.size()).ok())
        qFatal("XOR baseline does not round-trip");
    return (gorillaTimestampBits(chunk) + 7) / 8 + xorValues.size();
}

bool identical(const Chunk &a, const Chunk &b)
{
    if (a.size() != b.size())
        return false;
    for (qsizetype i = 0; i < a.size(); ++i) {
        if (a[i].ts != b[i].ts || std::bit_cast<quint64>(a[i].value) != std::bit_cast<quint64>(b[i].value))
            return false;
    }
    return true;
}

struct Measurement
{
    QString name;
    qint64 samples = 0;
    qint64 chunks = 0;
    qint64 bytes = 0;
    qint64 bytesWithoutZlib = 0;
    qint64 compressedChunks = 0;
    qint64 xorChunks = 0;
    qint64 gorillaBytes = 0;
    double encodeSeconds = 0;
    double decodeSeconds = 0;

    double perSample(qint64 total) const { return samples ? double(total) / double(samples) : 0.0; }
    double ratio() const { return bytes ? double(gorillaBytes) / double(bytes) : 0.0; }
    double encodeRate() const { return encodeSeconds > 0 ? double(samples) / encodeSeconds : 0.0; }
    double decodeRate() const { return decodeSeconds > 0 ? double(samples) / decodeSeconds : 0.0; }

    void add(const Measurement &other)
    {
        samples += other.samples;
        chunks += other.chunks;
        bytes += other.bytes;
        bytesWithoutZlib += other.bytesWithoutZlib;
        compressedChunks += other.compressedChunks;
        xorChunks += other.xorChunks;
        gorillaBytes += other.gorillaBytes;
        encodeSeconds += other.encodeSeconds;
        decodeSeconds += other.decodeSeconds;
    }
};

// Repeats the work until it has run for at least minSeconds, so that small classes still time reliably.
double secondsPerRound(double minSeconds, const std::function<void()> &work)
{
    QElapsedTimer timer;
    timer.start();
    int rounds = 0;
    do {
        work();
        ++rounds;
    } while (double(timer.nsecsElapsed()) / 1e9 < minSeconds);
    return double(timer.nsecsElapsed()) / 1e9 / rounds;
}

Measurement measure(const DataClass &data, double minSeconds)
{
    Measurement m;
    m.name = data.name;
    QList<QByteArray> blobs;
    for (const Chunk &chunk : data.chunks) {
        const QByteArray blob = encodeChunk(chunk);
        const Result<QList<TimedValue>> decoded = decodeChunk(blob);
        if (!decoded.ok() || !identical(*decoded, chunk))
            qFatal("round trip failed in class %s", qPrintable(data.name));
        const Result<detail::ChunkHeader> header = detail::inspectChunk(blob);
        m.samples += chunk.size();
        m.chunks += 1;
        m.bytes += blob.size();
        m.bytesWithoutZlib += detail::encodeChunk(chunk, {true, false}).size();
        m.compressedChunks += header->compressed ? 1 : 0;
        m.xorChunks += header->values == detail::ValueEncoding::Xor ? 1 : 0;
        m.gorillaBytes += gorillaBytes(chunk);
        blobs.append(blob);
    }
    qint64 sink = 0; // keeps the optimiser from dropping the work
    m.encodeSeconds = secondsPerRound(minSeconds, [&] {
        for (const Chunk &chunk : data.chunks)
            sink += encodeChunk(chunk).size();
    });
    m.decodeSeconds = secondsPerRound(minSeconds, [&] {
        for (const QByteArray &blob : blobs)
            sink += decodeChunk(blob)->size();
    });
    if (sink == 42)
        std::puts("");
    return m;
}

QJsonObject toJson(const Measurement &m)
{
    return QJsonObject{
        {QStringLiteral("class"), m.name},
        {QStringLiteral("samples"), m.samples},
        {QStringLiteral("chunks"), m.chunks},
        {QStringLiteral("bytes"), m.bytes},
        {QStringLiteral("bytesPerSample"), m.perSample(m.bytes)},
        {QStringLiteral("bytesPerSampleWithoutZlib"), m.perSample(m.bytesWithoutZlib)},
        {QStringLiteral("zlibChunks"), m.compressedChunks},
        {QStringLiteral("xorChunks"), m.xorChunks},
        {QStringLiteral("gorillaBytes"), m.gorillaBytes},
        {QStringLiteral("gorillaBytesPerSample"), m.perSample(m.gorillaBytes)},
        {QStringLiteral("gorillaOverOurs"), m.ratio()},
        {QStringLiteral("encodeSamplesPerSec"), m.encodeRate()},
        {QStringLiteral("decodeSamplesPerSec"), m.decodeRate()},
    };
}

void printRow(const Measurement &m)
{
    std::printf("%-14s %9lld %6lld %10lld %7.3f %7.3f %5lld %4lld %7.3f %6.1fx %8.2f %8.2f\n", qPrintable(m.name),
                static_cast<long long>(m.samples), static_cast<long long>(m.chunks), static_cast<long long>(m.bytes),
                m.perSample(m.bytes), m.perSample(m.bytesWithoutZlib), static_cast<long long>(m.compressedChunks),
                static_cast<long long>(m.xorChunks), m.perSample(m.gorillaBytes), m.ratio(), m.encodeRate() / 1e6,
                m.decodeRate() / 1e6);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const bool quick = app.arguments().contains(QStringLiteral("--quick"));
    const double minSeconds = quick ? 0.02 : 0.3;

    std::mt19937_64 rng(20240611); // fixed: runs are comparable
    const QList<DataClass> classes{
        cpuGauges(rng, 40),     loadAverages(rng, 10), integerGauges(rng, 20), counters(rng, 30),
        constants(rng, 20),     saasDaily(rng, 20),    derivedFloats(rng, 5),
    };

    std::printf("Raw chunk codec vs Gorilla (dod timestamps + XOR values); one chunk = one series for one day\n");
    std::printf("unless noted. Timestamps: 1 in 50 jittered by up to +-300 ms, 1 in 400 scrapes missed.\n");
    for (const DataClass &data : classes)
        std::printf("  %-14s %3lld series: %s\n", qPrintable(data.name), static_cast<long long>(data.chunks.size()),
                    qPrintable(data.description));
    std::printf("\n%-14s %9s %6s %10s %7s %7s %5s %4s %7s %7s %8s %8s\n", "class", "samples", "chunks", "bytes",
                "B/smp", "no-zlib", "zlib", "xor", "gorilla", "ratio", "enc M/s", "dec M/s");

    Measurement overall;
    overall.name = QStringLiteral("overall");
    QJsonArray perClass;
    for (const DataClass &data : classes) {
        const Measurement m = measure(data, minSeconds);
        printRow(m);
        perClass.append(toJson(m));
        overall.add(m);
    }
    printRow(overall);
    const Measurement stress = measure(wallClockStamped(rng, 5), minSeconds);
    printRow(stress);
    std::printf("(B/smp: our bytes per sample; no-zlib: same without the final zlib pass; zlib/xor: chunks that\n"
                " used zlib / the XOR fallback; ratio: Gorilla bytes / ours; M/s: million samples per second)\n");

    const QJsonObject json{{QStringLiteral("benchmark"), QStringLiteral("chunkcodec")},
                           {QStringLiteral("classes"), perClass},
                           {QStringLiteral("overall"), toJson(overall)},
                           {QStringLiteral("stress"), QJsonArray{toJson(stress)}}};
    std::printf("%s\n", QJsonDocument(json).toJson(QJsonDocument::Compact).constData());
    return 0;
}
