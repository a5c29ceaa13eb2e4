#include "paneleditordialog.h"

#include "panelfactory.h"
#include "panelloader.h"
#include "panelwidget.h"
#include "thresholdeditor.h"

#include "storage/storeservice.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace stackscope::app {

using dashboard::PanelQuery;
using dashboard::PanelType;
using storage::Aggregation;

namespace {

QLabel *sectionLabel(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    QFont font = label->font();
    font.setWeight(QFont::DemiBold);
    label->setFont(font);
    label->setContentsMargins(0, 8, 0, 2);
    return label;
}

const QList<Aggregation> kAggregations{Aggregation::Avg, Aggregation::Sum, Aggregation::Min, Aggregation::Max,
                                       Aggregation::Count, Aggregation::Last};

} // namespace

PanelEditorDialog::PanelEditorDialog(const dashboard::PanelSpec &panel, storage::StoreService *store,
                                     QWidget *parent)
    : QDialog(parent)
    , m_panel(panel)
    , m_store(store)
    , m_loader(new PanelLoader(store, this))
    , m_previewTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("panelEditor"));
    setWindowTitle(tr("Edit panel"));
    setWindowModality(Qt::WindowModal);
    resize(1060, 640);
    if (m_panel.queries.isEmpty())
        m_panel.queries.append(PanelQuery{});
    buildForm();
    m_previewTimer->setSingleShot(true);
    m_previewTimer->setInterval(250);
    connect(m_previewTimer, &QTimer::timeout, this, &PanelEditorDialog::updatePreview);
    connect(m_loader, &PanelLoader::panelLoaded, this, [this](const QString &, const PanelData &panelData) {
        if (m_preview)
            m_preview->setData(panelData);
    });
    loadCatalogue();
    updatePreview();
}

PanelEditorDialog::~PanelEditorDialog() = default;

