#include "commentdialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace stackscope::app {

CommentDialog::CommentDialog(const QString &action, const QString &question, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("commentDialog"));
    setWindowTitle(action);
    auto *layout = new QVBoxLayout(this);
    auto *label = new QLabel(question, this);
    label->setWordWrap(true);
    layout->addWidget(label);
    m_comment = new QLineEdit(this);
    m_comment->setObjectName(QStringLiteral("commentEdit"));
    m_comment->setPlaceholderText(tr("Comment (optional), e.g. what you are doing about it"));
    m_comment->setAccessibleName(tr("Comment"));
    m_comment->setMinimumWidth(380);
    m_comment->setMaxLength(1000);
    layout->addWidget(m_comment);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    QPushButton *ok = buttons->addButton(action, QDialogButtonBox::AcceptRole);
    ok->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

QString CommentDialog::comment() const
{
    return m_comment->text().trimmed();
}

} // namespace stackscope::app
