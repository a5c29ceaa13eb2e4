#pragma once

#include "workspacecontent.h"

#include <QDialog>

class QLabel;
class QPushButton;
class QTreeWidget;

namespace stackscope::storage { class StoreService; }

namespace stackscope::app {

// File → Trash…: projects, services and dashboards moved to the trash in the last seven days (P4), with the
// time each has left, and Restore. Store access runs on the store thread.
class TrashDialog : public QDialog
{
    Q_OBJECT

public:
    explicit TrashDialog(storage::StoreService &store, QWidget *parent = nullptr);

    void reload();
    bool restoreItem(TrashItem::Kind kind, qint64 id); // false if no such item is listed
    QTreeWidget *list() const { return m_list; }
    int itemCount() const;

Q_SIGNALS:
    void reloaded();
    void restored(); // something came back: the navigation reloads

private:
    void onListed(Result<QList<TrashItem>> items);
    void restoreSelected();

    storage::StoreService &m_store;
    QTreeWidget *m_list = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_restore = nullptr;
    quint64 m_generation = 0;
};

} // namespace stackscope::app
