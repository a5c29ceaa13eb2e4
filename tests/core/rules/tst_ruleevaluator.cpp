#include "fakeclock.h"
#include "tempworkspace.h"

#include "rules/alertrule.h"
#include "rules/ruleevaluator.h"
#include "storage/metricstore.h"

#include <QDateTime>
#include <QTest>
#include <QTimeZone>

#include <algorithm>
#include <cmath>

using namespace stackscope;
using namespace stackscope::rules;
using storage::Aggregation;

// Every expected value here is computed by the test from the samples it ingested, following the window rule
// documented in ruleevaluator.h: [start of the minute holding now - window, now).

namespace {

constexpr qint64 kSecond = 1000;
constexpr qint64 kMinute = 60 * kSecond;
constexpr qint64 kHour = 60 * kMinute;
constexpr qint64 kDay = 24 * kHour;
constexpr qint64 kWeek = 7 * kDay;
constexpr qint64 kMonday = 1767571200000; // 2026-01-05T00:00:00Z, a Monday

qint64 floorTo(qint64 ts, qint64 width)
{
    return ts - ((ts % width) + width) % width;
}

struct Series
{
    QString metric;
    Labels labels;
    QList<TimedValue> samples;
};

// The aggregate of the samples in [from, to), computed the plain way.
std::optional<double> expected(const QList<TimedValue> &samples, qint64 from, qint64 to, Aggregation agg)
{
    QList<TimedValue> in;
    for (const TimedValue &s : samples) {
        if (s.ts >= from && s.ts < to)
            in.append(s);
    }
    if (in.isEmpty())
        return std::nullopt;
    std::sort(in.begin(), in.end(), [](const TimedValue &a, const TimedValue &b) { return a.ts < b.ts; });
    double sum = 0, mn = in.first().value, mx = in.first().value;
    for (const TimedValue &s : in) {
        sum += s.value;
        mn = std::min(mn, s.value);
        mx = std::max(mx, s.value);
    }
    switch (agg) {
    case Aggregation::Avg: return sum / double(in.size());
    case Aggregation::Min: return mn;
    case Aggregation::Max: return mx;
    case Aggregation::Sum: return sum;
    case Aggregation::Count: return double(in.size());
    case Aggregation::Last: return in.last().value;
    }
    return std::nullopt;
}

double medianOf(QList<double> v)
{
    std::sort(v.begin(), v.end());
    const auto n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

AlertRule makeRule(ConditionKind condition, const QString &metric = QStringLiteral("cpu"))
{
    AlertRule rule;
    rule.name = QStringLiteral("test rule");
    rule.metric = metric;
    rule.condition = condition;
    rule.comparison = condition == ConditionKind::LearnedBand ? Comparison::Outside : Comparison::Above;
    return rule;
}

Labels hostLabels(const QString &host)
{
    return {{QStringLiteral("host"), host}};
}

} // namespace

class tst_RuleEvaluator : public QObject
{
    Q_OBJECT

private:
    test::TempWorkspace *m_ws = nullptr;
    test::FakeClock m_clock;
    std::unique_ptr<storage::MetricStore> m_store;

    bool ingest(const Series &series)
    {
        SampleBatch batch;
        for (const TimedValue &s : series.samples)
            batch.append({series.metric, series.labels, s.ts, s.value});
        auto report = m_store->ingest(batch);
        if (!report)
            qWarning() << report.error().userMessage << report.error().detail;
        return bool(report);
    }

    // Gathers at `now` (the store's clock too) and evaluates; an empty list when gathering failed.
    QList<InstanceResult> evaluate(const AlertRule &rule, qint64 now)
    {
        m_clock.set(now);
        auto data = gatherRuleData(*m_store, rule, now);
        if (!data) {
            qWarning() << "gather failed:" << data.error().userMessage << data.error().detail;
            return {};
        }
        return evaluateRuleData(rule, data.value(), now);
    }

    InstanceResult only(const AlertRule &rule, qint64 now)
    {
        const QList<InstanceResult> results = evaluate(rule, now);
        if (results.size() != 1)
            qWarning() << "expected one instance, got" << results.size();
        return results.value(0);
    }

    static const InstanceResult *find(const QList<InstanceResult> &results, const QString &instance)
    {
        for (const InstanceResult &r : results) {
            if (r.instance == instance)
                return &r;
        }
        return nullptr;
    }

private Q_SLOTS:
    void init()
    {
        m_ws = new test::TempWorkspace;
        m_clock.set(kMonday);
        m_store = m_ws->create();
        QVERIFY(m_store);
        m_store->setClock(m_clock);
    }

