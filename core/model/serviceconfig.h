#pragma once

#include <QJsonObject>
#include <QMap>
#include <QString>
#include <QUrl>

#include <chrono>

namespace stackscope {

// A configured service: one connector type in one project with its settings. Credentials are not here:
// they live in a SecretStore under "connector/<uuid>/<field>".
struct ServiceConfig
{
    qint64 id = 0;
    QString uuid;
    QString project;
    QString type;
    QString name;
    QMap<QString, QString> settings;   // non-secret fields, e.g. region, account id
    QUrl baseUrl;                      // empty: the connector's default
    std::chrono::seconds interval{300};
    bool enabled = true;
    QJsonObject cursor;                // the connector's resume state (FetchResult::cursor)

    static QString credentialKey(const QString &uuid, const QString &field)
    {
        return QStringLiteral("connector/%1/%2").arg(uuid, field);
    }
};

// What the user sees about a service's polling (C4). Persisted, so it survives restarts.
struct ServiceHealth
{
    enum class State { New, Ok, Failing, Disabled };
    State state = State::New;
    qint64 lastSuccessMs = 0;
    qint64 lastAttemptMs = 0;
    QString lastError;          // plain words, already redacted
    qint64 nextRunMs = 0;
    int consecutiveFailures = 0;
    bool caughtUp = true;       // false while a fetch stopped early (budget, page cap) and must resume
};

inline QString stateName(ServiceHealth::State state)
{
    switch (state) {
    case ServiceHealth::State::New: return QStringLiteral("new");
    case ServiceHealth::State::Ok: return QStringLiteral("ok");
    case ServiceHealth::State::Failing: return QStringLiteral("failing");
    case ServiceHealth::State::Disabled: return QStringLiteral("disabled");
    }
    return {};
}

} // namespace stackscope
