#include "timeserieschartview.h"

#include "chartoverlay.h"
#include "timeaxis.h"
#include "valueformat.h"

#include <QChart>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QEvent>
#include <QGraphicsLayout>
#include <QGraphicsScene>
#include <QLabel>
#include <QLegendMarker>
#include <QLineSeries>
#include <QTimer>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <limits>

namespace stackscope::charts {

TimeSeriesChartView::TimeSeriesChartView(QWidget *parent)
    : QChartView(parent)
    , m_chart(new QChart)
    , m_timeAxis(new QDateTimeAxis(this))
    , m_valueAxis(new QValueAxis(this))
    , m_emptyLabel(new QLabel(this))
    , m_resizeTimer(new QTimer(this))
    , m_worker(new DecimationWorker(this))
    , m_overlay(new ChartOverlay)
{
    setRenderHint(QPainter::Antialiasing, true);
    setFrameShape(QFrame::NoFrame);
    setMinimumSize(160, 100);
    viewport()->setMouseTracking(true);

    m_chart->setAnimationOptions(QChart::NoAnimation);
    m_chart->setBackgroundRoundness(0);
    m_chart->setMargins(QMargins(4, 6, 10, 2));
    m_chart->layout()->setContentsMargins(0, 0, 0, 0);
    m_chart->legend()->setAlignment(Qt::AlignBottom);
    m_chart->legend()->hide();
    m_chart->addAxis(m_timeAxis, Qt::AlignBottom);
    m_chart->addAxis(m_valueAxis, Qt::AlignLeft);
    setChart(m_chart); // the view owns the chart from here on
    scene()->addItem(m_overlay);
    connect(m_chart, &QChart::plotAreaChanged, this, [this](const QRectF &area) {
        m_overlay->setPlotArea(area.translated(m_chart->pos()));
    });

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
    connect(m_worker, &DecimationWorker::finished, this, &TimeSeriesChartView::receive);

    m_formatter = [](double value, const QString &unit) { return formatValue(value, unit); };
    applyPalette();
    updateTimeAxis();
    updateValueAxis();
    updateEmptyState();
}

TimeSeriesChartView::~TimeSeriesChartView() = default;

void TimeSeriesChartView::setTimeRange(qint64 fromMs, qint64 toMs)
{
    toMs = std::max(toMs, fromMs + 1);
    if (fromMs == m_fromMs && toMs == m_toMs)
        return;
    m_fromMs = fromMs;
    m_toMs = toMs;
    updateTimeAxis();
    if (!m_series.isEmpty())
        rebuild();
}

void TimeSeriesChartView::setSeries(const QList<ChartSeries> &series)
{
    m_series = series;
    rebuild();
}

void TimeSeriesChartView::clearSeries()
{
    m_series.clear();
    m_comparison.clear();
    rebuild();
}

void TimeSeriesChartView::setComparisonSeries(const QList<ChartSeries> &series, qint64 shiftMs)
{
    m_comparison = series;
    m_comparisonShiftMs = shiftMs;
    rebuild();
}

void TimeSeriesChartView::clearComparisonSeries()
{
    if (m_comparison.isEmpty())
        return;
    m_comparison.clear();
    rebuild();
}

void TimeSeriesChartView::setValueAxisTitle(const QString &title)
{
    m_valueAxis->setTitleText(title);
    m_valueAxis->setTitleVisible(!title.isEmpty());
}

void TimeSeriesChartView::setDecimationMethod(DecimationMethod method)
{
    if (method == m_method)
        return;
    m_method = method;
    rebuild();
}

void TimeSeriesChartView::setLegendPolicy(LegendPolicy policy)
{
    m_legendPolicy = policy;
    updateLegend();
}

void TimeSeriesChartView::setValueFormatter(ValueFormatter formatter)
{
    m_formatter = formatter ? std::move(formatter)
                            : ValueFormatter([](double value, const QString &unit) { return formatValue(value, unit); });
}

bool TimeSeriesChartView::isDecimating() const
{
    return m_worker->isBusy();
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
    while (m_lines.size() <= index) {
        auto *line = new QLineSeries(this);
        m_chart->addSeries(line);
        line->attachAxis(m_timeAxis);
        line->attachAxis(m_valueAxis);
        m_lines.append(line);
    }
    return m_lines.at(index);
}

void TimeSeriesChartView::removeLinesFrom(qsizetype count)
{
    while (m_lines.size() > count) {
        QLineSeries *line = m_lines.takeLast();
        m_chart->removeSeries(line);
        delete line;
    }
}

void TimeSeriesChartView::addDrawn(QAbstractSeries *item, qsizetype owner, bool comparison, bool legend)
{
    m_drawn.append(Drawn{item, owner, comparison, legend});
}

void TimeSeriesChartView::clearDrawn()
{
    m_drawn.clear();
}

QColor TimeSeriesChartView::colorOf(qsizetype owner) const
{
    if (owner >= 0 && owner < m_series.size() && m_series.at(owner).color.isValid())
        return m_series.at(owner).color;
    return seriesColor(owner, m_colors.dark);
}

TimeSeriesChartView::JobInput TimeSeriesChartView::currentInput() const
{
    JobInput input;
    input.series = m_series;
    input.comparison = m_comparison;
    input.comparisonShiftMs = m_comparisonShiftMs;
    for (qsizetype i = 0; i < m_series.size(); ++i) {
        if (!isSeriesVisible(i))
            input.hidden.insert(i);
    }
    input.fromMs = m_fromMs;
    input.toMs = m_toMs;
    input.buckets = std::max(50, plotWidth());
    input.method = m_method;
    return input;
}

void TimeSeriesChartView::rebuild()
{
    m_renderedWidth = plotWidth();
    qsizetype total = 0;
    for (const ChartSeries &s : std::as_const(m_series))
        total += s.points.size();
    for (const ChartSeries &s : std::as_const(m_comparison))
        total += s.points.size();
    DecimationWorker::Job job = makeJob(currentInput());
    if (total <= m_inlineLimit) {
        apply(m_worker->runInline(job));
        return;
    }
    // The previous data stays on screen until the new result arrives (receive()).
    m_worker->submit(std::move(job));
    updateEmptyState();
}

void TimeSeriesChartView::receive(quint64 generation, const DecimatedChart &chart)
{
    if (generation == m_worker->latestGeneration())
        apply(chart);
}

void TimeSeriesChartView::apply(const DecimatedChart &chart)
{
    m_current = chart;
    m_drawnPoints = chart.pointCount;
    // Axes before points: Qt Charts recomputes the geometry of every series (and its hit-test outline) on each
    // range change, so setting the ranges after replace() would do that work again for every point.
    updateTimeAxis();
    updateValueAxis();
    applyChart(chart);
    // Only the new items need their pens and brushes; fonts and colours of the rest follow palette changes.
    for (const Drawn &d : std::as_const(m_drawn))
        styleDrawn(d.item, colorOf(d.owner), d.comparison);
    applyVisibility();
    updateLegend();
    updateEmptyState();
    if (m_overlay->isCrosshairShown())
        showCrosshairAt(m_crosshairTime); // new values under the mouse (auto-refresh while hovering)
    // Lay the chart out now (legend, axis label widths, plot area) instead of on Qt's deferred layout request:
    // otherwise the chart paints once with the old layout, then again after the request, and a chart with a
    // large filled area costs milliseconds per paint.
    if (QGraphicsLayout *layout = m_chart->layout())
        layout->activate();
    m_paintPending = true;
    viewport()->update();
    Q_EMIT dataApplied();
}

DecimationWorker::Job TimeSeriesChartView::makeJob(JobInput input) const
{
    return [input = std::move(input)] { return computeLines(input); };
}

void TimeSeriesChartView::applyChart(const DecimatedChart &chart)
{
    clearDrawn();
    qsizetype used = 0;
    auto draw = [&](const DecimatedSeries &series, qsizetype owner, bool comparison) {
        const QString name = comparison ? tr("%1 (previous)").arg(m_comparison.at(owner).name) : m_series.at(owner).name;
        for (qsizetype s = 0; s < series.segments.size(); ++s) {
            QLineSeries *line = lineAt(used++);
            line->setName(name);
            // A lone point between two gaps has no line to draw; show it as a dot.
            line->setPointsVisible(series.segments.at(s).size() == 1);
            line->replace(series.segments.at(s));
            addDrawn(line, owner, comparison, !comparison && s == 0);
        }
    };
    for (qsizetype i = 0; i < chart.series.size() && i < m_series.size(); ++i)
        draw(chart.series.at(i), i, false);
    for (qsizetype i = 0; i < chart.comparison.size() && i < m_comparison.size(); ++i)
        draw(chart.comparison.at(i), i, true);
    removeLinesFrom(used);
}

void TimeSeriesChartView::updateEmptyState()
{
    m_emptyLabel->setVisible(m_drawnPoints == 0 && !m_worker->isBusy());
    m_emptyLabel->setGeometry(rect().adjusted(24, 24, -24, -24));
    m_emptyLabel->raise();
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
    updateLegend(); // whether the names fit depends on the width
    m_timeAxis->setTickCount(timeAxisTickCount(plotWidth(), m_toMs - m_fromMs));
    const int width = plotWidth();
    if (m_renderedWidth == 0 || std::abs(width - m_renderedWidth) * 5 > m_renderedWidth)
        m_resizeTimer->start();
}

void TimeSeriesChartView::paintEvent(QPaintEvent *event)
{
    QChartView::paintEvent(event);
    if (m_paintPending) {
        m_paintPending = false;
        Q_EMIT dataPainted();
    }
}

} // namespace stackscope::charts
