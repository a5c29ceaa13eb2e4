#pragma once

#include <QColor>
#include <QPalette>

namespace stackscope::test {

// A dark palette like a desktop's dark theme, for dark-mode tests and review screenshots (the offscreen
// platform has no system theme to follow). Header-only: the test support library does not link Qt Gui.
inline QPalette darkPalette()
{
    QPalette dark;
    dark.setColor(QPalette::Window, QColor(0x2b, 0x2d, 0x31));
    dark.setColor(QPalette::WindowText, QColor(0xe8, 0xe8, 0xea));
    dark.setColor(QPalette::Base, QColor(0x1f, 0x21, 0x24));
    dark.setColor(QPalette::AlternateBase, QColor(0x26, 0x28, 0x2c));
    dark.setColor(QPalette::Text, QColor(0xe8, 0xe8, 0xea));
    dark.setColor(QPalette::Button, QColor(0x35, 0x37, 0x3c));
    dark.setColor(QPalette::ButtonText, QColor(0xe8, 0xe8, 0xea));
    dark.setColor(QPalette::Highlight, QColor(0x3d, 0x7a, 0xd6));
    dark.setColor(QPalette::HighlightedText, Qt::white);
    dark.setColor(QPalette::ToolTipBase, QColor(0x35, 0x37, 0x3c));
    dark.setColor(QPalette::ToolTipText, QColor(0xe8, 0xe8, 0xea));
    dark.setColor(QPalette::PlaceholderText, QColor(0x9a, 0x9c, 0xa3));
    dark.setColor(QPalette::Mid, QColor(0x45, 0x47, 0x4c));
    dark.setColor(QPalette::Dark, QColor(0x18, 0x19, 0x1b));
    dark.setColor(QPalette::Light, QColor(0x4a, 0x4c, 0x52));
    dark.setColor(QPalette::Midlight, QColor(0x3e, 0x40, 0x45));
    dark.setColor(QPalette::Shadow, Qt::black);
    dark.setColor(QPalette::Link, QColor(0x6c, 0xa8, 0xff));
    dark.setColor(QPalette::LinkVisited, QColor(0xa8, 0x8c, 0xff));
    dark.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x8a, 0x8c, 0x93));
    dark.setColor(QPalette::Disabled, QPalette::Text, QColor(0x8a, 0x8c, 0x93));
    dark.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x8a, 0x8c, 0x93));
    return dark;
}

} // namespace stackscope::test
