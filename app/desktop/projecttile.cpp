#include "projecttile.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>

namespace stackscope::app {

namespace {
constexpr int kHeaderHeight = 64;
constexpr int kFigureHeight = 50;
constexpr int kMargin = 16;
} // namespace

ProjectTile::ProjectTile(qint64 projectId, QWidget *parent)
    : QWidget(parent)
    , m_projectId(projectId)
{
    setObjectName(QStringLiteral("projectTile"));
    setFocusPolicy(Qt::StrongFocus);
    setCursor(Qt::PointingHandCursor);
    setAttribute(Qt::WA_Hover);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setMinimumWidth(300);
}

QSize ProjectTile::sizeHint() const
{
    return {380, kHeaderHeight + 3 * kFigureHeight + kMargin};
}

void ProjectTile::setProject(const QString &name, const QColor &color, const QString &environment)
{
    m_name = name;
    m_color = color;
    m_environment = environment;
    updateAccessibleText();
    update();
}

void ProjectTile::setHealth(HealthLevel level, const QString &summary)
{
    m_level = level;
    m_summary = summary;
    updateAccessibleText();
    update();
}

void ProjectTile::setFigures(const QList<Figure> &figures)
{
    m_figures = figures;
    updateAccessibleText();
    update();
}

void ProjectTile::setFigure(int index, const Figure &figure)
{
    if (index < 0 || index >= m_figures.size())
        return;
    m_figures[index] = figure;
    updateAccessibleText();
    update();
}

void ProjectTile::updateAccessibleText()
{
    setAccessibleName(tr("Project %1").arg(m_name));
    QStringList parts{Health::text(m_level), m_summary};
    for (const Figure &f : std::as_const(m_figures))
        if (!f.value.isEmpty())
            parts.append(tr("%1: %2").arg(f.title, f.value));
    setAccessibleDescription(parts.join(QStringLiteral(", ")));
    setToolTip(tr("Open %1").arg(m_name));
}

void ProjectTile::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette pal = palette();
    const QRectF card = QRectF(rect()).adjusted(1.5, 1.5, -1.5, -1.5);

    // The card: the base colour, a hairline border (stronger on hover and focus), the status colour on the left.
    QPainterPath path;
    path.addRoundedRect(card, 8, 8);
    p.fillPath(path, pal.color(QPalette::Base));
    QColor border = pal.color(QPalette::Mid);
    if (m_hover || hasFocus())
        border = pal.color(QPalette::Highlight);
    p.setPen(QPen(border, m_hover || hasFocus() ? 1.5 : 1.0));
    p.drawPath(path);
    p.save();
    p.setClipPath(path);
    p.fillRect(QRectF(card.left(), card.top(), 5, card.height()), Health::color(m_level));
    p.restore();

    // Header: badge, name, environment; health pill on the right.
    const QRectF badge(card.left() + kMargin, card.top() + 14, 34, 34);
    p.setPen(Qt::NoPen);
    p.setBrush(m_color);
    p.drawRoundedRect(badge, 7, 7);
    QFont badgeFont = font();
    badgeFont.setBold(true);
    badgeFont.setPixelSize(18);
    p.setFont(badgeFont);
    p.setPen(Qt::white);
    QString letters = m_name;
    letters.remove(QStringLiteral("Demo – "));
    p.drawText(badge, Qt::AlignCenter, letters.left(1).toUpper());

    const QString pill = Health::text(m_level);
    QFont pillFont = font();
    pillFont.setPointSizeF(font().pointSizeF() * 0.85);
    pillFont.setBold(true);
    const QFontMetricsF pillMetrics(pillFont);
    const qreal pillWidth = pillMetrics.horizontalAdvance(pill) + 20;
    const QRectF pillRect(card.right() - kMargin - pillWidth, badge.top() + 6, pillWidth, pillMetrics.height() + 6);
    QColor pillBack = Health::color(m_level);
    pillBack.setAlphaF(0.16f);
    p.setPen(Qt::NoPen);
    p.setBrush(pillBack);
    p.drawRoundedRect(pillRect, pillRect.height() / 2, pillRect.height() / 2);
    p.setPen(Health::color(m_level).darker(m_level == HealthLevel::Warning ? 130 : 110));
    if (pal.color(QPalette::Base).lightness() < 128)
        p.setPen(Health::color(m_level).lighter(130));
    p.setFont(pillFont);
    p.drawText(pillRect, Qt::AlignCenter, pill);

