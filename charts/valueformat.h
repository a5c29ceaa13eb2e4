#pragma once

#include <QString>

namespace stackscope::charts {

// A value with its unit as people read it in a tooltip or a stat tile: "12.3 ms", "45.1 %", "1.25k req/s",
// "3.4 MB" (unit "B" or "bytes": decimal kB/MB/GB/TB), "2.5 s" ... Large plain numbers get k/M/G/T suffixes.
// `decimals` < 0: about three significant digits; otherwise exactly that many digits after the point.
// NaN and infinities read "–".
QString formatValue(double value, const QString &unit = QString(), int decimals = -1);

} // namespace stackscope::charts
