// TimeSeriesChartView: the crosshair tooltip, legend toggling and drag-to-zoom (the data side is in
// timeserieschartview.cpp).
#include "timeserieschartview.h"

#include "chartoverlay.h"

#include <QApplication>
#include <QChart>
#include <QDateTime>
#include <QFontMetrics>
#include <QLegend>
#include <QLegendMarker>
#include <QLocale>
#include <QMouseEvent>

#include <cmath>

namespace stackscope::charts {

namespace {

constexpr qint64 kDayMs = 24 * 3'600'000LL;

// The crosshair's time, as precise as the visible range makes sense of.
QString crosshairTimeFormat(qint64 spanMs)
{
    if (spanMs <= 3'600'000LL)
        return QStringLiteral("ddd d MMM HH:mm:ss");
    if (spanMs <= 180 * kDayMs)
        return QStringLiteral("ddd d MMM HH:mm");
    return QStringLiteral("d MMM yyyy HH:mm");
}

} // namespace

bool TimeSeriesChartView::isSeriesVisible(qsizetype index) const
{
    return index >= 0 && index < m_series.size() && !m_hiddenNames.contains(m_series.at(index).name);
}

void TimeSeriesChartView::setSeriesVisible(qsizetype index, bool visible)
{
    if (index < 0 || index >= m_series.size() || isSeriesVisible(index) == visible)
        return;
    if (visible)
        m_hiddenNames.remove(m_series.at(index).name);
    else
        m_hiddenNames.insert(m_series.at(index).name);
    if (visibilityNeedsRecompute()) {
        rebuild();
    } else {
        applyVisibility();
        updateLegend();
        updateValueAxis();
    }
    Q_EMIT seriesVisibilityChanged(index, visible);
}

qsizetype TimeSeriesChartView::markerOwner(QLegendMarker *marker) const
{
    for (const Drawn &d : m_drawn) {
        if (d.item == marker->series())
            return d.legend ? d.owner : -1;
    }
    return -1;
}

void TimeSeriesChartView::updateLegend()
{
    QLegend *legend = m_chart->legend();
    bool show = m_legendPolicy == LegendPolicy::Shown;
    if (m_legendPolicy == LegendPolicy::Auto && m_series.size() > 1) {
        // Qt Charts lays the legend out in one row and elides what does not fit, down to bare colour swatches;
        // a row of unnamed swatches says nothing, so Auto shows the legend only when every name fits. The
        // crosshair tooltip names every series either way.
        const QFontMetrics metrics(legend->font());
        int needed = 0;
        for (const ChartSeries &series : std::as_const(m_series))
            needed += metrics.horizontalAdvance(series.name) + metrics.height() * 2; // swatch and spacing
        show = needed <= width();
    }
    legend->setVisible(show);
    const auto markers = legend->markers();
    for (QLegendMarker *marker : markers) {
        const qsizetype owner = markerOwner(marker);
        // Qt hides the marker of a hidden series; a hidden series keeps its entry so it can be shown again.
        marker->setVisible(owner >= 0);
        if (owner < 0)
            continue;
        const bool visible = isSeriesVisible(owner);
        const QColor color = colorOf(owner);
        marker->setLabelBrush(visible ? m_colors.text : withAlpha(m_colors.text, 0.4));
        marker->setBrush(visible ? color : withAlpha(color, 0.25));
        marker->setPen(Qt::NoPen);
        marker->setShape(QLegend::MarkerShapeRectangle);
        connect(marker, &QLegendMarker::clicked, this, &TimeSeriesChartView::handleMarkerClicked,
                Qt::UniqueConnection);
    }
}

void TimeSeriesChartView::handleMarkerClicked()
{
    auto *marker = qobject_cast<QLegendMarker *>(sender());
    if (!marker)
        return;
    const qsizetype owner = markerOwner(marker);
    if (owner >= 0)
        setSeriesVisible(owner, !isSeriesVisible(owner));
}

double TimeSeriesChartView::valueAt(qsizetype index, qint64 timeMs) const
{
    const ChartSeries &s = m_series.at(index);
    const qsizetype i = nearestPointIndex(s.points, double(timeMs));
    if (i < 0)
        return qQNaN();
    // Further than one data step from any point (inside a gap, before the data starts): no value.
    const double spacing = std::max(double(std::max<qint64>(0, s.expectedStepMs)), typicalSpacing(s.points));
    const double tolerance = std::max(spacing, 2.0 * double(m_toMs - m_fromMs) / std::max(1, plotWidth()));
    if (std::abs(s.points.at(i).x() - double(timeMs)) > tolerance)
        return qQNaN();
    return s.points.at(i).y();
}

QString TimeSeriesChartView::tooltipHeader(qint64 timeMs) const
{
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(timeMs), crosshairTimeFormat(m_toMs - m_fromMs));
}

