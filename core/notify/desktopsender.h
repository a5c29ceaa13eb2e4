#pragma once

#include "notify/channelsender.h"

#include <QDBusConnection>
#include <QHash>
#include <QObject>

namespace stackscope::notify {

// Desktop notifications over org.freedesktop.Notifications, called directly with QtDBus (no tray needed, and
// unlike QSystemTrayIcon it sends the urgency as the byte the spec asks for). app_name "Stackscope", the
// severity as urgency (info 0, warning 1, critical 2), the "desktop-entry" hint, actions "default" and "open"
// (clicking emits activated(alertId)), and replaces_id so a later notification about the same alert updates
// the one on screen. No session bus or no notification server: a retryable error in plain words.
class DesktopSender final : public QObject, public ChannelSender
{
    Q_OBJECT
public:
    static constexpr int kCallTimeoutMs = 10'000;
    static inline const QString kDesktopEntry = QStringLiteral("io.stackscope.Stackscope");

    explicit DesktopSender(QObject *parent = nullptr);
    // Tests and the app may pass another connection; by default the session bus.
    explicit DesktopSender(const QDBusConnection &bus, QObject *parent = nullptr);

    void send(const SendRequest &request, QObject *context, Callback done) override;

    // The server's id of the notification last shown for an alert (0 when none); for tests and CloseNotification.
    uint notificationIdFor(qint64 alertId) const { return m_notificationByAlert.value(alertId); }

    static uchar urgencyFor(const QString &severity);

Q_SIGNALS:
    // The user clicked a notification: the alert to open, or 0 for a group or digest (open the alerts panel).
    void activated(qint64 alertId);

private Q_SLOTS:
    void onActionInvoked(uint id, const QString &actionKey);
    void onNotificationClosed(uint id, uint reason);

private:
    void subscribe();
    void remember(uint notificationId, qint64 alertId);

    QDBusConnection m_bus;
    bool m_subscribed = false;
    QHash<uint, qint64> m_alertByNotification;
    QHash<qint64, uint> m_notificationByAlert;
};

} // namespace stackscope::notify