void PanelEditorDialog::buildForm()
{
    auto *outer = new QVBoxLayout(this);
    auto *columns = new QHBoxLayout;
    outer->addLayout(columns, 1);

    m_previewHost = new QWidget(this);
    m_previewHost->setObjectName(QStringLiteral("panelPreviewHost"));
    m_previewLayout = new QHBoxLayout(m_previewHost);
    m_previewLayout->setContentsMargins(0, 0, 0, 0);
    columns->addWidget(m_previewHost, 1);

    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setMinimumWidth(430);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    auto *formHost = new QWidget(scroll);
    auto *form = new QFormLayout(formHost);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    scroll->setWidget(formHost);
    columns->addWidget(scroll, 0);

    form->addRow(sectionLabel(tr("Panel"), formHost));
    m_type = new QComboBox(formHost);
    m_type->setObjectName(QStringLiteral("panelType"));
    m_type->setAccessibleName(tr("Panel type"));
    for (PanelType type : allPanelTypes())
        m_type->addItem(panelTypeTitle(type), int(type));
    m_type->setCurrentIndex(m_type->findData(int(m_panel.type)));
    form->addRow(tr("Type"), m_type);
    m_title = new QLineEdit(m_panel.title, formHost);
    m_title->setObjectName(QStringLiteral("panelTitleEdit"));
    m_title->setAccessibleName(tr("Title"));
    m_title->setPlaceholderText(tr("The metric's name"));
    form->addRow(tr("Title"), m_title);

    form->addRow(sectionLabel(tr("Query"), formHost));
    auto *queryRow = new QHBoxLayout;
    m_querySelector = new QComboBox(formHost);
    m_querySelector->setAccessibleName(tr("Query"));
    auto *addQuery = new QToolButton(formHost);
    addQuery->setText(QStringLiteral("+"));
    addQuery->setToolTip(tr("Add a query"));
    addQuery->setAccessibleName(tr("Add a query"));
    auto *removeQuery = new QToolButton(formHost);
    removeQuery->setText(QStringLiteral("−"));
    removeQuery->setToolTip(tr("Remove this query"));
    removeQuery->setAccessibleName(tr("Remove this query"));
    queryRow->addWidget(m_querySelector, 1);
    queryRow->addWidget(addQuery);
    queryRow->addWidget(removeQuery);
    form->addRow(tr("Queries"), queryRow);

    m_metric = new QComboBox(formHost);
    m_metric->setObjectName(QStringLiteral("panelMetric"));
    m_metric->setAccessibleName(tr("Metric"));
    m_metric->setEditable(true);
    m_metric->setInsertPolicy(QComboBox::NoInsert);
    form->addRow(tr("Metric"), m_metric);
    m_filter = new QLineEdit(formHost);
    m_filter->setObjectName(QStringLiteral("panelLabelFilter"));
    m_filter->setAccessibleName(tr("Label filter"));
    m_filter->setPlaceholderText(tr("e.g. country=US, status=5xx"));
    form->addRow(tr("Label filter"), m_filter);
    m_aggregation = new QComboBox(formHost);
    m_aggregation->setObjectName(QStringLiteral("panelAggregation"));
    m_aggregation->setAccessibleName(tr("Aggregation"));
    for (Aggregation a : kAggregations)
        m_aggregation->addItem(storage::aggregationName(a), int(a));
    form->addRow(tr("Aggregation"), m_aggregation);
    m_groupBy = new QComboBox(formHost);
    m_groupBy->setObjectName(QStringLiteral("panelGroupBy"));
    m_groupBy->setAccessibleName(tr("Group by"));
    m_groupBy->setEditable(true);
    form->addRow(tr("Group by"), m_groupBy);
    m_legend = new QLineEdit(formHost);
    m_legend->setAccessibleName(tr("Legend"));
    m_legend->setPlaceholderText(tr("Automatic; {{label}} inserts a label's value"));
    form->addRow(tr("Legend"), m_legend);

    form->addRow(sectionLabel(tr("Display"), formHost));
    m_unit = new QComboBox(formHost);
    m_unit->setObjectName(QStringLiteral("panelUnit"));
    m_unit->setAccessibleName(tr("Unit"));
    m_unit->setEditable(true);
    m_unit->addItem(tr("From the metric"), QString());
    for (const char *unit : {"%", "ms", "s", "bytes", "USD", "count", "req/s"})
        m_unit->addItem(QString::fromLatin1(unit), QString::fromLatin1(unit));
    const int unitIndex = m_unit->findData(m_panel.unit);
    if (unitIndex >= 0)
        m_unit->setCurrentIndex(unitIndex);
    else
        m_unit->setEditText(m_panel.unit);
    form->addRow(tr("Unit"), m_unit);
    m_decimals = new QSpinBox(formHost);
    m_decimals->setAccessibleName(tr("Decimals"));
    m_decimals->setRange(-1, 6);
    m_decimals->setSpecialValueText(tr("Automatic"));
    m_decimals->setValue(m_panel.decimals);
    form->addRow(tr("Decimals"), m_decimals);
    m_stacked = new QCheckBox(tr("Stack the series"), formHost);
    m_stacked->setChecked(m_panel.stacked);
    form->addRow(QString(), m_stacked);
    m_topN = new QSpinBox(formHost);
    m_topN->setAccessibleName(tr("Number of rows"));
    m_topN->setRange(1, 100);
    m_topN->setValue(m_panel.topN);
    form->addRow(tr("Rows"), m_topN);
    m_gaugeMin = new QDoubleSpinBox(formHost);
    m_gaugeMin->setAccessibleName(tr("Gauge minimum"));
    m_gaugeMin->setRange(-1e12, 1e12);
    m_gaugeMin->setValue(m_panel.gaugeMin);
    m_gaugeMax = new QDoubleSpinBox(formHost);
    m_gaugeMax->setAccessibleName(tr("Gauge maximum"));
    m_gaugeMax->setRange(-1e12, 1e12);
    m_gaugeMax->setValue(m_panel.gaugeMax);
    auto *gaugeRow = new QHBoxLayout;
    gaugeRow->addWidget(m_gaugeMin);
    gaugeRow->addWidget(new QLabel(QStringLiteral("–"), formHost));
    gaugeRow->addWidget(m_gaugeMax);
    form->addRow(tr("Gauge range"), gaugeRow);
    m_percentiles = new QLineEdit(formHost);
    m_percentiles->setAccessibleName(tr("Percentiles"));
    QStringList ps;
    for (double p : std::as_const(m_panel.percentiles))
        ps.append(QString::number(p));
    m_percentiles->setText(ps.isEmpty() ? QStringLiteral("50, 95, 99") : ps.join(QStringLiteral(", ")));
    form->addRow(tr("Percentiles"), m_percentiles);

    form->addRow(sectionLabel(tr("Thresholds"), formHost));
    m_thresholds = new ThresholdEditor(formHost);
    m_thresholds->setThresholds(m_panel.thresholds);
    form->addRow(m_thresholds);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Apply"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    outer->addWidget(buttons);

    showQuery(0);
    updateTypeOptions();

    connect(m_querySelector, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (m_loadingForm || index < 0)
            return;
        storeQuery();
        showQuery(index);
    });
    connect(addQuery, &QToolButton::clicked, this, [this] {
        storeQuery();
        PanelQuery query;
        query.aggregation = m_panel.queries.constLast().aggregation;
        m_panel.queries.append(query);
        showQuery(int(m_panel.queries.size() - 1));
    });
    connect(removeQuery, &QToolButton::clicked, this, [this] {
        if (m_panel.queries.size() <= 1)
            return;
        m_panel.queries.removeAt(m_currentQuery);
        showQuery(std::max(0, m_currentQuery - 1));
        schedulePreview();
    });
    connect(m_type, &QComboBox::currentIndexChanged, this, [this] {
        updateTypeOptions();
        schedulePreview();
    });
    connect(m_metric, &QComboBox::currentTextChanged, this, [this](const QString &metric) {
        if (m_loadingForm)
            return;
        const QString current = m_groupBy->currentText();
        m_groupBy->clear();
        m_groupBy->addItem(QString());
        for (const QString &key : m_labelKeys.value(metric))
            m_groupBy->addItem(key);
        m_groupBy->setEditText(current);
        m_querySelector->setItemText(m_currentQuery, tr("Query %1: %2").arg(m_currentQuery + 1).arg(metric));
        schedulePreview();
    });
    for (QLineEdit *edit : {m_title, m_filter, m_legend, m_percentiles})
        connect(edit, &QLineEdit::textChanged, this, &PanelEditorDialog::schedulePreview);
    for (QComboBox *box : {m_aggregation, m_groupBy, m_unit})
        connect(box, &QComboBox::currentTextChanged, this, &PanelEditorDialog::schedulePreview);
    for (QSpinBox *box : {m_decimals, m_topN})
        connect(box, &QSpinBox::valueChanged, this, &PanelEditorDialog::schedulePreview);
    for (QDoubleSpinBox *box : {m_gaugeMin, m_gaugeMax})
        connect(box, &QDoubleSpinBox::valueChanged, this, &PanelEditorDialog::schedulePreview);
    connect(m_stacked, &QCheckBox::toggled, this, &PanelEditorDialog::schedulePreview);
    connect(m_thresholds, &ThresholdEditor::changed, this, &PanelEditorDialog::schedulePreview);
}

