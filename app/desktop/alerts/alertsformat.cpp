#include "alertsformat.h"

#include "rules/rulewording.h"
#include "valueformat.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>

namespace stackscope::app::alertsui {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("stackscope::app::alertsui", text);
}
} // namespace

QColor severityColor(rules::Severity severity)
{
    switch (severity) {
    case rules::Severity::Critical:
        return QColor(0xd6, 0x3b, 0x3b);
    case rules::Severity::Warning:
        return QColor(0xd9, 0x8e, 0x04);
    case rules::Severity::Info:
        break;
    }
    return QColor(0x3d, 0x7a, 0xd6);
}

QColor statusColor(alerts::AlertStatus status)
{
    switch (status) {
    case alerts::AlertStatus::Open:
        return QColor(0xd6, 0x3b, 0x3b);
    case alerts::AlertStatus::Reopened:
        return QColor(0xc0, 0x4f, 0xc8);
    case alerts::AlertStatus::Acknowledged:
        return QColor(0x3d, 0x7a, 0xd6);
    case alerts::AlertStatus::Resolved:
        break;
    }
    return QColor(0x2e, 0x9e, 0x5b);
}

QString severityLabel(rules::Severity severity)
{
    switch (severity) {
    case rules::Severity::Critical:
        return tr("CRITICAL");
    case rules::Severity::Warning:
        return tr("WARNING");
    case rules::Severity::Info:
        break;
    }
    return tr("INFO");
}

QString severityWord(rules::Severity severity)
{
    switch (severity) {
    case rules::Severity::Critical:
        return tr("Critical");
    case rules::Severity::Warning:
        return tr("Warning");
    case rules::Severity::Info:
        break;
    }
    return tr("Info");
}

QString statusWord(alerts::AlertStatus status)
{
    switch (status) {
    case alerts::AlertStatus::Open:
        return tr("Open");
    case alerts::AlertStatus::Acknowledged:
        return tr("Acknowledged");
    case alerts::AlertStatus::Reopened:
        return tr("Reopened");
    case alerts::AlertStatus::Resolved:
        break;
    }
    return tr("Resolved");
}

QString relativeTime(qint64 atMs, qint64 nowMs)
{
    const qint64 seconds = (nowMs - atMs) / 1000;
    if (seconds < 60)
        return tr("just now");
    if (seconds < 3600)
        return tr("%1 min ago").arg(seconds / 60);
    if (seconds < 48 * 3600)
        return tr("%1 h ago").arg(seconds / 3600);
    return tr("%1 d ago").arg(seconds / 86400);
}

QString absoluteTime(qint64 atMs)
{
    return QDateTime::fromMSecsSinceEpoch(atMs).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

QString durationShort(qint64 ms)
{
    const qint64 seconds = std::max<qint64>(0, ms / 1000);
    if (seconds < 60)
        return tr("%1 s").arg(seconds);
    const qint64 minutes = seconds / 60;
    if (minutes < 60)
        return tr("%1 min").arg(minutes);
    const qint64 hours = minutes / 60;
    if (hours < 48)
        return minutes % 60 ? tr("%1 h %2 min").arg(hours).arg(minutes % 60) : tr("%1 h").arg(hours);
    return hours % 24 ? tr("%1 d %2 h").arg(hours / 24).arg(hours % 24) : tr("%1 d").arg(hours / 24);
}

QString valueText(const std::optional<double> &value)
{
    // As the panels show numbers (about three significant digits, k/M suffixes), so an alert's value reads like
    // the chart it came from; the summary keeps the exact figure.
    return value ? charts::formatValue(*value) : QStringLiteral("–");
}

QString valueVersusThreshold(const alerts::Alert &alert)
{
    if (!alert.value)
        return alert.threshold ? tr("no data (limit %1)").arg(valueText(alert.threshold)) : tr("no data");
    if (!alert.threshold)
        return valueText(alert.value);
    const QChar sign = *alert.value >= *alert.threshold ? QLatin1Char('>') : QLatin1Char('<');
    return QStringLiteral("%1 %2 %3").arg(valueText(alert.value), sign, valueText(alert.threshold));
}

QString currentActor()
{
    for (const char *name : {"USER", "USERNAME", "LOGNAME"}) {
        const QString user = qEnvironmentVariable(name);
        if (!user.isEmpty())
            return user;
    }
    // Under `env -i` there is no variable: the home folder's name is the user's on every desktop system.
    const QString home = QDir::home().dirName();
    return home.isEmpty() || home == QLatin1String("/") ? tr("someone") : home;
}

} // namespace stackscope::app::alertsui
