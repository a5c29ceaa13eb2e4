#include "ruleeditordialog.h"

#include "alertsformat.h"

#include "rules/ruleduration.h"
#include "rules/rulewording.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QCompleter>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace stackscope::app {

using rules::ConditionKind;

namespace {
constexpr qint64 kMinuteMs = 60 * 1000;

QSpinBox *minutesBox(QWidget *parent, int max, const QString &accessibleName)
{
    auto *box = new QSpinBox(parent);
    box->setRange(0, max);
    box->setSuffix(QCoreApplication::translate("stackscope::app::RuleEditorDialog", " min"));
    box->setAccessibleName(accessibleName);
    return box;
}

QString labelsText(const Labels &labels)
{
    QStringList parts;
    for (auto it = labels.cbegin(); it != labels.cend(); ++it)
        parts << QStringLiteral("%1=%2").arg(it.key(), it.value());
    return parts.join(QStringLiteral(", "));
}
} // namespace

RuleEditorDialog::RuleEditorDialog(QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("ruleEditorDialog"));
    setWindowTitle(tr("Alert Rule"));
    auto *layout = new QVBoxLayout(this);

    auto *top = new QFormLayout;
    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("ruleName"));
    m_name->setAccessibleName(tr("Rule name"));
    m_name->setPlaceholderText(tr("e.g. SMS failures high"));
    m_description = new QLineEdit(this);
    m_description->setAccessibleName(tr("Description"));
    m_description->setPlaceholderText(tr("What it means and what to do (optional)"));
    m_enabled = new QCheckBox(tr("Enabled"), this);
    m_enabled->setChecked(true);
    auto *nameRow = new QHBoxLayout;
    nameRow->addWidget(m_name, 1);
    nameRow->addWidget(m_enabled);
    auto *nameLabel = new QLabel(tr("&Name:"), this);
    nameLabel->setBuddy(m_name);
    top->addRow(nameLabel, nameRow);
    top->addRow(tr("&Description:"), m_description);
    layout->addLayout(top);

    auto *columns = new QHBoxLayout;
    auto *left = new QVBoxLayout;
    left->addWidget(buildWhat());
    left->addWidget(buildCondition());
    left->addStretch(1);
    columns->addLayout(left, 3);
    auto *right = new QVBoxLayout;
    right->addWidget(buildNotify());
    right->addStretch(1);
    columns->addLayout(right, 2);
    layout->addLayout(columns, 1);

    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("ruleSummary"));
    m_summary->setWordWrap(true);
    QFont italic = m_summary->font();
    italic.setItalic(true);
    m_summary->setFont(italic);
    layout->addWidget(m_summary);
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("ruleError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #d63b3b; font-weight: bold;"));
    m_error->hide();
    layout->addWidget(m_error);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_save = buttons->addButton(tr("Save Rule"), QDialogButtonBox::AcceptRole);
    m_save->setObjectName(QStringLiteral("saveRuleButton"));
    m_save->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &RuleEditorDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);

    // Every edit refreshes the plain-words summary and hides a stale error.
    const auto changed = [this] {
        updateVisibility();
        updateSummary();
        m_error->hide();
    };
    for (QLineEdit *edit : findChildren<QLineEdit *>())
        connect(edit, &QLineEdit::textChanged, this, changed);
    for (QComboBox *combo : findChildren<QComboBox *>())
        connect(combo, &QComboBox::currentIndexChanged, this, changed);
    for (QAbstractSpinBox *box : findChildren<QAbstractSpinBox *>())
        connect(box, &QAbstractSpinBox::editingFinished, this, changed);
    for (QSpinBox *box : findChildren<QSpinBox *>())
        connect(box, &QSpinBox::valueChanged, this, changed);
    for (QDoubleSpinBox *box : findChildren<QDoubleSpinBox *>())
        connect(box, &QDoubleSpinBox::valueChanged, this, changed);
    for (QCheckBox *box : findChildren<QCheckBox *>())
        connect(box, &QCheckBox::toggled, this, changed);
    setRule(rules::AlertRule{});
}

