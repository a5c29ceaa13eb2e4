#pragma once

#include "notify/channelconfig.h"
#include "notify/notification.h"

#include <QJsonObject>

namespace stackscope::notify {

// A Slack incoming-webhook message: "text" (the fallback Slack shows in notifications and old clients) and
// Block Kit blocks: a header with the severity, per alert a section with value/threshold/project/service
// fields and a context line with the reference that opens the alert in Stackscope. Groups and digests list
// up to kMaxListed alerts and count the rest. Every text is escaped for Slack's mrkdwn.
inline constexpr int kSlackMaxListed = 10;
QJsonObject slackMessage(const Notification &notification, const ChannelConfig &channel);

} // namespace stackscope::notify
