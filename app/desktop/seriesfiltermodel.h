#pragma once

#include <QSortFilterProxyModel>
#include <QStringList>

namespace stackscope::app {

// Filters a SeriesListModel by a search text: every whitespace-separated term must occur (case-insensitively)
// in the series' metric, labels or project, so "twilio de failed" finds twilio.sms.failed {country=DE, …}.
class SeriesFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit SeriesFilterModel(QObject *parent = nullptr);

    void setSearchText(const QString &text);
    QString searchText() const { return m_text; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_text;
    QStringList m_terms;
};

} // namespace stackscope::app
