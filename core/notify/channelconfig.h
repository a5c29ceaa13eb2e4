#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace stackscope::notify {

// A configured notification channel (A3). Secrets (SMTP password, Slack and webhook URLs, signing secrets) are
// not here: they live in a SecretStore under "channel/<uuid>/<field>", or sealed in headless workspaces.
struct ChannelConfig
{
    qint64 id = 0;
    QString uuid;
    QString name;                    // unique, what rules refer to
    QString type;                    // "desktop", "email", "slack", "webhook"
    QJsonObject settings;            // non-secret: host, port, tls mode, from, to, ... ; "default": true
    bool enabled = true;
    qint64 createdMs = 0;

    // Built-in alerts (A5) and rules that name no channel go to every enabled channel marked default.
    bool isDefault() const { return settings.value(QStringLiteral("default")).toBool(); }

    static QString secretKey(const QString &uuid, const QString &field)
    {
        return QStringLiteral("channel/%1/%2").arg(uuid, field);
    }
};

} // namespace stackscope::notify
