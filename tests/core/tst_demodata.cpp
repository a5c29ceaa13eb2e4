#include "demo/demodata.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QSet>
#include <QTest>

#include <cmath>

using namespace stackscope;
using namespace stackscope::demo;

class tst_DemoData : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void deterministic();
    void overlappingCallsAgree();
    void gridAndBatches();
    void coversEveryConnectorType_data();
    void coversEveryConnectorType();
    void labelledAsDemo();
    void valuesArePlausible();
    void weeklySeasonality();
    void dailySeasonality();
    void outageLeavesAGap();
    void errorSpikes();

private:
    SampleBatch m_history; // 90 days, generated once
    QList<qsizetype> m_batchSizes;
};

namespace {
constexpr qint64 kDay = 86'400'000;
// Friday 2026-11-20 12:02:00 UTC; deliberately not on the five-minute grid.
const qint64 kEnd = QDateTime(QDate(2026, 11, 20), QTime(12, 2), Qt::UTC).toMSecsSinceEpoch();

SampleBatch generate(qint64 endMs, int days)
{
    SampleBatch all;
    generateDemoHistory(endMs, days, [&](SampleBatch batch) { all.append(batch); });
    return all;
}

QString key(const MetricSample &s)
{
    QString k = s.metric;
    for (auto it = s.labels.cbegin(); it != s.labels.cend(); ++it)
        k += QLatin1Char('|') + it.key() + QLatin1Char('=') + it.value();
    return k;
}

QList<MetricSample> seriesOf(const SampleBatch &all, const QString &metric, const QString &label,
                             const QString &value)
{
    QList<MetricSample> out;
    for (const MetricSample &s : all)
        if (s.metric == metric && s.labels.value(label) == value)
            out.append(s);
    return out;
}

qint64 largestGap(const QList<MetricSample> &series)
{
    qint64 gap = 0;
    for (qsizetype i = 1; i < series.size(); ++i)
        gap = std::max(gap, series.at(i).ts - series.at(i - 1).ts);
    return gap;
}
} // namespace

void tst_DemoData::initTestCase()
{
    QElapsedTimer timer;
    timer.start();
    generateDemoHistory(kEnd, kDemoDays, [this](SampleBatch batch) {
        m_batchSizes.append(batch.size());
        m_history.append(batch);
    });
    qInfo("generated %lld samples in %lld ms", qlonglong(m_history.size()), qlonglong(timer.elapsed()));
    QCOMPARE(m_history.size(), qsizetype(kDemoDays) * 288 * demoSeriesCount() - 36 * 5); // the outage: 3 h of web-2 and the 4 API series
}

void tst_DemoData::deterministic()
{
    const SampleBatch a = generate(kEnd, 4);
    const SampleBatch b = generate(kEnd, 4);
    QCOMPARE(a.size(), b.size());
    for (qsizetype i = 0; i < a.size(); ++i) {
        QCOMPARE(a.at(i).metric, b.at(i).metric);
        QCOMPARE(a.at(i).labels, b.at(i).labels);
        QCOMPARE(a.at(i).ts, b.at(i).ts);
        QCOMPARE(a.at(i).value, b.at(i).value);
    }
}

void tst_DemoData::overlappingCallsAgree()
{
    // A later top-up (e.g. the next day's start of the app) continues the same curves.
    const SampleBatch first = generate(kEnd, 1);
    const SampleBatch later = generate(kEnd + 6 * 3'600'000LL, 1);
    QHash<QString, double> values;
    for (const MetricSample &s : first)
        values.insert(key(s) + QString::number(s.ts), s.value);
    int compared = 0;
    for (const MetricSample &s : later) {
        const auto it = values.constFind(key(s) + QString::number(s.ts));
        if (it == values.cend())
            continue;
        QCOMPARE(s.value, it.value());
        ++compared;
    }
    QCOMPARE(compared, 18 * 12 * demoSeriesCount());
}

void tst_DemoData::gridAndBatches()
{
    const qint64 lastTs = kEnd / kDemoStepMs * kDemoStepMs;
    qint64 minTs = std::numeric_limits<qint64>::max();
    qint64 maxTs = 0;
    for (const MetricSample &s : std::as_const(m_history)) {
        QCOMPARE(s.ts % kDemoStepMs, 0);
        minTs = std::min(minTs, s.ts);
        maxTs = std::max(maxTs, s.ts);
    }
    QCOMPARE(maxTs, lastTs);
    QVERIFY(minTs > kEnd - kDemoDays * kDay);
    QVERIFY(minTs <= kEnd - kDemoDays * kDay + kDemoStepMs);
    // One day per batch keeps memory small.
    QCOMPARE(m_batchSizes.size(), kDemoDays);
    for (qsizetype size : std::as_const(m_batchSizes))
        QVERIFY(size <= 288 * demoSeriesCount());
}

