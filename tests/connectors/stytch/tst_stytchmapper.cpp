// Stytch's pure mappers against recorded, sanitised answers (tests/data/stytch/).
#include "stytchmapper.h"

#include "localhttpserver.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace stackscope;
using namespace stackscope::connectors::stytch;
using namespace Qt::StringLiterals;

namespace {

using SettingsMap = QMap<QString, QString>;

QByteArray recorded(const QString &name)
{
    QFile file(test::LocalHttpServer::dataPath(u"stytch/"_s + name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing test data %s", qPrintable(file.fileName()));
    return file.readAll();
}

const MetricSample *find(const SampleBatch &samples, const QString &metric, const QString &factor = {})
{
    for (const MetricSample &sample : samples) {
        if (sample.metric == metric && sample.labels.value(u"factor"_s) == factor)
            return &sample;
    }
    return nullptr;
}

} // namespace

class tst_StytchMapper : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void projectMetrics_data();
    void projectMetrics();
    void projectMetricValues();
    void searchTotal_data();
    void searchTotal();
    void searchBodies();
    void sessions();
    void sessionsErrors_data();
    void sessionsErrors();
    void stytchError_data();
    void stytchError();
    void settings_data();
    void settings();
    void timeHelpers();
};

void tst_StytchMapper::projectMetrics_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("count"); // -1: an error is expected
    QTest::addColumn<QString>("errorPart");

    QTest::addRow("consumer project") << u"project_metrics.json"_s << 2 << QString();
    QTest::addRow("B2B project, unknown type skipped") << u"project_metrics_b2b.json"_s << 3 << QString();
    QTest::addRow("count is a string") << u"project_metrics_bad_count.json"_s << -1 << u"numeric \"count\""_s;
    QTest::addRow("no metrics list") << u"project_metrics_no_list.json"_s << -1 << u"no \"metrics\" list"_s;
    QTest::addRow("truncated body") << u"malformed.json"_s << -1 << u"not valid JSON"_s;
    QTest::addRow("error body") << u"error_401.json"_s << -1 << u"no \"metrics\" list"_s;
}

void tst_StytchMapper::projectMetrics()
{
    QFETCH(QString, file);
    QFETCH(int, count);
    QFETCH(QString, errorPart);
    const auto samples = mapProjectMetrics(recorded(file), 1772539200000);
    if (count < 0) {
        QVERIFY(!samples);
        QCOMPARE(toString(samples.error().code), toString(Error::Code::Parse));
        QVERIFY2(samples.error().userMessage.contains(errorPart), qPrintable(samples.error().userMessage));
        return;
    }
    QVERIFY2(samples, samples ? "" : qPrintable(samples.error().userMessage));
    QCOMPARE(samples->size(), count);
    for (const MetricSample &sample : samples.value()) {
        QCOMPARE(sample.ts, 1772539200000);
        QVERIFY(sample.labels.isEmpty());
    }
}

void tst_StytchMapper::projectMetricValues()
{
    const auto consumer = mapProjectMetrics(recorded(u"project_metrics.json"_s), 5);
    QVERIFY(consumer);
    QCOMPARE(find(consumer.value(), QString::fromLatin1(kUsersTotal))->value, 48213.0);
    QCOMPARE(find(consumer.value(), QString::fromLatin1(kM2mClientsTotal))->value, 3.0);
    QVERIFY(!find(consumer.value(), QString::fromLatin1(kOrganizationsTotal)));
    const auto b2b = mapProjectMetrics(recorded(u"project_metrics_b2b.json"_s), 5);
    QVERIFY(b2b);
    QCOMPARE(find(b2b.value(), QString::fromLatin1(kUsersTotal))->value, 0.0);
    QCOMPARE(find(b2b.value(), QString::fromLatin1(kOrganizationsTotal))->value, 12.0);
    QCOMPARE(find(b2b.value(), QString::fromLatin1(kMembersTotal))->value, 340.0);
}

