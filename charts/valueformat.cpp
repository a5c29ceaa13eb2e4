#include "valueformat.h"

#include <QLocale>

#include <array>
#include <cmath>

namespace stackscope::charts {

namespace {

QString number(double value, int decimals)
{
    const QLocale locale;
    if (decimals >= 0)
        return locale.toString(value, 'f', decimals);
    // About three significant digits, without trailing zeros and never in exponent notation.
    const double magnitude = std::abs(value);
    int digits = 0;
    if (magnitude > 0.0 && magnitude < 100.0)
        digits = std::min(6, int(std::ceil(-std::log10(magnitude))) + 2);
    if (magnitude >= 10.0)
        digits = magnitude >= 100.0 ? 0 : 1;
    QString text = locale.toString(value, 'f', std::max(0, digits));
    if (text.contains(locale.decimalPoint())) {
        while (text.endsWith(QLatin1Char('0')))
            text.chop(1);
        if (text.endsWith(locale.decimalPoint()))
            text.chop(locale.decimalPoint().size());
    }
    if (text == QLatin1String("-0"))
        text = QStringLiteral("0");
    return text;
}

// value scaled into [1, 1000) with the matching prefix, for magnitudes of at least 1000.
std::pair<double, QString> scaled(double value, const std::array<const char *, 5> &prefixes)
{
    double v = value;
    std::size_t i = 0;
    while (std::abs(v) >= 999.5 && i + 1 < prefixes.size()) {
        v /= 1000.0;
        ++i;
    }
    return {v, QString::fromLatin1(prefixes.at(i))};
}

} // namespace

QString formatValue(double value, const QString &unit, int decimals)
{
    if (!std::isfinite(value))
        return QStringLiteral("–");
    const QString u = unit.trimmed();
    if (u == QLatin1String("B") || u.compare(QLatin1String("bytes"), Qt::CaseInsensitive) == 0) {
        const auto [v, prefix] = scaled(value, {"B", "kB", "MB", "GB", "TB"});
        return number(v, decimals) + QLatin1Char(' ') + prefix;
    }
    if (u == QLatin1String("%"))
        return number(value, decimals) + QStringLiteral(" %");
    if (u == QLatin1String("ms") && std::abs(value) >= 1000.0)
        return number(value / 1000.0, decimals) + QStringLiteral(" s");
    // Plain counts and rates: k, M, G, T.
    const auto [v, prefix] = scaled(value, {"", "k", "M", "G", "T"});
    QString text = number(v, decimals) + prefix;
    if (!u.isEmpty())
        text += QLatin1Char(' ') + u;
    return text;
}

} // namespace stackscope::charts
