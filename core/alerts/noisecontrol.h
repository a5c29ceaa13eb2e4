#pragma once

#include "alerts/alert.h"
#include "alerts/lifecycle.h"
#include "alerts/mutewindow.h"
#include "notify/channelconfig.h"
#include "notify/notification.h"

#include <QHash>
#include <QList>
#include <QStringList>

namespace stackscope::alerts {

struct NoiseSettings
{
    // More than this many notifying alerts for one channel in one cycle become one digest.
    int digestThreshold = 10;
    // How many of them a digest lists (the most severe first); the rest are counted as omitted.
    int digestListed = 10;
    // Several alerts for one channel in one cycle become one group notification; off: one notification each.
    bool grouping = true;
};

// Noise control (A4), pure functions used by the cycle planner.

// Whether a change deserves telling people, before mute windows and channels:
// - firing changes (opened, reopened, still firing) of an unacknowledged alert, unless the alert was notified
//   less than `cooldownMs` ago (a new alert has never been notified; a still-firing alert is reminded about
//   once per cooldown until someone acknowledges it);
// - a resolution, if people were last told the alert was firing.
bool deservesNotification(Change change, const Alert &after, qint64 cooldownMs, qint64 nowMs);

// Whether any window mutes this alert now.
bool isMuted(const QList<MuteWindow> &windows, const Alert &alert, qint64 nowMs);

// The enabled channels a rule's notifications go to: the ones it names, or every default channel when it names
// none. Names that match no enabled channel are appended to `unknown`.
QList<qint64> routeToChannels(const QStringList &names, const QList<notify::ChannelConfig> &channels,
                              QStringList *unknown = nullptr);

// One notification for one channel, from the alerts (already numbered) that one cycle has for it.
struct NotificationShape
{
    notify::Notification::Kind kind = notify::Notification::Kind::Alert;
    QList<int> listed;                 // indexes into the cycle's alerts, most severe first for digests
    int omitted = 0;
};
// Alert for one, Group for several, Digest for more than settings.digestThreshold (the most severe listed).
NotificationShape shapeFor(const QList<int> &alertIndexes, const QList<Alert> &alerts, const NoiseSettings &settings);

// Builds the notification; the dedup key depends only on the alerts' ids, their statuses and `nowMs`, so
// enqueueing the same cycle twice is harmless. `units` maps metric names to units.
notify::Notification compose(const NotificationShape &shape, const QList<Alert> &alerts, qint64 nowMs,
                             const QHash<QString, QString> &units = {});

notify::NotificationItem itemFor(const Alert &alert, qint64 nowMs, const QString &unit = {});

} // namespace stackscope::alerts
