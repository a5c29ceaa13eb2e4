#include "connectorpickerdialog.h"

#include "icons.h"

#include "connector/connectorregistry.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>

namespace stackscope::app {

namespace {
constexpr int kTypeRole = Qt::UserRole + 1;
} // namespace

QString ConnectorPickerDialog::describe(const QString &typeId)
{
    static const QHash<QString, const char *> texts{
        {QStringLiteral("twilio"), QT_TR_NOOP("SMS and call volumes, delivery and error rates, usage cost.")},
        {QStringLiteral("sendgrid"), QT_TR_NOOP("Email delivered, bounced, opened and clicked; spam reports.")},
        {QStringLiteral("stytch"), QT_TR_NOOP("Sign-ups and authentication activity of your users.")},
        {QStringLiteral("onesignal"), QT_TR_NOOP("Push notifications sent and delivered, per platform.")},
        {QStringLiteral("sendbird"), QT_TR_NOOP("Chat messages, active users and channels.")},
        {QStringLiteral("mixpanel"), QT_TR_NOOP("Product events, funnels and retention.")},
        {QStringLiteral("aws"), QT_TR_NOOP("CloudWatch metrics: EC2, Lambda, RDS, API Gateway and alarms.")},
        {QStringLiteral("prometheus"), QT_TR_NOOP("Scrape your own services' /metrics endpoint (OpenMetrics).")},
        {QStringLiteral("http_json"), QT_TR_NOOP("Any HTTP API that answers JSON: pick the numbers with paths, no code.")},
    };
    if (const char *text = texts.value(typeId))
        return tr(text);
    return tr("Metrics from this service's API.");
}

ConnectorPickerDialog::ConnectorPickerDialog(const connector::ConnectorRegistry &registry, const QString &project,
                                             QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("connectorPicker"));
    setWindowTitle(tr("Add Service"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(project.isEmpty() ? tr("<b>Which service do you want to monitor?</b>")
                                               : tr("<b>Which service do you want to monitor in %1?</b>")
                                                     .arg(project.toHtmlEscaped()),
                             this);
    layout->addWidget(intro);
    auto *hint = new QLabel(tr("Next you enter its credentials; they go to the system keychain, never to disk."), this);
    hint->setForegroundRole(QPalette::PlaceholderText);
    hint->setWordWrap(true);
    layout->addWidget(hint);

    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("connectorList"));
    m_list->setAccessibleName(tr("Connector types"));
    m_list->setViewMode(QListView::IconMode);
    m_list->setFlow(QListView::LeftToRight);
    m_list->setWrapping(true);
    m_list->setResizeMode(QListView::Adjust);
    m_list->setMovement(QListView::Static);
    m_list->setGridSize(QSize(220, 96));
    m_list->setIconSize(QSize(28, 28));
    m_list->setWordWrap(true);
    m_list->setSpacing(6);
    m_list->setUniformItemSizes(true);
    QList<const connector::ConnectorInfo *> infos = registry.all();
    std::sort(infos.begin(), infos.end(), [](const auto *a, const auto *b) {
        return a->displayName.localeAwareCompare(b->displayName) < 0;
    });
    for (const connector::ConnectorInfo *info : infos) {
        auto *item = new QListWidgetItem(Icons::line(QStringLiteral("service"), palette()),
                                         info->displayName + QLatin1Char('\n') + describe(info->typeId), m_list);
        item->setData(kTypeRole, info->typeId);
        item->setData(Qt::AccessibleTextRole, info->displayName);
        item->setToolTip(describe(info->typeId));
        item->setSizeHint(QSize(210, 90));
        item->setTextAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    }
    layout->addWidget(m_list, 1);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_next = buttons->addButton(tr("&Next"), QDialogButtonBox::AcceptRole);
    m_next->setObjectName(QStringLiteral("nextButton"));
    m_next->setEnabled(false);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_next, &QPushButton::clicked, this, &ConnectorPickerDialog::acceptCurrent);
    connect(m_list, &QListWidget::itemActivated, this, &ConnectorPickerDialog::acceptCurrent);
    connect(m_list, &QListWidget::currentItemChanged, this,
            [this](QListWidgetItem *item) { m_next->setEnabled(item); });
    layout->addWidget(buttons);
    resize(720, 460);
}

bool ConnectorPickerDialog::choose(const QString &typeId)
{
    for (int i = 0; i < m_list->count(); ++i) {
        if (m_list->item(i)->data(kTypeRole).toString() == typeId) {
            m_list->setCurrentRow(i);
            acceptCurrent();
            return true;
        }
    }
    return false;
}

void ConnectorPickerDialog::acceptCurrent()
{
    QListWidgetItem *item = m_list->currentItem();
    if (!item)
        return;
    const QString type = item->data(kTypeRole).toString();
    accept();
    Q_EMIT connectorChosen(type);
}

} // namespace stackscope::app
