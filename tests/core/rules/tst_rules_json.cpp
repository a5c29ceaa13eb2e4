#include "rules/alertrule.h"
#include "rules/ruleduration.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace stackscope;
using namespace stackscope::rules;

namespace {

QJsonObject parse(const char *text)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray(text), &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("test JSON does not parse: %s", qPrintable(error.errorString()));
    return doc.object();
}

// A rule where every field differs from its default, so a round trip that drops one is caught.
AlertRule everyFieldSet()
{
    AlertRule rule;
    rule.uuid = QStringLiteral("0b6f7c7e-3a2c-4c8e-9a55-1f1f0a9d4e21");
    rule.name = QStringLiteral("SMS failures in the US");
    rule.description = QStringLiteral("More failed SMS than usual; check the carrier status page.");
    rule.enabled = false;
    rule.severity = Severity::Critical;
    rule.metric = QStringLiteral("twilio.sms.failed");
    rule.labelFilter = {{QStringLiteral("country"), QStringLiteral("US")}, {QStringLiteral("route"), QStringLiteral("a=b,c")}};
    rule.project = QStringLiteral("shop");
    rule.service = QStringLiteral("twilio-us");
    rule.aggregateAcrossSeries = true;
    rule.condition = ConditionKind::RateOfChange;
    rule.comparison = Comparison::Below;
    rule.threshold = -12.5;
    rule.percent = true;
    rule.aggregation = storage::Aggregation::Max;
    rule.windowMs = 90 * 60'000;
    rule.forMs = 90'000;
    rule.sensitivity = 2.5;
    rule.minHistoryWeeks = 6;
    rule.autoResolve = false;
    rule.reopenGraceMs = 2 * 3'600'000;
    rule.cooldownMs = 2 * 86'400'000;
    rule.channels = {QStringLiteral("ops-email"), QStringLiteral("slack-alerts")};
    rule.panelRef = QStringLiteral("dash-uuid/panel-3");
    return rule;
}

} // namespace