void tst_DemoData::coversEveryConnectorType_data()
{
    QTest::addColumn<QString>("metric");
    QTest::addColumn<int>("series");
    QTest::addRow("Twilio sent") << QStringLiteral("twilio.sms.sent") << 4;
    QTest::addRow("Twilio delivered") << QStringLiteral("twilio.sms.delivered") << 4;
    QTest::addRow("Twilio failed") << QStringLiteral("twilio.sms.failed") << 4;
    QTest::addRow("SendGrid delivered") << QStringLiteral("sendgrid.delivered") << 1;
    QTest::addRow("SendGrid bounces") << QStringLiteral("sendgrid.bounces") << 1;
    QTest::addRow("SendGrid opens") << QStringLiteral("sendgrid.opens") << 1;
    QTest::addRow("EC2 CPU") << QStringLiteral("aws.ec2.cpu_utilization") << 3;
    QTest::addRow("Lambda invocations") << QStringLiteral("aws.lambda.invocations") << 2;
    QTest::addRow("Lambda errors") << QStringLiteral("aws.lambda.errors") << 2;
    QTest::addRow("Stytch signups") << QStringLiteral("stytch.users.new_signups") << 1;
    QTest::addRow("OneSignal sent") << QStringLiteral("onesignal.notifications.sent") << 2;
    QTest::addRow("OneSignal delivered") << QStringLiteral("onesignal.notifications.delivered") << 2;
    QTest::addRow("Sendbird messages") << QStringLiteral("sendbird.messages") << 1;
    QTest::addRow("Mixpanel events") << QStringLiteral("mixpanel.events") << 4;
    QTest::addRow("Prometheus requests") << QStringLiteral("http_requests_total") << 2;
    QTest::addRow("Prometheus latency") << QStringLiteral("http_request_duration_seconds") << 2;
}

void tst_DemoData::coversEveryConnectorType()
{
    QFETCH(QString, metric);
    QFETCH(int, series);
    QSet<QString> keys;
    for (const MetricSample &s : std::as_const(m_history))
        if (s.metric == metric)
            keys.insert(key(s));
    QCOMPARE(keys.size(), series);
    bool catalogued = false;
    for (const MetricInfo &info : demoMetrics())
        catalogued = catalogued || info.name == metric;
    QVERIFY2(catalogued, qPrintable(metric));
}

void tst_DemoData::labelledAsDemo()
{
    QSet<QString> projects;
    for (const MetricSample &s : std::as_const(m_history)) {
        projects.insert(s.labels.value(QStringLiteral("project")));
        QVERIFY(!s.labels.value(QStringLiteral("service")).isEmpty());
    }
    QCOMPARE(projects.size(), 2);
    for (const QString &project : std::as_const(projects))
        QVERIFY2(project.startsWith(QStringLiteral("Demo – ")), qPrintable(project));
    QVERIFY(demoProjectPrefix() == QStringLiteral("Demo – "));
    const QList<MetricInfo> catalogue = demoMetrics();
    QCOMPARE(catalogue.size(), 16);
    for (const MetricInfo &info : catalogue) {
        QVERIFY2(info.description.endsWith(QStringLiteral("(demo data)")), qPrintable(info.name));
        QVERIFY(!info.unit.isEmpty());
    }
}

void tst_DemoData::valuesArePlausible()
{
    for (const MetricSample &s : std::as_const(m_history)) {
        QVERIFY(std::isfinite(s.value));
        QVERIFY(s.value >= 0.0);
        if (s.metric == QLatin1String("aws.ec2.cpu_utilization"))
            QVERIFY(s.value <= 100.0);
    }
    // Delivered + failed = sent, sample by sample.
    const auto sent = seriesOf(m_history, QStringLiteral("twilio.sms.sent"), QStringLiteral("country"), QStringLiteral("US"));
    const auto delivered = seriesOf(m_history, QStringLiteral("twilio.sms.delivered"), QStringLiteral("country"), QStringLiteral("US"));
    const auto failed = seriesOf(m_history, QStringLiteral("twilio.sms.failed"), QStringLiteral("country"), QStringLiteral("US"));
    QCOMPARE(sent.size(), delivered.size());
    for (qsizetype i = 0; i < sent.size(); ++i)
        QCOMPARE(delivered.at(i).value + failed.at(i).value, sent.at(i).value);
}

