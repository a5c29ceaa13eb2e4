#pragma once

#include <QColor>
#include <QList>
#include <QPointF>
#include <QWidget>

namespace stackscope::charts {

// A small trend line without axes for stat tiles and overview tiles, painted with QPainter (no Qt Charts).
// Long inputs are min/max-decimated to the widget's width when painted; NaN values are gaps. The line is drawn
// in the given colour (default: the first palette series colour), optionally with a soft fill below, and a dot
// on the last value. Follows palette changes; the pen scales with the font, not with fixed pixels.
class SparklineWidget : public QWidget
{
    Q_OBJECT

public:
    explicit SparklineWidget(QWidget *parent = nullptr);
    ~SparklineWidget() override;

    // x is any increasing quantity (usually epoch milliseconds); y the value.
    void setPoints(const QList<QPointF> &points);
    const QList<QPointF> &points() const { return m_points; }
    void clear();

    // Invalid: seriesColor(0) of the current palette.
    void setColor(const QColor &color);
    QColor color() const;
    void setFilled(bool filled);
    bool isFilled() const { return m_filled; }
    // The y range drawn; unset (the default) fits the data.
    void setValueRange(double minY, double maxY);
    void resetValueRange();

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void updateDrawn();

    QList<QPointF> m_points;
    QList<QPointF> m_drawn;              // decimated for the current width
    QColor m_color;
    double m_minY = 0.0;
    double m_maxY = 0.0;
    bool m_fixedRange = false;
    bool m_filled = true;
};

} // namespace stackscope::charts
