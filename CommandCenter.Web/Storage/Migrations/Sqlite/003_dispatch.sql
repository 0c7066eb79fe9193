-- One-click dispatch: each dispatch command once per idempotency key, and at most one dispatch per order and
-- round (a round is a dispatch after the order's previous one was returned), with the events it publishes kept
-- in an outbox written in the same transaction, so a dispatch is never stored without its event or the reverse.
CREATE TABLE dispatch_commands (
    idempotency_key  text PRIMARY KEY,
    work_order_id    text NOT NULL,
    round            integer NOT NULL,
    unit_id          text NOT NULL,
    unit_name        text NOT NULL,
    actor            text NOT NULL,
    at_ms            bigint NOT NULL,
    reasons          text NOT NULL,
    UNIQUE (work_order_id, round)
);

CREATE TABLE outbox (
    event_id         text PRIMARY KEY,
    event_json       text NOT NULL,
    created_at_ms    bigint NOT NULL,
    published_at_ms  bigint
);

CREATE INDEX outbox_unpublished ON outbox (created_at_ms) WHERE published_at_ms IS NULL;
