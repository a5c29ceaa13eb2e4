#pragma once

// Schema step 4: project icons and dashboards (P1, D2). Included by migrations.cpp only. Once released, never
// edit this text: add a new step. SQL must run on SQLite 3.15 (SQLCipher 3.4.1).
namespace stackscope::storage::schema {

inline constexpr char kStep4Dashboards[] = R"SQL(
ALTER TABLE projects ADD COLUMN icon TEXT NOT NULL DEFAULT '';

CREATE TABLE dashboards (
    id          INTEGER PRIMARY KEY,
    uuid        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    project_id  INTEGER REFERENCES projects(id),   -- NULL: a workspace-wide dashboard
    spec        TEXT NOT NULL,                      -- JSON: panels and grid layout (core/dashboard)
    position    INTEGER NOT NULL DEFAULT 0,         -- order in the navigation tree
    created_ms  INTEGER NOT NULL,
    updated_ms  INTEGER NOT NULL,
    deleted_ms  INTEGER                             -- soft delete (P4): purged 7 days later
);
CREATE INDEX dashboards_project ON dashboards(project_id);
)SQL";

} // namespace stackscope::storage::schema
