#include "explorerview.h"

#include "catalogfiltermodel.h"
#include "catalogtreemodel.h"
#include "explorerplot.h"
#include "metricinfopane.h"
#include "storejob.h"
#include "timeserieschartview.h"
#include "uilogging.h"

#include "storage/storeservice.h"

#include <QDataStream>
#include <QHeaderView>
#include <QIODevice>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QShortcut>
#include <QSplitter>
#include <QTimer>
#include <QTreeView>
#include <QVBoxLayout>

#include <algorithm>
#include <functional>

namespace stackscope::app {

namespace {

using NodeKind = CatalogTreeModel::NodeKind;

constexpr int kDataRefreshDelayMs = 1500; // coalesces bursts of stored samples into one reload
constexpr quint32 kStateMagic = 0x53784558; // "SxEX"

NodeKind kindOf(const QModelIndex &index)
{
    return NodeKind(index.data(CatalogTreeModel::KindRole).toInt());
}

Labels labelsOf(const QVariant &map)
{
    Labels labels;
    const QVariantMap m = map.toMap();
    for (auto it = m.cbegin(); it != m.cend(); ++it)
        labels.insert(it.key(), it.value().toString());
    return labels;
}

// Depth-first over a model, parents before children.
void forEachIndex(const QAbstractItemModel *model, const QModelIndex &parent,
                  const std::function<void(const QModelIndex &)> &visit)
{
    for (int row = 0; row < model->rowCount(parent); ++row) {
        const QModelIndex index = model->index(row, 0, parent);
        visit(index);
        forEachIndex(model, index, visit);
    }
}

} // namespace

ExplorerView::ExplorerView(storage::StoreService *store, QWidget *parent)
    : QWidget(parent), m_store(store)
{
    setObjectName(QStringLiteral("explorerView"));
    m_model = new CatalogTreeModel(this);
    m_filter = new CatalogFilterModel(this);
    m_filter->setSourceModel(m_model);

    // Left: search and the catalogue.
    auto *catalogue = new QWidget(this);
    catalogue->setMinimumWidth(240);
    auto *left = new QVBoxLayout(catalogue);
    left->setContentsMargins(8, 8, 0, 8);
    left->setSpacing(6);
    m_search = new QLineEdit(catalogue);
    m_search->setObjectName(QStringLiteral("explorerSearch"));
    m_search->setPlaceholderText(tr("Search metrics, labels, services…"));
    m_search->setAccessibleName(tr("Search the metric catalogue"));
    m_search->setToolTip(tr("Words are matched anywhere in project, service, metric name and label values; "
                            "all words must match"));
    m_search->setClearButtonEnabled(true);
    left->addWidget(m_search);

    m_tree = new QTreeView(catalogue);
    m_tree->setObjectName(QStringLiteral("catalogueTree"));
    m_tree->setAccessibleName(tr("Metric catalogue by project and service"));
    m_tree->setModel(m_filter);
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(false);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_tree->setAnimated(false);
    m_tree->setTextElideMode(Qt::ElideMiddle); // keeps suffixes such as _sum, _count, _bucket readable
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(CatalogTreeModel::kNameColumn, QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(CatalogTreeModel::kCountColumn, QHeaderView::ResizeToContents);
    left->addWidget(m_tree, 1);

    m_summary = new QLabel(catalogue);
    m_summary->setObjectName(QStringLiteral("catalogueSummary"));
    m_summary->setForegroundRole(QPalette::PlaceholderText);
    left->addWidget(m_summary);

    // Right: the plot over the info pane.
    m_plot = new ExplorerPlot(store, this);
    m_plot->setObjectName(QStringLiteral("explorerPlot"));
    m_info = new MetricInfoPane(this);
    m_rightSplitter = new QSplitter(Qt::Vertical, this);
    m_rightSplitter->setObjectName(QStringLiteral("explorerRightSplitter"));
    m_rightSplitter->addWidget(m_plot);
    m_rightSplitter->addWidget(m_info);
    m_rightSplitter->setStretchFactor(0, 3);
    m_rightSplitter->setStretchFactor(1, 1);
    m_rightSplitter->setChildrenCollapsible(false);

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(QStringLiteral("explorerSplitter"));
    m_splitter->addWidget(catalogue);
    m_splitter->addWidget(m_rightSplitter);
    m_splitter->setStretchFactor(0, 0);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_splitter);

    connect(m_search, &QLineEdit::textChanged, this, &ExplorerView::onSearchChanged);
    connect(m_search, &QLineEdit::returnPressed, this, [this] {
        // Enter picks the first matching metric, as a launcher would.
        QModelIndex first;
        forEachIndex(m_filter, {}, [&first](const QModelIndex &index) {
            if (!first.isValid() && kindOf(index) == NodeKind::Metric)
                first = index;
        });
        if (first.isValid()) {
            m_tree->setCurrentIndex(first);
            m_tree->setFocus();
        }
    });
    auto *clearSearch = new QShortcut(QKeySequence(Qt::Key_Escape), m_search, nullptr, nullptr, Qt::WidgetShortcut);
    connect(clearSearch, &QShortcut::activated, m_search, &QLineEdit::clear);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) {
                if (!m_ignoreCurrent)
                    onCurrentChanged(current);
            });
    connect(m_info, &MetricInfoPane::labelValueActivated, this, [this](const QString &label, const QString &value) {
        if (!m_plot->target().isValid() || m_plot->target().singleSeries)
            return;
        Labels chips = m_plot->filters();
        chips.insert(label, value);
        m_plot->setFilters(chips);
    });
    connect(m_plot, &ExplorerPlot::addToDashboardRequested, this, &ExplorerView::addToDashboardRequested);
    connect(m_plot, &ExplorerPlot::alertRequested, this, &ExplorerView::alertRequested);
    connect(m_plot, &ExplorerPlot::plotted, this, &ExplorerView::plotted);
    // A drag across the chart asks the window to zoom: the time range belongs to the window.
    connect(m_plot->chart(), &charts::TimeSeriesChartView::zoomRequested, this, &ExplorerView::zoomRequested);

    // New samples: one reload of the catalogue and the chart per burst (style guide D.6).
    m_dataTimer = new QTimer(this);
    m_dataTimer->setSingleShot(true);
    m_dataTimer->setInterval(kDataRefreshDelayMs);
    connect(m_dataTimer, &QTimer::timeout, this, [this] {
        reload();
        m_plot->refresh();
    });
    if (m_store)
        connect(m_store, &storage::StoreService::samplesStored, this, [this] {
            if (!m_dataTimer->isActive())
                m_dataTimer->start();
        });

    m_plot->setTimeRange(m_range);
    updateSummary();
    reload();
}

