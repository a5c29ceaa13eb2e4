#include "explorer/catalogfiltermodel.h"
#include "darkpalette.h"
#include "explorer/catalogtreemodel.h"
#include "explorer/explorerplot.h"
#include "explorer/explorerquery.h"
#include "explorer/explorerview.h"
#include "explorer/labelfilterbar.h"
#include "explorer/metricinfopane.h"
#include "serieslistmodel.h"
#include "tempworkspace.h"
#include "timeserieschartview.h"

#include "demo/demodata.h"
#include "storage/storeservice.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QSet>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>
#include <QTreeView>

#include <memory>

using namespace stackscope;
using namespace stackscope::app;
using NodeKind = CatalogTreeModel::NodeKind;

namespace {

constexpr qint64 kStep = 300'000;     // five-minute samples ...
constexpr int kSamples = 36;          // ... over the last three hours

const QString kShop = QStringLiteral("shop");
const QString kPlatform = QStringLiteral("platform");
const QString kTwilio = QStringLiteral("Twilio — production");
const QString kSendGrid = QStringLiteral("SendGrid — transactional");
const QString kApi = QStringLiteral("API — Prometheus");
const QString kFleet = QStringLiteral("Fleet");

Labels labels(const QString &project, const QString &service, const Labels &extra = {})
{
    Labels l = extra;
    l.insert(QStringLiteral("project"), project);
    l.insert(QStringLiteral("service"), service);
    return l;
}

void addSeries(SampleBatch &batch, qint64 now, const QString &metric, const Labels &l, double value)
{
    const qint64 last = now - now % kStep;
    for (int i = 0; i < kSamples; ++i)
        batch.append(MetricSample{metric, l, last - i * kStep, value + (i % 3)});
}

// Every (visible) node's display path, "project/service/metric[/series]", in tree order.
QStringList visiblePaths(const QAbstractItemModel *model, const QModelIndex &parent = {}, const QString &prefix = {})
{
    QStringList paths;
    for (int row = 0; row < model->rowCount(parent); ++row) {
        const QModelIndex index = model->index(row, 0, parent);
        const QString path = prefix.isEmpty() ? index.data().toString() : prefix + QLatin1Char('/') + index.data().toString();
        paths.append(path);
        paths += visiblePaths(model, index, path);
    }
    return paths;
}

// The paths of the leaves (series, or single-series metrics).
QStringList visibleLeaves(const QAbstractItemModel *model)
{
    QStringList leaves;
    const QStringList paths = visiblePaths(model);
    for (const QString &path : paths) {
        bool isPrefix = false;
        for (const QString &other : paths)
            if (other.startsWith(path + QLatin1Char('/')))
                isPrefix = true;
        if (!isPrefix && path.count(QLatin1Char('/')) >= 2)
            leaves.append(path);
    }
    return leaves;
}

QStringList lineNames(const charts::TimeSeriesChartView *chart)
{
    QStringList names;
    for (const charts::ChartSeries &s : chart->series())
        names.append(s.name);
    return names;
}

} // namespace

class tst_Explorer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void catalogueTreeAndCounts();
    void searchNarrowsInContext_data();
    void searchNarrowsInContext();
    void selectingMetricPlotsItsSeries();
    void manySeriesAreCapped();
    void selectingSeriesPlotsOne();
    void labelChipFilters();
    void aggregationChoiceRequeries();
    void addToDashboardEmitsPanelSpec();
    void rangeChangeRequeries();
    void staleResultsAreDropped();
    void dragOnChartRequestsZoom();
    void reloadKeepsSelectionAndAddsNewNodes();
    void demoWorkspaceAndScreenshots();
    void queryHelpers();

private:
    std::unique_ptr<ExplorerView> makeView();

    test::TempWorkspace m_workspace;
    std::unique_ptr<storage::StoreService> m_store;
    std::unique_ptr<ExplorerView> m_view;
    std::unique_ptr<QAbstractItemModelTester> m_treeTester;
    std::unique_ptr<QAbstractItemModelTester> m_filterTester;
};

