#include "rules/alertrule.h"

#include "rules/ruleduration.h"

#include <QJsonArray>

#include <algorithm>
#include <cmath>

// The rule file format (toJson/ruleFromJson). Every key is optional except "name", "metric" and, for threshold
// and rate rules, "threshold"; unknown keys are refused so that a typo ("treshold") is an error, not a rule
// that silently uses the default. Errors start with the field's name: "window: must be at least 1 minute".

namespace stackscope::rules {

namespace {

constexpr int kMaxNameLength = 200;
constexpr int kMaxTextLength = 4000;
constexpr qint64 kMaxGraceMs = 30 * 24 * 3600 * 1000LL;

const QStringList &knownKeys()
{
    static const QStringList keys{
        QStringLiteral("uuid"), QStringLiteral("name"), QStringLiteral("description"), QStringLiteral("enabled"),
        QStringLiteral("severity"), QStringLiteral("metric"), QStringLiteral("labels"), QStringLiteral("project"),
        QStringLiteral("service"), QStringLiteral("aggregate_across_series"), QStringLiteral("condition"),
        QStringLiteral("comparison"), QStringLiteral("threshold"), QStringLiteral("percent"),
        QStringLiteral("aggregation"), QStringLiteral("window"), QStringLiteral("for"),
        QStringLiteral("sensitivity"), QStringLiteral("min_history_weeks"), QStringLiteral("auto_resolve"),
        QStringLiteral("reopen_grace"), QStringLiteral("cooldown"), QStringLiteral("channels"),
        QStringLiteral("panel")};
    return keys;
}

int editDistance(const QString &a, const QString &b)
{
    QList<int> previous(b.size() + 1);
    for (int j = 0; j <= b.size(); ++j)
        previous[j] = j;
    for (int i = 1; i <= a.size(); ++i) {
        QList<int> current(b.size() + 1);
        current[0] = i;
        for (int j = 1; j <= b.size(); ++j) {
            const int substitution = previous[j - 1] + (a[i - 1].toLower() == b[j - 1].toLower() ? 0 : 1);
            current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitution});
        }
        previous = current;
    }
    return previous[b.size()];
}

bool hasControlOrSpace(const QString &text)
{
    return std::any_of(text.cbegin(), text.cend(), [](QChar c) { return c.isSpace() || c.category() == QChar::Other_Control; });
}

// Reads fields one by one and keeps the first problem, so the checks read as a list.
class FieldReader
{
public:
    explicit FieldReader(const QJsonObject &json) : m_json(json) {}

    bool failed() const { return m_error.has_value(); }
    const Error &error() const { return *m_error; }
    bool has(const QString &key) const { return m_json.contains(key); }

    void fail(const QString &field, const QString &problem)
    {
        if (!m_error)
            m_error = Error::make(Error::Code::Config, field + QStringLiteral(": ") + problem);
    }

    void text(const QString &key, QString &out, int maxLength = kMaxNameLength)
    {
        if (!has(key))
            return;
        const QJsonValue value = m_json.value(key);
        if (!value.isString())
            return fail(key, QStringLiteral("must be a text in quotes"));
        if (value.toString().size() > maxLength)
            return fail(key, QStringLiteral("must be at most %1 characters").arg(maxLength));
        out = value.toString();
    }

    void boolean(const QString &key, bool &out)
    {
        if (!has(key))
            return;
        if (!m_json.value(key).isBool())
            return fail(key, QStringLiteral("must be true or false"));
        out = m_json.value(key).toBool();
    }

    void number(const QString &key, double &out)
    {
        if (!has(key))
            return;
        const QJsonValue value = m_json.value(key);
        if (!value.isDouble() || !std::isfinite(value.toDouble()))
            return fail(key, QStringLiteral("must be a number (without quotes)"));
        out = value.toDouble();
    }

    void duration(const QString &key, qint64 &out)
    {
        if (!has(key))
            return;
        auto parsed = durationFromJson(m_json.value(key));
        if (!parsed)
            return fail(key, parsed.error().userMessage);
        out = parsed.value();
    }

    template<typename Enum, typename FromName>
    void choice(const QString &key, Enum &out, FromName fromName, const QString &choices)
    {
        if (!has(key))
            return;
        const auto parsed = fromName(m_json.value(key).toString());
        if (!m_json.value(key).isString() || !parsed)
            return fail(key, QStringLiteral("must be one of %1").arg(choices));
        out = *parsed;
    }

