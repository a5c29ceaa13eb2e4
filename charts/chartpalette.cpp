#include "chartpalette.h"

#include <array>

namespace stackscope::charts {

namespace {

// Ten hues in the same order for both themes: deeper tones keep contrast on white, brighter ones on near-black.
// The first four (blue, orange, green, red-pink) are the most distinct; dashboards rarely need more at once.
constexpr std::array<QRgb, 10> kLight{0x1f6fb4, 0xe07000, 0x2b9348, 0xd1343a, 0x7b5cc4,
                                      0x0f8fa3, 0xc2418f, 0x8c564b, 0x5f6b7a, 0xa88a00};
constexpr std::array<QRgb, 10> kDark{0x5aa9e6, 0xffa94d, 0x69db7c, 0xff6b6b, 0xb197fc,
                                     0x66d9e8, 0xf783ac, 0xd8a47f, 0xa5b4c8, 0xffd43b};

} // namespace

bool isDarkPalette(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

QColor seriesColor(qsizetype index, bool dark)
{
    const auto &set = dark ? kDark : kLight;
    const auto n = qsizetype(set.size());
    return QColor::fromRgb(set.at(std::size_t(((index % n) + n) % n)));
}

QColor seriesColor(qsizetype index, const QPalette &palette)
{
    return seriesColor(index, isDarkPalette(palette));
}

int seriesColorCount()
{
    return int(kLight.size());
}

QColor statusColor(StatusLevel level, bool dark)
{
    switch (level) {
    case StatusLevel::Ok:
        return dark ? QColor(0x51cf66) : QColor(0x2b8a3e);
    case StatusLevel::Warning:
        return dark ? QColor(0xfcc419) : QColor(0xd9822b);
    case StatusLevel::Critical:
        return dark ? QColor(0xff6b6b) : QColor(0xc92a2a);
    case StatusLevel::Unknown:
        break;
    }
    return dark ? QColor(0x868e96) : QColor(0x868e96);
}

QColor withAlpha(QColor color, double alpha)
{
    color.setAlphaF(float(alpha));
    return color;
}

ChartColors chartColors(const QPalette &palette)
{
    ChartColors c;
    c.dark = isDarkPalette(palette);
    c.background = palette.color(QPalette::Base);
    c.text = palette.color(QPalette::Text);
    c.axisLabel = withAlpha(c.text, c.dark ? 0.78 : 0.72);
    c.grid = withAlpha(c.text, c.dark ? 0.13 : 0.09);
    c.axisLine = withAlpha(c.text, c.dark ? 0.35 : 0.30);
    c.crosshair = withAlpha(c.text, c.dark ? 0.55 : 0.45);
    c.selection = withAlpha(palette.color(QPalette::Highlight), 0.22);
    // The tooltip sits on the plot: a surface slightly raised from the background, not the system's yellow.
    c.tooltipBackground = c.dark ? c.background.lighter(135) : c.background;
    if (c.dark && c.tooltipBackground.lightness() < 40)
        c.tooltipBackground = QColor(0x2b, 0x2f, 0x36);
    c.tooltipBackground.setAlphaF(0.96f);
    c.tooltipText = c.text;
    c.tooltipBorder = withAlpha(c.text, c.dark ? 0.30 : 0.22);
    c.placeholder = palette.color(QPalette::PlaceholderText);
    return c;
}

} // namespace stackscope::charts
