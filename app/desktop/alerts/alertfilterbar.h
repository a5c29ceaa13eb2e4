#pragma once

#include "alerts/alertfilter.h"

#include <QMap>
#include <QStringList>
#include <QWidget>

class QComboBox;
class QDateTimeEdit;
class QLineEdit;
class QTimer;
class QToolButton;

namespace stackscope::app {

// The alerts panel's filters (D6): severity and status toggles (by default the alerts that need attention:
// open, acknowledged, reopened), project and service, a period (last 24 h / 7 d / 30 d, all time, or custom
// from–to) and a search text. Emits filterChanged() after any change (typing is debounced).
class AlertFilterBar : public QWidget
{
    Q_OBJECT

public:
    enum class Period { Last24h, Last7d, Last30d, All, Custom };

    explicit AlertFilterBar(QWidget *parent = nullptr);

    // The filter at `nowMs` (offset and limit are the pager's).
    alerts::AlertFilter filter(qint64 nowMs) const;

    // The projects and their services to choose from (the selection is kept when still there).
    void setScopes(const QMap<QString, QStringList> &servicesByProject);

    // For tests and "show everything" links.
    void setSeverityShown(rules::Severity severity, bool shown);
    void setStatusShown(alerts::AlertStatus status, bool shown);
    void setProject(const QString &project);
    void setService(const QString &service);
    void setPeriod(Period period);
    void setCustomRange(qint64 fromMs, qint64 toMs);
    void setSearchText(const QString &text);
    void resetToDefaults();

Q_SIGNALS:
    void filterChanged();

private:
    QToolButton *addToggle(const QString &text, const QString &accessibleName, bool checked);
    void fillServices();
    void onPeriodChanged();

    QMap<rules::Severity, QToolButton *> m_severity;
    QMap<alerts::AlertStatus, QToolButton *> m_status;
    QMap<QString, QStringList> m_servicesByProject;
    QComboBox *m_project = nullptr;
    QComboBox *m_service = nullptr;
    QComboBox *m_period = nullptr;
    QDateTimeEdit *m_from = nullptr;
    QDateTimeEdit *m_to = nullptr;
    QLineEdit *m_search = nullptr;
    QTimer *m_searchDelay = nullptr;
    bool m_quiet = false;
};

} // namespace stackscope::app
