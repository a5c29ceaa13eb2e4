#pragma once

#include "timerange.h"

#include <QList>
#include <QWidget>

class QAction;
class QLabel;
class QTimer;
class QToolButton;

namespace stackscope::app {

class RangeSelector;

// The time controls above every page (D4): the last 1h … 1y (Alt+1 … Alt+6), Custom… (from/to), a zoom-out
// that goes back to the range before a drag-to-zoom, "compare with previous period", the auto-refresh interval
// (off, 10 s, 30 s, 1 min, 5 min) and "refresh now". rangeChanged carries the whole TimeRange; refreshRequested
// fires on "refresh now" and on every auto-refresh tick.
class TimeRangeBar : public QWidget
{
    Q_OBJECT

public:
    explicit TimeRangeBar(QWidget *parent = nullptr);

    static const QList<int> &refreshIntervals(); // seconds; 0 = off

    TimeRange range() const { return m_range; }
    void setRange(const TimeRange &range);       // emits rangeChanged when it differs
    void zoomTo(qint64 fromMs, qint64 toMs);     // a drag-to-zoom: fixed range, the previous one kept for zoomOut
    bool canZoomOut() const { return !m_history.isEmpty(); }
    void zoomOut();
    void selectPreset(int index);                // 0 = 1h … 5 = 1y
    void setCompare(bool compare);
    int refreshSeconds() const { return m_refreshSeconds; }
    void setRefreshSeconds(int seconds);
    void openCustomDialog();

    QToolButton *refreshButton() const { return m_refresh; }

Q_SIGNALS:
    void rangeChanged(const stackscope::app::TimeRange &range);
    void refreshRequested();

private:
    void apply(const TimeRange &range, bool keepHistory);
    void updateLabels();

    TimeRange m_range;
    QList<TimeRange> m_history;   // ranges before each zoom
    int m_refreshSeconds = 0;
    RangeSelector *m_presets = nullptr;
    QToolButton *m_custom = nullptr;
    QToolButton *m_back = nullptr;
    QToolButton *m_compare = nullptr;
    QToolButton *m_autoRefresh = nullptr;
    QToolButton *m_refresh = nullptr;
    QLabel *m_fixedLabel = nullptr;
    QTimer *m_timer = nullptr;
};

} // namespace stackscope::app
