#include "tempworkspace.h"

#include "storage/storeservice.h"

#include <QSignalSpy>
#include <QTest>
#include <QThread>

using namespace stackscope;
using namespace stackscope::storage;

namespace {
constexpr qint64 kT0 = 1767225600000;

SampleBatch batchOf(int first, int count)
{
    SampleBatch batch;
    for (int i = first; i < first + count; ++i)
        batch.append({QStringLiteral("m"), {{QStringLiteral("k"), QStringLiteral("v")}}, kT0 + i * 1000, double(i)});
    return batch;
}
} // namespace

class tst_StoreService : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void resultsArriveOnTheCallersThread();
    void queuedIngestsShareATransactionAndAreAllVisible();
    void callbackIsDroppedWhenContextDies();
    void destructionCommitsQueuedSamples();
    void concurrentProducers();
};

void tst_StoreService::resultsArriveOnTheCallersThread()
{
    test::TempWorkspace ws;
    auto store = ws.create();
    QVERIFY(store);
    StoreService service(std::move(store));
    QThread *callbackThread = nullptr;
    bool done = false;
    service.ingest(batchOf(0, 10), this, [&](Result<IngestReport> report) {
        QVERIFY(report);
        QCOMPARE(report->inserted, 10);
        callbackThread = QThread::currentThread();
        done = true;
    });
    QVERIFY(QTest::qWaitFor([&] { return done; }, 5000));
    QCOMPARE(callbackThread, QThread::currentThread());
}

void tst_StoreService::queuedIngestsShareATransactionAndAreAllVisible()
{
    test::TempWorkspace ws;
    auto store = ws.create();
    QVERIFY(store);
    StoreService service(std::move(store));
    QSignalSpy stored(&service, &StoreService::samplesStored);
    for (int i = 0; i < 20; ++i)
        service.ingest(batchOf(i * 50, 50));
    // A query queued after the writes sees all of them.
    std::optional<double> count;
    QueryRequest request{QStringLiteral("m"), {}, kT0, kT0 + 86'400'000, std::nullopt, 86'400'000,
                         Aggregation::Count, Tier::Raw};
    service.query(request, this, [&](Result<QueryResult> result) {
        QVERIFY(result);
        count = result->series.value(0).points.value(0).value;
    });
    QVERIFY(QTest::qWaitFor([&] { return count.has_value(); }, 5000));
    QCOMPARE(*count, 1000.0);
    QVERIFY(QTest::qWaitFor([&] { return !stored.isEmpty(); }, 5000));
    qint64 total = 0;
    for (const auto &args : stored)
        total += args.at(0).toLongLong();
    QCOMPARE(total, 1000);
    QVERIFY2(stored.size() < 20, "queued ingest calls must be drained into shared transactions");
}

void tst_StoreService::callbackIsDroppedWhenContextDies()
{
    test::TempWorkspace ws;
    auto store = ws.create();
    QVERIFY(store);
    StoreService service(std::move(store));
    bool called = false;
    auto *context = new QObject;
    service.stats(context, [&](Result<StoreStats>) { called = true; });
    delete context;
    bool sentinel = false;
    service.stats(this, [&](Result<StoreStats>) { sentinel = true; });
    QVERIFY(QTest::qWaitFor([&] { return sentinel; }, 5000));
    QVERIFY(!called);
}

void tst_StoreService::destructionCommitsQueuedSamples()
{
    test::TempWorkspace ws;
    {
        auto store = ws.create();
        QVERIFY(store);
        StoreService service(std::move(store));
        for (int i = 0; i < 10; ++i)
            service.ingest(batchOf(i * 100, 100));
        // No waiting: the destructor must finish the queue.
    }
    auto reopened = ws.open();
    QVERIFY(reopened);
    QCOMPARE(reopened->stats()->rawRows, 1000);
}

void tst_StoreService::concurrentProducers()
{
    // Several threads hand batches to the service at once (as connector workers will); all arrive, none twice.
    test::TempWorkspace ws;
    auto store = ws.create();
    QVERIFY(store);
    StoreService service(std::move(store));
    QList<QThread *> producers;
    for (int p = 0; p < 4; ++p) {
        producers.append(QThread::create([&service, p] {
            for (int i = 0; i < 25; ++i)
                service.ingest(batchOf(p * 10'000 + i * 40, 40));
        }));
        producers.last()->start();
    }
    for (QThread *thread : producers) {
        QVERIFY(thread->wait(10'000));
        delete thread;
    }
    std::optional<qint64> rows;
    service.stats(this, [&](Result<StoreStats> stats) { rows = stats ? stats->rawRows : -1; });
    QVERIFY(QTest::qWaitFor([&] { return rows.has_value(); }, 5000));
    QCOMPARE(*rows, 4 * 25 * 40);
}

QTEST_GUILESS_MAIN(tst_StoreService)
#include "tst_storeservice.moc"
