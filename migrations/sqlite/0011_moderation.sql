-- Moderation of the participatory space (issue 16 §3). Instants are Unix milliseconds.

-- A signed-in person's flag on an item or a comment, with a reason code
-- (atlas_core::moderation::FlagReason). Flags from 3 distinct accounts hide the content until a
-- moderator reviews it; the flags a review dealt with no longer count.
CREATE TABLE moderation_flags (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    -- 'element' | 'commentaire'
    target TEXT NOT NULL,
    target_id BIGINT NOT NULL,
    account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    reason TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    reviewed_at BIGINT,
    UNIQUE (target, target_id, account_id)
);
CREATE INDEX moderation_flags_account ON moderation_flags (account_id);

-- Every moderation act, public per QPV: the role that acted (never a person's name), what, why.
-- `account_id` is kept for the network's own review and the author's data export, never shown.
CREATE TABLE moderation_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    qpv_code TEXT NOT NULL,
    item_id BIGINT REFERENCES participation_items (id) ON DELETE CASCADE,
    -- 'element' | 'commentaire' | 'photo' | 'auteur', and the id of that row (the account for 'auteur').
    target TEXT NOT NULL,
    target_id BIGINT NOT NULL,
    -- atlas_core::moderation::Act codes.
    act TEXT NOT NULL,
    -- 'regie' (with regie_id) | 'reseau' | 'signalements' | 'mots'
    by_role TEXT NOT NULL,
    regie_id BIGINT REFERENCES regies (id) ON DELETE SET NULL,
    account_id BIGINT REFERENCES accounts (id) ON DELETE SET NULL,
    reason TEXT NOT NULL,
    -- For a merge: the item the duplicate was merged into.
    other_item BIGINT,
    -- This act undoes that one; that one is then marked undone.
    undoes BIGINT,
    undone_at BIGINT,
    at BIGINT NOT NULL
);
CREATE INDEX moderation_log_qpv ON moderation_log (qpv_code, at);
CREATE INDEX moderation_log_item ON moderation_log (item_id);
CREATE INDEX moderation_log_regie ON moderation_log (regie_id);
CREATE INDEX moderation_log_account ON moderation_log (account_id);

-- Words that hold a post for review: the network's (regie_id NULL) and each Régie's, folded.
CREATE TABLE moderation_words (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    regie_id BIGINT REFERENCES regies (id) ON DELETE CASCADE,
    word TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX moderation_words_regie ON moderation_words (regie_id);

-- A person suspended from a Régie's space (the QPVs it covers) or, regie_id NULL, from every
-- space by the network; lifted_at once let back.
CREATE TABLE participation_suspensions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    regie_id BIGINT REFERENCES regies (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    lifted_at BIGINT
);
CREATE INDEX participation_suspensions_account ON participation_suspensions (account_id);
CREATE INDEX participation_suspensions_regie ON participation_suspensions (regie_id);

-- Hidden content awaiting review: 'signalements' (3 flags) or 'mots' (held by a word list).
ALTER TABLE participation_items ADD COLUMN review TEXT;
ALTER TABLE participation_comments ADD COLUMN review TEXT;
-- A duplicate merged into that item (it stays, hidden, pointing there).
ALTER TABLE participation_items ADD COLUMN merged_into BIGINT REFERENCES participation_items (id) ON DELETE SET NULL;
-- A single photo hidden (a face, a number plate), its item still shown.
ALTER TABLE participation_photos ADD COLUMN hidden_at BIGINT;
ALTER TABLE participation_photos ADD COLUMN hidden_reason TEXT;
