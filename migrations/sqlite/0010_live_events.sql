-- What just changed on an item, for the browsers following it live (server-sent events): a
-- comment, a support, a status. Written in the transaction of the change; the id is the event's
-- id, which a browser that reconnects sends back (Last-Event-ID) to get what it missed. Rows
-- older than a day are deleted (a browser away longer reloads the page).
CREATE TABLE live_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    item_id BIGINT NOT NULL,
    -- 'commentaire' | 'soutien' | 'statut'
    kind TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX live_events_created ON live_events (created_at);
