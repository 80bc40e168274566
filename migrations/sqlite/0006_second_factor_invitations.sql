-- A session opened for an account with a second factor waits for its code: it signs in to
-- nothing until then (1), and lives 10 minutes. Every other session is 0.
ALTER TABLE sessions ADD COLUMN awaiting_code INTEGER NOT NULL DEFAULT 0;

-- Invitations to a Régie's team, sent by its administrator (or the network) to an address.
-- The mailed link gives the role to the account of that address, made on the spot if there is
-- none (following the link proves the address). Only the SHA-256 of the link's token is kept.
CREATE TABLE invitations (
    token_hash TEXT PRIMARY KEY,
    email TEXT NOT NULL,
    regie_id INTEGER NOT NULL REFERENCES regies (id) ON DELETE CASCADE,
    -- 'regie-editor' or 'regie-admin'.
    role TEXT NOT NULL,
    -- Who sent it; NULL once that account is deleted (or when the operator sent it).
    invited_by INTEGER REFERENCES accounts (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    accepted_at BIGINT
);
CREATE INDEX invitations_regie ON invitations (regie_id);
CREATE INDEX invitations_invited_by ON invitations (invited_by);