void tst_StytchMapper::searchTotal_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<qint64>("total");
    QTest::addColumn<bool>("ok");

    QTest::addRow("signups") << recorded(u"search_signups.json"_s) << qint64(137) << true;
    QTest::addRow("none") << recorded(u"search_empty.json"_s) << qint64(0) << true;
    QTest::addRow("totals disabled") << recorded(u"search_totals_disabled.json"_s) << kTotalsDisabled << true;
    QTest::addRow("no results_metadata") << recorded(u"search_no_metadata.json"_s) << qint64(0) << false;
    QTest::addRow("total is a string") << recorded(u"search_total_string.json"_s) << qint64(0) << false;
    QTest::addRow("truncated") << recorded(u"malformed.json"_s) << qint64(0) << false;
    QTest::addRow("array") << QByteArray("[]") << qint64(0) << false;
    QTest::addRow("empty") << QByteArray() << qint64(0) << false;
    QTest::addRow("fraction") << QByteArray(R"({"results_metadata":{"total":1.5}})") << qint64(0) << false;
    QTest::addRow("below -1") << QByteArray(R"({"results_metadata":{"total":-7}})") << qint64(0) << false;
    QTest::addRow("huge") << QByteArray(R"({"results_metadata":{"total":1e300}})") << qint64(0) << false;
}

void tst_StytchMapper::searchTotal()
{
    QFETCH(QByteArray, body);
    QFETCH(qint64, total);
    QFETCH(bool, ok);
    const auto result = stackscope::connectors::stytch::searchTotal(body);
    QCOMPARE(result.ok(), ok);
    if (ok)
        QCOMPARE(result.value(), total);
    else
        QCOMPARE(toString(result.error().code), toString(Error::Code::Parse));
}

void tst_StytchMapper::searchBodies()
{
    // Field names after stytch-node lib/b2c/users.ts (UsersSearchRequest, SearchUsersQueryOperand).
    const QJsonObject signup = QJsonDocument::fromJson(signupSearchBody(QDate(2026, 3, 1))).object();
    QCOMPARE(signup.value(u"limit"_s).toInt(), 1);
    const QJsonObject query = signup.value(u"query"_s).toObject();
    QCOMPARE(query.value(u"operator"_s).toString(), u"AND"_s);
    const QJsonArray operands = query.value(u"operands"_s).toArray();
    QCOMPARE(operands.size(), 1);
    QCOMPARE(operands.at(0)[u"filter_name"_s].toString(), u"created_at_between"_s);
    const QJsonObject between = operands.at(0)[u"filter_value"_s].toObject();
    QCOMPARE(between.value(u"greater_than"_s).toString(), u"2026-03-01T00:00:00Z"_s);
    QCOMPARE(between.value(u"less_than"_s).toString(), u"2026-03-02T00:00:00Z"_s);

    const QJsonObject totp = QJsonDocument::fromJson(filterSearchBody(u"totp_verified"_s, true)).object();
    const QJsonObject operand = totp[u"query"_s][u"operands"_s].toArray().at(0).toObject();
    QCOMPARE(operand.value(u"filter_name"_s).toString(), u"totp_verified"_s);
    QCOMPARE(operand.value(u"filter_value"_s), QJsonValue(true));

    const QJsonObject status = QJsonDocument::fromJson(statusSearchBody(u"pending"_s)).object();
    QCOMPARE(status[u"query"_s][u"operands"_s].toArray().at(0)[u"filter_value"_s].toString(), u"pending"_s);

    const QJsonObject all = QJsonDocument::fromJson(allUsersSearchBody()).object();
    QCOMPARE(all.value(u"limit"_s).toInt(), 1);
    QVERIFY(!all.contains(u"query"_s));

    QStringList filters;
    for (const Factor &factor : factors())
        filters << factor.filter;
    QCOMPARE(filters, (QStringList{u"totp_verified"_s, u"phone_verified"_s, u"webauthn_registration_verified"_s,
                                   u"email_verified"_s, u"crypto_wallet_verified"_s, u"password_exists"_s}));
}