ExplorerView::~ExplorerView() = default;

void ExplorerView::setTimeRange(const TimeRange &range)
{
    m_range = range;
    m_plot->setTimeRange(range);
}

TimeRange ExplorerView::timeRange() const
{
    return m_range;
}

void ExplorerView::reload()
{
    if (!m_store)
        return;
    const quint64 generation = ++m_listGeneration;
    m_store->listSeries(QString(), this, [this, generation](Result<QList<storage::SeriesInfo>> result) {
        onCatalogueListed(generation, std::move(result));
    });
}

void ExplorerView::onCatalogueListed(quint64 generation, Result<QList<storage::SeriesInfo>> result)
{
    if (generation != m_listGeneration)
        return;
    if (!result) {
        qCWarning(lcUi) << "listing the metric catalogue failed:" << result.error().detail;
        m_summary->setText(tr("The catalogue could not be loaded: %1").arg(result.error().userMessage));
        return;
    }
    // Units and descriptions come from the metric catalogue, read on the store thread too.
    QStringList metrics;
    for (const storage::SeriesInfo &s : result.value())
        metrics.append(s.metric);
    metrics.removeDuplicates();
    auto series = std::make_shared<QList<storage::SeriesInfo>>(std::move(result).value());
    runStoreJob<QHash<QString, MetricInfo>>(
        *m_store, this,
        [metrics](storage::MetricStore &store) -> Result<QHash<QString, MetricInfo>> {
            QHash<QString, MetricInfo> infos;
            for (const QString &metric : metrics) {
                auto info = store.metricInfo(metric);
                if (info && info.value())
                    infos.insert(metric, *info.value());
            }
            return infos;
        },
        [this, generation, series](Result<QHash<QString, MetricInfo>> infos) {
            if (generation != m_listGeneration)
                return;
            rememberExpansion();
            m_ignoreCurrent = true;
            const bool changed = m_model->setCatalogue(*series, infos ? infos.value() : QHash<QString, MetricInfo>());
            bool gone = false;
            if (changed) {
                restoreExpansion();
                const QModelIndex source = m_model->indexOfKey(m_pendingKey);
                const QModelIndex current = m_filter->mapFromSource(source);
                if (current.isValid())
                    m_tree->setCurrentIndex(current);
                gone = !m_pendingKey.isEmpty() && !source.isValid();
            }
            m_ignoreCurrent = false;
            if (gone) { // its service was removed, say: nothing left to plot
                m_plot->clearTarget(tr("Pick a metric or series in the catalogue to plot it"));
                m_info->clear();
            }
            m_everLoaded = true;
            m_plot->setCatalogue(m_model->series());
            if (changed && m_tree->currentIndex().isValid())
                onCurrentChanged(m_tree->currentIndex()); // the info pane's counts may have changed
            updateSummary();
            Q_EMIT catalogueLoaded();
        });
}

