#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <cstddef>

namespace stackscope::secrets {

// Secret bytes in locked, guarded memory (libsodium's sodium_malloc), wiped on destruction.
// Move-only: a secret is never copied by accident. Convert to QByteArray/QString only at the point of use.
class SecureBytes
{
public:
    SecureBytes() = default;
    explicit SecureBytes(std::size_t size);           // zero-filled
    explicit SecureBytes(QByteArrayView bytes);       // copies into secure memory
    ~SecureBytes();
    SecureBytes(SecureBytes &&other) noexcept;
    SecureBytes &operator=(SecureBytes &&other) noexcept;
    SecureBytes(const SecureBytes &) = delete;
    SecureBytes &operator=(const SecureBytes &) = delete;

    static SecureBytes random(std::size_t size);       // randombytes_buf
    // Lower-case hex of the bytes, itself in secure memory.
    SecureBytes toHex() const;
    // Parses hex (whitespace around it is ignored); empty on malformed input.
    static SecureBytes fromHex(QByteArrayView hex);

    unsigned char *data() { return m_data; }
    const unsigned char *data() const { return m_data; }
    const char *constChar() const { return reinterpret_cast<const char *>(m_data); }
    std::size_t size() const { return m_size; }
    bool isEmpty() const { return m_size == 0; }
    QByteArrayView view() const { return {constChar(), qsizetype(m_size)}; }

    bool constantTimeEquals(const SecureBytes &other) const;

private:
    void release();
    unsigned char *m_data = nullptr;
    std::size_t m_size = 0;
};

// libsodium must be initialised once before any secret is made; safe to call many times.
bool initSodium();

// Overwrites (in a way the compiler cannot drop) and empties a temporary that held secret bytes, e.g. a header
// value built at the point of a request.
void wipe(QByteArray &bytes);

} // namespace stackscope::secrets
