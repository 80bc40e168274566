-- Hearing of what moves: follows of a QPV's space or of a Régie's QPVs (items are followed by
-- « Moi aussi », participation_follows), in-app notifications, each person's mail choice per
-- kind of news, and the one-click unsubscribe links of the mails. Instants are Unix ms.
CREATE TABLE follows (
    account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    -- 'qpv' (target: its code) or 'regie' (target: its slug).
    target_kind TEXT NOT NULL,
    target TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (account_id, target_kind, target)
);
CREATE INDEX follows_target ON follows (target_kind, target);

-- One row per person and event; the text is written in the reader's language when shown.
CREATE TABLE notifications (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    -- 'statut' | 'commentaire' | 'nouvel-element' (atlas_core::notification::NewsKind).
    kind TEXT NOT NULL,
    item_id BIGINT NOT NULL REFERENCES participation_items (id) ON DELETE CASCADE,
    -- What happened: the status code, or the commenter's pseudonym.
    detail TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    read_at BIGINT,
    -- 1 while waiting for the daily digest (0: not for the digest, or mailed already).
    digest_due INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX notifications_account ON notifications (account_id, read_at);
CREATE INDEX notifications_digest ON notifications (digest_due, account_id);
CREATE INDEX notifications_item ON notifications (item_id);

-- Mail per kind of news: 'immediat' | 'quotidien' | 'jamais'. No row: the kind's default.
CREATE TABLE notification_settings (
    account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    mail TEXT NOT NULL,
    PRIMARY KEY (account_id, kind)
);

-- The unsubscribe link of one mail (RFC 8058): only the SHA-256 of its token is kept.
CREATE TABLE unsubscribe_tokens (
    token_hash TEXT PRIMARY KEY,
    account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    used_at BIGINT
);
CREATE INDEX unsubscribe_tokens_account ON unsubscribe_tokens (account_id);

-- A mail's List-Unsubscribe address (RFC 2369 and 8058), when it has one.
ALTER TABLE outbox ADD COLUMN list_unsubscribe TEXT;
