#pragma once

// Schema step 6: notification channels and the persistent outbox (A3, A6). Included by migrations.cpp only.
// Once released, never edit this text: add a new step. SQL must run on SQLite 3.15 (SQLCipher 3.4.1).
namespace stackscope::storage::schema {

inline constexpr char kStep6Channels[] = R"SQL(
CREATE TABLE channels (
    id          INTEGER PRIMARY KEY,
    uuid        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    type        TEXT NOT NULL,                      -- desktop, email, slack, webhook
    settings    TEXT NOT NULL DEFAULT '{}',         -- non-secret JSON; secrets in the keychain / sealed store
    enabled     INTEGER NOT NULL DEFAULT 1,
    created_ms  INTEGER NOT NULL,
    deleted_ms  INTEGER
);

-- Written in the same transaction as the alert change that caused it; delivered at least once.
CREATE TABLE outbox (
    id               INTEGER PRIMARY KEY,
    channel_id       INTEGER NOT NULL REFERENCES channels(id),
    dedup_key        TEXT NOT NULL,                 -- one delivery per channel and key
    payload          TEXT NOT NULL,                 -- JSON of the notification
    status           INTEGER NOT NULL DEFAULT 0,    -- 0 pending, 1 sent, 2 failed for good
    attempts         INTEGER NOT NULL DEFAULT 0,
    created_ms       INTEGER NOT NULL,
    next_attempt_ms  INTEGER NOT NULL,
    sent_ms          INTEGER,
    last_error       TEXT NOT NULL DEFAULT '',
    UNIQUE (channel_id, dedup_key)
);
CREATE INDEX outbox_due ON outbox(status, next_attempt_ms);
)SQL";

} // namespace stackscope::storage::schema
