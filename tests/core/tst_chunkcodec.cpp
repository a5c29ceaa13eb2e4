#include "storage/chunkcodec.h"

#include <QTest>

#include <bit>
#include <cmath>
#include <functional>
#include <limits>
#include <numbers>
#include <random>

using namespace stackscope;
using namespace stackscope::storage;

namespace {

constexpr qint64 kDayStartMs = 1'718'064'000'000; // 2024-06-11T00:00:00Z
constexpr qint64 kSamplesPerDayAt15s = 24 * 60 * 4;

QList<TimedValue> series(qsizetype count, qint64 firstTs, qint64 stepMs, const std::function<double(qsizetype)> &value)
{
    QList<TimedValue> samples;
    samples.reserve(count);
    for (qsizetype i = 0; i < count; ++i)
        samples.append(TimedValue{firstTs + i * stepMs, value(i)});
    return samples;
}

double roundTo(double value, int decimals)
{
    const double scale = std::pow(10.0, decimals);
    return std::round(value * scale) / scale;
}

// Noisy one-decimal gauge such as CPU 37.4, mean-reverting around a level.
QList<TimedValue> cpuGauge(qsizetype count, quint64 seed)
{
    std::mt19937_64 rng(seed);
    std::normal_distribution<double> noise(0.0, 2.0);
    double level = 35.0;
    return series(count, kDayStartMs, 15'000, [&](qsizetype) {
        level = std::clamp(level + noise(rng) + 0.05 * (35.0 - level), 0.0, 100.0);
        return roundTo(level, 1);
    });
}

QList<TimedValue> counter(qsizetype count, quint64 seed)
{
    std::mt19937_64 rng(seed);
    std::poisson_distribution<int> increments(120);
    double total = 1'234'567;
    return series(count, kDayStartMs, 15'000, [&](qsizetype) { return total += increments(rng); });
}

// A repeating pattern that per-value coding cannot exploit but zlib can, so its chunks take the zlib path.
QList<TimedValue> repeatingPattern(qsizetype count)
{
    return series(count, kDayStartMs, 15'000, [](qsizetype i) {
        static constexpr double pattern[] = {12.5, 99.1, 3.3, 47.0, 0.2, 88.8, 61.4, 5.9, 23.0, 70.7, 14.2};
        return pattern[i % 11];
    });
}

bool sameBits(double a, double b) { return std::bit_cast<quint64>(a) == std::bit_cast<quint64>(b); }

void verifyIdentical(const QList<TimedValue> &decoded, const QList<TimedValue> &original)
{
    QCOMPARE(decoded.size(), original.size());
    for (qsizetype i = 0; i < original.size(); ++i) {
        QCOMPARE(decoded[i].ts, original[i].ts);
        if (!sameBits(decoded[i].value, original[i].value)) {
            QFAIL(qPrintable(QStringLiteral("value %1 differs: %2 instead of %3")
                                 .arg(i)
                                 .arg(decoded[i].value, 0, 'g', 17)
                                 .arg(original[i].value, 0, 'g', 17)));
        }
    }
}

void verifyDecodesTo(QByteArrayView blob, const QList<TimedValue> &original)
{
    const Result<QList<TimedValue>> decoded = decodeChunk(blob);
    QVERIFY2(decoded.ok(), qPrintable(decoded.ok() ? QString() : decoded.error().detail));
    verifyIdentical(*decoded, original);
}

void writeVarint(QByteArray &out, quint64 value)
{
    while (value >= 0x80) {
        out.append(static_cast<char>((value & 0x7f) | 0x80));
        value >>= 7;
    }
    out.append(static_cast<char>(value));
}

// Replaces the sample count of an uncompressed blob (it follows the two header bytes).
QByteArray withSampleCount(const QByteArray &blob, quint64 count)
{
    qsizetype countEnd = 2;
    while (countEnd < blob.size() && (static_cast<quint8>(blob[countEnd]) & 0x80) != 0)
        ++countEnd;
    QByteArray patched = blob.first(2);
    writeVarint(patched, count);
    patched.append(blob.sliced(countEnd + 1));
    return patched;
}

