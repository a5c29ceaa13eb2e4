#include "alerts/mutewindow.h"

namespace stackscope::alerts {

namespace {
constexpr qint64 kDayMs = 24LL * 60 * 60 * 1000;
constexpr qint64 kWeekMs = 7 * kDayMs;
} // namespace

bool MuteWindow::coversTime(qint64 atMs) const
{
    const qint64 length = endsMs - startsMs;
    if (length <= 0 || atMs < startsMs)
        return false;
    switch (recurrence) {
    case Recurrence::Once:
        return atMs < endsMs;
    case Recurrence::Daily:
        // A window as long as its period (or longer) covers everything after its start.
        return length >= kDayMs || (atMs - startsMs) % kDayMs < length;
    case Recurrence::Weekly:
        return length >= kWeekMs || (atMs - startsMs) % kWeekMs < length;
    }
    return false;
}

bool MuteWindow::matches(const QString &alertProject, const QString &alertService, const QString &alertRuleKey) const
{
    return (project.isEmpty() || project == alertProject) && (service.isEmpty() || service == alertService)
        && (ruleKey.isEmpty() || ruleKey == alertRuleKey);
}

QString recurrenceName(MuteWindow::Recurrence recurrence)
{
    switch (recurrence) {
    case MuteWindow::Recurrence::Once: return {};
    case MuteWindow::Recurrence::Daily: return QStringLiteral("daily");
    case MuteWindow::Recurrence::Weekly: return QStringLiteral("weekly");
    }
    return {};
}

} // namespace stackscope::alerts
