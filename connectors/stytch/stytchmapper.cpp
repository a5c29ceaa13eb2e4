#include "stytchmapper.h"

#include "net/httpclient.h"

#include <QDateTime>
#include <QRegularExpression>
#include <QSet>
#include <QTimeZone>

#include <nlohmann/json.hpp>

#include <cmath>

namespace stackscope::connectors::stytch {

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

std::string toStd(const QString &text)
{
    return text.toStdString();
}

QByteArray dump(const json &doc)
{
    const std::string text = doc.dump();
    return QByteArray(text.data(), qsizetype(text.size()));
}

json searchBody(json operands)
{
    json body = json::object();
    body["limit"] = 1;
    if (!operands.empty())
        body["query"] = json{{"operator", "AND"}, {"operands", std::move(operands)}};
    return body;
}

// "2021-12-29T12:33:09Z" (fractions of a second allowed); invalid QDateTime otherwise.
QDateTime parseTime(const json &value)
{
    if (!value.is_string())
        return {};
    QDateTime when = QDateTime::fromString(toQString(value), Qt::ISODateWithMs);
    if (!when.isValid())
        when = QDateTime::fromString(toQString(value), Qt::ISODate);
    return when;
}

// A user or session ID: printable, no separators that would need escaping in a query.
bool isPlainId(const QString &id)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9_-]{1,128}$"));
    return pattern.match(id).hasMatch();
}

} // namespace

const QList<Factor> &factors()
{
    // Filter names after stytch-node lib/b2c/users.ts (SearchUsersQueryOperand).
    static const QList<Factor> list{
        {QStringLiteral("totp"), QStringLiteral("totp_verified")},
        {QStringLiteral("phone"), QStringLiteral("phone_verified")},
        {QStringLiteral("webauthn"), QStringLiteral("webauthn_registration_verified")},
        {QStringLiteral("email"), QStringLiteral("email_verified")},
        {QStringLiteral("crypto_wallet"), QStringLiteral("crypto_wallet_verified")},
        {QStringLiteral("password"), QStringLiteral("password_exists")},
    };
    return list;
}

const QStringList &userStatuses()
{
    static const QStringList statuses{QStringLiteral("active"), QStringLiteral("pending")};
    return statuses;
}

Result<Settings> parseSettings(const QMap<QString, QString> &settings, const QUrl &baseUrlOverride)
{
    Settings out;
    out.projectId = settings.value(QStringLiteral("project_id")).trimmed();
    static const QRegularExpression projectPattern(QStringLiteral("^project-[A-Za-z0-9-]{1,120}$"));
    if (!projectPattern.match(out.projectId).hasMatch())
        return Error::make(Error::Code::Config,
                           QStringLiteral("The Stytch project ID must look like \"project-live-…\" or "
                                          "\"project-test-…\" (Stytch dashboard → Project settings → API keys)."),
                           QStringLiteral("stytch: project_id setting malformed"));
    out.live = out.projectId.startsWith(QLatin1String("project-live-"));
    out.baseUrl = baseUrlOverride.isEmpty() ? QUrl(QString::fromLatin1(out.live ? kLiveBaseUrl : kTestBaseUrl))
                                            : baseUrlOverride;
    QString why;
    if (!net::HttpClient::isAllowedUrl(out.baseUrl, &why))
        return Error::make(Error::Code::Config, QStringLiteral("The Stytch base URL cannot be used: %1.").arg(why));

    // Absent: every factor. Present but empty (or "none"): no factor searches.
    const QString factorKey = QStringLiteral("factors");
    if (!settings.contains(factorKey)) {
        for (const Factor &factor : factors())
            out.factors.append(factor.key);
    } else {
        const QString text = settings.value(factorKey).trimmed().toLower();
        QSet<QString> wanted;
        if (text != QLatin1String("none")) {
            for (const QString &part : text.split(QLatin1Char(','), Qt::SkipEmptyParts))
                wanted.insert(part.trimmed());
        }
        wanted.remove(QString());
        for (const Factor &factor : factors()) {
            if (wanted.remove(factor.key))
                out.factors.append(factor.key);
        }
        if (!wanted.isEmpty()) {
            QStringList known;
            for (const Factor &factor : factors())
                known.append(factor.key);
            QStringList unknown = wanted.values();
            unknown.sort();
            return Error::make(Error::Code::Config,
                               QStringLiteral("Unknown Stytch factor \"%1\" in the factors setting; use any of %2 "
                                              "(or \"none\").")
                                   .arg(unknown.first().left(40), known.join(QStringLiteral(", "))));
        }
    }

    for (const QString &part : settings.value(QStringLiteral("session_user_ids")).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString id = part.trimmed();
        if (id.isEmpty() || out.sessionUserIds.contains(id))
            continue;
        if (!isPlainId(id))
            return Error::make(Error::Code::Config,
                               QStringLiteral("\"%1\" in session_user_ids is not a Stytch user ID (\"user-live-…\").")
                                   .arg(id.left(60)));
        out.sessionUserIds.append(id);
    }
    if (out.sessionUserIds.size() > kMaxSessionUsers)
        return Error::make(Error::Code::Config,
                           QStringLiteral("Stytch sessions are read one user at a time; at most %1 users may be listed "
                                          "in session_user_ids (%2 are).")
                               .arg(kMaxSessionUsers)
                               .arg(out.sessionUserIds.size()));
    return out;
}

