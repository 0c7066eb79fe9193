-- Server-side sessions: every signed-in cookie names one record, checked on each request and live connection.
-- Ending the record (sign-out, password change or reset, role or jurisdiction change, disabled account, an admin's
-- "end session") ends the session on every node. Accounts can be disabled.
CREATE TABLE sessions (
    id              text PRIMARY KEY,
    account         text NOT NULL,
    role            text NOT NULL,
    jurisdiction    text NOT NULL,
    client          text NOT NULL,
    agent           text NOT NULL,
    started_at_ms   bigint NOT NULL,
    seen_at_ms      bigint NOT NULL,
    ended_at_ms     bigint,
    ended_why       text
);
CREATE INDEX sessions_by_account ON sessions (account);
CREATE INDEX sessions_by_end ON sessions (ended_at_ms);
ALTER TABLE users ADD COLUMN disabled_at_ms bigint;
