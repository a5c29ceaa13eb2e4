#include "servicetablemodel.h"

#include "connector/connectorregistry.h"

#include <QColor>
#include <QDateTime>
#include <QIcon>
#include <QLocale>
#include <QPainter>
#include <QPixmap>
#include <QSet>

#include <algorithm>
#include <array>
#include <cstdlib>

namespace stackscope::app {

namespace {

bool lessThan(const ServiceRow &a, const ServiceRow &b)
{
    const int byProject = QString::localeAwareCompare(a.config.project, b.config.project);
    if (byProject != 0)
        return byProject < 0;
    const int byName = QString::localeAwareCompare(a.config.name, b.config.name);
    if (byName != 0)
        return byName < 0;
    return a.config.id < b.config.id;
}

bool sameRow(const ServiceRow &a, const ServiceRow &b)
{
    const ServiceConfig &x = a.config;
    const ServiceConfig &y = b.config;
    const ServiceHealth &h = a.health;
    const ServiceHealth &k = b.health;
    return x.id == y.id && x.project == y.project && x.name == y.name && x.type == y.type && x.settings == y.settings
           && x.baseUrl == y.baseUrl && x.interval == y.interval && x.enabled == y.enabled && h.state == k.state
           && h.lastSuccessMs == k.lastSuccessMs && h.lastAttemptMs == k.lastAttemptMs && h.lastError == k.lastError
           && h.nextRunMs == k.nextRunMs && h.consecutiveFailures == k.consecutiveFailures;
}

QString absoluteTime(qint64 ms)
{
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms), QLocale::LongFormat);
}

// A filled circle in the state's colour, so the state reads at a glance (the text says it too).
QIcon stateIcon(ServiceHealth::State state)
{
    static std::array<QIcon, 4> icons;
    QIcon &icon = icons.at(std::size_t(state));
    if (icon.isNull()) {
        QPixmap pixmap(32, 32);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(Qt::NoPen);
        painter.setBrush(ServiceTableModel::stateColor(state));
        painter.drawEllipse(QRectF(6, 6, 20, 20));
        painter.end();
        icon = QIcon(pixmap);
    }
    return icon;
}

} // namespace

ServiceTableModel::ServiceTableModel(const connector::ConnectorRegistry *registry, QObject *parent)
    : QAbstractTableModel(parent)
    , m_registry(registry)
{
}

int ServiceTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ServiceTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

qint64 ServiceTableModel::nowMs() const
{
    return m_fixedNowMs > 0 ? m_fixedNowMs : QDateTime::currentMSecsSinceEpoch();
}

QString ServiceTableModel::typeName(const QString &typeId) const
{
    if (m_registry) {
        if (const connector::ConnectorInfo *info = m_registry->info(typeId))
            return info->displayName;
    }
    return typeId;
}

ServiceHealth::State ServiceTableModel::effectiveState(const ServiceRow &row)
{
    return row.config.enabled ? row.health.state : ServiceHealth::State::Disabled;
}

QString ServiceTableModel::stateText(ServiceHealth::State state)
{
    switch (state) {
    case ServiceHealth::State::New: return tr("New");
    case ServiceHealth::State::Ok: return tr("OK");
    case ServiceHealth::State::Failing: return tr("Failing");
    case ServiceHealth::State::Disabled: return tr("Disabled");
    }
    return {};
}

QColor ServiceTableModel::stateColor(ServiceHealth::State state)
{
    switch (state) {
    case ServiceHealth::State::New: return QColor(0x3d, 0x7a, 0xd6);      // blue: waiting for its first poll
    case ServiceHealth::State::Ok: return QColor(0x2e, 0x9e, 0x4f);       // green
    case ServiceHealth::State::Failing: return QColor(0xd9, 0x3f, 0x3f);  // red
    case ServiceHealth::State::Disabled: return QColor(0x8a, 0x8d, 0x93); // grey
    }
    return {};
}

