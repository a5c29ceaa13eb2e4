#pragma once

#include "notify/outboxrepository.h"

#include <QList>
#include <QWidget>

class QLabel;
class QPushButton;
class QTreeWidget;

namespace stackscope::app {

class AlertingHost;

// Notifications that could not be delivered (A6, "failures visible in the UI"): when, to which channel, what,
// after how many attempts and the last error in plain words, with Retry (the item goes back into the outbox,
// due now). A line above says how many are failed and how many still wait for a retry.
class OutboxPanel : public QWidget
{
    Q_OBJECT

public:
    explicit OutboxPanel(AlertingHost *host, QWidget *parent = nullptr);

    void reload();
    void retry(const QList<qint64> &outboxIds);
    void retrySelected();

    const QList<notify::OutboxItem> &failedItems() const { return m_items; }
    notify::OutboxRepository::Counts counts() const { return m_counts; }
    QTreeWidget *tree() const { return m_tree; }

Q_SIGNALS:
    void loaded();
    void countsChanged(qint64 pending, qint64 failed);
    void retried(const QString &problem);

private:
    AlertingHost *m_host;
    QList<notify::OutboxItem> m_items;
    notify::OutboxRepository::Counts m_counts;
    QLabel *m_summary = nullptr;
    QTreeWidget *m_tree = nullptr;
    QPushButton *m_retry = nullptr;
    QPushButton *m_retryAll = nullptr;
};

} // namespace stackscope::app
