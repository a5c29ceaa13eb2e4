#include "notify/channeltypes.h"

#include <QHostAddress>
#include <QJsonArray>
#include <QRegularExpression>
#include <QUrl>

#include <sodium.h>

#include <cstring>

namespace stackscope::notify {

namespace {

Error configError(const QString &message)
{
    return Error::make(Error::Code::Config, message);
}

bool looksLikeAddress(const QString &address)
{
    // Deliberately loose (the server has the last word); it catches typos and header injection.
    static const QRegularExpression pattern(QStringLiteral("^[^\\s@<>,;\"]+@[^\\s@<>,;\"]+$"));
    return pattern.match(address).hasMatch();
}

QString secretText(const ChannelSecrets &secrets, const QString &field)
{
    const auto it = secrets.find(field);
    if (it == secrets.end() || !it->second)
        return {};
    return QString::fromUtf8(it->second->view());
}

Status validateEmail(const ChannelConfig &config)
{
    const QJsonObject &s = config.settings;
    const QString host = s.value(QStringLiteral("host")).toString().trimmed();
    if (host.isEmpty())
        return configError(QStringLiteral("An e-mail channel needs the mail server's host name."));
    const QString security = s.value(QStringLiteral("security")).toString(QStringLiteral("starttls"));
    if (security != QLatin1String("starttls") && security != QLatin1String("tls") && security != QLatin1String("none"))
        return configError(QStringLiteral("Security must be \"starttls\", \"tls\" or \"none\", not \"%1\".").arg(security));
    if (security == QLatin1String("none") && !isLoopbackHost(host))
        return configError(QStringLiteral("Unencrypted SMTP is only allowed to this computer (localhost); "
                                          "use STARTTLS or TLS for %1.").arg(host));
    if (s.contains(QStringLiteral("port"))) {
        const int port = s.value(QStringLiteral("port")).toVariant().toInt();
        if (port < 1 || port > 65535)
            return configError(QStringLiteral("The mail server port must be between 1 and 65535."));
    }
    const QString from = s.value(QStringLiteral("from")).toString().trimmed();
    if (!looksLikeAddress(from))
        return configError(QStringLiteral("The sender address \"%1\" is not an e-mail address.").arg(from));
    const QStringList to = emailRecipients(s);
    if (to.isEmpty())
        return configError(QStringLiteral("An e-mail channel needs at least one recipient."));
    for (const QString &address : to) {
        if (!looksLikeAddress(address))
            return configError(QStringLiteral("The recipient \"%1\" is not an e-mail address.").arg(address));
    }
    return {};
}

Status checkHttpsUrl(const QString &what, const QString &text)
{
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty())
        return configError(QStringLiteral("The %1 is not a valid URL.").arg(what));
    if (url.scheme() == QLatin1String("https"))
        return {};
    if (url.scheme() == QLatin1String("http") && isLoopbackHost(url.host()))
        return {};
    return configError(QStringLiteral("The %1 must start with https:// (plain http is only allowed to localhost).").arg(what));
}

} // namespace

QStringList ChannelTypeInfo::secretFields() const
{
    QStringList names;
    for (const ChannelField &field : fields) {
        if (field.secret)
            names.append(field.name);
    }
    return names;
}

const QList<ChannelTypeInfo> &channelTypes()
{
    static const QList<ChannelTypeInfo> types{
        {QStringLiteral("desktop"), QStringLiteral("Desktop notification"), {}},
        {QStringLiteral("email"),
         QStringLiteral("E-mail (SMTP)"),
         {
             {QStringLiteral("host"), QStringLiteral("Mail server"), false, true, {}, QStringLiteral("smtp.example.com")},
             {QStringLiteral("port"), QStringLiteral("Port"), false, false, {},
              QStringLiteral("587 for STARTTLS, 465 for TLS, 25 for none")},
             {QStringLiteral("security"), QStringLiteral("Security"), false, false, QStringLiteral("starttls"),
              QStringLiteral("starttls, tls (implicit, port 465) or none (localhost only)")},
             {QStringLiteral("username"), QStringLiteral("User name"), false, false, {}, {}},
             {QStringLiteral("password"), QStringLiteral("Password"), true, false, {}, {}},
             {QStringLiteral("from"), QStringLiteral("From"), false, true, {}, QStringLiteral("alerts@example.com")},
             {QStringLiteral("to"), QStringLiteral("To"), false, true, {}, QStringLiteral("comma-separated addresses")},
             {QStringLiteral("ca_file"), QStringLiteral("CA certificate file"), false, false, {},
              QStringLiteral("only for a server with a private certificate authority")},
             {QStringLiteral("timeout_s"), QStringLiteral("Timeout (s)"), false, false, QStringLiteral("30"), {}},
         }},
        {QStringLiteral("slack"),
         QStringLiteral("Slack"),
         {
             {QStringLiteral("webhook_url"), QStringLiteral("Incoming webhook URL"), true, true, {},
              QStringLiteral("https://hooks.slack.com/services/...")},
             {QStringLiteral("timeout_s"), QStringLiteral("Timeout (s)"), false, false, QStringLiteral("20"), {}},
         }},
        {QStringLiteral("webhook"),
         QStringLiteral("Webhook"),
         {
             {QStringLiteral("url"), QStringLiteral("URL"), true, true, {}, QStringLiteral("https://...")},
             {QStringLiteral("signing_secret"), QStringLiteral("Signing secret"), true, false, {},
              QStringLiteral("whsec_... (Standard Webhooks); a new one is made when left empty")},
             {QStringLiteral("timeout_s"), QStringLiteral("Timeout (s)"), false, false, QStringLiteral("20"), {}},
         }},
    };
    return types;
}

