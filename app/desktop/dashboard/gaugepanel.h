#pragma once

#include "panelwidget.h"

namespace stackscope::app {

class GaugeDial;

// A value on a dial between the panel's gaugeMin and gaugeMax (D3): the threshold bands around the arc, the
// value's arc in the colour of its band, the number in the middle.
class GaugePanel : public PanelWidget
{
    Q_OBJECT

public:
    explicit GaugePanel(const dashboard::PanelSpec &spec, QWidget *parent = nullptr);
    QString valueText() const;
    double fraction() const;   // where the needle stands, 0..1

protected:
    void applyData(const PanelData &data) override;

private:
    GaugeDial *m_dial = nullptr;
};

} // namespace stackscope::app
