#include "dashboardview.h"

#include "dashboardcanvas.h"
#include "gridlayout.h"
#include "paneleditordialog.h"
#include "panelfactory.h"
#include "panelloader.h"
#include "panelscommand.h"
#include "panelwidget.h"
#include "storejob.h"

#include "dashboard/dashboardrepository.h"
#include "storage/storeservice.h"
#include "util/clock.h"

#include <QAction>
#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QScrollArea>
#include <QScrollBar>
#include <QTimer>
#include <QToolButton>
#include <QUndoStack>
#include <QUuid>
#include <QVBoxLayout>

namespace stackscope::app {

using dashboard::PanelSpec;

DashboardView::DashboardView(storage::StoreService *store, QWidget *parent)
    : QWidget(parent)
    , m_store(store)
    , m_undo(new QUndoStack(this))
    , m_canvas(new DashboardCanvas)
    , m_scroll(new QScrollArea(this))
    , m_loader(new PanelLoader(store, this))
    , m_saveTimer(new QTimer(this))
    , m_refreshTimer(new QTimer(this))
    , m_loadTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("dashboardView"));
    setAccessibleName(tr("Dashboard"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    buildHeader();
    layout->addWidget(m_header);

    m_scroll->setObjectName(QStringLiteral("dashboardScroll"));
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setWidgetResizable(true);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_scroll->setWidget(m_canvas);
    layout->addWidget(m_scroll, 1);

    connect(m_canvas, &DashboardCanvas::panelCreated, this, &DashboardView::onPanelCreated);
    connect(m_canvas, &DashboardCanvas::layoutEdited, this, &DashboardView::onLayoutEdited);
    connect(m_loader, &PanelLoader::panelLoaded, this, &DashboardView::onPanelLoaded);

    m_saveTimer->setSingleShot(true);
    m_saveTimer->setInterval(600);
    connect(m_saveTimer, &QTimer::timeout, this, &DashboardView::save);
    m_refreshTimer->setTimerType(Qt::VeryCoarseTimer);
    connect(m_refreshTimer, &QTimer::timeout, this, [this] {
        if (isVisible() && m_range.isRelative()) // a fixed range does not move; a hidden view need not paint
            refresh();
    });
    // Loads wait for the event loop, so geometry (and with it each panel's width in pixels) is settled.
    m_loadTimer->setSingleShot(true);
    m_loadTimer->setInterval(0);
    connect(m_loadTimer, &QTimer::timeout, this, &DashboardView::refresh);

    // Undo and redo while the dashboard has focus.
    QAction *undo = m_undo->createUndoAction(this, tr("Undo"));
    undo->setShortcut(QKeySequence::Undo);
    undo->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(undo);
    QAction *redo = m_undo->createRedoAction(this, tr("Redo"));
    redo->setShortcuts({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_Y)});
    redo->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(redo);
    m_undoButton->setDefaultAction(undo);
    m_redoButton->setDefaultAction(redo);
    m_undoButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_redoButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    updateHeader();
}

DashboardView::~DashboardView()
{
    if (m_dirty)
        save(); // queued on the store thread; runs even though nobody will hear back
}

