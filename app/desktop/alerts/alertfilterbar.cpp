#include "alertfilterbar.h"

#include "alertsformat.h"

#include <QComboBox>
#include <QDateTimeEdit>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QTimer>
#include <QToolButton>

namespace stackscope::app {

using namespace alertsui;
using alerts::AlertStatus;
using rules::Severity;

namespace {
constexpr qint64 kDayMs = 24 * 3600 * 1000LL;

// A toggle reads as a chip: outlined when off, filled with its colour when on.
void styleToggle(QToolButton *button, const QColor &color)
{
    button->setStyleSheet(QStringLiteral("QToolButton { border: 1px solid %1; border-radius: 9px; padding: 2px 9px; }"
                                         "QToolButton:checked { background-color: %1; color: white; }")
                              .arg(color.name()));
}

QFrame *separator(QWidget *parent)
{
    auto *line = new QFrame(parent);
    line->setFrameShape(QFrame::VLine);
    line->setFrameShadow(QFrame::Sunken);
    return line;
}
} // namespace

AlertFilterBar::AlertFilterBar(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);

    for (Severity severity : {Severity::Critical, Severity::Warning, Severity::Info}) {
        QToolButton *button = addToggle(severityWord(severity), tr("Show %1 alerts").arg(severityWord(severity)), true);
        button->setObjectName(QStringLiteral("severity_%1").arg(rules::severityName(severity)));
        styleToggle(button, severityColor(severity));
        m_severity.insert(severity, button);
        layout->addWidget(button);
    }
    layout->addWidget(separator(this));
    for (AlertStatus status : {AlertStatus::Open, AlertStatus::Acknowledged, AlertStatus::Reopened, AlertStatus::Resolved}) {
        QToolButton *button = addToggle(statusWord(status), tr("Show %1 alerts").arg(statusWord(status)),
                                        status != AlertStatus::Resolved);
        button->setObjectName(QStringLiteral("status_%1").arg(alerts::statusName(status)));
        styleToggle(button, statusColor(status));
        m_status.insert(status, button);
        layout->addWidget(button);
    }
    layout->addWidget(separator(this));

    m_project = new QComboBox(this);
    m_project->setObjectName(QStringLiteral("projectFilter"));
    m_project->setAccessibleName(tr("Project"));
    m_project->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_project->addItem(tr("All projects"), QString());
    m_service = new QComboBox(this);
    m_service->setObjectName(QStringLiteral("serviceFilter"));
    m_service->setAccessibleName(tr("Service"));
    m_service->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_service->addItem(tr("All services"), QString());
    layout->addWidget(m_project);
    layout->addWidget(m_service);

    m_period = new QComboBox(this);
    m_period->setObjectName(QStringLiteral("periodFilter"));
    m_period->setAccessibleName(tr("Period"));
    m_period->addItem(tr("Last 24 hours"), int(Period::Last24h));
    m_period->addItem(tr("Last 7 days"), int(Period::Last7d));
    m_period->addItem(tr("Last 30 days"), int(Period::Last30d));
    m_period->addItem(tr("All time"), int(Period::All));
    m_period->addItem(tr("Custom…"), int(Period::Custom));
    m_period->setCurrentIndex(int(Period::Last7d));
    layout->addWidget(m_period);

    const QDateTime now = QDateTime::currentDateTime();
    m_from = new QDateTimeEdit(now.addDays(-7), this);
    m_to = new QDateTimeEdit(now, this);
    for (QDateTimeEdit *edit : {m_from, m_to}) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm"));
        edit->setVisible(false);
        connect(edit, &QDateTimeEdit::dateTimeChanged, this, [this] {
            if (!m_quiet)
                Q_EMIT filterChanged();
        });
        layout->addWidget(edit);
    }
    m_from->setAccessibleName(tr("From"));
    m_to->setAccessibleName(tr("To"));

    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("alertSearch"));
    m_search->setPlaceholderText(tr("Search rule, summary, labels…"));
    m_search->setAccessibleName(tr("Search alerts"));
    m_search->setClearButtonEnabled(true);
    m_search->setMinimumWidth(180);
    layout->addWidget(m_search, 1);

    m_searchDelay = new QTimer(this);
    m_searchDelay->setSingleShot(true);
    m_searchDelay->setInterval(250);
    connect(m_searchDelay, &QTimer::timeout, this, &AlertFilterBar::filterChanged);
    connect(m_search, &QLineEdit::textChanged, m_searchDelay, qOverload<>(&QTimer::start));
    connect(m_project, &QComboBox::currentIndexChanged, this, [this] {
        fillServices();
        if (!m_quiet)
            Q_EMIT filterChanged();
    });
    connect(m_service, &QComboBox::currentIndexChanged, this, [this] {
        if (!m_quiet)
            Q_EMIT filterChanged();
    });
    connect(m_period, &QComboBox::currentIndexChanged, this, &AlertFilterBar::onPeriodChanged);
}

QToolButton *AlertFilterBar::addToggle(const QString &text, const QString &accessibleName, bool checked)
{
    auto *button = new QToolButton(this);
    button->setText(text);
    button->setCheckable(true);
    button->setChecked(checked);
    button->setAutoRaise(true);
    button->setAccessibleName(accessibleName);
    connect(button, &QToolButton::toggled, this, [this] {
        if (!m_quiet)
            Q_EMIT filterChanged();
    });
    return button;
}

