-- rasd store schema, version 1. Portable SQL (SQLite and PostgreSQL): numbered parameters,
-- no engine-specific types beyond TEXT / INTEGER / REAL / BIGINT.
CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
-- One row per distinct text (id = content hash). `cluster` is the id of the canonical document
-- of its near-duplicate cluster (itself when it is canonical).
CREATE TABLE IF NOT EXISTS documents (
    id          TEXT PRIMARY KEY,
    source_id   TEXT NOT NULL,
    title       TEXT,
    published   TEXT,
    day         INTEGER,
    url         TEXT,
    source      TEXT NOT NULL,
    simhash     BIGINT NOT NULL,
    cluster     TEXT NOT NULL,
    indexed     INTEGER NOT NULL DEFAULT 0,
    n_events    INTEGER NOT NULL,
    text        TEXT NOT NULL,
    record      TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS documents_cluster ON documents (cluster);
CREATE INDEX IF NOT EXISTS documents_indexed ON documents (indexed);
-- Entities of a document. `key` is the KB id, or `x:` + the folded Arabic name.
CREATE TABLE IF NOT EXISTS entities (
    doc       TEXT NOT NULL,
    eid       TEXT NOT NULL,
    key       TEXT NOT NULL,
    name      TEXT NOT NULL,
    name_ar   TEXT NOT NULL,
    name_fold TEXT NOT NULL,
    type      TEXT NOT NULL,
    kind      TEXT NOT NULL,
    country   TEXT,
    lat       REAL,
    lon       REAL,
    mentions  INTEGER NOT NULL,
    PRIMARY KEY (doc, eid)
);
CREATE INDEX IF NOT EXISTS entities_key ON entities (key);
CREATE INDEX IF NOT EXISTS entities_fold ON entities (name_fold);
CREATE INDEX IF NOT EXISTS entities_name ON entities (name COLLATE NOCASE);
-- The same happening reported by many documents: same type, participants, place, date ± 1 day.
CREATE TABLE IF NOT EXISTS event_groups (
    id       INTEGER PRIMARY KEY,
    key      TEXT NOT NULL,
    day      INTEGER NOT NULL,
    mentions INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS event_groups_key ON event_groups (key, day);
CREATE TABLE IF NOT EXISTS events (
    doc        TEXT NOT NULL,
    vid        TEXT NOT NULL,
    group_id   INTEGER NOT NULL,
    event_type TEXT NOT NULL,
    mode       TEXT NOT NULL,
    aux        TEXT NOT NULL,
    date       TEXT,
    day        INTEGER,
    score      REAL NOT NULL,
    polarity   TEXT NOT NULL,
    location   TEXT,
    context    TEXT NOT NULL,
    evidence   TEXT NOT NULL,
    ev_start   INTEGER NOT NULL,
    ev_end     INTEGER NOT NULL,
    PRIMARY KEY (doc, vid)
);
CREATE INDEX IF NOT EXISTS events_type ON events (event_type);
CREATE INDEX IF NOT EXISTS events_day ON events (day);
-- Participants: role is actor, recipient or source (reported_by, in chain order `pos`).
CREATE TABLE IF NOT EXISTS event_parts (
    doc  TEXT NOT NULL,
    vid  TEXT NOT NULL,
    role TEXT NOT NULL,
    pos  INTEGER NOT NULL,
    key  TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS event_parts_key ON event_parts (key, role);
CREATE INDEX IF NOT EXISTS event_parts_event ON event_parts (doc, vid);
