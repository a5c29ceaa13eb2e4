// Simulated AWS accounts (CloudWatch values per five-minute period, S3 storage per UTC day, alarm states at
// each poll; every metric a gauge, as the connector stores them) and the Storefront's HTTP/JSON backlog check.
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

double clampPercent(double v)
{
    return std::clamp(v, 0.3, 100.0);
}

struct Aws
{
    QString project;
    QString service;
    Labels with(std::initializer_list<std::pair<QString, QString>> labels) const { return serviceLabels(project, service, labels); }
    Series metric(const char *name, std::initializer_list<std::pair<QString, QString>> labels) const { return Series(s(name), with(labels)); }
};

// EC2 instances: CPU and (CloudWatch agent) memory. web-2 is the one that falls over in the outage.
Emitter ec2(const Timeline &t, const Aws &aws, const char *id, int role) // role 0 web, 1 web that fails, 2 worker
{
    const Series cpu = aws.metric("aws.ec2.cpu_utilization", {{s("instance_id"), s(id)}});
    const Series memory = aws.metric("aws.ec2.memory_used", {{s("instance_id"), s(id)}});
    const quint64 stream = streamId(id);
    const bool staging = aws.project == demoStagingProject();
    return {Cadence::Step, [=](qint64 ts, double, SampleBatch &out) {
        if (role == 1 && !staging && t.outage.contains(ts))
            return; // the instance is down: CloudWatch has no datapoints
        Noise noise(stream, ts);
        const double l = load(ts, 1);
        double c = staging ? 4.0 + 9.0 * l : role == 2 ? 9.0 + 6.0 * l : 14.0 + 48.0 * l;
        double m = staging ? 41.0 : role == 2 ? 38.0 : 52.0 + 12.0 * l;
        const LocalTime utc = localTime(ts, 0);
        if (role == 2 && utc.hour >= 2.0 && utc.hour < 3.5) { // nightly batch job
            c = 78.0 + 8.0 * noise.uniform();
            m += 30.0;
        }
        if (role == 1 && !staging) {
            if (t.outageLeadIn.contains(ts))
                c = 92.0 + 6.0 * noise.uniform(), m = 91.0 + 4.0 * noise.uniform();
            c += 30.0 * t.apiErrors.level(ts);
        }
        cpu.put(out, ts, clampPercent(c + 3.0 * noise.gaussian()));
        memory.put(out, ts, clampPercent(m + 1.5 * noise.gaussian()));
    }};
}

Emitter lambda(const Timeline &t, const Aws &aws, const char *function, double peak, double durationMs, bool nightly)
{
    const Series invocations = aws.metric("aws.lambda.invocations", {{s("function"), s(function)}});
    const Series errors = aws.metric("aws.lambda.errors", {{s("function"), s(function)}});
    const Series duration = aws.metric("aws.lambda.duration", {{s("function"), s(function)}});
    const quint64 stream = streamId(function);
    const bool spikes = QLatin1String(function) == QLatin1String("image-resize") && aws.project == demoPlatformProject();
    return {Cadence::Step, [=](qint64 ts, double, SampleBatch &out) {
        Noise noise(stream, ts);
        double n = 0;
        if (nightly) {
            const LocalTime utc = localTime(ts, 0);
            n = utc.hour >= 1.0 && utc.hour < 1.5 ? count(peak, noise) : 0.0;
        } else {
            n = count(peak * load(ts, 1) * growth(ts, t.anchor), noise);
        }
        double errorRate = 0.003;
        double slow = 1.0;
        if (spikes) {
            errorRate += 0.2 * t.lambdaSpike.level(ts); // a bad deploy: corrupt images make resizing throw
            slow += 1.5 * t.lambdaSpike.level(ts);
        }
        invocations.put(out, ts, n);
        errors.put(out, ts, std::clamp(std::round(n * errorRate + 0.7 * noise.gaussian()), 0.0, n));
        if (n > 0) // CloudWatch has no Duration datapoint for a period without invocations
            duration.put(out, ts, std::max(1.0, durationMs * slow * (0.85 + 0.3 * noise.uniform())));
    }};
}

