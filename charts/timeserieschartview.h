#pragma once

#include "chartseries.h"

#include <QChartView>
#include <QList>
#include <QString>

class QChart;
class QDateTimeAxis;
class QLabel;
class QLineSeries;
class QTimer;
class QValueAxis;

namespace stackscope::charts {

// A line chart over time: a QDateTimeAxis whose label format suits the visible range, a QValueAxis with nice
// ticks, and one or more series. Each update hands every line to Qt Charts with one QXYSeries::replace();
// long series are min/max-decimated to about two points per pixel first, and gaps in the data stay gaps.
// Colours follow the widget's palette, so a light or dark application palette is picked up on the fly.
// With no points in range the chart shows an empty-state text instead of a bare grid.
class TimeSeriesChartView : public QChartView
{
    Q_OBJECT

public:
    explicit TimeSeriesChartView(QWidget *parent = nullptr);
    ~TimeSeriesChartView() override;

    // The visible time range in Unix epoch milliseconds [fromMs, toMs).
    void setTimeRange(qint64 fromMs, qint64 toMs);
    qint64 fromMs() const { return m_fromMs; }
    qint64 toMs() const { return m_toMs; }

    void setSeries(const QList<ChartSeries> &series);
    void clearSeries();
    const QList<ChartSeries> &series() const { return m_series; }

    void setValueAxisTitle(const QString &title);

    // The text shown while there is nothing to draw; defaults to "No data in this range".
    void setEmptyText(const QString &text);
    QString emptyText() const;
    bool isShowingEmptyText() const;

    // Points currently handed to Qt Charts (after decimation), over all lines.
    qsizetype pointCount() const { return m_drawnPoints; }
    // The width of the plot area in pixels: the number of points worth asking a store for.
    int plotWidth() const;

protected:
    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void rebuild();
    void applyPalette();
    void updateTimeAxis();
    void updateValueAxis();
    void updateEmptyState();
    QLineSeries *lineAt(qsizetype index);
    void onLineHovered(const QLineSeries *line, const QPointF &point, bool state);

    QChart *m_chart = nullptr;
    QDateTimeAxis *m_timeAxis = nullptr;
    QValueAxis *m_valueAxis = nullptr;
    QLabel *m_emptyLabel = nullptr;
    QTimer *m_resizeTimer = nullptr;
    QList<QLineSeries *> m_lines;       // one per drawn segment
    QList<qsizetype> m_lineOwner;       // index into m_series for each line
    QList<ChartSeries> m_series;
    qint64 m_fromMs = 0;
    qint64 m_toMs = 0;
    qsizetype m_drawnPoints = 0;
    int m_renderedWidth = 0;
    bool m_customEmptyText = false;
};

} // namespace stackscope::charts
