#include "statuspanel.h"

#include "panelformat.h"

#include "chartpalette.h"

#include <QPainter>

namespace stackscope::app {

class StatusTile : public QWidget
{
public:
    explicit StatusTile(QWidget *parent) : QWidget(parent) {}

    void set(StatusPanel::Level level, const QString &text, const QString &detail)
    {
        m_level = level;
        m_text = text;
        m_detail = detail;
        update();
    }
    StatusPanel::Level level() const { return m_level; }
    QString text() const { return m_text; }

protected:
    void paintEvent(QPaintEvent *) override
    {
        QPainter p(this);
        p.setRenderHint(QPainter::Antialiasing);
        const QPalette pal = palette();
        const bool dark = charts::isDarkPalette(pal);
        charts::StatusLevel level = charts::StatusLevel::Unknown;
        switch (m_level) {
        case StatusPanel::Level::Ok: level = charts::StatusLevel::Ok; break;
        case StatusPanel::Level::Warning: level = charts::StatusLevel::Warning; break;
        case StatusPanel::Level::Critical: level = charts::StatusLevel::Critical; break;
        case StatusPanel::Level::Unknown: break;
        }
        const QColor color = charts::statusColor(level, dark);
        QColor fill = color;
        fill.setAlphaF(dark ? 0.20f : 0.13f);
        const QRectF tile = QRectF(rect()).adjusted(1, 1, -1, -1);
        p.setPen(Qt::NoPen);
        p.setBrush(fill);
        p.drawRoundedRect(tile, 6, 6);
        // A strong bar on the left edge, as status pages do.
        p.setBrush(color);
        p.drawRoundedRect(QRectF(tile.left(), tile.top(), 5, tile.height()), 2.5, 2.5);

        QFont big = font();
        big.setWeight(QFont::Bold);
        big.setPixelSize(std::clamp(int(tile.height() * 0.3), 12, 44));
        while (big.pixelSize() > 12 && QFontMetrics(big).horizontalAdvance(m_text) + 48 > tile.width())
            big.setPixelSize(big.pixelSize() - 1);
        const QFontMetricsF bm(big);
        const QFontMetricsF sm(font());
        const double blockHeight = bm.height() + (m_detail.isEmpty() ? 0.0 : sm.height() + 2);
        const double top = tile.center().y() - blockHeight / 2;
        // A dot before the word.
        const double dot = std::max(8.0, bm.height() * 0.38);
        const double textWidth = bm.horizontalAdvance(m_text) + dot + 10;
        const double left = tile.center().x() - textWidth / 2 + 2;
        p.setBrush(color);
        p.drawEllipse(QRectF(left, top + bm.height() / 2 - dot / 2, dot, dot));
        p.setFont(big);
        p.setPen(dark ? color.lighter(115) : color.darker(115));
        p.drawText(QPointF(left + dot + 10, top + bm.ascent()), m_text);
        if (!m_detail.isEmpty()) {
            p.setFont(font());
            p.setPen(pal.color(QPalette::PlaceholderText));
            p.drawText(QRectF(tile.left() + 8, top + bm.height() + 2, tile.width() - 16, sm.height()),
                       Qt::AlignCenter, sm.elidedText(m_detail, Qt::ElideRight, int(tile.width() - 16)));
        }
    }

private:
    StatusPanel::Level m_level = StatusPanel::Level::Unknown;
    QString m_text;
    QString m_detail;
};

StatusPanel::StatusPanel(const dashboard::PanelSpec &spec, QWidget *parent)
    : PanelWidget(spec, parent)
    , m_tile(new StatusTile(nullptr))
{
    m_tile->setObjectName(QStringLiteral("statusTile"));
    setBody(m_tile);
}

bool StatusPanel::isServiceStatusMetric(const QString &metric)
{
    return metric == QLatin1String("up") || metric.endsWith(QLatin1String(".up"))
           || metric.endsWith(QLatin1String("_up")) || metric.endsWith(QLatin1String(".health"));
}

StatusPanel::Level StatusPanel::level() const
{
    return m_tile->level();
}

QString StatusPanel::statusText() const
{
    return m_tile->text();
}

void StatusPanel::applyData(const PanelData &panelData)
{
    const double value = panelData.value.value_or(std::nan(""));
    const QString metric = spec().queries.isEmpty() ? QString() : spec().queries.constFirst().metric;
    const QString detail = formatValue(value, panelData.unit, spec().decimals);
    if (!std::isfinite(value)) {
        m_tile->set(Level::Unknown, tr("No data"), QString());
    } else if (spec().thresholds.isEmpty() && isServiceStatusMetric(metric)) {
        const bool up = value >= 0.5;
        m_tile->set(up ? Level::Ok : Level::Critical, up ? tr("Up") : tr("Down"), QString());
    } else if (spec().thresholds.isEmpty()) {
        m_tile->set(Level::Ok, tr("OK"), detail);
    } else {
        const int level = thresholdLevel(spec().thresholds, value);
        const int count = int(spec().thresholds.size());
        Level l = Level::Ok;
        if (level >= count)
            l = Level::Critical;
        else if (level > 0)
            l = Level::Warning;
        const QString words = l == Level::Ok ? tr("OK") : l == Level::Warning ? tr("Warning") : tr("Critical");
        m_tile->set(l, words, detail);
    }
}

} // namespace stackscope::app
