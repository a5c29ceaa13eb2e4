#include "dashboardcanvas.h"

#include "gridlayout.h"
#include "panelfactory.h"
#include "panelwidget.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>

#include <cmath>

namespace stackscope::app {

using dashboard::DashboardSpec;
using dashboard::GridRect;
using dashboard::PanelSpec;

namespace {

constexpr int kColumns = DashboardSpec::kGridColumns;
constexpr int kEditExtraRows = 6;   // room below the last panel to drop into while editing

// The parts of a panel whose change needs its data loaded again.
bool sameData(const PanelSpec &a, const PanelSpec &b)
{
    return a.type == b.type && a.queries == b.queries && a.unit == b.unit && a.percentiles == b.percentiles
           && a.topN == b.topN;
}

// The snapping preview: the target cells' outline, drawn over the panels so it shows even under the panel in
// hand.
class DropOutline : public QWidget
{
public:
    explicit DropOutline(QWidget *parent) : QWidget(parent)
    {
        setObjectName(QStringLiteral("dropPreview"));
        setAttribute(Qt::WA_TransparentForMouseEvents);
        setAttribute(Qt::WA_NoSystemBackground);
        hide();
    }

protected:
    void paintEvent(QPaintEvent *) override
    {
        QPainter painter(this);
        painter.setRenderHint(QPainter::Antialiasing);
        QColor fill = palette().color(QPalette::Highlight);
        fill.setAlphaF(0.14f);
        QColor outline = palette().color(QPalette::Highlight);
        painter.setBrush(fill);
        painter.setPen(QPen(outline, 2.0, Qt::DashLine));
        painter.drawRoundedRect(QRectF(rect()).adjusted(1, 1, -1, -1), 6, 6);
    }
};

} // namespace

DashboardCanvas::DashboardCanvas(QWidget *parent)
    : QWidget(parent)
    , m_dropOutline(new DropOutline(this))
{
    setObjectName(QStringLiteral("dashboardCanvas"));
    setFocusPolicy(Qt::StrongFocus);
    setAccessibleName(tr("Dashboard panels"));
}

DashboardCanvas::~DashboardCanvas() = default;

QStringList DashboardCanvas::setPanels(const QList<PanelSpec> &panels)
{
    if (m_drag)
        finishDrag(false);
    QStringList toLoad;
    QHash<QString, PanelWidget *> kept;
    for (const PanelSpec &spec : panels) {
        PanelWidget *widget = m_widgets.take(spec.id);
        if (widget && widget->spec().type != spec.type) {
            widget->hide();
            widget->deleteLater();
            widget = nullptr;
        }
        if (!widget) {
            widget = createPanelWidget(spec, this);
            widget->installEventFilter(this);
            widget->setEditing(m_editing);
            widget->show();
            Q_EMIT panelCreated(widget);
            toLoad.append(spec.id);
        } else if (!(widget->spec() == spec)) {
            if (!sameData(widget->spec(), spec))
                toLoad.append(spec.id);
            widget->setSpec(spec);
        }
        kept.insert(spec.id, widget);
    }
    // Panels no longer in the list. Later, not now: the removal may come from the panel's own menu.
    for (PanelWidget *gone : std::as_const(m_widgets)) {
        gone->hide();
        gone->deleteLater();
    }
    m_widgets = kept;
    m_panels = panels;
    layoutPanels();
    updateHeight();
    return toLoad;
}

QList<PanelWidget *> DashboardCanvas::panelWidgets() const
{
    QList<PanelWidget *> widgets;
    for (const PanelSpec &spec : m_panels)
        widgets.append(m_widgets.value(spec.id));
    return widgets;
}

void DashboardCanvas::setEditing(bool editing)
{
    if (m_drag)
        finishDrag(false);
    m_editing = editing;
    for (PanelWidget *widget : std::as_const(m_widgets))
        widget->setEditing(editing);
    updateHeight();
    update();
}

double DashboardCanvas::columnWidth() const
{
    return std::max(8.0, double(width() - 2 * kMargin - (kColumns - 1) * kGap) / kColumns);
}

QRect DashboardCanvas::cellRect(const GridRect &rect) const
{
    const double col = columnWidth();
    const int x = kMargin + int(std::lround(rect.x * (col + kGap)));
    const int right = kMargin + int(std::lround((rect.x + rect.w) * (col + kGap) - kGap));
    const int y = kMargin + rect.y * (kRowHeight + kGap);
    const int h = rect.h * kRowHeight + (rect.h - 1) * kGap;
    return QRect(x, y, std::max(1, right - x), h);
}

std::optional<GridRect> DashboardCanvas::dropPreview() const
{
    if (!m_drag)
        return std::nullopt;
    return m_panels.at(m_drag->index).rect;
}

QSize DashboardCanvas::sizeHint() const
{
    const int rows = gridlayout::rowCount(m_panels) + (m_editing ? kEditExtraRows : 0);
    return QSize(640, 2 * kMargin + rows * (kRowHeight + kGap));
}

QSize DashboardCanvas::minimumSizeHint() const
{
    return QSize(320, sizeHint().height());
}

void DashboardCanvas::updateHeight()
{
    setMinimumHeight(sizeHint().height());
    updateGeometry();
}

void DashboardCanvas::layoutPanels()
{
    for (const PanelSpec &spec : std::as_const(m_panels)) {
        PanelWidget *widget = m_widgets.value(spec.id);
        if (widget && !(m_drag && m_drag->id == spec.id))
            widget->setGeometry(cellRect(spec.rect));
    }
}

void DashboardCanvas::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    layoutPanels();
}

