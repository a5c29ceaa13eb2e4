#pragma once

#include <QStyledItemDelegate>

namespace stackscope::app {

// Draws a series as two lines: "metric {k=v, …}" and, smaller and dimmer, its project. Long texts are elided;
// the tooltip holds the full text.
class SeriesItemDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    explicit SeriesItemDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace stackscope::app
