#include "serieslistmodel.h"

#include <QSet>

#include <algorithm>

namespace stackscope::app {

namespace {

const QString kProjectLabel = QStringLiteral("project");

bool lessThan(const storage::SeriesInfo &a, const storage::SeriesInfo &b)
{
    const int byProject = QString::localeAwareCompare(a.project, b.project);
    if (byProject != 0)
        return byProject < 0;
    if (a.metric != b.metric)
        return a.metric < b.metric;
    const QString la = SeriesListModel::displayText(a);
    const QString lb = SeriesListModel::displayText(b);
    if (la != lb)
        return la < lb;
    return a.id < b.id;
}

} // namespace

SeriesListModel::SeriesListModel(QObject *parent)
    : QAbstractListModel(parent)
{
}

int SeriesListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_series.size());
}

QString SeriesListModel::displayText(const storage::SeriesInfo &series)
{
    QStringList pairs;
    for (auto it = series.labels.cbegin(); it != series.labels.cend(); ++it) {
        if (it.key() != kProjectLabel)
            pairs.append(it.key() + QLatin1Char('=') + it.value());
    }
    if (pairs.isEmpty())
        return series.metric;
    return series.metric + QStringLiteral(" {") + pairs.join(QStringLiteral(", ")) + QLatin1Char('}');
}

QString SeriesListModel::keyOf(const storage::SeriesInfo &series)
{
    QString key = series.metric;
    for (auto it = series.labels.cbegin(); it != series.labels.cend(); ++it)
        key += QLatin1Char('\x1f') + it.key() + QLatin1Char('=') + it.value();
    return key;
}

QVariant SeriesListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const storage::SeriesInfo &s = m_series.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return displayText(s);
    case Qt::ToolTipRole:
        return s.project.isEmpty() ? displayText(s) : displayText(s) + QLatin1Char('\n') + tr("Project: %1").arg(s.project);
    case Qt::AccessibleTextRole:
        return s.project.isEmpty() ? displayText(s) : tr("%1, project %2").arg(displayText(s), s.project);
    case SeriesIdRole:
        return s.id;
    case MetricRole:
        return s.metric;
    case LabelsRole: {
        QVariantMap map;
        for (auto it = s.labels.cbegin(); it != s.labels.cend(); ++it)
            map.insert(it.key(), it.value());
        return map;
    }
    case ProjectRole:
        return s.project;
    case SearchTextRole:
        return (displayText(s) + QLatin1Char(' ') + s.project).toLower();
    case KeyRole:
        return keyOf(s);
    default:
        return {};
    }
}

QHash<int, QByteArray> SeriesListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(SeriesIdRole, "seriesId");
    names.insert(MetricRole, "metric");
    names.insert(LabelsRole, "labels");
    names.insert(ProjectRole, "project");
    names.insert(SearchTextRole, "searchText");
    names.insert(KeyRole, "key");
    return names;
}

void SeriesListModel::setSeries(QList<storage::SeriesInfo> series)
{
    std::sort(series.begin(), series.end(), lessThan);

    // Remove rows that are gone (from the back, so indexes stay valid).
    QSet<qint64> incoming;
    for (const auto &s : std::as_const(series))
        incoming.insert(s.id);
    for (int row = int(m_series.size()) - 1; row >= 0; --row) {
        if (!incoming.contains(m_series.at(row).id)) {
            beginRemoveRows({}, row, row);
            m_series.removeAt(row);
            endRemoveRows();
        }
    }

    // Both lists are now sorted the same way and the current one is a subsequence of the new one:
    // walk them together, inserting each run of new rows and refreshing rows whose content changed.
    int row = 0;
    qsizetype i = 0;
    while (i < series.size()) {
        if (row < m_series.size() && m_series.at(row).id == series.at(i).id) {
            const storage::SeriesInfo &current = m_series.at(row);
            if (current.metric != series.at(i).metric || current.labels != series.at(i).labels
                || current.project != series.at(i).project) {
                m_series[row] = series.at(i);
                Q_EMIT dataChanged(index(row), index(row));
            }
            ++row;
            ++i;
            continue;
        }
        qsizetype end = i;
        while (end < series.size() && !(row < m_series.size() && m_series.at(row).id == series.at(end).id))
            ++end;
        beginInsertRows({}, row, row + int(end - i) - 1);
        for (qsizetype k = i; k < end; ++k)
            m_series.insert(row + int(k - i), series.at(k));
        endInsertRows();
        row += int(end - i);
        i = end;
    }
}

void SeriesListModel::clear()
{
    if (m_series.isEmpty())
        return;
    beginResetModel();
    m_series.clear();
    endResetModel();
}

const storage::SeriesInfo *SeriesListModel::seriesAt(int row) const
{
    return row >= 0 && row < m_series.size() ? &m_series.at(row) : nullptr;
}

int SeriesListModel::rowOfSeries(qint64 seriesId) const
{
    for (int row = 0; row < m_series.size(); ++row)
        if (m_series.at(row).id == seriesId)
            return row;
    return -1;
}

int SeriesListModel::rowOfKey(const QString &key) const
{
    for (int row = 0; row < m_series.size(); ++row)
        if (keyOf(m_series.at(row)) == key)
            return row;
    return -1;
}

} // namespace stackscope::app
