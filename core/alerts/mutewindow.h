#pragma once

#include <QString>

namespace stackscope::alerts {

// A mute or maintenance window (A4): alerts in its scope are still recorded while it covers them, but nobody is
// notified. Recurring windows repeat the first occurrence [startsMs, endsMs) every day or week.
struct MuteWindow
{
    enum class Recurrence { Once, Daily, Weekly };

    qint64 id = 0;
    QString project;                   // '' matches every project
    QString service;                   // '' matches every service
    QString ruleKey;                   // '' matches every rule
    qint64 startsMs = 0;
    qint64 endsMs = 0;
    Recurrence recurrence = Recurrence::Once;
    QString reason;
    qint64 createdMs = 0;

    bool coversTime(qint64 atMs) const;
    bool matches(const QString &alertProject, const QString &alertService, const QString &alertRuleKey) const;
    bool mutes(const QString &alertProject, const QString &alertService, const QString &alertRuleKey, qint64 atMs) const
    {
        return matches(alertProject, alertService, alertRuleKey) && coversTime(atMs);
    }
    friend bool operator==(const MuteWindow &, const MuteWindow &) = default;
};

QString recurrenceName(MuteWindow::Recurrence recurrence);  // "", "daily", "weekly"

} // namespace stackscope::alerts
