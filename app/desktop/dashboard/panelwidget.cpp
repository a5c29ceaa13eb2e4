#include "panelwidget.h"

#include "panelformat.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace stackscope::app {

namespace {

constexpr int kGrip = 18;          // the resize grip's square in the bottom-right corner
constexpr int kRadius = 6;

} // namespace

PanelWidget::PanelWidget(const dashboard::PanelSpec &spec, QWidget *parent)
    : QFrame(parent)
    , m_spec(spec)
{
    setObjectName(QStringLiteral("dashboardPanel"));
    setAttribute(Qt::WA_StyledBackground, false);
    setAutoFillBackground(false);
    setFocusPolicy(Qt::ClickFocus);
    m_layout = new QVBoxLayout(this);
    m_layout->setContentsMargins(10, 4, 10, 8);
    m_layout->setSpacing(2);
    buildHeader();

    m_state = new QLabel(this);
    m_state->setObjectName(QStringLiteral("panelState"));
    m_state->setAlignment(Qt::AlignCenter);
    m_state->setWordWrap(true);
    m_state->setForegroundRole(QPalette::PlaceholderText);
    m_state->setText(tr("Loading…"));
    m_layout->addWidget(m_state, 1);
    updateTitle();
}

PanelWidget::~PanelWidget() = default;

void PanelWidget::buildHeader()
{
    m_header = new QWidget(this);
    m_header->setObjectName(QStringLiteral("panelHeader"));
    auto *row = new QHBoxLayout(m_header);
    row->setContentsMargins(0, 0, 0, 0);
    row->setSpacing(6);
    m_title = new QLabel(m_header);
    m_title->setObjectName(QStringLiteral("panelTitle"));
    m_title->setTextFormat(Qt::PlainText);
    m_title->setAttribute(Qt::WA_TransparentForMouseEvents);
    QFont titleFont = m_title->font();
    titleFont.setWeight(QFont::DemiBold);
    m_title->setFont(titleFont);
    m_title->setMinimumWidth(20);
    m_title->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_subtitle = new QLabel(m_header);
    m_subtitle->setForegroundRole(QPalette::PlaceholderText);
    m_subtitle->setAttribute(Qt::WA_TransparentForMouseEvents);
    m_menuButton = new QToolButton(m_header);
    m_menuButton->setObjectName(QStringLiteral("panelMenuButton"));
    m_menuButton->setText(QStringLiteral("⋮"));
    m_menuButton->setAutoRaise(true);
    m_menuButton->setPopupMode(QToolButton::InstantPopup);
    m_menuButton->setToolTip(tr("Panel menu"));
    m_menuButton->setAccessibleName(tr("Panel menu"));
    m_menuButton->setStyleSheet(QStringLiteral("QToolButton::menu-indicator { image: none; width: 0; }"));

    auto *menu = new QMenu(m_menuButton);
    menu->setObjectName(QStringLiteral("panelMenu"));
    QAction *edit = menu->addAction(tr("Edit…"), this, &PanelWidget::editRequested);
    edit->setObjectName(QStringLiteral("panelEditAction"));
    QAction *duplicate = menu->addAction(tr("Duplicate"), this, &PanelWidget::duplicateRequested);
    duplicate->setObjectName(QStringLiteral("panelDuplicateAction"));
    QAction *remove = menu->addAction(tr("Remove"), this, &PanelWidget::removeRequested);
    remove->setObjectName(QStringLiteral("panelRemoveAction"));
    menu->addSeparator();
    QAction *alert = menu->addAction(tr("Alert on this…"), this, &PanelWidget::alertRequested);
    alert->setObjectName(QStringLiteral("panelAlertAction"));
    QAction *view = menu->addAction(tr("View data"), this, &PanelWidget::viewDataRequested);
    view->setObjectName(QStringLiteral("panelViewDataAction"));
    m_menuButton->setMenu(menu);

    row->addWidget(m_title, 1);
    row->addWidget(m_subtitle);
    row->addWidget(m_menuButton);
    m_header->setFixedHeight(std::max(26, fontMetrics().height() + 10));
    m_layout->addWidget(m_header);
}

void PanelWidget::setSpec(const dashboard::PanelSpec &spec)
{
    m_spec = spec;
    updateTitle();
    applySpec();
    if (m_hasResult)
        setData(m_data);
}

void PanelWidget::updateTitle()
{
    const QString title = m_spec.title.isEmpty()
                              ? (m_spec.queries.isEmpty() ? tr("New panel") : m_spec.queries.constFirst().metric)
                              : m_spec.title;
    m_title->setText(title);
    m_title->setToolTip(title);
    setAccessibleName(tr("Panel %1").arg(title));
}

void PanelWidget::setBody(QWidget *body)
{
    m_body = body;
    m_layout->insertWidget(1, body, 1);
    body->hide();
}

void PanelWidget::setLoading()
{
    if (!m_hasResult)
        showState(tr("Loading…"), false);
}

