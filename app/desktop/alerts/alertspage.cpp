#include "alertspage.h"

#include "alertinghost.h"
#include "alertlistpanel.h"
#include "alertsformat.h"
#include "channelsdialog.h"
#include "mutewindowsdialog.h"
#include "outboxpanel.h"
#include "ruleeditordialog.h"
#include "rulelistpanel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QRegularExpression>
#include <QTabWidget>
#include <QVBoxLayout>

namespace stackscope::app {

AlertsPage::AlertsPage(AlertingHost *host, QWidget *parent)
    : WorkspacePage(parent), m_host(host)
{
    setObjectName(QStringLiteral("alertsPage"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);

    auto *header = new QHBoxLayout;
    auto *title = new QLabel(tr("Alerts"), this);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.5);
    titleFont.setBold(true);
    title->setFont(titleFont);
    header->addWidget(title);
    m_counts = new QLabel(this);
    m_counts->setObjectName(QStringLiteral("alertCounts"));
    m_counts->setTextFormat(Qt::RichText);
    header->addSpacing(12);
    header->addWidget(m_counts);
    header->addStretch(1);
    auto *evaluate = new QPushButton(tr("E&valuate Now"), this);
    evaluate->setObjectName(QStringLiteral("evaluateNowButton"));
    evaluate->setToolTip(tr("Check every rule against the latest data now instead of at the next minute."));
    connect(evaluate, &QPushButton::clicked, m_host, &AlertingHost::evaluateNow);
    auto *mute = new QPushButton(tr("&Mute Windows…"), this);
    mute->setObjectName(QStringLiteral("muteWindowsButton"));
    connect(mute, &QPushButton::clicked, this, [this] { openMuteWindows(); });
    auto *channels = new QPushButton(tr("&Channels…"), this);
    channels->setObjectName(QStringLiteral("channelsButton"));
    connect(channels, &QPushButton::clicked, this, [this] { openChannels(); });
    header->addWidget(evaluate);
    header->addWidget(mute);
    header->addWidget(channels);
    layout->addLayout(header);

    if (m_host->isDemo()) {
        m_demoNote = new QLabel(tr("Demo: these alerts and rules are simulated, and no notification is ever sent."),
                                this);
        m_demoNote->setObjectName(QStringLiteral("alertsDemoNote"));
        m_demoNote->setEnabled(false);
        layout->addWidget(m_demoNote);
    }

    m_tabs = new QTabWidget(this);
    m_tabs->setDocumentMode(true);
    m_alerts = new AlertListPanel(host, m_tabs);
    m_rules = new RuleListPanel(host, m_tabs);
    m_outbox = new OutboxPanel(host, m_tabs);
    m_tabs->addTab(m_alerts, tr("Alerts"));
    m_tabs->addTab(m_rules, tr("Rules"));
    m_tabs->addTab(m_outbox, tr("Delivery Problems"));
    layout->addWidget(m_tabs, 1);

    connect(m_alerts, &AlertListPanel::editRuleRequested, this, [this](const QString &ruleKey) {
        showTab(RulesTab);
        m_rules->editRule(ruleKey);
    });
    connect(m_host, &AlertingHost::unhandledCountsChanged, this, &AlertsPage::onCountsChanged);
    connect(m_host, &AlertingHost::started, this, &AlertsPage::refresh);
    connect(m_host, &AlertingHost::alertActivated, this, [this](qint64 alertId) {
        if (alertId > 0)
            showAlert(alertId);
        else
            showTab(AlertsTab);
    });
    connect(m_outbox, &OutboxPanel::countsChanged, this, &AlertsPage::onDeliveryCounts);
    const QList<qint64> counts = m_host->unhandledCounts();
    onCountsChanged(counts.value(0), counts.value(1), counts.value(2));
}

void AlertsPage::setContent(const WorkspaceContent &content)
{
    QMap<QString, QStringList> scopes;
    for (const storage::Project &project : content.projects)
        scopes.insert(project.name, {});
    for (const ServiceEntry &service : content.services)
        scopes[service.config.project].append(service.config.name);
    for (QStringList &services : scopes)
        services.sort(Qt::CaseInsensitive);
    m_scopes = scopes;
    m_alerts->setScopes(scopes);
    m_rules->setScopes(scopes);
}

void AlertsPage::setTimeRange(const TimeRange &)
{
    // The alerts panel has its own period filter: alert history is not read through the chart's range.
}

void AlertsPage::refresh()
{
    m_loaded = true;
    m_alerts->reload();
    m_rules->reload();
    m_outbox->reload();
    m_host->refreshCounts();
}

void AlertsPage::showEvent(QShowEvent *event)
{
    WorkspacePage::showEvent(event);
    if (!m_loaded)
        refresh();
}

void AlertsPage::showTab(Tab tab)
{
    m_tabs->setCurrentIndex(int(tab));
}

void AlertsPage::showAlert(qint64 alertId)
{
    showTab(AlertsTab);
    m_alerts->showAlert(alertId);
}

RuleEditorDialog *AlertsPage::alertOnPanel(const dashboard::PanelSpec &panel, const QString &dashboardUuid)
{
    showTab(RulesTab);
    return m_rules->newRuleFromPanel(panel, dashboardUuid);
}

ChannelsDialog *AlertsPage::openChannels()
{
    if (!m_channelsDialog) {
        m_channelsDialog = new ChannelsDialog(m_host, this);
        m_channelsDialog->setAttribute(Qt::WA_DeleteOnClose);
    }
    m_channelsDialog->open();
    m_channelsDialog->raise();
    return m_channelsDialog;
}

MuteWindowsDialog *AlertsPage::openMuteWindows()
{
    QList<QPair<QString, QString>> rules;
    for (const alerts::StoredRule &stored : m_rules->rules())
        rules.append({stored.rule.name, stored.rule.uuid});
    auto *dialog = new MuteWindowsDialog(m_host, m_scopes, rules, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
    return dialog;
}

void AlertsPage::onCountsChanged(qint64 info, qint64 warning, qint64 critical)
{
    QStringList parts;
    const auto part = [&](qint64 count, rules::Severity severity) {
        if (count > 0)
            parts << QStringLiteral("<span style=\"color:%1; font-weight:bold;\">%2 %3</span>")
                         .arg(alertsui::severityColor(severity).name())
                         .arg(count)
                         .arg(alertsui::severityWord(severity).toLower().toHtmlEscaped());
    };
    part(critical, rules::Severity::Critical);
    part(warning, rules::Severity::Warning);
    part(info, rules::Severity::Info);
    m_counts->setText(parts.isEmpty() ? tr("No alert needs attention.")
                                      : tr("%1 need attention").arg(parts.join(QStringLiteral(" · "))));
    m_counts->setAccessibleName(m_counts->text().remove(QRegularExpression(QStringLiteral("<[^>]*>"))));
}

void AlertsPage::onDeliveryCounts(qint64, qint64 failed)
{
    m_tabs->setTabText(DeliveryTab, failed > 0 ? tr("Delivery Problems (%1)").arg(failed) : tr("Delivery Problems"));
}

} // namespace stackscope::app
