#pragma once

#include <QDialog>

class QLineEdit;

namespace stackscope::app {

// Asks for the optional comment that goes with acknowledging, resolving or reopening alerts ("Deploy rolled
// back"). The comment is stored in the alert's history with the user's name.
class CommentDialog : public QDialog
{
    Q_OBJECT

public:
    // `action` is the button's text ("Acknowledge"); `question` says what happens ("Acknowledge 3 alerts?").
    CommentDialog(const QString &action, const QString &question, QWidget *parent = nullptr);

    QString comment() const;
    QLineEdit *commentEdit() const { return m_comment; }

private:
    QLineEdit *m_comment = nullptr;
};

} // namespace stackscope::app
