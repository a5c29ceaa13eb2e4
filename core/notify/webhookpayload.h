#pragma once

#include "notify/notification.h"
#include "secrets/securebytes.h"
#include "util/result.h"

#include <QByteArray>
#include <QString>

namespace stackscope::notify {

// The generic webhook's JSON body (documented in docs/ARCHITECTURE.md, "Channels and the outbox"):
//   {"id": "<delivery id>", "kind": "alert|group|digest|test", "title": "...", "severity": "critical",
//    "items": [{"alert_id": 17, "rule": "...", "severity": "...", "status": "open", "project": "...",
//               "service": "...", "metric": "...", "labels": "...", "value": 42, "threshold": 10, "unit": "",
//               "summary": "...", "link": "stackscope://alert/17", "at": "2026-01-01T00:00:00.000Z"}],
//    "omitted": 0, "created_at": "2026-01-01T00:00:00.000Z"}
// value and threshold are null when unknown.
QByteArray webhookBody(const Notification &notification, const QString &deliveryId);

// Standard Webhooks (https://www.standardwebhooks.com) signature header value for one body:
// "v1," + base64(HMAC-SHA256(key, id + "." + timestamp + "." + body)), where the secret is "whsec_" + base64(key).
// Config error when the secret is not of that form.
Result<QByteArray> standardWebhookSignature(const secrets::SecureBytes &secret, const QByteArray &id,
                                            qint64 timestampSeconds, const QByteArray &body);

} // namespace stackscope::notify
