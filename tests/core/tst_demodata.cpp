// The demo generator's shapes: determinism, top-ups, granularity, seasonality, growth, incidents and Prometheus
// counters. (What the series are called and whether screens find them: tst_democatalogue.)
#include "demohistory.h"

#include <QSet>
#include <QTest>

#include <cmath>

using namespace stackscope;
using namespace demotest;

class tst_DemoData : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void deterministic();
    void topUpContinuesTheSameCurves();
    void granularityAsTheConnectors();
    void weeklySeasonality();
    void dailySeasonality();
    void growthTrend();
    void ongoingApiIncidentAtTheAnchor();
    void smsCarrierOutageYesterday();
    void platformOutageLeavesAGap();
    void olderIncidents();
    void prometheusCountersAreCumulativeWithRestarts();
    void histogramBucketsAreCumulative();

private:
    DemoHistory m_h; // 90 days ending (and anchored) at kEnd
    QString m_store = demo::demoStorefrontProject();
    QString m_platform = demo::demoPlatformProject();
};

namespace {

QString t(const char *text)
{
    return QString::fromUtf8(text);
}

int weekday(qint64 ts) // 1 = Monday (UTC)
{
    return QDateTime::fromMSecsSinceEpoch(ts, QTimeZone::utc()).date().dayOfWeek();
}

QList<MetricSample> collect(const demo::DemoFill &fill)
{
    QList<MetricSample> all;
    demo::generateDemoHistory(fill, [&](SampleBatch batch) { all.append(batch); });
    return all;
}

} // namespace

void tst_DemoData::initTestCase()
{
    demo::DemoFill fill;
    fill.endMs = kEnd;
    m_h = DemoHistory::generate(fill);
    qInfo("generated %lld samples of %lld series in %lld ms (this build type)", qlonglong(m_h.samples),
          qlonglong(m_h.series.size()), qlonglong(m_h.elapsedMs));
    QVERIFY(m_h.samples > 1'000'000);
    QVERIFY2(m_h.series.size() < 1500, "keep the demo's series count moderate");
    QCOMPARE(m_h.duplicates, 0);
}

void tst_DemoData::deterministic()
{
    demo::DemoFill fill;
    fill.endMs = kEnd;
    fill.days = 3;
    const QList<MetricSample> a = collect(fill);
    const QList<MetricSample> b = collect(fill);
    QCOMPARE(a.size(), b.size());
    for (qsizetype i = 0; i < a.size(); ++i) {
        QCOMPARE(a.at(i).metric, b.at(i).metric);
        QCOMPARE(a.at(i).labels, b.at(i).labels);
        QCOMPARE(a.at(i).ts, b.at(i).ts);
        QCOMPARE(a.at(i).value, b.at(i).value);
    }
}

