// Raw chunk format, version 1
// ===========================
//
// A chunk holds one series' samples for one time block (typically a day: ~6000 samples at 15 s). Integers are
// LEB128 varints unless stated otherwise; "zz" means zig-zag mapped first (0, -1, 1, -2 ... -> 0, 1, 2, 3 ...).
// Deltas and predictions are computed modulo 2^64, so every qint64 timestamp round-trips, huge gaps included.
//
//   byte 0    format version, 1. Other versions are rejected.
//   byte 1    flags: bit 0 = body is zlib-compressed; bits 1-2 = value encoding (0 decimal, 1 XOR);
//             bits 3-7 reserved, must be 0.
//   rest      the body; or, when compressed, varint body size followed by a zlib (RFC 1950) stream of the body.
//             The encoder compresses only when that makes the blob smaller.
//
// Body
//   varint    sample count n (at most 10,000,000). n = 0 ends the body, so the empty chunk is 3 bytes.
//   sequence  the n timestamps (Unix ms); they must decode strictly ascending.
//   values    decimal or XOR, as the flags say. Nothing may follow.
//
// Sequence of n integers x[0..n-1] (timestamps, or scaled decimal values)
//   byte      predictor p of x[i], i >= 1: 0 = x[0] (noise around a level), 1 = x[i-1] (delta),
//             2 = 2*x[i-1] - x[i-2] (delta of delta; x[0] for i = 1), 3 = x[i-1] + s (a fixed step, e.g. the
//             scrape interval: a late sample or a missed scrape then costs one or two residuals, not three).
//   varint    zz x[0]
//   varint    zz s, only for predictor 3
//   varint    f >= 1, the greatest common divisor of the residuals (whole-second timestamps, gaps of whole
//             intervals, byte counts in 4 KiB pages)
//   stream    the n-1 values zz((x[i] - p(x, i)) / f)
//   The encoder tries every predictor (s = the majority delta) and keeps the smallest result.
//
// Int stream of m unsigned integers (absent when m = 0); the first byte is its mode:
//   0 zero runs: [varint length of a run of zeros][varint (next value - 1)] repeated until m values are
//     produced. A run of any length costs one varint, so regular timestamps and constant values are nearly free.
//   1 buckets: byte B (1..8), then B bytes of strictly ascending bit widths w[j] <= 64 (B = 1 with width 0 is
//     invalid), then a bit stream, most significant bit first, zero-padded to a whole byte. Each value is its
//     bucket j (the narrowest that holds it) as j one-bits plus a terminating zero (the last bucket has no
//     terminator), followed by the value in w[j] bits. The encoder picks the widths by dynamic programming over
//     the histogram of bit lengths, using up to 4 buckets. Noisy gauges land here.
//   The encoder takes whichever mode is smaller.
//
// Decimal values (the usual case; the idea comes from VictoriaMetrics)
//   byte      scale k (0..22; 10^22 is the largest power of ten a double holds exactly). Every regular value v
//             is stored as an integer m, |m| <= 2^53, with v == m / 10^k bit for bit: the encoder checks that
//             by doing the decoder's own division, so the round trip is exact by construction.
//   varint    number e of exceptions: values with no such m at this k (-0.0, 0.1+0.2, 1e300 ...).
//   e times   varint index gap (first: index; later: index - previous index - 1), then the value's IEEE-754
//             bits as 8 bytes little-endian.
//   sequence  the n - e scaled integers m (absent when n = e).
//   The encoder tries each k that is the smallest exact scale of some value in the chunk and keeps the
//   cheapest, so one odd value costs ~9 bytes instead of dragging the whole chunk to the XOR fallback.
//
// XOR values (used when no decimal layout is smaller)
//   Gorilla bit stream, zero-padded to a whole byte: the first value's 64 bits; then per value 0 = same as the
//   previous one; 10 = XOR with the previous value, meaningful bits inside the previous window; 11 = 5 bits of
//   leading zeros (capped at 31), 6 bits of (meaningful length - 1), then the meaningful bits.
//
// Decoding treats the blob as untrusted: every read is bounds-checked, counts are capped and checked against
// the bits that remain where the encoding allows that, claimed inflated sizes are checked against deflate's
// maximum ratio before anything is allocated, and all arithmetic on decoded numbers is unsigned.

#include "storage/chunkcodec.h"

#include "storage/bitreader.h"
#include "storage/bitwriter.h"
#include "storage/bytereader.h"
#include "storage/varint.h"

#include <QString>

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <limits>
#include <numeric>
#include <optional>
#include <vector>

