#include "alerts/builtinalerts.h"

#include <algorithm>

namespace stackscope::alerts {

namespace {

constexpr qint64 kMinuteMs = 60 * 1000;
constexpr qint64 kHourMs = 60 * kMinuteMs;

const QString kFailing = QStringLiteral("polling-failing");
const QString kCredentials = QStringLiteral("credentials");
const QString kNoData = QStringLiteral("no-data");

QString keyFor(const QString &kind, const QString &uuid)
{
    return QStringLiteral("builtin:%1:%2").arg(kind, uuid);
}

QString who(const ServiceConfig &config)
{
    return config.project.isEmpty() ? config.name : QStringLiteral("%1 (%2)").arg(config.name, config.project);
}

BuiltinVerdict verdictFor(const QString &kind, const ServiceConfig &config)
{
    BuiltinVerdict out;
    out.ruleKey = keyFor(kind, config.uuid);
    out.rule = builtinRule(out.ruleKey, config.name);
    out.rule.project = config.project;
    out.rule.service = config.name;
    out.verdict.project = config.project;
    out.verdict.service = config.name;
    out.verdict.labels = {{QStringLiteral("project"), config.project}, {QStringLiteral("service"), config.name}};
    return out;
}

BuiltinVerdict pollingFailing(const ServiceStatus &status, const BuiltinSettings &settings, qint64 nowMs)
{
    BuiltinVerdict out = verdictFor(kFailing, status.config);
    const ServiceHealth &health = status.health;
    if (!status.config.enabled || health.state != ServiceHealth::State::Failing)
        return out;
    if (health.lastSuccessMs > 0) {
        const qint64 failingFor = nowMs - health.lastSuccessMs;
        out.verdict.firing = failingFor > settings.failingAfterMs;
        out.verdict.value = double(failingFor) / kMinuteMs;
        out.verdict.threshold = double(settings.failingAfterMs) / kMinuteMs;
        out.verdict.summary = QStringLiteral("Polling %1 has failed for %2 (%3 attempts in a row): %4")
                                  .arg(who(status.config), readableDuration(failingFor))
                                  .arg(health.consecutiveFailures)
                                  .arg(health.lastError);
    } else {
        // Never succeeded: how long it has failed is only known from when the engine first saw it failing.
        out.rule.forMs = settings.failingAfterMs;
        out.verdict.firing = true;
        out.verdict.value = health.consecutiveFailures;
        out.verdict.summary = QStringLiteral("Polling %1 has never succeeded (%2 attempts): %3")
                                  .arg(who(status.config))
                                  .arg(health.consecutiveFailures)
                                  .arg(health.lastError);
    }
    return out;
}

BuiltinVerdict credentials(const ServiceStatus &status)
{
    BuiltinVerdict out = verdictFor(kCredentials, status.config);
    if (!status.config.enabled || !isCredentialProblem(status.health))
        return out;
    out.verdict.firing = true;
    out.verdict.summary = QStringLiteral("Polling %1 is paused: %2").arg(who(status.config), status.health.lastError);
    return out;
}

BuiltinVerdict noData(const ServiceStatus &status, const BuiltinSettings &settings, qint64 nowMs)
{
    BuiltinVerdict out = verdictFor(kNoData, status.config);
    const ServiceActivity &activity = status.activity;
    // Paused services are covered by the credentials alert (or by the user's own choice); a service that never
    // delivered anything has nothing to miss.
    if (!status.config.enabled || status.health.state == ServiceHealth::State::Disabled || !activity.newestSampleMs)
        return out;
    const qint64 interval = qint64(status.config.interval.count()) * 1000;
    qint64 allowed = std::max(settings.noDataAtLeastMs, settings.noDataIntervals * interval);
    if (activity.sampleSpacingMs > kHourMs)
        allowed = std::max(allowed, 2 * activity.sampleSpacingMs);   // daily data is a day apart by nature
    const qint64 silentFor = nowMs - *activity.newestSampleMs;
    out.verdict.firing = silentFor > allowed;
    out.verdict.value = double(silentFor) / kMinuteMs;
    out.verdict.threshold = double(allowed) / kMinuteMs;
    out.verdict.summary = QStringLiteral("No data from %1 for %2 (expected within %3).")
                              .arg(who(status.config), readableDuration(silentFor), readableDuration(allowed));
    return out;
}

} // namespace

rules::AlertRule builtinRule(const QString &ruleKey, const QString &serviceName)
{
    rules::AlertRule rule;
    rule.uuid = ruleKey;
    rule.autoResolve = true;
    rule.forMs = 0;
    const QString kind = ruleKey.section(QLatin1Char(':'), 1, 1);
    if (kind == kCredentials) {
        rule.name = QStringLiteral("Credentials rejected or missing: %1").arg(serviceName);
        rule.severity = rules::Severity::Critical;
    } else if (kind == kNoData) {
        rule.name = QStringLiteral("No data: %1").arg(serviceName);
        rule.severity = rules::Severity::Warning;
    } else {
        rule.name = QStringLiteral("Polling failing: %1").arg(serviceName);
        rule.severity = rules::Severity::Warning;
    }
    return rule;   // no channels: the default ones
}

bool isCredentialProblem(const ServiceHealth &health)
{
    // PollScheduler pauses a service (Disabled) when the vendor answers 401/403 ("... Polling is paused until
    // the credentials change.") or a required credential is missing ("The credential "X" is missing; ...").
    // Other pauses (unknown type, a configuration over the vendor's limits) are not about credentials.
    return health.state == ServiceHealth::State::Disabled
        && health.lastError.contains(QLatin1String("credential"), Qt::CaseInsensitive);
}

QList<BuiltinVerdict> evaluateBuiltins(const QList<ServiceStatus> &services, const BuiltinSettings &settings, qint64 nowMs)
{
    QList<BuiltinVerdict> verdicts;
    verdicts.reserve(services.size() * 3);
    for (const ServiceStatus &status : services) {
        verdicts.append(pollingFailing(status, settings, nowMs));
        verdicts.append(credentials(status));
        verdicts.append(noData(status, settings, nowMs));
    }
    return verdicts;
}

QString readableDuration(qint64 ms)
{
    const qint64 minutes = std::max<qint64>(0, ms) / kMinuteMs;
    if (minutes < 60)
        return QStringLiteral("%1 min").arg(minutes);
    const qint64 hours = minutes / 60;
    if (hours < 48)
        return minutes % 60 ? QStringLiteral("%1 h %2 min").arg(hours).arg(minutes % 60) : QStringLiteral("%1 h").arg(hours);
    return hours % 24 ? QStringLiteral("%1 d %2 h").arg(hours / 24).arg(hours % 24) : QStringLiteral("%1 d").arg(hours / 24);
}

} // namespace stackscope::alerts
