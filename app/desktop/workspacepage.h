#pragma once

#include "navigation/workspacecontent.h"
#include "timerange.h"

#include <QWidget>

namespace stackscope::app {

// A page of the main window's stack (overview, project, service, dashboard, explorer, alerts). The window hands
// every page the workspace content and the time range; a page loads its data when shown and on refresh().
class WorkspacePage : public QWidget
{
    Q_OBJECT

public:
    using QWidget::QWidget;

    virtual void setContent(const WorkspaceContent &content) { Q_UNUSED(content); }
    virtual void setTimeRange(const TimeRange &range) = 0;
    virtual void refresh() = 0;

Q_SIGNALS:
    void zoomRequested(qint64 fromMs, qint64 toMs); // a drag-to-zoom on one of the page's charts
};

// Formats a number compactly for tiles and headers: 1,234 · 12.3k · 4.56M; "percent" units get a "%".
QString formatCompact(double value, const QString &unit);

} // namespace stackscope::app
