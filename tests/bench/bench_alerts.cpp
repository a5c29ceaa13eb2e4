// Alert rule evaluation benchmark (issue #6, requirement A1).
//
// A store with S series of 1-minute data over D days (default 200 series, 30 days; compacted, as a store that
// has been running for a month), and R rules (default 1,000): most over 24-hour windows (threshold with each
// aggregation, rate of change, no data, some scoped to a project so they match several series), and one in
// twenty a learned band (1 h window against the same hour of the past 4 weeks). One cycle evaluates every
// rule once at the same moment; gathering (store reads, gatherRuleData) and evaluating (evaluateRuleData) are
// timed separately. The target is under 1 s per cycle for all rules.
//
// Baselines, measured in the same run over the same rules' windows and series:
//  - raw:    one plain query per rule of its whole window from the raw tier (forceTier = Raw), the cost of
//            reading the samples themselves;
//  - minute: one query per rule of its window as 1-minute points (forceTier = Minute), what reading "a 24h
//            window as ~1,440 minute rollups" costs.
//
// Usage: bench_alerts [--quick] [--series N] [--days N] [--rules N] [--cycles N]
// Prints a table for people and, last, one JSON line for scripts. It measures; it never asserts on time.

#include "fakeclock.h"
#include "tempworkspace.h"

#include "rules/alertrule.h"
#include "rules/ruleevaluator.h"
#include "storage/metricstore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <random>

using namespace stackscope;
using namespace stackscope::rules;
using storage::Aggregation;

