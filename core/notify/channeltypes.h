#pragma once

#include "notify/channelconfig.h"
#include "secrets/securebytes.h"
#include "util/result.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <map>
#include <memory>

namespace stackscope::notify {

// A channel's secrets by field name ("password", "webhook_url", "url", "signing_secret"), shared read-only so
// that they can cross to the sending thread without copies of the bytes.
using ChannelSecrets = std::map<QString, std::shared_ptr<const secrets::SecureBytes>>;

// One setting or secret of a channel type, for forms (the desktop dialog) and `stackscoped channels add`.
struct ChannelField
{
    QString name;          // settings key, or secret name when `secret`
    QString label;         // plain English; the app translates by name
    bool secret = false;   // kept in the keychain / sealed store, never in settings
    bool required = false;
    QString defaultValue;
    QString help;
};

struct ChannelTypeInfo
{
    QString id;            // "desktop", "email", "slack", "webhook"
    QString label;
    QList<ChannelField> fields;

    QStringList secretFields() const;
};

const QList<ChannelTypeInfo> &channelTypes();
const ChannelTypeInfo *channelType(const QString &id);   // nullptr when unknown
QStringList secretFields(const QString &type);             // empty for unknown types

// Checks a channel's non-secret settings (type known, required fields there, ports, e-mail addresses, and the
// rule that unencrypted SMTP is only allowed to a loopback host). Plain-words Config errors.
Status validateChannel(const ChannelConfig &config);
// Checks that every required secret is present and well formed (https URLs, "whsec_" signing secrets).
Status validateSecrets(const QString &type, const ChannelSecrets &secrets);

// A new Standard Webhooks signing secret: "whsec_" + base64 of 32 random bytes, in secure memory.
secrets::SecureBytes generateSigningSecret();

// E-mail helpers shared by validation and the sender.
QStringList emailRecipients(const QJsonObject &settings);  // "to" as a list or a comma-separated string
bool isLoopbackHost(const QString &host);

} // namespace stackscope::notify
