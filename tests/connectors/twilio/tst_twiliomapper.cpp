// The Twilio mappers against recorded (sanitised) answers in tests/data/twilio: what each page adds to a day's
// tally, the samples a finished day gives, usage records, and the shapes that must be refused.
#include "localhttpserver.h"
#include "twiliomapper.h"

#include <QFile>
#include <QJsonDocument>
#include <QTest>
#include <QtNumeric>

#include <algorithm>
#include <cmath>

using namespace stackscope;
using namespace stackscope::connectors::twilio;
using namespace stackscope::test;

namespace {

QByteArray recorded(const QString &name)
{
    QFile file(LocalHttpServer::dataPath(QStringLiteral("twilio/") + name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing test data %s", qPrintable(name));
    return file.readAll();
}

Labels L(std::initializer_list<std::pair<QString, QString>> pairs)
{
    Labels labels;
    for (const auto &[k, v] : pairs)
        labels.insert(k, v);
    return labels;
}

// The value of the one sample of `metric` with exactly `labels`; NaN when absent, and a failure when repeated.
double valueOf(const SampleBatch &samples, const QString &metric, const Labels &labels)
{
    double found = qQNaN();
    int count = 0;
    for (const MetricSample &s : samples) {
        if (s.metric == metric && s.labels == labels) {
            found = s.value;
            ++count;
        }
    }
    if (count > 1)
        qWarning("%s has %d samples with the same labels", qPrintable(metric), count);
    return count == 1 ? found : qQNaN();
}

int countOf(const SampleBatch &samples, const QString &metric)
{
    return int(std::count_if(samples.cbegin(), samples.cend(), [&](const MetricSample &s) { return s.metric == metric; }));
}

const QDate kDay1(2026, 3, 1);
const QDate kDay2(2026, 3, 2);
const qint64 kDay2Ms = 1772409600000; // 2026-03-02T00:00:00Z

} // namespace

class tst_TwilioMapper : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rfc2822_data();
    void rfc2822();
    void country_data();
    void country();
    void type_data();
    void type();
    void days();

    void messagesAcrossTwoPages();
    void messageStatusesAreZeroFilled();
    void messagesOfOtherDaysAreLeftOut();
    void emptyDayGivesNoSamples();
    void calls();
    void usageRecords();
    void usageNumbersAsStringsOrNumbers();

    void malformed_data();
    void malformed();

    void tallyRoundTrip();
    void damagedTallyIsRefused_data();
    void damagedTallyIsRefused();

    void account();
    void twilioError_data();
    void twilioError();
};

void tst_TwilioMapper::rfc2822_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("expected"); // -1: not a date
    QTest::addRow("Twilio's form") << QStringLiteral("Mon, 02 Mar 2026 09:00:00 +0000") << qint64(kDay2Ms + 9 * 3600'000);
    QTest::addRow("wrong weekday is ignored") << QStringLiteral("Sun, 02 Mar 2026 09:00:00 +0000") << qint64(kDay2Ms + 9 * 3600'000);
    QTest::addRow("no weekday") << QStringLiteral("02 Mar 2026 09:00:00 +0000") << qint64(kDay2Ms + 9 * 3600'000);
    QTest::addRow("offset") << QStringLiteral("Mon, 02 Mar 2026 01:00:00 -0700") << qint64(kDay2Ms + 8 * 3600'000);
    QTest::addRow("empty") << QString() << qint64(-1);
    QTest::addRow("ISO is not RFC 2822") << QStringLiteral("2026-03-02T09:00:00Z") << qint64(-1);
    QTest::addRow("garbage") << QStringLiteral("Mon, yesterday") << qint64(-1);
}

void tst_TwilioMapper::rfc2822()
{
    QFETCH(QString, text);
    QFETCH(qint64, expected);
    const std::optional<qint64> parsed = parseRfc2822(text);
    if (expected < 0) {
        QVERIFY(!parsed);
    } else {
        QVERIFY(parsed);
        QCOMPARE(*parsed, expected);
    }
}

void tst_TwilioMapper::country_data()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<QString>("country");
    QTest::addRow("US number") << QStringLiteral("+14155550123") << QStringLiteral("NANP");
    QTest::addRow("Canada shares +1") << QStringLiteral("+16135550123") << QStringLiteral("NANP");
    QTest::addRow("UK") << QStringLiteral("+447700900123") << QStringLiteral("GB");
    QTest::addRow("Germany") << QStringLiteral("+4915112345678") << QStringLiteral("DE");
    QTest::addRow("India") << QStringLiteral("+919876543210") << QStringLiteral("IN");
    QTest::addRow("Russia +7") << QStringLiteral("+79161234567") << QStringLiteral("RU");
    QTest::addRow("Kazakhstan +77 (longest prefix)") << QStringLiteral("+77011234567") << QStringLiteral("KZ");
    QTest::addRow("Ireland +353 (three digits)") << QStringLiteral("+353861234567") << QStringLiteral("IE");
    QTest::addRow("Portugal +351") << QStringLiteral("+351912345678") << QStringLiteral("PT");
    QTest::addRow("whatsapp prefix") << QStringLiteral("whatsapp:+919876543210") << QStringLiteral("IN");
    QTest::addRow("code not in table") << QStringLiteral("+6761234567") << QStringLiteral("unknown");
    QTest::addRow("short code") << QStringLiteral("12345") << QStringLiteral("unknown");
    QTest::addRow("alphanumeric sender") << QStringLiteral("MyShop") << QStringLiteral("unknown");
    QTest::addRow("letters after +") << QStringLiteral("+44abc") << QStringLiteral("unknown");
    QTest::addRow("empty") << QString() << QStringLiteral("unknown");
}

void tst_TwilioMapper::country()
{
    QFETCH(QString, address);
    QFETCH(QString, country);
    QCOMPARE(countryOf(address), country);
}

void tst_TwilioMapper::type_data()
{
    QTest::addColumn<QString>("to");
    QTest::addColumn<QString>("from");
    QTest::addColumn<int>("media");
    QTest::addColumn<QString>("type");
    QTest::addRow("sms") << QStringLiteral("+14155550123") << QStringLiteral("+15005550006") << 0 << QStringLiteral("sms");
    QTest::addRow("mms") << QStringLiteral("+14155550123") << QStringLiteral("+15005550006") << 2 << QStringLiteral("mms");
    QTest::addRow("whatsapp to") << QStringLiteral("whatsapp:+1415") << QStringLiteral("whatsapp:+1500") << 0 << QStringLiteral("whatsapp");
    QTest::addRow("whatsapp inbound with media") << QStringLiteral("+1500") << QStringLiteral("WhatsApp:+1415") << 1 << QStringLiteral("whatsapp");
}

void tst_TwilioMapper::type()
{
    QFETCH(QString, to);
    QFETCH(QString, from);
    QFETCH(int, media);
    QFETCH(QString, type);
    QCOMPARE(messageType(to, from, media), type);
}

void tst_TwilioMapper::days()
{
    QCOMPARE(utcDay(kDay2Ms), kDay2);
    QCOMPARE(utcDay(kDay2Ms - 1), kDay1);
    QCOMPARE(dayStartMs(kDay2), kDay2Ms);
    QCOMPARE(dayText(kDay2), QStringLiteral("2026-03-02"));
    QCOMPARE(parseDay(QStringLiteral("2026-03-02")), kDay2);
    QVERIFY(!parseDay(QStringLiteral("2026-3-2")).isValid());
    QVERIFY(!parseDay(QStringLiteral("-30days")).isValid());
}

void tst_TwilioMapper::messagesAcrossTwoPages()
{
    DayTally tally;
    auto first = tallyMessagesPage(recorded(QStringLiteral("messages_2026-03-02_page0.json")), kDay2, tally);
    QVERIFY(first);
    QCOMPARE(first->items, 3);
    QCOMPARE(first->counted, 3);
    QCOMPARE(first->nextPageUri,
             QStringLiteral("/2010-04-01/Accounts/AC00000000000000000000000000000001/Messages.json?DateSent%3E=2026-03-02"
                            "&DateSent%3C=2026-03-02&PageSize=1000&Page=1&PageToken=PASM00000000000000000000000000000003"));
    auto second = tallyMessagesPage(recorded(QStringLiteral("messages_2026-03-02_page1.json")), kDay2, tally);
    QVERIFY(second);
    QCOMPARE(second->items, 4);
    QCOMPARE(second->counted, 2); // one sent the day before, one not sent yet
    QVERIFY(second->nextPageUri.isEmpty());

    const SampleBatch samples = messageSamples(tally, kDay2);
    for (const MetricSample &s : samples)
        QCOMPARE(s.ts, kDay2Ms);
    const QString out = QStringLiteral("outbound-api");
    auto msg = [&](const char *status, const QString &direction, const char *type) {
        return valueOf(samples, QString(kSmsMessages),
                       L({{QStringLiteral("status"), QString::fromLatin1(status)}, {QStringLiteral("direction"), direction},
                          {QStringLiteral("type"), QString::fromLatin1(type)}}));
    };
    QCOMPARE(msg("delivered", out, "sms"), 1.0);
    QCOMPARE(msg("undelivered", out, "sms"), 1.0);
    QCOMPARE(msg("received", QStringLiteral("inbound"), "sms"), 1.0);
    QCOMPARE(msg("read", out, "whatsapp"), 1.0);
    QCOMPARE(msg("failed", out, "mms"), 1.0);
    QCOMPARE(msg("sent", out, "sms"), 0.0);

    auto country = [](const char *code) { return L({{QStringLiteral("country"), QString::fromLatin1(code)}}); };
    QCOMPARE(valueOf(samples, QString(kSmsSent), country("GB")), 1.0);
    QCOMPARE(valueOf(samples, QString(kSmsSent), country("NANP")), 1.0);
    QCOMPARE(valueOf(samples, QString(kSmsSent), country("IN")), 1.0);
    QCOMPARE(valueOf(samples, QString(kSmsSent), country("AU")), 1.0);
    QCOMPARE(countOf(samples, QString(kSmsSent)), 4); // no FR: that message belongs to March 1
    QCOMPARE(valueOf(samples, QString(kSmsDelivered), country("GB")), 1.0);
    QCOMPARE(valueOf(samples, QString(kSmsDelivered), country("IN")), 1.0); // "read" counts as delivered
    QCOMPARE(valueOf(samples, QString(kSmsDelivered), country("NANP")), 0.0);
    QCOMPARE(valueOf(samples, QString(kSmsFailed), country("NANP")), 1.0); // undelivered
    QCOMPARE(valueOf(samples, QString(kSmsFailed), country("AU")), 1.0);   // failed
    QCOMPARE(valueOf(samples, QString(kSmsFailed), country("GB")), 0.0);
    QCOMPARE(valueOf(samples, QString(kSmsDeliveryRate), {}), 50.0);

    QCOMPARE(valueOf(samples, QString(kSmsSegments), L({{QStringLiteral("direction"), out}})), 5.0);
    QCOMPARE(valueOf(samples, QString(kSmsSegments), L({{QStringLiteral("direction"), QStringLiteral("inbound")}})), 1.0);

    QCOMPARE(valueOf(samples, QString(kSmsErrors),
                     L({{QStringLiteral("error_code"), QStringLiteral("30003")}, {QStringLiteral("direction"), out},
                        {QStringLiteral("type"), QStringLiteral("sms")}})),
             1.0);
    QCOMPARE(valueOf(samples, QString(kSmsErrors),
                     L({{QStringLiteral("error_code"), QStringLiteral("30007")}, {QStringLiteral("direction"), out},
                        {QStringLiteral("type"), QStringLiteral("mms")}})),
             1.0);
    QCOMPARE(countOf(samples, QString(kSmsErrors)), 2);
    QCOMPARE(valueOf(samples, QString(kSmsErrorRate), L({{QStringLiteral("error_code"), QStringLiteral("30003")}})), 25.0);
    QCOMPARE(valueOf(samples, QString(kSmsErrorRate), L({{QStringLiteral("error_code"), QStringLiteral("30007")}})), 25.0);
}

void tst_TwilioMapper::messageStatusesAreZeroFilled()
{
    DayTally tally;
    QVERIFY(tallyMessagesPage(recorded(QStringLiteral("messages_2026-03-02_page0.json")), kDay2, tally));
    QVERIFY(tallyMessagesPage(recorded(QStringLiteral("messages_2026-03-02_page1.json")), kDay2, tally));
    const SampleBatch samples = messageSamples(tally, kDay2);
    // Four (direction, type) kinds, every status of the spec for each.
    QCOMPARE(countOf(samples, QString(kSmsMessages)), 4 * int(messageStatuses().size()));
    double total = 0;
    for (const MetricSample &s : samples) {
        if (s.metric == QString(kSmsMessages))
            total += s.value;
    }
    QCOMPARE(total, 5.0);
}

void tst_TwilioMapper::messagesOfOtherDaysAreLeftOut()
{
    DayTally tally;
    auto page = tallyMessagesPage(recorded(QStringLiteral("messages_2026-03-02_page1.json")), kDay1, tally);
    QVERIFY(page);
    QCOMPARE(page->counted, 1); // only the message sent at 23:59:59 on March 1
    const SampleBatch samples = messageSamples(tally, kDay1);
    QCOMPARE(valueOf(samples, QString(kSmsSent), L({{QStringLiteral("country"), QStringLiteral("FR")}})), 1.0);
    QVERIFY(std::isnan(valueOf(samples, QString(kSmsDeliveryRate), {}))); // nothing finished yet: no rate
    QCOMPARE(countOf(samples, QString(kSmsErrorRate)), 0);
}

void tst_TwilioMapper::emptyDayGivesNoSamples()
{
    DayTally tally;
    auto page = tallyMessagesPage(recorded(QStringLiteral("messages_empty.json")), kDay1, tally);
    QVERIFY(page);
    QCOMPARE(page->items, 0);
    QVERIFY(tally.isEmpty());
    QVERIFY(messageSamples(tally, kDay1).isEmpty());
    auto calls = tallyCallsPage(recorded(QStringLiteral("calls_empty.json")), kDay1, tally);
    QVERIFY(calls);
    QVERIFY(callSamples(tally, kDay1).isEmpty());
    SampleBatch usage;
    QVERIFY(usageRecordsPage(recorded(QStringLiteral("usage_empty.json")), kDay1, kDay2, usage));
    QVERIFY(usage.isEmpty());
}

void tst_TwilioMapper::calls()
{
    DayTally tally;
    auto page = tallyCallsPage(recorded(QStringLiteral("calls_2026-03-02.json")), kDay2, tally);
    QVERIFY(page);
    QCOMPARE(page->items, 6);
    QCOMPARE(page->counted, 5); // the queued call has no start_time yet
    const SampleBatch samples = callSamples(tally, kDay2);
    const QString out = QStringLiteral("outbound-api"), in = QStringLiteral("inbound");
    auto calls = [&](const char *status, const QString &direction) {
        return valueOf(samples, QString(kCalls),
                       L({{QStringLiteral("status"), QString::fromLatin1(status)}, {QStringLiteral("direction"), direction}}));
    };
    QCOMPARE(calls("completed", out), 1.0);
    QCOMPARE(calls("busy", out), 1.0);
    QCOMPARE(calls("no-answer", out), 1.0);
    QCOMPARE(calls("in-progress", out), 1.0);
    QCOMPARE(calls("failed", out), 0.0);
    QCOMPARE(calls("completed", in), 1.0);
    QCOMPARE(calls("busy", in), 0.0);
    QCOMPARE(countOf(samples, QString(kCalls)), 2 * int(callStatuses().size()));
    QCOMPARE(valueOf(samples, QString(kCallMinutes), L({{QStringLiteral("direction"), out}})), 205.0 / 60.0);
    QCOMPARE(valueOf(samples, QString(kCallMinutes), L({{QStringLiteral("direction"), in}})), 1.0);
    // completed / (completed + busy + failed + no-answer + canceled); in-progress is left out.
    QCOMPARE(valueOf(samples, QString(kCallSuccessRate), L({{QStringLiteral("direction"), out}})), 100.0 / 3.0);
    QCOMPARE(valueOf(samples, QString(kCallSuccessRate), L({{QStringLiteral("direction"), in}})), 100.0);
}

void tst_TwilioMapper::usageRecords()
{
    SampleBatch samples;
    auto first = usageRecordsPage(recorded(QStringLiteral("usage_daily_page0.json")), kDay1, kDay2, samples);
    QVERIFY(first);
    QCOMPARE(first->items, 4);
    QVERIFY(first->nextPageUri.endsWith(QLatin1String("&Page=1&PageToken=PAUR00000000000000000000000000000002")));
    auto second = usageRecordsPage(recorded(QStringLiteral("usage_daily_page1.json")), kDay1, kDay2, samples);
    QVERIFY(second);
    QCOMPARE(second->counted, 1); // February 28 is outside the range asked for

    const qint64 day1Ms = dayStartMs(kDay1);
    for (const MetricSample &s : samples)
        QVERIFY(s.ts == day1Ms || s.ts == kDay2Ms);
    auto cost = [&](const char *category) {
        return valueOf(samples, QString(kUsageCost),
                       L({{QStringLiteral("category"), QString::fromLatin1(category)}, {QStringLiteral("currency"), QStringLiteral("USD")}}));
    };
    QCOMPARE(cost("sms-outbound"), 11.40);
    QCOMPARE(cost("calls"), 0.026);
    QCOMPARE(countOf(samples, QString(kUsageCost)), 4); // totalprice twice, sms-outbound, calls; mms was all zero
    QCOMPARE(valueOf(samples, QString(kUsageAmount),
                     L({{QStringLiteral("category"), QStringLiteral("calls")}, {QStringLiteral("unit"), QStringLiteral("minutes")}})),
             4.0);
    QCOMPARE(valueOf(samples, QString(kUsageCount),
                     L({{QStringLiteral("category"), QStringLiteral("sms-outbound")}, {QStringLiteral("unit"), QStringLiteral("messages")}})),
             1520.0);
    // totalprice has count null: no count sample, but its usage in usd.
    QVERIFY(std::isnan(valueOf(samples, QString(kUsageCount), L({{QStringLiteral("category"), QStringLiteral("totalprice")}}))));
    int totals = 0;
    for (const MetricSample &s : samples) {
        if (s.metric == QString(kUsageCost) && s.labels.value(QStringLiteral("category")) == QLatin1String("totalprice")) {
            ++totals;
            QCOMPARE(s.value, s.ts == kDay2Ms ? 0.50 : 11.426);
        }
    }
    QCOMPARE(totals, 2);
}

void tst_TwilioMapper::usageNumbersAsStringsOrNumbers()
{
    const QByteArray body = R"({"usage_records": [
        {"category": "sms", "start_date": "2026-03-01", "end_date": "2026-03-01", "price": 1.5, "price_unit": "eur",
         "count": 3, "count_unit": "messages", "usage": "3", "usage_unit": "segments"},
        {"category": "calls", "start_date": "2026-03-01", "end_date": "2026-03-01", "price": "n/a", "price_unit": "eur",
         "count": "2", "count_unit": "calls", "usage": null, "usage_unit": "minutes"},
        {"category": "monthly", "start_date": "2026-03-01", "end_date": "2026-03-31", "price": "9", "price_unit": "eur",
         "count": "1", "count_unit": "", "usage": "1", "usage_unit": ""}],
        "next_page_uri": null})";
    SampleBatch samples;
    auto page = usageRecordsPage(body, kDay1, kDay2, samples);
    QVERIFY(page);
    QCOMPARE(page->counted, 2); // a month-long record is not a daily one
    QCOMPARE(valueOf(samples, QString(kUsageCost),
                     L({{QStringLiteral("category"), QStringLiteral("sms")}, {QStringLiteral("currency"), QStringLiteral("EUR")}})),
             1.5);
    QCOMPARE(countOf(samples, QString(kUsageCost)), 1); // "n/a" is no price
    QCOMPARE(countOf(samples, QString(kUsageAmount)), 1); // null is no usage
    QCOMPARE(countOf(samples, QString(kUsageCount)), 2);
}