namespace {

constexpr qint64 kMinute = 60'000;
constexpr qint64 kHour = 60 * kMinute;
constexpr qint64 kDay = 24 * kHour;
constexpr qint64 kStart = 1767225600000; // 2026-01-01T00:00:00Z
constexpr int kMetrics = 10;

struct Options
{
    int series = 200;
    int days = 30;
    int rules = 1000;
    int cycles = 3;
};

QString metricName(int m)
{
    return QStringLiteral("bench.metric%1").arg(m);
}

Labels seriesLabels(int s)
{
    return {{QStringLiteral("host"), QStringLiteral("h%1").arg(s / kMetrics)},
            {QStringLiteral("project"), QStringLiteral("p%1").arg((s / kMetrics) % 4)},
            {QStringLiteral("service"), QStringLiteral("svc%1").arg((s / kMetrics) % 8)}};
}

[[noreturn]] void die(const QString &what, const Error &error)
{
    std::fprintf(stderr, "bench_alerts: %s: %s (%s)\n", qPrintable(what), qPrintable(error.userMessage),
                 qPrintable(error.detail));
    std::exit(1);
}

// One day of every series, a minute apart: a daily wave, noise, and a slow walk per series.
void ingestData(storage::MetricStore &store, test::FakeClock &clock, const Options &options, qint64 endMs)
{
    std::mt19937_64 rng(42);
    std::normal_distribution<double> noise(0.0, 2.0);
    QList<double> level(options.series, 50.0);
    for (qint64 day = endMs - options.days * kDay; day < endMs; day += kDay) {
        SampleBatch batch;
        batch.reserve(options.series * 1440);
        for (int s = 0; s < options.series; ++s) {
            const QString metric = metricName(s % kMetrics);
            const Labels labels = seriesLabels(s);
            for (qint64 ts = day; ts < std::min(day + kDay, endMs); ts += kMinute) {
                const double hour = double(ts % kDay) / double(kHour);
                level[s] += 0.01 * (50.0 - level[s]) + 0.1 * noise(rng);
                batch.append({metric, labels, ts, level[s] + 20.0 * std::sin(hour / 24.0 * 6.2832) + noise(rng)});
            }
        }
        clock.set(day + kDay);
        if (auto report = store.ingest(batch); !report)
            die(QStringLiteral("ingest"), report.error());
    }
    clock.set(endMs);
    if (auto maintained = store.maintain(); !maintained)
        die(QStringLiteral("maintenance"), maintained.error());
}

QList<AlertRule> makeRules(const Options &options)
{
    const QList<Aggregation> aggregations{Aggregation::Avg, Aggregation::Max, Aggregation::Min,
                                          Aggregation::Sum, Aggregation::Count, Aggregation::Last};
    QList<AlertRule> rules;
    for (int i = 0; i < options.rules; ++i) {
        AlertRule rule;
        rule.name = QStringLiteral("rule %1").arg(i);
        const int s = i % options.series;
        rule.metric = metricName(s % kMetrics);
        rule.labelFilter = {{QStringLiteral("host"), seriesLabels(s).value(QStringLiteral("host"))}};
        rule.windowMs = kDay;
        rule.threshold = 60;
        switch (i % 20) {
        case 0:
            rule.condition = ConditionKind::LearnedBand;
            rule.comparison = Comparison::Outside;
            rule.windowMs = kHour;
            break;
        case 1: // a project's series of the metric: several instances
            rule.labelFilter.clear();
            rule.project = QStringLiteral("p%1").arg(i % 4);
            break;
        case 2:
            rule.condition = ConditionKind::RateOfChange;
            rule.percent = true;
            rule.threshold = 25;
            break;
        case 3:
            rule.condition = ConditionKind::NoData;
            break;
        default:
            rule.aggregation = aggregations[i % aggregations.size()];
            break;
        }
        rules.append(rule);
    }
    return rules;
}

struct CycleTimes
{
    double gatherMs = 0;
    double evaluateMs = 0;
    qint64 instances = 0;
    qint64 firing = 0;
    qint64 learning = 0;
};

CycleTimes runCycle(storage::MetricStore &store, const QList<AlertRule> &rules, qint64 nowMs)
{
    CycleTimes times;
    QList<RuleData> gathered;
    gathered.reserve(rules.size());
    QElapsedTimer timer;
    timer.start();
    for (const AlertRule &rule : rules) {
        auto data = gatherRuleData(store, rule, nowMs);
        if (!data)
            die(QStringLiteral("gathering ") + rule.name, data.error());
        gathered.append(std::move(data).value());
    }
    times.gatherMs = double(timer.nsecsElapsed()) / 1e6;
    timer.restart();
    for (qsizetype i = 0; i < rules.size(); ++i) {
        const QList<InstanceResult> results = evaluateRuleData(rules[i], gathered[i], nowMs);
        times.instances += results.size();
        for (const InstanceResult &r : results) {
            times.firing += r.firing ? 1 : 0;
            times.learning += r.learning ? 1 : 0;
        }
    }
    times.evaluateMs = double(timer.nsecsElapsed()) / 1e6;
    return times;
}

// The same windows and series as the rules, read as one plain query each from one forced tier.
double baselineCycle(storage::MetricStore &store, const QList<AlertRule> &rules, qint64 nowMs, storage::Tier tier,
                     qint64 *points)
{
    QElapsedTimer timer;
    timer.start();
    for (const AlertRule &rule : rules) {
        storage::QueryRequest request;
        request.metric = rule.metric;
        request.labelFilter = rule.labelFilter;
        if (!rule.project.isEmpty())
            request.labelFilter.insert(QStringLiteral("project"), rule.project);
        request.fromMs = nowMs - rule.windowMs;
        request.toMs = nowMs;
        request.stepMs = tier == storage::Tier::Raw ? rule.windowMs : kMinute;
        request.aggregation = rule.aggregation;
        request.forceTier = tier;
        auto result = store.query(request);
        if (!result)
            die(QStringLiteral("baseline query"), result.error());
        for (const storage::SeriesPoints &series : result->series)
            *points += series.points.size();
    }
    return double(timer.nsecsElapsed()) / 1e6;
}

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    const qsizetype n = values.size();
    return n == 0 ? 0.0 : n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Alert rule evaluation benchmark"));
    parser.addHelpOption();
    const QCommandLineOption quick(QStringLiteral("quick"), QStringLiteral("Small sizes, for the smoke test."));
    const QCommandLineOption seriesOpt(QStringLiteral("series"), QStringLiteral("Series (default 200)."), QStringLiteral("n"));
    const QCommandLineOption daysOpt(QStringLiteral("days"), QStringLiteral("Days of data (default 30)."), QStringLiteral("n"));
    const QCommandLineOption rulesOpt(QStringLiteral("rules"), QStringLiteral("Rules (default 1000)."), QStringLiteral("n"));
    const QCommandLineOption cyclesOpt(QStringLiteral("cycles"), QStringLiteral("Cycles (default 3)."), QStringLiteral("n"));
    parser.addOptions({quick, seriesOpt, daysOpt, rulesOpt, cyclesOpt});
    parser.process(app);

