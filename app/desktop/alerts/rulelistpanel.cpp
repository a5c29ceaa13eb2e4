#include "rulelistpanel.h"

#include "alertinghost.h"
#include "alertsformat.h"
#include "rulefile.h"
#include "rulefrompanel.h"
#include "ruleeditordialog.h"
#include "storejob.h"

#include "notify/channelrepository.h"
#include "rules/ruleduration.h"
#include "rules/rulewording.h"
#include "storage/database.h"
#include "storage/storeservice.h"
#include "util/clock.h"

#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSet>
#include <QTreeWidget>
#include <QUuid>
#include <QVBoxLayout>

namespace stackscope::app {

using rules::ConditionKind;

QString ruleConditionText(const rules::AlertRule &rule)
{
    const QString window = rules::durationWords(rule.windowMs);
    const QString agg = storage::aggregationName(rule.aggregation);
    const QString op = rule.comparison == rules::Comparison::Below ? QStringLiteral("<") : QStringLiteral(">");
    const QString threshold = rules::wording::number(rule.threshold);
    QString text;
    switch (rule.condition) {
    case ConditionKind::Threshold:
        text = RuleListPanel::tr("%1 %2 %3 over %4").arg(agg, op, threshold, window);
        break;
    case ConditionKind::RateOfChange:
        text = RuleListPanel::tr("change %1 %2%3 over %4")
                   .arg(op, threshold, rule.percent ? QStringLiteral("%") : QString(), window);
        break;
    case ConditionKind::NoData:
        text = RuleListPanel::tr("no data for %1").arg(window);
        break;
    case ConditionKind::LearnedBand:
        text = RuleListPanel::tr("%1 outside its usual band (±%2) over %3")
                   .arg(agg, rules::wording::number(rule.sensitivity), window);
        break;
    }
    if (rule.forMs > 0)
        text += RuleListPanel::tr(" for %1").arg(rules::durationWords(rule.forMs));
    return text;
}

RuleListPanel::RuleListPanel(AlertingHost *host, QWidget *parent)
    : QWidget(parent), m_host(host)
{
    setObjectName(QStringLiteral("ruleListPanel"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    auto *buttons = new QHBoxLayout;
    const auto button = [&](const QString &text, const QString &name, auto slot) {
        auto *b = new QPushButton(text, this);
        b->setObjectName(name);
        connect(b, &QPushButton::clicked, this, slot);
        buttons->addWidget(b);
        return b;
    };
    button(tr("&New Rule…"), QStringLiteral("newRuleButton"), [this] { newRule(); });
    m_edit = button(tr("&Edit…"), QStringLiteral("editRuleButton"), [this] {
        if (const alerts::StoredRule *rule = ruleById(selectedRuleId()))
            editRule(rule->rule.uuid);
    });
    m_duplicate = button(tr("D&uplicate"), QStringLiteral("duplicateRuleButton"), [this] { duplicate(selectedRuleId()); });
    m_delete = button(tr("&Delete…"), QStringLiteral("deleteRuleButton"), [this] { remove(selectedRuleId()); });
    m_message = new QLabel(this);
    m_message->setWordWrap(true);
    buttons->addWidget(m_message, 1);
    button(tr("&Import…"), QStringLiteral("importRulesButton"), &RuleListPanel::importFromFile);
    button(tr("E&xport…"), QStringLiteral("exportRulesButton"), &RuleListPanel::exportToFile);
    layout->addLayout(buttons);

    m_tree = new QTreeWidget(this);
    m_tree->setObjectName(QStringLiteral("ruleList"));
    m_tree->setAccessibleName(tr("Alert rules"));
    m_tree->setRootIsDecorated(false);
    m_tree->setAlternatingRowColors(true);
    m_tree->setHeaderLabels({tr("On"), tr("Rule"), tr("Condition"), tr("Severity"), tr("Scope"), tr("Channels")});
    m_tree->header()->setStretchLastSection(true);
    layout->addWidget(m_tree, 1);
    connect(m_tree, &QTreeWidget::itemSelectionChanged, this, &RuleListPanel::updateButtons);
    connect(m_tree, &QTreeWidget::itemDoubleClicked, this, [this](QTreeWidgetItem *item) {
        if (const alerts::StoredRule *rule = ruleById(item->data(0, Qt::UserRole).toLongLong()))
            editRule(rule->rule.uuid);
    });
    connect(m_tree, &QTreeWidget::itemChanged, this, [this](QTreeWidgetItem *item, int column) {
        if (m_filling || column != EnabledColumn)
            return;
        setEnabled(item->data(0, Qt::UserRole).toLongLong(), item->checkState(EnabledColumn) == Qt::Checked);
    });
    updateButtons();
}

void RuleListPanel::reload()
{
    runStoreJob<QList<alerts::StoredRule>>(
        *m_host->store(), this,
        [](storage::MetricStore &store) { return alerts::AlertRuleRepository(store.database()).list(); },
        [this](Result<QList<alerts::StoredRule>> rules) { onLoaded(std::move(rules)); });
}

void RuleListPanel::onLoaded(Result<QList<alerts::StoredRule>> rules)
{
    if (!rules) {
        m_message->setText(rules.error().userMessage);
        return;
    }
    const qint64 selected = selectedRuleId();
    m_rules = rules.value();
    m_filling = true;
    m_tree->clear();
    for (const alerts::StoredRule &stored : std::as_const(m_rules)) {
        const rules::AlertRule &rule = stored.rule;
        QStringList scope{rule.project, rule.service};
        scope.removeAll(QString());
        auto *item = new QTreeWidgetItem(m_tree);
        item->setData(0, Qt::UserRole, rule.id);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(EnabledColumn, rule.enabled ? Qt::Checked : Qt::Unchecked);
        item->setData(EnabledColumn, Qt::AccessibleTextRole, rule.enabled ? tr("enabled") : tr("disabled"));
        item->setText(NameColumn, rule.name);
        item->setToolTip(NameColumn, rule.description);
        if (stored.problem) {
            item->setText(ConditionColumn, tr("Not evaluated: %1").arg(stored.problem->userMessage));
            item->setForeground(ConditionColumn, alertsui::severityColor(rules::Severity::Critical));
        } else {
            item->setText(ConditionColumn, QStringLiteral("%1 %2").arg(rule.metric, ruleConditionText(rule)));
        }
        item->setToolTip(ConditionColumn, item->text(ConditionColumn));
        item->setText(SeverityColumn, alertsui::severityWord(rule.severity));
        item->setForeground(SeverityColumn, alertsui::severityColor(rule.severity));
        item->setText(ScopeColumn, scope.isEmpty() ? tr("everywhere") : scope.join(QStringLiteral(" · ")));
        item->setText(ChannelsColumn, rule.channels.isEmpty() ? tr("default channels") : rule.channels.join(QStringLiteral(", ")));
        if (!rule.enabled) {
            for (int column = NameColumn; column < ColumnCount; ++column)
                item->setForeground(column, palette().color(QPalette::Disabled, QPalette::Text));
        }
        if (rule.id == selected)
            item->setSelected(true);
    }
    for (int column = 0; column < ChannelsColumn; ++column)
        m_tree->resizeColumnToContents(column);
    m_tree->setColumnWidth(ConditionColumn, std::min(m_tree->columnWidth(ConditionColumn), 420));
    m_filling = false;
    updateButtons();
    Q_EMIT loaded();
}

qint64 RuleListPanel::selectedRuleId() const
{
    const QList<QTreeWidgetItem *> items = m_tree->selectedItems();
    return items.isEmpty() ? 0 : items.first()->data(0, Qt::UserRole).toLongLong();
}

const alerts::StoredRule *RuleListPanel::ruleById(qint64 id) const
{
    for (const alerts::StoredRule &rule : m_rules) {
        if (rule.rule.id == id)
            return &rule;
    }
    return nullptr;
}

void RuleListPanel::updateButtons()
{
    const bool any = selectedRuleId() != 0;
    m_edit->setEnabled(any);
    m_duplicate->setEnabled(any);
    m_delete->setEnabled(any);
}

RuleEditorDialog *RuleListPanel::newRule(const rules::AlertRule &prefill)
{
    rules::AlertRule rule = prefill;
    rule.id = 0;
    rule.uuid.clear();
    return openEditor(rule);
}

RuleEditorDialog *RuleListPanel::editRule(const QString &ruleKey)
{
    for (const alerts::StoredRule &stored : std::as_const(m_rules)) {
        if (stored.rule.uuid == ruleKey)
            return openEditor(stored.rule);
    }
    m_message->setText(tr("That rule no longer exists."));
    return nullptr;
}

RuleEditorDialog *RuleListPanel::newRuleFromPanel(const dashboard::PanelSpec &panel, const QString &dashboardUuid)
{
    return newRule(ruleFromPanel(panel, dashboardUuid));
}

RuleEditorDialog *RuleListPanel::openEditor(const rules::AlertRule &rule)
{
    auto *dialog = new RuleEditorDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setScopes(m_scopes);
    dialog->setRule(rule);
    // The pickers fill in when the store answers.
    m_host->store()->listSeries(QString(), dialog, [dialog](Result<QList<storage::SeriesInfo>> series) {
        if (!series)
            return;
        QStringList metrics;
        for (const storage::SeriesInfo &info : series.value())
            metrics << info.metric;
        metrics.removeDuplicates();
        metrics.sort(Qt::CaseInsensitive);
        dialog->setMetrics(metrics);
    });
    runStoreJob<QList<notify::ChannelConfig>>(
        *m_host->store(), dialog,
        [](storage::MetricStore &store) { return notify::ChannelRepository(store.database()).list(); },
        [dialog](Result<QList<notify::ChannelConfig>> channels) {
            QStringList names;
            if (channels) {
                for (const notify::ChannelConfig &channel : channels.value())
                    names << channel.name;
            }
            dialog->setChannels(names);
        });
    connect(dialog, &RuleEditorDialog::saveRequested, this, [this, dialog](const rules::AlertRule &edited) {
        const qint64 now = m_host->clock().nowMs();
        runStoreJob<bool>(
            *m_host->store(), dialog,
            [edited, now](storage::MetricStore &store) -> Result<bool> {
                alerts::AlertRuleRepository repo(store.database());
                if (edited.id == 0) {
                    auto added = repo.add(edited, now);
                    if (!added)
                        return added.error();
                } else if (Status updated = repo.update(edited, now); !updated) {
                    return updated.error();
                }
                return true;
            },
            [this, dialog](Result<bool> saved) {
                dialog->saveFinished(saved ? Status() : Status(saved.error()));
                if (saved) {
                    reload();
                    m_host->evaluateNow();
                    Q_EMIT changed(QString());
                }
            });
    });
    dialog->open();
    return dialog;
}

void RuleListPanel::runChange(std::function<Status(storage::MetricStore &, qint64)> change)
{
    const qint64 now = m_host->clock().nowMs();
    runStoreJob<bool>(
        *m_host->store(), this,
        [change, now](storage::MetricStore &store) -> Result<bool> {
            if (Status done = change(store, now); !done)
                return done.error();
            return true;
        },
        [this](Result<bool> done) {
            const QString problem = done ? QString() : done.error().userMessage;
            m_message->setText(problem);
            reload();
            if (done)
                m_host->evaluateNow();
            Q_EMIT changed(problem);
        });
}

void RuleListPanel::setEnabled(qint64 ruleId, bool enabled)
{
    runChange([ruleId, enabled](storage::MetricStore &store, qint64 now) {
        return alerts::AlertRuleRepository(store.database()).setEnabled(ruleId, enabled, now);
    });
}

void RuleListPanel::duplicate(qint64 ruleId)
{
    const alerts::StoredRule *stored = ruleById(ruleId);
    if (!stored)
        return;
    QSet<QString> names;
    for (const alerts::StoredRule &rule : std::as_const(m_rules))
        names.insert(rule.rule.name.toLower());
    rules::AlertRule copy = stored->rule;
    copy.id = 0;
    copy.uuid.clear();
    copy.name = tr("%1 (copy)").arg(stored->rule.name);
    for (int n = 2; names.contains(copy.name.toLower()); ++n)
        copy.name = tr("%1 (copy %2)").arg(stored->rule.name).arg(n);
    runChange([copy](storage::MetricStore &store, qint64 now) -> Status {
        auto added = alerts::AlertRuleRepository(store.database()).add(copy, now);
        return added ? Status() : Status(added.error());
    });
}

void RuleListPanel::remove(qint64 ruleId)
{
    const alerts::StoredRule *stored = ruleById(ruleId);
    if (!stored)
        return;
    auto *box = new QMessageBox(QMessageBox::Question, tr("Delete Rule"),
                                tr("Delete the rule \"%1\"? Its past alerts stay in the history.").arg(stored->rule.name),
                                QMessageBox::Cancel, this);
    box->addButton(tr("Delete"), QMessageBox::DestructiveRole);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::buttonClicked, this, [this, box, ruleId](QAbstractButton *button) {
        if (box->buttonRole(button) == QMessageBox::DestructiveRole)
            removeConfirmed(ruleId);
    });
    box->open();
}

void RuleListPanel::removeConfirmed(qint64 ruleId)
{
    runChange([ruleId](storage::MetricStore &store, qint64 now) {
        return alerts::AlertRuleRepository(store.database()).remove(ruleId, now);
    });
}

void RuleListPanel::importRules(const QByteArray &fileData)
{
    auto parsed = readRuleFile(fileData);
    if (!parsed) {
        m_message->setText(parsed.error().userMessage);
        Q_EMIT changed(parsed.error().userMessage);
        return;
    }
    // A rule whose uuid is already here replaces it (re-importing an edited export); others are added.
    runChange([rules = parsed.value()](storage::MetricStore &store, qint64 now) -> Status {
        storage::Database &db = store.database();
        alerts::AlertRuleRepository repo(db);
        if (Status began = db.begin(); !began)
            return began;
        for (rules::AlertRule rule : rules) {
            Status done;
            auto existing = rule.uuid.isEmpty() ? Result<alerts::StoredRule>(Error::make(Error::Code::NotFound, {}))
                                                : repo.find(rule.uuid);
            if (existing) {
                rule.id = existing->rule.id;
                done = repo.update(rule, now);
            } else if (auto added = repo.add(rule, now); !added) {
                done = added.error();
            }
            if (!done) {
                db.rollback();
                return Error::make(done.error().code, tr("Nothing was imported. Rule \"%1\": %2")
                                                          .arg(rule.name, done.error().userMessage));
            }
        }
        return db.commit();
    });
}

QByteArray RuleListPanel::exportRules() const
{
    QList<rules::AlertRule> rules;
    for (const alerts::StoredRule &stored : m_rules) {
        if (!stored.problem)
            rules.append(stored.rule);
    }
    return writeRuleFile(rules);
}

void RuleListPanel::importFromFile()
{
    auto *dialog = new QFileDialog(this, tr("Import Alert Rules"), QString(), tr("Rule files (*.json);;All files (*)"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::ExistingFile);
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString &path) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly) || file.size() > 4 * 1024 * 1024) {
            m_message->setText(tr("Could not read %1.").arg(path));
            return;
        }
        importRules(file.readAll());
    });
    dialog->open();
}

void RuleListPanel::exportToFile()
{
    auto *dialog = new QFileDialog(this, tr("Export Alert Rules"), QStringLiteral("alert-rules.json"),
                                   tr("Rule files (*.json)"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setDefaultSuffix(QStringLiteral("json"));
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString &path) {
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(exportRules()) < 0) {
            m_message->setText(tr("Could not write %1.").arg(path));
            return;
        }
        m_message->setText(tr("Exported %n rule(s).", nullptr, int(m_rules.size())));
    });
    dialog->open();
}

} // namespace stackscope::app
