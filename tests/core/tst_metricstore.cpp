#include "fakeclock.h"
#include "tempworkspace.h"
#include "testdata.h"

#include "storage/database.h"
#include "storage/metricstore.h"
#include "storage/migrations.h"
#include "storage/tier.h"
#include "storage/workspace.h"
#include "secrets/keyfile.h"

#include <QCryptographicHash>
#include <QFile>
#include <QTest>

#include <cmath>

using namespace stackscope;
using namespace stackscope::storage;

namespace {

constexpr qint64 kT0 = 1767225600000; // 2026-01-01T00:00:00Z
constexpr qint64 kMinute = 60'000;
constexpr qint64 kHour = 3'600'000;
constexpr qint64 kDay = 86'400'000;

MetricSample sample(qint64 ts, double value, const QString &metric = QStringLiteral("cpu"),
                    Labels labels = {{QStringLiteral("host"), QStringLiteral("a")}})
{
    return {metric, std::move(labels), ts, value};
}

QByteArray fileHash(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256);
}

// One point for the whole range, so each aggregation is a single number.
double aggregate(MetricStore &store, Tier tier, Aggregation agg, qint64 from, qint64 to,
                 const QString &metric = QStringLiteral("cpu"))
{
    QueryRequest request;
    request.metric = metric;
    request.fromMs = from;
    request.toMs = to;
    request.stepMs = to - from;
    request.forceTier = tier;
    request.aggregation = agg;
    auto result = store.query(request);
    if (!result || result->series.isEmpty() || result->series.first().points.isEmpty())
        return std::nan("");
    return result->series.first().points.first().value;
}

} // namespace

class tst_MetricStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rollupsOfInOrderSamples();
    void lateAndOutOfOrderSamplesGiveTheSameRollups();
    void resentSampleLastWriteWins_data();
    void resentSampleLastWriteWins();
    void resentSampleIntoCompactedChunk();
    void tierChoice_data();
    void tierChoice();
    void queryFallsBackToACoarserTierWhenExpired();
    void retentionPerProject();
    void compactionKeepsEveryValue();
    void reopenKeepsData();
    void wrongKeyIsRefusedAndFileUntouched();
    void truncatedFileIsRefusedAndUntouched();
    void corruptedFileIsRefusedAndUntouched();
    void migrationsStepByStep();
    void upgradesAReleasedDatabase_data();
    void upgradesAReleasedDatabase();
    void newerSchemaIsRefused();
    void cipherParametersAreRecorded();
    void labelFilterAndSeriesListing();
    void metricCatalogue();
};

