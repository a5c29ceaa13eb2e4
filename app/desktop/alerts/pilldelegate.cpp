#include "pilldelegate.h"

#include <QApplication>
#include <QPainter>
#include <QPainterPath>

namespace stackscope::app {

namespace {
constexpr int kPadX = 8;
constexpr int kPadY = 2;
constexpr int kMargin = 4;

QFont pillFont(const QFont &base)
{
    QFont font = base;
    font.setBold(true);
    font.setPointSizeF(base.pointSizeF() * 0.85);
    return font;
}
} // namespace

PillDelegate::PillDelegate(int colorRole, int filledRole, QObject *parent)
    : QStyledItemDelegate(parent), m_colorRole(colorRole), m_filledRole(filledRole)
{
}

void PillDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const QVariant colorValue = index.data(m_colorRole);
    if (!colorValue.canConvert<QColor>() || !colorValue.value<QColor>().isValid()) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    // The selection and hover background first, without text.
    QStyleOptionViewItem background = option;
    initStyleOption(&background, index);
    background.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &background, painter, widget);

    const QColor color = colorValue.value<QColor>();
    const bool filled = index.data(m_filledRole).toBool();
    const QString text = index.data(Qt::DisplayRole).toString();
    const QFont font = pillFont(option.font);
    const QFontMetrics metrics(font);
    const int width = metrics.horizontalAdvance(text) + 2 * kPadX;
    const int height = metrics.height() + 2 * kPadY;
    const QRect pill(option.rect.left() + kMargin, option.rect.center().y() - height / 2 + 1,
                     std::min(width, option.rect.width() - 2 * kMargin), height);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    QPainterPath path;
    path.addRoundedRect(QRectF(pill).adjusted(0.5, 0.5, -0.5, -0.5), height / 2.0, height / 2.0);
    const bool selected = option.state & QStyle::State_Selected;
    if (filled) {
        painter->fillPath(path, color);
        painter->setPen(Qt::white);
        if (selected) {
            painter->setPen(QPen(QColor(255, 255, 255, 160), 1.0));
            painter->drawPath(path);
            painter->setPen(Qt::white);
        }
    } else if (selected) {
        // On the selection colour the status colour does not read: a light chip with the status colour's text.
        painter->fillPath(path, QColor(255, 255, 255, 230));
        painter->setPen(color.darker(130));
    } else {
        QColor tint = color;
        tint.setAlpha(40);
        painter->fillPath(path, tint);
        painter->setPen(QPen(color, 1.0));
        painter->drawPath(path);
        // Text in the status colour, lightened on dark backgrounds so it stays readable.
        const bool dark = option.palette.color(QPalette::Base).lightness() < 128;
        painter->setPen(dark ? color.lighter(150) : color.darker(115));
    }
    painter->setFont(font);
    painter->drawText(pill, Qt::AlignCenter, metrics.elidedText(text, Qt::ElideRight, pill.width() - 4));
    painter->restore();
}

QSize PillDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    if (index.data(m_colorRole).isValid()) {
        const QFontMetrics metrics(pillFont(option.font));
        size.setWidth(metrics.horizontalAdvance(index.data().toString()) + 2 * kPadX + 2 * kMargin);
        size.setHeight(std::max(size.height(), metrics.height() + 2 * kPadY + 6));
    }
    return size;
}

} // namespace stackscope::app