GridRect DashboardCanvas::snapped(const QRect &pixels, bool resize) const
{
    const double pitchX = columnWidth() + kGap;
    const double pitchY = kRowHeight + kGap;
    GridRect rect = m_drag->before.at(m_drag->index).rect;
    if (resize) {
        rect.w = int(std::lround((pixels.width() + kGap) / pitchX));
        rect.h = int(std::lround((pixels.height() + kGap) / pitchY));
        rect.w = std::clamp(rect.w, 2, kColumns - rect.x);
        rect.h = std::max(rect.h, 2);
    } else {
        rect.x = int(std::lround((pixels.x() - kMargin) / pitchX));
        rect.y = int(std::lround((pixels.y() - kMargin) / pitchY));
        rect = gridlayout::clamped(rect, 1, 1);
    }
    return rect;
}

bool DashboardCanvas::eventFilter(QObject *watched, QEvent *event)
{
    auto *panel = qobject_cast<PanelWidget *>(watched);
    if (!panel || !m_editing)
        return QWidget::eventFilter(watched, event);
    switch (event->type()) {
    case QEvent::MouseButtonPress: {
        auto *mouse = static_cast<QMouseEvent *>(event);
        const PanelWidget::Handle handle = panel->handleAt(mouse->position().toPoint());
        if (mouse->button() != Qt::LeftButton || handle == PanelWidget::Handle::None)
            break;
        const QString id = panel->spec().id;
        const qsizetype index = std::distance(
            m_panels.cbegin(), std::find_if(m_panels.cbegin(), m_panels.cend(),
                                            [&](const PanelSpec &p) { return p.id == id; }));
        if (index >= m_panels.size())
            break;
        m_drag = Drag{id, index, handle == PanelWidget::Handle::Resize, mouse->globalPosition(),
                      panel->geometry(), m_panels, m_panels.at(index).rect};
        panel->raise();
        panel->setFocus(Qt::MouseFocusReason);
        m_dropOutline->setGeometry(cellRect(m_panels.at(index).rect));
        m_dropOutline->show();
        m_dropOutline->raise();
        update();
        return true;
    }
    case QEvent::MouseMove:
        if (m_drag) {
            dragTo(static_cast<QMouseEvent *>(event)->globalPosition());
            return true;
        }
        break;
    case QEvent::MouseButtonRelease:
        if (m_drag && static_cast<QMouseEvent *>(event)->button() == Qt::LeftButton) {
            dragTo(static_cast<QMouseEvent *>(event)->globalPosition());
            finishDrag(true);
            return true;
        }
        break;
    default:
        break;
    }
    return QWidget::eventFilter(watched, event);
}

void DashboardCanvas::dragTo(const QPointF &global)
{
    const QPoint delta = (global - m_drag->pressGlobal).toPoint();
    QRect pixels = m_drag->startGeometry;
    if (m_drag->resize) {
        pixels.setWidth(std::max(int(columnWidth()), pixels.width() + delta.x()));
        pixels.setHeight(std::max(kRowHeight, pixels.height() + delta.y()));
    } else {
        pixels.translate(delta);
    }
    if (PanelWidget *widget = m_widgets.value(m_drag->id))
        widget->setGeometry(pixels);

    const GridRect target = snapped(pixels, m_drag->resize);
    if (!(target == m_drag->target) || m_panels.size() != m_drag->before.size()) {
        m_drag->target = target;
        m_panels = gridlayout::placed(m_drag->before, m_drag->index, target);
        layoutPanels();
        m_dropOutline->setGeometry(cellRect(m_panels.at(m_drag->index).rect));
        // Keep room below the dragged panel so it can go further down.
        setMinimumHeight(std::max(sizeHint().height(), pixels.bottom() + 4 * (kRowHeight + kGap)));
    }
    update();
}

void DashboardCanvas::finishDrag(bool commit)
{
    const Drag drag = *m_drag;
    m_drag.reset();
    m_dropOutline->hide();
    const QList<PanelSpec> after = m_panels;
    if (!commit)
        m_panels = drag.before;
    layoutPanels();
    updateHeight();
    update();
    if (commit && !(after == drag.before))
        Q_EMIT layoutEdited(drag.before, after, drag.resize ? tr("Resize panel") : tr("Move panel"));
}

// The panel in hand normally gets the moves (it had the press); these cover a release over the canvas itself.
void DashboardCanvas::mouseMoveEvent(QMouseEvent *event)
{
    if (m_drag)
        dragTo(event->globalPosition());
    else
        QWidget::mouseMoveEvent(event);
}

void DashboardCanvas::mouseReleaseEvent(QMouseEvent *event)
{
    if (m_drag && event->button() == Qt::LeftButton) {
        dragTo(event->globalPosition());
        finishDrag(true);
        return;
    }
    QWidget::mouseReleaseEvent(event);
}

void DashboardCanvas::keyPressEvent(QKeyEvent *event)
{
    if (m_drag && event->key() == Qt::Key_Escape) {
        finishDrag(false);
        return;
    }
    QWidget::keyPressEvent(event);
}

void DashboardCanvas::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    const QPalette pal = palette();
    const bool dark = pal.color(QPalette::Window).lightness() < 128;
    painter.fillRect(rect(), dark ? pal.color(QPalette::Base).darker(135) : pal.color(QPalette::Base).darker(104));
    if (!m_editing)
        return;

    // Column guides: faint bands, so the grid the panels snap to is visible while editing.
    QColor band = pal.color(QPalette::Text);
    band.setAlphaF(dark ? 0.03f : 0.025f);
    const int rows = std::max(gridlayout::rowCount(m_panels) + kEditExtraRows, height() / (kRowHeight + kGap));
    for (int c = 0; c < kColumns; ++c) {
        const QRect column = cellRect(GridRect{c, 0, 1, rows});
        painter.fillRect(column, band);
    }
}

} // namespace stackscope::app