void PanelWidget::setData(const PanelData &panelData)
{
    m_data = panelData;
    m_hasResult = true;
    m_paintPending = true;
    if (m_spec.queries.isEmpty() || m_spec.queries.constFirst().metric.isEmpty()) {
        showState(tr("No metric chosen yet. Choose one with Edit… in the panel menu."), false);
    } else if (!panelData.error.isEmpty()) {
        showState(panelData.error, true);
    } else if (!panelData.hasData()) {
        showState(tr("No data in this range"), false);
    } else {
        m_state->hide();
        if (m_body) {
            m_body->show();
            applyData(panelData);
            m_body->update();
        }
    }
    update();
}

void PanelWidget::showState(const QString &text, bool error)
{
    m_stateIsError = error;
    if (m_body)
        m_body->hide();
    m_state->setText(text);
    m_state->setForegroundRole(error ? QPalette::WindowText : QPalette::PlaceholderText);
    if (error) {
        QPalette pal = m_state->palette();
        pal.setColor(QPalette::WindowText, levelColor(1, 1, palette()));
        m_state->setPalette(pal);
    }
    m_state->show();
}

bool PanelWidget::isShowingEmptyState() const
{
    return !m_state->isHidden() && !m_stateIsError && m_hasResult;
}

bool PanelWidget::isShowingError() const
{
    return !m_state->isHidden() && m_stateIsError;
}

QString PanelWidget::stateText() const
{
    return m_state->isHidden() ? QString() : m_state->text();
}

int PanelWidget::plotWidth() const
{
    return std::max(40, width() - 24);
}

void PanelWidget::setEditing(bool editing)
{
    m_editing = editing;
    setMouseTracking(editing);
    // While editing, the body ignores the mouse so the whole panel can be grabbed.
    if (m_body) {
        m_body->setAttribute(Qt::WA_TransparentForMouseEvents, editing);
        const auto inner = m_body->findChildren<QWidget *>();
        for (QWidget *child : inner)
            child->setAttribute(Qt::WA_TransparentForMouseEvents, editing);
    }
    m_state->setAttribute(Qt::WA_TransparentForMouseEvents, editing);
    m_header->setCursor(editing ? Qt::SizeAllCursor : Qt::ArrowCursor);
    if (!editing)
        unsetCursor();
    update();
}

void PanelWidget::setReadOnly(bool readOnly)
{
    m_readOnly = readOnly;
    const auto actions = m_menuButton->menu()->actions();
    for (QAction *action : actions) {
        const QString name = action->objectName();
        if (name == QLatin1String("panelEditAction") || name == QLatin1String("panelDuplicateAction")
            || name == QLatin1String("panelRemoveAction"))
            action->setVisible(!readOnly);
    }
}

PanelWidget::Handle PanelWidget::handleAt(const QPoint &pos) const
{
    if (!m_editing)
        return Handle::None;
    if (pos.x() >= width() - kGrip && pos.y() >= height() - kGrip)
        return Handle::Resize;
    if (m_header->geometry().adjusted(-10, -4, 10, 0).contains(pos)
        && !m_menuButton->geometry().translated(m_header->pos()).contains(pos))
        return Handle::Move;
    return Handle::None;
}

void PanelWidget::markPainted()
{
    if (!m_paintPending)
        return;
    m_paintPending = false;
    // After the paint pass that drew it, not in the middle of it.
    QTimer::singleShot(0, this, &PanelWidget::painted);
}

void PanelWidget::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing, true);
    const QPalette pal = palette();
    const bool dark = pal.color(QPalette::Window).lightness() < 128;
    QColor border = pal.color(QPalette::Text);
    border.setAlphaF(dark ? 0.14f : 0.13f);
    const QRectF frame = QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5);
    painter.setPen(QPen(border, 1.0));
    painter.setBrush(pal.color(QPalette::Base));
    painter.drawRoundedRect(frame, kRadius, kRadius);

    if (m_editing) {
        QColor accent = pal.color(QPalette::Highlight);
        accent.setAlphaF(hasFocus() ? 0.9f : 0.45f);
        painter.setPen(QPen(accent, 1.2, Qt::DashLine));
        painter.setBrush(Qt::NoBrush);
        painter.drawRoundedRect(frame.adjusted(1, 1, -1, -1), kRadius, kRadius);
        // The resize grip: three short diagonals in the corner.
        QColor grip = pal.color(QPalette::Text);
        grip.setAlphaF(0.55f);
        painter.setPen(QPen(grip, 1.4, Qt::SolidLine, Qt::RoundCap));
        const QPointF corner(width() - 4.0, height() - 4.0);
        for (int i = 1; i <= 3; ++i)
            painter.drawLine(corner - QPointF(4.0 * i, 0), corner - QPointF(0, 4.0 * i));
    }
    if (m_hasResult && (!paintsAsynchronously() || !m_body || m_body->isHidden()))
        markPainted();
}

void PanelWidget::mouseMoveEvent(QMouseEvent *event)
{
    if (m_editing && !(event->buttons() & Qt::LeftButton)) {
        switch (handleAt(event->position().toPoint())) {
        case Handle::Resize: setCursor(Qt::SizeFDiagCursor); break;
        case Handle::Move: setCursor(Qt::SizeAllCursor); break;
        case Handle::None: unsetCursor(); break;
        }
    }
    QFrame::mouseMoveEvent(event);
}

void PanelWidget::changeEvent(QEvent *event)
{
    QFrame::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && m_stateIsError)
        showState(m_state->text(), true);
}

} // namespace stackscope::app
