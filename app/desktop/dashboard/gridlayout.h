#pragma once

#include "dashboard/dashboardspec.h"

#include <QList>

namespace stackscope::app {

// Layout rules of the dashboard grid (D2), as pure functions over panel rects so they are easy to test.
// The grid is DashboardSpec::kGridColumns wide and grows downwards. Like Grafana: a panel dropped onto others
// pushes them down (or lifts one above it when it fits there), and every panel then floats up as far as it
// can, so a layout never keeps holes.
namespace gridlayout {

bool overlaps(const dashboard::GridRect &a, const dashboard::GridRect &b);
// Inside the columns, at least 1×1 (and at least `minW`×`minH`), never above row 0.
dashboard::GridRect clamped(dashboard::GridRect rect, int minW = 2, int minH = 2);
// The layout after `panels[index]` is moved or resized to `target`: collisions resolved, then compacted.
QList<dashboard::PanelSpec> placed(QList<dashboard::PanelSpec> panels, qsizetype index,
                                   const dashboard::GridRect &target);
// Every panel floated up as far as it goes, in reading order.
QList<dashboard::PanelSpec> compacted(QList<dashboard::PanelSpec> panels, qsizetype priority = -1);
// The first place, in reading order, where a w×h panel fits without overlapping any of `panels`.
dashboard::GridRect firstFree(const QList<dashboard::PanelSpec> &panels, int w, int h);
// Rows used by the panels.
int rowCount(const QList<dashboard::PanelSpec> &panels);

} // namespace gridlayout

} // namespace stackscope::app
