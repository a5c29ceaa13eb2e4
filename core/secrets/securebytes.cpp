#include "secrets/securebytes.h"

#include <sodium.h>

#include <cstring>
#include <new>
#include <utility>

namespace stackscope::secrets {

bool initSodium()
{
    static const bool ok = sodium_init() >= 0;
    return ok;
}

void wipe(QByteArray &bytes)
{
    if (!bytes.isEmpty())
        sodium_memzero(bytes.data(), std::size_t(bytes.size()));
    bytes.clear();
}

SecureBytes::SecureBytes(std::size_t size)
{
    if (size == 0)
        return;
    initSodium();
    m_data = static_cast<unsigned char *>(sodium_malloc(size));
    if (!m_data)
        throw std::bad_alloc(); // out of locked memory is not recoverable at the call site
    m_size = size;
    sodium_memzero(m_data, size);
}

SecureBytes::SecureBytes(QByteArrayView bytes) : SecureBytes(std::size_t(bytes.size()))
{
    if (m_size)
        std::memcpy(m_data, bytes.data(), m_size);
}

SecureBytes::~SecureBytes()
{
    release();
}

SecureBytes::SecureBytes(SecureBytes &&other) noexcept
    : m_data(std::exchange(other.m_data, nullptr)), m_size(std::exchange(other.m_size, 0))
{
}

SecureBytes &SecureBytes::operator=(SecureBytes &&other) noexcept
{
    if (this != &other) {
        release();
        m_data = std::exchange(other.m_data, nullptr);
        m_size = std::exchange(other.m_size, 0);
    }
    return *this;
}

void SecureBytes::release()
{
    if (m_data)
        sodium_free(m_data); // wipes before freeing
    m_data = nullptr;
    m_size = 0;
}

SecureBytes SecureBytes::random(std::size_t size)
{
    SecureBytes bytes(size);
    if (size)
        randombytes_buf(bytes.m_data, size);
    return bytes;
}

SecureBytes SecureBytes::toHex() const
{
    SecureBytes hex(m_size * 2 + 1);
    if (m_size)
        sodium_bin2hex(reinterpret_cast<char *>(hex.m_data), hex.m_size, m_data, m_size);
    // Drop the terminating NUL from the visible size; the buffer still holds it for C APIs.
    hex.m_size = m_size * 2;
    return hex;
}

SecureBytes SecureBytes::fromHex(QByteArrayView hex)
{
    QByteArrayView trimmed = hex.trimmed();
    if (trimmed.isEmpty() || trimmed.size() % 2 != 0)
        return {};
    SecureBytes out(std::size_t(trimmed.size() / 2));
    size_t written = 0;
    const char *end = nullptr;
    if (sodium_hex2bin(out.m_data, out.m_size, trimmed.data(), std::size_t(trimmed.size()), nullptr, &written, &end) != 0
        || written != out.m_size || end != trimmed.data() + trimmed.size())
        return {};
    return out;
}

bool SecureBytes::constantTimeEquals(const SecureBytes &other) const
{
    return m_size == other.m_size && (m_size == 0 || sodium_memcmp(m_data, other.m_data, m_size) == 0);
}

} // namespace stackscope::secrets
