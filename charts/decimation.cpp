#include "decimation.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace stackscope::charts {

namespace {

// Min/max over points[0, n) (sorted by x), appended to `out`. Precondition: n > 2 * buckets, buckets > 0.
void minMaxInto(const QPointF *points, qsizetype n, int buckets, QList<QPointF> &out)
{
    const double x0 = points[0].x();
    const double x1 = points[n - 1].x();
    const double span = x1 - x0;
    const qsizetype start = out.size();
    if (!(span > 0.0)) {
        out.append(points[0]);
        out.append(points[n - 1]);
        return;
    }
    out.append(points[0]);
    const double scale = double(buckets) / span;
    qsizetype i = 0;
    while (i < n) {
        // The bucket of point i; every point up to the bucket's end joins it.
        const int bucket = std::min(buckets - 1, int((points[i].x() - x0) * scale));
        const double bucketEnd = x0 + span * double(bucket + 1) / buckets;
        const bool last = bucket == buckets - 1;
        qsizetype lo = -1;
        qsizetype hi = -1;
        double loY = 0.0;
        double hiY = 0.0;
        // Point i always joins (rounding must never leave it out and stall the loop), then the rest of its bucket.
        for (const qsizetype begin = i; i < n && (i == begin || last || points[i].x() < bucketEnd); ++i) {
            const double y = points[i].y();
            if (std::isnan(y))
                continue;
            if (lo < 0 || y < loY) {
                lo = i;
                loY = y;
            }
            if (hi < 0 || y > hiY) {
                hi = i;
                hiY = y;
            }
        }
        if (lo < 0)
            continue;
        const qsizetype first = std::min(lo, hi);
        const qsizetype second = std::max(lo, hi);
        if (first != 0 || out.size() != start + 1)
            out.append(points[first]);
        if (second != first)
            out.append(points[second]);
    }
    if (out.constLast() != points[n - 1] && !std::isnan(points[n - 1].y()))
        out.append(points[n - 1]);
    if (std::isnan(out.at(start).y()))
        out.remove(start);
}

// LTTB over NaN-free points[0, n), appended to `out`. Precondition: n > threshold >= 3.
void lttbInto(const QPointF *data, qsizetype n, int threshold, QList<QPointF> &out)
{
    out.append(data[0]);
    // The points between the first and the last are cut into threshold - 2 buckets of equal count.
    const double every = double(n - 2) / double(threshold - 2);
    qsizetype a = 0; // the point chosen in the previous bucket
    for (int bucket = 0; bucket < threshold - 2; ++bucket) {
        const qsizetype start = qsizetype(std::floor(bucket * every)) + 1;
        const qsizetype end = std::min(n - 1, qsizetype(std::floor((bucket + 1) * every)) + 1);
        // The third corner of the triangle: the average of the next bucket (the last point after the last one).
        const qsizetype nextStart = end;
        const qsizetype nextEnd = std::max(nextStart + 1, std::min(n, qsizetype(std::floor((bucket + 2) * every)) + 1));
        double avgX = 0.0;
        double avgY = 0.0;
        for (qsizetype j = nextStart; j < nextEnd; ++j) {
            avgX += data[j].x();
            avgY += data[j].y();
        }
        avgX /= double(nextEnd - nextStart);
        avgY /= double(nextEnd - nextStart);

        const QPointF pa = data[a];
        double maxArea = -1.0;
        qsizetype chosen = start;
        for (qsizetype j = start; j < end; ++j) {
            // Twice the triangle's area; the factor does not change which point wins.
            const double area =
                std::abs((pa.x() - avgX) * (data[j].y() - pa.y()) - (pa.x() - data[j].x()) * (avgY - pa.y()));
            if (area > maxArea) {
                maxArea = area;
                chosen = j;
            }
        }
        out.append(data[chosen]);
        a = chosen;
    }
    out.append(data[n - 1]);
}

} // namespace

