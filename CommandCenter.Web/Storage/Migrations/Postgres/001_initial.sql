-- CommandCenter schema, PostgreSQL. Times are unix milliseconds (bigint) so PostgreSQL and SQLite share one SQL.

CREATE TABLE jurisdictions (
    code        text PRIMARY KEY,
    name        text NOT NULL,
    level       integer NOT NULL,
    parent      text
);

CREATE TABLE units (
    id          text PRIMARY KEY,
    name        text NOT NULL,
    department  text NOT NULL,
    scope       text NOT NULL
);

-- Every durable event received, once: the system of record the live picture is rebuilt from.
CREATE TABLE feed_events (
    seq             bigserial PRIMARY KEY,
    event_id        text NOT NULL,
    source          text NOT NULL,
    kind            text NOT NULL,
    occurred_at_ms  bigint NOT NULL,
    received_at_ms  bigint NOT NULL,
    scope           text NOT NULL,
    work_order_id   text,
    alarm_key       text,
    payload         jsonb NOT NULL,
    CONSTRAINT feed_events_source_event UNIQUE (source, event_id)
);
CREATE INDEX feed_events_work_order ON feed_events (work_order_id, seq) WHERE work_order_id IS NOT NULL;
CREATE INDEX feed_events_alarm ON feed_events (alarm_key, seq) WHERE alarm_key IS NOT NULL;
CREATE INDEX feed_events_kind_time ON feed_events (kind, occurred_at_ms);

CREATE TABLE work_orders (
    id                  text PRIMARY KEY,
    kind                text NOT NULL,
    source              text NOT NULL,
    category            text NOT NULL,
    urgency             text NOT NULL,
    title               text NOT NULL,
    scope               text NOT NULL,
    lat                 double precision,
    lon                 double precision,
    address             text,
    reporter_contact    text,
    state               text NOT NULL,
    is_open             integer NOT NULL,
    supervision         text NOT NULL,
    unit_id             text,
    stage               text NOT NULL,
    stage_deadline_ms   bigint,
    parked              integer NOT NULL,
    reported_at_ms      bigint NOT NULL,
    last_changed_at_ms  bigint NOT NULL,
    signed_off_at_ms    bigint,
    closed_at_ms        bigint,
    closure             text,
    satisfaction        integer,
    dispatch_count      integer NOT NULL,
    return_count        integer NOT NULL,
    rework_count        integer NOT NULL,
    postpone_count      integer NOT NULL,
    ever_overdue        integer NOT NULL,
    signed_off_on_time  integer,
    handled_on_time     integer
);
CREATE INDEX work_orders_reported ON work_orders (reported_at_ms, scope text_pattern_ops);
CREATE INDEX work_orders_open ON work_orders (scope text_pattern_ops) WHERE is_open = 1;
CREATE INDEX work_orders_changed ON work_orders (last_changed_at_ms);
CREATE INDEX work_orders_closed ON work_orders (closed_at_ms) WHERE closed_at_ms IS NOT NULL;

-- Every transition of every order: who, when, from, to, note.
CREATE TABLE work_order_timeline (
    work_order_id   text NOT NULL REFERENCES work_orders (id),
    ordinal         integer NOT NULL,
    at_ms           bigint NOT NULL,
    actor           text NOT NULL,
    action          text NOT NULL,
    from_state      text NOT NULL,
    to_state        text NOT NULL,
    note            text,
    PRIMARY KEY (work_order_id, ordinal)
);

CREATE TABLE dispatches (
    work_order_id   text NOT NULL REFERENCES work_orders (id),
    ordinal         integer NOT NULL,
    unit_id         text NOT NULL,
    at_ms           bigint NOT NULL,
    actor           text NOT NULL,
    PRIMARY KEY (work_order_id, ordinal)
);
CREATE INDEX dispatches_unit ON dispatches (unit_id, at_ms);

CREATE TABLE alarms (
    alarm_id            text PRIMARY KEY,
    alarm_key           text NOT NULL,
    raised_seq          bigint NOT NULL,
    device_id           text NOT NULL,
    kind                text NOT NULL,
    severity            text NOT NULL,
    description         text NOT NULL,
    scope               text NOT NULL,
    raised_at_ms        bigint NOT NULL,
    last_seen_at_ms     bigint NOT NULL,
    repeat_count        integer NOT NULL,
    cleared_at_ms       bigint,
    acknowledged_at_ms  bigint,
    acknowledged_by     text
);
CREATE UNIQUE INDEX alarms_active_key ON alarms (alarm_key) WHERE cleared_at_ms IS NULL;
CREATE INDEX alarms_raised ON alarms (raised_at_ms);

CREATE TABLE duty_shifts (
    id              text PRIMARY KEY,
    scope           text NOT NULL,
    leader_name     text NOT NULL,
    leader_phone    text NOT NULL,
    members         jsonb NOT NULL,
    start_ms        bigint NOT NULL,
    end_ms          bigint NOT NULL,
    event_seq       bigint NOT NULL
);
CREATE INDEX duty_shifts_end ON duty_shifts (end_ms);

-- Latest telemetry per drone, crowd area and camera (latest wins; no history is kept).
CREATE TABLE telemetry_latest (
    key             text PRIMARY KEY,
    kind            text NOT NULL,
    scope           text NOT NULL,
    occurred_at_ms  bigint NOT NULL,
    event           jsonb NOT NULL
);

CREATE TABLE layouts (
    id              text PRIMARY KEY,
    body            jsonb NOT NULL,
    updated_at_ms   bigint NOT NULL,
    updated_by      text NOT NULL
);

CREATE TABLE users (
    id              text PRIMARY KEY,
    display_name    text NOT NULL,
    role            text NOT NULL,
    jurisdiction    text NOT NULL,
    password_hash   text,
    failed_logins   integer NOT NULL DEFAULT 0,
    locked_until_ms bigint,
    created_at_ms   bigint NOT NULL
);

-- Append-only; each row carries the hash of the one before it.
CREATE TABLE audit_log (
    seq             bigserial PRIMARY KEY,
    at_ms           bigint NOT NULL,
    actor           text NOT NULL,
    action          text NOT NULL,
    target          text,
    detail          text,
    prev_hash       text NOT NULL,
    hash            text NOT NULL
);
CREATE INDEX audit_log_actor ON audit_log (actor, at_ms);

CREATE TABLE dead_letters (
    id              bigserial PRIMARY KEY,
    received_at_ms  bigint NOT NULL,
    source          text NOT NULL,
    reason          text NOT NULL,
    raw             text NOT NULL
);
CREATE INDEX dead_letters_received ON dead_letters (received_at_ms);