void tst_DemoData::topUpContinuesTheSameCurves()
{
    // The app's next start adds what happened since: a top-up after the first fill, anchored where it was. The
    // first fill plus the top-up (later values replacing earlier ones, as in the store) must equal one fill of
    // the whole range, incidents and open buckets (today's figures, this hour's) included.
    const qint64 later = kEnd + 13 * kHour + 17 * kMinute; // past midnight: a new day, and today's bucket grew
    demo::DemoFill first;
    first.endMs = kEnd;
    first.days = 4;
    demo::DemoFill topUp;
    topUp.endMs = later;
    topUp.days = 1;
    topUp.afterMs = kEnd;
    topUp.anchorMs = kEnd;
    demo::DemoFill whole;
    whole.endMs = later;
    whole.days = 2;
    whole.anchorMs = kEnd;

    QHash<QString, double> merged;
    for (const MetricSample &s : collect(first))
        merged.insert(seriesKey(s.metric, s.labels) + QString::number(s.ts), s.value);
    int replaced = 0;
    for (const MetricSample &s : collect(topUp)) {
        if (s.ts <= kEnd) {
            QVERIFY2(s.ts % kHour == 0, "only open buckets are re-sent, never five-minute points");
            ++replaced;
        }
        merged.insert(seriesKey(s.metric, s.labels) + QString::number(s.ts), s.value);
    }
    QVERIFY(replaced > 0);
    int compared = 0;
    for (const MetricSample &s : collect(whole)) {
        if (s.ts <= kEnd - kDay)
            continue;
        const QString key = seriesKey(s.metric, s.labels) + QString::number(s.ts);
        QVERIFY2(merged.contains(key), qPrintable(key));
        QVERIFY2(qFuzzyCompare(1.0 + merged.value(key), 1.0 + s.value), qPrintable(key));
        ++compared;
    }
    QVERIFY(compared > 10'000);
}

void tst_DemoData::granularityAsTheConnectors()
{
    const qint64 lastStep = kEnd / demo::kDemoStepMs * demo::kDemoStepMs;
    for (const DemoSeries &s : std::as_const(m_h.series)) {
        const QString &m = s.metric;
        qint64 unit = demo::kDemoStepMs;
        if (m.startsWith(QLatin1String("twilio.")) || m.startsWith(QLatin1String("sendgrid.")) || m.startsWith(QLatin1String("mixpanel."))
            || m.startsWith(QLatin1String("sendbird.")) || m == QLatin1String("stytch.users.signups")
            || m == QLatin1String("aws.s3.bucket_size") || m == QLatin1String("aws.s3.objects"))
            unit = kDay; // one sample per UTC day at 00:00 UTC (MAU: per month, on its first day)
        else if (m.startsWith(QLatin1String("onesignal.")) || m.startsWith(QLatin1String("stytch.")))
            unit = kHour; // per UTC hour of queueing (OneSignal); read at each hourly poll (Stytch totals)
        for (const TimedValue &p : s.points) {
            QVERIFY2(p.ts % unit == 0, qPrintable(m));
            QVERIFY2(std::isfinite(p.value) && p.value >= 0.0, qPrintable(m));
            QVERIFY(p.ts <= kEnd);
        }
        if (unit == demo::kDemoStepMs && s.labels.value(QStringLiteral("instance_id")) != QLatin1String("i-0a3f5e7d9c1b20002")
            && !s.labels.contains(QStringLiteral("job")) && m != QLatin1String("aws.lambda.duration")) {
            QCOMPARE(s.points.last().ts, lastStep);
            QCOMPARE(s.points.size(), qsizetype(demo::kDemoDays * 288));
        }
    }
    // Daily counters include today so far: Twilio's today is smaller than yesterday (it is only 12:02).
    const DemoSeries *sent = m_h.one(QStringLiteral("twilio.sms.sent"), {{QStringLiteral("country"), QStringLiteral("NANP")}});
    QVERIFY(sent);
    const qint64 today = kEnd / kDay * kDay;
    QCOMPARE(sent->points.last().ts, today);
    QVERIFY(sent->points.last().value < 0.75 * sent->valueAt(today - kDay));
    // Sendbird MAU per month, stamped at the first of the month.
    const DemoSeries *mau = m_h.one(QStringLiteral("sendbird.mau"), {});
    QVERIFY(mau);
    for (const TimedValue &p : mau->points)
        QCOMPARE(QDateTime::fromMSecsSinceEpoch(p.ts, QTimeZone::utc()).date().day(), 1);
    QVERIFY(mau->points.size() >= 3 && mau->points.size() <= 5);
}

void tst_DemoData::weeklySeasonality()
{
    const DemoSeries *views = m_h.one(QStringLiteral("mixpanel.events"), {{QStringLiteral("event"), QStringLiteral("Page view")}});
    QVERIFY(views);
    double weekdaySum = 0, weekendSum = 0;
    int weekdays = 0, weekends = 0;
    for (const TimedValue &p : views->points.mid(0, views->points.size() - 1)) { // today is not complete
        (weekday(p.ts) >= 6 ? weekendSum : weekdaySum) += p.value;
        (weekday(p.ts) >= 6 ? weekends : weekdays) += 1;
    }
    qInfo("page views per day: weekday %.0f, weekend %.0f", weekdaySum / weekdays, weekendSum / weekends);
    QVERIFY(weekendSum / weekends < 0.8 * weekdaySum / weekdays);
}

void tst_DemoData::dailySeasonality()
{
    const DemoSeries *requests = m_h.one(QStringLiteral("aws.apigateway.requests"), {{QStringLiteral("api"), QStringLiteral("storefront-api")}});
    QVERIFY(requests);
    double night = 0, afternoon = 0;
    for (const TimedValue &p : requests->points) {
        const int hour = QDateTime::fromMSecsSinceEpoch(p.ts, QTimeZone::utc()).time().hour();
        if (hour == 3)
            night += p.value;
        else if (hour == 14)
            afternoon += p.value;
    }
    QVERIFY(night > 0);
    QVERIFY(night < 0.4 * afternoon);
}

void tst_DemoData::growthTrend()
{
    const DemoSeries *users = m_h.one(QStringLiteral("stytch.users.total"), serviceFilter(m_store, t("Stytch — live")));
    QVERIFY(users);
    QVERIFY(users->points.last().value > 1.05 * users->points.first().value);
    // Daily signups: the last four weeks above the first four (same weekdays, growth about 30 % a year).
    const DemoSeries *signups = m_h.one(QStringLiteral("stytch.users.signups"), serviceFilter(m_store, t("Stytch — live")));
    QVERIFY(signups);
    double early = 0, late = 0;
    const qsizetype n = signups->points.size();
    for (qsizetype i = 0; i < 28; ++i) {
        early += signups->points.at(1 + i).value;
        late += signups->points.at(n - 29 + i).value;
    }
    QVERIFY2(late > early * 1.02, qPrintable(QStringLiteral("%1 vs %2").arg(late).arg(early)));
}

void tst_DemoData::ongoingApiIncidentAtTheAnchor()
{
    const qint64 last = kEnd / demo::kDemoStepMs * demo::kDemoStepMs;
    const DemoSeries *inAlarm = m_h.one(QStringLiteral("aws.cloudwatch.alarms"), serviceFilter(m_platform, t("AWS — eu-central-1"), {{QStringLiteral("state"), QStringLiteral("ALARM")}}));
    QVERIFY(inAlarm);
    QVERIFY(inAlarm->valueAt(last) >= 1.0);
    QCOMPARE(inAlarm->valueAt(last - kDay), 0.0);
    const DemoSeries *alarm = m_h.one(QStringLiteral("aws.cloudwatch.alarm_state"), {{QStringLiteral("alarm_name"), QStringLiteral("storefront-api-5xx-rate")}});
    QVERIFY(alarm);
    QCOMPARE(alarm->valueAt(last), 1.0);
    // 5xx in the last half hour far above the same half hour a week earlier.
    const DemoSeries *errors = m_h.one(QStringLiteral("aws.apigateway.errors_5xx"), {{QStringLiteral("api"), QStringLiteral("storefront-api")}});
    QVERIFY(errors);
    double now = 0, weekAgo = 0;
    for (qint64 ts = last - 25 * kMinute; ts <= last; ts += demo::kDemoStepMs) {
        now += errors->valueAt(ts);
        weekAgo += errors->valueAt(ts - 7 * kDay);
    }
    QVERIFY2(now > 150 && now > 10 * weekAgo, qPrintable(QStringLiteral("%1 vs %2").arg(now).arg(weekAgo)));
    // The API's own 503 counter climbs, and orders pile up behind it.
    const DemoSeries *unavailable = m_h.one(QStringLiteral("http_requests_total"), serviceFilter(m_platform, t("API — Prometheus"), {{QStringLiteral("code"), QStringLiteral("503")}}));
    QVERIFY(unavailable);
    QVERIFY(unavailable->valueAt(last) > unavailable->valueAt(last - 30 * kMinute) + 50);
    const DemoSeries *backlog = m_h.one(QStringLiteral("shop.orders.pending"), {});
    QVERIFY(backlog);
    QVERIFY(backlog->valueAt(last) > 120);
}

void tst_DemoData::smsCarrierOutageYesterday()
{
    const Labels de{{QStringLiteral("country"), QStringLiteral("DE")}};
    const DemoSeries *sent = m_h.one(QStringLiteral("twilio.sms.sent"), de);
    const DemoSeries *failed = m_h.one(QStringLiteral("twilio.sms.failed"), de);
    QVERIFY(sent && failed);
    const qint64 yesterday = kEnd / kDay * kDay - kDay;
    QVERIFY(failed->valueAt(yesterday) > 0.2 * sent->valueAt(yesterday));
    for (qint64 day = yesterday - 60 * kDay; day < yesterday - 2 * kDay; day += kDay)
        QVERIFY(failed->valueAt(day) < 0.05 * sent->valueAt(day));
    const DemoSeries *code = m_h.one(QStringLiteral("twilio.sms.errors"), {{QStringLiteral("error_code"), QStringLiteral("30008")}});
    QVERIFY(code);
    QVERIFY(code->valueAt(yesterday) > 5 * code->valueAt(yesterday - 7 * kDay));
    const DemoSeries *rate = m_h.one(QStringLiteral("twilio.sms.delivery_rate"), {});
    QVERIFY(rate);
    QVERIFY(rate->valueAt(yesterday) < 97.0);
    QVERIFY(rate->valueAt(yesterday - 7 * kDay) > 97.0);
}

void tst_DemoData::platformOutageLeavesAGap()
{
    const DemoSeries *web1 = m_h.one(QStringLiteral("aws.ec2.cpu_utilization"), {{QStringLiteral("instance_id"), QStringLiteral("i-0a3f5e7d9c1b20001")}});
    const DemoSeries *web2 = m_h.one(QStringLiteral("aws.ec2.cpu_utilization"), {{QStringLiteral("instance_id"), QStringLiteral("i-0a3f5e7d9c1b20002")}});
    const DemoSeries *api = m_h.one(QStringLiteral("go_goroutines"), serviceFilter(m_platform, t("API — Prometheus")));
    const DemoSeries *staging = m_h.one(QStringLiteral("go_goroutines"), serviceFilter(demo::demoStagingProject(), t("API — staging")));
    QVERIFY(web1 && web2 && api && staging);
    QCOMPARE(web1->largestGap(), demo::kDemoStepMs);
    QCOMPARE(staging->largestGap(), demo::kDemoStepMs);
    for (const DemoSeries *s : {web2, api}) {
        QCOMPARE(s->largestGap(), 3 * kHour + demo::kDemoStepMs);
        for (qsizetype i = 1; i < s->points.size(); ++i) {
            if (s->points.at(i).ts - s->points.at(i - 1).ts > demo::kDemoStepMs) {
                QVERIFY(s->points.at(i - 1).ts > kEnd - 13 * kDay); // about 12 days before the end
                QVERIFY(s->points.at(i).ts < kEnd - 12 * kDay);
            }
        }
    }
}

void tst_DemoData::olderIncidents()
{
    // Lambda errors 40 days before the end.
    const DemoSeries *lambda = m_h.one(QStringLiteral("aws.lambda.errors"), serviceFilter(m_platform, t("AWS — eu-central-1"), {{QStringLiteral("function"), QStringLiteral("image-resize")}}));
    QVERIFY(lambda);
    const qint64 spikeMiddle = kEnd - 40 * kDay - 2 * kHour + 45 * kMinute;
    double inSpike = 0, elsewhere = 0;
    for (const TimedValue &p : lambda->points) {
        double &worst = std::abs(p.ts - spikeMiddle) < 2 * kHour ? inSpike : elsewhere;
        worst = std::max(worst, p.value);
    }
    QVERIFY2(inSpike > 20 && elsewhere < 12, qPrintable(QStringLiteral("%1 / %2").arg(inSpike).arg(elsewhere)));
    // Newsletter bounces 61 days before the end.
    const DemoSeries *bounces = m_h.one(QStringLiteral("sendgrid.bounces"), {{QStringLiteral("category"), QStringLiteral("newsletter")}});
    QVERIFY(bounces);
    const qint64 bounceDay = (kEnd - 61 * kDay - 7 * kHour) / kDay * kDay;
    QVERIFY(bounces->valueAt(bounceDay) > 2000);
    for (const TimedValue &p : bounces->points)
        QVERIFY(p.ts == bounceDay || p.value < 1000);
    // Android push errors 20 days before the end: some campaign's delivery rate under 90 % then, never otherwise.
    int low = 0, lowElsewhere = 0;
    for (const DemoSeries *s : m_h.matching(QStringLiteral("onesignal.delivery_rate"))) {
        for (const TimedValue &p : s->points) {
            if (p.value >= 90.0)
                continue;
            (std::abs(p.ts - (kEnd - 20 * kDay - 5 * kHour)) <= 3 * kHour ? low : lowElsewhere) += 1;
        }
    }
    QVERIFY(low > 0);
    QCOMPARE(lowElsewhere, 0);
}

void tst_DemoData::prometheusCountersAreCumulativeWithRestarts()
{
    // Counters as scraped: raw cumulative values that only fall when the process restarts, which happens at
    // each production deploy (Tuesdays and Thursdays 10:00 UTC) and after the outage.
    QSet<qint64> resets;
    int counters = 0;
    for (const DemoSeries &s : std::as_const(m_h.series)) {
        if (s.labels.value(QStringLiteral("service")) != t("API — Prometheus"))
            continue;
        const bool counter = s.metric.endsWith(QLatin1String("_total")) || s.metric.endsWith(QLatin1String("_bucket"))
                             || s.metric.endsWith(QLatin1String("_sum")) || s.metric.endsWith(QLatin1String("_count"));
        if (!counter)
            continue;
        ++counters;
        for (qsizetype i = 1; i < s.points.size(); ++i) {
            const TimedValue &p = s.points.at(i);
            if (p.value >= s.points.at(i - 1).value)
                continue;
            const QDateTime at = QDateTime::fromMSecsSinceEpoch(p.ts, QTimeZone::utc());
            const bool deploy = (at.date().dayOfWeek() == 2 || at.date().dayOfWeek() == 4) && at.time() == QTime(10, 0);
            const bool afterOutage = p.ts - s.points.at(i - 1).ts > demo::kDemoStepMs;
            QVERIFY2(deploy || afterOutage, qPrintable(s.metric + at.toString(Qt::ISODate)));
            resets.insert(p.ts);
        }
    }
    QVERIFY(counters >= 15);
    qInfo("%lld restarts of the Platform API in %d days", qlonglong(resets.size()), demo::kDemoDays);
    QVERIFY(resets.size() >= 24 && resets.size() <= 28); // 13 weeks × 2 deploys, plus the outage
}

void tst_DemoData::histogramBucketsAreCumulative()
{
    const auto buckets = m_h.matching(QStringLiteral("http_request_duration_seconds_bucket"),
                                      serviceFilter(m_platform, t("API — Prometheus")));
    QCOMPARE(buckets.size(), 6);
    const DemoSeries *count = m_h.one(QStringLiteral("http_request_duration_seconds_count"), serviceFilter(m_platform, t("API — Prometheus")));
    QVERIFY(count);
    const auto le = [](const DemoSeries *s) {
        const QString v = s->labels.value(QStringLiteral("le"));
        return v == QLatin1String("+Inf") ? 1e300 : v.toDouble();
    };
    QList<const DemoSeries *> sorted = buckets;
    std::sort(sorted.begin(), sorted.end(), [&](const DemoSeries *a, const DemoSeries *b) { return le(a) < le(b); });
    for (qsizetype i = 0; i < count->points.size(); i += 97) {
        const qint64 ts = count->points.at(i).ts;
        for (qsizetype k = 1; k < sorted.size(); ++k)
            QVERIFY(sorted.at(k)->valueAt(ts) >= sorted.at(k - 1)->valueAt(ts));
        QCOMPARE(sorted.last()->valueAt(ts), count->points.at(i).value);
    }
}

QTEST_GUILESS_MAIN(tst_DemoData)
#include "tst_demodata.moc"