namespace stackscope::storage {

namespace {

constexpr quint8 kFormatVersion = 1;

constexpr quint8 kFlagCompressed = 0x01;
constexpr int kValueEncodingShift = 1;
constexpr quint8 kValueEncodingMask = 0x06;
constexpr quint8 kReservedFlags = 0xf8;
constexpr quint8 kDecimalEncodingId = 0;
constexpr quint8 kXorEncodingId = 1;

// Far beyond any real block; the cap also bounds what a tiny blob of zero runs can make us allocate.
constexpr quint64 kMaxSamples = 10'000'000;

// deflate cannot expand data by more than ~1032:1, so a claimed size beyond that is a lie rather than data.
constexpr quint64 kMaxDeflateRatio = 1032;
constexpr quint64 kMaxInflatedBodyBytes = quint64(256) << 20;
// Below this, zlib's framing (6 bytes) plus the size varint cannot pay for itself.
constexpr qsizetype kMinBodyWorthCompressing = 32;
constexpr int kCompressionLevel = 9;

constexpr int kMaxDecimalScale = 22;
constexpr quint64 kMaxScaledMagnitude = quint64(1) << 53; // doubles hold every integer up to here exactly
constexpr qint64 kMaxScaledInteger = qint64(1) << 53;
constexpr int kExceptionBitsBytes = 8;

constexpr int kMaxBucketsInFormat = 8;
constexpr int kMaxBucketsWhenEncoding = 4;

constexpr int kXorLeadingZerosBits = 5;
constexpr int kXorMaxLeadingZeros = 31;
constexpr int kXorLengthBits = 6;

enum class Predictor : quint8 { First = 0, Previous = 1, Linear = 2, Step = 3 };
constexpr quint8 kPredictorCount = 4;

enum class IntStreamMode : quint8 { ZeroRuns = 0, Buckets = 1 };

constexpr std::array<double, kMaxDecimalScale + 1> makePowersOfTen()
{
    std::array<double, kMaxDecimalScale + 1> powers{};
    double power = 1.0;
    for (double &entry : powers) {
        entry = power; // exact: every 10^k up to 10^22 is representable, so each product is too
        power *= 10.0;
    }
    return powers;
}

constexpr std::array<double, kMaxDecimalScale + 1> kPowersOfTen = makePowersOfTen();

Error corruptChunk(const QString &detail)
{
    return Error::make(Error::Code::Parse,
                       QStringLiteral("Stored samples could not be read because the data is damaged."),
                       QStringLiteral("chunk codec: ") + detail);
}

quint64 bitsOf(double value) { return std::bit_cast<quint64>(value); }
double doubleFromBits(quint64 bits) { return std::bit_cast<double>(bits); }
int bitLength(quint64 value) { return 64 - std::countl_zero(value); }

// ---------------------------------------------------------------------------------------------------------------
// Decimal scaling

double unscale(qint64 scaled, int scale) { return static_cast<double>(scaled) / kPowersOfTen[scale]; }

bool fitsScaledRange(double product)
{
    // Written as a positive test so that NaN and infinities fail it too.
    return std::fabs(product) <= static_cast<double>(kMaxScaledMagnitude);
}

// The decoder computes m / 10^scale; accepting m only when that reproduces value bit for bit is what makes the
// decimal path lossless, whatever rounding happened in the multiplication.
std::optional<qint64> scaleExactly(double value, int scale)
{
    const double product = value * kPowersOfTen[scale];
    if (!fitsScaledRange(product))
        return std::nullopt;
    const qint64 scaled = static_cast<qint64>(std::nearbyint(product));
    if (bitsOf(unscale(scaled, scale)) != bitsOf(value))
        return std::nullopt;
    return scaled;
}

// -1 when no scale works (non-decimal, too many digits, -0.0, huge magnitudes).
int smallestExactScale(double value)
{
    for (int scale = 0; scale <= kMaxDecimalScale; ++scale) {
        if (scaleExactly(value, scale))
            return scale;
        if (!fitsScaledRange(value * kPowersOfTen[scale]))
            return -1; // more digits only make the integer larger
    }
    return -1;
}

// ---------------------------------------------------------------------------------------------------------------
// Int streams: planning

struct IntStreamPlan
{
    IntStreamMode mode = IntStreamMode::ZeroRuns;
    int bucketCount = 0;
    std::array<int, kMaxBucketsInFormat> bucketWidths{};
    qint64 bytes = 0; // encoded size, mode byte included
};

qint64 zeroRunPayloadBytes(std::span<const quint64> values)
{
    qint64 bytes = 0;
    size_t i = 0;
    for (;;) {
        const size_t runStart = i;
        while (i < values.size() && values[i] == 0)
            ++i;
        bytes += varintSize(i - runStart);
        if (i == values.size())
            return bytes;
        bytes += varintSize(values[i] - 1);
        ++i;
        if (i == values.size())
            return bytes;
    }
}

// j one-bits and a terminating zero; the last bucket needs no terminator.
int bucketPrefixBits(int bucket, int bucketCount)
{
    return bucket < bucketCount - 1 ? bucket + 1 : bucketCount - 1;
}

using LengthCounts = std::array<qint64, 65>; // index: bit length 0..64

struct BucketLayout
{
    int count = 0;
    std::array<int, kMaxBucketsInFormat> widths{};
    qint64 bits = 0;
};

// Cheapest widths for a fixed bucket count. cost[j][w] is the bits spent on all values of bit length <= w when
// bucket j is the widest so far and has width w; each value goes to the narrowest bucket that holds it.
std::optional<BucketLayout> cheapestBucketLayout(const LengthCounts &countUpToLength, int maxLength,
                                                 int bucketCount)
{
    if (bucketCount == 1 && maxLength == 0)
        return std::nullopt; // zero bits per value is reserved as invalid; zero runs cover all-zero streams

    constexpr qint64 kUnreachable = std::numeric_limits<qint64>::max() / 4;
    std::array<std::array<qint64, 65>, kMaxBucketsWhenEncoding> cost{};
    std::array<std::array<int, 65>, kMaxBucketsWhenEncoding> narrowerWidth{};

    for (int width = 0; width <= maxLength; ++width)
        cost[0][width] = countUpToLength[width] * (width + bucketPrefixBits(0, bucketCount));
    for (int bucket = 1; bucket < bucketCount; ++bucket) {
        const int prefix = bucketPrefixBits(bucket, bucketCount);
        for (int width = 0; width <= maxLength; ++width) {
            cost[bucket][width] = kUnreachable;
            for (int narrower = 0; narrower < width; ++narrower) {
                if (cost[bucket - 1][narrower] >= kUnreachable)
                    continue;
                const qint64 inThisBucket = countUpToLength[width] - countUpToLength[narrower];
                const qint64 total = cost[bucket - 1][narrower] + inThisBucket * (width + prefix);
                if (total < cost[bucket][width]) {
                    cost[bucket][width] = total;
                    narrowerWidth[bucket][width] = narrower;
                }
            }
        }
    }
    if (cost[bucketCount - 1][maxLength] >= kUnreachable)
        return std::nullopt;

    BucketLayout layout;
    layout.count = bucketCount;
    layout.bits = cost[bucketCount - 1][maxLength];
    int width = maxLength;
    for (int bucket = bucketCount - 1; bucket >= 0; --bucket) {
        layout.widths[bucket] = width;
        width = narrowerWidth[bucket][width];
    }
    return layout;
}

IntStreamPlan planIntStream(std::span<const quint64> values)
{
    IntStreamPlan best;
    best.mode = IntStreamMode::ZeroRuns;
    best.bytes = 1 + zeroRunPayloadBytes(values);

    LengthCounts countUpToLength{};
    int maxLength = 0;
    for (quint64 value : values) {
        const int length = bitLength(value);
        ++countUpToLength[length];
        maxLength = std::max(maxLength, length);
    }
    for (int length = 1; length <= 64; ++length)
        countUpToLength[length] += countUpToLength[length - 1];

    for (int bucketCount = 1; bucketCount <= kMaxBucketsWhenEncoding; ++bucketCount) {
        const std::optional<BucketLayout> layout = cheapestBucketLayout(countUpToLength, maxLength, bucketCount);
        if (!layout)
            continue;
        const qint64 bytes = 1 + 1 + bucketCount + (layout->bits + 7) / 8;
        if (bytes < best.bytes) {
            best.mode = IntStreamMode::Buckets;
            best.bucketCount = bucketCount;
            best.bucketWidths = layout->widths;
            best.bytes = bytes;
        }
    }
    return best;
}

// ---------------------------------------------------------------------------------------------------------------
// Int streams: writing

void writeZeroRuns(std::span<const quint64> values, QByteArray &out)
{
    size_t i = 0;
    for (;;) {
        const size_t runStart = i;
        while (i < values.size() && values[i] == 0)
            ++i;
        appendVarint(out, i - runStart);
        if (i == values.size())
            return;
        appendVarint(out, values[i] - 1); // never 0 here, so the -1 buys a smaller varint now and then
        ++i;
        if (i == values.size())
            return;
    }
}

void writeBuckets(std::span<const quint64> values, const IntStreamPlan &plan, QByteArray &out)
{
    out.append(static_cast<char>(plan.bucketCount));
    for (int bucket = 0; bucket < plan.bucketCount; ++bucket)
        out.append(static_cast<char>(plan.bucketWidths[bucket]));

    std::array<int, 65> bucketForLength{}; // narrowest bucket that holds a value of each bit length
    for (int bucket = plan.bucketCount - 1; bucket >= 0; --bucket) {
        for (int length = 0; length <= plan.bucketWidths[bucket]; ++length)
            bucketForLength[length] = bucket;
    }

    BitWriter bits(out);
    for (quint64 value : values) {
        const int bucket = bucketForLength[bitLength(value)];
        if (bucket < plan.bucketCount - 1)
            bits.writeBits(((quint64(1) << bucket) - 1) << 1, bucket + 1); // ones, then the terminating zero
        else
            bits.writeBits((quint64(1) << bucket) - 1, bucket);
        bits.writeBits(value, plan.bucketWidths[bucket]);
    }
    bits.finish();
}

void writeIntStream(std::span<const quint64> values, const IntStreamPlan &plan, QByteArray &out)
{
    if (values.empty())
        return;
    out.append(static_cast<char>(plan.mode));
    if (plan.mode == IntStreamMode::ZeroRuns)
        writeZeroRuns(values, out);
    else
        writeBuckets(values, plan, out);
}

// ---------------------------------------------------------------------------------------------------------------
// Sequences (predictor + residual stream)

struct SequenceModel
{
    Predictor predictor = Predictor::Previous;
    quint64 step = 0; // only for Predictor::Step
};

quint64 predicted(std::span<const quint64> x, size_t i, const SequenceModel &model)
{
    switch (model.predictor) {
    case Predictor::First:
        return x[0];
    case Predictor::Previous:
        return x[i - 1];
    case Predictor::Linear:
        return i >= 2 ? 2 * x[i - 1] - x[i - 2] : x[i - 1]; // modulo 2^64 by design
    case Predictor::Step:
        return x[i - 1] + model.step;
    }
    return x[i - 1];
}

// The delta that occurs in more than half of the places, if any (Boyer-Moore vote): the scrape interval of a
// regular series. Without a majority the result is just some delta, and the size comparison discards it.
quint64 majorityDelta(std::span<const quint64> x)
{
    quint64 candidate = 0;
    qsizetype votes = 0;
    for (size_t i = 1; i < x.size(); ++i) {
        const quint64 delta = x[i] - x[i - 1];
        if (votes == 0)
            candidate = delta;
        votes += delta == candidate ? 1 : -1;
    }
    return candidate;
}

quint64 magnitude(quint64 twosComplement) { return twosComplement >> 63 ? 0 - twosComplement : twosComplement; }

// Greatest common divisor of the residuals' magnitudes (1 if they are all zero): timestamps stamped to the
// second, gaps of whole scrape intervals, or byte counts in 4 KiB pages shrink to small integers.
quint64 commonFactor(const std::vector<quint64> &residuals)
{
    quint64 factor = 0;
    for (quint64 residual : residuals) {
        factor = std::gcd(factor, magnitude(residual));
        if (factor == 1)
            return 1;
    }
    return factor == 0 ? 1 : factor;
}

// Exact division of a two's-complement residual by a factor of its magnitude.
quint64 dividedResidual(quint64 residual, quint64 factor)
{
    const quint64 quotient = magnitude(residual) / factor;
    return residual >> 63 ? 0 - quotient : quotient;
}

struct SequencePlan
{
    SequenceModel model;
    quint64 factor = 1;
    std::vector<quint64> stored; // zz(residual / factor)
    IntStreamPlan stream;
    qint64 bytes = std::numeric_limits<qint64>::max();
};

qint64 sequenceHeaderBytes(std::span<const quint64> x, const SequencePlan &plan)
{
    qint64 bytes = 1 + varintSize(zigzagEncode(x[0])) + varintSize(plan.factor);
    if (plan.model.predictor == Predictor::Step)
        bytes += varintSize(zigzagEncode(plan.model.step));
    return bytes;
}

void planResiduals(std::span<const quint64> x, SequencePlan &plan)
{
    plan.stored.clear();
    for (size_t i = 1; i < x.size(); ++i)
        plan.stored.push_back(x[i] - predicted(x, i, plan.model));
    plan.factor = commonFactor(plan.stored);
    for (quint64 &residual : plan.stored)
        residual = zigzagEncode(dividedResidual(residual, plan.factor));
    plan.stream = planIntStream(plan.stored);
    plan.bytes = sequenceHeaderBytes(x, plan) + (plan.stored.empty() ? 0 : plan.stream.bytes);
}

SequencePlan planSequence(std::span<const quint64> x)
{
    SequencePlan best;
    SequencePlan candidate;
    for (quint8 id = 0; id < kPredictorCount; ++id) {
        candidate.model.predictor = static_cast<Predictor>(id);
        candidate.model.step = candidate.model.predictor == Predictor::Step ? majorityDelta(x) : 0;
        planResiduals(x, candidate);
        if (candidate.bytes < best.bytes)
            std::swap(best, candidate);
    }
    return best;
}

void writeSequence(std::span<const quint64> x, const SequencePlan &plan, QByteArray &out)
{
    out.append(static_cast<char>(plan.model.predictor));
    appendVarint(out, zigzagEncode(x[0]));
    if (plan.model.predictor == Predictor::Step)
        appendVarint(out, zigzagEncode(plan.model.step));
    appendVarint(out, plan.factor);
    writeIntStream(plan.stored, plan.stream, out);
}

// ---------------------------------------------------------------------------------------------------------------
// Values

struct DecimalPlan
{
    int scale = 0;
    std::vector<qsizetype> exceptionIndices;
    std::vector<quint64> scaled;
    SequencePlan sequence;
    qint64 bytes = std::numeric_limits<qint64>::max();
};

qint64 exceptionBytes(const std::vector<qsizetype> &indices)
{
    qint64 bytes = varintSize(indices.size());
    qsizetype next = 0;
    for (qsizetype index : indices) {
        bytes += varintSize(static_cast<quint64>(index - next)) + kExceptionBitsBytes;
        next = index + 1;
    }
    return bytes;
}

DecimalPlan planDecimalAtScale(std::span<const TimedValue> samples, int scale)
{
    DecimalPlan plan;
    plan.scale = scale;
    for (qsizetype i = 0; i < static_cast<qsizetype>(samples.size()); ++i) {
        const std::optional<qint64> scaled = scaleExactly(samples[i].value, scale);
        if (scaled)
            plan.scaled.push_back(static_cast<quint64>(*scaled));
        else
            plan.exceptionIndices.push_back(i);
    }
    if (plan.scaled.empty())
        return plan;
    plan.sequence = planSequence(plan.scaled);
    plan.bytes = 1 + exceptionBytes(plan.exceptionIndices) + plan.sequence.bytes;
    return plan;
}

// Tries every scale that is the smallest exact scale of some value: a larger one only inflates the integers,
// a smaller one turns more values into exceptions; the byte counts decide.
std::optional<DecimalPlan> planDecimalValues(std::span<const TimedValue> samples)
{
    std::array<bool, kMaxDecimalScale + 1> scaleOccurs{};
    for (const TimedValue &sample : samples) {
        const int scale = smallestExactScale(sample.value);
        if (scale >= 0)
            scaleOccurs[scale] = true;
    }
    std::optional<DecimalPlan> best;
    for (int scale = 0; scale <= kMaxDecimalScale; ++scale) {
        if (!scaleOccurs[scale])
            continue;
        DecimalPlan candidate = planDecimalAtScale(samples, scale);
        if (!best || candidate.bytes < best->bytes)
            best = std::move(candidate);
    }
    return best;
}

void appendUInt64LittleEndian(QByteArray &out, quint64 value)
{
    for (int i = 0; i < 8; ++i)
        out.append(static_cast<char>((value >> (8 * i)) & 0xff));
}

void writeDecimalValues(std::span<const TimedValue> samples, const DecimalPlan &plan, QByteArray &out)
{
    out.append(static_cast<char>(plan.scale));
    appendVarint(out, plan.exceptionIndices.size());
    qsizetype next = 0;
    for (qsizetype index : plan.exceptionIndices) {
        appendVarint(out, static_cast<quint64>(index - next));
        appendUInt64LittleEndian(out, bitsOf(samples[index].value));
        next = index + 1;
    }
    if (!plan.scaled.empty())
        writeSequence(plan.scaled, plan.sequence, out);
}

void writeXorValues(std::span<const double> values, BitWriter &bits)
{
    if (values.empty())
        return;
    quint64 previous = bitsOf(values[0]);
    bits.writeBits(previous, 64);
    int windowLeading = -1; // no window until the first full description
    int windowTrailing = 0;
    for (size_t i = 1; i < values.size(); ++i) {
        const quint64 current = bitsOf(values[i]);
        const quint64 difference = current ^ previous;
        previous = current;
        if (difference == 0) {
            bits.writeBit(false);
            continue;
        }
        bits.writeBit(true);
        const int leading = std::min(std::countl_zero(difference), kXorMaxLeadingZeros);
        const int trailing = std::countr_zero(difference);
        if (windowLeading >= 0 && leading >= windowLeading && trailing >= windowTrailing) {
            bits.writeBit(false);
            bits.writeBits(difference >> windowTrailing, 64 - windowLeading - windowTrailing);
            continue;
        }
        const int length = 64 - leading - trailing;
        bits.writeBit(true);
        bits.writeBits(static_cast<quint64>(leading), kXorLeadingZerosBits);
        bits.writeBits(static_cast<quint64>(length - 1), kXorLengthBits);
        bits.writeBits(difference >> trailing, length);
        windowLeading = leading;
        windowTrailing = trailing;
    }
}

QByteArray xorValueBytes(std::span<const TimedValue> samples)
{
    std::vector<double> values;
    values.reserve(samples.size());
    for (const TimedValue &sample : samples)
        values.push_back(sample.value);
    QByteArray out;
    BitWriter bits(out);
    writeXorValues(values, bits);
    bits.finish();
    return out;
}

// XOR needs 64 bits for the first value and at least one per further value; a decimal plan at or below that
// cannot lose, so the XOR attempt is skipped.
qint64 xorLowerBoundBytes(size_t count) { return 8 + (static_cast<qint64>(count) - 1) / 8; }

// ---------------------------------------------------------------------------------------------------------------
// Whole chunk: writing

void writeTimestamps(std::span<const TimedValue> samples, QByteArray &out)
{
    std::vector<quint64> timestamps;
    timestamps.reserve(samples.size());
    for (const TimedValue &sample : samples)
        timestamps.push_back(static_cast<quint64>(sample.ts));
    writeSequence(timestamps, planSequence(timestamps), out);
}

// Appends the cheaper value encoding and returns its id for the flags byte.
quint8 writeValues(std::span<const TimedValue> samples, bool allowDecimal, QByteArray &out)
{
    std::optional<DecimalPlan> decimal;
    if (allowDecimal)
        decimal = planDecimalValues(samples);
    if (decimal && decimal->bytes <= xorLowerBoundBytes(samples.size())) {
        writeDecimalValues(samples, *decimal, out);
        return kDecimalEncodingId;
    }
    const QByteArray xorBytes = xorValueBytes(samples);
    if (decimal && decimal->bytes <= xorBytes.size()) {
        writeDecimalValues(samples, *decimal, out);
        return kDecimalEncodingId;
    }
    out.append(xorBytes);
    return kXorEncodingId;
}

// qCompress output is a 4-byte big-endian size followed by the zlib stream; we keep only the stream and store
// the size as a varint.
std::optional<QByteArray> compressedBodyIfSmaller(const QByteArray &body)
{
    // Bodies past the decoder's inflate limit stay uncompressed so that every blob we write can be read back.
    if (body.size() < kMinBodyWorthCompressing || quint64(body.size()) > kMaxInflatedBodyBytes)
        return std::nullopt;
    const QByteArray qtCompressed = qCompress(body, kCompressionLevel);
    if (qtCompressed.size() <= 4)
        return std::nullopt;
    QByteArray framed;
    appendVarint(framed, static_cast<quint64>(body.size()));
    framed.append(QByteArrayView(qtCompressed).sliced(4));
    if (framed.size() >= body.size())
        return std::nullopt;
    return framed;
}

// ---------------------------------------------------------------------------------------------------------------
// Reading

bool readXorBits(BitReader &bits, quint64 count, std::vector<double> &out, QString &failure)
{
    if (count == 0)
        return true;
    if (static_cast<quint64>(bits.bitsRemaining()) < 64 + (count - 1)) {
        failure = QStringLiteral("XOR value count exceeds what the data can hold");
        return false;
    }
    out.reserve(out.size() + count);
    quint64 previous = 0;
    bits.readBits(64, previous);
    out.push_back(doubleFromBits(previous));
    int windowLeading = -1;
    int windowTrailing = 0;
    for (quint64 i = 1; i < count; ++i) {
        bool changed = false;
        bool newWindow = false;
        if (!bits.readBit(changed) || (changed && !bits.readBit(newWindow))) {
            failure = QStringLiteral("XOR value stream is truncated");
            return false;
        }
        if (changed) {
            if (newWindow) {
                quint64 leading = 0;
                quint64 lengthMinusOne = 0;
                if (!bits.readBits(kXorLeadingZerosBits, leading) || !bits.readBits(kXorLengthBits, lengthMinusOne)) {
                    failure = QStringLiteral("XOR value stream is truncated");
                    return false;
                }
                if (leading + lengthMinusOne + 1 > 64) {
                    failure = QStringLiteral("XOR window exceeds 64 bits");
                    return false;
                }
                windowLeading = static_cast<int>(leading);
                windowTrailing = 64 - windowLeading - static_cast<int>(lengthMinusOne + 1);
            } else if (windowLeading < 0) {
                failure = QStringLiteral("XOR stream reuses a window before defining one");
                return false;
            }
            quint64 meaningful = 0;
            if (!bits.readBits(64 - windowLeading - windowTrailing, meaningful)) {
                failure = QStringLiteral("XOR value stream is truncated");
                return false;
            }
            previous ^= meaningful << windowTrailing;
        }
        out.push_back(doubleFromBits(previous));
    }
    if (!bits.paddingIsZero()) {
        failure = QStringLiteral("XOR value stream has non-zero padding");
        return false;
    }
    return true;
}

// Reads the body (everything after the header, inflated if needed) into samples.
class ChunkBodyReader
{
public:
    ChunkBodyReader(QByteArrayView body, quint8 valueEncoding) : m_reader(body), m_valueEncoding(valueEncoding) {}

