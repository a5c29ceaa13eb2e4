// Alert rules for the demo workspace, each watching something the simulated incidents change
// (docs/demo-workspace.md), so the alerts panel has real alerts to show: on a fresh demo the ongoing Storefront
// API incident fires "API Gateway 5xx errors", "CloudWatch alarm in ALARM" and "Orders piling up".
#include "demo/demodata.h"
#include "demo/demoshape.h"

namespace stackscope::demo {

using namespace detail;

namespace {

using rules::AlertRule;
using rules::Comparison;
using rules::ConditionKind;
using rules::Severity;
using storage::Aggregation;

AlertRule rule(const char *slug, const QString &name, const QString &description, Severity severity,
               const QString &project, const QString &service, const QString &metric, Labels filter)
{
    AlertRule r;
    r.uuid = QStringLiteral("demo-rule-") + QString::fromLatin1(slug);
    r.name = name;
    r.description = description + QStringLiteral(" (demo rule)");
    r.severity = severity;
    r.project = project;
    r.service = service;
    r.metric = metric;
    r.labelFilter = std::move(filter);
    return r;
}

AlertRule threshold(AlertRule r, Comparison comparison, double value, Aggregation aggregation, qint64 windowMs)
{
    r.condition = ConditionKind::Threshold;
    r.comparison = comparison;
    r.threshold = value;
    r.aggregation = aggregation;
    r.windowMs = windowMs;
    return r;
}

} // namespace

QList<rules::AlertRule> demoAlertRules()
{
    const QString store = demoStorefrontProject();
    const QString platform = demoPlatformProject();
    const auto l = [](const char *key, const char *value) {
        return Labels{{QString::fromLatin1(key), QString::fromLatin1(value)}};
    };
    QList<AlertRule> list;
    list.append(threshold(rule("apigw-5xx", QStringLiteral("API Gateway 5xx errors"),
                               QStringLiteral("The Storefront API answers more than 150 server errors in 10 minutes."),
                               Severity::Critical, platform, names::aws(), QStringLiteral("aws.apigateway.errors_5xx"),
                               l("api", "storefront-api")),
                          Comparison::Above, 150, Aggregation::Sum, 10 * kMinuteMs));
    list.append(threshold(rule("cloudwatch-alarm", QStringLiteral("CloudWatch alarm in ALARM"),
                               QStringLiteral("At least one CloudWatch alarm of the production account is firing."),
                               Severity::Critical, platform, names::aws(), QStringLiteral("aws.cloudwatch.alarms"),
                               l("state", "ALARM")),
                          Comparison::Above, 0.5, Aggregation::Last, 5 * kMinuteMs));
    list.append(threshold(rule("orders-backlog", QStringLiteral("Orders piling up"),
                               QStringLiteral("More than 120 orders wait for payment confirmation."), Severity::Warning,
                               store, names::backlog(), QStringLiteral("shop.orders.pending"), {}),
                          Comparison::Above, 120, Aggregation::Avg, 15 * kMinuteMs));
    AlertRule cpu = threshold(rule("ec2-cpu", QStringLiteral("EC2 CPU high"),
                                   QStringLiteral("An instance averages over 85 % CPU for 10 minutes."), Severity::Warning,
                                   platform, names::aws(), QStringLiteral("aws.ec2.cpu_utilization"), {}),
                              Comparison::Above, 85, Aggregation::Avg, 10 * kMinuteMs);
    cpu.forMs = 5 * kMinuteMs;
    list.append(cpu);
    list.append(threshold(rule("lambda-errors", QStringLiteral("image-resize Lambda errors"),
                               QStringLiteral("The image-resize function fails more than 20 times in 15 minutes."),
                               Severity::Critical, platform, names::aws(), QStringLiteral("aws.lambda.errors"),
                               l("function", "image-resize")),
                          Comparison::Above, 20, Aggregation::Sum, 15 * kMinuteMs));
    AlertRule silent = rule("api-nodata", QStringLiteral("Platform API not scraped"),
                            QStringLiteral("No request counter from the Platform API for 15 minutes: the process is down or unreachable."),
                            Severity::Critical, platform, names::api(), QStringLiteral("http_requests_total"), {});
    silent.condition = ConditionKind::NoData;
    silent.windowMs = 15 * kMinuteMs;
    silent.aggregateAcrossSeries = true;
    list.append(silent);
    list.append(threshold(rule("sms-delivery", QStringLiteral("SMS delivery rate low"),
                               QStringLiteral("Less than 97 % of the day's SMS were delivered."), Severity::Warning, store,
                               names::twilio(), QStringLiteral("twilio.sms.delivery_rate"), {}),
                          Comparison::Below, 97, Aggregation::Avg, kDayMs));
    list.append(threshold(rule("push-delivery", QStringLiteral("Push delivery rate low"),
                               QStringLiteral("A campaign delivers less than 90 % of its push notifications."),
                               Severity::Warning, store, names::onesignal(), QStringLiteral("onesignal.delivery_rate"), {}),
                          Comparison::Below, 90, Aggregation::Avg, 2 * kHourMs));
    list.append(threshold(rule("newsletter-bounces", QStringLiteral("Newsletter bounces"),
                               QStringLiteral("More than 1,000 newsletter emails bounced in a day."), Severity::Warning,
                               store, names::sendgrid(), QStringLiteral("sendgrid.bounces"), l("category", "newsletter")),
                          Comparison::Above, 1000, Aggregation::Sum, kDayMs));
    AlertRule band = rule("api-traffic-band", QStringLiteral("Unusual API traffic"),
                          QStringLiteral("Storefront API requests far outside what is usual for this hour of the week."),
                          Severity::Info, platform, names::aws(), QStringLiteral("aws.apigateway.requests"),
                          l("api", "storefront-api"));
    band.condition = ConditionKind::LearnedBand;
    band.comparison = Comparison::Outside;
    band.aggregation = Aggregation::Sum;
    band.windowMs = 15 * kMinuteMs;
    band.sensitivity = 4.0;
    list.append(band);
    return list;
}

} // namespace stackscope::demo
