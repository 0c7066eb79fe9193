-- Social-governance matters (社会治理): a dispute's mediation outcome, a safety hazard's rectification deadline (the end
-- of its day, unix ms) and 挂牌 level, a special-group matter's group.
ALTER TABLE work_orders ADD COLUMN mediation text;
ALTER TABLE work_orders ADD COLUMN rectify_by_ms bigint;
ALTER TABLE work_orders ADD COLUMN placard text;
ALTER TABLE work_orders ADD COLUMN special_group text;
