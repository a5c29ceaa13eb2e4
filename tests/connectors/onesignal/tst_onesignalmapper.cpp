// OneSignal's pure mappers against recorded, sanitised answers (tests/data/onesignal/).
#include "onesignalmapper.h"

#include "localhttpserver.h"

#include <QFile>
#include <QTest>

using namespace stackscope;
using namespace stackscope::connectors::onesignal;
using namespace Qt::StringLiterals;

namespace {

using SettingsMap = QMap<QString, QString>;

QByteArray recorded(const QString &name)
{
    QFile file(test::LocalHttpServer::dataPath(u"onesignal/"_s + name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing test data %s", qPrintable(file.fileName()));
    return file.readAll();
}

const MetricSample *find(const SampleBatch &samples, const char *metric, qint64 ts, const Labels &labels)
{
    for (const MetricSample &sample : samples) {
        if (sample.metric == QLatin1String(metric) && sample.ts == ts && sample.labels == labels)
            return &sample;
    }
    return nullptr;
}

double valueOf(const SampleBatch &samples, const char *metric, qint64 ts, const Labels &labels)
{
    const MetricSample *sample = find(samples, metric, ts, labels);
    return sample ? sample->value : -1.0;
}

constexpr qint64 kJan1 = 1767225600000;           // 2026-01-01T00:00:00Z
constexpr qint64 kDec31h23 = kJan1 - 3'600'000;   // 2025-12-31T23:00:00Z

} // namespace

class tst_OneSignalMapper : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsePage_data();
    void parsePage();
    void pushMessages();
    void emailMessage();
    void oddEntries();
    void tallyPerHourAndCampaign();
    void tallyEmail();
    void tallyFromHour();
    void tallyWithoutPerMessage();
    void errorMessage_data();
    void errorMessage();
    void settings_data();
    void settings();
    void hourStart();
};

void tst_OneSignalMapper::parsePage_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("messages"); // -1: an error is expected
    QTest::addColumn<int>("skipped");
    QTest::addColumn<qint64>("total"); // -1: none
    QTest::addColumn<QString>("errorPart");

    QTest::addRow("push") << recorded(u"notifications_push.json"_s) << 3 << 0 << qint64(3) << QString();
    QTest::addRow("email") << recorded(u"notifications_email.json"_s) << 1 << 0 << qint64(1) << QString();
    QTest::addRow("empty") << recorded(u"notifications_empty.json"_s) << 0 << 0 << qint64(0) << QString();
    QTest::addRow("odd entries") << recorded(u"notifications_odd.json"_s) << 3 << 3 << qint64(6) << QString();
    QTest::addRow("no total_count") << QByteArray(R"({"notifications":[]})") << 0 << 0 << qint64(-1) << QString();
    QTest::addRow("truncated") << recorded(u"malformed.json"_s) << -1 << 0 << qint64(-1) << u"not valid JSON"_s;
    QTest::addRow("array") << QByteArray("[]") << -1 << 0 << qint64(-1) << u"not a JSON object"_s;
    QTest::addRow("no list") << QByteArray(R"({"total_count":3})") << -1 << 0 << qint64(-1)
                             << u"no \"notifications\" list"_s;
    QTest::addRow("error body") << recorded(u"error_400.json"_s) << -1 << 0 << qint64(-1)
                                << u"app_id is not a valid UUID"_s;
    QTest::addRow("empty body") << QByteArray() << -1 << 0 << qint64(-1) << u"not valid JSON"_s;
}

void tst_OneSignalMapper::parsePage()
{
    QFETCH(QByteArray, body);
    QFETCH(int, messages);
    QFETCH(int, skipped);
    QFETCH(qint64, total);
    QFETCH(QString, errorPart);
    const auto page = connectors::onesignal::parsePage(body);
    if (messages < 0) {
        QVERIFY(!page);
        QVERIFY2(page.error().userMessage.contains(errorPart), qPrintable(page.error().userMessage));
        return;
    }
    QVERIFY2(page, page ? "" : qPrintable(page.error().userMessage));
    QCOMPARE(page->messages.size(), messages);
    QCOMPARE(page->skipped, skipped);
    QCOMPARE(page->entries, messages + skipped);
    QCOMPARE(page->totalCount.value_or(-1), total);
}

