// The dashboard screen on the offscreen platform: every panel type on real store data, drag-and-drop with
// snapping and undo, resizing, the panel palette, removal, time ranges, and persistence across a reopen.
#include "dashboard/chartpanels.h"
#include "darkpalette.h"
#include "timeserieschartview.h"
#include "dashboard/dashboardcanvas.h"
#include "dashboard/dashboardview.h"
#include "dashboard/gaugepanel.h"
#include "dashboard/paneleditordialog.h"
#include "dashboard/paneltablemodel.h"
#include "dashboard/panelwidget.h"
#include "dashboard/statpanel.h"
#include "dashboard/statuspanel.h"
#include "storejob.h"
#include "dashboard/tablepanel.h"
#include "tempworkspace.h"
#include "dashboard/topnpanel.h"

#include "dashboard/dashboardrepository.h"
#include "secrets/keyfile.h"
#include "storage/metricstore.h"
#include "storage/storeservice.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QLineEdit>
#include <QPainter>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStyleFactory>
#include <QTest>
#include <QUndoStack>

#include <cmath>
#include <memory>

using namespace stackscope;
using namespace stackscope::app;
using dashboard::GridRect;
using dashboard::PanelSpec;
using dashboard::PanelType;
using storage::Aggregation;

Q_DECLARE_METATYPE(stackscope::dashboard::Dashboard)

class tst_Dashboard : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void everyPanelTypeShowsData();
    void everyPanelTypeDarkPalette();
    void dragMovesSnapsAndUndoes();
    void dragOnAFullDashboard();
    void cornerDragResizes();
    void paletteAddsPanelAndEditorSetsItsMetric();
    void removeAndUndo();
    void timeRangeChangeReloads();
    void emptyAndErrorStates();
    void editsPersistAcrossReopen();
    void readOnlyRefusesEdits();

private:
    std::unique_ptr<storage::StoreService> makeService(test::TempWorkspace &ws);
    std::unique_ptr<test::TempWorkspace> m_ws;
    std::unique_ptr<storage::StoreService> m_service;
};