    void cleanup()
    {
        m_store.reset();
        delete m_ws;
        m_ws = nullptr;
    }

    void instanceKeyIsCanonical()
    {
        QCOMPARE(instanceKey({{QStringLiteral("project"), QStringLiteral("shop")}, {QStringLiteral("country"), QStringLiteral("US")}}),
                 QStringLiteral("country=US,project=shop"));
        QCOMPARE(instanceKey({{QStringLiteral("a"), QStringLiteral("x,y")}, {QStringLiteral("b=c"), QStringLiteral("1\\")}}),
                 QStringLiteral("a=x\\,y,b\\=c=1\\\\"));
        QCOMPARE(instanceKey({}), QString());
    }

    // Above fires only past the threshold, not at it; below likewise.
    void thresholdEdges_data()
    {
        QTest::addColumn<int>("comparison");
        QTest::addColumn<double>("threshold");
        QTest::addColumn<bool>("firing");
        QTest::newRow("above, equal") << int(Comparison::Above) << 30.0 << false;
        QTest::newRow("above, just under") << int(Comparison::Above) << 29.99 << true;
        QTest::newRow("above, over") << int(Comparison::Above) << 45.0 << false;
        QTest::newRow("below, equal") << int(Comparison::Below) << 30.0 << false;
        QTest::newRow("below, just over") << int(Comparison::Below) << 30.01 << true;
        QTest::newRow("below, under") << int(Comparison::Below) << 12.0 << false;
    }
    void thresholdEdges()
    {
        QFETCH(int, comparison);
        QFETCH(double, threshold);
        QFETCH(bool, firing);
        const qint64 now = kMonday + 10 * kHour;
        // In the 5-minute window: 10..50 (avg 30). Outside it: a large value just before, one exactly at now.
        Series cpu{QStringLiteral("cpu"), hostLabels(QStringLiteral("a")),
                   {{now - 6 * kMinute, 1000}, {now - 5 * kMinute, 10}, {now - 4 * kMinute, 20}, {now - 3 * kMinute, 30},
                    {now - 2 * kMinute, 40}, {now - kMinute, 50}, {now, 1000}}};
        QVERIFY(ingest(cpu));
        AlertRule rule = makeRule(ConditionKind::Threshold);
        rule.comparison = Comparison(comparison);
        rule.threshold = threshold;
        const InstanceResult r = only(rule, now);
        QCOMPARE(r.instance, QStringLiteral("host=a"));
        QVERIFY(r.value);
        QCOMPARE(*r.value, (10.0 + 20 + 30 + 40 + 50) / 5);
        QCOMPARE(r.threshold, std::optional<double>(threshold));
        QCOMPARE(r.firing, firing);
        QVERIFY(!r.noData);
        QVERIFY(!r.learning);
    }

    // 5m, 15m, 1h and a custom window, each with every aggregation, with "now" on and off the minute.
    void windowsAndAggregations_data()
    {
        QTest::addColumn<qint64>("windowMs");
        QTest::addColumn<qint64>("nowOffset");
        for (qint64 offset : {qint64(0), qint64(25 * kSecond)}) {
            const QByteArray tail = offset ? " (now mid-minute)" : "";
            QTest::newRow(QByteArray("5m" + tail).constData()) << 5 * kMinute << offset;
            QTest::newRow(QByteArray("15m" + tail).constData()) << 15 * kMinute << offset;
            QTest::newRow(QByteArray("1h" + tail).constData()) << kHour << offset;
            QTest::newRow(QByteArray("37m" + tail).constData()) << 37 * kMinute << offset;
        }
    }
    void windowsAndAggregations()
    {
        QFETCH(qint64, windowMs);
        QFETCH(qint64, nowOffset);
        const qint64 now = kMonday + 5 * kHour + nowOffset;
        // Every 20 s for 3 hours, values that differ irregularly, so each aggregation and window gives its own
        // answer; in the last 10 minutes only every 40 s, so minutes hold different numbers of samples.
        Series cpu{QStringLiteral("cpu"), hostLabels(QStringLiteral("a")), {}};
        for (qint64 ts = now - 3 * kHour; ts < now; ts += 20 * kSecond) {
            if (ts > now - 10 * kMinute && (ts / (20 * kSecond)) % 2 == 1)
                continue;
            const qint64 k = (ts - kMonday) / (20 * kSecond);
            cpu.samples.append({ts, double((k * 37) % 101) + 0.25 * double(k % 4)});
        }
        QVERIFY(ingest(cpu));
        const qint64 start = floorTo(now - windowMs, kMinute);
        for (Aggregation agg : {Aggregation::Avg, Aggregation::Min, Aggregation::Max, Aggregation::Sum,
                                Aggregation::Count, Aggregation::Last}) {
            AlertRule rule = makeRule(ConditionKind::Threshold);
            rule.windowMs = windowMs;
            rule.aggregation = agg;
            rule.threshold = 50;
            const InstanceResult r = only(rule, now);
            const std::optional<double> want = expected(cpu.samples, start, now, agg);
            QVERIFY(want);
            QVERIFY2(r.value, qPrintable(storage::aggregationName(agg)));
            QVERIFY2(std::abs(*r.value - *want) <= 1e-9 * std::max(1.0, std::abs(*want)),
                     qPrintable(QStringLiteral("%1: got %2, want %3").arg(storage::aggregationName(agg)).arg(*r.value).arg(*want)));
            QCOMPARE(r.firing, *want > 50);
        }
    }

