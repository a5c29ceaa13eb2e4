#include "thresholdeditor.h"

#include <QColorDialog>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <limits>

namespace stackscope::app {

namespace {

const char *const kColorProperty = "thresholdColor";

void paintSwatch(QToolButton *button, const QColor &color)
{
    QPixmap swatch(14, 14);
    swatch.fill(color);
    button->setIcon(QIcon(swatch));
    button->setProperty(kColorProperty, color.name());
    button->setToolTip(color.name());
}

} // namespace

ThresholdEditor::ThresholdEditor(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_rows = new QVBoxLayout;
    m_rows->setSpacing(4);
    layout->addLayout(m_rows);
    auto *add = new QPushButton(tr("Add threshold"), this);
    add->setObjectName(QStringLiteral("addThresholdButton"));
    connect(add, &QPushButton::clicked, this, [this] {
        const QList<dashboard::Threshold> current = thresholds();
        const double next = current.isEmpty() ? 80.0 : current.constLast().value * 1.2;
        addRow({next, current.isEmpty() ? QStringLiteral("#e0a800") : QStringLiteral("#d4202f")});
        Q_EMIT changed();
    });
    layout->addWidget(add, 0, Qt::AlignLeft);
}

void ThresholdEditor::setThresholds(const QList<dashboard::Threshold> &thresholds)
{
    while (QLayoutItem *item = m_rows->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    for (const dashboard::Threshold &t : thresholds)
        addRow(t);
}

void ThresholdEditor::addRow(const dashboard::Threshold &threshold)
{
    auto *row = new QWidget(this);
    row->setObjectName(QStringLiteral("thresholdRow"));
    auto *h = new QHBoxLayout(row);
    h->setContentsMargins(0, 0, 0, 0);
    auto *label = new QLabel(tr("From"), row);
    auto *value = new QDoubleSpinBox(row);
    value->setObjectName(QStringLiteral("thresholdValue"));
    value->setAccessibleName(tr("Threshold value"));
    value->setRange(-1e12, 1e12);
    value->setDecimals(3);
    value->setValue(threshold.value);
    auto *color = new QToolButton(row);
    color->setAccessibleName(tr("Threshold colour"));
    paintSwatch(color, QColor(threshold.color).isValid() ? QColor(threshold.color) : QColor(0xd4202f));
    auto *remove = new QToolButton(row);
    remove->setText(QStringLiteral("✕"));
    remove->setAccessibleName(tr("Remove threshold"));
    remove->setAutoRaise(true);
    h->addWidget(label);
    h->addWidget(value, 1);
    h->addWidget(color);
    h->addWidget(remove);
    m_rows->addWidget(row);

    connect(value, &QDoubleSpinBox::valueChanged, this, &ThresholdEditor::changed);
    connect(color, &QToolButton::clicked, this, [this, color] {
        auto *dialog = new QColorDialog(QColor(color->property(kColorProperty).toString()), this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(dialog, &QColorDialog::colorSelected, color, [this, color](const QColor &chosen) {
            paintSwatch(color, chosen);
            Q_EMIT changed();
        });
        dialog->open();
    });
    connect(remove, &QToolButton::clicked, this, [this, row] {
        row->deleteLater();
        row->hide();
        m_rows->removeWidget(row);
        Q_EMIT changed();
    });
}

QList<dashboard::Threshold> ThresholdEditor::thresholds() const
{
    QList<dashboard::Threshold> out;
    for (int i = 0; i < m_rows->count(); ++i) {
        QWidget *row = m_rows->itemAt(i)->widget();
        if (!row)
            continue;
        const auto *value = row->findChild<QDoubleSpinBox *>();
        const auto *color = row->findChild<QToolButton *>();
        if (value && color)
            out.append({value->value(), color->property(kColorProperty).toString()});
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const dashboard::Threshold &a, const dashboard::Threshold &b) { return a.value < b.value; });
    return out;
}

} // namespace stackscope::app
