#include "catalogfiltermodel.h"

#include "catalogtreemodel.h"

namespace stackscope::app {

CatalogFilterModel::CatalogFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setRecursiveFilteringEnabled(true); // ancestors of a match stay visible
}

void CatalogFilterModel::setSearchText(const QString &text)
{
    const QStringList terms = text.toLower().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    m_text = text;
    if (terms == m_terms)
        return;
    m_terms = terms;
    invalidateFilter();
}

bool CatalogFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_terms.isEmpty())
        return true;
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    const QString text = index.data(CatalogTreeModel::SearchTextRole).toString();
    for (const QString &term : m_terms)
        if (!text.contains(term))
            return false;
    return true;
}

} // namespace stackscope::app