QWidget *RuleEditorDialog::buildWhat()
{
    auto *box = new QGroupBox(tr("What to watch"), this);
    auto *form = new QFormLayout(box);
    m_metric = new QComboBox(box);
    m_metric->setObjectName(QStringLiteral("ruleMetric"));
    m_metric->setAccessibleName(tr("Metric"));
    m_metric->setEditable(true);
    m_metric->setInsertPolicy(QComboBox::NoInsert);
    m_metric->completer()->setFilterMode(Qt::MatchContains);
    m_metric->completer()->setCompletionMode(QCompleter::PopupCompletion);
    m_metric->lineEdit()->setPlaceholderText(tr("e.g. twilio.sms.failed"));
    form->addRow(tr("&Metric:"), m_metric);
    m_labels = new QLineEdit(box);
    m_labels->setObjectName(QStringLiteral("ruleLabels"));
    m_labels->setAccessibleName(tr("Label filters"));
    m_labels->setPlaceholderText(tr("country=DE, status=failed (optional)"));
    form->addRow(tr("&Labels:"), m_labels);
    m_project = new QComboBox(box);
    m_project->setObjectName(QStringLiteral("ruleProject"));
    m_project->setEditable(true);
    m_project->setAccessibleName(tr("Project"));
    m_project->lineEdit()->setPlaceholderText(tr("any project"));
    m_service = new QComboBox(box);
    m_service->setObjectName(QStringLiteral("ruleService"));
    m_service->setEditable(true);
    m_service->setAccessibleName(tr("Service"));
    m_service->lineEdit()->setPlaceholderText(tr("any service"));
    connect(m_project, &QComboBox::currentTextChanged, this, [this](const QString &project) {
        const QString service = m_service->currentText();
        m_service->clear();
        m_service->addItems(m_scopes.value(project.trimmed()));
        setEditableText(m_service, service);
    });
    form->addRow(tr("&Project:"), m_project);
    form->addRow(tr("&Service:"), m_service);
    m_acrossSeries = new QCheckBox(tr("One alert for all matching series together"), box);
    m_acrossSeries->setToolTip(tr("Off: every matching series (e.g. each country) is watched and alerts on its own."));
    form->addRow(QString(), m_acrossSeries);
    return box;
}

QWidget *RuleEditorDialog::buildCondition()
{
    auto *box = new QGroupBox(tr("When to fire"), this);
    m_conditionForm = new QFormLayout(box);
    QFormLayout *form = m_conditionForm;
    m_condition = new QComboBox(box);
    m_condition->setObjectName(QStringLiteral("ruleCondition"));
    m_condition->setAccessibleName(tr("Condition"));
    m_condition->addItem(tr("Value crosses a threshold"), int(ConditionKind::Threshold));
    m_condition->addItem(tr("Value changes fast (rate of change)"), int(ConditionKind::RateOfChange));
    m_condition->addItem(tr("No data arrives"), int(ConditionKind::NoData));
    m_condition->addItem(tr("Value leaves its usual band (learned)"), int(ConditionKind::LearnedBand));
    form->addRow(tr("&Condition:"), m_condition);
    m_aggregation = new QComboBox(box);
    m_aggregation->setAccessibleName(tr("Aggregation"));
    for (auto [agg, text] : {std::pair{storage::Aggregation::Avg, tr("average")}, {storage::Aggregation::Sum, tr("sum")},
                             {storage::Aggregation::Max, tr("maximum")}, {storage::Aggregation::Min, tr("minimum")},
                             {storage::Aggregation::Count, tr("count")}, {storage::Aggregation::Last, tr("last value")}})
        m_aggregation->addItem(text, int(agg));
    form->addRow(tr("&Of the:"), m_aggregation);
    m_comparison = new QComboBox(box);
    m_comparison->setObjectName(QStringLiteral("ruleComparison"));
    m_comparison->setAccessibleName(tr("Comparison"));
    m_comparison->addItem(tr("is above"), int(rules::Comparison::Above));
    m_comparison->addItem(tr("is below"), int(rules::Comparison::Below));
    m_threshold = new QDoubleSpinBox(box);
    m_threshold->setObjectName(QStringLiteral("ruleThreshold"));
    m_threshold->setAccessibleName(tr("Threshold"));
    m_threshold->setRange(-1e12, 1e12);
    m_threshold->setDecimals(3);
    auto *compareRow = new QWidget(box);
    auto *compareLayout = new QHBoxLayout(compareRow);
    compareLayout->setContentsMargins(0, 0, 0, 0);
    compareLayout->addWidget(m_comparison);
    compareLayout->addWidget(m_threshold, 1);
    form->addRow(tr("&Value:"), compareRow);
    m_percent = new QCheckBox(tr("Threshold is a percentage of the window's first value"), box);
    form->addRow(QString(), m_percent);
    m_sensitivity = new QDoubleSpinBox(box);
    m_sensitivity->setAccessibleName(tr("Sensitivity"));
    m_sensitivity->setRange(0.5, rules::kMaxSensitivity);
    m_sensitivity->setSingleStep(0.5);
    m_sensitivity->setSuffix(tr(" × typical spread"));
    form->addRow(tr("&Band width:"), m_sensitivity);
    m_historyWeeks = new QSpinBox(box);
    m_historyWeeks->setAccessibleName(tr("Weeks of history needed"));
    m_historyWeeks->setRange(1, rules::kMaxHistoryWeeks);
    m_historyWeeks->setSuffix(tr(" weeks"));
    form->addRow(tr("&Learn from:"), m_historyWeeks);
    m_learningNote = new QLabel(box);
    m_learningNote->setWordWrap(true);
    m_learningNote->setEnabled(false);
    form->addRow(QString(), m_learningNote);
    m_window = new QComboBox(box);
    m_window->setObjectName(QStringLiteral("ruleWindow"));
    m_window->setAccessibleName(tr("Window"));
    m_window->addItem(tr("5 minutes"), 5);
    m_window->addItem(tr("15 minutes"), 15);
    m_window->addItem(tr("1 hour"), 60);
    m_window->addItem(tr("Custom"), 0);
    m_customWindow = minutesBox(box, int(rules::kMaxWindowMs / kMinuteMs), tr("Custom window"));
    m_customWindow->setMinimum(1);
    auto *windowRow = new QWidget(box);
    auto *windowLayout = new QHBoxLayout(windowRow);
    windowLayout->setContentsMargins(0, 0, 0, 0);
    windowLayout->addWidget(m_window);
    windowLayout->addWidget(m_customWindow, 1);
    form->addRow(tr("O&ver:"), windowRow);
    m_for = minutesBox(box, int(rules::kMaxForMs / kMinuteMs), tr("For how long"));
    m_for->setSpecialValueText(tr("fire at once"));
    form->addRow(tr("&For at least:"), m_for);
    return box;
}

