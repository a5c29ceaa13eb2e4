#pragma once

#include "panelwidget.h"

namespace stackscope::charts { class SparklineWidget; }

namespace stackscope::app {

class StatValueView;

// A single number (D3): the panel's aggregation over the range, coloured by its thresholds, the change against
// the previous period of the same length ("▲ +12.5% vs previous 24h") and a sparkline of the range.
class StatPanel : public PanelWidget
{
    Q_OBJECT

public:
    explicit StatPanel(const dashboard::PanelSpec &spec, QWidget *parent = nullptr);
    QString valueText() const;
    QString deltaText() const;

protected:
    void applyData(const PanelData &data) override;

private:
    StatValueView *m_value = nullptr;
    charts::SparklineWidget *m_sparkline = nullptr;
};

} // namespace stackscope::app
