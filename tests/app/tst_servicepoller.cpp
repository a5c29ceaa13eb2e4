#include "fakesecretstore.h"
#include "localhttpserver.h"
#include "tempworkspace.h"

#include "servicepoller.h"

#include "connector/connectorregistry.h"
#include "registration.h"
#include "storage/servicerepository.h"
#include "storage/storeservice.h"

#include <QSignalSpy>
#include <QTest>

using namespace stackscope;

// The desktop app polls its workspace's services on the network thread and stores what they deliver.
class tst_ServicePoller : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void pollsConfiguredServicesIntoTheStore();
};

void tst_ServicePoller::pollsConfiguredServicesIntoTheStore()
{
    test::LocalHttpServer server;
    QVERIFY(server.listen());
    server.route("GET", QStringLiteral("/metrics"),
                 test::ScriptedResponse::fromFile(200, QStringLiteral("prometheus/app_text_0.0.4.txt"))
                     .withHeader("Content-Type", "text/plain; version=0.0.4"));

    test::TempWorkspace ws;
    auto store = ws.create();
    QVERIFY(store);
    ServiceConfig config;
    config.project = QStringLiteral("shop");
    config.type = QStringLiteral("prometheus");
    config.name = QStringLiteral("API");
    config.settings.insert(QStringLiteral("url"), server.url(QStringLiteral("/metrics")).toString());
    config.interval = std::chrono::seconds(60);
    auto added = store->services().add(config);
    QVERIFY2(added, added ? "" : qPrintable(added.error().userMessage));

    connector::ConnectorRegistry registry;
    connectors::registerBuiltInConnectors(registry);
    secrets::FakeSecretStore secrets;
    storage::StoreService service(std::move(store));
    {
        app::ServicePoller poller(service, secrets, registry);
        QSignalSpy stored(&poller, &app::ServicePoller::samplesStored);
        poller.reload();
        QVERIFY(stored.wait(10'000));
        QVERIFY(server.requestCount() >= 1);
    }
    std::optional<qint64> series;
    std::optional<ServiceHealth> health;
    service.run([&, id = added->id](storage::MetricStore &s) {
        series = s.listSeries()->size();
        health = s.services().health(id).value();
    });
    QVERIFY(QTest::qWaitFor([&] { return series.has_value(); }, 5000));
    QVERIFY(*series > 0);
    QCOMPARE(health->state, ServiceHealth::State::Ok);
}

QTEST_MAIN(tst_ServicePoller)
#include "tst_servicepoller.moc"
