-- A Régie's logo or photo (issue 17 §1), sent by its team: the same rules as the participation's
-- photos (type from the content, size and pixel limits, re-encoded as JPEG without metadata), one
-- per Régie. `updated_at` (Unix ms) names the file's version in its address.
CREATE TABLE regie_logos (
    regie_id BIGINT PRIMARY KEY REFERENCES regies (id) ON DELETE CASCADE,
    width BIGINT NOT NULL,
    height BIGINT NOT NULL,
    image BYTEA NOT NULL,
    thumb BYTEA NOT NULL,
    author_id BIGINT REFERENCES accounts (id) ON DELETE SET NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX regie_logos_author ON regie_logos (author_id);
