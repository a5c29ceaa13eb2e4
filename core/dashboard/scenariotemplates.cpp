// The project dashboard (D1 b, P3) and the scenario dashboards (D1 c). Each scenario names, per connector type,
// the panels that belong to it; a service contributes a section (its stat row, then its charts, every title
// starting with the service's name) when it has any of those metrics.
#include "dashboard/templatebuilder.h"


namespace stackscope::dashboard {

using namespace templates;
using A = storage::Aggregation;
using P = PanelType;

namespace {

struct Section
{
    QList<PanelPlan> stats;
    QList<PanelPlan> charts;
};

QueryPlan withLabel(QueryPlan query, const QString &key, const QString &value)
{
    query.extraLabels.insert(key, value);
    return query;
}

PanelPlan latency(const QString &title, const QString &metric)
{
    PanelPlan plan = chart(P::Percentile, title, {q(metric)});
    plan.percentiles = {50.0, 95.0, 99.0};
    return plan;
}

// Prometheus and generic services have no fixed names: their request counters and latencies are recognised by
// name (http_requests_total, *_duration_seconds, *latency*), the rest is left to the service view.
Section ownServiceSection(const ServiceRef &service)
{
    Section section;
    section.stats = headlinePlans(service);
    if (section.stats.size() > 3)
        section.stats.resize(3);
    for (const connector::MetricSpec &metric : service.metrics) {
        const QString name = metric.name.toLower();
        if (name.endsWith(QLatin1String("_bucket")) || name.endsWith(QLatin1String("_created")))
            continue;
        const bool requests = name.contains(QLatin1String("request")) && (metric.kind == MetricKind::Counter || name.endsWith(QLatin1String("_total")));
        const bool slow = name.contains(QLatin1String("duration")) || name.contains(QLatin1String("latency"));
        if (requests) {
            QString dimension;
            for (const char *d : {"code", "status", "status_code"}) {
                if (dimension.isEmpty() && metric.dimensions.contains(QLatin1String(d)))
                    dimension = QLatin1String(d);
            }
            section.charts.append(chart(P::Bar, metric.name + (dimension.isEmpty() ? QString() : QStringLiteral(" by ") + dimension),
                                        {by(metric.name, dimension)}, !dimension.isEmpty()));
        } else if (slow) {
            const bool quantiles = metric.dimensions.contains(QLatin1String("quantile"));
            section.charts.append(quantiles ? chart(P::Line, metric.name + QStringLiteral(" by quantile"), {by(metric.name, QStringLiteral("quantile"))})
                                            : latency(metric.name, metric.name));
        }
        if (section.charts.size() >= 4)
            break;
    }
    if (section.charts.isEmpty())
        section.charts = genericCharts(service, 2);
    return section;
}

Section authSection(const ServiceRef &service)
{
    if (service.type == QLatin1String("stytch"))
        return {{stat(QStringLiteral("Users"), q(QStringLiteral("stytch.users.total"), A::Last)),
                 stat(QStringLiteral("New signups"), q(QStringLiteral("stytch.users.signups"))),
                 stat(QStringLiteral("Active sessions (sample)"), q(QStringLiteral("stytch.sessions.active"), A::Last)),
                 stat(QStringLiteral("Sessions with MFA (sample)"), q(QStringLiteral("stytch.sessions.multi_factor"), A::Last))},
                {chart(P::Bar, QStringLiteral("New signups"), {q(QStringLiteral("stytch.users.signups"))}),
                 chart(P::Area, QStringLiteral("Users by status (pending = never signed in)"), {by(QStringLiteral("stytch.users.by_status"), QStringLiteral("status"))}, true),
                 topN(QStringLiteral("Users by enrolled factor"), QStringLiteral("stytch.users.with_factor"), QStringLiteral("factor")),
                 topN(QStringLiteral("Sign-in factors used (sample)"), QStringLiteral("stytch.sessions.with_factor"), QStringLiteral("factor"))}};
    if (service.type == QLatin1String("twilio"))
        return {{stat(QStringLiteral("SMS code delivery rate"), q(QStringLiteral("twilio.sms.delivery_rate"), A::Avg), higherIsBetter(90, 97)),
                 stat(QStringLiteral("SMS failed"), q(QStringLiteral("twilio.sms.failed")))},
                {chart(P::Line, QStringLiteral("SMS delivery rate (one-time codes)"), {q(QStringLiteral("twilio.sms.delivery_rate"), A::Avg)}),
                 topN(QStringLiteral("Failed SMS by country"), QStringLiteral("twilio.sms.failed"), QStringLiteral("country"))}};
    if (service.type == QLatin1String("sendbird"))
        return {{stat(QStringLiteral("Daily active users"), q(QStringLiteral("sendbird.dau"), A::Last)),
                 stat(QStringLiteral("Monthly active users"), q(QStringLiteral("sendbird.mau"), A::Last))},
                {chart(P::Line, QStringLiteral("Signed-in chat users (DAU)"), {q(QStringLiteral("sendbird.dau"), A::Last)}, false, 24)}};
    return {};
}

Section messagingSection(const ServiceRef &service)
{
    if (service.type == QLatin1String("twilio"))
        return {{stat(QStringLiteral("SMS sent"), q(QStringLiteral("twilio.sms.sent"))),
                 stat(QStringLiteral("SMS delivery rate"), q(QStringLiteral("twilio.sms.delivery_rate"), A::Avg), higherIsBetter(90, 97)),
                 stat(QStringLiteral("SMS failed"), q(QStringLiteral("twilio.sms.failed")))},
                {chart(P::Line, QStringLiteral("SMS sent, delivered and failed"),
                       {q(QStringLiteral("twilio.sms.sent"), QStringLiteral("Sent")), q(QStringLiteral("twilio.sms.delivered"), QStringLiteral("Delivered")),
                        q(QStringLiteral("twilio.sms.failed"), QStringLiteral("Failed"))}),
                 topN(QStringLiteral("Failed SMS by country"), QStringLiteral("twilio.sms.failed"), QStringLiteral("country")),
                 topN(QStringLiteral("SMS errors by code"), QStringLiteral("twilio.sms.errors"), QStringLiteral("error_code"))}};
    if (service.type == QLatin1String("onesignal"))
        return {{stat(QStringLiteral("Push sent"), q(QStringLiteral("onesignal.sent"))),
                 stat(QStringLiteral("Push delivery rate"), q(QStringLiteral("onesignal.delivery_rate"), A::Avg), higherIsBetter(90, 97)),
                 stat(QStringLiteral("Push delivery errors"), q(QStringLiteral("onesignal.errored")))},
                {chart(P::Bar, QStringLiteral("Push sent by platform"), {by(QStringLiteral("onesignal.platform.sent"), QStringLiteral("platform"))}, true),
                 topN(QStringLiteral("Push delivery errors by platform"), QStringLiteral("onesignal.platform.errored"), QStringLiteral("platform"))}};
    if (service.type == QLatin1String("sendbird"))
        return {{stat(QStringLiteral("Chat messages"), q(QStringLiteral("sendbird.messages")))},
                {chart(P::Bar, QStringLiteral("Chat messages per day"), {q(QStringLiteral("sendbird.messages"))}, false, 24)}};
    if (service.type == QLatin1String("sendgrid"))
        return {{stat(QStringLiteral("Emails delivered"), q(QStringLiteral("sendgrid.delivered"))),
                 stat(QStringLiteral("Emails bounced"), q(QStringLiteral("sendgrid.bounces")))},
                {chart(P::Line, QStringLiteral("Emails delivered, deferred and bounced"),
                       {q(QStringLiteral("sendgrid.delivered"), QStringLiteral("Delivered")), q(QStringLiteral("sendgrid.deferred"), QStringLiteral("Deferred")),
                        q(QStringLiteral("sendgrid.bounces"), QStringLiteral("Bounced"))}, false, 24)}};
    return {};
}

Section infrastructureSection(const ServiceRef &service)
{
    if (service.type == QLatin1String("aws"))
        return {{stat(QStringLiteral("Alarms firing"), withLabel(q(QStringLiteral("aws.cloudwatch.alarms"), A::Last), QStringLiteral("state"), QStringLiteral("ALARM")), lowerIsBetter(0.5, 1)),
                 stat(QStringLiteral("EC2 CPU"), q(QStringLiteral("aws.ec2.cpu_utilization"), A::Avg), lowerIsBetter(70, 90)),
                 stat(QStringLiteral("Lambda errors"), q(QStringLiteral("aws.lambda.errors"))),
                 stat(QStringLiteral("API 5xx errors"), q(QStringLiteral("aws.apigateway.errors_5xx")))},
                {chart(P::Line, QStringLiteral("EC2 CPU by instance"), {by(QStringLiteral("aws.ec2.cpu_utilization"), QStringLiteral("instance_id"))}),
                 topN(QStringLiteral("Lambda errors by function"), QStringLiteral("aws.lambda.errors"), QStringLiteral("function")),
                 latency(QStringLiteral("API Gateway latency"), QStringLiteral("aws.apigateway.latency")),
                 chart(P::Line, QStringLiteral("RDS CPU"), {by(QStringLiteral("aws.rds.cpu_utilization"), QStringLiteral("db_instance"))})}};
    if (service.type == QLatin1String("prometheus") || service.type == QLatin1String("http_json"))
        return ownServiceSection(service);
    return {};
}

Section emailSection(const ServiceRef &service)
{
    const auto s = [](const char *field) -> QString { return QStringLiteral("sendgrid.") + QLatin1String(field); };
    if (service.type == QLatin1String("sendgrid"))
        return {{stat(QStringLiteral("Delivered"), q(s("delivered"))), stat(QStringLiteral("Bounces"), q(s("bounces"))),
                 stat(QStringLiteral("Blocks"), q(s("blocks"))), stat(QStringLiteral("Spam reports"), q(s("spam_reports"))),
                 stat(QStringLiteral("Unsubscribes"), q(s("unsubscribes")))},
                {chart(P::Line, QStringLiteral("Delivery"),
                       {q(s("delivered"), QStringLiteral("Delivered")), q(s("deferred"), QStringLiteral("Deferred")),
                        q(s("bounces"), QStringLiteral("Bounced")), q(s("blocks"), QStringLiteral("Blocked"))}),
                 chart(P::Bar, QStringLiteral("Reputation risks"),
                       {q(s("bounces"), QStringLiteral("Bounces")), q(s("invalid_emails"), QStringLiteral("Invalid addresses")),
                        q(s("spam_reports"), QStringLiteral("Spam reports")), q(s("unsubscribes"), QStringLiteral("Unsubscribes"))}, true),
                 chart(P::Line, QStringLiteral("Opens and clicks"),
                       {q(s("unique_opens"), QStringLiteral("Unique opens")), q(s("unique_clicks"), QStringLiteral("Unique clicks"))}),
                 topN(QStringLiteral("Bounces by category"), s("bounces"), QStringLiteral("category"))}};
    if (service.type == QLatin1String("onesignal"))
        return {{stat(QStringLiteral("Email bounces"), q(QStringLiteral("onesignal.email.bounces"))),
                 stat(QStringLiteral("Email spam reports"), q(QStringLiteral("onesignal.email.spam_reports"))),
                 stat(QStringLiteral("Email open rate"), q(QStringLiteral("onesignal.email.open_rate"), A::Avg)),
                 stat(QStringLiteral("Email unsubscribe rate"), q(QStringLiteral("onesignal.email.unsubscribe_rate"), A::Avg))},
                {chart(P::Line, QStringLiteral("Email open, click and unsubscribe rate"),
                       {q(QStringLiteral("onesignal.email.open_rate"), A::Avg, QStringLiteral("Open rate")),
                        q(QStringLiteral("onesignal.email.click_rate"), A::Avg, QStringLiteral("Click rate")),
                        q(QStringLiteral("onesignal.email.unsubscribe_rate"), A::Avg, QStringLiteral("Unsubscribe rate"))}, false, 24)}};
    return {};
}

Section businessSection(const ServiceRef &service)
{
    if (service.type == QLatin1String("mixpanel")) {
        PanelPlan funnel = chart(P::Table, QStringLiteral("Funnel conversion by step"),
                                 {by(QStringLiteral("mixpanel.funnel.step.conversion"), QStringLiteral("step_name"))});
        funnel.queries.first().aggregation = A::Last;
        return {{stat(QStringLiteral("Tracked events"), q(QStringLiteral("mixpanel.events"))),
                 stat(QStringLiteral("Retention rate"), q(QStringLiteral("mixpanel.retention.rate"), A::Avg))},
                {topN(QStringLiteral("Top events"), QStringLiteral("mixpanel.events"), QStringLiteral("event")),
                 chart(P::Line, QStringLiteral("Events per day"), {by(QStringLiteral("mixpanel.events"), QStringLiteral("event"))}),
                 funnel,
                 chart(P::Line, QStringLiteral("Retention by day after first event"), {by(QStringLiteral("mixpanel.retention.rate"), QStringLiteral("day"))})}};
    }
    if (service.type == QLatin1String("stytch"))
        return {{stat(QStringLiteral("Users"), q(QStringLiteral("stytch.users.total"), A::Last)),
                 stat(QStringLiteral("New signups"), q(QStringLiteral("stytch.users.signups")))},
                {chart(P::Bar, QStringLiteral("New signups per day"), {q(QStringLiteral("stytch.users.signups"))}, false, 24)}};
    if (service.type == QLatin1String("sendbird"))
        return {{stat(QStringLiteral("Daily active users"), q(QStringLiteral("sendbird.dau"), A::Last)),
                 stat(QStringLiteral("Monthly active users"), q(QStringLiteral("sendbird.mau"), A::Last))},
                {}};
    if (service.type == QLatin1String("twilio")) {
        const QueryPlan cost = withLabel(q(QStringLiteral("twilio.usage.cost"), A::Sum, QStringLiteral("Total cost")),
                                         QStringLiteral("category"), QStringLiteral("totalprice"));
        return {{stat(QStringLiteral("Twilio spend"), cost)}, {chart(P::Bar, QStringLiteral("Spend per day"), {cost}, false, 24)}};
    }
    if (service.type == QLatin1String("onesignal"))
        return {{stat(QStringLiteral("Push click rate"), q(QStringLiteral("onesignal.click_rate"), A::Avg))}, {}};
    return {};
}

Section scenarioSection(Scenario scenario, const ServiceRef &service)
{
    switch (scenario) {
    case Scenario::AuthHealth: return authSection(service);
    case Scenario::MessagingDelivery: return messagingSection(service);
    case Scenario::Infrastructure: return infrastructureSection(service);
    case Scenario::EmailDeliverability: return emailSection(service);
    case Scenario::BusinessKpis: return businessSection(service);
    }
    return {};
}

// "Twilio — production", or "Shop / Twilio — production" when another project has a service of that name.
QString displayName(const ServiceRef &service, const QList<ServiceRef> &all)
{
    for (const ServiceRef &other : all) {
        if (other.name == service.name && other.project != service.project)
            return service.project + QStringLiteral(" / ") + service.name;
    }
    return service.name;
}

// Which service a status tile shows: the first metric of its headline that the service has.
std::optional<PanelSpec> statusTile(const TemplateBuilder &builder, const ServiceRef &service, const QString &title)
{
    for (const PanelPlan &plan : headlinePlans(service)) {
        PanelPlan tile = plan;
        tile.type = P::Status;
        tile.title = title;
        tile.thresholds.clear();
        if (auto panel = builder.resolve(service, tile))
            return panel;
    }
    if (service.metrics.isEmpty())
        return std::nullopt;
    return builder.resolve(service, stat(title, q(service.metrics.first().name)));
}

} // namespace

QList<Scenario> allScenarios()
{
    return {Scenario::AuthHealth, Scenario::MessagingDelivery, Scenario::Infrastructure, Scenario::EmailDeliverability,
            Scenario::BusinessKpis};
}

QString scenarioTitle(Scenario scenario)
{
    switch (scenario) {
    case Scenario::AuthHealth: return QStringLiteral("Auth health");
    case Scenario::MessagingDelivery: return QStringLiteral("Messaging delivery");
    case Scenario::Infrastructure: return QStringLiteral("Infrastructure");
    case Scenario::EmailDeliverability: return QStringLiteral("Email deliverability");
    case Scenario::BusinessKpis: return QStringLiteral("Business KPIs");
    }
    return {};
}

QString scenarioDescription(Scenario scenario)
{
    switch (scenario) {
    case Scenario::AuthHealth: return QStringLiteral("Sign-ups, users, sessions and MFA (Stytch), one-time-code SMS delivery (Twilio) and active chat users (Sendbird).");
    case Scenario::MessagingDelivery: return QStringLiteral("Whether SMS, push, chat and email reach people: volumes, delivery rates and failures by country and platform.");
    case Scenario::Infrastructure: return QStringLiteral("AWS alarms, CPU, Lambda errors, API latency and databases, and your own services' requests and latency.");
    case Scenario::EmailDeliverability: return QStringLiteral("Delivery, bounces, blocks, spam reports and unsubscribes (SendGrid, OneSignal email).");
    case Scenario::BusinessKpis: return QStringLiteral("Events, funnels and retention (Mixpanel), users and sign-ups, active users and messaging spend.");
    }
    return {};
}

DashboardSpec scenarioTemplate(Scenario scenario, const QList<ServiceRef> &services)
{
    TemplateBuilder builder(scenarioTitle(scenario), scenarioDescription(scenario));
    for (const ServiceRef &service : services) {
        const Section section = scenarioSection(scenario, service);
        const QString prefix = displayName(service, services);
        builder.addStatRow(service, section.stats, prefix);
        builder.addCharts(service, section.charts, prefix);
    }
    DashboardSpec spec = builder.take();
    spec.defaultRangeMs = 7 * 24 * 3600 * 1000LL;
    return spec;
}

bool scenarioApplies(Scenario scenario, const QList<ServiceRef> &services)
{
    return !scenarioTemplate(scenario, services).panels.isEmpty();
}

DashboardSpec projectTemplate(const QString &project, const QList<ServiceRef> &services)
{
    TemplateBuilder builder(project, QStringLiteral("The critical numbers of every service of project \"%1\".").arg(project));
    for (const ServiceRef &service : services) {
        QList<PanelSpec> row;
        if (auto tile = statusTile(builder, service, service.name)) {
            tile->rect.h = 4;
            row.append(std::move(*tile));
        }
        const QList<PanelPlan> headline = headlinePlans(service);
        for (const PanelPlan &plan : headline) {
            if (row.size() >= 5)
                break;
            if (auto panel = builder.resolve(service, plan)) {
                panel->rect.h = 4;
                row.append(std::move(*panel));
            }
        }
        if (!row.isEmpty())
            builder.addRow(std::move(row));
    }
    return builder.take();
}

} // namespace stackscope::dashboard
