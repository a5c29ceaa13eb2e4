#include "labelfilterbar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QToolButton>

namespace stackscope::app {

namespace {

constexpr int kMaxValuesInMenu = 60; // beyond that a menu is no way to pick; the search box is

const QString kChipStyle = QStringLiteral(
    "QToolButton#filterChip { border: 1px solid palette(highlight); border-radius: 11px; padding: 2px 9px;"
    " background: palette(base); }"
    "QToolButton#filterChip:hover { background: palette(alternate-base); }");

} // namespace

LabelFilterBar::LabelFilterBar(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    auto *caption = new QLabel(tr("Filters:"), this);
    layout->addWidget(caption);
    m_chipLayout = new QHBoxLayout;
    m_chipLayout->setSpacing(6);
    layout->addLayout(m_chipLayout);

    m_addButton = new QToolButton(this);
    m_addButton->setObjectName(QStringLiteral("addFilterButton"));
    m_addButton->setText(tr("+ Add filter"));
    m_addButton->setAccessibleName(tr("Add a label filter"));
    m_addButton->setPopupMode(QToolButton::InstantPopup);
    m_addButton->setAutoRaise(true);
    m_menu = new QMenu(m_addButton);
    m_addButton->setMenu(m_menu);
    layout->addWidget(m_addButton);
    layout->addStretch(1);
    setStyleSheet(kChipStyle);
    rebuildMenu();
}

void LabelFilterBar::setAvailable(const QMap<QString, QStringList> &values)
{
    m_available = values;
    rebuildMenu();
}

void LabelFilterBar::setFilters(const Labels &filters)
{
    if (filters == m_filters)
        return;
    m_filters = filters;
    rebuildChips();
    rebuildMenu();
}

void LabelFilterBar::addFilter(const QString &key, const QString &value)
{
    if (m_filters.value(key) == value && m_filters.contains(key))
        return;
    m_filters.insert(key, value);
    rebuildChips();
    rebuildMenu();
    Q_EMIT filtersChanged(m_filters);
}

void LabelFilterBar::removeFilter(const QString &key)
{
    if (m_filters.remove(key) == 0)
        return;
    rebuildChips();
    rebuildMenu();
    Q_EMIT filtersChanged(m_filters);
}

QStringList LabelFilterBar::chipTexts() const
{
    QStringList texts;
    for (auto it = m_filters.cbegin(); it != m_filters.cend(); ++it)
        texts.append(it.key() + QStringLiteral(" = ") + it.value());
    return texts;
}

void LabelFilterBar::rebuildChips()
{
    // deleteLater: a chip may be rebuilt away from inside its own clicked() signal.
    for (QToolButton *chip : std::as_const(m_chips)) {
        m_chipLayout->removeWidget(chip);
        chip->hide();
        chip->deleteLater();
    }
    m_chips.clear();
    for (auto it = m_filters.cbegin(); it != m_filters.cend(); ++it) {
        const QString key = it.key();
        auto *chip = new QToolButton(this);
        chip->setObjectName(QStringLiteral("filterChip"));
        chip->setText(key + QStringLiteral(" = ") + it.value() + QStringLiteral("  ✕"));
        chip->setToolTip(tr("Remove this filter"));
        chip->setAccessibleName(tr("Remove filter %1 = %2").arg(key, it.value()));
        chip->setCursor(Qt::PointingHandCursor);
        connect(chip, &QToolButton::clicked, this, [this, key] { removeFilter(key); });
        m_chipLayout->addWidget(chip);
        m_chips.append(chip);
    }
}

void LabelFilterBar::rebuildMenu()
{
    m_menu->clear();
    for (auto it = m_available.cbegin(); it != m_available.cend(); ++it) {
        const QString key = it.key();
        QMenu *values = m_menu->addMenu(tr("%1 (%2)").arg(key, QLocale().toString(it->size())));
        const QString current = m_filters.value(key);
        int shown = 0;
        for (const QString &value : *it) {
            if (++shown > kMaxValuesInMenu) {
                values->addAction(tr("… and %1 more").arg(QLocale().toString(it->size() - kMaxValuesInMenu)))
                    ->setEnabled(false);
                break;
            }
            QAction *action = values->addAction(value);
            action->setCheckable(true);
            action->setChecked(m_filters.contains(key) && value == current);
            connect(action, &QAction::triggered, this, [this, key, value] { addFilter(key, value); });
        }
    }
    const bool any = !m_available.isEmpty();
    m_addButton->setEnabled(any);
    m_addButton->setToolTip(any ? tr("Narrow the chart to series with a label value")
                                : tr("The plotted series have no labels to filter by"));
}

} // namespace stackscope::app
