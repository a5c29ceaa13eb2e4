#pragma once

#include <QByteArrayView>
#include <QtGlobal>

namespace stackscope::storage {

// Most-significant-bit-first reader over an untrusted buffer, the counterpart of BitWriter. Reads past the end
// fail instead of inventing bits.
class BitReader
{
public:
    explicit BitReader(QByteArrayView data) : m_data(data) {}

    qint64 bitsRemaining() const { return qint64(m_data.size()) * 8 - m_bitPos; }

    // Whole bytes touched so far, i.e. where the byte-aligned data after this bit stream starts.
    qsizetype bytesConsumed() const { return static_cast<qsizetype>((m_bitPos + 7) / 8); }

    // The writer pads the last byte with zeros; anything else means the stream was not ours.
    bool paddingIsZero() const
    {
        const int used = static_cast<int>(m_bitPos % 8);
        if (used == 0)
            return true;
        const quint8 byte = byteAt(static_cast<qsizetype>(m_bitPos / 8));
        return (byte & ((1u << (8 - used)) - 1)) == 0;
    }

    bool readBit(bool &out)
    {
        if (bitsRemaining() < 1)
            return false;
        const quint8 byte = byteAt(static_cast<qsizetype>(m_bitPos / 8));
        out = ((byte >> (7 - m_bitPos % 8)) & 1) != 0;
        ++m_bitPos;
        return true;
    }

    // Reads `count` bits (0 <= count <= 64) into the low bits of out.
    bool readBits(int count, quint64 &out)
    {
        if (count < 0 || count > 64 || bitsRemaining() < count)
            return false;
        quint64 value = 0;
        while (count > 0) {
            const int bitInByte = static_cast<int>(m_bitPos % 8);
            const int available = 8 - bitInByte;
            const int take = count < available ? count : available;
            const quint8 byte = byteAt(static_cast<qsizetype>(m_bitPos / 8));
            const quint64 bits = (byte >> (available - take)) & ((1u << take) - 1);
            value = (value << take) | bits;
            m_bitPos += take;
            count -= take;
        }
        out = value;
        return true;
    }

private:
    quint8 byteAt(qsizetype index) const { return static_cast<quint8>(m_data[index]); }

    QByteArrayView m_data;
    qint64 m_bitPos = 0;
};

} // namespace stackscope::storage