QList<TimeSeriesChartView::TooltipRow> TimeSeriesChartView::tooltipRows(qint64 timeMs) const
{
    QList<TooltipRow> rows;
    for (qsizetype i = 0; i < m_series.size(); ++i) {
        if (isSeriesVisible(i))
            rows.append({colorOf(i), m_series.at(i).name, m_formatter(valueAt(i, timeMs), m_series.at(i).unit), false});
    }
    for (qsizetype i = 0; i < m_comparison.size(); ++i) {
        if (i < m_series.size() && !isSeriesVisible(i))
            continue;
        const ChartSeries &s = m_comparison.at(i);
        const qint64 then = timeMs - m_comparisonShiftMs;
        const qsizetype at = nearestPointIndex(s.points, double(then));
        double value = qQNaN();
        const double tolerance = std::max(double(std::max<qint64>(0, s.expectedStepMs)), typicalSpacing(s.points));
        if (at >= 0 && std::abs(s.points.at(at).x() - double(then)) <= tolerance)
            value = s.points.at(at).y();
        rows.append({colorOf(i), tr("%1 (previous)").arg(s.name), m_formatter(value, s.unit), true});
    }
    return rows;
}

QString TimeSeriesChartView::crosshairText(qint64 timeMs) const
{
    QStringList lines{tooltipHeader(timeMs)};
    const QList<TooltipRow> rows = tooltipRows(timeMs);
    for (const TooltipRow &row : rows)
        lines.append(row.name + QStringLiteral(": ") + row.value);
    return lines.join(QLatin1Char('\n'));
}

bool TimeSeriesChartView::isCrosshairVisible() const
{
    return m_overlay->isCrosshairShown();
}

QString TimeSeriesChartView::crosshairToolTip() const
{
    return isCrosshairVisible() ? m_crosshairText : QString();
}

void TimeSeriesChartView::showCrosshairAt(qint64 timeMs)
{
    if (m_series.isEmpty() || m_drawnPoints == 0) {
        hideCrosshair();
        return;
    }
    const QRectF plot = m_chart->plotArea();
    const double x = plot.left() + double(timeMs - m_fromMs) / double(m_toMs - m_fromMs) * plot.width();
    if (x < plot.left() || x > plot.right()) {
        hideCrosshair();
        return;
    }
    QList<ChartOverlay::Row> rows;
    const QList<TooltipRow> tooltip = tooltipRows(timeMs);
    QStringList lines{tooltipHeader(timeMs)};
    for (const TooltipRow &row : tooltip) {
        rows.append({row.color, row.name, row.value, row.comparison});
        lines.append(row.name + QStringLiteral(": ") + row.value);
    }
    m_crosshairText = lines.join(QLatin1Char('\n'));
    m_crosshairTime = timeMs;
    m_overlay->setPlotArea(plot.translated(m_chart->pos()));
    m_overlay->showCrosshair(x + m_chart->pos().x(), lines.constFirst(), rows);
    Q_EMIT hoveredTimeChanged(timeMs);
}