void tst_OneSignalMapper::pushMessages()
{
    const auto page = connectors::onesignal::parsePage(recorded(u"notifications_push.json"_s));
    QVERIFY(page);
    const Message &promo = page->messages.at(0);
    QCOMPARE(promo.id, u"b1c2d3e4-0000-4000-8000-fixture00001"_s);
    QCOMPARE(promo.campaign, u"spring-promo-week1"_s);
    QCOMPARE(promo.queuedAtMs, kJan1);
    QCOMPARE(promo.sendAfterMs, kJan1);
    QCOMPARE(promo.totals.successful, 9840.0);
    QCOMPARE(promo.totals.failed, 112.0);
    QCOMPARE(promo.totals.errored, 48.0);
    QCOMPARE(promo.totals.converted, 615.0);
    QCOMPARE(promo.totals.received, 9102.0);
    QCOMPARE(promo.platforms.size(), std::size_t(2));
    QCOMPARE(promo.platforms.at(u"ios"_s).errored, 30.0);
    QCOMPARE(promo.platforms.at(u"android"_s).failed, 52.0);
    QCOMPARE(promo.outcomeClicks.value_or(-1), 615.0);
    QVERIFY(!promo.email);
    QVERIFY(!promo.canceled);

    QCOMPARE(page->messages.at(1).campaign, u"99999999-aaaa-4bbb-8ccc-eeeeeeeeeeee"_s); // no name: the template
    QCOMPARE(page->messages.at(2).campaign, u"unnamed"_s);
    QCOMPARE(page->messages.at(2).totals.received, 0.0); // null
    QVERIFY(!page->messages.at(2).outcomeClicks);
}

void tst_OneSignalMapper::emailMessage()
{
    const auto page = connectors::onesignal::parsePage(recorded(u"notifications_email.json"_s));
    QVERIFY(page);
    const Message &mail = page->messages.first();
    QCOMPARE(mail.campaign, u"newsletter-march"_s);
    QVERIFY(mail.email);
    QCOMPARE(mail.email->opened, 910.0);
    QCOMPARE(mail.email->uniqueOpens, 700.0);
    QCOMPARE(mail.email->clicks, 140.0);
    QCOMPARE(mail.email->uniqueClicks, 120.0);
    QCOMPARE(mail.email->unsubscribed, 4.0);
    QCOMPARE(mail.email->bounced, 7.0);
    QCOMPARE(mail.email->reportedSpam, 1.0);
    QCOMPARE(mail.platforms.at(u"email"_s).errored, 3.0);
}

void tst_OneSignalMapper::oddEntries()
{
    const auto page = connectors::onesignal::parsePage(recorded(u"notifications_odd.json"_s));
    QVERIFY(page);
    const Message &odd = page->messages.at(0);
    QCOMPARE(odd.campaign, u"odd values"_s);
    QCOMPARE(odd.queuedAtMs, kJan1);
    QCOMPARE(odd.totals.successful, 0.0); // a string is not a count
    QCOMPARE(odd.totals.failed, 0.0);     // nor is a negative number
    QCOMPARE(odd.totals.converted, 0.0);
    QCOMPARE(odd.totals.received, 0.0);
    QVERIFY(!odd.canceled);
    QCOMPARE(odd.platforms.size(), std::size_t(1)); // "IOS" and a non-object are left out
    QCOMPARE(odd.platforms.at(u"huawei_push"_s).successful, 2.0);
    QVERIFY(!odd.outcomeClicks);

    const Message &scheduled = page->messages.at(1);
    QCOMPARE(scheduled.campaign, u"unnamed"_s);
    QCOMPARE(scheduled.remaining, 500);
    QCOMPARE(scheduled.sendAfterMs, 1767830400000);
    QVERIFY(!scheduled.outcomeClicks); // a sum outcome is not the click count
    QVERIFY(page->messages.at(2).canceled);
}