    QFont nameFont = font();
    nameFont.setBold(true);
    nameFont.setPointSizeF(font().pointSizeF() * 1.2);
    p.setFont(nameFont);
    p.setPen(pal.color(QPalette::Text));
    const qreal textLeft = badge.right() + 12;
    const QRectF nameRect(textLeft, badge.top() - 2, pillRect.left() - textLeft - 8, 22);
    p.drawText(nameRect, Qt::AlignLeft | Qt::AlignVCenter,
               QFontMetricsF(nameFont).elidedText(m_name, Qt::ElideRight, nameRect.width()));
    QFont smallFont = font();
    smallFont.setPointSizeF(font().pointSizeF() * 0.9);
    p.setFont(smallFont);
    p.setPen(pal.color(QPalette::PlaceholderText));
    const QString subtitle = m_environment.isEmpty() ? m_summary : m_environment + QStringLiteral("  ·  ") + m_summary;
    p.drawText(QRectF(textLeft, nameRect.bottom() + 1, card.right() - kMargin - textLeft, 18),
               Qt::AlignLeft | Qt::AlignVCenter, subtitle);

    // Key numbers, each with its sparkline.
    qreal y = card.top() + kHeaderHeight;
    QFont valueFont = font();
    valueFont.setBold(true);
    valueFont.setPointSizeF(font().pointSizeF() * 1.45);
    for (const Figure &f : std::as_const(m_figures)) {
        p.setPen(QPen(pal.color(QPalette::Midlight), 1));
        p.drawLine(QPointF(card.left() + kMargin, y), QPointF(card.right() - kMargin, y));
        p.setFont(smallFont);
        p.setPen(pal.color(QPalette::PlaceholderText));
        const qreal half = (card.width() - 2 * kMargin) * 0.46;
        p.drawText(QRectF(card.left() + kMargin, y + 5, half, 16), Qt::AlignLeft | Qt::AlignVCenter,
                   QFontMetricsF(smallFont).elidedText(f.title, Qt::ElideRight, half));
        p.setFont(valueFont);
        p.setPen(pal.color(QPalette::Text));
        p.drawText(QRectF(card.left() + kMargin, y + 20, half, 26), Qt::AlignLeft | Qt::AlignVCenter,
                   f.value.isEmpty() ? QStringLiteral("—") : f.value);
        drawSparkline(p, QRectF(card.left() + kMargin + half + 8, y + 8, card.width() - 2 * kMargin - half - 8,
                                kFigureHeight - 14),
                      f.sparkline);
        y += kFigureHeight;
    }
    if (m_figures.isEmpty()) {
        p.setFont(smallFont);
        p.setPen(pal.color(QPalette::PlaceholderText));
        p.drawText(QRectF(card.left() + kMargin, y, card.width() - 2 * kMargin, kFigureHeight),
                   Qt::AlignLeft | Qt::AlignVCenter | Qt::TextWordWrap,
                   tr("No services yet. Right-click the project in the tree to add one."));
    }
}

void ProjectTile::drawSparkline(QPainter &p, const QRectF &rect, const QList<QPointF> &points) const
{
    if (points.size() < 2)
        return;
    double minX = points.first().x(), maxX = points.last().x();
    double minY = points.first().y(), maxY = minY;
    for (const QPointF &pt : points) {
        minY = std::min(minY, pt.y());
        maxY = std::max(maxY, pt.y());
    }
    if (maxX <= minX)
        return;
    if (maxY - minY < 1e-9) {
        minY -= 1;
        maxY += 1;
    }
    minY = std::min(minY, maxY - (maxY - minY) * 1.15); // a little air below the lowest point
    QPainterPath line;
    for (int i = 0; i < points.size(); ++i) {
        const QPointF pt(rect.left() + (points.at(i).x() - minX) / (maxX - minX) * rect.width(),
                         rect.bottom() - (points.at(i).y() - minY) / (maxY - minY) * rect.height());
        if (i == 0)
            line.moveTo(pt);
        else
            line.lineTo(pt);
    }
    QPainterPath area = line;
    area.lineTo(rect.right(), rect.bottom());
    area.lineTo(rect.left(), rect.bottom());
    area.closeSubpath();
    QColor fill = m_color;
    fill.setAlphaF(0.18f);
    p.fillPath(area, fill);
    p.setPen(QPen(m_color, 1.6));
    p.setBrush(Qt::NoBrush);
    p.drawPath(line);
}

void ProjectTile::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton && rect().contains(event->position().toPoint()))
        Q_EMIT clicked(m_projectId);
    QWidget::mouseReleaseEvent(event);
}

void ProjectTile::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter || event->key() == Qt::Key_Space) {
        Q_EMIT clicked(m_projectId);
        return;
    }
    QWidget::keyPressEvent(event);
}

void ProjectTile::enterEvent(QEnterEvent *event)
{
    m_hover = true;
    update();
    QWidget::enterEvent(event);
}

void ProjectTile::leaveEvent(QEvent *event)
{
    m_hover = false;
    update();
    QWidget::leaveEvent(event);
}

} // namespace stackscope::app
