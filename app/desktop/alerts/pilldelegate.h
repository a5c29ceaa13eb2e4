#pragma once

#include <QStyledItemDelegate>

namespace stackscope::app {

// Draws a cell as a rounded pill: filled with the colour of PillColorRole and white text (severities), or outlined
// in it with tinted text (statuses). Cells without a pill colour are drawn as usual.
class PillDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    // The roles come from the model (AlertTableModel's by default).
    PillDelegate(int colorRole, int filledRole, QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    int m_colorRole;
    int m_filledRole;
};

} // namespace stackscope::app