void DashboardView::buildHeader()
{
    m_header = new QWidget(this);
    m_header->setObjectName(QStringLiteral("dashboardHeader"));
    auto *row = new QHBoxLayout(m_header);
    row->setContentsMargins(12, 6, 8, 4);
    row->setSpacing(6);
    m_title = new QLabel(m_header);
    m_title->setObjectName(QStringLiteral("dashboardTitle"));
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.25);
    titleFont.setWeight(QFont::DemiBold);
    m_title->setFont(titleFont);
    m_saveState = new QLabel(m_header);
    m_saveState->setObjectName(QStringLiteral("dashboardSaveState"));
    m_saveState->setForegroundRole(QPalette::PlaceholderText);

    m_addButton = new QToolButton(m_header);
    m_addButton->setObjectName(QStringLiteral("addPanelButton"));
    m_addButton->setText(tr("Add panel"));
    m_addButton->setAccessibleName(tr("Add panel"));
    m_addButton->setPopupMode(QToolButton::InstantPopup);
    m_addButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    auto *palette = new QMenu(m_addButton);
    palette->setObjectName(QStringLiteral("panelPalette"));
    palette->setToolTipsVisible(true);
    for (dashboard::PanelType type : allPanelTypes()) {
        QAction *action = palette->addAction(panelTypeTitle(type));
        action->setObjectName(QStringLiteral("addPanel_") + dashboard::panelTypeName(type));
        action->setToolTip(panelTypeDescription(type));
        connect(action, &QAction::triggered, this, [this, type] {
            const QString id = addPanelOfType(type);
            if (m_editOnAdd)
                editPanel(id);
        });
    }
    m_addButton->setMenu(palette);

    m_undoButton = new QToolButton(m_header);
    m_undoButton->setObjectName(QStringLiteral("undoButton"));
    m_redoButton = new QToolButton(m_header);
    m_redoButton->setObjectName(QStringLiteral("redoButton"));
    m_editButton = new QToolButton(m_header);
    m_editButton->setObjectName(QStringLiteral("editLayoutButton"));
    m_editButton->setCheckable(true);
    m_editButton->setAccessibleName(tr("Edit layout"));
    m_editButton->setToolTip(tr("Move, resize, add and remove panels"));
    connect(m_editButton, &QToolButton::toggled, this, &DashboardView::setEditing);

    row->addWidget(m_title);
    row->addSpacing(8);
    row->addWidget(m_saveState);
    row->addStretch(1);
    row->addWidget(m_addButton);
    row->addWidget(m_undoButton);
    row->addWidget(m_redoButton);
    row->addWidget(m_editButton);
}

void DashboardView::updateHeader()
{
    m_title->setText(m_dashboard.name.isEmpty() ? m_dashboard.spec.title : m_dashboard.name);
    m_editButton->setVisible(!m_readOnly);
    m_editButton->setText(m_editing ? tr("Done") : tr("Edit layout"));
    m_addButton->setVisible(m_editing && !m_readOnly);
    m_undoButton->setVisible(m_editing && !m_readOnly);
    m_redoButton->setVisible(m_editing && !m_readOnly);
}

void DashboardView::setHeaderVisible(bool visible)
{
    m_header->setVisible(visible);
}

void DashboardView::setSaveDelay(int ms)
{
    m_saveTimer->setInterval(ms);
}

void DashboardView::setDashboard(const dashboard::Dashboard &dashboard)
{
    if (m_dirty)
        save(); // the previous dashboard's pending edit
    m_dashboard = dashboard;
    m_undo->clear();
    m_range = TimeRange::last(dashboard.spec.defaultRangeMs > 0 ? dashboard.spec.defaultRangeMs : m_range.spanMs);
    m_hasLoaded = false;
    m_paintedEmitted = false;
    m_canvas->setPanels({});   // fresh widgets: nothing of the previous dashboard stays on screen
    m_canvas->setPanels(dashboard.spec.panels);
    m_scroll->verticalScrollBar()->setValue(0);
    updateHeader();
    updateRefreshTimer();
    m_loadTimer->start();
}

const dashboard::Dashboard &DashboardView::dashboard() const
{
    return m_dashboard;
}

void DashboardView::setReadOnly(bool readOnly)
{
    m_readOnly = readOnly;
    if (readOnly)
        setEditing(false);
    for (PanelWidget *panel : m_canvas->panelWidgets())
        panel->setReadOnly(readOnly);
    updateHeader();
}

void DashboardView::setTimeRange(const TimeRange &range)
{
    if (range == m_range)
        return;
    m_range = range;
    updateRefreshTimer();
    m_loadTimer->start();
}

TimeRange DashboardView::timeRange() const
{
    return m_range;
}

qint64 DashboardView::nowMs() const
{
    return m_fixedNowMs > 0 ? m_fixedNowMs : QDateTime::currentMSecsSinceEpoch();
}

void DashboardView::refresh()
{
    m_loadTimer->stop();
    QStringList ids;
    for (const PanelSpec &panel : m_canvas->panels())
        ids.append(panel.id);
    m_waiting = QSet<QString>(ids.cbegin(), ids.cend());
    m_paintedEmitted = false;
    m_hasLoaded = true;
    load(ids);
    if (ids.isEmpty())
        QTimer::singleShot(0, this, [this] { onPanelPainted(QString()); });
}

