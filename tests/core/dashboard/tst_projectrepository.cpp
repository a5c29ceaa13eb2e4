#include "fakeclock.h"
#include "tempworkspace.h"
#include "testdata.h"

#include "dashboard/dashboardrepository.h"
#include "secrets/keyfile.h"
#include "storage/database.h"
#include "storage/metricstore.h"
#include "storage/migrations.h"
#include "storage/projectrepository.h"
#include "storage/servicerepository.h"
#include "storage/workspace.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace stackscope;
using namespace stackscope::storage;

class tst_ProjectRepository : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void addGetListUpdate();
    void refusesInvalidFields();
    void refusesDuplicateNames();
    void renameKeepsServicesSeriesAndDashboards();
    void removeAndRestoreTakeServicesAndDashboardsAlong();
    void persistsAcrossReopen();
    void migratesTheSchema2Fixture();
};

namespace {

constexpr qint64 kT0 = 1767225600000; // 2026-01-01T00:00:00Z
constexpr qint64 kMinute = 60'000;
constexpr qint64 kDay = 86'400'000;

Project project(const QString &name, const QString &environment = QStringLiteral("production"), const QString &color = {})
{
    Project p;
    p.name = name;
    p.environment = environment;
    p.color = color;
    return p;
}

ServiceConfig service(const QString &projectName, const QString &name, const QString &type = QStringLiteral("twilio"))
{
    ServiceConfig config;
    config.project = projectName;
    config.name = name;
    config.type = type;
    return config;
}

MetricSample sample(qint64 ts, double value, const QString &projectName, const QString &serviceName)
{
    return {QStringLiteral("twilio.sms.sent"),
            {{QStringLiteral("project"), projectName}, {QStringLiteral("service"), serviceName}, {QStringLiteral("country"), QStringLiteral("DE")}},
            ts, value};
}

double sumOf(MetricStore &store, const Labels &filter)
{
    QueryRequest request{QStringLiteral("twilio.sms.sent"), filter, kT0 - kDay, kT0 + kDay, std::nullopt, 2 * kDay,
                         Aggregation::Sum, std::nullopt};
    auto result = store.query(request);
    if (!result)
        return -1;
    double sum = 0;
    for (const SeriesPoints &series : result->series) {
        for (const TimedValue &point : series.points)
            sum += point.value;
    }
    return sum;
}

dashboard::Dashboard projectDashboard(const QString &projectName)
{
    dashboard::Dashboard d;
    d.name = QStringLiteral("SMS");
    d.project = projectName;
    dashboard::PanelSpec panel;
    panel.id = QStringLiteral("a");
    panel.title = QStringLiteral("Sent");
    panel.rect = {0, 0, 12, 6};
    dashboard::PanelQuery query;
    query.metric = QStringLiteral("twilio.sms.sent");
    query.labelFilter = {{QStringLiteral("project"), projectName}, {QStringLiteral("service"), QStringLiteral("Twilio")}};
    panel.queries = {query};
    d.spec.panels = {panel};
    return d;
}

} // namespace

void tst_ProjectRepository::addGetListUpdate()
{
    test::TempWorkspace ws;
    auto store = ws.create();
    QVERIFY(store);
    ProjectRepository &projects = store->projects();

    auto shop = projects.add(project(QStringLiteral("shop"), QStringLiteral("staging"), QStringLiteral("#3366CC")), kT0);
    QVERIFY2(shop, shop ? "" : qPrintable(shop.error().userMessage));
    QVERIFY(shop->id > 0);
    QCOMPARE(shop->createdMs, kT0);
    Project blogDraft = project(QStringLiteral("Blog"));
    blogDraft.icon = QStringLiteral("book");
    auto blog = projects.add(blogDraft, kT0 + 1);
    QVERIFY(blog);

    auto got = projects.get(shop->id);
    QVERIFY(got);
    QCOMPARE(got->name, QStringLiteral("shop"));
    QCOMPARE(got->color, QStringLiteral("#3366CC"));
    QCOMPARE(got->environment, QStringLiteral("staging"));
    QCOMPARE(got->createdMs, kT0);
    QCOMPARE(got->deletedMs, 0);

    auto all = projects.list();
    QVERIFY(all);
    QCOMPARE(all->size(), 2);
    QCOMPARE(all->at(0).name, QStringLiteral("Blog")); // by name, ignoring case
    QCOMPARE(all->at(0).icon, QStringLiteral("book"));
    QCOMPARE(all->at(1).name, QStringLiteral("shop"));

    Project changed = got.value();
    changed.color.clear();
    changed.environment = QStringLiteral("development");
    changed.icon = QStringLiteral("cart");
    QVERIFY(projects.update(changed));
    got = projects.get(shop->id);
    QCOMPARE(got->color, QString());
    QCOMPARE(got->environment, QStringLiteral("development"));
    QCOMPARE(got->icon, QStringLiteral("cart"));

    QVERIFY(!projects.get(9999));
    QVERIFY(projects.get(9999).error().code == Error::Code::NotFound);
    Project missing = changed;
    missing.id = 9999;
    QVERIFY(!projects.update(missing));
}

