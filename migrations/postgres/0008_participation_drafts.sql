-- A signed-in person's draft of a signalement or proposition, one per account, kept until it
-- is posted or the account is deleted: what was typed survives a lost connection or a change of
-- device. Codes may be empty (an incomplete form); instants are Unix milliseconds.
CREATE TABLE participation_drafts (
    account_id BIGINT PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    kind TEXT NOT NULL DEFAULT '',
    category TEXT NOT NULL DEFAULT '',
    qpv_code TEXT NOT NULL DEFAULT '',
    lat DOUBLE PRECISION,
    lon DOUBLE PRECISION,
    title TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL DEFAULT '',
    saved_at BIGINT NOT NULL
);
