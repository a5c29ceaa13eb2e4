#pragma once

#include <QList>
#include <QWidget>

class QButtonGroup;

namespace stackscope::app {

// The time range picker: a row of toggle buttons for the last 1h, 24h, 7d, 30d, 90d and 1y
// (Alt+1 … Alt+6: the main window's View menu).
class RangeSelector : public QWidget
{
    Q_OBJECT

public:
    explicit RangeSelector(QWidget *parent = nullptr);

    static const QList<qint64> &ranges(); // span of each button in milliseconds, shortest first

    qint64 range() const { return m_range; }
    void setRange(qint64 spanMs); // snaps to the nearest offered range; emits nothing
    void clearSelection();        // a fixed (custom or zoomed) range: no button is checked

Q_SIGNALS:
    void rangeChanged(qint64 spanMs);

private:
    QButtonGroup *m_group = nullptr;
    qint64 m_range = 0;
    bool m_checked = false; // false while a fixed range is shown
};

} // namespace stackscope::app
