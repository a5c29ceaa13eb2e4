#include "mixpanelmapper.h"

#include "net/httpclient.h"

#include <QDateTime>
#include <QTimeZone>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <functional>

namespace stackscope::connectors::mixpanel {

namespace {

using json = nlohmann::json;

constexpr qsizetype kMaxLabelChars = 200;

Error parseError(const QString &message)
{
    return Error::make(Error::Code::Parse, message);
}

Error configError(const QString &message)
{
    return Error::make(Error::Code::Config, message);
}

QString toQString(const std::string &text)
{
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

QString toQString(const json &value)
{
    return toQString(value.get_ref<const std::string &>());
}

// One line, no control characters, bounded: for labels and messages built from vendor text.
QString tidy(QString text, qsizetype max = 300)
{
    for (QChar &c : text) {
        if (c.category() == QChar::Other_Control)
            c = QLatin1Char(' ');
    }
    text = text.simplified();
    return text.size() > max ? text.left(max - 1) + QChar(0x2026) : text;
}

bool hasControl(const QString &text)
{
    return std::any_of(text.begin(), text.end(), [](QChar c) { return c.category() == QChar::Other_Control; });
}

bool isDigits(const QString &text, qsizetype maxLength = 20)
{
    return !text.isEmpty() && text.size() <= maxLength
           && std::all_of(text.begin(), text.end(), [](QChar c) { return c >= QLatin1Char('0') && c <= QLatin1Char('9'); });
}

// "2026-03-01" and nothing else (QDate's ISO parser also takes other shapes).
QDate parseDay(const QString &text)
{
    if (text.size() != 10 || text.at(4) != QLatin1Char('-') || text.at(7) != QLatin1Char('-'))
        return {};
    return QDate::fromString(text, Qt::ISODate);
}

// "a, b,,a" -> {"a", "b"}.
QStringList splitList(const QString &text)
{
    QStringList out;
    for (const QString &part : text.split(QLatin1Char(','))) {
        const QString item = part.trimmed();
        if (!item.isEmpty() && !out.contains(item))
            out.append(item);
    }
    return out;
}

Status checkName(const QString &name, const QString &what)
{
    if (name.size() > 255 || hasControl(name))
        return configError(QStringLiteral("The %1 \"%2\" is longer than 255 characters or contains a control "
                                          "character.").arg(what, tidy(name, 60)));
    return {};
}

QString describeInterval(std::chrono::seconds interval)
{
    const qint64 s = interval.count();
    if (s % 3600 == 0)
        return s == 3600 ? QStringLiteral("hour") : QStringLiteral("%1 hours").arg(s / 3600);
    if (s % 60 == 0)
        return s == 60 ? QStringLiteral("minute") : QStringLiteral("%1 minutes").arg(s / 60);
    return QStringLiteral("%1 seconds").arg(s);
}

// The vendor's words when an answer is an error object ({"error": "...", "request": "..."}).
QString vendorWords(const json &doc)
{
    if (!doc.is_object())
        return {};
    const auto error = doc.find("error");
    if (error != doc.end() && error->is_string())
        return tidy(toQString(*error));
    return {};
}

Result<json> parseObject(QByteArrayView body, const QString &what)
{
    json doc = json::parse(body.begin(), body.end(), nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded())
        return parseError(QStringLiteral("Mixpanel's %1 answer is not valid JSON.").arg(what));
    if (!doc.is_object())
        return parseError(QStringLiteral("Mixpanel's %1 answer is not a JSON object.").arg(what));
    if (const QString words = vendorWords(doc); !words.isEmpty())
        return parseError(QStringLiteral("Mixpanel answered with an error instead of %1: %2").arg(what, words));
    return doc;
}

// A finite number, or nullopt for JSON null; anything else is an error.
Result<std::optional<double>> numberOrNull(const json &value, const QString &what)
{
    if (value.is_null())
        return std::optional<double>();
    if (!value.is_number())
        return parseError(QStringLiteral("Mixpanel's %1 is not a number.").arg(what));
    const double number = value.get<double>();
    if (!std::isfinite(number))
        return parseError(QStringLiteral("Mixpanel's %1 is not a finite number.").arg(what));
    return std::optional<double>(number);
}

// {"data": {"series": [...], "values": {name: {date: n}}}}: one sample per (name, date), labelled by `labelsFor`.
Result<SampleBatch> mapSeries(QByteArrayView body, const QString &what, const QString &metric,
                              const std::function<Labels(const QString &)> &labelsFor)
{
    auto doc = parseObject(body, what);
    if (!doc)
        return doc.error();
    const auto data = doc->find("data");
    if (data == doc->end() || !data->is_object())
        return parseError(QStringLiteral("Mixpanel's %1 answer has no \"data\" object.").arg(what));
    const auto values = data->find("values");
    if (values == data->end() || values->is_null())
        return SampleBatch(); // nothing in the range
    if (!values->is_object())
        return parseError(QStringLiteral("Mixpanel's %1 answer: \"data.values\" is not an object.").arg(what));
    SampleBatch samples;
    for (auto series = values->begin(); series != values->end(); ++series) {
        const QString name = toQString(series.key());
        if (!series.value().is_object())
            return parseError(QStringLiteral("Mixpanel's %1 for \"%2\" are not a date → count object.")
                                  .arg(what, tidy(name, 60)));
        const Labels labels = labelsFor(tidy(name, kMaxLabelChars));
        for (auto point = series.value().begin(); point != series.value().end(); ++point) {
            const QString dateText = toQString(point.key());
            const QDate day = parseDay(dateText);
            if (!day.isValid())
                return parseError(QStringLiteral("Mixpanel's %1 name the day \"%2\", which is not a YYYY-MM-DD date.")
                                      .arg(what, tidy(dateText, 40)));
            auto number = numberOrNull(point.value(), QStringLiteral("%1 for %2").arg(what, dateText));
            if (!number)
                return number.error();
            if (number.value())
                samples.append(MetricSample{metric, labels, dayStartMs(day), *number.value()});
        }
    }
    return samples;
}

} // namespace

Result<Settings> parseSettings(const QMap<QString, QString> &settings, const QUrl &baseUrlOverride)
{
    Settings out;
    const QString region = settings.value(QStringLiteral("region")).trimmed().toLower();
    if (!baseUrlOverride.isEmpty())
        out.baseUrl = baseUrlOverride;
    else if (region.isEmpty() || region == QLatin1String("us"))
        out.baseUrl = QUrl(QString::fromLatin1(kUsBaseUrl));
    else if (region == QLatin1String("eu"))
        out.baseUrl = QUrl(QString::fromLatin1(kEuBaseUrl));
    else if (region == QLatin1String("in"))
        out.baseUrl = QUrl(QString::fromLatin1(kInBaseUrl));
    else
        return configError(QStringLiteral("The Mixpanel region must be \"us\", \"eu\" or \"in\" (the project's data "
                                          "residency), not \"%1\".").arg(tidy(settings.value(QStringLiteral("region")), 40)));
    QString why;
    if (!net::HttpClient::isAllowedUrl(out.baseUrl, &why))
        return configError(QStringLiteral("The Mixpanel base URL cannot be used: %1.").arg(why));

    out.username = settings.value(QStringLiteral("username")).trimmed();
    if (out.username.isEmpty())
        return configError(QStringLiteral("Set the service account's username (Mixpanel → Organization Settings → "
                                          "Service Accounts)."));
    if (out.username.contains(QLatin1Char(':')) || hasControl(out.username) || out.username.size() > 255)
        return configError(QStringLiteral("The service account username may not contain \":\" or control characters."));

    out.projectId = settings.value(QStringLiteral("project_id")).trimmed();
    if (!isDigits(out.projectId))
        return configError(QStringLiteral("The Mixpanel project ID is a number (Project Settings → Overview), not "
                                          "\"%1\".").arg(tidy(out.projectId, 40)));
    out.workspaceId = settings.value(QStringLiteral("workspace_id")).trimmed();
    if (!out.workspaceId.isEmpty() && !isDigits(out.workspaceId))
        return configError(QStringLiteral("The Mixpanel workspace ID is a number, not \"%1\".").arg(tidy(out.workspaceId, 40)));

    out.events = splitList(settings.value(QStringLiteral("events")));
    if (out.events.size() > kMaxEvents)
        return configError(QStringLiteral("At most %1 events can be counted; %2 are set.").arg(kMaxEvents).arg(out.events.size()));
    for (const QString &event : std::as_const(out.events)) {
        if (Status ok = checkName(event, QStringLiteral("event name")); !ok)
            return ok.error();
    }

    out.segmentProperty = settings.value(QStringLiteral("segment_property")).trimmed();
    out.segmentEvent = settings.value(QStringLiteral("segment_event")).trimmed();
    if (!out.segmentProperty.isEmpty()) {
        if (out.segmentEvent.isEmpty() && !out.events.isEmpty())
            out.segmentEvent = out.events.first();
        if (out.segmentEvent.isEmpty())
            return configError(QStringLiteral("Segmenting by \"%1\" needs an event: set segment_event (or events).")
                                   .arg(tidy(out.segmentProperty, 60)));
        if (Status ok = checkName(out.segmentProperty, QStringLiteral("property name")); !ok)
            return ok.error();
        if (Status ok = checkName(out.segmentEvent, QStringLiteral("event name")); !ok)
            return ok.error();
    } else if (!out.segmentEvent.isEmpty()) {
        return configError(QStringLiteral("segment_event is set but segment_property is not: name the property to "
                                          "segment \"%1\" by.").arg(tidy(out.segmentEvent, 60)));
    }

    for (const QString &id : splitList(settings.value(QStringLiteral("funnel_ids")))) {
        bool ok = false;
        const qint64 value = id.toLongLong(&ok);
        if (!isDigits(id, 18) || !ok || value <= 0)
            return configError(QStringLiteral("Funnel IDs are numbers (from the funnel's URL in Mixpanel), not \"%1\".")
                                   .arg(tidy(id, 40)));
        if (!out.funnelIds.contains(value))
            out.funnelIds.append(value);
    }
    if (out.funnelIds.size() > kMaxFunnels)
        return configError(QStringLiteral("At most %1 funnels can be read; %2 are set.").arg(kMaxFunnels).arg(out.funnelIds.size()));

    out.retentionBornEvent = settings.value(QStringLiteral("retention")).trimmed();
    out.retentionEvent = settings.value(QStringLiteral("retention_event")).trimmed();
    if (out.retentionBornEvent.isEmpty() && !out.retentionEvent.isEmpty())
        return configError(QStringLiteral("retention_event is set but retention (the event that starts a cohort) is not."));
    if (Status ok = checkName(out.retentionBornEvent, QStringLiteral("retention event")); !ok)
        return ok.error();
    if (Status ok = checkName(out.retentionEvent, QStringLiteral("retention return event")); !ok)
        return ok.error();
    const QString days = settings.value(QStringLiteral("retention_days")).trimmed();
    if (!days.isEmpty()) {
        bool ok = false;
        out.retentionDays = days.toInt(&ok);
        if (!ok || out.retentionDays < 1 || out.retentionDays > kMaxRetentionDays)
            return configError(QStringLiteral("retention_days must be a whole number from 1 to %1, not \"%2\".")
                                   .arg(kMaxRetentionDays)
                                   .arg(tidy(days, 20)));
    }

    if (out.events.isEmpty() && out.segmentProperty.isEmpty() && out.funnelIds.isEmpty() && out.retentionBornEvent.isEmpty())
        return configError(QStringLiteral("Choose what to read from Mixpanel: set events, segment_property, funnel_ids "
                                          "or retention."));
    return out;
}

int queriesPerPoll(const Settings &settings)
{
    return (settings.events.isEmpty() ? 0 : 1) + (settings.segmentProperty.isEmpty() ? 0 : 1)
           + int(settings.funnelIds.size()) + (settings.retentionBornEvent.isEmpty() ? 0 : 1);
}

Status checkQueryBudget(int perPoll, std::chrono::seconds interval)
{
    if (perPoll <= 0)
        return {};
    const qint64 seconds = std::max<qint64>(1, interval.count());
    const qint64 perHour = (qint64(perPoll) * 3600 + seconds - 1) / seconds;
    if (perHour <= kQueriesPerHour)
        return {};
    // perPoll queries every I seconds fit when perPoll * 3600 / I <= 60, i.e. I >= perPoll minutes.
    return configError(QStringLiteral("This Mixpanel service needs %1 queries an hour (%2 per poll, every %3); "
                                      "Mixpanel allows %4: poll every %5 minutes or more, or ask for fewer reports "
                                      "(each saved funnel, the segmentation and the retention report take one query "
                                      "each; all events together take one).")
                           .arg(perHour)
                           .arg(perPoll)
                           .arg(describeInterval(interval))
                           .arg(kQueriesPerHour)
                           .arg(perPoll));
}

QList<PlannedQuery> plan(const Settings &settings)
{
    using Kind = PlannedQuery::Kind;
    QList<PlannedQuery> queries;
    if (!settings.events.isEmpty())
        queries.append({Kind::Events, QStringLiteral("events"), 0});
    if (!settings.segmentProperty.isEmpty())
        queries.append({Kind::Segmentation, QStringLiteral("segmentation"), 0});
    for (qint64 id : settings.funnelIds)
        queries.append({Kind::Funnel, QStringLiteral("funnel:%1").arg(id), id});
    if (!settings.retentionBornEvent.isEmpty())
        queries.append({Kind::Retention, QStringLiteral("retention"), 0});
    return queries;
}

QList<PlannedQuery> resumeAt(const QList<PlannedQuery> &queries, const QString &key)
{
    if (key.isEmpty())
        return queries;
    for (qsizetype i = 0; i < queries.size(); ++i) {
        if (queries[i].key == key)
            return queries.mid(i);
    }
    return queries;
}

QString jsonArray(const QStringList &values)
{
    json array = json::array();
    for (const QString &value : values)
        array.push_back(value.toStdString());
    return toQString(array.dump());
}

QString propertyExpression(const QString &property)
{
    QString escaped = property;
    escaped.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    escaped.replace(QLatin1Char('"'), QStringLiteral("\\\""));
    return QStringLiteral("properties[\"%1\"]").arg(escaped);
}

Result<SampleBatch> mapEvents(QByteArrayView body)
{
    return mapSeries(body, QStringLiteral("event counts"), QString::fromLatin1(kEvents), [](const QString &name) {
        return Labels{{QStringLiteral("event"), name}};
    });
}

Result<SampleBatch> mapSegmentation(QByteArrayView body, const QString &event, const QString &property)
{
    return mapSeries(body, QStringLiteral("segmentation"), QString::fromLatin1(kSegmentEvents),
                     [&](const QString &segment) {
                         return Labels{{QStringLiteral("event"), event},
                                       {QStringLiteral("property"), property},
                                       {QStringLiteral("segment"), segment}};
                     });
}

Result<SampleBatch> mapFunnel(QByteArrayView body, qint64 funnelId)
{
    const QString what = QStringLiteral("funnel %1").arg(funnelId);
    auto doc = parseObject(body, what);
    if (!doc)
        return doc.error();
    const auto data = doc->find("data");
    if (data == doc->end() || data->is_null())
        return SampleBatch();
    if (!data->is_object())
        return parseError(QStringLiteral("Mixpanel's %1 answer has no \"data\" object.").arg(what));
    SampleBatch samples;
    const QString id = QString::number(funnelId);
    for (auto entry = data->begin(); entry != data->end(); ++entry) {
        const QString dateText = toQString(entry.key());
        const QDate day = parseDay(dateText);
        if (!day.isValid())
            return parseError(QStringLiteral("Mixpanel's %1 names the day \"%2\", which is not a YYYY-MM-DD date.")
                                  .arg(what, tidy(dateText, 40)));
        if (!entry.value().is_object())
            return parseError(QStringLiteral("Mixpanel's %1 for %2 is not an object.").arg(what, dateText));
        const auto steps = entry.value().find("steps");
        if (steps == entry.value().end() || !steps->is_array())
            return parseError(QStringLiteral("Mixpanel's %1 for %2 has no \"steps\" list.").arg(what, dateText));
        const qint64 ts = dayStartMs(day);
        for (std::size_t i = 0; i < steps->size(); ++i) {
            const json &step = (*steps)[i];
            const QString where = QStringLiteral("%1, %2, step %3").arg(what, dateText).arg(i + 1);
            if (!step.is_object())
                return parseError(QStringLiteral("Mixpanel's %1 is not an object.").arg(where));
            QString name;
            for (const char *key : {"step_label", "goal", "event"}) {
                const auto field = step.find(key);
                if (field != step.end() && field->is_string() && !field->get_ref<const std::string &>().empty()) {
                    name = tidy(toQString(*field), kMaxLabelChars);
                    break;
                }
            }
            const Labels labels{{QStringLiteral("funnel_id"), id},
                                {QStringLiteral("step"), QString::number(i + 1)},
                                {QStringLiteral("step_name"), name.isEmpty() ? QStringLiteral("step %1").arg(i + 1) : name}};
            const struct
            {
                const char *field;
                const char *metric;
            } values[] = {{"count", kFunnelCount},
                          {"overall_conv_ratio", kFunnelConversion},
                          {"step_conv_ratio", kFunnelStepConversion}};
            for (const auto &value : values) {
                const auto field = step.find(value.field);
                if (field == step.end())
                    continue;
                auto number = numberOrNull(*field, QStringLiteral("\"%1\" (%2)").arg(QLatin1String(value.field), where));
                if (!number)
                    return number.error();
                if (number.value())
                    samples.append(MetricSample{QString::fromLatin1(value.metric), labels, ts, *number.value()});
            }
        }
    }
    return samples;
}

Result<SampleBatch> mapRetention(QByteArrayView body, const QString &bornEvent, const QString &returnEvent)
{
    const QString what = QStringLiteral("retention");
    auto doc = parseObject(body, what);
    if (!doc)
        return doc.error();
    Labels base{{QStringLiteral("born_event"), bornEvent}};
    if (!returnEvent.isEmpty())
        base.insert(QStringLiteral("event"), returnEvent);
    SampleBatch samples;
    for (auto cohort = doc->begin(); cohort != doc->end(); ++cohort) {
        const QString dateText = toQString(cohort.key());
        const QDate day = parseDay(dateText);
        if (!day.isValid())
            return parseError(QStringLiteral("Mixpanel's retention names the cohort \"%1\", which is not a YYYY-MM-DD "
                                             "date.").arg(tidy(dateText, 40)));
        const json &entry = cohort.value();
        if (!entry.is_object())
            return parseError(QStringLiteral("Mixpanel's retention cohort %1 is not an object.").arg(dateText));
        const auto first = entry.find("first");
        const auto counts = entry.find("counts");
        if (first == entry.end() || counts == entry.end() || !counts->is_array())
            return parseError(QStringLiteral("Mixpanel's retention cohort %1 lacks \"first\" or \"counts\".").arg(dateText));
        auto size = numberOrNull(*first, QStringLiteral("cohort size for %1").arg(dateText));
        if (!size)
            return size.error();
        const qint64 ts = dayStartMs(day);
        const std::optional<double> cohortSize = size.value();
        if (cohortSize)
            samples.append(MetricSample{QString::fromLatin1(kRetentionCohort), base, ts, *cohortSize});
        for (std::size_t i = 0; i < counts->size(); ++i) {
            auto retained = numberOrNull((*counts)[i], QStringLiteral("retention count %1 for %2").arg(i).arg(dateText));
            if (!retained)
                return retained.error();
            if (!retained.value())
                continue;
            Labels labels = base;
            labels.insert(QStringLiteral("day"), QString::number(i));
            samples.append(MetricSample{QString::fromLatin1(kRetentionRetained), labels, ts, *retained.value()});
            if (cohortSize && *cohortSize > 0)
                samples.append(MetricSample{QString::fromLatin1(kRetentionRate), labels, ts, *retained.value() / *cohortSize});
        }
    }
    return samples;
}

Result<QList<SavedFunnel>> mapFunnelList(QByteArrayView body)
{
    const json doc = json::parse(body.begin(), body.end(), nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded())
        return parseError(QStringLiteral("Mixpanel's list of saved funnels is not valid JSON."));
    if (!doc.is_array()) {
        const QString words = vendorWords(doc);
        return parseError(words.isEmpty() ? QStringLiteral("Mixpanel's list of saved funnels is not a list.")
                                          : QStringLiteral("Mixpanel answered with an error instead of the funnels: %1").arg(words));
    }
    QList<SavedFunnel> funnels;
    for (const json &entry : doc) {
        if (!entry.is_object())
            continue;
        const auto id = entry.find("funnel_id");
        if (id == entry.end() || !id->is_number_integer())
            continue;
        SavedFunnel funnel;
        funnel.id = id->get<std::int64_t>();
        const auto name = entry.find("name");
        if (name != entry.end() && name->is_string())
            funnel.name = tidy(toQString(*name), 80);
        funnels.append(funnel);
    }
    return funnels;
}

Error explain(Error error)
{
    static const QString generic = QStringLiteral("The service ");
    if (error.userMessage.startsWith(generic))
        error.userMessage = QStringLiteral("Mixpanel ") + error.userMessage.mid(generic.size());
    else if (!error.userMessage.startsWith(QLatin1String("Mixpanel")))
        error.userMessage = QStringLiteral("Mixpanel: ") + error.userMessage;
    if (error.code == Error::Code::RateLimited)
        error.userMessage += QStringLiteral(" Mixpanel allows %1 Query API queries an hour and %2 at a time per "
                                            "project, other tools on the same project included.")
                                 .arg(kQueriesPerHour)
                                 .arg(kMaxConcurrentQueries);
    return error;
}

QDate utcDay(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc()).date();
}

qint64 dayStartMs(QDate day)
{
    return day.startOfDay(QTimeZone::utc()).toMSecsSinceEpoch();
}

} // namespace stackscope::connectors::mixpanel
