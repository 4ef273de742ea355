-- Records a consumer gave up on: parked on the service's dead-letter topic (by SmallRye) and kept
-- here for the operator, who replays or discards each (GET/POST /api/v1/admin/dead-letters).
-- An open dead letter of a tenant blocks that tenant's business days whose watermark covers it:
-- a fact that was not applied never counts as applied.
create table dead_letters (
    consumer        text        not null,
    topic           text        not null,
    kafka_partition integer     not null,
    kafka_offset    bigint      not null,
    event_id        text,
    event_type      text,
    tenant          text,
    subject         text,
    record_key      text,
    record_value    text        not null,
    -- the clock watermark header of a DayStarted, so that a replay waits as the original did
    watermark       text,
    reason          text        not null,
    attempts        integer     not null default 1,
    dead_lettered_at timestamptz not null default now(),
    status          text        not null default 'OPEN' check (status in ('OPEN', 'REPLAYED', 'DISCARDED')),
    resolved_at     timestamptz,
    resolved_by     text,
    resolution      text,
    primary key (consumer, topic, kafka_partition, kafka_offset)
);
create index dead_letters_open on dead_letters (consumer, tenant) where status = 'OPEN';
create index dead_letters_event on dead_letters (event_id);
