#include "decimationworker.h"

#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include <atomic>

using namespace stackscope::charts;

class tst_DecimationWorker : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void deliversOnOwnThread();
    void staleResultsAreDropped();
    void inlineRunOvertakesPendingJob();
    void destroyedWorkerDeliversNothing();
};

namespace {
// A job whose result names it, so the test can tell which one arrived.
DecimationWorker::Job tagged(qsizetype tag, std::atomic<int> *ran = nullptr)
{
    return [tag, ran] {
        if (ran)
            ++*ran;
        DecimatedChart chart;
        chart.pointCount = tag;
        return chart;
    };
}
} // namespace

void tst_DecimationWorker::deliversOnOwnThread()
{
    DecimationWorker worker;
    QThread *deliveredOn = nullptr;
    connect(&worker, &DecimationWorker::finished, this, [&] { deliveredOn = QThread::currentThread(); });
    QSignalSpy spy(&worker, &DecimationWorker::finished);
    const quint64 generation = worker.submit(tagged(7));
    QVERIFY(worker.isBusy());
    QVERIFY(spy.wait(10'000));
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).toULongLong(), generation);
    QCOMPARE(spy.at(0).at(1).value<DecimatedChart>().pointCount, 7);
    QCOMPARE(deliveredOn, QThread::currentThread());
    QVERIFY(!worker.isBusy());
}

void tst_DecimationWorker::staleResultsAreDropped()
{
    DecimationWorker worker;
    QList<qsizetype> delivered;
    connect(&worker, &DecimationWorker::finished, this,
            [&](quint64, const DecimatedChart &chart) { delivered.append(chart.pointCount); });
    // Three requests in one event-loop turn: only the newest may reach the chart, whatever order the pool
    // threads finish in.
    worker.submit(tagged(1));
    worker.submit(tagged(2));
    const quint64 last = worker.submit(tagged(3));
    QCOMPARE(worker.latestGeneration(), last);
    QTRY_COMPARE_WITH_TIMEOUT(worker.droppedCount() + int(delivered.size()), 3, 10'000);
    QCOMPARE(delivered, QList<qsizetype>{3});
    QCOMPARE(worker.droppedCount(), 2);
    QVERIFY(!worker.isBusy());
}

void tst_DecimationWorker::inlineRunOvertakesPendingJob()
{
    DecimationWorker worker;
    QSignalSpy spy(&worker, &DecimationWorker::finished);
    worker.submit(tagged(1));
    const DecimatedChart now = worker.runInline(tagged(2));
    QCOMPARE(now.pointCount, 2);
    QVERIFY(!worker.isBusy());
    QTRY_COMPARE_WITH_TIMEOUT(worker.droppedCount(), 1, 10'000);
    QCOMPARE(spy.count(), 0);
}

void tst_DecimationWorker::destroyedWorkerDeliversNothing()
{
    std::atomic<int> ran{0};
    int received = 0;
    {
        DecimationWorker worker;
        connect(&worker, &DecimationWorker::finished, this, [&] { ++received; });
        worker.submit(tagged(1, &ran));
    }
    // Let the job finish on its pool thread; nothing may arrive (and nothing may crash).
    QTest::qWait(200);
    QCOMPARE(received, 0);
}

QTEST_GUILESS_MAIN(tst_DecimationWorker)
#include "tst_decimationworker.moc"
