#include "sendgridmapper.h"

#include "net/httpclient.h"

#include <QDateTime>
#include <QTimeZone>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>

namespace stackscope::connectors::sendgrid {

namespace {

using json = nlohmann::json;

Error parseError(const QString &message)
{
    return Error::make(Error::Code::Parse, message);
}

QString toQString(const json &value)
{
    const auto &text = value.get_ref<const std::string &>();
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

// "2026-03-01" and nothing else (QDate's ISO parser also takes other shapes).
QDate parseDay(const QString &text)
{
    if (text.size() != 10 || text.at(4) != QLatin1Char('-') || text.at(7) != QLatin1Char('-'))
        return {};
    return QDate::fromString(text, Qt::ISODate);
}

} // namespace

const QStringList &statFields()
{
    static const QStringList fields{
        QStringLiteral("requests"),       QStringLiteral("processed"),         QStringLiteral("delivered"),
        QStringLiteral("deferred"),       QStringLiteral("bounces"),           QStringLiteral("bounce_drops"),
        QStringLiteral("blocks"),         QStringLiteral("invalid_emails"),    QStringLiteral("spam_reports"),
        QStringLiteral("spam_report_drops"), QStringLiteral("opens"),          QStringLiteral("unique_opens"),
        QStringLiteral("clicks"),         QStringLiteral("unique_clicks"),     QStringLiteral("unsubscribes"),
        QStringLiteral("unsubscribe_drops"),
    };
    return fields;
}

QString metricName(const QString &field)
{
    return QStringLiteral("sendgrid.") + field;
}

Result<QStringList> parseCategories(const QString &text)
{
    QStringList categories;
    for (const QString &part : text.split(QLatin1Char(','))) {
        const QString name = part.trimmed();
        if (!name.isEmpty() && !categories.contains(name))
            categories.append(name);
    }
    if (categories.size() > kMaxCategories)
        return Error::make(Error::Code::Config,
                           QStringLiteral("SendGrid reports on at most %1 categories at a time; %2 are set. Keep the "
                                          "%1 that matter most, or add a second SendGrid service for the rest.")
                               .arg(kMaxCategories)
                               .arg(categories.size()));
    return categories;
}

Result<Settings> parseSettings(const QMap<QString, QString> &settings, const QUrl &baseUrlOverride)
{
    Settings out;
    const QString region = settings.value(QStringLiteral("region")).trimmed().toLower();
    if (!baseUrlOverride.isEmpty()) {
        out.baseUrl = baseUrlOverride;
    } else if (region.isEmpty() || region == QLatin1String("global")) {
        out.baseUrl = QUrl(QString::fromLatin1(kGlobalBaseUrl));
    } else if (region == QLatin1String("eu")) {
        out.baseUrl = QUrl(QString::fromLatin1(kEuBaseUrl));
    } else {
        return Error::make(Error::Code::Config,
                           QStringLiteral("The SendGrid region must be \"global\" or \"eu\", not \"%1\".")
                               .arg(settings.value(QStringLiteral("region"))));
    }
    QString why;
    if (!net::HttpClient::isAllowedUrl(out.baseUrl, &why))
        return Error::make(Error::Code::Config, QStringLiteral("The SendGrid base URL cannot be used: %1.").arg(why));

    out.onBehalfOf = settings.value(QStringLiteral("on_behalf_of")).trimmed();
    for (QChar c : std::as_const(out.onBehalfOf)) {
        if (c.category() == QChar::Other_Control)
            return Error::make(Error::Code::Config, QStringLiteral("The subuser name contains a control character."));
    }
    auto categories = parseCategories(settings.value(QStringLiteral("categories")));
    if (!categories)
        return categories.error();
    out.categories = std::move(categories).value();
    return out;
}

Result<SampleBatch> mapStats(QByteArrayView body, StatsScope scope)
{
    const json doc = json::parse(body.begin(), body.end(), nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded())
        return parseError(QStringLiteral("SendGrid's stats answer is not valid JSON."));
    if (!doc.is_array()) {
        const QString vendor = errorMessage(body);
        return parseError(vendor.isEmpty()
                              ? QStringLiteral("SendGrid's stats answer is not a list of days.")
                              : QStringLiteral("SendGrid answered with an error instead of stats: %1").arg(vendor));
    }

    SampleBatch samples;
    const QStringList &fields = statFields();
    for (std::size_t i = 0; i < doc.size(); ++i) {
        const json &day = doc[i];
        if (!day.is_object())
            return parseError(QStringLiteral("Entry %1 of SendGrid's stats is not an object.").arg(i + 1));
        const auto date = day.find("date");
        if (date == day.end() || !date->is_string())
            return parseError(QStringLiteral("Entry %1 of SendGrid's stats has no \"date\".").arg(i + 1));
        const QString dateText = toQString(*date);
        const QDate when = parseDay(dateText);
        if (!when.isValid())
            return parseError(QStringLiteral("SendGrid's stats name the day \"%1\", which is not a YYYY-MM-DD date.")
                                  .arg(dateText.left(40)));
        const qint64 ts = dayStartMs(when);
        const auto stats = day.find("stats");
        if (stats == day.end() || stats->is_null())
            continue; // a day without activity
        if (!stats->is_array())
            return parseError(QStringLiteral("SendGrid's stats for %1: \"stats\" is not a list.").arg(dateText));
        for (const json &entry : *stats) {
            if (!entry.is_object())
                return parseError(QStringLiteral("SendGrid's stats for %1 hold an entry that is not an object.")
                                      .arg(dateText));
            Labels labels;
            if (scope == StatsScope::Category) {
                const auto name = entry.find("name");
                if (name == entry.end() || !name->is_string() || name->get_ref<const std::string &>().empty())
                    return parseError(QStringLiteral("SendGrid's category stats for %1 hold an entry without a "
                                                     "category name.").arg(dateText));
                labels.insert(QStringLiteral("category"), toQString(*name));
            }
            const auto metrics = entry.find("metrics");
            if (metrics == entry.end() || metrics->is_null())
                continue;
            if (!metrics->is_object())
                return parseError(QStringLiteral("SendGrid's stats for %1: \"metrics\" is not an object.").arg(dateText));
            for (const QString &field : fields) {
                const auto value = metrics->find(field.toStdString());
                if (value == metrics->end() || value->is_null())
                    continue; // not reported for this day: nothing to store
                if (!value->is_number())
                    return parseError(QStringLiteral("SendGrid's stats for %1: \"%2\" is not a number.")
                                          .arg(dateText, field));
                const double number = value->get<double>();
                if (!std::isfinite(number))
                    return parseError(QStringLiteral("SendGrid's stats for %1: \"%2\" is not a finite number.")
                                          .arg(dateText, field));
                samples.append(MetricSample{metricName(field), labels, ts, number});
            }
        }
    }
    return samples;
}

Result<QStringList> mapScopes(QByteArrayView body)
{
    const json doc = json::parse(body.begin(), body.end(), nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded())
        return parseError(QStringLiteral("SendGrid's answer to the scopes request is not valid JSON."));
    const auto scopes = doc.is_object() ? doc.find("scopes") : doc.end();
    if (!doc.is_object() || scopes == doc.end() || !scopes->is_array())
        return parseError(QStringLiteral("SendGrid's answer to the scopes request has no \"scopes\" list."));
    QStringList out;
    for (const json &scope : *scopes) {
        if (scope.is_string())
            out.append(toQString(scope));
    }
    return out;
}

QString errorMessage(QByteArrayView body)
{
    const json doc = json::parse(body.begin(), body.end(), nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded() || !doc.is_object())
        return {};
    const auto errors = doc.find("errors");
    if (errors == doc.end() || !errors->is_array() || errors->empty())
        return {};
    const json &first = errors->front();
    if (first.is_string())
        return toQString(first).simplified().left(300);
    if (!first.is_object())
        return {};
    const auto message = first.find("message");
    if (message == first.end() || !message->is_string())
        return {};
    return toQString(*message).simplified().left(300);
}

std::optional<RateLimit> rateLimitFrom(const net::HttpResponse &response)
{
    bool ok = false;
    const qint64 remaining = response.header("X-RateLimit-Remaining").trimmed().toLongLong(&ok);
    if (!ok || remaining < 0)
        return std::nullopt;
    RateLimit limit;
    limit.remaining = remaining;
    const qint64 reset = response.header("X-RateLimit-Reset").trimmed().toLongLong(&ok);
    // Unix seconds; anything outside 2001..2286 is not a time and is ignored.
    if (ok && reset > 1'000'000'000 && reset < 10'000'000'000)
        limit.resetMs = reset * 1000;
    return limit;
}

QList<DayRange> dayChunks(QDate first, QDate last, int maxDays)
{
    QList<DayRange> chunks;
    if (!first.isValid() || !last.isValid() || first > last || maxDays < 1)
        return chunks;
    for (QDate start = first; start <= last; start = start.addDays(maxDays)) {
        const QDate end = std::min(last, start.addDays(maxDays - 1));
        chunks.append({start, end});
    }
    return chunks;
}

QDate utcDay(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc()).date();
}

qint64 dayStartMs(QDate day)
{
    return day.startOfDay(QTimeZone::utc()).toMSecsSinceEpoch();
}

} // namespace stackscope::connectors::sendgrid
