#include "onesignalmapper.h"

#include "net/httpclient.h"

#include <QRegularExpression>

#include <nlohmann/json.hpp>

#include <cmath>

namespace stackscope::connectors::onesignal {

namespace {

using json = nlohmann::json;

Error parseError(const QString &message)
{
    return Error::make(Error::Code::Parse, message);
}

QString toQString(const json &value)
{
    if (!value.is_string())
        return {};
    const auto &text = value.get_ref<const std::string &>();
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

// A count: a finite number >= 0; anything else (absent, null, a string, negative) counts as not reported.
double count(const json &object, const char *field)
{
    const auto value = object.find(field);
    if (value == object.end() || !value->is_number())
        return 0;
    const double number = value->get<double>();
    return std::isfinite(number) && number >= 0 ? number : 0;
}

// Unix seconds -> ms; 0 when absent or not a plausible time.
qint64 unixMs(const json &object, const char *field)
{
    const auto value = object.find(field);
    if (value == object.end() || !value->is_number())
        return 0;
    const double seconds = value->get<double>();
    if (!std::isfinite(seconds) || seconds <= 0 || seconds > 7.0e9)
        return 0;
    return qint64(seconds) * 1000;
}

Delivery delivery(const json &object)
{
    Delivery d;
    d.successful = count(object, "successful");
    d.failed = count(object, "failed");
    d.errored = count(object, "errored");
    d.converted = count(object, "converted");
    d.received = count(object, "received");
    return d;
}

void addTo(Delivery &sum, const Delivery &d)
{
    sum.successful += d.successful;
    sum.failed += d.failed;
    sum.errored += d.errored;
    sum.converted += d.converted;
    sum.received += d.received;
}

void addTo(EmailStats &sum, const EmailStats &e)
{
    sum.successful += e.successful;
    sum.opened += e.opened;
    sum.uniqueOpens += e.uniqueOpens;
    sum.clicks += e.clicks;
    sum.uniqueClicks += e.uniqueClicks;
    sum.unsubscribed += e.unsubscribed;
    sum.bounced += e.bounced;
    sum.reportedSpam += e.reportedSpam;
}

bool isPlatformKey(const QString &key)
{
    static const QRegularExpression pattern(QStringLiteral("^[a-z0-9_]{1,40}$"));
    return pattern.match(key).hasMatch();
}

// A label value: one line, at most 200 characters.
QString labelText(const QString &text)
{
    return text.simplified().left(200);
}

Result<Message> parseMessage(const json &entry)
{
    Message message;
    message.id = labelText(toQString(entry.value("id", json())));
    message.queuedAtMs = unixMs(entry, "queued_at");
    if (message.id.isEmpty() || message.queuedAtMs == 0)
        return parseError(QStringLiteral("a message without id or queued_at"));
    message.sendAfterMs = unixMs(entry, "send_after");
    message.remaining = qint64(count(entry, "remaining"));
    const auto canceled = entry.find("canceled");
    message.canceled = canceled != entry.end() && canceled->is_boolean() && canceled->get<bool>();

    QString campaign = labelText(toQString(entry.value("name", json())));
    if (campaign.isEmpty())
        campaign = labelText(toQString(entry.value("template_id", json())));
    message.campaign = campaign.isEmpty() ? QStringLiteral("unnamed") : campaign;

    message.totals = delivery(entry);
    const auto platforms = entry.find("platform_delivery_stats");
    if (platforms != entry.end() && platforms->is_object()) {
        for (auto it = platforms->begin(); it != platforms->end(); ++it) {
            const QString key = QString::fromStdString(it.key());
            if (!it.value().is_object() || !isPlatformKey(key))
                continue;
            message.platforms[key] = delivery(it.value());
            if (key == QLatin1String("email")) {
                const json &email = it.value();
                EmailStats stats;
                stats.successful = count(email, "successful");
                stats.opened = count(email, "opened");
                stats.uniqueOpens = count(email, "unique_opens");
                stats.clicks = count(email, "clicks");
                stats.uniqueClicks = count(email, "unique_clicks");
                stats.unsubscribed = count(email, "unsubscribed");
                stats.bounced = count(email, "bounced");
                stats.reportedSpam = count(email, "reported_spam");
                message.email = stats;
            }
        }
    }
    const auto outcomes = entry.find("outcomes");
    if (outcomes != entry.end() && outcomes->is_array()) {
        for (const json &outcome : *outcomes) {
            if (!outcome.is_object())
                continue;
            if (toQString(outcome.value("id", json())) == QLatin1String("os__click")
                && toQString(outcome.value("aggregation", json())) == QLatin1String("count"))
                message.outcomeClicks = count(outcome, "value");
        }
    }
    return message;
}

MetricSample sample(const char *metric, Labels labels, qint64 ts, double value)
{
    return MetricSample{QString::fromLatin1(metric), std::move(labels), ts, value};
}

} // namespace

Result<Settings> parseSettings(const QMap<QString, QString> &settings, const QUrl &baseUrlOverride)
{
    Settings out;
    out.appId = settings.value(QStringLiteral("app_id")).trimmed().toLower();
    static const QRegularExpression uuid(
        QStringLiteral("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"));
    if (!uuid.match(out.appId).hasMatch())
        return Error::make(Error::Code::Config,
                           QStringLiteral("The OneSignal App ID must be a UUID such as "
                                          "11111111-2222-4333-8444-555555555555 (Dashboard → Settings → Keys & IDs)."),
                           QStringLiteral("onesignal: app_id setting malformed"));
    out.baseUrl = baseUrlOverride.isEmpty() ? QUrl(QString::fromLatin1(kBaseUrl)) : baseUrlOverride;
    QString why;
    if (!net::HttpClient::isAllowedUrl(out.baseUrl, &why))
        return Error::make(Error::Code::Config, QStringLiteral("The OneSignal base URL cannot be used: %1.").arg(why));

    const QString scheme = settings.value(QStringLiteral("auth_scheme")).trimmed().toLower();
    if (scheme.isEmpty() || scheme == QLatin1String("key"))
        out.scheme = AuthScheme::Key;
    else if (scheme == QLatin1String("basic"))
        out.scheme = AuthScheme::Basic;
    else
        return Error::make(Error::Code::Config,
                           QStringLiteral("auth_scheme must be \"key\" (App API keys) or \"basic\" (legacy REST API "
                                          "keys), not \"%1\".").arg(scheme.left(40)));

    const QString kind = settings.value(QStringLiteral("kind")).trimmed().toLower();
    if (kind.isEmpty() || kind == QLatin1String("all"))
        out.kind.reset();
    else if (kind == QLatin1String("dashboard") || kind == QLatin1String("0"))
        out.kind = 0;
    else if (kind == QLatin1String("api") || kind == QLatin1String("1"))
        out.kind = 1;
    else if (kind == QLatin1String("automated") || kind == QLatin1String("3"))
        out.kind = 3;
    else
        return Error::make(Error::Code::Config,
                           QStringLiteral("kind must be all, dashboard, api or automated, not \"%1\".").arg(kind.left(40)));

    const QString refresh = settings.value(QStringLiteral("refresh_hours")).trimmed();
    if (!refresh.isEmpty()) {
        bool ok = false;
        const int hours = refresh.toInt(&ok);
        if (!ok || hours < 1 || hours > kMaxRefreshHours)
            return Error::make(Error::Code::Config,
                               QStringLiteral("refresh_hours must be a whole number of hours from 1 to %1.")
                                   .arg(kMaxRefreshHours));
        out.refreshHours = hours;
    }

    const QString perMessage = settings.value(QStringLiteral("per_message")).trimmed().toLower();
    if (perMessage.isEmpty() || perMessage == QLatin1String("on") || perMessage == QLatin1String("true"))
        out.perMessage = true;
    else if (perMessage == QLatin1String("off") || perMessage == QLatin1String("false"))
        out.perMessage = false;
    else
        return Error::make(Error::Code::Config, QStringLiteral("per_message must be on or off."));
    return out;
}

Result<Page> parsePage(QByteArrayView body)
{
    const json doc = json::parse(body.begin(), body.end(), nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded())
        return parseError(QStringLiteral("OneSignal's message list is not valid JSON."));
    if (!doc.is_object())
        return parseError(QStringLiteral("OneSignal's message list is not a JSON object."));
    const auto notifications = doc.find("notifications");
    if (notifications == doc.end() || !notifications->is_array()) {
        const QString vendor = errorMessage(body);
        if (!vendor.isEmpty())
            return Error::make(Error::Code::Config,
                               QStringLiteral("OneSignal answered with an error instead of messages: %1").arg(vendor));
        return parseError(QStringLiteral("OneSignal's message list has no \"notifications\" list."));
    }
    Page page;
    if (const auto total = doc.find("total_count"); total != doc.end() && total->is_number()) {
        const double value = total->get<double>();
        if (std::isfinite(value) && value >= 0 && value < 9.0e15)
            page.totalCount = qint64(value);
    }
    for (const json &entry : *notifications) {
        ++page.entries;
        if (!entry.is_object()) {
            ++page.skipped;
            continue;
        }
        auto message = parseMessage(entry);
        if (!message) {
            ++page.skipped;
            continue;
        }
        page.messages.append(std::move(message).value());
    }
    return page;
}

QString errorMessage(QByteArrayView body)
{
    const json doc = json::parse(body.begin(), body.end(), nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded() || !doc.is_object())
        return {};
    const auto errors = doc.find("errors");
    if (errors == doc.end())
        return {};
    QStringList words;
    if (errors->is_array()) {
        for (const json &error : *errors) {
            if (error.is_string())
                words.append(toQString(error).simplified());
        }
    } else if (errors->is_object()) {
        for (auto it = errors->begin(); it != errors->end(); ++it) {
            const QString key = QString::fromStdString(it.key()).simplified().left(60);
            words.append(it.value().is_string() ? key + QStringLiteral(": ") + toQString(it.value()).simplified() : key);
        }
    } else if (errors->is_string()) {
        words.append(toQString(*errors).simplified());
    }
    words.removeAll(QString());
    return words.join(QStringLiteral("; ")).left(300);
}

qint64 hourStartMs(qint64 ms)
{
    return ms - ((ms % kHourMs) + kHourMs) % kHourMs;
}

void Tally::add(const Message &message, bool perMessage)
{
    const qint64 hour = hourStartMs(message.queuedAtMs);
    Bucket &bucket = m_buckets[{hour, message.campaign}];
    bucket.messages += 1;
    addTo(bucket.totals, message.totals);
    for (const auto &[platform, counts] : message.platforms)
        addTo(bucket.platforms[platform], counts);
    if (message.email) {
        if (!bucket.email)
            bucket.email = EmailStats{};
        addTo(*bucket.email, *message.email);
    }
    if (message.outcomeClicks)
        bucket.outcomeClicks = bucket.outcomeClicks.value_or(0) + *message.outcomeClicks;
    if (perMessage)
        m_messages[{hour, message.campaign, message.id}] = message;
}

SampleBatch Tally::samples(qint64 fromHourMs) const
{
    SampleBatch out;
    const QString campaignKey = QStringLiteral("campaign");
    for (const auto &[key, bucket] : m_buckets) {
        const auto &[hour, campaign] = key;
        if (hour < fromHourMs)
            continue;
        const Labels labels{{campaignKey, campaign}};
        const Delivery &t = bucket.totals;
        out.append(sample(kMessages, labels, hour, bucket.messages));
        out.append(sample(kSent, labels, hour, t.successful));
        out.append(sample(kFailed, labels, hour, t.failed));
        out.append(sample(kErrored, labels, hour, t.errored));
        out.append(sample(kReceived, labels, hour, t.received));
        out.append(sample(kClicks, labels, hour, t.converted));
        if (bucket.outcomeClicks)
            out.append(sample(kOutcomeClicks, labels, hour, *bucket.outcomeClicks));
        const double attempted = t.successful + t.failed + t.errored;
        if (attempted > 0)
            out.append(sample(kDeliveryRate, labels, hour, 100.0 * t.successful / attempted));
        if (t.successful > 0)
            out.append(sample(kClickRate, labels, hour, 100.0 * t.converted / t.successful));
        for (const auto &[platform, p] : bucket.platforms) {
            Labels withPlatform = labels;
            withPlatform.insert(QStringLiteral("platform"), platform);
            out.append(sample(kPlatformSent, withPlatform, hour, p.successful));
            out.append(sample(kPlatformFailed, withPlatform, hour, p.failed));
            out.append(sample(kPlatformErrored, withPlatform, hour, p.errored));
            out.append(sample(kPlatformReceived, withPlatform, hour, p.received));
            out.append(sample(kPlatformClicks, withPlatform, hour, p.converted));
        }
        if (bucket.email) {
            const EmailStats &e = *bucket.email;
            out.append(sample(kEmailOpens, labels, hour, e.opened));
            out.append(sample(kEmailUniqueOpens, labels, hour, e.uniqueOpens));
            out.append(sample(kEmailClicks, labels, hour, e.clicks));
            out.append(sample(kEmailUniqueClicks, labels, hour, e.uniqueClicks));
            out.append(sample(kEmailUnsubscribes, labels, hour, e.unsubscribed));
            out.append(sample(kEmailBounces, labels, hour, e.bounced));
            out.append(sample(kEmailSpamReports, labels, hour, e.reportedSpam));
            if (e.successful > 0) {
                out.append(sample(kEmailOpenRate, labels, hour, 100.0 * e.uniqueOpens / e.successful));
                out.append(sample(kEmailClickRate, labels, hour, 100.0 * e.uniqueClicks / e.successful));
                out.append(sample(kEmailUnsubscribeRate, labels, hour, 100.0 * e.unsubscribed / e.successful));
            }
        }
    }
    for (const auto &[key, message] : m_messages) {
        const auto &[hour, campaign, id] = key;
        if (hour < fromHourMs)
            continue;
        const Labels labels{{campaignKey, campaign}, {QStringLiteral("message_id"), id}};
        const Delivery &t = message.totals;
        out.append(sample(kMessageSent, labels, hour, t.successful));
        out.append(sample(kMessageFailed, labels, hour, t.failed));
        out.append(sample(kMessageErrored, labels, hour, t.errored));
        out.append(sample(kMessageReceived, labels, hour, t.received));
        out.append(sample(kMessageClicks, labels, hour, t.converted));
        if (message.email) {
            out.append(sample(kMessageEmailOpens, labels, hour, message.email->uniqueOpens));
            out.append(sample(kMessageEmailClicks, labels, hour, message.email->uniqueClicks));
            out.append(sample(kMessageEmailUnsubscribes, labels, hour, message.email->unsubscribed));
        }
    }
    return out;
}

} // namespace stackscope::connectors::onesignal
