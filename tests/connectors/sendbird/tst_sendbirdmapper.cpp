// Sendbird's pure mappers against recorded, sanitised answers (tests/data/sendbird/): settings, the request
// plan, DAU/MAU and advanced analytics bodies, Sendbird's error bodies, and the per-day API tally.
#include "sendbirdmapper.h"

#include "localhttpserver.h"

#include <QFile>
#include <QJsonObject>
#include <QTest>

using namespace stackscope;
using namespace stackscope::connectors::sendbird;
using namespace Qt::StringLiterals;

namespace {

QByteArray recorded(const QString &name)
{
    QFile file(test::LocalHttpServer::dataPath(u"sendbird/"_s + name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing test data %s", qPrintable(file.fileName()));
    return file.readAll();
}

qint64 day(int y, int m, int d)
{
    return dayStartMs(QDate(y, m, d));
}

Error httpError(int status, const QByteArray &body, Error::Code code)
{
    Error error = Error::make(code, u"The service refused the request (HTTP %1)."_s.arg(status));
    error.httpStatus = status;
    error.vendorBody = body;
    return error;
}

} // namespace

class tst_SendbirdMapper : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void settings_data();
    void settings();
    void planCoversTheWindow();
    void planSplitsAtMonthEnds();
    void resumeAtAKey();
    void mapCount_data();
    void mapCount();
    void mapAnalytics_data();
    void mapAnalytics();
    void analyticsValuesAndPaging();
    void analyticsSegments();
    void vendorErrorBody();
    void explain_data();
    void explain();
    void usageTally();
};

void tst_SendbirdMapper::settings_data()
{
    QTest::addColumn<QString>("appId");
    QTest::addColumn<QString>("segments");
    QTest::addColumn<QString>("override");
    QTest::addColumn<QString>("baseUrl");   // empty: an error is expected
    QTest::addColumn<QString>("errorPart");

    const QString app = u"00000000-0000-0000-0000-00000000ABCD"_s;
    QTest::addRow("derived host") << app << QString() << QString()
                                  << u"https://api-00000000-0000-0000-0000-00000000abcd.sendbird.com"_s << QString();
    QTest::addRow("override") << app << u"custom_message_type"_s << u"http://127.0.0.1:9/"_s
                              << u"http://127.0.0.1:9/"_s << QString();
    QTest::addRow("missing app id") << QString() << QString() << QString() << QString() << u"application ID"_s;
    QTest::addRow("app id with a dot") << u"evil.example.com/x"_s << QString() << QString() << QString()
                                       << u"not a Sendbird application ID"_s;
    QTest::addRow("unknown segments") << app << u"country"_s << QString() << QString() << u"\"country\""_s;
    QTest::addRow("plain http override") << app << QString() << u"http://sendbird.example.com"_s << QString()
                                         << u"base URL cannot be used"_s;
}

void tst_SendbirdMapper::settings()
{
    QFETCH(QString, appId);
    QFETCH(QString, segments);
    QFETCH(QString, override);
    QFETCH(QString, baseUrl);
    QFETCH(QString, errorPart);
    QMap<QString, QString> map{{u"app_id"_s, appId}};
    if (!segments.isEmpty())
        map.insert(u"segments"_s, segments);
    const auto parsed = parseSettings(map, QUrl(override));
    if (baseUrl.isEmpty()) {
        QVERIFY(!parsed);
        QCOMPARE(toString(parsed.error().code), toString(Error::Code::Config));
        QVERIFY2(parsed.error().userMessage.contains(errorPart), qPrintable(parsed.error().userMessage));
        return;
    }
    QVERIFY2(parsed, parsed ? "" : qPrintable(parsed.error().userMessage));
    QCOMPARE(parsed->baseUrl.toString(), baseUrl);
    QCOMPARE(parsed->segments, segments);
}

void tst_SendbirdMapper::planCoversTheWindow()
{
    const QList<PlannedStep> steps = plan(QDate(2026, 3, 2), QDate(2026, 3, 3), false);
    QStringList keys;
    for (const PlannedStep &step : steps)
        keys << step.key;
    QCOMPARE(keys, (QStringList{u"messages:2026-03"_s, u"active_channels:2026-03"_s, u"mau:2026-03"_s,
                                u"dau:2026-03-02"_s, u"dau:2026-03-03"_s}));
    QCOMPARE(steps[0].first, QDate(2026, 3, 2));
    QCOMPARE(steps[0].last, QDate(2026, 3, 3));
    QCOMPARE(steps[2].first, QDate(2026, 3, 1)); // MAU asks for the month
    QVERIFY(plan(QDate(2026, 3, 3), QDate(2026, 3, 2), false).isEmpty());
}

void tst_SendbirdMapper::planSplitsAtMonthEnds()
{
    const QList<PlannedStep> steps = plan(QDate(2026, 1, 30), QDate(2026, 3, 1), true);
    QList<PlannedStep> messages;
    int dau = 0, mau = 0, segmented = 0;
    for (const PlannedStep &step : steps) {
        if (step.kind == PlannedStep::Kind::Messages)
            messages << step;
        dau += step.kind == PlannedStep::Kind::Dau;
        mau += step.kind == PlannedStep::Kind::Mau;
        segmented += step.kind == PlannedStep::Kind::SegmentedMessages;
    }
    QCOMPARE(messages.size(), 3);
    QCOMPARE(messages[0].first, QDate(2026, 1, 30));
    QCOMPARE(messages[0].last, QDate(2026, 1, 31));
    QCOMPARE(messages[1].first, QDate(2026, 2, 1));
    QCOMPARE(messages[1].last, QDate(2026, 2, 28));
    QCOMPARE(messages[2].first, QDate(2026, 3, 1));
    QCOMPARE(messages[2].last, QDate(2026, 3, 1));
    QCOMPARE(mau, 3);
    QCOMPARE(segmented, 3);
    QCOMPARE(dau, 31);
}

void tst_SendbirdMapper::resumeAtAKey()
{
    const QList<PlannedStep> steps = plan(QDate(2026, 3, 1), QDate(2026, 3, 3), false);
    const QList<PlannedStep> rest = resumeAt(steps, u"dau:2026-03-02"_s);
    QCOMPARE(rest.size(), 2);
    QCOMPARE(rest.first().key, u"dau:2026-03-02"_s);
    QCOMPARE(resumeAt(steps, u"dau:1999-01-01"_s).size(), steps.size()); // unknown key: start over
    QCOMPARE(resumeAt(steps, QString()).size(), steps.size());
}

void tst_SendbirdMapper::mapCount_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("field");
    QTest::addColumn<double>("value"); // < 0: an error is expected
    QTest::addColumn<QString>("errorPart");

