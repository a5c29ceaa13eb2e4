#include "demo/demoshape.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace stackscope::demo::detail {

namespace {
constexpr quint64 kSeed = 0x5717'5c09'e0de'0002ULL;

quint64 splitMix64(quint64 x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}
} // namespace

qint64 floorDiv(qint64 a, qint64 b)
{
    const qint64 q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

qint64 floorTo(qint64 ts, qint64 unit)
{
    return floorDiv(ts, unit) * unit;
}

quint64 streamId(const char *name)
{
    quint64 h = 0xcbf29ce484222325ULL; // FNV-1a
    for (const char *c = name; *c; ++c)
        h = (h ^ quint64(static_cast<unsigned char>(*c))) * 0x100000001b3ULL;
    return h;
}

Noise::Noise(quint64 stream, qint64 ts)
    : m_state(splitMix64(kSeed ^ splitMix64(stream) ^ quint64(floorDiv(ts, kMinuteMs))))
{
}

double Noise::uniform()
{
    m_state = splitMix64(m_state);
    return (double(m_state >> 11) + 1.0) * 0x1.0p-53;
}

double Noise::gaussian()
{
    const double u1 = uniform();
    const double u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

LocalTime localTime(qint64 ts, int utcOffsetHours)
{
    const qint64 local = ts + utcOffsetHours * kHourMs;
    const qint64 day = floorDiv(local, kDayMs);
    LocalTime t;
    t.hour = double(local - day * kDayMs) / double(kHourMs);
    t.weekday = int(((day + 3) % 7 + 7) % 7); // 1970-01-01 was a Thursday
    return t;
}

double weekdayFactor(int weekday)
{
    return weekday == 5 ? 0.72 : weekday == 6 ? 0.64 : 1.0;
}

double load(qint64 ts, int utcOffsetHours)
{
    const LocalTime t = localTime(ts, utcOffsetHours);
    const double daily = 0.5 - 0.5 * std::cos(2.0 * std::numbers::pi * (t.hour - 4.0) / 24.0);
    return (0.15 + 0.85 * std::pow(daily, 1.3)) * weekdayFactor(t.weekday);
}

double growth(qint64 ts, qint64 anchorMs)
{
    return std::exp(0.30 * double(ts - anchorMs) / (365.25 * double(kDayMs)));
}

double count(double mean, Noise &noise)
{
    if (mean <= 0.0)
        return 0.0;
    return std::max(0.0, std::round(mean + std::sqrt(mean) * noise.gaussian()));
}

double elapsedShare(qint64 bucketStart, qint64 bucketLength, qint64 untilMs, int utcOffsetHours)
{
    if (untilMs >= bucketStart + bucketLength)
        return 1.0;
    if (untilMs <= bucketStart)
        return 0.0;
    // Only the last, open bucket of a range gets here: a step-wise integral is cheap enough.
    double done = 0.0, all = 0.0;
    for (qint64 ts = bucketStart; ts < bucketStart + bucketLength; ts += kStepMs) {
        const double l = load(ts, utcOffsetHours);
        all += l;
        if (ts + kStepMs <= untilMs)
            done += l;
        else if (ts < untilMs)
            done += l * double(untilMs - ts) / double(kStepMs);
    }
    return all > 0.0 ? done / all : 1.0;
}

double Window::level(qint64 ts) const
{
    if (!contains(ts))
        return 0.0;
    const double x = double(ts - start) / double(length);
    return std::min({1.0, x / 0.2, (1.0 - x) / 0.2 + 0.05});
}

double Window::overlap(qint64 from, qint64 span) const
{
    const qint64 a = std::max(from, start);
    const qint64 b = std::min(from + span, end());
    return b > a ? double(b - a) / double(span) : 0.0;
}

Timeline::Timeline(qint64 anchorMs)
    : anchor(anchorMs)
{
    const auto at = [&](qint64 before, qint64 length) { return Window{floorTo(anchorMs - before, kStepMs), length}; };
    apiErrors = at(50 * kMinuteMs, 3 * kHourMs);
    smsCarrier = at(30 * kHourMs, 26 * kHourMs);
    pushErrors = at(20 * kDayMs + 6 * kHourMs, 3 * kHourMs);
    outage = at(12 * kDayMs + 9 * kHourMs, 3 * kHourMs);
    outageLeadIn = Window{outage.start - 40 * kMinuteMs, 40 * kMinuteMs};
    lambdaSpike = at(40 * kDayMs + 2 * kHourMs, 90 * kMinuteMs);
    bounceSpike = at(61 * kDayMs + 7 * kHourMs, 4 * kHourMs);
}

Series::Series(const QString &metric, Labels labels)
{
    sample.metric = metric;
    sample.labels = std::move(labels);
}

void Series::put(SampleBatch &out, qint64 ts, double value) const
{
    MetricSample s = sample; // metric and labels are implicitly shared
    s.ts = ts;
    s.value = value;
    out.append(std::move(s));
}

Labels serviceLabels(const QString &project, const QString &service,
                     std::initializer_list<std::pair<QString, QString>> extra)
{
    return withLabels(Labels{{QStringLiteral("project"), project}, {QStringLiteral("service"), service}}, extra);
}

Labels withLabels(Labels base, std::initializer_list<std::pair<QString, QString>> extra)
{
    for (const auto &[k, v] : extra)
        base.insert(k, v);
    return base;
}

} // namespace stackscope::demo::detail
