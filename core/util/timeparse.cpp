#include "util/timeparse.h"

#include <QDateTime>
#include <QRegularExpression>

namespace stackscope {

namespace {
constexpr qint64 kYear2200Ms = 7258118400000;
}

bool isPlausibleTimestamp(qint64 ms)
{
    return ms >= 0 && ms < kYear2200Ms;
}

Result<qint64> parseRfc3339(const QString &text)
{
    static const QRegularExpression shape(
        QStringLiteral(R"(^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$)"));
    if (!shape.match(text).hasMatch())
        return Error::make(Error::Code::Parse,
                           QStringLiteral("\"%1\" is not an RFC 3339 time with a zone, e.g. 2026-01-01T00:00:00Z")
                               .arg(text.left(64)));
    QString normalised = text;
    normalised.replace(10, 1, QLatin1Char('T'));
    // Qt parses at most millisecond precision; drop digits beyond it.
    static const QRegularExpression fraction(QStringLiteral(R"(\.(\d{3})\d+)"));
    normalised.replace(fraction, QStringLiteral(".\\1"));
    const QDateTime parsed = QDateTime::fromString(normalised, Qt::ISODateWithMs);
    if (!parsed.isValid())
        return Error::make(Error::Code::Parse, QStringLiteral("\"%1\" is not a valid date and time").arg(text.left(64)));
    return parsed.toMSecsSinceEpoch();
}

Result<qint64> parseDuration(const QString &text)
{
    static const QRegularExpression shape(QStringLiteral(R"(^(\d+)(ms|s|m|h|d|w)?$)"));
    const auto match = shape.match(text.trimmed());
    bool ok = false;
    const qint64 amount = match.hasMatch() ? match.captured(1).toLongLong(&ok) : 0;
    if (!ok || amount <= 0 || amount > 1'000'000'000)
        return Error::make(Error::Code::Parse,
                           QStringLiteral("\"%1\" is not a duration such as 30s, 5m, 1h, 1d or 1w").arg(text.left(64)));
    const QString unit = match.captured(2);
    qint64 factor = 1;
    if (unit == QLatin1String("s"))
        factor = 1000;
    else if (unit == QLatin1String("m"))
        factor = 60'000;
    else if (unit == QLatin1String("h"))
        factor = 3'600'000;
    else if (unit == QLatin1String("d"))
        factor = 86'400'000;
    else if (unit == QLatin1String("w"))
        factor = 7 * 86'400'000LL;
    return amount * factor;
}

Result<qint64> parseTimePoint(const QString &text, qint64 nowMs)
{
    const QString t = text.trimmed();
    if (t == QLatin1String("now"))
        return nowMs;
    if (t.startsWith(QLatin1String("now-")) || (t.startsWith(QLatin1Char('-')) && !t.contains(QLatin1Char(':')))) {
        auto span = parseDuration(t.mid(t.indexOf(QLatin1Char('-')) + 1));
        if (!span)
            return span.error();
        return nowMs - span.value();
    }
    bool isNumber = false;
    const qint64 ms = t.toLongLong(&isNumber);
    if (isNumber)
        return ms;
    return parseRfc3339(t);
}

} // namespace stackscope
