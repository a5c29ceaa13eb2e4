#include "chartoverlay.h"

#include <QFontMetricsF>
#include <QPainter>

#include <algorithm>

namespace stackscope::charts {

namespace {
// Spacing inside the tooltip, in multiples of the font's height so it scales with the font.
constexpr double kPadding = 0.45;
constexpr double kSwatch = 0.6;
constexpr double kColumnGap = 1.2;
} // namespace

ChartOverlay::ChartOverlay()
{
    setZValue(1000.0);
    setAcceptedMouseButtons(Qt::NoButton);
    setAcceptHoverEvents(false);
}

void ChartOverlay::setColors(const ChartColors &colors)
{
    m_colors = colors;
    update();
}

void ChartOverlay::setFont(const QFont &font)
{
    prepareGeometryChange();
    m_font = font;
}

void ChartOverlay::setPlotArea(const QRectF &plotArea)
{
    if (plotArea == m_plot)
        return;
    prepareGeometryChange();
    m_plot = plotArea;
}

void ChartOverlay::showCrosshair(double x, const QString &header, const QList<Row> &rows)
{
    prepareGeometryChange();
    m_x = x;
    m_header = header;
    m_rows = rows;
    m_crosshair = true;
    update();
}

void ChartOverlay::hideCrosshair()
{
    if (!m_crosshair)
        return;
    prepareGeometryChange();
    m_crosshair = false;
    update();
}

void ChartOverlay::showSelection(double x0, double x1)
{
    m_sel0 = std::min(x0, x1);
    m_sel1 = std::max(x0, x1);
    m_selection = true;
    update();
}

void ChartOverlay::hideSelection()
{
    if (!m_selection)
        return;
    m_selection = false;
    update();
}

QRectF ChartOverlay::tooltipRect() const
{
    const QFontMetricsF fm(m_font);
    QFont bold = m_font;
    bold.setBold(true);
    const QFontMetricsF fmBold(bold);
    const double line = fm.height();
    double nameWidth = 0.0;
    double valueWidth = 0.0;
    for (const Row &row : m_rows) {
        nameWidth = std::max(nameWidth, fm.horizontalAdvance(row.name));
        valueWidth = std::max(valueWidth, fmBold.horizontalAdvance(row.value));
    }
    const double rowsWidth = m_rows.isEmpty() ? 0.0
                                              : line * (kSwatch + kPadding) + nameWidth + line * kColumnGap + valueWidth;
    const double width = std::max(fmBold.horizontalAdvance(m_header), rowsWidth) + 2 * kPadding * line;
    const double height = line * (1 + m_rows.size()) + 2 * kPadding * line + (m_rows.isEmpty() ? 0 : line * 0.25);
    // Right of the crosshair, or left of it when that would leave the plot; near the top of the plot.
    const double gap = line * 0.8;
    double left = m_x + gap;
    if (left + width > m_plot.right() && m_x - gap - width >= m_plot.left() - line)
        left = m_x - gap - width;
    left = std::max(left, m_plot.left() - line);
    return QRectF(left, m_plot.top() + line * 0.3, width, height);
}

QRectF ChartOverlay::boundingRect() const
{
    QRectF r = m_plot;
    if (m_crosshair)
        r = r.united(tooltipRect());
    return r.adjusted(-2, -2, 2, 2);
}

void ChartOverlay::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing, true);
    if (m_selection) {
        const QRectF band(m_sel0, m_plot.top(), m_sel1 - m_sel0, m_plot.height());
        painter->fillRect(band, m_colors.selection);
        QColor edge = m_colors.selection;
        edge.setAlphaF(std::min(1.0f, edge.alphaF() * 3.0f));
        painter->setPen(QPen(edge, 1.0));
        painter->drawLine(QPointF(band.left(), band.top()), QPointF(band.left(), band.bottom()));
        painter->drawLine(QPointF(band.right(), band.top()), QPointF(band.right(), band.bottom()));
    }
    if (m_crosshair) {
        QPen pen(m_colors.crosshair, 1.0, Qt::DashLine);
        pen.setCosmetic(true);
        painter->setPen(pen);
        painter->drawLine(QPointF(m_x, m_plot.top()), QPointF(m_x, m_plot.bottom()));

        const QRectF box = tooltipRect();
        const QFontMetricsF fm(m_font);
        const double line = fm.height();
        painter->setPen(QPen(m_colors.tooltipBorder, 1.0));
        painter->setBrush(m_colors.tooltipBackground);
        painter->drawRoundedRect(box, line * 0.3, line * 0.3);

        QFont bold = m_font;
        bold.setBold(true);
        const double left = box.left() + kPadding * line;
        double y = box.top() + kPadding * line;
        painter->setFont(bold);
        painter->setPen(m_colors.tooltipText);
        painter->drawText(QRectF(left, y, box.width(), line), Qt::AlignLeft | Qt::AlignVCenter, m_header);
        y += line * 1.25;
        const double right = box.right() - kPadding * line;
        for (const Row &row : m_rows) {
            const QRectF swatch(left, y + line * (1 - kSwatch) / 2, line * kSwatch, line * kSwatch);
            if (row.dashed) {
                painter->setPen(QPen(row.color, std::max(1.0, line * 0.12), Qt::DashLine));
                painter->drawLine(QPointF(swatch.left(), swatch.center().y()),
                                  QPointF(swatch.right(), swatch.center().y()));
            } else {
                painter->setPen(Qt::NoPen);
                painter->setBrush(row.color);
                painter->drawRoundedRect(swatch, line * 0.12, line * 0.12);
            }
            painter->setPen(m_colors.tooltipText);
            painter->setFont(m_font);
            painter->drawText(QRectF(swatch.right() + kPadding * line, y, box.width(), line),
                              Qt::AlignLeft | Qt::AlignVCenter, row.name);
            painter->setFont(bold);
            painter->drawText(QRectF(left, y, right - left, line), Qt::AlignRight | Qt::AlignVCenter, row.value);
            y += line;
        }
    }
    painter->restore();
}

} // namespace stackscope::charts
