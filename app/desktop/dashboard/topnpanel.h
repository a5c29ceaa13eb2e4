#pragma once

#include "panelwidget.h"

namespace stackscope::app {

class TopNBars;

// The largest N series or groups (by the query's groupBy label) over the range, as labelled horizontal bars.
class TopNPanel : public PanelWidget
{
    Q_OBJECT

public:
    explicit TopNPanel(const dashboard::PanelSpec &spec, QWidget *parent = nullptr);
    QStringList labels() const;   // in the order shown

protected:
    void applyData(const PanelData &data) override;

private:
    TopNBars *m_bars = nullptr;
};

} // namespace stackscope::app
