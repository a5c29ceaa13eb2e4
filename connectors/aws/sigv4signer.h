#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QPair>

namespace stackscope::secrets {
class SecureBytes;
}

namespace stackscope::connectors::aws {

using ByteHeaders = QList<QPair<QByteArray, QByteArray>>;

// One request as SigV4 sees it. Everything here is signed: the caller sends exactly these headers (and no other
// header that the signature would have to cover).
struct SigV4Request
{
    QByteArray method = "POST";
    QByteArray path = "/";  // decoded (UTF-8) path; encoded here, segment by segment
    ByteHeaders query;      // decoded name/value pairs, in any order
    ByteHeaders headers;    // names in any case; must include "host" and "x-amz-date" (YYYYMMDDTHHMMSSZ)
    QByteArray body;
};

// AWS Signature Version 4 (AWS4-HMAC-SHA256), pure: no clock, no network. Checked against AWS's published test
// suite (tests/data/aws/sigv4). The secret key only ever lives in SecureBytes: the HMAC is done here over
// QCryptographicHash with the key pads and every derived key in guarded memory (QMessageAuthenticationCode would
// keep an unwiped copy of the key), and the hashes' byte arrays are wiped after use.
class SigV4Signer
{
public:
    SigV4Signer(QByteArray region, QByteArray service);

    // "AWS4-HMAC-SHA256 Credential=<id>/<scope>, SignedHeaders=<list>, Signature=<hex>"; empty when the request
    // lacks a usable x-amz-date header.
    QByteArray authorization(QByteArrayView accessKeyId, const secrets::SecureBytes &secretKey,
                             const SigV4Request &request) const;

    // The steps, exposed for the test-suite vectors.
    static QByteArray canonicalRequest(const SigV4Request &request, QByteArray *signedHeaders = nullptr);
    QByteArray credentialScope(QByteArrayView date) const; // "20150830/us-east-1/service/aws4_request"
    QByteArray stringToSign(QByteArrayView amzDate, const QByteArray &canonicalRequest) const;
    QByteArray signature(const secrets::SecureBytes &secretKey, QByteArrayView amzDate,
                         const QByteArray &stringToSign) const; // lower-case hex

    static QByteArray amzDate(qint64 epochMs);                      // "20150830T123600Z" (UTC)
    static QByteArray uriEncode(QByteArrayView bytes, bool encodeSlash); // RFC 3986 unreserved kept, %XX upper
    static QByteArray sha256Hex(QByteArrayView bytes);

private:
    QByteArray m_region;
    QByteArray m_service;
};

} // namespace stackscope::connectors::aws
