#include "demo/demodata.h"

#include <QtGlobal>

#include <algorithm>
#include <cmath>
#include <numbers>

namespace stackscope::demo {

namespace {

constexpr qint64 kMinuteMs = 60'000;
constexpr qint64 kHourMs = 60 * kMinuteMs;
constexpr qint64 kDayMs = 24 * kHourMs;
constexpr quint64 kSeed = 0x5717'5c09'e0de'0001ULL;

// Incident windows, as offsets before the end of the generated range.
constexpr qint64 kSmsSpikeBefore = 3 * kDayMs + 5 * kHourMs;
constexpr qint64 kSmsSpikeLength = 2 * kHourMs;
constexpr qint64 kOutageBefore = 12 * kDayMs + 9 * kHourMs;
constexpr qint64 kOutageLength = 3 * kHourMs;
constexpr qint64 kOutageLeadIn = 40 * kMinuteMs; // latency and 5xx climb before the API falls over
constexpr qint64 kLambdaSpikeBefore = 40 * kDayMs + 2 * kHourMs;
constexpr qint64 kLambdaSpikeLength = 90 * kMinuteMs;
constexpr qint64 kBounceSpikeBefore = 61 * kDayMs + 7 * kHourMs;
constexpr qint64 kBounceSpikeLength = 4 * kHourMs;

qint64 floorDiv(qint64 a, qint64 b)
{
    const qint64 q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

quint64 splitMix64(quint64 x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

// Deterministic noise: a pure function of (stream, timestamp, draw), independent of where generation started.
class Noise
{
public:
    Noise(quint64 stream, qint64 ts) : m_state(splitMix64(kSeed ^ splitMix64(stream) ^ quint64(ts / kDemoStepMs))) {}

    double uniform() // (0, 1]
    {
        m_state = splitMix64(m_state);
        return (double(m_state >> 11) + 1.0) * 0x1.0p-53;
    }
    double gaussian() // standard normal (Box-Muller)
    {
        const double u1 = uniform();
        const double u2 = uniform();
        return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
    }

private:
    quint64 m_state;
};

// Local time of day and weekday at a fixed UTC offset.
struct LocalTime
{
    double hour = 0.0; // 0 <= hour < 24
    int weekday = 0;   // 0 = Monday ... 6 = Sunday
    double dayOfYear = 0.0;
};

LocalTime localTime(qint64 ts, int utcOffsetHours)
{
    const qint64 local = ts + utcOffsetHours * kHourMs;
    const qint64 day = floorDiv(local, kDayMs);
    LocalTime t;
    t.hour = double(local - day * kDayMs) / double(kHourMs);
    t.weekday = int(((day + 3) % 7 + 7) % 7); // 1970-01-01 was a Thursday
    t.dayOfYear = std::fmod(double(day), 365.2425);
    return t;
}

// Traffic shape of a consumer product: quiet at 04:00, busiest mid-afternoon, slower weekends, a mild yearly
// swing. Returns roughly 0.2 .. 1.1.
double load(const LocalTime &t)
{
    const double daily = 0.5 - 0.5 * std::cos(2.0 * std::numbers::pi * (t.hour - 4.0) / 24.0);
    const double dailyShape = 0.18 + 0.82 * std::pow(daily, 1.3);
    const double weekly = t.weekday == 5 ? 0.70 : t.weekday == 6 ? 0.62 : 1.0;
    const double yearly = 1.0 + 0.06 * std::sin(2.0 * std::numbers::pi * t.dayOfYear / 365.2425);
    return dailyShape * weekly * yearly;
}

// A count with Poisson-like spread around `mean`.
double count(double mean, Noise &noise)
{
    if (mean <= 0.0)
        return 0.0;
    return std::max(0.0, std::round(mean + std::sqrt(mean) * noise.gaussian()));
}

// How far into a window ts is: 0 outside, rising to 1 over the first fifth and falling over the last fifth.
double windowLevel(qint64 ts, qint64 start, qint64 length)
{
    if (ts < start || ts >= start + length)
        return 0.0;
    const double x = double(ts - start) / double(length);
    return std::min({1.0, x / 0.2, (1.0 - x) / 0.2 + 0.05});
}

bool inWindow(qint64 ts, qint64 start, qint64 length)
{
    return ts >= start && ts < start + length;
}

struct Incidents
{
    qint64 smsSpike = 0;
    qint64 outage = 0;
    qint64 lambdaSpike = 0;
    qint64 bounceSpike = 0;
};

// One source of samples: emits its series' values for one timestamp.
class Emitter
{
public:
    using Fn = std::function<void(qint64 ts, const Incidents &incidents, SampleBatch &out)>;
    Emitter(int series, Fn fn) : seriesCount(series), produce(std::move(fn)) {}
    int seriesCount;
    Fn produce;
};

MetricSample sampleTemplate(const QString &metric, Labels labels)
{
    MetricSample s;
    s.metric = metric;
    s.labels = std::move(labels);
    return s;
}

void push(SampleBatch &out, const MetricSample &tmpl, qint64 ts, double value)
{
    MetricSample s = tmpl; // metric and labels are implicitly shared
    s.ts = ts;
    s.value = value;
    out.append(std::move(s));
}

Labels labels(const QString &project, const QString &service,
              std::initializer_list<std::pair<QString, QString>> extra = {})
{
    Labels l{{QStringLiteral("project"), project}, {QStringLiteral("service"), service}};
    for (const auto &[k, v] : extra)
        l.insert(k, v);
    return l;
}

QList<Emitter> makeEmitters()
{
    const QString store = demoStorefrontProject();
    const QString platform = demoPlatformProject();
    QList<Emitter> emitters;
    quint64 stream = 1;

    // Twilio: SMS by destination country. Delivered + failed = sent.
    struct Country { const char *code; int utcOffset; double peak; };
    for (const Country &c : {Country{"US", -5, 140.0}, Country{"GB", 0, 45.0}, Country{"DE", 1, 60.0},
                             Country{"BR", -3, 30.0}}) {
        const QString country = QString::fromLatin1(c.code);
        const Labels l = labels(store, QStringLiteral("Twilio — production"), {{QStringLiteral("country"), country}});
        const MetricSample sent = sampleTemplate(QStringLiteral("twilio.sms.sent"), l);
        const MetricSample delivered = sampleTemplate(QStringLiteral("twilio.sms.delivered"), l);
        const MetricSample failed = sampleTemplate(QStringLiteral("twilio.sms.failed"), l);
        const bool spikes = country == QLatin1String("DE");
        const quint64 id = stream++;
        emitters.append(Emitter(3, [=](qint64 ts, const Incidents &inc, SampleBatch &out) {
            Noise noise(id, ts);
            const double n = count(c.peak * load(localTime(ts, c.utcOffset)), noise);
            double failRate = 0.012 + 0.004 * noise.uniform();
            if (spikes)
                failRate += 0.38 * windowLevel(ts, inc.smsSpike, kSmsSpikeLength); // a carrier outage
            const double f = std::clamp(std::round(n * failRate + 0.5 * noise.gaussian()), 0.0, n);
            push(out, sent, ts, n);
            push(out, delivered, ts, n - f);
            push(out, failed, ts, f);
        }));
    }

    // SendGrid: transactional email.
    {
        const Labels l = labels(store, QStringLiteral("SendGrid — transactional"));
        const MetricSample delivered = sampleTemplate(QStringLiteral("sendgrid.delivered"), l);
        const MetricSample bounces = sampleTemplate(QStringLiteral("sendgrid.bounces"), l);
        const MetricSample opens = sampleTemplate(QStringLiteral("sendgrid.opens"), l);
        const quint64 id = stream++;
        emitters.append(Emitter(3, [=](qint64 ts, const Incidents &inc, SampleBatch &out) {
            Noise noise(id, ts);
            const double sentMail = count(230.0 * load(localTime(ts, 0)), noise);
            const double bounceRate = 0.008 + 0.09 * windowLevel(ts, inc.bounceSpike, kBounceSpikeLength);
            const double b = std::clamp(std::round(sentMail * bounceRate + 0.6 * noise.gaussian()), 0.0, sentMail);
            push(out, delivered, ts, sentMail - b);
            push(out, bounces, ts, b);
            push(out, opens, ts, count((sentMail - b) * 0.21, noise));
        }));
    }

    // Stytch: new signups.
    {
        const MetricSample signups = sampleTemplate(QStringLiteral("stytch.users.new_signups"),
                                                    labels(store, QStringLiteral("Stytch — live")));
        const quint64 id = stream++;
        emitters.append(Emitter(1, [=](qint64 ts, const Incidents &, SampleBatch &out) {
            Noise noise(id, ts);
            push(out, signups, ts, count(7.0 * load(localTime(ts, -2)), noise));
        }));
    }

    // OneSignal: push notifications per platform, with a daily marketing campaign at 17:00 UTC.
    struct Platform { const char *name; double peak; double deliveryRate; };
    for (const Platform &p : {Platform{"ios", 300.0, 0.965}, Platform{"android", 420.0, 0.93}}) {
        const Labels l = labels(store, QStringLiteral("OneSignal — mobile app"),
                                {{QStringLiteral("platform"), QString::fromLatin1(p.name)}});
        const MetricSample sent = sampleTemplate(QStringLiteral("onesignal.notifications.sent"), l);
        const MetricSample delivered = sampleTemplate(QStringLiteral("onesignal.notifications.delivered"), l);
        const quint64 id = stream++;
        emitters.append(Emitter(2, [=](qint64 ts, const Incidents &, SampleBatch &out) {
            Noise noise(id, ts);
            const LocalTime t = localTime(ts, 0);
            const bool campaign = t.hour >= 17.0 && t.hour < 17.25 && t.weekday < 5;
            const double n = count(p.peak * load(t) * (campaign ? 7.0 : 1.0), noise);
            const double d = std::clamp(std::round(n * (p.deliveryRate + 0.01 * noise.gaussian())), 0.0, n);
            push(out, sent, ts, n);
            push(out, delivered, ts, d);
        }));
    }

    // Sendbird: chat messages.
    {
        const MetricSample messages = sampleTemplate(QStringLiteral("sendbird.messages"),
                                                     labels(store, QStringLiteral("Sendbird — support chat")));
        const quint64 id = stream++;
        emitters.append(Emitter(1, [=](qint64 ts, const Incidents &, SampleBatch &out) {
            Noise noise(id, ts);
            push(out, messages, ts, count(180.0 * load(localTime(ts, 1)), noise));
        }));
    }

    // Mixpanel: key events.
    struct Event { const char *name; double peak; };
    for (const Event &e : {Event{"Page view", 900.0}, Event{"Sign up", 8.0}, Event{"Add to cart", 70.0},
                           Event{"Checkout completed", 24.0}}) {
        const MetricSample events = sampleTemplate(
            QStringLiteral("mixpanel.events"),
            labels(store, QStringLiteral("Mixpanel — web analytics"), {{QStringLiteral("event"), QString::fromLatin1(e.name)}}));
        const quint64 id = stream++;
        emitters.append(Emitter(1, [=](qint64 ts, const Incidents &, SampleBatch &out) {
            Noise noise(id, ts);
            push(out, events, ts, count(e.peak * load(localTime(ts, -1)), noise));
        }));
    }

    // AWS EC2: CPU of two web servers and a worker with a nightly batch job. web-2 goes down in the outage.
    struct Instance { const char *id; const char *name; bool worker; bool inOutage; };
    for (const Instance &in : {Instance{"i-0d3m0a11ce5web01", "web-1", false, false},
                               Instance{"i-0d3m0a11ce5web02", "web-2", false, true},
                               Instance{"i-0d3m0a11ce5wrk01", "worker-1", true, false}}) {
        const MetricSample cpu = sampleTemplate(
            QStringLiteral("aws.ec2.cpu_utilization"),
            labels(platform, QStringLiteral("AWS — eu-central-1"),
                   {{QStringLiteral("instance"), QString::fromLatin1(in.id)},
                    {QStringLiteral("name"), QString::fromLatin1(in.name)}}));
        const quint64 id = stream++;
        emitters.append(Emitter(1, [=](qint64 ts, const Incidents &inc, SampleBatch &out) {
            if (in.inOutage && inWindow(ts, inc.outage, kOutageLength))
                return; // the instance is down: no data at all
            Noise noise(id, ts);
            const LocalTime t = localTime(ts, 0);
            double v = in.worker ? 9.0 + 6.0 * load(t) : 14.0 + 48.0 * load(t);
            if (in.worker && t.hour >= 2.0 && t.hour < 3.5)
                v = 78.0 + 8.0 * noise.uniform(); // nightly batch
            if (in.inOutage && inWindow(ts, inc.outage - kOutageLeadIn, kOutageLeadIn))
                v = 92.0 + 6.0 * noise.uniform();
            push(out, cpu, ts, std::clamp(v + 3.0 * noise.gaussian(), 0.5, 100.0));
        }));
    }

    // AWS Lambda: invocations and errors of two functions.
    struct Function { const char *name; double peak; bool spikes; };
    for (const Function &f : {Function{"image-resize", 320.0, true}, Function{"send-receipt", 90.0, false}}) {
        const Labels l = labels(platform, QStringLiteral("AWS — eu-central-1"),
                                {{QStringLiteral("function"), QString::fromLatin1(f.name)}});
        const MetricSample invocations = sampleTemplate(QStringLiteral("aws.lambda.invocations"), l);
        const MetricSample errors = sampleTemplate(QStringLiteral("aws.lambda.errors"), l);
        const quint64 id = stream++;
        emitters.append(Emitter(2, [=](qint64 ts, const Incidents &inc, SampleBatch &out) {
            Noise noise(id, ts);
            const double n = count(f.peak * load(localTime(ts, 0)), noise);
            double errorRate = 0.003;
            if (f.spikes)
                errorRate += 0.2 * windowLevel(ts, inc.lambdaSpike, kLambdaSpikeLength);
            push(out, invocations, ts, n);
            push(out, errors, ts, std::clamp(std::round(n * errorRate + 0.7 * noise.gaussian()), 0.0, n));
        }));
    }

    // Prometheus: the team's own API, scraped every five minutes. Requests per scrape interval by status class,
    // and latency quantiles. During the outage the scrape fails: no samples at all.
    {
        const QString service = QStringLiteral("API — Prometheus");
        const auto promLabels = [&](const QString &key, const QString &value) {
            return labels(platform, service, {{QStringLiteral("job"), QStringLiteral("api")}, {key, value}});
        };
        const MetricSample ok = sampleTemplate(QStringLiteral("http_requests_total"),
                                               promLabels(QStringLiteral("code"), QStringLiteral("2xx")));
        const MetricSample failed = sampleTemplate(QStringLiteral("http_requests_total"),
                                                   promLabels(QStringLiteral("code"), QStringLiteral("5xx")));
        const MetricSample p50 = sampleTemplate(QStringLiteral("http_request_duration_seconds"),
                                                promLabels(QStringLiteral("quantile"), QStringLiteral("0.5")));
        const MetricSample p95 = sampleTemplate(QStringLiteral("http_request_duration_seconds"),
                                                promLabels(QStringLiteral("quantile"), QStringLiteral("0.95")));
        const quint64 id = stream++;
        emitters.append(Emitter(4, [=](qint64 ts, const Incidents &inc, SampleBatch &out) {
            if (inWindow(ts, inc.outage, kOutageLength))
                return;
            Noise noise(id, ts);
            const double l = load(localTime(ts, 0));
            const double stress = inWindow(ts, inc.outage - kOutageLeadIn, kOutageLeadIn)
                ? double(ts - (inc.outage - kOutageLeadIn)) / double(kOutageLeadIn)
                : 0.0;
            const double total = count(2400.0 * l, noise);
            const double errors = std::clamp(std::round(total * (0.002 + 0.12 * stress) + noise.gaussian()), 0.0, total);
            push(out, ok, ts, total - errors);
            push(out, failed, ts, errors);
            push(out, p50, ts, std::max(0.005, 0.038 + 0.022 * l + 0.004 * noise.gaussian() + 0.4 * stress));
            push(out, p95, ts, std::max(0.02, 0.16 + 0.14 * l + 0.025 * noise.gaussian() + 2.6 * stress));
        }));
    }
    return emitters;
}

} // namespace

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

QList<MetricInfo> demoMetrics()
{
    const auto info = [](const char *name, const char *unit, MetricKind kind, const char *description) {
        return MetricInfo{QString::fromLatin1(name), QString::fromLatin1(unit), kind,
                          QString::fromUtf8(description) + QStringLiteral(" (demo data)")};
    };
    using K = MetricKind;
    return {
        info("twilio.sms.sent", "messages", K::Counter, "SMS messages sent per interval, by destination country"),
        info("twilio.sms.delivered", "messages", K::Counter, "SMS messages delivered per interval, by destination country"),
        info("twilio.sms.failed", "messages", K::Counter, "SMS messages that failed or were undelivered per interval"),
        info("sendgrid.delivered", "emails", K::Counter, "Emails delivered per interval"),
        info("sendgrid.bounces", "emails", K::Counter, "Emails bounced per interval"),
        info("sendgrid.opens", "opens", K::Counter, "Email opens per interval"),
        info("stytch.users.new_signups", "users", K::Counter, "New user signups per interval"),
        info("onesignal.notifications.sent", "notifications", K::Counter, "Push notifications sent per interval, by platform"),
        info("onesignal.notifications.delivered", "notifications", K::Counter, "Push notifications delivered per interval, by platform"),
        info("sendbird.messages", "messages", K::Counter, "Chat messages sent per interval"),
        info("mixpanel.events", "events", K::Counter, "Tracked events per interval, by event name"),
        info("aws.ec2.cpu_utilization", "%", K::Gauge, "EC2 instance CPU utilisation (average over the interval)"),
        info("aws.lambda.invocations", "invocations", K::Counter, "Lambda invocations per interval, by function"),
        info("aws.lambda.errors", "errors", K::Counter, "Lambda invocations that ended in an error per interval"),
        info("http_requests_total", "requests", K::Counter, "HTTP requests per scrape interval (increase of the Prometheus counter), by status class"),
        info("http_request_duration_seconds", "s", K::Gauge, "HTTP request latency quantiles reported by the service"),
    };
}

int demoSeriesCount()
{
    int n = 0;
    for (const Emitter &e : makeEmitters())
        n += e.seriesCount;
    return n;
}

void generateDemoHistory(qint64 endMs, int days, const std::function<void(SampleBatch)> &sink)
{
    if (days <= 0 || !sink)
        return;
    const QList<Emitter> emitters = makeEmitters();
    int seriesCount = 0;
    for (const Emitter &e : emitters)
        seriesCount += e.seriesCount;

    const qint64 lastTs = floorDiv(endMs, kDemoStepMs) * kDemoStepMs;
    const qint64 firstTs = floorDiv(endMs - qint64(days) * kDayMs, kDemoStepMs) * kDemoStepMs + kDemoStepMs;
    const auto align = [](qint64 ts) { return floorDiv(ts, kDemoStepMs) * kDemoStepMs; };
    const Incidents incidents{align(endMs - kSmsSpikeBefore), align(endMs - kOutageBefore),
                              align(endMs - kLambdaSpikeBefore), align(endMs - kBounceSpikeBefore)};

    constexpr qint64 kStepsPerBatch = kDayMs / kDemoStepMs;
    SampleBatch batch;
    batch.reserve(kStepsPerBatch * seriesCount);
    qint64 steps = 0;
    for (qint64 ts = firstTs; ts <= lastTs; ts += kDemoStepMs) {
        for (const Emitter &e : emitters)
            e.produce(ts, incidents, batch);
        if (++steps == kStepsPerBatch) {
            sink(std::move(batch));
            batch = SampleBatch();
            batch.reserve(kStepsPerBatch * seriesCount);
            steps = 0;
        }
    }
    if (!batch.isEmpty())
        sink(std::move(batch));
}

} // namespace stackscope::demo
