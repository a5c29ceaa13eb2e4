// Dashboard open time and idle cost (issue #5, item 10).
//
// 1. Open: a workspace with 100 series of one-minute data over 30 days (ingested through MetricStore, then
//    maintain(), so rollups and compressed chunks exist), a 12-panel dashboard over the last 30 days. Measured:
//    wall time from DashboardView::setDashboard() to panelsPainted() (every panel has its data and has painted),
//    against a baseline in the same run that loads the same panels from the raw tier with every point
//    (QueryRequest::forceTier = Raw) and without decimation before the panels. Several repetitions, alternating,
//    median reported.
// 2. Idle: five DashboardViews shown, with auto-refresh off and then on, the process's CPU time (getrusage,
//    every thread: GUI, store, pool) over an idle period, and its RSS.
//
// Prints a table for people and one JSON line for scripts. Asserts nothing about time. --quick: small sizes, a
// smoke run for CTest.
#include "dashboard/dashboardview.h"
#include "dashboard/panelwidget.h"
#include "tempworkspace.h"

#include "secrets/keyfile.h"
#include "storage/metricstore.h"
#include "storage/storeservice.h"
#include "util/clock.h"

#include <QApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QTimer>

#include <sys/resource.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>

using namespace stackscope;

namespace {

constexpr qint64 kMinute = 60'000;
constexpr qint64 kDay = 86'400'000;

struct Options
{
    bool quick = false;
    int series = 100;
    int days = 30;
    int reps = 7;
    int idleSeconds = 30;
    int refreshSeconds = 15;
};

double cpuSeconds()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
           + double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

qint64 rssKiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    return -1;
}

double median(QList<double> values)
{
    if (values.isEmpty())
        return 0.0;
    std::sort(values.begin(), values.end());
    const qsizetype n = values.size();
    return n % 2 ? values.at(n / 2) : (values.at(n / 2 - 1) + values.at(n / 2)) / 2.0;
}

// Ten metrics of ten series each (hosts), one-minute samples with a daily shape and noise.
bool fill(storage::MetricStore &store, const Options &o, qint64 endMs)
{
    const int metrics = std::max(1, o.series / 10);
    const int perMetric = o.series / metrics;
    for (int m = 0; m < metrics; ++m) {
        const QString name = QStringLiteral("bench.metric%1").arg(m);
        if (!store.describeMetric({name, m % 3 == 0 ? QStringLiteral("ms") : QStringLiteral("requests"),
                                   MetricKind::Gauge, {}}))
            return false;
    }
    const qint64 start = (endMs - qint64(o.days) * kDay) / kMinute * kMinute;
    for (qint64 dayStart = start; dayStart < endMs; dayStart += kDay) {
        SampleBatch batch;
        batch.reserve(qsizetype(o.series) * (kDay / kMinute));
        for (int m = 0; m < metrics; ++m) {
            const QString name = QStringLiteral("bench.metric%1").arg(m);
            for (int s = 0; s < perMetric; ++s) {
                const Labels labels{{QStringLiteral("host"), QStringLiteral("host-%1").arg(s)}};
                for (qint64 ts = dayStart; ts < std::min(dayStart + kDay, endMs); ts += kMinute) {
                    const double phase = 2 * M_PI * double(ts % kDay) / double(kDay);
                    const double noise = std::fmod(double(ts / kMinute) * 13.37 * (s + 1), 10.0);
                    batch.append({name, labels, ts, 100.0 + 10.0 * s + 40.0 * std::sin(phase) + noise});
                }
            }
        }
        if (auto report = store.ingest(batch); !report) {
            std::fprintf(stderr, "ingest failed: %s\n", qPrintable(report.error().userMessage));
            return false;
        }
    }
    return true;
}

