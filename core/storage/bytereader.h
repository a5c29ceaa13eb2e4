#pragma once

#include "storage/varint.h"

#include <QByteArrayView>
#include <QtGlobal>

namespace stackscope::storage {

// Bounds-checked cursor over an untrusted byte buffer. Every read reports failure instead of reading past the
// end, and a failed read leaves the cursor where it was.
class ByteReader
{
public:
    explicit ByteReader(QByteArrayView data) : m_data(data) {}

    qsizetype position() const { return m_pos; }
    qsizetype remaining() const { return m_data.size() - m_pos; }
    bool atEnd() const { return m_pos == m_data.size(); }
    QByteArrayView rest() const { return m_data.sliced(m_pos); }

    bool skip(qsizetype bytes)
    {
        if (bytes < 0 || bytes > remaining())
            return false;
        m_pos += bytes;
        return true;
    }

    bool readByte(quint8 &out)
    {
        if (remaining() < 1)
            return false;
        out = byteAt(m_pos++);
        return true;
    }

    bool readUInt64LittleEndian(quint64 &out)
    {
        if (remaining() < 8)
            return false;
        quint64 value = 0;
        for (int i = 7; i >= 0; --i)
            value = (value << 8) | byteAt(m_pos + i);
        m_pos += 8;
        out = value;
        return true;
    }

    // Rejects varints longer than 10 bytes and 10-byte varints whose last byte would overflow 64 bits, so a
    // value has exactly one accepted encoding length bound and garbage cannot shift bits into oblivion.
    bool readVarint(quint64 &out)
    {
        quint64 value = 0;
        for (int i = 0; i < kMaxVarintBytes; ++i) {
            if (m_pos + i >= m_data.size())
                return false;
            const quint8 byte = byteAt(m_pos + i);
            const bool lastPossibleByte = i == kMaxVarintBytes - 1;
            if (lastPossibleByte && byte > 1)
                return false;
            value |= quint64(byte & 0x7f) << (7 * i);
            if ((byte & 0x80) == 0) {
                m_pos += i + 1;
                out = value;
                return true;
            }
        }
        return false;
    }

private:
    quint8 byteAt(qsizetype index) const { return static_cast<quint8>(m_data[index]); }

    QByteArrayView m_data;
    qsizetype m_pos = 0;
};

} // namespace stackscope::storage
