#include "paneltablemodel.h"

#include "panelformat.h"

#include "chartpalette.h"

#include <QColor>
#include <QPainter>
#include <QPixmap>

namespace stackscope::app {

namespace {

// A small dot in the series' colour, like a chart legend's.
QPixmap swatch(const QColor &color)
{
    QPixmap dot(12, 12);
    dot.fill(Qt::transparent);
    QPainter painter(&dot);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(color);
    painter.drawEllipse(QRectF(2, 2, 8, 8));
    return dot;
}

} // namespace

PanelTableModel::PanelTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void PanelTableModel::setRows(const QList<SeriesSummary> &rows, const QString &unit, int decimals,
                              const QList<dashboard::Threshold> &thresholds)
{
    beginResetModel();
    m_rows = rows;
    m_unit = unit;
    m_decimals = decimals;
    m_thresholds = thresholds;
    endResetModel();
}

void PanelTableModel::setPalette(const QPalette &palette)
{
    m_palette = palette;
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1),
                           {Qt::ForegroundRole, Qt::DecorationRole});
}

int PanelTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int PanelTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

double PanelTableModel::valueOf(const SeriesSummary &row, int column) const
{
    switch (column) {
    case Last: return row.last;
    case Min: return row.min;
    case Max: return row.max;
    case Avg: return row.avg;
    default: return 0.0;
    }
}

QVariant PanelTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const SeriesSummary &row = m_rows.at(index.row());
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return column == Name ? row.name : formatValue(valueOf(row, column), m_unit, m_decimals);
    case Qt::UserRole:
        return column == Name ? QVariant(row.name) : QVariant(valueOf(row, column));
    case Qt::ToolTipRole:
        return column == Name ? row.name : QVariant();
    case Qt::TextAlignmentRole:
        return column == Name ? QVariant(Qt::AlignLeft | Qt::AlignVCenter) : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::DecorationRole:
        if (column == Name)
            return swatch(charts::seriesColor(row.colorIndex, m_palette));
        return {};
    case Qt::ForegroundRole:
        if (column != Name && !m_thresholds.isEmpty()) {
            const int level = thresholdLevel(m_thresholds, valueOf(row, column));
            if (level > 0)
                return thresholdColor(m_thresholds, valueOf(row, column), QColor());
        }
        return {};
    default:
        return {};
    }
}

QVariant PanelTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return {};
    if (role == Qt::TextAlignmentRole)
        return section == Name ? QVariant(Qt::AlignLeft | Qt::AlignVCenter) : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name: return tr("Series");
    case Last: return tr("Last");
    case Min: return tr("Min");
    case Max: return tr("Max");
    case Avg: return tr("Avg");
    default: return {};
    }
}

} // namespace stackscope::app
