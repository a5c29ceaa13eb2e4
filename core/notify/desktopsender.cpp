#include "notify/desktopsender.h"

#include "notify/notifylogging.h"

#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QPointer>

namespace stackscope::notify {

namespace {

const QString kService = QStringLiteral("org.freedesktop.Notifications");
const QString kPath = QStringLiteral("/org/freedesktop/Notifications");
const QString kInterface = QStringLiteral("org.freedesktop.Notifications");

// Notification bodies may carry simple markup on some servers; alert text is plain, so escape it.
QString escapedBody(QString text)
{
    text.replace(QLatin1Char('&'), QLatin1String("&amp;"));
    text.replace(QLatin1Char('<'), QLatin1String("&lt;"));
    text.replace(QLatin1Char('>'), QLatin1String("&gt;"));
    return text;
}

QString bodyFor(const Notification &notification, const ChannelConfig &channel)
{
    if (notification.kind == Notification::Kind::Test || notification.items.size() != 1)
        return plainTextBody(notification, channel).trimmed();
    const NotificationItem &item = notification.items.first();
    QString body = item.summary.isEmpty() ? item.ruleName : item.summary;
    QStringList where;
    if (!item.project.isEmpty())
        where << item.project;
    if (!item.service.isEmpty())
        where << item.service;
    if (!where.isEmpty())
        body += QLatin1Char('\n') + where.join(QStringLiteral(" · "));
    return body;
}

SendResult desktopUnavailable(const QString &why)
{
    return SendResult::failure(
        Error::make(Error::Code::Network,
                    QStringLiteral("Desktop notifications are not available: %1. They need a desktop session with a "
                                   "notification service.").arg(why)),
        true);
}

} // namespace

DesktopSender::DesktopSender(QObject *parent) : DesktopSender(QDBusConnection::sessionBus(), parent) {}

DesktopSender::DesktopSender(const QDBusConnection &bus, QObject *parent) : QObject(parent), m_bus(bus) {}

uchar DesktopSender::urgencyFor(const QString &severity)
{
    if (severity == QLatin1String("critical"))
        return 2;
    if (severity == QLatin1String("warning"))
        return 1;
    return 0;
}

void DesktopSender::subscribe()
{
    if (m_subscribed || !m_bus.isConnected())
        return;
    // QtDBus connects signals by signature string only.
    const bool actions = m_bus.connect(kService, kPath, kInterface, QStringLiteral("ActionInvoked"), this,
                                       SLOT(onActionInvoked(uint,QString)));
    const bool closed = m_bus.connect(kService, kPath, kInterface, QStringLiteral("NotificationClosed"), this,
                                      SLOT(onNotificationClosed(uint,uint)));
    m_subscribed = actions && closed;
}

void DesktopSender::send(const SendRequest &request, QObject *context, Callback done)
{
    if (!m_bus.isConnected()) {
        done(desktopUnavailable(QStringLiteral("there is no D-Bus session bus")));
        return;
    }
    subscribe();
    const Notification &n = request.notification;
    const bool single = n.kind == Notification::Kind::Alert && n.items.size() == 1;
    const qint64 alertId = single ? n.items.first().alertId : 0;
    const uint replacesId = single ? m_notificationByAlert.value(alertId) : 0;
    const QString severity = n.kind == Notification::Kind::Test ? QStringLiteral("info") : n.severity;

    QVariantMap hints;
    hints.insert(QStringLiteral("urgency"), QVariant::fromValue(urgencyFor(severity)));
    hints.insert(QStringLiteral("desktop-entry"), kDesktopEntry);
    hints.insert(QStringLiteral("category"), QStringLiteral("x-stackscope.alert"));
    const QStringList actions{QStringLiteral("default"), QStringLiteral("Open"), QStringLiteral("open"),
                              QStringLiteral("Open in Stackscope")};

    QDBusMessage call = QDBusMessage::createMethodCall(kService, kPath, kInterface, QStringLiteral("Notify"));
    call << QStringLiteral("Stackscope") << replacesId
         << QString(severity == QLatin1String("critical") ? QStringLiteral("dialog-error") : QStringLiteral("dialog-information"))
         << notificationTitle(n, request.channel) << escapedBody(bodyFor(n, request.channel)) << actions << hints
         << qint32(-1);

    auto *watcher = new QDBusPendingCallWatcher(m_bus.asyncCall(call, kCallTimeoutMs), this);
    QPointer<QObject> guard(context);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this, watcher, guard, alertId, done = std::move(done)] {
        watcher->deleteLater();
        QDBusPendingReply<uint> reply = *watcher;
        if (!guard)
            return;
        if (reply.isError()) {
            const QDBusError error = reply.error();
            qCInfo(lcNotify).noquote() << "desktop notification failed:" << error.name() << error.message();
            const bool noServer = error.type() == QDBusError::ServiceUnknown || error.type() == QDBusError::NoReply
                               || error.type() == QDBusError::Timeout || error.type() == QDBusError::TimedOut
                               || error.type() == QDBusError::Disconnected || error.type() == QDBusError::NoServer
                               || error.name().startsWith(QLatin1String("org.freedesktop.DBus.Error.Spawn"));
            done(noServer ? desktopUnavailable(QStringLiteral("no notification service answered (%1)").arg(error.name()))
                          : SendResult::failure(Error::make(Error::Code::Network,
                                                            QStringLiteral("The desktop notification service refused the "
                                                                           "notification: %1").arg(error.message()),
                                                            error.name()),
                                                true));
            return;
        }
        remember(reply.value(), alertId);
        done(SendResult::success());
    });
}

void DesktopSender::remember(uint notificationId, qint64 alertId)
{
    if (notificationId == 0)
        return;
    m_alertByNotification.insert(notificationId, alertId);
    if (alertId != 0)
        m_notificationByAlert.insert(alertId, notificationId);
}

void DesktopSender::onActionInvoked(uint id, const QString &actionKey)
{
    const auto it = m_alertByNotification.constFind(id);
    if (it == m_alertByNotification.constEnd())
        return; // another application's notification
    if (actionKey == QLatin1String("default") || actionKey == QLatin1String("open"))
        Q_EMIT activated(it.value());
}

void DesktopSender::onNotificationClosed(uint id, uint reason)
{
    Q_UNUSED(reason)
    const qint64 alertId = m_alertByNotification.take(id);
    if (alertId != 0 && m_notificationByAlert.value(alertId) == id)
        m_notificationByAlert.remove(alertId);
}

} // namespace stackscope::notify
