// Simulated Stytch, OneSignal and Mixpanel services, shaped as their connectors store them: Stytch totals read
// at each hourly poll and signups per UTC day; OneSignal counts per campaign and UTC hour of queueing; Mixpanel
// events, funnels and retention per day (docs/connectors/*.md).
#include "demo/demodata.h"
#include "demo/demoshape.h"

#include <algorithm>
#include <cmath>

namespace stackscope::demo::detail {

namespace {

QString s(const char *text)
{
    return QString::fromLatin1(text);
}

// ---- Stytch ---------------------------------------------------------------------------------------------------

struct StytchShape
{
    QString project;
    QString service;
    double users;          // at the anchor
    double signupsPerDay;
    bool sampledSessions;  // session_user_ids set
};

QList<Emitter> stytch(const Timeline &t, const StytchShape &shape)
{
    const QString project = shape.project;
    const auto series = [&](const char *metric, std::initializer_list<std::pair<QString, QString>> labels = {}) {
        return Series(s(metric), serviceLabels(project, shape.service, labels));
    };
    struct Share { const char *key; double share; };
    static constexpr Share kFactors[] = {{"email", 0.78}, {"password", 0.55}, {"phone", 0.21}, {"webauthn", 0.09},
                                         {"totp", 0.06}, {"crypto_wallet", 0.004}};
    static constexpr Share kSessionFactors[] = {{"password", 0.45}, {"oauth", 0.35}, {"otp", 0.3}, {"webauthn", 0.12}, {"totp", 0.1}};
    QList<Series> withFactor, sessionFactor;
    for (const Share &f : kFactors)
        withFactor.append(series("stytch.users.with_factor", {{s("factor"), s(f.key)}}));
    for (const Share &f : kSessionFactors)
        sessionFactor.append(series("stytch.sessions.with_factor", {{s("factor"), s(f.key)}}));
    const Series total = series("stytch.users.total"), active = series("stytch.users.by_status", {{s("status"), s("active")}}),
                 pending = series("stytch.users.by_status", {{s("status"), s("pending")}}),
                 m2m = series("stytch.m2m_clients.total"), sessions = series("stytch.sessions.active"),
                 duration = series("stytch.sessions.duration_avg"), multi = series("stytch.sessions.multi_factor"),
                 signups = series("stytch.users.signups");
    const quint64 stream = streamId(shape.sampledSessions ? "stytch.live" : "stytch.test");

    Emitter poll{Cadence::HourPoint, [=](qint64 ts, double, SampleBatch &out) {
        Noise noise(stream, ts);
        // Growth consistent with the daily signups: about signupsPerDay × 365 / 0.30 users at the anchor.
        const double users = std::round(shape.users * growth(ts, t.anchor) + 3.0 * noise.gaussian());
        total.put(out, ts, users);
        const double pendingUsers = std::round(users * 0.068);
        active.put(out, ts, users - pendingUsers);
        pending.put(out, ts, pendingUsers);
        for (int i = 0; i < int(std::size(kFactors)); ++i)
            withFactor.at(i).put(out, ts, std::round(users * kFactors[i].share));
        m2m.put(out, ts, shape.sampledSessions ? 3.0 : 1.0);
        if (!shape.sampledSessions)
            return;
        // Two listed users (session_user_ids): a handful of sessions, more during the day.
        const double n = count(1.0 + 3.0 * load(ts, 1), noise);
        sessions.put(out, ts, n);
        duration.put(out, ts, std::round(2400.0 + 9000.0 * noise.uniform()));
        for (int i = 0; i < int(std::size(kSessionFactors)); ++i)
            sessionFactor.at(i).put(out, ts, std::round(n * kSessionFactors[i].share));
        multi.put(out, ts, std::round(n * 0.3));
    }};
    Emitter daily{Cadence::DayBucket, [=](qint64 day, double share, SampleBatch &out) {
        Noise noise(stream ^ 1, day);
        const double base = weekdayFactor(localTime(day, 0).weekday) * growth(day, t.anchor);
        signups.put(out, day, std::floor(count(shape.signupsPerDay * base, noise) * share));
    }};
    return {poll, daily};
}

// ---- OneSignal ------------------------------------------------------------------------------------------------

struct PlatformShare { const char *platform; double share; double received; };
struct Campaign
{
    const char *name;
    enum Kind { Hourly, DailyAt17, WeeklyEmail } kind;
    double perHour;         // messages (Hourly) or subscriptions reached (the others)
    double perMessage;      // subscriptions per message (Hourly)
    double clickRate;
    QList<PlatformShare> platforms;
};

QList<Campaign> campaigns()
{
    return {
        {"Order shipped", Campaign::Hourly, 42.0, 1.4, 0.09, {{"ios", 0.45, 0.95}, {"android", 0.55, 0.91}}},
        {"Cart reminder", Campaign::Hourly, 26.0, 1.3, 0.05,
         {{"ios", 0.40, 0.95}, {"android", 0.45, 0.91}, {"chrome_web_push", 0.15, 0.86}}},
        {"Daily deals", Campaign::DailyAt17, 52000.0, 0, 0.045,
         {{"ios", 0.38, 0.95}, {"android", 0.47, 0.91}, {"chrome_web_push", 0.15, 0.86}}},
        {"Weekly newsletter", Campaign::WeeklyEmail, 31000.0, 0, 0.031, {{"email", 1.0, 0.0}}},
    };
}

Emitter onesignal(const Timeline &t)
{
    const QString store = demoStorefrontProject();
    const QString service = names::onesignal();
    struct CampaignSeries
    {
        Campaign campaign;
        QList<Series> totals;                 // kTotals order
        QList<QList<Series>> platforms;       // per platform: sent, failed, errored, received, clicks
        QList<Series> email;                  // kEmail order
    };
    static constexpr const char *kTotals[] = {"messages", "sent", "failed", "errored", "received", "clicks", "delivery_rate", "click_rate"};
    static constexpr const char *kPlatform[] = {"sent", "failed", "errored", "received", "clicks"};
    static constexpr const char *kEmail[] = {"opens", "unique_opens", "clicks", "unique_clicks", "unsubscribes", "bounces",
                                             "spam_reports", "open_rate", "click_rate", "unsubscribe_rate"};
    QList<CampaignSeries> all;
    for (const Campaign &c : campaigns()) {
        CampaignSeries cs{c, {}, {}, {}};
        const std::pair<QString, QString> campaign{s("campaign"), s(c.name)};
        for (const char *m : kTotals)
            cs.totals.append(Series(QStringLiteral("onesignal.") + s(m), serviceLabels(store, service, {campaign})));
        for (const PlatformShare &p : c.platforms) {
            QList<Series> list;
            for (const char *m : kPlatform)
                list.append(Series(QStringLiteral("onesignal.platform.") + s(m),
                                   serviceLabels(store, service, {campaign, {s("platform"), s(p.platform)}})));
            cs.platforms.append(list);
        }
        if (c.kind == Campaign::WeeklyEmail) {
            for (const char *m : kEmail)
                cs.email.append(Series(QStringLiteral("onesignal.email.") + s(m), serviceLabels(store, service, {campaign})));
        }
        all.append(cs);
    }

    return {Cadence::HourBucket, [=](qint64 hour, double share, SampleBatch &out) {
        const LocalTime utc = localTime(hour, 0);
        for (const CampaignSeries &cs : all) {
            const Campaign &c = cs.campaign;
            Noise noise(streamId(c.name), hour);
            double messages = 0, reached = 0;
            if (c.kind == Campaign::Hourly) {
                messages = std::floor(count(c.perHour * load(hour, 1) * growth(hour, t.anchor), noise) * share);
                reached = std::round(messages * c.perMessage);
            } else if (c.kind == Campaign::DailyAt17 && int(utc.hour) == 17 && utc.weekday < 5) {
                messages = 1;
                reached = std::floor(count(c.perHour * growth(hour, t.anchor), noise) * share);
            } else if (c.kind == Campaign::WeeklyEmail && int(utc.hour) == 9 && utc.weekday == 3) {
                messages = 1;
                reached = std::floor(count(c.perHour * growth(hour, t.anchor), noise) * share);
            }
            if (messages <= 0)
                continue; // no message queued in this hour: the connector writes nothing for the campaign
            double sent = 0, failed = 0, errored = 0, received = 0, clicks = 0;
            for (int i = 0; i < c.platforms.size(); ++i) {
                const PlatformShare &p = c.platforms.at(i);
                const double n = std::round(reached * p.share);
                double errorRate = 0.003;
                if (QLatin1String(p.platform) == QLatin1String("android"))
                    errorRate += 0.28 * t.pushErrors.level(hour); // FCM rejects the app's expired server key
                const double pf = std::round(n * (0.025 + 0.01 * noise.uniform()));
                const double pe = std::round(n * errorRate);
                const double ps = std::max(0.0, n - pf - pe);
                const double pr = std::round(ps * p.received);
                const double pc = std::round(ps * c.clickRate * (0.8 + 0.4 * noise.uniform()));
                const double values[] = {ps, pf, pe, pr, pc};
                for (int k = 0; k < 5; ++k)
                    cs.platforms.at(i).at(k).put(out, hour, values[k]);
                sent += ps, failed += pf, errored += pe, received += pr, clicks += pc;
            }
            const double totals[] = {messages, sent, failed, errored, received, clicks};
            for (int k = 0; k < 6; ++k)
                cs.totals.at(k).put(out, hour, totals[k]);
            if (sent + failed + errored > 0)
                cs.totals.at(6).put(out, hour, 100.0 * sent / (sent + failed + errored));
            if (sent > 0)
                cs.totals.at(7).put(out, hour, 100.0 * clicks / sent);
            if (!cs.email.isEmpty() && sent > 0) {
                const double uniqueOpens = std::round(sent * (0.23 + 0.03 * noise.uniform()));
                const double uniqueClicks = clicks;
                const double unsubscribed = std::round(sent * 0.002);
                const double values[] = {std::round(uniqueOpens * 1.5), uniqueOpens, std::round(uniqueClicks * 1.2),
                                         uniqueClicks, unsubscribed, std::round(sent * 0.008), std::round(sent * 0.0002),
                                         100.0 * uniqueOpens / sent, 100.0 * uniqueClicks / sent, 100.0 * unsubscribed / sent};
                for (int k = 0; k < int(std::size(kEmail)); ++k)
                    cs.email.at(k).put(out, hour, values[k]);
            }
        }
    }};
}

// ---- Mixpanel -------------------------------------------------------------------------------------------------

QList<Emitter> mixpanel(const Timeline &t)
{
    const QString store = demoStorefrontProject();
    const QString service = names::mixpanel();
    struct Event { const char *name; double perDay; };
    static constexpr Event kEvents[] = {{"Page view", 52000}, {"Viewed product", 21000}, {"Added to cart", 4200},
                                        {"Started checkout", 1900}, {"Checkout completed", 1300}, {"Sign up", 380}};
    static constexpr Event kPlans[] = {{"free", 0.62}, {"pro", 0.30}, {"business", 0.08}};
    static constexpr Event kSteps[] = {{"Viewed product", 1.0}, {"Added to cart", 0.31}, {"Started checkout", 0.52},
                                       {"Checkout completed", 0.68}};
    static constexpr double kRetention[] = {0.42, 0.24, 0.19, 0.16, 0.14, 0.13, 0.12, 0.115};
    QList<Series> events, segments, stepCount, stepConversion, stepStep, retained, rate;
    for (const Event &e : kEvents)
        events.append(Series(s("mixpanel.events"), serviceLabels(store, service, {{s("event"), s(e.name)}})));
    for (const Event &p : kPlans)
        segments.append(Series(s("mixpanel.segment.events"),
                               serviceLabels(store, service, {{s("event"), s("Checkout completed")}, {s("property"), s("plan")},
                                                              {s("segment"), s(p.name)}})));
    for (int i = 0; i < int(std::size(kSteps)); ++i) {
        const Labels l = serviceLabels(store, service, {{s("funnel_id"), s("4815162")}, {s("step"), QString::number(i + 1)},
                                                        {s("step_name"), s(kSteps[i].name)}});
        stepCount.append(Series(s("mixpanel.funnel.step.count"), l));
        stepConversion.append(Series(s("mixpanel.funnel.step.conversion"), l));
        stepStep.append(Series(s("mixpanel.funnel.step.step_conversion"), l));
    }
    const Labels born = serviceLabels(store, service, {{s("born_event"), s("Sign up")}});
    const Series cohort(s("mixpanel.retention.cohort_size"), born);
    for (int n = 0; n < int(std::size(kRetention)); ++n) {
        retained.append(Series(s("mixpanel.retention.retained"), withLabels(born, {{s("day"), QString::number(n)}})));
        rate.append(Series(s("mixpanel.retention.rate"), withLabels(born, {{s("day"), QString::number(n)}})));
    }
    const auto cohortSize = [t](qint64 day) {
        Noise noise(streamId("mixpanel.cohort"), day);
        return count(380.0 * weekdayFactor(localTime(day, 0).weekday) * growth(day, t.anchor), noise);
    };

    return {Emitter{Cadence::DayBucket, [=](qint64 day, double share, SampleBatch &out) {
        Noise noise(streamId("mixpanel"), day);
        const double base = weekdayFactor(localTime(day, 0).weekday) * growth(day, t.anchor);
        double checkouts = 0;
        for (int i = 0; i < int(std::size(kEvents)); ++i) {
            const double n = i == 5 ? std::floor(cohortSize(day) * share) : std::floor(count(kEvents[i].perDay * base, noise) * share);
            events.at(i).put(out, day, n);
            if (i == 4)
                checkouts = n;
        }
        double assigned = 0;
        for (int i = 0; i < int(std::size(kPlans)); ++i) {
            const double n = i + 1 == int(std::size(kPlans)) ? checkouts - assigned : std::round(checkouts * kPlans[i].perDay);
            segments.at(i).put(out, day, std::max(0.0, n));
            assigned += n;
        }
        // The funnel, by the day users entered it.
        double users = std::floor(count(9000.0 * base, noise) * share), first = users, previous = users;
        for (int i = 0; i < int(std::size(kSteps)); ++i) {
            if (i > 0)
                users = std::round(previous * kSteps[i].perDay * (0.94 + 0.12 * noise.uniform()));
            stepCount.at(i).put(out, day, users);
            stepConversion.at(i).put(out, day, first > 0 ? users / first : 0.0);
            stepStep.at(i).put(out, day, previous > 0 ? users / previous : 0.0);
            previous = users;
        }
        // Retention: today settles day 0 of today's cohort, day 1 of yesterday's, ... (stamped at the cohort's day).
        for (int n = 0; n < int(std::size(kRetention)); ++n) {
            const qint64 cohortDay = day - n * kDayMs;
            const double size = cohortSize(cohortDay);
            if (n == 0)
                cohort.put(out, cohortDay, std::floor(size * share));
            if (size <= 0)
                continue;
            Noise r(streamId("mixpanel.retention") + quint64(n), cohortDay);
            const double back = std::floor(std::round(size * kRetention[n] * (0.9 + 0.2 * r.uniform())) * share);
            retained.at(n).put(out, cohortDay, back);
            rate.at(n).put(out, cohortDay, back / size);
        }
    }}};
}

} // namespace

QList<Emitter> productEmitters(const Timeline &timeline)
{
    QList<Emitter> emitters = stytch(timeline, {demoStorefrontProject(), names::stytch(), 415000.0, 340.0, true});
    emitters += stytch(timeline, {demoStagingProject(), names::stagingStytch(), 380.0, 3.0, false});
    emitters.append(onesignal(timeline));
    emitters += mixpanel(timeline);
    return emitters;
}

} // namespace stackscope::demo::detail
