// SendGrid's pure mappers against recorded, sanitised answers (tests/data/sendgrid/).
#include "sendgridmapper.h"

#include "localhttpserver.h"

#include <QFile>
#include <QTest>

using namespace stackscope;
using namespace stackscope::connectors::sendgrid;
using namespace Qt::StringLiterals;

namespace {

QByteArray recorded(const QString &name)
{
    QFile file(test::LocalHttpServer::dataPath(u"sendgrid/"_s + name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing test data %s", qPrintable(file.fileName()));
    return file.readAll();
}

qint64 day(int y, int m, int d)
{
    return dayStartMs(QDate(y, m, d));
}

const MetricSample *find(const SampleBatch &samples, const QString &metric, qint64 ts, const QString &category = {})
{
    for (const MetricSample &sample : samples) {
        if (sample.metric == metric && sample.ts == ts && sample.labels.value(u"category"_s) == category)
            return &sample;
    }
    return nullptr;
}

} // namespace

class tst_SendGridMapper : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void catalogueFields();
    void mapStats_data();
    void mapStats();
    void globalStatsValues();
    void categoryStatsValues();
    void mapScopes_data();
    void mapScopes();
    void errorMessage_data();
    void errorMessage();
    void rateLimit_data();
    void rateLimit();
    void dayChunks_data();
    void dayChunks();
    void settings_data();
    void settings();
};

void tst_SendGridMapper::catalogueFields()
{
    QCOMPARE(statFields().size(), 16);
    QCOMPARE(metricName(u"delivered"_s), u"sendgrid.delivered"_s);
    QVERIFY(statFields().contains(u"unsubscribe_drops"_s));
}

void tst_SendGridMapper::mapStats_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<bool>("category");
    QTest::addColumn<int>("count");          // -1: an error is expected
    QTest::addColumn<QString>("errorPart");

    QTest::addRow("global, three days") << u"stats_global.json"_s << false << 3 * 16 << QString();
    QTest::addRow("two categories, two days") << u"stats_category.json"_s << true << 2 * 2 * 16 << QString();
    QTest::addRow("empty list") << u"stats_empty.json"_s << false << 0 << QString();
    QTest::addRow("quiet day and partial metrics") << u"stats_quiet_days.json"_s << false << 3 << QString();
    QTest::addRow("value is a string") << u"stats_bad_value.json"_s << false << -1 << u"\"delivered\" is not a number"_s;
    QTest::addRow("date is not YYYY-MM-DD") << u"stats_bad_date.json"_s << false << -1 << u"03/01/2026"_s;
    QTest::addRow("category without name") << u"stats_category_unnamed.json"_s << true << -1 << u"without a category name"_s;
    QTest::addRow("truncated JSON") << u"stats_truncated.json"_s << false << -1 << u"not valid JSON"_s;
    QTest::addRow("error object instead of list") << u"error_401.json"_s << false << -1 << u"authorization required"_s;
}

void tst_SendGridMapper::mapStats()
{
    QFETCH(QString, file);
    QFETCH(bool, category);
    QFETCH(int, count);
    QFETCH(QString, errorPart);

    const auto result = connectors::sendgrid::mapStats(recorded(file), category ? StatsScope::Category : StatsScope::Global);
    if (count < 0) {
        QVERIFY(!result);
        QCOMPARE(toString(result.error().code), toString(Error::Code::Parse));
        QVERIFY2(result.error().userMessage.contains(errorPart), qPrintable(result.error().userMessage));
        return;
    }
    QVERIFY2(result, result ? "" : qPrintable(result.error().userMessage));
    QCOMPARE(result->size(), count);
    for (const MetricSample &sample : result.value()) {
        QVERIFY(sample.metric.startsWith(u"sendgrid."_s));
        QCOMPARE(sample.ts % 86'400'000, 0);
        QCOMPARE(sample.labels.contains(u"category"_s), category);
    }
}

void tst_SendGridMapper::globalStatsValues()
{
    const auto result = connectors::sendgrid::mapStats(recorded(u"stats_global.json"_s), StatsScope::Global);
    QVERIFY(result);
    const MetricSample *delivered = find(*result, u"sendgrid.delivered"_s, day(2026, 3, 2));
    QVERIFY(delivered);
    QCOMPARE(delivered->value, 9512.0);
    QVERIFY(delivered->labels.isEmpty());
    const MetricSample *bounces = find(*result, u"sendgrid.bounces"_s, day(2026, 3, 1));
    QVERIFY(bounces);
    QCOMPARE(bounces->value, 12.0);
    const MetricSample *drops = find(*result, u"sendgrid.spam_report_drops"_s, day(2026, 3, 2));
    QVERIFY(drops);
    QCOMPARE(drops->value, 1.0);
    // Every field of the catalogue appears for every day.
    for (const QString &field : statFields())
        QVERIFY2(find(*result, metricName(field), day(2026, 3, 3)), qPrintable(field));
}