    Result<QList<TimedValue>> read()
    {
        quint64 count = 0;
        if (!m_reader.readVarint(count))
            return corruptChunk(QStringLiteral("sample count is missing"));
        if (count > kMaxSamples)
            return corruptChunk(QStringLiteral("sample count %1 is implausible").arg(count));
        if (count == 0) {
            if (!m_reader.atEnd())
                return corruptChunk(QStringLiteral("trailing bytes after an empty chunk"));
            return QList<TimedValue>{};
        }

        std::vector<quint64> timestamps;
        std::vector<double> values;
        if (!readSequence(count, timestamps) || !checkAscending(timestamps) || !readValues(count, values))
            return corruptChunk(m_failure);
        if (!m_reader.atEnd())
            return corruptChunk(QStringLiteral("%1 trailing bytes after the values").arg(m_reader.remaining()));

        QList<TimedValue> samples;
        samples.reserve(static_cast<qsizetype>(count));
        for (size_t i = 0; i < count; ++i)
            samples.append(TimedValue{static_cast<qint64>(timestamps[i]), values[i]});
        return samples;
    }

private:
    bool fail(const QString &why)
    {
        m_failure = why;
        return false;
    }

    bool truncated(const QString &what) { return fail(what + QStringLiteral(" is truncated")); }

