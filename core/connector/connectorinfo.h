#pragma once

#include "model/sample.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <chrono>
#include <optional>

namespace stackscope::connector {

// A field the user fills in when adding a service. Secret fields go to the keychain (or the sealed store
// headless) and are never shown again, only "set" / "not set".
struct FieldSpec
{
    QString key;             // "account_sid", "auth_token", "region"
    QString label;           // "Account SID"
    QString help;            // where to find it in the vendor's console
    bool secret = false;
    bool required = true;
    QString defaultValue;    // settings only
};

// One metric the connector can deliver.
struct MetricSpec
{
    QString name;            // "twilio.sms.sent"
    QString unit;            // "messages", "USD", "ms", "percent", "bytes"
    MetricKind kind = MetricKind::Gauge;
    QStringList dimensions;  // label names: "country", "error_code"
    QString description;
    QString endpoint;        // the vendor endpoint that yields it, for the docs and the UI
};

// How much of the vendor's API a service of this type may use: the scheduler never plans more than
// `requests` per `per`, and a connector says in plain words when a configuration would need more.
struct RequestBudget
{
    int requests = 60;
    std::chrono::seconds per{60};
    int maxConcurrent = 4;
};

struct ConnectorInfo
{
    QString typeId;                   // "twilio"; stable, stored in the database
    QString displayName;              // "Twilio"
    QString defaultBaseUrl;           // overridable per service (proxies, regions, tests)
    QList<FieldSpec> credentials;
    QList<FieldSpec> settings;
    QList<MetricSpec> metrics;
    std::chrono::seconds defaultInterval{300};
    std::chrono::seconds minInterval{60};
    std::optional<int> maxBackfillDays; // history fetched on first poll, when the API allows it
    RequestBudget budget;
};

} // namespace stackscope::connector
