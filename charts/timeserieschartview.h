#pragma once

#include "chartpalette.h"
#include "chartseries.h"
#include "decimation.h"
#include "decimationworker.h"

#include <QChartView>
#include <QHash>
#include <QList>
#include <QSet>
#include <QString>

#include <functional>

class QAbstractSeries;
class QChart;
class QDateTimeAxis;
class QLabel;
class QLegendMarker;
class QLineSeries;
class QTimer;
class QValueAxis;

namespace stackscope::charts {

class ChartOverlay;

// A chart over time, drawn as lines (AreaChartView and BarChartView draw the same data as areas and bars):
// a QDateTimeAxis whose label format suits the visible range, a QValueAxis with nice ticks, one or more series.
//
// Data: every update hands each drawn line to Qt Charts with one QXYSeries::replace(), all lines in the same
// event-loop turn, so the chart repaints once. Long series are decimated to about one bucket per pixel column
// (MinMax by default, or LTTB) with gaps kept as gaps; above inlinePointLimit() points in all, decimation runs
// on a pool thread (DecimationWorker) while the previous data stays on screen, and results of requests that
// were overtaken by a newer setSeries()/setTimeRange()/resize are dropped. dataApplied() says the new data is in
// the chart, dataPainted() that it has been painted.
//
// Interaction: a crosshair follows the mouse with a tooltip listing every visible series' value at the hovered
// time (nearest point per series, with its unit); clicking a legend entry hides or shows its series; dragging
// across the plot selects a time range and emits zoomRequested() (the caller decides whether to zoom). With
// setComparisonSeries() the previous period is drawn dashed, shifted onto the current one.
//
// Colours follow the widget's palette (chartpalette.h), so a light or dark application palette is picked up
// on the fly. Sizes are in device-independent pixels and font-relative. With no points the chart shows an
// empty-state text instead of a bare grid.
class TimeSeriesChartView : public QChartView
{
    Q_OBJECT

public:
    enum class LegendPolicy { Auto, Shown, Hidden };   // Auto: shown when there is more than one series
    using ValueFormatter = std::function<QString(double value, const QString &unit)>;

    explicit TimeSeriesChartView(QWidget *parent = nullptr);
    ~TimeSeriesChartView() override;

    // The visible time range in Unix epoch milliseconds [fromMs, toMs).
    void setTimeRange(qint64 fromMs, qint64 toMs);
    qint64 fromMs() const { return m_fromMs; }
    qint64 toMs() const { return m_toMs; }

    void setSeries(const QList<ChartSeries> &series);
    void clearSeries();
    const QList<ChartSeries> &series() const { return m_series; }

    // The previous period, drawn dashed in its series' colour with x shifted by `shiftMs` (usually the length
    // of the time range) and named "<name> (previous)". Cleared by clearComparisonSeries() or clearSeries().
    void setComparisonSeries(const QList<ChartSeries> &series, qint64 shiftMs);
    void clearComparisonSeries();
    const QList<ChartSeries> &comparisonSeries() const { return m_comparison; }
    qint64 comparisonShiftMs() const { return m_comparisonShiftMs; }

    // Legend toggling (also by clicking the legend entry). Hidden series are remembered by name across
    // setSeries() calls.
    void setSeriesVisible(qsizetype index, bool visible);
    bool isSeriesVisible(qsizetype index) const;

    void setValueAxisTitle(const QString &title);
    void setDecimationMethod(DecimationMethod method);
    DecimationMethod decimationMethod() const { return m_method; }
    void setLegendPolicy(LegendPolicy policy);
    // Formats values in the tooltip; defaults to formatValue() (valueformat.h).
    void setValueFormatter(ValueFormatter formatter);
    void setCrosshairEnabled(bool enabled);
    void setZoomEnabled(bool enabled);

    // Above this many points (all series together) decimation runs off the GUI thread. Default 20,000.
    void setInlinePointLimit(qsizetype points) { m_inlineLimit = points; }
    qsizetype inlinePointLimit() const { return m_inlineLimit; }
    bool isDecimating() const;           // a background decimation for the current data is running

    // The text shown while there is nothing to draw; defaults to "No data in this range".
    void setEmptyText(const QString &text);
    QString emptyText() const;
    bool isShowingEmptyText() const;

    // Points currently handed to Qt Charts (after decimation), over all lines.
    qsizetype pointCount() const { return m_drawnPoints; }
    // The width of the plot area in pixels: the number of points worth asking a store for.
    int plotWidth() const;

    // The crosshair tooltip for time `timeMs` as plain text: the time, then one line per visible series
    // "name: value unit" (nearest point of each series; "–" where a series has no point near that time).
    QString crosshairText(qint64 timeMs) const;
    bool isCrosshairVisible() const;
    // The plain text of the tooltip on screen now (empty when hidden).
    QString crosshairToolTip() const;
    // Shows the crosshair at `timeMs` as if the mouse hovered there (e.g. to sync the crosshairs of a
    // dashboard's panels); hideCrosshair() removes it.
    void showCrosshairAt(qint64 timeMs);
    void hideCrosshair();

    // The time at a position in viewport coordinates (clamped to the visible range), and back.
    qint64 timeAtPosition(double x) const;
    double positionOfTime(qint64 timeMs) const;

