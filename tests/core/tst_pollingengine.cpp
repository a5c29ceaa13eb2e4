#include "tempworkspace.h"

#include "connector/connectorregistry.h"
#include "connector/pollingengine.h"
#include "storage/servicerepository.h"
#include "storage/storeservice.h"
#include "util/clock.h"

#include <QSignalSpy>
#include <QTest>
#include <QThread>

using namespace stackscope;
using namespace stackscope::connector;

namespace {

// Answers every fetch with one sample per minute of its window, and records the thread it ran on.
class CountingConnector final : public Connector
{
public:
    explicit CountingConnector(std::atomic<QThread *> &fetchThread) : m_fetchThread(fetchThread)
    {
        m_info.typeId = QStringLiteral("counting");
        m_info.displayName = QStringLiteral("Counting");
    }
    const ConnectorInfo &info() const override { return m_info; }
    void testConnection(FetchSession &, TestDone done) override { done({}); }
    void fetch(FetchSession &, const FetchWindow &window, FetchDone done) override
    {
        m_fetchThread.store(QThread::currentThread());
        FetchResult result;
        for (qint64 ts = window.fromMs - window.fromMs % 60'000; ts < window.toMs; ts += 60'000)
            result.samples.append({QStringLiteral("counting.value"), {}, ts, 1.0});
        done(result);
    }

private:
    std::atomic<QThread *> &m_fetchThread;
    ConnectorInfo m_info;
};

} // namespace

class tst_PollingEngine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void pollsOnItsOwnThreadAndStoresWhatItFetches();
};

void tst_PollingEngine::pollsOnItsOwnThreadAndStoresWhatItFetches()
{
    test::TempWorkspace ws;
    auto store = ws.create();
    QVERIFY(store);
    ServiceConfig config;
    config.project = QStringLiteral("shop");
    config.type = QStringLiteral("counting");
    config.name = QStringLiteral("counter");
    config.interval = std::chrono::seconds(600);
    auto added = store->services().add(config);
    QVERIFY(added);

    std::atomic<QThread *> fetchThread{nullptr};
    qint64 fetched = 0;
    ConnectorRegistry registry;
    registry.add([&fetchThread] { return std::make_unique<CountingConnector>(fetchThread); });
    storage::StoreService service(std::move(store));
    {
        PollingEngine engine(registry, service, Clock::system());
        QSignalSpy health(&engine, &PollingEngine::healthChanged);
        QSignalSpy stored(&engine, &PollingEngine::samplesStored);
        ScheduledService scheduled;
        scheduled.config = added.value();
        engine.setServices({scheduled});

        QVERIFY(QTest::qWaitFor([&] { return !health.isEmpty(); }, 5000));
        QCOMPARE(health.first().at(1).value<ServiceHealth>().state, ServiceHealth::State::Ok);
        QVERIFY(fetchThread.load() != nullptr);
        QVERIFY(fetchThread.load() != QThread::currentThread()); // never the GUI thread (N1)
        QCOMPARE(stored.size(), 1);
        fetched = stored.first().at(1).toLongLong();
        QVERIFY(fetched == 20 || fetched == 21); // two intervals of 10 minutes, one sample per minute mark
    }

    // The samples and the health reached the store.
    std::optional<qint64> rows;
    std::optional<ServiceHealth> saved;
    service.run([&, id = added->id](storage::MetricStore &s) {
        rows = s.stats()->rawRows;
        saved = s.services().health(id).value();
    });
    QVERIFY(QTest::qWaitFor([&] { return rows.has_value(); }, 5000));
    QCOMPARE(*rows, fetched);
    QCOMPARE(saved->state, ServiceHealth::State::Ok);
    QVERIFY(saved->lastSuccessMs > 0);
}

QTEST_GUILESS_MAIN(tst_PollingEngine)
#include "tst_pollingengine.moc"
