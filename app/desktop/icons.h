#pragma once

#include "healthlevel.h"

#include <QColor>
#include <QIcon>
#include <QPalette>
#include <QString>

class QAbstractButton;
class QAction;
class QWidget;

namespace stackscope::app {

// The app's line icons (resources/icons/*.svg, drawn in black) tinted to the palette's text colour, so they read
// in light and dark themes; plus small status dots and project badges painted in code.
namespace Icons {

QIcon line(const QString &name, const QPalette &palette);       // "overview", "dashboard", "explorer", ...
QIcon line(const QString &name, const QColor &color);
QIcon statusDot(HealthLevel level);
QIcon projectBadge(const QString &name, const QColor &color, HealthLevel level);
QColor projectColor(const QString &name, const QString &stored); // the stored colour, or one derived from the name
// Sets a line icon tinted to the widget's palette and remembers its name, so that retint() can redo it when
// the palette changes (light/dark following the system).
void setLineIcon(QAbstractButton *button, const QString &name);
void setLineIcon(QAction *action, const QString &name, const QPalette &palette);
void retint(QWidget *root); // every button and action under `root` set through setLineIcon
// The app icon with a status dot in its corner (the tray).
QIcon appWithStatus(HealthLevel level);

} // namespace Icons

} // namespace stackscope::app
