#include "notify/retrypolicy.h"

#include <algorithm>

namespace stackscope::notify {

qint64 RetryPolicy::delayMs(int attempts, double jitter) const
{
    qint64 nominal = std::max<qint64>(firstDelayMs, 1);
    for (int i = 1; i < attempts && nominal < maxDelayMs; ++i)
        nominal *= 2;
    nominal = std::min(nominal, maxDelayMs);
    const double spread = std::clamp(jitter, 0.0, 1.0);
    return nominal / 2 + qint64(spread * double(nominal - nominal / 2));
}

} // namespace stackscope::notify
