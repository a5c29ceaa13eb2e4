#include "rules/ruleduration.h"

#include "util/timeparse.h"

#include <QRegularExpression>

#include <array>
#include <cmath>
#include <utility>

namespace stackscope::rules {

namespace {

constexpr qint64 kSecond = 1000;
constexpr qint64 kMinute = 60 * kSecond;
constexpr qint64 kHour = 60 * kMinute;
constexpr qint64 kDay = 24 * kHour;
constexpr qint64 kWeek = 7 * kDay;
constexpr double kMaxSeconds = 1e9; // about 31 years: anything longer is a typo

Error durationError(const QString &detail)
{
    return Error::make(Error::Code::Config, detail);
}

} // namespace

Result<qint64> durationFromJson(const QJsonValue &value)
{
    if (value.isDouble()) {
        const double seconds = value.toDouble();
        if (!std::isfinite(seconds) || seconds < 0 || seconds > kMaxSeconds)
            return durationError(QStringLiteral("must be a number of seconds from 0 up, or a text such as \"5m\""));
        return qint64(std::llround(seconds * 1000.0));
    }
    if (!value.isString())
        return durationError(QStringLiteral("must be a duration such as \"90s\", \"5m\", \"1h\" or \"2d\", "
                                            "or a number of seconds"));
    const QString text = value.toString().trimmed();
    if (text == QLatin1String("0") || text == QLatin1String("0s") || text == QLatin1String("0m"))
        return qint64(0);
    static const QRegularExpression digitsOnly(QStringLiteral(R"(^\d+$)"));
    if (digitsOnly.match(text).hasMatch())
        return durationError(QStringLiteral("\"%1\" needs a unit, e.g. \"%1s\" or \"%1m\" (or write it as a plain "
                                            "number of seconds)")
                                 .arg(text.left(16)));
    auto parsed = parseDuration(text);
    if (!parsed)
        return durationError(QStringLiteral("\"%1\" is not a duration such as \"90s\", \"5m\", \"1h\" or \"2d\"")
                                 .arg(text.left(32)));
    return parsed.value();
}

QString durationText(qint64 ms)
{
    if (ms == 0)
        return QStringLiteral("0s");
    static constexpr std::array<std::pair<qint64, char>, 5> units{{
        {kWeek, 'w'}, {kDay, 'd'}, {kHour, 'h'}, {kMinute, 'm'}, {kSecond, 's'}}};
    for (const auto &[width, unit] : units) {
        if (ms % width == 0)
            return QString::number(ms / width) + QLatin1Char(unit);
    }
    return QString::number(ms) + QStringLiteral("ms");
}

QString durationWords(qint64 ms)
{
    if (ms > 0 && ms % kDay == 0)
        return QStringLiteral("%1 d").arg(ms / kDay);
    if (ms > 0 && ms % kHour == 0)
        return QStringLiteral("%1 h").arg(ms / kHour);
    if (ms > 0 && ms % kMinute == 0)
        return QStringLiteral("%1 min").arg(ms / kMinute);
    if (ms % kSecond == 0)
        return QStringLiteral("%1 s").arg(ms / kSecond);
    return QStringLiteral("%1 ms").arg(ms);
}

} // namespace stackscope::rules
