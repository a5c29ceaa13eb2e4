// The team's own API, scraped as Prometheus exposition: names and labels as a Go or Node client exposes them,
// counters stored as the raw cumulative values (reset to zero when the process restarts: at each deploy and
// after the outage), a latency histogram (_bucket/_sum/_count), a database summary (quantile gauges) and process
// gauges. The scraper adds "job" (the service's setting) besides "project" and "service".
#include "demo/demodata.h"
#include "demo/demoshape.h"

#include <QList>

#include <cmath>
#include <limits>
#include <memory>
#include <span>

namespace stackscope::demo::detail {

namespace {

QString s(const char *text)
{
    return QString::fromLatin1(text);
}

struct Route { const char *method; const char *handler; const char *code; double share; };

constexpr Route kProductionRoutes[] = {
    {"GET", "/api/products", "200", 0.38},   {"GET", "/api/products", "404", 0.01}, {"GET", "/api/cart", "200", 0.16},
    {"POST", "/api/cart", "200", 0.08},      {"GET", "/api/orders/{id}", "200", 0.09},
    {"POST", "/api/orders", "201", 0.035},   {"POST", "/api/orders", "500", 0.0004},
    {"POST", "/api/orders", "503", 0.0},     {"POST", "/api/login", "200", 0.06}, {"POST", "/api/login", "401", 0.012},
};
constexpr Route kStagingRoutes[] = {
    {"GET", "/api/products", "200", 0.6}, {"POST", "/api/orders", "201", 0.1}, {"POST", "/api/orders", "500", 0.004},
};
constexpr double kBuckets[] = {0.05, 0.1, 0.25, 0.5, 1.0}; // and +Inf
constexpr int kBucketCount = int(std::size(kBuckets)) + 1;

struct ApiShape
{
    QString project;
    QString service;
    bool production;
    double peakPerStep;   // requests per five minutes at the busiest time
};

// Cumulative state of one scrape target between calls (generation goes forward in time).
struct CounterState
{
    qint64 lastTs = std::numeric_limits<qint64>::min();
    qint64 restartTs = 0;
    QList<double> totals;
};

class ApiTarget
{
public:
    ApiTarget(const Timeline &t, ApiShape shape) : m_t(t), m_shape(std::move(shape)), m_stream(streamId(m_shape.production ? "api" : "api.staging"))
    {
        const auto labels = [&](std::initializer_list<std::pair<QString, QString>> extra) {
            return withLabels(serviceLabels(m_shape.project, m_shape.service, {{s("job"), s("api")}}), extra);
        };
        for (const Route &r : routes())
            m_counters.append(Series(s("http_requests_total"), labels({{s("method"), s(r.method)}, {s("handler"), s(r.handler)}, {s("code"), s(r.code)}})));
        for (double le : kBuckets)
            m_counters.append(Series(s("http_request_duration_seconds_bucket"), labels({{s("le"), QString::number(le)}})));
        m_counters.append(Series(s("http_request_duration_seconds_bucket"), labels({{s("le"), s("+Inf")}})));
        m_counters.append(Series(s("http_request_duration_seconds_sum"), labels({})));
        m_counters.append(Series(s("http_request_duration_seconds_count"), labels({})));
        m_counters.append(Series(s("process_cpu_seconds_total"), labels({})));
        if (m_shape.production) {
            m_counters.append(Series(s("db_query_duration_seconds_sum"), labels({})));
            m_counters.append(Series(s("db_query_duration_seconds_count"), labels({})));
            for (const char *q : {"0.5", "0.9", "0.99"})
                m_quantiles.append(Series(s("db_query_duration_seconds"), labels({{s("quantile"), s(q)}})));
        }
        m_memory = std::make_unique<Series>(s("process_resident_memory_bytes"), labels({}));
        m_goroutines = std::make_unique<Series>(s("go_goroutines"), labels({}));
    }

    void scrape(qint64 ts, SampleBatch &out)
    {
        if (down(ts)) {
            m_state.lastTs = ts;
            return; // the scrape fails: nothing is stored
        }
        if (m_state.lastTs != ts - kStepMs)
            rebuild(ts);
        else if (restarts(ts))
            start(ts);
        else
            add(ts);
        m_state.lastTs = ts;
        for (int i = 0; i < m_counters.size(); ++i)
            m_counters.at(i).put(out, ts, m_state.totals.at(i));
        Noise noise(m_stream ^ 1, ts);
        const double l = load(ts, 1);
        const double stress = stressAt(ts);
        for (int i = 0; i < m_quantiles.size(); ++i) {
            const double factor[] = {1.0, 2.8, 9.0};
            m_quantiles.at(i).put(out, ts, dbMedian(l, stress) * factor[i] * (0.9 + 0.2 * noise.uniform()));
        }
        const double uptimeDays = double(ts - m_state.restartTs) / double(kDayMs);
        m_memory->put(out, ts, std::round((m_shape.production ? 160e6 : 95e6) + 24e6 * uptimeDays + 12e6 * l + 2e6 * noise.gaussian()));
        m_goroutines->put(out, ts, std::round(35.0 + 80.0 * l + 400.0 * stress + 4.0 * noise.uniform()));
    }

private:
    std::span<const Route> routes() const
    {
        if (m_shape.production)
            return kProductionRoutes;
        return kStagingRoutes;
    }

