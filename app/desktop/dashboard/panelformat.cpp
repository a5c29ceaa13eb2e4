#include "panelformat.h"

#include "chartpalette.h"

#include <QCoreApplication>
#include <QLocale>

#include <array>
#include <cmath>

namespace stackscope::app {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("stackscope::app::PanelFormat", text);
}

enum class UnitKind { Plain, Percent, Millis, Seconds, Bytes, Money };

UnitKind kindOf(const QString &unit)
{
    const QString u = unit.trimmed().toLower();
    if (u == QLatin1String("%") || u == QLatin1String("percent"))
        return UnitKind::Percent;
    if (u == QLatin1String("ms") || u == QLatin1String("milliseconds"))
        return UnitKind::Millis;
    if (u == QLatin1String("s") || u == QLatin1String("seconds") || u == QLatin1String("sec"))
        return UnitKind::Seconds;
    if (u == QLatin1String("bytes") || u == QLatin1String("b") || u == QLatin1String("byte"))
        return UnitKind::Bytes;
    if (u == QLatin1String("usd") || u == QLatin1String("$") || u == QLatin1String("currency"))
        return UnitKind::Money;
    return UnitKind::Plain;
}

// About three significant digits, trailing zeros dropped ("12.5", "1.23", "0.042").
QString number(double value, int decimals)
{
    const QLocale locale;
    if (decimals >= 0)
        return locale.toString(value, 'f', decimals);
    const double a = std::abs(value);
    int d = 0;
    if (a == 0.0)
        d = 0;
    else if (a < 1.0)
        d = std::min(6, int(std::ceil(-std::log10(a))) + 2);
    else if (a < 10.0)
        d = 2;
    else if (a < 100.0)
        d = 1;
    QString text = locale.toString(value, 'f', d);
    if (d > 0) {
        const QChar point = locale.decimalPoint().at(0);
        while (text.endsWith(QLatin1Char('0')))
            text.chop(1);
        if (text.endsWith(point))
            text.chop(1);
    }
    return text;
}

// k / M / B / T above a thousand.
QString compact(double value, int decimals)
{
    static const std::array<const char *, 5> suffixes{"", "k", "M", "B", "T"};
    double v = value;
    std::size_t i = 0;
    while (std::abs(v) >= 999.5 && i + 1 < suffixes.size()) {
        v /= 1000.0;
        ++i;
    }
    return number(v, i == 0 ? decimals : (decimals < 0 ? -1 : std::max(decimals, 1)))
           + QLatin1String(suffixes.at(i));
}