QList<Emitter> awsProduction(const Timeline &t)
{
    const Aws aws{demoPlatformProject(), names::aws()};
    QList<Emitter> emitters{ec2(t, aws, "i-0a3f5e7d9c1b20001", 0), ec2(t, aws, "i-0a3f5e7d9c1b20002", 1),
                            ec2(t, aws, "i-0a3f5e7d9c1b20003", 2),
                            lambda(t, aws, "image-resize", 320, 850, false), lambda(t, aws, "send-receipt", 90, 120, false),
                            lambda(t, aws, "nightly-report", 1, 42000, true)};

    // API Gateway: the Storefront's REST API and an HTTP API for vendor webhooks.
    struct Api { const char *name; const char *stage; const char *type; double peak; double latency; bool storefront; };
    for (const Api &api : {Api{"storefront-api", "prod", "rest", 9000, 45, true}, Api{"k7x2p9q4r1", "$default", "http", 600, 18, false}}) {
        const std::initializer_list<std::pair<QString, QString>> labels = {{s("api"), s(api.name)}, {s("stage"), s(api.stage)}, {s("api_type"), s(api.type)}};
        const Series requests = aws.metric("aws.apigateway.requests", labels), latency = aws.metric("aws.apigateway.latency", labels),
                     e4 = aws.metric("aws.apigateway.errors_4xx", labels), e5 = aws.metric("aws.apigateway.errors_5xx", labels);
        const quint64 stream = streamId(api.name);
        emitters.append({Cadence::Step, [=](qint64 ts, double, SampleBatch &out) {
            Noise noise(stream, ts);
            const double l = load(ts, 1);
            const double n = count(api.peak * l * growth(ts, t.anchor), noise);
            double fail = 0.0008, ms = api.latency * (1.0 + 0.6 * l);
            if (api.storefront) {
                fail += 0.09 * t.apiErrors.level(ts) + 0.05 * t.outageLeadIn.level(ts);
                ms *= 1.0 + 3.5 * t.apiErrors.level(ts) + 2.0 * t.outageLeadIn.level(ts);
                if (t.outage.contains(ts)) // the backend is down: the gateway answers 502/504 after its timeout
                    fail = 0.97, ms = 29000.0;
            }
            requests.put(out, ts, n);
            latency.put(out, ts, std::round(ms * (0.9 + 0.2 * noise.uniform())));
            e4.put(out, ts, std::round(n * (0.022 + 0.006 * noise.uniform())));
            e5.put(out, ts, std::min(n, std::round(n * fail + 0.5 * noise.uniform())));
        }});
    }

    // RDS: the primary and its read replica.
    for (const bool replica : {false, true}) {
        const char *name = replica ? "storefront-db-replica" : "storefront-db";
        const std::initializer_list<std::pair<QString, QString>> labels = {{s("db_instance"), s(name)}};
        const QList<Series> rds{aws.metric("aws.rds.cpu_utilization", labels), aws.metric("aws.rds.connections", labels),
                                aws.metric("aws.rds.read_latency", labels), aws.metric("aws.rds.write_latency", labels),
                                aws.metric("aws.rds.read_iops", labels), aws.metric("aws.rds.write_iops", labels)};
        const quint64 stream = streamId(name);
        emitters.append({Cadence::Step, [=](qint64 ts, double, SampleBatch &out) {
            Noise noise(stream, ts);
            const double l = load(ts, 1);
            const double stress = t.apiErrors.level(ts); // slow queries hold connections
            const double w = replica ? 0.1 : 1.0;
            const double values[] = {
                clampPercent((replica ? 9.0 : 18.0) + 40.0 * l + 45.0 * stress + 2.0 * noise.gaussian()),
                std::round((replica ? 12.0 : 40.0) + 90.0 * l + 180.0 * stress + 4.0 * noise.gaussian()),
                0.0011 * (1.0 + 0.5 * l + 3.0 * stress) * (0.9 + 0.2 * noise.uniform()),
                w * 0.0024 * (1.0 + 0.6 * l) * (0.9 + 0.2 * noise.uniform()),
                (replica ? 220.0 : 300.0) + 900.0 * l * (0.9 + 0.2 * noise.uniform()),
                w * (120.0 + 400.0 * l * (0.9 + 0.2 * noise.uniform())),
            };
            for (int i = 0; i < rds.size(); ++i)
                rds.at(i).put(out, ts, std::max(0.0, values[i]));
        }});
    }

    // S3: request metrics per period (filter "EntireBucket"), storage once a day for complete days.
    struct Bucket { const char *name; double requests; double standardGb; double iaGb; double objects; };
    for (const Bucket &b : {Bucket{"storefront-assets", 2400, 182, 940, 1.2e6}, Bucket{"storefront-uploads", 300, 46, 12, 2.1e5}}) {
        const std::initializer_list<std::pair<QString, QString>> labels = {{s("bucket"), s(b.name)}, {s("filter_id"), s("EntireBucket")}};
        const Series requests = aws.metric("aws.s3.requests", labels), e4 = aws.metric("aws.s3.errors_4xx", labels),
                     e5 = aws.metric("aws.s3.errors_5xx", labels);
        const Series standard = aws.metric("aws.s3.bucket_size", {{s("bucket"), s(b.name)}, {s("storage_type"), s("StandardStorage")}});
        const Series ia = aws.metric("aws.s3.bucket_size", {{s("bucket"), s(b.name)}, {s("storage_type"), s("StandardIAStorage")}});
        const Series objects = aws.metric("aws.s3.objects", {{s("bucket"), s(b.name)}});
        const quint64 stream = streamId(b.name);
        emitters.append({Cadence::Step, [=](qint64 ts, double, SampleBatch &out) {
            Noise noise(stream, ts);
            const double n = count(b.requests * load(ts, 1) * growth(ts, t.anchor), noise);
            requests.put(out, ts, n);
            e4.put(out, ts, std::round(n * 0.012 + 0.5 * noise.uniform()));
            e5.put(out, ts, noise.uniform() > 0.985 ? 1.0 : 0.0);
        }});
        emitters.append({Cadence::DayBucket, [=](qint64 day, double share, SampleBatch &out) {
            if (share < 1.0)
                return; // S3 reports a day's storage after the day
            const double g = growth(day, t.anchor);
            standard.put(out, day, std::round(b.standardGb * 1e9 * g * g));
            ia.put(out, day, std::round(b.iaGb * 1e9 * g));
            objects.put(out, day, std::round(b.objects * g * g));
        }});
    }
    return emitters;
}