    bool down(qint64 ts) const { return m_shape.production && m_t.outage.contains(ts); }

    // Deploys restart the process: production on Tuesdays and Thursdays at 10:00 UTC, staging every weekday at
    // 09:00 and 14:00 UTC; and the first scrape after the outage finds a fresh process.
    bool restarts(qint64 ts) const
    {
        const LocalTime utc = localTime(ts, 0);
        const qint64 minuteOfDay = (ts - floorTo(ts, kDayMs)) / kMinuteMs;
        if (m_shape.production) {
            if ((utc.weekday == 1 || utc.weekday == 3) && minuteOfDay == 10 * 60)
                return true;
            return down(ts - kStepMs) && !down(ts);
        }
        return utc.weekday < 5 && (minuteOfDay == 9 * 60 || minuteOfDay == 14 * 60);
    }

    double stressAt(qint64 ts) const
    {
        return m_shape.production ? std::max(m_t.apiErrors.level(ts), m_t.outageLeadIn.level(ts)) : 0.0;
    }

    static double dbMedian(double l, double stress) { return 0.0031 * (1.0 + 0.5 * l) * (1.0 + 6.0 * stress); }

    // What one scrape interval adds to each counter.
    QList<double> increments(qint64 ts) const
    {
        Noise noise(m_stream, ts);
        const double l = load(ts, 1);
        const double stress = stressAt(ts);
        const double n = count(m_shape.peakPerStep * l * growth(ts, m_t.anchor), noise);
        QList<double> inc;
        inc.reserve(m_counters.size());
        double requests = 0;
        for (const Route &r : routes()) {
            double share = r.share;
            if (m_shape.production && QLatin1String(r.code) == QLatin1String("503"))
                share = 0.03 * m_t.apiErrors.level(ts) + 0.02 * m_t.outageLeadIn.level(ts); // the payment provider times out
            if (m_shape.production && QLatin1String(r.code) == QLatin1String("500"))
                share += 0.004 * m_t.apiErrors.level(ts);
            const double v = share > 0 ? count(n * share, noise) : 0.0;
            inc.append(v);
            requests += v;
        }
        // Latency: log-normal around a median that grows with load and with the incidents.
        const double median = 0.045 * (1.0 + 0.6 * l) * (1.0 + 4.0 * stress);
        constexpr double sigma = 0.7;
        for (double le : kBuckets)
            inc.append(std::round(requests * 0.5 * std::erfc(-(std::log(le) - std::log(median)) / (sigma * std::sqrt(2.0)))));
        inc.append(requests);
        inc.append(requests * median * std::exp(sigma * sigma / 2.0));
        inc.append(requests);
        inc.append(300.0 * (0.06 + 0.5 * l + 0.8 * stress) * (0.9 + 0.2 * noise.uniform()));
        if (m_shape.production) {
            const double queries = std::round(requests * 3.2);
            inc.append(queries * dbMedian(l, stress) * 1.6);
            inc.append(queries);
        }
        return inc;
    }

    void start(qint64 ts)
    {
        m_state.restartTs = ts;
        m_state.totals = increments(ts);
    }

    void add(qint64 ts)
    {
        const QList<double> inc = increments(ts);
        for (int i = 0; i < inc.size(); ++i)
            m_state.totals[i] += inc.at(i);
    }

    // Where a generation starts (or resumes after a gap): sum up from the last restart, at most 8 days back.
    void rebuild(qint64 ts)
    {
        qint64 from = ts;
        for (int i = 0; i < 8 * 288 && !restarts(from); ++i)
            from -= kStepMs;
        start(from);
        for (qint64 u = from + kStepMs; u <= ts; u += kStepMs) {
            if (down(u))
                continue;
            if (restarts(u))
                start(u);
            else
                add(u);
        }
    }

    Timeline m_t;
    ApiShape m_shape;
    quint64 m_stream;
    QList<Series> m_counters;
    QList<Series> m_quantiles;
    std::unique_ptr<Series> m_memory;
    std::unique_ptr<Series> m_goroutines;
    CounterState m_state;
};

Emitter scrapeEmitter(const Timeline &t, ApiShape shape)
{
    auto target = std::make_shared<ApiTarget>(t, std::move(shape));
    return {Cadence::Step, [target](qint64 ts, double, SampleBatch &out) { target->scrape(ts, out); }};
}

} // namespace

QList<Emitter> prometheusEmitters(const Timeline &timeline)
{
    return {scrapeEmitter(timeline, {demoPlatformProject(), names::api(), true, 12000.0}),
            scrapeEmitter(timeline, {demoStagingProject(), names::stagingApi(), false, 150.0})};
}

} // namespace stackscope::demo::detail
