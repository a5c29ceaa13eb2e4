#pragma once

#include "dashboard/dashboardspec.h"

#include <QUndoCommand>

#include <functional>

namespace stackscope::app {

// One undoable edit of a dashboard's panels (move, resize, add, remove, duplicate, edit): the panel list
// before and after. Whole lists rather than deltas: a move can push several other panels, and a dashboard has
// tens of panels, not thousands.
class PanelsCommand : public QUndoCommand
{
public:
    using Apply = std::function<void(const QList<dashboard::PanelSpec> &)>;

    PanelsCommand(Apply apply, QList<dashboard::PanelSpec> before, QList<dashboard::PanelSpec> after,
                  const QString &text);

    void undo() override;
    void redo() override;

private:
    Apply m_apply;
    QList<dashboard::PanelSpec> m_before;
    QList<dashboard::PanelSpec> m_after;
};

} // namespace stackscope::app