QByteArray signupSearchBody(QDate day)
{
    const qint64 start = dayStartMs(day);
    json between{{"greater_than", toStd(rfc3339(start))}, {"less_than", toStd(rfc3339(dayStartMs(day.addDays(1))))}};
    json operands = json::array();
    operands.push_back(json{{"filter_name", "created_at_between"}, {"filter_value", std::move(between)}});
    return dump(searchBody(std::move(operands)));
}

QByteArray filterSearchBody(const QString &filterName, bool value)
{
    json operands = json::array();
    operands.push_back(json{{"filter_name", toStd(filterName)}, {"filter_value", value}});
    return dump(searchBody(std::move(operands)));
}

QByteArray statusSearchBody(const QString &status)
{
    json operands = json::array();
    operands.push_back(json{{"filter_name", "status"}, {"filter_value", toStd(status)}});
    return dump(searchBody(std::move(operands)));
}

QByteArray allUsersSearchBody()
{
    return dump(searchBody(json::array()));
}

Result<SampleBatch> mapProjectMetrics(QByteArrayView body, qint64 ts)
{
    const json doc = json::parse(body.begin(), body.end(), nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded())
        return parseError(QStringLiteral("Stytch's project metrics answer is not valid JSON."));
    const auto metrics = doc.is_object() ? doc.find("metrics") : doc.end();
    if (!doc.is_object() || metrics == doc.end() || !metrics->is_array())
        return parseError(QStringLiteral("Stytch's project metrics answer has no \"metrics\" list."));
    static const QMap<QString, QString> names{
        {QStringLiteral("USER_COUNT"), QString::fromLatin1(kUsersTotal)},
        {QStringLiteral("ORGANIZATION_COUNT"), QString::fromLatin1(kOrganizationsTotal)},
        {QStringLiteral("MEMBER_COUNT"), QString::fromLatin1(kMembersTotal)},
        {QStringLiteral("M2M_CLIENT_COUNT"), QString::fromLatin1(kM2mClientsTotal)},
    };
    SampleBatch samples;
    for (const json &metric : *metrics) {
        if (!metric.is_object())
            return parseError(QStringLiteral("Stytch's project metrics hold an entry that is not an object."));
        const auto type = metric.find("metric_type");
        const QString typeName = type == metric.end() ? QString() : toQString(*type);
        const QString name = names.value(typeName);
        if (name.isEmpty())
            continue; // UNKNOWN or a type this version does not know
        const auto count = metric.find("count");
        if (count == metric.end() || !count->is_number())
            return parseError(QStringLiteral("Stytch's project metric %1 has no numeric \"count\".").arg(typeName));
        const double value = count->get<double>();
        if (!std::isfinite(value) || value < 0)
            return parseError(QStringLiteral("Stytch's project metric %1 has an impossible count.").arg(typeName));
        samples.append(MetricSample{name, {}, ts, value});
    }
    return samples;
}

