// Mixpanel's pure mappers against recorded, sanitised answers (tests/data/mixpanel/): settings, the query plan
// and its cost against 60 queries an hour, and the Query API's event, segmentation, funnel and retention bodies.
#include "mixpanelmapper.h"

#include "localhttpserver.h"

#include <QFile>
#include <QTest>

using namespace stackscope;
using namespace stackscope::connectors::mixpanel;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

QByteArray recorded(const QString &name)
{
    QFile file(test::LocalHttpServer::dataPath(u"mixpanel/"_s + name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing test data %s", qPrintable(file.fileName()));
    return file.readAll();
}

qint64 day(int y, int m, int d)
{
    return dayStartMs(QDate(y, m, d));
}

const MetricSample *find(const SampleBatch &samples, const QString &metric, qint64 ts, const Labels &labels)
{
    for (const MetricSample &sample : samples) {
        if (sample.metric == metric && sample.ts == ts && sample.labels == labels)
            return &sample;
    }
    return nullptr;
}

QMap<QString, QString> base()
{
    return {{u"username"_s, u"stackscope.fixture.mp-service-account"_s}, {u"project_id"_s, u"1000001"_s}};
}

} // namespace

class tst_MixpanelMapper : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void settings_data();
    void settings();
    void regions();
    void queryCount();
    void budget_data();
    void budget();
    void planAndResume();
    void encodings();
    void mapEvents_data();
    void mapEvents();
    void eventValues();
    void segmentation();
    void funnel();
    void funnelErrors();
    void retention();
    void funnelList();
    void explainNamesMixpanel();
};

void tst_MixpanelMapper::settings_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("errorPart"); // empty: accepted

    QTest::addRow("events") << u"events"_s << u"Signup, Export Clicked,,Signup"_s << QString();
    QTest::addRow("nothing to read") << QString() << QString() << u"Choose what to read"_s;
    QTest::addRow("bad project") << u"project_id"_s << u"my-project"_s << u"project ID is a number"_s;
    QTest::addRow("no user") << u"username"_s << u""_s << u"username"_s;
    QTest::addRow("colon in user") << u"username"_s << u"a:b"_s << u"\":\""_s;
    QTest::addRow("bad region") << u"region"_s << u"mars"_s << u"\"us\", \"eu\" or \"in\""_s;
    QTest::addRow("bad funnel id") << u"funnel_ids"_s << u"7509,signup"_s << u"\"signup\""_s;
    QTest::addRow("too many funnels") << u"funnel_ids"_s
                                      << u"1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21"_s << u"At most 20"_s;
    QTest::addRow("segment without event") << u"segment_property"_s << u"plan"_s << u"needs an event"_s;
    QTest::addRow("retention days") << u"retention_days"_s << u"90"_s << u"1 to 30"_s;
    QTest::addRow("return event alone") << u"retention_event"_s << u"Login"_s << u"retention (the event"_s;
    QTest::addRow("bad workspace") << u"workspace_id"_s << u"ws1"_s << u"workspace ID"_s;
}

void tst_MixpanelMapper::settings()
{
    QFETCH(QString, key);
    QFETCH(QString, value);
    QFETCH(QString, errorPart);
    QMap<QString, QString> map = base();
    // Something to read, so that each row fails (or passes) for its own key only.
    if (key != u"events"_s && key != u"segment_property"_s && !key.isEmpty())
        map.insert(u"funnel_ids"_s, u"7509"_s);
    if (!key.isEmpty())
        map.insert(key, value);
    const auto parsed = parseSettings(map, {});
    if (errorPart.isEmpty()) {
        QVERIFY2(parsed, parsed ? "" : qPrintable(parsed.error().userMessage));
        QCOMPARE(parsed->events, (QStringList{u"Signup"_s, u"Export Clicked"_s}));
        QCOMPARE(parsed->baseUrl.toString(), u"https://mixpanel.com"_s);
        return;
    }
    QVERIFY(!parsed);
    QCOMPARE(toString(parsed.error().code), toString(Error::Code::Config));
    QVERIFY2(parsed.error().userMessage.contains(errorPart), qPrintable(parsed.error().userMessage));
}

