#include "projectpage.h"

#include "dashboard/dashboardview.h"
#include "icons.h"
#include "viewtemplates.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QToolButton>
#include <QVBoxLayout>

namespace stackscope::app {

ProjectPage::ProjectPage(storage::StoreService *store, const connector::ConnectorRegistry &registry, QWidget *parent)
    : WorkspacePage(parent)
    , m_store(store)
    , m_registry(registry)
{
    setObjectName(QStringLiteral("projectPage"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);

    auto *header = new QWidget(this);
    auto *headerLayout = new QVBoxLayout(header);
    headerLayout->setContentsMargins(20, 14, 20, 6);
    headerLayout->setSpacing(6);
    auto *top = new QHBoxLayout;
    m_badge = new QLabel(header);
    top->addWidget(m_badge);
    auto *texts = new QVBoxLayout;
    texts->setSpacing(0);
    m_title = new QLabel(header);
    m_title->setObjectName(QStringLiteral("projectTitle"));
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.5);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    texts->addWidget(m_title);
    m_subtitle = new QLabel(header);
    m_subtitle->setForegroundRole(QPalette::PlaceholderText);
    texts->addWidget(m_subtitle);
    top->addLayout(texts, 1);
    auto *edit = new QPushButton(tr("Edit Project…"), header);
    Icons::setLineIcon(edit, QStringLiteral("edit"));
    edit->setObjectName(QStringLiteral("editProjectButton"));
    connect(edit, &QPushButton::clicked, this, [this] { Q_EMIT editProjectRequested(m_projectId); });
    auto *add = new QPushButton(tr("Add Service…"), header);
    Icons::setLineIcon(add, QStringLiteral("add"));
    add->setObjectName(QStringLiteral("addServiceButton"));
    connect(add, &QPushButton::clicked, this, [this] {
        if (const storage::Project *p = m_content.project(m_projectId))
            Q_EMIT addServiceRequested(p->name);
    });
    auto *dash = new QPushButton(tr("New Dashboard…"), header);
    Icons::setLineIcon(dash, QStringLiteral("dashboard"));
    connect(dash, &QPushButton::clicked, this, [this] {
        if (const storage::Project *p = m_content.project(m_projectId))
            Q_EMIT newDashboardRequested(p->name);
    });
    for (QPushButton *b : {edit, add, dash}) {
        b->setAccessibleName(b->text().remove(QStringLiteral("…")));
        top->addWidget(b, 0, Qt::AlignTop);
    }
    headerLayout->addLayout(top);

    auto *stripScroll = new QScrollArea(header);
    stripScroll->setFrameShape(QFrame::NoFrame);
    stripScroll->setWidgetResizable(true);
    stripScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    stripScroll->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    stripScroll->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
    auto *stripHost = new QWidget(stripScroll);
    stripHost->setObjectName(QStringLiteral("serviceStrip"));
    stripHost->setAccessibleName(tr("Services of the project"));
    m_strip = new QHBoxLayout(stripHost);
    m_strip->setContentsMargins(0, 0, 0, 0);
    m_strip->setSpacing(6);
    m_strip->addStretch();
    stripScroll->setWidget(stripHost);
    m_stripScroll = stripScroll;
    headerLayout->addWidget(stripScroll);
    m_errors = new QLabel(header);
    m_errors->setObjectName(QStringLiteral("projectErrors"));
    m_errors->setWordWrap(true);
    m_errors->hide();
    headerLayout->addWidget(m_errors);
    layout->addWidget(header);

    m_view = new DashboardView(store, this);
    m_view->setObjectName(QStringLiteral("projectDashboard"));
    m_view->setReadOnly(true);
    m_view->setHeaderVisible(false); // the page's header names the project
    connect(m_view, &DashboardView::zoomRequested, this, &WorkspacePage::zoomRequested);
    layout->addWidget(m_view, 1);
}

QString ProjectPage::title() const
{
    return m_title->text();
}

void ProjectPage::setContent(const WorkspaceContent &content)
{
    m_content = content;
    if (m_projectId != 0)
        showProject(m_projectId);
}

void ProjectPage::setTimeRange(const TimeRange &range)
{
    m_range = range;
    m_view->setTimeRange(range);
}

void ProjectPage::refresh()
{
    m_view->refresh();
}

void ProjectPage::showProject(qint64 projectId)
{
    m_projectId = projectId;
    updateHeader();
    const storage::Project *project = m_content.project(projectId);
    if (!project)
        return;
    const QList<ServiceEntry> services = m_content.servicesOf(project->name);
    QString key = project->name + QString::number(m_content.series.size());
    for (const ServiceEntry &s : services)
        key += QStringLiteral("/%1:%2:%3").arg(s.config.id).arg(s.config.type, s.config.name);
    if (key == m_shownKey)
        return;
    m_shownKey = key;
    m_view->setDashboard(ViewTemplates::projectDashboard(*project, m_content, m_registry));
    if (m_range)
        m_view->setTimeRange(*m_range);
}

void ProjectPage::updateHeader()
{
    qDeleteAll(m_serviceButtons);
    m_serviceButtons.clear();
    const storage::Project *project = m_content.project(m_projectId);
    if (!project) {
        m_title->setText(tr("Project not found"));
        m_subtitle->clear();
        m_errors->hide();
        return;
    }
    const HealthLevel level = m_content.projectLevel(project->name);
    m_badge->setPixmap(Icons::projectBadge(project->name, Icons::projectColor(project->name, project->color), level)
                           .pixmap(40, 40));
    m_title->setText(project->name);
    const QList<ServiceEntry> services = m_content.servicesOf(project->name);
    QString environment = project->environment;
    if (!environment.isEmpty())
        environment[0] = environment.at(0).toUpper();
    m_subtitle->setText(QStringList{environment, Health::text(level), countText(services.size(), tr("%1 service"), tr("%1 services"))}
                            .join(QStringLiteral(" · ")));
    QStringList errors;
    int index = 0;
    for (const ServiceEntry &s : services) {
        auto *button = new QToolButton(this);
        button->setObjectName(QStringLiteral("serviceChip"));
        button->setIcon(Icons::statusDot(s.level()));
        button->setText(s.config.name);
        button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        button->setAutoRaise(false);
        button->setCursor(Qt::PointingHandCursor);
        button->setAccessibleName(tr("%1, %2").arg(s.config.name, Health::text(s.level())));
        button->setToolTip(s.health.lastError.isEmpty() ? Health::serviceStateText(s.health)
                                                        : tr("Last error: %1").arg(s.health.lastError));
        const qint64 id = s.config.id;
        connect(button, &QToolButton::clicked, this, [this, id] { Q_EMIT serviceActivated(id); });
        m_strip->insertWidget(index++, button);
        m_serviceButtons.append(button);
        if (!s.health.lastError.isEmpty() && s.level() != HealthLevel::Ok)
            errors.append(QStringLiteral("<span style=\"color:%1\">●</span> <b>%2</b>: %3")
                              .arg(Health::color(s.level()).name(), s.config.name.toHtmlEscaped(),
                                   s.health.lastError.toHtmlEscaped()));
    }
    // Tall enough for the chips and, when they overflow, the scroll bar under them.
    m_stripScroll->setFixedHeight(m_strip->sizeHint().height() + m_stripScroll->horizontalScrollBar()->sizeHint().height() + 2);
    m_errors->setText(errors.join(QStringLiteral("<br>")));
    m_errors->setVisible(!errors.isEmpty());
}

} // namespace stackscope::app
