#include "demo/demodata.h"

#include "demo/demoshape.h"

#include <QDate>
#include <QDateTime>
#include <QTimeZone>

#include <algorithm>

namespace stackscope::demo {

using namespace detail;

QString demoProjectPrefix()
{
    return QStringLiteral("Demo – ");
}

QString demoStorefrontProject()
{
    return demoProjectPrefix() + QStringLiteral("Storefront");
}

QString demoPlatformProject()
{
    return demoProjectPrefix() + QStringLiteral("Platform");
}

QString demoStagingProject()
{
    return demoProjectPrefix() + QStringLiteral("Staging");
}

QList<DemoProject> demoProjects()
{
    return {
        {demoStorefrontProject(), QStringLiteral("#4c78db"), QStringLiteral("production")},
        {demoPlatformProject(), QStringLiteral("#1f9e89"), QStringLiteral("production")},
        {demoStagingProject(), QStringLiteral("#e0883a"), QStringLiteral("staging")},
    };
}

QList<DemoService> demoServices()
{
    using S = QMap<QString, QString>;
    const QString store = demoStorefrontProject();
    const QString platform = demoPlatformProject();
    const QString staging = demoStagingProject();
    return {
        {store, names::twilio(), QStringLiteral("twilio"), 900,
         S{{QStringLiteral("account_sid"), QStringLiteral("AC0123456789abcdef0123456789abcdef")}}},
        {store, names::sendgrid(), QStringLiteral("sendgrid"), 3600,
         S{{QStringLiteral("categories"), QStringLiteral("receipts,password-reset,newsletter")}}},
        {store, names::stytch(), QStringLiteral("stytch"), 3600,
         S{{QStringLiteral("project_id"), QStringLiteral("project-live-5717de00-0000-4000-8000-00000000d001")},
           {QStringLiteral("session_user_ids"),
            QStringLiteral("user-live-5717de00-0000-4000-8000-000000000001,user-live-5717de00-0000-4000-8000-000000000002")}}},
        {store, names::onesignal(), QStringLiteral("onesignal"), 3600,
         S{{QStringLiteral("app_id"), QStringLiteral("5717de00-0000-4000-8000-00000000d002")},
           {QStringLiteral("per_message"), QStringLiteral("off")}}},
        {store, names::sendbird(), QStringLiteral("sendbird"), 900,
         S{{QStringLiteral("app_id"), QStringLiteral("5717DE00-0000-4000-8000-00000000D003")}}},
        {store, names::mixpanel(), QStringLiteral("mixpanel"), 3600,
         S{{QStringLiteral("username"), QStringLiteral("stackscope-demo.5717de.mp-service-account")},
           {QStringLiteral("project_id"), QStringLiteral("5717001")},
           {QStringLiteral("events"), QStringLiteral("Page view,Viewed product,Added to cart,Started checkout,Checkout completed,Sign up")},
           {QStringLiteral("segment_event"), QStringLiteral("Checkout completed")},
           {QStringLiteral("segment_property"), QStringLiteral("plan")},
           {QStringLiteral("funnel_ids"), QStringLiteral("4815162")},
           {QStringLiteral("retention"), QStringLiteral("Sign up")}}},
        {store, names::backlog(), QStringLiteral("http_json"), 300,
         S{{QStringLiteral("url"), QStringLiteral("https://shop.example.com/internal/stats")},
           {QStringLiteral("metric"), QStringLiteral("shop.orders.pending")},
           {QStringLiteral("unit"), QStringLiteral("orders")},
           {QStringLiteral("kind"), QStringLiteral("gauge")},
           {QStringLiteral("value_path"), QStringLiteral("$.orders.pending")}}},
        {platform, names::aws(), QStringLiteral("aws"), 300,
         S{{QStringLiteral("region"), QStringLiteral("eu-central-1")},
           {QStringLiteral("s3_request_filter_id"), QStringLiteral("EntireBucket")}}},
        {platform, names::api(), QStringLiteral("prometheus"), 300,
         S{{QStringLiteral("url"), QStringLiteral("https://api.example.com/metrics")}, {QStringLiteral("job"), QStringLiteral("api")}}},
        {staging, names::stagingAws(), QStringLiteral("aws"), 300, S{{QStringLiteral("region"), QStringLiteral("eu-west-1")}}},
        {staging, names::stagingApi(), QStringLiteral("prometheus"), 300,
         S{{QStringLiteral("url"), QStringLiteral("https://api.staging.example.com/metrics")}, {QStringLiteral("job"), QStringLiteral("api")}}},
        {staging, names::stagingStytch(), QStringLiteral("stytch"), 3600,
         S{{QStringLiteral("project_id"), QStringLiteral("project-test-5717de00-0000-4000-8000-00000000d004")}}},
    };
}

ServiceHealth demoHealth(const DemoService &service, qint64 nowMs)
{
    const qint64 interval = service.intervalS * 1000;
    ServiceHealth health;
    if (service.project == demoStagingProject() && service.type == QLatin1String("stytch")) {
        // Failing for 40 minutes: the overview's Staging tile turns amber and the built-in "polling failing"
        // alert (after 15 minutes) fires.
        health.state = ServiceHealth::State::Failing;
        health.consecutiveFailures = 3;
        health.lastSuccessMs = nowMs - 40 * kMinuteMs;
        health.lastAttemptMs = nowMs - 4 * kMinuteMs;
        health.nextRunMs = nowMs + 4 * kMinuteMs;
        health.lastError = QStringLiteral("Could not reach test.stytch.com: the connection timed out after 30 s. "
                                          "Retrying in 8 minutes. (simulated)");
        return health;
    }
    // Polled a little while ago, at a different moment for each service, as a real scheduler spreads them.
    const qint64 offset = (qHash(service.name) % 97) * interval / 100;
    health.state = ServiceHealth::State::Ok;
    health.lastSuccessMs = nowMs - std::min<qint64>(offset, interval - kMinuteMs);
    health.lastAttemptMs = health.lastSuccessMs;
    health.nextRunMs = health.lastSuccessMs + interval;
    return health;
}

namespace {

qint64 monthStart(qint64 dayMs, int addMonths = 0)
{
    const QDate day = QDateTime::fromMSecsSinceEpoch(dayMs, QTimeZone::utc()).date();
    const QDate first = QDate(day.year(), day.month(), 1).addMonths(addMonths);
    return QDateTime(first, QTime(0, 0), QTimeZone::utc()).toMSecsSinceEpoch();
}

} // namespace

void generateDemoHistory(const DemoFill &fill, const std::function<void(SampleBatch)> &sink)
{
    if (fill.days <= 0 || !sink)
        return;
    const Timeline timeline(fill.anchorMs != 0 ? fill.anchorMs : fill.endMs);
    QList<Emitter> all = saasEmitters(timeline);
    all += productEmitters(timeline);
    all += infraEmitters(timeline);
    all += prometheusEmitters(timeline);
    QList<const Emitter *> byCadence[5];
    for (const Emitter &e : std::as_const(all))
        byCadence[int(e.cadence)].append(&e);
    const auto run = [&](Cadence cadence, qint64 ts, double share, SampleBatch &out) {
        for (const Emitter *e : std::as_const(byCadence[int(cadence)]))
            e->produce(ts, share, out);
    };

    const qint64 endMs = fill.endMs;
    const qint64 rangeStart = endMs - qint64(fill.days) * kDayMs; // exclusive
    const qint64 after = std::max(rangeStart, fill.afterMs);
    const auto pointWanted = [&](qint64 ts) { return ts > after && ts <= endMs; };
    const auto bucketWanted = [&](qint64 start, qint64 end) { return start <= endMs && end > after; };

    const qint64 firstDay = floorTo(after, kDayMs);
    for (qint64 day = firstDay; day <= endMs; day += kDayMs) {
        SampleBatch batch;
        batch.reserve(40'000);
        const qint64 month = monthStart(day);
        if (month == day || day == firstDay) {
            const qint64 monthEnd = monthStart(day, 1);
            if (bucketWanted(month, monthEnd))
                run(Cadence::MonthBucket, month, std::clamp(double(endMs - month) / double(monthEnd - month), 0.0, 1.0), batch);
        }
        if (bucketWanted(day, day + kDayMs))
            run(Cadence::DayBucket, day, elapsedShare(day, kDayMs, endMs, 0), batch);
        for (qint64 hour = day; hour < day + kDayMs && hour <= endMs; hour += kHourMs) {
            if (bucketWanted(hour, hour + kHourMs))
                run(Cadence::HourBucket, hour, elapsedShare(hour, kHourMs, endMs, 0), batch);
            if (pointWanted(hour))
                run(Cadence::HourPoint, hour, 1.0, batch);
            for (qint64 ts = hour; ts < hour + kHourMs && ts <= endMs; ts += kStepMs) {
                if (pointWanted(ts))
                    run(Cadence::Step, ts, 1.0, batch);
            }
        }
        if (!batch.isEmpty())
            sink(std::move(batch));
    }
}

void generateDemoHistory(qint64 endMs, int days, const std::function<void(SampleBatch)> &sink)
{
    DemoFill fill;
    fill.endMs = endMs;
    fill.days = days;
    generateDemoHistory(fill, sink);
}

} // namespace stackscope::demo