    // 24 hours and more: minute rollups at the ends, hour rollups in between, across a compacted day.
    void longWindows_data()
    {
        QTest::addColumn<qint64>("windowMs");
        QTest::newRow("24h") << kDay;
        QTest::newRow("30h") << 30 * kHour;
        QTest::newRow("3h") << 3 * kHour;
    }
    void longWindows()
    {
        QFETCH(qint64, windowMs);
        const qint64 now = kMonday + kDay + 3 * kHour + 17 * kMinute + 40 * kSecond;
        Series cpu{QStringLiteral("cpu"), hostLabels(QStringLiteral("a")), {}};
        for (qint64 ts = now - 32 * kHour; ts < now; ts += 90 * kSecond) {
            const qint64 k = (ts - kMonday) / (90 * kSecond);
            cpu.samples.append({ts, double((k * 53) % 97) - 20.0 + 0.5 * double(k % 3)});
        }
        QVERIFY(ingest(cpu));
        m_clock.set(now);
        QVERIFY(m_store->maintain()); // compacts Monday: its minutes come from rollup_1m, Tuesday's from raw
        const qint64 start = floorTo(now - windowMs, kMinute);
        for (Aggregation agg : {Aggregation::Avg, Aggregation::Min, Aggregation::Max, Aggregation::Sum,
                                Aggregation::Count, Aggregation::Last}) {
            AlertRule rule = makeRule(ConditionKind::Threshold);
            rule.windowMs = windowMs;
            rule.aggregation = agg;
            const InstanceResult r = only(rule, now);
            const std::optional<double> want = expected(cpu.samples, start, now, agg);
            QVERIFY(want && r.value);
            QVERIFY2(std::abs(*r.value - *want) <= 1e-9 * std::max(1.0, std::abs(*want)),
                     qPrintable(QStringLiteral("%1: got %2, want %3").arg(storage::aggregationName(agg)).arg(*r.value).arg(*want)));
        }
    }

