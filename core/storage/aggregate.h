#pragma once

#include <QtGlobal>

#include <algorithm>
#include <limits>

namespace stackscope::storage {

// What a rollup bucket holds. Merging is associative and commutative, so buckets can be built from samples
// in any order and coarser buckets from finer ones; `last` follows the latest timestamp, not arrival order.
struct Aggregate
{
    double min = std::numeric_limits<double>::infinity();
    double max = -std::numeric_limits<double>::infinity();
    double sum = 0.0;
    qint64 count = 0;
    double last = 0.0;
    qint64 lastTs = std::numeric_limits<qint64>::min();

    bool isEmpty() const { return count == 0; }

    void add(qint64 ts, double value)
    {
        min = std::min(min, value);
        max = std::max(max, value);
        sum += value;
        ++count;
        if (ts >= lastTs) {
            lastTs = ts;
            last = value;
        }
    }

    void merge(const Aggregate &other)
    {
        if (other.isEmpty())
            return;
        min = std::min(min, other.min);
        max = std::max(max, other.max);
        sum += other.sum;
        count += other.count;
        if (other.lastTs >= lastTs) {
            lastTs = other.lastTs;
            last = other.last;
        }
    }
};

} // namespace stackscope::storage
