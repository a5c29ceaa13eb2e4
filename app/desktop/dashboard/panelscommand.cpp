#include "panelscommand.h"

namespace stackscope::app {

PanelsCommand::PanelsCommand(Apply apply, QList<dashboard::PanelSpec> before, QList<dashboard::PanelSpec> after,
                             const QString &text)
    : QUndoCommand(text)
    , m_apply(std::move(apply))
    , m_before(std::move(before))
    , m_after(std::move(after))
{
}

void PanelsCommand::undo()
{
    m_apply(m_before);
}

void PanelsCommand::redo()
{
    m_apply(m_after);
}

} // namespace stackscope::app
