#include "rangeselector.h"

#include <QAbstractButton>
#include <QButtonGroup>
#include <QHBoxLayout>
#include <QToolButton>

#include <cstdlib>

namespace stackscope::app {

namespace {
constexpr qint64 kHour = 3'600'000;
constexpr qint64 kDay = 24 * kHour;
} // namespace

const QList<qint64> &RangeSelector::ranges()
{
    static const QList<qint64> all{kHour, kDay, 7 * kDay, 30 * kDay, 90 * kDay, 365 * kDay};
    return all;
}

RangeSelector::RangeSelector(QWidget *parent)
    : QWidget(parent)
    , m_group(new QButtonGroup(this))
{
    setAccessibleName(tr("Time range"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);

    const QList<std::pair<QString, QString>> texts{
        {tr("1h"), tr("Last hour")},     {tr("24h"), tr("Last 24 hours")}, {tr("7d"), tr("Last 7 days")},
        {tr("30d"), tr("Last 30 days")}, {tr("90d"), tr("Last 90 days")},  {tr("1y"), tr("Last year")},
    };
    m_group->setExclusive(true);
    for (int i = 0; i < texts.size(); ++i) {
        auto *button = new QToolButton(this);
        button->setText(texts.at(i).first);
        button->setCheckable(true);
        button->setAutoRaise(true);
        button->setAccessibleName(texts.at(i).second);
        // The shortcuts themselves are the main window's View menu items (Alt+1 … Alt+6).
        button->setToolTip(texts.at(i).second + QStringLiteral(" (")
                           + QKeySequence(Qt::ALT | Qt::Key(Qt::Key_1 + i)).toString(QKeySequence::NativeText)
                           + QLatin1Char(')'));
        button->setObjectName(QStringLiteral("range_") + texts.at(i).first);
        button->setMinimumWidth(40);
        m_group->addButton(button, i);
        layout->addWidget(button);
    }
    connect(m_group, &QButtonGroup::idClicked, this, [this](int id) {
        const qint64 span = ranges().value(id);
        if (span == m_range && m_checked)
            return;
        m_checked = true;
        m_range = span;
        Q_EMIT rangeChanged(span);
    });
    setRange(kDay);
}

void RangeSelector::setRange(qint64 spanMs)
{
    int best = 0;
    for (int i = 1; i < ranges().size(); ++i)
        if (std::llabs(ranges().at(i) - spanMs) < std::llabs(ranges().at(best) - spanMs))
            best = i;
    m_range = ranges().at(best);
    m_checked = true;
    if (QAbstractButton *button = m_group->button(best))
        button->setChecked(true);
}

void RangeSelector::clearSelection()
{
    // An exclusive group keeps one button checked; lift that while unchecking.
    m_group->setExclusive(false);
    if (QAbstractButton *button = m_group->checkedButton())
        button->setChecked(false);
    m_group->setExclusive(true);
    m_checked = false;
}

} // namespace stackscope::app
