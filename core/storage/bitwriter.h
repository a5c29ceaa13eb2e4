#pragma once

#include <QByteArray>
#include <QtGlobal>

namespace stackscope::storage {

// Appends a most-significant-bit-first bit stream to a byte array. finish() pads the last byte with zero bits;
// readers check that padding, so it must be called exactly once at the end.
class BitWriter
{
public:
    explicit BitWriter(QByteArray &out) : m_out(out) {}

    void writeBit(bool bit) { writeBits(bit ? 1 : 0, 1); }

    // Writes the low `count` bits of value (0 <= count <= 64); higher bits of value are ignored.
    void writeBits(quint64 value, int count)
    {
        if (count > 32) {
            // Keeps the accumulator below 64 bits: at most 7 pending + 32 new.
            writeBits(value >> 32, count - 32);
            count = 32;
        }
        if (count <= 0)
            return;
        const quint64 low = value & ((quint64(1) << count) - 1);
        m_pending = (m_pending << count) | low;
        m_pendingBits += count;
        while (m_pendingBits >= 8) {
            m_pendingBits -= 8;
            m_out.append(static_cast<char>((m_pending >> m_pendingBits) & 0xff));
        }
        m_pending &= (quint64(1) << m_pendingBits) - 1;
    }

    void finish()
    {
        if (m_pendingBits > 0)
            writeBits(0, 8 - m_pendingBits);
    }

private:
    QByteArray &m_out;
    quint64 m_pending = 0; // the low m_pendingBits bits are not yet written
    int m_pendingBits = 0;
};

} // namespace stackscope::storage
