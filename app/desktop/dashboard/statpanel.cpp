#include "statpanel.h"

#include "panelformat.h"

#include "chartpalette.h"
#include "sparklinewidget.h"

#include <QPainter>
#include <QVBoxLayout>

namespace stackscope::app {

// The number and the delta line, painted so the number grows with the panel.
class StatValueView : public QWidget
{
public:
    explicit StatValueView(QWidget *parent) : QWidget(parent)
    {
        setMinimumHeight(fontMetrics().height() * 2);
    }

    void set(const QString &value, const QString &suffix, const QColor &color, const QString &delta,
             const QString &period, int trend, bool upIsBad)
    {
        m_value = value;
        m_suffix = suffix;
        m_color = color;
        m_delta = delta;
        m_period = period;
        m_trend = trend;
        m_upIsBad = upIsBad;
        update();
    }
    QString value() const { return m_value; }
    QString delta() const { return m_delta.isEmpty() ? QString() : m_delta + QLatin1Char(' ') + m_period; }

protected:
    void paintEvent(QPaintEvent *) override
    {
        QPainter p(this);
        p.setRenderHint(QPainter::Antialiasing);
        p.setRenderHint(QPainter::TextAntialiasing);
        const QPalette pal = palette();
        const QFontMetricsF base(font());
        const double deltaHeight = m_delta.isEmpty() ? 0.0 : base.height() * 1.5;
        const QRectF area = QRectF(rect()).adjusted(0, 0, 0, -deltaHeight);

        // The largest font that fits the number (and its unit word) in the area.
        QFont big = font();
        big.setWeight(QFont::DemiBold);
        QFont small = font();
        double size = std::clamp(area.height() * 0.62, base.height() * 0.9, 96.0);
        for (int i = 0; i < 12; ++i) {
            big.setPixelSize(int(size));
            small.setPixelSize(std::max(int(size * 0.42), font().pixelSize() > 0 ? font().pixelSize() : 11));
            const double w = QFontMetricsF(big).horizontalAdvance(m_value)
                             + (m_suffix.isEmpty() ? 0.0 : QFontMetricsF(small).horizontalAdvance(m_suffix) + 6);
            if (w <= area.width() - 4 || size <= 12)
                break;
            size *= 0.85;
        }
        const QFontMetricsF bm(big);
        const QFontMetricsF sm(small);
        const double total = bm.horizontalAdvance(m_value)
                             + (m_suffix.isEmpty() ? 0.0 : sm.horizontalAdvance(m_suffix) + 6);
        const double x = area.center().x() - total / 2;
        const double baseline = area.center().y() + (bm.ascent() - bm.descent()) / 2;
        p.setFont(big);
        p.setPen(m_color.isValid() ? m_color : pal.color(QPalette::Text));
        p.drawText(QPointF(x, baseline), m_value);
        if (!m_suffix.isEmpty()) {
            p.setFont(small);
            p.setPen(pal.color(QPalette::PlaceholderText));
            p.drawText(QPointF(x + bm.horizontalAdvance(m_value) + 6, baseline), m_suffix);
        }

        if (!m_delta.isEmpty()) {
            const bool dark = charts::isDarkPalette(pal);
            const bool bad = m_trend != 0 && ((m_trend > 0) == m_upIsBad);
            const QColor deltaColor = m_trend == 0 ? pal.color(QPalette::PlaceholderText)
                                      : charts::statusColor(bad ? charts::StatusLevel::Critical
                                                                : charts::StatusLevel::Ok, dark);
            const QString arrow = m_trend > 0 ? QStringLiteral("▲ ") : m_trend < 0 ? QStringLiteral("▼ ")
                                                                                     : QString();
            QFont deltaFont = font();
            deltaFont.setWeight(QFont::DemiBold);
            const QFontMetricsF dm(deltaFont);
            const QString strong = arrow + m_delta;
            const QString rest = QLatin1Char(' ') + m_period;
            const double w = dm.horizontalAdvance(strong) + base.horizontalAdvance(rest);
            const double dx = std::max(0.0, width() / 2.0 - w / 2);
            const double dy = height() - deltaHeight / 2 + (base.ascent() - base.descent()) / 2;
            p.setFont(deltaFont);
            p.setPen(deltaColor);
            p.drawText(QPointF(dx, dy), strong);
            p.setFont(font());
            p.setPen(pal.color(QPalette::PlaceholderText));
            p.drawText(QPointF(dx + dm.horizontalAdvance(strong), dy), rest);
        }
    }

private:
    QString m_value;
    QString m_suffix;
    QColor m_color;
    QString m_delta;
    QString m_period;
    int m_trend = 0;
    bool m_upIsBad = false;
};

StatPanel::StatPanel(const dashboard::PanelSpec &spec, QWidget *parent)
    : PanelWidget(spec, parent)
{
    auto *body = new QWidget;
    auto *layout = new QVBoxLayout(body);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    m_value = new StatValueView(body);
    m_value->setObjectName(QStringLiteral("statValue"));
    m_sparkline = new charts::SparklineWidget(body);
    m_sparkline->setObjectName(QStringLiteral("statSparkline"));
    m_sparkline->setMinimumHeight(18);
    layout->addWidget(m_value, 3);
    layout->addWidget(m_sparkline, 1);
    setBody(body);
}

QString StatPanel::valueText() const
{
    return m_value->value();
}

QString StatPanel::deltaText() const
{
    return m_value->delta();
}

void StatPanel::applyData(const PanelData &panelData)
{
    const double value = panelData.value.value_or(std::nan(""));
    const QColor base = charts::seriesColor(0, palette());
    const QColor color = spec().thresholds.isEmpty() ? palette().color(QPalette::Text)
                                                     : thresholdColor(spec().thresholds, value, base);
    const QString delta = formatDelta(value, panelData.previousValue);
    int trend = 0;
    if (panelData.previousValue && delta != QLatin1String("0%") && !delta.isEmpty())
        trend = value > *panelData.previousValue ? 1 : -1;
    m_value->set(formatValue(value, panelData.unit, spec().decimals), unitSuffix(panelData.unit), color, delta,
                 tr("vs previous %1").arg(formatPeriod(panelData.toMs - panelData.fromMs)), trend,
                 !spec().thresholds.isEmpty());
    m_sparkline->setColor(spec().thresholds.isEmpty() ? base : color);
    m_sparkline->setPoints(panelData.sparkline);
    m_sparkline->setVisible(panelData.sparkline.size() > 1);
}

} // namespace stackscope::app