dashboard::Dashboard twelvePanels(const Options &o, int refreshSeconds)
{
    using dashboard::PanelType;
    const QList<PanelType> types{PanelType::Line, PanelType::Line, PanelType::Area, PanelType::Bar,
                                 PanelType::Stat, PanelType::Stat, PanelType::Line, PanelType::Percentile,
                                 PanelType::Table, PanelType::TopN, PanelType::Area, PanelType::Gauge};
    const int metrics = std::max(1, o.series / 10);
    dashboard::Dashboard d;
    d.name = QStringLiteral("Benchmark");
    d.spec.defaultRangeMs = qint64(o.days) * kDay;
    d.spec.refreshSeconds = refreshSeconds;
    for (int i = 0; i < types.size(); ++i) {
        dashboard::PanelSpec p;
        p.id = QStringLiteral("p%1").arg(i);
        p.type = types.at(i);
        p.title = QStringLiteral("Panel %1").arg(i);
        p.queries = {{QStringLiteral("bench.metric%1").arg(i % metrics), {}, storage::Aggregation::Avg,
                      p.type == PanelType::TopN ? QStringLiteral("host") : QString(), {}}};
        const bool small = p.type == PanelType::Stat || p.type == PanelType::Gauge;
        p.rect = {(i % 3) * 8, (i / 3) * 7, 8, small ? 5 : 7};
        p.gaugeMax = 250.0;
        d.spec.panels.append(p);
    }
    return d;
}

bool waitPainted(app::DashboardView &view, int timeoutMs)
{
    QEventLoop loop;
    bool painted = false;
    QObject::connect(&view, &app::DashboardView::panelsPainted, &loop, [&] {
        painted = true;
        loop.quit();
    });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    loop.exec();
    return painted;
}

