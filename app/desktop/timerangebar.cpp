#include "timerangebar.h"

#include "icons.h"
#include "rangeselector.h"

#include <QActionGroup>
#include <QDateTime>
#include <QDateTimeEdit>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QTimer>
#include <QToolButton>

namespace stackscope::app {

namespace {

QString refreshText(int seconds)
{
    if (seconds == 0)
        return TimeRangeBar::tr("Auto-refresh off");
    if (seconds < 60)
        return TimeRangeBar::tr("Every %1 seconds").arg(seconds);
    return seconds == 60 ? TimeRangeBar::tr("Every minute") : TimeRangeBar::tr("Every %1 minutes").arg(seconds / 60);
}

QString shortRefreshText(int seconds)
{
    if (seconds == 0)
        return TimeRangeBar::tr("Off");
    if (seconds < 60)
        return TimeRangeBar::tr("%1 s").arg(seconds);
    return TimeRangeBar::tr("%1 min").arg(seconds / 60);
}

} // namespace

const QList<int> &TimeRangeBar::refreshIntervals()
{
    static const QList<int> intervals{0, 10, 30, 60, 300};
    return intervals;
}

TimeRangeBar::TimeRangeBar(QWidget *parent)
    : QWidget(parent)
    , m_timer(new QTimer(this))
{
    setObjectName(QStringLiteral("timeRangeBar"));
    setAccessibleName(tr("Time range and refresh"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);

    m_back = new QToolButton(this);
    m_back->setObjectName(QStringLiteral("zoomOutButton"));
    Icons::setLineIcon(m_back, QStringLiteral("back"));
    m_back->setAutoRaise(true);
    m_back->setAccessibleName(tr("Zoom out to the previous range"));
    m_back->setToolTip(tr("Back to the range before zooming (Alt+Left)"));
    m_back->setEnabled(false);
    connect(m_back, &QToolButton::clicked, this, &TimeRangeBar::zoomOut);
    layout->addWidget(m_back);

    m_fixedLabel = new QLabel(this);
    m_fixedLabel->setObjectName(QStringLiteral("fixedRangeLabel"));
    m_fixedLabel->setAccessibleName(tr("Shown range"));
    m_fixedLabel->hide();
    layout->addWidget(m_fixedLabel);

    m_presets = new RangeSelector(this);
    m_presets->setObjectName(QStringLiteral("rangeSelector"));
    connect(m_presets, &RangeSelector::rangeChanged, this, [this](qint64 span) {
        TimeRange range = TimeRange::last(span);
        range.compare = m_range.compare;
        m_history.clear();
        apply(range, false);
    });
    layout->addWidget(m_presets);

    m_custom = new QToolButton(this);
    m_custom->setObjectName(QStringLiteral("customRangeButton"));
    m_custom->setText(tr("Custom…"));
    m_custom->setAutoRaise(true);
    m_custom->setAccessibleName(tr("Choose a custom time range"));
    connect(m_custom, &QToolButton::clicked, this, &TimeRangeBar::openCustomDialog);
    layout->addWidget(m_custom);

    m_compare = new QToolButton(this);
    m_compare->setObjectName(QStringLiteral("compareButton"));
    m_compare->setText(tr("Compare"));
    m_compare->setCheckable(true);
    m_compare->setAutoRaise(true);
    m_compare->setAccessibleName(tr("Compare with the previous period"));
    m_compare->setToolTip(tr("Also draw the previous period of the same length"));
    connect(m_compare, &QToolButton::toggled, this, [this](bool on) { setCompare(on); });
    layout->addWidget(m_compare);

    layout->addSpacing(8);
    m_autoRefresh = new QToolButton(this);
    m_autoRefresh->setObjectName(QStringLiteral("autoRefreshButton"));
    Icons::setLineIcon(m_autoRefresh, QStringLiteral("clock"));
    m_autoRefresh->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_autoRefresh->setPopupMode(QToolButton::InstantPopup);
    m_autoRefresh->setAutoRaise(true);
    m_autoRefresh->setAccessibleName(tr("Auto-refresh interval"));
    auto *menu = new QMenu(m_autoRefresh);
    auto *group = new QActionGroup(menu);
    for (int seconds : refreshIntervals()) {
        QAction *action = menu->addAction(refreshText(seconds));
        action->setCheckable(true);
        action->setData(seconds);
        group->addAction(action);
        connect(action, &QAction::triggered, this, [this, seconds] { setRefreshSeconds(seconds); });
    }
    m_autoRefresh->setMenu(menu);
    layout->addWidget(m_autoRefresh);

    m_refresh = new QToolButton(this);
    m_refresh->setObjectName(QStringLiteral("refreshButton"));
    Icons::setLineIcon(m_refresh, QStringLiteral("refresh"));
    m_refresh->setAutoRaise(true);
    m_refresh->setAccessibleName(tr("Refresh now"));
    m_refresh->setToolTip(tr("Refresh now (F5)"));
    connect(m_refresh, &QToolButton::clicked, this, &TimeRangeBar::refreshRequested);
    layout->addWidget(m_refresh);

    connect(m_timer, &QTimer::timeout, this, &TimeRangeBar::refreshRequested);
    setRefreshSeconds(0);
    m_range = TimeRange::last(m_presets->range());
    updateLabels();
}

void TimeRangeBar::setRange(const TimeRange &range)
{
    if (range.isRelative())
        m_history.clear();
    apply(range, false);
}

void TimeRangeBar::apply(const TimeRange &range, bool keepHistory)
{
    if (keepHistory)
        m_history.append(m_range);
    if (range == m_range) {
        updateLabels();
        return;
    }
    m_range = range;
    updateLabels();
    Q_EMIT rangeChanged(m_range);
}

void TimeRangeBar::zoomTo(qint64 fromMs, qint64 toMs)
{
    if (toMs <= fromMs)
        return;
    TimeRange range = TimeRange::fixed(fromMs, toMs);
    range.compare = m_range.compare;
    apply(range, true);
}

void TimeRangeBar::zoomOut()
{
    if (m_history.isEmpty())
        return;
    TimeRange previous = m_history.takeLast();
    previous.compare = m_range.compare;
    apply(previous, false);
}

void TimeRangeBar::selectPreset(int index)
{
    const qint64 span = RangeSelector::ranges().value(index, -1);
    if (span < 0)
        return;
    TimeRange range = TimeRange::last(span);
    range.compare = m_range.compare;
    m_history.clear();
    apply(range, false);
}

void TimeRangeBar::setCompare(bool compare)
{
    if (m_range.compare == compare)
        return;
    TimeRange range = m_range;
    range.compare = compare;
    apply(range, false);
}

void TimeRangeBar::setRefreshSeconds(int seconds)
{
    m_refreshSeconds = seconds;
    if (seconds > 0)
        m_timer->start(seconds * 1000);
    else
        m_timer->stop();
    m_autoRefresh->setText(shortRefreshText(seconds));
    m_autoRefresh->setToolTip(refreshText(seconds));
    const auto actions = m_autoRefresh->menu()->actions();
    for (QAction *action : actions)
        action->setChecked(action->data().toInt() == seconds);
}

void TimeRangeBar::openCustomDialog()
{
    auto *dialog = new QDialog(this);
    dialog->setObjectName(QStringLiteral("customRangeDialog"));
    dialog->setWindowTitle(tr("Custom Time Range"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    auto *form = new QFormLayout(dialog);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    auto *from = new QDateTimeEdit(QDateTime::fromMSecsSinceEpoch(m_range.fromMs(now)), dialog);
    auto *to = new QDateTimeEdit(QDateTime::fromMSecsSinceEpoch(m_range.toMs(now)), dialog);
    for (QDateTimeEdit *edit : {from, to}) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(QLocale().dateTimeFormat(QLocale::ShortFormat));
    }
    from->setObjectName(QStringLiteral("customFrom"));
    from->setAccessibleName(tr("Start of the range"));
    to->setObjectName(QStringLiteral("customTo"));
    to->setAccessibleName(tr("End of the range"));
    form->addRow(tr("&From:"), from);
    form->addRow(tr("&To:"), to);
    auto *error = new QLabel(dialog);
    error->setStyleSheet(QStringLiteral("color: #e03e3e;"));
    error->hide();
    form->addRow(error);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, dialog);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    connect(buttons, &QDialogButtonBox::accepted, dialog, [this, dialog, from, to, error] {
        const qint64 f = from->dateTime().toMSecsSinceEpoch();
        const qint64 t = to->dateTime().toMSecsSinceEpoch();
        if (t <= f) {
            error->setText(tr("The end must be after the start."));
            error->show();
            return;
        }
        TimeRange range = TimeRange::fixed(f, t);
        range.compare = m_range.compare;
        m_history.clear();
        apply(range, false);
        dialog->accept();
    });
    dialog->open();
}

void TimeRangeBar::updateLabels()
{
    m_back->setEnabled(!m_history.isEmpty());
    const QSignalBlocker blocker(m_compare);
    m_compare->setChecked(m_range.compare);
    if (m_range.isRelative()) {
        m_presets->setRange(m_range.spanMs);
        m_fixedLabel->hide();
        m_custom->setText(tr("Custom…"));
        return;
    }
    m_presets->clearSelection();
    const QLocale locale;
    const QDateTime from = QDateTime::fromMSecsSinceEpoch(*m_range.fixedFromMs);
    const QDateTime to = QDateTime::fromMSecsSinceEpoch(*m_range.fixedToMs);
    const QString format = from.date() == to.date() ? QStringLiteral("HH:mm") : locale.dateTimeFormat(QLocale::ShortFormat);
    m_fixedLabel->setText(tr("%1 – %2").arg(locale.toString(from, locale.dateTimeFormat(QLocale::ShortFormat)),
                                            locale.toString(to, format)));
    m_fixedLabel->show();
}

} // namespace stackscope::app
