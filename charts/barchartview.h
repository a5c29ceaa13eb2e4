#pragma once

#include "timeserieschartview.h"

class QAbstractBarSeries;
class QBarCategoryAxis;

namespace stackscope::charts {

// Bars over time: the time range is cut into equal buckets (setBucketCount(), or automatic from the width),
// each series' points are aggregated per bucket (sum by default: bars usually count things), and each bucket
// shows one bar per series side by side (grouped) or one bar of all series on top of each other (stacked).
// The time axis, crosshair (the bucket's values), legend toggling, drag-to-zoom and themes are those of
// TimeSeriesChartView. Comparison series are not drawn by bar charts.
class BarChartView : public TimeSeriesChartView
{
    Q_OBJECT

public:
    enum class Aggregation { Sum, Average, Max, Last };

    explicit BarChartView(QWidget *parent = nullptr);
    ~BarChartView() override;

    void setStacked(bool stacked);
    bool isStacked() const { return m_stacked; }
    // 0 (the default): about one bucket per 14 pixels, between 4 and 120.
    void setBucketCount(int count);
    int bucketCount() const;                         // the count in use
    void setAggregation(Aggregation aggregation);
    Aggregation aggregation() const { return m_aggregation; }

    // Aggregates `points` into `count` equal buckets over [fromMs, toMs): x is the bucket's centre, y NaN for
    // a bucket without points. (Public for tests and for panels that want the numbers.)
    static QList<QPointF> bucketize(const QList<QPointF> &points, qint64 fromMs, qint64 toMs, int count,
                                    Aggregation aggregation);

protected:
    DecimationWorker::Job makeJob(JobInput input) const override;
    void applyChart(const DecimatedChart &chart) override;
    void styleDrawn(QAbstractSeries *item, const QColor &color, bool comparison) override;
    bool visibilityNeedsRecompute() const override { return true; }
    double valueAt(qsizetype index, qint64 timeMs) const override;
    qsizetype markerOwner(QLegendMarker *marker) const override;
    bool valueAxisIncludesZero() const override { return true; }
    void resizeEvent(QResizeEvent *event) override;

private:
    QAbstractBarSeries *m_bars = nullptr;
    QBarCategoryAxis *m_categories = nullptr;
    Aggregation m_aggregation = Aggregation::Sum;
    int m_bucketCount = 0;
    bool m_stacked = false;
};

} // namespace stackscope::charts