void tst_Explorer::initTestCase()
{
    QVERIFY(m_workspace.isValid());
    auto store = m_workspace.create();
    QVERIFY(store);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    SampleBatch batch;
    const QStringList countries{QStringLiteral("DE"), QStringLiteral("FR"), QStringLiteral("US")};
    for (int i = 0; i < countries.size(); ++i) {
        const Labels l = labels(kShop, kTwilio, {{QStringLiteral("country"), countries[i]}});
        addSeries(batch, now, QStringLiteral("twilio.sms.sent"), l, 1000.0 * (i + 1));
        addSeries(batch, now, QStringLiteral("twilio.sms.failed"), l, 10.0 * (i + 1));
    }
    addSeries(batch, now, QStringLiteral("sendgrid.bounced"), labels(kShop, kSendGrid), 4.0);
    for (const QString &code : {QStringLiteral("2xx"), QStringLiteral("5xx")})
        for (const QString &method : {QStringLiteral("GET"), QStringLiteral("POST")})
            addSeries(batch, now, QStringLiteral("http_requests_total"),
                      labels(kPlatform, kApi, {{QStringLiteral("code"), code}, {QStringLiteral("method"), method}}), 50);
    for (int i = 1; i <= 30; ++i)
        addSeries(batch, now, QStringLiteral("node.cpu"),
                  labels(kPlatform, kFleet, {{QStringLiteral("instance"), QStringLiteral("i-%1").arg(i, 2, 10, QLatin1Char('0'))}}),
                  double(i));
    QVERIFY(store->ingest(batch));
    QVERIFY(store->describeMetric(MetricInfo{QStringLiteral("twilio.sms.failed"), QStringLiteral("messages"),
                                             MetricKind::Counter, QStringLiteral("Messages that failed to deliver")}));
    QVERIFY(store->describeMetric(MetricInfo{QStringLiteral("node.cpu"), QStringLiteral("%"), MetricKind::Gauge,
                                             QStringLiteral("CPU use of one instance")}));
    m_store = std::make_unique<storage::StoreService>(std::move(store));
}

