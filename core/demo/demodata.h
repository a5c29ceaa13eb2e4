#pragma once

#include "model/sample.h"
#include "model/serviceconfig.h"
#include "rules/alertrule.h"

#include <QList>
#include <QMap>
#include <QString>

#include <functional>
#include <limits>

namespace stackscope::demo {

// The demo workspace (requirement P5): simulated history of services of every connector type, so that a new
// user sees every screen working before entering any credential. Everything here is simulated. Samples look
// exactly like the real connectors' (metric names, label names, units, kinds, granularity: per UTC day for
// Twilio, SendGrid, Mixpanel and Sendbird, per UTC hour for OneSignal, five-minute periods for AWS, cumulative
// counters with restarts for Prometheus) and carry the "project" and "service" labels the poll scheduler adds.
// Project names start with demoProjectPrefix() and every metric description ends in " (demo data)".

inline constexpr qint64 kDemoStepMs = 5 * 60 * 1000; // the finest step: five-minute periods and scrapes
inline constexpr int kDemoDays = 90;

QString demoProjectPrefix();     // "Demo – "
QString demoStorefrontProject(); // "Demo – Storefront": the SaaS services of a web shop (production)
QString demoPlatformProject();   // "Demo – Platform": AWS and the team's own Prometheus-scraped API (production)
QString demoStagingProject();    // "Demo – Staging": a small staging account (staging)

struct DemoProject
{
    QString name;
    QString color;          // "#RRGGBB"
    QString environment;    // "production", "staging"
};
QList<DemoProject> demoProjects();

// A simulated service: what its services row holds. `name` is the "service" label of its samples.
struct DemoService
{
    QString project;
    QString name;
    QString type;                       // connector type id
    qint64 intervalS = 300;             // polling interval, as a real service of this type would have it
    QMap<QString, QString> settings;    // non-secret settings as a real service would have them (no credentials)
};
QList<DemoService> demoServices();

// A plausible health for each demo service at `nowMs`: all polled recently and fine, except the staging Stytch
// service, which has been failing for 40 minutes with a plain-words error, so the overview shows a warning.
ServiceHealth demoHealth(const DemoService &service, qint64 nowMs);

// The metric catalogue of the demo series: for vendor types exactly the connector's (name, unit, kind,
// description), the description followed by " (demo data)".
QList<MetricInfo> demoMetrics();

// Alert rules that match the simulated incidents (the ongoing API errors fire at once on a fresh demo).
// Stable uuids ("demo-rule-…"), id 0.
QList<rules::AlertRule> demoAlertRules();

// What to generate. Values are a pure function of (series, timestamp, anchorMs): two fills with the same anchor
// agree wherever they overlap, so a top-up continues the first fill's curves and incidents.
struct DemoFill
{
    qint64 endMs = 0;                                       // the newest moment to simulate ("now")
    int days = kDemoDays;                                   // how far back from endMs
    qint64 afterMs = std::numeric_limits<qint64>::min();    // top-up: only what changed after this moment
    qint64 anchorMs = 0;                                    // where the incidents sit; 0: endMs (a first fill)
};

// Generates the history of `fill`: five-minute points in (endMs - days, endMs]; hourly, daily and monthly
// buckets that overlap that range, stamped at their start, today's (this hour's, this month's) value being what
// had accumulated by endMs. With afterMs, only points after it and buckets still open at it (their value has
// grown since) are emitted. Incidents, at fixed offsets before anchorMs (docs/demo-workspace.md): Storefront API
// 5xx errors and latency from 50 min before the anchor for 3 h (ongoing at the anchor: a CloudWatch alarm and
// alert rules fire), a German SMS carrier outage the day before, Android push errors 20 days before, a 3-hour
// outage of the Platform API with no data 12 days before, a Lambda error spike 40 days before and a newsletter
// bounce spike 61 days before. Samples are handed to `sink` in batches of one UTC day, oldest first.
void generateDemoHistory(const DemoFill &fill, const std::function<void(SampleBatch)> &sink);
// The same with anchorMs = endMs.
void generateDemoHistory(qint64 endMs, int days, const std::function<void(SampleBatch)> &sink);

} // namespace stackscope::demo