    bool checkAscending(const std::vector<quint64> &timestamps)
    {
        for (size_t i = 1; i < timestamps.size(); ++i) {
            if (static_cast<qint64>(timestamps[i]) <= static_cast<qint64>(timestamps[i - 1]))
                return fail(QStringLiteral("timestamps are not strictly ascending"));
        }
        return true;
    }

    // Reads a sequence of count integers into out (which must be empty).
    bool readSequence(quint64 count, std::vector<quint64> &out)
    {
        quint8 predictorId = 0;
        quint64 first = 0;
        if (!m_reader.readByte(predictorId) || !m_reader.readVarint(first))
            return truncated(QStringLiteral("sequence header"));
        if (predictorId >= kPredictorCount)
            return fail(QStringLiteral("unknown predictor %1").arg(int(predictorId)));
        SequenceModel model;
        model.predictor = static_cast<Predictor>(predictorId);
        if (model.predictor == Predictor::Step) {
            quint64 step = 0;
            if (!m_reader.readVarint(step))
                return truncated(QStringLiteral("sequence header"));
            model.step = zigzagDecode(step);
        }
        quint64 factor = 0;
        if (!m_reader.readVarint(factor))
            return truncated(QStringLiteral("sequence header"));
        if (factor == 0)
            return fail(QStringLiteral("sequence factor is zero"));

        out.push_back(zigzagDecode(first));
        if (!readIntStream(count - 1, out))
            return false;
        for (size_t i = 1; i < out.size(); ++i)
            out[i] = zigzagDecode(out[i]) * factor + predicted(out, i, model); // modulo 2^64, like the encoder
        return true;
    }

