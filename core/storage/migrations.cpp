#include "storage/migrations.h"

#include "storage/database.h"
#include "storage/schema_v4_dashboards.h"
#include "storage/schema_v5_alerts.h"
#include "storage/schema_v6_channels.h"
#include "util/logging.h"

#include <array>

namespace stackscope::storage {

namespace {

struct Step
{
    int version;
    const char *description;
    const char *sql;
};

// Never edit a released step: add a new one. SQL must run on SQLite 3.15 (SQLCipher 3.4.1): no UPSERT,
// no window functions, no JSON1, no RETURNING, no STRICT tables.
constexpr std::array kSteps{
    Step{1, "metric model, raw samples, raw chunks and rollup tiers", R"SQL(
CREATE TABLE meta (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE projects (
    id                 INTEGER PRIMARY KEY,
    name               TEXT NOT NULL UNIQUE,
    color              TEXT,
    environment        TEXT NOT NULL DEFAULT 'production',
    retention_raw_days INTEGER DEFAULT 30,
    retention_1m_days  INTEGER DEFAULT 90,
    retention_1h_days  INTEGER DEFAULT 396,
    retention_1d_days  INTEGER,
    created_ms         INTEGER NOT NULL,
    deleted_ms         INTEGER
);

CREATE TABLE services (
    id          INTEGER PRIMARY KEY,
    project_id  INTEGER NOT NULL REFERENCES projects(id),
    name        TEXT NOT NULL,
    type        TEXT NOT NULL,
    created_ms  INTEGER NOT NULL,
    deleted_ms  INTEGER,
    UNIQUE (project_id, name)
);

CREATE TABLE metrics (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    unit        TEXT NOT NULL DEFAULT '',
    kind        INTEGER NOT NULL DEFAULT 0,
    description TEXT NOT NULL DEFAULT ''
);

CREATE TABLE series (
    id          INTEGER PRIMARY KEY,
    metric_id   INTEGER NOT NULL REFERENCES metrics(id),
    project_id  INTEGER REFERENCES projects(id),
    service_id  INTEGER REFERENCES services(id),
    labels      TEXT NOT NULL,
    UNIQUE (metric_id, labels)
);
CREATE INDEX series_project ON series(project_id);

CREATE TABLE samples_raw (
    series_id INTEGER NOT NULL,
    ts        INTEGER NOT NULL,
    value     REAL NOT NULL,
    PRIMARY KEY (series_id, ts)
) WITHOUT ROWID;

CREATE TABLE raw_chunks (
    series_id   INTEGER NOT NULL,
    block_start INTEGER NOT NULL,
    first_ts    INTEGER NOT NULL,
    last_ts     INTEGER NOT NULL,
    count       INTEGER NOT NULL,
    data        BLOB NOT NULL,
    PRIMARY KEY (series_id, block_start)
) WITHOUT ROWID;

CREATE TABLE rollup_1m (
    series_id INTEGER NOT NULL, bucket INTEGER NOT NULL,
    min REAL NOT NULL, max REAL NOT NULL, sum REAL NOT NULL, count INTEGER NOT NULL,
    last REAL NOT NULL, last_ts INTEGER NOT NULL,
    PRIMARY KEY (series_id, bucket)
) WITHOUT ROWID;
CREATE TABLE rollup_1h (
    series_id INTEGER NOT NULL, bucket INTEGER NOT NULL,
    min REAL NOT NULL, max REAL NOT NULL, sum REAL NOT NULL, count INTEGER NOT NULL,
    last REAL NOT NULL, last_ts INTEGER NOT NULL,
    PRIMARY KEY (series_id, bucket)
) WITHOUT ROWID;
CREATE TABLE rollup_1d (
    series_id INTEGER NOT NULL, bucket INTEGER NOT NULL,
    min REAL NOT NULL, max REAL NOT NULL, sum REAL NOT NULL, count INTEGER NOT NULL,
    last REAL NOT NULL, last_ts INTEGER NOT NULL,
    PRIMARY KEY (series_id, bucket)
) WITHOUT ROWID;
)SQL"},
    Step{2, "workspace-wide default retention", R"SQL(
INSERT OR IGNORE INTO meta(key, value) VALUES ('retention.raw_days', '30');
INSERT OR IGNORE INTO meta(key, value) VALUES ('retention.1m_days', '90');
INSERT OR IGNORE INTO meta(key, value) VALUES ('retention.1h_days', '396');
INSERT OR IGNORE INTO meta(key, value) VALUES ('retention.1d_days', 'forever');
)SQL"},
    Step{3, "configured services with health and fetch cursor; sealed credentials; raw segments", R"SQL(
ALTER TABLE services ADD COLUMN uuid TEXT;
ALTER TABLE services ADD COLUMN settings TEXT NOT NULL DEFAULT '{}';
ALTER TABLE services ADD COLUMN base_url TEXT NOT NULL DEFAULT '';
ALTER TABLE services ADD COLUMN interval_s INTEGER NOT NULL DEFAULT 300;
ALTER TABLE services ADD COLUMN enabled INTEGER NOT NULL DEFAULT 1;
ALTER TABLE services ADD COLUMN health_state INTEGER NOT NULL DEFAULT 0;
ALTER TABLE services ADD COLUMN last_success_ms INTEGER NOT NULL DEFAULT 0;
ALTER TABLE services ADD COLUMN last_attempt_ms INTEGER NOT NULL DEFAULT 0;
ALTER TABLE services ADD COLUMN last_error TEXT NOT NULL DEFAULT '';
ALTER TABLE services ADD COLUMN next_run_ms INTEGER NOT NULL DEFAULT 0;
ALTER TABLE services ADD COLUMN consecutive_failures INTEGER NOT NULL DEFAULT 0;
ALTER TABLE services ADD COLUMN cursor TEXT NOT NULL DEFAULT '{}';
CREATE UNIQUE INDEX services_uuid ON services(uuid);

-- Appended raw samples, one small encoded segment per series and ingest batch (never spanning a block), so a
-- batch costs one b-tree insert per series instead of one per sample. Compaction folds a closed block's
-- segments and rows into its chunk.
CREATE TABLE raw_segments (
    series_id   INTEGER NOT NULL,
    first_ts    INTEGER NOT NULL,
    last_ts     INTEGER NOT NULL,
    block_start INTEGER NOT NULL,
    count       INTEGER NOT NULL,
    data        BLOB NOT NULL,
    PRIMARY KEY (series_id, first_ts)
) WITHOUT ROWID;
CREATE INDEX raw_segments_block ON raw_segments(block_start);

-- Minute rows now exist only for compacted blocks (MinuteTier); an open block's minutes come from its raw rows.
DELETE FROM rollup_1m WHERE EXISTS (
    SELECT 1 FROM samples_raw r
    WHERE r.series_id = rollup_1m.series_id
      AND r.ts >= rollup_1m.bucket - rollup_1m.bucket % 86400000
      AND r.ts < rollup_1m.bucket - rollup_1m.bucket % 86400000 + 86400000);

-- Connector credentials of headless workspaces, sealed (XChaCha20-Poly1305) under a key derived from the
-- workspace key. Desktop workspaces keep them in the OS keychain instead.
CREATE TABLE sealed_secrets (
    name       TEXT PRIMARY KEY NOT NULL,
    nonce      BLOB NOT NULL,
    ciphertext BLOB NOT NULL
) WITHOUT ROWID;
)SQL"},
    Step{4, "project icons and dashboards", schema::kStep4Dashboards},
    Step{5, "alert rules, alerts, history and mute windows", schema::kStep5Alerts},
    Step{6, "notification channels and the outbox", schema::kStep6Channels},
};

} // namespace

int Migrations::latestVersion()
{
    return kSteps.back().version;
}

Result<int> Migrations::currentVersion(Database &db)
{
    auto version = db.queryInt("PRAGMA user_version;");
    if (!version)
        return version.error();
    return int(version.value());
}

Status Migrations::migrate(Database &db, int target)
{
    if (target < 0)
        target = latestVersion();
    auto current = currentVersion(db);
    if (!current)
        return current.error();
    if (current.value() > latestVersion())
        return Error::make(Error::Code::Storage,
                           QStringLiteral("This database was written by a newer Stackscope (schema %1; this build knows %2). "
                                          "Please update Stackscope.").arg(current.value()).arg(latestVersion()));
    for (const Step &step : kSteps) {
        if (step.version <= current.value() || step.version > target)
            continue;
        if (Status st = db.begin(); !st)
            return st;
        Status applied = db.exec(step.sql);
        if (applied) {
            const QByteArray bump = "PRAGMA user_version = " + QByteArray::number(step.version) + ';';
            applied = db.exec(bump.constData());
        }
        if (applied)
            applied = db.commit();
        if (!applied) {
            db.rollback();
            Error error = applied.error();
            error.userMessage = QStringLiteral("Upgrading the database to schema %1 failed; it is unchanged at %2.")
                                    .arg(step.version).arg(current.value());
            return error;
        }
        qCInfo(lcStore) << "migrated schema to version" << step.version << "-" << step.description;
    }
    return {};
}

} // namespace stackscope::storage