void tst_MixpanelMapper::regions()
{
    QMap<QString, QString> map = base();
    map.insert(u"events"_s, u"A"_s);
    map.insert(u"region"_s, u"EU"_s);
    QCOMPARE(parseSettings(map, {})->baseUrl.toString(), u"https://eu.mixpanel.com"_s);
    map.insert(u"region"_s, u"in"_s);
    QCOMPARE(parseSettings(map, {})->baseUrl.toString(), u"https://in.mixpanel.com"_s);
    QCOMPARE(parseSettings(map, QUrl(u"http://127.0.0.1:1"_s))->baseUrl.toString(), u"http://127.0.0.1:1"_s);
    QVERIFY(!parseSettings(map, QUrl(u"http://mixpanel.example.com"_s)));
}

void tst_MixpanelMapper::queryCount()
{
    QMap<QString, QString> map = base();
    map.insert(u"events"_s, u"A,B,C,D,E,F,G,H,I,J"_s);
    map.insert(u"funnel_ids"_s, u"1,2,3"_s);
    auto settings = parseSettings(map, {});
    QVERIFY(settings);
    QCOMPARE(queriesPerPoll(*settings), 4); // ten events in one query, one per funnel
    QCOMPARE(settings->segmentEvent, QString());
    map.insert(u"segment_property"_s, u"plan"_s);
    map.insert(u"retention"_s, u"Signup"_s);
    settings = parseSettings(map, {});
    QVERIFY(settings);
    QCOMPARE(queriesPerPoll(*settings), 6);
    QCOMPARE(settings->segmentEvent, u"A"_s); // the first event, when none is named
    QCOMPARE(settings->retentionDays, kDefaultRetentionDays);
}

void tst_MixpanelMapper::budget_data()
{
    QTest::addColumn<int>("queries");
    QTest::addColumn<int>("intervalS");
    QTest::addColumn<QString>("errorPart"); // empty: fits

    QTest::addRow("13 every 15 minutes = 52") << 13 << 900 << QString();
    QTest::addRow("13 every 5 minutes = 156") << 13 << 300
                                              << u"needs 156 queries an hour (13 per poll, every 5 minutes); Mixpanel "
                                                 "allows 60: poll every 13 minutes or more"_s;
    QTest::addRow("60 an hour exactly") << 1 << 60 << QString();
    QTest::addRow("61 an hour") << 61 << 3600 << u"needs 61 queries an hour (61 per poll, every hour)"_s;
    QTest::addRow("4 every 3 minutes = 80") << 4 << 180 << u"poll every 4 minutes or more"_s;
    QTest::addRow("7 every 400 s") << 7 << 400 << u"needs 63 queries an hour (7 per poll, every 400 seconds)"_s;
    QTest::addRow("nothing") << 0 << 60 << QString();
}

void tst_MixpanelMapper::budget()
{
    QFETCH(int, queries);
    QFETCH(int, intervalS);
    QFETCH(QString, errorPart);
    const Status fits = checkQueryBudget(queries, std::chrono::seconds(intervalS));
    if (errorPart.isEmpty()) {
        QVERIFY2(fits, fits ? "" : qPrintable(fits.error().userMessage));
        return;
    }
    QVERIFY(!fits);
    QCOMPARE(toString(fits.error().code), toString(Error::Code::Config));
    QVERIFY2(fits.error().userMessage.contains(errorPart), qPrintable(fits.error().userMessage));
}

void tst_MixpanelMapper::planAndResume()
{
    QMap<QString, QString> map = base();
    map.insert(u"events"_s, u"A"_s);
    map.insert(u"segment_property"_s, u"plan"_s);
    map.insert(u"funnel_ids"_s, u"7509, 9070"_s);
    map.insert(u"retention"_s, u"Signup"_s);
    const QList<PlannedQuery> queries = plan(*parseSettings(map, {}));
    QStringList keys;
    for (const PlannedQuery &query : queries)
        keys << query.key;
    QCOMPARE(keys, (QStringList{u"events"_s, u"segmentation"_s, u"funnel:7509"_s, u"funnel:9070"_s, u"retention"_s}));
    QCOMPARE(resumeAt(queries, u"funnel:9070"_s).size(), 2);
    QCOMPARE(resumeAt(queries, u"funnel:1"_s).size(), 5);
}

void tst_MixpanelMapper::encodings()
{
    QCOMPARE(jsonArray({u"Signup"_s, u"Say \"hi\""_s}), uR"(["Signup","Say \"hi\""])"_s);
    QCOMPARE(propertyExpression(u"plan"_s), uR"(properties["plan"])"_s);
    QCOMPARE(propertyExpression(uR"(a"b\c)"_s), uR"(properties["a\"b\\c"])"_s);
}

