#pragma once

#include "dashboard/dashboardspec.h"
#include "storage/metricstore.h"
#include "storage/query.h"

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace stackscope::app {

// What the explorer plots: one metric, narrowed by the labels of the selected tree node (its project and
// service, or every label of one series) and by the label filter chips. Pure functions over it build the
// store query, the panel spec handed to a dashboard and the texts, so they are easy to test.
struct ExplorerTarget
{
    QString metric;
    Labels scope;                 // fixed by the tree selection
    bool singleSeries = false;    // a series node was selected
    bool isValid() const { return !metric.isEmpty(); }
    friend bool operator==(const ExplorerTarget &, const ExplorerTarget &) = default;
};

namespace explorerquery {

constexpr int kMaxPlottedSeries = 20;

// The scope plus the chips (a chip on a label the scope already pins is ignored).
Labels labelFilter(const ExplorerTarget &target, const Labels &chips);

// The distinct values of every label of the target's series that the scope does not pin (and that are not
// project or service), each sorted; only series that also match `chips` count, except for the chip's own label
// so that a chip can still be switched to another value.
QMap<QString, QStringList> labelValues(const QList<storage::SeriesInfo> &catalogue, const ExplorerTarget &target,
                                       const Labels &chips);

// "metric · country=DE, code=5xx": the metric and the labels that narrow it beyond project and service.
QString title(const ExplorerTarget &target, const Labels &chips);

// A line panel drawing the target as the explorer shows it.
dashboard::PanelSpec panelSpec(const ExplorerTarget &target, const Labels &chips, storage::Aggregation aggregation,
                               const QString &unit);

// The labels whose values differ between the given series (what a legend needs to tell them apart).
QStringList varyingLabels(const QList<Labels> &series);
QString legendName(const QString &metric, const Labels &labels, const QStringList &varying);

// The smallest "round" step (1 s, 5 s, … 1 min, 5 min, 15 min, … 1 h, … 1 d, 7 d) that gives at most `points`
// steps over `rangeMs`, so a sum per step reads as "per 15 min" rather than "per 11 min 23 s".
qint64 niceStep(qint64 rangeMs, int points);

// The series worth drawing when there are more than `cap`: the ones with the largest average, in their
// original order otherwise. Returns the indices into `series`.
QList<qsizetype> pickSeries(const QList<storage::SeriesPoints> &series, int cap = kMaxPlottedSeries);

} // namespace explorerquery

} // namespace stackscope::app
