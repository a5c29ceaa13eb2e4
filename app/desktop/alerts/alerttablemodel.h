#pragma once

#include "alerts/alert.h"

#include <QAbstractTableModel>
#include <QList>

namespace stackscope::app {

// One page of alerts for the alerts panel (D6): severity, status, rule, where, summary, value against threshold,
// when it opened (relative, the absolute time in the tooltip) and how long it has lasted. The page is read on
// the store thread and handed over whole (setAlerts); relative times follow setNow().
class AlertTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Severity, Status, Rule, Where, Summary, Value, Opened, Duration, ColumnCount };
    enum Role {
        AlertIdRole = Qt::UserRole + 1,
        PillColorRole,   // QColor: the severity and status columns are drawn as pills (PillDelegate)
        PillFilledRole,  // bool: a filled pill (severity) or an outlined one (status)
        SeverityRole,    // int: rules::Severity
        StatusRole,      // int: alerts::AlertStatus
    };

    explicit AlertTableModel(QObject *parent = nullptr);

    void setAlerts(const QList<alerts::Alert> &alerts, qint64 nowMs);
    void setNow(qint64 nowMs);
    // Replaces one alert in place (after an action), if it is on this page.
    void updateAlert(const alerts::Alert &alert);

    const QList<alerts::Alert> &alerts() const { return m_alerts; }
    const alerts::Alert *alertAt(int row) const;
    int rowOf(qint64 alertId) const;   // -1 when not on this page

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant display(const alerts::Alert &alert, int column) const;
    QVariant toolTip(const alerts::Alert &alert, int column) const;

    QList<alerts::Alert> m_alerts;
    qint64 m_nowMs = 0;
};

} // namespace stackscope::app