    bool readIntStream(quint64 count, std::vector<quint64> &out)
    {
        if (count == 0)
            return true;
        quint8 mode = 0;
        if (!m_reader.readByte(mode))
            return truncated(QStringLiteral("integer stream"));
        switch (static_cast<IntStreamMode>(mode)) {
        case IntStreamMode::ZeroRuns:
            return readZeroRuns(count, out);
        case IntStreamMode::Buckets:
            return readBuckets(count, out);
        }
        return fail(QStringLiteral("unknown integer stream mode %1").arg(int(mode)));
    }

    bool readZeroRuns(quint64 count, std::vector<quint64> &out)
    {
        quint64 produced = 0;
        while (produced < count) {
            quint64 run = 0;
            if (!m_reader.readVarint(run))
                return truncated(QStringLiteral("zero-run stream"));
            if (run > count - produced)
                return fail(QStringLiteral("zero run overshoots the sample count"));
            out.insert(out.end(), run, 0);
            produced += run;
            if (produced == count)
                break;
            quint64 valueMinusOne = 0;
            if (!m_reader.readVarint(valueMinusOne))
                return truncated(QStringLiteral("zero-run stream"));
            if (valueMinusOne == std::numeric_limits<quint64>::max())
                return fail(QStringLiteral("zero-run value out of range"));
            out.push_back(valueMinusOne + 1);
            ++produced;
        }
        return true;
    }