// qUncompress warns on corrupt zlib data; the fuzz tests produce plenty of that on purpose.
QtMessageHandler g_previousHandler = nullptr;
void dropZlibWarnings(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (message.startsWith(QStringLiteral("qUncompress")))
        return;
    g_previousHandler(type, context, message);
}

class ZlibWarningSilencer
{
public:
    ZlibWarningSilencer() { g_previousHandler = qInstallMessageHandler(dropZlibWarnings); }
    ~ZlibWarningSilencer() { qInstallMessageHandler(g_previousHandler); }
    ZlibWarningSilencer(const ZlibWarningSilencer &) = delete;
    ZlibWarningSilencer &operator=(const ZlibWarningSilencer &) = delete;
};

// Whatever garbage decodes to, it must honour the invariant callers rely on.
void verifyPlausible(const Result<QList<TimedValue>> &decoded)
{
    if (!decoded) {
        QVERIFY(decoded.error().code == Error::Code::Parse);
        QVERIFY(!decoded.error().userMessage.isEmpty());
        return;
    }
    for (qsizetype i = 1; i < decoded->size(); ++i)
        QVERIFY((*decoded)[i - 1].ts < (*decoded)[i].ts);
}

} // namespace

class tst_ChunkCodec : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip_data();
    void roundTrip();
    void oneOddValueKeepsDecimalEncoding();
    void nonDecimalValuesUseXor();
    void emptyChunkIsSmall();
    void goldenBytes();
    void xorBaselineRoundTrip();
    void compressedPathRoundTrips();
    void truncatedBlobsAreRejected_data();
    void truncatedBlobsAreRejected();
    void trailingGarbageIsRejected();
    void unknownVersionIsRejected();
    void reservedFlagsAreRejected();
    void countBeyondDataIsRejected();
    void absurdCountIsRejected();
    void descendingTimestampsAreRejected();
    void zeroFactorIsRejected();
    void randomGarbageNeverCrashes();
    void mutatedBlobsNeverCrash();
};

