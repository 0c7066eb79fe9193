-- Inputs refused at the ingest edge (HTTP, Open311, MQTT), with the raw body (clipped) and the reason, so an operator
-- can see what a source gets wrong. Kept to the newest 100,000.
CREATE TABLE ingest_dead_letters (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    feed        text NOT NULL,
    source      text,
    status      integer NOT NULL,
    reason      text NOT NULL,
    raw         text NOT NULL,
    bytes       bigint NOT NULL,
    at_ms       bigint NOT NULL
);