    Options options;
    if (parser.isSet(quick))
        options = {20, 3, 60, 2};
    if (parser.isSet(seriesOpt))
        options.series = std::max(kMetrics, parser.value(seriesOpt).toInt());
    if (parser.isSet(daysOpt))
        options.days = std::max(2, parser.value(daysOpt).toInt());
    if (parser.isSet(rulesOpt))
        options.rules = std::max(1, parser.value(rulesOpt).toInt());
    if (parser.isSet(cyclesOpt))
        options.cycles = std::max(1, parser.value(cyclesOpt).toInt());

    test::TempWorkspace workspace;
    test::FakeClock clock(kStart);
    auto store = workspace.create();
    if (!store)
        return 1;
    store->setClock(clock);

    // "Now" is mid-hour and mid-minute, so windows have partial minutes and hours at both ends.
    const qint64 dataEnd = kStart + options.days * kDay + 13 * kHour + 37 * kMinute;
    QElapsedTimer setup;
    setup.start();
    ingestData(*store, clock, options, dataEnd);
    const double setupS = double(setup.elapsed()) / 1000.0;
    const QList<AlertRule> rules = makeRules(options);

    QList<double> gather, evaluate, total, raw, minute;
    CycleTimes last;
    qint64 rawPoints = 0, minutePoints = 0;
    for (int cycle = 0; cycle < options.cycles; ++cycle) {
        const qint64 now = dataEnd + 20'000 + cycle * kMinute;
        clock.set(now);
        last = runCycle(*store, rules, now);
        gather.append(last.gatherMs);
        evaluate.append(last.evaluateMs);
        total.append(last.gatherMs + last.evaluateMs);
        rawPoints = minutePoints = 0;
        raw.append(baselineCycle(*store, rules, now, storage::Tier::Raw, &rawPoints));
        minute.append(baselineCycle(*store, rules, now, storage::Tier::Minute, &minutePoints));
    }

    const double gatherMed = median(gather), evaluateMed = median(evaluate), totalMed = median(total);
    const double rawMed = median(raw), minuteMed = median(minute);
    std::printf("bench_alerts: %d series x %d days of 1-minute data, %d rules (%lld instances), %d cycles; "
                "set-up %.1f s\n\n", options.series, options.days, options.rules, static_cast<long long>(last.instances),
                options.cycles, setupS);
    std::printf("%-44s %12s %14s\n", "per cycle (median)", "ms", "vs raw read");
    std::printf("%-44s %12.1f %13.2fx\n", "gather (gatherRuleData, store reads)", gatherMed, gatherMed / rawMed);
    std::printf("%-44s %12.1f %13.2fx\n", "evaluate (evaluateRuleData, pure)", evaluateMed, evaluateMed / rawMed);
    std::printf("%-44s %12.1f %13.2fx\n", "cycle: gather + evaluate   (target < 1000)", totalMed, totalMed / rawMed);
    std::printf("%-44s %12.1f %13.2fx\n", "baseline: same windows, raw tier", rawMed, 1.0);
    std::printf("%-44s %12.1f %13.2fx\n", "baseline: same windows as 1-minute points", minuteMed, minuteMed / rawMed);
    std::printf("\nper rule: %.3f ms; firing %lld, learning %lld; baseline points read: raw %lld, 1-minute %lld\n\n",
                totalMed / std::max(1, options.rules), static_cast<long long>(last.firing),
                static_cast<long long>(last.learning), static_cast<long long>(rawPoints),
                static_cast<long long>(minutePoints));

    const QJsonObject json{
        {QStringLiteral("bench"), QStringLiteral("alerts")},
        {QStringLiteral("series"), options.series},
        {QStringLiteral("days"), options.days},
        {QStringLiteral("rules"), options.rules},
        {QStringLiteral("instances"), double(last.instances)},
        {QStringLiteral("cycles"), options.cycles},
        {QStringLiteral("gather_ms"), gatherMed},
        {QStringLiteral("evaluate_ms"), evaluateMed},
        {QStringLiteral("cycle_ms"), totalMed},
        {QStringLiteral("baseline_raw_ms"), rawMed},
        {QStringLiteral("baseline_minute_ms"), minuteMed},
        {QStringLiteral("cycle_vs_raw"), totalMed / rawMed},
        {QStringLiteral("cycle_vs_minute"), totalMed / minuteMed},
        {QStringLiteral("target_cycle_ms"), 1000},
        {QStringLiteral("setup_s"), setupS},
    };
    std::printf("%s\n", QJsonDocument(json).toJson(QJsonDocument::Compact).constData());
    return 0;
}