    bool readBucketWidths(int &bucketCount, std::array<int, kMaxBucketsInFormat> &widths)
    {
        quint8 countByte = 0;
        if (!m_reader.readByte(countByte))
            return truncated(QStringLiteral("bucket header"));
        if (countByte < 1 || countByte > kMaxBucketsInFormat)
            return fail(QStringLiteral("bucket count %1 is out of range").arg(int(countByte)));
        bucketCount = countByte;
        for (int bucket = 0; bucket < bucketCount; ++bucket) {
            quint8 width = 0;
            if (!m_reader.readByte(width))
                return truncated(QStringLiteral("bucket header"));
            if (width > 64 || (bucket > 0 && width <= widths[bucket - 1]))
                return fail(QStringLiteral("bucket widths are not ascending within 0..64"));
            widths[bucket] = width;
        }
        if (bucketCount == 1 && widths[0] == 0)
            return fail(QStringLiteral("a single zero-width bucket is not a valid stream"));
        return true;
    }

    bool readBuckets(quint64 count, std::vector<quint64> &out)
    {
        int bucketCount = 0;
        std::array<int, kMaxBucketsInFormat> widths{};
        if (!readBucketWidths(bucketCount, widths))
            return false;
        // Every value costs at least one bit (see readBucketWidths), so this bounds count before allocating.
        BitReader bits(m_reader.rest());
        if (count > static_cast<quint64>(bits.bitsRemaining()))
            return fail(QStringLiteral("value count exceeds what the data can hold"));
        out.reserve(out.size() + count);
        for (quint64 i = 0; i < count; ++i) {
            int bucket = 0;
            bool more = false;
            while (bucket < bucketCount - 1) {
                if (!bits.readBit(more))
                    return truncated(QStringLiteral("bucket stream"));
                if (!more)
                    break;
                ++bucket;
            }
            quint64 value = 0;
            if (!bits.readBits(widths[bucket], value))
                return truncated(QStringLiteral("bucket stream"));
            out.push_back(value);
        }
        if (!bits.paddingIsZero())
            return fail(QStringLiteral("bucket stream has non-zero padding"));
        return m_reader.skip(bits.bytesConsumed()) || truncated(QStringLiteral("bucket stream"));
    }

