#pragma once

#include <QList>
#include <QPointF>
#include <QString>

namespace stackscope::charts {

// One line on a TimeSeriesChartView: x is Unix epoch milliseconds, y the value. Points are sorted by x.
struct ChartSeries
{
    QString name;
    QList<QPointF> points;
    // The spacing the data is expected to have (e.g. the query step). A jump in x of more than a few steps
    // is drawn as a gap instead of a line across missing data. 0 disables gap detection.
    qint64 expectedStepMs = 0;
};

} // namespace stackscope::charts