QList<QPointF> decimateMinMax(const QList<QPointF> &points, int buckets)
{
    if (buckets <= 0 || points.size() <= 2 * qsizetype(buckets))
        return points;
    QList<QPointF> out;
    out.reserve(2 * buckets + 2);
    minMaxInto(points.constData(), points.size(), buckets, out);
    return out;
}

QList<QPointF> decimateLttb(const QList<QPointF> &points, int threshold)
{
    if (threshold < 3 || points.size() <= qsizetype(threshold))
        return points;
    QList<QPointF> data;
    data.reserve(points.size());
    for (const QPointF &p : points) {
        if (!std::isnan(p.y()))
            data.append(p);
    }
    if (data.size() <= qsizetype(threshold))
        return data;
    QList<QPointF> out;
    out.reserve(threshold);
    lttbInto(data.constData(), data.size(), threshold, out);
    return out;
}

QList<QList<QPointF>> decimateSegments(const QList<QPointF> &points, int buckets, DecimationMethod method,
                                       double maxGap)
{
    return decimateSegments(points.constData(), points.size(), buckets, method, maxGap);
}

QList<QList<QPointF>> decimateSegments(const QPointF *points, qsizetype count, int buckets, DecimationMethod method,
                                       double maxGap)
{
    QList<QList<QPointF>> segments;
    if (count <= 0)
        return segments;
    const double span = points[count - 1].x() - points[0].x();
    // A gap narrower than two buckets (about two pixels) cannot be seen; keeping it would only cost lines.
    if (maxGap > 0.0 && buckets > 0 && span > 0.0)
        maxGap = std::max(maxGap, 2.0 * span / buckets);

    // Cut at NaN values and at jumps in x: [begin, end) index ranges, no copies yet.
    std::vector<std::pair<qsizetype, qsizetype>> ranges;
    qsizetype start = -1;
    for (qsizetype i = 0; i <= count; ++i) {
        const bool missing = i == count || std::isnan(points[i].y());
        const bool jump = !missing && start >= 0 && maxGap > 0.0 && points[i].x() - points[i - 1].x() > maxGap;
        if ((missing || jump) && start >= 0) {
            ranges.emplace_back(start, i);
            start = -1;
        }
        if (!missing && start < 0)
            start = i;
    }

    double covered = 0.0;
    for (const auto &[b, e] : ranges)
        covered += points[e - 1].x() - points[b].x();
    segments.reserve(qsizetype(ranges.size()));
    for (const auto &[b, e] : ranges) {
        const qsizetype n = e - b;
        const double share = covered > 0.0 ? (points[e - 1].x() - points[b].x()) / covered
                                           : 1.0 / double(ranges.size());
        const int segmentBuckets = std::max(1, int(std::lround(share * buckets)));
        QList<QPointF> out;
        if (buckets <= 0 || (method == DecimationMethod::MinMax && n <= 2 * qsizetype(segmentBuckets))
            || (method == DecimationMethod::Lttb && n <= qsizetype(std::max(3, segmentBuckets)))) {
            out = QList<QPointF>(points + b, points + e);
        } else if (method == DecimationMethod::Lttb) {
            out.reserve(std::max(3, segmentBuckets));
            lttbInto(points + b, n, std::max(3, segmentBuckets), out);
        } else {
            out.reserve(2 * segmentBuckets + 2);
            minMaxInto(points + b, n, segmentBuckets, out);
        }
        segments.append(std::move(out));
    }
    return segments;
}

qsizetype nearestPointIndex(const QList<QPointF> &points, double x)
{
    if (points.isEmpty())
        return -1;
    const auto it = std::lower_bound(points.cbegin(), points.cend(), x,
                                     [](const QPointF &p, double value) { return p.x() < value; });
    qsizetype right = it - points.cbegin();
    qsizetype left = right - 1;
    while (right < points.size() && std::isnan(points.at(right).y()))
        ++right;
    while (left >= 0 && std::isnan(points.at(left).y()))
        --left;
    if (right >= points.size())
        return left;
    if (left < 0)
        return right;
    return x - points.at(left).x() <= points.at(right).x() - x ? left : right;
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
