-- Imports from the network's pages (issue 17 §3). Instants are Unix milliseconds.

-- A file uploaded on /reseau/imports: checked at once (a dry run: the whole import in a
-- transaction rolled back, its report kept), then imported when the network confirms. The file
-- stays in the database between the two steps, so any instance can confirm it, and until it is
-- imported (an interrupted import can be run again).
CREATE TABLE import_jobs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    -- 'regies' | 'partenariats'
    kind TEXT NOT NULL CHECK (kind IN ('regies', 'partenariats')),
    file_name TEXT NOT NULL,
    -- NULL once imported or abandoned.
    content BLOB,
    author_id BIGINT REFERENCES accounts (id) ON DELETE SET NULL,
    -- 'analyse' (dry run done) | 'en_cours' | 'importe' | 'refuse' (rows rejected: nothing
    -- written) | 'interrompu' (its instance stopped: nothing written) | 'echec' | 'abandonne'
    status TEXT NOT NULL,
    -- atlas_core::report::ImportReport as JSON: the dry run's, then the import's.
    report TEXT NOT NULL,
    -- Rows written so far while 'en_cours' (the progress bar on the other instances).
    done BIGINT NOT NULL DEFAULT 0,
    total BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX import_jobs_author ON import_jobs (author_id);

-- An import changes Régies' public data: each Régie it changes gets a version of kind 'import'.
-- SQLite cannot alter a CHECK constraint: the table is rebuilt with the wider one.
CREATE TABLE regie_versions_new (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    regie_id BIGINT NOT NULL REFERENCES regies (id) ON DELETE CASCADE,
    version BIGINT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('origine', 'profil', 'restauration', 'verification', 'import')),
    restored_from BIGINT,
    author_id BIGINT REFERENCES accounts (id) ON DELETE SET NULL,
    at BIGINT NOT NULL,
    profile TEXT NOT NULL,
    UNIQUE (regie_id, version)
);
INSERT INTO regie_versions_new (id, regie_id, version, kind, restored_from, author_id, at, profile)
    SELECT id, regie_id, version, kind, restored_from, author_id, at, profile FROM regie_versions;
DROP TABLE regie_versions;
ALTER TABLE regie_versions_new RENAME TO regie_versions;
CREATE INDEX regie_versions_author ON regie_versions (author_id);
