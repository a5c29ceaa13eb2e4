#pragma once

#include "model/serviceconfig.h"

#include <QColor>
#include <QCoreApplication>
#include <QList>
#include <QString>

namespace stackscope::app {

// "1 service" / "3 services": both forms are tr() strings of the caller (the app ships no English catalogue for
// Qt's %n plural forms, so those would read "3 service(s)").
inline QString countText(qint64 n, const QString &one, const QString &many)
{
    return (n == 1 ? one : many).arg(n);
}

// How well something is doing, as the overview tiles, the navigation tree and the tray show it. Combines the
// services' polling health and (once the alerts panel reports them) open alerts: worst wins.
enum class HealthLevel { Unknown, Ok, Warning, Critical };

class Health
{
    Q_DECLARE_TR_FUNCTIONS(stackscope::app::Health)

public:
    static HealthLevel ofService(const ServiceHealth &health)
    {
        switch (health.state) {
        case ServiceHealth::State::Ok: return HealthLevel::Ok;
        case ServiceHealth::State::Failing:
            // One failed run is a warning; a service that keeps failing is critical.
            return health.consecutiveFailures >= 3 ? HealthLevel::Critical : HealthLevel::Warning;
        case ServiceHealth::State::Disabled: return HealthLevel::Warning;
        case ServiceHealth::State::New: return HealthLevel::Unknown;
        }
        return HealthLevel::Unknown;
    }

    // The worst of `levels`; Unknown only when nothing is known at all.
    static HealthLevel worst(const QList<HealthLevel> &levels)
    {
        HealthLevel result = HealthLevel::Unknown;
        for (HealthLevel level : levels)
            if (int(level) > int(result))
                result = level;
        return result;
    }

    // Status colours, chosen to read on light and dark backgrounds alike (the only fixed colours of the UI).
    static QColor color(HealthLevel level)
    {
        switch (level) {
        case HealthLevel::Ok: return QColor(0x2e, 0xa0, 0x43);
        case HealthLevel::Warning: return QColor(0xe0, 0x9b, 0x18);
        case HealthLevel::Critical: return QColor(0xe0, 0x3e, 0x3e);
        case HealthLevel::Unknown: break;
        }
        return QColor(0x8a, 0x93, 0x9c);
    }

    static QString text(HealthLevel level)
    {
        switch (level) {
        case HealthLevel::Ok: return tr("Healthy");
        case HealthLevel::Warning: return tr("Warning");
        case HealthLevel::Critical: return tr("Critical");
        case HealthLevel::Unknown: break;
        }
        return tr("No data yet");
    }

    static QString serviceStateText(const ServiceHealth &health)
    {
        switch (health.state) {
        case ServiceHealth::State::Ok: return tr("Polling normally");
        case ServiceHealth::State::Failing:
            return countText(health.consecutiveFailures, tr("Failing (%1 attempt)"), tr("Failing (%1 attempts in a row)"));
        case ServiceHealth::State::Disabled: return tr("Paused until its credentials are fixed");
        case ServiceHealth::State::New: return tr("Not polled yet");
        }
        return {};
    }
};

} // namespace stackscope::app