void ExplorerView::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

bool ExplorerView::selectSeries(const QString &key)
{
    QModelIndex source = m_model->indexOfKey(key);
    if (!source.isValid())
        source = m_model->indexOfMetric(key);
    if (!source.isValid())
        return false;
    QModelIndex index = m_filter->mapFromSource(source);
    if (!index.isValid()) { // hidden by the search: show everything again
        m_search->clear();
        index = m_filter->mapFromSource(source);
    }
    for (QModelIndex p = index.parent(); p.isValid(); p = p.parent())
        m_tree->expand(p);
    m_tree->setCurrentIndex(index);
    m_tree->scrollTo(index);
    return true;
}

QString ExplorerView::currentKey() const
{
    return m_tree->currentIndex().data(CatalogTreeModel::KeyRole).toString();
}

QByteArray ExplorerView::saveState() const
{
    QByteArray state;
    QDataStream out(&state, QIODevice::WriteOnly);
    out << kStateMagic << m_splitter->saveState() << m_rightSplitter->saveState();
    return state;
}

bool ExplorerView::restoreState(const QByteArray &state)
{
    QDataStream in(state);
    quint32 magic = 0;
    QByteArray outer, inner;
    in >> magic >> outer >> inner;
    if (in.status() != QDataStream::Ok || magic != kStateMagic)
        return false;
    m_sized = m_splitter->restoreState(outer) && m_rightSplitter->restoreState(inner);
    return m_sized;
}

void ExplorerView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_sized)
        return;
    // First show without a saved state: a catalogue wide enough for service and metric names, and the chart
    // with most of the height.
    m_sized = true;
    const int left = std::clamp(width() / 4, 300, 420);
    m_splitter->setSizes({left, std::max(1, width() - left)});
    const int info = std::clamp(height() / 4, 150, 220);
    m_rightSplitter->setSizes({std::max(1, height() - info), info});
}

