#pragma once

#include "model/serviceconfig.h"

#include <QAbstractTableModel>
#include <QList>

namespace stackscope::connector { class ConnectorRegistry; }

namespace stackscope::app {

// A configured service with its polling health, as listed on the store thread.
struct ServiceRow
{
    ServiceConfig config;
    ServiceHealth health;
};

// The workspace's services, one row each, sorted by project and name. setServices() merges a new listing into
// the current one (row inserts, removals and dataChanged), so the selection survives a refresh.
class ServiceTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { ProjectColumn, NameColumn, TypeColumn, StateColumn, LastSuccessColumn, LastErrorColumn,
                  NextRunColumn, ColumnCount };
    enum Role {
        ServiceIdRole = Qt::UserRole + 1,
        StateRole,      // int(ServiceHealth::State), Disabled also for a service switched off
    };

    // `registry` (not owned, may be null) names the connector types.
    explicit ServiceTableModel(const connector::ConnectorRegistry *registry, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setServices(QList<ServiceRow> rows);
    void clear();

    const ServiceRow *rowAt(int row) const;
    int rowOfService(qint64 id) const;

    // The state the list shows: Disabled for a service that is switched off, whatever its last outcome.
    static ServiceHealth::State effectiveState(const ServiceRow &row);
    static QString stateText(ServiceHealth::State state);
    static QColor stateColor(ServiceHealth::State state);
    // "3 min ago", "in 2 h", relative to `nowMs`.
    static QString relativeTime(qint64 ms, qint64 nowMs);

    // Tests pin the clock used for relative times; 0 means the system clock.
    void setNowForTesting(qint64 nowMs) { m_fixedNowMs = nowMs; }

private:
    QString typeName(const QString &typeId) const;
    qint64 nowMs() const;

    const connector::ConnectorRegistry *m_registry;
    QList<ServiceRow> m_rows;
    qint64 m_fixedNowMs = 0;
};

} // namespace stackscope::app