    // What a decimation job works on: a copy of the view's data and settings.
    struct JobInput
    {
        QList<ChartSeries> series;
        QList<ChartSeries> comparison;
        qint64 comparisonShiftMs = 0;
        QSet<qsizetype> hidden;
        qint64 fromMs = 0;
        qint64 toMs = 0;
        int buckets = 0;
        DecimationMethod method = DecimationMethod::MinMax;
    };
    // The line kind's computation: every series and comparison series decimated into gap-separated segments.
    static DecimatedChart computeLines(const JobInput &input);
    // The gap threshold for `series`: a jump in x beyond it is missing data (0: no gap detection).
    static double gapThreshold(const ChartSeries &series);
    // Fills minY/maxY of `series` from its segments' points inside [fromMs, toMs].
    static void measure(DecimatedSeries &series, qint64 fromMs, qint64 toMs);

Q_SIGNALS:
    // A drag across the plot selected [fromMs, toMs); the chart does not change its range by itself.
    void zoomRequested(qint64 fromMs, qint64 toMs);
    void seriesVisibilityChanged(qsizetype index, bool visible);
    // The mouse hovers time `timeMs` (crosshair shown) or left the plot (timeMs < 0).
    void hoveredTimeChanged(qint64 timeMs);
    // The current data (after the newest setSeries/setTimeRange/resize) is in the chart's series ...
    void dataApplied();
    // ... and has been painted at least once since.
    void dataPainted();

protected:
    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void leaveEvent(QEvent *event) override;

    // --- for the chart kinds that derive from this one (area, bar) ---
    // The computation to run (off the GUI thread for big inputs). It must capture only values (never `this`):
    // the view may be gone before it runs.
    virtual DecimationWorker::Job makeJob(JobInput input) const;
    // Hands `chart` to Qt Charts: one replace() per drawn line. Register what is drawn with addDrawn().
    virtual void applyChart(const DecimatedChart &chart);
    // Pens and brushes for the drawn items of series `owner` in `color`.
    virtual void styleDrawn(QAbstractSeries *item, const QColor &color, bool comparison);
    // The series a legend marker stands for (-1: none; the marker is hidden).
    virtual qsizetype markerOwner(QLegendMarker *marker) const;
    // Whether hiding a series needs a new computation (stacked kinds re-stack) or only hides its items.
    virtual bool visibilityNeedsRecompute() const { return false; }
    // The value the crosshair shows for series `index` at time `timeMs`, NaN if none near.
    virtual double valueAt(qsizetype index, qint64 timeMs) const;
    // The value axis always includes zero (areas, bars).
    virtual bool valueAxisIncludesZero() const { return false; }

    // The chart's line items, created on demand and reused (one replace() each).
    QLineSeries *lineAt(qsizetype index);
    qsizetype lineCount() const { return m_lines.size(); }
    void removeLinesFrom(qsizetype count);
    // Records `item` as drawing series `owner` (comparison: its previous-period overlay); `legend`: its legend
    // marker is the series' legend entry (one per series).
    void addDrawn(QAbstractSeries *item, qsizetype owner, bool comparison, bool legend);
    void clearDrawn();
    QColor colorOf(qsizetype owner) const;
    QDateTimeAxis *timeAxis() const { return m_timeAxis; }
    QValueAxis *valueAxis() const { return m_valueAxis; }
    const ChartColors &colors() const { return m_colors; }
    const DecimatedChart &currentChart() const { return m_current; }
    // Recompute and re-apply everything (after a setting of a derived kind changed).
    void rebuild();

private Q_SLOTS:
    void handleMarkerClicked();

private:
    struct Drawn
    {
        QAbstractSeries *item = nullptr;
        qsizetype owner = 0;
        bool comparison = false;
        bool legend = false;
    };
    struct TooltipRow
    {
        QColor color;
        QString name;
        QString value;
        bool comparison = false;
    };
    QList<TooltipRow> tooltipRows(qint64 timeMs) const;
    QString tooltipHeader(qint64 timeMs) const;
    JobInput currentInput() const;
    void receive(quint64 generation, const DecimatedChart &chart);
    void apply(const DecimatedChart &chart);
    void applyPalette();
    void applyVisibility();
    void updateLegend();
    void updateTimeAxis();
    void updateValueAxis();
    void updateEmptyState();
    void updateCrosshair(double x);
    double toChartX(double viewportX) const;
    bool inPlot(const QPointF &viewportPos) const;

    QChart *m_chart = nullptr;
    QDateTimeAxis *m_timeAxis = nullptr;
    QValueAxis *m_valueAxis = nullptr;
    QLabel *m_emptyLabel = nullptr;
    QTimer *m_resizeTimer = nullptr;
    DecimationWorker *m_worker = nullptr;
    ChartOverlay *m_overlay = nullptr;
    QList<QLineSeries *> m_lines;
    QList<Drawn> m_drawn;
    QList<ChartSeries> m_series;
    QList<ChartSeries> m_comparison;
    qint64 m_comparisonShiftMs = 0;
    QSet<QString> m_hiddenNames;
    DecimatedChart m_current;
    ChartColors m_colors;
    ValueFormatter m_formatter;
    DecimationMethod m_method = DecimationMethod::MinMax;
    LegendPolicy m_legendPolicy = LegendPolicy::Auto;
    qint64 m_fromMs = 0;
    qint64 m_toMs = 0;
    qsizetype m_drawnPoints = 0;
    qsizetype m_inlineLimit = 20'000;
    int m_renderedWidth = 0;
    QString m_crosshairText;
    qint64 m_crosshairTime = 0;
    bool m_customEmptyText = false;
    bool m_paintPending = false;
    bool m_crosshairEnabled = true;
    bool m_zoomEnabled = true;
    double m_dragStartX = -1.0;
    bool m_dragging = false;
};

} // namespace stackscope::charts
