#pragma once

#include "storage/metricstore.h"

#include <QAbstractListModel>
#include <QList>

namespace stackscope::app {

// The workspace's series, one row each, sorted by project, metric and labels. The display text is
// "metric {k=v, …}" (the project label is shown separately, through ProjectRole).
// setSeries() merges a new listing into the current one with row inserts and removals, so selections and
// scroll positions survive the periodic refresh while data arrives.
class SeriesListModel : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role {
        SeriesIdRole = Qt::UserRole + 1,
        MetricRole,
        LabelsRole,     // QVariantMap
        ProjectRole,
        SearchTextRole, // everything a search may match, lower case
        KeyRole,        // a stable text key: metric plus every label, for settings
    };

    explicit SeriesListModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    void setSeries(QList<storage::SeriesInfo> series);
    void clear();

    const storage::SeriesInfo *seriesAt(int row) const;
    int rowOfSeries(qint64 seriesId) const;
    int rowOfKey(const QString &key) const;

    static QString displayText(const storage::SeriesInfo &series);
    static QString keyOf(const storage::SeriesInfo &series);

private:
    QList<storage::SeriesInfo> m_series;
};

} // namespace stackscope::app
