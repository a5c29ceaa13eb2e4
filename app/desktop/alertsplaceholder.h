#pragma once

#include "workspacepage.h"

#include <QLabel>
#include <QVBoxLayout>

namespace stackscope::app {

// Stands in for the alerts panel (D6) until MainWindow::setAlertsPage() installs it.
class AlertsPlaceholder : public WorkspacePage
{
    Q_OBJECT

public:
    explicit AlertsPlaceholder(QWidget *parent = nullptr)
        : WorkspacePage(parent)
    {
        setObjectName(QStringLiteral("alertsPlaceholder"));
        auto *layout = new QVBoxLayout(this);
        auto *text = new QLabel(tr("<h3>Alerts</h3><p>Alert rules and their history will appear here.</p>"), this);
        text->setAlignment(Qt::AlignCenter);
        text->setWordWrap(true);
        layout->addWidget(text);
    }
    void setTimeRange(const TimeRange &) override {}
    void refresh() override {}
};

} // namespace stackscope::app
