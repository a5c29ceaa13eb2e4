#include "panelloader.h"

#include "backgroundtask.h"
#include "storejob.h"

#include "storage/storeservice.h"

#include <QHash>

namespace stackscope::app {

PanelLoader::PanelLoader(storage::StoreService *store, QObject *parent)
    : QObject(parent)
    , m_store(store)
{
}

PanelLoader::~PanelLoader() = default;

void PanelLoader::requestUnits(const QList<Request> &requests)
{
    QStringList metrics;
    for (const Request &r : requests)
        for (const dashboard::PanelQuery &q : r.spec.queries)
            if (!q.metric.isEmpty() && !m_unitsAsked.contains(q.metric) && !metrics.contains(q.metric))
                metrics.append(q.metric);
    if (metrics.isEmpty() || !m_store)
        return;
    for (const QString &metric : std::as_const(metrics))
        m_unitsAsked.insert(metric);
    // Queued before the panel queries, so the units are known when their answers arrive.
    runStoreJob<QHash<QString, QString>>(
        *m_store, this,
        [metrics](storage::MetricStore &store) -> Result<QHash<QString, QString>> {
            QHash<QString, QString> units;
            for (const QString &metric : metrics) {
                auto info = store.metricInfo(metric);
                if (info && info.value())
                    units.insert(metric, info.value()->unit);
            }
            return units;
        },
        [this](Result<QHash<QString, QString>> units) {
            if (units)
                m_units.insert(units.value());
        });
}

void PanelLoader::load(const QList<Request> &requests, qint64 fromMs, qint64 toMs, bool compare)
{
    requestUnits(requests);
    for (const Request &request : requests) {
        const QString id = request.spec.id;
        const quint64 generation = ++m_nextGeneration;
        m_generations.insert(id, generation);
        Pending pending;
        pending.generation = generation;
        pending.results.spec = request.spec;
        pending.results.fromMs = fromMs;
        pending.results.toMs = toMs;
        pending.results.plotWidth = request.plotWidth;
        pending.results.decimate = !m_baseline;
        const bool previous = needsPreviousPeriod(request.spec, compare);
        const qsizetype queries = request.spec.queries.size();
        pending.results.current.resize(queries);
        if (previous)
            pending.results.previous.resize(queries);
        pending.outstanding = int(queries * (previous ? 2 : 1));
        m_pending.insert(id, pending);
        if (pending.outstanding == 0 || !m_store) {
            finish(id);
            continue;
        }
        const qint64 length = toMs - fromMs;
        for (int q = 0; q < queries; ++q) {
            const dashboard::PanelQuery &query = request.spec.queries.at(q);
            storage::QueryRequest r;
            r.metric = query.metric;
            r.labelFilter = query.labelFilter;
            r.aggregation = query.aggregation;
            r.fromMs = fromMs;
            r.toMs = toMs;
            if (m_baseline) {
                r.forceTier = storage::Tier::Raw;
                r.stepMs = 1;                       // one output point per stored sample
            } else {
                r.points = pointsFor(request.spec, request.plotWidth);
            }
            issue(id, generation, q, false, r);
            if (previous) {
                r.fromMs -= length;
                r.toMs -= length;
                issue(id, generation, q, true, r);
            }
        }
    }
}

void PanelLoader::issue(const QString &panelId, quint64 generation, int index, bool previous,
                        storage::QueryRequest request)
{
    ++m_queriesIssued;
    m_store->query(std::move(request), this,
                   [this, panelId, generation, index, previous](Result<storage::QueryResult> result) {
                       answered(panelId, generation, index, previous, std::move(result));
                   });
}

void PanelLoader::answered(const QString &panelId, quint64 generation, int index, bool previous,
                           Result<storage::QueryResult> result)
{
    auto it = m_pending.find(panelId);
    if (it == m_pending.end() || it->generation != generation)
        return; // stale: the panel was reloaded or removed meanwhile
    if (result) {
        (previous ? it->results.previous : it->results.current)[index] = std::move(result.value());
    } else if (it->results.error.isEmpty()) {
        it->results.error = tr("Could not read this panel's data: %1").arg(result.error().userMessage);
    }
    if (--it->outstanding == 0)
        finish(panelId);
}

void PanelLoader::finish(const QString &panelId)
{
    Pending pending = m_pending.take(panelId);
    const dashboard::PanelSpec &spec = pending.results.spec;
    if (!spec.queries.isEmpty())
        pending.results.metricUnit = m_units.value(spec.queries.constFirst().metric);
    const quint64 generation = pending.generation;
    // Grouping, percentiles, summaries and decimation: off the GUI thread.
    runInBackground(
        this, [results = std::move(pending.results)] { return buildPanelData(results); },
        [this, panelId, generation](PanelData data) {
            if (m_generations.value(panelId) != generation)
                return;
            Q_EMIT panelLoaded(panelId, data);
        });
}

void PanelLoader::forget(const QString &panelId)
{
    m_pending.remove(panelId);
    m_generations.remove(panelId);
}

} // namespace stackscope::app
