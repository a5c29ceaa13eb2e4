#include "shortcutsdialog.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QKeySequence>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace stackscope::app {

ShortcutsDialog::ShortcutsDialog(QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("shortcutsDialog"));
    setWindowTitle(tr("Keyboard Shortcuts"));
    auto *layout = new QVBoxLayout(this);
    auto *table = new QTreeWidget(this);
    table->setObjectName(QStringLiteral("shortcutTable"));
    table->setAccessibleName(tr("Keyboard shortcuts"));
    table->setRootIsDecorated(false);
    table->setHeaderLabels({tr("Action"), tr("Shortcut")});
    table->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    table->setAlternatingRowColors(true);
    auto key = [](const QKeySequence &sequence) { return sequence.toString(QKeySequence::NativeText); };
    const QList<std::pair<QString, QString>> rows{
        {tr("Refresh now"), key(QKeySequence(Qt::Key_F5)) + QStringLiteral(", ") + key(QKeySequence(Qt::CTRL | Qt::Key_R))},
        {tr("Last hour … last year"), key(QKeySequence(Qt::ALT | Qt::Key_1)) + QStringLiteral(" … ")
                                          + key(QKeySequence(Qt::ALT | Qt::Key_6))},
        {tr("Zoom out to the previous range"), key(QKeySequence(Qt::ALT | Qt::Key_Left))},
        {tr("New dashboard"), key(QKeySequence::New)},
        {tr("New project"), key(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N))},
        {tr("All services (add, edit, test, remove)"), key(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S))},
        {tr("Search (explorer, or the navigation filter)"), key(QKeySequence::Find)},
        {tr("Edit the dashboard's layout"), key(QKeySequence(Qt::CTRL | Qt::Key_E))},
        {tr("Undo / redo a layout edit (in the dashboard)"), key(QKeySequence::Undo) + QStringLiteral(" / ")
                                              + key(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z))},
        {tr("Go to the overview"), key(QKeySequence(Qt::CTRL | Qt::Key_1))},
        {tr("Go to the explorer"), key(QKeySequence(Qt::CTRL | Qt::Key_2))},
        {tr("Go to the alerts"), key(QKeySequence(Qt::CTRL | Qt::Key_3))},
        {tr("Keyboard shortcuts"), key(QKeySequence(Qt::CTRL | Qt::Key_Slash))},
        {tr("Quit"), key(QKeySequence::Quit)},
    };
    for (const auto &[action, shortcut] : rows)
        new QTreeWidgetItem(table, {action, shortcut});
    m_rows = int(rows.size());
    layout->addWidget(table);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(520, 420);
}

int ShortcutsDialog::rowCount() const
{
    return m_rows;
}

} // namespace stackscope::app
