#include "seriesitemdelegate.h"

#include "serieslistmodel.h"

#include <QApplication>
#include <QPainter>

namespace stackscope::app {

namespace {

constexpr int kHorizontalPadding = 10;
constexpr int kVerticalPadding = 5;
constexpr int kLineSpacing = 2;

QFont secondaryFont(const QFont &base)
{
    QFont font = base;
    font.setPointSizeF(base.pointSizeF() * 0.88);
    return font;
}

} // namespace

SeriesItemDelegate::SeriesItemDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{
}

void SeriesItemDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString title = opt.text;
    const QString project = index.data(SeriesListModel::ProjectRole).toString();
    opt.text.clear();

    const QWidget *widget = opt.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget); // background, selection, focus

    const QPalette::ColorGroup group = !(opt.state & QStyle::State_Enabled) ? QPalette::Disabled
        : (opt.state & QStyle::State_Active)                               ? QPalette::Active
                                                                            : QPalette::Inactive;
    const bool selected = opt.state & QStyle::State_Selected;
    const QColor text = opt.palette.color(group, selected ? QPalette::HighlightedText : QPalette::Text);
    QColor dim = text;
    dim.setAlphaF(selected ? 0.85f : 0.62f);

    const QRect area = opt.rect.adjusted(kHorizontalPadding, kVerticalPadding, -kHorizontalPadding, -kVerticalPadding);
    const QFontMetrics titleMetrics(opt.font);
    const QFont small = secondaryFont(opt.font);
    const QFontMetrics smallMetrics(small);

    painter->save();
    painter->setClipRect(opt.rect);
    painter->setFont(opt.font);
    painter->setPen(text);
    const QRect titleRect(area.left(), area.top(), area.width(), titleMetrics.height());
    painter->drawText(titleRect, Qt::AlignLeft | Qt::AlignVCenter,
                      titleMetrics.elidedText(title, Qt::ElideRight, area.width()));
    if (!project.isEmpty()) {
        painter->setFont(small);
        painter->setPen(dim);
        const QRect projectRect(area.left(), titleRect.bottom() + 1 + kLineSpacing, area.width(), smallMetrics.height());
        painter->drawText(projectRect, Qt::AlignLeft | Qt::AlignVCenter,
                          smallMetrics.elidedText(project, Qt::ElideRight, area.width()));
    }
    painter->restore();
}

QSize SeriesItemDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    Q_UNUSED(index);
    const QFontMetrics titleMetrics(option.font);
    const QFontMetrics smallMetrics(secondaryFont(option.font));
    return {200, 2 * kVerticalPadding + titleMetrics.height() + kLineSpacing + smallMetrics.height()};
}

} // namespace stackscope::app
