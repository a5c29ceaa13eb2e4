#pragma once

#include <QString>
#include <QtGlobal>

// Plain-words pieces of alert summaries: "avg 42 ms > 10 ms over 5 min".
namespace stackscope::rules::wording {

// 42 -> "42", 0.125 -> "0.125", 1234567.8 -> "1234568"; with a unit "42 ms", "42%".
QString number(double value);
QString quantity(double value, const QString &unit);
QString signedQuantity(double value, const QString &unit);  // "+12 ms", "-3%"
// "Tuesday 14:00 UTC" for the hour holding `ms`.
QString hourOfWeek(qint64 ms);

} // namespace stackscope::rules::wording
