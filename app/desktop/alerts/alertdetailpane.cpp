#include "alertdetailpane.h"

#include "alertsformat.h"

#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace stackscope::app {

using namespace alertsui;

namespace {
QString pillHtml(const QString &text, const QColor &color)
{
    return QStringLiteral("<span style=\"background-color:%1; color:white; font-weight:bold;\">&nbsp;%2&nbsp;</span>")
        .arg(color.name(), text.toHtmlEscaped());
}
} // namespace

AlertDetailPane::AlertDetailPane(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("alertDetailPane"));
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(8, 4, 4, 4);

    m_placeholder = new QLabel(this);
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->setEnabled(false);
    outer->addWidget(m_placeholder, 1);

    m_body = new QWidget(this);
    auto *layout = new QVBoxLayout(m_body);
    layout->setContentsMargins(0, 0, 0, 0);
    m_title = new QLabel(m_body);
    m_title->setObjectName(QStringLiteral("alertTitle"));
    m_title->setWordWrap(true);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    layout->addWidget(m_title);
    m_pills = new QLabel(m_body);
    m_pills->setTextFormat(Qt::RichText);
    layout->addWidget(m_pills);

    auto *form = new QFormLayout;
    form->setLabelAlignment(Qt::AlignLeft);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    const auto field = [&](const QString &name) {
        QLabel *value = addField(name);
        form->addRow(m_fieldNames.last(), value);
        return value;
    };
    m_summary = field(tr("Summary"));
    m_where = field(tr("Where"));
    m_metric = field(tr("Metric"));
    m_value = field(tr("Value"));
    m_times = field(tr("Times"));
    layout->addLayout(form);

    m_editRule = new QPushButton(tr("Edit rule…"), m_body);
    m_editRule->setObjectName(QStringLiteral("editRuleButton"));
    m_editRule->setAccessibleName(tr("Edit the rule of this alert"));
    connect(m_editRule, &QPushButton::clicked, this, [this] {
        if (m_alert)
            Q_EMIT editRuleRequested(m_alert->ruleKey);
    });
    auto *ruleRow = new QHBoxLayout;
    ruleRow->addWidget(m_editRule);
    ruleRow->addStretch(1);
    layout->addLayout(ruleRow);

    auto *historyLabel = new QLabel(tr("<b>History</b>"), m_body);
    layout->addWidget(historyLabel);
    m_history = new QTreeWidget(m_body);
    m_history->setObjectName(QStringLiteral("alertHistory"));
    m_history->setAccessibleName(tr("Alert history"));
    m_history->setRootIsDecorated(false);
    m_history->setHeaderLabels({tr("When"), tr("What happened")});
    m_history->header()->setStretchLastSection(true);
    m_history->header()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_history->setUniformRowHeights(false);
    m_history->setWordWrap(true);
    m_history->setTextElideMode(Qt::ElideNone);
    m_history->setAlternatingRowColors(true);
    layout->addWidget(m_history, 1);
    outer->addWidget(m_body, 1);
    clear();
}

QLabel *AlertDetailPane::addField(const QString &name)
{
    auto *label = new QLabel(name, m_body);
    label->setEnabled(false); // drawn in the palette's dimmer text colour
    m_fieldNames.append(label);
    auto *value = new QLabel(m_body);
    value->setWordWrap(true);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return value;
}

void AlertDetailPane::showAlert(const alerts::Alert &alert, const QList<alerts::AlertEvent> &history, qint64 nowMs)
{
    m_alert = alert;
    m_placeholder->hide();
    m_body->show();
    m_title->setText(alert.ruleName);
    m_pills->setText(pillHtml(severityLabel(alert.severity), severityColor(alert.severity)) + QStringLiteral("&nbsp;")
                     + pillHtml(statusWord(alert.status).toUpper(), statusColor(alert.status)));
    m_pills->setAccessibleName(tr("%1, %2").arg(severityWord(alert.severity), statusWord(alert.status)));
    m_summary->setText(alert.summary);
    QStringList where;
    if (!alert.project.isEmpty())
        where << alert.project;
    if (!alert.service.isEmpty())
        where << alert.service;
    m_where->setText(where.isEmpty() ? tr("the whole workspace") : where.join(QStringLiteral(" · ")));
    Labels shown = alert.labels;
    shown.remove(QStringLiteral("project"));
    shown.remove(QStringLiteral("service"));
    m_metric->setText(shown.isEmpty() ? alert.metric
                                      : QStringLiteral("%1 {%2}").arg(alert.metric, alerts::readableLabels(shown)));
    m_value->setText(alert.threshold ? tr("%1 (threshold %2)").arg(valueText(alert.value), valueText(alert.threshold))
                                     : valueVersusThreshold(alert));
    QString times = tr("opened %1 (%2)").arg(absoluteTime(alert.openedMs), relativeTime(alert.openedMs, nowMs));
    if (alert.resolvedMs)
        times += tr(", resolved %1 after %2").arg(absoluteTime(*alert.resolvedMs),
                                                  durationShort(*alert.resolvedMs - alert.openedMs));
    else
        times += tr(", active for %1").arg(durationShort(nowMs - alert.openedMs));
    m_times->setText(times);
    // Built-in alerts have no rule to edit.
    m_editRule->setVisible(!alerts::isBuiltinRuleKey(alert.ruleKey));

    m_history->clear();
    for (const alerts::AlertEvent &event : history) {
        const QString change = event.fromStatus
                                   ? tr("%1 → %2").arg(statusWord(*event.fromStatus), statusWord(event.toStatus))
                                   : tr("Opened");
        const QString by = event.actor == alerts::engineActor() ? tr("Stackscope") : event.actor;
        // Two lines, as in an incident timeline: the change and who made it, then their comment.
        QString what = tr("%1 · by %2").arg(change, by);
        if (!event.comment.isEmpty())
            what += QStringLiteral("\n“%1”").arg(event.comment);
        auto *item = new QTreeWidgetItem(m_history, {absoluteTime(event.atMs), what});
        item->setData(1, CommentRole, event.comment);
        item->setData(1, ChangeRole, change);
        item->setData(1, ActorRole, by);
        item->setToolTip(1, what);
        item->setForeground(1, statusColor(event.toStatus));
    }
    m_history->resizeColumnToContents(0);
}

void AlertDetailPane::showSelectionCount(int count)
{
    m_alert.reset();
    m_body->hide();
    m_placeholder->show();
    m_placeholder->setText(tr("%n alert(s) selected.\nAcknowledge, resolve or reopen them together.", nullptr, count));
}

void AlertDetailPane::clear()
{
    m_alert.reset();
    m_body->hide();
    m_placeholder->show();
    m_placeholder->setText(tr("Select an alert to see its details and history."));
}

} // namespace stackscope::app