const ChannelTypeInfo *channelType(const QString &id)
{
    for (const ChannelTypeInfo &type : channelTypes()) {
        if (type.id == id)
            return &type;
    }
    return nullptr;
}

QStringList secretFields(const QString &type)
{
    const ChannelTypeInfo *info = channelType(type);
    return info ? info->secretFields() : QStringList();
}

Status validateChannel(const ChannelConfig &config)
{
    if (config.name.trimmed().isEmpty())
        return configError(QStringLiteral("A channel needs a name."));
    if (config.name.size() > 100)
        return configError(QStringLiteral("A channel name has at most 100 characters."));
    const ChannelTypeInfo *type = channelType(config.type);
    if (!type)
        return configError(QStringLiteral("There is no channel type \"%1\" (desktop, email, slack or webhook).").arg(config.type));
    for (const ChannelField &field : type->fields) {
        if (config.settings.contains(field.name) && field.secret)
            return configError(QStringLiteral("The %1 is a secret and cannot be stored in the settings.").arg(field.label.toLower()));
    }
    if (config.type == QLatin1String("email"))
        return validateEmail(config);
    return {};
}

Status validateSecrets(const QString &type, const ChannelSecrets &secrets)
{
    const ChannelTypeInfo *info = channelType(type);
    if (!info)
        return configError(QStringLiteral("There is no channel type \"%1\".").arg(type));
    for (const ChannelField &field : info->fields) {
        if (field.secret && field.required && secretText(secrets, field.name).isEmpty())
            return Error::make(Error::Code::KeyMissing,
                               QStringLiteral("The %1 of this channel is not set.").arg(field.label.toLower()));
    }
    if (type == QLatin1String("slack"))
        return checkHttpsUrl(QStringLiteral("Slack webhook URL"), secretText(secrets, QStringLiteral("webhook_url")));
    if (type == QLatin1String("webhook")) {
        if (Status st = checkHttpsUrl(QStringLiteral("webhook URL"), secretText(secrets, QStringLiteral("url"))); !st)
            return st;
        const QString signing = secretText(secrets, QStringLiteral("signing_secret"));
        if (!signing.isEmpty()) {
            const QByteArray key = QByteArray::fromBase64(signing.mid(6).toLatin1(),
                                                          QByteArray::AbortOnBase64DecodingErrors);
            if (!signing.startsWith(QLatin1String("whsec_")) || key.size() < 24 || key.size() > 64)
                return configError(QStringLiteral("The signing secret must be \"whsec_\" followed by 24 to 64 bytes in base64."));
        }
    }
    return {};
}

secrets::SecureBytes generateSigningSecret()
{
    secrets::initSodium();
    secrets::SecureBytes key = secrets::SecureBytes::random(32);
    // "whsec_" + base64 (with padding) of the key, built directly in secure memory.
    const std::size_t encodedSize = sodium_base64_ENCODED_LEN(key.size(), sodium_base64_VARIANT_ORIGINAL);
    secrets::SecureBytes buffer(6 + encodedSize); // sodium_bin2base64 writes a terminating NUL
    std::memcpy(buffer.data(), "whsec_", 6);
    sodium_bin2base64(reinterpret_cast<char *>(buffer.data()) + 6, encodedSize, key.data(), key.size(),
                      sodium_base64_VARIANT_ORIGINAL);
    return secrets::SecureBytes(QByteArrayView(buffer.constChar(), qsizetype(6 + encodedSize - 1)));
}

QStringList emailRecipients(const QJsonObject &settings)
{
    const QJsonValue to = settings.value(QStringLiteral("to"));
    QStringList raw;
    if (to.isArray()) {
        for (const QJsonValue &value : to.toArray())
            raw.append(value.toString());
    } else {
        raw = to.toString().split(QLatin1Char(','));
    }
    QStringList recipients;
    for (const QString &address : std::as_const(raw)) {
        if (!address.trimmed().isEmpty())
            recipients.append(address.trimmed());
    }
    return recipients;
}

bool isLoopbackHost(const QString &host)
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

} // namespace stackscope::notify
