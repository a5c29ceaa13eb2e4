#pragma once

#include "paneldata.h"

#include <QAbstractTableModel>
#include <QPalette>

namespace stackscope::app {

// The rows of a table panel: one per series, with its last, min, max and average over the range. Display text
// is formatted with the panel's unit; Qt::UserRole gives the raw number (for sorting); value cells take the
// colour of their threshold band.
class PanelTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Name, Last, Min, Max, Avg, ColumnCount };

    explicit PanelTableModel(QObject *parent = nullptr);

    void setRows(const QList<SeriesSummary> &rows, const QString &unit, int decimals,
                 const QList<dashboard::Threshold> &thresholds);
    void setPalette(const QPalette &palette);
    const QList<SeriesSummary> &rows() const { return m_rows; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    double valueOf(const SeriesSummary &row, int column) const;

    QList<SeriesSummary> m_rows;
    QString m_unit;
    int m_decimals = -1;
    QList<dashboard::Threshold> m_thresholds;
    QPalette m_palette;
};

} // namespace stackscope::app