    void labelFiltersScopeAndInstances()
    {
        const qint64 now = kMonday + 8 * kHour;
        const auto labels = [](const char *country, const char *project, const char *service) {
            return Labels{{QStringLiteral("country"), QString::fromLatin1(country)},
                          {QStringLiteral("project"), QString::fromLatin1(project)},
                          {QStringLiteral("service"), QString::fromLatin1(service)}};
        };
        const QString metric = QStringLiteral("twilio.sms.failed");
        QVERIFY(ingest({metric, labels("US", "shop", "twilio-us"), {{now - 2 * kMinute, 1}, {now - kMinute, 2}, {now - 30 * kSecond, 3}}}));
        QVERIFY(ingest({metric, labels("DE", "shop", "twilio-eu"), {{now - kMinute, 10}}}));
        QVERIFY(ingest({metric, labels("US", "blog", "twilio-blog"), {{now - kMinute, 100}}}));
        QVERIFY(ingest({QStringLiteral("twilio.sms.sent"), labels("US", "shop", "twilio-us"), {{now - kMinute, 1000}}}));

        AlertRule rule = makeRule(ConditionKind::Threshold, metric);
        rule.threshold = 5;
        QList<InstanceResult> all = evaluate(rule, now);
        QCOMPARE(all.size(), 3);
        const InstanceResult *us = find(all, QStringLiteral("country=US,project=shop,service=twilio-us"));
        const InstanceResult *de = find(all, QStringLiteral("country=DE,project=shop,service=twilio-eu"));
        const InstanceResult *blog = find(all, QStringLiteral("country=US,project=blog,service=twilio-blog"));
        QVERIFY(us && de && blog);
        QCOMPARE(us->value, std::optional<double>(2.0));
        QVERIFY(!us->firing);
        QCOMPARE(de->value, std::optional<double>(10.0));
        QVERIFY(de->firing);
        QCOMPARE(blog->value, std::optional<double>(100.0));
        QCOMPARE(de->project, QStringLiteral("shop"));
        QCOMPARE(de->service, QStringLiteral("twilio-eu"));
        QCOMPARE(de->labels.value(QStringLiteral("country")), QStringLiteral("DE"));

        rule.labelFilter = {{QStringLiteral("country"), QStringLiteral("US")}};
        QList<InstanceResult> us2 = evaluate(rule, now);
        QCOMPARE(us2.size(), 2);
        QVERIFY(find(us2, QStringLiteral("country=US,project=shop,service=twilio-us")));
        QVERIFY(find(us2, QStringLiteral("country=US,project=blog,service=twilio-blog")));

        rule.labelFilter.clear();
        rule.project = QStringLiteral("shop");
        QList<InstanceResult> shop = evaluate(rule, now);
        QCOMPARE(shop.size(), 2);
        QVERIFY(!find(shop, QStringLiteral("country=US,project=blog,service=twilio-blog")));

        rule.service = QStringLiteral("twilio-eu");
        QList<InstanceResult> eu = evaluate(rule, now);
        QCOMPARE(eu.size(), 1);
        QCOMPARE(eu.first().instance, QStringLiteral("country=DE,project=shop,service=twilio-eu"));

        // Across the shop's series: avg over all their samples (1, 2, 3 and 10), not the mean of the averages.
        rule.service.clear();
        rule.aggregateAcrossSeries = true;
        InstanceResult pooled = only(rule, now);
        QCOMPARE(pooled.instance, QString());
        QCOMPARE(pooled.value, std::optional<double>((1.0 + 2 + 3 + 10) / 4));
        QCOMPARE(pooled.project, QStringLiteral("shop"));
        QCOMPARE(pooled.labels, (Labels{{QStringLiteral("project"), QStringLiteral("shop")}}));
        QVERIFY(!pooled.firing);
        rule.aggregation = Aggregation::Sum;
        QCOMPARE(only(rule, now).value, std::optional<double>(16.0));
        rule.aggregation = Aggregation::Max;
        QCOMPARE(only(rule, now).value, std::optional<double>(10.0));

        // A scope nothing matches: one instance for the rule, saying so.
        rule.project = QStringLiteral("nowhere");
        rule.aggregateAcrossSeries = false;
        InstanceResult none = only(rule, now);
        QCOMPARE(none.instance, QString());
        QVERIFY(none.noData);
        QVERIFY(!none.firing);
        QCOMPARE(none.summary, QStringLiteral("no series match twilio.sms.failed {project=nowhere}"));
    }

    void summariesUseTheUnit()
    {
        const qint64 now = kMonday + 9 * kHour;
        QVERIFY(m_store->describeMetric({QStringLiteral("latency"), QStringLiteral("ms"), MetricKind::Gauge, {}}));
        QVERIFY(ingest({QStringLiteral("latency"), hostLabels(QStringLiteral("a")),
                        {{now - 6 * kMinute, 100}, {now - 3 * kMinute, 20}, {now - 2 * kMinute, 40}}}));
        AlertRule rule = makeRule(ConditionKind::Threshold, QStringLiteral("latency"));
        rule.threshold = 20;
        QCOMPARE(only(rule, now).summary, QStringLiteral("avg 30 ms > 20 ms over 5 min"));
        rule.threshold = 45;
        QCOMPARE(only(rule, now).summary, QStringLiteral("avg 30 ms <= 45 ms over 5 min"));
        rule.aggregation = Aggregation::Count;
        rule.threshold = 1;
        QCOMPARE(only(rule, now).summary, QStringLiteral("count 2 > 1 over 5 min"));
        rule.condition = ConditionKind::RateOfChange;
        rule.aggregation = Aggregation::Avg;
        rule.threshold = -50;
        rule.comparison = Comparison::Below;
        QCOMPARE(only(rule, now).summary, QStringLiteral("avg change -60 ms (100 ms -> 40 ms) < -50 ms over 5 min"));
    }

