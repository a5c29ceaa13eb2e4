#pragma once

#include "dashboard/dashboardspec.h"

#include <QWidget>

class QVBoxLayout;

namespace stackscope::app {

// Threshold rows for the panel editor: "from <value> show <colour>", ascending, with add and remove. The
// colour opens a non-blocking colour dialog.
class ThresholdEditor : public QWidget
{
    Q_OBJECT

public:
    explicit ThresholdEditor(QWidget *parent = nullptr);

    void setThresholds(const QList<dashboard::Threshold> &thresholds);
    QList<dashboard::Threshold> thresholds() const;   // sorted by value

Q_SIGNALS:
    void changed();

private:
    void addRow(const dashboard::Threshold &threshold);

    QVBoxLayout *m_rows = nullptr;
};

} // namespace stackscope::app