void tst_TwilioMapper::malformed_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addRow("truncated JSON") << recorded(QStringLiteral("malformed.json"));
    QTest::addRow("empty body") << QByteArray();
    QTest::addRow("an array") << QByteArray(R"([{"sid": "SM1"}])");
    QTest::addRow("an HTML page") << QByteArray("<html><body>Bad gateway</body></html>");
    QTest::addRow("no list") << QByteArray(R"({"next_page_uri": null, "page": 0})");
    QTest::addRow("list is an object") << QByteArray(R"({"messages": {"sid": "SM1"}, "calls": {}, "usage_records": 3})");
    QTest::addRow("entry is not an object") << QByteArray(R"({"messages": [1], "calls": ["x"], "usage_records": [null]})");
    QTest::addRow("next_page_uri is a number") << QByteArray(R"({"messages": [], "calls": [], "usage_records": [], "next_page_uri": 2})");
}

void tst_TwilioMapper::malformed()
{
    QFETCH(QByteArray, body);
    DayTally tally;
    SampleBatch samples;
    auto messages = tallyMessagesPage(body, kDay2, tally);
    QVERIFY(!messages);
    QCOMPARE(toString(messages.error().code), toString(Error::Code::Parse));
    QVERIFY2(messages.error().userMessage.startsWith(QLatin1String("Twilio's answer could not be read")),
             qPrintable(messages.error().userMessage));
    auto calls = tallyCallsPage(body, kDay2, tally);
    QVERIFY(!calls);
    QCOMPARE(toString(calls.error().code), toString(Error::Code::Parse));
    auto usage = usageRecordsPage(body, kDay1, kDay2, samples);
    QVERIFY(!usage);
    QCOMPARE(toString(usage.error().code), toString(Error::Code::Parse));
    QVERIFY(tally.isEmpty());
    QVERIFY(samples.isEmpty());
}

