#pragma once

#include <QList>
#include <QPointF>

namespace stackscope::charts {

// How a long series is thinned to what the screen can show.
//  MinMax: per pixel column the lowest and highest point (at most two per bucket): every spike and dip
//          survives exactly; best for monitoring data, the default.
//  Lttb:   largest-triangle-three-buckets: one point per bucket, the one that keeps the line's visual shape
//          (the largest triangle with its neighbours); half the points of MinMax, smoother, isolated spikes
//          survive because they make large triangles.
enum class DecimationMethod { MinMax, Lttb };

// Min/max decimation for line charts. The x range of `points` (sorted by x) is cut into `buckets` equal
// slices; each non-empty slice keeps its lowest and its highest point, in x order, so spikes and dips survive.
// The result has at most 2 * buckets points plus the first and last input points, and is a subsequence of
// the input. Input that is already small enough (size <= 2 * buckets) is returned unchanged; otherwise points
// with a NaN y are dropped.
QList<QPointF> decimateMinMax(const QList<QPointF> &points, int buckets);

// Largest-triangle-three-buckets (Steinarsson 2013). Keeps the first and the last point and one point from
// each of `threshold - 2` buckets of equal point count in between: at most `threshold` points, a subsequence
// of the input. Input with size <= threshold (or threshold < 3) is returned unchanged; otherwise points with
// a NaN y are dropped first.
QList<QPointF> decimateLttb(const QList<QPointF> &points, int threshold);

// Gap-aware decimation: cuts `points` into segments at NaN values and wherever x jumps by more than `maxGap`
// (maxGap <= 0: only at NaN), then decimates every segment on its own with its share of `buckets` (by x span),
// so the gaps of the input stay gaps in the output and no line is ever drawn across missing data. Each segment
// keeps its first and last point. The result holds at most about 2 * buckets points (MinMax) or buckets
// points (Lttb) plus two per segment.
QList<QList<QPointF>> decimateSegments(const QList<QPointF> &points, int buckets, DecimationMethod method,
                                       double maxGap);
// The same over points[0, count) (a part of a longer series, without copying it first).
QList<QList<QPointF>> decimateSegments(const QPointF *points, qsizetype count, int buckets, DecimationMethod method,
                                       double maxGap);

// Cuts `points` (sorted by x) wherever x jumps by more than `maxGap`, so a line chart can show missing data
// as a gap rather than a straight line across it. maxGap <= 0 returns the input as one segment; empty input
// returns no segments.
QList<QList<QPointF>> splitAtGaps(const QList<QPointF> &points, double maxGap);

// The median distance in x between neighbouring points (0 for fewer than two points): the data's own spacing,
// which can be wider than the step a query asked for (e.g. five-minute samples read from the raw tier).
double typicalSpacing(const QList<QPointF> &points);

// The index of the point of `points` (sorted by x) nearest to x; -1 when empty. NaN values are skipped.
qsizetype nearestPointIndex(const QList<QPointF> &points, double x);

} // namespace stackscope::charts