std::unique_ptr<ExplorerView> tst_Explorer::makeView()
{
    auto view = std::make_unique<ExplorerView>(m_store.get());
    // Testers before the first listing, so they watch the reset that fills the tree.
    m_treeTester = std::make_unique<QAbstractItemModelTester>(view->catalogueModel(),
                                                              QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_filterTester = std::make_unique<QAbstractItemModelTester>(view->filterModel(),
                                                                QAbstractItemModelTester::FailureReportingMode::QtTest);
    view->resize(1280, 800);
    view->show();
    return view;
}

void tst_Explorer::init()
{
    m_view = makeView();
    QSignalSpy loaded(m_view.get(), &ExplorerView::catalogueLoaded);
    QVERIFY(loaded.wait(20'000));
}

void tst_Explorer::cleanup()
{
    m_treeTester.reset();
    m_filterTester.reset();
    m_view.reset();
}

void tst_Explorer::catalogueTreeAndCounts()
{
    const CatalogTreeModel *model = m_view->catalogueModel();
    QCOMPARE(model->rowCount(), 2);
    const QModelIndex platform = model->index(0, 0);
    const QModelIndex shop = model->index(1, 0);
    QCOMPARE(platform.data().toString(), kPlatform);
    QCOMPARE(shop.data().toString(), kShop);
    QCOMPARE(platform.data(CatalogTreeModel::SeriesCountRole).toInt(), 34);
    QCOMPARE(shop.data(CatalogTreeModel::SeriesCountRole).toInt(), 7);
    QCOMPARE(shop.data(CatalogTreeModel::MetricCountRole).toInt(), 3);
    QCOMPARE(model->index(1, CatalogTreeModel::kCountColumn).data().toString(), QStringLiteral("7"));

    // project → service → metric → series, sorted at each level.
    QCOMPARE(model->rowCount(shop), 2);
    const QModelIndex sendgrid = model->index(0, 0, shop);
    const QModelIndex twilio = model->index(1, 0, shop);
    QCOMPARE(sendgrid.data().toString(), kSendGrid);
    QCOMPARE(twilio.data().toString(), kTwilio);
    QCOMPARE(NodeKind(twilio.data(CatalogTreeModel::KindRole).toInt()), NodeKind::Service);
    QCOMPARE(model->rowCount(twilio), 2);
    const QModelIndex failed = model->index(0, 0, twilio);
    QCOMPARE(failed.data().toString(), QStringLiteral("twilio.sms.failed"));
    QCOMPARE(failed.data(CatalogTreeModel::UnitRole).toString(), QStringLiteral("messages"));
    QCOMPARE(failed.data(CatalogTreeModel::SeriesCountRole).toInt(), 3);
    QCOMPARE(model->rowCount(failed), 3);
    QCOMPARE(model->index(0, 0, failed).data().toString(), QStringLiteral("country=DE"));
    QCOMPARE(NodeKind(model->index(0, 0, failed).data(CatalogTreeModel::KindRole).toInt()), NodeKind::Series);

    // A metric with one unlabelled series is a leaf that stands for that series.
    const QModelIndex bounced = model->index(0, 0, sendgrid);
    QCOMPARE(bounced.data().toString(), QStringLiteral("sendgrid.bounced"));
    QCOMPARE(model->rowCount(bounced), 0);
    QVERIFY(bounced.data(CatalogTreeModel::SeriesIdRole).toLongLong() > 0);

    const QModelIndex fleetCpu = model->index(0, 0, model->index(1, 0, platform));
    QCOMPARE(fleetCpu.data().toString(), QStringLiteral("node.cpu"));
    QCOMPARE(model->rowCount(fleetCpu), 30);

    auto *summary = m_view->findChild<QLabel *>(QStringLiteral("catalogueSummary"));
    QCOMPARE(summary->text(), QStringLiteral("Projects: 2 · metrics: 5 · series: 41"));
    // Projects and services start expanded, metrics closed.
    QVERIFY(m_view->catalogueView()->isExpanded(m_view->filterModel()->mapFromSource(twilio)));
    QVERIFY(!m_view->catalogueView()->isExpanded(m_view->filterModel()->mapFromSource(failed)));
}

void tst_Explorer::searchNarrowsInContext_data()
{
    QTest::addColumn<QString>("search");
    QTest::addColumn<QStringList>("leaves");
    const QString failed = QStringLiteral("shop/Twilio — production/twilio.sms.failed/");
    const QString sent = QStringLiteral("shop/Twilio — production/twilio.sms.sent/");
    QTest::addRow("label value") << QStringLiteral("=de")
                                 << QStringList{failed + QStringLiteral("country=DE"), sent + QStringLiteral("country=DE")};
    QTest::addRow("words are ANDed across levels, any case")
        << QStringLiteral("FAILED  de") << QStringList{failed + QStringLiteral("country=DE")};
    QTest::addRow("a matching metric keeps its series")
        << QStringLiteral("sms.failed")
        << QStringList{failed + QStringLiteral("country=DE"), failed + QStringLiteral("country=FR"),
                       failed + QStringLiteral("country=US")};
    QTest::addRow("project and label")
        << QStringLiteral("platform 5xx")
        << QStringList{QStringLiteral("platform/API — Prometheus/http_requests_total/code=5xx, method=GET"),
                       QStringLiteral("platform/API — Prometheus/http_requests_total/code=5xx, method=POST")};
    QTest::addRow("service") << QStringLiteral("sendgrid")
                             << QStringList{QStringLiteral("shop/SendGrid — transactional/sendgrid.bounced")};
    QTest::addRow("nothing") << QStringLiteral("twilio 5xx") << QStringList{};
}

void tst_Explorer::searchNarrowsInContext()
{
    QFETCH(QString, search);
    QFETCH(QStringList, leaves);
    QTest::keyClicks(m_view->searchBox(), search);
    QCOMPARE(visibleLeaves(m_view->filterModel()), leaves);
    if (search == QStringLiteral("=de")) { // a bare "de" also finds node.cpu and code=…: substrings of names and "key=value"
        m_view->searchBox()->clear();
        QTest::keyClicks(m_view->searchBox(), QStringLiteral("de"));
        QCOMPARE(visibleLeaves(m_view->filterModel()).size(), 2 + 30 + 4); // and code=… of http_requests_total
        m_view->searchBox()->clear();
        QTest::keyClicks(m_view->searchBox(), search);
    }
    // Matches are shown expanded, in their context.
    for (const QString &leaf : leaves) {
        Q_UNUSED(leaf);
        QVERIFY(m_view->catalogueView()->isExpanded(m_view->filterModel()->index(0, 0)));
    }
    auto *summary = m_view->findChild<QLabel *>(QStringLiteral("catalogueSummary"));
    if (leaves.isEmpty())
        QVERIFY(summary->text().startsWith(QStringLiteral("No metric matches")));
    else
        QVERIFY2(summary->text().startsWith(QStringLiteral("Matches: %1 series").arg(leaves.size())),
                 qPrintable(summary->text()));

    // Enter picks the first matching metric.
    QSignalSpy plotted(m_view.get(), &ExplorerView::plotted);
    QTest::keyClick(m_view->searchBox(), Qt::Key_Return);
    if (!leaves.isEmpty()) {
        QVERIFY(plotted.wait(20'000));
        QVERIFY(leaves.first().contains(QLatin1Char('/') + m_view->plot()->target().metric));
    }

    // Clearing the search brings the whole catalogue back.
    m_view->searchBox()->clear();
    QCOMPARE(visibleLeaves(m_view->filterModel()).size(), 41);
}

void tst_Explorer::selectingMetricPlotsItsSeries()
{
    QSignalSpy plotted(m_view.get(), &ExplorerView::plotted);
    QVERIFY(m_view->selectSeries(QStringLiteral("twilio.sms.failed")));
    QVERIFY(plotted.wait(20'000));
    const charts::TimeSeriesChartView *chart = m_view->plot()->chart();
    QCOMPARE(lineNames(chart), (QStringList{QStringLiteral("country=DE"), QStringLiteral("country=FR"),
                                            QStringLiteral("country=US")}));
    QVERIFY(chart->series().first().points.size() >= kSamples - 1);
    QVERIFY(!chart->isShowingEmptyText());
    // A counter defaults to summing within each step.
    QCOMPARE(m_view->plot()->aggregation(), storage::Aggregation::Sum);
    QCOMPARE(m_view->plot()->noteText(), QStringLiteral("Series: 3"));
    QCOMPARE(m_view->findChild<QLabel *>(QStringLiteral("plotTitle"))->text(), QStringLiteral("twilio.sms.failed"));

    const MetricInfoPane *info = m_view->infoPane();
    QCOMPARE(info->unitText(), QStringLiteral("messages"));
    QCOMPARE(info->kindText(), QStringLiteral("Counter (per interval)"));
    QCOMPARE(info->descriptionText(), QStringLiteral("Messages that failed to deliver"));
    QCOMPARE(info->seriesCountText(), QStringLiteral("3"));
    QCOMPARE(info->labelRows(), QStringList{QStringLiteral("country: DE, FR, US")});
    QCOMPARE(m_view->currentKey(), CatalogTreeModel::metricKey(kShop, kTwilio, QStringLiteral("twilio.sms.failed")));

    // A project node plots nothing and says what to do.
    const QModelIndex shop = m_view->filterModel()->index(1, 0);
    m_view->catalogueView()->setCurrentIndex(shop);
    QVERIFY(m_view->plot()->chart()->series().isEmpty());
    QVERIFY(m_view->plot()->chart()->emptyText().contains(kShop));
    QVERIFY(!m_view->findChild<QPushButton *>(QStringLiteral("addToDashboardButton"))->isEnabled());
}

void tst_Explorer::manySeriesAreCapped()
{
    QSignalSpy plotted(m_view.get(), &ExplorerView::plotted);
    QVERIFY(m_view->selectSeries(QStringLiteral("node.cpu")));
    QVERIFY(plotted.wait(20'000));
    const charts::TimeSeriesChartView *chart = m_view->plot()->chart();
    QCOMPARE(chart->series().size(), 20);
    // The largest twenty (i-11 … i-30 carry the values 11 … 30), in label order.
    QCOMPARE(chart->series().first().name, QStringLiteral("instance=i-11"));
    QCOMPARE(chart->series().last().name, QStringLiteral("instance=i-30"));
    QVERIFY2(m_view->plot()->noteText().startsWith(QStringLiteral("Showing 20 of 30 series")),
             qPrintable(m_view->plot()->noteText()));
}

void tst_Explorer::selectingSeriesPlotsOne()
{
    storage::SeriesInfo series;
    series.metric = QStringLiteral("http_requests_total");
    series.labels = labels(kPlatform, kApi, {{QStringLiteral("code"), QStringLiteral("5xx")},
                                             {QStringLiteral("method"), QStringLiteral("POST")}});
    QSignalSpy plotted(m_view.get(), &ExplorerView::plotted);
    QVERIFY(m_view->selectSeries(SeriesListModel::keyOf(series)));
    QVERIFY(plotted.wait(20'000));
    QCOMPARE(m_view->plot()->chart()->series().size(), 1);
    QCOMPARE(m_view->plot()->chart()->series().first().name, QStringLiteral("http_requests_total"));
    QVERIFY(m_view->plot()->target().singleSeries);
    QCOMPARE(m_view->findChild<QLabel *>(QStringLiteral("plotTitle"))->text(),
             QStringLiteral("http_requests_total · code=5xx, method=POST"));
    // A single series has nothing left to filter.
    QVERIFY(m_view->findChild<LabelFilterBar *>()->available().isEmpty());
    // The info pane still describes the whole metric.
    QCOMPARE(m_view->infoPane()->labelRows(),
             (QStringList{QStringLiteral("code: 2xx, 5xx"), QStringLiteral("method: GET, POST")}));

    QVERIFY(!m_view->selectSeries(QStringLiteral("no.such.metric")));
}

void tst_Explorer::labelChipFilters()
{
    QSignalSpy plotted(m_view.get(), &ExplorerView::plotted);
    QVERIFY(m_view->selectSeries(QStringLiteral("http_requests_total")));
    QVERIFY(plotted.wait(20'000));
    QCOMPARE(m_view->plot()->chart()->series().size(), 4);

    auto *bar = m_view->findChild<LabelFilterBar *>();
    QCOMPARE(bar->available().value(QStringLiteral("code")), (QStringList{QStringLiteral("2xx"), QStringLiteral("5xx")}));
    QVERIFY(!bar->available().contains(QStringLiteral("service"))); // pinned by the tree, not offered
    bar->addFilter(QStringLiteral("code"), QStringLiteral("5xx"));
    QVERIFY(plotted.wait(20'000));
    QCOMPARE(lineNames(m_view->plot()->chart()), (QStringList{QStringLiteral("method=GET"), QStringLiteral("method=POST")}));
    QCOMPARE(bar->chipTexts(), QStringList{QStringLiteral("code = 5xx")});
    QCOMPARE(m_view->findChild<QLabel *>(QStringLiteral("plotTitle"))->text(), QStringLiteral("http_requests_total · code=5xx"));
    // The chip's own label still offers its other value.
    QCOMPARE(bar->available().value(QStringLiteral("code")).size(), 2);

    bar->addFilter(QStringLiteral("method"), QStringLiteral("GET"));
    QVERIFY(plotted.wait(20'000));
    QCOMPARE(m_view->plot()->chart()->series().size(), 1);

    // Clicking a chip removes it.
    const auto chips = bar->findChildren<QToolButton *>(QStringLiteral("filterChip"));
    QCOMPARE(chips.size(), 2);
    QToolButton *codeChip = nullptr;
    for (QToolButton *chip : chips)
        if (chip->text().startsWith(QStringLiteral("code")))
            codeChip = chip;
    QVERIFY(codeChip);
    QTest::mouseClick(codeChip, Qt::LeftButton);
    QVERIFY(plotted.wait(20'000));
    QCOMPARE(lineNames(m_view->plot()->chart()),
             (QStringList{QStringLiteral("code=2xx"), QStringLiteral("code=5xx")}));
}

void tst_Explorer::aggregationChoiceRequeries()
{
    QSignalSpy plotted(m_view.get(), &ExplorerView::plotted);
    QVERIFY(m_view->selectSeries(QStringLiteral("sendgrid.bounced")));
    QVERIFY(plotted.wait(20'000));
    QCOMPARE(m_view->plot()->aggregation(), storage::Aggregation::Avg); // no catalogue entry: a gauge
    const int before = m_view->plot()->queriesStarted();
    auto *box = m_view->findChild<QComboBox *>(QStringLiteral("aggregationBox"));
    box->setCurrentIndex(box->findData(int(storage::Aggregation::Max)));
    QVERIFY(plotted.wait(20'000));
    QCOMPARE(m_view->plot()->queriesStarted(), before + 1);
    QCOMPARE(m_view->plot()->aggregation(), storage::Aggregation::Max);
}

void tst_Explorer::addToDashboardEmitsPanelSpec()
{
    QSignalSpy plotted(m_view.get(), &ExplorerView::plotted);
    QSignalSpy added(m_view.get(), &ExplorerView::addToDashboardRequested);
    QSignalSpy alerted(m_view.get(), &ExplorerView::alertRequested);
    QVERIFY(m_view->selectSeries(QStringLiteral("twilio.sms.failed")));
    QVERIFY(plotted.wait(20'000));
    m_view->findChild<LabelFilterBar *>()->addFilter(QStringLiteral("country"), QStringLiteral("FR"));
    m_view->plot()->setAggregation(storage::Aggregation::Max);
    QVERIFY(plotted.wait(20'000));

    QTest::mouseClick(m_view->findChild<QPushButton *>(QStringLiteral("addToDashboardButton")), Qt::LeftButton);
    QCOMPARE(added.size(), 1);
    const auto panel = added.first().first().value<dashboard::PanelSpec>();
    QCOMPARE(panel.type, dashboard::PanelType::Line);
    QCOMPARE(panel.title, QStringLiteral("twilio.sms.failed · country=FR"));
    QCOMPARE(panel.unit, QStringLiteral("messages"));
    QVERIFY(!panel.id.isEmpty());
    QCOMPARE(panel.queries.size(), 1);
    const dashboard::PanelQuery &query = panel.queries.first();
    QCOMPARE(query.metric, QStringLiteral("twilio.sms.failed"));
    QCOMPARE(query.labelFilter, labels(kShop, kTwilio, {{QStringLiteral("country"), QStringLiteral("FR")}}));
    QCOMPARE(query.aggregation, storage::Aggregation::Max);

    QTest::mouseClick(m_view->findChild<QPushButton *>(QStringLiteral("alertButton")), Qt::LeftButton);
    QCOMPARE(alerted.size(), 1);
    const auto alertPanel = alerted.first().first().value<dashboard::PanelSpec>();
    QCOMPARE(alertPanel.queries, panel.queries);
    QCOMPARE(alertPanel.title, panel.title);
}

void tst_Explorer::rangeChangeRequeries()
{
    QSignalSpy plotted(m_view.get(), &ExplorerView::plotted);
    m_view->setTimeRange(TimeRange::last(24 * 3600'000LL));
    QVERIFY(m_view->selectSeries(QStringLiteral("sendgrid.bounced")));
    QVERIFY(plotted.wait(20'000));
    const charts::TimeSeriesChartView *chart = m_view->plot()->chart();
    const qsizetype allPoints = chart->series().first().points.size();
    QCOMPARE(chart->toMs() - chart->fromMs(), 24 * 3600'000LL);

    m_view->setTimeRange(TimeRange::last(3600'000LL));
    QVERIFY(plotted.wait(20'000));
    QCOMPARE(chart->toMs() - chart->fromMs(), 3600'000LL);
    const qsizetype hourPoints = chart->series().first().points.size();
    QVERIFY2(hourPoints < allPoints && hourPoints >= 10, qPrintable(QStringLiteral("%1 vs %2").arg(hourPoints).arg(allPoints)));

    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    m_view->setTimeRange(TimeRange::fixed(now - 7 * 24 * 3600'000LL, now - 6 * 24 * 3600'000LL));
    QVERIFY(plotted.wait(20'000));
    QVERIFY(chart->isShowingEmptyText()); // no samples that long ago
}

void tst_Explorer::staleResultsAreDropped()
{
    QSignalSpy plotted(m_view.get(), &ExplorerView::plotted);
    QVERIFY(m_view->selectSeries(QStringLiteral("node.cpu")));
    m_view->plot()->refresh(); // its query is queued now ...
    QVERIFY(m_view->selectSeries(QStringLiteral("twilio.sms.sent")));
    m_view->plot()->refresh(); // ... and overtaken by this one
    QVERIFY(plotted.wait(20'000));
    QCOMPARE(plotted.size(), 1);
    // Let anything else the store thread had queued arrive: still only the newer result.
    QSignalSpy statsDone(m_store.get(), &storage::StoreService::samplesStored);
    bool flushed = false;
    m_store->stats(this, [&flushed](Result<storage::StoreStats>) { flushed = true; });
    QTRY_VERIFY_WITH_TIMEOUT(flushed, 20'000);
    QCoreApplication::processEvents();
    QCOMPARE(plotted.size(), 1);
    QCOMPARE(m_view->plot()->chart()->series().size(), 3);
    QCOMPARE(m_view->plot()->target().metric, QStringLiteral("twilio.sms.sent"));
}

void tst_Explorer::dragOnChartRequestsZoom()
{
    QSignalSpy plotted(m_view.get(), &ExplorerView::plotted);
    QSignalSpy zoom(m_view.get(), &ExplorerView::zoomRequested);
    QVERIFY(m_view->selectSeries(QStringLiteral("sendgrid.bounced")));
    QVERIFY(plotted.wait(20'000));
    charts::TimeSeriesChartView *chart = m_view->plot()->chart();
    const QPoint from(int(chart->positionOfTime(chart->fromMs() + (chart->toMs() - chart->fromMs()) / 4)), chart->height() / 2);
    const QPoint to(int(chart->positionOfTime(chart->fromMs() + (chart->toMs() - chart->fromMs()) * 3 / 4)), chart->height() / 2);
    QTest::mousePress(chart->viewport(), Qt::LeftButton, {}, from);
    for (int x = from.x(); x <= to.x(); x += 20)
        QTest::mouseMove(chart->viewport(), QPoint(x, from.y()));
    QTest::mouseRelease(chart->viewport(), Qt::LeftButton, {}, to);
    QCOMPARE(zoom.size(), 1);
    const qint64 zoomFrom = zoom.first().at(0).toLongLong();
    const qint64 zoomTo = zoom.first().at(1).toLongLong();
    QVERIFY(zoomFrom > chart->fromMs() && zoomTo < chart->toMs() && zoomFrom < zoomTo);
}

void tst_Explorer::reloadKeepsSelectionAndAddsNewNodes()
{
    QSignalSpy plotted(m_view.get(), &ExplorerView::plotted);
    QVERIFY(m_view->selectSeries(QStringLiteral("twilio.sms.failed")));
    QVERIFY(plotted.wait(20'000));
    const QString key = m_view->currentKey();

    SampleBatch batch;
    addSeries(batch, QDateTime::currentMSecsSinceEpoch(), QStringLiteral("stytch.logins"),
              labels(QStringLiteral("auth"), QStringLiteral("Stytch")), 3);
    bool stored = false;
    m_store->ingest(batch, this, [&stored](Result<storage::IngestReport> report) { stored = bool(report); });
    QTRY_VERIFY_WITH_TIMEOUT(stored, 20'000);

    QSignalSpy loaded(m_view.get(), &ExplorerView::catalogueLoaded);
    m_view->reload();
    QVERIFY(loaded.wait(20'000));
    QCOMPARE(m_view->catalogueModel()->rowCount(), 3);
    QCOMPARE(m_view->catalogueModel()->index(0, 0).data().toString(), QStringLiteral("auth"));
    QCOMPARE(m_view->currentKey(), key);
    QCOMPARE(m_view->plot()->target().metric, QStringLiteral("twilio.sms.failed"));
    // The new project opens like the first ones did.
    QVERIFY(m_view->catalogueView()->isExpanded(m_view->filterModel()->index(0, 0)));
}

void tst_Explorer::demoWorkspaceAndScreenshots()
{
    // The demo generator fills a workspace of its own: two days normally, a month for review screenshots
    // (written only when STACKSCOPE_SCREENSHOT_DIR is set).
    const QString screenshotDir = qEnvironmentVariable("STACKSCOPE_SCREENSHOT_DIR");
    test::TempWorkspace workspace;
    auto metricStore = workspace.create();
    QVERIFY(metricStore);
    for (const MetricInfo &info : demo::demoMetrics())
        QVERIFY(metricStore->describeMetric(info));
    bool ingested = true;
    QSet<QString> generated; // every series the generator emitted, by key
    demo::generateDemoHistory(QDateTime::currentMSecsSinceEpoch(), screenshotDir.isEmpty() ? 2 : 30,
                              [&](SampleBatch batch) {
                                  for (const MetricSample &sample : std::as_const(batch))
                                      generated.insert(SeriesListModel::keyOf({0, sample.metric, sample.labels, {}}));
                                  ingested = ingested && bool(metricStore->ingest(batch));
                              });
    QVERIFY(ingested);
    QMap<QString, int> perMetric;
    for (const QString &key : std::as_const(generated))
        ++perMetric[key.section(QLatin1Char('\x1f'), 0, 0)];
    storage::StoreService store(std::move(metricStore));

    ExplorerView view(&store);
    QAbstractItemModelTester tester(view.catalogueModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    view.setTimeRange(TimeRange::last(7 * 24 * 3600'000LL));
    view.resize(1280, 800);
    view.show();
    QSignalSpy loaded(&view, &ExplorerView::catalogueLoaded);
    QVERIFY(loaded.wait(30'000));
    int series = 0;
    for (int row = 0; row < view.catalogueModel()->rowCount(); ++row) {
        QVERIFY(view.catalogueModel()->index(row, 0).data().toString().startsWith(demo::demoProjectPrefix()));
        series += view.catalogueModel()->index(row, 0).data(CatalogTreeModel::SeriesCountRole).toInt();
    }
    QCOMPARE(series, generated.size());

    QSignalSpy plotted(&view, &ExplorerView::plotted);
    const QString cpu = QStringLiteral("aws.ec2.cpu_utilization");
    QVERIFY(perMetric.value(cpu) > 1);
    QVERIFY(view.selectSeries(cpu));
    QVERIFY(plotted.wait(30'000));
    // The metric's series under the first service that has it (the demo has it in more than one project).
    const int underService = view.catalogueModel()->indexOfMetric(cpu).data(CatalogTreeModel::SeriesCountRole).toInt();
    QVERIFY(underService > 1 && underService <= perMetric.value(cpu));
    QCOMPARE(view.plot()->chart()->series().size(), underService);
    QVERIFY(view.infoPane()->descriptionText().endsWith(QStringLiteral("(demo data)")));
    if (screenshotDir.isEmpty())
        return;

    QDir().mkpath(screenshotDir);
    const auto shoot = [&](const QString &name) {
        QTest::qWait(200);
        QVERIFY(view.grab().save(QDir(screenshotDir).filePath(name)));
    };
    shoot(QStringLiteral("explorer.png"));

    // Searching narrows the tree in context; a chip narrows the chart.
    QTest::keyClicks(view.searchBox(), QStringLiteral("lambda"));
    QVERIFY(view.selectSeries(QStringLiteral("aws.lambda.invocations")));
    QVERIFY(plotted.wait(30'000));
    view.findChild<LabelFilterBar *>()->addFilter(QStringLiteral("function"), QStringLiteral("image-resize"));
    QVERIFY(plotted.wait(30'000));
    QCOMPARE(view.plot()->chart()->series().size(), 1);
    shoot(QStringLiteral("explorer-search.png"));

    const QPalette dark = test::darkPalette();
    const QPalette light = QApplication::palette();
    QApplication::setPalette(dark);
    view.searchBox()->clear();
    QVERIFY(view.selectSeries(QStringLiteral("aws.apigateway.latency")));
    QVERIFY(plotted.wait(30'000));
    shoot(QStringLiteral("explorer-dark.png"));
    QApplication::setPalette(light);
}

void tst_Explorer::queryHelpers()
{
    QCOMPARE(explorerquery::niceStep(7 * 24 * 3600'000LL, 900), 15 * 60'000LL);   // 11.2 min → 15 min
    QCOMPARE(explorerquery::niceStep(3600'000LL, 900), 5'000LL);
    QCOMPARE(explorerquery::niceStep(365 * 24 * 3600'000LL, 900), 12 * 3600'000LL);  // 9.7 h → 12 h
    QCOMPARE(explorerquery::niceStep(365 * 24 * 3600'000LL, 400), 24 * 3600'000LL);   // 21.9 h → 1 d
    QCOMPARE(explorerquery::niceStep(10 * 365 * 24 * 3600'000LL, 10), 10 * 365 * 24 * 3600'000LL / 10);

    ExplorerTarget target{QStringLiteral("m"), labels(kShop, kTwilio, {{QStringLiteral("country"), QStringLiteral("DE")}}), true};
    // A chip on a label the tree already pins changes nothing.
    QCOMPARE(explorerquery::labelFilter(target, {{QStringLiteral("country"), QStringLiteral("FR")}}), target.scope);
    QCOMPARE(explorerquery::title(target, {}), QStringLiteral("m · country=DE"));
    QCOMPARE(explorerquery::varyingLabels({target.scope, labels(kShop, kSendGrid)}),
             (QStringList{QStringLiteral("country"), QStringLiteral("service")}));
}

QTEST_MAIN(tst_Explorer)
#include "tst_explorer.moc"
