-- Log first, then project: the tables record how far in the event log they have been brought, in the same
-- transaction as their rows, so a restart projects exactly what was committed to the log but not yet to the tables.
CREATE TABLE projection_marks (
    name        text PRIMARY KEY,
    position    bigint NOT NULL
);

-- The camera registry (雪亮工程, 明厨亮灶, 河长制), projected from its registration events like the other tables.
CREATE TABLE cameras (
    id          text PRIMARY KEY,
    name        text NOT NULL,
    scope       text NOT NULL,
    lat         double precision NOT NULL,
    lon         double precision NOT NULL,
    online      integer NOT NULL,
    stream_url  text,
    event_seq   bigint NOT NULL
);
CREATE INDEX cameras_scope ON cameras (scope);

-- Never written: refused inputs are kept in ingest_dead_letters.
DROP TABLE dead_letters;
