#pragma once

#include "model/sample.h"
#include "util/result.h"

#include <QHash>
#include <QList>
#include <QString>

#include <limits>
#include <memory>

namespace stackscope::storage {

class Database;

struct SeriesEntry
{
    qint64 id = 0;
    qint64 projectId = 0;  // 0: not attached to a project
    QString metric;
    Labels labels;
    // Highest timestamp stored for this series, when known: samples above it are appends and skip the
    // duplicate checks. Unknown after a rolled-back transaction.
    qint64 maxTs = std::numeric_limits<qint64>::min();
    bool maxTsKnown = false;
};

// Maps (metric, labels) to series ids, creating metrics, projects and series on first sight. Holds every
// series in memory: a workspace has thousands of series, not millions.
class SeriesCatalog
{
public:
    explicit SeriesCatalog(Database &db);
    Status load();

    Result<SeriesEntry *> resolve(const QString &metric, const Labels &labels);
    QList<const SeriesEntry *> match(const QString &metric, const Labels &filter) const;
    QList<const SeriesEntry *> all() const;
    QString projectName(qint64 projectId) const { return m_projectNames.value(projectId); }
    Result<qint64> projectId(const QString &name, bool create);
    Result<qint64> metricId(const QString &name);
    QList<qint64> projectIds() const { return m_projectNames.keys(); }

    // After ProjectRepository renamed a project and rewrote its series' "project" label in the database (committed):
    // the cached names and label sets follow, so new samples labelled with the new name reach the same series.
    void renameProject(qint64 projectId, const QString &newName);

    // Called after a rollback: cached high-water marks may describe rows that were never committed.
    void forgetMaxTimestamps();
    // Drops series, metrics and projects created inside a rolled-back transaction.
    void reload();

    static QString canonicalLabels(const Labels &labels);   // sorted, compact JSON object
    static Labels parseLabels(const QString &json);

private:
    static size_t lookupHash(const QString &metric, const Labels &labels);
    SeriesEntry *find(const QString &metric, const Labels &labels) const;
    void index(std::shared_ptr<SeriesEntry> entry);

    Database &m_db;
    QHash<QString, qint64> m_metricIds;
    QHash<qint64, QString> m_projectNames;
    QHash<QString, qint64> m_projectIds;
    // By a hash of metric and labels, computed without building a string: resolve() runs once per sample.
    QMultiHash<size_t, std::shared_ptr<SeriesEntry>> m_series;
};

} // namespace stackscope::storage