QWidget *RuleEditorDialog::buildNotify()
{
    auto *box = new QGroupBox(tr("Severity and notifications"), this);
    auto *form = new QFormLayout(box);
    m_severity = new QComboBox(box);
    m_severity->setObjectName(QStringLiteral("ruleSeverity"));
    m_severity->setAccessibleName(tr("Severity"));
    for (rules::Severity severity : {rules::Severity::Critical, rules::Severity::Warning, rules::Severity::Info})
        m_severity->addItem(alertsui::severityWord(severity), int(severity));
    form->addRow(tr("S&everity:"), m_severity);
    m_channels = new QListWidget(box);
    m_channels->setObjectName(QStringLiteral("ruleChannels"));
    m_channels->setAccessibleName(tr("Channels"));
    m_channels->setMaximumHeight(110);
    form->addRow(tr("C&hannels:"), m_channels);
    auto *channelsNote = new QLabel(tr("None checked: the default channels."), box);
    channelsNote->setEnabled(false);
    form->addRow(QString(), channelsNote);
    m_cooldown = minutesBox(box, 30 * 24 * 60, tr("Cooldown"));
    m_cooldown->setToolTip(tr("No new notification about the same alert within this time."));
    form->addRow(tr("C&ooldown:"), m_cooldown);
    m_autoResolve = new QCheckBox(tr("Resolve when the condition clears"), box);
    form->addRow(QString(), m_autoResolve);
    m_reopenGrace = minutesBox(box, 30 * 24 * 60, tr("Reopen grace"));
    m_reopenGrace->setToolTip(tr("Firing again within this time after resolving reopens the alert instead of "
                                 "opening a new one."));
    form->addRow(tr("&Reopen within:"), m_reopenGrace);
    return box;
}

void RuleEditorDialog::setMetrics(const QStringList &metrics)
{
    const QString current = m_metric->currentText();
    m_metric->clear();
    m_metric->addItems(metrics);
    setEditableText(m_metric, current);
}

void RuleEditorDialog::setScopes(const QMap<QString, QStringList> &servicesByProject)
{
    m_scopes = servicesByProject;
    const QString project = m_project->currentText();
    const QString service = m_service->currentText();
    m_project->clear();
    m_project->addItems(servicesByProject.keys());
    setEditableText(m_project, project);
    setEditableText(m_service, service);
}

void RuleEditorDialog::setChannels(const QStringList &channelNames)
{
    m_channelNames = channelNames;
    QStringList checked;
    for (int i = 0; i < m_channels->count(); ++i) {
        if (m_channels->item(i)->checkState() == Qt::Checked)
            checked << m_channels->item(i)->text();
    }
    rebuildChannels(m_channels->count() == 0 ? m_original.channels : checked);
}

