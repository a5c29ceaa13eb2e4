#include "fakeclock.h"
#include "tempworkspace.h"

#include "dashboard/dashboardrepository.h"
#include "storage/metricstore.h"
#include "storage/projectrepository.h"

#include <QTest>

using namespace stackscope;
using namespace stackscope::dashboard;

class tst_DashboardRepository : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void addGetListUpdate();
    void refusesBadInput();
    void trashRestoreAndPurgeAfterSevenDays();
    void persistsAcrossReopen();
};

namespace {

constexpr qint64 kDay = 86'400'000;

Dashboard makeDashboard(const QString &name, const QString &project = {}, int position = 0)
{
    Dashboard d;
    d.name = name;
    d.project = project;
    d.position = position;
    d.spec.title = name;
    PanelSpec panel;
    panel.id = QStringLiteral("p1");
    panel.type = PanelType::Stat;
    panel.title = QStringLiteral("Orders");
    panel.rect = {0, 0, 6, 4};
    PanelQuery query;
    query.metric = QStringLiteral("shop.orders");
    query.aggregation = storage::Aggregation::Sum;
    panel.queries = {query};
    panel.thresholds = {{0, QStringLiteral("#C62828")}, {100, QStringLiteral("#2E7D32")}};
    d.spec.panels = {panel};
    return d;
}

storage::Project project(const QString &name)
{
    storage::Project p;
    p.name = name;
    return p;
}

} // namespace

void tst_DashboardRepository::addGetListUpdate()
{
    test::TempWorkspace ws;
    auto store = ws.create();
    QVERIFY(store);
    test::FakeClock clock;
    QVERIFY(store->projects().add(project(QStringLiteral("shop")), clock.nowMs()));
    QVERIFY(store->projects().add(project(QStringLiteral("blog")), clock.nowMs()));
    DashboardRepository repo(store->database());

    auto overview = repo.add(makeDashboard(QStringLiteral("Overview"), {}, 2), clock.nowMs());
    QVERIFY2(overview, overview ? "" : qPrintable(overview.error().userMessage));
    QVERIFY(overview->id > 0);
    QVERIFY(!overview->uuid.isEmpty());
    QCOMPARE(overview->createdMs, clock.nowMs());
    QCOMPARE(overview->updatedMs, clock.nowMs());
    auto shop = repo.add(makeDashboard(QStringLiteral("Shop"), QStringLiteral("shop"), 1), clock.nowMs());
    QVERIFY(shop);
    Dashboard withUuid = makeDashboard(QStringLiteral("Imported"), {}, 3);
    withUuid.uuid = QStringLiteral("0f5c1c6e-0000-4000-8000-000000000001");
    auto imported = repo.add(withUuid, clock.nowMs());
    QVERIFY(imported);
    QCOMPARE(imported->uuid, withUuid.uuid);
    QVERIFY(!repo.add(withUuid, clock.nowMs())); // the same identity twice

    // Listed by position.
    auto all = repo.list();
    QVERIFY(all);
    QCOMPARE(all->size(), 3);
    QCOMPARE(all->at(0).name, QStringLiteral("Shop"));
    QCOMPARE(all->at(0).project, QStringLiteral("shop"));
    QCOMPARE(all->at(1).name, QStringLiteral("Overview"));
    QCOMPARE(all->at(1).project, QString());
    QCOMPARE(all->at(2).name, QStringLiteral("Imported"));

    auto got = repo.get(overview->id);
    QVERIFY(got);
    QCOMPARE(got->spec, overview->spec);
    QCOMPARE(got->uuid, overview->uuid);

    // Update: name, project, position and spec; the update time moves, the creation time stays.
    clock.advance(5000);
    Dashboard changed = got.value();
    changed.name = QStringLiteral("Blog overview");
    changed.project = QStringLiteral("blog");
    changed.position = 0;
    PanelSpec second = changed.spec.panels.first();
    second.id = QStringLiteral("p2");
    second.type = PanelType::Line;
    second.rect = {6, 0, 18, 8};
    changed.spec.panels.append(second);
    QVERIFY(repo.update(changed, clock.nowMs()));
    got = repo.get(overview->id);
    QCOMPARE(got->name, QStringLiteral("Blog overview"));
    QCOMPARE(got->project, QStringLiteral("blog"));
    QCOMPARE(got->spec, changed.spec);
    QCOMPARE(got->createdMs, overview->createdMs);
    QCOMPARE(got->updatedMs, clock.nowMs());
    QCOMPARE(repo.list()->first().id, overview->id);

    // Back to workspace-wide.
    changed.project.clear();
    QVERIFY(repo.update(changed, clock.nowMs()));
    QCOMPARE(repo.get(overview->id)->project, QString());
}

