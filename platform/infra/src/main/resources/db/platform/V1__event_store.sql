-- Relance platform tables, shared by every service (service migrations start at V100).

-- The event store is also the transactional outbox: a decision and its events commit together,
-- and the relay publishes from here. Append-only: UPDATE, DELETE and TRUNCATE are refused.
create table event_store (
    position      bigserial   primary key,
    -- The writing transaction's id. The relay publishes only below the oldest running
    -- transaction (pg_snapshot_xmin), ordered by (tx_id, position): a transaction that commits
    -- late can never be skipped, which a plain position cursor would do.
    tx_id         xid8        not null default pg_current_xact_id(),
    event_id      uuid        not null unique,
    stream_id     text        not null,
    version       bigint      not null check (version > 0),
    type          text        not null,
    topic         text        not null,
    partition_key text        not null,
    tenant        text        not null,
    business_date date        not null,
    recorded_at   timestamptz not null,
    hash          char(64)    not null,
    envelope      text        not null,
    unique (stream_id, version)
);
create index event_store_relay_order on event_store (tx_id, position);

create function event_store_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'event_store is append-only: % refused', tg_op
        using errcode = 'insufficient_privilege';
end;
$$;
create trigger event_store_no_update_delete
    before update or delete on event_store
    for each row execute function event_store_is_append_only();
create trigger event_store_no_truncate
    before truncate on event_store
    for each statement execute function event_store_is_append_only();

-- How far the relay has published, as a (tx_id, position) cursor.
create table relay_checkpoint (
    relay        text        primary key,
    tx_id        xid8        not null default '0'::xid8,
    position     bigint      not null default 0,
    published    bigint      not null default 0,
    updated_at   timestamptz not null default now()
);

-- Idempotent consumers: the id of every event a consumer applied, written in the same
-- transaction as the effect.
create table processed_events (
    consumer     text        not null,
    event_id     uuid        not null,
    topic        text        not null,
    kafka_partition integer  not null,
    kafka_offset bigint      not null,
    processed_at timestamptz not null default now(),
    primary key (consumer, event_id)
);

-- The next offset each consumer has to process, per topic partition, also written with the
-- effect. The clock watermark is checked against it: a day's decisions wait until every
-- record produced before that day's tick has been applied.
create table consumer_progress (
    consumer        text    not null,
    topic           text    not null,
    kafka_partition integer not null,
    next_offset     bigint  not null,
    primary key (consumer, topic, kafka_partition)
);