void RuleEditorDialog::rebuildChannels(const QStringList &checked)
{
    m_channels->clear();
    QStringList names = m_channelNames;
    for (const QString &name : checked) {
        if (!names.contains(name))
            names << name; // a channel the rule names that is gone: still shown, so it can be unchecked
    }
    for (const QString &name : std::as_const(names)) {
        auto *item = new QListWidgetItem(name, m_channels);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        item->setCheckState(checked.contains(name) ? Qt::Checked : Qt::Unchecked);
    }
}

void RuleEditorDialog::setRule(const rules::AlertRule &rule)
{
    m_original = rule;
    setWindowTitle(rule.id ? tr("Edit Alert Rule") : tr("New Alert Rule"));
    m_name->setText(rule.name);
    m_description->setText(rule.description);
    m_enabled->setChecked(rule.enabled);
    setEditableText(m_metric, rule.metric);
    m_labels->setText(labelsText(rule.labelFilter));
    setEditableText(m_project, rule.project);
    setEditableText(m_service, rule.service);
    m_acrossSeries->setChecked(rule.aggregateAcrossSeries);
    selectData(m_condition, int(rule.condition));
    selectData(m_comparison, int(rule.comparison == rules::Comparison::Below ? rules::Comparison::Below
                                                                              : rules::Comparison::Above));
    m_threshold->setValue(rule.threshold);
    m_percent->setChecked(rule.percent);
    m_sensitivity->setValue(rule.sensitivity);
    m_historyWeeks->setValue(rule.minHistoryWeeks);
    selectData(m_aggregation, int(rule.aggregation));
    setWindowMs(rule.windowMs);
    m_for->setValue(int(rule.forMs / kMinuteMs));
    selectData(m_severity, int(rule.severity));
    rebuildChannels(rule.channels);
    m_cooldown->setValue(int(rule.cooldownMs / kMinuteMs));
    m_autoResolve->setChecked(rule.autoResolve);
    m_reopenGrace->setValue(int(rule.reopenGraceMs / kMinuteMs));
    updateVisibility();
    updateSummary();
    m_error->hide();
}

Result<rules::AlertRule> RuleEditorDialog::rule() const
{
    rules::AlertRule rule = m_original;
    rule.name = m_name->text().trimmed();
    rule.description = m_description->text().trimmed();
    rule.enabled = m_enabled->isChecked();
    rule.metric = m_metric->currentText().trimmed();
    rule.labelFilter.clear();
    const QStringList parts = m_labels->text().split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const QString &part : parts) {
        const qsizetype eq = part.indexOf(QLatin1Char('='));
        const QString name = part.left(eq).trimmed();
        if (eq < 0 || name.isEmpty())
            return Error::make(Error::Code::Config,
                               tr("Label filters are written name=value, separated by commas; \"%1\" is not.")
                                   .arg(part.trimmed()));
        rule.labelFilter.insert(name, part.mid(eq + 1).trimmed());
    }
    rule.project = m_project->currentText().trimmed();
    rule.service = m_service->currentText().trimmed();
    rule.aggregateAcrossSeries = m_acrossSeries->isChecked();
    rule.condition = ConditionKind(m_condition->currentData().toInt());
    rule.comparison = rule.condition == ConditionKind::LearnedBand
                          ? rules::Comparison::Outside
                          : rules::Comparison(m_comparison->currentData().toInt());
    rule.threshold = m_threshold->value();
    rule.percent = rule.condition == ConditionKind::RateOfChange && m_percent->isChecked();
    rule.sensitivity = m_sensitivity->value();
    rule.minHistoryWeeks = m_historyWeeks->value();
    rule.aggregation = storage::Aggregation(m_aggregation->currentData().toInt());
    rule.windowMs = windowMs();
    rule.forMs = m_for->value() * kMinuteMs;
    rule.severity = rules::Severity(m_severity->currentData().toInt());
    rule.channels.clear();
    for (int i = 0; i < m_channels->count(); ++i) {
        if (m_channels->item(i)->checkState() == Qt::Checked)
            rule.channels << m_channels->item(i)->text();
    }
    rule.cooldownMs = m_cooldown->value() * kMinuteMs;
    rule.autoResolve = m_autoResolve->isChecked();
    rule.reopenGraceMs = m_reopenGrace->value() * kMinuteMs;

    // The same checks as a rule file, so the app and `stackscoped rules add` accept the same rules.
    auto checked = rules::ruleFromJson(rules::toJson(rule));
    if (!checked)
        return checked.error();
    rules::AlertRule result = checked.value();
    result.id = m_original.id;
    result.uuid = m_original.uuid;
    return result;
}

