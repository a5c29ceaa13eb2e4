#include "sigv4signer.h"

#include "secrets/securebytes.h"

#include <QCryptographicHash>
#include <QDateTime>

#include <algorithm>
#include <cstring>
#include <map>

namespace stackscope::connectors::aws {

namespace {

constexpr qsizetype kHmacBlock = 64; // SHA-256 block size
constexpr char kAlgorithm[] = "AWS4-HMAC-SHA256";


void copyInto(secrets::SecureBytes &target, std::size_t offset, QByteArrayView bytes)
{
    if (!bytes.isEmpty())
        std::memcpy(target.data() + offset, bytes.data(), std::size_t(bytes.size()));
}

// RFC 2104 HMAC-SHA256 with the key, its pads and the inner digest in guarded memory.
secrets::SecureBytes hmacSha256(QByteArrayView key, QByteArrayView message)
{
    secrets::SecureBytes block(kHmacBlock);
    if (key.size() > kHmacBlock) {
        QCryptographicHash keyHash(QCryptographicHash::Sha256);
        keyHash.addData(key);
        copyInto(block, 0, keyHash.resultView());
        keyHash.reset();
    } else {
        copyInto(block, 0, key);
    }
    secrets::SecureBytes pad(kHmacBlock);
    for (qsizetype i = 0; i < kHmacBlock; ++i)
        pad.data()[i] = block.data()[i] ^ 0x36;
    QCryptographicHash inner(QCryptographicHash::Sha256);
    inner.addData(pad.view());
    inner.addData(message);
    secrets::SecureBytes innerDigest(inner.resultView());
    inner.reset();

    for (qsizetype i = 0; i < kHmacBlock; ++i)
        pad.data()[i] = block.data()[i] ^ 0x5c;
    QCryptographicHash outer(QCryptographicHash::Sha256);
    outer.addData(pad.view());
    outer.addData(innerDigest.view());
    secrets::SecureBytes digest(outer.resultView());
    outer.reset();
    return digest;
}

bool isUnreserved(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
           || c == '.' || c == '~';
}

// Trimmed, with every run of spaces (and tabs) collapsed to one space.
QByteArray trimAll(const QByteArray &value)
{
    QByteArray out;
    out.reserve(value.size());
    bool pendingSpace = false;
    for (char c : value.trimmed()) {
        if (c == ' ' || c == '\t') {
            pendingSpace = true;
            continue;
        }
        if (pendingSpace)
            out += ' ';
        pendingSpace = false;
        out += c;
    }
    return out;
}

QByteArray headerValue(const ByteHeaders &headers, QByteArrayView name)
{
    for (const auto &[key, value] : headers) {
        if (QByteArrayView(key).compare(name, Qt::CaseInsensitive) == 0)
            return value.trimmed();
    }
    return {};
}

bool isAmzDate(const QByteArray &value)
{
    if (value.size() != 16 || value.at(8) != 'T' || value.at(15) != 'Z')
        return false;
    for (int i = 0; i < 15; ++i) {
        if (i != 8 && (value.at(i) < '0' || value.at(i) > '9'))
            return false;
    }
    return true;
}

} // namespace

SigV4Signer::SigV4Signer(QByteArray region, QByteArray service)
    : m_region(std::move(region)), m_service(std::move(service))
{
}

QByteArray SigV4Signer::uriEncode(QByteArrayView bytes, bool encodeSlash)
{
    static const char hex[] = "0123456789ABCDEF";
    QByteArray out;
    out.reserve(bytes.size() * 3);
    for (char c : bytes) {
        if (isUnreserved(c) || (c == '/' && !encodeSlash)) {
            out += c;
        } else {
            const auto byte = static_cast<unsigned char>(c);
            out += '%';
            out += hex[byte >> 4];
            out += hex[byte & 0x0f];
        }
    }
    return out;
}

QByteArray SigV4Signer::sha256Hex(QByteArrayView bytes)
{
    return QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex();
}

QByteArray SigV4Signer::amzDate(qint64 epochMs)
{
    return QDateTime::fromMSecsSinceEpoch(epochMs, Qt::UTC).toString(QStringLiteral("yyyyMMdd'T'HHmmss'Z'")).toLatin1();
}

QByteArray SigV4Signer::canonicalRequest(const SigV4Request &request, QByteArray *signedHeaders)
{
    // Query: every name and value encoded, sorted by name, then by value.
    QList<QPair<QByteArray, QByteArray>> query;
    for (const auto &[name, value] : request.query)
        query.append({uriEncode(name, true), uriEncode(value, true)});
    std::sort(query.begin(), query.end());
    QByteArray canonicalQuery;
    for (const auto &[name, value] : std::as_const(query)) {
        if (!canonicalQuery.isEmpty())
            canonicalQuery += '&';
        canonicalQuery += name + '=' + value;
    }

    // Headers: lower-case names, sorted; repeated names joined with commas in the order given.
    std::map<QByteArray, QList<QByteArray>> headers;
    for (const auto &[name, value] : request.headers)
        headers[name.trimmed().toLower()].append(trimAll(value));
    QByteArray canonicalHeaders;
    QByteArray signedList;
    for (const auto &[name, values] : headers) {
        canonicalHeaders += name + ':' + values.join(',') + '\n';
        if (!signedList.isEmpty())
            signedList += ';';
        signedList += name;
    }
    if (signedHeaders)
        *signedHeaders = signedList;

    const QByteArray path = request.path.isEmpty() ? QByteArray("/") : request.path;
    return request.method.toUpper() + '\n' + uriEncode(path, false) + '\n' + canonicalQuery + '\n' + canonicalHeaders
           + '\n' + signedList + '\n' + sha256Hex(request.body);
}

QByteArray SigV4Signer::credentialScope(QByteArrayView date) const
{
    return date.toByteArray() + '/' + m_region + '/' + m_service + "/aws4_request";
}

QByteArray SigV4Signer::stringToSign(QByteArrayView amzDateValue, const QByteArray &canonicalRequestText) const
{
    return QByteArray(kAlgorithm) + '\n' + amzDateValue.toByteArray() + '\n' + credentialScope(amzDateValue.first(8))
           + '\n' + sha256Hex(canonicalRequestText);
}

QByteArray SigV4Signer::signature(const secrets::SecureBytes &secretKey, QByteArrayView amzDateValue,
                                  const QByteArray &stringToSignText) const
{
    secrets::SecureBytes key(4 + secretKey.size());
    copyInto(key, 0, "AWS4");
    copyInto(key, 4, secretKey.view());
    const secrets::SecureBytes dateKey = hmacSha256(key.view(), amzDateValue.first(8));
    const secrets::SecureBytes regionKey = hmacSha256(dateKey.view(), m_region);
    const secrets::SecureBytes serviceKey = hmacSha256(regionKey.view(), m_service);
    const secrets::SecureBytes signingKey = hmacSha256(serviceKey.view(), "aws4_request");
    const secrets::SecureBytes mac = hmacSha256(signingKey.view(), stringToSignText);
    QByteArray raw(mac.constChar(), qsizetype(mac.size()));
    const QByteArray hex = raw.toHex();
    secrets::wipe(raw);
    return hex;
}

QByteArray SigV4Signer::authorization(QByteArrayView accessKeyId, const secrets::SecureBytes &secretKey,
                                      const SigV4Request &request) const
{
    const QByteArray date = headerValue(request.headers, "x-amz-date");
    if (!isAmzDate(date) || secretKey.isEmpty() || accessKeyId.isEmpty())
        return {};
    QByteArray signedHeaders;
    const QByteArray canonical = canonicalRequest(request, &signedHeaders);
    const QByteArray sts = stringToSign(date, canonical);
    return QByteArray(kAlgorithm) + " Credential=" + accessKeyId.toByteArray() + '/' + credentialScope(date.first(8))
           + ", SignedHeaders=" + signedHeaders + ", Signature=" + signature(secretKey, date, sts);
}

} // namespace stackscope::connectors::aws
