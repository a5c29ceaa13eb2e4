#include "seriesfiltermodel.h"

#include "serieslistmodel.h"

namespace stackscope::app {

SeriesFilterModel::SeriesFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
}

void SeriesFilterModel::setSearchText(const QString &text)
{
    if (text == m_text)
        return;
    m_text = text;
    m_terms = text.toLower().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    invalidateFilter();
}

bool SeriesFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_terms.isEmpty())
        return true;
    const QString haystack = sourceModel()->index(sourceRow, 0, sourceParent)
                                 .data(SeriesListModel::SearchTextRole).toString();
    for (const QString &term : m_terms)
        if (!haystack.contains(term))
            return false;
    return true;
}

} // namespace stackscope::app
