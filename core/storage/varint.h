#pragma once

#include <QByteArray>
#include <QtGlobal>

// LEB128 varints and zig-zag mapping for the chunk codec. All arithmetic is on quint64 so that wrap-around is
// defined behaviour; callers convert to qint64 only at the edges (C++20 makes that conversion modular).

namespace stackscope::storage {

// Maps signed values (stored as their two's-complement bits) to unsigned so small magnitudes stay small:
// 0, -1, 1, -2, 2 ... -> 0, 1, 2, 3, 4 ...
constexpr quint64 zigzagEncode(quint64 twosComplement)
{
    return (twosComplement << 1) ^ (quint64(0) - (twosComplement >> 63));
}

constexpr quint64 zigzagDecode(quint64 zigzag)
{
    return (zigzag >> 1) ^ (quint64(0) - (zigzag & 1));
}

// Largest varint we ever write: 64 bits / 7 bits per byte, rounded up.
inline constexpr int kMaxVarintBytes = 10;

constexpr int varintSize(quint64 value)
{
    int bytes = 1;
    while (value >= 0x80) {
        value >>= 7;
        ++bytes;
    }
    return bytes;
}

inline void appendVarint(QByteArray &out, quint64 value)
{
    while (value >= 0x80) {
        out.append(static_cast<char>((value & 0x7f) | 0x80));
        value >>= 7;
    }
    out.append(static_cast<char>(value));
}

} // namespace stackscope::storage
