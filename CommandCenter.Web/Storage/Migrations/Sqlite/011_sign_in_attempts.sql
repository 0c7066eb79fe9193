-- Sign-in limits per account and address: a lock applies to the address that earned it, so an attacker cannot lock
-- the owner out; the hourly failures of all addresses of an account bound guessing from many addresses.
CREATE TABLE sign_in_attempts (
    account          text NOT NULL,
    client           text NOT NULL,
    failures         integer NOT NULL,
    locked_until_ms  bigint,
    hour_started_ms  bigint NOT NULL,
    hour_failures    integer NOT NULL,
    succeeded_at_ms  bigint,
    PRIMARY KEY (account, client)
);
