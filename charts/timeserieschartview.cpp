#include "timeserieschartview.h"

#include "decimation.h"
#include "timeaxis.h"

#include <QChart>
#include <QCursor>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QEvent>
#include <QGraphicsLayout>
#include <QLabel>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLocale>
#include <QTimer>
#include <QToolTip>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <limits>

namespace stackscope::charts {

namespace {

// Eight distinguishable line colours, a deeper set for light backgrounds and a brighter one for dark ones.
constexpr std::array<QRgb, 8> kLightColors{0x1f6fb4, 0xe8710a, 0x2b9348, 0xd1343a,
                                           0x7b5cc4, 0x8c564b, 0xc2418f, 0x0f8fa3};
constexpr std::array<QRgb, 8> kDarkColors{0x5aa9e6, 0xffa94d, 0x69db7c, 0xff6b6b,
                                          0xb197fc, 0xd8a47f, 0xf783ac, 0x66d9e8};

// Past this many segments a series is too fragmented for gaps to help; it is drawn as one line.
constexpr qsizetype kMaxSegmentsPerSeries = 400;
// A jump of more than this many expected steps is a gap.
constexpr double kGapSteps = 2.5;

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

QColor withAlpha(QColor color, double alpha)
{
    color.setAlphaF(float(alpha));
    return color;
}

} // namespace

TimeSeriesChartView::TimeSeriesChartView(QWidget *parent)
    : QChartView(parent)
    , m_chart(new QChart)
    , m_timeAxis(new QDateTimeAxis(this))
    , m_valueAxis(new QValueAxis(this))
    , m_emptyLabel(new QLabel(this))
    , m_resizeTimer(new QTimer(this))
{
    setRenderHint(QPainter::Antialiasing, true);
    setFrameShape(QFrame::NoFrame);
    setMinimumSize(320, 200);

    m_chart->setAnimationOptions(QChart::NoAnimation);
    m_chart->setBackgroundRoundness(0);
    m_chart->setMargins(QMargins(4, 6, 10, 2));
    m_chart->layout()->setContentsMargins(0, 0, 0, 0);
    m_chart->legend()->setAlignment(Qt::AlignBottom);
    m_chart->legend()->hide();
    m_chart->addAxis(m_timeAxis, Qt::AlignBottom);
    m_chart->addAxis(m_valueAxis, Qt::AlignLeft);
    setChart(m_chart); // the view owns the chart from here on

    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    m_fromMs = now - 24 * 3'600'000LL;
    m_toMs = now;

    m_emptyLabel->setAlignment(Qt::AlignCenter);
    m_emptyLabel->setWordWrap(true);
    m_emptyLabel->setAttribute(Qt::WA_TransparentForMouseEvents);
    m_emptyLabel->setObjectName(QStringLiteral("chartEmptyText"));
    QFont emptyFont = m_emptyLabel->font();
    emptyFont.setPointSizeF(emptyFont.pointSizeF() * 1.15);
    m_emptyLabel->setFont(emptyFont);
    m_emptyLabel->setText(tr("No data in this range"));

    m_resizeTimer->setSingleShot(true);
    m_resizeTimer->setInterval(150);
    connect(m_resizeTimer, &QTimer::timeout, this, [this] {
        if (!m_series.isEmpty())
            rebuild();
        else
            updateTimeAxis();
    });

    applyPalette();
    updateTimeAxis();
    updateValueAxis();
    updateEmptyState();
}

TimeSeriesChartView::~TimeSeriesChartView() = default;

void TimeSeriesChartView::setTimeRange(qint64 fromMs, qint64 toMs)
{
    m_fromMs = fromMs;
    m_toMs = std::max(toMs, fromMs + 1);
    updateTimeAxis();
}

void TimeSeriesChartView::setSeries(const QList<ChartSeries> &series)
{
    m_series = series;
    rebuild();
}

void TimeSeriesChartView::clearSeries()
{
    m_series.clear();
    rebuild();
}

void TimeSeriesChartView::setValueAxisTitle(const QString &title)
{
    m_valueAxis->setTitleText(title);
    m_valueAxis->setTitleVisible(!title.isEmpty());
}

void TimeSeriesChartView::setEmptyText(const QString &text)
{
    m_customEmptyText = !text.isEmpty();
    m_emptyLabel->setText(m_customEmptyText ? text : tr("No data in this range"));
}

QString TimeSeriesChartView::emptyText() const
{
    return m_emptyLabel->text();
}

bool TimeSeriesChartView::isShowingEmptyText() const
{
    return !m_emptyLabel->isHidden();
}

int TimeSeriesChartView::plotWidth() const
{
    const int fromChart = int(m_chart->plotArea().width());
    if (fromChart > 16 && m_chart->plotArea().width() < width())
        return fromChart;
    return std::max(100, width() - 90);
}

QLineSeries *TimeSeriesChartView::lineAt(qsizetype index)
{
    if (index < m_lines.size())
        return m_lines.at(index);
    auto *line = new QLineSeries(this);
    m_chart->addSeries(line);
    line->attachAxis(m_timeAxis);
    line->attachAxis(m_valueAxis);
    connect(line, &QLineSeries::hovered, this,
            [this, line](const QPointF &point, bool state) { onLineHovered(line, point, state); });
    m_lines.append(line);
    m_lineOwner.append(-1);
    return line;
}

void TimeSeriesChartView::rebuild()
{
    const int width = plotWidth();
    const int buckets = std::max(50, width);
    m_renderedWidth = width;
    m_drawnPoints = 0;

    qsizetype used = 0;
    for (qsizetype owner = 0; owner < m_series.size(); ++owner) {
        const ChartSeries &source = m_series.at(owner);
        const QList<QPointF> points = decimateMinMax(source.points, buckets);
        if (points.isEmpty())
            continue;
        double maxGap = 0.0;
        if (source.expectedStepMs > 0) {
            // A gap is a jump well beyond both the requested step and the data's own spacing.
            maxGap = kGapSteps * std::max(double(source.expectedStepMs), typicalSpacing(source.points));
            if (points.size() < source.points.size()) {
                // After decimation neighbours can be up to two buckets apart without any data missing.
                const double bucketWidth = (points.constLast().x() - points.constFirst().x()) / buckets;
                maxGap = std::max(maxGap, kGapSteps * bucketWidth);
            }
        }
        QList<QList<QPointF>> segments = splitAtGaps(points, maxGap);
        if (segments.size() > kMaxSegmentsPerSeries)
            segments = {points};
        for (qsizetype s = 0; s < segments.size(); ++s) {
            QLineSeries *line = lineAt(used);
            m_lineOwner[used] = owner;
            ++used;
            line->setName(source.name);
            // A lone point between two gaps has no line to draw; show it as a dot.
            line->setPointsVisible(segments.at(s).size() == 1);
            line->replace(segments.at(s));
            m_drawnPoints += segments.at(s).size();
            const auto markers = m_chart->legend()->markers(line);
            for (QLegendMarker *marker : markers)
                marker->setVisible(s == 0);
        }
    }
    while (m_lines.size() > used) {
        QLineSeries *line = m_lines.takeLast();
        m_lineOwner.removeLast();
        m_chart->removeSeries(line);
        delete line;
    }

    m_chart->legend()->setVisible(m_series.size() > 1);
    applyPalette();
    updateTimeAxis();
    updateValueAxis();
    updateEmptyState();
}

void TimeSeriesChartView::applyPalette()
{
    const QPalette pal = palette();
    const bool dark = isDark(pal);
    const QColor background = pal.color(QPalette::Base);
    const QColor text = pal.color(QPalette::Text);

    setBackgroundBrush(background);
    m_chart->setBackgroundBrush(background);
    m_chart->setBackgroundPen(Qt::NoPen);
    m_chart->setPlotAreaBackgroundVisible(false);
    m_chart->setTitleBrush(text);
    m_chart->legend()->setLabelColor(text);
    m_chart->legend()->setFont(font());

    QFont labelFont = font();
    labelFont.setPointSizeF(labelFont.pointSizeF() * 0.9);
    const QColor labels = withAlpha(text, dark ? 0.78 : 0.72);
    const QColor grid = withAlpha(text, dark ? 0.13 : 0.09);
    const QColor axisLine = withAlpha(text, dark ? 0.35 : 0.30);
    for (QAbstractAxis *axis : {static_cast<QAbstractAxis *>(m_timeAxis), static_cast<QAbstractAxis *>(m_valueAxis)}) {
        axis->setLabelsFont(labelFont);
        axis->setLabelsBrush(labels);
        axis->setTitleBrush(labels);
        axis->setTitleFont(labelFont);
        axis->setGridLineColor(grid);
        axis->setLinePenColor(axisLine);
        axis->setMinorGridLineVisible(false);
    }
    m_timeAxis->setGridLineVisible(true);

    const auto &colors = dark ? kDarkColors : kLightColors;
    for (qsizetype i = 0; i < m_lines.size(); ++i) {
        const qsizetype owner = std::max<qsizetype>(0, m_lineOwner.at(i));
        QPen pen(QColor::fromRgb(colors.at(std::size_t(owner) % colors.size())));
        pen.setWidthF(m_series.size() > 1 ? 1.6 : 2.0);
        pen.setCapStyle(Qt::RoundCap);
        pen.setJoinStyle(Qt::RoundJoin);
        m_lines.at(i)->setPen(pen);
        m_lines.at(i)->setColor(pen.color());
        m_lines.at(i)->setMarkerSize(5.0);
    }

    QPalette labelPalette = m_emptyLabel->palette();
    labelPalette.setColor(QPalette::WindowText, pal.color(QPalette::PlaceholderText));
    m_emptyLabel->setPalette(labelPalette);
}

void TimeSeriesChartView::updateTimeAxis()
{
    m_timeAxis->setRange(QDateTime::fromMSecsSinceEpoch(m_fromMs), QDateTime::fromMSecsSinceEpoch(m_toMs));
    m_timeAxis->setFormat(timeAxisLabelFormat(m_toMs - m_fromMs));
    m_timeAxis->setTickCount(timeAxisTickCount(plotWidth(), m_toMs - m_fromMs));
}

void TimeSeriesChartView::updateValueAxis()
{
    double lo = std::numeric_limits<double>::infinity();
    double hi = -std::numeric_limits<double>::infinity();
    for (const QLineSeries *line : std::as_const(m_lines)) {
        const QList<QPointF> points = line->points();
        for (const QPointF &p : points) {
            if (p.x() < double(m_fromMs) || p.x() > double(m_toMs) || !std::isfinite(p.y()))
                continue;
            lo = std::min(lo, p.y());
            hi = std::max(hi, p.y());
        }
    }
    if (!std::isfinite(lo)) {
        lo = 0.0;
        hi = 1.0;
    } else if (hi - lo < 1e-12) {
        const double pad = std::abs(hi) > 1e-12 ? std::abs(hi) * 0.1 : 1.0;
        lo -= pad;
        hi += pad;
        if (lo < 0.0 && hi - pad >= 0.0)
            lo = 0.0;
    } else {
        // Non-negative data whose low end is close to zero reads best from a zero baseline.
        if (lo >= 0.0 && lo <= 0.35 * hi)
            lo = 0.0;
        else
            lo -= (hi - lo) * 0.05;
        hi += (hi - lo) * 0.05;
    }
    const int plotHeight = int(m_chart->plotArea().height()) > 16 ? int(m_chart->plotArea().height()) : height() - 60;
    m_valueAxis->setTickCount(std::clamp(plotHeight / 56 + 1, 3, 9));
    m_valueAxis->setRange(lo, hi);
    m_valueAxis->applyNiceNumbers();
    const double interval = (m_valueAxis->max() - m_valueAxis->min()) / std::max(1, m_valueAxis->tickCount() - 1);
    m_valueAxis->setLabelFormat(QStringLiteral("%.") + QString::number(valueAxisDecimals(interval))
                                + QStringLiteral("f"));
}

void TimeSeriesChartView::updateEmptyState()
{
    m_emptyLabel->setVisible(m_drawnPoints == 0);
    m_emptyLabel->setGeometry(rect().adjusted(24, 24, -24, -24));
    m_emptyLabel->raise();
}

void TimeSeriesChartView::onLineHovered(const QLineSeries *line, const QPointF &point, bool state)
{
    if (!state) {
        QToolTip::hideText();
        return;
    }
    const QList<QPointF> points = line->points();
    if (points.isEmpty())
        return;
    auto it = std::lower_bound(points.cbegin(), points.cend(), point.x(),
                               [](const QPointF &p, double x) { return p.x() < x; });
    if (it == points.cend())
        --it;
    else if (it != points.cbegin() && std::abs((it - 1)->x() - point.x()) < std::abs(it->x() - point.x()))
        --it;
    const QLocale locale;
    const QString when = locale.toString(QDateTime::fromMSecsSinceEpoch(qint64(it->x())), QLocale::ShortFormat);
    const QString value = locale.toString(it->y(), 'g', 6);
    QToolTip::showText(QCursor::pos(), line->name() + QLatin1Char('\n') + when + QStringLiteral(": ") + value, this);
}

void TimeSeriesChartView::changeEvent(QEvent *event)
{
    QChartView::changeEvent(event);
    switch (event->type()) {
    case QEvent::PaletteChange:
    case QEvent::ApplicationPaletteChange:
    case QEvent::FontChange:
    case QEvent::StyleChange:
        applyPalette();
        break;
    default:
        break;
    }
}

void TimeSeriesChartView::resizeEvent(QResizeEvent *event)
{
    QChartView::resizeEvent(event);
    updateEmptyState();
    m_timeAxis->setTickCount(timeAxisTickCount(plotWidth(), m_toMs - m_fromMs));
    const int width = plotWidth();
    if (m_renderedWidth == 0 || std::abs(width - m_renderedWidth) * 5 > m_renderedWidth)
        m_resizeTimer->start();
}

} // namespace stackscope::charts
