#include "topnpanel.h"

#include "panelformat.h"

#include "chartpalette.h"

#include <QPainter>

namespace stackscope::app {

class TopNBars : public QWidget
{
public:
    explicit TopNBars(QWidget *parent) : QWidget(parent) {}

    void set(const QList<SeriesSummary> &rows, const QString &unit, const dashboard::PanelSpec &spec)
    {
        m_rows = rows;
        m_unit = unit;
        m_spec = spec;
        update();
    }
    const QList<SeriesSummary> &rows() const { return m_rows; }

protected:
    void paintEvent(QPaintEvent *) override
    {
        if (m_rows.isEmpty())
            return;
        QPainter p(this);
        p.setRenderHint(QPainter::Antialiasing);
        const QPalette pal = palette();
        const QFontMetrics fm(font());
        const int rowHeight = std::clamp(height() / int(m_rows.size()), fm.height() + 4, fm.height() * 2 + 8);
        const int shown = std::min<int>(int(m_rows.size()), std::max(1, height() / rowHeight));
        double top = 0.0;
        for (int i = 0; i < shown; ++i)
            top = std::max(top, m_rows.at(i).value);
        QStringList values;
        int valueWidth = 0;
        for (int i = 0; i < shown; ++i) {
            values.append(formatValue(m_rows.at(i).value, m_unit, m_spec.decimals));
            valueWidth = std::max(valueWidth, fm.horizontalAdvance(values.constLast()));
        }
        const int labelWidth = std::min(width() / 3, [&] {
            int w = 0;
            for (int i = 0; i < shown; ++i)
                w = std::max(w, fm.horizontalAdvance(m_rows.at(i).name));
            return w + 8;
        }());
        const int barLeft = labelWidth + 4;
        const int barRight = width() - valueWidth - 8;
        const QColor track = [&] {
            QColor c = pal.color(QPalette::Text);
            c.setAlphaF(0.06f);
            return c;
        }();
        const double barHeight = std::max(6.0, rowHeight * 0.56);
        for (int i = 0; i < shown; ++i) {
            const SeriesSummary &row = m_rows.at(i);
            const int y = i * rowHeight;
            const QRect labelRect(0, y, labelWidth, rowHeight);
            p.setPen(pal.color(QPalette::Text));
            p.drawText(labelRect, Qt::AlignVCenter | Qt::AlignLeft, fm.elidedText(row.name, Qt::ElideRight, labelWidth - 6));
            const QRectF trackRect(barLeft, y + (rowHeight - barHeight) / 2, std::max(0, barRight - barLeft), barHeight);
            p.setPen(Qt::NoPen);
            p.setBrush(track);
            p.drawRoundedRect(trackRect, 3, 3);
            const double f = top > 0.0 && std::isfinite(row.value) ? std::clamp(row.value / top, 0.0, 1.0) : 0.0;
            const QColor base = charts::seriesColor(m_spec.thresholds.isEmpty() ? i : 0, pal);
            p.setBrush(thresholdColor(m_spec.thresholds, row.value, base));
            if (f > 0.0)
                p.drawRoundedRect(QRectF(trackRect.left(), trackRect.top(), std::max(3.0, trackRect.width() * f),
                                         trackRect.height()), 3, 3);
            p.setPen(pal.color(QPalette::Text));
            p.drawText(QRect(barRight + 6, y, valueWidth + 2, rowHeight), Qt::AlignVCenter | Qt::AlignRight,
                       values.at(i));
        }
    }

private:
    QList<SeriesSummary> m_rows;
    QString m_unit;
    dashboard::PanelSpec m_spec;
};

TopNPanel::TopNPanel(const dashboard::PanelSpec &spec, QWidget *parent)
    : PanelWidget(spec, parent)
    , m_bars(new TopNBars(nullptr))
{
    m_bars->setObjectName(QStringLiteral("topNBars"));
    setBody(m_bars);
}

QStringList TopNPanel::labels() const
{
    QStringList names;
    for (const SeriesSummary &row : m_bars->rows())
        names.append(row.name);
    return names;
}

void TopNPanel::applyData(const PanelData &panelData)
{
    m_bars->set(panelData.summaries, panelData.unit, spec());
}

} // namespace stackscope::app
