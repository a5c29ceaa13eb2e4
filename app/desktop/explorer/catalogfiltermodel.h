#pragma once

#include <QSortFilterProxyModel>
#include <QStringList>

namespace stackscope::app {

// Filters a CatalogTreeModel by a search text. A node matches when every whitespace-separated term occurs
// (case-insensitively) in its own words or those of its ancestors: project, service, metric name and the
// series' labels (key=value). Matches keep their ancestors, so they stay in context: "de failed" shows
// project → Twilio → twilio.sms.failed → country=DE, and a matching metric keeps all its series.
class CatalogFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit CatalogFilterModel(QObject *parent = nullptr);

    void setSearchText(const QString &text);
    QString searchText() const { return m_text; }
    bool isFiltering() const { return !m_terms.isEmpty(); }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_text;
    QStringList m_terms;
};

} // namespace stackscope::app