void tst_MixpanelMapper::mapEvents_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("count"); // -1: an error is expected
    QTest::addColumn<QString>("errorPart");

    QTest::addRow("two events") << u"events.json"_s << 4 << QString();
    QTest::addRow("empty") << u"events_empty.json"_s << 0 << QString();
    QTest::addRow("bad date") << u"events_bad_date.json"_s << -1 << u"\"yesterday\""_s;
    QTest::addRow("string count") << u"events_bad_value.json"_s << -1 << u"not a number"_s;
    QTest::addRow("truncated") << u"truncated.json"_s << -1 << u"not valid JSON"_s;
    QTest::addRow("error body") << u"error_400.json"_s << -1 << u"unknown event"_s;
    QTest::addRow("a list") << u"funnel_list.json"_s << -1 << u"not a JSON object"_s;
}

void tst_MixpanelMapper::mapEvents()
{
    QFETCH(QString, file);
    QFETCH(int, count);
    QFETCH(QString, errorPart);
    const auto samples = connectors::mixpanel::mapEvents(recorded(file));
    if (count < 0) {
        QVERIFY(!samples);
        QCOMPARE(toString(samples.error().code), toString(Error::Code::Parse));
        QVERIFY2(samples.error().userMessage.contains(errorPart), qPrintable(samples.error().userMessage));
        return;
    }
    QVERIFY2(samples, samples ? "" : qPrintable(samples.error().userMessage));
    QCOMPARE(samples->size(), count);
}

void tst_MixpanelMapper::eventValues()
{
    const auto samples = connectors::mixpanel::mapEvents(recorded(u"events.json"_s));
    QVERIFY(samples);
    const MetricSample *signup = find(*samples, u"mixpanel.events"_s, day(2026, 3, 2), {{u"event"_s, u"Signup Completed"_s}});
    QVERIFY(signup);
    QCOMPARE(signup->value, 388.0);
    const MetricSample *export_ = find(*samples, u"mixpanel.events"_s, day(2026, 3, 2), {{u"event"_s, u"Export Clicked"_s}});
    QVERIFY(export_);
    QCOMPARE(export_->value, 61.0);
    QVERIFY(!find(*samples, u"mixpanel.events"_s, day(2026, 3, 1), {{u"event"_s, u"Export Clicked"_s}}));
}

void tst_MixpanelMapper::segmentation()
{
    const auto samples = mapSegmentation(recorded(u"segmentation.json"_s), u"Signup Completed"_s, u"plan"_s);
    QVERIFY(samples);
    QCOMPARE(samples->size(), 4);
    const Labels pro{{u"event"_s, u"Signup Completed"_s}, {u"property"_s, u"plan"_s}, {u"segment"_s, u"pro"_s}};
    const MetricSample *sample = find(*samples, u"mixpanel.segment.events"_s, day(2026, 3, 3), pro);
    QVERIFY(sample);
    QCOMPARE(sample->value, 31.0);
}

void tst_MixpanelMapper::funnel()
{
    const auto samples = mapFunnel(recorded(u"funnel.json"_s), 7509);
    QVERIFY2(samples, samples ? "" : qPrintable(samples.error().userMessage));
    QCOMPARE(samples->size(), 2 * 3 * 3); // two days, three steps, three values
    const Labels third{{u"funnel_id"_s, u"7509"_s}, {u"step"_s, u"3"_s}, {u"step_name"_s, u"Invited Teammate"_s}};
    QCOMPARE(find(*samples, u"mixpanel.funnel.step.count"_s, day(2026, 3, 1), third)->value, 1240.0);
    QCOMPARE(find(*samples, u"mixpanel.funnel.step.conversion"_s, day(2026, 3, 1), third)->value, 0.248);
    QCOMPARE(find(*samples, u"mixpanel.funnel.step.step_conversion"_s, day(2026, 3, 2), third)->value, 0.25);
    const Labels firstStep{{u"funnel_id"_s, u"7509"_s}, {u"step"_s, u"1"_s}, {u"step_name"_s, u"Signup Started"_s}};
    QCOMPARE(find(*samples, u"mixpanel.funnel.step.count"_s, day(2026, 3, 2), firstStep)->value, 4000.0);
}

