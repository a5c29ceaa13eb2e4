#include "decimation.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace stackscope::charts {

QList<QPointF> decimateMinMax(const QList<QPointF> &points, int buckets)
{
    if (buckets <= 0 || points.size() <= 2 * qsizetype(buckets))
        return points;

    const double x0 = points.constFirst().x();
    const double x1 = points.constLast().x();
    const double span = x1 - x0;
    if (!(span > 0.0))
        return {points.constFirst(), points.constLast()};

    QList<QPointF> out;
    out.reserve(2 * buckets + 2);
    out.append(points.constFirst());

    qsizetype i = 0;
    const qsizetype n = points.size();
    while (i < n) {
        // The bucket of point i; every point up to the bucket's end joins it.
        const int bucket = std::min(buckets - 1, int((points.at(i).x() - x0) / span * buckets));
        const double bucketEnd = x0 + span * double(bucket + 1) / buckets;
        qsizetype lo = -1;
        qsizetype hi = -1;
        for (; i < n && (points.at(i).x() < bucketEnd || bucket == buckets - 1); ++i) {
            const double y = points.at(i).y();
            if (std::isnan(y))
                continue;
            if (lo < 0 || y < points.at(lo).y())
                lo = i;
            if (hi < 0 || y > points.at(hi).y())
                hi = i;
        }
        if (lo < 0)
            continue;
        const qsizetype first = std::min(lo, hi);
        const qsizetype second = std::max(lo, hi);
        if (first != 0 || out.size() != 1)
            out.append(points.at(first));
        if (second != first)
            out.append(points.at(second));
    }
    if (out.constLast() != points.constLast() && !std::isnan(points.constLast().y()))
        out.append(points.constLast());
    if (std::isnan(out.constFirst().y()))
        out.removeFirst();
    return out;
}

QList<QList<QPointF>> splitAtGaps(const QList<QPointF> &points, double maxGap)
{
    if (points.isEmpty())
        return {};
    if (!(maxGap > 0.0))
        return {points};
    QList<QList<QPointF>> segments;
    qsizetype start = 0;
    for (qsizetype i = 1; i < points.size(); ++i) {
        if (points.at(i).x() - points.at(i - 1).x() > maxGap) {
            segments.append(points.mid(start, i - start));
            start = i;
        }
    }
    segments.append(points.mid(start));
    return segments;
}

double typicalSpacing(const QList<QPointF> &points)
{
    if (points.size() < 2)
        return 0.0;
    // A strided sample of at most ~2000 distances is plenty for a median.
    const qsizetype stride = std::max<qsizetype>(1, points.size() / 2000);
    std::vector<double> gaps;
    gaps.reserve(std::size_t(points.size() / stride + 1));
    for (qsizetype i = stride; i < points.size(); i += stride)
        gaps.push_back(points.at(i).x() - points.at(i - 1).x());
    if (gaps.empty())
        return 0.0;
    auto middle = gaps.begin() + std::ptrdiff_t(gaps.size() / 2);
    std::nth_element(gaps.begin(), middle, gaps.end());
    return *middle;
}

} // namespace stackscope::charts
