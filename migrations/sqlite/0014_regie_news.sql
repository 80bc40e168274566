-- A Régie's short news posts (issue 17 §1), published by its team on its public page. Instants
-- are Unix milliseconds. The author is kept for the network (a deleted account leaves the post
-- unsigned); the page shows the Régie as its author.
CREATE TABLE regie_news (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    regie_id BIGINT NOT NULL REFERENCES regies (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    author_id BIGINT REFERENCES accounts (id) ON DELETE SET NULL,
    published_at BIGINT NOT NULL
);
CREATE INDEX regie_news_regie ON regie_news (regie_id, published_at);
CREATE INDEX regie_news_author ON regie_news (author_id);
