-- Accounts, their roles and sessions, one-time tokens sent by e-mail, the mail outbox and the
-- throttles. Every instant is Unix milliseconds (BIGINT): expiry is compared the same way on
-- both backends. Little personal data: an e-mail address, a public pseudonym, a password hash.
CREATE TABLE accounts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    email TEXT NOT NULL UNIQUE,
    pseudonym TEXT NOT NULL,
    -- Folded pseudonym (case, accents, punctuation ignored): unique.
    pseudonym_key TEXT NOT NULL UNIQUE,
    -- argon2id PHC string; NULL for an account that signs in by e-mailed links only.
    password_hash TEXT,
    -- Language of its e-mails ('fr' or 'en').
    locale TEXT NOT NULL DEFAULT 'fr',
    created_at BIGINT NOT NULL,
    -- NULL until the address is confirmed; unconfirmed accounts are deleted after 7 days.
    confirmed_at BIGINT,
    -- A suspended account can sign in to nothing and write nothing.
    suspended_at BIGINT,
    -- TOTP second factor (network administrators): secret and the last time step used.
    totp_secret TEXT,
    totp_last_step BIGINT
);

-- role: 'regie-editor' | 'regie-admin' (scope: the Régie's id), 'network-admin' (scope ''),
-- 'observer' (scope: 'departement:93', 'region:11', …).
CREATE TABLE account_roles (
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    scope TEXT NOT NULL DEFAULT '',
    granted_at BIGINT NOT NULL,
    PRIMARY KEY (account_id, role, scope)
);

-- Only the SHA-256 of the cookie's random token is stored: a copy of the table opens nothing.
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    -- Absolute end; the idle end is last_seen_at + the idle period.
    expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_account ON sessions (account_id);

-- One-time links: confirm an address, reset a password, sign in, accept an invitation.
CREATE TABLE account_tokens (
    token_hash TEXT PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    purpose TEXT NOT NULL,
    -- The new address, for a change of e-mail; the role and scope, for an invitation.
    payload TEXT,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT
);
CREATE INDEX account_tokens_account ON account_tokens (account_id);

-- Mails to send, written in the transaction of the action that causes them; a sender task
-- delivers them (at least once, same Message-ID on every attempt).
CREATE TABLE outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    body_text TEXT NOT NULL,
    body_html TEXT NOT NULL,
    message_id TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    -- An instance claims a row until this instant: never two senders on one row.
    claimed_until BIGINT,
    sent_at BIGINT,
    last_error TEXT
);
CREATE INDEX outbox_pending ON outbox (sent_at, next_attempt_at);

-- Throttles shared by every instance: failures per account and per client address.
CREATE TABLE throttles (
    throttle_key TEXT PRIMARY KEY,
    window_start BIGINT NOT NULL,
    failures INTEGER NOT NULL,
    blocked_until BIGINT
);
