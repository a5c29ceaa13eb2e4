#include "gaugepanel.h"

#include "panelformat.h"

#include "chartpalette.h"

#include <QPainter>
#include <QPainterPath>

#include <cmath>

namespace stackscope::app {

namespace {

constexpr double kStartDeg = 210.0;   // the arc runs clockwise from lower left to lower right
constexpr double kSweepDeg = 240.0;

} // namespace

class GaugeDial : public QWidget
{
public:
    explicit GaugeDial(QWidget *parent) : QWidget(parent) {}

    void set(double value, const dashboard::PanelSpec &spec, const QString &unit)
    {
        m_value = value;
        m_spec = spec;
        m_unit = unit;
        update();
    }
    double fraction() const
    {
        const double span = m_spec.gaugeMax - m_spec.gaugeMin;
        if (!std::isfinite(m_value) || span <= 0.0)
            return 0.0;
        return std::clamp((m_value - m_spec.gaugeMin) / span, 0.0, 1.0);
    }
    QString text() const { return formatValue(m_value, m_unit, m_spec.decimals); }

protected:
    void paintEvent(QPaintEvent *) override
    {
        QPainter p(this);
        p.setRenderHint(QPainter::Antialiasing);
        const QPalette pal = palette();
        const bool dark = charts::isDarkPalette(pal);
        // The arc spans 240°: from its centre it reaches r up and r·sin 30° = r/2 down, plus the stroke, the
        // threshold ring outside it and the min/max labels under its ends.
        QFont small = font();
        small.setPixelSize(std::max(9, int(QFontMetricsF(font()).height() * 0.75)));
        const double labelHeight = QFontMetricsF(small).height();
        const double thickness = std::clamp(std::min(width(), height()) * 0.075, 6.0, 22.0);
        const double ring = m_spec.thresholds.isEmpty() ? 0.0 : std::max(2.0, thickness * 0.3);
        const double margin = thickness / 2 + (ring > 0 ? ring * 2.2 : 0.0) + 2;
        const double r = std::min((width() - 2 * margin) / 2, (height() - 2 * margin - labelHeight) / 1.5);
        if (r < 16)
            return;
        const double used = 1.5 * r + 2 * margin + labelHeight;
        const QPointF centre(width() / 2.0, (height() - used) / 2 + margin + r);
        const QRectF arcRect(centre.x() - r, centre.y() - r, 2 * r, 2 * r);
        const QRectF circle = arcRect.adjusted(-thickness / 2, -thickness / 2, thickness / 2, thickness / 2);
        const auto angleOf = [](double fraction) { return kStartDeg - kSweepDeg * fraction; };
        const double span = m_spec.gaugeMax - m_spec.gaugeMin;
        const auto fractionOf = [&](double v) {
            return span > 0.0 ? std::clamp((v - m_spec.gaugeMin) / span, 0.0, 1.0) : 0.0;
        };

        // Track.
        QColor track = pal.color(QPalette::Text);
        track.setAlphaF(dark ? 0.12f : 0.09f);
        p.setPen(QPen(track, thickness, Qt::SolidLine, Qt::FlatCap));
        p.drawArc(arcRect, int(kStartDeg * 16), int(-kSweepDeg * 16));

        // Threshold bands: a thin ring just outside the track.
        const QColor base = charts::statusColor(charts::StatusLevel::Ok, dark);
        if (!m_spec.thresholds.isEmpty()) {
            const QRectF ringRect = circle.adjusted(-ring * 1.3, -ring * 1.3, ring * 1.3, ring * 1.3);
            double from = 0.0;
            QColor color = base;
            for (int i = 0; i <= m_spec.thresholds.size(); ++i) {
                const double to = i < m_spec.thresholds.size() ? fractionOf(m_spec.thresholds.at(i).value) : 1.0;
                if (to > from) {
                    p.setPen(QPen(color, ring, Qt::SolidLine, Qt::FlatCap));
                    p.drawArc(ringRect, int(angleOf(from) * 16), int(-(to - from) * kSweepDeg * 16));
                }
                if (i < m_spec.thresholds.size()) {
                    from = std::max(from, to);
                    const QColor next(m_spec.thresholds.at(i).color);
                    color = next.isValid() ? next : color;
                }
            }
        }

        // The value's arc.
        const double f = fraction();
        const QColor valueColor = thresholdColor(m_spec.thresholds, m_value,
                                                 m_spec.thresholds.isEmpty() ? charts::seriesColor(0, pal) : base);
        if (f > 0.0) {
            p.setPen(QPen(valueColor, thickness, Qt::SolidLine, Qt::FlatCap));
            p.drawArc(arcRect, int(kStartDeg * 16), int(-f * kSweepDeg * 16));
        }

        // The number, as large as the inner circle allows.
        QFont big = font();
        big.setWeight(QFont::DemiBold);
        const QString value = text();
        double px = arcRect.width() * 0.22;
        for (int i = 0; i < 10; ++i) {
            big.setPixelSize(std::max(10, int(px)));
            if (QFontMetricsF(big).horizontalAdvance(value) < arcRect.width() * 0.7 || px < 11)
                break;
            px *= 0.88;
        }
        p.setFont(big);
        p.setPen(valueColor);
        const QFontMetricsF bm(big);
        p.drawText(QRectF(arcRect.left(), arcRect.center().y() - bm.height() / 2, arcRect.width(), bm.height()),
                   Qt::AlignCenter, value);

        // Min and max under the arc's ends.
        p.setFont(small);
        p.setPen(pal.color(QPalette::PlaceholderText));
        const double endY = centre.y() + r / 2 + thickness / 2 + 1;
        const double dx = r * std::cos(qDegreesToRadians(30.0));
        const QFontMetricsF sm(small);
        const QString lo = formatValue(m_spec.gaugeMin, m_unit, -1);
        const QString hi = formatValue(m_spec.gaugeMax, m_unit, -1);
        p.drawText(QPointF(arcRect.center().x() - dx - sm.horizontalAdvance(lo) / 2, endY + sm.ascent()), lo);
        p.drawText(QPointF(arcRect.center().x() + dx - sm.horizontalAdvance(hi) / 2, endY + sm.ascent()), hi);
    }

private:
    double m_value = std::nan("");
    dashboard::PanelSpec m_spec;
    QString m_unit;
};

GaugePanel::GaugePanel(const dashboard::PanelSpec &spec, QWidget *parent)
    : PanelWidget(spec, parent)
    , m_dial(new GaugeDial(nullptr))
{
    m_dial->setObjectName(QStringLiteral("gaugeDial"));
    setBody(m_dial);
}

QString GaugePanel::valueText() const
{
    return m_dial->text();
}

double GaugePanel::fraction() const
{
    return m_dial->fraction();
}

void GaugePanel::applyData(const PanelData &panelData)
{
    m_dial->set(panelData.value.value_or(std::nan("")), spec(), panelData.unit);
}

} // namespace stackscope::app
