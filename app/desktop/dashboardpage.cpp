#include "dashboardpage.h"

#include "dashboard/dashboardview.h"
#include "icons.h"

#include <QAction>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QToolButton>
#include <QUndoStack>
#include <QUuid>
#include <QVBoxLayout>

namespace stackscope::app {

namespace {

QString panelTypeTitle(dashboard::PanelType type)
{
    using T = dashboard::PanelType;
    switch (type) {
    case T::Line: return DashboardPage::tr("Line chart");
    case T::Area: return DashboardPage::tr("Area chart");
    case T::Bar: return DashboardPage::tr("Bar chart");
    case T::Stat: return DashboardPage::tr("Single stat");
    case T::Gauge: return DashboardPage::tr("Gauge");
    case T::Table: return DashboardPage::tr("Table");
    case T::TopN: return DashboardPage::tr("Top-N list");
    case T::Percentile: return DashboardPage::tr("Percentiles");
    case T::Status: return DashboardPage::tr("Status tile");
    }
    return {};
}

} // namespace

DashboardPage::DashboardPage(storage::StoreService *store, QWidget *parent)
    : WorkspacePage(parent)
{
    setObjectName(QStringLiteral("dashboardPage"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);

    auto *header = new QWidget(this);
    auto *headerLayout = new QHBoxLayout(header);
    headerLayout->setContentsMargins(20, 14, 20, 8);
    auto *texts = new QVBoxLayout;
    texts->setSpacing(0);
    m_title = new QLabel(header);
    m_title->setObjectName(QStringLiteral("dashboardTitle"));
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.5);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    texts->addWidget(m_title);
    m_subtitle = new QLabel(header);
    m_subtitle->setForegroundRole(QPalette::PlaceholderText);
    texts->addWidget(m_subtitle);
    headerLayout->addLayout(texts, 1);

    m_view = new DashboardView(store, this);
    m_view->setObjectName(QStringLiteral("customDashboard"));
    m_view->setHeaderVisible(false); // this page's header has the title and the edit controls
    connect(m_view, &DashboardView::editingChanged, this, [this](bool editing) {
        if (editing != m_editAction->isChecked())
            setEditing(editing);
        Q_EMIT editingChanged(editing);
    });

    m_editAction = new QAction(tr("&Edit Layout"), this);
    Icons::setLineIcon(m_editAction, QStringLiteral("edit"), palette());
    m_editAction->setObjectName(QStringLiteral("editLayoutAction"));
    m_editAction->setCheckable(true);
    // The shortcuts (Ctrl+E, Ctrl+Z, Ctrl+Shift+Z) are the main window's: they act on the page that is shown.
    m_editAction->setToolTip(tr("Move, resize, add and remove panels (Ctrl+E)"));
    connect(m_editAction, &QAction::toggled, this, &DashboardPage::setEditing);

    m_undo = m_view->undoStack()->createUndoAction(this, tr("&Undo"));
    m_undo->setToolTip(tr("Undo the last layout edit (Ctrl+Z)"));
    m_redo = m_view->undoStack()->createRedoAction(this, tr("&Redo"));
    m_redo->setToolTip(tr("Redo (Ctrl+Shift+Z)"));

    auto addButton = [&](QAction *action, const QString &objectName) {
        auto *button = new QToolButton(header);
        button->setDefaultAction(action);
        button->setObjectName(objectName);
        button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        button->setAccessibleName(action->text().remove(QLatin1Char('&')));
        headerLayout->addWidget(button);
        return button;
    };
    addButton(m_editAction, QStringLiteral("editLayoutButton"));
    addButton(m_undo, QStringLiteral("undoButton"));
    addButton(m_redo, QStringLiteral("redoButton"));

    m_addPanel = new QToolButton(header);
    m_addPanel->setObjectName(QStringLiteral("addPanelButton"));
    m_addPanel->setText(tr("Add Panel"));
    Icons::setLineIcon(m_addPanel, QStringLiteral("add"));
    m_addPanel->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_addPanel->setPopupMode(QToolButton::InstantPopup);
    m_addPanel->setAccessibleName(tr("Add a panel"));
    auto *menu = new QMenu(m_addPanel);
    using T = dashboard::PanelType;
    for (T type : {T::Line, T::Area, T::Bar, T::Stat, T::Gauge, T::Table, T::TopN, T::Percentile, T::Status}) {
        menu->addAction(panelTypeTitle(type), this, [this, type] {
            if (!m_view->isEditing())
                setEditing(true);
            m_view->addPanelOfType(type); // placed in free space; the panel editor opens on it
        });
    }
    m_addPanel->setMenu(menu);
    headerLayout->addWidget(m_addPanel);
    layout->addWidget(header);

    connect(m_view, &DashboardView::zoomRequested, this, &WorkspacePage::zoomRequested);
    connect(m_view, &DashboardView::dashboardSaved, this, [this](const dashboard::Dashboard &d) {
        m_shownUpdatedMs = d.updatedMs;
        Q_EMIT dashboardSaved(d);
    });
    layout->addWidget(m_view, 1);
    setEditing(false);
}

void DashboardPage::setEditing(bool editing)
{
    m_view->setEditing(editing);
    {
        const QSignalBlocker blocker(m_editAction);
        m_editAction->setChecked(editing);
    }
    m_editAction->setText(editing ? tr("&Done") : tr("&Edit Layout"));
    m_undo->setVisible(editing);
    m_redo->setVisible(editing);
    m_undo->setEnabled(editing && m_view->undoStack()->canUndo());
    m_redo->setEnabled(editing && m_view->undoStack()->canRedo());
}

void DashboardPage::addPanel(const dashboard::PanelSpec &panel)
{
    if (!m_view->isEditing())
        setEditing(true);
    m_view->addPanel(panel);
}

void DashboardPage::setContent(const WorkspaceContent &content)
{
    m_content = content;
    if (m_dashboardId != 0)
        showDashboard(m_dashboardId);
}

void DashboardPage::setTimeRange(const TimeRange &range)
{
    m_range = range;
    m_view->setTimeRange(range);
}

void DashboardPage::refresh()
{
    m_view->refresh();
}

void DashboardPage::showDashboard(qint64 dashboardId)
{
    const bool other = dashboardId != m_dashboardId;
    m_dashboardId = dashboardId;
    const dashboard::Dashboard *d = m_content.dashboard(dashboardId);
    if (!d) {
        m_title->setText(tr("Dashboard not found"));
        return;
    }
    updateTitle();
    // The view holds the newest layout (it saved it); only a different dashboard or an outside change reloads.
    if (other || d->updatedMs != m_shownUpdatedMs) {
        if (other && m_view->isEditing())
            setEditing(false);
        m_shownUpdatedMs = d->updatedMs;
        m_view->setDashboard(*d);
        if (m_range)
            m_view->setTimeRange(*m_range);
        m_view->undoStack()->clear();
    }
}

void DashboardPage::updateTitle()
{
    const dashboard::Dashboard *d = m_content.dashboard(m_dashboardId);
    if (!d)
        return;
    m_title->setText(d->name);
    QString subtitle = d->project.isEmpty() ? tr("Workspace dashboard") : tr("Dashboard of %1").arg(d->project);
    subtitle += QStringLiteral(" · ") + countText(d->spec.panels.size(), tr("%1 panel"), tr("%1 panels"));
    m_subtitle->setText(subtitle);
}

} // namespace stackscope::app