void tst_MixpanelMapper::funnelErrors()
{
    auto noSteps = mapFunnel(recorded(u"funnel_no_steps.json"_s), 1);
    QVERIFY(!noSteps);
    QVERIFY2(noSteps.error().userMessage.contains(u"no \"steps\" list"_s), qPrintable(noSteps.error().userMessage));
    auto error = mapFunnel(recorded(u"error_400.json"_s), 1);
    QVERIFY(!error);
    QVERIFY2(error.error().userMessage.contains(u"unknown event"_s), qPrintable(error.error().userMessage));
    auto empty = mapFunnel(R"({"meta": {"dates": []}, "data": {}})", 1);
    QVERIFY(empty);
    QVERIFY(empty->isEmpty());
}

void tst_MixpanelMapper::retention()
{
    const auto samples = mapRetention(recorded(u"retention.json"_s), u"Signup"_s, u"Login"_s);
    QVERIFY2(samples, samples ? "" : qPrintable(samples.error().userMessage));
    const Labels cohort{{u"born_event"_s, u"Signup"_s}, {u"event"_s, u"Login"_s}};
    QCOMPARE(find(*samples, u"mixpanel.retention.cohort_size"_s, day(2026, 3, 1), cohort)->value, 1000.0);
    Labels day2 = cohort;
    day2.insert(u"day"_s, u"2"_s);
    QCOMPARE(find(*samples, u"mixpanel.retention.retained"_s, day(2026, 3, 1), day2)->value, 305.0);
    QCOMPARE(find(*samples, u"mixpanel.retention.rate"_s, day(2026, 3, 1), day2)->value, 0.305);
    Labels day0 = cohort;
    day0.insert(u"day"_s, u"0"_s);
    // An empty cohort has counts but no rate.
    QVERIFY(find(*samples, u"mixpanel.retention.retained"_s, day(2026, 3, 3), day0));
    QVERIFY(!find(*samples, u"mixpanel.retention.rate"_s, day(2026, 3, 3), day0));
    // 3 cohorts + 3 + 2 + 1 counts + 3 + 2 rates.
    QCOMPARE(samples->size(), 3 + 6 + 5);

    auto bad = mapRetention(recorded(u"retention_bad.json"_s), u"Signup"_s, {});
    QVERIFY(!bad);
    QVERIFY2(bad.error().userMessage.contains(u"lacks \"first\" or \"counts\""_s), qPrintable(bad.error().userMessage));
    QVERIFY(!mapRetention(recorded(u"truncated.json"_s), u"Signup"_s, {}));
}

void tst_MixpanelMapper::funnelList()
{
    const auto funnels = mapFunnelList(recorded(u"funnel_list.json"_s));
    QVERIFY(funnels);
    QCOMPARE(funnels->size(), 2);
    QCOMPARE(funnels->at(0).id, 7509);
    QCOMPARE(funnels->at(1).name, u"Funnel tutorial"_s);
    const auto error = mapFunnelList(recorded(u"error_401.json"_s));
    QVERIFY(!error);
    QVERIFY2(error.error().userMessage.contains(u"Invalid service account credentials"_s),
             qPrintable(error.error().userMessage));
}

void tst_MixpanelMapper::explainNamesMixpanel()
{
    Error auth = Error::make(Error::Code::Auth, u"The service rejected the credentials (HTTP 401): Invalid."_s);
    QCOMPARE(explain(auth).userMessage, u"Mixpanel rejected the credentials (HTTP 401): Invalid."_s);
    Error limited = Error::make(Error::Code::RateLimited, u"The service is limiting requests (HTTP 429, try again later)."_s);
    const QString words = explain(limited).userMessage;
    QVERIFY2(words.startsWith(u"Mixpanel is limiting requests"_s), qPrintable(words));
    QVERIFY2(words.contains(u"60 Query API queries an hour and 5 at a time"_s), qPrintable(words));
    Error timeout = Error::make(Error::Code::Timeout, u"mixpanel.com did not answer within 60 s."_s);
    QCOMPARE(explain(timeout).userMessage, u"Mixpanel: mixpanel.com did not answer within 60 s."_s);
}

QTEST_GUILESS_MAIN(tst_MixpanelMapper)
#include "tst_mixpanelmapper.moc"