void tst_TwilioMapper::tallyRoundTrip()
{
    DayTally tally;
    QVERIFY(tallyMessagesPage(recorded(QStringLiteral("messages_2026-03-02_page0.json")), kDay2, tally));
    auto restored = DayTally::fromJson(tally.toJson());
    QVERIFY(restored);
    QVERIFY(restored.value() == tally);
    // Going on from the restored tally gives what one uninterrupted pass gives.
    QVERIFY(tallyMessagesPage(recorded(QStringLiteral("messages_2026-03-02_page1.json")), kDay2, restored.value()));
    QVERIFY(tallyMessagesPage(recorded(QStringLiteral("messages_2026-03-02_page1.json")), kDay2, tally));
    QVERIFY(restored.value() == tally);
    QCOMPARE(messageSamples(restored.value(), kDay2).size(), messageSamples(tally, kDay2).size());
}

void tst_TwilioMapper::damagedTallyIsRefused_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addRow("not an entry") << QByteArray(R"([1])");
    QTest::addRow("short entry") << QByteArray(R"([["twilio.sms.sent", {}]])");
    QTest::addRow("value not a number") << QByteArray(R"([["twilio.sms.sent", {}, "1"]])");
    QTest::addRow("label not a string") << QByteArray(R"([["twilio.sms.sent", {"country": 1}, 1]])");
}