void tst_OneSignalMapper::tallyPerHourAndCampaign()
{
    const auto page = connectors::onesignal::parsePage(recorded(u"notifications_push.json"_s));
    QVERIFY(page);
    Tally tally;
    for (const Message &message : page->messages)
        tally.add(message, true);
    // The promo twice (as if sent again in the same hour): summed.
    Message again = page->messages.at(0);
    again.id = u"b1c2d3e4-0000-4000-8000-fixture00009"_s;
    again.queuedAtMs += 1'800'000;
    tally.add(again, true);
    const SampleBatch samples = tally.samples();

    const Labels promo{{u"campaign"_s, u"spring-promo-week1"_s}};
    QCOMPARE(valueOf(samples, kMessages, kJan1, promo), 2.0);
    QCOMPARE(valueOf(samples, kSent, kJan1, promo), 2 * 9840.0);
    QCOMPARE(valueOf(samples, kFailed, kJan1, promo), 2 * 112.0);
    QCOMPARE(valueOf(samples, kErrored, kJan1, promo), 2 * 48.0);
    QCOMPARE(valueOf(samples, kReceived, kJan1, promo), 2 * 9102.0);
    QCOMPARE(valueOf(samples, kClicks, kJan1, promo), 2 * 615.0);
    QCOMPARE(valueOf(samples, kOutcomeClicks, kJan1, promo), 2 * 615.0);
    QCOMPARE(valueOf(samples, kDeliveryRate, kJan1, promo), 98.4);
    QCOMPARE(valueOf(samples, kClickRate, kJan1, promo), 6.25);
    Labels ios = promo;
    ios.insert(u"platform"_s, u"ios"_s);
    QCOMPARE(valueOf(samples, kPlatformErrored, kJan1, ios), 60.0);
    QCOMPARE(valueOf(samples, kPlatformSent, kJan1, ios), 8200.0);

    // The hour before: two campaigns, each on its own.
    const Labels templ{{u"campaign"_s, u"99999999-aaaa-4bbb-8ccc-eeeeeeeeeeee"_s}};
    const Labels unnamed{{u"campaign"_s, u"unnamed"_s}};
    QCOMPARE(valueOf(samples, kSent, kDec31h23, templ), 200.0);
    QCOMPARE(valueOf(samples, kSent, kDec31h23, unnamed), 1.0);
    Labels chrome = templ;
    chrome.insert(u"platform"_s, u"chrome_web_push"_s);
    QCOMPARE(valueOf(samples, kPlatformErrored, kDec31h23, chrome), 2.0);
    QVERIFY(!find(samples, kOutcomeClicks, kDec31h23, unnamed)); // not reported: not invented
    QVERIFY(!find(samples, kEmailOpens, kJan1, promo));          // no email in this campaign

    // Per message: each its own series.
    const Labels first{{u"campaign"_s, u"spring-promo-week1"_s}, {u"message_id"_s, u"b1c2d3e4-0000-4000-8000-fixture00001"_s}};
    QCOMPARE(valueOf(samples, kMessageSent, kJan1, first), 9840.0);
    QCOMPARE(valueOf(samples, kMessageClicks, kJan1, first), 615.0);
    int perMessage = 0;
    for (const MetricSample &sample : samples)
        perMessage += sample.metric == QLatin1String(kMessageSent);
    QCOMPARE(perMessage, 4);
}

