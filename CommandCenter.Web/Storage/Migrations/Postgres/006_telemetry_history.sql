-- Telemetry history, thinned: the first point of each stream in each time bucket (a drone every 5 s, a crowd area
-- or a camera every 60 s), kept for Storage:TelemetryRetentionDays. The bucket is part of the key, so whichever node
-- stores a point, and however often it is delivered, the same points are kept.
CREATE TABLE telemetry_history (
    key             text NOT NULL,
    bucket          bigint NOT NULL,
    kind            text NOT NULL,
    scope           text NOT NULL,
    occurred_at_ms  bigint NOT NULL,
    event           jsonb NOT NULL,
    PRIMARY KEY (key, bucket)
);
CREATE INDEX telemetry_history_time ON telemetry_history (occurred_at_ms);
