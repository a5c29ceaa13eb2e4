// The service view templates (D1 a): one curated layout per connector type, keyed by the type id with metric
// names as strings (core does not link the connectors; the names are those of connectors/*/ and
// docs/connectors/*.md). Panels whose metrics a service lacks are left out, so a partial catalogue still gives
// a tidy dashboard.
#include "dashboard/templatebuilder.h"

#include <QHash>

namespace stackscope::dashboard {

using namespace templates;
using A = storage::Aggregation;
using P = PanelType;

namespace {

struct Layout
{
    QList<PanelPlan> headline;          // the stat row
    QList<QList<PanelPlan>> sections;   // chart groups, each starting on a new row
};

QueryPlan lastBy(const QString &metric, const QString &groupBy)
{
    QueryPlan query = by(metric, groupBy);
    query.aggregation = A::Last;
    return query;
}

PanelPlan percentiles(const QString &title, const QString &metric, const QString &groupBy = {})
{
    PanelPlan plan = chart(P::Percentile, title, {by(metric, groupBy)});
    plan.percentiles = {50.0, 95.0, 99.0};
    return plan;
}

PanelPlan gauge(const QString &title, const QString &metric, QList<Threshold> thresholds)
{
    PanelPlan plan = chart(P::Gauge, title, {q(metric, A::Last)}, false, 6);
    plan.thresholds = std::move(thresholds);
    return plan;
}

Layout twilio()
{
    const QueryPlan cost{QStringLiteral("twilio.usage.cost"), A::Sum, {}, {{QStringLiteral("category"), QStringLiteral("totalprice")}}, QStringLiteral("Total cost")};
    return {
        {stat(QStringLiteral("SMS sent"), q(QStringLiteral("twilio.sms.sent"))),
         stat(QStringLiteral("SMS delivery rate"), q(QStringLiteral("twilio.sms.delivery_rate"), A::Avg), higherIsBetter(90, 97)),
         stat(QStringLiteral("SMS failed"), q(QStringLiteral("twilio.sms.failed"))),
         stat(QStringLiteral("Calls"), q(QStringLiteral("twilio.calls.count"))),
         stat(QStringLiteral("Call minutes"), q(QStringLiteral("twilio.calls.minutes"))),
         stat(QStringLiteral("Cost"), cost)},
        {{chart(P::Line, QStringLiteral("SMS sent, delivered and failed"),
                {q(QStringLiteral("twilio.sms.sent"), QStringLiteral("Sent")), q(QStringLiteral("twilio.sms.delivered"), QStringLiteral("Delivered")),
                 q(QStringLiteral("twilio.sms.failed"), QStringLiteral("Failed"))}),
          chart(P::Line, QStringLiteral("SMS delivery rate"), {q(QStringLiteral("twilio.sms.delivery_rate"), A::Avg)}, false, 6),
          gauge(QStringLiteral("SMS delivery rate now"), QStringLiteral("twilio.sms.delivery_rate"), higherIsBetter(90, 97))},
         {chart(P::Bar, QStringLiteral("SMS sent by country"), {by(QStringLiteral("twilio.sms.sent"), QStringLiteral("country"))}, true),
          topN(QStringLiteral("Failed SMS by country"), QStringLiteral("twilio.sms.failed"), QStringLiteral("country")),
          chart(P::Bar, QStringLiteral("Messages by status"), {by(QStringLiteral("twilio.sms.messages"), QStringLiteral("status"))}, true),
          topN(QStringLiteral("Errors by code"), QStringLiteral("twilio.sms.errors"), QStringLiteral("error_code"))},
         {chart(P::Bar, QStringLiteral("Calls by status"), {by(QStringLiteral("twilio.calls.count"), QStringLiteral("status"))}, true),
          chart(P::Line, QStringLiteral("Call success rate"), {by(QStringLiteral("twilio.calls.success_rate"), QStringLiteral("direction"))}),
          chart(P::Bar, QStringLiteral("Cost per day"), {cost}),
          chart(P::Bar, QStringLiteral("Billed SMS segments"), {by(QStringLiteral("twilio.sms.segments"), QStringLiteral("direction"))}, true)}},
    };
}

Layout aws()
{
    const QueryPlan inAlarm{QStringLiteral("aws.cloudwatch.alarms"), A::Last, {}, {{QStringLiteral("state"), QStringLiteral("ALARM")}}, QStringLiteral("In alarm")};
    PanelPlan alarms = chart(P::Table, QStringLiteral("CloudWatch alarms (0 OK, 1 ALARM, 2 no data)"),
                             {q(QStringLiteral("aws.cloudwatch.alarm_state"), A::Last)});
    alarms.queries.first().groupBy = QStringLiteral("alarm_name");
    alarms.thresholds = {{0.0, QString::fromLatin1(kGreen)}, {1.0, QString::fromLatin1(kRed)}, {2.0, QStringLiteral("#757575")}};
    return {
        {stat(QStringLiteral("Alarms firing"), inAlarm, lowerIsBetter(0.5, 1)),
         stat(QStringLiteral("EC2 CPU"), q(QStringLiteral("aws.ec2.cpu_utilization"), A::Avg), lowerIsBetter(70, 90)),
         stat(QStringLiteral("Lambda invocations"), q(QStringLiteral("aws.lambda.invocations"))),
         stat(QStringLiteral("Lambda errors"), q(QStringLiteral("aws.lambda.errors"))),
         stat(QStringLiteral("API requests"), q(QStringLiteral("aws.apigateway.requests"))),
         stat(QStringLiteral("API 5xx errors"), q(QStringLiteral("aws.apigateway.errors_5xx")))},
        {{chart(P::Line, QStringLiteral("EC2 CPU by instance"), {by(QStringLiteral("aws.ec2.cpu_utilization"), QStringLiteral("instance_id"))}),
          chart(P::Line, QStringLiteral("EC2 memory used by instance"), {by(QStringLiteral("aws.ec2.memory_used"), QStringLiteral("instance_id"))})},
         {chart(P::Bar, QStringLiteral("Lambda invocations by function"), {by(QStringLiteral("aws.lambda.invocations"), QStringLiteral("function"))}, true),
          topN(QStringLiteral("Lambda errors by function"), QStringLiteral("aws.lambda.errors"), QStringLiteral("function")),
          percentiles(QStringLiteral("Lambda duration"), QStringLiteral("aws.lambda.duration"))},
         {chart(P::Area, QStringLiteral("API Gateway requests"), {by(QStringLiteral("aws.apigateway.requests"), QStringLiteral("api"))}, true),
          percentiles(QStringLiteral("API Gateway latency"), QStringLiteral("aws.apigateway.latency")),
          chart(P::Bar, QStringLiteral("API Gateway errors"),
                {q(QStringLiteral("aws.apigateway.errors_4xx"), QStringLiteral("4xx")), q(QStringLiteral("aws.apigateway.errors_5xx"), QStringLiteral("5xx"))}, true)},
         {chart(P::Line, QStringLiteral("RDS CPU"), {by(QStringLiteral("aws.rds.cpu_utilization"), QStringLiteral("db_instance"))}),
          chart(P::Line, QStringLiteral("RDS connections"), {by(QStringLiteral("aws.rds.connections"), QStringLiteral("db_instance"))}),
          chart(P::Line, QStringLiteral("RDS disk latency"),
                {q(QStringLiteral("aws.rds.read_latency"), QStringLiteral("Read")), q(QStringLiteral("aws.rds.write_latency"), QStringLiteral("Write"))}),
          chart(P::Line, QStringLiteral("RDS IOPS"),
                {q(QStringLiteral("aws.rds.read_iops"), QStringLiteral("Read")), q(QStringLiteral("aws.rds.write_iops"), QStringLiteral("Write"))})},
         {chart(P::Bar, QStringLiteral("S3 requests by bucket"), {by(QStringLiteral("aws.s3.requests"), QStringLiteral("bucket"))}, true),
          chart(P::Bar, QStringLiteral("S3 errors"),
                {q(QStringLiteral("aws.s3.errors_4xx"), QStringLiteral("4xx")), q(QStringLiteral("aws.s3.errors_5xx"), QStringLiteral("5xx"))}, true),
          topN(QStringLiteral("S3 bucket size"), QStringLiteral("aws.s3.bucket_size"), QStringLiteral("bucket")),
          alarms}},
    };
}

Layout sendgrid()
{
    const auto s = [](const char *field) -> QString { return QStringLiteral("sendgrid.") + QLatin1String(field); };
    return {
        {stat(QStringLiteral("Requested"), q(s("requests"))), stat(QStringLiteral("Delivered"), q(s("delivered"))),
         stat(QStringLiteral("Bounces"), q(s("bounces"))), stat(QStringLiteral("Spam reports"), q(s("spam_reports"))),
         stat(QStringLiteral("Unique opens"), q(s("unique_opens"))), stat(QStringLiteral("Unique clicks"), q(s("unique_clicks")))},
        {{chart(P::Line, QStringLiteral("Delivery"),
                {q(s("delivered"), QStringLiteral("Delivered")), q(s("deferred"), QStringLiteral("Deferred")),
                 q(s("bounces"), QStringLiteral("Bounced")), q(s("blocks"), QStringLiteral("Blocked"))}),
          chart(P::Line, QStringLiteral("Engagement"),
                {q(s("opens"), QStringLiteral("Opens")), q(s("unique_opens"), QStringLiteral("Unique opens")),
                 q(s("clicks"), QStringLiteral("Clicks")), q(s("unique_clicks"), QStringLiteral("Unique clicks"))})},
         {chart(P::Bar, QStringLiteral("Delivery problems"),
                {q(s("bounces"), QStringLiteral("Bounces")), q(s("bounce_drops"), QStringLiteral("Bounce drops")),
                 q(s("blocks"), QStringLiteral("Blocks")), q(s("invalid_emails"), QStringLiteral("Invalid addresses")),
                 q(s("spam_reports"), QStringLiteral("Spam reports")), q(s("spam_report_drops"), QStringLiteral("Spam report drops"))}, true),
          chart(P::Bar, QStringLiteral("Unsubscribes"),
                {q(s("unsubscribes"), QStringLiteral("Unsubscribes")), q(s("unsubscribe_drops"), QStringLiteral("Unsubscribe drops"))}, true),
          topN(QStringLiteral("Delivered by category"), s("delivered"), QStringLiteral("category")),
          topN(QStringLiteral("Bounces by category"), s("bounces"), QStringLiteral("category"))}},
    };
}

Layout stytch()
{
    return {
        {stat(QStringLiteral("Users"), q(QStringLiteral("stytch.users.total"), A::Last)),
         stat(QStringLiteral("New signups"), q(QStringLiteral("stytch.users.signups"))),
         stat(QStringLiteral("Active sessions (sample)"), q(QStringLiteral("stytch.sessions.active"), A::Last)),
         stat(QStringLiteral("Sessions with MFA (sample)"), q(QStringLiteral("stytch.sessions.multi_factor"), A::Last)),
         stat(QStringLiteral("Average session length"), q(QStringLiteral("stytch.sessions.duration_avg"), A::Avg)),
         stat(QStringLiteral("Organizations"), q(QStringLiteral("stytch.organizations.total"), A::Last))},
        {{chart(P::Bar, QStringLiteral("New signups per day"), {q(QStringLiteral("stytch.users.signups"))}),
          chart(P::Line, QStringLiteral("Users"), {q(QStringLiteral("stytch.users.total"), A::Last)})},
         {chart(P::Area, QStringLiteral("Users by status"), {lastBy(QStringLiteral("stytch.users.by_status"), QStringLiteral("status"))}, true),
          topN(QStringLiteral("Users by enrolled factor"), QStringLiteral("stytch.users.with_factor"), QStringLiteral("factor")),
          topN(QStringLiteral("Sessions by factor (sample)"), QStringLiteral("stytch.sessions.with_factor"), QStringLiteral("factor")),
          chart(P::Line, QStringLiteral("Session length (sample)"), {q(QStringLiteral("stytch.sessions.duration_avg"), A::Avg)})},
         {chart(P::Line, QStringLiteral("B2B: organizations, members, M2M clients"),
                {q(QStringLiteral("stytch.organizations.total"), A::Last, QStringLiteral("Organizations")),
                 q(QStringLiteral("stytch.members.total"), A::Last, QStringLiteral("Members")),
                 q(QStringLiteral("stytch.m2m_clients.total"), A::Last, QStringLiteral("M2M clients"))}, false, 24)}},
    };
}

Layout onesignal()
{
    const auto o = [](const char *name) -> QString { return QStringLiteral("onesignal.") + QLatin1String(name); };
    return {
        {stat(QStringLiteral("Notifications sent"), q(o("sent"))),
         stat(QStringLiteral("Delivery rate"), q(o("delivery_rate"), A::Avg), higherIsBetter(90, 97)),
         stat(QStringLiteral("Click rate"), q(o("click_rate"), A::Avg)),
         stat(QStringLiteral("Delivery errors"), q(o("errored"))),
         stat(QStringLiteral("Unsubscribed"), q(o("failed"))),
         stat(QStringLiteral("Messages"), q(o("messages")))},
        {{chart(P::Bar, QStringLiteral("Sent by platform"), {by(o("platform.sent"), QStringLiteral("platform"))}, true),
          chart(P::Line, QStringLiteral("Delivery and click rate"),
                {q(o("delivery_rate"), A::Avg, QStringLiteral("Delivery rate")), q(o("click_rate"), A::Avg, QStringLiteral("Click rate"))})},
         {topN(QStringLiteral("Delivery errors by platform"), o("platform.errored"), QStringLiteral("platform")),
          topN(QStringLiteral("Unsubscribed by platform"), o("platform.failed"), QStringLiteral("platform")),
          topN(QStringLiteral("Sent by campaign"), o("sent"), QStringLiteral("campaign")),
          chart(P::Bar, QStringLiteral("Clicks by platform"), {by(o("platform.clicks"), QStringLiteral("platform"))}, true)},
         {chart(P::Line, QStringLiteral("Email open, click and unsubscribe rate"),
                {q(o("email.open_rate"), A::Avg, QStringLiteral("Open rate")), q(o("email.click_rate"), A::Avg, QStringLiteral("Click rate")),
                 q(o("email.unsubscribe_rate"), A::Avg, QStringLiteral("Unsubscribe rate"))}),
          chart(P::Bar, QStringLiteral("Email bounces and spam reports"),
                {q(o("email.bounces"), QStringLiteral("Bounces")), q(o("email.spam_reports"), QStringLiteral("Spam reports"))}, true)}},
    };
}

Layout sendbird()
{
    return {
        {stat(QStringLiteral("Daily active users"), q(QStringLiteral("sendbird.dau"), A::Last)),
         stat(QStringLiteral("Monthly active users"), q(QStringLiteral("sendbird.mau"), A::Last)),
         stat(QStringLiteral("Messages"), q(QStringLiteral("sendbird.messages"))),
         stat(QStringLiteral("Active channels"), q(QStringLiteral("sendbird.active_channels"), A::Last)),
         stat(QStringLiteral("API requests throttled"), q(QStringLiteral("sendbird.api.throttled")), lowerIsBetter(1, 50))},
        {{chart(P::Line, QStringLiteral("Daily and monthly active users"),
                {q(QStringLiteral("sendbird.dau"), A::Last, QStringLiteral("DAU")), q(QStringLiteral("sendbird.mau"), A::Last, QStringLiteral("MAU"))}),
          chart(P::Bar, QStringLiteral("Messages per day"), {q(QStringLiteral("sendbird.messages"))})},
         {chart(P::Line, QStringLiteral("Active channels"), {q(QStringLiteral("sendbird.active_channels"), A::Last)}),
          chart(P::Bar, QStringLiteral("Stackscope's Sendbird API use"),
                {q(QStringLiteral("sendbird.api.requests"), QStringLiteral("Requests")), q(QStringLiteral("sendbird.api.throttled"), QStringLiteral("Throttled"))})}},
    };
}

Layout mixpanel()
{
    PanelPlan funnel = chart(P::Table, QStringLiteral("Funnel conversion by step"),
                             {by(QStringLiteral("mixpanel.funnel.step.conversion"), QStringLiteral("step_name"))});
    funnel.queries.first().aggregation = A::Last;
    funnel.decimals = 3;
    // Steps are numbered from 1 (mixpanelmapper.cpp): the first step's users are the funnel's entrants.
    const QueryPlan funnelEntrants{QStringLiteral("mixpanel.funnel.step.count"), A::Sum, {},
                                   {{QStringLiteral("step"), QStringLiteral("1")}}, QStringLiteral("Entrants")};
    return {
        {stat(QStringLiteral("Tracked events"), q(QStringLiteral("mixpanel.events"))),
         stat(QStringLiteral("Funnel entrants"), funnelEntrants),
         stat(QStringLiteral("Retention cohort"), q(QStringLiteral("mixpanel.retention.cohort_size"))),
         stat(QStringLiteral("Retention rate"), q(QStringLiteral("mixpanel.retention.rate"), A::Avg))},
        {{chart(P::Line, QStringLiteral("Events per day"), {by(QStringLiteral("mixpanel.events"), QStringLiteral("event"))}),
          topN(QStringLiteral("Top events"), QStringLiteral("mixpanel.events"), QStringLiteral("event"))},
         {chart(P::Bar, QStringLiteral("Event by segment"), {by(QStringLiteral("mixpanel.segment.events"), QStringLiteral("segment"))}, true),
          funnel,
          chart(P::Line, QStringLiteral("Retention by day after first event"), {by(QStringLiteral("mixpanel.retention.rate"), QStringLiteral("day"))}),
          chart(P::Bar, QStringLiteral("Retained users"), {by(QStringLiteral("mixpanel.retention.retained"), QStringLiteral("day"))}, true)}},
    };
}

bool isHelperSeries(const QString &name)
{
    // Prometheus histogram buckets and creation stamps are not worth a chart of their own.
    return name.endsWith(QLatin1String("_bucket")) || name.endsWith(QLatin1String("_created"));
}

QString preferredDimension(const connector::MetricSpec &metric)
{
    for (const char *preferred : {"quantile", "code", "status", "status_code", "method", "country", "platform", "category"}) {
        if (metric.dimensions.contains(QLatin1String(preferred)))
            return QLatin1String(preferred);
    }
    for (const QString &dimension : metric.dimensions) {
        if (dimension != QLatin1String("job") && dimension != QLatin1String("instance") && dimension != QLatin1String("le"))
            return dimension;
    }
    return {};
}

std::optional<Layout> curatedLayout(const QString &type)
{
    if (type == QLatin1String("twilio"))
        return twilio();
    if (type == QLatin1String("aws"))
        return aws();
    if (type == QLatin1String("sendgrid"))
        return sendgrid();
    if (type == QLatin1String("stytch"))
        return stytch();
    if (type == QLatin1String("onesignal"))
        return onesignal();
    if (type == QLatin1String("sendbird"))
        return sendbird();
    if (type == QLatin1String("mixpanel"))
        return mixpanel();
    return std::nullopt;
}

// The curated layout when the service has at least one of its headline metrics; otherwise (an unknown type, or
// a catalogue that does not look like the connector's, as in a simulated or older service) nothing, and the
// layout is built from the catalogue instead.
std::optional<Layout> fittingLayout(const ServiceRef &service)
{
    auto layout = curatedLayout(service.type);
    if (!layout)
        return std::nullopt;
    for (const PanelPlan &plan : std::as_const(layout->headline)) {
        for (const QueryPlan &query : plan.queries) {
            if (hasMetric(service, query.metric))
                return layout;
        }
    }
    return std::nullopt;
}

} // namespace

namespace templates {

QList<PanelPlan> genericCharts(const ServiceRef &service, int maxCharts)
{
    QList<PanelPlan> plans;
    for (const connector::MetricSpec &metric : service.metrics) {
        if (plans.size() >= maxCharts)
            break;
        if (isHelperSeries(metric.name))
            continue;
        const QString &title = metric.name;
        const QString dimension = preferredDimension(metric);
        if (dimension == QLatin1String("quantile")) {
            plans.append(chart(P::Line, title, {by(metric.name, dimension)}));
        } else if (metric.kind == MetricKind::Counter) {
            plans.append(chart(P::Bar, title, {by(metric.name, dimension)}, !dimension.isEmpty()));
        } else {
            plans.append(chart(P::Line, title, {by(metric.name, dimension)}));
        }
    }
    return plans;
}

QList<PanelPlan> headlinePlans(const ServiceRef &service)
{
    if (auto layout = fittingLayout(service))
        return layout->headline;
    QList<PanelPlan> plans;
    for (const connector::MetricSpec &metric : service.metrics) {
        if (plans.size() >= 4)
            break;
        if (isHelperSeries(metric.name))
            continue;
        // A latency quantile is best shown as its median; other gauges as their average, counters summed.
        QueryPlan query = q(metric.name);
        if (metric.dimensions.contains(QLatin1String("quantile")))
            query.extraLabels.insert(QStringLiteral("quantile"), QStringLiteral("0.5"));
        plans.append(stat(metric.name, query));
    }
    return plans;
}

} // namespace templates

Labels serviceLabels(const ServiceRef &service)
{
    return Labels{{QStringLiteral("project"), service.project}, {QStringLiteral("service"), service.name}};
}

DashboardSpec serviceTemplate(const ServiceRef &service)
{
    TemplateBuilder builder(service.name, QStringLiteral("Built-in template for the %1 service \"%2\" of project \"%3\".")
                                              .arg(service.type, service.name, service.project));
    builder.addStatRow(service, headlinePlans(service));
    if (auto layout = fittingLayout(service)) {
        for (const QList<PanelPlan> &section : std::as_const(layout->sections))
            builder.addCharts(service, section);
    } else {
        builder.addCharts(service, genericCharts(service, 12));
    }
    return builder.take();
}

QList<connector::MetricSpec> discoveredMetrics(const QList<storage::SeriesInfo> &series, const QString &project,
                                               const QString &service, const QList<MetricInfo> &infos)
{
    QList<connector::MetricSpec> metrics;
    QHash<QString, int> index;
    for (const storage::SeriesInfo &entry : series) {
        if (entry.labels.value(QStringLiteral("project")) != project || entry.labels.value(QStringLiteral("service")) != service)
            continue;
        auto it = index.constFind(entry.metric);
        if (it == index.cend()) {
            connector::MetricSpec spec;
            spec.name = entry.metric;
            for (const MetricInfo &info : infos) {
                if (info.name == entry.metric) {
                    spec.unit = info.unit;
                    spec.kind = info.kind;
                    spec.description = info.description;
                }
            }
            it = index.insert(entry.metric, int(metrics.size()));
            metrics.append(spec);
        }
        connector::MetricSpec &spec = metrics[*it];
        for (auto label = entry.labels.cbegin(); label != entry.labels.cend(); ++label) {
            if (label.key() != QLatin1String("project") && label.key() != QLatin1String("service")
                && !spec.dimensions.contains(label.key()))
                spec.dimensions.append(label.key());
        }
    }
    return metrics;
}

} // namespace stackscope::dashboard
