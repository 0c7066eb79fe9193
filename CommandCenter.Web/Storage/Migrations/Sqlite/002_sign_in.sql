-- Sign-in: forced password change for seeded accounts, last sign-in, and the Data Protection key ring shared
-- by all nodes (so a cookie issued by one node is accepted by the others).
ALTER TABLE users ADD COLUMN must_change_password integer NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN last_sign_in_at_ms bigint;

CREATE TABLE data_protection_keys (
    name            text PRIMARY KEY,
    xml             text NOT NULL,
    created_at_ms   bigint NOT NULL
);