// CloudWatch alarms, read at each poll: one state per alarm (0 OK, 1 ALARM, 2 INSUFFICIENT_DATA) and the count
// per state.
struct Alarm { const char *name; const char *type; std::function<int(qint64)> state; };

Emitter alarms(const Aws &aws, QList<Alarm> list)
{
    QList<Series> states;
    for (const Alarm &a : list)
        states.append(aws.metric("aws.cloudwatch.alarm_state", {{s("alarm_name"), s(a.name)}, {s("alarm_type"), s(a.type)}}));
    const QList<Series> counts{aws.metric("aws.cloudwatch.alarms", {{s("state"), s("OK")}}),
                               aws.metric("aws.cloudwatch.alarms", {{s("state"), s("ALARM")}}),
                               aws.metric("aws.cloudwatch.alarms", {{s("state"), s("INSUFFICIENT_DATA")}})};
    return {Cadence::Step, [=](qint64 ts, double, SampleBatch &out) {
        int perState[3] = {0, 0, 0};
        for (int i = 0; i < list.size(); ++i) {
            const int state = list.at(i).state(ts);
            states.at(i).put(out, ts, state);
            ++perState[state];
        }
        for (int i = 0; i < 3; ++i)
            counts.at(i).put(out, ts, perState[i]);
    }};
}

// A CloudWatch alarm goes to ALARM one evaluation period after its condition starts and back after it ends.
bool alarmed(const Window &w, qint64 ts)
{
    return ts >= w.start + 10 * kMinuteMs && ts < w.end() + 5 * kMinuteMs;
}

QList<Emitter> awsAlarms(const Timeline &t)
{
    const Aws production{demoPlatformProject(), names::aws()};
    const Aws staging{demoStagingProject(), names::stagingAws()};
    return {
        alarms(production, {
            {"storefront-api-5xx-rate", "metric", [t](qint64 ts) { return alarmed(t.apiErrors, ts) || alarmed(t.outage, ts) ? 1 : 0; }},
            {"web-cpu-high", "metric", [t](qint64 ts) {
                 return t.outage.contains(ts) ? 2 : alarmed(t.outageLeadIn, ts) ? 1 : 0; }},
            {"rds-cpu-high", "metric", [](qint64) { return 0; }},
            {"image-resize-errors", "metric", [t](qint64 ts) { return alarmed(t.lambdaSpike, ts) ? 1 : 0; }},
            {"storefront-health", "composite", [t](qint64 ts) {
                 return alarmed(t.apiErrors, ts) || alarmed(t.outage, ts) || alarmed(t.outageLeadIn, ts) ? 1 : 0; }},
        }),
        // Staging: one alarm on a queue that nothing publishes to any more sits in INSUFFICIENT_DATA.
        alarms(staging, {{"staging-api-5xx-rate", "metric", [](qint64) { return 0; }},
                         {"staging-queue-depth", "metric", [](qint64) { return 2; }}}),
    };
}

QList<Emitter> awsStaging(const Timeline &t)
{
    const Aws aws{demoStagingProject(), names::stagingAws()};
    return {ec2(t, aws, "i-0b7c1d2e3f4a50001", 0), lambda(t, aws, "image-resize", 6, 900, false),
            lambda(t, aws, "send-receipt", 3, 140, false)};
}

// The generic HTTP/JSON service: the shop's own stats endpoint, orders waiting for payment confirmation.
Emitter backlog(const Timeline &t)
{
    const Series pending(s("shop.orders.pending"), serviceLabels(demoStorefrontProject(), names::backlog()));
    return {Cadence::Step, [=](qint64 ts, double, SampleBatch &out) {
        Noise noise(streamId("backlog"), ts);
        double v = 6.0 + 34.0 * load(ts, 1) * growth(ts, t.anchor) + 3.0 * noise.gaussian();
        v += 180.0 * t.apiErrors.level(ts) + 320.0 * t.outage.level(ts); // payment callbacks fail: orders pile up
        pending.put(out, ts, std::max(0.0, std::round(v)));
    }};
}

} // namespace

QList<Emitter> infraEmitters(const Timeline &timeline)
{
    QList<Emitter> emitters = awsProduction(timeline);
    emitters += awsStaging(timeline);
    emitters += awsAlarms(timeline);
    emitters.append(backlog(timeline));
    return emitters;
}

} // namespace stackscope::demo::detail