void tst_TwilioMapper::damagedTallyIsRefused()
{
    QFETCH(QByteArray, json);
    const QJsonArray array = QJsonDocument::fromJson(json).array();
    auto tally = DayTally::fromJson(array);
    QVERIFY(!tally);
    QCOMPARE(toString(tally.error().code), toString(Error::Code::Parse));
}

void tst_TwilioMapper::account()
{
    auto parsed = parseAccount(recorded(QStringLiteral("account.json")));
    QVERIFY(parsed);
    QCOMPARE(parsed->sid, QStringLiteral("AC00000000000000000000000000000001"));
    QCOMPARE(parsed->status, QStringLiteral("active"));
    QCOMPARE(parsed->type, QStringLiteral("Full"));
    QCOMPARE(parsed->friendlyName, QStringLiteral("Stackscope test account"));
    QVERIFY(!parseAccount(R"({"status": "active"})"));
    QVERIFY(!parseAccount("not json"));
}

void tst_TwilioMapper::twilioError_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("message");
    QTest::addRow("20003") << recorded(QStringLiteral("error_20003.json")) << 20003 << QStringLiteral("Authenticate");
    QTest::addRow("20429") << recorded(QStringLiteral("error_20429.json")) << 20429 << QStringLiteral("Too Many Requests");
    QTest::addRow("code as string") << QByteArray(R"({"code": "21211", "message": "Invalid 'To' Phone Number"})") << 21211
                                    << QStringLiteral("Invalid 'To' Phone Number");
    QTest::addRow("not Twilio's shape") << QByteArray(R"({"error": "nope"})") << -1 << QString();
    QTest::addRow("HTML") << QByteArray("<html></html>") << -1 << QString();
}

void tst_TwilioMapper::twilioError()
{
    QFETCH(QByteArray, body);
    QFETCH(int, code);
    QFETCH(QString, message);
    const std::optional<TwilioError> error = parseTwilioError(body);
    if (code < 0) {
        QVERIFY(!error);
        return;
    }
    QVERIFY(error);
    QCOMPARE(error->code, code);
    QCOMPARE(error->message, message);
}

QTEST_GUILESS_MAIN(tst_TwilioMapper)
#include "tst_twiliomapper.moc"