    QTest::addRow("dau") << u"dau.json"_s << u"dau"_s << 18342.0 << QString();
    QTest::addRow("mau") << u"mau.json"_s << u"mau"_s << 240117.0 << QString();
    QTest::addRow("wrong field") << u"mau.json"_s << u"dau"_s << -1.0 << u"no \"dau\""_s;
    QTest::addRow("not a number") << u"dau_not_number.json"_s << u"dau"_s << -1.0 << u"not a number"_s;
    QTest::addRow("negative") << u"dau_negative.json"_s << u"dau"_s << -1.0 << u"not a count"_s;
    QTest::addRow("truncated") << u"analytics_truncated.json"_s << u"dau"_s << -1.0 << u"not valid JSON"_s;
    QTest::addRow("error body") << u"error_401.json"_s << u"dau"_s << -1.0 << u"Unauthorized request (error 400108)"_s;
}

void tst_SendbirdMapper::mapCount()
{
    QFETCH(QString, file);
    QFETCH(QString, field);
    QFETCH(double, value);
    QFETCH(QString, errorPart);
    const auto count = connectors::sendbird::mapCount(recorded(file), field);
    if (value < 0) {
        QVERIFY(!count);
        QCOMPARE(toString(count.error().code), toString(Error::Code::Parse));
        QVERIFY2(count.error().userMessage.contains(errorPart), qPrintable(count.error().userMessage));
        return;
    }
    QVERIFY(count);
    QCOMPARE(count.value(), value);
}