void tst_DemoData::weeklySeasonality()
{
    const auto events = seriesOf(m_history, QStringLiteral("mixpanel.events"), QStringLiteral("event"),
                                 QStringLiteral("Page view"));
    double weekday = 0, weekend = 0;
    int nWeekday = 0, nWeekend = 0;
    for (const MetricSample &s : events) {
        const int dow = QDateTime::fromMSecsSinceEpoch(s.ts, Qt::UTC).addSecs(-3600).date().dayOfWeek();
        if (dow >= 6) {
            weekend += s.value;
            ++nWeekend;
        } else {
            weekday += s.value;
            ++nWeekday;
        }
    }
    weekday /= nWeekday;
    weekend /= nWeekend;
    qInfo("page views per 5 min: weekday %.1f, weekend %.1f", weekday, weekend);
    QVERIFY(weekend < 0.8 * weekday);
}

void tst_DemoData::dailySeasonality()
{
    const auto sent = seriesOf(m_history, QStringLiteral("sendbird.messages"), QStringLiteral("project"),
                               demoStorefrontProject());
    double night = 0, afternoon = 0;
    int nNight = 0, nAfternoon = 0;
    for (const MetricSample &s : sent) {
        const int hour = QDateTime::fromMSecsSinceEpoch(s.ts, Qt::UTC).time().hour();
        if (hour == 3) {
            night += s.value;
            ++nNight;
        } else if (hour == 15) {
            afternoon += s.value;
            ++nAfternoon;
        }
    }
    QVERIFY(nNight > 0 && nAfternoon > 0);
    QVERIFY(night / nNight < 0.5 * afternoon / nAfternoon);
}

void tst_DemoData::outageLeavesAGap()
{
    const auto web2 = seriesOf(m_history, QStringLiteral("aws.ec2.cpu_utilization"), QStringLiteral("name"), QStringLiteral("web-2"));
    const auto web1 = seriesOf(m_history, QStringLiteral("aws.ec2.cpu_utilization"), QStringLiteral("name"), QStringLiteral("web-1"));
    const auto api = seriesOf(m_history, QStringLiteral("http_requests_total"), QStringLiteral("code"), QStringLiteral("2xx"));
    QCOMPARE(largestGap(web1), kDemoStepMs);
    QVERIFY(largestGap(web2) >= 3 * 3'600'000LL);
    QVERIFY(largestGap(api) >= 3 * 3'600'000LL);
    // The gap is where the documentation says: about 12 days before the end.
    for (qsizetype i = 1; i < web2.size(); ++i) {
        if (web2.at(i).ts - web2.at(i - 1).ts > kDemoStepMs) {
            QVERIFY(web2.at(i - 1).ts > kEnd - 13 * kDay);
            QVERIFY(web2.at(i).ts < kEnd - 12 * kDay);
        }
    }
}

void tst_DemoData::errorSpikes()
{
    // The DE carrier incident: failed SMS far above its usual level for a while.
    const auto failedDe = seriesOf(m_history, QStringLiteral("twilio.sms.failed"), QStringLiteral("country"), QStringLiteral("DE"));
    const auto sentDe = seriesOf(m_history, QStringLiteral("twilio.sms.sent"), QStringLiteral("country"), QStringLiteral("DE"));
    double worst = 0;
    for (qsizetype i = 0; i < failedDe.size(); ++i)
        if (sentDe.at(i).value >= 20)
            worst = std::max(worst, failedDe.at(i).value / sentDe.at(i).value);
    QVERIFY2(worst > 0.2, qPrintable(QString::number(worst)));
    const auto lambdaErrors = seriesOf(m_history, QStringLiteral("aws.lambda.errors"), QStringLiteral("function"), QStringLiteral("image-resize"));
    double maxErrors = 0;
    for (const MetricSample &s : lambdaErrors)
        maxErrors = std::max(maxErrors, s.value);
    QVERIFY(maxErrors > 20);
}

QTEST_GUILESS_MAIN(tst_DemoData)
#include "tst_demodata.moc"
