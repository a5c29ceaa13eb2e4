#include "channelsdialog.h"

#include "alertinghost.h"
#include "alertsformat.h"
#include "channeleditdialog.h"
#include "storejob.h"

#include "notify/channelrepository.h"
#include "notify/channeltypes.h"
#include "notify/outboxdispatcher.h"
#include "notify/outboxrepository.h"
#include "util/clock.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPainter>
#include <QPainterPath>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace stackscope::app {

namespace {
struct ChannelsView
{
    QList<notify::ChannelConfig> channels;
    QHash<qint64, QString> problems;   // channel id -> last delivery error
};
} // namespace

QIcon channelTypeIcon(const QString &type)
{
    struct Badge { QColor color; QString glyph; };
    const Badge badge = type == QLatin1String("email")   ? Badge{QColor(0x1f, 0x9d, 0x8a), QStringLiteral("@")}
                        : type == QLatin1String("slack") ? Badge{QColor(0x61, 0x1f, 0x69), QStringLiteral("#")}
                        : type == QLatin1String("webhook") ? Badge{QColor(0xd9, 0x6c, 0x04), QStringLiteral("{}")}
                                                           : Badge{QColor(0x4a, 0x5a, 0x72), QStringLiteral("▣")};
    QIcon icon;
    for (int size : {16, 24, 32, 48}) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        QPainterPath path;
        path.addRoundedRect(QRectF(0.5, 0.5, size - 1, size - 1), size / 4.0, size / 4.0);
        painter.fillPath(path, badge.color);
        QFont font;
        font.setBold(true);
        font.setPixelSize(int(size * (badge.glyph.size() > 1 ? 0.5 : 0.65)));
        painter.setFont(font);
        painter.setPen(Qt::white);
        painter.drawText(QRect(0, 0, size, size), Qt::AlignCenter, badge.glyph);
        painter.end();
        icon.addPixmap(pixmap);
    }
    return icon;
}

ChannelsDialog::ChannelsDialog(AlertingHost *host, QWidget *parent)
    : QDialog(parent), m_host(host)
{
    setObjectName(QStringLiteral("channelsDialog"));
    setWindowTitle(tr("Notification Channels"));
    resize(760, 380);
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("Where alerts are sent. Secrets (passwords, webhook URLs) are kept in the system "
                                "keychain, never in the workspace."), this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    m_tree = new QTreeWidget(this);
    m_tree->setObjectName(QStringLiteral("channelList"));
    m_tree->setAccessibleName(tr("Notification channels"));
    m_tree->setRootIsDecorated(false);
    m_tree->setAlternatingRowColors(true);
    m_tree->setIconSize(QSize(20, 20));
    m_tree->setHeaderLabels({tr("Channel"), tr("Type"), tr("Default"), tr("Last delivery problem")});
    m_tree->header()->setStretchLastSection(true);
    layout->addWidget(m_tree, 1);
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("channelsMessage"));
    m_message->setWordWrap(true);
    layout->addWidget(m_message);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_add = buttons->addButton(tr("&Add…"), QDialogButtonBox::ActionRole);
    m_edit = buttons->addButton(tr("&Edit…"), QDialogButtonBox::ActionRole);
    m_test = buttons->addButton(tr("Send &Test"), QDialogButtonBox::ActionRole);
    m_remove = buttons->addButton(tr("&Remove…"), QDialogButtonBox::ActionRole);
    m_add->setObjectName(QStringLiteral("addChannelButton"));
    m_test->setObjectName(QStringLiteral("testChannelButton"));
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_add, &QPushButton::clicked, this, [this] { addChannel(); });
    connect(m_edit, &QPushButton::clicked, this, [this] { editChannel(selectedId()); });
    connect(m_test, &QPushButton::clicked, this, [this] { sendTest(selectedId()); });
    connect(m_remove, &QPushButton::clicked, this, [this] { removeChannel(selectedId()); });
    connect(m_tree, &QTreeWidget::itemSelectionChanged, this, &ChannelsDialog::updateButtons);
    connect(m_tree, &QTreeWidget::itemDoubleClicked, this, [this] { editChannel(selectedId()); });
    connect(m_host, &AlertingHost::deliveryChanged, this, &ChannelsDialog::reload);
    layout->addWidget(buttons);
    if (m_host->isDemo()) {
        m_add->setEnabled(false);
        m_message->setText(tr("The demo workspace sends no notifications, so it has no channels."));
    }
    updateButtons();
    reload();
}