void tst_OneSignalMapper::tallyEmail()
{
    const auto page = connectors::onesignal::parsePage(recorded(u"notifications_email.json"_s));
    QVERIFY(page);
    Tally tally;
    tally.add(page->messages.first(), true);
    const SampleBatch samples = tally.samples();
    const qint64 hour = 1772452800000; // 2026-03-02T12:00:00Z
    const Labels labels{{u"campaign"_s, u"newsletter-march"_s}};
    QCOMPARE(valueOf(samples, kEmailOpens, hour, labels), 910.0);
    QCOMPARE(valueOf(samples, kEmailUniqueOpens, hour, labels), 700.0);
    QCOMPARE(valueOf(samples, kEmailClicks, hour, labels), 140.0);
    QCOMPARE(valueOf(samples, kEmailUniqueClicks, hour, labels), 120.0);
    QCOMPARE(valueOf(samples, kEmailUnsubscribes, hour, labels), 4.0);
    QCOMPARE(valueOf(samples, kEmailBounces, hour, labels), 7.0);
    QCOMPARE(valueOf(samples, kEmailSpamReports, hour, labels), 1.0);
    QCOMPARE(valueOf(samples, kEmailOpenRate, hour, labels), 35.0);
    QCOMPARE(valueOf(samples, kEmailClickRate, hour, labels), 6.0);
    QCOMPARE(valueOf(samples, kEmailUnsubscribeRate, hour, labels), 0.2);
    Labels email = labels;
    email.insert(u"platform"_s, u"email"_s);
    QCOMPARE(valueOf(samples, kPlatformSent, hour, email), 2000.0);
    Labels message = labels;
    message.insert(u"message_id"_s, u"c1c2d3e4-0000-4000-8000-fixture00010"_s);
    QCOMPARE(valueOf(samples, kMessageEmailOpens, hour, message), 700.0);
    QCOMPARE(valueOf(samples, kMessageEmailUnsubscribes, hour, message), 4.0);
    for (const MetricSample &sample : samples)
        QVERIFY(std::isfinite(sample.value));
}

void tst_OneSignalMapper::tallyFromHour()
{
    const auto page = connectors::onesignal::parsePage(recorded(u"notifications_push.json"_s));
    QVERIFY(page);
    Tally tally;
    for (const Message &message : page->messages)
        tally.add(message, true);
    const SampleBatch newest = tally.samples(kJan1);
    QVERIFY(!newest.isEmpty());
    for (const MetricSample &sample : newest)
        QCOMPARE(sample.ts, kJan1);
    QVERIFY(tally.samples(kJan1 + 3'600'000).isEmpty());
    QVERIFY(Tally().isEmpty());
    QVERIFY(Tally().samples().isEmpty());
}

void tst_OneSignalMapper::tallyWithoutPerMessage()
{
    const auto page = connectors::onesignal::parsePage(recorded(u"notifications_push.json"_s));
    QVERIFY(page);
    Tally tally;
    for (const Message &message : page->messages)
        tally.add(message, false);
    for (const MetricSample &sample : tally.samples()) {
        QVERIFY2(!sample.metric.startsWith(u"onesignal.message."_s), qPrintable(sample.metric));
        QVERIFY(!sample.labels.contains(u"message_id"_s));
    }
}

void tst_OneSignalMapper::errorMessage_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("words");

    QTest::addRow("403") << recorded(u"error_403.json"_s) << u"Access denied. Please include an 'Authorization: ...'"_s;
    QTest::addRow("429") << recorded(u"error_429.json"_s) << u"API rate limit exceeded."_s;
    QTest::addRow("object") << QByteArray(R"({"errors":{"invalid_aliases":"x"}})") << u"invalid_aliases: x"_s;
    QTest::addRow("string") << QByteArray(R"({"errors":"broken"})") << u"broken"_s;
    QTest::addRow("none") << recorded(u"notifications_empty.json"_s) << QString();
    QTest::addRow("not json") << QByteArray("<html>") << QString();
}

void tst_OneSignalMapper::errorMessage()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, words);
    const QString message = connectors::onesignal::errorMessage(body);
    if (words.isEmpty())
        QVERIFY(message.isEmpty());
    else
        QVERIFY2(message.startsWith(words), qPrintable(message));
}