    void rateOfChange_data()
    {
        QTest::addColumn<QList<double>>("values");   // one per minute, the first is the minute before the window
        QTest::addColumn<bool>("percent");
        QTest::addColumn<int>("comparison");
        QTest::addColumn<double>("threshold");
        QTest::addColumn<bool>("firing");
        const QList<double> up{100, 110, 105, 120, 125, 130};    // +30, +30%
        const QList<double> down{200, 190, 180, 170, 160, 150};  // -50, -25%
        QTest::newRow("abs above, equal") << up << false << int(Comparison::Above) << 30.0 << false;
        QTest::newRow("abs above, under") << up << false << int(Comparison::Above) << 29.0 << true;
        QTest::newRow("pct above, equal") << up << true << int(Comparison::Above) << 30.0 << false;
        QTest::newRow("pct above, under") << up << true << int(Comparison::Above) << 29.9 << true;
        QTest::newRow("abs below, equal") << down << false << int(Comparison::Below) << -50.0 << false;
        QTest::newRow("abs below, over") << down << false << int(Comparison::Below) << -49.0 << true;
        QTest::newRow("pct below") << down << true << int(Comparison::Below) << -20.0 << true;
        QTest::newRow("pct below, rise") << up << true << int(Comparison::Below) << -20.0 << false;
        QTest::newRow("outside, drop") << down << true << int(Comparison::Outside) << 20.0 << true;
        QTest::newRow("outside, rise") << up << true << int(Comparison::Outside) << 20.0 << true;
        QTest::newRow("outside, within") << up << true << int(Comparison::Outside) << 30.0 << false;
    }
    void rateOfChange()
    {
        QFETCH(QList<double>, values);
        QFETCH(bool, percent);
        QFETCH(int, comparison);
        QFETCH(double, threshold);
        QFETCH(bool, firing);
        const qint64 now = kMonday + 11 * kHour;
        Series s{QStringLiteral("queue"), hostLabels(QStringLiteral("a")), {{now - 7 * kMinute, 9999}}};
        for (int i = 0; i < values.size(); ++i)
            s.samples.append({now - (6 - i) * kMinute, values[i]});
        QVERIFY(ingest(s));
        AlertRule rule = makeRule(ConditionKind::RateOfChange, QStringLiteral("queue"));
        rule.percent = percent;
        rule.comparison = Comparison(comparison);
        rule.threshold = threshold;
        const InstanceResult r = only(rule, now);
        const double change = values.last() - values.first();
        const double want = percent ? change / std::abs(values.first()) * 100.0 : change;
        QVERIFY(r.value);
        QCOMPARE(*r.value, want);
        QCOMPARE(r.firing, firing);
    }

    void rateSpecialCases()
    {
        const qint64 now = kMonday + 12 * kHour;
        AlertRule rule = makeRule(ConditionKind::RateOfChange, QStringLiteral("q"));
        rule.threshold = 10;

        // No value before the window: from the window's first value. Several samples a minute: minute averages.
        QVERIFY(ingest({QStringLiteral("q"), hostLabels(QStringLiteral("late")),
                        {{now - 4 * kMinute, 40}, {now - 4 * kMinute + 30 * kSecond, 60}, {now - kMinute, 60},
                         {now - kMinute + 20 * kSecond, 80}}}));
        rule.labelFilter = hostLabels(QStringLiteral("late"));
        InstanceResult late = only(rule, now);
        QCOMPARE(late.value, std::optional<double>((60.0 + 80) / 2 - (40.0 + 60) / 2));
        QVERIFY(late.firing);

        // From 0, a percentage is meaningless: not firing, no value, and the summary says why.
        QVERIFY(ingest({QStringLiteral("q"), hostLabels(QStringLiteral("zero")), {{now - 6 * kMinute, 0}, {now - kMinute, 5}}}));
        rule.labelFilter = hostLabels(QStringLiteral("zero"));
        rule.percent = true;
        InstanceResult zero = only(rule, now);
        QVERIFY(!zero.firing);
        QVERIFY(!zero.value);
        QVERIFY2(zero.summary.contains(QStringLiteral("no percentage change from 0")), qPrintable(zero.summary));

        // One value only: nothing to compare.
        QVERIFY(ingest({QStringLiteral("q"), hostLabels(QStringLiteral("one")), {{now - 2 * kMinute, 5}}}));
        rule.labelFilter = hostLabels(QStringLiteral("one"));
        InstanceResult one = only(rule, now);
        QVERIFY(!one.firing);
        QVERIFY(!one.value);
        QVERIFY(one.summary.contains(QStringLiteral("no change to measure")));

        // Nothing in the window (only before it): no data, not firing.
        QVERIFY(ingest({QStringLiteral("q"), hostLabels(QStringLiteral("old")), {{now - 6 * kMinute, 5}}}));
        rule.labelFilter = hostLabels(QStringLiteral("old"));
        InstanceResult old = only(rule, now);
        QVERIFY(old.noData);
        QVERIFY(!old.firing);
    }