qint64 RuleEditorDialog::windowMs() const
{
    const int preset = m_window->currentData().toInt();
    return (preset > 0 ? preset : m_customWindow->value()) * kMinuteMs;
}

void RuleEditorDialog::setWindowMs(qint64 ms)
{
    const int minutes = int(std::max<qint64>(1, ms / kMinuteMs));
    const int preset = m_window->findData(minutes);
    m_window->setCurrentIndex(preset >= 0 ? preset : m_window->findData(0));
    m_customWindow->setValue(minutes);
}

void RuleEditorDialog::updateVisibility()
{
    const auto kind = ConditionKind(m_condition->currentData().toInt());
    const bool compares = kind == ConditionKind::Threshold || kind == ConditionKind::RateOfChange;
    m_conditionForm->setRowVisible(m_comparison->parentWidget(), compares);
    m_conditionForm->setRowVisible(m_percent, kind == ConditionKind::RateOfChange);
    m_conditionForm->setRowVisible(m_aggregation, kind != ConditionKind::NoData);
    m_conditionForm->setRowVisible(m_sensitivity, kind == ConditionKind::LearnedBand);
    m_conditionForm->setRowVisible(m_historyWeeks, kind == ConditionKind::LearnedBand);
    m_conditionForm->setRowVisible(m_learningNote, kind == ConditionKind::LearnedBand);
    m_learningNote->setText(tr("Compares each hour with the same hour of the week in past weeks. Shows "
                               "\"learning\" and never fires until the metric has %n week(s) of history.",
                               nullptr, m_historyWeeks->value()));
    m_customWindow->setVisible(m_window->currentData().toInt() == 0);
}

void RuleEditorDialog::updateSummary()
{
    m_summary->setText(summaryText());
}

QString RuleEditorDialog::summaryText() const
{
    const QString metric = m_metric->currentText().trimmed().isEmpty() ? tr("the metric")
                                                                          : m_metric->currentText().trimmed();
    const QString window = rules::durationWords(windowMs());
    const QString aggregation = m_aggregation->currentText();
    const QString comparison = m_comparison->currentText();
    const QString threshold = rules::wording::number(m_threshold->value());
    QString condition;
    switch (ConditionKind(m_condition->currentData().toInt())) {
    case ConditionKind::Threshold:
        condition = tr("Fires when the %1 of %2 over %3 %4 %5").arg(aggregation, metric, window, comparison, threshold);
        break;
    case ConditionKind::RateOfChange:
        condition = tr("Fires when %1 changes over %2 by an amount that %3 %4%5")
                        .arg(metric, window, comparison, threshold,
                             m_percent->isChecked() ? QStringLiteral("%") : QString());
        break;
    case ConditionKind::NoData:
        condition = tr("Fires when %1 sends no data for %2").arg(metric, window);
        break;
    case ConditionKind::LearnedBand:
        condition = tr("Fires when the %1 of %2 over %3 leaves its usual band (±%4 × spread)")
                        .arg(aggregation, metric, window, rules::wording::number(m_sensitivity->value()));
        break;
    }
    if (m_for->value() > 0)
        condition += tr(" for at least %1").arg(rules::durationWords(m_for->value() * kMinuteMs));
    return condition + QLatin1Char('.');
}

void RuleEditorDialog::accept()
{
    auto checked = rule();
    if (!checked) {
        showError(checked.error().userMessage);
        return;
    }
    m_save->setEnabled(false);
    Q_EMIT saveRequested(checked.value());
}

void RuleEditorDialog::saveFinished(const Status &status)
{
    m_save->setEnabled(true);
    if (!status) {
        showError(status.error().userMessage);
        return;
    }
    QDialog::accept();
}

void RuleEditorDialog::showError(const QString &message)
{
    m_error->setText(message);
    m_error->show();
}

QString RuleEditorDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void RuleEditorDialog::selectData(QComboBox *combo, const QVariant &data)
{
    const int index = combo->findData(data);
    if (index >= 0)
        combo->setCurrentIndex(index);
}

void RuleEditorDialog::setEditableText(QComboBox *combo, const QString &text)
{
    const int index = combo->findText(text);
    if (index >= 0)
        combo->setCurrentIndex(index);
    else
        combo->setEditText(text);
}

} // namespace stackscope::app