void tst_DashboardRepository::refusesBadInput()
{
    test::TempWorkspace ws;
    auto store = ws.create();
    QVERIFY(store);
    DashboardRepository repo(store->database());

    auto noProject = repo.add(makeDashboard(QStringLiteral("X"), QStringLiteral("nowhere")), 0);
    QVERIFY(!noProject);
    QVERIFY(noProject.error().code == Error::Code::NotFound);
    QVERIFY(noProject.error().userMessage.contains(QStringLiteral("nowhere")));

    QVERIFY(!repo.add(makeDashboard(QString()), 0));

    Dashboard overlapping = makeDashboard(QStringLiteral("Broken"));
    PanelSpec twin = overlapping.spec.panels.first();
    twin.id = QStringLiteral("p2");
    overlapping.spec.panels.append(twin);
    auto refused = repo.add(overlapping, 0);
    QVERIFY(!refused);
    QVERIFY2(refused.error().userMessage.contains(QStringLiteral("overlaps")), qPrintable(refused.error().userMessage));

    auto good = repo.add(makeDashboard(QStringLiteral("Good")), 0);
    QVERIFY(good);
    Dashboard broken = good.value();
    broken.spec.panels.first().rect.w = 30;
    QVERIFY(!repo.update(broken, 1));
    QCOMPARE(repo.get(good->id)->spec, good->spec); // unchanged
    Dashboard missing = good.value();
    missing.id = 999;
    QVERIFY(repo.update(missing, 1).error().code == Error::Code::NotFound);
    QCOMPARE(repo.list()->size(), 1);
}

void tst_DashboardRepository::trashRestoreAndPurgeAfterSevenDays()
{
    test::TempWorkspace ws;
    auto store = ws.create();
    QVERIFY(store);
    test::FakeClock clock;
    store->setClock(clock);
    DashboardRepository repo(store->database());
    auto keep = repo.add(makeDashboard(QStringLiteral("Keep")), clock.nowMs());
    auto trash = repo.add(makeDashboard(QStringLiteral("Trash")), clock.nowMs());
    QVERIFY(keep && trash);

    QVERIFY(repo.remove(trash->id, clock.nowMs()));
    QCOMPARE(repo.list()->size(), 1);
    QVERIFY(!repo.get(trash->id));
    auto withTrash = repo.list(true);
    QCOMPARE(withTrash->size(), 2);
    QCOMPARE(withTrash->at(1).deletedMs, clock.nowMs());
    QVERIFY(!repo.remove(trash->id, clock.nowMs())); // already there
    Dashboard edited = trash.value();
    edited.name = QStringLiteral("Edited in the trash");
    QVERIFY(!repo.update(edited, clock.nowMs()));

    QVERIFY(repo.restore(trash->id));
    QCOMPARE(repo.list()->size(), 2);
    QVERIFY(!repo.restore(trash->id)); // not in the trash

    const qint64 removedAt = clock.nowMs();
    QVERIFY(repo.remove(trash->id, removedAt));
    clock.set(removedAt + DashboardRepository::kTrashDays * kDay - 1);
    QVERIFY(repo.purgeExpired(clock.nowMs()));
    QCOMPARE(repo.list(true)->size(), 2); // one millisecond short of seven days: still recoverable
    clock.set(removedAt + DashboardRepository::kTrashDays * kDay);
    QVERIFY(repo.purgeExpired(clock.nowMs()));
    QCOMPARE(repo.list(true)->size(), 1);
    QCOMPARE(repo.list(true)->first().id, keep->id);
    QVERIFY(!repo.restore(trash->id)); // gone for good
}

void tst_DashboardRepository::persistsAcrossReopen()
{
    test::TempWorkspace ws;
    Dashboard added;
    {
        auto store = ws.create();
        QVERIFY(store);
        QVERIFY(store->projects().add(project(QStringLiteral("shop")), 1000));
        DashboardRepository repo(store->database());
        auto result = repo.add(makeDashboard(QStringLiteral("Shop"), QStringLiteral("shop"), 4), 1000);
        QVERIFY(result);
        added = result.value();
        auto trashed = repo.add(makeDashboard(QStringLiteral("Trashed")), 1000);
        QVERIFY(trashed);
        QVERIFY(repo.remove(trashed->id, 2000));
    }
    auto store = ws.open();
    QVERIFY(store);
    DashboardRepository repo(store->database());
    auto got = repo.get(added.id);
    QVERIFY(got);
    QCOMPARE(got->name, added.name);
    QCOMPARE(got->uuid, added.uuid);
    QCOMPARE(got->project, QStringLiteral("shop"));
    QCOMPARE(got->position, 4);
    QCOMPARE(got->spec, added.spec);
    QCOMPARE(got->createdMs, 1000);
    QCOMPARE(repo.list()->size(), 1);
    QCOMPARE(repo.list(true)->size(), 2);
    QCOMPARE(repo.list(true)->at(0).name, QStringLiteral("Trashed")); // position 0 before position 4
    QCOMPARE(repo.list(true)->at(0).deletedMs, 2000);
}

QTEST_GUILESS_MAIN(tst_DashboardRepository)
#include "tst_dashboardrepository.moc"