    void labels(const QString &key, Labels &out)
    {
        if (!has(key))
            return;
        if (!m_json.value(key).isObject())
            return fail(key, QStringLiteral("must be an object of label names and values, e.g. {\"country\": \"US\"}"));
        const QJsonObject object = m_json.value(key).toObject();
        for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
            if (it.key().isEmpty() || hasControlOrSpace(it.key()))
                return fail(key, QStringLiteral("label names must not be empty or contain spaces"));
            if (!it.value().isString())
                return fail(key, QStringLiteral("the value of \"%1\" must be a text in quotes").arg(it.key()));
            out.insert(it.key(), it.value().toString());
        }
    }

    void textList(const QString &key, QStringList &out)
    {
        if (!has(key))
            return;
        if (!m_json.value(key).isArray())
            return fail(key, QStringLiteral("must be a list of names, e.g. [\"ops-email\"]"));
        for (const QJsonValue &value : m_json.value(key).toArray()) {
            if (!value.isString() || value.toString().trimmed().isEmpty())
                return fail(key, QStringLiteral("every entry must be a non-empty name in quotes"));
            out.append(value.toString());
        }
    }

private:
    const QJsonObject &m_json;
    std::optional<Error> m_error;
};

Status refuseUnknownKeys(const QJsonObject &json)
{
    for (const QString &key : json.keys()) {
        if (knownKeys().contains(key))
            continue;
        QString hint;
        for (const QString &known : knownKeys()) {
            if (editDistance(key, known) <= 2) {
                hint = QStringLiteral(" (did you mean \"%1\"?)").arg(known);
                break;
            }
        }
        return Error::make(Error::Code::Config, QStringLiteral("%1: unknown key%2").arg(key.left(64), hint));
    }
    return {};
}

void checkRule(const AlertRule &rule, FieldReader &reader)
{
    if (rule.name.trimmed().isEmpty())
        reader.fail(QStringLiteral("name"), QStringLiteral("is required"));
    if (rule.metric.isEmpty())
        reader.fail(QStringLiteral("metric"), QStringLiteral("is required (the metric's name, e.g. \"twilio.sms.failed\")"));
    else if (hasControlOrSpace(rule.metric))
        reader.fail(QStringLiteral("metric"), QStringLiteral("a metric name has no spaces"));
    const bool needsThreshold = rule.condition == ConditionKind::Threshold || rule.condition == ConditionKind::RateOfChange;
    if (needsThreshold && !reader.has(QStringLiteral("threshold")))
        reader.fail(QStringLiteral("threshold"),
                    QStringLiteral("is required for a %1 rule").arg(conditionName(rule.condition)));
    if (rule.comparison == Comparison::Outside && rule.condition == ConditionKind::Threshold)
        reader.fail(QStringLiteral("comparison"),
                    QStringLiteral("a threshold rule is \"above\" or \"below\"; \"outside\" is for rate and band rules"));
    if (rule.windowMs < kMinWindowMs)
        reader.fail(QStringLiteral("window"), QStringLiteral("must be at least 1 minute"));
    else if (rule.windowMs > kMaxWindowMs)
        reader.fail(QStringLiteral("window"), QStringLiteral("must be at most 30 days"));
    else if (rule.windowMs % kMinWindowMs != 0)
        reader.fail(QStringLiteral("window"), QStringLiteral("must be whole minutes (the store keeps minute rollups)"));
    if (rule.forMs > kMaxForMs)
        reader.fail(QStringLiteral("for"), QStringLiteral("must be at most 7 days"));
    if (!(rule.sensitivity > 0.0) || rule.sensitivity > kMaxSensitivity)
        reader.fail(QStringLiteral("sensitivity"), QStringLiteral("must be above 0 and at most 100 (typical: 2 to 4)"));
    if (rule.reopenGraceMs > kMaxGraceMs)
        reader.fail(QStringLiteral("reopen_grace"), QStringLiteral("must be at most 30 days"));
    if (rule.cooldownMs > kMaxGraceMs)
        reader.fail(QStringLiteral("cooldown"), QStringLiteral("must be at most 30 days"));
    for (const auto &[label, scope] : {std::pair{QStringLiteral("project"), rule.project},
                                       std::pair{QStringLiteral("service"), rule.service}}) {
        if (!scope.isEmpty() && rule.labelFilter.contains(label) && rule.labelFilter.value(label) != scope)
            reader.fail(QStringLiteral("labels"),
                        QStringLiteral("\"%1\" is \"%2\" but the rule's %1 is \"%3\"")
                            .arg(label, rule.labelFilter.value(label), scope));
    }
}

} // namespace

