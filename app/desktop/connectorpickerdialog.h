#pragma once

#include <QDialog>

class QLabel;
class QListWidget;
class QPushButton;

namespace stackscope::connector { class ConnectorRegistry; }

namespace stackscope::app {

// The first step of adding a service (P2): every connector this build knows as a card with its name and what
// it brings, searchable by typing. Choosing one (double-click, Enter or Next) emits connectorChosen; the caller
// then opens the ServiceEditDialog for that type.
class ConnectorPickerDialog : public QDialog
{
    Q_OBJECT

public:
    ConnectorPickerDialog(const connector::ConnectorRegistry &registry, const QString &project,
                          QWidget *parent = nullptr);

    static QString describe(const QString &typeId); // what a connector brings, in a sentence
    QListWidget *list() const { return m_list; }
    bool choose(const QString &typeId);             // selects and accepts

Q_SIGNALS:
    void connectorChosen(const QString &typeId);

private:
    void acceptCurrent();

    QListWidget *m_list = nullptr;
    QPushButton *m_next = nullptr;
};

} // namespace stackscope::app
