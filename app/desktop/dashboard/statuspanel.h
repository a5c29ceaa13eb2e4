#pragma once

#include "panelwidget.h"

namespace stackscope::app {

class StatusTile;

// A health tile (D3): OK / Warning / Critical from the panel's thresholds (one threshold: OK / Critical), or
// Up / Down for a service status metric ("up", "*.up", "*.health": 1 is healthy), in the level's colour,
// with the value under it.
class StatusPanel : public PanelWidget
{
    Q_OBJECT

public:
    enum class Level { Ok, Warning, Critical, Unknown };

    explicit StatusPanel(const dashboard::PanelSpec &spec, QWidget *parent = nullptr);
    Level level() const;
    QString statusText() const;

    static bool isServiceStatusMetric(const QString &metric);

protected:
    void applyData(const PanelData &data) override;

private:
    StatusTile *m_tile = nullptr;
};

} // namespace stackscope::app
