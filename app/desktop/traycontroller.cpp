#include "traycontroller.h"

#include "icons.h"

#include <QMenu>
#include <QSystemTrayIcon>

namespace stackscope::app {

TrayController::TrayController(QObject *parent)
    : QObject(parent)
    , m_icon(new QSystemTrayIcon(this))
    , m_menu(new QMenu)
{
    m_showHide = m_menu->addAction(tr("&Hide Stackscope"), this, &TrayController::showHideRequested);
    m_menu->addAction(tr("&Refresh"), this, &TrayController::refreshRequested);
    m_menu->addAction(tr("Open &Alerts"), this, &TrayController::openAlertsRequested);
    m_menu->addSeparator();
    m_menu->addAction(tr("&Quit"), this, &TrayController::quitRequested);
    m_icon->setContextMenu(m_menu);
    connect(m_icon, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
        if (reason == QSystemTrayIcon::Trigger)
            Q_EMIT showHideRequested();
    });
    update();
}

TrayController::~TrayController()
{
    delete m_menu;
}

void TrayController::setEnabled(bool enabled)
{
    m_icon->setVisible(enabled && QSystemTrayIcon::isSystemTrayAvailable());
}

void TrayController::setWindowVisible(bool visible)
{
    m_showHide->setText(visible ? tr("&Hide Stackscope") : tr("&Show Stackscope"));
}

void TrayController::setServiceHealth(HealthLevel level, int failingServices)
{
    m_serviceLevel = level;
    m_failing = failingServices;
    update();
}

void TrayController::setOpenAlerts(int critical, int other)
{
    m_criticalAlerts = critical;
    m_otherAlerts = other;
    update();
}

QString TrayController::toolTip() const
{
    QStringList lines{tr("Stackscope")};
    switch (m_level) {
    case HealthLevel::Ok: lines.append(tr("All services are healthy")); break;
    case HealthLevel::Warning:
    case HealthLevel::Critical:
        if (m_criticalAlerts > 0)
            lines.append(countText(m_criticalAlerts, tr("%1 critical alert open"), tr("%1 critical alerts open")));
        if (m_otherAlerts > 0)
            lines.append(countText(m_otherAlerts, tr("%1 alert open"), tr("%1 alerts open")));
        if (m_failing > 0)
            lines.append(countText(m_failing, tr("%1 service failing"), tr("%1 services failing")));
        if (lines.size() == 1)
            lines.append(Health::text(m_level));
        break;
    case HealthLevel::Unknown: lines.append(tr("No service has reported yet")); break;
    }
    return lines.join(QLatin1Char('\n'));
}

void TrayController::update()
{
    HealthLevel level = m_serviceLevel;
    if (m_criticalAlerts > 0)
        level = HealthLevel::Critical;
    else if (m_otherAlerts > 0)
        level = Health::worst({level, HealthLevel::Warning});
    const bool changed = level != m_level || !m_shownLevelValid;
    m_level = level;
    if (changed) {
        m_icon->setIcon(Icons::appWithStatus(level));
        m_shownLevelValid = true;
    }
    m_icon->setToolTip(toolTip());
    if (changed)
        Q_EMIT levelChanged(level);
}

} // namespace stackscope::app
