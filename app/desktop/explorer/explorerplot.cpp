#include "explorerplot.h"

#include "labelfilterbar.h"
#include "timeserieschartview.h"

#include "storage/storeservice.h"

#include <QComboBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace stackscope::app {

namespace {

QString describeStep(qint64 stepMs)
{
    constexpr qint64 kDay = 24 * 3600'000LL;
    if (stepMs >= kDay && stepMs % kDay == 0)
        return ExplorerPlot::tr("%1 d").arg(stepMs / kDay);
    if (stepMs >= 3600'000 && stepMs % 3600'000 == 0)
        return ExplorerPlot::tr("%1 h").arg(stepMs / 3600'000);
    if (stepMs >= 60'000)
        return ExplorerPlot::tr("%1 min").arg(stepMs / 60'000);
    return ExplorerPlot::tr("%1 s").arg(std::max<qint64>(1, stepMs / 1000));
}

} // namespace

ExplorerPlot::ExplorerPlot(storage::StoreService *store, QWidget *parent)
    : QWidget(parent), m_store(store)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 10, 12, 4);
    layout->setSpacing(6);

    // Title row: what is plotted, where it comes from, and what to do with it.
    auto *titleRow = new QHBoxLayout;
    auto *titles = new QVBoxLayout;
    titles->setSpacing(1);
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("plotTitle"));
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_subtitle = new QLabel(this);
    m_subtitle->setObjectName(QStringLiteral("plotSubtitle"));
    m_subtitle->setForegroundRole(QPalette::PlaceholderText);
    // Long names and descriptions must not widen the window: the labels clip, their tooltips have it all.
    m_title->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_subtitle->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    titles->addWidget(m_title);
    titles->addWidget(m_subtitle);
    titleRow->addLayout(titles, 1);
    m_addButton = new QPushButton(tr("Add to dashboard…"), this);
    m_addButton->setObjectName(QStringLiteral("addToDashboardButton"));
    m_addButton->setAccessibleName(tr("Add this chart to a dashboard"));
    m_alertButton = new QPushButton(tr("Alert on this…"), this);
    m_alertButton->setObjectName(QStringLiteral("alertButton"));
    m_alertButton->setAccessibleName(tr("Create an alert rule on this metric"));
    titleRow->addWidget(m_addButton, 0, Qt::AlignTop);
    titleRow->addWidget(m_alertButton, 0, Qt::AlignTop);
    layout->addLayout(titleRow);

    // Query row: chips on the left, aggregation on the right.
    auto *queryRow = new QHBoxLayout;
    m_filterBar = new LabelFilterBar(this);
    m_filterBar->setObjectName(QStringLiteral("labelFilterBar"));
    queryRow->addWidget(m_filterBar, 1);
    auto *aggLabel = new QLabel(tr("Aggregation:"), this);
    m_aggregation = new QComboBox(this);
    m_aggregation->setObjectName(QStringLiteral("aggregationBox"));
    m_aggregation->setAccessibleName(tr("Aggregation within each step"));
    m_aggregation->setToolTip(tr("How the samples within one step of the chart are combined"));
    m_aggregation->addItem(tr("Average"), int(storage::Aggregation::Avg));
    m_aggregation->addItem(tr("Minimum"), int(storage::Aggregation::Min));
    m_aggregation->addItem(tr("Maximum"), int(storage::Aggregation::Max));
    m_aggregation->addItem(tr("Sum"), int(storage::Aggregation::Sum));
    m_aggregation->addItem(tr("Last"), int(storage::Aggregation::Last));
    aggLabel->setBuddy(m_aggregation);
    queryRow->addWidget(aggLabel);
    queryRow->addWidget(m_aggregation);
    layout->addLayout(queryRow);

    m_chart = new charts::TimeSeriesChartView(this);
    m_chart->setObjectName(QStringLiteral("explorerChart"));
    m_chart->setAccessibleName(tr("Chart of the selected metric"));
    m_chart->setMinimumHeight(220);
    layout->addWidget(m_chart, 1);

