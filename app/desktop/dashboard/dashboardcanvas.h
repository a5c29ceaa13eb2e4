#pragma once

#include "dashboard/dashboardspec.h"

#include <QHash>
#include <QList>
#include <QPointer>
#include <QWidget>

#include <optional>

namespace stackscope::app {

class PanelWidget;

// The 24-column grid the panels sit on (D2), inside the view's scroll area. Owns one PanelWidget per panel,
// positioned from its GridRect. In edit mode a panel is moved by dragging its header and resized by dragging
// its bottom-right corner: the panel follows the mouse, the target cells are outlined (snapping preview) and
// the other panels make room live (gridlayout: push down, then float up). On release the new layout is
// offered as layoutEdited(before, after); the view turns it into an undoable command.
class DashboardCanvas : public QWidget
{
    Q_OBJECT

public:
    static constexpr int kRowHeight = 30;
    static constexpr int kGap = 8;
    static constexpr int kMargin = 8;

    explicit DashboardCanvas(QWidget *parent = nullptr);
    ~DashboardCanvas() override;

    // Creates, updates and removes panel widgets so they match `panels`; returns the ids of panels that are new
    // or whose data-defining parts (type, queries, unit) changed and so need loading.
    QStringList setPanels(const QList<dashboard::PanelSpec> &panels);
    const QList<dashboard::PanelSpec> &panels() const { return m_panels; }
    PanelWidget *panelWidget(const QString &id) const { return m_widgets.value(id); }
    QList<PanelWidget *> panelWidgets() const;   // in panel order

    void setEditing(bool editing);
    bool isEditing() const { return m_editing; }

    // Pixel geometry of grid cells, in this widget's coordinates.
    QRect cellRect(const dashboard::GridRect &rect) const;
    double columnWidth() const;
    bool isDragging() const { return m_drag.has_value(); }
    // The outlined target cells while dragging.
    std::optional<dashboard::GridRect> dropPreview() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    void panelCreated(stackscope::app::PanelWidget *panel);
    void layoutEdited(const QList<dashboard::PanelSpec> &before, const QList<dashboard::PanelSpec> &after,
                      const QString &text);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;

private:
    struct Drag
    {
        QString id;
        qsizetype index = -1;
        bool resize = false;
        QPointF pressGlobal;
        QRect startGeometry;
        QList<dashboard::PanelSpec> before;
        dashboard::GridRect target;
    };
    void layoutPanels();
    void updateHeight();
    void dragTo(const QPointF &global);
    void finishDrag(bool commit);
    dashboard::GridRect snapped(const QRect &pixels, bool resize) const;

    QList<dashboard::PanelSpec> m_panels;
    QHash<QString, PanelWidget *> m_widgets;
    std::optional<Drag> m_drag;
    QWidget *m_dropOutline = nullptr;   // above every panel, the one in hand included
    bool m_editing = false;
};

} // namespace stackscope::app
