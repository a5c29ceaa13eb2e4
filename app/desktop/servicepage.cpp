#include "servicepage.h"

#include "connectiontester.h"
#include "dashboard/dashboardview.h"
#include "icons.h"
#include "servicecredentials.h"
#include "viewtemplates.h"

#include "connector/connectorregistry.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

namespace stackscope::app {

namespace {

QString when(qint64 ms)
{
    if (ms <= 0)
        return ServicePage::tr("never");
    const qint64 ago = QDateTime::currentMSecsSinceEpoch() - ms;
    if (ago >= 0 && ago < 60'000)
        return ServicePage::tr("just now");
    if (ago >= 0 && ago < 3'600'000)
        return countText(ago / 60'000, ServicePage::tr("%1 minute ago"), ServicePage::tr("%1 minutes ago"));
    if (ago < 0 && -ago < 3'600'000)
        return countText(std::max<qint64>(1, -ago / 60'000), ServicePage::tr("in %1 minute"), ServicePage::tr("in %1 minutes"));
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms), QLocale::ShortFormat);
}

} // namespace

ServicePage::ServicePage(storage::StoreService *store, secrets::SecretStore &secrets,
                         const connector::ConnectorRegistry &registry, QWidget *parent)
    : WorkspacePage(parent)
    , m_store(store)
    , m_secrets(secrets)
    , m_registry(registry)
    , m_tester(new ConnectionTester(registry, this))
{
    setObjectName(QStringLiteral("servicePage"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);

    auto *header = new QWidget(this);
    header->setObjectName(QStringLiteral("serviceHeader"));
    auto *headerLayout = new QHBoxLayout(header);
    headerLayout->setContentsMargins(20, 14, 20, 10);
    auto *texts = new QVBoxLayout;
    texts->setSpacing(2);
    auto *titleRow = new QHBoxLayout;
    m_title = new QLabel(header);
    m_title->setObjectName(QStringLiteral("serviceTitle"));
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.5);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    titleRow->addWidget(m_title);
    m_state = new QLabel(header);
    m_state->setObjectName(QStringLiteral("serviceState"));
    m_state->setAccessibleName(tr("Service health"));
    titleRow->addSpacing(8);
    titleRow->addWidget(m_state);
    titleRow->addStretch();
    texts->addLayout(titleRow);
    m_subtitle = new QLabel(header);
    m_subtitle->setForegroundRole(QPalette::PlaceholderText);
    texts->addWidget(m_subtitle);
    m_details = new QLabel(header);
    m_details->setObjectName(QStringLiteral("serviceDetails"));
    m_details->setWordWrap(true);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    texts->addWidget(m_details);
    m_feedback = new QLabel(header);
    m_feedback->setObjectName(QStringLiteral("serviceFeedback"));
    m_feedback->setWordWrap(true);
    m_feedback->hide();
    texts->addWidget(m_feedback);
    headerLayout->addLayout(texts, 1);

    auto *actions = new QHBoxLayout;
    actions->setSpacing(6);
    m_edit = new QPushButton(tr("&Edit…"), header);
    Icons::setLineIcon(m_edit, QStringLiteral("edit"));
    m_edit->setObjectName(QStringLiteral("editServiceButton"));
    m_edit->setAccessibleName(tr("Edit this service"));
    connect(m_edit, &QPushButton::clicked, this, [this] { Q_EMIT editRequested(m_serviceId); });
    m_test = new QPushButton(tr("&Test Connection"), header);
    m_test->setObjectName(QStringLiteral("testServiceButton"));
    m_test->setAccessibleName(tr("Test the connection to this service"));
    connect(m_test, &QPushButton::clicked, this, &ServicePage::testConnection);
    m_poll = new QPushButton(tr("&Poll Now"), header);
    Icons::setLineIcon(m_poll, QStringLiteral("refresh"));
    m_poll->setObjectName(QStringLiteral("pollNowButton"));
    m_poll->setAccessibleName(tr("Fetch new data from this service now"));
    connect(m_poll, &QPushButton::clicked, this, &ServicePage::pollNowRequested);
    for (QPushButton *button : {m_edit, m_test, m_poll})
        actions->addWidget(button);
    headerLayout->addLayout(actions);
    headerLayout->setAlignment(actions, Qt::AlignTop);
    layout->addWidget(header);

    m_view = new DashboardView(store, this);
    m_view->setObjectName(QStringLiteral("serviceDashboard"));
    m_view->setReadOnly(true);
    m_view->setHeaderVisible(false); // the page's header names the service
    connect(m_view, &DashboardView::zoomRequested, this, &WorkspacePage::zoomRequested);
    layout->addWidget(m_view, 1);

    connect(m_tester, &ConnectionTester::finished, this, [this](bool ok, const QString &message) {
        m_test->setEnabled(true);
        setFeedback(ok ? tr("Connection works: %1").arg(message) : tr("Connection failed: %1").arg(message),
                    ok ? HealthLevel::Ok : HealthLevel::Critical);
        Q_EMIT testFinished(ok, message);
    });
}

QString ServicePage::title() const
{
    return m_title->text();
}

void ServicePage::setContent(const WorkspaceContent &content)
{
    m_content = content;
    if (m_serviceId != 0)
        showService(m_serviceId);
}

void ServicePage::setTimeRange(const TimeRange &range)
{
    m_range = range;
    m_view->setTimeRange(range);
}

void ServicePage::refresh()
{
    m_view->refresh();
}

void ServicePage::setPollingAvailable(bool available)
{
    m_pollingAvailable = available;
    updateHeader();
}

void ServicePage::showService(qint64 serviceId)
{
    if (serviceId != m_serviceId)
        m_feedback->hide();
    m_serviceId = serviceId;
    updateHeader();
    const ServiceEntry *entry = m_content.service(serviceId);
    if (!entry)
        return;
    const QString key = QStringLiteral("%1/%2/%3/%4/%5")
                            .arg(serviceId)
                            .arg(entry->config.type, entry->config.name, entry->config.project)
                            .arg(m_content.series.size());
    if (key == m_shownKey)
        return; // a health update: the dashboard stays as it is
    m_shownKey = key;
    m_view->setDashboard(ViewTemplates::serviceDashboard(entry->config, m_content, m_registry));
    if (m_range)
        m_view->setTimeRange(*m_range);
}

void ServicePage::updateHeader()
{
    const ServiceEntry *entry = m_content.service(m_serviceId);
    m_edit->setEnabled(entry);
    m_test->setEnabled(entry && !m_tester->isRunning());
    m_poll->setVisible(m_pollingAvailable);
    m_poll->setEnabled(entry && m_pollingAvailable);
    if (!entry) {
        m_title->setText(tr("Service not found"));
        m_subtitle->clear();
        m_details->clear();
        m_state->clear();
        return;
    }
    const ServiceConfig &config = entry->config;
    const connector::ConnectorInfo *info = m_registry.info(config.type);
    m_title->setText(config.name);
    m_subtitle->setText(tr("%1 · project %2 · every %3")
                            .arg(info ? info->displayName : config.type, config.project)
                            .arg(config.interval.count() % 60 == 0 ? tr("%1 min").arg(config.interval.count() / 60)
                                                                    : tr("%1 s").arg(config.interval.count())));
    const HealthLevel level = entry->level();
    const QColor color = Health::color(level);
    m_state->setText(QStringLiteral("<span style=\"color:%1\">●</span> %2")
                         .arg(color.name(), Health::serviceStateText(entry->health).toHtmlEscaped()));
    QStringList lines;
    lines.append(tr("Last success: %1 · Last attempt: %2 · Next run: %3")
                     .arg(when(entry->health.lastSuccessMs), when(entry->health.lastAttemptMs),
                          m_pollingAvailable ? when(entry->health.nextRunMs) : tr("not polled (demo)")));
    if (!entry->health.lastError.isEmpty())
        lines.append(tr("Last error: %1").arg(entry->health.lastError));
    m_details->setText(lines.join(QLatin1Char('\n')));
}

void ServicePage::setFeedback(const QString &text, HealthLevel tone)
{
    m_feedback->setText(QStringLiteral("<span style=\"color:%1\">●</span> %2")
                            .arg(Health::color(tone).name(), text.toHtmlEscaped()));
    m_feedback->show();
}

void ServicePage::testConnection()
{
    const ServiceEntry *entry = m_content.service(m_serviceId);
    if (!entry || m_tester->isRunning())
        return;
    const ServiceConfig config = entry->config;
    const connector::ConnectorInfo *info = m_registry.info(config.type);
    if (!info) {
        setFeedback(tr("This build of Stackscope does not know the service type “%1”.").arg(config.type),
                    HealthLevel::Critical);
        return;
    }
    m_test->setEnabled(false);
    setFeedback(tr("Testing the connection…"), HealthLevel::Unknown);
    QStringList fields;
    for (const connector::FieldSpec &field : info->credentials)
        fields.append(field.key);
    const QList<connector::FieldSpec> specs = info->credentials;
    loadCredentials(m_secrets, config.uuid, fields, this, [this, config, specs](Result<connector::CredentialMap> found) {
        auto fail = [this](const QString &message) {
            m_test->setEnabled(true);
            setFeedback(message, HealthLevel::Critical);
            Q_EMIT testFinished(false, message);
        };
        if (!found) {
            fail(tr("The credentials could not be read from the system keychain: %1").arg(found.error().userMessage));
            return;
        }
        for (const connector::FieldSpec &spec : specs) {
            if (spec.required && !found->count(spec.key)) {
                fail(tr("The %1 is not in the system keychain. Edit the service to enter it.").arg(spec.label));
                return;
            }
        }
        m_tester->start(config, std::move(found).value());
    });
}

} // namespace stackscope::app