    auto *statusRow = new QHBoxLayout;
    m_note = new QLabel(this);
    m_note->setObjectName(QStringLiteral("seriesNote"));
    m_note->setForegroundRole(QPalette::PlaceholderText);
    m_step = new QLabel(this);
    m_step->setObjectName(QStringLiteral("stepNote"));
    m_step->setForegroundRole(QPalette::PlaceholderText);
    statusRow->addWidget(m_note, 1);
    statusRow->addWidget(m_step);
    layout->addLayout(statusRow);

    m_refreshTimer = new QTimer(this);
    m_refreshTimer->setSingleShot(true);
    m_refreshTimer->setInterval(0); // several changes in one event-loop turn make one query
    connect(m_refreshTimer, &QTimer::timeout, this, &ExplorerPlot::refresh);

    connect(m_filterBar, &LabelFilterBar::filtersChanged, this, [this] {
        updateFilterMenu();
        updateHeader();
        scheduleRefresh();
    });
    connect(m_aggregation, &QComboBox::currentIndexChanged, this, [this] {
        if (m_target.isValid())
            scheduleRefresh();
    });
    connect(m_addButton, &QPushButton::clicked, this, [this] { Q_EMIT addToDashboardRequested(currentPanel()); });
    connect(m_alertButton, &QPushButton::clicked, this, [this] { Q_EMIT alertRequested(currentPanel()); });
    clearTarget(tr("Pick a metric or series in the catalogue to plot it"));
}

void ExplorerPlot::setCatalogue(const QList<storage::SeriesInfo> &catalogue)
{
    m_catalogue = catalogue;
    updateFilterMenu();
}

void ExplorerPlot::setTarget(const ExplorerTarget &target, const MetricInfo &info, const QString &context)
{
    const bool sameMetric = target.metric == m_target.metric;
    m_target = target;
    m_info = info;
    m_context = context;
    if (!sameMetric) {
        setAggregation(info.kind == MetricKind::Counter ? storage::Aggregation::Sum : storage::Aggregation::Avg);
        m_chart->clearSeries();
    }
    m_filterBar->setFilters({});
    m_filterBar->setEnabled(!target.singleSeries);
    m_aggregation->setEnabled(true);
    m_addButton->setEnabled(true);
    m_alertButton->setEnabled(true);
    m_chart->setValueAxisTitle(info.unit);
    updateFilterMenu();
    updateHeader();
    scheduleRefresh();
}

void ExplorerPlot::clearTarget(const QString &hint)
{
    ++m_generation; // a query still running is for the old target
    m_refreshTimer->stop();
    m_target = {};
    m_info = {};
    m_context.clear();
    m_filterBar->setFilters({});
    m_filterBar->setAvailable({});
    m_filterBar->setEnabled(false);
    m_aggregation->setEnabled(false);
    m_addButton->setEnabled(false);
    m_alertButton->setEnabled(false);
    m_chart->clearSeries();
    m_chart->setValueAxisTitle(QString());
    m_chart->setEmptyText(hint);
    m_note->clear();
    m_step->clear();
    updateHeader();
}

void ExplorerPlot::setTimeRange(const TimeRange &range)
{
    if (range == m_range)
        return;
    m_range = range;
    if (m_target.isValid())
        scheduleRefresh();
}

void ExplorerPlot::setFilters(const Labels &chips)
{
    if (chips == m_filterBar->filters())
        return;
    m_filterBar->setFilters(chips);
    updateFilterMenu();
    updateHeader();
    scheduleRefresh();
}

Labels ExplorerPlot::filters() const
{
    return m_filterBar->filters();
}

storage::Aggregation ExplorerPlot::aggregation() const
{
    return storage::Aggregation(m_aggregation->currentData().toInt());
}

void ExplorerPlot::setAggregation(storage::Aggregation aggregation)
{
    const int index = m_aggregation->findData(int(aggregation));
    if (index >= 0)
        m_aggregation->setCurrentIndex(index);
}

dashboard::PanelSpec ExplorerPlot::currentPanel() const
{
    return explorerquery::panelSpec(m_target, filters(), aggregation(), m_info.unit);
}

QString ExplorerPlot::noteText() const
{
    return m_note->text();
}

