-- Grid members' tasks (核查, 走访), as the log leaves them; event_seq is the last event that touched the task (for an
-- open one, its assignment, which carries the whole task: the live picture reloads open tasks from it).
CREATE TABLE grid_tasks (
    id              text PRIMARY KEY,
    kind            text NOT NULL,
    member_id       text NOT NULL,
    scope           text NOT NULL,
    title           text NOT NULL,
    work_order_id   text,
    alarm_id        text,
    note            text,
    assigned_at_ms  bigint NOT NULL,
    done_at_ms      bigint,
    result          text,
    event_seq       bigint NOT NULL
);
CREATE INDEX grid_tasks_member ON grid_tasks (member_id) WHERE done_at_ms IS NULL;
