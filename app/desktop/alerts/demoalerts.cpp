#include "demoalerts.h"

#include "alerts/alertrepository.h"
#include "alerts/alertrulerepository.h"
#include "demo/demodata.h"
#include "storage/database.h"
#include "storage/metricstore.h"

#include <QCoreApplication>
#include <QHash>

namespace stackscope::app {

namespace {

using alerts::AlertStatus;
using rules::Severity;

constexpr qint64 kMinute = 60 * 1000;
constexpr qint64 kHour = 60 * kMinute;
constexpr qint64 kDay = 24 * kHour;

QString tr(const char *text)
{
    return QCoreApplication::translate("stackscope::app::DemoAlerts", text);
}

// One step of an alert's history, relative to when it opened.
struct Step
{
    qint64 afterMs;
    AlertStatus to;
    QString actor;
    QString comment;
};

// A past alert of a demo rule (by the slug of its uuid, "demo-rule-<slug>").
struct DemoAlert
{
    const char *slug;
    Labels labels;                 // besides project and service
    QString summary;
    std::optional<double> value;
    std::optional<double> threshold;
    qint64 openedAgoMs;
    QList<Step> steps;             // after opening, in order
};

Status seed(storage::MetricStore &store, qint64 nowMs)
{
    // The rules come from the demo data (demo::demoAlertRules): they watch what the simulated incidents change,
    // so the engine fires the ongoing incident's alerts itself. Here: the rules, and the history before today.
    alerts::AlertRuleRepository ruleRepo(store.database());
    QHash<QString, rules::AlertRule> bySlug;
    for (const rules::AlertRule &rule : demo::demoAlertRules()) {
        auto added = ruleRepo.add(rule, nowMs - 70 * kDay);
        if (!added)
            return added.error();
        bySlug.insert(added->uuid.mid(QStringLiteral("demo-rule-").size()), added.value());
    }

    const QString engine = alerts::engineActor();
    const QString maria = QStringLiteral("maria");
    const QString tom = QStringLiteral("tom");
    const auto label = [](const char *key, const char *value) {
        return Labels{{QString::fromLatin1(key), QString::fromLatin1(value)}};
    };
    const QList<DemoAlert> history = {
        {"sms-delivery", label("country", "DE"), tr("twilio.sms.delivery_rate avg 61.8% < 97% over 1 d (country=DE)"),
         61.8, 97, kDay + 6 * kHour,
         {{7 * kMinute, AlertStatus::Acknowledged, maria, tr("Carrier outage at a German network, Twilio's status page confirms.")},
          {3 * kHour, AlertStatus::Resolved, maria, tr("Carrier recovered; failed messages were re-sent.")}}},
        {"ec2-cpu", label("name", "worker-1"), tr("aws.ec2.cpu_utilization avg 93% > 85% over 10 min (name=worker-1)"),
         93, 85, 2 * kDay + 3 * kHour,
         {{25 * kMinute, AlertStatus::Resolved, engine, {}},
          {70 * kMinute, AlertStatus::Reopened, engine, {}},
          {80 * kMinute, AlertStatus::Acknowledged, tom, tr("Nightly export job; moving it to a bigger instance.")},
          {2 * kHour, AlertStatus::Resolved, engine, {}}}},
        {"push-delivery", label("platform", "android"), tr("onesignal.delivery_rate avg 71% < 90% over 2 h (platform=android)"),
         71, 90, 20 * kDay + 2 * kHour,
         {{30 * kMinute, AlertStatus::Acknowledged, tom, tr("FCM server key expired.")},
          {95 * kMinute, AlertStatus::Resolved, tom, tr("New key deployed, deliveries back to normal.")}}},
        {"api-nodata", {}, tr("No data from http_requests_total for 15 min"), std::nullopt, std::nullopt,
         12 * kDay + 9 * kHour,
         {{8 * kMinute, AlertStatus::Acknowledged, maria, tr("Node upgrade took the API down, rolling back.")},
          {3 * kHour, AlertStatus::Resolved, engine, {}}}},
        {"lambda-errors", label("function", "image-resize"),
         tr("aws.lambda.errors sum 212 > 20 over 15 min (function=image-resize)"), 212, 20, 40 * kDay + 2 * kHour,
         {{15 * kMinute, AlertStatus::Acknowledged, maria, {}}, {80 * kMinute, AlertStatus::Resolved, engine, {}}}},
        {"newsletter-bounces", label("category", "newsletter"),
         tr("sendgrid.bounces sum 4,310 > 1,000 over 1 d (category=newsletter)"), 4310, 1000, 61 * kDay + 7 * kHour,
         {{2 * kHour, AlertStatus::Acknowledged, tom, tr("Imported an old mailing list by mistake; list removed.")},
          {kDay, AlertStatus::Resolved, engine, {}}}},
    };

    alerts::AlertRepository alertRepo(store.database());
    for (const DemoAlert &spec : history) {
        const auto found = bySlug.constFind(QString::fromLatin1(spec.slug));
        if (found == bySlug.cend())
            continue; // the demo data no longer has this rule
        const rules::AlertRule &rule = found.value();
        alerts::Alert alert;
        alert.ruleKey = rule.uuid;
        alert.ruleName = rule.name;
        alert.severity = rule.severity;
        alert.project = rule.project;
        alert.service = rule.service;
        alert.metric = rule.metric;
        alert.labels = spec.labels;
        alert.labels.insert(QStringLiteral("project"), rule.project);
        alert.labels.insert(QStringLiteral("service"), rule.service);
        alert.instance = QStringLiteral("demo-history:") + alerts::readableLabels(spec.labels);
        alert.summary = spec.summary;
        alert.value = spec.value;
        alert.threshold = spec.threshold;
        alert.openedMs = nowMs - spec.openedAgoMs;
        alert.lastFiredMs = alert.openedMs;
        alert.updatedMs = alert.openedMs;
        alert.status = AlertStatus::Open;
        QList<alerts::AlertEvent> events{{0, 0, alert.openedMs, std::nullopt, AlertStatus::Open, engine, {}, alert.value}};
        for (const Step &step : spec.steps) {
            const qint64 at = alert.openedMs + step.afterMs;
            events.append({0, 0, at, alert.status, step.to, step.actor, step.comment, std::nullopt});
            alert.status = step.to;
            alert.updatedMs = at;
            if (step.to == AlertStatus::Resolved)
                alert.resolvedMs = at;
            else if (step.to == AlertStatus::Reopened)
                alert.resolvedMs.reset();
            if (step.to == AlertStatus::Reopened)
                alert.lastFiredMs = at;
        }
        alert.notifiedStatus = alert.status;
        auto id = alertRepo.insert(alert);
        if (!id)
            return id.error();
        for (alerts::AlertEvent event : events) {
            event.alertId = id.value();
            if (auto added = alertRepo.addEvent(event); !added)
                return added.error();
        }
    }
    return {};
}

} // namespace

Status seedDemoAlerts(storage::MetricStore &store, qint64 nowMs)
{
    auto rulesNow = alerts::AlertRuleRepository(store.database()).list();
    if (!rulesNow)
        return rulesNow.error();
    alerts::AlertFilter any;
    any.limit = 1;
    auto alertsNow = alerts::AlertRepository(store.database()).query(any);
    if (!alertsNow)
        return alertsNow.error();
    if (!rulesNow->isEmpty() || alertsNow->total > 0)
        return {};

    storage::Database &db = store.database();
    if (Status began = db.begin(); !began)
        return began;
    Status seeded = seed(store, nowMs);
    if (!seeded) {
        db.rollback();
        return seeded;
    }
    return db.commit();
}

} // namespace stackscope::app
