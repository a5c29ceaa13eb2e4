// TimeSeriesChartView: colours from the palette, and the axes (the data side is in timeserieschartview.cpp).
#include "timeserieschartview.h"

#include "chartoverlay.h"
#include "timeaxis.h"

#include <QChart>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QLabel>
#include <QLegend>
#include <QLineSeries>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <limits>

namespace stackscope::charts {

void TimeSeriesChartView::styleDrawn(QAbstractSeries *item, const QColor &color, bool comparison)
{
    auto *line = qobject_cast<QLineSeries *>(item);
    if (!line)
        return;
    QPen pen(comparison ? withAlpha(color, 0.7) : color);
    // One logical pixel, as Grafana draws by default. Qt's raster engine strokes pens of at most one device pixel
    // with its fast cosmetic stroker; wider ones go through QStroker, which builds a join at every vertex, and
    // that was most of a dashboard's paint time. On a 2x screen the line is two device pixels (QStroker again,
    // with cheap bevel joins rather than round ones, which cost an arc each).
    pen.setWidthF(kLineWidth);
    pen.setCapStyle(Qt::FlatCap);
    pen.setJoinStyle(Qt::BevelJoin);
    if (comparison)
        pen.setDashPattern({4.0, 3.0});
    line->setPen(pen);
    line->setColor(pen.color());
    line->setMarkerSize(5.0);
}

void TimeSeriesChartView::applyPalette()
{
    m_colors = chartColors(palette());
    const ChartColors &c = m_colors;

    setBackgroundBrush(c.background);
    m_chart->setBackgroundBrush(c.background);
    m_chart->setBackgroundPen(Qt::NoPen);
    m_chart->setPlotAreaBackgroundVisible(false);
    m_chart->setTitleBrush(c.text);
    m_chart->legend()->setLabelColor(c.text);
    m_chart->legend()->setFont(font());

    QFont labelFont = font();
    labelFont.setPointSizeF(labelFont.pointSizeF() * 0.9);
    for (QAbstractAxis *axis : {static_cast<QAbstractAxis *>(m_timeAxis), static_cast<QAbstractAxis *>(m_valueAxis)}) {
        axis->setLabelsFont(labelFont);
        axis->setLabelsBrush(c.axisLabel);
        axis->setTitleBrush(c.axisLabel);
        axis->setTitleFont(labelFont);
        axis->setGridLineColor(c.grid);
        axis->setLinePenColor(c.axisLine);
        axis->setMinorGridLineVisible(false);
    }
    m_timeAxis->setGridLineVisible(true);

    for (const Drawn &d : std::as_const(m_drawn))
        styleDrawn(d.item, colorOf(d.owner), d.comparison);
    updateLegend();

    m_overlay->setColors(c);
    m_overlay->setFont(font());

    QPalette labelPalette = m_emptyLabel->palette();
    labelPalette.setColor(QPalette::WindowText, c.placeholder);
    m_emptyLabel->setPalette(labelPalette);
}

void TimeSeriesChartView::applyVisibility()
{
    for (const Drawn &d : std::as_const(m_drawn)) {
        if (d.owner >= 0 && d.item)
            d.item->setVisible(isSeriesVisible(d.owner));
    }
}

void TimeSeriesChartView::updateTimeAxis()
{
    m_timeAxis->setRange(QDateTime::fromMSecsSinceEpoch(m_fromMs), QDateTime::fromMSecsSinceEpoch(m_toMs));
    m_timeAxis->setFormat(timeAxisLabelFormat(m_toMs - m_fromMs));
    m_timeAxis->setTickCount(timeAxisTickCount(plotWidth(), m_toMs - m_fromMs));
}

void TimeSeriesChartView::updateValueAxis()
{
    double lo = std::numeric_limits<double>::infinity();
    double hi = -std::numeric_limits<double>::infinity();
    auto include = [&](const DecimatedSeries &s) {
        if (std::isnan(s.minY) || std::isnan(s.maxY))
            return;
        lo = std::min(lo, s.minY);
        hi = std::max(hi, s.maxY);
    };
    for (qsizetype i = 0; i < m_current.series.size(); ++i) {
        if (isSeriesVisible(i))
            include(m_current.series.at(i));
    }
    for (qsizetype i = 0; i < m_current.comparison.size(); ++i) {
        if (i >= m_series.size() || isSeriesVisible(i))
            include(m_current.comparison.at(i));
    }
    if (std::isfinite(lo) && valueAxisIncludesZero()) {
        lo = std::min(lo, 0.0);
        hi = std::max(hi, 0.0);
    }
    if (!std::isfinite(lo)) {
        lo = 0.0;
        hi = 1.0;
    } else if (hi - lo < 1e-12) {
        const double pad = std::abs(hi) > 1e-12 ? std::abs(hi) * 0.1 : 1.0;
        lo -= pad;
        hi += pad;
        if (lo < 0.0 && hi - pad >= 0.0)
            lo = 0.0;
    } else {
        // Non-negative data whose low end is close to zero reads best from a zero baseline.
        if (lo >= 0.0 && lo <= 0.35 * hi)
            lo = 0.0;
        else
            lo -= (hi - lo) * 0.05;
        hi += (hi - lo) * 0.05;
    }
    const int plotHeight = int(m_chart->plotArea().height()) > 16 ? int(m_chart->plotArea().height()) : height() - 60;
    const int wanted = std::clamp(plotHeight / std::max(1, fontMetrics().height() * 3) + 1, 3, 9);
    // Round numbers for the ticks (1, 2, 2.5 or 5 times a power of ten) and a range that starts and ends on one.
    const double rough = (hi - lo) / double(wanted - 1);
    const double magnitude = std::pow(10.0, std::floor(std::log10(rough)));
    double step = magnitude * 10.0;
    for (double factor : {1.0, 2.0, 2.5, 5.0, 10.0}) {
        if (magnitude * factor >= rough * 0.999) {
            step = magnitude * factor;
            break;
        }
    }
    const double niceLo = std::floor(lo / step + 1e-9) * step;
    const double niceHi = std::ceil(hi / step - 1e-9) * step;
    m_valueAxis->setRange(niceLo, niceHi);
    m_valueAxis->setTickCount(int(std::lround((niceHi - niceLo) / step)) + 1);
    m_valueAxis->setLabelFormat(QStringLiteral("%.") + QString::number(valueAxisDecimals(step)) + QStringLiteral("f"));
}

} // namespace stackscope::charts
