-- The field's workflow: the level that handles an order (两级指挥), its reopenings (重办), and each unit's part in each
-- dispatch round (联动: 主办 and 协办), one row per unit and round.
ALTER TABLE work_orders ADD COLUMN level text NOT NULL DEFAULT 'Street';
ALTER TABLE work_orders ADD COLUMN reopen_count integer NOT NULL DEFAULT 0;

CREATE TABLE work_order_units (
    work_order_id       text NOT NULL REFERENCES work_orders (id),
    round               integer NOT NULL,
    unit_id             text NOT NULL,
    role                text NOT NULL,
    signed_off_at_ms    bigint,
    reported_at_ms      bigint,
    released_at_ms      bigint,
    PRIMARY KEY (work_order_id, round, unit_id)
);
CREATE INDEX work_order_units_unit ON work_order_units (unit_id);

-- A dispatch command remembers the assisting units it chose, one id per line.
ALTER TABLE dispatch_commands ADD COLUMN assisting text NOT NULL DEFAULT '';
