#include "rules/rulewording.h"

#include <QDateTime>
#include <QLocale>
#include <QTimeZone>

#include <cmath>

namespace stackscope::rules::wording {

QString number(double value)
{
    if (value == 0.0)
        return QStringLiteral("0");   // also for -0
    QString text = QString::number(value, 'g', 6);
    if (text.contains(QLatin1Char('e')) && std::abs(value) >= 1.0 && std::abs(value) < 1e15)
        text = QString::number(value, 'f', 0);
    return text;
}

QString quantity(double value, const QString &unit)
{
    if (unit.isEmpty())
        return number(value);
    if (unit == QLatin1String("%"))
        return number(value) + unit;
    return number(value) + QLatin1Char(' ') + unit;
}

QString signedQuantity(double value, const QString &unit)
{
    return (value > 0 ? QStringLiteral("+") : QString()) + quantity(value, unit);
}

QString hourOfWeek(qint64 ms)
{
    const QDateTime at = QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc());
    return QStringLiteral("%1 %2:00 UTC")
        .arg(QLocale::c().dayName(at.date().dayOfWeek()))
        .arg(at.time().hour(), 2, 10, QLatin1Char('0'));
}

} // namespace stackscope::rules::wording