QString bytes(double value, int decimals)
{
    static const std::array<const char *, 6> units{"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
    double v = value;
    std::size_t i = 0;
    while (std::abs(v) >= 1024.0 && i + 1 < units.size()) {
        v /= 1024.0;
        ++i;
    }
    return number(v, i == 0 ? std::max(decimals, 0) : decimals) + QLatin1Char(' ') + QLatin1String(units.at(i));
}

QString duration(double ms, int decimals)
{
    const double a = std::abs(ms);
    if (a < 1.0 && a > 0.0)
        return number(ms * 1000.0, decimals) + QStringLiteral(" µs");
    if (a < 1000.0)
        return number(ms, decimals) + QStringLiteral(" ms");
    if (a < 60'000.0)
        return number(ms / 1000.0, decimals) + QStringLiteral(" s");
    if (a < 3'600'000.0)
        return number(ms / 60'000.0, decimals) + QStringLiteral(" min");
    if (a < 86'400'000.0)
        return number(ms / 3'600'000.0, decimals) + QStringLiteral(" h");
    return number(ms / 86'400'000.0, decimals) + QStringLiteral(" d");
}

QString money(double value, int decimals)
{
    const double a = std::abs(value);
    const QString sign = value < 0 ? QStringLiteral("-") : QString();
    if (a >= 1e6)
        return sign + QLatin1Char('$') + compact(a, decimals < 0 ? 2 : decimals);
    QLocale locale;
    locale.setNumberOptions(locale.numberOptions() & ~QLocale::OmitGroupSeparator);
    return sign + QLatin1Char('$') + locale.toString(a, 'f', decimals < 0 ? 2 : decimals);
}

} // namespace

QString formatValue(double value, const QString &unit, int decimals)
{
    if (!std::isfinite(value))
        return QStringLiteral("–");
    switch (kindOf(unit)) {
    case UnitKind::Percent:
        if (decimals < 0)
            decimals = std::abs(value) >= 100.0 || value == std::round(value) ? 0 : 1;
        return number(value, decimals) + QLatin1Char('%');
    case UnitKind::Millis:
        return duration(value, decimals);
    case UnitKind::Seconds:
        return duration(value * 1000.0, decimals);
    case UnitKind::Bytes:
        return bytes(value, decimals);
    case UnitKind::Money:
        return money(value, decimals);
    case UnitKind::Plain:
        break;
    }
    return compact(value, decimals);
}

QString formatAxisValue(double value, const QString &unit, double tickInterval)
{
    // Enough decimals to tell neighbouring ticks apart, after the same scaling formatValue applies.
    const double scale = std::max(std::abs(value), std::abs(tickInterval));
    int decimals = -1;
    if (kindOf(unit) == UnitKind::Plain && scale < 1000.0 && tickInterval > 0.0)
        decimals = std::clamp(int(std::ceil(-std::log10(tickInterval))), 0, 4);
    if (kindOf(unit) == UnitKind::Money)
        decimals = scale >= 100.0 ? 0 : 2;
    return formatValue(value, unit, decimals);
}

QString formatDelta(double current, std::optional<double> previous)
{
    if (!previous || !std::isfinite(*previous) || !std::isfinite(current))
        return {};
    if (*previous == 0.0)
        return current == 0.0 ? QStringLiteral("0%") : QString();
    const double pct = (current - *previous) / std::abs(*previous) * 100.0;
    const QString magnitude = QLocale().toString(std::abs(pct), 'f', std::abs(pct) >= 100.0 ? 0 : 1);
    if (std::abs(pct) < 0.05)
        return QStringLiteral("0%");
    return (pct > 0 ? QStringLiteral("+") : QStringLiteral("−")) + magnitude + QLatin1Char('%');
}

QString formatPeriod(qint64 lengthMs)
{
    constexpr qint64 minute = 60'000, hour = 60 * minute, day = 24 * hour;
    if (lengthMs >= 365 * day && lengthMs % (365 * day) == 0)
        return tr("%1y").arg(lengthMs / (365 * day));
    if (lengthMs <= 2 * day && lengthMs % hour == 0)
        return tr("%1h").arg(lengthMs / hour);       // "24h", "48h": how people say a day or two
    if (lengthMs >= day && lengthMs % day == 0)
        return tr("%1d").arg(lengthMs / day);
    if (lengthMs >= day)
        return tr("%1d %2h").arg(lengthMs / day).arg((lengthMs % day) / hour);
    if (lengthMs >= hour && lengthMs % hour == 0)
        return tr("%1h").arg(lengthMs / hour);
    if (lengthMs >= hour)
        return tr("%1h %2m").arg(lengthMs / hour).arg((lengthMs % hour) / minute);
    return tr("%1m").arg(std::max<qint64>(1, lengthMs / minute));
}

QString unitSuffix(const QString &unit)
{
    if (kindOf(unit) != UnitKind::Plain)
        return {};
    const QString u = unit.trimmed();
    if (u.isEmpty() || u == QLatin1String("count") || u == QLatin1String("1"))
        return {};
    return u;
}

QColor thresholdColor(const QList<dashboard::Threshold> &thresholds, double value, const QColor &base)
{
    const int level = thresholdLevel(thresholds, value);
    if (level == 0)
        return base;
    const QColor color(thresholds.at(level - 1).color);
    return color.isValid() ? color : base;
}

int thresholdLevel(const QList<dashboard::Threshold> &thresholds, double value)
{
    int level = 0;
    for (int i = 0; i < thresholds.size(); ++i)
        if (value >= thresholds.at(i).value)
            level = i + 1;
    return level;
}

QColor levelColor(int level, int levelCount, const QPalette &palette)
{
    // Two thresholds: ok / warning / critical; one: ok / critical.
    const bool dark = charts::isDarkPalette(palette);
    if (level <= 0)
        return charts::statusColor(charts::StatusLevel::Ok, dark);
    if (level >= levelCount)
        return charts::statusColor(charts::StatusLevel::Critical, dark);
    return charts::statusColor(charts::StatusLevel::Warning, dark);
}

} // namespace stackscope::app
