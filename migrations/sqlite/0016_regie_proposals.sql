-- A Régie the Atlas does not list yet, proposed by someone who works there (issue 17 §2): the
-- form as typed (JSON of the network's « ajouter une Régie » form) and a message, waiting for the
-- network. Accepted, the Régie is written and the person becomes its administrator (regie_id);
-- refused, nothing is written. Either way the person is mailed.
CREATE TABLE regie_proposals (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    form TEXT NOT NULL,
    message TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    -- NULL while waiting; then 'acceptee' | 'refusee', by whom (NULL: an account deleted since) and when.
    decision TEXT CHECK (decision IN ('acceptee', 'refusee')),
    decided_by BIGINT REFERENCES accounts (id) ON DELETE SET NULL,
    decided_at BIGINT,
    regie_id BIGINT REFERENCES regies (id) ON DELETE SET NULL
);
CREATE INDEX regie_proposals_account ON regie_proposals (account_id);
CREATE INDEX regie_proposals_decided_by ON regie_proposals (decided_by);
CREATE INDEX regie_proposals_regie ON regie_proposals (regie_id);
