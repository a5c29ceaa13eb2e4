#pragma once

#include "dashboard/dashboardspec.h"
#include "storage/query.h"

#include <QList>
#include <QPointF>
#include <QString>

#include <optional>

namespace stackscope::app {

// One line (or bar series) a panel draws: x in Unix epoch milliseconds.
struct PlotSeries
{
    QString name;
    QList<QPointF> points;
    int colorIndex = 0;
};

// One row of a table or a top-N list: a series reduced over the range.
struct SeriesSummary
{
    QString name;
    double last = 0.0;
    double min = 0.0;
    double max = 0.0;
    double avg = 0.0;
    double value = 0.0;      // the panel's aggregation over the range (what a top-N list ranks by)
    int colorIndex = 0;
};

// Everything a panel widget needs to paint one refresh: computed off the GUI thread (buildPanelData), handed
// over in one piece, so a panel repaints once per refresh however many queries it made.
struct PanelData
{
    qint64 fromMs = 0;
    qint64 toMs = 0;
    qint64 stepMs = 0;                 // the coarsest step of the data drawn (current and previous period)
    QString unit;                      // the panel's unit, else the metric's
    QList<PlotSeries> series;          // the range
    QList<PlotSeries> previous;        // the previous period, shifted onto the range (compare)
    QList<SeriesSummary> summaries;    // tables and top-N lists (top-N: sorted, at most topN)
    std::optional<double> value;       // single stat, gauge, status
    std::optional<double> previousValue;
    QList<QPointF> sparkline;
    QString error;                     // plain words; set when the data could not be read
    qsizetype pointCount = 0;          // points handed to painting

    bool hasData() const { return value.has_value() || !summaries.isEmpty() || pointCount > 0; }
};

// What the store returned for one panel in one refresh.
struct PanelQueryResults
{
    dashboard::PanelSpec spec;
    qint64 fromMs = 0;
    qint64 toMs = 0;
    QString metricUnit;
    int plotWidth = 600;               // decimation target in pixels
    bool decimate = true;              // off only for the benchmark's baseline
    QList<storage::QueryResult> current;    // one per query, in query order
    QList<storage::QueryResult> previous;   // the same for the previous period, when asked for
    QString error;
};

// Whether a panel of this type needs the previous period even without "compare" (the stat's delta).
bool needsPreviousPeriod(const dashboard::PanelSpec &spec, bool compare);
// How many points to ask the store for, for a panel `plotWidth` pixels wide (the store picks the tier).
int pointsFor(const dashboard::PanelSpec &spec, int plotWidth);
// Value of a whole range under an aggregation: total for sum/count, mean for avg, min, max, last.
std::optional<double> reduce(const QList<QPointF> &points, storage::Aggregation aggregation);
// The percentile p (0-100) of `values` (linear interpolation); values is sorted in place.
double percentile(QList<double> &values, double p);

PanelData buildPanelData(const PanelQueryResults &results);

} // namespace stackscope::app
