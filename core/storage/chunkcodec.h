#pragma once

#include "model/sample.h"
#include "util/result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

#include <span>

namespace stackscope::storage {

// Compact encoding of one series' raw samples for one time block (see docs/ARCHITECTURE.md, "Raw chunks").
// Input must be sorted by strictly ascending timestamp and hold finite values.
QByteArray encodeChunk(std::span<const TimedValue> samples);

// Decodes a blob made by encodeChunk. Malformed or truncated input yields Error::Code::Parse, never a crash.
Result<QList<TimedValue>> decodeChunk(QByteArrayView blob);

// Knobs and building blocks exposed for tests and benchmarks only; production code uses the two functions above.
namespace detail {

struct EncodeOptions
{
    bool allowDecimal = true;     // false forces the XOR fallback for values
    bool allowCompression = true; // false skips the final zlib pass
};

QByteArray encodeChunk(std::span<const TimedValue> samples, const EncodeOptions &options);

enum class ValueEncoding { Decimal, Xor };

struct ChunkHeader
{
    bool compressed = false;
    ValueEncoding values = ValueEncoding::Decimal;
};

// Reads only the two header bytes; says nothing about whether the rest decodes.
Result<ChunkHeader> inspectChunk(QByteArrayView blob);

// Gorilla-style XOR bit stream of doubles (Pelkonen et al., VLDB 2015), zero-padded to whole bytes: the value
// fallback inside chunks, and the baseline the benchmark compares against.
QByteArray encodeXorValues(std::span<const double> values);
Result<QList<double>> decodeXorValues(QByteArrayView stream, qsizetype count);

} // namespace detail

} // namespace stackscope::storage
