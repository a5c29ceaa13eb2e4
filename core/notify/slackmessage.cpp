#include "notify/slackmessage.h"

#include "notify/channelsender.h"

#include <QJsonArray>

namespace stackscope::notify {

namespace {

constexpr int kHeaderMaxChars = 150;   // Slack's limit for a header block
constexpr int kSectionMaxChars = 2900; // under Slack's 3000 for a section text

QString escaped(QString text)
{
    text.replace(QLatin1Char('&'), QLatin1String("&amp;"));
    text.replace(QLatin1Char('<'), QLatin1String("&lt;"));
    text.replace(QLatin1Char('>'), QLatin1String("&gt;"));
    return text;
}

QString severityMark(const QString &severity)
{
    if (severity == QLatin1String("critical"))
        return QStringLiteral("🔴");
    if (severity == QLatin1String("warning"))
        return QStringLiteral("🟠");
    return QStringLiteral("🔵");
}

QJsonObject mrkdwn(const QString &text)
{
    return QJsonObject{{QStringLiteral("type"), QStringLiteral("mrkdwn")}, {QStringLiteral("text"), text}};
}

QJsonObject field(const QString &label, const QString &value)
{
    return mrkdwn(QStringLiteral("*%1*\n%2").arg(label, escaped(value.isEmpty() ? QStringLiteral("–") : value)));
}

void appendItem(QJsonArray &blocks, const NotificationItem &item)
{
    QString headline = QStringLiteral("%1 *%2*").arg(severityMark(item.severity), escaped(item.ruleName));
    if (!item.status.isEmpty() && item.status != QLatin1String("open"))
        headline += QStringLiteral(" (%1)").arg(escaped(item.status));
    if (!item.summary.isEmpty())
        headline += QLatin1Char('\n') + escaped(item.summary);
    QJsonArray fields{field(QStringLiteral("Value"), formatValue(item.value, item.unit)),
                      field(QStringLiteral("Threshold"), item.threshold ? formatValue(item.threshold, item.unit) : QString()),
                      field(QStringLiteral("Project"), item.project),
                      field(QStringLiteral("Service"), item.service)};
    blocks.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("section")},
                              {QStringLiteral("text"), mrkdwn(headline.left(kSectionMaxChars))},
                              {QStringLiteral("fields"), fields}});
    if (!item.link.isEmpty()) {
        blocks.append(QJsonObject{
            {QStringLiteral("type"), QStringLiteral("context")},
            {QStringLiteral("elements"),
             QJsonArray{mrkdwn(QStringLiteral("Open in Stackscope: `%1`").arg(escaped(item.link)))}}});
    }
}

} // namespace

QJsonObject slackMessage(const Notification &notification, const ChannelConfig &channel)
{
    const QString title = notificationTitle(notification, channel);
    const bool test = notification.kind == Notification::Kind::Test;
    const QString severity = test ? QStringLiteral("info") : notification.severity;
    const QString header = test ? title : QStringLiteral("%1 %2: %3").arg(severityMark(severity), severityLabel(severity), title);

    QJsonArray blocks;
    blocks.append(QJsonObject{
        {QStringLiteral("type"), QStringLiteral("header")},
        {QStringLiteral("text"), QJsonObject{{QStringLiteral("type"), QStringLiteral("plain_text")},
                                             {QStringLiteral("text"), header.left(kHeaderMaxChars)},
                                             {QStringLiteral("emoji"), true}}}});
    if (test) {
        blocks.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("section")},
                                  {QStringLiteral("text"), mrkdwn(escaped(plainTextBody(notification, channel)))}});
    }
    int listed = 0;
    for (const NotificationItem &item : notification.items) {
        if (listed == kSlackMaxListed)
            break;
        if (listed > 0)
            blocks.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("divider")}});
        appendItem(blocks, item);
        ++listed;
    }
    const int notListed = int(notification.items.size()) - listed + notification.omitted;
    if (notListed > 0) {
        blocks.append(QJsonObject{
            {QStringLiteral("type"), QStringLiteral("context")},
            {QStringLiteral("elements"), QJsonArray{mrkdwn(QStringLiteral("…and %1 more alerts, not listed here.").arg(notListed))}}});
    }

    QString fallback = test ? title : QStringLiteral("[%1] %2").arg(severityLabel(severity), title);
    if (notification.items.size() == 1 && !notification.items.first().summary.isEmpty())
        fallback += QStringLiteral(" — ") + notification.items.first().summary;
    return QJsonObject{{QStringLiteral("text"), escaped(fallback)}, {QStringLiteral("blocks"), blocks}};
}

} // namespace stackscope::notify
