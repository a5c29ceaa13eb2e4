#pragma once

// Internal to core/demo: the building blocks of the simulated services. Every value is a pure function of
// (series, timestamp, incident anchor), so a later top-up continues the same curves.

#include "model/sample.h"

#include <QList>
#include <QString>

#include <functional>

namespace stackscope::demo::detail {

inline constexpr qint64 kMinuteMs = 60'000;
inline constexpr qint64 kHourMs = 60 * kMinuteMs;
inline constexpr qint64 kDayMs = 24 * kHourMs;
inline constexpr qint64 kStepMs = 5 * kMinuteMs;

qint64 floorDiv(qint64 a, qint64 b);
qint64 floorTo(qint64 ts, qint64 unit);     // start of the unit (step, hour, UTC day) that holds ts

// Deterministic noise: a pure function of (stream, timestamp), independent of where generation started.
class Noise
{
public:
    Noise(quint64 stream, qint64 ts);
    double uniform();   // (0, 1]
    double gaussian();  // standard normal

private:
    quint64 m_state;
};

// A noise stream per simulated quantity, named so that adding one does not change the others.
quint64 streamId(const char *name);

// Local time of day and weekday at a fixed UTC offset.
struct LocalTime
{
    double hour = 0.0; // 0 <= hour < 24
    int weekday = 0;   // 0 = Monday ... 6 = Sunday
};
LocalTime localTime(qint64 ts, int utcOffsetHours);

// Traffic of a consumer product at one moment: quiet at 04:00 local, busiest mid-afternoon, slower weekends.
// Roughly 0.15 .. 1.0.
double load(qint64 ts, int utcOffsetHours);
double weekdayFactor(int weekday); // 1.0 on weekdays, 0.72 Saturday, 0.64 Sunday
// Business growth: 1.0 at the anchor, about 30 % a year (so the 90 days rise by about 7 %).
double growth(qint64 ts, qint64 anchorMs);

// A count with Poisson-like spread around `mean`.
double count(double mean, Noise &noise);
// Share of a bucket's traffic that happened by `untilMs` (1 for a complete bucket), following load().
double elapsedShare(qint64 bucketStart, qint64 bucketLength, qint64 untilMs, int utcOffsetHours);

// A stretch of time with an incident in it.
struct Window
{
    qint64 start = 0;
    qint64 length = 0;
    qint64 end() const { return start + length; }
    bool contains(qint64 ts) const { return ts >= start && ts < end(); }
    // 0 outside; inside, rising to 1 over the first fifth and falling over the last fifth.
    double level(qint64 ts) const;
    // Share of [from, from + span) inside the window.
    double overlap(qint64 from, qint64 span) const;
};

// Where the documented incidents sit (docs/demo-workspace.md), relative to the anchor: the end of the first fill.
struct Timeline
{
    explicit Timeline(qint64 anchorMs);
    qint64 anchor;
    Window apiErrors;     // ongoing at the anchor: the Storefront API answers 5xx, latency climbs, an alarm fires
    Window smsCarrier;    // yesterday: a German carrier rejects SMS (Twilio failures and error 30008 for DE)
    Window pushErrors;    // 20 days before: FCM errors for Android pushes (OneSignal errored)
    Window outage;        // 12 days before: the Platform API is down for 3 h (no scrape, web-2 silent)
    Window outageLeadIn;  // the 40 minutes before it: CPU, latency and 5xx climb
    Window lambdaSpike;   // 40 days before: image-resize Lambda errors
    Window bounceSpike;   // 61 days before: a bad newsletter list bounces (SendGrid)
};

// How often an emitter is called and what one call covers.
enum class Cadence {
    Step,          // a point every five minutes (CloudWatch periods, scrapes, polls)
    HourPoint,     // a point every hour (values read at an hourly poll)
    HourBucket,    // one sample per UTC hour, covering it (OneSignal)
    DayBucket,     // one sample per UTC day at 00:00 UTC, covering it (Twilio, SendGrid, Mixpanel, Sendbird)
    MonthBucket,   // one sample per calendar month at its first day 00:00 UTC (Sendbird MAU)
};

// One call emits the samples of one point or bucket. `share`: how much of the bucket had happened by the end of
// the generated range (1 for a complete bucket or a point), so today's figures grow as the real ones do.
struct Emitter
{
    using Produce = std::function<void(qint64 ts, double share, SampleBatch &out)>;
    Cadence cadence = Cadence::Step;
    Produce produce;
};

// A series' identity with a helper to emit values of it.
struct Series
{
    Series(const QString &metric, Labels labels);
    void put(SampleBatch &out, qint64 ts, double value) const;
    MetricSample sample;
};

Labels serviceLabels(const QString &project, const QString &service,
                     std::initializer_list<std::pair<QString, QString>> extra = {});
Labels withLabels(Labels base, std::initializer_list<std::pair<QString, QString>> extra);

// The services' names (their "service" label), shared by demoServices() and the emitters.
namespace names {
inline QString twilio() { return QStringLiteral("Twilio — production"); }
inline QString sendgrid() { return QStringLiteral("SendGrid — transactional"); }
inline QString stytch() { return QStringLiteral("Stytch — live"); }
inline QString onesignal() { return QStringLiteral("OneSignal — mobile app"); }
inline QString sendbird() { return QStringLiteral("Sendbird — support chat"); }
inline QString mixpanel() { return QStringLiteral("Mixpanel — web analytics"); }
inline QString backlog() { return QStringLiteral("Order backlog — HTTP check"); }
inline QString aws() { return QStringLiteral("AWS — eu-central-1"); }
inline QString api() { return QStringLiteral("API — Prometheus"); }
inline QString stagingAws() { return QStringLiteral("AWS — staging"); }
inline QString stagingApi() { return QStringLiteral("API — staging"); }
inline QString stagingStytch() { return QStringLiteral("Stytch — test"); }
} // namespace names

// The emitters of each kind of service (demosaas.cpp, demoinfra.cpp, demoprometheus.cpp).
QList<Emitter> saasEmitters(const Timeline &timeline);      // Twilio, SendGrid, Sendbird
QList<Emitter> productEmitters(const Timeline &timeline);   // Stytch, OneSignal, Mixpanel
QList<Emitter> infraEmitters(const Timeline &timeline);     // AWS, the HTTP/JSON check
QList<Emitter> prometheusEmitters(const Timeline &timeline);

} // namespace stackscope::demo::detail
