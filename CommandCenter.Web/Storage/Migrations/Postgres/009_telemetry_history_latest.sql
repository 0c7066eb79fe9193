-- Telemetry history used to keep the first point of each bucket; it now keeps the latest, so that each stream's newest
-- history row is its latest value. Where the newest value (telemetry_latest) falls in a bucket whose kept point is older,
-- that bucket keeps the newest value instead (5 s buckets for drones, 60 s for the rest, as the app writes them).
UPDATE telemetry_history
SET occurred_at_ms = (SELECT l.occurred_at_ms FROM telemetry_latest l WHERE l.key = telemetry_history.key),
    scope = (SELECT l.scope FROM telemetry_latest l WHERE l.key = telemetry_history.key),
    event = (SELECT l.event FROM telemetry_latest l WHERE l.key = telemetry_history.key)
WHERE EXISTS (
    SELECT 1 FROM telemetry_latest l
    WHERE l.key = telemetry_history.key
      AND l.occurred_at_ms > telemetry_history.occurred_at_ms
      AND telemetry_history.bucket = l.occurred_at_ms / (CASE WHEN telemetry_history.kind = 'DroneTelemetry' THEN 5000 ELSE 60000 END));