QJsonObject toJson(const AlertRule &rule)
{
    QJsonObject labels;
    for (auto it = rule.labelFilter.cbegin(); it != rule.labelFilter.cend(); ++it)
        labels.insert(it.key(), it.value());
    QJsonObject json{
        {QStringLiteral("name"), rule.name},
        {QStringLiteral("description"), rule.description},
        {QStringLiteral("enabled"), rule.enabled},
        {QStringLiteral("severity"), severityName(rule.severity)},
        {QStringLiteral("metric"), rule.metric},
        {QStringLiteral("labels"), labels},
        {QStringLiteral("project"), rule.project},
        {QStringLiteral("service"), rule.service},
        {QStringLiteral("aggregate_across_series"), rule.aggregateAcrossSeries},
        {QStringLiteral("condition"), conditionName(rule.condition)},
        {QStringLiteral("comparison"), comparisonName(rule.comparison)},
        {QStringLiteral("threshold"), rule.threshold},
        {QStringLiteral("percent"), rule.percent},
        {QStringLiteral("aggregation"), storage::aggregationName(rule.aggregation)},
        {QStringLiteral("window"), durationText(rule.windowMs)},
        {QStringLiteral("for"), durationText(rule.forMs)},
        {QStringLiteral("sensitivity"), rule.sensitivity},
        {QStringLiteral("min_history_weeks"), rule.minHistoryWeeks},
        {QStringLiteral("auto_resolve"), rule.autoResolve},
        {QStringLiteral("reopen_grace"), durationText(rule.reopenGraceMs)},
        {QStringLiteral("cooldown"), durationText(rule.cooldownMs)},
        {QStringLiteral("channels"), QJsonArray::fromStringList(rule.channels)},
        {QStringLiteral("panel"), rule.panelRef},
    };
    if (!rule.uuid.isEmpty())
        json.insert(QStringLiteral("uuid"), rule.uuid);
    return json;
}

Result<AlertRule> ruleFromJson(const QJsonObject &json)
{
    if (Status known = refuseUnknownKeys(json); !known)
        return known.error();

    AlertRule rule;
    FieldReader read(json);
    read.text(QStringLiteral("uuid"), rule.uuid);
    read.text(QStringLiteral("name"), rule.name);
    read.text(QStringLiteral("description"), rule.description, kMaxTextLength);
    read.boolean(QStringLiteral("enabled"), rule.enabled);
    read.choice(QStringLiteral("severity"), rule.severity, severityFromName,
                QStringLiteral("\"info\", \"warning\", \"critical\""));
    read.text(QStringLiteral("metric"), rule.metric);
    read.labels(QStringLiteral("labels"), rule.labelFilter);
    read.text(QStringLiteral("project"), rule.project);
    read.text(QStringLiteral("service"), rule.service);
    read.boolean(QStringLiteral("aggregate_across_series"), rule.aggregateAcrossSeries);
    read.choice(QStringLiteral("condition"), rule.condition, conditionFromName,
                QStringLiteral("\"threshold\", \"rate\", \"nodata\", \"band\""));
    // A band watches both sides unless told otherwise; the others default to "above".
    rule.comparison = rule.condition == ConditionKind::LearnedBand ? Comparison::Outside : Comparison::Above;
    read.choice(QStringLiteral("comparison"), rule.comparison, comparisonFromName,
                QStringLiteral("\"above\", \"below\", \"outside\""));
    read.number(QStringLiteral("threshold"), rule.threshold);
    read.boolean(QStringLiteral("percent"), rule.percent);
    read.choice(QStringLiteral("aggregation"), rule.aggregation, storage::aggregationFromName,
                QStringLiteral("\"avg\", \"min\", \"max\", \"sum\", \"count\", \"last\""));
    read.duration(QStringLiteral("window"), rule.windowMs);
    read.duration(QStringLiteral("for"), rule.forMs);
    read.number(QStringLiteral("sensitivity"), rule.sensitivity);
    if (read.has(QStringLiteral("min_history_weeks"))) {
        double weeks = 0;
        read.number(QStringLiteral("min_history_weeks"), weeks);
        if (weeks != std::floor(weeks) || weeks < 1 || weeks > kMaxHistoryWeeks)
            read.fail(QStringLiteral("min_history_weeks"),
                      QStringLiteral("must be a whole number of weeks from 1 to %1").arg(kMaxHistoryWeeks));
        else
            rule.minHistoryWeeks = int(weeks);
    }
    read.boolean(QStringLiteral("auto_resolve"), rule.autoResolve);
    read.duration(QStringLiteral("reopen_grace"), rule.reopenGraceMs);
    read.duration(QStringLiteral("cooldown"), rule.cooldownMs);
    read.textList(QStringLiteral("channels"), rule.channels);
    read.text(QStringLiteral("panel"), rule.panelRef);
    if (!read.failed())
        checkRule(rule, read);
    if (read.failed())
        return read.error();
    return rule;
}

} // namespace stackscope::rules