    void noData()
    {
        const qint64 now = kMonday + 13 * kHour;   // on the minute: the window is exactly [now - 10m, now)
        QVERIFY(ingest({QStringLiteral("hb"), hostLabels(QStringLiteral("silent")), {{now - 11 * kMinute, 1}, {now, 1}}}));
        QVERIFY(ingest({QStringLiteral("hb"), hostLabels(QStringLiteral("edge")), {{now - 10 * kMinute, 1}}}));
        QVERIFY(ingest({QStringLiteral("hb"), hostLabels(QStringLiteral("busy")),
                        {{now - 5 * kMinute, 1}, {now - 4 * kMinute, 1}, {now - 90 * kSecond, 1}}}));
        AlertRule rule = makeRule(ConditionKind::NoData, QStringLiteral("hb"));
        rule.windowMs = 10 * kMinute;
        const QList<InstanceResult> results = evaluate(rule, now);
        QCOMPARE(results.size(), 3);
        const InstanceResult *silent = find(results, QStringLiteral("host=silent"));
        const InstanceResult *edge = find(results, QStringLiteral("host=edge"));
        const InstanceResult *busy = find(results, QStringLiteral("host=busy"));
        QVERIFY(silent && edge && busy);
        QVERIFY(silent->firing);
        QVERIFY(silent->noData);
        QCOMPARE(silent->value, std::optional<double>(0.0));
        QCOMPARE(silent->summary, QStringLiteral("no data in the last 10 min"));
        QVERIFY(!edge->firing);
        QCOMPARE(edge->summary, QStringLiteral("1 sample in the last 10 min"));
        QVERIFY(!busy->firing);
        QCOMPARE(busy->value, std::optional<double>(3.0));

        // All of them together: someone reports, so no alert; only the silent one: alert.
        rule.aggregateAcrossSeries = true;
        QVERIFY(!only(rule, now).firing);
        rule.labelFilter = hostLabels(QStringLiteral("silent"));
        InstanceResult alone = only(rule, now);
        QVERIFY(alone.firing);
        QCOMPARE(alone.instance, QString());

        // Nothing matches at all: that is the loudest kind of no data.
        rule.labelFilter = hostLabels(QStringLiteral("never"));
        rule.aggregateAcrossSeries = false;
        InstanceResult never = only(rule, now);
        QVERIFY(never.firing);
        QVERIFY(never.noData);
        QCOMPARE(never.instance, QString());
        QCOMPARE(never.summary, QStringLiteral("no series match hb {host=never}"));
    }

    // Learned bands ------------------------------------------------------------------------------------------

private:
    // The usual value of an hour of the week: busy on weekday office hours, quiet at night, quieter at weekends.
    static double usual(qint64 ts)
    {
        const QDateTime at = QDateTime::fromMSecsSinceEpoch(ts, QTimeZone::utc());
        const bool weekend = at.date().dayOfWeek() >= 6;
        const int hour = at.time().hour();
        if (weekend)
            return 50;
        return hour >= 9 && hour < 18 ? 1000 : 100;
    }

    // Five weeks of history every 10 minutes before `now`'s hour, plus `offsets[w-1]` during the same hour w
    // weeks ago; then `current` every 5 minutes in the last 15 minutes.
    bool seedBand(const QString &name, qint64 now, const QList<double> &offsets, double current, int weeks = 5,
                  double constant = -1)
    {
        const qint64 hour = floorTo(now, kHour);
        Series s{QStringLiteral("orders"), {{QStringLiteral("case"), name}}, {}};
        for (qint64 ts = hour - weeks * kWeek; ts < hour - kWeek + kHour; ts += 10 * kMinute) {
            double value = constant >= 0 ? constant : usual(ts);
            const qint64 weeksAgo = (hour - floorTo(ts, kHour)) / kWeek;
            if ((hour - floorTo(ts, kHour)) % kWeek == 0 && weeksAgo >= 1 && weeksAgo <= offsets.size())
                value += offsets[weeksAgo - 1];
            s.samples.append({ts, value});
        }
        for (qint64 ts = now - 15 * kMinute; ts < now; ts += 5 * kMinute)
            s.samples.append({ts, current});
        return ingest(s);
    }