    bool readValues(quint64 count, std::vector<double> &values)
    {
        if (m_valueEncoding == kXorEncodingId)
            return readXorValues(count, values);
        return readDecimalValues(count, values);
    }

    bool readXorValues(quint64 count, std::vector<double> &values)
    {
        BitReader bits(m_reader.rest());
        QString failure;
        if (!readXorBits(bits, count, values, failure))
            return fail(failure);
        return m_reader.skip(bits.bytesConsumed()) || truncated(QStringLiteral("XOR value stream"));
    }

    bool readExceptions(quint64 count, std::vector<qsizetype> &indices, std::vector<quint64> &bits)
    {
        quint64 exceptionCount = 0;
        if (!m_reader.readVarint(exceptionCount))
            return truncated(QStringLiteral("exception list"));
        if (exceptionCount > count
            || exceptionCount > static_cast<quint64>(m_reader.remaining()) / (1 + kExceptionBitsBytes))
            return fail(QStringLiteral("exception count exceeds what the data can hold"));
        quint64 next = 0;
        for (quint64 i = 0; i < exceptionCount; ++i) {
            quint64 gap = 0;
            quint64 valueBits = 0;
            if (!m_reader.readVarint(gap) || !m_reader.readUInt64LittleEndian(valueBits))
                return truncated(QStringLiteral("exception list"));
            if (gap >= count - next)
                return fail(QStringLiteral("exception index beyond the sample count"));
            indices.push_back(static_cast<qsizetype>(next + gap));
            bits.push_back(valueBits);
            next += gap + 1;
        }
        return true;
    }

    bool readDecimalValues(quint64 count, std::vector<double> &values)
    {
        quint8 scale = 0;
        if (!m_reader.readByte(scale))
            return truncated(QStringLiteral("decimal values"));
        if (scale > kMaxDecimalScale)
            return fail(QStringLiteral("decimal scale %1 is out of range").arg(int(scale)));
        std::vector<qsizetype> exceptionIndices;
        std::vector<quint64> exceptionBits;
        if (!readExceptions(count, exceptionIndices, exceptionBits))
            return false;
        std::vector<quint64> scaled;
        const quint64 scaledCount = count - exceptionIndices.size();
        if (scaledCount > 0 && !readSequence(scaledCount, scaled))
            return false;

        values.reserve(count);
        size_t nextException = 0;
        size_t nextScaled = 0;
        for (quint64 i = 0; i < count; ++i) {
            if (nextException < exceptionIndices.size() && quint64(exceptionIndices[nextException]) == i) {
                values.push_back(doubleFromBits(exceptionBits[nextException++]));
                continue;
            }
            const qint64 scaledValue = static_cast<qint64>(scaled[nextScaled++]);
            if (scaledValue < -kMaxScaledInteger || scaledValue > kMaxScaledInteger)
                return fail(QStringLiteral("scaled value out of range"));
            values.push_back(unscale(scaledValue, scale));
        }
        return true;
    }

