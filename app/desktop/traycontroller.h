#pragma once

#include "healthlevel.h"

#include <QObject>
#include <QString>

class QAction;
class QMenu;
class QSystemTrayIcon;

namespace stackscope::app {

// The tray icon (D7): the app icon with a status dot (ok / warning / critical, or grey while nothing is known),
// a tooltip that says the status in words, and a menu with Show/Hide, Refresh, Open alerts and Quit. Only icon
// and menu: notifications go through the desktop's notification service (core/notify).
//
// Status = the worst of the services' health (setServiceHealth) and open alerts (setOpenAlerts: critical ones
// make it critical, others a warning) — the hook for the alerts panel.
class TrayController : public QObject
{
    Q_OBJECT

public:
    explicit TrayController(QObject *parent = nullptr);
    ~TrayController() override;

    void setServiceHealth(HealthLevel level, int failingServices);
    void setOpenAlerts(int critical, int other);
    void setWindowVisible(bool visible); // names the Show/Hide item
    void setEnabled(bool enabled);       // shows or hides the icon (when the desktop has a tray)

    HealthLevel level() const { return m_level; }
    QString toolTip() const;
    QSystemTrayIcon *icon() const { return m_icon; }
    QMenu *menu() const { return m_menu; }

Q_SIGNALS:
    void showHideRequested();
    void refreshRequested();
    void openAlertsRequested();
    void quitRequested();
    void levelChanged(stackscope::app::HealthLevel level);

private:
    void update();

    QSystemTrayIcon *m_icon = nullptr;
    QMenu *m_menu = nullptr;
    QAction *m_showHide = nullptr;
    HealthLevel m_serviceLevel = HealthLevel::Unknown;
    HealthLevel m_level = HealthLevel::Unknown;
    int m_failing = 0;
    int m_criticalAlerts = 0;
    int m_otherAlerts = 0;
    bool m_shownLevelValid = false;
};

} // namespace stackscope::app