void PanelEditorDialog::loadCatalogue()
{
    if (!m_store)
        return;
    m_store->listSeries(QString(), this, [this](Result<QList<storage::SeriesInfo>> series) {
        if (!series)
            return;
        for (const storage::SeriesInfo &info : series.value()) {
            QSet<QString> &keys = m_labelKeys[info.metric];
            for (auto it = info.labels.cbegin(); it != info.labels.cend(); ++it)
                keys.insert(it.key());
        }
        m_loadingForm = true;
        const QString current = m_metric->currentText();
        m_metric->clear();
        m_metric->addItems(m_labelKeys.keys());
        m_metric->setEditText(current);
        m_loadingForm = false;
        showQuery(m_currentQuery);
        Q_EMIT metricsLoaded();
    });
}

void PanelEditorDialog::showQuery(int index)
{
    m_loadingForm = true;
    m_currentQuery = std::clamp(index, 0, int(m_panel.queries.size()) - 1);
    m_querySelector->clear();
    for (qsizetype i = 0; i < m_panel.queries.size(); ++i) {
        const QString metric = m_panel.queries.at(i).metric;
        m_querySelector->addItem(tr("Query %1: %2").arg(i + 1).arg(metric.isEmpty() ? tr("(no metric)") : metric));
    }
    m_querySelector->setCurrentIndex(m_currentQuery);
    const PanelQuery &q = m_panel.queries.at(m_currentQuery);
    m_metric->setEditText(q.metric);
    m_filter->setText(labelFilterText(q.labelFilter));
    m_aggregation->setCurrentIndex(m_aggregation->findData(int(q.aggregation)));
    m_groupBy->clear();
    m_groupBy->addItem(QString());
    for (const QString &key : m_labelKeys.value(q.metric))
        m_groupBy->addItem(key);
    m_groupBy->setEditText(q.groupBy);
    m_legend->setText(q.legend);
    m_loadingForm = false;
}