void ExplorerPlot::updateHeader()
{
    if (!m_target.isValid()) {
        m_title->setText(tr("Explore metrics"));
        m_subtitle->setText(tr("Browse the catalogue by project and service, or search it"));
        return;
    }
    m_title->setText(explorerquery::title(m_target, filters()));
    m_title->setToolTip(m_title->text());
    QStringList parts;
    if (!m_context.isEmpty())
        parts.append(m_context);
    if (!m_info.unit.isEmpty())
        parts.append(tr("unit: %1").arg(m_info.unit));
    if (!m_info.description.isEmpty())
        m_title->setToolTip(m_title->text() + QLatin1Char('\n') + m_info.description); // the info pane shows it too
    m_subtitle->setText(parts.join(QStringLiteral("  ·  ")));
}

void ExplorerPlot::updateFilterMenu()
{
    if (!m_target.isValid() || m_target.singleSeries) {
        m_filterBar->setAvailable({});
        return;
    }
    m_filterBar->setAvailable(explorerquery::labelValues(m_catalogue, m_target, filters()));
}

void ExplorerPlot::scheduleRefresh()
{
    if (!m_refreshTimer->isActive())
        m_refreshTimer->start();
}

void ExplorerPlot::refresh()
{
    m_refreshTimer->stop();
    if (!m_store || !m_target.isValid())
        return;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    storage::QueryRequest request;
    request.metric = m_target.metric;
    request.labelFilter = explorerquery::labelFilter(m_target, filters());
    request.fromMs = m_range.fromMs(now);
    request.toMs = m_range.toMs(now);
    // About one point per pixel, rounded to a step people read easily; the store picks the tier from it.
    request.stepMs = explorerquery::niceStep(request.toMs - request.fromMs, std::max(60, m_chart->plotWidth()));
    request.aggregation = aggregation();
    m_chart->setTimeRange(request.fromMs, request.toMs);
    if (m_chart->series().isEmpty())
        m_chart->setEmptyText(tr("Loading…"));

    const quint64 generation = ++m_generation;
    ++m_queriesStarted;
    m_store->query(request, this, [this, generation](Result<storage::QueryResult> result) {
        if (generation == m_generation) // a newer query (or target) overtook this one
            onQueryFinished(std::move(result));
    });
}

void ExplorerPlot::onQueryFinished(Result<storage::QueryResult> result)
{
    if (!result) {
        m_chart->clearSeries();
        m_chart->setEmptyText(tr("The data could not be loaded: %1").arg(result.error().userMessage));
        m_note->clear();
        m_step->clear();
        Q_EMIT plotted();
        return;
    }
    const storage::QueryResult &queried = result.value();
    const QList<qsizetype> picked = explorerquery::pickSeries(queried.series);
    QList<Labels> labelSets;
    for (const storage::SeriesPoints &s : queried.series)
        labelSets.append(s.labels);
    const QStringList varying = explorerquery::varyingLabels(labelSets);

    QList<charts::ChartSeries> lines;
    lines.reserve(picked.size());
    for (qsizetype i : picked) {
        const storage::SeriesPoints &s = queried.series.at(i);
        charts::ChartSeries line;
        line.name = explorerquery::legendName(s.metric, s.labels, varying);
        line.expectedStepMs = queried.stepMs;
        line.unit = m_info.unit;
        line.points.reserve(s.points.size());
        for (const TimedValue &p : s.points)
            line.points.append(QPointF(double(p.ts), p.value));
        lines.append(line);
    }
    // Legend in label order, whatever order the store listed the series in.
    std::stable_sort(lines.begin(), lines.end(),
                     [](const charts::ChartSeries &a, const charts::ChartSeries &b) { return a.name < b.name; });
    m_chart->setEmptyText(queried.series.isEmpty() ? tr("No data for this selection in this time range")
                                                   : QString());
    m_chart->setSeries(lines);

    const QLocale locale;
    const qsizetype total = queried.series.size();
    if (total > picked.size())
        m_note->setText(tr("Showing %1 of %2 series (the largest on average); add a filter to narrow them")
                            .arg(locale.toString(picked.size()), locale.toString(total)));
    else
        m_note->setText(tr("Series: %1").arg(locale.toString(total)));
    m_step->setText(tr("Step %1 · tier %2").arg(describeStep(queried.stepMs), storage::tierName(queried.tier)));
    Q_EMIT plotted();
}

} // namespace stackscope::app