alerts::AlertFilter AlertFilterBar::filter(qint64 nowMs) const
{
    alerts::AlertFilter filter;
    for (auto it = m_severity.cbegin(); it != m_severity.cend(); ++it) {
        if (it.value()->isChecked())
            filter.severities.append(it.key());
    }
    for (auto it = m_status.cbegin(); it != m_status.cend(); ++it) {
        if (it.value()->isChecked())
            filter.statuses.append(it.key());
    }
    filter.project = m_project->currentData().toString();
    filter.service = m_service->currentData().toString();
    switch (Period(m_period->currentData().toInt())) {
    case Period::Last24h:
        filter.fromMs = nowMs - kDayMs;
        break;
    case Period::Last7d:
        filter.fromMs = nowMs - 7 * kDayMs;
        break;
    case Period::Last30d:
        filter.fromMs = nowMs - 30 * kDayMs;
        break;
    case Period::All:
        break;
    case Period::Custom:
        filter.fromMs = m_from->dateTime().toMSecsSinceEpoch();
        filter.toMs = std::max(filter.fromMs, m_to->dateTime().toMSecsSinceEpoch());
        break;
    }
    // Nothing toggled on means nothing wanted, not everything: an empty period matches no alert.
    if (filter.severities.isEmpty() || filter.statuses.isEmpty()) {
        filter.fromMs = 0;
        filter.toMs = 0;
    }
    filter.text = m_search->text().trimmed();
    return filter;
}

void AlertFilterBar::setScopes(const QMap<QString, QStringList> &servicesByProject)
{
    if (servicesByProject == m_servicesByProject)
        return;
    m_servicesByProject = servicesByProject;
    const QString project = m_project->currentData().toString();
    m_quiet = true;
    m_project->clear();
    m_project->addItem(tr("All projects"), QString());
    for (auto it = servicesByProject.cbegin(); it != servicesByProject.cend(); ++it)
        m_project->addItem(it.key(), it.key());
    m_project->setCurrentIndex(std::max(0, m_project->findData(project)));
    fillServices();
    m_quiet = false;
}

void AlertFilterBar::fillServices()
{
    const QString service = m_service->currentData().toString();
    const QString project = m_project->currentData().toString();
    QStringList services;
    if (project.isEmpty()) {
        for (const QStringList &list : std::as_const(m_servicesByProject))
            services += list;
        services.removeDuplicates();
        services.sort(Qt::CaseInsensitive);
    } else {
        services = m_servicesByProject.value(project);
    }
    const bool wasQuiet = m_quiet;
    m_quiet = true;
    m_service->clear();
    m_service->addItem(tr("All services"), QString());
    for (const QString &name : std::as_const(services))
        m_service->addItem(name, name);
    m_service->setCurrentIndex(std::max(0, m_service->findData(service)));
    m_quiet = wasQuiet;
}

void AlertFilterBar::onPeriodChanged()
{
    const bool custom = Period(m_period->currentData().toInt()) == Period::Custom;
    m_from->setVisible(custom);
    m_to->setVisible(custom);
    if (!m_quiet)
        Q_EMIT filterChanged();
}

void AlertFilterBar::setSeverityShown(Severity severity, bool shown)
{
    m_severity.value(severity)->setChecked(shown);
}

void AlertFilterBar::setStatusShown(AlertStatus status, bool shown)
{
    m_status.value(status)->setChecked(shown);
}

void AlertFilterBar::setProject(const QString &project)
{
    if (m_project->findData(project) < 0)
        m_project->addItem(project, project);
    m_project->setCurrentIndex(m_project->findData(project));
}

void AlertFilterBar::setService(const QString &service)
{
    if (m_service->findData(service) < 0)
        m_service->addItem(service, service);
    m_service->setCurrentIndex(m_service->findData(service));
}

void AlertFilterBar::setPeriod(Period period)
{
    m_period->setCurrentIndex(m_period->findData(int(period)));
}

void AlertFilterBar::setCustomRange(qint64 fromMs, qint64 toMs)
{
    m_quiet = true;
    m_from->setDateTime(QDateTime::fromMSecsSinceEpoch(fromMs));
    m_to->setDateTime(QDateTime::fromMSecsSinceEpoch(toMs));
    m_quiet = false;
    setPeriod(Period::Custom);
    Q_EMIT filterChanged();
}

void AlertFilterBar::setSearchText(const QString &text)
{
    m_search->setText(text);
    m_searchDelay->stop();
    Q_EMIT filterChanged();
}

void AlertFilterBar::resetToDefaults()
{
    m_quiet = true;
    for (QToolButton *button : std::as_const(m_severity))
        button->setChecked(true);
    for (auto it = m_status.cbegin(); it != m_status.cend(); ++it)
        it.value()->setChecked(it.key() != AlertStatus::Resolved);
    m_project->setCurrentIndex(0);
    m_service->setCurrentIndex(0);
    m_period->setCurrentIndex(m_period->findData(int(Period::Last7d)));
    m_search->clear();
    m_searchDelay->stop();
    m_quiet = false;
    Q_EMIT filterChanged();
}

} // namespace stackscope::app