void PanelEditorDialog::storeQuery()
{
    if (m_currentQuery < 0 || m_currentQuery >= m_panel.queries.size())
        return;
    PanelQuery &q = m_panel.queries[m_currentQuery];
    q.metric = m_metric->currentText().trimmed();
    q.labelFilter = parseLabelFilter(m_filter->text());
    q.aggregation = Aggregation(m_aggregation->currentData().toInt());
    q.groupBy = m_groupBy->currentText().trimmed();
    q.legend = m_legend->text().trimmed();
}

void PanelEditorDialog::updateTypeOptions()
{
    const auto type = PanelType(m_type->currentData().toInt());
    m_stacked->setEnabled(type == PanelType::Area || type == PanelType::Bar);
    m_topN->setEnabled(type == PanelType::TopN || type == PanelType::Table);
    m_gaugeMin->setEnabled(type == PanelType::Gauge);
    m_gaugeMax->setEnabled(type == PanelType::Gauge);
    m_percentiles->setEnabled(type == PanelType::Percentile);
}

dashboard::PanelSpec PanelEditorDialog::panel() const
{
    auto *self = const_cast<PanelEditorDialog *>(this);
    self->storeQuery();
    dashboard::PanelSpec out = m_panel;
    out.type = PanelType(m_type->currentData().toInt());
    out.title = m_title->text().trimmed();
    out.queries.removeIf([](const PanelQuery &q) { return q.metric.isEmpty(); });
    const int unitIndex = m_unit->findText(m_unit->currentText());
    out.unit = unitIndex >= 0 ? m_unit->itemData(unitIndex).toString() : m_unit->currentText().trimmed();
    out.decimals = m_decimals->value();
    out.stacked = m_stacked->isChecked();
    out.topN = m_topN->value();
    out.gaugeMin = m_gaugeMin->value();
    out.gaugeMax = std::max(m_gaugeMax->value(), m_gaugeMin->value() + 1e-9);
    out.percentiles.clear();
    for (const QString &part : m_percentiles->text().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        bool ok = false;
        const double p = part.trimmed().toDouble(&ok);
        if (ok && p >= 0.0 && p <= 100.0)
            out.percentiles.append(p);
    }
    out.thresholds = m_thresholds->thresholds();
    return out;
}

void PanelEditorDialog::setTimeRange(const TimeRange &range)
{
    m_range = range;
    schedulePreview();
}

void PanelEditorDialog::schedulePreview()
{
    if (!m_loadingForm)
        m_previewTimer->start();
}

void PanelEditorDialog::updatePreview()
{
    const dashboard::PanelSpec spec = panel();
    if (!m_preview || m_preview->spec().type != spec.type) {
        delete m_preview;
        m_preview = createPanelWidget(spec, m_previewHost);
        m_preview->setObjectName(QStringLiteral("panelPreview"));
        m_preview->setReadOnly(true);
        m_previewLayout->addWidget(m_preview);
    } else {
        m_preview->setSpec(spec);
    }
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    m_loader->load({{spec, std::max(200, m_previewHost->width() - 80)}}, m_range.fromMs(now), m_range.toMs(now),
                   m_range.compare);
}

Labels PanelEditorDialog::parseLabelFilter(const QString &text)
{
    Labels labels;
    for (const QString &part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const qsizetype eq = part.indexOf(QLatin1Char('='));
        if (eq <= 0)
            continue;
        const QString key = part.left(eq).trimmed();
        QString value = part.mid(eq + 1).trimmed();
        if (value.size() >= 2 && value.startsWith(QLatin1Char('"')) && value.endsWith(QLatin1Char('"')))
            value = value.mid(1, value.size() - 2);
        if (!key.isEmpty())
            labels.insert(key, value);
    }
    return labels;
}

QString PanelEditorDialog::labelFilterText(const Labels &labels)
{
    QStringList parts;
    for (auto it = labels.cbegin(); it != labels.cend(); ++it)
        parts.append(it.key() + QLatin1Char('=') + it.value());
    return parts.join(QStringLiteral(", "));
}

} // namespace stackscope::app
