#include "overviewpage.h"

#include "icons.h"
#include "projecttile.h"

#include "storage/storeservice.h"

#include <QDateTime>
#include <QGridLayout>
#include <QLabel>
#include <QLocale>
#include <QMap>
#include <QPointer>
#include <QPushButton>
#include <QScrollArea>
#include <QStackedWidget>
#include <QVBoxLayout>

#include <cmath>

namespace stackscope::app {

namespace {

constexpr int kSparklinePoints = 48;
constexpr int kTileMinWidth = 340;

} // namespace

QString formatCompact(double value, const QString &unit)
{
    const QLocale locale;
    QString text;
    const double magnitude = std::fabs(value);
    if (magnitude >= 1e9)
        text = locale.toString(value / 1e9, 'f', 2) + QStringLiteral("B");
    else if (magnitude >= 1e6)
        text = locale.toString(value / 1e6, 'f', 2) + QStringLiteral("M");
    else if (magnitude >= 1e4)
        text = locale.toString(value / 1e3, 'f', 1) + QStringLiteral("k");
    else if (magnitude >= 100 || value == std::floor(value))
        text = locale.toString(value, 'f', 0);
    else
        text = locale.toString(value, 'f', magnitude >= 10 ? 1 : 2);
    if (unit == QLatin1String("percent"))
        return text + QStringLiteral(" %");
    if (unit == QLatin1String("s") || unit == QLatin1String("ms"))
        return text + QLatin1Char(' ') + unit;
    return text;
}

OverviewPage::OverviewPage(storage::StoreService *store, const connector::ConnectorRegistry &registry, QWidget *parent)
    : WorkspacePage(parent)
    , m_store(store)
    , m_registry(registry)
{
    setObjectName(QStringLiteral("overviewPage"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(20, 16, 20, 12);
    layout->setSpacing(4);
    m_title = new QLabel(tr("Overview"), this);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.5);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    layout->addWidget(m_title);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("overviewSummary"));
    m_summary->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(m_summary);
    layout->addSpacing(10);

    m_stack = new QStackedWidget(this);
    layout->addWidget(m_stack, 1);

    m_scroll = new QScrollArea(m_stack);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_grid = new QWidget(m_scroll);
    m_gridLayout = new QGridLayout(m_grid);
    m_gridLayout->setContentsMargins(0, 0, 0, 0);
    m_gridLayout->setSpacing(14);
    m_attention = new QLabel(m_grid);
    m_attention->setObjectName(QStringLiteral("attentionList"));
    m_attention->setAccessibleName(tr("Services that need attention"));
    m_attention->setWordWrap(true);
    m_attention->setTextFormat(Qt::RichText);
    m_attention->setOpenExternalLinks(false);
    connect(m_attention, &QLabel::linkActivated, this, [this](const QString &link) {
        if (link.startsWith(QLatin1String("service:")))
            Q_EMIT serviceActivated(link.mid(8).toLongLong());
    });
    m_scroll->setWidget(m_grid);
    m_stack->addWidget(m_scroll);

    m_empty = new QWidget(m_stack);
    auto *emptyLayout = new QVBoxLayout(m_empty);
    emptyLayout->addStretch();
    auto *emptyText = new QLabel(tr("<h3>No projects yet</h3><p>A project groups the services your product runs on: "
                                    "Twilio, SendGrid, AWS, your own Prometheus endpoint…</p>"),
                                 m_empty);
    emptyText->setAlignment(Qt::AlignCenter);
    emptyText->setWordWrap(true);
    emptyLayout->addWidget(emptyText);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    auto *newProject = new QPushButton(tr("New Project…"), m_empty);
    Icons::setLineIcon(newProject, QStringLiteral("add"));
    newProject->setObjectName(QStringLiteral("emptyNewProject"));
    connect(newProject, &QPushButton::clicked, this, &OverviewPage::newProjectRequested);
    buttons->addWidget(newProject);
    auto *addService = new QPushButton(tr("Add Service…"), m_empty);
    Icons::setLineIcon(addService, QStringLiteral("service"));
    connect(addService, &QPushButton::clicked, this, &OverviewPage::addServiceRequested);
    buttons->addWidget(addService);
    buttons->addStretch();
    emptyLayout->addLayout(buttons);
    emptyLayout->addStretch(2);
    m_stack->addWidget(m_empty);
}

ProjectTile *OverviewPage::tileOf(qint64 projectId) const
{
    for (ProjectTile *tile : m_tiles)
        if (tile->projectId() == projectId)
            return tile;
    return nullptr;
}

void OverviewPage::setContent(const WorkspaceContent &content)
{
    m_content = content;
    rebuildTiles();
    loadFigures();
}

void OverviewPage::setTimeRange(const TimeRange &range)
{
    m_range = range;
    loadFigures();
}

void OverviewPage::refresh()
{
    loadFigures();
}

void OverviewPage::rebuildTiles()
{
    qDeleteAll(m_tiles);
    m_tiles.clear();
    m_headlines.clear();
    int failing = 0;
    for (const ServiceEntry &s : std::as_const(m_content.services))
        if (s.level() == HealthLevel::Warning || s.level() == HealthLevel::Critical)
            ++failing;
    QString summary = countText(m_content.projects.size(), tr("%1 project"), tr("%1 projects")) + QStringLiteral(" · ")
        + countText(m_content.services.size(), tr("%1 service"), tr("%1 services"));
    if (failing > 0)
        summary += QStringLiteral(" · ") + countText(failing, tr("%1 needs attention"), tr("%1 need attention"));
    m_summary->setText(summary);

    for (const storage::Project &project : std::as_const(m_content.projects)) {
        auto *tile = new ProjectTile(project.id, m_grid);
        const QList<ServiceEntry> services = m_content.servicesOf(project.name);
        int bad = 0;
        for (const ServiceEntry &s : services)
            if (s.level() == HealthLevel::Warning || s.level() == HealthLevel::Critical)
                ++bad;
        QString health = countText(services.size(), tr("%1 service"), tr("%1 services"));
        if (bad > 0)
            health += QStringLiteral(", ") + tr("%1 failing").arg(bad);
        if (const qint64 alerts = m_content.openAlertCount(project.name); alerts > 0)
            health += QStringLiteral(", ") + countText(int(alerts), tr("%1 open alert"), tr("%1 open alerts"));
        QString environment = project.environment;
        if (!environment.isEmpty())
            environment[0] = environment.at(0).toUpper();
        tile->setProject(project.name, Icons::projectColor(project.name, project.color), environment);
        tile->setHealth(m_content.projectLevel(project.name), health);
        const QList<ViewTemplates::Headline> headlines = ViewTemplates::headlines(project.name, m_content, m_registry);
        QList<ProjectTile::Figure> figures;
        for (const ViewTemplates::Headline &h : headlines)
            figures.append({h.title, {}, {}});
        tile->setFigures(figures);
        connect(tile, &ProjectTile::clicked, this, &OverviewPage::projectActivated);
        m_tiles.append(tile);
        m_headlines.append(headlines);
    }
    updateAttention();
    m_stack->setCurrentWidget(m_tiles.isEmpty() ? m_empty : static_cast<QWidget *>(m_scroll));
    m_columns = 0;
    relayout();
}

void OverviewPage::updateAttention()
{
    // Below the tiles: what is wrong, in words, with a link to the service.
    QStringList rows;
    for (const ServiceEntry &s : std::as_const(m_content.services)) {
        if (s.level() != HealthLevel::Warning && s.level() != HealthLevel::Critical)
            continue;
        rows.append(QStringLiteral("<tr><td style=\"padding:4px 10px 4px 0\"><span style=\"color:%1\">●</span> "
                                   "<a style=\"color:%6\" href=\"service:%2\">%3</a></td><td style=\"padding:4px 10px\">%4</td>"
                                   "<td style=\"padding:4px 0\">%5</td></tr>")
                        .arg(Health::color(s.level()).name())
                        .arg(s.config.id)
                        .arg(s.config.name.toHtmlEscaped(), s.config.project.toHtmlEscaped(),
                             (s.health.lastError.isEmpty() ? Health::serviceStateText(s.health) : s.health.lastError)
                                 .toHtmlEscaped(),
                             palette().color(QPalette::Link).name()));
    }
    m_attention->setText(rows.isEmpty() ? QString()
                                        : QStringLiteral("<h3>%1</h3><table>%2</table>")
                                              .arg(tr("Needs attention"), rows.join(QString())));
    m_attention->setVisible(!rows.isEmpty());
}

void OverviewPage::changeEvent(QEvent *event)
{
    WorkspacePage::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        updateAttention(); // the links' colour is part of the text
}

void OverviewPage::resizeEvent(QResizeEvent *event)
{
    WorkspacePage::resizeEvent(event);
    relayout();
}

void OverviewPage::relayout()
{
    const int available = std::max(1, m_scroll->viewport()->width());
    const int columns = std::clamp(available / (kTileMinWidth + 14), 1, 4);
    if (columns == m_columns && m_gridLayout->count() == m_tiles.size() + 1)
        return;
    m_columns = columns;
    while (m_gridLayout->count() > 0)
        delete m_gridLayout->takeAt(0);
    for (int i = 0; i < m_tiles.size(); ++i)
        m_gridLayout->addWidget(m_tiles.at(i), i / columns, i % columns, Qt::AlignTop);
    for (int c = 0; c < 4; ++c)
        m_gridLayout->setColumnStretch(c, c < columns ? 1 : 0);
    const int rows = int((m_tiles.size() + columns - 1) / columns);
    for (int r = 0; r < rows + 2; ++r)
        m_gridLayout->setRowStretch(r, 0);
    m_gridLayout->addWidget(m_attention, rows, 0, 1, columns);
    m_gridLayout->setRowStretch(rows + 1, 1);
}

void OverviewPage::loadFigures()
{
    const quint64 generation = ++m_generation;
    m_pending = 0;
    if (!m_store)
        return;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (int t = 0; t < m_tiles.size(); ++t) {
        for (int f = 0; f < m_headlines.at(t).size(); ++f) {
            const ViewTemplates::Headline h = m_headlines.at(t).at(f);
            storage::QueryRequest request;
            request.metric = h.metric;
            request.labelFilter = h.labelFilter;
            request.fromMs = m_range.fromMs(now);
            request.toMs = m_range.toMs(now);
            request.points = kSparklinePoints;
            request.aggregation = h.aggregation;
            ++m_pending;
            QPointer<ProjectTile> tile = m_tiles.at(t);
            m_store->query(request, this, [this, generation, tile, f, h](Result<storage::QueryResult> result) {
                if (generation != m_generation)
                    return;
                --m_pending;
                if (tile && result) {
                    // Several series (countries, instances): summed per step for counters, averaged for gauges.
                    QMap<qint64, std::pair<double, int>> steps;
                    for (const storage::SeriesPoints &series : result->series)
                        for (const TimedValue &p : series.points) {
                            auto &slot = steps[p.ts];
                            slot.first += p.value;
                            ++slot.second;
                        }
                    ProjectTile::Figure figure{h.title, {}, {}};
                    double total = 0;
                    for (auto it = steps.cbegin(); it != steps.cend(); ++it) {
                        const double v = h.total ? it->first : it->first / it->second;
                        figure.sparkline.append(QPointF(double(it.key()), v));
                        total += v;
                    }
                    if (!figure.sparkline.isEmpty())
                        figure.value = formatCompact(h.total ? total : figure.sparkline.last().y(), h.unit);
                    tile->setFigure(f, figure);
                }
                if (m_pending == 0)
                    Q_EMIT figuresLoaded();
            });
        }
    }
    if (m_pending == 0)
        Q_EMIT figuresLoaded();
}

} // namespace stackscope::app