void tst_MetricStore::rollupsOfInOrderSamples()
{
    test::TempWorkspace ws;
    auto store = ws.create();
    QVERIFY(store);
    // Two samples per minute for 3 hours: values 0, 1, 2, ...
    SampleBatch batch;
    for (int i = 0; i < 360; ++i)
        batch.append(sample(kT0 + i * 30'000, i));
    auto report = store->ingest(batch);
    QVERIFY(report);
    QCOMPARE(report->inserted, 360);

    for (Tier tier : {Tier::Raw, Tier::Minute, Tier::Hour, Tier::Day}) {
        QCOMPARE(aggregate(*store, tier, Aggregation::Count, kT0, kT0 + kDay), 360.0);
        QCOMPARE(aggregate(*store, tier, Aggregation::Sum, kT0, kT0 + kDay), 359.0 * 360 / 2);
        QCOMPARE(aggregate(*store, tier, Aggregation::Min, kT0, kT0 + kDay), 0.0);
        QCOMPARE(aggregate(*store, tier, Aggregation::Max, kT0, kT0 + kDay), 359.0);
        QCOMPARE(aggregate(*store, tier, Aggregation::Last, kT0, kT0 + kDay), 359.0);
    }
    // The second hour alone, from the hour tier: values 120..239.
    QCOMPARE(aggregate(*store, Tier::Hour, Aggregation::Avg, kT0 + kHour, kT0 + 2 * kHour), (120.0 + 239.0) / 2);
    auto stats = store->stats();
    QVERIFY(stats);
    // Minutes of an open block are computed from raw; compaction stores them.
    QCOMPARE(stats->minuteRows, 0);
    QCOMPARE(stats->hourRows, 3);
    QCOMPARE(stats->dayRows, 1);

    test::FakeClock clock(kT0 + 2 * kDay);
    store->setClock(clock);
    QVERIFY(store->maintain());
    QCOMPARE(store->stats()->minuteRows, 180);
    for (Tier tier : {Tier::Raw, Tier::Minute, Tier::Hour, Tier::Day}) {
        QCOMPARE(aggregate(*store, tier, Aggregation::Count, kT0, kT0 + kDay), 360.0);
        QCOMPARE(aggregate(*store, tier, Aggregation::Sum, kT0, kT0 + kDay), 359.0 * 360 / 2);
        QCOMPARE(aggregate(*store, tier, Aggregation::Last, kT0, kT0 + kDay), 359.0);
    }
    QCOMPARE(aggregate(*store, Tier::Minute, Aggregation::Avg, kT0 + kMinute, kT0 + 2 * kMinute), 2.5);
}

void tst_MetricStore::lateAndOutOfOrderSamplesGiveTheSameRollups()
{
    // The same samples in time order and shuffled over several batches must give identical rollups.
    QList<MetricSample> samples;
    for (int i = 0; i < 500; ++i)
        samples.append(sample(kT0 + i * 7'000, std::sin(i) * 100));

    test::TempWorkspace ordered, shuffled;
    auto a = ordered.create();
    auto b = shuffled.create();
    QVERIFY(a && b);
    QVERIFY(a->ingest(samples));

    QList<MetricSample> mixed = samples;
    std::reverse(mixed.begin(), mixed.end());
    std::rotate(mixed.begin(), mixed.begin() + 170, mixed.end());
    for (qsizetype start = 0; start < mixed.size(); start += 37)
        QVERIFY(b->ingest(mixed.mid(start, 37)));

    for (Tier tier : {Tier::Minute, Tier::Hour, Tier::Day}) {
        for (Aggregation agg : {Aggregation::Count, Aggregation::Sum, Aggregation::Min, Aggregation::Max, Aggregation::Last}) {
            QueryRequest request{QStringLiteral("cpu"), {}, kT0, kT0 + kDay, std::nullopt, bucketWidthMs(tier), agg, tier};
            auto ra = a->query(request);
            auto rb = b->query(request);
            QVERIFY(ra && rb);
            QCOMPARE(rb->series.first().points.size(), ra->series.first().points.size());
            for (qsizetype i = 0; i < ra->series.first().points.size(); ++i) {
                const TimedValue pa = ra->series.first().points[i];
                const TimedValue pb = rb->series.first().points[i];
                QCOMPARE(pb.ts, pa.ts);
                QVERIFY2(std::abs(pa.value - pb.value) < 1e-9,
                         qPrintable(QStringLiteral("%1 %2 at %3: %4 vs %5").arg(tierName(tier), aggregationName(agg))
                                        .arg(pa.ts).arg(pa.value).arg(pb.value)));
            }
        }
    }
}

void tst_MetricStore::resentSampleLastWriteWins_data()
{
    QTest::addColumn<double>("newValue");
    QTest::addColumn<double>("expectedMax");
    QTest::addColumn<double>("expectedMin");
    // Samples 10, 20, 30 (the last is the maximum); 30 is re-sent with another value.
    QTest::addRow("lowered below the others") << 5.0 << 20.0 << 5.0;
    QTest::addRow("raised") << 99.0 << 99.0 << 10.0;
    QTest::addRow("same value") << 30.0 << 30.0 << 10.0;
}

void tst_MetricStore::resentSampleLastWriteWins()
{
    QFETCH(double, newValue);
    QFETCH(double, expectedMax);
    QFETCH(double, expectedMin);
    test::TempWorkspace ws;
    auto store = ws.create();
    QVERIFY(store);
    test::FakeClock clock(kT0 + kHour); // recent data: every finer tier is still complete
    store->setClock(clock);
    QVERIFY(store->ingest({sample(kT0, 10), sample(kT0 + 10'000, 20), sample(kT0 + 20'000, 30)}));
    auto report = store->ingest({sample(kT0 + 20'000, newValue)});
    QVERIFY(report);
    QCOMPARE(report->inserted, 0);
    QCOMPARE(report->replaced + report->unchanged, 1);

    for (Tier tier : {Tier::Raw, Tier::Minute, Tier::Hour, Tier::Day}) {
        QCOMPARE(aggregate(*store, tier, Aggregation::Count, kT0, kT0 + kDay), 3.0);
        QCOMPARE(aggregate(*store, tier, Aggregation::Sum, kT0, kT0 + kDay), 30.0 + newValue);
        QCOMPARE(aggregate(*store, tier, Aggregation::Max, kT0, kT0 + kDay), expectedMax);
        QCOMPARE(aggregate(*store, tier, Aggregation::Min, kT0, kT0 + kDay), expectedMin);
        QCOMPARE(aggregate(*store, tier, Aggregation::Last, kT0, kT0 + kDay), newValue);
    }
}

void tst_MetricStore::resentSampleIntoCompactedChunk()
{
    test::TempWorkspace ws;
    auto store = ws.create();
    QVERIFY(store);
    test::FakeClock clock(kT0 + 3 * kDay);
    store->setClock(clock);
    SampleBatch batch;
    for (int i = 0; i < 100; ++i)
        batch.append(sample(kT0 + i * kMinute, 1.0));
    QVERIFY(store->ingest(batch));
    auto maintained = store->maintain();
    QVERIFY(maintained);
    QCOMPARE(maintained->rowsCompacted, 100);
    QCOMPARE(store->stats()->rawRows, 0);

    // One replaced, one new sample inside the compacted block.
    auto report = store->ingest({sample(kT0 + 5 * kMinute, 50.0), sample(kT0 + 5 * kMinute + 30'000, 2.0)});
    QVERIFY(report);
    QCOMPARE(report->replaced, 1);
    QCOMPARE(report->inserted, 1);
    QCOMPARE(store->stats()->rawRows, 0); // both went into the chunk
    QCOMPARE(store->stats()->rawChunkSamples, 101);
    for (Tier tier : {Tier::Raw, Tier::Minute, Tier::Hour, Tier::Day}) {
        QCOMPARE(aggregate(*store, tier, Aggregation::Count, kT0, kT0 + kDay), 101.0);
        QCOMPARE(aggregate(*store, tier, Aggregation::Sum, kT0, kT0 + kDay), 99.0 + 50.0 + 2.0);
        QCOMPARE(aggregate(*store, tier, Aggregation::Max, kT0, kT0 + kDay), 50.0);
    }
    QVERIFY(store->verify());
}

void tst_MetricStore::tierChoice_data()
{
    QTest::addColumn<qint64>("range");
    QTest::addColumn<int>("points");
    QTest::addColumn<QString>("tier");
    QTest::addRow("1h at 60 points") << kHour << 60 << QStringLiteral("1m");
    QTest::addRow("1h at 1000 points") << kHour << 1000 << QStringLiteral("raw");
    QTest::addRow("24h at 1000 points") << kDay << 1000 << QStringLiteral("1m");
    QTest::addRow("30d at 500 points") << 30 * kDay << 500 << QStringLiteral("1h");
    QTest::addRow("1y at 1000 points") << 365 * kDay << 1000 << QStringLiteral("1h");
    QTest::addRow("1y at 300 points") << 365 * kDay << 300 << QStringLiteral("1d");
}

void tst_MetricStore::tierChoice()
{
    QFETCH(qint64, range);
    QFETCH(int, points);
    QFETCH(QString, tier);
    QueryRequest request;
    request.fromMs = kT0;
    request.toMs = kT0 + range;
    request.points = points;
    QCOMPARE(tierName(chooseTier(effectiveStep(request))), tier);
}

void tst_MetricStore::queryFallsBackToACoarserTierWhenExpired()
{
    test::TempWorkspace ws;
    auto store = ws.create();
    QVERIFY(store);
    test::FakeClock clock(kT0 + 200 * kDay);
    store->setClock(clock);
    // 24h asked at 1000 points would be the 1m tier, but 1m data 150 days old has expired (90 days).
    QueryRequest request;
    request.metric = QStringLiteral("cpu");
    request.fromMs = kT0 + 50 * kDay;
    request.toMs = request.fromMs + kDay;
    request.points = 1000;
    auto result = store->query(request);
    QVERIFY(result);
    QCOMPARE(tierName(result->tier), QStringLiteral("1h"));
}

void tst_MetricStore::retentionPerProject()
{
    test::TempWorkspace ws;
    auto store = ws.create();
    QVERIFY(store);
    test::FakeClock clock(kT0);
    store->setClock(clock);
    SampleBatch batch;
    for (int day = 0; day < 10; ++day) {
        batch.append(sample(kT0 + day * kDay, day, QStringLiteral("m"), {{QStringLiteral("project"), QStringLiteral("short")}}));
        batch.append(sample(kT0 + day * kDay, day, QStringLiteral("m"), {{QStringLiteral("project"), QStringLiteral("long")}}));
    }
    QVERIFY(store->ingest(batch));
    RetentionPolicy shortPolicy;
    shortPolicy.rawDays = 2;
    shortPolicy.minuteDays = 3;
    shortPolicy.hourDays = 4;
    shortPolicy.dayDays = 5;
    QVERIFY(store->setRetention(QStringLiteral("short"), shortPolicy));
    QVERIFY(!store->setRetention(QStringLiteral("no such project"), shortPolicy));
    QCOMPARE(store->retention(QStringLiteral("short"))->dayDays, std::optional<int>(5));

    clock.set(kT0 + 10 * kDay);
    QVERIFY(store->maintain());
    auto count = [&](const QString &project, Tier tier) {
        QueryRequest request{QStringLiteral("m"), {{QStringLiteral("project"), project}}, kT0 - kDay, kT0 + 20 * kDay,
                             std::nullopt, 21 * kDay, Aggregation::Count, tier};
        auto result = store->query(request);
        return result && !result->series.isEmpty() && !result->series.first().points.isEmpty()
                   ? result->series.first().points.first().value : 0.0;
    };
    // "short" keeps 5 days of day buckets (days 5..9), 4 of hours, 3 of minutes; raw: 2 days of whole chunks.
    QCOMPARE(count(QStringLiteral("short"), Tier::Day), 5.0);
    QCOMPARE(count(QStringLiteral("short"), Tier::Hour), 4.0);
    QCOMPARE(count(QStringLiteral("short"), Tier::Minute), 3.0);
    QCOMPARE(count(QStringLiteral("short"), Tier::Raw), 2.0);
    // "long" keeps the defaults: everything within 30 days.
    for (Tier tier : {Tier::Raw, Tier::Minute, Tier::Hour, Tier::Day})
        QCOMPARE(count(QStringLiteral("long"), tier), 10.0);
}

void tst_MetricStore::compactionKeepsEveryValue()
{
    test::TempWorkspace ws;
    auto store = ws.create();
    QVERIFY(store);
    test::FakeClock clock(kT0 + 5 * kDay);
    store->setClock(clock);
    SampleBatch batch;
    for (int i = 0; i < 3 * 5760; ++i)
        batch.append(sample(kT0 + i * 15'000, std::round(std::sin(i / 50.0) * 1000) / 10));
    QVERIFY(store->ingest(batch));
    QueryRequest raw{QStringLiteral("cpu"), {}, kT0, kT0 + 4 * kDay, std::nullopt, 1, Aggregation::Last, Tier::Raw};
    auto before = store->query(raw);
    QVERIFY(before);
    QVERIFY(store->maintain());
    auto stats = store->stats();
    QCOMPARE(stats->rawRows, 0);
    QCOMPARE(stats->rawChunkSamples, 3 * 5760);
    QVERIFY2(stats->rawChunkBytes < 3 * 5760 * 3, "compressed chunks must stay under 3 bytes per sample");
    auto after = store->query(raw);
    QVERIFY(after);
    QCOMPARE(after->series.first().points, before->series.first().points);
    QVERIFY(store->verify());
}

void tst_MetricStore::reopenKeepsData()
{
    test::TempWorkspace ws;
    {
        auto store = ws.create();
        QVERIFY(store);
        QVERIFY(store->ingest({sample(kT0, 1), sample(kT0 + 1000, 2)}));
    }
    auto store = ws.open();
    QVERIFY(store);
    QCOMPARE(aggregate(*store, Tier::Raw, Aggregation::Sum, kT0, kT0 + kDay), 3.0);
    // The series id cache is rebuilt: a new sample lands in the same series.
    QVERIFY(store->ingest({sample(kT0 + 2000, 3)}));
    QCOMPARE(store->listSeries()->size(), 1);
    QCOMPARE(aggregate(*store, Tier::Minute, Aggregation::Sum, kT0, kT0 + kDay), 6.0);
}

void tst_MetricStore::wrongKeyIsRefusedAndFileUntouched()
{
    test::TempWorkspace ws;
    QVERIFY(ws.create());
    const QByteArray before = fileHash(ws.databasePath());
    auto other = secrets::SecureBytes::random(32);
    auto opened = Workspace::open(ws.path(), other);
    QVERIFY(!opened);
    QCOMPARE(toString(opened.error().code), toString(Error::Code::WrongKey));
    // Below the workspace check as well: the database itself rejects the key.
    auto direct = MetricStore::open(ws.databasePath(), other, CipherParams{});
    QVERIFY(!direct);
    QCOMPARE(toString(direct.error().code), toString(Error::Code::WrongKey));
    QCOMPARE(fileHash(ws.databasePath()), before);
}

void tst_MetricStore::truncatedFileIsRefusedAndUntouched()
{
    test::TempWorkspace ws;
    {
        auto store = ws.create();
        QVERIFY(store);
        QVERIFY(store->ingest({sample(kT0, 1)}));
    }
    QFile file(ws.databasePath());
    QVERIFY(file.open(QIODevice::ReadWrite));
    QVERIFY(file.resize(file.size() - 1000));
    file.close();
    const QByteArray before = fileHash(ws.databasePath());
    auto opened = ws.open();
    QVERIFY(!opened);
    auto direct = Workspace::open(ws.path(), ws.key());
    QCOMPARE(toString(direct.error().code), toString(Error::Code::DatabaseTruncated));
    QCOMPARE(fileHash(ws.databasePath()), before);
}

void tst_MetricStore::corruptedFileIsRefusedAndUntouched()
{
    test::TempWorkspace ws;
    {
        auto store = ws.create();
        QVERIFY(store);
        QVERIFY(store->ingest({sample(kT0, 1)}));
    }
    // Damage the first page (the header and schema root): SQLCipher's HMAC check must notice.
    QFile file(ws.databasePath());
    QVERIFY(file.open(QIODevice::ReadWrite));
    file.seek(100);
    file.write(QByteArray(200, '\x5a'));
    file.close();
    QFile::remove(ws.databasePath() + QStringLiteral("-wal"));
    QFile::remove(ws.databasePath() + QStringLiteral("-shm"));
    const QByteArray before = fileHash(ws.databasePath());
    auto opened = Workspace::open(ws.path(), ws.key());
    QVERIFY(!opened);
    QCOMPARE(toString(opened.error().code), toString(Error::Code::DatabaseCorrupt));
    QCOMPARE(fileHash(ws.databasePath()), before);
}

void tst_MetricStore::migrationsStepByStep()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("m.db"));
    auto key = secrets::SecureBytes::random(32);
    auto db = Database::open(path, key, CipherParams{}, Database::Mode::CreateNew);
    QVERIFY(db);
    QCOMPARE(Migrations::currentVersion(*db.value()).value(), 0);
    for (int version = 1; version <= Migrations::latestVersion(); ++version) {
        QVERIFY(Migrations::migrate(*db.value(), version));
        QCOMPARE(Migrations::currentVersion(*db.value()).value(), version);
        if (version == 1) {
            // Data written at version 1 survives the later steps.
            QVERIFY(db.value()->exec("INSERT INTO metrics(name) VALUES ('kept');"));
        }
    }
    QCOMPARE(db.value()->queryInt("SELECT count(*) FROM metrics WHERE name = 'kept';").value(), 1);
    QCOMPARE(db.value()->queryText("SELECT value FROM meta WHERE key = 'retention.raw_days';").value(),
             QStringLiteral("30"));
    // Migrating again is a no-op.
    QVERIFY(Migrations::migrate(*db.value()));
}

void tst_MetricStore::upgradesAReleasedDatabase_data()
{
    // One row per schema version that was ever shipped: a real workspace written by that version, with its key.
    QTest::addColumn<QString>("fixture");
    QTest::addRow("schema 2") << QStringLiteral("schema-2");
}

void tst_MetricStore::upgradesAReleasedDatabase()
{
    QFETCH(QString, fixture);
    QTemporaryDir dir;
    const QString source = test::testDataPath(QStringLiteral("db/") + fixture);
    const QString target = dir.filePath(fixture);
    QVERIFY(QDir().mkpath(target));
    for (const QString &name : {QStringLiteral("workspace.json"), QStringLiteral("metrics.db")})
        QVERIFY(QFile::copy(source + QLatin1Char('/') + name, target + QLatin1Char('/') + name));
    const QString keyPath = dir.filePath(QStringLiteral("key"));
    QVERIFY(QFile::copy(source + QStringLiteral(".key"), keyPath));
    QVERIFY(QFile::setPermissions(keyPath, QFileDevice::ReadOwner | QFileDevice::WriteOwner)); // git keeps no modes
    auto key = secrets::readKeyFile(keyPath);
    QVERIFY(key);

    auto store = Workspace::open(target, key.value());
    QVERIFY2(store, store ? "" : qPrintable(store.error().userMessage + store.error().detail));
    QCOMPARE(store.value()->schemaVersion(), Migrations::latestVersion());
    QVERIFY(store.value()->verify());
    // The fixture holds fixture.requests: route=/a 1 and 2 (a minute apart), route=/b 5.5 an hour later.
    MetricStore &s = *store.value();
    QCOMPARE(aggregate(s, Tier::Raw, Aggregation::Sum, kT0, kT0 + kDay, QStringLiteral("fixture.requests")), 3.0);
    for (Tier tier : {Tier::Minute, Tier::Hour, Tier::Day}) {
        QueryRequest request{QStringLiteral("fixture.requests"), {}, kT0, kT0 + kDay, std::nullopt, kDay,
                             Aggregation::Sum, tier};
        auto result = s.query(request);
        QVERIFY(result);
        QCOMPARE(result->series.size(), 2);
        QCOMPARE(result->series.at(0).points.value(0).value + result->series.at(1).points.value(0).value, 8.5);
    }
    // And it keeps working as a current workspace: new samples, compaction, services.
    QVERIFY(s.ingest({sample(kT0 + 2 * kHour, 4, QStringLiteral("fixture.requests"),
                             {{QStringLiteral("project"), QStringLiteral("fixture")}, {QStringLiteral("route"), QStringLiteral("/a")}})}));
    test::FakeClock clock(kT0 + 3 * kDay);
    s.setClock(clock);
    QVERIFY(s.maintain());
    QCOMPARE(aggregate(s, Tier::Minute, Aggregation::Sum, kT0, kT0 + kDay, QStringLiteral("fixture.requests")), 7.0);
    QVERIFY(s.verify());
}

void tst_MetricStore::newerSchemaIsRefused()
{
    test::TempWorkspace ws;
    {
        auto store = ws.create();
        QVERIFY(store);
    }
    {
        auto db = Database::open(ws.databasePath(), ws.key(), CipherParams{}, Database::Mode::OpenExisting);
        QVERIFY(db);
        QVERIFY(db.value()->exec("PRAGMA user_version = 999;"));
    }
    auto opened = Workspace::open(ws.path(), ws.key());
    QVERIFY(!opened);
    QVERIFY(opened.error().userMessage.contains(QStringLiteral("newer Stackscope")));
}

void tst_MetricStore::cipherParametersAreRecorded()
{
    test::TempWorkspace ws;
    QVERIFY(ws.create());
    auto info = Workspace::readInfo(ws.path());
    QVERIFY(info);
    QCOMPARE(info->cipherPageSize, 4096);
    QCOMPARE(info->keyCheck, Workspace::keyCheckFor(ws.key()));
    auto db = Database::open(ws.databasePath(), ws.key(), CipherParams{}, Database::Mode::OpenExisting);
    QVERIFY(db);
    QCOMPARE(db.value()->queryText("SELECT value FROM meta WHERE key = 'cipher.page_size';").value(), QStringLiteral("4096"));
    QCOMPARE(db.value()->queryInt("PRAGMA cipher_page_size;").value(), 4096);
    // Nothing readable without the key: the file does not start with SQLite's plain header.
    QFile file(ws.databasePath());
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(!file.read(16).startsWith("SQLite format 3"));
}

void tst_MetricStore::labelFilterAndSeriesListing()
{
    test::TempWorkspace ws;
    auto store = ws.create();
    QVERIFY(store);
    QVERIFY(store->ingest({
        sample(kT0, 1, QStringLiteral("sms"), {{QStringLiteral("country"), QStringLiteral("US")}, {QStringLiteral("project"), QStringLiteral("shop")}}),
        sample(kT0, 2, QStringLiteral("sms"), {{QStringLiteral("country"), QStringLiteral("DE")}, {QStringLiteral("project"), QStringLiteral("shop")}}),
        sample(kT0, 4, QStringLiteral("calls"), {}),
    }));
    QueryRequest request{QStringLiteral("sms"), {{QStringLiteral("country"), QStringLiteral("DE")}}, kT0, kT0 + kMinute,
                         std::nullopt, kMinute, Aggregation::Sum, std::nullopt};
    auto result = store->query(request);
    QVERIFY(result);
    QCOMPARE(result->series.size(), 1);
    QCOMPARE(result->series.first().points.first().value, 2.0);
    request.labelFilter.clear();
    QCOMPARE(store->query(request)->series.size(), 2);
    auto series = store->listSeries(QStringLiteral("sms"));
    QVERIFY(series);
    QCOMPARE(series->size(), 2);
    QCOMPARE(series->first().project, QStringLiteral("shop"));
}

void tst_MetricStore::metricCatalogue()
{
    test::TempWorkspace ws;
    auto store = ws.create();
    QVERIFY(store);
    QVERIFY(store->metricInfo(QStringLiteral("twilio.sms.sent")).value() == std::nullopt);
    QVERIFY(store->describeMetric({QStringLiteral("twilio.sms.sent"), QStringLiteral("messages"), MetricKind::Counter,
                                   QStringLiteral("SMS sent per day")}));
    // Samples of a described metric land in the same metric row.
    QVERIFY(store->ingest({sample(kT0, 3, QStringLiteral("twilio.sms.sent"), {})}));
    QVERIFY(store->describeMetric({QStringLiteral("twilio.sms.sent"), QStringLiteral("messages"), MetricKind::Counter,
                                   QStringLiteral("SMS sent per UTC day")}));
    auto info = store->metricInfo(QStringLiteral("twilio.sms.sent"));
    QVERIFY(info && info.value());
    QCOMPARE(info.value()->unit, QStringLiteral("messages"));
    QVERIFY(info.value()->kind == MetricKind::Counter);
    QCOMPARE(info.value()->description, QStringLiteral("SMS sent per UTC day"));
    QVERIFY(!store->describeMetric({}));
}

QTEST_GUILESS_MAIN(tst_MetricStore)
#include "tst_metricstore.moc"