Result<qint64> searchTotal(QByteArrayView body)
{
    const json doc = json::parse(body.begin(), body.end(), nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded())
        return parseError(QStringLiteral("Stytch's user search answer is not valid JSON."));
    const auto meta = doc.is_object() ? doc.find("results_metadata") : doc.end();
    if (!doc.is_object() || meta == doc.end() || !meta->is_object())
        return parseError(QStringLiteral("Stytch's user search answer has no \"results_metadata\"."));
    const auto total = meta->find("total");
    if (total == meta->end() || !total->is_number())
        return parseError(QStringLiteral("Stytch's user search answer has no numeric results_metadata.total."));
    const double value = total->get<double>();
    if (!std::isfinite(value) || value != std::floor(value) || value < -1 || value > 9.0e15)
        return parseError(QStringLiteral("Stytch's user search answer has an impossible results_metadata.total."));
    return qint64(value);
}

Status tallySessions(QByteArrayView body, SessionTally &tally)
{
    const json doc = json::parse(body.begin(), body.end(), nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded())
        return parseError(QStringLiteral("Stytch's sessions answer is not valid JSON."));
    const auto sessions = doc.is_object() ? doc.find("sessions") : doc.end();
    if (!doc.is_object() || sessions == doc.end() || !sessions->is_array())
        return parseError(QStringLiteral("Stytch's sessions answer has no \"sessions\" list."));
    SessionTally add;
    for (const json &session : *sessions) {
        if (!session.is_object())
            return parseError(QStringLiteral("Stytch's sessions answer holds an entry that is not an object."));
        ++add.sessions;
        const auto started = session.find("started_at");
        const auto accessed = session.find("last_accessed_at");
        if (started != session.end() && accessed != session.end()) {
            const QDateTime from = parseTime(*started);
            const QDateTime to = parseTime(*accessed);
            if (from.isValid() && to.isValid() && to >= from) {
                add.durationSecondsSum += double(from.msecsTo(to)) / 1000.0;
                ++add.timedSessions;
            }
        }
        QSet<QString> types;
        const auto factorList = session.find("authentication_factors");
        if (factorList != session.end() && factorList->is_array()) {
            for (const json &factor : *factorList) {
                if (!factor.is_object())
                    continue;
                const auto type = factor.find("type");
                const QString name = type == factor.end() ? QString() : toQString(*type).left(64);
                if (!name.isEmpty())
                    types.insert(name);
            }
        }
        for (const QString &type : std::as_const(types))
            ++add.factors[type];
        if (types.size() >= 2)
            ++add.multiFactor;
    }
    tally.sessions += add.sessions;
    tally.durationSecondsSum += add.durationSecondsSum;
    tally.timedSessions += add.timedSessions;
    tally.multiFactor += add.multiFactor;
    for (auto it = add.factors.cbegin(); it != add.factors.cend(); ++it)
        tally.factors[it.key()] += it.value();
    return {};
}

SampleBatch sessionSamples(const SessionTally &tally, qint64 ts)
{
    SampleBatch samples;
    samples.append(MetricSample{QString::fromLatin1(kSessionsActive), {}, ts, double(tally.sessions)});
    samples.append(MetricSample{QString::fromLatin1(kSessionsMultiFactor), {}, ts, double(tally.multiFactor)});
    if (tally.timedSessions > 0)
        samples.append(MetricSample{QString::fromLatin1(kSessionsDurationAvg), {}, ts,
                                    tally.durationSecondsSum / double(tally.timedSessions)});
    for (auto it = tally.factors.cbegin(); it != tally.factors.cend(); ++it)
        samples.append(MetricSample{QString::fromLatin1(kSessionsWithFactor), {{QStringLiteral("factor"), it.key()}},
                                    ts, double(it.value())});
    return samples;
}

std::optional<StytchError> parseStytchError(QByteArrayView body)
{
    const json doc = json::parse(body.begin(), body.end(), nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded() || !doc.is_object())
        return std::nullopt;
    StytchError error;
    if (const auto type = doc.find("error_type"); type != doc.end())
        error.type = toQString(*type).simplified().left(100);
    if (const auto message = doc.find("error_message"); message != doc.end())
        error.message = toQString(*message).simplified().left(300);
    if (const auto request = doc.find("request_id"); request != doc.end())
        error.requestId = toQString(*request).simplified().left(100);
    if (error.type.isEmpty() && error.message.isEmpty())
        return std::nullopt;
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

qint64 minuteStartMs(qint64 ms)
{
    return ms - ((ms % 60'000) + 60'000) % 60'000;
}

QString rfc3339(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc()).toString(QStringLiteral("yyyy-MM-dd'T'HH:mm:ss'Z'"));
}

} // namespace stackscope::connectors::stytch
