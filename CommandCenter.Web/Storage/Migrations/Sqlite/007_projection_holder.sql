-- One projector at a time: on Redis every node can project the log into the tables, and the one holding the mark's
-- lease does (the others stand by and take over when it lapses). The compare-and-set on the position still guards
-- every commit, so a projector that lost its lease without knowing writes nothing.
ALTER TABLE projection_marks ADD COLUMN holder text;
ALTER TABLE projection_marks ADD COLUMN held_until_ms bigint;