void tst_StytchMapper::sessions()
{
    SessionTally tally;
    QVERIFY(tallySessions(recorded(u"sessions_two.json"_s), tally));
    QVERIFY(tallySessions(recorded(u"sessions_empty.json"_s), tally));
    QCOMPARE(tally.sessions, 2);
    QCOMPARE(tally.timedSessions, 2);
    QCOMPARE(tally.multiFactor, 1);
    QCOMPARE(tally.durationSecondsSum, 5400.0 + 600.0);
    QCOMPARE(tally.factors.value(u"totp"_s), 1);
    QCOMPARE(tally.factors.value(u"magic_link"_s), 1);
    QCOMPARE(tally.factors.value(u"password"_s), 1);

    const SampleBatch samples = sessionSamples(tally, 42);
    QCOMPARE(find(samples, QString::fromLatin1(kSessionsActive))->value, 2.0);
    QCOMPARE(find(samples, QString::fromLatin1(kSessionsMultiFactor))->value, 1.0);
    QCOMPARE(find(samples, QString::fromLatin1(kSessionsDurationAvg))->value, 3000.0);
    QCOMPARE(find(samples, QString::fromLatin1(kSessionsWithFactor), u"totp"_s)->value, 1.0);
    for (const MetricSample &sample : samples)
        QCOMPARE(sample.ts, 42);

    // No session at all: zero sessions, and no average of nothing.
    const SampleBatch none = sessionSamples(SessionTally{}, 42);
    QCOMPARE(find(none, QString::fromLatin1(kSessionsActive))->value, 0.0);
    QVERIFY(!find(none, QString::fromLatin1(kSessionsDurationAvg)));
}

void tst_StytchMapper::sessionsErrors_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addRow("truncated") << recorded(u"malformed.json"_s);
    QTest::addRow("no list") << QByteArray(R"({"request_id":"x","status_code":200})");
    QTest::addRow("entry not an object") << QByteArray(R"({"sessions":[1]})");
}

void tst_StytchMapper::sessionsErrors()
{
    QFETCH(QByteArray, body);
    SessionTally tally;
    tally.sessions = 5;
    const Status status = tallySessions(body, tally);
    QVERIFY(!status);
    QCOMPARE(toString(status.error().code), toString(Error::Code::Parse));
    QCOMPARE(tally.sessions, 5); // a failed page adds nothing
}

void tst_StytchMapper::stytchError_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("message");

    QTest::addRow("401") << recorded(u"error_401.json"_s) << u"unauthorized_credentials"_s << u"Unauthorized credentials."_s;
    QTest::addRow("429") << recorded(u"error_429.json"_s) << u"too_many_requests"_s
                         << u"Too many requests have been made."_s;
    QTest::addRow("not an error") << recorded(u"project_metrics.json"_s) << QString() << QString();
    QTest::addRow("html") << QByteArray("<html>bad gateway</html>") << QString() << QString();
}

void tst_StytchMapper::stytchError()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, type);
    QFETCH(QString, message);
    const auto error = parseStytchError(body);
    QCOMPARE(error.has_value(), !type.isEmpty());
    if (error) {
        QCOMPARE(error->type, type);
        QCOMPARE(error->message, message);
        QVERIFY(error->requestId.startsWith(u"request-id-"_s));
    }
}

