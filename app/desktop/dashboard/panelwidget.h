#pragma once

#include "paneldata.h"

#include "dashboard/dashboardspec.h"

#include <QFrame>

class QLabel;
class QToolButton;
class QVBoxLayout;

namespace stackscope::app {

// The frame every dashboard panel shares (D3): a header with the title and a menu (Edit…, Duplicate, Remove,
// Alert on this…, View data), the body a subclass provides, and the states that replace the body: loading,
// "No data in this range", and errors in plain words. In edit mode the header is a drag handle and the
// bottom-right corner a resize grip; DashboardCanvas does the dragging.
class PanelWidget : public QFrame
{
    Q_OBJECT

public:
    enum class Handle { None, Move, Resize };

    explicit PanelWidget(const dashboard::PanelSpec &spec, QWidget *parent = nullptr);
    ~PanelWidget() override;

    const dashboard::PanelSpec &spec() const { return m_spec; }
    // A new spec for the same panel (after an edit): title, options; data follows with the next setData().
    void setSpec(const dashboard::PanelSpec &spec);

    // One refresh's data: the panel repaints once. painted() follows once it is on screen.
    void setData(const PanelData &panelData);
    const PanelData &currentData() const { return m_data; }
    bool hasResult() const { return m_hasResult; }
    bool isShowingEmptyState() const;
    bool isShowingError() const;
    QString stateText() const;
    void setLoading();

    // The width in pixels the body can draw in: how many points are worth asking the store for.
    virtual int plotWidth() const;

    void setEditing(bool editing);
    bool isEditing() const { return m_editing; }
    void setReadOnly(bool readOnly);
    Handle handleAt(const QPoint &pos) const;   // in this widget's coordinates

Q_SIGNALS:
    void editRequested();
    void duplicateRequested();
    void removeRequested();
    void alertRequested();
    void viewDataRequested();
    void zoomRequested(qint64 fromMs, qint64 toMs);
    void painted();                // the current data has been painted (once per setData)

protected:
    // Subclasses build their body in their constructor and hand it over here.
    void setBody(QWidget *body);
    QWidget *body() const { return m_body; }
    // Show `data` in the body (called with data that has something to show).
    virtual void applyData(const PanelData &panelData) = 0;
    virtual void applySpec() {}
    // Bodies that paint asynchronously (charts) call markPainted() themselves and return true here.
    virtual bool paintsAsynchronously() const { return false; }
    void markPainted();

    void paintEvent(QPaintEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void buildHeader();
    void showState(const QString &text, bool error);
    void updateTitle();

    dashboard::PanelSpec m_spec;
    PanelData m_data;
    QWidget *m_header = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_subtitle = nullptr;
    QToolButton *m_menuButton = nullptr;
    QVBoxLayout *m_layout = nullptr;
    QWidget *m_body = nullptr;
    QLabel *m_state = nullptr;
    bool m_hasResult = false;
    bool m_paintPending = false;
    bool m_editing = false;
    bool m_readOnly = false;
    bool m_stateIsError = false;
};

} // namespace stackscope::app
