#pragma once

#include "notify/channelconfig.h"

#include <QDialog>
#include <QHash>
#include <QList>

class QLabel;
class QPushButton;
class QTreeWidget;

namespace stackscope::app {

class AlertingHost;
class ChannelEditDialog;

// The notification channels (A3): each with its type, whether it is a default channel, whether it is on, and
// its last delivery problem; Add, Edit, Send Test (with the stored secrets) and Remove (the channel and its
// secrets in the keychain). Demo workspaces send nothing: adding is refused there with a note.
class ChannelsDialog : public QDialog
{
    Q_OBJECT

public:
    enum Column { NameColumn, TypeColumn, DefaultColumn, ProblemColumn, ColumnCount };

    explicit ChannelsDialog(AlertingHost *host, QWidget *parent = nullptr);

    void reload();
    ChannelEditDialog *addChannel();
    ChannelEditDialog *editChannel(qint64 channelId);
    void sendTest(qint64 channelId);
    void removeChannel(qint64 channelId);            // asks first
    void removeConfirmed(qint64 channelId);

    const QList<notify::ChannelConfig> &channels() const { return m_channels; }
    QTreeWidget *tree() const { return m_tree; }
    QString messageText() const;

Q_SIGNALS:
    void loaded();
    void testFinished(bool ok, const QString &message);
    void removed(const QString &problem);

private:
    qint64 selectedId() const;
    const notify::ChannelConfig *channel(qint64 id) const;
    void updateButtons();

    AlertingHost *m_host;
    QList<notify::ChannelConfig> m_channels;
    QTreeWidget *m_tree = nullptr;
    QLabel *m_message = nullptr;
    QPushButton *m_add = nullptr;
    QPushButton *m_edit = nullptr;
    QPushButton *m_test = nullptr;
    QPushButton *m_remove = nullptr;
};

// A small coloured badge per channel type (desktop, email, slack, webhook), drawn in code.
QIcon channelTypeIcon(const QString &type);

} // namespace stackscope::app
