#pragma once

#include "chartpalette.h"

#include <QFont>
#include <QGraphicsItem>
#include <QList>
#include <QString>

namespace stackscope::charts {

// Drawn on top of a chart's scene (internal to the charts library): the crosshair line with its tooltip, and
// the band of a drag-to-zoom selection. Everything in scene (device-independent) units; text sizes from the
// view's font, so it stays sharp and in proportion at any device pixel ratio.
class ChartOverlay : public QGraphicsItem
{
public:
    struct Row
    {
        QColor color;
        QString name;
        QString value;
        bool dashed = false;
    };

    ChartOverlay();

    void setColors(const ChartColors &colors);
    void setFont(const QFont &font);
    void setPlotArea(const QRectF &plotArea);

    void showCrosshair(double x, const QString &header, const QList<Row> &rows);
    void hideCrosshair();
    bool isCrosshairShown() const { return m_crosshair; }
    void showSelection(double x0, double x1);
    void hideSelection();

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    QRectF tooltipRect() const;

    ChartColors m_colors;
    QFont m_font;
    QRectF m_plot;
    QString m_header;
    QList<Row> m_rows;
    double m_x = 0.0;
    double m_sel0 = 0.0;
    double m_sel1 = 0.0;
    bool m_crosshair = false;
    bool m_selection = false;
};

} // namespace stackscope::charts