void tst_SendGridMapper::categoryStatsValues()
{
    const auto result = connectors::sendgrid::mapStats(recorded(u"stats_category.json"_s), StatsScope::Category);
    QVERIFY(result);
    const MetricSample *welcome = find(*result, u"sendgrid.unique_opens"_s, day(2026, 3, 2), u"welcome"_s);
    QVERIFY(welcome);
    QCOMPARE(welcome->value, 610.0);
    const MetricSample *reset = find(*result, u"sendgrid.clicks"_s, day(2026, 3, 1), u"password reset"_s);
    QVERIFY(reset);
    QCOMPARE(reset->value, 40.0);
    QCOMPARE(reset->labels.size(), 1);
}

void tst_SendGridMapper::mapScopes_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QStringList>("scopes"); // empty with ok=false: an error
    QTest::addColumn<bool>("ok");

    QTest::addRow("recorded") << recorded(u"scopes.json"_s)
                              << QStringList{u"categories.stats.read"_s, u"categories.stats.sums.read"_s,
                                             u"stats.global.read"_s, u"stats.read"_s, u"user.profile.read"_s}
                              << true;
    QTest::addRow("empty list") << QByteArray(R"({"scopes": []})") << QStringList() << true;
    QTest::addRow("non-strings ignored") << QByteArray(R"({"scopes": ["a", 3, null]})") << QStringList{u"a"_s} << true;
    QTest::addRow("no scopes key") << QByteArray(R"({"other": 1})") << QStringList() << false;
    QTest::addRow("array") << QByteArray(R"(["stats.read"])") << QStringList() << false;
    QTest::addRow("not JSON") << QByteArray("<html>") << QStringList() << false;
}

void tst_SendGridMapper::mapScopes()
{
    QFETCH(QByteArray, body);
    QFETCH(QStringList, scopes);
    QFETCH(bool, ok);
    const auto result = connectors::sendgrid::mapScopes(body);
    QCOMPARE(result.ok(), ok);
    if (ok)
        QCOMPARE(result.value(), scopes);
    else
        QCOMPARE(toString(result.error().code), toString(Error::Code::Parse));
}

void tst_SendGridMapper::errorMessage_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("message");

    QTest::addRow("401") << recorded(u"error_401.json"_s) << u"authorization required"_s;
    QTest::addRow("429") << recorded(u"error_429.json"_s) << u"too many requests"_s;
    QTest::addRow("400 with field") << recorded(u"error_400_date.json"_s) << u"is not a valid date"_s;
    QTest::addRow("string error") << QByteArray(R"({"errors": ["plain words"]})") << u"plain words"_s;
    QTest::addRow("empty errors") << QByteArray(R"({"errors": []})") << QString();
    QTest::addRow("no errors") << QByteArray(R"({"message": "x"})") << QString();
    QTest::addRow("not JSON") << QByteArray("oops") << QString();
    QTest::addRow("control characters flattened") << QByteArray(R"({"errors": [{"message": "a\nb"}]})") << u"a b"_s;
}

void tst_SendGridMapper::errorMessage()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, message);
    QCOMPARE(connectors::sendgrid::errorMessage(body), message);
}

void tst_SendGridMapper::rateLimit_data()
{
    QTest::addColumn<QByteArray>("remaining");
    QTest::addColumn<QByteArray>("reset");
    QTest::addColumn<bool>("present");
    QTest::addColumn<qint64>("expectRemaining");
    QTest::addColumn<qint64>("expectResetMs");

    QTest::addRow("both") << QByteArray("0") << QByteArray("1772323200") << true << qint64(0) << qint64(1772323200000);
    QTest::addRow("some left") << QByteArray(" 42 ") << QByteArray("1772323200") << true << qint64(42)
                               << qint64(1772323200000);
    QTest::addRow("no reset") << QByteArray("0") << QByteArray() << true << qint64(0) << qint64(0);
    QTest::addRow("reset not a time") << QByteArray("3") << QByteArray("60") << true << qint64(3) << qint64(0);
    QTest::addRow("absent") << QByteArray() << QByteArray() << false << qint64(0) << qint64(0);
    QTest::addRow("garbage") << QByteArray("many") << QByteArray("1772323200") << false << qint64(0) << qint64(0);
    QTest::addRow("negative") << QByteArray("-1") << QByteArray() << false << qint64(0) << qint64(0);
}

void tst_SendGridMapper::rateLimit()
{
    QFETCH(QByteArray, remaining);
    QFETCH(QByteArray, reset);
    QFETCH(bool, present);
    QFETCH(qint64, expectRemaining);
    QFETCH(qint64, expectResetMs);
    net::HttpResponse response;
    response.status = 200;
    if (!remaining.isEmpty())
        response.headers.append({"x-ratelimit-remaining", remaining});
    if (!reset.isEmpty())
        response.headers.append({"X-RateLimit-Reset", reset});
    const auto limit = rateLimitFrom(response);
    QCOMPARE(limit.has_value(), present);
    if (!present)
        return;
    QCOMPARE(limit->remaining, expectRemaining);
    QCOMPARE(limit->resetMs, expectResetMs);
}

