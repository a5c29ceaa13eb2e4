#include "notify/webhookpayload.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <sodium.h>

#include <cmath>

namespace stackscope::notify {

namespace {

QString isoTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

QJsonValue number(const std::optional<double> &value)
{
    return value && std::isfinite(*value) ? QJsonValue(*value) : QJsonValue(QJsonValue::Null);
}

} // namespace

QByteArray webhookBody(const Notification &notification, const QString &deliveryId)
{
    QJsonArray items;
    for (const NotificationItem &item : notification.items) {
        items.append(QJsonObject{
            {QStringLiteral("alert_id"), double(item.alertId)},
            {QStringLiteral("rule"), item.ruleName},
            {QStringLiteral("severity"), item.severity},
            {QStringLiteral("status"), item.status},
            {QStringLiteral("project"), item.project},
            {QStringLiteral("service"), item.service},
            {QStringLiteral("metric"), item.metric},
            {QStringLiteral("labels"), item.labels},
            {QStringLiteral("value"), number(item.value)},
            {QStringLiteral("threshold"), number(item.threshold)},
            {QStringLiteral("unit"), item.unit},
            {QStringLiteral("summary"), item.summary},
            {QStringLiteral("link"), item.link},
            {QStringLiteral("at"), isoTime(item.atMs)},
        });
    }
    const QJsonObject body{
        {QStringLiteral("id"), deliveryId},
        {QStringLiteral("kind"), kindName(notification.kind)},
        {QStringLiteral("title"), notification.title},
        {QStringLiteral("severity"), notification.severity},
        {QStringLiteral("items"), items},
        {QStringLiteral("omitted"), notification.omitted},
        {QStringLiteral("created_at"), isoTime(notification.createdMs)},
    };
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

Result<QByteArray> standardWebhookSignature(const secrets::SecureBytes &secret, const QByteArray &id,
                                            qint64 timestampSeconds, const QByteArray &body)
{
    secrets::initSodium();
    constexpr QByteArrayView prefix("whsec_");
    const QByteArrayView text = secret.view();
    if (!text.startsWith(prefix))
        return Error::make(Error::Code::Config, QStringLiteral("The signing secret must start with \"whsec_\"."));
    const QByteArrayView encoded = text.sliced(prefix.size());
    if (encoded.isEmpty()) // nothing to decode, and no buffer to decode into (libsodium must not get a null one)
        return Error::make(Error::Code::Config, QStringLiteral("The signing secret is empty after \"whsec_\"."));
    secrets::SecureBytes key(std::size_t(encoded.size())); // base64 never decodes to more bytes than it has
    std::size_t keyLength = 0;
    if (sodium_base642bin(key.data(), key.size(), encoded.data(), std::size_t(encoded.size()), nullptr, &keyLength,
                          nullptr, sodium_base64_VARIANT_ORIGINAL)
            != 0
        || keyLength == 0)
        return Error::make(Error::Code::Config, QStringLiteral("The signing secret is not valid base64 after \"whsec_\"."));

    const QByteArray signedContent = id + '.' + QByteArray::number(timestampSeconds) + '.' + body;
    crypto_auth_hmacsha256_state state;
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256_init(&state, key.data(), keyLength);
    crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char *>(signedContent.constData()),
                                  std::size_t(signedContent.size()));
    crypto_auth_hmacsha256_final(&state, mac);
    sodium_memzero(&state, sizeof state);
    return QByteArray(QByteArray("v1,") + QByteArray(reinterpret_cast<const char *>(mac), sizeof mac).toBase64());
}

} // namespace stackscope::notify
