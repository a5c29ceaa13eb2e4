#pragma once

#include <QColor>
#include <QList>
#include <QPointF>
#include <QString>

namespace stackscope::charts {

// One series on a time chart: x is Unix epoch milliseconds, y the value. Points are sorted by x; a NaN y marks
// a missing value (drawn as a gap).
struct ChartSeries
{
    QString name;
    QList<QPointF> points;
    // The spacing the data is expected to have (e.g. the query step). A jump in x of more than a few steps
    // is drawn as a gap instead of a line across missing data. 0 disables gap detection.
    qint64 expectedStepMs = 0;
    // Shown after the value in the crosshair tooltip ("ms", "%", "req/s", "B"); empty: a bare number.
    QString unit;
    // Invalid (the default): the palette colour for the series' position (chartpalette.h).
    QColor color;
};

} // namespace stackscope::charts