void ChannelsDialog::reload()
{
    runStoreJob<ChannelsView>(
        *m_host->store(), this,
        [](storage::MetricStore &store) -> Result<ChannelsView> {
            auto channels = notify::ChannelRepository(store.database()).list();
            if (!channels)
                return channels.error();
            ChannelsView view{channels.value(), {}};
            notify::OutboxRepository outbox(store.database());
            // Newest first: the first error seen per channel is its last problem. Pending items with an error
            // are being retried; failed ones gave up.
            for (auto filter : {notify::OutboxRepository::Filter::Pending, notify::OutboxRepository::Filter::Failed}) {
                auto items = outbox.list(filter, 100);
                if (!items)
                    return items.error();
                for (const notify::OutboxItem &item : items.value()) {
                    if (!item.lastError.isEmpty() && !view.problems.contains(item.channelId))
                        view.problems.insert(item.channelId, item.lastError);
                }
            }
            return view;
        },
        [this](Result<ChannelsView> view) {
            if (!view) {
                m_message->setText(view.error().userMessage);
                return;
            }
            const qint64 selected = selectedId();
            m_channels = view->channels;
            m_tree->clear();
            for (const notify::ChannelConfig &channel : std::as_const(m_channels)) {
                const notify::ChannelTypeInfo *type = notify::channelType(channel.type);
                auto *item = new QTreeWidgetItem(m_tree);
                item->setData(0, Qt::UserRole, channel.id);
                item->setIcon(NameColumn, channelTypeIcon(channel.type));
                item->setText(NameColumn, channel.enabled ? channel.name : tr("%1 (off)").arg(channel.name));
                item->setText(TypeColumn, type ? type->label : channel.type);
                item->setText(DefaultColumn, channel.isDefault() ? tr("✔ default") : QString());
                const QString problem = view->problems.value(channel.id);
                item->setText(ProblemColumn, problem.isEmpty() ? tr("none") : problem);
                item->setToolTip(ProblemColumn, problem);
                if (!problem.isEmpty())
                    item->setForeground(ProblemColumn, alertsui::severityColor(rules::Severity::Critical));
                if (channel.id == selected)
                    item->setSelected(true);
            }
            for (int column = 0; column < ProblemColumn; ++column)
                m_tree->resizeColumnToContents(column);
            updateButtons();
            Q_EMIT loaded();
        });
}

qint64 ChannelsDialog::selectedId() const
{
    const QList<QTreeWidgetItem *> items = m_tree->selectedItems();
    return items.isEmpty() ? 0 : items.first()->data(0, Qt::UserRole).toLongLong();
}

const notify::ChannelConfig *ChannelsDialog::channel(qint64 id) const
{
    for (const notify::ChannelConfig &config : m_channels) {
        if (config.id == id)
            return &config;
    }
    return nullptr;
}

void ChannelsDialog::updateButtons()
{
    const bool any = selectedId() != 0;
    m_edit->setEnabled(any);
    m_test->setEnabled(any && m_host->dispatcher());
    m_remove->setEnabled(any);
}

QString ChannelsDialog::messageText() const
{
    return m_message->text();
}

ChannelEditDialog *ChannelsDialog::addChannel()
{
    if (m_host->isDemo())
        return nullptr;
    auto *dialog = new ChannelEditDialog(m_host, std::nullopt, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ChannelEditDialog::saved, this, &ChannelsDialog::reload);
    dialog->open();
    return dialog;
}

ChannelEditDialog *ChannelsDialog::editChannel(qint64 channelId)
{
    const notify::ChannelConfig *config = channel(channelId);
    if (!config)
        return nullptr;
    auto *dialog = new ChannelEditDialog(m_host, *config, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ChannelEditDialog::saved, this, &ChannelsDialog::reload);
    dialog->open();
    return dialog;
}

void ChannelsDialog::sendTest(qint64 channelId)
{
    const notify::ChannelConfig *config = channel(channelId);
    if (!config || !m_host->dispatcher())
        return;
    m_message->setText(tr("Sending a test message to %1…").arg(config->name));
    m_host->dispatcher()->sendTest(*config, this, [this, name = config->name](notify::SendResult result) {
        m_message->setText(result.ok() ? tr("✔ Test message sent to %1.").arg(name)
                                       : tr("✘ The test to %1 failed: %2").arg(name, result.message()));
        Q_EMIT testFinished(result.ok(), result.message());
    });
}

void ChannelsDialog::removeChannel(qint64 channelId)
{
    const notify::ChannelConfig *config = channel(channelId);
    if (!config)
        return;
    auto *box = new QMessageBox(QMessageBox::Question, tr("Remove Channel"),
                                tr("Remove the channel \"%1\" and its secrets? Notifications still waiting for it "
                                   "are dropped.").arg(config->name),
                                QMessageBox::Cancel, this);
    box->addButton(tr("Remove"), QMessageBox::DestructiveRole);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::buttonClicked, this, [this, box, channelId](QAbstractButton *button) {
        if (box->buttonRole(button) == QMessageBox::DestructiveRole)
            removeConfirmed(channelId);
    });
    box->open();
}

void ChannelsDialog::removeConfirmed(qint64 channelId)
{
    const notify::ChannelConfig *config = channel(channelId);
    if (!config)
        return;
    const notify::ChannelConfig removed = *config;
    const qint64 now = m_host->clock().nowMs();
    runStoreJob<bool>(
        *m_host->store(), this,
        [channelId, now](storage::MetricStore &store) -> Result<bool> {
            if (Status done = notify::ChannelRepository(store.database()).remove(channelId, now); !done)
                return done.error();
            return true;
        },
        [this, removed](Result<bool> done) {
            if (!done) {
                m_message->setText(done.error().userMessage);
                Q_EMIT this->removed(done.error().userMessage);
                return;
            }
            m_host->credentials().remove(removed.uuid, notify::secretFields(removed.type), this, [this](Status status) {
                const QString problem = status ? QString()
                                               : tr("The channel was removed, but its secrets could not be deleted "
                                                    "from the keychain: %1").arg(status.error().userMessage);
                m_message->setText(problem);
                reload();
                Q_EMIT this->removed(problem);
            });
        });
}

} // namespace stackscope::app
