#pragma once

// Schema step 5: alert rules, alerts and their history, mute windows (A1, A2, A4). Included by migrations.cpp
// only. Once released, never edit this text: add a new step. SQL must run on SQLite 3.15 (SQLCipher 3.4.1).
namespace stackscope::storage::schema {

inline constexpr char kStep5Alerts[] = R"SQL(
CREATE TABLE alert_rules (
    id          INTEGER PRIMARY KEY,
    uuid        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    spec        TEXT NOT NULL,                      -- JSON, the same format as `stackscoped rules` files
    enabled     INTEGER NOT NULL DEFAULT 1,
    created_ms  INTEGER NOT NULL,
    updated_ms  INTEGER NOT NULL,
    deleted_ms  INTEGER
);

-- What the evaluator must remember between cycles and across restarts, per rule and instance (series).
CREATE TABLE alert_eval_state (
    rule_key          TEXT NOT NULL,                -- rule uuid, or "builtin:<kind>:<service uuid>"
    instance          TEXT NOT NULL,                -- canonical labels of the series ('' for the whole rule)
    pending_since_ms  INTEGER,                      -- condition true since (the "for" duration)
    state             TEXT NOT NULL DEFAULT '{}',   -- evaluator-specific JSON
    PRIMARY KEY (rule_key, instance)
) WITHOUT ROWID;

CREATE TABLE alerts (
    id                INTEGER PRIMARY KEY,
    rule_key          TEXT NOT NULL,
    instance          TEXT NOT NULL,
    rule_name         TEXT NOT NULL,
    severity          INTEGER NOT NULL,             -- 0 info, 1 warning, 2 critical
    status            INTEGER NOT NULL,             -- 0 open, 1 acknowledged, 2 resolved, 3 reopened
    project           TEXT NOT NULL DEFAULT '',
    service           TEXT NOT NULL DEFAULT '',
    metric            TEXT NOT NULL DEFAULT '',
    labels            TEXT NOT NULL DEFAULT '{}',
    summary           TEXT NOT NULL DEFAULT '',
    value             REAL,
    threshold         REAL,
    opened_ms         INTEGER NOT NULL,
    updated_ms        INTEGER NOT NULL,
    resolved_ms       INTEGER,
    last_fired_ms     INTEGER NOT NULL,
    last_notified_ms  INTEGER,
    notified_status   INTEGER                       -- the status last announced (NULL: never notified)
);
CREATE INDEX alerts_instance ON alerts(rule_key, instance);
CREATE INDEX alerts_status ON alerts(status, opened_ms);

CREATE TABLE alert_events (
    id           INTEGER PRIMARY KEY,
    alert_id     INTEGER NOT NULL REFERENCES alerts(id),
    at_ms        INTEGER NOT NULL,
    from_status  INTEGER,                           -- NULL when the alert was opened
    to_status    INTEGER NOT NULL,
    actor        TEXT NOT NULL,                     -- "engine", or the user who acted
    comment      TEXT NOT NULL DEFAULT '',
    value        REAL
);
CREATE INDEX alert_events_alert ON alert_events(alert_id, at_ms);

CREATE TABLE mute_windows (
    id          INTEGER PRIMARY KEY,
    project     TEXT NOT NULL DEFAULT '',           -- '' matches every project
    service     TEXT NOT NULL DEFAULT '',           -- '' matches every service of the project
    rule_key    TEXT NOT NULL DEFAULT '',           -- '' matches every rule
    starts_ms   INTEGER NOT NULL,
    ends_ms     INTEGER NOT NULL,
    recurrence  TEXT NOT NULL DEFAULT '',           -- '' once, 'daily' or 'weekly'
    reason      TEXT NOT NULL DEFAULT '',
    created_ms  INTEGER NOT NULL,
    deleted_ms  INTEGER
);
)SQL";

} // namespace stackscope::storage::schema
