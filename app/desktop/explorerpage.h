#pragma once

#include "explorer/explorerview.h"
#include "workspacepage.h"

#include <QVBoxLayout>

namespace stackscope::app {

// The explorer (D5) as a page of the main window.
class ExplorerPage : public WorkspacePage
{
    Q_OBJECT

public:
    explicit ExplorerPage(storage::StoreService *store, QWidget *parent = nullptr)
        : WorkspacePage(parent)
        , m_view(new ExplorerView(store, this))
    {
        setObjectName(QStringLiteral("explorerPage"));
        auto *layout = new QVBoxLayout(this);
        layout->setContentsMargins(0, 0, 0, 0);
        layout->addWidget(m_view);
        connect(m_view, &ExplorerView::zoomRequested, this, &WorkspacePage::zoomRequested);
    }

    void setContent(const WorkspaceContent &) override { m_needsReload = true; }
    void setTimeRange(const TimeRange &range) override { m_view->setTimeRange(range); }
    void refresh() override
    {
        m_needsReload = false;
        m_view->reload();
    }
    // The catalogue is re-listed when the page is shown after the workspace changed.
    void reloadIfNeeded()
    {
        if (m_needsReload)
            refresh();
    }
    ExplorerView *view() const { return m_view; }

private:
    ExplorerView *m_view;
    bool m_needsReload = true;
};

} // namespace stackscope::app
