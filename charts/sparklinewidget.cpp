#include "sparklinewidget.h"

#include "chartpalette.h"
#include "decimation.h"

#include <QEvent>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>
#include <limits>

namespace stackscope::charts {

SparklineWidget::SparklineWidget(QWidget *parent)
    : QWidget(parent)
{
    setAttribute(Qt::WA_OpaquePaintEvent, false);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
}

SparklineWidget::~SparklineWidget() = default;

void SparklineWidget::setPoints(const QList<QPointF> &points)
{
    m_points = points;
    updateDrawn();
    update();
}

void SparklineWidget::clear()
{
    setPoints({});
}

void SparklineWidget::setColor(const QColor &color)
{
    m_color = color;
    update();
}

QColor SparklineWidget::color() const
{
    return m_color.isValid() ? m_color : seriesColor(0, palette());
}

void SparklineWidget::setFilled(bool filled)
{
    m_filled = filled;
    update();
}

void SparklineWidget::setValueRange(double minY, double maxY)
{
    m_minY = minY;
    m_maxY = maxY;
    m_fixedRange = maxY > minY;
    update();
}

void SparklineWidget::resetValueRange()
{
    m_fixedRange = false;
    update();
}

QSize SparklineWidget::sizeHint() const
{
    const int line = fontMetrics().height();
    return {line * 8, line * 2};
}

QSize SparklineWidget::minimumSizeHint() const
{
    const int line = fontMetrics().height();
    return {line * 3, line};
}

void SparklineWidget::updateDrawn()
{
    // Two points per pixel column at most; a sparkline never needs more (and paints every frame from these).
    m_drawn.clear();
    const auto segments = decimateSegments(m_points, std::max(8, width()), DecimationMethod::MinMax, 0.0);
    for (qsizetype s = 0; s < segments.size(); ++s) {
        if (s > 0)
            m_drawn.append(QPointF(qQNaN(), qQNaN())); // a gap between segments
        m_drawn.append(segments.at(s));
    }
}

void SparklineWidget::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    updateDrawn();
}

void SparklineWidget::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::ApplicationPaletteChange)
        update();
}

void SparklineWidget::paintEvent(QPaintEvent *)
{
    if (m_drawn.isEmpty())
        return;
    double x0 = std::numeric_limits<double>::infinity();
    double x1 = -x0;
    double y0 = x0;
    double y1 = -x0;
    for (const QPointF &p : std::as_const(m_drawn)) {
        if (std::isnan(p.y()))
            continue;
        x0 = std::min(x0, p.x());
        x1 = std::max(x1, p.x());
        y0 = std::min(y0, p.y());
        y1 = std::max(y1, p.y());
    }
    if (m_fixedRange) {
        y0 = m_minY;
        y1 = m_maxY;
    }
    if (!(y1 > y0)) { // flat: a line through the middle
        y0 -= 1.0;
        y1 += 1.0;
    }
    if (!(x1 > x0))
        x1 = x0 + 1.0;

    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing, true);
    // Line width from the font so it keeps its weight at any scale; inset so the line is never cut at the edges.
    const double penWidth = std::max(1.0, fontMetrics().height() / 9.0);
    const QRectF area = QRectF(rect()).adjusted(penWidth * 1.5, penWidth * 1.5, -penWidth * 2.5, -penWidth * 1.5);
    auto map = [&](const QPointF &p) {
        return QPointF(area.left() + (p.x() - x0) / (x1 - x0) * area.width(),
                       area.bottom() - (std::clamp(p.y(), y0, y1) - y0) / (y1 - y0) * area.height());
    };

    const QColor line = color();
    QPainterPath path;
    QPainterPath fill;
    QPolygonF polygon;
    QPointF last;
    auto flush = [&] {
        if (polygon.isEmpty())
            return;
        path.addPolygon(polygon);
        QPolygonF below = polygon;
        below.append(QPointF(polygon.constLast().x(), area.bottom()));
        below.append(QPointF(polygon.constFirst().x(), area.bottom()));
        fill.addPolygon(below);
        polygon.clear();
    };
    for (const QPointF &p : std::as_const(m_drawn)) {
        if (std::isnan(p.y())) {
            flush();
            continue;
        }
        last = map(p);
        polygon.append(last);
    }
    flush();

    if (m_filled) {
        QLinearGradient gradient(area.topLeft(), area.bottomLeft());
        gradient.setColorAt(0.0, withAlpha(line, 0.30));
        gradient.setColorAt(1.0, withAlpha(line, 0.03));
        painter.fillPath(fill, gradient);
    }
    QPen pen(line, penWidth);
    pen.setCapStyle(Qt::RoundCap);
    pen.setJoinStyle(Qt::RoundJoin);
    painter.setPen(pen);
    painter.setBrush(Qt::NoBrush);
    painter.drawPath(path);
    // The latest value, where the eye looks first.
    painter.setPen(Qt::NoPen);
    painter.setBrush(line);
    painter.drawEllipse(last, penWidth * 1.6, penWidth * 1.6);
}

} // namespace stackscope::charts