void tst_ProjectRepository::refusesInvalidFields()
{
    test::TempWorkspace ws;
    auto store = ws.create();
    QVERIFY(store);
    ProjectRepository &projects = store->projects();
    const auto refused = [&](const Project &p, const QString &mention) {
        auto result = projects.add(p, kT0);
        if (result)
            return false;
        return result.error().code == Error::Code::Config && result.error().userMessage.contains(mention);
    };
    QVERIFY(refused(project(QString()), QStringLiteral("needs a name")));
    QVERIFY(refused(project(QStringLiteral(" shop")), QStringLiteral("spaces")));
    QVERIFY(refused(project(QStringLiteral("shop"), QStringLiteral("prod")), QStringLiteral("production, staging or development")));
    QVERIFY(refused(project(QStringLiteral("shop"), QStringLiteral("production"), QStringLiteral("blue")), QStringLiteral("#RRGGBB")));
    QVERIFY(refused(project(QStringLiteral("shop"), QStringLiteral("production"), QStringLiteral("#12345")), QStringLiteral("#RRGGBB")));
    QVERIFY(refused(project(QString(101, QLatin1Char('x'))), QStringLiteral("at most 100")));
    QCOMPARE(projects.list()->size(), 0);
}

void tst_ProjectRepository::refusesDuplicateNames()
{
    test::TempWorkspace ws;
    auto store = ws.create();
    QVERIFY(store);
    ProjectRepository &projects = store->projects();
    QVERIFY(projects.add(project(QStringLiteral("shop")), kT0));
    auto again = projects.add(project(QStringLiteral("shop")), kT0);
    QVERIFY(!again);
    QVERIFY2(again.error().userMessage.contains(QStringLiteral("already a project named \"shop\"")), qPrintable(again.error().userMessage));

    // A project created by an import (its first sample) counts too.
    QVERIFY(store->ingest({sample(kT0, 1, QStringLiteral("imported"), QStringLiteral("x"))}));
    QVERIFY(!projects.add(project(QStringLiteral("imported")), kT0));

    // So does a project in the trash, with a hint.
    auto old = projects.add(project(QStringLiteral("old")), kT0);
    QVERIFY(old);
    QVERIFY(projects.remove(old->id, kT0));
    auto reused = projects.add(project(QStringLiteral("old")), kT0);
    QVERIFY(!reused);
    QVERIFY2(reused.error().userMessage.contains(QStringLiteral("in the trash")), qPrintable(reused.error().userMessage));

    // Renaming onto another project's name is refused and changes nothing.
    auto blog = projects.add(project(QStringLiteral("blog")), kT0);
    QVERIFY(blog);
    Project renamed = blog.value();
    renamed.name = QStringLiteral("shop");
    QVERIFY(!projects.update(renamed));
    QCOMPARE(projects.get(blog->id)->name, QStringLiteral("blog"));
    QCOMPARE(projects.list()->size(), 3); // blog, imported, shop
}

