-- Corrections reported by readers on a Régie's record, kept for the network to check.
-- No IP address or other tracking is stored; the contact e-mail is optional.
CREATE TABLE corrections (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    regie_id INTEGER NOT NULL REFERENCES regies (id) ON DELETE CASCADE,
    sujet TEXT NOT NULL,
    message TEXT NOT NULL,
    contact TEXT,
    -- 'nouvelle' until someone of the network has checked it ('traitee').
    statut TEXT NOT NULL DEFAULT 'nouvelle',
    created_at TEXT NOT NULL
);
CREATE INDEX corrections_regie ON corrections (regie_id, statut);