void tst_SendbirdMapper::mapAnalytics_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("count"); // -1: an error is expected
    QTest::addColumn<QString>("errorPart");

    QTest::addRow("three days") << u"analytics_messages.json"_s << 3 << QString();
    QTest::addRow("first page") << u"analytics_page1.json"_s << 2 << QString();
    QTest::addRow("last page, next is null") << u"analytics_page2.json"_s << 1 << QString();
    QTest::addRow("today not computed yet") << u"analytics_pending.json"_s << 1 << QString();
    QTest::addRow("empty") << u"analytics_empty.json"_s << 0 << QString();
    QTest::addRow("bad date") << u"analytics_bad_date.json"_s << -1 << u"03/01/2026"_s;
    QTest::addRow("bad value") << u"analytics_bad_value.json"_s << -1 << u"not a number"_s;
    QTest::addRow("other envelope") << u"analytics_no_list.json"_s << -1 << u"no \"segments\" list"_s;
    QTest::addRow("truncated") << u"analytics_truncated.json"_s << -1 << u"not valid JSON"_s;
    QTest::addRow("error body") << u"error_400_params.json"_s << -1 << u"(error 400111)"_s;
}

void tst_SendbirdMapper::mapAnalytics()
{
    QFETCH(QString, file);
    QFETCH(int, count);
    QFETCH(QString, errorPart);
    const auto page = connectors::sendbird::mapAnalytics(recorded(file), QString::fromLatin1(kMessages), {});
    if (count < 0) {
        QVERIFY(!page);
        QCOMPARE(toString(page.error().code), toString(Error::Code::Parse));
        QVERIFY2(page.error().userMessage.contains(errorPart), qPrintable(page.error().userMessage));
        return;
    }
    QVERIFY2(page, page ? "" : qPrintable(page.error().userMessage));
    QCOMPARE(page->samples.size(), count);
}

void tst_SendbirdMapper::analyticsValuesAndPaging()
{
    const auto page = connectors::sendbird::mapAnalytics(recorded(u"analytics_messages.json"_s), QString::fromLatin1(kMessages), {});
    QVERIFY(page);
    QVERIFY(page->next.isEmpty());
    QCOMPARE(page->samples[1].metric, u"sendbird.messages"_s);
    QCOMPARE(page->samples[1].ts, day(2026, 3, 2));
    QCOMPARE(page->samples[1].value, 49870.0);
    QVERIFY(page->samples[1].labels.isEmpty());

    const auto first = connectors::sendbird::mapAnalytics(recorded(u"analytics_page1.json"_s), QString::fromLatin1(kActiveChannels), {});
    QVERIFY(first);
    QCOMPARE(first->next, u"cGFnZS0yLWZpeHR1cmUtdG9rZW4="_s);
    QCOMPARE(first->samples[0].metric, u"sendbird.active_channels"_s);
}

void tst_SendbirdMapper::analyticsSegments()
{
    const auto page = connectors::sendbird::mapAnalytics(recorded(u"analytics_segmented.json"_s), QString::fromLatin1(kMessages),
                                             u"custom_message_type"_s);
    QVERIFY(page);
    QCOMPARE(page->samples.size(), 4);
    QCOMPARE(page->samples[0].labels.value(u"custom_message_type"_s), u"file"_s);
    QCOMPARE(page->samples[0].value, 120.0);
    QCOMPARE(page->samples[1].labels.value(u"custom_message_type"_s), u"(none)"_s);
    QCOMPARE(page->samples[3].labels.value(u"custom_message_type"_s), u"(none)"_s);
}

void tst_SendbirdMapper::vendorErrorBody()
{
    const auto error = vendorError(recorded(u"error_429.json"_s));
    QVERIFY(error);
    QCOMPARE(error->code, kRateLimitCode);
    QVERIFY(error->message.contains(u"rate limit"_s));
    QVERIFY(!vendorError("<html>busy</html>"));
    QVERIFY(!vendorError(""));
    QVERIFY(!vendorError(R"({"dau": 3})"));
}