class tst_RulesJson : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void names()
    {
        for (Severity s : {Severity::Info, Severity::Warning, Severity::Critical})
            QCOMPARE(severityFromName(severityName(s)), s);
        QCOMPARE(severityName(Severity::Critical), QStringLiteral("critical"));
        QCOMPARE(conditionName(ConditionKind::RateOfChange), QStringLiteral("rate"));
        QCOMPARE(conditionFromName(QStringLiteral("band")), ConditionKind::LearnedBand);
        QCOMPARE(conditionFromName(QStringLiteral("nodata")), ConditionKind::NoData);
        QCOMPARE(comparisonFromName(QStringLiteral("outside")), Comparison::Outside);
        QVERIFY(!severityFromName(QStringLiteral("Critical")));
        QVERIFY(!conditionFromName(QStringLiteral("thresholds")));
    }

    void minimalRuleTakesDefaults()
    {
        auto rule = ruleFromJson(parse(R"({"name": "High CPU", "metric": "aws.ec2.cpu_utilization", "threshold": 90})"));
        QVERIFY2(rule, qPrintable(rule ? QString() : rule.error().userMessage));
        QCOMPARE(rule->name, QStringLiteral("High CPU"));
        QCOMPARE(rule->condition, ConditionKind::Threshold);
        QCOMPARE(rule->comparison, Comparison::Above);
        QCOMPARE(rule->threshold, 90.0);
        QCOMPARE(rule->severity, Severity::Warning);
        QCOMPARE(rule->aggregation, storage::Aggregation::Avg);
        QCOMPARE(rule->windowMs, 5 * 60'000);
        QCOMPARE(rule->forMs, 0);
        QVERIFY(rule->enabled);
        QVERIFY(rule->autoResolve);
        QVERIFY(rule->uuid.isEmpty());
    }

    void bandDefaultsToOutside()
    {
        auto rule = ruleFromJson(parse(R"({"name": "Signups", "metric": "stytch.users.new_signups", "condition": "band"})"));
        QVERIFY(rule);
        QCOMPARE(rule->comparison, Comparison::Outside);
        auto above = ruleFromJson(
            parse(R"({"name": "S", "metric": "m", "condition": "band", "comparison": "above", "sensitivity": 4})"));
        QVERIFY(above);
        QCOMPARE(above->comparison, Comparison::Above);
        QCOMPARE(above->sensitivity, 4.0);
    }

    void roundTrip()
    {
        const AlertRule rule = everyFieldSet();
        auto back = ruleFromJson(toJson(rule));
        QVERIFY2(back, qPrintable(back ? QString() : back.error().userMessage));
        QCOMPARE(*back, rule);

        // Through text too, as `stackscoped rules add --file` and the rule export see it.
        const QByteArray text = QJsonDocument(toJson(rule)).toJson();
        auto fromText = ruleFromJson(QJsonDocument::fromJson(text).object());
        QVERIFY(fromText);
        QCOMPARE(*fromText, rule);

        // The database id is not part of the file.
        AlertRule stored = rule;
        stored.id = 42;
        QVERIFY(!toJson(stored).contains(QStringLiteral("id")));
    }

    void roundTripOfEveryCondition_data()
    {
        QTest::addColumn<int>("condition");
        QTest::newRow("threshold") << int(ConditionKind::Threshold);
        QTest::newRow("rate") << int(ConditionKind::RateOfChange);
        QTest::newRow("nodata") << int(ConditionKind::NoData);
        QTest::newRow("band") << int(ConditionKind::LearnedBand);
    }
    void roundTripOfEveryCondition()
    {
        QFETCH(int, condition);
        AlertRule rule;
        rule.name = QStringLiteral("r");
        rule.metric = QStringLiteral("m");
        rule.condition = ConditionKind(condition);
        rule.comparison = rule.condition == ConditionKind::LearnedBand ? Comparison::Outside : Comparison::Above;
        auto back = ruleFromJson(toJson(rule));
        QVERIFY(back);
        QCOMPARE(*back, rule);
    }

    void writesReadableFields()
    {
        const QJsonObject json = toJson(everyFieldSet());
        QCOMPARE(json.value(QStringLiteral("severity")).toString(), QStringLiteral("critical"));
        QCOMPARE(json.value(QStringLiteral("condition")).toString(), QStringLiteral("rate"));
        QCOMPARE(json.value(QStringLiteral("comparison")).toString(), QStringLiteral("below"));
        QCOMPARE(json.value(QStringLiteral("aggregation")).toString(), QStringLiteral("max"));
        QCOMPARE(json.value(QStringLiteral("window")).toString(), QStringLiteral("90m"));
        QCOMPARE(json.value(QStringLiteral("for")).toString(), QStringLiteral("90s"));
        QCOMPARE(json.value(QStringLiteral("reopen_grace")).toString(), QStringLiteral("2h"));
        QCOMPARE(json.value(QStringLiteral("cooldown")).toString(), QStringLiteral("2d"));
        QCOMPARE(json.value(QStringLiteral("labels")).toObject().value(QStringLiteral("country")).toString(),
                 QStringLiteral("US"));
        QCOMPARE(json.value(QStringLiteral("channels")).toArray().size(), 2);
        QCOMPARE(json.value(QStringLiteral("panel")).toString(), QStringLiteral("dash-uuid/panel-3"));
    }

    void durations_data()
    {
        QTest::addColumn<QString>("json");
        QTest::addColumn<qint64>("ms");
        QTest::newRow("seconds") << QStringLiteral(R"("90s")") << qint64(90'000);
        QTest::newRow("minutes") << QStringLiteral(R"("5m")") << qint64(300'000);
        QTest::newRow("hours") << QStringLiteral(R"("1h")") << qint64(3'600'000);
        QTest::newRow("days") << QStringLiteral(R"("2d")") << qint64(2 * 86'400'000);
        QTest::newRow("weeks") << QStringLiteral(R"("1w")") << qint64(7 * 86'400'000);
        QTest::newRow("number of seconds") << QStringLiteral("300") << qint64(300'000);
        QTest::newRow("fractional seconds") << QStringLiteral("1.5") << qint64(1'500);
        QTest::newRow("zero") << QStringLiteral(R"("0")") << qint64(0);
        QTest::newRow("zero number") << QStringLiteral("0") << qint64(0);
    }
    void durations()
    {
        QFETCH(QString, json);
        QFETCH(qint64, ms);
        const QJsonObject object = QJsonDocument::fromJson(QStringLiteral("{\"d\": %1}").arg(json).toUtf8()).object();
        auto parsed = durationFromJson(object.value(QStringLiteral("d")));
        QVERIFY2(parsed, qPrintable(parsed ? QString() : parsed.error().userMessage));
        QCOMPARE(parsed.value(), ms);
    }

    void durationText()
    {
        QCOMPARE(rules::durationText(0), QStringLiteral("0s"));
        QCOMPARE(rules::durationText(90'000), QStringLiteral("90s"));
        QCOMPARE(rules::durationText(300'000), QStringLiteral("5m"));
        QCOMPARE(rules::durationText(5'400'000), QStringLiteral("90m"));
        QCOMPARE(rules::durationText(86'400'000), QStringLiteral("1d"));
        QCOMPARE(rules::durationText(14 * 86'400'000LL), QStringLiteral("2w"));
        QCOMPARE(rules::durationText(1'500), QStringLiteral("1500ms"));
        QCOMPARE(durationWords(300'000), QStringLiteral("5 min"));
        QCOMPARE(durationWords(3'600'000), QStringLiteral("1 h"));
        QCOMPARE(durationWords(86'400'000), QStringLiteral("1 d"));
    }

    // Each bad file is refused with a message that starts with the field at fault.
    void refusals_data()
    {
        QTest::addColumn<QString>("json");
        QTest::addColumn<QString>("message");
        // Every file below has a name and a metric unless the row is about them.
        const auto row = [](const char *name, const QString &json, const char *message) {
            QTest::newRow(name) << json << QString::fromUtf8(message);
        };
        const auto plain = [](const char *json) { return QString::fromUtf8(json); };
        const auto based = [](const char *rest) -> QString {
            return QStringLiteral(R"({"name": "r", "metric": "m", )") + QString::fromUtf8(rest);
        };
        row("no name", plain(R"({"metric": "m", "threshold": 1})"), "name: is required");
        row("blank name", plain(R"({"name": "  ", "metric": "m", "threshold": 1})"), "name: is required");
        row("no metric", plain(R"({"name": "r", "threshold": 1})"), "metric: is required");
        row("metric with space", plain(R"({"name": "r", "metric": "a b", "threshold": 1})"), "metric: a metric name has no spaces");
        row("no threshold", based(R"("condition": "threshold"})"), "threshold: is required for a threshold rule");
        row("rate without threshold", based(R"("condition": "rate"})"), "threshold: is required for a rate rule");
        row("threshold as text", based(R"("threshold": "10"})"), "threshold: must be a number");
        row("short window", based(R"("threshold": 1, "window": "30s"})"), "window: must be at least 1 minute");
        row("long window", based(R"("threshold": 1, "window": "31d"})"), "window: must be at most 30 days");
        row("odd window", based(R"("threshold": 1, "window": "90s"})"), "window: must be whole minutes");
        row("window without unit", based(R"("threshold": 1, "window": "300"})"), R"(window: "300" needs a unit)");
        row("window nonsense", based(R"("threshold": 1, "window": "5 minutes"})"), R"(window: "5 minutes" is not a duration)");
        row("negative for", based(R"("threshold": 1, "for": -5})"), "for: must be a number of seconds");
        row("long for", based(R"("threshold": 1, "for": "8d"})"), "for: must be at most 7 days");
        row("severity", based(R"("threshold": 1, "severity": "urgent"})"), R"(severity: must be one of "info", "warning", "critical")");
        row("condition", based(R"("threshold": 1, "condition": "spike"})"), "condition: must be one of");
        row("aggregation", based(R"("threshold": 1, "aggregation": "p95"})"), "aggregation: must be one of");
        row("outside threshold", based(R"("threshold": 1, "comparison": "outside"})"),
            R"(comparison: a threshold rule is "above" or "below")");
        row("sensitivity", based(R"("condition": "band", "sensitivity": 0})"), "sensitivity: must be above 0");
        row("weeks", based(R"("condition": "band", "min_history_weeks": 13})"), "min_history_weeks: must be a whole number of weeks from 1 to 12");
        row("fractional weeks", based(R"("condition": "band", "min_history_weeks": 1.5})"), "min_history_weeks: must be a whole number");
        row("enabled", based(R"("threshold": 1, "enabled": "yes"})"), "enabled: must be true or false");
        row("labels array", based(R"("threshold": 1, "labels": ["US"]})"), "labels: must be an object");
        row("label number", based(R"("threshold": 1, "labels": {"code": 500}})"), R"(labels: the value of "code" must be a text)");
        row("scope conflict", based(R"("threshold": 1, "project": "shop", "labels": {"project": "blog"}})"), R"(labels: "project" is "blog" but the rule's project is "shop")");
        row("channels", based(R"("threshold": 1, "channels": "ops"})"), "channels: must be a list");
        row("empty channel", based(R"("threshold": 1, "channels": [""]})"), "channels: every entry must be a non-empty name");
        row("typo", based(R"("treshold": 1})"), R"(treshold: unknown key (did you mean "threshold"?))");
        row("unknown", based(R"("threshold": 1, "colour": "red"})"), "colour: unknown key");
    }

    void refusals()
    {
        QFETCH(QString, json);
        QFETCH(QString, message);
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(json.toUtf8(), &error);
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(json));
        auto rule = ruleFromJson(doc.object());
        QVERIFY2(!rule, qPrintable(json));
        QVERIFY2(rule.error().userMessage.startsWith(message),
                 qPrintable(QStringLiteral("got: %1").arg(rule.error().userMessage)));
        QVERIFY(rule.error().code == Error::Code::Config);
    }

    void scopeAgreeingWithLabelsIsFine()
    {
        auto rule = ruleFromJson(parse(
            R"({"name": "r", "metric": "m", "threshold": 1, "project": "shop", "labels": {"project": "shop"}})"));
        QVERIFY(rule);
        QCOMPARE(rule->project, QStringLiteral("shop"));
    }
};

QTEST_GUILESS_MAIN(tst_RulesJson)
#include "tst_rules_json.moc"