    static AlertRule bandRule(const QString &name)
    {
        AlertRule rule = makeRule(ConditionKind::LearnedBand, QStringLiteral("orders"));
        rule.labelFilter = {{QStringLiteral("case"), name}};
        rule.windowMs = 15 * kMinute;
        rule.sensitivity = 3;
        rule.minHistoryWeeks = 2;
        return rule;
    }

private Q_SLOTS:
    void bandFiresOnASpikeAndNotOnTheUsual_data()
    {
        QTest::addColumn<double>("current");
        QTest::addColumn<int>("comparison");
        QTest::addColumn<bool>("firing");
        QTest::newRow("usual") << 1000.0 << int(Comparison::Outside) << false;
        QTest::newRow("high but inside") << 1380.0 << int(Comparison::Outside) << false;
        QTest::newRow("spike") << 1400.0 << int(Comparison::Outside) << true;
        QTest::newRow("dip") << 700.0 << int(Comparison::Outside) << true;
        QTest::newRow("dip, watching above") << 700.0 << int(Comparison::Above) << false;
        QTest::newRow("dip, watching below") << 700.0 << int(Comparison::Below) << true;
        QTest::newRow("spike, watching below") << 1400.0 << int(Comparison::Below) << false;
    }
    void bandFiresOnASpikeAndNotOnTheUsual()
    {
        QFETCH(double, current);
        QFETCH(int, comparison);
        QFETCH(bool, firing);
        // Tuesday 14:20 UTC, eight weeks after kMonday.
        const qint64 now = kMonday + 8 * kWeek + kDay + 14 * kHour + 20 * kMinute;
        // The same hour 1..5 weeks ago was 1100, 950, 1200, 1000 and 2000; a band reads max(2, 4) = 4 weeks.
        const QList<double> offsets{100, -50, 200, 0, 1000};
        QVERIFY(seedBand(QStringLiteral("x"), now, offsets, current));
        AlertRule rule = bandRule(QStringLiteral("x"));
        rule.comparison = Comparison(comparison);
        const InstanceResult r = only(rule, now);

        QList<double> past;
        for (int w = 0; w < 4; ++w)
            past.append(1000 + offsets[w]);
        const double median = medianOf(past);
        QList<double> deviations;
        for (double v : past)
            deviations.append(std::abs(v - median));
        const double spread = std::max(1.4826 * medianOf(deviations), 0.05 * median);
        QCOMPARE(median, 1050.0);
        QVERIFY(spread > 0.05 * median); // the MAD decides here, not the floor
        QVERIFY(!r.learning);
        QCOMPARE(r.value, std::optional<double>(current));
        QCOMPARE(r.firing, firing);
        QVERIFY(r.threshold);
        const double upper = median + 3 * spread;
        const double lower = median - 3 * spread;
        if (comparison == int(Comparison::Above))
            QCOMPARE(*r.threshold, upper);
        else if (comparison == int(Comparison::Below))
            QCOMPARE(*r.threshold, lower);
        else
            QCOMPARE(*r.threshold, current >= median ? upper : lower);
        QVERIFY2(r.summary.contains(QStringLiteral("Tuesday 14:00 UTC")), qPrintable(r.summary));
    }

    // The same value is normal at one hour of the week and an anomaly at another.
    void bandFollowsDailyAndWeeklySeasons()
    {
        const qint64 tuesday = kMonday + 8 * kWeek + kDay;
        const QList<double> flat{0, 0, 0, 0, 0};
        QVERIFY(seedBand(QStringLiteral("afternoon"), tuesday + 14 * kHour + 20 * kMinute, flat, 1000));
        QVERIFY(seedBand(QStringLiteral("night"), tuesday + 3 * kHour + 20 * kMinute, flat, 1000));
        QVERIFY(seedBand(QStringLiteral("quiet night"), tuesday + 3 * kHour + 20 * kMinute, flat, 100));
        QVERIFY(seedBand(QStringLiteral("sunday"), tuesday - 2 * kDay + 14 * kHour + 20 * kMinute, flat, 1000));
        QVERIFY(seedBand(QStringLiteral("quiet sunday"), tuesday - 2 * kDay + 14 * kHour + 20 * kMinute, flat, 52));

        InstanceResult afternoon = only(bandRule(QStringLiteral("afternoon")), tuesday + 14 * kHour + 20 * kMinute);
        QVERIFY2(!afternoon.firing && !afternoon.learning, qPrintable(afternoon.summary));
        InstanceResult night = only(bandRule(QStringLiteral("night")), tuesday + 3 * kHour + 20 * kMinute);
        QVERIFY2(night.firing, qPrintable(night.summary));
        InstanceResult quietNight = only(bandRule(QStringLiteral("quiet night")), tuesday + 3 * kHour + 20 * kMinute);
        QVERIFY2(!quietNight.firing, qPrintable(quietNight.summary));
        InstanceResult sunday = only(bandRule(QStringLiteral("sunday")), tuesday - 2 * kDay + 14 * kHour + 20 * kMinute);
        QVERIFY2(sunday.firing, qPrintable(sunday.summary));
        QVERIFY(sunday.summary.contains(QStringLiteral("Sunday 14:00 UTC")));
        InstanceResult quietSunday = only(bandRule(QStringLiteral("quiet sunday")), tuesday - 2 * kDay + 14 * kHour + 20 * kMinute);
        QVERIFY2(!quietSunday.firing, qPrintable(quietSunday.summary));
    }

