-- Versions of a Régie's public profile (issue 17 §4). Instants are Unix milliseconds.

-- The profile's current version: an edit names the version it started from, and is refused
-- (409) when another was saved in between, never overwriting it silently.
ALTER TABLE regies ADD COLUMN version BIGINT NOT NULL DEFAULT 0;

-- A team's note on a QPV it covers (« nous intervenons sur les résidences … »).
ALTER TABLE couvertures ADD COLUMN note TEXT;

-- Every saved state of a profile, whole (atlas_core::regie::profile::Profile as JSON): a diff is
-- two neighbours compared, a restore is a new version with an old one's profile. Version 0 is
-- the imported state, kept when the first edit is saved. The author is kept for the Régie's
-- administrators and the network (NULL: the command line, or an account deleted since).
CREATE TABLE regie_versions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    regie_id BIGINT NOT NULL REFERENCES regies (id) ON DELETE CASCADE,
    version BIGINT NOT NULL,
    -- 'origine' | 'profil' | 'restauration' | 'verification' (the network checked it: the
    -- profile is unchanged, the Régie becomes « vérifiée »).
    kind TEXT NOT NULL CHECK (kind IN ('origine', 'profil', 'restauration', 'verification')),
    restored_from BIGINT,
    author_id BIGINT REFERENCES accounts (id) ON DELETE SET NULL,
    at BIGINT NOT NULL,
    profile TEXT NOT NULL,
    UNIQUE (regie_id, version)
);
CREATE INDEX regie_versions_author ON regie_versions (author_id);

-- « Vous travaillez dans cette Régie ? »: a signed-in person asks to keep a Régie's page, with
-- the role wished and a message; the network accepts (the role is given; the first person
-- accepted becomes its administrator) or refuses, and the person gets a mail either way.
CREATE TABLE regie_claims (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    regie_id BIGINT NOT NULL REFERENCES regies (id) ON DELETE CASCADE,
    account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    -- 'regie-editor' | 'regie-admin'
    role TEXT NOT NULL CHECK (role IN ('regie-editor', 'regie-admin')),
    message TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    -- NULL while waiting; then 'acceptee' | 'refusee', by whom (NULL: the command line, or an
    -- account deleted since) and when.
    decision TEXT CHECK (decision IN ('acceptee', 'refusee')),
    decided_by BIGINT REFERENCES accounts (id) ON DELETE SET NULL,
    decided_at BIGINT
);
CREATE INDEX regie_claims_regie ON regie_claims (regie_id);
CREATE INDEX regie_claims_account ON regie_claims (account_id);
CREATE INDEX regie_claims_decided_by ON regie_claims (decided_by);
