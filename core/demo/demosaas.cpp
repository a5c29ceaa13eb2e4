// Simulated Twilio, SendGrid and Sendbird services: daily figures per UTC day, stamped at 00:00 UTC, with
// today's growing through the day, as their connectors store them (docs/connectors/*.md).
#include "demo/demodata.h"
#include "demo/demoshape.h"

#include <QDateTime>
#include <QStringList>
#include <QTimeZone>

#include <algorithm>
#include <cmath>

namespace stackscope::demo::detail {

namespace {

QString s(const char *text)
{
    return QString::fromLatin1(text);
}

double dailyBase(qint64 day, const Timeline &t)
{
    return weekdayFactor(localTime(day, 0).weekday) * growth(day, t.anchor);
}

// ---- Twilio ---------------------------------------------------------------------------------------------------

struct Country { const char *code; double share; double failRate; };
constexpr Country kCountries[] = {{"NANP", 0.46, 0.012}, {"GB", 0.14, 0.010}, {"DE", 0.12, 0.011},
                                  {"FR", 0.10, 0.013}, {"BR", 0.08, 0.041}, {"IN", 0.07, 0.035},
                                  {"unknown", 0.03, 0.020}};
struct ErrorCode { const char *code; double share; };
constexpr ErrorCode kErrorCodes[] = {{"30003", 0.35}, {"30005", 0.20}, {"30006", 0.15}, {"30007", 0.20}, {"30008", 0.10}};
constexpr const char *kSmsStatuses[] = {"queued", "sending", "sent", "failed", "delivered", "undelivered", "receiving",
                                        "received", "accepted", "scheduled", "read", "partially_delivered", "canceled"};
constexpr const char *kCallStatuses[] = {"queued", "ringing", "in-progress", "canceled", "completed", "failed", "busy", "no-answer"};

Emitter twilio(const Timeline &t)
{
    const QString store = demoStorefrontProject();
    const QString service = names::twilio();
    const auto series = [&](const char *metric, std::initializer_list<std::pair<QString, QString>> labels = {}) {
        return Series(s(metric), serviceLabels(store, service, labels));
    };
    struct CountrySeries { Series sent, delivered, failed; };
    QList<CountrySeries> countries;
    for (const Country &c : kCountries) {
        const std::pair<QString, QString> label{s("country"), s(c.code)};
        countries.append({series("twilio.sms.sent", {label}), series("twilio.sms.delivered", {label}),
                          series("twilio.sms.failed", {label})});
    }
    QList<Series> errors, errorRates, outStatus, inStatus, inCalls, outCalls;
    for (const ErrorCode &e : kErrorCodes) {
        errors.append(series("twilio.sms.errors", {{s("error_code"), s(e.code)}, {s("direction"), s("outbound-api")}, {s("type"), s("sms")}}));
        errorRates.append(series("twilio.sms.error_rate", {{s("error_code"), s(e.code)}}));
    }
    for (const char *status : kSmsStatuses) {
        outStatus.append(series("twilio.sms.messages", {{s("status"), s(status)}, {s("direction"), s("outbound-api")}, {s("type"), s("sms")}}));
        inStatus.append(series("twilio.sms.messages", {{s("status"), s(status)}, {s("direction"), s("inbound")}, {s("type"), s("sms")}}));
    }
    for (const char *status : kCallStatuses) {
        inCalls.append(series("twilio.calls.count", {{s("status"), s(status)}, {s("direction"), s("inbound")}}));
        outCalls.append(series("twilio.calls.count", {{s("status"), s(status)}, {s("direction"), s("outbound-api")}}));
    }
    const Series deliveryRate = series("twilio.sms.delivery_rate");
    const Series segOut = series("twilio.sms.segments", {{s("direction"), s("outbound-api")}});
    const Series segIn = series("twilio.sms.segments", {{s("direction"), s("inbound")}});
    const Series minutesIn = series("twilio.calls.minutes", {{s("direction"), s("inbound")}});
    const Series minutesOut = series("twilio.calls.minutes", {{s("direction"), s("outbound-api")}});
    const Series successIn = series("twilio.calls.success_rate", {{s("direction"), s("inbound")}});
    const Series successOut = series("twilio.calls.success_rate", {{s("direction"), s("outbound-api")}});
    const auto usage = [&](const char *metric, const char *category, const char *key, const char *value) {
        return series(metric, {{s("category"), s(category)}, {s(key), s(value)}});
    };
    const Series costTotal = usage("twilio.usage.cost", "totalprice", "currency", "USD");
    const Series costSms = usage("twilio.usage.cost", "sms", "currency", "USD");
    const Series costCalls = usage("twilio.usage.cost", "calls", "currency", "USD");
    const Series costNumbers = usage("twilio.usage.cost", "phonenumbers", "currency", "USD");
    const Series countSms = usage("twilio.usage.count", "sms", "unit", "messages");
    const Series countCalls = usage("twilio.usage.count", "calls", "unit", "calls");
    const Series usageSms = usage("twilio.usage.usage", "sms", "unit", "segments");
    const Series usageCalls = usage("twilio.usage.usage", "calls", "unit", "minutes");

    return {Cadence::DayBucket, [=](qint64 day, double share, SampleBatch &out) {
        Noise noise(streamId("twilio"), day);
        const double base = dailyBase(day, t);
        const double carrier = t.smsCarrier.overlap(day, kDayMs);
        const auto part = [share](double full) { return std::floor(full * share); };

        double sent = 0, delivered = 0, failed = 0, underway = 0, extraDeFailures = 0;
        for (int i = 0; i < int(std::size(kCountries)); ++i) {
            const Country &c = kCountries[i];
            const double n = count(9200.0 * c.share * base, noise);
            double rate = c.failRate * (0.8 + 0.4 * noise.uniform());
            double incident = 0.0;
            if (QLatin1String(c.code) == QLatin1String("DE")) {
                incident = 0.38 * carrier; // the German carrier rejects most messages while it is down
                rate += incident;
            }
            const double f = part(std::round(n * rate));
            const double u = part(std::round(n * (share < 1.0 ? 0.01 : 0.002)));
            const double sc = part(n);
            const double d = std::max(0.0, sc - f - u);
            countries.at(i).sent.put(out, day, sc);
            countries.at(i).delivered.put(out, day, d);
            countries.at(i).failed.put(out, day, f);
            sent += sc, delivered += d, failed += f, underway += u;
            extraDeFailures += part(std::round(n * incident));
        }
        if (delivered + failed > 0)
            deliveryRate.put(out, day, 100.0 * delivered / (delivered + failed));

        // Failures by error code; the carrier outage shows as 30008 ("unknown error") and 30006.
        const double usual = failed - extraDeFailures;
        for (int i = 0; i < int(std::size(kErrorCodes)); ++i) {
            double n = std::round(usual * kErrorCodes[i].share);
            if (i == 4)
                n += std::round(extraDeFailures * 0.7);
            if (i == 2)
                n += std::round(extraDeFailures * 0.3);
            if (n <= 0)
                continue; // the connector writes only codes that occurred
            errors.at(i).put(out, day, n);
            if (sent > 0)
                errorRates.at(i).put(out, day, 100.0 * n / sent);
        }

        const double inbound = part(count(9200.0 * 0.06 * base, noise));
        for (int i = 0; i < int(std::size(kSmsStatuses)); ++i) {
            const QLatin1String status(kSmsStatuses[i]);
            double v = 0;
            if (status == QLatin1String("delivered"))
                v = delivered;
            else if (status == QLatin1String("sent"))
                v = underway;
            else if (status == QLatin1String("failed"))
                v = std::round(failed * 0.7);
            else if (status == QLatin1String("undelivered"))
                v = failed - std::round(failed * 0.7);
            outStatus.at(i).put(out, day, v);
            inStatus.at(i).put(out, day, status == QLatin1String("received") ? inbound : 0.0);
        }
        const double segmentsOut = std::round(sent * (1.28 + 0.04 * noise.uniform()));
        segOut.put(out, day, segmentsOut);
        segIn.put(out, day, std::round(inbound * 1.1));

        // Calls: a support line (inbound) and appointment reminders (outbound).
        double callsTotal = 0, minutesTotal = 0;
        const auto calls = [&](const QList<Series> &bySeries, const Series &minutes, const Series &success, double mean,
                               double avgMinutes) {
            const double n = part(count(mean * base, noise));
            const double busy = std::round(n * 0.04), noAnswer = std::round(n * 0.06), callFailed = std::round(n * 0.015);
            const double canceled = std::round(n * 0.025);
            const double inProgress = share < 1.0 ? std::min(n, 2.0) : 0.0;
            const double completed = std::max(0.0, n - busy - noAnswer - callFailed - canceled - inProgress);
            const double values[] = {0, 0, inProgress, canceled, completed, callFailed, busy, noAnswer};
            for (int i = 0; i < int(std::size(kCallStatuses)); ++i)
                bySeries.at(i).put(out, day, values[i]);
            const double m = std::round(completed * avgMinutes * (0.9 + 0.2 * noise.uniform()) * 10.0) / 10.0;
            minutes.put(out, day, m);
            const double ended = completed + busy + callFailed + noAnswer + canceled;
            if (ended > 0)
                success.put(out, day, 100.0 * completed / ended);
            callsTotal += n;
            minutesTotal += m;
        };
        calls(inCalls, minutesIn, successIn, 150.0, 3.4);
        calls(outCalls, minutesOut, successOut, 70.0, 1.2);

        // Usage and price (USD), billed per segment and per started minute; numbers on the first of the month.
        const double billedMinutes = std::ceil(minutesTotal * 1.12);
        const double smsCost = std::round(segmentsOut * 0.0079 * 100.0) / 100.0;
        const double callCost = std::round(billedMinutes * 0.014 * 100.0) / 100.0;
        const bool firstOfMonth = QDateTime::fromMSecsSinceEpoch(day, QTimeZone::utc()).date().day() == 1;
        const double numbersCost = firstOfMonth ? 4.60 : 0.0;
        costSms.put(out, day, smsCost);
        costCalls.put(out, day, callCost);
        if (firstOfMonth)
            costNumbers.put(out, day, numbersCost);
        costTotal.put(out, day, smsCost + callCost + numbersCost);
        countSms.put(out, day, sent + inbound);
        countCalls.put(out, day, callsTotal);
        usageSms.put(out, day, segmentsOut + std::round(inbound * 1.1));
        usageCalls.put(out, day, billedMinutes);
    }};
}

// ---- SendGrid -------------------------------------------------------------------------------------------------

constexpr const char *kSendGridMetrics[] = {"requests", "processed", "delivered", "deferred", "bounces", "bounce_drops",
                                            "blocks", "invalid_emails", "spam_reports", "spam_report_drops", "opens",
                                            "unique_opens", "clicks", "unique_clicks", "unsubscribes", "unsubscribe_drops"};
constexpr int kSendGridMetricCount = int(std::size(kSendGridMetrics));

struct MailStream
{
    const char *category;   // nullptr: mail sent without a category
    double perDay;          // requests on a weekday
    double bounceRate, openRate, clickRate, unsubscribeRate, spamRate;
};
constexpr MailStream kMail[] = {
    {"receipts", 3100, 0.004, 0.46, 0.05, 0.0001, 0.00002},
    {"password-reset", 720, 0.006, 0.62, 0.55, 0.0, 0.00001},
    {"newsletter", 0, 0.015, 0.27, 0.035, 0.0025, 0.0005}, // Tuesdays only (and the incident's one-off send)
    {nullptr, 850, 0.005, 0.30, 0.04, 0.0004, 0.00005},
};

Emitter sendgrid(const Timeline &t)
{
    const QString store = demoStorefrontProject();
    const QString service = names::sendgrid();
    QList<QList<Series>> byCategory; // per category in kMail order (without the uncategorised), then the account
    for (const MailStream &m : kMail) {
        if (!m.category)
            continue;
        QList<Series> list;
        for (const char *metric : kSendGridMetrics)
            list.append(Series(QStringLiteral("sendgrid.") + s(metric), serviceLabels(store, service, {{s("category"), s(m.category)}})));
        byCategory.append(list);
    }
    QList<Series> account;
    for (const char *metric : kSendGridMetrics)
        account.append(Series(QStringLiteral("sendgrid.") + s(metric), serviceLabels(store, service)));

    return {Cadence::DayBucket, [=](qint64 day, double share, SampleBatch &out) {
        Noise noise(streamId("sendgrid"), day);
        const double base = dailyBase(day, t);
        const bool tuesday = localTime(day, 0).weekday == 1;
        const bool badList = t.bounceSpike.overlap(day, kDayMs) > 0.0; // a one-off send to an old imported list
        double total[kSendGridMetricCount] = {};
        int categoryIndex = 0;
        for (const MailStream &m : kMail) {
            double requested = m.perDay * base;
            double bounceRate = m.bounceRate;
            if (m.category && QLatin1String(m.category) == QLatin1String("newsletter")) {
                requested = (tuesday ? 18500.0 : 0.0) * growth(day, t.anchor) + (badList ? 24000.0 : 0.0);
                if (badList)
                    bounceRate = 0.14;
            }
            const double n = std::floor(count(requested, noise) * share);
            const double invalid = std::round(n * 0.001);
            const double processed = n - invalid;
            const double bounces = std::round(processed * bounceRate * (0.8 + 0.4 * noise.uniform()));
            const double blocks = std::round(processed * 0.004);
            const double dropsBounce = std::round(processed * (badList && !m.perDay ? 0.05 : 0.003));
            const double dropsSpam = std::round(processed * 0.0002), dropsUnsub = std::round(processed * 0.0005);
            const double delivered = std::max(0.0, processed - bounces - blocks - dropsBounce - dropsSpam - dropsUnsub);
            const double uniqueOpens = std::round(delivered * m.openRate * (0.9 + 0.2 * noise.uniform()));
            const double uniqueClicks = std::round(delivered * m.clickRate * (0.9 + 0.2 * noise.uniform()));
            const double values[kSendGridMetricCount] = {
                n, processed, delivered, std::round(processed * 0.015), bounces, dropsBounce, blocks, invalid,
                std::round(delivered * m.spamRate + 0.3 * noise.uniform()), dropsSpam, std::round(uniqueOpens * 1.6),
                uniqueOpens, std::round(uniqueClicks * 1.3), uniqueClicks,
                std::round(delivered * m.unsubscribeRate), dropsUnsub};
            for (int i = 0; i < kSendGridMetricCount; ++i)
                total[i] += values[i];
            if (m.category) {
                for (int i = 0; i < kSendGridMetricCount; ++i)
                    byCategory.at(categoryIndex).at(i).put(out, day, values[i]);
                ++categoryIndex;
            }
        }
        for (int i = 0; i < kSendGridMetricCount; ++i)
            account.at(i).put(out, day, total[i]);
    }};
}

// ---- Sendbird -------------------------------------------------------------------------------------------------

QList<Emitter> sendbird(const Timeline &t)
{
    const auto series = [](const char *metric) {
        return Series(s(metric), serviceLabels(demoStorefrontProject(), names::sendbird()));
    };
    const Series dau = series("sendbird.dau"), messages = series("sendbird.messages"),
                 channels = series("sendbird.active_channels"), requests = series("sendbird.api.requests"),
                 throttled = series("sendbird.api.throttled"), mau = series("sendbird.mau");
    Emitter daily{Cadence::DayBucket, [=](qint64 day, double share, SampleBatch &out) {
        Noise noise(streamId("sendbird"), day);
        const double base = dailyBase(day, t);
        const double fullDau = count(2650.0 * base, noise);
        dau.put(out, day, std::round(fullDau * std::sqrt(share))); // unique users pile up fast in the morning
        messages.put(out, day, std::floor(count(41000.0 * base, noise) * share));
        channels.put(out, day, std::round(count(5200.0 * base, noise) * std::sqrt(share)));
        // Stackscope's own calls: about five per poll, 96 polls a day; an occasional 429.
        requests.put(out, day, std::floor(count(485.0, noise) * share));
        const double u = noise.uniform();
        throttled.put(out, day, std::floor((u > 0.85 ? std::round(1.0 + 12.0 * (u - 0.85)) : 0.0) * share));
    }};
    Emitter monthly{Cadence::MonthBucket, [=](qint64 month, double share, SampleBatch &out) {
        Noise noise(streamId("sendbird.mau"), month);
        const double full = count(14800.0 * growth(month, t.anchor), noise);
        const double firstDay = 2650.0 * growth(month, t.anchor);
        mau.put(out, month, std::round(firstDay + (full - firstDay) * std::pow(share, 0.55)));
    }};
    return {daily, monthly};
}

} // namespace

QList<Emitter> saasEmitters(const Timeline &timeline)
{
    QList<Emitter> emitters{twilio(timeline), sendgrid(timeline)};
    emitters += sendbird(timeline);
    return emitters;
}

} // namespace stackscope::demo::detail
