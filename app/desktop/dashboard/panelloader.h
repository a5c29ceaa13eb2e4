#pragma once

#include "paneldata.h"

#include <QHash>
#include <QObject>
#include <QSet>

namespace stackscope::storage { class StoreService; }

namespace stackscope::app {

// Loads panels' data (N1): one StoreService::query per panel query (and per previous-period query), with
// `points` = the panel's width in pixels so the store reads the coarsest tier that still fills it. When every
// query of a panel is back, its PanelData is computed on the thread pool and delivered with panelLoaded(), one
// delivery (so one repaint) per panel and refresh. A newer load of a panel makes older answers for it stale:
// they are dropped, never painted over newer data.
class PanelLoader : public QObject
{
    Q_OBJECT

public:
    struct Request
    {
        dashboard::PanelSpec spec;
        int plotWidth = 600;
    };

    explicit PanelLoader(storage::StoreService *store, QObject *parent = nullptr);
    ~PanelLoader() override;

    // Benchmark baseline only: every query reads the raw tier with all its points, and nothing is decimated
    // before the panels get it.
    void setBaseline(bool baseline) { m_baseline = baseline; }

    void load(const QList<Request> &requests, qint64 fromMs, qint64 toMs, bool compare);
    void forget(const QString &panelId);               // a removed panel: drop whatever is in flight
    int inFlight() const { return int(m_pending.size()); }
    qint64 queriesIssued() const { return m_queriesIssued; }

Q_SIGNALS:
    void panelLoaded(const QString &panelId, const stackscope::app::PanelData &data);

private:
    struct Pending
    {
        quint64 generation = 0;
        int outstanding = 0;
        PanelQueryResults results;
    };
    void requestUnits(const QList<Request> &requests);
    void issue(const QString &panelId, quint64 generation, int index, bool previous, storage::QueryRequest request);
    void answered(const QString &panelId, quint64 generation, int index, bool previous,
                  Result<storage::QueryResult> result);
    void finish(const QString &panelId);

    storage::StoreService *m_store = nullptr;
    QHash<QString, Pending> m_pending;
    QHash<QString, quint64> m_generations;
    QHash<QString, QString> m_units;          // metric → unit from the catalogue
    QSet<QString> m_unitsAsked;
    quint64 m_nextGeneration = 0;
    qint64 m_queriesIssued = 0;
    bool m_baseline = false;
};

} // namespace stackscope::app