void tst_OneSignalMapper::settings_data()
{
    QTest::addColumn<SettingsMap>("values");
    QTest::addColumn<QString>("baseUrl");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<int>("scheme"); // 0 key, 1 basic
    QTest::addColumn<int>("kind");   // -1 all
    QTest::addColumn<int>("refresh");
    QTest::addColumn<bool>("perMessage");

    const QString app = u"11111111-2222-4333-8444-555555555555"_s;
    QTest::addRow("defaults") << SettingsMap{{u"app_id"_s, app}} << QString() << true << 0 << -1 << kDefaultRefreshHours
                              << true;
    QTest::addRow("upper-case app id") << SettingsMap{{u"app_id"_s, app.toUpper()}} << QString() << true << 0 << -1
                                       << kDefaultRefreshHours << true;
    QTest::addRow("all set") << SettingsMap{{u"app_id"_s, app}, {u"auth_scheme"_s, u"Basic"_s}, {u"kind"_s, u"api"_s},
                                            {u"refresh_hours"_s, u"6"_s}, {u"per_message"_s, u"off"_s}}
                             << QString() << true << 1 << 1 << 6 << false;
    QTest::addRow("kind dashboard") << SettingsMap{{u"app_id"_s, app}, {u"kind"_s, u"dashboard"_s}} << QString() << true
                                    << 0 << 0 << kDefaultRefreshHours << true;
    QTest::addRow("kind automated") << SettingsMap{{u"app_id"_s, app}, {u"kind"_s, u"3"_s}} << QString() << true << 0
                                    << 3 << kDefaultRefreshHours << true;
    QTest::addRow("no app id") << SettingsMap{} << QString() << false << 0 << 0 << 0 << true;
    QTest::addRow("app id not a uuid") << SettingsMap{{u"app_id"_s, u"my-app"_s}} << QString() << false << 0 << 0 << 0
                                       << true;
    QTest::addRow("bad scheme") << SettingsMap{{u"app_id"_s, app}, {u"auth_scheme"_s, u"bearer"_s}} << QString()
                                << false << 0 << 0 << 0 << true;
    QTest::addRow("bad kind") << SettingsMap{{u"app_id"_s, app}, {u"kind"_s, u"2"_s}} << QString() << false << 0 << 0
                              << 0 << true;
    QTest::addRow("refresh zero") << SettingsMap{{u"app_id"_s, app}, {u"refresh_hours"_s, u"0"_s}} << QString() << false
                                  << 0 << 0 << 0 << true;
    QTest::addRow("refresh too long") << SettingsMap{{u"app_id"_s, app}, {u"refresh_hours"_s, u"721"_s}} << QString()
                                      << false << 0 << 0 << 0 << true;
    QTest::addRow("bad per_message") << SettingsMap{{u"app_id"_s, app}, {u"per_message"_s, u"maybe"_s}} << QString()
                                     << false << 0 << 0 << 0 << true;
    QTest::addRow("http elsewhere") << SettingsMap{{u"app_id"_s, app}} << u"http://onesignal.example.com"_s << false << 0
                                    << 0 << 0 << true;
}

void tst_OneSignalMapper::settings()
{
    QFETCH(SettingsMap, values);
    QFETCH(QString, baseUrl);
    QFETCH(bool, ok);
    QFETCH(int, scheme);
    QFETCH(int, kind);
    QFETCH(int, refresh);
    QFETCH(bool, perMessage);
    const auto parsed = parseSettings(values, QUrl(baseUrl));
    QCOMPARE(parsed.ok(), ok);
    if (!ok) {
        QCOMPARE(toString(parsed.error().code), toString(Error::Code::Config));
        return;
    }
    QCOMPARE(parsed->appId, u"11111111-2222-4333-8444-555555555555"_s);
    QCOMPARE(parsed->baseUrl.toString(), u"https://api.onesignal.com"_s);
    QCOMPARE(int(parsed->scheme), scheme);
    QCOMPARE(parsed->kind.value_or(-1), kind);
    QCOMPARE(parsed->refreshHours, refresh);
    QCOMPARE(parsed->perMessage, perMessage);
}

void tst_OneSignalMapper::hourStart()
{
    QCOMPARE(hourStartMs(kJan1 + 3'599'999), kJan1);
    QCOMPARE(hourStartMs(kJan1), kJan1);
}

QTEST_GUILESS_MAIN(tst_OneSignalMapper)
#include "tst_onesignalmapper.moc"