void DashboardView::load(const QStringList &panelIds)
{
    QList<PanelLoader::Request> requests;
    for (const QString &id : panelIds) {
        PanelWidget *widget = m_canvas->panelWidget(id);
        if (!widget)
            continue;
        widget->setLoading();
        requests.append({widget->spec(), widget->plotWidth()});
    }
    const qint64 now = nowMs();
    m_loader->load(requests, m_range.fromMs(now), m_range.toMs(now), m_range.compare);
}

void DashboardView::onPanelLoaded(const QString &panelId, const PanelData &panelData)
{
    PanelWidget *widget = m_canvas->panelWidget(panelId);
    if (!widget)
        return;
    widget->setData(panelData);
    // A panel scrolled out of sight gets no paint event until it is scrolled to; it has nothing to paint now.
    if (widget->visibleRegion().isEmpty())
        onPanelPainted(panelId);
}

void DashboardView::onPanelPainted(const QString &panelId)
{
    m_waiting.remove(panelId);
    if (m_waiting.isEmpty() && m_hasLoaded && !m_paintedEmitted) {
        m_paintedEmitted = true;
        Q_EMIT panelsPainted();
    }
}

void DashboardView::onPanelCreated(PanelWidget *panel)
{
    const QString id = panel->spec().id;
    panel->setReadOnly(m_readOnly);
    connect(panel, &PanelWidget::painted, this, [this, id] { onPanelPainted(id); });
    connect(panel, &PanelWidget::editRequested, this, [this, id] { editPanel(id); });
    connect(panel, &PanelWidget::duplicateRequested, this, [this, id] { duplicatePanel(id); });
    connect(panel, &PanelWidget::removeRequested, this, [this, id] { removePanel(id); });
    connect(panel, &PanelWidget::alertRequested, this, [this, panel] { Q_EMIT alertRequested(panel->spec()); });
    connect(panel, &PanelWidget::viewDataRequested, this,
            [this, panel] { Q_EMIT panelDataRequested(panel->spec()); });
    connect(panel, &PanelWidget::zoomRequested, this, &DashboardView::zoomRequested);
}

void DashboardView::setEditing(bool editing)
{
    editing = editing && !m_readOnly;
    if (editing == m_editing)
        return;
    m_editing = editing;
    m_canvas->setEditing(editing);
    const QSignalBlocker blocker(m_editButton);
    m_editButton->setChecked(editing);
    updateHeader();
    Q_EMIT editingChanged(editing);
}

bool DashboardView::isEditing() const
{
    return m_editing;
}

QUndoStack *DashboardView::undoStack() const
{
    return m_undo;
}

PanelWidget *DashboardView::panelWidget(const QString &panelId) const
{
    return m_canvas->panelWidget(panelId);
}

void DashboardView::setBaselineLoading(bool baseline)
{
    m_loader->setBaseline(baseline);
}

qint64 DashboardView::queriesIssued() const
{
    return m_loader->queriesIssued();
}

// --- edits ---

void DashboardView::applyPanels(const QList<PanelSpec> &panels)
{
    m_dashboard.spec.panels = panels;
    const QStringList toLoad = m_canvas->setPanels(panels);
    for (const QString &id : toLoad)
        m_waiting.insert(id);
    if (!toLoad.isEmpty()) {
        m_paintedEmitted = false;
        // After the layout pass, so new panels know their width.
        QTimer::singleShot(0, this, [this, toLoad] { load(toLoad); });
    }
    // Panels that went away are no longer awaited.
    QSet<QString> present;
    for (const PanelSpec &p : panels)
        present.insert(p.id);
    for (auto it = m_waiting.begin(); it != m_waiting.end();)
        it = present.contains(*it) ? std::next(it) : m_waiting.erase(it);
    scheduleSave();
}

void DashboardView::pushPanels(const QList<PanelSpec> &after, const QString &text)
{
    if (m_readOnly || after == m_dashboard.spec.panels)
        return;
    m_undo->push(new PanelsCommand([this](const QList<PanelSpec> &panels) { applyPanels(panels); },
                                   m_dashboard.spec.panels, after, text));
}

void DashboardView::onLayoutEdited(const QList<PanelSpec> &before, const QList<PanelSpec> &after,
                                   const QString &text)
{
    if (m_readOnly)
        return;
    // The canvas shows `after` already; the command's first redo() confirms it.
    m_dashboard.spec.panels = before;
    pushPanels(after, text);
}

