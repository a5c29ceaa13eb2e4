#pragma once

#include <QDialog>

namespace stackscope::app {

// Help → Keyboard Shortcuts: every shortcut of the main window in one table.
class ShortcutsDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ShortcutsDialog(QWidget *parent = nullptr);
    int rowCount() const;

private:
    int m_rows = 0;
};

} // namespace stackscope::app