void tst_ProjectRepository::renameKeepsServicesSeriesAndDashboards()
{
    test::TempWorkspace ws;
    auto store = ws.create();
    QVERIFY(store);
    auto shop = store->projects().add(project(QStringLiteral("shop")), kT0);
    QVERIFY(shop);
    auto twilio = store->services().add(service(QStringLiteral("shop"), QStringLiteral("Twilio")));
    QVERIFY(twilio);
    QVERIFY(store->ingest({sample(kT0, 5, QStringLiteral("shop"), QStringLiteral("Twilio")),
                           sample(kT0 + kMinute, 7, QStringLiteral("shop"), QStringLiteral("Twilio"))}));
    dashboard::DashboardRepository dashboards(store->database());
    auto board = dashboards.add(projectDashboard(QStringLiteral("shop")), kT0);
    QVERIFY2(board, board ? "" : qPrintable(board.error().userMessage));
    const qint64 seriesBefore = store->listSeries()->size();

    Project renamed = shop.value();
    renamed.name = QStringLiteral("store");
    QVERIFY(store->projects().update(renamed));

    // The service, its series and the dashboard follow the new name.
    QCOMPARE(store->services().get(twilio->id)->project, QStringLiteral("store"));
    const Labels newFilter{{QStringLiteral("project"), QStringLiteral("store")}, {QStringLiteral("service"), QStringLiteral("Twilio")}};
    const Labels oldFilter{{QStringLiteral("project"), QStringLiteral("shop")}};
    QCOMPARE(sumOf(*store, newFilter), 12.0);
    QCOMPARE(sumOf(*store, oldFilter), 0.0);
    auto series = store->listSeries();
    QCOMPARE(series->size(), seriesBefore);
    QCOMPARE(series->first().project, QStringLiteral("store"));
    QCOMPARE(series->first().labels.value(QStringLiteral("project")), QStringLiteral("store"));
    auto stored = dashboards.get(board->id);
    QVERIFY(stored);
    QCOMPARE(stored->project, QStringLiteral("store"));
    QCOMPARE(stored->spec.panels.first().queries.first().labelFilter.value(QStringLiteral("project")), QStringLiteral("store"));

    // New samples under the new name extend the same series; the old name does not come back as a project.
    QVERIFY(store->ingest({sample(kT0 + 2 * kMinute, 1, QStringLiteral("store"), QStringLiteral("Twilio"))}));
    QCOMPARE(store->listSeries()->size(), seriesBefore);
    QCOMPARE(sumOf(*store, newFilter), 13.0);
    QCOMPARE(store->projects().list()->size(), 1);

    // And all of it survives a reopen (the catalogue is rebuilt from the database).
    store.reset();
    store = ws.open();
    QVERIFY(store);
    QCOMPARE(sumOf(*store, newFilter), 13.0);
    QCOMPARE(store->listSeries()->size(), seriesBefore);
    QCOMPARE(store->services().get(twilio->id)->project, QStringLiteral("store"));
    QCOMPARE(store->projects().list()->size(), 1);
}

void tst_ProjectRepository::removeAndRestoreTakeServicesAndDashboardsAlong()
{
    test::TempWorkspace ws;
    auto store = ws.create();
    QVERIFY(store);
    auto shop = store->projects().add(project(QStringLiteral("shop")), kT0);
    auto other = store->projects().add(project(QStringLiteral("other")), kT0);
    QVERIFY(shop && other);
    auto twilio = store->services().add(service(QStringLiteral("shop"), QStringLiteral("Twilio")));
    auto sendgrid = store->services().add(service(QStringLiteral("shop"), QStringLiteral("SendGrid"), QStringLiteral("sendgrid")));
    auto removedEarlier = store->services().add(service(QStringLiteral("shop"), QStringLiteral("Old")));
    auto elsewhere = store->services().add(service(QStringLiteral("other"), QStringLiteral("Twilio")));
    QVERIFY(twilio && sendgrid && removedEarlier && elsewhere);
    QVERIFY(store->services().remove(removedEarlier->id, kT0 - kDay));
    dashboard::DashboardRepository dashboards(store->database());
    auto board = dashboards.add(projectDashboard(QStringLiteral("shop")), kT0);
    QVERIFY(board);

    QVERIFY(store->projects().remove(shop->id, kT0));
    QCOMPARE(store->projects().list()->size(), 1);
    QVERIFY(!store->projects().get(shop->id));
    auto inTrash = store->projects().list(true);
    QCOMPARE(inTrash->size(), 2);
    QCOMPARE(inTrash->at(1).name, QStringLiteral("shop"));
    QCOMPARE(inTrash->at(1).deletedMs, kT0);
    QCOMPARE(store->services().list()->size(), 1); // only the other project's
    QCOMPARE(dashboards.list()->size(), 0);
    QVERIFY(!store->projects().remove(shop->id, kT0)); // already in the trash

    QVERIFY(store->projects().restore(shop->id));
    QCOMPARE(store->projects().list()->size(), 2);
    auto services = store->services().list();
    QCOMPARE(services->size(), 3);
    for (const ServiceConfig &config : services.value())
        QVERIFY2(config.name != QStringLiteral("Old"), "a service removed on its own stays in the trash");
    QVERIFY(store->services().get(twilio->id)->enabled);
    QCOMPARE(dashboards.list()->size(), 1);
    QVERIFY(!store->projects().restore(shop->id)); // not in the trash any more
}

