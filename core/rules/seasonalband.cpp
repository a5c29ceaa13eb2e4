#include "rules/seasonalband.h"

#include <algorithm>
#include <cmath>

namespace stackscope::rules {

double SeasonalBand::medianOf(QList<double> values)
{
    std::sort(values.begin(), values.end());
    const qsizetype mid = values.size() / 2;
    return values.size() % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2.0;
}

SeasonalBand SeasonalBand::learn(const QList<double> &values, double sensitivity)
{
    SeasonalBand band;
    band.median = medianOf(values);
    QList<double> deviations;
    deviations.reserve(values.size());
    for (double value : values)
        deviations.append(std::abs(value - band.median));
    const double mad = medianOf(deviations);
    band.spread = std::max({kMadScale * mad, kMinSpreadOfMedian * std::abs(band.median), kMinSpread});
    band.lower = band.median - sensitivity * band.spread;
    band.upper = band.median + sensitivity * band.spread;
    return band;
}

} // namespace stackscope::rules
