#include "alerttablemodel.h"

#include "alertsformat.h"

#include <QColor>
#include <QFont>

namespace stackscope::app {

using namespace alertsui;

AlertTableModel::AlertTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void AlertTableModel::setAlerts(const QList<alerts::Alert> &alerts, qint64 nowMs)
{
    beginResetModel();
    m_alerts = alerts;
    m_nowMs = nowMs;
    endResetModel();
}

void AlertTableModel::setNow(qint64 nowMs)
{
    m_nowMs = nowMs;
    if (!m_alerts.isEmpty())
        Q_EMIT dataChanged(index(0, Opened), index(rowCount() - 1, Duration));
}

void AlertTableModel::updateAlert(const alerts::Alert &alert)
{
    const int row = rowOf(alert.id);
    if (row < 0)
        return;
    m_alerts[row] = alert;
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

const alerts::Alert *AlertTableModel::alertAt(int row) const
{
    return row >= 0 && row < m_alerts.size() ? &m_alerts.at(row) : nullptr;
}

int AlertTableModel::rowOf(qint64 alertId) const
{
    for (int row = 0; row < m_alerts.size(); ++row) {
        if (m_alerts.at(row).id == alertId)
            return row;
    }
    return -1;
}

int AlertTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_alerts.size());
}

int AlertTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AlertTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const alerts::Alert &alert = m_alerts.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return display(alert, index.column());
    case Qt::ToolTipRole:
        return toolTip(alert, index.column());
    case Qt::AccessibleTextRole:
        if (index.column() == Severity)
            return severityWord(alert.severity);
        return display(alert, index.column());
    case Qt::TextAlignmentRole:
        if (index.column() == Value || index.column() == Duration)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
    case Qt::FontRole:
        if (index.column() == Rule && alerts::isUnhandled(alert.status)) {
            QFont font;
            font.setBold(true);
            return font;
        }
        return {};
    case AlertIdRole:
        return alert.id;
    case PillColorRole:
        if (index.column() == Severity)
            return severityColor(alert.severity);
        if (index.column() == Status)
            return statusColor(alert.status);
        return {};
    case PillFilledRole:
        return index.column() == Severity;
    case SeverityRole:
        return int(alert.severity);
    case StatusRole:
        return int(alert.status);
    default:
        return {};
    }
}

QVariant AlertTableModel::display(const alerts::Alert &alert, int column) const
{
    switch (column) {
    case Severity:
        return severityLabel(alert.severity);
    case Status:
        return statusWord(alert.status);
    case Rule:
        return alert.ruleName;
    case Where:
        if (alert.service.isEmpty())
            return alert.project;
        return alert.project.isEmpty() ? alert.service : QStringLiteral("%1 · %2").arg(alert.project, alert.service);
    case Summary:
        return alert.summary;
    case Value:
        return valueVersusThreshold(alert);
    case Opened:
        return relativeTime(alert.openedMs, m_nowMs);
    case Duration:
        return durationShort((alert.resolvedMs ? *alert.resolvedMs : m_nowMs) - alert.openedMs);
    default:
        return {};
    }
}

QVariant AlertTableModel::toolTip(const alerts::Alert &alert, int column) const
{
    switch (column) {
    case Opened:
        return tr("Opened %1").arg(absoluteTime(alert.openedMs));
    case Duration:
        return alert.resolvedMs ? tr("Resolved %1").arg(absoluteTime(*alert.resolvedMs)) : tr("Still active");
    case Summary:
    case Rule: {
        QString tip = alert.summary;
        if (!alert.labels.isEmpty())
            tip += QLatin1Char('\n') + alerts::readableLabels(alert.labels);
        return tip;
    }
    default:
        return display(alert, column);
    }
}

QVariant AlertTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Severity:
        return tr("Severity");
    case Status:
        return tr("Status");
    case Rule:
        return tr("Rule");
    case Where:
        return tr("Project · Service");
    case Summary:
        return tr("Summary");
    case Value:
        return tr("Value");
    case Opened:
        return tr("Opened");
    case Duration:
        return tr("Duration");
    default:
        return {};
    }
}

} // namespace stackscope::app
