-- The outbox keeps the order its events were written in: a dispatch's acceptance and the dispatch itself are written in
-- one transaction, usually in one millisecond, and a relay that republishes them must send them in that order (the log
-- keeps the first copy of each, at its stream position). created_at_ms alone ties within a millisecond.
ALTER TABLE outbox ADD COLUMN ordinal integer;
UPDATE outbox SET ordinal = rowid;
CREATE TRIGGER outbox_ordinal AFTER INSERT ON outbox BEGIN
    UPDATE outbox SET ordinal = NEW.rowid WHERE rowid = NEW.rowid;
END;
