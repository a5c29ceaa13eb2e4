#pragma once

#include "dashboard/dashboardspec.h"

#include <QString>

class QWidget;

namespace stackscope::app {

class PanelWidget;

// The widget for a panel's type.
PanelWidget *createPanelWidget(const dashboard::PanelSpec &spec, QWidget *parent = nullptr);
// The type as the palette and the editor name it ("Time series", "Single stat", ...), and in one line what
// it shows.
QString panelTypeTitle(dashboard::PanelType type);
QString panelTypeDescription(dashboard::PanelType type);
// A new panel of `type` with sensible defaults for its size and options (no metric yet).
dashboard::PanelSpec defaultPanel(dashboard::PanelType type);
QList<dashboard::PanelType> allPanelTypes();

} // namespace stackscope::app
