-- Data revisions: every committed change bumps the revision of the concept it touches, in the
-- same transaction, so that every running server sees it (PostgreSQL NOTIFY, and a periodic
-- check of this table) and rebuilds only what the concept feeds.
CREATE TABLE revisions (
    concept TEXT PRIMARY KEY,
    revision BIGINT NOT NULL DEFAULT 0,
    changed_at TEXT
);
INSERT INTO revisions (concept, revision) VALUES ('territoires', 0), ('regies', 0), ('partenaires', 0), ('corrections', 0);

-- Leases: one holder at a time across instances (loading the reference data into an empty
-- database, later the daily digest). A lease ends when released or at expires_at (Unix ms).
CREATE TABLE leases (
    name TEXT PRIMARY KEY,
    holder TEXT NOT NULL,
    expires_at BIGINT NOT NULL
);
