#include "metricinfopane.h"

#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace stackscope::app {

namespace {

constexpr int kValuesShownInline = 12;

QLabel *valueLabel(QWidget *parent, const QString &objectName)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setWordWrap(true);
    return label;
}

} // namespace

MetricInfoPane::MetricInfoPane(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("metricInfoPane"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(12, 8, 12, 8);
    layout->setSpacing(18);

    auto *facts = new QWidget(this);
    auto *factsLayout = new QVBoxLayout(facts);
    factsLayout->setContentsMargins(0, 0, 0, 0);
    m_title = new QLabel(facts);
    m_title->setObjectName(QStringLiteral("infoTitle"));
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    factsLayout->addWidget(m_title);
    auto *form = new QFormLayout;
    form->setLabelAlignment(Qt::AlignLeft);
    form->setHorizontalSpacing(14);
    m_unit = valueLabel(facts, QStringLiteral("infoUnit"));
    m_kind = valueLabel(facts, QStringLiteral("infoKind"));
    m_series = valueLabel(facts, QStringLiteral("infoSeries"));
    m_description = valueLabel(facts, QStringLiteral("infoDescription"));
    form->addRow(tr("Unit"), m_unit);
    form->addRow(tr("Kind"), m_kind);
    form->addRow(tr("Series"), m_series);
    form->addRow(tr("Description"), m_description);
    factsLayout->addLayout(form);
    factsLayout->addStretch(1);
    layout->addWidget(facts, 2);

    m_labels = new QTreeWidget(this);
    m_labels->setObjectName(QStringLiteral("infoLabels"));
    m_labels->setAccessibleName(tr("Labels of the metric and their values"));
    m_labels->setColumnCount(3);
    m_labels->setHeaderLabels({tr("Label"), tr("Values"), tr("Count")});
    m_labels->setRootIsDecorated(true);
    m_labels->setUniformRowHeights(true);
    m_labels->header()->setStretchLastSection(false);
    m_labels->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_labels->header()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_labels->header()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    m_labels->setToolTip(tr("Double-click a value to filter the chart by it"));
    connect(m_labels, &QTreeWidget::itemDoubleClicked, this, [this](QTreeWidgetItem *item) {
        if (item->parent())
            Q_EMIT labelValueActivated(item->parent()->text(0), item->text(1));
    });
    layout->addWidget(m_labels, 3);
    clear();
}

void MetricInfoPane::showMetric(const MetricInfo &info, int seriesCount, const QMap<QString, QStringList> &labelValues)
{
    m_title->setText(info.name);
    m_unit->setText(info.unit.isEmpty() ? tr("none") : info.unit);
    m_kind->setText(info.kind == MetricKind::Counter ? tr("Counter (per interval)") : tr("Gauge"));
    m_series->setText(QLocale().toString(seriesCount));
    m_description->setText(info.description.isEmpty() ? tr("No description") : info.description);
    m_labels->clear();
    for (auto it = labelValues.cbegin(); it != labelValues.cend(); ++it) {
        QStringList inline_ = it->mid(0, kValuesShownInline);
        if (it->size() > kValuesShownInline)
            inline_.append(tr("…"));
        auto *row = new QTreeWidgetItem(m_labels, {it.key(), inline_.join(QStringLiteral(", ")),
                                                   QLocale().toString(it->size())});
        row->setTextAlignment(2, Qt::AlignRight | Qt::AlignVCenter);
        for (const QString &value : *it)
            new QTreeWidgetItem(row, {QString(), value, QString()});
    }
    m_labels->setEnabled(true);
}

void MetricInfoPane::showGroup(const QString &name, int metricCount, int seriesCount)
{
    clear();
    m_title->setText(name);
    m_series->setText(tr("%1 (metrics: %2)").arg(QLocale().toString(seriesCount), QLocale().toString(metricCount)));
    m_description->setText(tr("Pick a metric below it to plot it."));
}

void MetricInfoPane::clear()
{
    m_title->setText(tr("No metric selected"));
    m_unit->setText(QStringLiteral("–"));
    m_kind->setText(QStringLiteral("–"));
    m_series->setText(QStringLiteral("–"));
    m_description->setText(tr("Pick a metric or series in the catalogue, or search for one."));
    m_labels->clear();
    m_labels->setEnabled(false);
}

QString MetricInfoPane::unitText() const { return m_unit->text(); }
QString MetricInfoPane::kindText() const { return m_kind->text(); }
QString MetricInfoPane::descriptionText() const { return m_description->text(); }
QString MetricInfoPane::seriesCountText() const { return m_series->text(); }

QStringList MetricInfoPane::labelRows() const
{
    QStringList rows;
    for (int i = 0; i < m_labels->topLevelItemCount(); ++i) {
        const QTreeWidgetItem *item = m_labels->topLevelItem(i);
        QStringList values;
        for (int c = 0; c < item->childCount(); ++c)
            values.append(item->child(c)->text(1));
        rows.append(item->text(0) + QStringLiteral(": ") + values.join(QStringLiteral(", ")));
    }
    return rows;
}

} // namespace stackscope::app