void tst_ProjectRepository::persistsAcrossReopen()
{
    test::TempWorkspace ws;
    qint64 id = 0;
    {
        auto store = ws.create();
        QVERIFY(store);
        Project p = project(QStringLiteral("shop"), QStringLiteral("staging"), QStringLiteral("#AA0011"));
        p.icon = QStringLiteral("cart");
        auto added = store->projects().add(p, kT0);
        QVERIFY(added);
        id = added->id;
        QVERIFY(store->setRetention(QStringLiteral("shop"), RetentionPolicy{7, 30, 365, std::nullopt}));
    }
    auto store = ws.open();
    QVERIFY(store);
    auto p = store->projects().get(id);
    QVERIFY(p);
    QCOMPARE(p->name, QStringLiteral("shop"));
    QCOMPARE(p->color, QStringLiteral("#AA0011"));
    QCOMPARE(p->icon, QStringLiteral("cart"));
    QCOMPARE(p->environment, QStringLiteral("staging"));
    QCOMPARE(p->createdMs, kT0);
    auto retention = store->retention(QStringLiteral("shop"));
    QVERIFY(retention);
    QCOMPARE(retention->rawDays, std::optional<int>(7));
}

void tst_ProjectRepository::migratesTheSchema2Fixture()
{
    QTemporaryDir dir;
    const QString source = test::testDataPath(QStringLiteral("db/schema-2"));
    const QString target = dir.filePath(QStringLiteral("schema-2"));
    QVERIFY(QDir().mkpath(target));
    for (const QString &name : {QStringLiteral("workspace.json"), QStringLiteral("metrics.db")})
        QVERIFY(QFile::copy(source + QLatin1Char('/') + name, target + QLatin1Char('/') + name));
    const QString keyPath = dir.filePath(QStringLiteral("key"));
    QVERIFY(QFile::copy(source + QStringLiteral(".key"), keyPath));
    QVERIFY(QFile::setPermissions(keyPath, QFileDevice::ReadOwner | QFileDevice::WriteOwner));
    auto key = secrets::readKeyFile(keyPath);
    QVERIFY(key);

    auto opened = Workspace::open(target, key.value());
    QVERIFY2(opened, opened ? "" : qPrintable(opened.error().userMessage));
    MetricStore &store = *opened.value();
    QCOMPARE(store.schemaVersion(), Migrations::latestVersion());
    QVERIFY(store.schemaVersion() >= 6);

    // The old data is still there ...
    auto series = store.listSeries(QStringLiteral("fixture.requests"));
    QVERIFY(series);
    QCOMPARE(series->size(), 2);
    const qint64 projectsBefore = store.projects().list()->size();
    // ... and the new tables and columns work: projects with icons, dashboards.
    Project p = project(QStringLiteral("after upgrade"));
    p.icon = QStringLiteral("rocket");
    auto added = store.projects().add(p, kT0);
    QVERIFY2(added, added ? "" : qPrintable(added.error().userMessage));
    QCOMPARE(store.projects().get(added->id)->icon, QStringLiteral("rocket"));
    QCOMPARE(store.projects().list()->size(), projectsBefore + 1);
    dashboard::DashboardRepository dashboards(store.database());
    QCOMPARE(dashboards.list()->size(), 0);
    auto board = dashboards.add(projectDashboard(QStringLiteral("after upgrade")), kT0);
    QVERIFY2(board, board ? "" : qPrintable(board.error().userMessage));
    QCOMPARE(dashboards.list()->size(), 1);
    QVERIFY(store.verify());
}

QTEST_GUILESS_MAIN(tst_ProjectRepository)
#include "tst_projectrepository.moc"