void tst_SendbirdMapper::explain_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("inCode");
    QTest::addColumn<int>("outCode");
    QTest::addColumn<QString>("message");

    QTest::addRow("429 with 500910") << 429 << u"error_429.json"_s << int(Error::Code::RateLimited)
                                     << int(Error::Code::RateLimited)
                                     << u"Sendbird is limiting this application's API requests (HTTP 429, error "
                                        "500910): Too many requests: rate limit exceeded for this application."_s;
    QTest::addRow("500910 without 429") << 400 << u"error_429.json"_s << int(Error::Code::Config)
                                        << int(Error::Code::RateLimited) << u"(HTTP 400, error 500910)"_s;
    QTest::addRow("401") << 401 << u"error_401.json"_s << int(Error::Code::Auth) << int(Error::Code::Auth)
                         << u"Sendbird rejected the API token (HTTP 401, error 400108): Unauthorized request."_s;
    QTest::addRow("400108 on a 400") << 400 << u"error_401.json"_s << int(Error::Code::Config) << int(Error::Code::Auth)
                                     << u"Sendbird rejected the API token"_s;
    QTest::addRow("bad parameter") << 400 << u"error_400_params.json"_s << int(Error::Code::Config)
                                   << int(Error::Code::Config)
                                   << u"Sendbird refused the request (HTTP 400, error 400111): \"end_day\" is out of range."_s;
}

void tst_SendbirdMapper::explain()
{
    QFETCH(int, status);
    QFETCH(QString, file);
    QFETCH(int, inCode);
    QFETCH(int, outCode);
    QFETCH(QString, message);
    const Error explained = connectors::sendbird::explain(httpError(status, recorded(file), Error::Code(inCode)));
    QCOMPARE(toString(explained.code), toString(Error::Code(outCode)));
    QVERIFY2(explained.userMessage.contains(message), qPrintable(explained.userMessage));

    // Without a Sendbird body: HttpClient's words, naming Sendbird.
    Error timeout = Error::make(Error::Code::Timeout, u"api-x.sendbird.com did not answer within 30 s."_s);
    QCOMPARE(connectors::sendbird::explain(timeout).userMessage, u"Sendbird: api-x.sendbird.com did not answer within 30 s."_s);
    Error generic = Error::make(Error::Code::Network, u"The service is unhappy."_s);
    QCOMPARE(connectors::sendbird::explain(generic).userMessage, u"Sendbird is unhappy."_s);
}

void tst_SendbirdMapper::usageTally()
{
    const QDate today(2026, 3, 3);
    QJsonObject cursor;
    ApiUsage usage = usageFromCursor(cursor, today);
    QCOMPARE(usage.day, today);
    QCOMPARE(usage.requests, 0);
    usage.requests = 12;
    usage.throttled = 2;
    usageToCursor(usage, cursor);
    cursor.insert(u"next_step"_s, u"dau:2026-03-03"_s);

    const ApiUsage again = usageFromCursor(cursor, today);
    QCOMPARE(again.requests, 12);
    QCOMPARE(again.throttled, 2);
    const ApiUsage tomorrow = usageFromCursor(cursor, today.addDays(1));
    QCOMPARE(tomorrow.requests, 0);
    QCOMPARE(tomorrow.day, today.addDays(1));

    cursor.insert(u"api_throttled"_s, 99.0); // more throttled than sent: nonsense, not carried on
    QCOMPARE(usageFromCursor(cursor, today).throttled, 0);
    cursor.insert(u"api_requests"_s, u"many"_s);
    QCOMPARE(usageFromCursor(cursor, today).requests, 0);

    const SampleBatch samples = usageSamples(again);
    QCOMPARE(samples.size(), 2);
    QCOMPARE(samples[0].metric, u"sendbird.api.requests"_s);
    QCOMPARE(samples[0].ts, day(2026, 3, 3));
    QCOMPARE(samples[0].value, 12.0);
    QCOMPARE(samples[1].metric, u"sendbird.api.throttled"_s);
    QCOMPARE(samples[1].value, 2.0);
}

QTEST_GUILESS_MAIN(tst_SendbirdMapper)
#include "tst_sendbirdmapper.moc"
