#pragma once

#include <QList>
#include <QPointF>

namespace stackscope::charts {

// Min/max decimation for line charts. The x range of `points` (sorted by x) is cut into `buckets` equal
// slices; each non-empty slice keeps its lowest and its highest point, in x order, so spikes and dips survive.
// The result has at most 2 * buckets points plus the first and last input points, and is a subsequence of
// the input. Input that is already small enough (size <= 2 * buckets) is returned unchanged; otherwise points
// with a NaN y are dropped.
QList<QPointF> decimateMinMax(const QList<QPointF> &points, int buckets);

// Cuts `points` (sorted by x) wherever x jumps by more than `maxGap`, so a line chart can show missing data
// as a gap rather than a straight line across it. maxGap <= 0 returns the input as one segment; empty input
// returns no segments.
QList<QList<QPointF>> splitAtGaps(const QList<QPointF> &points, double maxGap);

// The median distance in x between neighbouring points (0 for fewer than two points): the data's own spacing,
// which can be wider than the step a query asked for (e.g. five-minute samples read from the raw tier).
double typicalSpacing(const QList<QPointF> &points);

} // namespace stackscope::charts