void ExplorerView::onCurrentChanged(const QModelIndex &current)
{
    if (!current.isValid()) {
        m_plot->clearTarget(tr("Pick a metric or series in the catalogue to plot it"));
        m_info->clear();
        return;
    }
    const QModelIndex index = current.siblingAtColumn(0);
    const NodeKind kind = kindOf(index);
    if (kind == NodeKind::Project || kind == NodeKind::Service) {
        const QString name = index.data().toString();
        m_plot->clearTarget(tr("Pick a metric of %1 to plot it").arg(name));
        m_info->showGroup(name, index.data(CatalogTreeModel::MetricCountRole).toInt(),
                          index.data(CatalogTreeModel::SeriesCountRole).toInt());
        return;
    }
    const QModelIndex metricIndex = kind == NodeKind::Series ? index.parent() : index;
    const QString metric = index.data(CatalogTreeModel::MetricRole).toString();
    ExplorerTarget target;
    target.metric = metric;
    target.scope = labelsOf(index.data(CatalogTreeModel::ScopeRole));
    target.singleSeries = kind == NodeKind::Series;

    MetricInfo info = m_model->metricInfos().value(metric);
    info.name = metric;
    const QModelIndex serviceIndex = metricIndex.parent();
    const QString context = serviceIndex.parent().data().toString() + QStringLiteral(" › ") + serviceIndex.data().toString();
    if (!(target == m_plot->target()))
        m_plot->setTarget(target, info, context);

    ExplorerTarget metricTarget;
    metricTarget.metric = metric;
    metricTarget.scope = labelsOf(metricIndex.data(CatalogTreeModel::ScopeRole));
    // The source model's count: the filter may hide some of the metric's series.
    const int seriesCount = m_filter->mapToSource(metricIndex).data(CatalogTreeModel::SeriesCountRole).toInt();
    m_info->showMetric(info, seriesCount, explorerquery::labelValues(m_model->series(), metricTarget, {}));
}

void ExplorerView::onSearchChanged(const QString &text)
{
    const QString key = currentKey();
    m_ignoreCurrent = true;
    const bool wasFiltering = m_filter->isFiltering();
    if (!wasFiltering)
        rememberExpansion();
    m_filter->setSearchText(text);
    if (m_filter->isFiltering())
        m_tree->expandAll(); // matches are shown in their context
    else if (wasFiltering)
        restoreExpansion();
    const QModelIndex current = m_filter->mapFromSource(m_model->indexOfKey(key));
    if (current.isValid()) {
        m_tree->setCurrentIndex(current);
        m_tree->scrollTo(current);
    } else {
        m_tree->selectionModel()->clear(); // the chart keeps what it shows
    }
    m_ignoreCurrent = false;
    updateSummary();
}

void ExplorerView::rememberExpansion()
{
    m_pendingKey = currentKey();
    if (m_filter->isFiltering() || !m_everLoaded)
        return; // everything is expanded while searching: not the user's choice
    m_expanded.clear();
    m_known.clear();
    forEachIndex(m_filter, {}, [this](const QModelIndex &index) {
        const QString key = index.data(CatalogTreeModel::KeyRole).toString();
        m_known.insert(key);
        if (m_tree->isExpanded(index))
            m_expanded.insert(key);
    });
}

void ExplorerView::restoreExpansion()
{
    if (m_filter->isFiltering()) {
        m_tree->expandAll();
        return;
    }
    if (!m_everLoaded) { // first listing: projects and services open, metrics closed
        m_tree->expandToDepth(1);
        return;
    }
    forEachIndex(m_filter, {}, [this](const QModelIndex &index) {
        const QString key = index.data(CatalogTreeModel::KeyRole).toString();
        // Projects and services that are new since the last listing open like the first ones did.
        const bool isNew = !m_known.contains(key) && kindOf(index) != NodeKind::Metric
            && kindOf(index) != NodeKind::Series;
        m_tree->setExpanded(index, m_expanded.contains(key) || isNew);
    });
}

void ExplorerView::updateSummary()
{
    int metrics = 0;
    int series = 0;
    forEachIndex(m_filter, {}, [&](const QModelIndex &index) {
        const NodeKind kind = kindOf(index);
        if (kind == NodeKind::Metric) {
            ++metrics;
            if (m_filter->rowCount(index) == 0)
                ++series;
        } else if (kind == NodeKind::Series) {
            ++series;
        }
    });
    // Counts as "name: number", which reads well in any language without plural forms.
    const QLocale locale;
    if (m_filter->isFiltering()) {
        m_summary->setText(metrics == 0 ? tr("No metric matches “%1”").arg(m_search->text())
                                        : tr("Matches: %1 series in %2 metrics")
                                              .arg(locale.toString(series), locale.toString(metrics)));
        return;
    }
    m_summary->setText(m_everLoaded ? tr("Projects: %1 · metrics: %2 · series: %3")
                                          .arg(locale.toString(m_model->rowCount()), locale.toString(metrics),
                                               locale.toString(series))
                                    : tr("Loading the catalogue…"));
}

} // namespace stackscope::app