QString ServiceTableModel::relativeTime(qint64 ms, qint64 now)
{
    const qint64 delta = ms - now;
    const qint64 seconds = std::llabs(delta) / 1000;
    const bool future = delta > 0;
    if (seconds < 60)
        return future ? tr("in under a minute") : tr("just now");
    if (seconds < 3600) {
        const int minutes = int(seconds / 60);
        return future ? tr("in %1 min").arg(minutes) : tr("%1 min ago").arg(minutes);
    }
    if (seconds < 86'400) {
        const int hours = int(seconds / 3600);
        return future ? tr("in %1 h").arg(hours) : tr("%1 h ago").arg(hours);
    }
    const int days = int(seconds / 86'400);
    if (days == 1)
        return future ? tr("tomorrow") : tr("yesterday");
    return future ? tr("in %1 days").arg(days) : tr("%1 days ago").arg(days);
}

QVariant ServiceTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ServiceRow &row = m_rows.at(index.row());
    const ServiceHealth::State state = effectiveState(row);
    if (role == ServiceIdRole)
        return row.config.id;
    if (role == StateRole)
        return int(state);

    const int column = index.column();
    if (role == Qt::DisplayRole || role == Qt::AccessibleTextRole) {
        switch (column) {
        case ProjectColumn: return row.config.project;
        case NameColumn: return row.config.name;
        case TypeColumn: return typeName(row.config.type);
        case StateColumn: return stateText(state);
        case LastSuccessColumn:
            return row.health.lastSuccessMs > 0 ? relativeTime(row.health.lastSuccessMs, nowMs()) : tr("never");
        case LastErrorColumn:
            if (role == Qt::AccessibleTextRole && row.health.lastError.isEmpty())
                return tr("no error");
            return row.health.lastError.simplified();
        case NextRunColumn:
            if (state == ServiceHealth::State::Disabled)
                return tr("paused");
            return row.health.nextRunMs > 0 ? relativeTime(row.health.nextRunMs, nowMs()) : tr("not scheduled");
        default: return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (column) {
        case TypeColumn: return tr("Connector type: %1 (%2)").arg(typeName(row.config.type), row.config.type);
        case StateColumn:
            switch (state) {
            case ServiceHealth::State::New: return tr("Added; not polled yet.");
            case ServiceHealth::State::Ok: return tr("The last poll succeeded.");
            case ServiceHealth::State::Failing:
                return row.health.consecutiveFailures > 1
                           ? tr("The last %1 polls failed.").arg(row.health.consecutiveFailures)
                           : tr("The last poll failed.");
            case ServiceHealth::State::Disabled:
                return row.config.enabled ? tr("Polling stopped: the service rejected the credentials. Edit the "
                                               "service to enter new ones.")
                                          : tr("Polling is switched off for this service.");
            }
            return {};
        case LastSuccessColumn:
            return row.health.lastSuccessMs > 0 ? absoluteTime(row.health.lastSuccessMs) : QVariant();
        case LastErrorColumn: return row.health.lastError.isEmpty() ? QVariant() : row.health.lastError;
        case NextRunColumn:
            if (state == ServiceHealth::State::Disabled)
                return tr("Not polled until it is enabled again.");
            return row.health.nextRunMs > 0 ? absoluteTime(row.health.nextRunMs)
                                            : tr("Polled once Stackscope's scheduler runs for this workspace.");
        default: return {};
        }
    }
    if (role == Qt::DecorationRole && column == StateColumn)
        return stateIcon(state);
    if (role == Qt::ForegroundRole && column == LastErrorColumn && state == ServiceHealth::State::Failing)
        return stateColor(ServiceHealth::State::Failing);
    return {};
}

QVariant ServiceTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case ProjectColumn: return tr("Project");
    case NameColumn: return tr("Name");
    case TypeColumn: return tr("Type");
    case StateColumn: return tr("State");
    case LastSuccessColumn: return tr("Last success");
    case LastErrorColumn: return tr("Last error");
    case NextRunColumn: return tr("Next run");
    default: return {};
    }
}

void ServiceTableModel::setServices(QList<ServiceRow> rows)
{
    std::sort(rows.begin(), rows.end(), lessThan);

    QSet<qint64> incoming;
    for (const ServiceRow &r : std::as_const(rows))
        incoming.insert(r.config.id);
    for (int row = int(m_rows.size()) - 1; row >= 0; --row) {
        if (!incoming.contains(m_rows.at(row).config.id)) {
            beginRemoveRows({}, row, row);
            m_rows.removeAt(row);
            endRemoveRows();
        }
    }

    // What remains must be in the new order (a rename can move a row): otherwise start over.
    QHash<qint64, qsizetype> position;
    for (qsizetype i = 0; i < rows.size(); ++i)
        position.insert(rows.at(i).config.id, i);
    for (int row = 1; row < m_rows.size(); ++row) {
        if (position.value(m_rows.at(row - 1).config.id) > position.value(m_rows.at(row).config.id)) {
            beginResetModel();
            m_rows = std::move(rows);
            endResetModel();
            return;
        }
    }

    int row = 0;
    qsizetype i = 0;
    while (i < rows.size()) {
        if (row < m_rows.size() && m_rows.at(row).config.id == rows.at(i).config.id) {
            if (!sameRow(m_rows.at(row), rows.at(i))) {
                m_rows[row] = rows.at(i);
                Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
            }
            ++row;
            ++i;
            continue;
        }
        qsizetype end = i;
        while (end < rows.size() && !(row < m_rows.size() && m_rows.at(row).config.id == rows.at(end).config.id))
            ++end;
        beginInsertRows({}, row, row + int(end - i) - 1);
        for (qsizetype k = i; k < end; ++k)
            m_rows.insert(row + int(k - i), rows.at(k));
        endInsertRows();
        row += int(end - i);
        i = end;
    }
    // "3 min ago" ages although the row did not change.
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, LastSuccessColumn), index(int(m_rows.size()) - 1, NextRunColumn),
                           {Qt::DisplayRole, Qt::AccessibleTextRole, Qt::ToolTipRole});
}

void ServiceTableModel::clear()
{
    if (m_rows.isEmpty())
        return;
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

const ServiceRow *ServiceTableModel::rowAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows.at(row) : nullptr;
}

int ServiceTableModel::rowOfService(qint64 id) const
{
    for (int row = 0; row < m_rows.size(); ++row)
        if (m_rows.at(row).config.id == id)
            return row;
    return -1;
}

} // namespace stackscope::app
