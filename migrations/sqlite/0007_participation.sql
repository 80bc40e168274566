-- Participation: signalements and propositions posted in a QPV's space, supports (« Moi
-- aussi »), follows, comments with one level of replies, the public history of statuses set by
-- the Régies, and each Régie's answer templates. Instants are Unix milliseconds. The QPV is
-- kept by its code without a foreign key: an item outlives a re-import of the official list.
CREATE TABLE participation_items (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    qpv_code TEXT NOT NULL,
    -- 'signalement' | 'proposition'; category and status codes of atlas_core::participation.
    kind TEXT NOT NULL,
    category TEXT NOT NULL,
    title TEXT NOT NULL,
    -- Folded title (case, accents, punctuation ignored), for « C'est le même ? ».
    title_key TEXT NOT NULL,
    body TEXT NOT NULL,
    lat REAL,
    lon REAL,
    -- NULL once the author's account is deleted (the item stays, signed « compte supprimé »).
    author_id BIGINT REFERENCES accounts (id) ON DELETE SET NULL,
    status TEXT NOT NULL DEFAULT 'nouveau',
    status_at BIGINT NOT NULL,
    -- The first status that answers (not « reçu »): the answer clock reads it.
    first_answer_at BIGINT,
    supporters BIGINT NOT NULL DEFAULT 0,
    comments BIGINT NOT NULL DEFAULT 0,
    -- Hidden by a Régie's staff or the network, with the reason shown in its place.
    hidden_at BIGINT,
    hidden_reason TEXT,
    hidden_by BIGINT REFERENCES accounts (id) ON DELETE SET NULL,
    -- Filed by a Régie's staff for an inhabitant met at a permanence, who agreed (consent_at);
    -- the person claims it later with a code given there (only its SHA-256 is kept).
    filed_by_regie BIGINT REFERENCES regies (id) ON DELETE SET NULL,
    filed_by_account BIGINT REFERENCES accounts (id) ON DELETE SET NULL,
    consent_at BIGINT,
    claim_hash TEXT,
    -- Demonstration content (`server demo load`), labelled as such on every page.
    demo INTEGER NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL
);
CREATE INDEX participation_items_qpv ON participation_items (qpv_code, created_at);
CREATE INDEX participation_items_created ON participation_items (created_at);
CREATE INDEX participation_items_author ON participation_items (author_id);
CREATE INDEX participation_items_hidden_by ON participation_items (hidden_by);
CREATE INDEX participation_items_filed_by ON participation_items (filed_by_regie);
CREATE INDEX participation_items_filed_by_account ON participation_items (filed_by_account);
CREATE INDEX participation_items_claim ON participation_items (claim_hash);

-- « Moi aussi »: one support per person and item.
CREATE TABLE participation_supports (
    item_id BIGINT NOT NULL REFERENCES participation_items (id) ON DELETE CASCADE,
    account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (item_id, account_id)
);
CREATE INDEX participation_supports_account ON participation_supports (account_id);

-- Who hears of an item's changes: its author and its supporters (news are sent by the next step).
CREATE TABLE participation_follows (
    item_id BIGINT NOT NULL REFERENCES participation_items (id) ON DELETE CASCADE,
    account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (item_id, account_id)
);
CREATE INDEX participation_follows_account ON participation_follows (account_id);

CREATE TABLE participation_comments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    item_id BIGINT NOT NULL REFERENCES participation_items (id) ON DELETE CASCADE,
    -- A reply names the comment it answers (one level only).
    parent_id BIGINT REFERENCES participation_comments (id) ON DELETE CASCADE,
    author_id BIGINT REFERENCES accounts (id) ON DELETE SET NULL,
    -- Written as the staff of this Régie (shown so).
    regie_id BIGINT REFERENCES regies (id) ON DELETE SET NULL,
    body TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    edited_at BIGINT,
    -- Deleted by its author: the text is gone, the place kept for the replies.
    deleted_at BIGINT,
    hidden_at BIGINT,
    hidden_reason TEXT,
    hidden_by BIGINT REFERENCES accounts (id) ON DELETE SET NULL
);
CREATE INDEX participation_comments_item ON participation_comments (item_id, created_at);
CREATE INDEX participation_comments_parent ON participation_comments (parent_id);
CREATE INDEX participation_comments_author ON participation_comments (author_id);
CREATE INDEX participation_comments_hidden_by ON participation_comments (hidden_by);

-- Every status an item went through, public and dated.
CREATE TABLE participation_history (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    item_id BIGINT NOT NULL REFERENCES participation_items (id) ON DELETE CASCADE,
    status TEXT NOT NULL,
    -- The Régie that set it (NULL: the item's supporters reopened it).
    regie_id BIGINT REFERENCES regies (id) ON DELETE SET NULL,
    account_id BIGINT REFERENCES accounts (id) ON DELETE SET NULL,
    message TEXT NOT NULL DEFAULT '',
    -- « Transmis »: to whom.
    partner TEXT,
    at BIGINT NOT NULL
);
CREATE INDEX participation_history_item ON participation_history (item_id, at);
CREATE INDEX participation_history_regie ON participation_history (regie_id);
CREATE INDEX participation_history_account ON participation_history (account_id);

-- Photos, re-encoded (never the uploaded bytes, no metadata), kept in the database so that
-- every instance serves them and a backup holds them.
CREATE TABLE participation_photos (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    item_id BIGINT NOT NULL REFERENCES participation_items (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    width INTEGER NOT NULL,
    height INTEGER NOT NULL,
    image BLOB NOT NULL,
    thumb BLOB NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX participation_photos_item ON participation_photos (item_id, position);

-- A Régie's answer templates, written by its staff.
CREATE TABLE participation_templates (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    regie_id BIGINT NOT NULL REFERENCES regies (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX participation_templates_regie ON participation_templates (regie_id);

INSERT INTO revisions (concept, revision) VALUES ('participation', 0);