void tst_StytchMapper::settings_data()
{
    QTest::addColumn<SettingsMap>("values");
    QTest::addColumn<QString>("baseUrl");         // override
    QTest::addColumn<QString>("expectedBase");    // empty: an error
    QTest::addColumn<QStringList>("expectedFactors");
    QTest::addColumn<int>("sessionUsers");

    const QStringList all{u"totp"_s, u"phone"_s, u"webauthn"_s, u"email"_s, u"crypto_wallet"_s, u"password"_s};
    using Map = SettingsMap;
    QTest::addRow("live") << Map{{u"project_id"_s, u"project-live-0000aaaa-1111-2222-3333-444455556666"_s}} << QString()
                          << u"https://api.stytch.com"_s << all << 0;
    QTest::addRow("test") << Map{{u"project_id"_s, u" project-test-fixture-0002 "_s}} << QString()
                          << u"https://test.stytch.com"_s << all << 0;
    QTest::addRow("override wins") << Map{{u"project_id"_s, u"project-live-x"_s}} << u"http://127.0.0.1:9/proxy"_s
                                   << u"http://127.0.0.1:9/proxy"_s << all << 0;
    QTest::addRow("factors subset") << Map{{u"project_id"_s, u"project-live-x"_s}, {u"factors"_s, u"webauthn, TOTP"_s}}
                                    << QString() << u"https://api.stytch.com"_s
                                    << QStringList{u"totp"_s, u"webauthn"_s} << 0;
    QTest::addRow("factors none") << Map{{u"project_id"_s, u"project-live-x"_s}, {u"factors"_s, u"none"_s}}
                                  << QString() << u"https://api.stytch.com"_s << QStringList() << 0;
    QTest::addRow("session users") << Map{{u"project_id"_s, u"project-live-x"_s},
                                          {u"session_user_ids"_s, u"user-live-a, user-live-b,,user-live-a"_s}}
                                   << QString() << u"https://api.stytch.com"_s << all << 2;
    QTest::addRow("missing project") << Map{} << QString() << QString() << QStringList() << 0;
    QTest::addRow("not a project id") << Map{{u"project_id"_s, u"live-123"_s}} << QString() << QString()
                                      << QStringList() << 0;
    QTest::addRow("unknown factor") << Map{{u"project_id"_s, u"project-live-x"_s}, {u"factors"_s, u"sms,totp"_s}}
                                    << QString() << QString() << QStringList() << 0;
    QTest::addRow("bad user id") << Map{{u"project_id"_s, u"project-live-x"_s},
                                        {u"session_user_ids"_s, u"user-live-a&user_id=b"_s}}
                                 << QString() << QString() << QStringList() << 0;
    QStringList many;
    for (int i = 0; i <= kMaxSessionUsers; ++i)
        many << u"user-live-%1"_s.arg(i);
    QTest::addRow("too many users") << Map{{u"project_id"_s, u"project-live-x"_s},
                                           {u"session_user_ids"_s, many.join(u',')}}
                                    << QString() << QString() << QStringList() << 0;
    QTest::addRow("plain http elsewhere") << Map{{u"project_id"_s, u"project-live-x"_s}}
                                          << u"http://stytch.example.com"_s << QString() << QStringList() << 0;
}

void tst_StytchMapper::settings()
{
    QFETCH(SettingsMap, values);
    QFETCH(QString, baseUrl);
    QFETCH(QString, expectedBase);
    QFETCH(QStringList, expectedFactors);
    QFETCH(int, sessionUsers);
    const auto parsed = parseSettings(values, QUrl(baseUrl));
    if (expectedBase.isEmpty()) {
        QVERIFY(!parsed);
        QCOMPARE(toString(parsed.error().code), toString(Error::Code::Config));
        QVERIFY(!parsed.error().userMessage.isEmpty());
        return;
    }
    QVERIFY2(parsed, parsed ? "" : qPrintable(parsed.error().userMessage));
    QCOMPARE(parsed->baseUrl.toString(), expectedBase);
    QCOMPARE(parsed->factors, expectedFactors);
    QCOMPARE(parsed->sessionUserIds.size(), sessionUsers);
    QCOMPARE(parsed->live, parsed->projectId.startsWith(u"project-live-"_s));
}

void tst_StytchMapper::timeHelpers()
{
    QCOMPARE(rfc3339(1772539200000), u"2026-03-03T12:00:00Z"_s);
    QCOMPARE(dayStartMs(QDate(2026, 3, 3)), 1772496000000);
    QCOMPARE(utcDay(1772539200000), QDate(2026, 3, 3));
    QCOMPARE(minuteStartMs(1772539259999), 1772539200000);
}

QTEST_GUILESS_MAIN(tst_StytchMapper)
#include "tst_stytchmapper.moc"
