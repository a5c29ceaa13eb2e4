#pragma once

#include "model/sample.h"

#include <QMap>
#include <QStringList>
#include <QWidget>

class QLabel;
class QTreeWidget;

namespace stackscope::app {

// What the explorer knows about the selected metric: unit, kind, description, how many series it has and
// each label with its distinct values (Datadog's metric summary side panel).
class MetricInfoPane : public QWidget
{
    Q_OBJECT

public:
    explicit MetricInfoPane(QWidget *parent = nullptr);

    void showMetric(const MetricInfo &info, int seriesCount, const QMap<QString, QStringList> &labelValues);
    // A project or service node: its totals, and a hint to pick a metric.
    void showGroup(const QString &name, int metricCount, int seriesCount);
    void clear();

    QString unitText() const;
    QString kindText() const;
    QString descriptionText() const;
    QString seriesCountText() const;
    // "label: v1, v2, …" for every row of the labels table.
    QStringList labelRows() const;

Q_SIGNALS:
    // A value was double-clicked: the explorer turns it into a filter chip.
    void labelValueActivated(const QString &label, const QString &value);

private:
    QLabel *m_title = nullptr;
    QLabel *m_unit = nullptr;
    QLabel *m_kind = nullptr;
    QLabel *m_series = nullptr;
    QLabel *m_description = nullptr;
    QTreeWidget *m_labels = nullptr;
};

} // namespace stackscope::app