void DashboardView::addPanel(const PanelSpec &panel)
{
    PanelSpec added = panel;
    if (added.id.isEmpty())
        added.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    added.rect = gridlayout::firstFree(m_dashboard.spec.panels, added.rect.w, added.rect.h);
    QList<PanelSpec> after = m_dashboard.spec.panels;
    after.append(added);
    pushPanels(after, tr("Add panel"));
}

QString DashboardView::addPanelOfType(dashboard::PanelType type)
{
    PanelSpec panel = defaultPanel(type);
    addPanel(panel);
    return panel.id;
}

void DashboardView::removePanel(const QString &panelId)
{
    QList<PanelSpec> after = m_dashboard.spec.panels;
    after.removeIf([&](const PanelSpec &p) { return p.id == panelId; });
    m_loader->forget(panelId);
    pushPanels(gridlayout::compacted(after), tr("Remove panel"));
}

void DashboardView::duplicatePanel(const QString &panelId)
{
    for (const PanelSpec &panel : std::as_const(m_dashboard.spec.panels)) {
        if (panel.id != panelId)
            continue;
        PanelSpec copy = panel;
        copy.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        addPanel(copy);
        return;
    }
}

void DashboardView::replacePanel(const PanelSpec &panel)
{
    QList<PanelSpec> after = m_dashboard.spec.panels;
    for (qsizetype i = 0; i < after.size(); ++i) {
        if (after.at(i).id != panel.id)
            continue;
        const dashboard::GridRect target = panel.rect;
        after[i] = panel;
        after = gridlayout::placed(after, i, target);
        pushPanels(after, tr("Edit panel"));
        return;
    }
}

void DashboardView::editPanel(const QString &panelId)
{
    if (m_readOnly)
        return;
    const PanelWidget *widget = m_canvas->panelWidget(panelId);
    if (!widget)
        return;
    auto *editor = new PanelEditorDialog(widget->spec(), m_store, this);
    editor->setAttribute(Qt::WA_DeleteOnClose);
    editor->setTimeRange(m_range);
    connect(editor, &PanelEditorDialog::accepted, this, [this, editor] { replacePanel(editor->panel()); });
    editor->open();
}

// --- saving ---

void DashboardView::scheduleSave()
{
    if (m_readOnly || !m_store)
        return;
    m_dirty = true;
    m_saveState->setText(tr("Saving…"));
    m_saveTimer->start();
}

void DashboardView::save()
{
    m_saveTimer->stop();
    if (!m_dirty || m_readOnly || !m_store)
        return;
    m_dirty = false;
    const dashboard::Dashboard toSave = m_dashboard;
    const bool wasNew = toSave.id == 0;
    const QString uuid = toSave.uuid;
    runStoreJob<dashboard::Dashboard>(
        *m_store, this,
        [toSave](storage::MetricStore &store) -> Result<dashboard::Dashboard> {
            dashboard::DashboardRepository repository(store.database());
            const qint64 now = store.clock().nowMs();
            if (toSave.id == 0)
                return repository.add(toSave, now);
            if (Status st = repository.update(toSave, now); !st)
                return st.error();
            return repository.get(toSave.id);
        },
        [this, wasNew, uuid](Result<dashboard::Dashboard> saved) {
            if (!saved) {
                m_saveState->setText(tr("Not saved"));
                m_saveState->setToolTip(saved.error().userMessage);
                Q_EMIT saveFailed(saved.error().userMessage);
                return;
            }
            if (wasNew && m_dashboard.id == 0 && m_dashboard.uuid == uuid) {
                m_dashboard.id = saved->id;     // the dashboard on screen is the one just added
                m_dashboard.uuid = saved->uuid;
            }
            m_saveState->setText(m_dirty ? tr("Saving…") : tr("Saved"));
            m_saveState->setToolTip(QString());
            Q_EMIT dashboardSaved(saved.value());
        });
}

void DashboardView::updateRefreshTimer()
{
    const int seconds = m_dashboard.spec.refreshSeconds;
    if (seconds > 0 && m_range.isRelative())
        m_refreshTimer->start(seconds * 1000);
    else
        m_refreshTimer->stop();
}

void DashboardView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (!m_hasLoaded && !m_canvas->panels().isEmpty())
        m_loadTimer->start();
}

} // namespace stackscope::app