void tst_SendGridMapper::dayChunks_data()
{
    QTest::addColumn<QDate>("first");
    QTest::addColumn<QDate>("last");
    QTest::addColumn<int>("count");
    QTest::addColumn<QDate>("lastChunkStart");

    QTest::addRow("one day") << QDate(2026, 3, 1) << QDate(2026, 3, 1) << 1 << QDate(2026, 3, 1);
    QTest::addRow("exactly 31") << QDate(2026, 3, 1) << QDate(2026, 3, 31) << 1 << QDate(2026, 3, 1);
    QTest::addRow("32 days") << QDate(2026, 3, 1) << QDate(2026, 4, 1) << 2 << QDate(2026, 4, 1);
    QTest::addRow("a year and a bit") << QDate(2025, 3, 1) << QDate(2026, 3, 3) << 12 << QDate(2026, 2, 5);
    QTest::addRow("reversed") << QDate(2026, 3, 2) << QDate(2026, 3, 1) << 0 << QDate();
}

void tst_SendGridMapper::dayChunks()
{
    QFETCH(QDate, first);
    QFETCH(QDate, last);
    QFETCH(int, count);
    QFETCH(QDate, lastChunkStart);
    const QList<DayRange> chunks = connectors::sendgrid::dayChunks(first, last);
    QCOMPARE(chunks.size(), count);
    if (count == 0)
        return;
    QCOMPARE(chunks.first().first, first);
    QCOMPARE(chunks.last().last, last);
    QCOMPARE(chunks.last().first, lastChunkStart);
    for (qsizetype i = 0; i < chunks.size(); ++i) {
        QVERIFY(chunks[i].first.daysTo(chunks[i].last) < kMaxDaysPerRequest);
        if (i > 0)
            QCOMPARE(chunks[i - 1].last.addDays(1), chunks[i].first); // no gap, no overlap
    }
}

void tst_SendGridMapper::settings_data()
{
    QTest::addColumn<QString>("region");
    QTest::addColumn<QString>("categories");
    QTest::addColumn<QString>("subuser");
    QTest::addColumn<QString>("baseOverride");
    QTest::addColumn<QString>("expectBase");      // empty: an error is expected
    QTest::addColumn<QStringList>("expectCategories");

    QTest::addRow("defaults") << QString() << QString() << QString() << QString() << u"https://api.sendgrid.com"_s
                              << QStringList();
    QTest::addRow("eu") << u"EU"_s << QString() << QString() << QString() << u"https://api.eu.sendgrid.com"_s
                        << QStringList();
    QTest::addRow("override wins") << u"eu"_s << QString() << QString() << u"http://127.0.0.1:8080/proxy"_s
                                   << u"http://127.0.0.1:8080/proxy"_s << QStringList();
    QTest::addRow("unknown region") << u"mars"_s << QString() << QString() << QString() << QString() << QStringList();
    QTest::addRow("plain http elsewhere") << QString() << QString() << QString() << u"http://example.com"_s << QString()
                                          << QStringList();
    QTest::addRow("categories tidied") << u"global"_s << u" welcome, ,password reset,welcome "_s << u"shop-eu"_s
                                       << QString() << u"https://api.sendgrid.com"_s
                                       << QStringList{u"welcome"_s, u"password reset"_s};
    QTest::addRow("ten categories") << QString() << u"a,b,c,d,e,f,g,h,i,j"_s << QString() << QString()
                                    << u"https://api.sendgrid.com"_s
                                    << QStringList{u"a"_s, u"b"_s, u"c"_s, u"d"_s, u"e"_s, u"f"_s, u"g"_s, u"h"_s,
                                                   u"i"_s, u"j"_s};
    QTest::addRow("eleven categories") << QString() << u"a,b,c,d,e,f,g,h,i,j,k"_s << QString() << QString() << QString()
                                       << QStringList();
    QTest::addRow("subuser with newline") << QString() << QString() << u"sub\nuser"_s << QString() << QString()
                                          << QStringList();
}

void tst_SendGridMapper::settings()
{
    QFETCH(QString, region);
    QFETCH(QString, categories);
    QFETCH(QString, subuser);
    QFETCH(QString, baseOverride);
    QFETCH(QString, expectBase);
    QFETCH(QStringList, expectCategories);
    QMap<QString, QString> values;
    if (!region.isEmpty())
        values.insert(u"region"_s, region);
    if (!categories.isEmpty())
        values.insert(u"categories"_s, categories);
    if (!subuser.isEmpty())
        values.insert(u"on_behalf_of"_s, subuser);
    const auto parsed = parseSettings(values, baseOverride.isEmpty() ? QUrl() : QUrl(baseOverride));
    if (expectBase.isEmpty()) {
        QVERIFY(!parsed);
        QCOMPARE(toString(parsed.error().code), toString(Error::Code::Config));
        QVERIFY(!parsed.error().userMessage.isEmpty());
        return;
    }
    QVERIFY2(parsed, parsed ? "" : qPrintable(parsed.error().userMessage));
    QCOMPARE(parsed->baseUrl, QUrl(expectBase));
    QCOMPARE(parsed->categories, expectCategories);
    QCOMPARE(parsed->onBehalfOf, subuser);
}

QTEST_GUILESS_MAIN(tst_SendGridMapper)
#include "tst_sendgridmapper.moc"
