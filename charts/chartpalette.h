#pragma once

#include <QColor>
#include <QPalette>

namespace stackscope::charts {

// The colours every chart widget in this library draws with, derived from a widget palette so light and dark
// application palettes (and a switch between them at run time) are followed. Series colours come in two sets
// of the same hues: deeper ones that read on light backgrounds, brighter ones that read on dark backgrounds.

bool isDarkPalette(const QPalette &palette);

// Width of series lines and area outlines, in logical pixels (TimeSeriesChartView::styleDrawn says why one).
inline constexpr double kLineWidth = 1.0;

// The colour of the series at `index` (wraps around after seriesColorCount()).
QColor seriesColor(qsizetype index, bool dark);
QColor seriesColor(qsizetype index, const QPalette &palette);
int seriesColorCount();

// Health colours for status tiles, thresholds and deltas.
enum class StatusLevel { Ok, Warning, Critical, Unknown };
QColor statusColor(StatusLevel level, bool dark);

struct ChartColors
{
    bool dark = false;
    QColor background;        // the plot's background (the palette's Base)
    QColor text;              // titles, legend labels
    QColor axisLabel;         // tick labels: text, a little softer
    QColor grid;              // grid lines: faint
    QColor axisLine;
    QColor crosshair;         // the vertical hover line
    QColor selection;         // the drag-to-zoom band (translucent)
    QColor tooltipBackground;
    QColor tooltipText;
    QColor tooltipBorder;
    QColor placeholder;       // the empty-state text
};
ChartColors chartColors(const QPalette &palette);

// `color` with its alpha channel set to `alpha` (0..1).
QColor withAlpha(QColor color, double alpha);

} // namespace stackscope::charts
