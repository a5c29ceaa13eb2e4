// The alert engine on its own thread with a real StoreService: cycles run, signals arrive on the owner's
// thread, cycles never overlap, and destruction is clean (also under ThreadSanitizer).
#include "alertworld.h"

#include "alerts/alertengine.h"
#include "alerts/alertrepository.h"
#include "storage/database.h"
#include "storage/metricstore.h"
#include "storage/storeservice.h"

#include <QSignalSpy>
#include <QTest>
#include <QThread>

using namespace stackscope;
using namespace stackscope::alerts;
using test::AlertWorld;

class tst_AlertEngine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cycleRunsAndSignalsArrive();
    void evaluateNowDuringACycleRunsOneMore();
    void timerDrivesCycles();
    void destroyedWhileACycleIsInFlight();
};

void tst_AlertEngine::cycleRunsAndSignalsArrive()
{
    AlertWorld world;
    QVERIFY(world.isValid());
    QVERIFY(world.addRule(AlertWorld::errorRule()));
    QVERIFY(world.addChannel(QStringLiteral("ops"), true));
    QVERIFY(world.setLevel(QStringLiteral("a"), 50));
    {
        storage::StoreService service(world.takeStore());
        AlertEngine engine(service, world.clock());
        QSignalSpy finished(&engine, &AlertEngine::cycleFinished);
        QSignalSpy changed(&engine, &AlertEngine::alertsChanged);
        QSignalSpy queued(&engine, &AlertEngine::notificationsQueued);
        QSignalSpy failed(&engine, &AlertEngine::cycleFailed);
        QThread *signalThread = nullptr;
        connect(&engine, &AlertEngine::cycleFinished, this, [&] { signalThread = QThread::currentThread(); });

        engine.evaluateNow();
        QVERIFY(finished.wait(20000));
        QCOMPARE(signalThread, QThread::currentThread());
        const auto report = finished.at(0).at(0).value<CycleReport>();
        QCOMPARE(report.rulesEvaluated, 1);
        QCOMPARE(report.opened, 1);
        QCOMPARE(report.notificationsQueued, 1);
        QCOMPARE(report.nowMs, AlertWorld::kT0);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(queued.size(), 1);
        QCOMPARE(queued.at(0).at(0).toInt(), 1);

        engine.evaluateNow();   // nothing new: no change, no notification
        QVERIFY(finished.wait(20000));
        QCOMPARE(finished.at(1).at(0).value<CycleReport>().opened, 0);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(queued.size(), 1);
        QCOMPARE(failed.size(), 0);
    }
    // What the engine wrote is in the file.
    auto store = world.workspace().open();
    QVERIFY(store);
    auto alerts = AlertRepository(store->database()).query({});
    QVERIFY(alerts);
    QCOMPARE(alerts->total, 1);
    QCOMPARE(store->database().queryInt("SELECT count(*) FROM outbox;").value(), 1);
}

void tst_AlertEngine::evaluateNowDuringACycleRunsOneMore()
{
    AlertWorld world;
    QVERIFY(world.isValid());
    QVERIFY(world.addRule(AlertWorld::errorRule()));
    QVERIFY(world.setLevel(QStringLiteral("a"), 50));
    storage::StoreService service(world.takeStore());
    AlertEngine engine(service, world.clock());
    QSignalSpy finished(&engine, &AlertEngine::cycleFinished);
    // Five requests in a row: one runs, the others fold into one more cycle after it. Never two at once, so
    // the alert opens exactly once.
    for (int i = 0; i < 5; ++i)
        engine.evaluateNow();
    QVERIFY(QTest::qWaitFor([&] { return finished.size() >= 2; }, 20000));
    QTest::qWait(200);
    QCOMPARE(finished.size(), 2);
    int opened = 0;
    for (const QList<QVariant> &args : std::as_const(finished))
        opened += args.at(0).value<CycleReport>().opened;
    QCOMPARE(opened, 1);
}

void tst_AlertEngine::timerDrivesCycles()
{
    AlertWorld world;
    QVERIFY(world.isValid());
    storage::StoreService service(world.takeStore());
    AlertEngine engine(service, world.clock());
    engine.setInterval(1000);
    QSignalSpy finished(&engine, &AlertEngine::cycleFinished);
    engine.start();   // the first cycle at once, then every second
    QVERIFY(QTest::qWaitFor([&] { return finished.size() >= 2; }, 20000));
    engine.stop();
}

void tst_AlertEngine::destroyedWhileACycleIsInFlight()
{
    AlertWorld world;
    QVERIFY(world.isValid());
    for (int i = 0; i < 20; ++i) {
        rules::AlertRule rule = AlertWorld::errorRule(QStringLiteral("Rule %1").arg(i));
        QVERIFY(world.addRule(rule));
    }
    QVERIFY(world.setLevel(QStringLiteral("a"), 50));
    {
        storage::StoreService service(world.takeStore());
        {
            AlertEngine engine(service, world.clock());
            engine.evaluateNow();
            engine.evaluateNow();
        }   // the engine goes first, mid-cycle; the store finishes what was queued
    }
    // The file is consistent: every opened alert has its history row, whatever point the cycle had reached.
    auto store = world.workspace().open();
    QVERIFY(store);
    const qint64 alerts = store->database().queryInt("SELECT count(*) FROM alerts;").value();
    const qint64 events = store->database().queryInt("SELECT count(*) FROM alert_events;").value();
    QVERIFY(alerts == 0 || alerts == 20);
    QCOMPARE(events, alerts);
}

QTEST_GUILESS_MAIN(tst_AlertEngine)
#include "tst_alertengine.moc"