void settle(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    std::setvbuf(stdout, nullptr, _IOLBF, 0);
    Options o;
    const QStringList args = app.arguments();
    if (args.contains(QStringLiteral("--quick"))) {
        o.quick = true;
        o.series = 20;
        o.days = 3;
        o.reps = 2;
        o.idleSeconds = 2;
        o.refreshSeconds = 1;
    }
    for (qsizetype i = 1; i + 1 < args.size(); ++i) {
        if (args.at(i) == QLatin1String("--reps"))
            o.reps = args.at(i + 1).toInt();
        else if (args.at(i) == QLatin1String("--idle-seconds"))
            o.idleSeconds = args.at(i + 1).toInt();
        else if (args.at(i) == QLatin1String("--series"))
            o.series = args.at(i + 1).toInt();
    }
    if (!secrets::initSodium())
        return 1;

    test::TempWorkspace ws;
    auto store = ws.create();
    if (!store)
        return 1;
    const qint64 now = QDateTime::currentMSecsSinceEpoch() / kMinute * kMinute;
    QElapsedTimer setup;
    setup.start();
    if (!fill(*store, o, now))
        return 1;
    const qint64 ingestMs = setup.elapsed();
    auto maintained = store->maintain();
    if (!maintained) {
        std::fprintf(stderr, "maintain failed: %s\n", qPrintable(maintained.error().userMessage));
        return 1;
    }
    std::printf("set-up: %d series x %d days of 1-minute data (%lld samples) ingested in %.1f s, maintain %.1f s\n",
                o.series, o.days, qint64(o.series) * o.days * (kDay / kMinute), ingestMs / 1000.0,
                (setup.elapsed() - ingestMs) / 1000.0);
    storage::StoreService service(std::move(store));

    // --- 1. open time ---
    app::DashboardView view(&service);
    view.resize(1600, 1100);
    view.show();
    settle(200);
    const dashboard::Dashboard dash = twelvePanels(o, 0);
    dashboard::Dashboard empty;
    empty.spec.refreshSeconds = 0;
    QList<double> tiered;
    QList<double> baseline;
    qint64 tieredQueries = 0;
    qint64 baselineQueries = 0;
    const auto openOnce = [&](bool base, QList<double> &out) {
        view.setDashboard(empty);
        settle(50);
        view.setBaselineLoading(base);
        view.setNowForTesting(now);
        QElapsedTimer t;
        t.start();
        view.setDashboard(dash);
        if (!waitPainted(view, o.quick ? 60'000 : 300'000)) {
            std::fprintf(stderr, "panels did not paint: %s\n", qPrintable(view.pendingPanels().join(QLatin1Char(' '))));
            for (const QString &id : view.pendingPanels())
                if (auto *p = view.panelWidget(id))
                    std::fprintf(stderr, "  %s result=%d empty=%d error=%s visible=%d\n", qPrintable(id), p->hasResult(),
                                 p->isShowingEmptyState(), qPrintable(p->stateText()), !p->visibleRegion().isEmpty());
            return false;
        }
        out.append(double(t.nsecsElapsed()) / 1e6);
        return true;
    };
    // One untimed round of each first: the page cache and Qt's lazy initialisation.
    QList<double> warmup;
    if (!openOnce(false, warmup) || !openOnce(true, warmup))
        return 1;
    for (int r = 0; r < o.reps; ++r) {
        qint64 before = view.queriesIssued();
        if (!openOnce(false, tiered))
            return 1;
        tieredQueries = view.queriesIssued() - before;
        before = view.queriesIssued();
        if (!openOnce(true, baseline))
            return 1;
        baselineQueries = view.queriesIssued() - before;
    }
    view.setBaselineLoading(false);
    view.setDashboard(empty);
    view.hide();
    settle(100);

    const double tieredMs = median(tiered);
    const double baselineMs = median(baseline);
    std::printf("\n12-panel dashboard over %d days, %d series, %d repetitions (median; min-max)\n", o.days, o.series,
                o.reps);
    std::printf("| load | setDashboard -> panelsPainted | queries |\n|---|---|---|\n");
    std::printf("| tier choice + decimation (product) | %.1f ms (%.1f-%.1f) | %lld |\n", tieredMs,
                *std::min_element(tiered.cbegin(), tiered.cend()), *std::max_element(tiered.cbegin(), tiered.cend()),
                tieredQueries);
    std::printf("| raw tier, every point, no decimation (baseline) | %.1f ms (%.1f-%.1f) | %lld |\n", baselineMs,
                *std::min_element(baseline.cbegin(), baseline.cend()),
                *std::max_element(baseline.cbegin(), baseline.cend()), baselineQueries);
    std::printf("ratio baseline / product: %.1fx\n", tieredMs > 0 ? baselineMs / tieredMs : 0.0);

    // --- 2. idle ---
    // Twice: auto-refresh off (the app's default: nothing should run), then on, every refreshSeconds (each
    // refresh re-reads and redraws all 12 panels of every shown dashboard).
    struct Idle
    {
        int refreshSeconds;
        double wall;
        double cpuPercent;
        qint64 rssKiB;
    };
    std::vector<Idle> idles;
    for (const int refresh : {0, o.refreshSeconds}) {
        std::vector<std::unique_ptr<app::DashboardView>> views;
        for (int i = 0; i < 5; ++i) {
            auto v = std::make_unique<app::DashboardView>(&service);
            v->resize(1400, 1000);
            v->setDashboard(twelvePanels(o, refresh));
            v->show();
            if (!waitPainted(*v, 300'000))
                return 1;
            views.push_back(std::move(v));
        }
        settle(1000);
        const double cpu0 = cpuSeconds();
        QElapsedTimer idle;
        idle.start();
        settle(o.idleSeconds * 1000);
        const double cpu = cpuSeconds() - cpu0;
        const double wall = double(idle.elapsed()) / 1000.0;
        idles.push_back({refresh, wall, 100.0 * cpu / wall, rssKiB()});
        std::printf("\nidle: 5 dashboards shown, auto-refresh %s, %.1f s: CPU %.3f s = %.2f%% of one core, "
                    "RSS %.1f MiB\n",
                    refresh > 0 ? qPrintable(QStringLiteral("every %1 s").arg(refresh)) : "off", wall, cpu,
                    idles.back().cpuPercent, idles.back().rssKiB / 1024.0);
    }

    std::printf("{\"bench\":\"dashboard\",\"series\":%d,\"days\":%d,\"panels\":12,\"reps\":%d,"
                "\"open_ms_median\":%.2f,\"baseline_ms_median\":%.2f,\"ratio\":%.2f,"
                "\"idle_seconds\":%.1f,\"idle_cpu_percent_refresh_off\":%.3f,\"refresh_seconds\":%d,"
                "\"idle_cpu_percent_refresh_on\":%.3f,\"rss_mib\":%.1f}\n",
                o.series, o.days, o.reps, tieredMs, baselineMs, tieredMs > 0 ? baselineMs / tieredMs : 0.0,
                idles.front().wall, idles.front().cpuPercent, o.refreshSeconds, idles.back().cpuPercent,
                idles.back().rssKiB / 1024.0);
    return 0;
}