    ByteReader m_reader;
    quint8 m_valueEncoding = kDecimalEncodingId;
    QString m_failure;
};

bool looksLikeZlibStream(QByteArrayView stream)
{
    if (stream.size() < 2)
        return false;
    const quint8 method = static_cast<quint8>(stream[0]);
    const quint8 flags = static_cast<quint8>(stream[1]);
    const bool deflate = (method & 0x0f) == 8 && (method >> 4) <= 7;
    const bool checksumOk = ((quint32(method) << 8) | flags) % 31 == 0;
    const bool noPresetDictionary = (flags & 0x20) == 0;
    return deflate && checksumOk && noPresetDictionary;
}

// The claimed size is checked before qUncompress sees it, because qUncompress allocates it up front.
Result<QByteArray> inflateBody(ByteReader &reader)
{
    quint64 bodySize = 0;
    if (!reader.readVarint(bodySize))
        return corruptChunk(QStringLiteral("compressed body size is missing"));
    const QByteArrayView stream = reader.rest();
    const quint64 plausibleLimit = std::min(kMaxInflatedBodyBytes, kMaxDeflateRatio * quint64(stream.size()) + 64);
    if (bodySize == 0 || bodySize > plausibleLimit)
        return corruptChunk(QStringLiteral("compressed body claims an implausible size"));
    if (!looksLikeZlibStream(stream))
        return corruptChunk(QStringLiteral("compressed body is not a zlib stream"));

    QByteArray qtFramed;
    qtFramed.reserve(4 + stream.size());
    for (int shift = 24; shift >= 0; shift -= 8)
        qtFramed.append(static_cast<char>((bodySize >> shift) & 0xff));
    qtFramed.append(stream);
    QByteArray body = qUncompress(qtFramed);
    if (quint64(body.size()) != bodySize)
        return corruptChunk(QStringLiteral("compressed body does not inflate to its claimed size"));
    return body;
}

} // namespace

// ---------------------------------------------------------------------------------------------------------------
// Public API

namespace detail {

QByteArray encodeChunk(std::span<const TimedValue> samples, const EncodeOptions &options)
{
    Q_ASSERT(samples.size() <= kMaxSamples);
    Q_ASSERT(std::adjacent_find(samples.begin(), samples.end(), [](const TimedValue &a, const TimedValue &b) {
                 return a.ts >= b.ts;
             }) == samples.end());

    QByteArray body;
    appendVarint(body, samples.size());
    quint8 valueEncoding = kDecimalEncodingId;
    if (!samples.empty()) {
        writeTimestamps(samples, body);
        valueEncoding = writeValues(samples, options.allowDecimal, body);
    }

    quint8 flags = static_cast<quint8>(valueEncoding << kValueEncodingShift);
    std::optional<QByteArray> compressed;
    if (options.allowCompression)
        compressed = compressedBodyIfSmaller(body);
    if (compressed)
        flags |= kFlagCompressed;

    QByteArray blob;
    const QByteArray &payload = compressed ? *compressed : body;
    blob.reserve(2 + payload.size());
    blob.append(static_cast<char>(kFormatVersion));
    blob.append(static_cast<char>(flags));
    blob.append(payload);
    return blob;
}

Result<ChunkHeader> inspectChunk(QByteArrayView blob)
{
    ByteReader reader(blob);
    quint8 version = 0;
    quint8 flags = 0;
    if (!reader.readByte(version) || !reader.readByte(flags))
        return corruptChunk(QStringLiteral("header is truncated"));
    if (version != kFormatVersion) {
        return Error::make(Error::Code::Parse,
                           QStringLiteral("Stored samples use a format this version of Stackscope cannot read."),
                           QStringLiteral("chunk codec: unsupported format version %1").arg(int(version)));
    }
    if ((flags & kReservedFlags) != 0)
        return corruptChunk(QStringLiteral("reserved flag bits are set"));
    const quint8 valueEncoding = (flags & kValueEncodingMask) >> kValueEncodingShift;
    if (valueEncoding != kDecimalEncodingId && valueEncoding != kXorEncodingId)
        return corruptChunk(QStringLiteral("unknown value encoding %1").arg(int(valueEncoding)));
    ChunkHeader header;
    header.compressed = (flags & kFlagCompressed) != 0;
    header.values = valueEncoding == kXorEncodingId ? ValueEncoding::Xor : ValueEncoding::Decimal;
    return header;
}

QByteArray encodeXorValues(std::span<const double> values)
{
    QByteArray out;
    BitWriter bits(out);
    writeXorValues(values, bits);
    bits.finish();
    return out;
}

Result<QList<double>> decodeXorValues(QByteArrayView stream, qsizetype count)
{
    if (count < 0 || quint64(count) > kMaxSamples)
        return corruptChunk(QStringLiteral("XOR value count is implausible"));
    BitReader bits(stream);
    std::vector<double> values;
    QString failure;
    if (!readXorBits(bits, quint64(count), values, failure))
        return corruptChunk(failure);
    if (bits.bytesConsumed() != stream.size())
        return corruptChunk(QStringLiteral("trailing bytes after the XOR value stream"));
    return QList<double>(values.begin(), values.end());
}

} // namespace detail

QByteArray encodeChunk(std::span<const TimedValue> samples)
{
    return detail::encodeChunk(samples, detail::EncodeOptions{});
}

Result<QList<TimedValue>> decodeChunk(QByteArrayView blob)
{
    const Result<detail::ChunkHeader> header = detail::inspectChunk(blob);
    if (!header)
        return header.error();
    ByteReader reader(blob);
    reader.skip(2);
    const quint8 valueEncoding = header->values == detail::ValueEncoding::Xor ? kXorEncodingId : kDecimalEncodingId;
    if (!header->compressed)
        return ChunkBodyReader(reader.rest(), valueEncoding).read();

    const Result<QByteArray> body = inflateBody(reader);
    if (!body)
        return body.error();
    return ChunkBodyReader(*body, valueEncoding).read();
}

} // namespace stackscope::storage