void TimeSeriesChartView::hideCrosshair()
{
    if (!m_overlay->isCrosshairShown())
        return;
    m_overlay->hideCrosshair();
    m_crosshairText.clear();
    Q_EMIT hoveredTimeChanged(-1);
}

double TimeSeriesChartView::toChartX(double viewportX) const
{
    return mapToScene(QPoint(int(std::lround(viewportX)), 0)).x() - m_chart->pos().x();
}

bool TimeSeriesChartView::inPlot(const QPointF &viewportPos) const
{
    const QPointF scenePos = mapToScene(viewportPos.toPoint());
    return m_chart->plotArea().contains(scenePos - m_chart->pos());
}

qint64 TimeSeriesChartView::timeAtPosition(double x) const
{
    const QRectF plot = m_chart->plotArea();
    if (plot.width() <= 0.0)
        return m_fromMs;
    const double fraction = std::clamp((toChartX(x) - plot.left()) / plot.width(), 0.0, 1.0);
    return m_fromMs + qint64(std::llround(fraction * double(m_toMs - m_fromMs)));
}

double TimeSeriesChartView::positionOfTime(qint64 timeMs) const
{
    const QRectF plot = m_chart->plotArea();
    const double chartX = plot.left() + double(timeMs - m_fromMs) / double(m_toMs - m_fromMs) * plot.width();
    return mapFromScene(QPointF(chartX + m_chart->pos().x(), 0.0)).x();
}

void TimeSeriesChartView::updateCrosshair(double x)
{
    if (!m_crosshairEnabled)
        return;
    showCrosshairAt(timeAtPosition(x));
}

void TimeSeriesChartView::setCrosshairEnabled(bool enabled)
{
    m_crosshairEnabled = enabled;
    if (!enabled)
        hideCrosshair();
}

void TimeSeriesChartView::setZoomEnabled(bool enabled)
{
    m_zoomEnabled = enabled;
}

void TimeSeriesChartView::mousePressEvent(QMouseEvent *event)
{
    if (m_zoomEnabled && event->button() == Qt::LeftButton && inPlot(event->position())) {
        m_dragStartX = event->position().x();
        m_dragging = false;
        event->accept();
        return;
    }
    QChartView::mousePressEvent(event);
}

void TimeSeriesChartView::mouseMoveEvent(QMouseEvent *event)
{
    const double x = event->position().x();
    if (m_dragStartX >= 0.0 && (event->buttons() & Qt::LeftButton)) {
        if (!m_dragging && std::abs(x - m_dragStartX) >= QApplication::startDragDistance())
            m_dragging = true;
        if (m_dragging) {
            hideCrosshair();
            const QRectF plot = m_chart->plotArea().translated(m_chart->pos());
            const double a = std::clamp(toChartX(m_dragStartX) + m_chart->pos().x(), plot.left(), plot.right());
            const double b = std::clamp(toChartX(x) + m_chart->pos().x(), plot.left(), plot.right());
            m_overlay->setPlotArea(plot);
            m_overlay->showSelection(a, b);
        }
        event->accept();
        return;
    }
    if (inPlot(event->position()))
        updateCrosshair(x);
    else
        hideCrosshair();
    QChartView::mouseMoveEvent(event);
}

void TimeSeriesChartView::mouseReleaseEvent(QMouseEvent *event)
{
    if (m_dragStartX >= 0.0 && event->button() == Qt::LeftButton) {
        const bool dragged = m_dragging;
        const double start = m_dragStartX;
        m_dragStartX = -1.0;
        m_dragging = false;
        m_overlay->hideSelection();
        if (dragged) {
            const qint64 a = timeAtPosition(std::min(start, event->position().x()));
            const qint64 b = timeAtPosition(std::max(start, event->position().x()));
            if (b > a)
                Q_EMIT zoomRequested(a, b);
        }
        event->accept();
        return;
    }
    QChartView::mouseReleaseEvent(event);
}

void TimeSeriesChartView::leaveEvent(QEvent *event)
{
    hideCrosshair();
    QChartView::leaveEvent(event);
}

} // namespace stackscope::charts
