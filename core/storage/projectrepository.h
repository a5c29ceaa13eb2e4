#pragma once

#include "util/result.h"

#include <QList>
#include <QString>

#include <optional>

namespace stackscope::storage {

class Database;
class SeriesCatalog;

// A project (P1): a name, an icon and colour, an environment and its own retention (set through
// MetricStore::setRetention). Removal is soft (P4), together with the project's services.
struct Project
{
    qint64 id = 0;
    QString name;
    QString color;                   // "#RRGGBB"; empty: derived from the name
    QString icon;                    // an icon name from the app's icon set; empty: the initial letter
    QString environment = QStringLiteral("production"); // production, staging, development
    qint64 createdMs = 0;
    qint64 deletedMs = 0;
};

class ProjectRepository
{
public:
    static constexpr int kTrashDays = 7;

    ProjectRepository(Database &db, SeriesCatalog &catalog);

    Result<Project> add(Project project, qint64 nowMs);          // refuses a duplicate name in plain words
    Status update(const Project &project);                       // name (renames everywhere), colour, icon, env
    Result<QList<Project>> list(bool includeRemoved = false);
    Result<Project> get(qint64 id);
    Status remove(qint64 id, qint64 nowMs);                      // the project and its services to the trash
    Status restore(qint64 id);

private:
    Database &m_db;
    SeriesCatalog &m_catalog;
};

} // namespace stackscope::storage
