#pragma once

// Test helper for tst_demodata and tst_democatalogue: the generated demo history indexed by series.

#include "demo/demodata.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QTimeZone>

#include <algorithm>

namespace demotest {

using namespace stackscope;

constexpr qint64 kMinute = 60'000;
constexpr qint64 kHour = 60 * kMinute;
constexpr qint64 kDay = 24 * kHour;
// Friday 2026-11-20 12:02:00 UTC; deliberately not on the five-minute grid.
inline const qint64 kEnd = QDateTime(QDate(2026, 11, 20), QTime(12, 2), QTimeZone::utc()).toMSecsSinceEpoch();

inline QString seriesKey(const QString &metric, const Labels &labels)
{
    QString k = metric;
    for (auto it = labels.cbegin(); it != labels.cend(); ++it)
        k += QLatin1Char('|') + it.key() + QLatin1Char('=') + it.value();
    return k;
}

inline bool matches(const Labels &labels, const Labels &filter)
{
    for (auto it = filter.cbegin(); it != filter.cend(); ++it) {
        if (labels.value(it.key(), QStringLiteral("\x01")) != it.value())
            return false;
    }
    return true;
}

struct DemoSeries
{
    QString metric;
    Labels labels;
    QList<TimedValue> points; // by time

    double valueAt(qint64 ts, double fallback = -1.0) const
    {
        const auto it = std::lower_bound(points.cbegin(), points.cend(), ts,
                                         [](const TimedValue &p, qint64 t) { return p.ts < t; });
        return it != points.cend() && it->ts == ts ? it->value : fallback;
    }
    qint64 largestGap() const
    {
        qint64 gap = 0;
        for (qsizetype i = 1; i < points.size(); ++i)
            gap = std::max(gap, points.at(i).ts - points.at(i - 1).ts);
        return gap;
    }
};

struct DemoHistory
{
    QList<DemoSeries> series;
    QHash<QString, qsizetype> index;
    qsizetype samples = 0;
    qsizetype duplicates = 0; // the same (series, timestamp) twice in one fill
    qint64 elapsedMs = 0;

    static DemoHistory generate(const demo::DemoFill &fill)
    {
        DemoHistory h;
        QElapsedTimer timer;
        timer.start();
        demo::generateDemoHistory(fill, [&h](SampleBatch batch) { h.add(batch); });
        for (DemoSeries &s : h.series) {
            std::sort(s.points.begin(), s.points.end(), [](const TimedValue &a, const TimedValue &b) { return a.ts < b.ts; });
            for (qsizetype i = 1; i < s.points.size(); ++i)
                h.duplicates += s.points.at(i).ts == s.points.at(i - 1).ts ? 1 : 0;
        }
        h.elapsedMs = timer.elapsed();
        return h;
    }

    void add(const SampleBatch &batch)
    {
        for (const MetricSample &s : batch) {
            const QString key = seriesKey(s.metric, s.labels);
            auto it = index.constFind(key);
            if (it == index.cend()) {
                it = index.insert(key, series.size());
                series.append({s.metric, s.labels, {}});
            }
            series[*it].points.append({s.ts, s.value});
            ++samples;
        }
    }

    QList<const DemoSeries *> matching(const QString &metric, const Labels &filter = {}) const
    {
        QList<const DemoSeries *> out;
        for (const DemoSeries &s : series) {
            if (s.metric == metric && matches(s.labels, filter))
                out.append(&s);
        }
        return out;
    }

    const DemoSeries *one(const QString &metric, const Labels &filter) const
    {
        const auto all = matching(metric, filter);
        return all.size() == 1 ? all.first() : nullptr;
    }
};

inline Labels serviceFilter(const QString &project, const QString &service, std::initializer_list<std::pair<QString, QString>> extra = {})
{
    Labels l{{QStringLiteral("project"), project}, {QStringLiteral("service"), service}};
    for (const auto &[k, v] : extra)
        l.insert(k, v);
    return l;
}

} // namespace demotest