void tst_ChunkCodec::roundTrip_data()
{
    QTest::addColumn<QList<TimedValue>>("samples");
    QTest::addColumn<double>("maxBytesPerSample"); // 0: no bound asserted

    const qsizetype day = kSamplesPerDayAt15s;
    QTest::addRow("integers") << series(1000, kDayStartMs, 60'000, [](qsizetype i) { return double(i % 17 * 3); })
                              << 1.5;
    QTest::addRow("one-decimal gauge 15s") << cpuGauge(day, 1) << 2.0;
    QTest::addRow("counter 15s") << counter(day, 2) << 1.5;
    QTest::addRow("constant") << series(day, kDayStartMs, 15'000, [](qsizetype) { return 8.0; }) << 0.2;
    QTest::addRow("constant zero") << series(1440, kDayStartMs, 60'000, [](qsizetype) { return 0.0; }) << 0.2;
    QTest::addRow("sparse daily money") << series(90, kDayStartMs, 86'400'000, [](qsizetype i) {
        return roundTo(12'000.0 + 37.25 * double(i) + (i % 7 == 0 ? 199.99 : 0.0), 2);
    }) << 4.0;
    QTest::addRow("step function, mostly unchanged") << series(day, kDayStartMs, 15'000, [](qsizetype i) {
        return double(100 + i / 1000);
    }) << 0.2;
    QTest::addRow("negative values") << series(2000, kDayStartMs, 15'000, [](qsizetype i) {
        return roundTo(-40.0 + std::sin(double(i) / 50.0) * 10.0, 1);
    }) << 2.0;
    QTest::addRow("huge and tiny magnitudes") << QList<TimedValue>{
        {1, 1e300}, {2, -1e300}, {3, std::numeric_limits<double>::max()}, {4, std::numeric_limits<double>::min()},
        {5, std::numeric_limits<double>::denorm_min()}, {6, -std::numeric_limits<double>::denorm_min()},
        {7, 9007199254740992.0}, {8, 9007199254740994.0}, {9, -9007199254740992.0}, {10, 1e22}, {11, 1e-22},
        {12, 123456789012345678.0}, {13, 0.0}} << 0.0;
    QTest::addRow("tiny decimals") << series(500, kDayStartMs, 1'000, [](qsizetype i) { return double(i) * 1e-9; })
                                   << 0.0;
    QTest::addRow("many decimal places") << series(500, kDayStartMs, 1'000, [](qsizetype i) {
        return roundTo(0.5 + double(i) * 0.0001234, 7);
    }) << 0.0;
    QTest::addRow("non-decimal fallback") << series(1000, kDayStartMs, 15'000, [](qsizetype i) {
        return std::numbers::pi * double(i) + (0.1 + 0.2);
    }) << 0.0;
    QTest::addRow("mixed: one value breaks the decimal rule") << series(day, kDayStartMs, 15'000, [](qsizetype i) {
        return i == 1234 ? 0.1 + 0.2 : roundTo(50.0 + 10.0 * std::sin(double(i) / 30.0), 1);
    }) << 2.0;
    QTest::addRow("negative zero") << QList<TimedValue>{{1, 0.0}, {2, -0.0}, {3, 1.5}, {4, -0.0}, {5, -1.5}} << 0.0;
    QTest::addRow("irregular timestamps") << [] {
        std::mt19937_64 rng(3);
        std::uniform_int_distribution<qint64> gap(1, 90'000);
        QList<TimedValue> samples;
        qint64 ts = kDayStartMs;
        for (int i = 0; i < 3000; ++i)
            samples.append({ts += gap(rng), double(i % 10)});
        return samples;
    }() << 0.0;
    QTest::addRow("jittered 15s with gaps") << [] {
        std::mt19937_64 rng(4);
        QList<TimedValue> samples;
        for (qint64 i = 0; i < kSamplesPerDayAt15s; ++i) {
            if (rng() % 200 == 0)
                continue; // missed scrape
            const qint64 jitter = rng() % 50 == 0 ? qint64(rng() % 600) - 300 : 0;
            samples.append({kDayStartMs + i * 15'000 + jitter, roundTo(double(rng() % 1000) / 10.0, 1)});
        }
        return samples;
    }() << 2.5;
    QTest::addRow("negative timestamps") << series(1000, -5'000'000, 1'000, [](qsizetype i) { return double(i); })
                                         << 1.0;
    QTest::addRow("extreme timestamps") << QList<TimedValue>{
        {std::numeric_limits<qint64>::min(), 1.0}, {-1, 2.0}, {0, 3.0}, {1, 4.0},
        {std::numeric_limits<qint64>::max() - 1, 5.0}, {std::numeric_limits<qint64>::max(), 6.0}} << 0.0;
    QTest::addRow("big gaps") << QList<TimedValue>{{0, 1.0}, {1, 1.0}, {86'400'000'000, 1.0},
                                                   {86'400'000'001, 1.0}, {4'000'000'000'000'000'000, 1.0}}
                              << 0.0;
    QTest::addRow("single sample") << QList<TimedValue>{{kDayStartMs, 37.4}} << 0.0;
    QTest::addRow("two samples") << QList<TimedValue>{{kDayStartMs, 37.4}, {kDayStartMs + 15'000, 37.5}} << 0.0;
    QTest::addRow("empty") << QList<TimedValue>{} << 0.0;
}

void tst_ChunkCodec::roundTrip()
{
    QFETCH(QList<TimedValue>, samples);
    QFETCH(double, maxBytesPerSample);

    const QByteArray blob = encodeChunk(samples);
    const Result<QList<TimedValue>> decoded = decodeChunk(blob);
    QVERIFY2(decoded.ok(), qPrintable(decoded.ok() ? QString() : decoded.error().detail));
    verifyIdentical(*decoded, samples);
    if (QTest::currentTestFailed())
        return;

    if (maxBytesPerSample > 0) {
        const double bytesPerSample = double(blob.size()) / double(samples.size());
        QVERIFY2(bytesPerSample < maxBytesPerSample,
                 qPrintable(QStringLiteral("%1 bytes/sample, limit %2").arg(bytesPerSample).arg(maxBytesPerSample)));
    }

    // The non-default paths must round-trip the same data too.
    for (const detail::EncodeOptions options : {detail::EncodeOptions{true, false}, detail::EncodeOptions{false, true},
                                                detail::EncodeOptions{false, false}}) {
        const Result<QList<TimedValue>> again = decodeChunk(detail::encodeChunk(samples, options));
        QVERIFY(again.ok());
        verifyIdentical(*again, samples);
    }
}

void tst_ChunkCodec::oneOddValueKeepsDecimalEncoding()
{
    QList<TimedValue> samples = cpuGauge(kSamplesPerDayAt15s, 5);
    const qsizetype cleanSize = encodeChunk(samples).size();
    samples[100].value = 0.1 + 0.2;
    samples[200].value = -0.0;

    const QByteArray blob = encodeChunk(samples);
    const Result<detail::ChunkHeader> header = detail::inspectChunk(blob);
    QVERIFY(header.ok());
    QCOMPARE(header->values, detail::ValueEncoding::Decimal);
    QVERIFY2(blob.size() <= cleanSize + 2 * 12, qPrintable(QString::number(blob.size() - cleanSize)));
    verifyDecodesTo(blob, samples);
}

void tst_ChunkCodec::nonDecimalValuesUseXor()
{
    const QList<TimedValue> samples =
        series(500, kDayStartMs, 15'000, [](qsizetype i) { return std::sqrt(double(i) + 2.0); });
    const QByteArray blob = encodeChunk(samples);
    const Result<detail::ChunkHeader> header = detail::inspectChunk(blob);
    QVERIFY(header.ok());
    QCOMPARE(header->values, detail::ValueEncoding::Xor);
    verifyDecodesTo(blob, samples);
}

void tst_ChunkCodec::emptyChunkIsSmall()
{
    const QByteArray blob = encodeChunk({});
    QVERIFY(blob.size() <= 4);
    QCOMPARE(static_cast<quint8>(blob[0]), quint8(1));
    const Result<QList<TimedValue>> decoded = decodeChunk(blob);
    QVERIFY(decoded.ok());
    QVERIFY(decoded->isEmpty());
}

// Pins the documented layout so that format changes are deliberate (and come with a version bump).
void tst_ChunkCodec::goldenBytes()
{
    QCOMPARE(encodeChunk({}), QByteArray::fromHex("010000"));

    // version 1, decimal, uncompressed | count 2
    // | timestamps: predictor 0 (first), zz(0), factor 5, zero-run stream [run 0, zz(5 / 5) - 1]
    // | values: scale 0, 0 exceptions, predictor 0, zz(0), factor 1, zero-run stream [run 1]
    const QByteArray twoSamples = QByteArray::fromHex("01000200000500000100000000010001");
    const QList<TimedValue> expected{{0, 0.0}, {5, 0.0}};
    QCOMPARE(encodeChunk(expected), twoSamples);
    verifyDecodesTo(twoSamples, expected);
}

void tst_ChunkCodec::xorBaselineRoundTrip()
{
    const QList<double> values{0.0, 1.5, 1.5, -0.0, 3.141592653589793, 1e300, -1e-300, 37.4, 37.5, 37.4,
                               std::numeric_limits<double>::max(), std::numeric_limits<double>::denorm_min()};
    const QByteArray stream = detail::encodeXorValues(values);
    const Result<QList<double>> decoded = detail::decodeXorValues(stream, values.size());
    QVERIFY(decoded.ok());
    QCOMPARE(decoded->size(), values.size());
    for (qsizetype i = 0; i < values.size(); ++i)
        QVERIFY(sameBits((*decoded)[i], values[i]));

    QVERIFY(!detail::decodeXorValues(stream, values.size() + 200).ok());
    QVERIFY(!detail::decodeXorValues(QByteArray(stream).append('\0'), values.size()).ok());
    QVERIFY(detail::decodeXorValues({}, 0).ok());
}

void tst_ChunkCodec::compressedPathRoundTrips()
{
    const QList<TimedValue> samples = repeatingPattern(4000);
    const QByteArray blob = encodeChunk(samples);
    const Result<detail::ChunkHeader> header = detail::inspectChunk(blob);
    QVERIFY(header.ok());
    QVERIFY(header->compressed);
    QVERIFY(blob.size() < detail::encodeChunk(samples, {true, false}).size());
    verifyDecodesTo(blob, samples);
}

void tst_ChunkCodec::truncatedBlobsAreRejected_data()
{
    QTest::addColumn<QByteArray>("blob");
    QTest::addRow("decimal gauge") << encodeChunk(cpuGauge(600, 6));
    QTest::addRow("decimal counter, no zlib") << detail::encodeChunk(counter(600, 7), {true, false});
    QTest::addRow("decimal with exceptions") << encodeChunk(QList<TimedValue>{{1, 0.5}, {2, -0.0}, {3, 1e300}});
    QTest::addRow("xor") << detail::encodeChunk(cpuGauge(300, 8), {false, false});
    QTest::addRow("compressed") << encodeChunk(repeatingPattern(500));
    QTest::addRow("single") << encodeChunk(QList<TimedValue>{{-7, 2.5}});
}

void tst_ChunkCodec::truncatedBlobsAreRejected()
{
    QFETCH(QByteArray, blob);
    QVERIFY(decodeChunk(blob).ok());
    if (QByteArrayView(QTest::currentDataTag()) == "compressed")
        QVERIFY(detail::inspectChunk(blob)->compressed);
    const ZlibWarningSilencer silencer;
    for (qsizetype length = 0; length < blob.size(); ++length) {
        const Result<QList<TimedValue>> decoded = decodeChunk(QByteArrayView(blob).first(length));
        QVERIFY2(!decoded.ok(), qPrintable(QStringLiteral("prefix of %1 bytes decoded").arg(length)));
        QVERIFY(decoded.error().code == Error::Code::Parse);
    }
}

void tst_ChunkCodec::trailingGarbageIsRejected()
{
    const QByteArray blob = detail::encodeChunk(cpuGauge(100, 9), {true, false});
    QVERIFY(!decodeChunk(QByteArray(blob).append('\0')).ok());
    QVERIFY(!decodeChunk(QByteArray::fromHex("01000000")).ok()); // empty chunk plus a byte
}

void tst_ChunkCodec::unknownVersionIsRejected()
{
    QByteArray blob = encodeChunk(cpuGauge(100, 10));
    for (const char version : {'\x00', '\x02', '\xff'}) {
        blob[0] = version;
        const Result<QList<TimedValue>> decoded = decodeChunk(blob);
        QVERIFY(!decoded.ok());
        QVERIFY(decoded.error().code == Error::Code::Parse);
        QVERIFY(decoded.error().detail.contains(QStringLiteral("version")));
    }
}

void tst_ChunkCodec::reservedFlagsAreRejected()
{
    QVERIFY(!decodeChunk(QByteArray::fromHex("010800")).ok());  // reserved bit 3
    QVERIFY(!decodeChunk(QByteArray::fromHex("010400")).ok());  // value encoding 2 does not exist
    QVERIFY(decodeChunk(QByteArray::fromHex("010200")).ok());   // XOR, empty: valid
}

void tst_ChunkCodec::countBeyondDataIsRejected()
{
    const QList<TimedValue> samples = cpuGauge(500, 11);
    for (const detail::EncodeOptions options : {detail::EncodeOptions{false, false}, detail::EncodeOptions{true, false}}) {
        const QByteArray blob = detail::encodeChunk(samples, options);
        QVERIFY(decodeChunk(withSampleCount(blob, 500)).ok());
        for (const quint64 count : {501ull, 5'000ull, 1'000'000ull, 10'000'000ull}) {
            const Result<QList<TimedValue>> decoded = decodeChunk(withSampleCount(blob, count));
            QVERIFY(!decoded.ok());
            QVERIFY(decoded.error().code == Error::Code::Parse);
        }
    }
}

void tst_ChunkCodec::absurdCountIsRejected()
{
    for (const quint64 count : {10'000'001ull, 1ull << 40, std::numeric_limits<quint64>::max()}) {
        QByteArray blob = QByteArray::fromHex("0100");
        writeVarint(blob, count);
        blob.append(QByteArray(64, '\0'));
        const Result<QList<TimedValue>> decoded = decodeChunk(blob);
        QVERIFY(!decoded.ok());
        QVERIFY(decoded.error().detail.contains(QStringLiteral("implausible")));
    }
    // An 11-byte varint is malformed, not merely large.
    QVERIFY(!decodeChunk(QByteArray::fromHex("0100ffffffffffffffffffff01")).ok());
}

void tst_ChunkCodec::descendingTimestampsAreRejected()
{
    // Same as the golden two-sample blob, but the second timestamp is 0 - 5.
    const Result<QList<TimedValue>> decoded = decodeChunk(QByteArray::fromHex("01000200000500000000000000010001"));
    QVERIFY(!decoded.ok());
    QVERIFY(decoded.error().detail.contains(QStringLiteral("ascending")));
    // Equal timestamps (delta 0) are not strictly ascending either.
    QVERIFY(!decodeChunk(QByteArray::fromHex("010002000001000100000000010001")).ok());
}

void tst_ChunkCodec::zeroFactorIsRejected()
{
    // The golden two-sample blob with the timestamp factor 5 replaced by 0.
    const Result<QList<TimedValue>> decoded = decodeChunk(QByteArray::fromHex("01000200000000000100000000010001"));
    QVERIFY(!decoded.ok());
    QVERIFY(decoded.error().detail.contains(QStringLiteral("factor")));
}

void tst_ChunkCodec::randomGarbageNeverCrashes()
{
    const ZlibWarningSilencer silencer;
    std::mt19937_64 rng(20240611);
    for (int round = 0; round < 5000; ++round) {
        QByteArray blob(static_cast<qsizetype>(rng() % 160), '\0');
        for (char &byte : blob)
            byte = static_cast<char>(rng() & 0xff);
        // Most rounds get a plausible header so that the body parsers, not the header check, see the garbage.
        if (blob.size() >= 2 && round % 8 != 0) {
            blob[0] = '\x01';
            blob[1] = static_cast<char>(rng() % 4 == 0 ? 0x01 | ((rng() % 2) << 1) : ((rng() % 2) << 1));
            if (blob.size() >= 3 && round % 3 == 0)
                blob[2] = static_cast<char>(rng() % 40); // a small sample count
        }
        verifyPlausible(decodeChunk(blob));
        if (QTest::currentTestFailed())
            return;
    }
}

void tst_ChunkCodec::mutatedBlobsNeverCrash()
{
    const ZlibWarningSilencer silencer;
    const QList<QByteArray> originals{
        encodeChunk(cpuGauge(300, 12)),
        detail::encodeChunk(counter(300, 13), {true, false}),
        detail::encodeChunk(cpuGauge(200, 14), {false, false}),
        encodeChunk(repeatingPattern(400)),
        encodeChunk(QList<TimedValue>{{1, 0.5}, {2, -0.0}, {3, 1e300}, {4, 2.5}}),
    };
    std::mt19937_64 rng(42);
    for (int round = 0; round < 4000; ++round) {
        QByteArray blob = originals[round % originals.size()];
        const int flips = 1 + int(rng() % 4);
        for (int flip = 0; flip < flips; ++flip) {
            // Keep the header intact most of the time; the interesting parsers are behind it.
            const qsizetype position = 2 + qsizetype(rng() % quint64(blob.size() - 2));
            blob[position] = static_cast<char>(blob[position] ^ static_cast<char>(1 << (rng() % 8)));
        }
        verifyPlausible(decodeChunk(blob));
        if (QTest::currentTestFailed())
            return;
    }
}

QTEST_GUILESS_MAIN(tst_ChunkCodec)
#include "tst_chunkcodec.moc"