    // A metric that was the same every week: the band is 5% of the median wide per sensitivity unit, not zero.
    void bandMadFloor()
    {
        const qint64 now = kMonday + 8 * kWeek + kDay + 14 * kHour + 20 * kMinute;
        const QList<double> none;
        QVERIFY(seedBand(QStringLiteral("inside"), now, none, 229, 5, 200));
        QVERIFY(seedBand(QStringLiteral("outside"), now, none, 231, 5, 200));
        // median 200, MAD 0 -> spread 0.05 * 200 = 10 -> band 200 ± 30.
        InstanceResult inside = only(bandRule(QStringLiteral("inside")), now);
        QVERIFY2(!inside.firing, qPrintable(inside.summary));
        QCOMPARE(inside.threshold, std::optional<double>(230.0));
        InstanceResult outside = only(bandRule(QStringLiteral("outside")), now);
        QVERIFY2(outside.firing, qPrintable(outside.summary));
    }

    // Sums: the hour's total is scaled to the window (15 of 60 minutes), so like meets like.
    void bandScalesHourlyTotals()
    {
        const qint64 now = kMonday + 8 * kWeek + kDay + 14 * kHour + 20 * kMinute;
        // History: 6 samples of 100 an hour -> 600 an hour -> 150 per 15 minutes; band 150 ± 3 * 7.5.
        QVERIFY(seedBand(QStringLiteral("normal"), now, {}, 50, 5, 100));  // 3 samples of 50 = 150
        QVERIFY(seedBand(QStringLiteral("busy"), now, {}, 60, 5, 100));    // 180
        AlertRule rule = bandRule(QStringLiteral("normal"));
        rule.aggregation = Aggregation::Sum;
        InstanceResult normal = only(rule, now);
        QCOMPARE(normal.value, std::optional<double>(150.0));
        QVERIFY2(!normal.firing, qPrintable(normal.summary));
        rule.labelFilter = {{QStringLiteral("case"), QStringLiteral("busy")}};
        InstanceResult busy = only(rule, now);
        QVERIFY2(busy.firing, qPrintable(busy.summary));
        QCOMPARE(busy.threshold, std::optional<double>(150.0 + 3 * 7.5));
    }

    // Until the hour of the week has min_history_weeks of values the band only learns, whatever the value.
    void bandLearnsFirst()
    {
        const qint64 now = kMonday + 8 * kWeek + kDay + 14 * kHour + 20 * kMinute;
        QVERIFY(seedBand(QStringLiteral("new"), now, {}, 1000000, 1));
        InstanceResult r = only(bandRule(QStringLiteral("new")), now);
        QVERIFY(r.learning);
        QVERIFY(!r.firing);
        QCOMPARE(r.value, std::optional<double>(1000000.0));
        QVERIFY2(r.summary.startsWith(QStringLiteral("learning: 1 of 2 weeks")), qPrintable(r.summary));

        QVERIFY(seedBand(QStringLiteral("two"), now, {}, 1000000, 2));
        InstanceResult two = only(bandRule(QStringLiteral("two")), now);
        QVERIFY(!two.learning);
        QVERIFY(two.firing);

        AlertRule longer = bandRule(QStringLiteral("two"));
        longer.minHistoryWeeks = 3;
        QVERIFY(only(longer, now).learning);
    }
};

QTEST_GUILESS_MAIN(tst_RuleEvaluator)
#include "tst_ruleevaluator.moc"
