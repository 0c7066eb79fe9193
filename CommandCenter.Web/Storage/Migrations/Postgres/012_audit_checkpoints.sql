-- Signed checkpoints of the audit chain's head: verification goes on from the last one, and exported copies kept
-- elsewhere show a truncated or rewritten log.
CREATE TABLE audit_checkpoints (
    seq         bigint PRIMARY KEY,
    hash        text NOT NULL,
    at_ms       bigint NOT NULL,
    signature   text
);
