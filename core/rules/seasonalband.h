#pragma once

#include <QList>

namespace stackscope::rules {

// A band learnt from past values of the same hour of the week: median ± sensitivity × spread, where the spread
// is the median absolute deviation scaled by 1.4826 (so it estimates the standard deviation of normal data
// while ignoring outliers), but never less than 5% of the median's size: a metric that was the same value every
// week would otherwise have a band of zero width and fire on the smallest change.
struct SeasonalBand
{
    static constexpr double kMadScale = 1.4826;
    static constexpr double kMinSpreadOfMedian = 0.05;
    static constexpr double kMinSpread = 1e-9;   // a metric that was always 0

    double median = 0.0;
    double spread = 0.0;     // the scaled MAD after the floor
    double lower = 0.0;
    double upper = 0.0;

    static double medianOf(QList<double> values);  // values must not be empty
    static SeasonalBand learn(const QList<double> &values, double sensitivity);
};

} // namespace stackscope::rules