namespace {

constexpr qint64 kStep = 300'000;
constexpr qint64 kDay = 86'400'000;

dashboard::PanelQuery query(const char *metric, Aggregation aggregation = Aggregation::Avg, const char *groupBy = "")
{
    return {QString::fromLatin1(metric), {}, aggregation, QString::fromLatin1(groupBy), {}};
}

PanelSpec panel(const char *id, PanelType type, const char *title, GridRect rect, QList<dashboard::PanelQuery> queries)
{
    PanelSpec p;
    p.id = QString::fromLatin1(id);
    p.type = type;
    p.title = QString::fromLatin1(title);
    p.rect = rect;
    p.queries = std::move(queries);
    return p;
}

// A dashboard with one panel of every type, laid out like a real one.
dashboard::Dashboard everyTypeDashboard()
{
    dashboard::Dashboard d;
    d.name = QStringLiteral("Shop overview");
    d.spec.title = d.name;
    d.spec.refreshSeconds = 0;
    auto &p = d.spec.panels;
    p.append(panel("orders", PanelType::Stat, "Orders", {0, 0, 6, 5}, {query("shop.orders", Aggregation::Sum)}));
    p.append(panel("revenue", PanelType::Stat, "Revenue", {6, 0, 6, 5}, {query("billing.revenue", Aggregation::Sum)}));
    PanelSpec cpu = panel("cpu", PanelType::Gauge, "CPU (avg)", {12, 0, 6, 5}, {query("aws.ec2.cpu_utilization")});
    cpu.thresholds = {{70.0, QStringLiteral("#e0a800")}, {90.0, QStringLiteral("#d4202f")}};
    p.append(cpu);
    PanelSpec latencyStatus = panel("health", PanelType::Status, "Checkout latency", {18, 0, 6, 5},
                                    {{QStringLiteral("api.latency"), {{QStringLiteral("endpoint"), QStringLiteral("/checkout")}},
                                      Aggregation::Avg, {}, {}}});
    latencyStatus.thresholds = {{250.0, QStringLiteral("#e0a800")}, {400.0, QStringLiteral("#d4202f")}};
    p.append(latencyStatus);
    p.append(panel("latency", PanelType::Line, "API latency by endpoint", {0, 5, 12, 8}, {query("api.latency")}));
    PanelSpec area = panel("ordersArea", PanelType::Area, "Orders by country", {12, 5, 12, 8},
                           {query("shop.orders", Aggregation::Sum, "country")});
    area.stacked = true;
    p.append(area);
    PanelSpec bars = panel("ordersBars", PanelType::Bar, "Orders per bucket", {0, 13, 12, 8},
                           {query("shop.orders", Aggregation::Sum, "country")});
    bars.stacked = true;
    p.append(bars);
    PanelSpec pct = panel("pct", PanelType::Percentile, "Latency percentiles", {12, 13, 12, 8}, {query("api.latency")});
    pct.percentiles = {50, 95, 99};
    p.append(pct);
    PanelSpec table = panel("table", PanelType::Table, "Latency per endpoint", {0, 21, 12, 7}, {query("api.latency")});
    table.thresholds = {{300.0, QStringLiteral("#d4202f")}};
    p.append(table);
    PanelSpec top = panel("top", PanelType::TopN, "Top countries", {12, 21, 12, 7},
                          {query("shop.orders", Aggregation::Sum, "country")});
    top.topN = 3;
    p.append(top);
    return d;
}

// Review screenshots, written only when STACKSCOPE_SCREENSHOT_DIR is set.
void saveScreenshot(QWidget &widget, const QString &name, const QPixmap &overlay = {})
{
    const QString dir = qEnvironmentVariable("STACKSCOPE_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    QDir().mkpath(dir);
    QPixmap shot = widget.grab();
    if (!overlay.isNull()) {
        QPainter painter(&shot);
        painter.drawPixmap((shot.width() - overlay.width()) / 2, (shot.height() - overlay.height()) / 3, overlay);
    }
    QVERIFY(shot.save(QDir(dir).filePath(name)));
}


bool waitPainted(DashboardView &view, int timeoutMs = 30'000)
{
    if (view.isAllPainted())
        return true;
    QSignalSpy painted(&view, &DashboardView::panelsPainted);
    return painted.wait(timeoutMs) || view.isAllPainted();
}

GridRect rectOf(const DashboardView &view, const QString &id)
{
    for (const PanelSpec &p : view.dashboard().spec.panels)
        if (p.id == id)
            return p.rect;
    return {-1, -1, -1, -1};
}

// Drags with the left button from `from` to `to` (canvas coordinates) in steps; `midway` runs with the button
// still down, about two thirds of the way.
void drag(DashboardCanvas *canvas, QWidget *pressed, QPoint pressAt, QPoint delta,
          const std::function<void()> &midway = {})
{
    const QPoint start = pressed->mapTo(canvas, pressAt);
    QTest::mousePress(pressed, Qt::LeftButton, {}, pressAt);
    constexpr int kSteps = 6;
    for (int i = 1; i <= kSteps; ++i) {
        QTest::mouseMove(canvas, start + delta * i / kSteps);
        if (i == 4 && midway) {
            // Between cells, so the panel in hand and the snapped target differ.
            QTest::mouseMove(canvas, start + delta * i / kSteps + QPoint(20, 16));
            midway();
        }
    }
    QTest::mouseRelease(canvas, Qt::LeftButton, {}, start + delta);
}

} // namespace

std::unique_ptr<storage::StoreService> tst_Dashboard::makeService(test::TempWorkspace &ws)
{
    auto store = ws.create();
    if (!store)
        return {};
    const qint64 now = QDateTime::currentMSecsSinceEpoch() / kStep * kStep;
    SampleBatch batch;
    const QStringList endpoints{QStringLiteral("/login"), QStringLiteral("/checkout"), QStringLiteral("/search")};
    const QStringList countries{QStringLiteral("US"), QStringLiteral("DE"), QStringLiteral("FR"), QStringLiteral("GB")};
    for (qint64 ts = now - 3 * kDay; ts <= now; ts += kStep) {
        const double phase = 2 * M_PI * double(ts % kDay) / double(kDay);
        const double daily = 1.0 + 0.5 * std::sin(phase);
        for (int e = 0; e < endpoints.size(); ++e) {
            const double jitter = std::fmod(double(ts / kStep) * 7.31 * (e + 1), 37.0);
            batch.append({QStringLiteral("api.latency"), {{QStringLiteral("endpoint"), endpoints.at(e)}}, ts,
                          (80.0 + 90.0 * e) * daily + jitter});
        }
        for (int c = 0; c < countries.size(); ++c)
            batch.append({QStringLiteral("shop.orders"), {{QStringLiteral("country"), countries.at(c)}}, ts,
                          std::round((12.0 - 2.5 * c) * daily)});
        batch.append({QStringLiteral("aws.ec2.cpu_utilization"), {{QStringLiteral("host"), QStringLiteral("web-1")}}, ts,
                      45.0 + 25.0 * std::sin(phase)});
        batch.append({QStringLiteral("billing.revenue"), {}, ts, 18.5 * daily});
        batch.append({QStringLiteral("service.up"), {}, ts, 1.0});
    }
    if (!store->ingest(batch))
        return {};
    for (const auto &[name, unit] : {std::pair{"api.latency", "ms"}, std::pair{"shop.orders", "orders"},
                                     std::pair{"aws.ec2.cpu_utilization", "%"}, std::pair{"billing.revenue", "USD"}})
        if (!store->describeMetric({QString::fromLatin1(name), QString::fromLatin1(unit), MetricKind::Gauge, {}}))
            return {};
    return std::make_unique<storage::StoreService>(std::move(store));
}

void tst_Dashboard::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QLocale::setDefault(QLocale::c());
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QApplication::setPalette(QApplication::style()->standardPalette());
    QVERIFY(secrets::initSodium());
    m_ws = std::make_unique<test::TempWorkspace>();
    QVERIFY(m_ws->isValid());
    m_service = makeService(*m_ws);
    QVERIFY(m_service);
}

void tst_Dashboard::everyPanelTypeShowsData()
{
    DashboardView view(m_service.get());
    view.resize(1440, 1000);
    view.setDashboard(everyTypeDashboard());
    auto *table = qobject_cast<TablePanel *>(view.panelWidget(QStringLiteral("table")));
    QVERIFY(table);
    QAbstractItemModelTester tester(table->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QVERIFY(waitPainted(view));

    for (PanelWidget *p : view.canvas()->panelWidgets()) {
        QVERIFY2(p->hasResult(), qPrintable(p->spec().id));
        QVERIFY2(!p->isShowingError(), qPrintable(p->stateText()));
        QVERIFY2(!p->isShowingEmptyState(), qPrintable(p->spec().id));
    }
    // Single stat: a total in the unit's words and the change against the previous 24h.
    auto *orders = qobject_cast<StatPanel *>(view.panelWidget(QStringLiteral("orders")));
    QVERIFY(orders);
    QVERIFY(!orders->valueText().isEmpty());
    QVERIFY2(orders->deltaText().endsWith(QStringLiteral("vs previous 24h")), qPrintable(orders->deltaText()));
    auto *revenue = qobject_cast<StatPanel *>(view.panelWidget(QStringLiteral("revenue")));
    QVERIFY2(revenue->valueText().startsWith(QLatin1Char('$')), qPrintable(revenue->valueText()));
    // Gauge between 0 and 100 %.
    auto *gauge = qobject_cast<GaugePanel *>(view.panelWidget(QStringLiteral("cpu")));
    QVERIFY(gauge->fraction() > 0.2 && gauge->fraction() < 0.8);
    QVERIFY(gauge->valueText().endsWith(QLatin1Char('%')));
    // The checkout endpoint averages about 170 ms × daily factor: between the thresholds' OK and critical.
    auto *status = qobject_cast<StatusPanel *>(view.panelWidget(QStringLiteral("health")));
    QVERIFY(status->level() != StatusPanel::Level::Unknown);
    // Table: one row per endpoint, values in ms.
    QCOMPARE(table->model()->rowCount(), 3);
    QVERIFY(table->model()->index(0, PanelTableModel::Last).data().toString().endsWith(QStringLiteral("ms")));
    // Top-N: the three largest countries, largest first.
    auto *top = qobject_cast<TopNPanel *>(view.panelWidget(QStringLiteral("top")));
    QCOMPARE(top->labels(), (QStringList{QStringLiteral("US"), QStringLiteral("DE"), QStringLiteral("FR")}));
    // Charts: points asked for by pixel width (never the 864 raw samples of three days per series).
    auto *line = qobject_cast<ChartPanel *>(view.panelWidget(QStringLiteral("latency")));
    QCOMPARE(line->currentData().series.size(), 3);
    QVERIFY(line->currentData().pointCount > 0);
    auto *pct = qobject_cast<ChartPanel *>(view.panelWidget(QStringLiteral("pct")));
    QCOMPARE(pct->currentData().series.size(), 3);
    QCOMPARE(pct->currentData().series.at(2).name, QStringLiteral("p99"));
    QTest::qWait(50);
    saveScreenshot(view, QStringLiteral("dashboard-all-panels.png"));
}

void tst_Dashboard::everyPanelTypeDarkPalette()
{
    const QPalette light = QApplication::palette();
    QApplication::setPalette(test::darkPalette());
    {
        DashboardView view(m_service.get());
        view.resize(1440, 1000);
        view.setDashboard(everyTypeDashboard());
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QVERIFY(waitPainted(view));
        QTest::qWait(50);
        saveScreenshot(view, QStringLiteral("dashboard-all-panels-dark.png"));
        for (PanelWidget *p : view.canvas()->panelWidgets())
            QVERIFY(!p->isShowingError());
    }
    QApplication::setPalette(light);
}

void tst_Dashboard::dragMovesSnapsAndUndoes()
{
    dashboard::Dashboard d;
    d.name = QStringLiteral("Drag");
    d.spec.refreshSeconds = 0;
    d.spec.panels = {panel("A", PanelType::Line, "Latency", {0, 0, 12, 6}, {query("api.latency")}),
                     panel("B", PanelType::Stat, "Orders", {12, 0, 12, 6}, {query("shop.orders", Aggregation::Sum)}),
                     panel("C", PanelType::Table, "Per endpoint", {0, 6, 24, 6}, {query("api.latency")})};
    DashboardView view(nullptr == m_service.get() ? nullptr : m_service.get());
    view.setSaveDelay(60'000);
    view.resize(1200, 800);
    view.setDashboard(d);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QVERIFY(waitPainted(view));
    view.setEditing(true);
    QVERIFY(view.isEditing());

    DashboardCanvas *canvas = view.canvas();
    PanelWidget *a = view.panelWidget(QStringLiteral("A"));
    const QPoint header(60, 14);
    QCOMPARE(a->handleAt(header), PanelWidget::Handle::Move);
    // Drag A by the header to the right half, a little off the column edge: it snaps to column 12.
    const int dx = canvas->cellRect({12, 0, 12, 6}).x() - canvas->cellRect({0, 0, 12, 6}).x() + 9;
    bool sawPreview = false;
    drag(canvas, a, header, QPoint(dx, 5), [&] {
        sawPreview = canvas->isDragging() && canvas->dropPreview().has_value();
        QVERIFY(canvas->dropPreview()->x > 0);
        saveScreenshot(view, QStringLiteral("dashboard-editor-mid-drag-small.png"));
    });
    QVERIFY(sawPreview);
    QVERIFY(!canvas->isDragging());
    QCOMPARE(rectOf(view, QStringLiteral("A")), (GridRect{12, 0, 12, 6}));
    QCOMPARE(rectOf(view, QStringLiteral("B")), (GridRect{12, 6, 12, 6}));   // pushed down
    QCOMPARE(rectOf(view, QStringLiteral("C")), (GridRect{0, 12, 24, 6}));
    QCOMPARE(a->geometry(), canvas->cellRect({12, 0, 12, 6}));                // snapped to the cells
    QCOMPARE(view.undoStack()->count(), 1);
    QVERIFY(view.hasUnsavedChanges());

    // Undo by keyboard while the dashboard has focus; redo with Ctrl+Shift+Z.
    view.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&view));
    canvas->setFocus();
    QTest::keyClick(canvas, Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(rectOf(view, QStringLiteral("A")), (GridRect{0, 0, 12, 6}));
    QCOMPARE(rectOf(view, QStringLiteral("B")), (GridRect{12, 0, 12, 6}));
    QCOMPARE(rectOf(view, QStringLiteral("C")), (GridRect{0, 6, 24, 6}));
    QCOMPARE(a->geometry(), canvas->cellRect({0, 0, 12, 6}));
    QTest::keyClick(canvas, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(rectOf(view, QStringLiteral("A")), (GridRect{12, 0, 12, 6}));
    view.undoStack()->undo();
    QCOMPARE(rectOf(view, QStringLiteral("A")), (GridRect{0, 0, 12, 6}));

    // A drag that ends where it started is no edit; Escape cancels a drag.
    drag(canvas, a, header, QPoint(3, 2));
    QCOMPARE(view.undoStack()->index(), 0);
}

void tst_Dashboard::dragOnAFullDashboard()
{
    DashboardView view(m_service.get());
    view.setSaveDelay(60'000);
    view.resize(1440, 1000);
    view.setDashboard(everyTypeDashboard());
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QVERIFY(waitPainted(view));
    view.setEditing(true);
    DashboardCanvas *canvas = view.canvas();
    PanelWidget *gauge = view.panelWidget(QStringLiteral("cpu"));
    const int dx = canvas->cellRect({6, 0, 6, 5}).x() - canvas->cellRect({12, 0, 6, 5}).x();
    QWidget *outline = canvas->findChild<QWidget *>(QStringLiteral("dropPreview"));
    QVERIFY(outline);
    drag(canvas, gauge, QPoint(50, 14), QPoint(dx, 0), [&] {
        QVERIFY(outline->isVisible());
        QCOMPARE(outline->geometry(), canvas->cellRect(*canvas->dropPreview()));
        QVERIFY(gauge->geometry() != outline->geometry());   // the panel follows the mouse, the outline snaps
        saveScreenshot(view, QStringLiteral("dashboard-editor-mid-drag.png"));
    });
    QVERIFY(!outline->isVisible());
    QCOMPARE(rectOf(view, QStringLiteral("cpu")), (GridRect{6, 0, 6, 5}));
    const auto panels = view.dashboard().spec.panels;
    for (qsizetype i = 0; i < panels.size(); ++i)
        for (qsizetype j = i + 1; j < panels.size(); ++j)
            QVERIFY2(!(panels.at(i).rect.x < panels.at(j).rect.x + panels.at(j).rect.w
                       && panels.at(j).rect.x < panels.at(i).rect.x + panels.at(i).rect.w
                       && panels.at(i).rect.y < panels.at(j).rect.y + panels.at(j).rect.h
                       && panels.at(j).rect.y < panels.at(i).rect.y + panels.at(i).rect.h),
                     qPrintable(panels.at(i).id + QLatin1Char('/') + panels.at(j).id));
    view.undoStack()->undo();
    QCOMPARE(view.dashboard().spec.panels, everyTypeDashboard().spec.panels);
}

void tst_Dashboard::cornerDragResizes()
{
    dashboard::Dashboard d;
    d.spec.refreshSeconds = 0;
    d.spec.panels = {panel("A", PanelType::Gauge, "CPU", {0, 0, 12, 6}, {query("aws.ec2.cpu_utilization")}),
                     panel("B", PanelType::Stat, "Orders", {12, 0, 12, 6}, {query("shop.orders", Aggregation::Sum)})};
    DashboardView view(m_service.get());
    view.setSaveDelay(60'000);
    view.resize(1200, 800);
    view.setDashboard(d);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QVERIFY(waitPainted(view));
    view.setEditing(true);
    DashboardCanvas *canvas = view.canvas();
    PanelWidget *a = view.panelWidget(QStringLiteral("A"));
    const QPoint corner(a->width() - 5, a->height() - 5);
    QCOMPARE(a->handleAt(corner), PanelWidget::Handle::Resize);
    const double pitchX = canvas->columnWidth() + DashboardCanvas::kGap;
    const int pitchY = DashboardCanvas::kRowHeight + DashboardCanvas::kGap;
    drag(canvas, a, corner, QPoint(int(3 * pitchX) + 4, 2 * pitchY - 6));
    QCOMPARE(rectOf(view, QStringLiteral("A")), (GridRect{0, 0, 15, 8}));
    QCOMPARE(rectOf(view, QStringLiteral("B")), (GridRect{12, 8, 12, 6}));   // made room below
    QCOMPARE(a->geometry(), canvas->cellRect({0, 0, 15, 8}));
    QCOMPARE(view.undoStack()->undoText(), QStringLiteral("Resize panel"));
    view.undoStack()->undo();
    QCOMPARE(rectOf(view, QStringLiteral("A")), (GridRect{0, 0, 12, 6}));
    QCOMPARE(rectOf(view, QStringLiteral("B")), (GridRect{12, 0, 12, 6}));
}

void tst_Dashboard::paletteAddsPanelAndEditorSetsItsMetric()
{
    dashboard::Dashboard d;
    d.spec.refreshSeconds = 0;
    d.spec.panels = {panel("A", PanelType::Line, "Latency", {0, 0, 12, 6}, {query("api.latency")})};
    DashboardView view(m_service.get());
    view.setSaveDelay(60'000);
    view.resize(1200, 800);
    view.setDashboard(d);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QVERIFY(waitPainted(view));
    view.setEditing(true);

    auto *add = view.findChild<QAction *>(QStringLiteral("addPanel_stat"));
    QVERIFY(add);
    add->trigger();
    QCOMPARE(view.dashboard().spec.panels.size(), 2);
    const PanelSpec added = view.dashboard().spec.panels.constLast();
    QCOMPARE(added.type, PanelType::Stat);
    QCOMPARE(added.rect, (GridRect{12, 0, 6, 4}));                         // the first free space
    QVERIFY(view.panelWidget(added.id));

    // The editor opened on the new panel; pick a metric from the store's list and apply.
    PanelEditorDialog *editor = nullptr;
    QTRY_VERIFY((editor = view.findChild<PanelEditorDialog *>()) != nullptr && editor->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(editor->knownMetrics().contains(QStringLiteral("shop.orders")), 20'000);
    auto *metric = editor->findChild<QComboBox *>(QStringLiteral("panelMetric"));
    metric->setEditText(QStringLiteral("shop.orders"));
    editor->findChild<QLineEdit *>(QStringLiteral("panelTitleEdit"))->setText(QStringLiteral("Orders today"));
    auto *aggregation = editor->findChild<QComboBox *>(QStringLiteral("panelAggregation"));
    aggregation->setCurrentIndex(aggregation->findData(int(Aggregation::Sum)));
    QTRY_VERIFY_WITH_TIMEOUT(editor->preview() && !editor->preview()->spec().queries.isEmpty()
                                 && qobject_cast<StatPanel *>(editor->preview())
                                 && !qobject_cast<StatPanel *>(editor->preview())->valueText().isEmpty(),
                             20'000);
    saveScreenshot(view, QStringLiteral("dashboard-panel-editor.png"), editor->grab());
    editor->accept();

    QCOMPARE(view.undoStack()->count(), 2);   // add, edit
    const PanelSpec edited = view.dashboard().spec.panels.constLast();
    QCOMPARE(edited.title, QStringLiteral("Orders today"));
    QCOMPARE(edited.queries.size(), 1);
    QCOMPARE(edited.queries.constFirst().metric, QStringLiteral("shop.orders"));
    QCOMPARE(edited.queries.constFirst().aggregation, Aggregation::Sum);
    auto *stat = qobject_cast<StatPanel *>(view.panelWidget(added.id));
    QTRY_VERIFY_WITH_TIMEOUT(!stat->valueText().isEmpty(), 20'000);

    // Programmatic add (the explorer's "add to dashboard") goes under the first row when it is full width.
    PanelSpec wide = panel("W", PanelType::Area, "Orders", {0, 0, 24, 5}, {query("shop.orders", Aggregation::Sum)});
    view.addPanel(wide);
    QCOMPARE(rectOf(view, QStringLiteral("W")), (GridRect{0, 6, 24, 5}));
    view.undoStack()->undo();
    view.undoStack()->undo();
    view.undoStack()->undo();
    QCOMPARE(view.dashboard().spec.panels.size(), 1);
    QVERIFY(!view.panelWidget(added.id));
}

void tst_Dashboard::removeAndUndo()
{
    DashboardView view(m_service.get());
    view.setSaveDelay(60'000);
    view.resize(1440, 1000);
    view.setDashboard(everyTypeDashboard());
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QVERIFY(waitPainted(view));
    const qsizetype count = view.dashboard().spec.panels.size();
    const GridRect before = rectOf(view, QStringLiteral("pct"));

    PanelWidget *gauge = view.panelWidget(QStringLiteral("cpu"));
    auto *remove = gauge->findChild<QAction *>(QStringLiteral("panelRemoveAction"));
    QVERIFY(remove);
    remove->trigger();
    QCOMPARE(view.dashboard().spec.panels.size(), count - 1);
    QTRY_VERIFY(!view.panelWidget(QStringLiteral("cpu")));
    QCOMPARE(view.undoStack()->undoText(), QStringLiteral("Remove panel"));

    view.undoStack()->undo();
    QCOMPARE(view.dashboard().spec.panels.size(), count);
    QCOMPARE(rectOf(view, QStringLiteral("cpu")), (GridRect{12, 0, 6, 5}));
    QCOMPARE(rectOf(view, QStringLiteral("pct")), before);
    auto *restored = qobject_cast<GaugePanel *>(view.panelWidget(QStringLiteral("cpu")));
    QVERIFY(restored);
    QTRY_VERIFY_WITH_TIMEOUT(restored->hasResult() && !restored->isShowingError(), 20'000);
    QVERIFY(restored->fraction() > 0.0);

    // Duplicate places a copy in the first free space.
    gauge = view.panelWidget(QStringLiteral("cpu"));
    gauge->findChild<QAction *>(QStringLiteral("panelDuplicateAction"))->trigger();
    QCOMPARE(view.dashboard().spec.panels.size(), count + 1);
    QCOMPARE(view.dashboard().spec.panels.constLast().type, PanelType::Gauge);
    QVERIFY(view.dashboard().spec.panels.constLast().id != QStringLiteral("cpu"));

    // "Alert on this…" hands the panel to whoever creates alert rules.
    QSignalSpy alert(&view, &DashboardView::alertRequested);
    view.panelWidget(QStringLiteral("latency"))->findChild<QAction *>(QStringLiteral("panelAlertAction"))->trigger();
    QCOMPARE(alert.size(), 1);
    QCOMPARE(alert.at(0).at(0).value<PanelSpec>().id, QStringLiteral("latency"));
}

void tst_Dashboard::timeRangeChangeReloads()
{
    DashboardView view(m_service.get());
    view.resize(1440, 1000);
    view.setDashboard(everyTypeDashboard());
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QVERIFY(waitPainted(view));
    auto *line = qobject_cast<ChartPanel *>(view.panelWidget(QStringLiteral("latency")));
    QCOMPARE(line->currentData().toMs - line->currentData().fromMs, 24 * 3'600'000LL);
    const qint64 issued = view.queriesIssued();

    QSignalSpy painted(&view, &DashboardView::panelsPainted);
    view.setTimeRange(TimeRange::last(3'600'000));
    QVERIFY(painted.wait(30'000));
    QVERIFY(view.queriesIssued() > issued);
    QCOMPARE(line->currentData().toMs - line->currentData().fromMs, 3'600'000LL);
    QCOMPARE(line->chart()->toMs() - line->chart()->fromMs(), 3'600'000LL);
    auto *stat = qobject_cast<StatPanel *>(view.panelWidget(QStringLiteral("orders")));
    QVERIFY(stat->deltaText().endsWith(QStringLiteral("vs previous 1h")));

    // A refresh overtaken by another: only the newer range ends up on screen.
    view.setTimeRange(TimeRange::last(2 * 3'600'000));
    view.refresh();
    TimeRange compared = TimeRange::last(36 * 3'600'000LL);
    compared.compare = true;
    view.setTimeRange(compared);
    view.refresh();
    QVERIFY(waitPainted(view));
    QTRY_COMPARE(line->currentData().toMs - line->currentData().fromMs, 36 * 3'600'000LL);
    QVERIFY(!line->currentData().previous.isEmpty());               // compare: the previous 36 hours, shifted
    QVERIFY2(line->currentData().previous.constFirst().points.constFirst().x()
                 >= double(line->currentData().fromMs - line->currentData().stepMs),
             qPrintable(QStringLiteral("first previous point at %1, range from %2, step %3")
                            .arg(qint64(line->currentData().previous.constFirst().points.constFirst().x()))
                            .arg(line->currentData().fromMs)
                            .arg(line->currentData().stepMs)));

    // A fixed range (after a zoom) is loaded as it is.
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    view.setTimeRange(TimeRange::fixed(now - 6 * 3'600'000LL, now - 3'600'000LL));
    QTRY_COMPARE_WITH_TIMEOUT(line->currentData().toMs, now - 3'600'000LL, 30'000);
    QCOMPARE(line->currentData().fromMs, now - 6 * 3'600'000LL);
}

void tst_Dashboard::emptyAndErrorStates()
{
    dashboard::Dashboard d;
    d.spec.refreshSeconds = 0;
    d.spec.panels = {panel("none", PanelType::Line, "Nothing here", {0, 0, 12, 6}, {query("no.such.metric")}),
                     panel("blank", PanelType::Stat, "", {12, 0, 6, 4}, {})};
    DashboardView view(m_service.get());
    view.resize(1000, 600);
    view.setDashboard(d);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QVERIFY(waitPainted(view));
    PanelWidget *none = view.panelWidget(QStringLiteral("none"));
    QVERIFY(none->isShowingEmptyState());
    QCOMPARE(none->stateText(), QStringLiteral("No data in this range"));
    QVERIFY(view.panelWidget(QStringLiteral("blank"))->stateText().contains(QStringLiteral("No metric chosen")));
}

void tst_Dashboard::editsPersistAcrossReopen()
{
    test::TempWorkspace ws;
    auto service = makeService(ws);
    QVERIFY(service);
    dashboard::Dashboard d;
    d.name = QStringLiteral("Mine");
    d.spec.refreshSeconds = 0;
    d.spec.panels = {panel("A", PanelType::Line, "Latency", {0, 0, 12, 6}, {query("api.latency")}),
                     panel("B", PanelType::Stat, "Orders", {12, 0, 12, 6}, {query("shop.orders", Aggregation::Sum)})};
    dashboard::Dashboard saved;
    {
        DashboardView view(service.get());
        view.setSaveDelay(50);
        view.resize(1200, 800);
        view.setDashboard(d);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QVERIFY(waitPainted(view));
        view.setEditing(true);
        QSignalSpy savedSpy(&view, &DashboardView::dashboardSaved);
        PanelWidget *a = view.panelWidget(QStringLiteral("A"));
        const QPoint corner(a->width() - 5, a->height() - 5);
        drag(view.canvas(), a, corner, QPoint(0, 2 * (DashboardCanvas::kRowHeight + DashboardCanvas::kGap)));
        QCOMPARE(rectOf(view, QStringLiteral("A")), (GridRect{0, 0, 12, 8}));
        view.addPanel(panel("C", PanelType::TopN, "Top", {0, 0, 8, 6}, {query("shop.orders", Aggregation::Sum, "country")}));
        QVERIFY(savedSpy.wait(20'000));
        if (savedSpy.size() < 2 && view.hasUnsavedChanges())
            QVERIFY(savedSpy.wait(20'000));
        saved = savedSpy.constLast().at(0).value<dashboard::Dashboard>();
        QVERIFY(saved.id > 0);
        QCOMPARE(view.dashboard().id, saved.id);
        QCOMPARE(saved.spec.panels, view.dashboard().spec.panels);
    }
    service.reset(); // finishes every queued job, closes the database

    auto reopened = ws.open();
    QVERIFY(reopened);
    auto service2 = std::make_unique<storage::StoreService>(std::move(reopened));
    QList<dashboard::Dashboard> stored;
    bool done = false;
    QObject context;
    runStoreJob<QList<dashboard::Dashboard>>(
        *service2, &context,
        [](storage::MetricStore &store) { return dashboard::DashboardRepository(store.database()).list(); },
        [&](Result<QList<dashboard::Dashboard>> list) {
            QVERIFY(list.ok());
            stored = list.value();
            done = true;
        });
    QTRY_VERIFY_WITH_TIMEOUT(done, 20'000);
    QCOMPARE(stored.size(), 1);
    QCOMPARE(stored.constFirst().name, QStringLiteral("Mine"));

    DashboardView again(service2.get());
    again.resize(1200, 800);
    again.setDashboard(stored.constFirst());
    again.show();
    QVERIFY(QTest::qWaitForWindowExposed(&again));
    QVERIFY(waitPainted(again));
    QCOMPARE(again.dashboard().spec.panels, saved.spec.panels);
    QCOMPARE(rectOf(again, QStringLiteral("A")), (GridRect{0, 0, 12, 8}));
    QCOMPARE(again.canvas()->panelWidgets().size(), 3);
    QCOMPARE(again.panelWidget(QStringLiteral("A"))->geometry(), again.canvas()->cellRect({0, 0, 12, 8}));
}

void tst_Dashboard::readOnlyRefusesEdits()
{
    DashboardView view(m_service.get());
    view.setReadOnly(true);
    dashboard::Dashboard d;
    d.spec.refreshSeconds = 0;
    d.spec.panels = {panel("A", PanelType::Line, "Latency", {0, 0, 12, 6}, {query("api.latency")})};
    view.setDashboard(d);
    view.setEditing(true);
    QVERIFY(!view.isEditing());
    view.addPanel(panel("B", PanelType::Stat, "Orders", {0, 0, 6, 4}, {query("shop.orders")}));
    QCOMPARE(view.dashboard().spec.panels.size(), 1);
    QCOMPARE(view.undoStack()->count(), 0);
    QVERIFY(!view.hasUnsavedChanges());
    QVERIFY(!view.panelWidget(QStringLiteral("A"))->findChild<QAction *>(QStringLiteral("panelRemoveAction"))->isVisible());
}

QTEST_MAIN(tst_Dashboard)
#include "tst_dashboard.moc"
